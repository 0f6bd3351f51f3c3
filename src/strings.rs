//! Many small strings kept end to end in one, each known by its [`Span`]: no allocation per
//! string, for tables of hundreds of thousands (the word lists, a batch's entities).

/// An append-only store of strings.
#[derive(Debug, Default)]
pub struct Strings(String);

/// Where one string of a [`Strings`] lies.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Span {
    start: u32,
    len: u32,
}

impl Strings {
    /// Stores `s`.
    pub fn push(&mut self, s: &str) -> Span {
        let start = self.0.len();
        u32::try_from(start + s.len()).expect("under 4 GiB of strings");
        self.0.push_str(s);
        Span {
            start: start as u32,
            len: s.len() as u32,
        }
    }

    /// The string stored at `span`.
    pub fn get(&self, span: Span) -> &str {
        &self.0[span.start as usize..(span.start + span.len) as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_come_back_as_stored() {
        let mut s = Strings::default();
        let (a, empty, b) = (s.push("Siân"), s.push(""), s.push("O’Neill"));
        assert_eq!((s.get(a), s.get(empty), s.get(b)), ("Siân", "", "O’Neill"));
    }
}
