//! What `veil check` prints. Every finding becomes one [`Report`]; each output format is a
//! small printer over those. CI logs are often public, so no printer shows the identifying
//! text unless asked: by default only its first character and its length.

use crate::resolve::Finding;
use crate::rules::RuleSet;
use crate::text::Positions;
use serde::Serialize;

/// One finding of `check`, located in its file.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
    pub category: &'static str,
    pub class: String,
    pub rule: String,
    pub message: String,
    /// The matched text, or its mask (`J**`) unless `--show-text`.
    pub text: String,
}

/// `J**` for `Jim`: the first character, then one `*` per further character.
pub fn mask(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().into_iter().chain(chars.map(|_| '*')).collect()
}

/// The reports of one file's findings, in order.
pub fn reports(
    file: &str,
    text: &str,
    findings: &[Finding],
    rules: &RuleSet,
    show_text: bool,
) -> Vec<Report> {
    let mut starts = Positions::new(text);
    findings
        .iter()
        .map(|f| {
            let rule = rules.rule(f.rule);
            let (line, column) = starts.at(f.start);
            let (end_line, end_column) = crate::text::position(text, f.end);
            let original = &text[f.start..f.end];
            Report {
                file: file.to_string(),
                line,
                column,
                end_line,
                end_column,
                category: f.category.name(),
                class: rule.class.to_string(),
                rule: rule.id.clone(),
                message: rule.message.clone(),
                text: if show_text {
                    original.to_string()
                } else {
                    mask(original)
                },
            }
        })
        .collect()
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `path:line:column: CATEGORY rule-id "J**"`
    Human,
    /// One JSON object per line.
    Json,
}

/// Renders one report as a line of `format`.
pub fn render(report: &Report, format: Format) -> String {
    match format {
        Format::Human => format!(
            "{}:{}:{}: {} {} {:?}",
            report.file, report.line, report.column, report.category, report.rule, report.text
        ),
        Format::Json => serde_json::to_string(report).expect("reports serialise"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn masks_keep_first_character_and_length() {
        assert_eq!(super::mask("Jim"), "J**");
        assert_eq!(super::mask("Siân"), "S***");
        assert_eq!(super::mask(""), "");
    }
}
