//! What `veil check` prints. Every finding becomes one [`Report`]; each output format is a
//! small printer over those. CI logs are often public, so no printer shows the identifying
//! text unless asked: by default only its first character and its length.

use crate::check::Suppression;
use crate::rules::RuleSet;
use serde::Serialize;
use serde_json::json;
use std::io::{self, Write};

/// One finding of `check`, located in its file.
#[derive(Debug, Clone, Serialize)]
pub struct Report<'r> {
    pub file: &'r str,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub category: &'static str,
    pub class: &'static str,
    pub rule: &'r str,
    /// `error` when it fails the build, else `warning`.
    pub level: &'static str,
    pub message: &'r str,
    /// The matched text, or its mask (`J**`) unless `--show-text`.
    pub text: String,
    /// Stable across runs and line moves; derived from no identifying text unless keyed.
    /// Empty where the format does not print it (see `Checker::fingerprints`).
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
}

/// `J**` for `Jim`: the first character, then one `*` per further character.
pub fn mask(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().into_iter().chain(chars.map(|_| '*')).collect()
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:column: CATEGORY rule-id "J**"`
    Human,
    /// One JSON object per finding, one per line.
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// Prints `reports` in `format`.
pub fn print(
    out: &mut impl Write,
    reports: &[Report<'_>],
    rules: &RuleSet,
    format: Format,
) -> io::Result<()> {
    match format {
        Format::Human => {
            for r in reports {
                let note = match (&r.suppressed, r.level) {
                    (Some(_), _) => " (accepted)",
                    (None, "warning") => " (warning)",
                    _ => "",
                };
                writeln!(
                    out,
                    "{}:{}:{}: {} {} {:?}{note}",
                    r.file, r.line, r.column, r.category, r.rule, r.text
                )?;
            }
            Ok(())
        }
        Format::Json => {
            for r in reports {
                writeln!(
                    out,
                    "{}",
                    serde_json::to_string(r).expect("reports serialise")
                )?;
            }
            Ok(())
        }
        Format::Github => {
            for r in reports.iter().filter(|r| r.suppressed.is_none()) {
                writeln!(
                    out,
                    "::{} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                    r.level,
                    property(r.file),
                    r.line,
                    r.column,
                    r.end_line,
                    r.end_column,
                    property(&format!("veil {}", r.rule)),
                    data(&format!("{} {:?}: {}", r.category, r.text, r.message)),
                )?;
            }
            Ok(())
        }
        Format::Sarif => {
            let text =
                serde_json::to_string_pretty(&sarif(reports, rules)).expect("SARIF serialises");
            writeln!(out, "{text}")
        }
    }
}

/// Escapes a workflow command's message.
fn data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value.
fn property(s: &str) -> String {
    data(s).replace(':', "%3A").replace(',', "%2C")
}

/// The SARIF 2.1.0 log of `reports`: every rule in force as a reporting descriptor,
/// every finding as a result (accepted ones with their suppression).
pub fn sarif(reports: &[Report<'_>], rules: &RuleSet) -> serde_json::Value {
    let descriptors: Vec<serde_json::Value> = rules
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.id,
                "shortDescription": { "text": r.message },
                "fullDescription": { "text": format!("{} ({} identifier, category {}). Defined in {}.", r.message, r.class, r.category, r.source) },
                "defaultConfiguration": { "level": "error" },
                "properties": { "category": r.category.name(), "class": r.class.to_string() }
            })
        })
        .collect();
    let results: Vec<serde_json::Value> = reports
        .iter()
        .map(|r| {
            let index = rules.rules.iter().position(|x| x.id == r.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": r.rule,
                "ruleIndex": index,
                "level": r.level,
                "message": { "text": format!("{} {} {:?}: {}", r.category, r.class, r.text, r.message) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": uri(r.file) },
                        "region": {
                            "startLine": r.line,
                            "startColumn": r.column,
                            "endLine": r.end_line,
                            "endColumn": r.end_column
                        }
                    }
                }],
                "partialFingerprints": { "veilFingerprint/v1": r.fingerprint }
            });
            if let Some(s) = &r.suppressed {
                let (kind, justification) = match s {
                    Suppression::Marker { reason, .. } => ("inSource", reason.clone().unwrap_or_default()),
                    Suppression::Baseline => ("external", "accepted in the baseline file".to_string()),
                };
                result["suppressions"] = json!([{ "kind": kind, "justification": justification }]);
            }
            result
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "veil",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results
        }]
    })
}

/// A relative file path as a URI reference (forward slashes, spaces and `%` escaped).
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path).replace('\\', "/");
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn masks_keep_first_character_and_length() {
        assert_eq!(mask("Jim"), "J**");
        assert_eq!(mask("Siân"), "S***");
        assert_eq!(mask(""), "");
    }

    #[test]
    fn workflow_commands_are_escaped() {
        assert_eq!(property("a,b:c%\n"), "a%2Cb%3Ac%25%0A");
        assert_eq!(data("50%\r\nx: y, z"), "50%25%0D%0Ax: y, z");
    }

    #[test]
    fn uris_escape_what_they_must() {
        assert_eq!(uri("./in/a b%.md"), "in/a%20b%25.md");
        assert_eq!(uri("in/Zoë.txt"), "in/Zo%C3%AB.txt");
    }
}
