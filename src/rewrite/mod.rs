//! Rewriting: choosing each entity's replacement, and splicing replacements into a text.
//!
//! Strategies (set per category in the rule files, `rewrite:`):
//! - `placeholder`: `[LABEL N]`, N numbering the category's entities by first appearance
//!   in the batch (after the numbers a mapping file already uses);
//! - `pseudonym` (PERSON): a name from the bundled pool, of the same shape as the entity:
//!   a given name for a given name, a surname for a surname ("Mr Okafor" → "Mr Lewis"), a
//!   full name for a full name. With a key, the pool is entered at a keyed hash of the name,
//!   so the choice is the same on every machine with that key; without one, in order of
//!   first appearance. No two entities share a pseudonym, and no pseudonym is a word of a
//!   name that the batch mentions;
//! - `generalise`: a vaguer description ([`generalise`]): an age band, a month and year, the
//!   part of the day, "a town in South Yorkshire", what the rule says ("a prison").
//!
//! A mapping file ([`mapping`]) pins replacements and carries them to the next batch.

pub mod generalise;
pub mod mapping;

use crate::detect::lexicon::fold;
use crate::key::Key;
use crate::resolve::entities::{Entity, EntityTable};
use crate::resolve::Finding;
use crate::rules::schema::{Category, NamePart, Strategy};
use crate::rules::RuleSet;
use mapping::Mapping;
use std::collections::{HashMap, HashSet};

/// The shape of a person's name, which its pseudonym keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Given,
    Family,
    Full,
}

fn shape(rules: &RuleSet, entity: &Entity) -> Shape {
    if entity.key.split_whitespace().count() > 1 {
        Shape::Full
    } else if rules.rule(entity.rule).part == Some(NamePart::Family) {
        Shape::Family
    } else {
        Shape::Given
    }
}

/// Fills in the replacement of every entity of `table`: pinned or earlier replacements from
/// `mapping` first, then each category's strategy.
pub fn assign(
    table: &mut EntityTable,
    rules: &RuleSet,
    key: Option<&Key>,
    mapping: Option<&Mapping>,
) {
    let empty = Mapping::default();
    let mapping = mapping.unwrap_or(&empty);
    // Pseudonyms (PERSON only) avoid the batch's own name words and each other; a batch
    // without them need not gather either (on a large batch, a set per entity).
    let pseudonyms = rules.rewrite_spec(Category::Person).strategy == Strategy::Pseudonym;
    let in_batch: HashSet<String> = table
        .iter()
        .filter(|e| pseudonyms && e.category == Category::Person)
        .flat_map(|e| {
            e.key
                .split([' ', '-'])
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    // Replacements taken already: by the mapping, then by earlier entities of this batch.
    let mut used: HashSet<String> = mapping
        .entities()
        .iter()
        .map(|m| m.replacement.clone())
        .collect();
    let mut numbers: HashMap<String, usize> = HashMap::new();
    for m in mapping.entities() {
        if let Some((label, n)) = placeholder_parts(&m.replacement) {
            let max = numbers.entry(label.to_string()).or_default();
            *max = (*max).max(n);
        }
    }
    let mut sequence = 0usize;
    for i in 0..table.len() {
        let entity = table.get(i);
        if let Some(m) = mapping.lookup(entity.category, entity.key) {
            table.set_replacement(i, &m.replacement);
            continue;
        }
        let spec = rules.rewrite_spec(entity.category);
        let label = spec
            .label
            .clone()
            .unwrap_or_else(|| entity.category.default_label().to_string());
        let mut placeholder = || {
            let n = numbers.entry(label.clone()).or_default();
            *n += 1;
            format!("[{label} {n}]")
        };
        let replacement = match spec.strategy {
            Strategy::Placeholder => placeholder(),
            Strategy::Generalise => generalise::generalise(
                rules,
                entity.category,
                rules.rule(entity.rule),
                entity.first,
                &spec,
            )
            .unwrap_or_else(&mut placeholder),
            Strategy::Pseudonym => {
                let start = match key {
                    Some(key) => key.hash(entity.key) as usize,
                    None => {
                        sequence += 1;
                        sequence - 1
                    }
                };
                pseudonym(rules, start, shape(rules, &entity), &in_batch, &mut used)
                    .unwrap_or_else(&mut placeholder)
            }
        };
        table.set_replacement(i, &replacement);
        if pseudonyms {
            used.insert(replacement);
        }
    }
}

/// `("PERSON", 3)` for `[PERSON 3]`.
fn placeholder_parts(text: &str) -> Option<(&str, usize)> {
    let inner = text.strip_prefix('[')?.strip_suffix(']')?;
    let (label, n) = inner.rsplit_once(' ')?;
    Some((label, n.parse().ok()?))
}

/// The first free pseudonym of `shape`, probing the pools from `start`.
fn pseudonym(
    rules: &RuleSet,
    start: usize,
    shape: Shape,
    in_batch: &HashSet<String>,
    used: &mut HashSet<String>,
) -> Option<String> {
    let given = &rules.pseudonyms.given;
    let surnames = &rules.pseudonyms.surnames;
    let free = |name: &str| !in_batch.contains(&fold(name));
    let (first_pool, second_pool) = match shape {
        Shape::Family => (surnames, None),
        Shape::Given => (given, None),
        Shape::Full => (given, Some(surnames)),
    };
    if first_pool.is_empty() || second_pool.is_some_and(|p| p.is_empty()) {
        return None;
    }
    let combinations = first_pool.len() * second_pool.map_or(1, Vec::len);
    for step in 0..combinations {
        let i = start.wrapping_add(step);
        let first = &first_pool[i % first_pool.len()];
        if !free(first) {
            continue;
        }
        let name = match second_pool {
            Some(pool) => {
                // Spread surnames so that consecutive entities do not share one.
                let last =
                    &pool[(i / first_pool.len()).wrapping_add(i.wrapping_mul(31)) % pool.len()];
                if !free(last) {
                    continue;
                }
                format!("{first} {last}")
            }
            None => first.clone(),
        };
        if !used.contains(&name) {
            used.insert(name.clone());
            return Some(name);
        }
    }
    None
}

/// A change to make: a resolved finding and the entity it mentions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        out.push_str(table.get(c.entity).replacement);
        at = c.finding.end;
    }
    out.push_str(&text[at..]);
    out
}
