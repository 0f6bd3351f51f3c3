//! The common alphabet: Latin letters with their accents, and general punctuation, which
//! nearly all testimony is written in. Each pattern rule also has its regex with every
//! class cut down to this alphabet, used on any stretch of text written wholly in it.
//!
//! A lazy DFA builds each state it meets from the regex's automaton, and full Unicode
//! classes (`\p{L}`, `[^\n:]`) make that automaton large: on a 3 MB text the rules spent
//! three times as long building states as searching with them. Cut down, the same
//! rules built them about three times as fast (measured with `examples/rule_costs`).
//!
//! On a stretch of text whose characters are all in the alphabet, the two regexes find
//! the same matches with the same groups: each way the full regex can match there takes
//! only characters of the alphabet, so it is a way of the cut-down regex too, and the two
//! prefer among those ways in the same order. Look-arounds are left as they are, so the
//! characters just outside a stretch count the same for both.

use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange, Hir, HirKind};

/// The alphabet, as ranges of characters: the Latin blocks (ASCII to the spacing
/// modifier letters, U+02FF), general punctuation (dashes, curly quotes, the ellipsis)
/// and the euro sign.
const ALPHABET: [(char, char); 3] = [
    ('\0', '\u{2FF}'),
    ('\u{2000}', '\u{206F}'),
    ('\u{20AC}', '\u{20AC}'),
];

fn in_alphabet(c: char) -> bool {
    ALPHABET.iter().any(|&(from, to)| (from..=to).contains(&c))
}

/// `hir` with each class cut down to the alphabet; `None` if cutting it down could change
/// what it matches in text of the alphabet: a class of bytes beyond ASCII, which can take
/// part of a character.
pub fn cut_down(hir: &Hir) -> Option<Hir> {
    if !hir.properties().is_utf8() {
        return None;
    }
    let alphabet = ClassUnicode::new(
        ALPHABET
            .iter()
            .map(|&(from, to)| ClassUnicodeRange::new(from, to)),
    );
    Some(super::anchors::rewrite(hir, &|leaf| {
        let HirKind::Class(Class::Unicode(class)) = leaf.kind() else {
            return None;
        };
        let mut cut = class.clone();
        cut.intersect(&alphabet);
        Some(Hir::class(Class::Unicode(cut)))
    }))
}

/// Where a text leaves the alphabet: the byte offsets of its characters outside it.
#[derive(Debug)]
pub struct Outside(Option<Vec<usize>>);

impl Outside {
    pub fn of(text: &str) -> Outside {
        let bytes = text.as_bytes();
        let mut at = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            // ASCII eight bytes at a time: this runs over every text.
            if let Some(eight) = bytes.get(i..i + 8) {
                let word = u64::from_le_bytes(eight.try_into().expect("eight bytes"));
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8;
                    continue;
                }
            }
            if bytes[i].is_ascii() {
                i += 1;
                continue;
            }
            let c = text[i..].chars().next().expect("a character at a boundary");
            if !in_alphabet(c) {
                at.push(i);
            }
            i += c.len_utf8();
        }
        Outside(Some(at))
    }

    /// Every character taken to be outside the alphabet, so that searches use the full
    /// regexes only: the reference that tests compare with.
    pub fn everything() -> Outside {
        Outside(None)
    }

    /// Whether every character starting in `from..to` is in the alphabet.
    pub fn clean(&self, from: usize, to: usize) -> bool {
        let Some(at) = &self.0 else {
            return false;
        };
        let first = at.partition_point(|&at| at < from);
        at.get(first).is_none_or(|&at| at >= to)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stretch_is_clean_when_no_character_in_it_is_outside_the_alphabet() {
        // Accents, curly quotes, dashes and the euro sign are in; a ballot box and an
        // emoji are not.
        let text = "Zoë’s café – €5 ☐ yes 👍 ok";
        let outside = Outside::of(text);
        let ballot = text.find('☐').unwrap();
        let thumb = text.find('👍').unwrap();
        assert_eq!(outside.0, Some(vec![ballot, thumb]));
        assert!(outside.clean(0, ballot));
        assert!(!outside.clean(0, ballot + 1));
        assert!(outside.clean(ballot + '☐'.len_utf8(), thumb));
        assert!(!outside.clean(thumb, text.len()));
        assert!(outside.clean(text.len(), text.len()));
        assert!(!Outside::everything().clean(0, 0));
        // Long ASCII runs are skipped eight bytes at a time, up to the first byte beyond.
        let long = format!("{}☐{}", "a".repeat(21), "b".repeat(13));
        assert_eq!(Outside::of(&long).0, Some(vec![21]));
    }

    #[test]
    fn classes_are_cut_down_to_the_alphabet_and_groups_kept() {
        let parse = |p: &str| regex_syntax::Parser::new().parse(p).unwrap();
        let cut = cut_down(&parse(r"(?P<name>\p{Lu}\p{Ll}+)[^\n:]")).unwrap();
        let HirKind::Concat(parts) = cut.kind() else {
            panic!("{cut:?}")
        };
        let HirKind::Capture(name) = parts[0].kind() else {
            panic!("{cut:?}")
        };
        assert_eq!(name.name.as_deref(), Some("name"));
        let HirKind::Class(Class::Unicode(last)) = parts[1].kind() else {
            panic!("{cut:?}")
        };
        assert!(last
            .iter()
            .all(|r| in_alphabet(r.start()) && in_alphabet(r.end())));
        assert!(last.iter().any(|r| r.start() <= '’' && '’' <= r.end()));
        // A class of bytes beyond ASCII could take part of a character: not cut down. (The
        // rules' parser refuses such classes; another could allow them.)
        let mut bytes = regex_syntax::ParserBuilder::new().utf8(false).build();
        assert!(cut_down(&bytes.parse(r"(?-u:[\x80-\xFF])a").unwrap()).is_none());
    }
}
