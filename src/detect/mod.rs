//! Detection: every rule runs over a text and proposes candidate spans; word-list hits on
//! common words are held back until the text gives evidence that they are names. The
//! candidates then go to [`crate::resolve`], which picks one span per place.

pub mod lexicon;
mod names;
pub mod patterns;
pub mod tokens;

use crate::rules::schema::{Case, Category, Common};
use crate::rules::RuleSet;
use lexicon::{fold_into, Hit, Owner};
use rustc_hash::FxHashSet as HashSet;

/// One bit per value of a word's hash (modulo their number, a power of two): whether a word
/// may be one of a set, told with one look, before it is copied or looked up in full. Most
/// words of a text are not.
#[derive(Debug, Clone)]
struct Bits(Vec<u64>);

impl Bits {
    /// About 16 bits a word for `words` words (4096 at least), so that few others pass for
    /// one.
    fn for_words(words: usize) -> Self {
        Bits(vec![
            0;
            (words * 16).div_ceil(64).next_power_of_two().max(64)
        ])
    }

    fn bit(&self, hash: u64) -> (usize, u64) {
        // The length is a power of two: a mask, not a division, on every word of a text.
        let bit = hash & (self.0.len() as u64 * 64 - 1);
        ((bit / 64) as usize, 1 << (bit % 64))
    }

    fn insert(&mut self, hash: u64) {
        let (word, bit) = self.bit(hash);
        self.0[word] |= bit;
    }

    /// False only if no word of this hash was inserted.
    fn may_hold(&self, hash: u64) -> bool {
        let (word, bit) = self.bit(hash);
        self.0[word] & bit != 0
    }
}

/// A span some rule proposes to rewrite (byte offsets into the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    /// Index of the rule in the [`RuleSet`].
    pub rule: usize,
    pub category: Category,
    /// A common-word hit still waiting for evidence.
    pub pending: bool,
}

/// What detection found in one text: candidates, and the spans of keep-list terms.
#[derive(Debug, Default)]
pub struct Detection {
    pub candidates: Vec<Candidate>,
    pub kept: Vec<(usize, usize)>,
}

/// Runs every rule of `rules` over `text`. Pending common-word hits that found no evidence
/// are dropped; the rest may still overlap each other and keep-list spans.
pub fn detect(rules: &RuleSet, text: &str) -> Detection {
    let mut detected = detect_all(rules, &[text]);
    detected.pop().expect("a detection for the text")
}

/// [`detect`] of each of `texts`. The pattern rules run one rule at a time over all of
/// them: a rule's automaton then stays in the processor's cache from one text to the next,
/// which on files of a few kilobytes made pattern matching about twice as fast.
pub fn detect_all(rules: &RuleSet, texts: &[&str]) -> Vec<Detection> {
    let found = patterns::find_all(rules, texts);
    texts
        .iter()
        .zip(found)
        .map(|(text, found)| detect_with(rules, text, found))
        .collect()
}

/// Detection of `text` given the candidates of the pattern rules.
fn detect_with(rules: &RuleSet, text: &str, patterns: Vec<Candidate>) -> Detection {
    let mut out = Detection::default();
    let (tokens, plain) = tokens::shaped(text);
    let mut hits: Vec<Hit> = Vec::with_capacity(tokens.len() / 4);
    let lower_case = lower_case_text(text, &tokens);
    rules
        .lexicon
        .scan_tokens(text, &tokens, &plain, lower_case, &mut hits);
    let listed: HashSet<(usize, usize)> = hits.iter().map(|h| (h.start, h.end)).collect();
    // veil's own placeholders are never findings, nor part of one.
    let placeholders: Vec<(usize, usize)> = (rules.placeholders.find_iter(text))
        .map(|m| (m.start(), m.end()))
        .collect();
    out.kept.extend(&placeholders);
    let mut key = String::new();
    for hit in hits {
        let index = match hit.owner {
            Owner::Keep => {
                out.kept.push((hit.start, hit.end));
                continue;
            }
            Owner::Rule(i) => i,
        };
        let rule = rules.rule(index);
        let word = &text[hit.start..hit.end];
        let lower_word = || word.chars().all(|c| !c.is_uppercase());
        if rule.case == Case::Capitalised && !capitalised(word) && !(lower_case && lower_word()) {
            continue;
        }
        fold_into(word, &mut key);
        if rule.except.contains(&key) {
            continue;
        }
        // A word in capitals may be a name (TUNDE, a form's BAPTISTE) or an acronym no
        // keep list knows: it needs evidence like a common word.
        let common = rules.common_words.contains(&key)
            || (rule.case == Case::Capitalised && in_capitals(word));
        let pending = match (common, rule.common) {
            (false, _) | (true, Common::Allow) => false,
            (true, Common::Evidence) => true,
            (true, Common::Skip) => continue,
        };
        out.candidates.push(Candidate {
            start: hit.start,
            end: hit.end,
            rule: index,
            category: rule.category,
            pending,
        });
    }
    // A pattern's match that takes in a placeholder ("Cassette [PERSON 1] says:", in text
    // veil has redacted before) would rewrite veil's own work: it is dropped.
    out.candidates.extend(patterns.into_iter().filter(|c| {
        let next = placeholders.partition_point(|&(_, end)| end <= c.start);
        placeholders
            .get(next)
            .is_none_or(|&(start, _)| start >= c.end)
    }));
    let words = names::Words::new(rules, text, tokens, &listed);
    names::settle_evidence(&words, &mut out.candidates);
    names::extend(&words, &mut out.candidates);
    names::propagate(&words, &mut out.candidates);
    names::keep_kept_names(text, &out.kept, &mut out.candidates);
    out
}

/// Words that open a sentence or a phrase but never a name ("In KSS CRC this means").
const FUNCTION_WORDS: [&str; 40] = [
    "in", "at", "on", "the", "a", "an", "for", "from", "with", "to", "by", "of", "and", "but",
    "so", "our", "my", "their", "his", "her", "its", "this", "that", "these", "those", "when",
    "if", "as", "into", "via", "after", "before", "during", "since", "until", "while", "then",
    "we", "i", "it",
];

/// Bytes of function words (and the spaces after them) opening a multi-word span.
fn leading_function_words(span: &str) -> usize {
    let mut skip = 0;
    while let Some((word, rest)) = span[skip..].split_once([' ', '\t']) {
        if rest.trim().is_empty() || !FUNCTION_WORDS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        skip += word.len() + 1;
        skip += span[skip..].len() - span[skip..].trim_start_matches([' ', '\t']).len();
    }
    skip
}

/// Whether `span` is one or two words, each a common English word ("My Services"; longer
/// runs of capitalised words, such as "North Sea Camp", are names).
fn all_common(rules: &RuleSet, span: &str) -> bool {
    let mut key = String::new();
    tokens::tokenize(span).count() <= 2
        && tokens::tokenize(span).all(|t| {
            // A hyphenated word is common when each part is ("Drop-In").
            tokens::hyphen_parts(span, t).all(|p| {
                fold_into(&span[p.start..p.end], &mut key);
                rules.common_words.contains(&key)
            })
        })
}

/// Starts with a capital letter and does not look like an acronym: not a short word in
/// capitals (NPS, ETE, PO), nor a short or plural mixed-case one (SoS, CAs, POs). Names
/// with an inner capital (McDonald, O'Neill) pass, and so do longer words in capitals
/// (TUNDE, BAPTISTE: transcripts and forms write names so; known acronyms are kept).
pub fn capitalised(word: &str) -> bool {
    // This runs for most words of every text, and most are ASCII and either start in lower
    // case or are a capital and then lower case ("Smith"): those are told at once.
    match word.as_bytes() {
        [first, ..] if first.is_ascii_lowercase() => false,
        [first, rest @ ..]
            if first.is_ascii_uppercase() && rest.iter().all(u8::is_ascii_lowercase) =>
        {
            true
        }
        _ => capitalised_by_letters(word),
    }
}

/// [`capitalised`], from the count of letters and capitals.
fn capitalised_by_letters(word: &str) -> bool {
    // One pass without allocating. Each letter is told by whether it is a capital; ASCII
    // words without decoding characters.
    let (mut letters, mut upper) = (0usize, 0usize);
    let (mut first, mut last, mut before_last) = (false, false, false);
    let mut letter = |up: bool| {
        first |= letters == 0 && up;
        (before_last, last) = (last, up);
        letters += 1;
        upper += usize::from(up);
    };
    if word.is_ascii() {
        let bytes = word.bytes().filter(u8::is_ascii_alphabetic);
        bytes.for_each(|b| letter(b.is_ascii_uppercase()));
    } else {
        let chars = word.chars().filter(|c| c.is_alphabetic());
        chars.for_each(|c| letter(c.is_uppercase()));
    }
    let acronym = if upper == letters {
        letters > 1 && letters < 4
    } else {
        upper >= 2 && (letters <= 4 || (word.ends_with('s') && before_last))
    };
    first && !acronym
}

/// Whether `word` is written in capitals throughout.
pub fn in_capitals(word: &str) -> bool {
    word.chars()
        .filter(|c| c.is_alphabetic())
        .all(char::is_uppercase)
}

/// Whether `text` is written in lower case throughout (chat, diaries typed on a phone):
/// then names are written so too, and capitalisation is no evidence either way.
fn lower_case_text(text: &str, tokens: &[tokens::Token]) -> bool {
    let (mut words, mut capitals) = (0usize, 0usize);
    for t in tokens {
        // Words are at most the tokens: enough capitals already decide it.
        if capitals * 50 >= tokens.len() {
            return false;
        }
        let Some(first) = text[t.start..t.end]
            .chars()
            .next()
            .filter(|c| c.is_alphabetic())
        else {
            continue;
        };
        words += 1;
        capitals += usize::from(first.is_uppercase());
    }
    words >= 50 && capitals * 50 < words
}

/// Whether one of the folded `phrases` ends right before `start` (spaces and a dot after
/// a title allowed in between), as whole words. `scratch` is room for folding the text.
pub fn preceded_by(text: &str, start: usize, phrases: &[String], scratch: &mut String) -> bool {
    if phrases.is_empty() {
        return false;
    }
    let before = text[..start].trim_end_matches([' ', '\t']);
    // "Mr. Rose": a dot after a short capitalised word is an abbreviation's, not a
    // sentence's end ("...his mother. On one occasion" has no context).
    let before = match before.strip_suffix('.') {
        Some(rest) if abbreviation_before(rest) => rest,
        _ => before,
    };
    // The last 41 characters, where a phrase is sought: in ASCII (nearly always), each
    // phrase is compared with the text as it stands, since folding ASCII only lower-cases
    // it.
    let last = &before.as_bytes()[before.len().saturating_sub(41)..];
    if last.is_ascii() {
        return phrases
            .iter()
            .any(|p| ascii_ends_with_phrase(last, p.as_bytes()));
    }
    let from = before.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    lexicon::fold_into(&before[from..], scratch);
    phrases.iter().any(|p| ends_with_phrase(scratch, p))
}

/// Whether `folded` ends with `phrase` as whole words: nothing alphanumeric right before.
fn ends_with_phrase(folded: &str, phrase: &str) -> bool {
    folded
        .strip_suffix(phrase)
        .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
}

/// [`ends_with_phrase`] of the ASCII `text` folded (lower-cased), without a folded copy.
fn ascii_ends_with_phrase(text: &[u8], phrase: &[u8]) -> bool {
    let Some(rest) = text.len().checked_sub(phrase.len()) else {
        return false;
    };
    let folded_is = |(t, p): (&u8, &u8)| t.to_ascii_lowercase() == *p;
    // Most phrases differ in their last letter: compared first.
    phrase
        .last()
        .is_none_or(|p| folded_is((&text[text.len() - 1], p)))
        && text[rest..].iter().zip(phrase).all(folded_is)
        && !text[..rest].last().is_some_and(u8::is_ascii_alphanumeric)
}

fn abbreviation_before(text: &str) -> bool {
    // The word's letters from its end; five are enough to tell it is too long.
    let letters = text.chars().rev().take_while(|c| c.is_alphabetic()).take(5);
    let (count, first) = letters.fold((0, None), |(n, _), c| (n + 1, Some(c)));
    (1..=4).contains(&count) && first.is_some_and(char::is_uppercase)
}

/// Whether `pos` begins a sentence, a line or the text.
pub fn sentence_start(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\t', '"', '“', '\'', '‘', '(', '*', '-', '•']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | '\n' | '\r'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_words_do_not_open_names() {
        assert_eq!(leading_function_words("In KSS CRC"), 3);
        assert_eq!(leading_function_words("At the  Leeds City Council"), 8);
        assert_eq!(leading_function_words("North Sea Camp"), 0);
        assert_eq!(leading_function_words("In"), 0);
    }

    #[test]
    fn capitalisation() {
        assert!(capitalised("Jim"));
        assert!(capitalised("O'Neill"));
        assert!(capitalised("Ó"));
        assert!(!capitalised("jim"));
        assert!(!capitalised("NPS") && capitalised("TUNDE"));
        assert!(!capitalised("SoS") && !capitalised("CAs") && !capitalised("POs"));
        assert!(capitalised("McDonald") && capitalised("DeShawn"));
        assert!(!capitalised("CRCs") && !capitalised("NHSTs") && capitalised("McDonalds"));
        assert!(!capitalised("") && !capitalised("42") && capitalised("A"));
    }

    proptest::proptest! {
        /// The words told at once are told as the count of letters tells them.
        #[test]
        fn capitalised_words_are_told_at_once_as_by_their_letters(word in "[A-Za-z'’0-9-]{0,8}") {
            proptest::prop_assert_eq!(capitalised(&word), capitalised_by_letters(&word));
        }
    }

    proptest::proptest! {
        /// In ASCII, phrases are compared without folding the text: as if it were folded.
        #[test]
        fn phrases_end_ascii_text_as_they_end_it_folded(
            text in "[a-cA-C .]{0,12}",
            phrase in "[a-cA-C]{0,3}( [a-cA-C]{1,2})?",
        ) {
            let folded = lexicon::fold(&text);
            proptest::prop_assert_eq!(
                ascii_ends_with_phrase(text.as_bytes(), phrase.as_bytes()),
                ends_with_phrase(&folded, &phrase)
            );
        }
    }

    #[test]
    fn context_phrases() {
        let phrases = vec!["mr".to_string(), "my client".to_string()];
        assert!(preceded_by(
            "I saw Mr. Rose",
            10,
            &phrases,
            &mut String::new()
        ));
        let family = vec!["mother".to_string()];
        assert!(!preceded_by(
            "his mother. On one",
            12,
            &family,
            &mut String::new()
        ));
        assert!(preceded_by(
            "then My client  Will",
            16,
            &phrases,
            &mut String::new()
        ));
        assert!(!preceded_by("summer Rose", 7, &phrases, &mut String::new()));
        assert!(!preceded_by("Rose", 0, &phrases, &mut String::new()));
    }
}
