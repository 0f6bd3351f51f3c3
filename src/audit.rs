//! The audit log: one JSON line per rewritten span, exactly as CONTRACT.md specifies.
//! It holds the identifying originals, so it is created owner-only (0600).

use crate::error::{Error, Result};
use crate::key::Key;
use crate::resolve::entities::EntityTable;
use crate::rewrite::Change;
use crate::rules::RuleSet;
use crate::text::Positions;
use serde::Serialize;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What the audit log says of the originals (`--audit-originals`).
#[derive(Debug, Clone, Default)]
pub enum Originals {
    /// The original text, as the contract describes.
    #[default]
    Keep,
    /// `keyed:` and a keyed hash of the original, so that the log can go to a reviewer who
    /// must not see the names, while a holder of the key can verify it.
    Hash(Key),
    /// `null`.
    Drop,
}

impl Originals {
    fn show<'a>(&self, original: &'a str) -> Option<std::borrow::Cow<'a, str>> {
        match self {
            Originals::Keep => Some(original.into()),
            Originals::Hash(key) => Some(hashed(key, original).into()),
            Originals::Drop => None,
        }
    }
}

/// The form `--audit-originals hash` writes: `keyed:` and 16 hex digits of a keyed hash.
pub fn hashed(key: &Key, original: &str) -> String {
    format!("keyed:{:016x}", key.hash(&format!("audit\0{original}")))
}

/// One audit record. Field order is part of the contract. Read back with owned strings;
/// written from borrowed ones (`Record<&str>`), a record for every rewritten span.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Record<S = String> {
    pub file: S,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub category: S,
    pub rule: S,
    pub entity: S,
    /// `None` (written as `null`) under `--audit-originals drop`.
    pub original: Option<S>,
    pub replacement: S,
}

/// The records of one file's changes, in offset order, as JSON lines.
pub fn render(
    file: &str,
    text: &str,
    changes: &[Change],
    rules: &RuleSet,
    table: &EntityTable,
    originals: &Originals,
) -> String {
    let mut out = Vec::new();
    let mut positions = Positions::new(text);
    for c in changes {
        let f = c.finding;
        let (line, column) = positions.at(f.start);
        let entity = table.get(c.entity);
        let id = entity.id();
        let original = originals.show(&text[f.start..f.end]);
        let record = Record {
            file,
            start: f.start,
            end: f.end,
            line,
            column,
            category: f.category.name(),
            rule: rules.rule(f.rule).id.as_str(),
            entity: id.as_str(),
            original: original.as_deref(),
            replacement: entity.replacement,
        };
        serde_json::to_writer(&mut out, &record).expect("records serialise");
        out.push(b'\n');
    }
    String::from_utf8(out).expect("JSON is UTF-8")
}

/// An audit log being written. Each [`AuditLog::append`] reaches the disk before it
/// returns, so that an output file renamed into place afterwards always has its records.
pub struct AuditLog {
    file: File,
    path: PathBuf,
}

impl AuditLog {
    /// Creates (or truncates) the log at `path`, owner-only.
    pub fn create(path: &Path) -> Result<AuditLog> {
        let file = crate::output::create_private(path)
            .map_err(|e| Error::io(path, "create audit log", e))?;
        Ok(AuditLog {
            file,
            path: path.to_path_buf(),
        })
    }

    /// Appends each of `records` (rendered lines), then syncs once.
    pub fn append<'a>(&mut self, records: impl IntoIterator<Item = &'a str>) -> Result<()> {
        let mut written = false;
        for lines in records.into_iter().filter(|l| !l.is_empty()) {
            self.file
                .write_all(lines.as_bytes())
                .map_err(|e| Error::io(&self.path, "write audit log", e))?;
            written = true;
        }
        if written {
            self.file
                .sync_data()
                .map_err(|e| Error::io(&self.path, "write audit log", e))?;
        }
        Ok(())
    }
}
