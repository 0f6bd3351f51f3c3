//! Words as veil sees them: runs of letters and digits, joined across an inner apostrophe
//! or hyphen (`O'Neill`, `Okonkwo-Bright`, `Stoke-on-Trent`, `Jim's`). Word lists are
//! looked up token by token, so a term is a "single word" exactly when it is one token.

/// A token's byte range in its text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub start: usize,
    pub end: usize,
}

fn is_word_char(c: char) -> bool {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => ascii_letter_or_digit(b),
        _ => c.is_alphanumeric(),
    }
}

/// Whether `b` is an ASCII letter or digit.
pub fn ascii_letter_or_digit(b: u8) -> bool {
    b.is_ascii() && ASCII_WORD[usize::from(b)] == LETTER_OR_DIGIT
}

/// Whether `b` is an ASCII letter, digit or underscore: a character of a run of word
/// characters (a handle's `carer_2`); the underscore is no part of a token.
pub fn ascii_word_byte(b: u8) -> bool {
    b.is_ascii() && ASCII_WORD[usize::from(b)] != 0
}

const LETTER_OR_DIGIT: u8 = 1;
const UNDERSCORE: u8 = 2;

/// What each ASCII byte is to the scans of words: a letter or digit, the underscore, or
/// neither (0). One look, where the tests of the ranges were most of a loop run on every
/// byte of every text.
const ASCII_WORD: [u8; 128] = {
    let mut table = [0; 128];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            table[b] = LETTER_OR_DIGIT;
        }
        b += 1;
    }
    table[b'_' as usize] = UNDERSCORE;
    table
};

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '‐' | '‑')
}

/// The tokens of `text`, in order.
pub fn tokenize(text: &str) -> Tokens<'_> {
    Tokens { text, pos: 0 }
}

/// The tokens of `text`, in order, and whether each is plain (see [`Tokens::next_shaped`]).
pub fn shaped(text: &str) -> (Vec<Token>, Vec<bool>) {
    // Sized ahead (prose runs to about a word in six bytes): grown a doubling at a time,
    // they were copied over and over on every text.
    let (mut tokens, mut plain) = (
        Vec::with_capacity(text.len() / 5),
        Vec::with_capacity(text.len() / 5),
    );
    let mut scan = tokenize(text);
    while let Some((token, is_plain)) = scan.next_shaped() {
        tokens.push(token);
        plain.push(is_plain);
    }
    (tokens, plain)
}

/// Iterator returned by [`tokenize`].
pub struct Tokens<'a> {
    text: &'a str,
    pos: usize,
}

/// The char at byte `at` of `text` (a char boundary), and its length.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let byte = *text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
}

impl Tokens<'_> {
    /// The next token, and whether it is plain: ASCII letters and digits only, with no
    /// joiner, as most words are (then it is one run, and no possessive).
    // Byte by byte, decoding only non-ASCII characters: this runs over every word of every
    // text, and most are ASCII.
    pub fn next_shaped(&mut self) -> Option<(Token, bool)> {
        let text = self.text;
        let mut at = self.pos;
        let start = loop {
            let (c, len) = char_at(text, at)?;
            if is_word_char(c) {
                break at;
            }
            at += len;
        };
        let (mut end, mut plain) = (start, true);
        while let Some((c, len)) = char_at(text, at) {
            if is_word_char(c) {
                end = at + len;
                plain &= len == 1;
            } else if is_joiner(c) && char_at(text, at + len).is_some_and(|(n, _)| is_word_char(n))
            {
                plain = false;
            } else {
                break;
            }
            at += len;
        }
        self.pos = end;
        Some((Token { start, end }, plain))
    }
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        self.next_shaped().map(|(token, _)| token)
    }
}

/// The parts of a hyphenated token (`Ellie-Mae` → `Ellie`, `Mae`), as byte ranges.
pub fn hyphen_parts(text: &str, token: Token) -> impl Iterator<Item = Token> + '_ {
    let mut offset = token.start;
    text[token.start..token.end]
        .split(['-', '‐', '‑'])
        .map(move |part| {
            let t = Token {
                start: offset,
                end: offset + part.len(),
            };
            // Each hyphen variant is one char; skip it.
            offset += part.len();
            offset += text[offset..].chars().next().map_or(0, char::len_utf8);
            t
        })
        .filter(|t| t.end > t.start)
}

/// Length in bytes of a possessive ending (`'s`, `’s`, or a bare apostrophe after `s`)
/// at the end of `word`, or 0.
pub fn possessive_len(word: &str) -> usize {
    for suffix in ["'s", "’s", "'S", "’S"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return suffix.len();
        }
    }
    for suffix in ["s'", "s’"] {
        if word.len() > suffix.len() && word.ends_with(suffix) {
            return suffix.len() - 1;
        }
    }
    0
}

/// Whether `term` is written as exactly one token.
pub fn is_single_token(term: &str) -> bool {
    // Most terms of the word lists: one plain word, no need to tokenize.
    if !term.is_empty() && term.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return true;
    }
    let mut tokens = tokenize(term);
    matches!((tokens.next(), tokens.next()), (Some(t), None) if t.start == 0 && t.end == term.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<&str> {
        tokenize(text).map(|t| &text[t.start..t.end]).collect()
    }

    #[test]
    fn joins_inner_apostrophes_and_hyphens_only() {
        assert_eq!(
            words("O'Neill met Okonkwo-Bright in Stoke-on-Trent - 'twas Jim's."),
            [
                "O'Neill",
                "met",
                "Okonkwo-Bright",
                "in",
                "Stoke-on-Trent",
                "twas",
                "Jim's"
            ]
        );
        assert_eq!(words("Zoë, Siân’s café"), ["Zoë", "Siân’s", "café"]);
        assert_eq!(words("--"), Vec::<&str>::new());
    }

    /// The tokenizer as first written, over chars: the byte-wise one must agree with it.
    fn reference(text: &str) -> Vec<Token> {
        let mut out = Vec::new();
        let mut pos = 0;
        while let Some(offset) = text[pos..].find(is_word_char) {
            let start = pos + offset;
            let mut end = start;
            let mut chars = text[start..].char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                if is_word_char(c) {
                    end = start + i + c.len_utf8();
                } else if is_joiner(c) && chars.peek().is_some_and(|&(_, n)| is_word_char(n)) {
                    continue;
                } else {
                    break;
                }
            }
            out.push(Token { start, end });
            pos = end;
        }
        out
    }

    /// Texts of ASCII words, joiners, separators and characters beyond ASCII.
    const TEXTS: &str = "([a-zA-Z0-9]{0,4}|[ .,'’\\-‐‑_\n]|[éÖ’ß٣日\u{301}]){0,40}";

    proptest::proptest! {
        #[test]
        fn tokens_are_those_of_the_char_by_char_tokenizer(
            text in TEXTS
        ) {
            proptest::prop_assert_eq!(tokenize(&text).collect::<Vec<_>>(), reference(&text));
        }

        #[test]
        fn plain_tokens_are_those_of_ascii_letters_and_digits(
            text in TEXTS
        ) {
            let (tokens, plain) = shaped(&text);
            proptest::prop_assert_eq!(&tokens, &reference(&text));
            for (t, plain) in tokens.iter().zip(plain) {
                let ascii = text[t.start..t.end].bytes().all(|b| b.is_ascii_alphanumeric());
                proptest::prop_assert_eq!(plain, ascii, "{:?}", &text[t.start..t.end]);
            }
        }
    }

    #[test]
    fn hyphen_parts_are_byte_ranges() {
        let text = "x Ellie-Mae‐Zoë";
        let tok = tokenize(text).nth(1).unwrap();
        let parts: Vec<&str> = hyphen_parts(text, tok)
            .map(|t| &text[t.start..t.end])
            .collect();
        assert_eq!(parts, ["Ellie", "Mae", "Zoë"]);
    }

    #[test]
    fn possessives() {
        assert_eq!(possessive_len("Jim's"), 2);
        assert_eq!(possessive_len("Siân’s"), 4);
        assert_eq!(possessive_len("James'"), 1);
        assert_eq!(possessive_len("'s"), 0);
        assert_eq!(possessive_len("Jim"), 0);
    }

    #[test]
    fn single_tokens() {
        assert!(is_single_token("Stoke-on-Trent"));
        assert!(!is_single_token("Lake District"));
        assert!(!is_single_token("Mr."));
    }
}
