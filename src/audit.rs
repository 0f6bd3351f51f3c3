//! The audit log: one JSON line per rewritten span, exactly as CONTRACT.md specifies.
//! It holds the identifying originals, so it is created owner-only (0600).

use crate::error::{Error, Result};
use crate::resolve::entities::EntityTable;
use crate::rewrite::Change;
use crate::rules::RuleSet;
use crate::text::Positions;
use serde::Serialize;
use std::fs::File;
use std::io::Write;
use std::path::{Path, PathBuf};

/// One audit record. Field order is part of the contract.
#[derive(Debug, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct Record {
    pub file: String,
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    pub category: String,
    pub rule: String,
    pub entity: String,
    pub original: String,
    pub replacement: String,
}

/// The records of one file's changes, in offset order, as JSON lines.
pub fn render(
    file: &str,
    text: &str,
    changes: &[Change],
    rules: &RuleSet,
    table: &EntityTable,
) -> String {
    let mut out = String::new();
    let mut positions = Positions::new(text);
    for c in changes {
        let f = c.finding;
        let (line, column) = positions.at(f.start);
        let entity = table.get(c.entity);
        let record = Record {
            file: file.to_string(),
            start: f.start,
            end: f.end,
            line,
            column,
            category: f.category.name().to_string(),
            rule: rules.rule(f.rule).id.clone(),
            entity: entity.id(),
            original: text[f.start..f.end].to_string(),
            replacement: entity.replacement.clone(),
        };
        out.push_str(&serde_json::to_string(&record).expect("records serialise"));
        out.push('\n');
    }
    out
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

    pub fn append(&mut self, lines: &str) -> Result<()> {
        if lines.is_empty() {
            return Ok(());
        }
        self.file
            .write_all(lines.as_bytes())
            .and_then(|()| self.file.sync_data())
            .map_err(|e| Error::io(&self.path, "write audit log", e))
    }
}
