//! The pipeline every command shares: detect → resolve on one text ([`find`]), then, over a
//! batch, link mentions into entities and choose replacements ([`link`]).

use crate::detect::detect;
use crate::key::Key;
use crate::resolve::entities::{document_keys, EntityTable};
use crate::resolve::{resolve, Finding};
use crate::rewrite::mapping::Mapping;
use crate::rewrite::{assign, Change};
use crate::rules::RuleSet;

/// What was found in one text: the findings, and their original text (kept so that a
/// batch can be linked without holding every document in memory).
#[derive(Debug, Default, Clone)]
pub struct Found {
    pub findings: Vec<Finding>,
    pub originals: Vec<String>,
}

/// Detects and resolves the spans of `text`.
pub fn find(rules: &RuleSet, text: &str) -> Found {
    let findings = resolve(rules, text, detect(rules, text));
    let originals = findings
        .iter()
        .map(|f| text[f.start..f.end].to_string())
        .collect();
    Found {
        findings,
        originals,
    }
}

/// The entities of a batch, and for each document its changes. Documents are taken in the
/// order given, which numbers the entities; callers pass them sorted.
pub fn link<'a>(
    rules: &RuleSet,
    key: Option<&Key>,
    mapping: Option<&Mapping>,
    docs: impl IntoIterator<Item = &'a Found>,
) -> (EntityTable, Vec<Vec<Change>>) {
    let mut table = EntityTable::default();
    let changes = docs
        .into_iter()
        .map(|found| {
            let keys = document_keys(&found.findings, &found.originals);
            found
                .findings
                .iter()
                .zip(&found.originals)
                .zip(keys)
                .map(|((f, original), key)| Change {
                    finding: *f,
                    entity: table.intern(f.category, &key, original, f.rule),
                })
                .collect()
        })
        .collect();
    assign(&mut table, rules, key, mapping);
    (table, changes)
}
