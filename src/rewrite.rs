//! Rewriting: choosing each entity's replacement, and splicing replacements into a text.
//!
//! Strategies (set per category in the rule files, `rewrite:`):
//! - `placeholder`: `[LABEL N]`, N numbering the category's entities by first appearance
//!   in the batch;
//! - `pseudonym` (PERSON): a name from the bundled pool, of the same shape as the original
//!   (one word → a given name; more → given name and surname). With a key, the pool is
//!   entered at a keyed hash of the name, so the choice is the same on every machine with
//!   that key; without one, in order of first appearance. No two entities share a
//!   pseudonym, and no pseudonym is a name that a mention in the batch uses.

use crate::detect::lexicon::fold;
use crate::key::Key;
use crate::resolve::entities::EntityTable;
use crate::resolve::Finding;
use crate::rules::schema::{Category, Strategy};
use crate::rules::RuleSet;
use std::collections::HashSet;

/// Fills in the replacement of every entity of `table`.
pub fn assign(table: &mut EntityTable, rules: &RuleSet, key: Option<&Key>) {
    let in_batch: HashSet<String> = table
        .entities
        .iter()
        .filter(|e| e.category == Category::Person)
        .flat_map(|e| {
            e.key
                .split([' ', '-'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    let mut used: HashSet<String> = HashSet::new();
    let mut sequence = 0usize;
    for entity in &mut table.entities {
        let (strategy, label) = rules.strategy(entity.category);
        let placeholder = format!("[{label} {}]", entity.number);
        entity.replacement = match strategy {
            Strategy::Placeholder => placeholder,
            Strategy::Pseudonym => {
                let start = match key {
                    Some(key) => key.hash(&entity.key) as usize,
                    None => {
                        sequence += 1;
                        sequence - 1
                    }
                };
                let words = entity.key.split_whitespace().count();
                pseudonym(rules, start, words, &in_batch, &mut used).unwrap_or(placeholder)
            }
        };
    }
}

/// The first free pseudonym of `words` words, probing the pools from `start`.
fn pseudonym(
    rules: &RuleSet,
    start: usize,
    words: usize,
    in_batch: &HashSet<String>,
    used: &mut HashSet<String>,
) -> Option<String> {
    let given = &rules.pseudonyms.given;
    let surnames = &rules.pseudonyms.surnames;
    let free = |name: &str| !in_batch.contains(&fold(name));
    if given.is_empty() {
        return None;
    }
    for step in 0..given.len() * surnames.len().max(1) {
        let i = start.wrapping_add(step);
        let first = &given[i % given.len()];
        let name = if words > 1 && !surnames.is_empty() {
            // Spread surnames so that consecutive entities do not share one.
            let last =
                &surnames[(i / given.len()).wrapping_add(i.wrapping_mul(31)) % surnames.len()];
            if !free(last) {
                continue;
            }
            format!("{first} {last}")
        } else {
            first.clone()
        };
        if free(first) && used.insert(name.clone()) {
            return Some(name);
        }
    }
    None
}

/// A change to make: a resolved finding and the entity it mentions.
#[derive(Debug, Clone, Copy)]
pub struct Change {
    pub finding: Finding,
    pub entity: usize,
}

/// `text` with every change applied; changes are in text order and do not overlap.
pub fn apply(text: &str, changes: &[Change], table: &EntityTable) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for c in changes {
        out.push_str(&text[at..c.finding.start]);
        out.push_str(&table.get(c.entity).replacement);
        at = c.finding.end;
    }
    out.push_str(&text[at..]);
    out
}
