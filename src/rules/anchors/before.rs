//! What may stand right before an anchor in a match: the regex around a literal often says
//! ("st" in `[ \t]+(?:Road|St)`, "is" in `\b(?:was|is)\b`). Checking the byte before each
//! hit drops the hits inside longer words ("first", "this"), and with them most of the
//! windows a rule would otherwise search.

use regex_syntax::hir::{Class, Hir, HirKind, Look};

/// A set of bytes that may come right before a position (the last byte of the character
/// there), and whether the position may be the text's start.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Before {
    bytes: [u64; 4],
    start: bool,
    /// An ASCII word boundary stands at the position, and nothing more is known: what it
    /// allows depends on the byte after it (see [`Before::resolve`]).
    boundary: bool,
}

impl Before {
    /// Anything may come before.
    pub const ANY: Before = Before {
        bytes: [!0; 4],
        start: true,
        boundary: false,
    };

    const NONE: Before = Before {
        bytes: [0; 4],
        start: false,
        boundary: false,
    };

    /// Whether the byte before `at` in `text` (or the text's start) is allowed.
    pub fn allows(&self, text: &[u8], at: usize) -> bool {
        match at.checked_sub(1) {
            None => self.start,
            Some(i) => self.has(text[i]),
        }
    }

    fn has(&self, b: u8) -> bool {
        self.bytes[usize::from(b / 64)] & (1 << (b % 64)) != 0
    }

    /// Adds `b`, in both cases: anchors are matched ignoring ASCII case.
    fn add(&mut self, b: u8) {
        for b in [b.to_ascii_lowercase(), b.to_ascii_uppercase()] {
            self.bytes[usize::from(b / 64)] |= 1 << (b % 64);
        }
    }

    fn add_range(&mut self, from: u8, to: u8) {
        for b in from..=to {
            self.add(b);
        }
    }

    pub fn union(mut self, other: Before) -> Before {
        for (a, b) in self.bytes.iter_mut().zip(other.bytes) {
            *a |= b;
        }
        self.start |= other.start;
        self.boundary |= other.boundary;
        self
    }

    /// Before a literal starting with `first`: a word boundary then means a non-word byte
    /// (or the start) if `first` is a word byte, and a word byte if it is not.
    pub fn resolve(mut self, first: u8) -> Before {
        if std::mem::take(&mut self.boundary) {
            self = self.union(if is_word(first) { NON_WORD } else { WORD });
        }
        self
    }

    /// What may come before the position after a match of `parts` (one after another),
    /// given that `outer` may come before the first.
    pub fn after(parts: &[Hir], outer: Before) -> Before {
        let (set, empty) = ends_of(parts);
        if empty {
            set.union(outer)
        } else {
            set
        }
    }
}

const fn is_word(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// The ASCII word bytes, or (with the start) all others.
const fn words(word: bool) -> Before {
    let mut bytes = [0u64; 4];
    let mut b = 0;
    while b < 256 {
        if is_word(b as u8) == word {
            bytes[b / 64] |= 1 << (b % 64);
        }
        b += 1;
    }
    Before {
        bytes,
        start: !word,
        boundary: false,
    }
}

const WORD: Before = words(true);
const NON_WORD: Before = words(false);

/// The bytes a match of `hir` may end with, and whether it may be empty (then whatever
/// came before it may also come last). A look-around decides what stands before it.
fn ends(hir: &Hir) -> (Before, bool) {
    match hir.kind() {
        HirKind::Empty => (Before::NONE, true),
        HirKind::Literal(lit) => match lit.0.last() {
            Some(&b) => {
                let mut set = Before::NONE;
                set.add(b);
                (set, false)
            }
            None => (Before::NONE, true),
        },
        HirKind::Class(Class::Unicode(class)) => {
            let mut set = Before::NONE;
            for r in class.iter().take_while(|r| r.start().is_ascii()) {
                set.add_range(r.start() as u8, r.end().min('\x7F') as u8);
            }
            if class.iter().any(|r| !r.end().is_ascii()) {
                // A character beyond ASCII ends with a continuation byte.
                set.add_range(0x80, 0xBF);
            }
            (set, false)
        }
        HirKind::Class(Class::Bytes(class)) => {
            let mut set = Before::NONE;
            for r in class.iter() {
                set.add_range(r.start(), r.end());
            }
            (set, false)
        }
        HirKind::Look(look) => (looking(*look), false),
        HirKind::Repetition(rep) => {
            if rep.max == Some(0) {
                return (Before::NONE, true);
            }
            let (set, empty) = ends(&rep.sub);
            (set, empty || rep.min == 0)
        }
        HirKind::Capture(cap) => ends(&cap.sub),
        HirKind::Concat(parts) => ends_of(parts),
        HirKind::Alternation(branches) => branches
            .iter()
            .map(ends)
            .fold((Before::NONE, false), |(set, empty), (s, e)| {
                (set.union(s), empty || e)
            }),
    }
}

/// [`ends`] of `parts` one after another.
fn ends_of(parts: &[Hir]) -> (Before, bool) {
    let mut set = Before::NONE;
    for part in parts.iter().rev() {
        let (s, empty) = ends(part);
        set = set.union(s);
        if !empty {
            return (set, false);
        }
    }
    (set, true)
}

/// What may stand before a position where `look` holds.
fn looking(look: Look) -> Before {
    let only = |bytes: &[u8]| {
        let mut set = Before::NONE;
        bytes.iter().for_each(|&b| set.add(b));
        set.start = true;
        set
    };
    match look {
        Look::Start => only(b""),
        Look::StartLF => only(b"\n"),
        Look::StartCRLF => only(b"\r\n"),
        Look::WordAscii => Before {
            boundary: true,
            ..Before::NONE
        },
        Look::WordStartAscii | Look::WordStartHalfAscii => NON_WORD,
        Look::WordEndAscii => WORD,
        _ => Before::ANY,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn before(pattern: &str, literal_at: usize) -> Before {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        let HirKind::Concat(parts) = hir.kind() else {
            panic!("a concatenation");
        };
        Before::after(&parts[..literal_at], Before::ANY)
    }

    #[test]
    fn a_class_or_boundary_before_a_literal_limits_the_byte_before_it() {
        let spaced = before(r"\p{Lu}+[ \t]+St", 2).resolve(b's');
        assert!(spaced.allows(b"Elm St", 4) && spaced.allows(b"Elm\tSt", 4));
        assert!(!spaced.allows(b"first", 3) && !spaced.allows(b"St", 0));
        let bounded = before(r"(?-u:\b)is", 1).resolve(b'i');
        assert!(bounded.allows(b"is", 0) && bounded.allows(b"it is", 3));
        assert!(!bounded.allows(b"this", 2));
        // An optional part lets what comes before it through.
        let optional = before(r"(?m)^[ \t]*To:", 2).resolve(b't');
        assert!(optional.allows(b"To:", 0) && optional.allows(b"x\n  To:", 4));
        assert!(optional.allows(b"x\nTo:", 2) && !optional.allows(b"Goto:", 2));
        // Nothing known: anything goes.
        let open = before(r"\w*is", 1).resolve(b'i');
        assert!(open.allows(b"this", 2));
        // Letters in either case, and what ends a character beyond ASCII.
        let letters = before(r"[a-c\x{e9}]x", 1).resolve(b'x');
        assert!(letters.allows(b"Bx", 1) && letters.allows("\u{e9}x".as_bytes(), 2));
        assert!(!letters.allows(b"dx", 1));
    }
}
