//! Entities: the mentions that name the same thing share one entity, and so one
//! replacement, across every file of a batch. Two mentions name the same thing when they
//! have the same category and the same text after case folding, apostrophe and hyphen
//! folding, whitespace collapsing and possessive stripping.

use crate::detect::lexicon::fold;
use crate::detect::tokens::possessive_len;
use crate::rules::schema::Category;
use std::collections::HashMap;

/// One entity of a batch.
#[derive(Debug, Clone)]
pub struct Entity {
    pub category: Category,
    /// 1-based, per category, in order of first appearance in the batch.
    pub number: usize,
    /// The normalised text that identifies it.
    pub key: String,
    /// The text of its first mention, as written.
    pub first: String,
    /// Filled in by [`crate::rewrite::assign`].
    pub replacement: String,
}

impl Entity {
    /// The id written to the audit log, such as `PERSON-3`.
    pub fn id(&self) -> String {
        format!("{}-{}", self.category, self.number)
    }
}

/// The entities of a batch, numbered in the order their first mention is registered.
#[derive(Debug, Default)]
pub struct EntityTable {
    pub entities: Vec<Entity>,
    index: HashMap<(Category, String), usize>,
    counts: HashMap<Category, usize>,
}

/// The text that identifies a mention: folded, whitespace collapsed, possessive stripped.
pub fn entity_key(mention: &str) -> String {
    let mention = &mention[..mention.len() - possessive_len(mention)];
    fold(&mention.split_whitespace().collect::<Vec<_>>().join(" "))
}

impl EntityTable {
    /// The entity that `mention` of `category` belongs to, created if new.
    pub fn intern(&mut self, category: Category, mention: &str) -> usize {
        let key = entity_key(mention);
        if let Some(&i) = self.index.get(&(category, key.clone())) {
            return i;
        }
        let count = self.counts.entry(category).or_insert(0);
        *count += 1;
        self.entities.push(Entity {
            category,
            number: *count,
            key: key.clone(),
            first: mention.to_string(),
            replacement: String::new(),
        });
        self.index.insert((category, key), self.entities.len() - 1);
        self.entities.len() - 1
    }

    pub fn get(&self, i: usize) -> &Entity {
        &self.entities[i]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mentions_that_fold_alike_share_an_entity() {
        let mut t = EntityTable::default();
        let a = t.intern(Category::Person, "Siân O’Neill");
        assert_eq!(t.intern(Category::Person, "SIÂN  o'neill's"), a);
        let b = t.intern(Category::Person, "Jim");
        assert_ne!(a, b);
        let c = t.intern(Category::Loc, "Jim");
        assert_ne!(b, c);
        assert_eq!(t.get(b).id(), "PERSON-2");
        assert_eq!(t.get(c).id(), "LOC-1");
    }
}
