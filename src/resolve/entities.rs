//! Entities: the mentions that name the same thing share one entity, and so one
//! replacement, across every file of a batch.
//!
//! Two mentions name the same thing when they have the same category and the same key:
//! their text after case, diacritic, apostrophe and hyphen folding, whitespace collapsing
//! and possessive stripping. Within one document a person's partial mentions take the key
//! of their full name ([`document_keys`]):
//! - a one-word mention ("Chidi", "Okafor", "Mr Okafor"'s "Okafor") that is a word of
//!   exactly one full name in the document;
//! - initials ("CO") that are the initials of exactly one full name in the document.
//!
//! A word or initials shared by two full names in the document (two people surnamed
//! Okafor) link to neither: the mention keeps its own key, so two people are never merged
//! on a guess. Partial mentions are not linked across documents, where a shared surname
//! says even less.

use crate::detect::lexicon::fold;
use crate::detect::tokens::possessive_len;
use crate::resolve::Finding;
use crate::rules::schema::Category;
use crate::strings::{Span, Strings};
use rustc_hash::FxHashMap as HashMap;

/// One entity of a batch, as [`EntityTable::get`] shows it.
#[derive(Debug, Clone, Copy)]
pub struct Entity<'t> {
    pub category: Category,
    /// 1-based, per category, in order of first appearance in the batch.
    pub number: usize,
    /// The normalised text that identifies it.
    pub key: &'t str,
    /// The text of its first mention, as written.
    pub first: &'t str,
    /// The rule that found its first mention.
    pub rule: usize,
    /// Filled in by [`crate::rewrite::assign`].
    pub replacement: &'t str,
}

impl Entity<'_> {
    /// The id written to the audit log, such as `PERSON-3`.
    pub fn id(&self) -> String {
        let mut id = String::new();
        self.write_id(&mut id);
        id
    }

    /// Appends [`Entity::id`] to `out`: the audit log writes one for every change.
    pub fn write_id(&self, out: &mut String) {
        out.push_str(self.category.name());
        out.push('-');
        out.push_str(itoa::Buffer::new().format(self.number));
    }
}

/// An entity as stored: its strings live in the table's one text, so an entity costs a few
/// dozen bytes instead of three allocations (a batch can hold hundreds of thousands).
#[derive(Debug, Clone, Copy)]
struct Stored {
    category: Category,
    number: u32,
    rule: u32,
    key: Span,
    first: Span,
    /// Whether `first` names the entity in full: its own key is the entity's.
    full: bool,
    replacement: Span,
}

/// The entities of a batch, numbered in the order their first mention is registered.
#[derive(Debug, Default)]
pub struct EntityTable {
    entities: Vec<Stored>,
    /// Every key, first mention and replacement.
    text: Strings,
    /// Indices into `entities`, by category and key.
    index: hashbrown::HashTable<usize>,
    counts: HashMap<Category, u32>,
}

/// The text that identifies a mention: folded, whitespace collapsed, possessive stripped.
pub fn entity_key(mention: &str) -> String {
    let mention = &mention[..mention.len() - possessive_len(mention)];
    // Most mentions are words with one space between: folded as they are, with no copy
    // joined first.
    let spaced = mention.split(' ').all(|w| !w.is_empty())
        && !mention.contains(|c: char| c.is_whitespace() && c != ' ');
    if spaced {
        return fold(mention);
    }
    fold(&mention.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl EntityTable {
    /// The entity with `key` in `category`, created if new; `mention` is the text as written.
    pub fn intern(&mut self, category: Category, key: &str, mention: &str, rule: usize) -> usize {
        let hash = Self::hash(category, key);
        let (entities, text) = (&self.entities, &self.text);
        if let Some(&i) = self.index.find(hash, |&i| {
            entities[i].category == category && text.bytes(entities[i].key) == key.as_bytes()
        }) {
            // Remember the entity by a mention that names it in full (the mapping file
            // matches entities by it), not by a partial one that came first.
            if !entities[i].full && entity_key(mention) == key {
                self.entities[i].first = self.text.push(mention);
                self.entities[i].full = true;
            }
            return i;
        }
        let count = self.counts.entry(category).or_insert(0);
        *count += 1;
        let number = *count;
        let stored = Stored {
            category,
            number,
            rule: u32::try_from(rule).expect("fewer than 4 billion rules"),
            key: self.text.push(key),
            first: self.text.push(mention),
            full: entity_key(mention) == key,
            replacement: Span::default(),
        };
        self.entities.push(stored);
        let i = self.entities.len() - 1;
        let (entities, text) = (&self.entities, &self.text);
        self.index.insert_unique(hash, i, |&j| {
            Self::hash(entities[j].category, text.get(entities[j].key))
        });
        i
    }

    fn hash(category: Category, key: &str) -> u64 {
        use std::hash::BuildHasher;
        rustc_hash::FxBuildHasher.hash_one((category, key))
    }

    /// The entity with index `i`, as [`intern`](Self::intern) returned it.
    pub fn get(&self, i: usize) -> Entity<'_> {
        let stored = &self.entities[i];
        Entity {
            category: stored.category,
            number: stored.number as usize,
            key: self.text.get(stored.key),
            first: self.text.get(stored.first),
            rule: stored.rule as usize,
            replacement: self.text.get(stored.replacement),
        }
    }

    /// Sets the replacement of entity `i`.
    pub fn set_replacement(&mut self, i: usize, replacement: &str) {
        self.entities[i].replacement = self.text.push(replacement);
    }

    /// Every entity, in order of first appearance.
    pub fn iter(&self) -> impl Iterator<Item = Entity<'_>> {
        (0..self.len()).map(|i| self.get(i))
    }

    pub fn len(&self) -> usize {
        self.entities.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entities.is_empty()
    }
}

/// The entity key of each finding of one document (see the module documentation).
pub fn document_keys(findings: &[Finding], originals: &[&str]) -> Vec<String> {
    let mut keys: Vec<String> = originals.iter().map(|o| entity_key(o)).collect();
    let person = |i: usize| findings[i].category == Category::Person;
    // A word, or the initials, of a full name → the full names (indices of their first
    // key) it belongs to. Words are slices of the keys: no string made for each.
    let mut by_word: HashMap<&str, Vec<usize>> = HashMap::default();
    let mut by_initials: HashMap<String, Vec<usize>> = HashMap::default();
    let named = |names: &mut Vec<usize>, i: usize, keys: &[String]| {
        if !names.iter().any(|&n| keys[n] == keys[i]) {
            names.push(i);
        }
    };
    for (i, key) in keys.iter().enumerate() {
        if !person(i) || !key.contains(' ') {
            continue;
        }
        let initials: String = key.split(' ').filter_map(|w| w.chars().next()).collect();
        for word in key.split(' ') {
            named(by_word.entry(word).or_default(), i, &keys);
        }
        named(by_initials.entry(initials).or_default(), i, &keys);
    }
    // The full name each one-word person mention stands for, if exactly one.
    let full: Vec<Option<usize>> = (keys.iter().zip(originals).enumerate())
        .map(|(i, (key, original))| {
            if !person(i) || key.contains(' ') {
                return None;
            }
            let letters = || original.chars().filter(|c| c.is_alphabetic());
            let initials =
                (2..=4).contains(&letters().count()) && letters().all(char::is_uppercase);
            let names = if initials {
                by_initials.get(key.as_str())
            } else {
                by_word.get(key.as_str())
            };
            match names.map(Vec::as_slice) {
                Some(&[only]) => Some(only),
                _ => None,
            }
        })
        .collect();
    drop((by_word, by_initials));
    // Names first, from keys still whole; then each other key moves out as it is.
    let names: Vec<Option<String>> = full.iter().map(|f| f.map(|n| keys[n].clone())).collect();
    (names.into_iter().zip(&mut keys))
        .map(|(name, key)| name.unwrap_or_else(|| std::mem::take(key)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_that_fold_alike_share_an_entity() {
        let mut t = EntityTable::default();
        let mut intern = |c, m: &str| t.intern(c, &entity_key(m), m, 0);
        let a = intern(Category::Person, "Siân O’Neill");
        assert_eq!(intern(Category::Person, "SIÂN  o'neill's"), a);
        let b = intern(Category::Person, "Jim");
        assert_ne!(a, b);
        let c = intern(Category::Loc, "Jim");
        assert_ne!(b, c);
        assert_eq!(t.get(b).id(), "PERSON-2");
        assert_eq!(t.get(c).id(), "LOC-1");
    }
}

#[cfg(test)]
mod linking {
    use super::*;

    fn keys(mentions: &[(Category, &str)]) -> Vec<String> {
        let findings: Vec<Finding> = mentions
            .iter()
            .map(|&(category, _)| Finding {
                start: 0,
                end: 0,
                rule: 0,
                category,
            })
            .collect();
        let originals: Vec<&str> = mentions.iter().map(|&(_, m)| m).collect();
        document_keys(&findings, &originals)
    }

    #[test]
    fn partial_mentions_take_the_full_name() {
        let p = Category::Person;
        let k = keys(&[
            (p, "Chris Grayling"),
            (p, "Grayling"),
            (p, "CG"),
            (p, "chris"),
            (p, "Jim"),
            (Category::Loc, "Chris"),
        ]);
        assert_eq!(
            k,
            [
                "chris grayling",
                "chris grayling",
                "chris grayling",
                "chris grayling",
                "jim",
                "chris"
            ]
        );
    }

    #[test]
    fn a_shared_surname_links_to_neither_person() {
        let p = Category::Person;
        let k = keys(&[
            (p, "Chidi Okafor"),
            (p, "Ngozi Okafor"),
            (p, "Okafor"),
            (p, "Ngozi"),
            (p, "CO"),
        ]);
        assert_eq!(
            k,
            [
                "chidi okafor",
                "ngozi okafor",
                "okafor",
                "ngozi okafor",
                "chidi okafor"
            ]
        );
    }
}
