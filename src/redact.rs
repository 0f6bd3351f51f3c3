//! `veil redact` over a batch of files, in three passes:
//! 1. read and [`find`] every file, in parallel, keeping only the findings;
//! 2. [`link`] the findings of all files, in sorted file order, into entities;
//! 3. in chunks, re-read each file, apply its changes and stage the output (in parallel),
//!    then, in file order, append the file's audit records and sync them before renaming
//!    its output into place, so that every output on disk has all of its records.

use crate::audit::{self, AuditLog};
use crate::error::{Error, Result};
use crate::input::{read_text, Input};
use crate::key::Key;
use crate::output;
use crate::pipeline::{find, link, Found};
use crate::resolve::entities::EntityTable;
use crate::rewrite::{apply, Change};
use crate::rules::schema::Category;
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Files processed together in pass 3; bounds how many outputs are held in memory.
const CHUNK: usize = 64;

/// What a batch did.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub written: usize,
    pub changes: BTreeMap<Category, usize>,
    pub entities: usize,
    /// Failures of single files; the others were still processed.
    pub errors: Vec<Error>,
}

/// Redacts `inputs` into `out`, writing the audit log at `audit`.
pub fn run(
    rules: &RuleSet,
    key: Option<&Key>,
    inputs: &[Input],
    out: &Path,
    audit: &Path,
) -> Result<Summary> {
    let mut targets: HashMap<PathBuf, &str> = HashMap::new();
    for input in inputs {
        if let Some(other) = targets.insert(out.join(&input.relative), &input.display) {
            return Err(Error::Usage(format!(
                "{} and {} would both be written to {}; redact them in separate runs or with separate --out folders",
                other,
                input.display,
                out.join(&input.relative).display()
            )));
        }
    }
    let mut summary = Summary {
        files: inputs.len(),
        ..Summary::default()
    };
    let found: Vec<Result<(Found, blake3::Hash)>> = inputs
        .par_iter()
        .map(|input| {
            let text = read_text(&input.path, &input.display)?;
            Ok((find(rules, &text), blake3::hash(text.as_bytes())))
        })
        .collect();
    let found: Vec<Option<(Found, blake3::Hash)>> = found
        .into_iter()
        .map(|r| r.map_err(|e| summary.errors.push(e)).ok())
        .collect();
    let empty = Found::default();
    let (table, changes) = link(
        rules,
        key,
        found.iter().map(|r| r.as_ref().map_or(&empty, |(f, _)| f)),
    );
    summary.entities = table.entities.len();

    let mut log = AuditLog::create(audit)?;
    let work: Vec<_> = inputs.iter().zip(found).zip(&changes).collect();
    for chunk in work.chunks(CHUNK) {
        let staged: Vec<Option<Result<_>>> = chunk
            .par_iter()
            .map(|((input, found), changes)| {
                let (_, hash) = found.as_ref()?;
                Some(stage(rules, &table, input, hash, changes, out))
            })
            .collect();
        for (((_, _), changes), result) in chunk.iter().zip(staged) {
            match result {
                None => {}
                Some(Ok((pending, target, records))) => {
                    log.append(&records)?;
                    output::publish(pending, &target)
                        .map_err(|e| Error::io(&target, "write output", e))?;
                    summary.written += 1;
                    for c in changes.iter() {
                        *summary.changes.entry(c.finding.category).or_default() += 1;
                    }
                }
                Some(Err(e)) => summary.errors.push(e),
            }
        }
    }
    Ok(summary)
}

/// Re-reads one input, checks it is the text that was analysed, and stages its output.
fn stage(
    rules: &RuleSet,
    table: &EntityTable,
    input: &Input,
    hash: &blake3::Hash,
    changes: &[Change],
    out: &Path,
) -> Result<(output::Pending, PathBuf, String)> {
    let text = read_text(&input.path, &input.display)?;
    if blake3::hash(text.as_bytes()) != *hash {
        return Err(Error::file(
            &input.display,
            "the file changed while veil was running; run again",
        ));
    }
    let target = out.join(&input.relative);
    let pending = output::stage(&target, apply(&text, changes, table).as_bytes())
        .map_err(|e| Error::io(&target, "write output", e))?;
    Ok((
        pending,
        target,
        audit::render(&input.display, &text, changes, rules, table),
    ))
}
