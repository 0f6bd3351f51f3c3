//! `veil check` as a CI gate: which findings fail the build, which are only warnings, and
//! which were accepted knowingly, by a baseline file or an inline marker.
//!
//! - A baseline entry is a keyed hash of rule, path and matched text (never the text, and
//!   not the line, so moving a paragraph does not reopen it); it needs `--key-file`, since
//!   an unkeyed hash of a name can be found again by hashing guesses.
//! - An inline marker `<!-- veil:allow PERSON reason="public figure" -->` accepts findings of
//!   the categories or rule ids it names on the next line. A marker that names nothing
//!   accepts nothing and is reported.

use crate::error::{Error, Result};
use crate::key::Key;
use crate::pipeline::Found;
use crate::report::{Report, Shown};
use crate::rules::schema::{Category, Class};
use crate::rules::RuleSet;
use crate::text::Positions;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::path::Path;
use std::str::FromStr;

/// Which findings fail the build (`--fail-on`): by class, by category, or both.
#[derive(Debug, Clone, Default)]
pub struct FailOn {
    classes: Vec<Class>,
    categories: Vec<Category>,
}

impl FromStr for FailOn {
    type Err = String;

    fn from_str(s: &str) -> std::result::Result<Self, String> {
        let mut out = FailOn::default();
        for word in s.split(',').map(str::trim).filter(|w| !w.is_empty()) {
            match word.to_ascii_lowercase().as_str() {
                "direct" => out.classes.push(Class::Direct),
                "quasi" => out.classes.push(Class::Quasi),
                _ => match Category::ALL.iter().find(|c| c.name().eq_ignore_ascii_case(word)) {
                    Some(c) => out.categories.push(*c),
                    None => {
                        return Err(format!(
                            "`{word}` is neither a class (direct, quasi) nor a category (PERSON, LOC, ORG, DATETIME, CODE, DEM, QUANTITY, MISC)"
                        ))
                    }
                },
            }
        }
        Ok(out)
    }
}

impl FailOn {
    /// Whether a finding of `class` and `category` fails the build.
    pub fn fails(&self, class: Class, category: Category) -> bool {
        (self.classes.is_empty() || self.classes.contains(&class))
            && (self.categories.is_empty() || self.categories.contains(&category))
    }
}

/// How a finding was accepted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Suppression {
    /// By an inline marker on the given line.
    Marker { line: usize, reason: Option<String> },
    /// By an entry of the baseline file.
    Baseline,
}

/// An inline `veil:allow` marker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Marker {
    /// The line the marker stands on; it covers the next one.
    pub line: usize,
    /// Categories (upper case) or rule ids it accepts.
    pub allows: Vec<String>,
    pub reason: Option<String>,
}

impl Marker {
    /// Whether this marker accepts a finding of `rule` and `category` on `line`.
    pub fn covers(&self, line: usize, rule: &str, category: Category) -> bool {
        line == self.line + 1
            && self
                .allows
                .iter()
                .any(|a| a == rule || a == category.name())
    }
}

/// The markers of a text, and the lines of markers that name nothing (they accept nothing).
pub fn markers(text: &str) -> (Vec<Marker>, Vec<usize>) {
    let mut found = Vec::new();
    let mut empty = Vec::new();
    // Most texts hold no comment at all: one search instead of one a line.
    if memchr::memmem::find(text.as_bytes(), b"<!--").is_none() {
        return (found, empty);
    }
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(at) = rest.find("<!--") {
            let body = &rest[at + 4..];
            let Some(close) = body.find("-->") else { break };
            let inner = body[..close].trim();
            rest = &body[close + 3..];
            let Some(spec) = inner.strip_prefix("veil:allow") else {
                continue;
            };
            let (names, reason) = match spec.find("reason=") {
                Some(r) => (
                    &spec[..r],
                    Some(spec[r + 7..].trim().trim_matches(['"', '\'']).to_string()),
                ),
                None => (spec, None),
            };
            let allows: Vec<String> = names
                .split([' ', ','])
                .map(str::trim)
                .filter(|w| !w.is_empty())
                .map(|w| {
                    if w.contains('.') {
                        w.to_string()
                    } else {
                        w.to_ascii_uppercase()
                    }
                })
                .collect();
            if allows.is_empty() {
                empty.push(i + 1);
            } else {
                found.push(Marker {
                    line: i + 1,
                    allows,
                    reason,
                });
            }
        }
    }
    (found, empty)
}

/// One accepted finding of a baseline file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub rule: String,
    pub path: String,
    pub fingerprint: String,
}

/// A baseline file: findings accepted knowingly.
#[derive(Debug, Default, Serialize, Deserialize)]
pub struct Baseline {
    veil_baseline: u32,
    pub entries: BTreeSet<Entry>,
}

impl Baseline {
    pub fn new() -> Baseline {
        Baseline {
            veil_baseline: 1,
            entries: BTreeSet::new(),
        }
    }

    pub fn read(path: &Path) -> Result<Baseline> {
        let text =
            std::fs::read_to_string(path).map_err(|e| Error::io(path, "read baseline", e))?;
        serde_json::from_str(&text).map_err(|e| Error::File {
            path: path.display().to_string(),
            position: Some((e.line(), e.column())),
            message: format!("not a veil baseline: {e}; write one with --write-baseline"),
        })
    }

    pub fn write(&self, path: &Path) -> Result<()> {
        let mut text = serde_json::to_string_pretty(self).expect("baselines serialise");
        text.push('\n');
        crate::output::write_atomic(path, text.as_bytes(), 0o644)
            .map_err(|e| Error::io(path, "write baseline", e))
    }

    pub fn contains(&self, entry: &Entry) -> bool {
        self.entries.contains(entry)
    }
}

/// The baseline entry of a finding: a keyed hash of rule, path and the folded text.
pub fn entry(key: &Key, rule: &str, path: &str, text: &str) -> Entry {
    let folded = crate::detect::lexicon::fold(text);
    let fingerprint = format!("{:016x}", key.hash(&format!("{rule}\0{path}\0{folded}")));
    Entry {
        rule: rule.to_string(),
        path: path.to_string(),
        fingerprint,
    }
}

/// Whether `text` is a pseudonym veil could have written (a pool given name or surname
/// alone, or a given name with a surname). When PERSON is rewritten to pseudonyms, `check` does not flag
/// them, so that it passes on `redact`'s output; a real person who bears exactly such a
/// name is then not flagged by `check` either (`redact` still rewrites them).
pub fn is_pseudonym(rules: &RuleSet, text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    let pool = &rules.pseudonyms;
    match words[..] {
        [one] => pool.given.iter().chain(&pool.surnames).any(|n| n == one),
        [given, surname] => {
            pool.given.iter().any(|g| g == given) && pool.surnames.iter().any(|s| s == surname)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_name_what_they_allow() {
        let text = "a\n<!-- veil:allow PERSON, org.local reason=\"public figure\" -->\nb <!-- veil:allow -->\n";
        let (found, empty) = markers(text);
        assert_eq!(
            found,
            [Marker {
                line: 2,
                allows: vec!["PERSON".into(), "org.local".into()],
                reason: Some("public figure".into())
            }]
        );
        assert_eq!(empty, [3]);
        assert!(found[0].covers(3, "person.given-name", Category::Person));
        assert!(found[0].covers(3, "org.local", Category::Org));
        assert!(!found[0].covers(4, "person.given-name", Category::Person));
        assert!(!found[0].covers(3, "place.uk", Category::Loc));
    }

    #[test]
    fn fail_on_narrows_by_class_and_category() {
        let all = FailOn::default();
        assert!(all.fails(Class::Quasi, Category::Loc));
        let direct: FailOn = "direct".parse().unwrap();
        assert!(
            direct.fails(Class::Direct, Category::Person)
                && !direct.fails(Class::Quasi, Category::Loc)
        );
        let people: FailOn = "PERSON,code".parse().unwrap();
        assert!(
            people.fails(Class::Direct, Category::Code)
                && !people.fails(Class::Quasi, Category::Loc)
        );
        assert!("persons".parse::<FailOn>().is_err());
    }
}

/// Everything `check` needs to judge a text.
pub struct Checker<'a> {
    pub rules: &'a RuleSet,
    pub key: Option<&'a Key>,
    pub baseline: Option<&'a Baseline>,
    pub fail_on: FailOn,
    /// Ignore inline markers (`--no-allow`).
    pub no_allow: bool,
    /// Print the identifying text itself (`--show-text`).
    pub show_text: bool,
    /// Whether reports carry a fingerprint, which only the JSON and SARIF formats print:
    /// hashing one for every finding was a few percent of a check.
    pub fingerprints: bool,
}

/// What `check` found in one text.
#[derive(Debug, Default)]
pub struct Checked<'r> {
    pub reports: Vec<Report<'r>>,
    /// Baseline entries for every finding not accepted by a marker.
    pub entries: Vec<Entry>,
    /// Lines of markers that name nothing to allow.
    pub empty_markers: Vec<usize>,
}

impl Checker<'_> {
    /// Judges `found`, the findings of `text` (named `file` in reports).
    pub fn check<'r>(&'r self, file: &'r str, text: &str, found: Found) -> Checked<'r> {
        let (markers, empty_markers) = if self.no_allow {
            (Vec::new(), Vec::new())
        } else {
            markers(text)
        };
        let pseudonyms = self.rules.rewrite_spec(Category::Person).strategy
            == crate::rules::schema::Strategy::Pseudonym;
        let mut out = Checked {
            reports: Vec::with_capacity(found.findings.len()),
            empty_markers,
            ..Checked::default()
        };
        let mut starts = Positions::new(text);
        // By rule index: each rule's findings counted in order, for fingerprints.
        let mut occurrences = vec![0usize; self.rules.rules.len()];
        for f in &found.findings {
            let rule = self.rules.rule(f.rule);
            let original = &text[f.start..f.end];
            let (line, column) = starts.at(f.start);
            if f.category == Category::Person && pseudonyms && is_pseudonym(self.rules, original) {
                continue;
            }
            let nth = &mut occurrences[f.rule];
            *nth += 1;
            let keyed = self.key.map(|k| entry(k, &rule.id, file, original));
            let fingerprint = match &keyed {
                Some(e) => e.fingerprint.clone(),
                None if !self.fingerprints => String::new(),
                None => blake3::hash(format!("{}\0{file}\0{nth}", rule.id).as_bytes()).to_hex()
                    [..16]
                    .to_string(),
            };
            let marker = markers
                .iter()
                .find(|m| m.covers(line, &rule.id, f.category));
            let suppressed = match (marker, &keyed) {
                (Some(m), _) => Some(Suppression::Marker {
                    line: m.line,
                    reason: m.reason.clone(),
                }),
                (None, Some(e)) if self.baseline.is_some_and(|b| b.contains(e)) => {
                    Some(Suppression::Baseline)
                }
                _ => None,
            };
            if let (None, Some(e)) = (marker, keyed) {
                out.entries.push(e);
            }
            let (end_line, end_column) = starts.at(f.end);
            out.reports.push(Report {
                file,
                line,
                column,
                end_line,
                end_column,
                category: f.category.name(),
                class: rule.class.name(),
                rule: &rule.id,
                level: if self.fail_on.fails(rule.class, f.category) {
                    "error"
                } else {
                    "warning"
                },
                message: &rule.message,
                text: if self.show_text {
                    Shown::Text(original.to_string())
                } else {
                    Shown::masked(original)
                },
                fingerprint,
                suppressed,
            });
        }
        out
    }
}
