//! `veil redact` over a batch of files, in three passes:
//! 1. read and find every file ([`find_read`]), in parallel, a group of files at a time;
//! 2. link each file's findings, in sorted file order, into entities ([`Linker`]) and set
//!    its changes aside (in memory, then a temporary file for large batches);
//! 3. re-read each file, apply its changes and stage the output (in parallel, by groups),
//!    then, in file order, append the files' audit records and sync them before renaming
//!    their outputs into place, so that every output on disk has all of its records.
//!
//! Passes 1 and 2 run together, and so do pass 3's two steps: [`in_order`] hands each
//! group's results on, in order, while the thread pool works on the next groups.

use crate::audit::{self, AuditLog, Originals};
use crate::error::{Error, Result};
use crate::input::{read_text, Input};
use crate::key::Key;
use crate::output;
use crate::pipeline::{find_read, in_order, Found, Linker, GROUP};
use crate::resolve::entities::EntityTable;
use crate::resolve::Finding;
use crate::rewrite::mapping::Mapping;
use crate::rewrite::{apply, Change};
use crate::rules::schema::Category;
use crate::rules::RuleSet;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

/// The changes of a batch's documents, set aside between linking (pass 2) and writing
/// (pass 3): in memory up to [`SPILL_AFTER`] bytes, then in an unnamed temporary file, so
/// that a large batch's changes do not fill memory and a small one never touches the disk.
/// Offsets, rules and entity numbers only, nothing identifying.
#[derive(Default)]
struct Spill {
    /// Encoded changes not yet in the file.
    buffer: Vec<u8>,
    file: Option<std::fs::File>,
    reader: Option<Box<dyn std::io::Read>>,
}

/// Bytes of encoded changes kept in memory before they go to a temporary file.
const SPILL_AFTER: usize = 16 << 20;

impl Spill {
    fn fail(e: std::io::Error) -> Error {
        Error::io(std::env::temp_dir(), "use a temporary file", e)
    }

    /// Appends one document's changes.
    fn write(&mut self, changes: &[Change]) -> Result<()> {
        let mut put = |n: usize| self.buffer.extend_from_slice(&(n as u64).to_le_bytes());
        put(changes.len());
        for c in changes {
            let category = Category::ALL
                .iter()
                .position(|&k| k == c.finding.category)
                .expect("a known category");
            for n in [
                c.finding.start,
                c.finding.end,
                c.finding.rule,
                category,
                c.entity,
            ] {
                put(n);
            }
        }
        if self.buffer.len() >= SPILL_AFTER {
            self.drain()?;
        }
        Ok(())
    }

    /// Moves the buffer to the temporary file, creating it if need be.
    fn drain(&mut self) -> Result<()> {
        use std::io::Write;
        let file = match &mut self.file {
            Some(file) => file,
            None => self.file.insert(tempfile::tempfile().map_err(Self::fail)?),
        };
        file.write_all(&self.buffer).map_err(Self::fail)?;
        self.buffer = Vec::new();
        Ok(())
    }

    /// Switches from writing to reading, from the first document.
    fn rewind(&mut self) -> Result<()> {
        use std::io::Seek;
        self.reader = Some(if self.file.is_some() {
            self.drain()?;
            let mut file = self.file.take().expect("a file");
            file.rewind().map_err(Self::fail)?;
            Box::new(std::io::BufReader::new(file))
        } else {
            Box::new(std::io::Cursor::new(std::mem::take(&mut self.buffer)))
        });
        Ok(())
    }

    /// The next document's changes.
    fn read(&mut self) -> Result<Vec<Change>> {
        use std::io::Read;
        let reader = self.reader.as_mut().expect("rewound before reading");
        let mut get = || -> Result<usize> {
            let mut bytes = [0; 8];
            reader.read_exact(&mut bytes).map_err(Self::fail)?;
            Ok(u64::from_le_bytes(bytes) as usize)
        };
        let count = get()?;
        let mut changes = Vec::with_capacity(count);
        for _ in 0..count {
            let (start, end, rule, category, entity) = (get()?, get()?, get()?, get()?, get()?);
            changes.push(Change {
                finding: Finding {
                    start,
                    end,
                    rule,
                    category: Category::ALL[category],
                },
                entity,
            });
        }
        Ok(changes)
    }
}

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
    // Passes 1 and 2: detect in parallel, link in file order and set the changes aside;
    // only the hash of each file is kept, to check that it has not changed when it is
    // read again.
    let mut linker = Linker::default();
    let mut spill = Spill::default();
    let mut hashes: Vec<Option<blake3::Hash>> = Vec::with_capacity(inputs.len());
    in_order(
        inputs.chunks(GROUP),
        |group| detect_group(rules, options, group),
        |groups| {
            for result in groups.into_iter().flatten() {
                match result {
                    Ok((found, keys, hash)) => {
                        spill.write(&linker.add_keyed(&found, keys))?;
                        hashes.push(Some(hash));
                    }
                    Err(e) => {
                        summary.errors.push(e);
                        spill.write(&[])?;
                        hashes.push(None);
                    }
                }
            }
            Ok(())
        },
    )?;
    let table = linker.finish(rules, options.key, options.mapping);
    spill.rewind()?;

    // Pass 3: outputs are staged in parallel, and published in file order with their
    // audit records.
    let mut log = AuditLog::create(audit)?;
    let work: Vec<_> = inputs.iter().zip(hashes).collect();
    let groups = work.chunks(GROUP).map(|group| {
        let changes: Result<Vec<Vec<Change>>> = group.iter().map(|_| spill.read()).collect();
        changes.map(|changes| (group, changes))
    });
    let stager = Stager {
        rules,
        table: &table,
        options,
        out,
        keep_text: sink.is_some(),
    };
    let stage = |read: Result<(_, Vec<Vec<Change>>)>| {
        read.map(|(group, changes)| {
            let staged = stager.group(group, &changes);
            (group, changes, staged)
        })
    };
    in_order(groups, stage, |staged| {
        let staged = staged.into_iter().collect::<Result<Vec<_>>>()?;
        // The records of the groups ready reach the disk in one write, before any of their
        // outputs is renamed into place (a sync per file was a third of this step).
        log.append(
            staged
                .iter()
                .flat_map(|(_, _, staged)| staged)
                .flatten()
                .flatten()
                .map(|s| s.records.as_str()),
        )?;
        let pending = staged.iter().flat_map(|(_, _, staged)| staged);
        output::sync(pending.flatten().flatten().map(|s| &s.pending))
            .map_err(|e| Error::io(out, "write outputs", e))?;
        let files = staged
            .into_iter()
            .flat_map(|(group, changes, staged)| group.iter().zip(changes).zip(staged));
        for (((input, _), changes), result) in files {
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
                    output::publish(staged.pending, &staged.target)
                        .map_err(|e| Error::io(&staged.target, "write output", e))?;
                    summary.written += 1;
                    for c in changes.iter() {
                        *summary.changes.entry(c.finding.category).or_default() += 1;
                    }
                    if let Some(sink) = sink.as_deref_mut() {
                        sink.document(&input.display, &staged.text, &changes);
                    }
                }
                Some(Err(e)) => {
                    summary.errors.push(e);
                    summary.errors.extend(unwritten().err());
                }
            }
        }
        Ok(())
    })?;
    summary.table = table;
    Ok(summary)
}

/// Reads and detects one group of files (see [`run`]): their findings, the keys that link
/// them to entities, and hashes. The group's files are detected together (see [`find_read`]).
fn detect_group(
    rules: &RuleSet,
    options: &Options,
    group: &[Input],
) -> Vec<Result<(Found, Vec<String>, blake3::Hash)>> {
    let texts = group
        .iter()
        .map(|input| read_text(&input.path, &input.display));
    let found = find_read(rules, texts.collect());
    if let Some(p) = &options.progress {
        p.inc(group.len() as u64);
    }
    found
        .into_iter()
        .map(|found| {
            found.map(|(text, found)| {
                let keys = found.keys();
                (found, keys, blake3::hash(text.as_bytes()))
            })
        })
        .collect()
}

/// What pass 3 needs to stage a file's output.
struct Stager<'a> {
    rules: &'a RuleSet,
    table: &'a EntityTable,
    options: &'a Options<'a>,
    out: &'a Path,
    /// Whether the sink needs each input's text.
    keep_text: bool,
}

/// One output written to a temporary file, with its audit records.
struct Staged {
    pending: output::Pending,
    target: PathBuf,
    records: String,
    /// The input's text, if a sink needs it (else empty).
    text: String,
}

impl Stager<'_> {
    /// Stages the outputs of one group of files (`None` for a file that failed before).
    fn group(
        &self,
        group: &[(&Input, Option<blake3::Hash>)],
        changes: &[Vec<Change>],
    ) -> Vec<Option<Result<Staged>>> {
        group
            .iter()
            .zip(changes)
            .map(|((input, hash), changes)| Some(self.stage(input, hash.as_ref()?, changes)))
            .collect()
    }

    /// Re-reads one input, checks it is the text that was analysed, and stages its output.
    fn stage(&self, input: &Input, hash: &blake3::Hash, changes: &[Change]) -> Result<Staged> {
        let text = read_text(&input.path, &input.display)?;
        if blake3::hash(text.as_bytes()) != *hash {
            return Err(Error::file(
                &input.display,
                "the file changed while veil was running; run again",
            ));
        }
        let target = self.out.join(&input.relative);
        let pending = output::stage(&target, apply(&text, changes, self.table).as_bytes(), 0o644)
            .map_err(|e| Error::io(&target, "write output", e))?;
        let records = audit::render(
            &input.display,
            &text,
            changes,
            self.rules,
            self.table,
            &self.options.originals,
        );
        Ok(Staged {
            pending,
            target,
            records,
            text: if self.keep_text { text } else { String::new() },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_aside_changes_come_back_in_order_from_memory_or_disk() {
        let doc = |n: usize| -> Vec<Change> {
            (0..n)
                .map(|i| Change {
                    finding: Finding {
                        start: i * 10,
                        end: i * 10 + 3 + n,
                        rule: i % 7,
                        category: Category::ALL[i % Category::ALL.len()],
                    },
                    entity: i * 31 + n,
                })
                .collect()
        };
        // A few documents stay in memory; enough to pass SPILL_AFTER go to a file (each
        // document is its count and five numbers a change, eight bytes each).
        let cycle: usize = (0..41).map(|n| 8 + n * 40).sum();
        for docs in [3, 41 * (SPILL_AFTER / cycle + 2)] {
            let mut spill = Spill::default();
            for d in 0..docs {
                spill.write(&doc(d % 41)).unwrap();
            }
            assert_eq!(spill.file.is_some(), docs > 3);
            spill.rewind().unwrap();
            for d in 0..docs {
                assert_eq!(spill.read().unwrap(), doc(d % 41), "document {d}");
            }
        }
    }
}
