//! Every word list of every rule file, and the keep list, matched in one pass.
//!
//! Single-word terms (the bulk: tens of thousands of names and places) are looked up token
//! by token in one hash map; multi-word terms ("Lake District", "Ministry of Justice") go
//! into one Aho-Corasick automaton. A 240k-pattern automaton takes over half a second to
//! build (see DATA-SOURCES.md), which would dominate a CI check of one small file, while the
//! map builds in milliseconds and a lookup costs one hash per word.

use super::tokens::{hyphen_parts, possessive_len, tokenize, Token};
use crate::strings::{Span, Strings};
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

/// Single-word terms, stored once each with a hash table over them: no allocation per
/// term, since loading the built-in lists (110,000 words) is most of start-up.
#[derive(Default)]
struct Words {
    text: Strings,
    table: hashbrown::HashTable<(Span, Owners)>,
}

impl Words {
    fn hash(word: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one(word)
    }

    fn get(&self, word: &str) -> Option<&Owners> {
        let text = &self.text;
        self.table
            .find(Self::hash(word), |&(span, _)| text.get(span) == word)
            .map(|(_, owners)| owners)
    }

    fn add(&mut self, word: &str, owner: Owner) {
        let hash = Self::hash(word);
        let Words { text, table } = self;
        if let Some((_, owners)) = table.find_mut(hash, |&(span, _)| text.get(span) == word) {
            owners.add(owner);
            return;
        }
        let span = text.push(word);
        table.insert_unique(hash, (span, Owners::One(owner)), |&(span, _)| {
            Self::hash(text.get(span))
        });
    }

    fn len(&self) -> usize {
        self.table.len()
    }
}

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
            self.words.add(key, owner);
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

    pub fn build(self) -> Lexicon {
        let mut phrases: Vec<(String, Vec<Owner>)> = self.phrases.into_iter().collect();
        phrases.sort_by(|a, b| a.0.cmp(&b.0));
        let automaton = (!phrases.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(phrases.iter().map(|(p, _)| p.as_str()))
                .expect("phrase automaton within aho-corasick's limits")
        });
        Lexicon {
            words: self.words,
            automaton,
            phrase_owners: phrases.into_iter().map(|(_, o)| o).collect(),
        }
    }
}

/// The compiled word lists.
pub struct Lexicon {
    words: Words,
    automaton: Option<AhoCorasick>,
    phrase_owners: Vec<Vec<Owner>>,
}

impl Lexicon {
    /// Number of distinct single-word and multi-word terms.
    pub fn len(&self) -> usize {
        self.words.len() + self.phrase_owners.len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The owners of a single folded word, if any.
    pub fn owners_of(&self, folded: &str) -> &[Owner] {
        self.words.get(folded).map_or(&[], Owners::as_slice)
    }

    /// Appends every hit in `text` to `hits`. A possessive ending stays outside the hit;
    /// a hyphenated word that is not itself a term is looked up part by part.
    pub fn scan(&self, text: &str, hits: &mut Vec<Hit>) {
        let tokens: Vec<Token> = tokenize(text).collect();
        self.scan_tokens(text, &tokens, hits);
    }

    /// [`Lexicon::scan`] over the already tokenized `text`.
    pub fn scan_tokens(&self, text: &str, tokens: &[Token], hits: &mut Vec<Hit>) {
        let mut key = String::new();
        for &token in tokens {
            let word = &text[token.start..token.end];
            let core = Token {
                start: token.start,
                end: token.end - possessive_len(word),
            };
            if !self.lookup(text, core, &mut key, hits) && word.contains(['-', '‐', '‑']) {
                for part in hyphen_parts(text, core) {
                    self.lookup(text, part, &mut key, hits);
                }
            }
        }
        if let Some(automaton) = &self.automaton {
            for m in automaton.find_overlapping_iter(text) {
                let (start, end) = (m.start(), m.end());
                let before = text[..start].chars().next_back();
                let after = text[end..].chars().next();
                if before.is_some_and(char::is_alphanumeric)
                    || after.is_some_and(char::is_alphanumeric)
                {
                    continue;
                }
                for &owner in &self.phrase_owners[m.pattern().as_usize()] {
                    hits.push(Hit { start, end, owner });
                }
            }
        }
    }

    fn lookup(&self, text: &str, token: Token, key: &mut String, hits: &mut Vec<Hit>) -> bool {
        fold_into(&text[token.start..token.end], key);
        let owners = self.owners_of(key);
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

    fn lexicon(terms: &[(&str, Owner)]) -> Lexicon {
        let mut b = LexiconBuilder::default();
        for (t, o) in terms {
            b.add(t, *o);
        }
        b.build()
    }

    fn found(lex: &Lexicon, text: &str) -> Vec<(String, Owner)> {
        let mut hits = Vec::new();
        lex.scan(text, &mut hits);
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
    fn phrases_need_word_boundaries() {
        let lex = lexicon(&[("Lake District", Owner::Rule(1))]);
        assert!(found(&lex, "the Lake Districts").is_empty());
        assert!(found(&lex, "BigLake District").is_empty());
    }
}
