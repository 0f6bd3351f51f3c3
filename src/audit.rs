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

/// One audit record. Field order is part of the contract. [`render`] writes them; this
/// reads them back (tests, tools), and serde_json's form of it is what [`render`] must
/// write (a test holds them alike).
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

/// The records of one file's changes, in offset order, as JSON lines. Written by hand, in
/// the contract's field order and with strings escaped as serde_json escapes them: a
/// `Record` serialized through serde cost about 3,400 instructions, a tenth of a `redact`
/// of a corpus with a finding every 70 bytes.
pub fn render(
    file: &str,
    text: &str,
    changes: &[Change],
    rules: &RuleSet,
    table: &EntityTable,
    originals: &Originals,
) -> String {
    let (mut out, mut number) = (String::new(), itoa::Buffer::new());
    let mut positions = Positions::new(text);
    // The same on every record: escaped once.
    let mut opening = String::from("{\"file\":");
    json_string(&mut opening, file);
    for c in changes {
        let f = c.finding;
        let (line, column) = positions.at(f.start);
        let entity = table.get(c.entity);
        out.push_str(&opening);
        for (key, n) in [
            (",\"start\":", f.start),
            (",\"end\":", f.end),
            (",\"line\":", line),
            (",\"column\":", column),
        ] {
            out.push_str(key);
            out.push_str(number.format(n));
        }
        // Category names and entity ids are capitals, digits and `-`: nothing to escape.
        out.push_str(",\"category\":\"");
        out.push_str(f.category.name());
        out.push_str("\",\"rule\":");
        json_string(&mut out, &rules.rule(f.rule).id);
        out.push_str(",\"entity\":\"");
        entity.write_id(&mut out);
        out.push_str("\",\"original\":");
        match originals.show(&text[f.start..f.end]) {
            Some(original) => json_string(&mut out, &original),
            None => out.push_str("null"),
        }
        out.push_str(",\"replacement\":");
        json_string(&mut out, entity.replacement);
        out.push_str("}\n");
    }
    out
}

/// Appends `s` as a JSON string, escaped as serde_json escapes it: `"`, `\\` and control
/// characters only, the common ones in short form, the rest as `\u00XX`.
fn json_string(out: &mut String, s: &str) {
    out.push('"');
    let needs_escape = |b: &u8| *b < 0x20 || *b == b'"' || *b == b'\\';
    // Most strings have nothing to escape: one look at each byte, then one copy.
    if !s.as_bytes().iter().any(needs_escape) {
        out.push_str(s);
        out.push('"');
        return;
    }
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0C => "\\f",
            0..=0x1F => "",
            _ => continue,
        };
        // An ASCII byte: a char boundary on both sides.
        out.push_str(&s[plain..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 0xF)]));
        } else {
            out.push_str(short);
        }
        plain = i + 1;
    }
    out.push_str(&s[plain..]);
    out.push('"');
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn as_json(s: &str) -> String {
        let mut out = String::new();
        json_string(&mut out, s);
        out
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        // Every ASCII character alone, then among others.
        for b in 0..=0x7Fu8 {
            let s = char::from(b).to_string();
            assert_eq!(as_json(&s), serde_json::to_string(&s).unwrap(), "{b:#x}");
        }
        for s in [
            "",
            "Siân O’Neill",
            "a\"b\\c\nd\te\u{1}f\u{7f}",
            "🙂\r\n\u{1f}x",
            "\\",
        ] {
            assert_eq!(as_json(s), serde_json::to_string(s).unwrap(), "{s:?}");
        }
    }

    proptest! {
        #[test]
        fn any_string_is_escaped_as_serde_json_escapes_it(s in any::<String>()) {
            prop_assert_eq!(as_json(&s), serde_json::to_string(&s).unwrap());
        }
    }
}
