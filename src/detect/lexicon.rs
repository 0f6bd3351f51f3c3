//! Every word list of every rule file, and the keep list, matched in one pass.
//!
//! Single-word terms (the bulk: tens of thousands of names and places) are looked up token
//! by token in one hash map; multi-word terms ("Lake District", "Ministry of Justice") go
//! into one Aho-Corasick automaton. A 240k-pattern automaton takes over half a second to
//! build (see DATA-SOURCES.md), which would dominate a CI check of one small file, while the
//! map builds in milliseconds and a lookup costs one hash per word.

use super::tokens::{ascii_letter_or_digit, hyphen_parts, possessive_len, Token};
use crate::strings::{hash_bytes, Span, StringMap, Strings};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use rustc_hash::FxHashMap as HashMap;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Who asked for a term: the keep list, or the rule with this index.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Keep,
    Rule(usize),
}

/// A word-list hit: a byte range of the text and the owner of the term it matched.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    pub start: usize,
    pub end: usize,
    pub owner: Owner,
}

/// The form in which terms and text are compared: lower case, without diacritics (the
/// open name lists spell Siân as Sian), straight apostrophes and plain hyphens.
pub fn fold_into(word: &str, out: &mut String) {
    out.clear();
    if word.is_ascii() {
        // Most words: one copy, then lower case in place.
        out.push_str(word);
        out.make_ascii_lowercase();
        return;
    }
    for c in word.chars() {
        match c {
            '’' => out.push('\''),
            '‐' | '‑' => out.push('-'),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => {
                for d in std::iter::once(c).nfd().filter(|d| !is_combining_mark(*d)) {
                    out.extend(d.to_lowercase());
                }
            }
        }
    }
}

/// [`fold_into`] returning a new string.
pub fn fold(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    fold_into(word, &mut out);
    out
}

/// The owners of one term: almost always one, so no allocation for it. Loading the
/// built-in lists (150,000 terms) on every run is where start-up time goes.
#[derive(Debug, Clone)]
enum Owners {
    One(Owner),
    Many(Vec<Owner>),
}

impl Owners {
    fn as_slice(&self) -> &[Owner] {
        match self {
            Owners::One(o) => std::slice::from_ref(o),
            Owners::Many(v) => v,
        }
    }

    fn add(&mut self, owner: Owner) {
        match self {
            Owners::One(o) if *o != owner => *self = Owners::Many(vec![*o, owner]),
            Owners::Many(v) if !v.contains(&owner) => v.push(owner),
            _ => {}
        }
    }
}

/// Single-word terms, stored once each: no allocation per term, since loading the built-in
/// lists (110,000 words) is most of start-up.
type Words = StringMap<Owners>;

#[derive(Default)]
pub struct LexiconBuilder {
    words: Words,
    phrases: HashMap<String, Vec<Owner>>,
    scratch: String,
}

impl LexiconBuilder {
    /// Adds `term` for `owner`. Terms are compared folded (see [`fold`]).
    pub fn add(&mut self, term: &str, owner: Owner) {
        fold_into(term.trim(), &mut self.scratch);
        let key = self.scratch.as_str();
        if super::tokens::is_single_token(key) {
            self.words.entry(key, || Owners::One(owner)).add(owner);
        } else {
            // Phrases are matched on the text as written, folding ASCII case only: so the
            // folded form, the form with its accents, and each with curly apostrophes
            // ("Ynys Môn", "King’s Lynn") are all patterns.
            let folded = key.to_string();
            let accented = term.trim().to_lowercase();
            for form in [
                folded.clone(),
                folded.replace('\'', "’"),
                accented.clone(),
                accented.replace('\'', "’"),
            ] {
                let owners = self.phrases.entry(form).or_default();
                if !owners.contains(&owner) {
                    owners.push(owner);
                }
            }
        }
    }

    /// The lexicon, told which rules match capitalised words only.
    pub fn build(self, capitalised_only: impl Fn(usize) -> bool) -> Lexicon {
        let mut phrases: Vec<(String, Vec<Owner>)> = self.phrases.into_iter().collect();
        phrases.sort_by(|a, b| a.0.cmp(&b.0));
        let any = |o: &Owner| !matches!(o, Owner::Rule(i) if capitalised_only(*i));
        let any_case: Vec<u64> = (self.words.iter())
            .filter(|(_, owners)| owners.as_slice().iter().any(any))
            .map(|(word, _)| Words::hash(word))
            .collect();
        // Sized to them: a user's case-blind list can be long.
        let mut bits = super::Bits::for_words(any_case.len());
        any_case.into_iter().for_each(|hash| bits.insert(hash));
        Lexicon {
            words: self.words,
            phrases: Phrases::new(phrases),
            any_case: bits,
        }
    }
}

/// Multi-word terms, grouped by their first two runs of letters and digits (in ASCII lower
/// case): the text is then read once, with a hash lookup at each start of a run, rather than
/// by a second automaton over every byte, which took a tenth of a check's time. Two runs,
/// not one: three thousand Irish surnames open with "O" or "Ó". A term that does not open
/// with a letter or digit is rare enough to go into a small automaton instead.
struct Phrases {
    /// Sorted by group.
    terms: Vec<(String, Vec<Owner>)>,
    /// Each group's key: its two runs joined by a space (the second empty for a term of
    /// one run, such as "co.").
    keys: Strings,
    /// A group's key and the range of its terms.
    groups: hashbrown::HashTable<(Span, u32, u32)>,
    /// Whether some term has only one run, so that a text's run alone is a key too.
    one_run: bool,
    /// The groups' first runs, by a few bits of their hash: most of a text's words open no
    /// term, and are passed over with one look here.
    firsts: super::Bits,
    /// The terms opening otherwise, and their indices in `terms`.
    odd: Option<(AhoCorasick, Vec<usize>)>,
}

impl Phrases {
    fn new(terms: Vec<(String, Vec<Owner>)>) -> Phrases {
        let mut keyed: Vec<(String, (String, Vec<Owner>))> = terms
            .into_iter()
            .map(|term| {
                let first = 0..run_end(&term.0, 0);
                let second = second_run(&term.0, first.end);
                let key = format!("{} {}", &term.0[first], &term.0[second]).to_ascii_lowercase();
                (key, term)
            })
            .collect();
        keyed.sort_by(|a, b| (&a.0, &a.1 .0).cmp(&(&b.0, &b.1 .0)));
        let (mut keys, mut groups) = (Strings::default(), hashbrown::HashTable::new());
        let mut firsts = super::Bits::for_words(keyed.len());
        let (mut one_run, mut odd) = (false, Vec::new());
        let mut start = 0;
        for (i, (key, _)) in keyed.iter().enumerate() {
            if key.starts_with(' ') {
                odd.push(i);
                start = i + 1;
                continue;
            }
            let last = keyed.get(i + 1).is_none_or(|(next, _)| next != key);
            if last {
                one_run |= key.ends_with(' ');
                let span = keys.push(key);
                let (a, b) = key.split_once(' ').expect("two runs");
                let first = first_hash(a.as_bytes());
                firsts.insert(first);
                groups.insert_unique(
                    Self::hash(first, b.as_bytes()),
                    (span, start as u32, i as u32 + 1),
                    |&(span, ..)| {
                        let (a, b) = keys.get(span).split_once(' ').expect("two runs");
                        Self::hash(first_hash(a.as_bytes()), b.as_bytes())
                    },
                );
                start = i + 1;
            }
        }
        let terms: Vec<(String, Vec<Owner>)> = keyed.into_iter().map(|(_, t)| t).collect();
        let odd = (!odd.is_empty()).then(|| {
            let automaton = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(odd.iter().map(|&i| terms[i].0.as_str()))
                .expect("phrase automaton within aho-corasick's limits");
            (automaton, odd)
        });
        Phrases {
            terms,
            keys,
            groups,
            one_run,
            firsts,
            odd,
        }
    }

    /// The hash of a key, from the [`first_hash`] of its first run and its second run.
    fn hash(first: u64, second: &[u8]) -> u64 {
        use std::hash::Hasher;
        let mut h = rustc_hash::FxHasher::default();
        h.write_u64(first);
        for &b in second {
            h.write_u8(b.to_ascii_lowercase());
        }
        h.finish()
    }

    /// The indices of the terms whose two runs are `first` (of hash `hash`) and `second`,
    /// compared in ASCII lower case.
    fn group(&self, (first, hash): (&[u8], u64), second: &[u8]) -> std::ops::Range<usize> {
        let found = self.groups.find(Self::hash(hash, second), |&(span, ..)| {
            let key = self.keys.bytes(span);
            key.len() == first.len() + 1 + second.len()
                && key[..first.len()].eq_ignore_ascii_case(first)
                && key[first.len() + 1..].eq_ignore_ascii_case(second)
        });
        found.map_or(0..0, |&(_, from, to)| from as usize..to as usize)
    }

    /// Adds to `found` the occurrences in `text`, as whole words (no letter or digit just
    /// before or after) and folding ASCII case only, of the terms starting in `token`:
    /// at its start, and after each inner apostrophe or hyphen ("Stoke-on-Trent Valley").
    /// `first` is the end and [`first_hash`] of the token's first run of letters and digits.
    fn find_in(
        &self,
        text: &str,
        token: Token,
        first: (usize, u64),
        found: &mut Vec<(usize, usize, usize)>,
    ) {
        if self.terms.is_empty() {
            return;
        }
        let bytes = text.as_bytes();
        let (mut start, (mut first_end, mut hash)) = (token.start, first);
        loop {
            let first = &bytes[start..first_end];
            if self.firsts.may_hold(hash) {
                let second = second_run(text, first_end);
                // With no second run, the group is that of the terms of one run.
                let alone = if self.one_run && !second.is_empty() {
                    self.group((first, hash), b"")
                } else {
                    0..0
                };
                for i in self.group((first, hash), &bytes[second]).chain(alone) {
                    let term = self.terms[i].0.as_bytes();
                    let end = start + term.len();
                    if bytes
                        .get(start..end)
                        .is_some_and(|t| t.eq_ignore_ascii_case(term))
                        && whole_word_end(text, end)
                    {
                        found.push((start, end, i));
                    }
                }
            }
            start = first_end;
            start += text[start..token.end]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            if start >= token.end {
                return;
            }
            first_end = run_end(text, start);
            hash = first_hash(&bytes[start..first_end]);
        }
    }

    /// Adds to `found` the occurrences of the terms that open otherwise than with a letter
    /// or digit, then puts all of `found` in an automaton's order: by end, the longer of
    /// two ending together first.
    fn finish(
        &self,
        text: &str,
        mut found: Vec<(usize, usize, usize)>,
    ) -> Vec<(usize, usize, usize)> {
        if let Some((automaton, odd)) = &self.odd {
            for m in automaton.find_overlapping_iter(text) {
                let (start, end) = (m.start(), m.end());
                let before = text[..start].chars().next_back();
                if !before.is_some_and(char::is_alphanumeric) && whole_word_end(text, end) {
                    found.push((start, end, odd[m.pattern().as_usize()]));
                }
            }
        }
        found.sort_unstable_by_key(|&(start, end, term)| (end, start, term));
        found
    }
}

/// Whether no letter or digit follows `end`.
fn whole_word_end(text: &str, end: usize) -> bool {
    !text[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
}

/// The hash of a term's first run, in ASCII lower case.
fn first_hash(run: &[u8]) -> u64 {
    hash_bytes(run, true)
}

/// The run of letters and digits that follows the end of one at `after` (past what is
/// between), empty if there is none.
fn second_run(s: &str, after: usize) -> std::ops::Range<usize> {
    let mut next = after;
    while let Some(c) = s[next..].chars().next().filter(|c| !c.is_alphanumeric()) {
        next += c.len_utf8();
    }
    next..run_end(s, next)
}

/// The end of the run of letters and digits starting at `at`.
fn run_end(s: &str, at: usize) -> usize {
    let bytes = s.as_bytes();
    let mut end = at;
    while end < bytes.len() {
        if bytes[end].is_ascii() {
            if !ascii_letter_or_digit(bytes[end]) {
                break;
            }
            end += 1;
        } else {
            match s[end..].chars().next() {
                Some(c) if c.is_alphanumeric() => end += c.len_utf8(),
                _ => break,
            }
        }
    }
    end
}

/// The end of the first run of letters and digits of `token` (see [`run_end`]), whether the
/// token is ASCII, and whether it holds a hyphen: from one pass over an ASCII token's bytes,
/// where three would each go over most words of a text.
fn shape(text: &str, token: Token) -> (usize, bool, bool) {
    let bytes = &text.as_bytes()[token.start..token.end];
    let (mut first_end, mut hyphen) = (None, false);
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii() {
            let word = &text[token.start..token.end];
            let hyphen = word.contains(['-', '‐', '‑']);
            return (run_end(text, token.start), false, hyphen);
        }
        if !ascii_letter_or_digit(b) {
            first_end.get_or_insert(token.start + i);
            hyphen |= b == b'-';
        }
    }
    (first_end.unwrap_or(token.end), true, hyphen)
}

/// The compiled word lists.
pub struct Lexicon {
    words: Words,
    phrases: Phrases,
    /// The single words that some owner takes in any case (the keep list, rules without
    /// `case: capitalised`), by a few bits of their hash: most words of prose start in
    /// lower case, and need no look in the table unless one of these may match.
    any_case: super::Bits,
}

impl Lexicon {
    /// Number of distinct single-word and multi-word terms.
    pub fn len(&self) -> usize {
        self.words.len() + self.phrases.terms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The owners of a single folded word, if any.
    pub fn owners_of(&self, folded: &str) -> &[Owner] {
        self.words.get(folded).map_or(&[], Owners::as_slice)
    }

    /// Appends every hit in `text` (as `tokens`) to `hits`. A possessive ending stays
    /// outside the hit; a hyphenated word that is not itself a term is looked up part by
    /// part. Unless `every_case`, a word starting in lower case is looked up only for the
    /// owners that take any case: the others' hits on it would be dropped (see
    /// [`super::capitalised`]).
    pub fn scan_tokens(
        &self,
        text: &str,
        tokens: &[Token],
        plain: &[bool],
        every_case: bool,
        hits: &mut Vec<Hit>,
    ) {
        let mut key = String::new();
        let lower = |at: usize| !every_case && text.as_bytes()[at].is_ascii_lowercase();
        let mut phrases = Vec::new();
        // Each token's shape and the hash of its first run, worked out ahead (a chunk of
        // tokens at a time, so that the shapes of a long text are never all held): a word's
        // slot in the table is fetched a few words before it is looked up (see
        // `StringMap::prefetch`), which is most of a look-up's time otherwise.
        const CHUNK: usize = 256;
        const AHEAD: usize = 8;
        // A token's word (without a possessive ending), its first run's end and hash,
        // whether it is hyphenated, and the word's hash when it is that of the first run
        // (an ASCII word of one run: most words).
        type Shaped = (Token, (usize, u64), bool, Option<u64>);
        let mut shapes: Vec<Shaped> = Vec::with_capacity(CHUNK);
        debug_assert_eq!(tokens.len(), plain.len(), "a flag for each token");
        for (chunk, plain) in tokens.chunks(CHUNK).zip(plain.chunks(CHUNK)) {
            shapes.clear();
            shapes.extend(chunk.iter().zip(plain).map(|(&token, &plain)| {
                // A plain token (most) is one ASCII run: its own shape.
                let (core, (first_end, ascii, hyphenated)) = if plain {
                    (token, (token.end, true, false))
                } else {
                    let word = &text[token.start..token.end];
                    let core = Token {
                        start: token.start,
                        end: token.end - possessive_len(word),
                    };
                    (core, shape(text, token))
                };
                // The phrases read the token's first run: most words are one run, and
                // then its hash is the word's too, taken once for both.
                let hash = first_hash(&text.as_bytes()[token.start..first_end]);
                let known = (ascii && first_end == core.end).then_some(hash);
                (core, (first_end, hash), hyphenated, known)
            }));
            for (i, (&token, &(core, first, hyphenated, known))) in
                chunk.iter().zip(&shapes).enumerate()
            {
                if let Some(&(ahead, _, _, Some(hash))) = shapes.get(i + AHEAD) {
                    if self.sought(hash, lower(ahead.start)) {
                        self.words.prefetch(hash);
                    }
                }
                // A hyphenated word's parts are looked up when the whole is no term: so the
                // whole is looked up in full.
                let whole_lower = !hyphenated && lower(token.start);
                if !self.lookup(text, core, known, whole_lower, &mut key, hits) && hyphenated {
                    for part in hyphen_parts(text, core) {
                        self.lookup(text, part, None, lower(part.start), &mut key, hits);
                    }
                }
                self.phrases.find_in(text, token, first, &mut phrases);
            }
        }
        for (start, end, term) in self.phrases.finish(text, phrases) {
            for &owner in &self.phrases.terms[term].1 {
                hits.push(Hit { start, end, owner });
            }
        }
    }

    /// Whether a word of `hash` may be in the table for the owners it is sought for: those
    /// that take any case if `lower`, else all.
    fn sought(&self, hash: u64, lower: bool) -> bool {
        !lower || self.any_case.may_hold(hash)
    }

    /// Adds the hits of the word at `token`, only for owners that take any case if
    /// `lower`; whether it is a term (or, if `lower`, may be one). `known` is the hash of
    /// the word, if it is ASCII and the caller has it.
    fn lookup(
        &self,
        text: &str,
        token: Token,
        known: Option<u64>,
        lower: bool,
        key: &mut String,
        hits: &mut Vec<Hit>,
    ) -> bool {
        let word = &text[token.start..token.end];
        // Most words are ASCII, which folding only lower-cases: no folded copy of those.
        // Terms hold no ASCII capitals, so comparing them ignoring ASCII case is comparing
        // them with the folded word; and the hash ignores ASCII case too.
        let (folded, hash) = if let Some(hash) = known {
            debug_assert!(word.is_ascii() && hash == Words::hash(word));
            (word, hash)
        } else if word.is_ascii() {
            (word, Words::hash(word))
        } else {
            fold_into(word, key);
            (key.as_str(), Words::hash(key))
        };
        if !self.sought(hash, lower) {
            return false;
        }
        let owners = self
            .words
            .find(hash, |term| term.eq_ignore_ascii_case(folded.as_bytes()));
        let owners = owners.map_or(&[][..], Owners::as_slice);
        for &owner in owners {
            hits.push(Hit {
                start: token.start,
                end: token.end,
                owner,
            });
        }
        !owners.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::tokens::{shaped, tokenize};

    fn lexicon(terms: &[(&str, Owner)]) -> Lexicon {
        let mut b = LexiconBuilder::default();
        for (t, o) in terms {
            b.add(t, *o);
        }
        b.build(|_| false)
    }

    fn found(lex: &Lexicon, text: &str) -> Vec<(String, Owner)> {
        found_in_case(lex, text, true)
    }

    fn found_in_case(lex: &Lexicon, text: &str, every_case: bool) -> Vec<(String, Owner)> {
        let (tokens, plain) = shaped(text);
        let mut hits = Vec::new();
        lex.scan_tokens(text, &tokens, &plain, every_case, &mut hits);
        hits.iter()
            .map(|h| (text[h.start..h.end].to_string(), h.owner))
            .collect()
    }

    #[test]
    fn words_phrases_possessives_and_parts() {
        let lex = lexicon(&[
            ("Jim", Owner::Rule(0)),
            ("Mae", Owner::Rule(0)),
            ("Lake District", Owner::Rule(1)),
            ("Stoke-on-Trent", Owner::Rule(1)),
            ("O’Neill", Owner::Rule(2)),
            ("NPS", Owner::Keep),
        ]);
        assert_eq!(
            found(
                &lex,
                "JIM's trip to the lake district, Stoke-on-Trent and O'Neill; Ellie-Mae. NPS-led"
            ),
            [
                ("JIM".to_string(), Owner::Rule(0)),
                ("Stoke-on-Trent".to_string(), Owner::Rule(1)),
                ("O'Neill".to_string(), Owner::Rule(2)),
                ("Mae".to_string(), Owner::Rule(0)),
                ("NPS".to_string(), Owner::Keep),
                ("lake district".to_string(), Owner::Rule(1)),
            ]
        );
    }

    #[test]
    fn a_word_in_lower_case_is_sought_only_for_owners_taking_any_case() {
        let mut b = LexiconBuilder::default();
        b.add("Rose", Owner::Rule(0));
        b.add("Hope", Owner::Rule(1));
        b.add("NPS", Owner::Keep);
        let lex = b.build(|rule| rule == 0);
        let text = "rose hope nps Rose rose-Hope";
        let words = |every_case: bool| {
            let found = found_in_case(&lex, text, every_case);
            found.into_iter().map(|(w, _)| w).collect::<Vec<_>>()
        };
        // "rose" is a term only for the capitalised-only rule: no use, in either place.
        assert_eq!(words(false), ["hope", "nps", "Rose", "Hope"]);
        assert_eq!(words(true), ["rose", "hope", "nps", "Rose", "rose", "Hope"]);
    }

    #[test]
    fn phrases_match_with_accents_and_curly_apostrophes() {
        let lex = lexicon(&[
            ("Ynys Môn", Owner::Rule(1)),
            ("King's Lynn", Owner::Rule(1)),
        ]);
        assert_eq!(
            found(&lex, "in YNYS MÔN").len(),
            0,
            "non-ASCII case is not folded"
        );
        assert_eq!(found(&lex, "in Ynys Môn and King’s Lynn").len(), 2);
        assert_eq!(found(&lex, "in Ynys Mon").len(), 1);
    }

    #[test]
    fn phrases_start_at_any_word_even_inside_a_token() {
        let lex = lexicon(&[
            ("Trent Valley", Owner::Rule(1)),
            ("O Brien", Owner::Rule(0)),
            ("O Neill", Owner::Rule(0)),
            ("Acme Co.", Owner::Rule(2)),
            ("Co.", Owner::Rule(2)),
            ("#team red", Owner::Rule(3)),
        ]);
        let text = "Stoke-on-Trent Valley, o neill, O'Brien, Acme Co. and #Team Red";
        assert_eq!(
            found(&lex, text),
            [
                ("Trent Valley".to_string(), Owner::Rule(1)),
                ("o neill".to_string(), Owner::Rule(0)),
                ("Acme Co.".to_string(), Owner::Rule(2)),
                ("Co.".to_string(), Owner::Rule(2)),
                ("#Team Red".to_string(), Owner::Rule(3)),
            ]
        );
    }

    proptest::proptest! {
        /// The phrase index finds what one automaton over every byte finds.
        #[test]
        fn phrases_are_found_as_an_automaton_finds_them(
            terms in proptest::collection::vec("[aoó#]{0,2}[ .'-]{1,2}[aBó]{0,2}( [ab])?", 1..6),
            picks in proptest::collection::vec(0usize..16, 0..12),
        ) {
            let mut terms: Vec<String> = terms.into_iter().filter(|t| !t.trim().is_empty()).collect();
            terms.sort();
            terms.dedup();
            // Texts made of the terms (some in capitals) and of what may join or part them.
            let pieces = [" ", "-", "'", "a", "O", "Ó", ".", "b "];
            let text: String = picks
                .iter()
                .map(|&p| match terms.get(p / 2) {
                    Some(t) if p % 2 == 1 => t.to_uppercase(),
                    Some(t) => t.clone(),
                    None => pieces[p % pieces.len()].to_string(),
                })
                .collect();
            let phrases = Phrases::new(terms.iter().map(|t| (t.clone(), vec![Owner::Keep])).collect());
            let automaton = AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .build(phrases.terms.iter().map(|t| t.0.as_str()))
                .unwrap();
            let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
            let expected: Vec<(usize, usize, usize)> = automaton
                .find_overlapping_iter(&text)
                .filter(|m| !alnum(text[..m.start()].chars().next_back()) && !alnum(text[m.end()..].chars().next()))
                .map(|m| (m.start(), m.end(), m.pattern().as_usize()))
                .collect();
            let tokens: Vec<Token> = tokenize(&text).collect();
            let mut found = Vec::new();
            for &t in &tokens {
                let end = run_end(&text, t.start);
                let first = (end, first_hash(&text.as_bytes()[t.start..end]));
                phrases.find_in(&text, t, first, &mut found);
            }
            proptest::prop_assert_eq!(phrases.finish(&text, found), expected);
        }
    }

    #[test]
    fn phrases_need_word_boundaries() {
        let lex = lexicon(&[("Lake District", Owner::Rule(1))]);
        assert!(found(&lex, "the Lake Districts").is_empty());
        assert!(found(&lex, "BigLake District").is_empty());
    }
}
