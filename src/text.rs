//! Positions in a text: byte offsets to 1-based lines and character columns (a byte-order
//! mark at the start of the file is not counted), and code-point offsets for brat files.

/// The months, for date rules and for telling them from names.
pub const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The days of the week, and their usual abbreviations.
pub const WEEKDAYS: [&str; 11] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Mon",
    "Tues",
    "Wed",
    "Thurs",
];

/// Converts increasing byte offsets into (line, column) in one pass over the text.
pub struct Positions<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    /// Characters from the start of the line (the byte-order mark not counted) to `at`.
    column: usize,
}

impl<'a> Positions<'a> {
    pub fn new(text: &'a str) -> Self {
        let bom = if text.starts_with('\u{feff}') {
            '\u{feff}'.len_utf8()
        } else {
            0
        };
        Positions {
            text,
            at: bom,
            line: 1,
            column: 0,
        }
    }

    /// The position of `offset`; offsets must not decrease between calls.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        if offset > self.at {
            let stretch = &self.text[self.at..offset];
            // Line feeds found and counted by memchr, many bytes at a time: this runs over
            // the whole text of every document checked.
            match memchr::memrchr(b'\n', stretch.as_bytes()) {
                Some(nl) => {
                    self.line += memchr::memchr_iter(b'\n', stretch.as_bytes()).count();
                    self.column = stretch[nl + 1..].chars().count();
                }
                None => self.column += stretch.chars().count(),
            }
            self.at = offset;
        }
        debug_assert!(
            offset == self.at || offset == 0,
            "offsets must not decrease"
        );
        (self.line, self.column + 1)
    }
}

/// The position of one byte offset.
pub fn position(text: &str, offset: usize) -> (usize, usize) {
    Positions::new(text).at(offset)
}

/// Maps code-point offsets to byte offsets (brat standoff counts code points).
pub fn char_to_byte(text: &str) -> Vec<usize> {
    let mut map: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    map.push(text.len());
    map
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_count_characters_not_bytes() {
        let text = "\u{feff}Zoë met\r\nSiân’s Jim";
        let mut p = Positions::new(text);
        assert_eq!(p.at(3), (1, 1));
        assert_eq!(p.at(text.find("met").unwrap()), (1, 5));
        assert_eq!(p.at(text.find("Siân").unwrap()), (2, 1));
        assert_eq!(p.at(text.find("Jim").unwrap()), (2, 8));
    }

    #[test]
    fn code_points_to_bytes() {
        let map = char_to_byte("aë’b");
        assert_eq!(map, [0, 1, 3, 6, 7]);
    }
}
