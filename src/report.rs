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
    pub text: Shown,
    /// Stable across runs and line moves; derived from no identifying text unless keyed.
    /// Empty where the format does not print it (see `Checker::fingerprints`).
    pub fingerprint: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub suppressed: Option<Suppression>,
}

/// `J**` for `Jim`: the first character, then one `*` per further character.
pub fn mask(text: &str) -> String {
    Shown::masked(text).to_string()
}

/// A finding's text as a report shows it. A mask is kept as its first character and the
/// number of stars after it: no string for each of the many findings of an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Shown {
    Text(String),
    Mask { first: Option<char>, stars: usize },
}

impl Shown {
    /// The mask of `text` (see [`mask`]).
    pub fn masked(text: &str) -> Shown {
        let mut chars = text.chars();
        Shown::Mask {
            first: chars.next(),
            stars: chars.count(),
        }
    }

    /// Writes the text, or its mask; quoted and escaped as Rust's `{:?}` of it if `quoted`
    /// (for the human and GitHub formats).
    fn write(&self, f: &mut impl std::fmt::Write, quoted: bool) -> std::fmt::Result {
        let (first, stars) = match self {
            Shown::Text(text) if quoted => return write!(f, "{text:?}"),
            Shown::Text(text) => return f.write_str(text),
            Shown::Mask { first, stars } => (*first, *stars),
        };
        match (first, quoted) {
            (Some(c), true) if c.is_ascii_alphanumeric() => {
                f.write_char('"')?;
                f.write_char(c)?;
            }
            (Some(c), true) => {
                // The first character quoted as in a string, without the closing quote.
                let quoted = format!("{:?}", c.encode_utf8(&mut [0; 4]) as &str);
                f.write_str(&quoted[..quoted.len() - 1])?;
            }
            (Some(c), false) => f.write_char(c)?,
            (None, true) => f.write_char('"')?,
            (None, false) => {}
        }
        // A few writes of many stars, not one write per star.
        const STARS: &str = "********************************";
        let mut left = stars;
        while left > 0 {
            let n = left.min(STARS.len());
            f.write_str(&STARS[..n])?;
            left -= n;
        }
        if quoted {
            f.write_char('"')?;
        }
        Ok(())
    }

    /// `{:?}` of the text or its mask, without making the mask.
    pub fn quoted(&self) -> impl std::fmt::Display + '_ {
        struct Quoted<'s>(&'s Shown);
        impl std::fmt::Display for Quoted<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.write(f, true)
            }
        }
        Quoted(self)
    }
}

impl std::fmt::Display for Shown {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.write(f, false)
    }
}

impl Serialize for Shown {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
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
            // `path:line:column: CATEGORY rule-id "J**"`, put together by hand in one
            // buffer: a `writeln!` of its six parts cost about 1,500 instructions a
            // finding, a thirtieth of checking an archive with a finding every 70 bytes.
            let (mut line, mut number) = (String::new(), itoa::Buffer::new());
            for r in reports {
                let note = match (&r.suppressed, r.level) {
                    (Some(_), _) => " (accepted)",
                    (None, "warning") => " (warning)",
                    _ => "",
                };
                line.clear();
                line.push_str(r.file);
                for n in [r.line, r.column] {
                    line.push(':');
                    line.push_str(number.format(n));
                }
                for part in [": ", r.category, " ", r.rule, " "] {
                    line.push_str(part);
                }
                r.text.write(&mut line, true).expect("writing to a String");
                line.push_str(note);
                line.push('\n');
                out.write_all(line.as_bytes())?;
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
                    data(&format!(
                        "{} {}: {}",
                        r.category,
                        r.text.quoted(),
                        r.message
                    )),
                )?;
            }
            Ok(())
        }
        Format::Sarif => {
            let mut log = Sarif::open(out, rules)?;
            log.results(out, reports, rules)?;
            log.close(out)
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

/// A SARIF 2.1.0 log written a result at a time, so that a large archive's log is never
/// held whole: one run, with every rule in force as a reporting descriptor and every
/// finding as a result (accepted ones with their suppression). The text is what
/// `serde_json::to_string_pretty` makes of the whole document.
pub struct Sarif {
    /// The document after its results.
    tail: String,
    /// Results written so far.
    written: usize,
}

/// Where the results go in the document's skeleton (a string no result can contain).
const RESULTS: &str = "\u{0}results";

/// How deep a result is indented: `runs[0].results[i]`, two spaces a level.
const RESULT_INDENT: &str = "        ";

impl Sarif {
    /// Writes the document up to its first result.
    pub fn open(out: &mut impl Write, rules: &RuleSet) -> io::Result<Sarif> {
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
        let skeleton = json!({
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
                "results": RESULTS
            }]
        });
        let text = serde_json::to_string_pretty(&skeleton).expect("SARIF serialises");
        let marker = serde_json::to_string(RESULTS).expect("a string serialises");
        let (head, tail) = text.split_once(&marker).expect("the results marker");
        out.write_all(head.as_bytes())?;
        Ok(Sarif {
            tail: tail.to_string(),
            written: 0,
        })
    }

    /// Writes `reports` as results; `rules` is the set the log was opened with.
    pub fn results(
        &mut self,
        out: &mut impl Write,
        reports: &[Report<'_>],
        rules: &RuleSet,
    ) -> io::Result<()> {
        for r in reports {
            let index = rules.rules.iter().position(|x| x.id == r.rule).unwrap_or(0);
            let mut result = json!({
                "ruleId": r.rule,
                "ruleIndex": index,
                "level": r.level,
                "message": { "text": format!("{} {} {}: {}", r.category, r.class, r.text.quoted(), r.message) },
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
                    Suppression::Marker { reason, .. } => {
                        ("inSource", reason.clone().unwrap_or_default())
                    }
                    Suppression::Baseline => {
                        ("external", "accepted in the baseline file".to_string())
                    }
                };
                result["suppressions"] = json!([{ "kind": kind, "justification": justification }]);
            }
            out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
            // JSON strings hold no line breaks, so indenting every line is safe.
            let text = serde_json::to_string_pretty(&result).expect("SARIF serialises");
            for (i, line) in text.lines().enumerate() {
                if i > 0 {
                    out.write_all(b"\n")?;
                }
                out.write_all(RESULT_INDENT.as_bytes())?;
                out.write_all(line.as_bytes())?;
            }
            self.written += 1;
        }
        Ok(())
    }

    /// Writes the rest of the document.
    pub fn close(self, out: &mut impl Write) -> io::Result<()> {
        let results = match self.written {
            0 => "[]".to_string(),
            _ => format!("\n{}]", &RESULT_INDENT[2..]),
        };
        out.write_all(results.as_bytes())?;
        writeln!(out, "{}", self.tail)
    }
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
    fn shown_text_is_quoted_as_a_string_would_be() {
        // Longer than the stars written at once, too.
        let long = "Abercrombie-Fitzgerald ".repeat(4);
        for text in [
            "Jim",
            "Siân",
            "",
            "\"O'Neill",
            "\\x",
            "\u{301}e",
            "Zoë\tX",
            &long,
        ] {
            let shown = Shown::Text(text.to_string());
            assert_eq!(shown.quoted().to_string(), format!("{text:?}"));
            assert_eq!(shown.to_string(), text);
            let masked = Shown::masked(text);
            assert_eq!(masked.quoted().to_string(), format!("{:?}", mask(text)));
            assert_eq!(
                serde_json::to_string(&masked).unwrap(),
                serde_json::to_string(&mask(text)).unwrap()
            );
        }
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
