//! The errors veil reports. Each names the file it concerns and, where it applies, the
//! line, column and rule id, and says what to do about it.

use std::fmt;
use std::path::Path;

/// Every failure the library can report; the binary prints it once and exits 2.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A rule file that cannot be used.
    #[error("{file}:{line}:{column}: {}{message}", rule_prefix(.rule))]
    Rule {
        file: String,
        line: usize,
        column: usize,
        rule: Option<String>,
        message: String,
    },
    /// An input, output or auxiliary file that cannot be read, decoded or written.
    #[error("{path}{}: {message}", fmt_position(.position))]
    File {
        path: String,
        position: Option<(usize, usize)>,
        message: String,
    },
    /// Arguments that do not fit together.
    #[error("{0}")]
    Usage(String),
}

fn rule_prefix(rule: &Option<String>) -> String {
    rule.as_ref()
        .map(|r| format!("rule `{r}`: "))
        .unwrap_or_default()
}

fn fmt_position(position: &Option<(usize, usize)>) -> String {
    position
        .map(|(l, c)| format!(":{l}:{c}"))
        .unwrap_or_default()
}

impl Error {
    /// A failure concerning `path`, with no position.
    pub fn file(path: impl AsRef<Path>, message: impl fmt::Display) -> Error {
        Error::File {
            path: path.as_ref().display().to_string(),
            position: None,
            message: message.to_string(),
        }
    }

    /// An I/O failure on `path`, with advice for the common cases.
    pub fn io(path: impl AsRef<Path>, action: &str, err: std::io::Error) -> Error {
        let advice = match err.kind() {
            std::io::ErrorKind::NotFound => "; check the path",
            std::io::ErrorKind::PermissionDenied => "; check the file's permissions",
            _ => "",
        };
        Error::file(path, format!("cannot {action}: {err}{advice}"))
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
