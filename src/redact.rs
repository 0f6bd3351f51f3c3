//! `veil redact` over a batch of files, in three passes:
//! 1. read and [`find`] every file, in parallel, keeping only the findings;
//! 2. [`link`] the findings of all files, in sorted file order, into entities;
//! 3. in chunks, re-read each file, apply its changes and stage the output (in parallel),
//!    then, in file order, append the file's audit records and sync them before renaming
//!    its output into place, so that every output on disk has all of its records.

use crate::audit::{self, AuditLog, Originals};
use crate::error::{Error, Result};
use crate::input::{read_text, Input};
use crate::key::Key;
use crate::output;
use crate::pipeline::{find, link, Found};
use crate::resolve::entities::EntityTable;
use crate::rewrite::mapping::Mapping;
use crate::rewrite::{apply, Change};
use crate::rules::schema::Category;
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// Files processed together in pass 3; bounds how many outputs are held in memory.
const CHUNK: usize = 64;

/// How a batch is redacted, beyond the rules.
#[derive(Default)]
pub struct Options<'a> {
    pub key: Option<&'a Key>,
    pub mapping: Option<&'a Mapping>,
    pub originals: Originals,
    /// Advanced once per file read and once per file written (the CLI shows it on a
    /// terminal and hides it otherwise).
    pub progress: Option<indicatif::ProgressBar>,
}

/// Receives each redacted document, in file order (the review report is one).
pub trait Sink {
    fn document(&mut self, file: &str, text: &str, changes: &[Change]);
}

/// What a batch did.
#[derive(Debug, Default)]
pub struct Summary {
    pub files: usize,
    pub written: usize,
    pub changes: BTreeMap<Category, usize>,
    /// The batch's entities and their replacements (for the mapping file and reports).
    pub table: EntityTable,
    /// Failures of single files; the others were still processed.
    pub errors: Vec<Error>,
}

/// Redacts `inputs` into `out`, writing the audit log at `audit`.
pub fn run(
    rules: &RuleSet,
    options: &Options,
    inputs: &[Input],
    out: &Path,
    audit: &Path,
    mut sink: Option<&mut dyn Sink>,
) -> Result<Summary> {
    let mut targets: HashMap<PathBuf, &str> = HashMap::new();
    let sources: std::collections::HashSet<PathBuf> = inputs
        .iter()
        .filter_map(|i| i.path.canonicalize().ok())
        .collect();
    for input in inputs {
        let target = out.join(&input.relative);
        if target.canonicalize().is_ok_and(|t| sources.contains(&t)) {
            return Err(Error::file(
                &target,
                "this output would overwrite an input; choose an --out folder that holds none of the inputs",
            ));
        }
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
    let found: Vec<Option<(Found, blake3::Hash)>> = inputs
        .par_iter()
        .map(|input| {
            let text = read_text(&input.path, &input.display);
            if let Some(p) = &options.progress {
                p.inc(1);
            }
            let text = text?;
            Ok((find(rules, &text), blake3::hash(text.as_bytes())))
        })
        .collect::<Vec<Result<_>>>()
        .into_iter()
        .map(|r| r.map_err(|e| summary.errors.push(e)).ok())
        .collect();
    // Each document's findings are dropped once linked; its hash stays, to check that the
    // file has not changed when it is read again.
    let (found, hashes): (Vec<Found>, Vec<Option<blake3::Hash>>) = found
        .into_iter()
        .map(|r| r.map_or((Found::default(), None), |(f, h)| (f, Some(h))))
        .unzip();
    let (table, changes) = link(rules, options.key, options.mapping, found);

    let mut log = AuditLog::create(audit)?;
    let work: Vec<_> = inputs.iter().zip(hashes).zip(&changes).collect();
    for chunk in work.chunks(CHUNK) {
        let staged: Vec<Option<Result<Staged>>> = chunk
            .par_iter()
            .map(|((input, hash), changes)| {
                let hash = hash.as_ref()?;
                Some(stage(rules, &table, options, input, hash, changes, out))
            })
            .collect();
        for (((input, _), changes), result) in chunk.iter().zip(staged) {
            if let Some(p) = &options.progress {
                p.inc(1);
            }
            // A file that failed gets no output: one an earlier run left there would lack
            // its records in this run's audit log.
            let unwritten = || {
                let target = out.join(&input.relative);
                match std::fs::remove_file(&target) {
                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                        Err(Error::io(&target, "remove the earlier run's output", e))
                    }
                    _ => Ok(()),
                }
            };
            match result {
                None => summary.errors.extend(unwritten().err()),
                Some(Ok(staged)) => {
                    log.append(&staged.records)?;
                    output::publish(staged.pending, &staged.target)
                        .map_err(|e| Error::io(&staged.target, "write output", e))?;
                    summary.written += 1;
                    for c in changes.iter() {
                        *summary.changes.entry(c.finding.category).or_default() += 1;
                    }
                    if let Some(sink) = sink.as_deref_mut() {
                        sink.document(&input.display, &staged.text, changes);
                    }
                }
                Some(Err(e)) => {
                    summary.errors.push(e);
                    summary.errors.extend(unwritten().err());
                }
            }
        }
    }
    summary.table = table;
    Ok(summary)
}

/// One output written to a temporary file, with its audit records.
struct Staged {
    pending: output::Pending,
    target: PathBuf,
    records: String,
    text: String,
}

/// Re-reads one input, checks it is the text that was analysed, and stages its output.
fn stage(
    rules: &RuleSet,
    table: &EntityTable,
    options: &Options,
    input: &Input,
    hash: &blake3::Hash,
    changes: &[Change],
    out: &Path,
) -> Result<Staged> {
    let text = read_text(&input.path, &input.display)?;
    if blake3::hash(text.as_bytes()) != *hash {
        return Err(Error::file(
            &input.display,
            "the file changed while veil was running; run again",
        ));
    }
    let target = out.join(&input.relative);
    let pending = output::stage(&target, apply(&text, changes, table).as_bytes(), 0o644)
        .map_err(|e| Error::io(&target, "write output", e))?;
    let records = audit::render(
        &input.display,
        &text,
        changes,
        rules,
        table,
        &options.originals,
    );
    Ok(Staged {
        pending,
        target,
        records,
        text,
    })
}
