//! Inputs: which files a command takes from its path arguments, and reading them as text.
//!
//! A file argument is taken as it is; a folder is walked recursively, skipping hidden and
//! `.gitignore`d files, taking those whose names match the globs (`*.txt`, `*.md` unless
//! `--glob` says otherwise). Files are returned sorted, so a run does not depend on the
//! order the file system lists them in.

use crate::error::{Error, Result};
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// One input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    /// Where to read it.
    pub path: PathBuf,
    /// The argument it was found under, joined with its walked relative path, as
    /// audit records and reports name it.
    pub display: String,
    /// Its path relative to that argument, mirrored under `--out`.
    pub relative: PathBuf,
}

/// The default globs for files found in folders.
pub const DEFAULT_GLOBS: [&str; 2] = ["*.txt", "*.md"];

/// Builds the file-name filter from `globs`.
pub fn glob_set(globs: &[String]) -> Result<GlobSet> {
    let mut builder = GlobSetBuilder::new();
    for g in globs {
        let glob = Glob::new(g).map_err(|e| Error::Usage(format!("invalid --glob `{g}`: {e}")))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| Error::Usage(format!("invalid --glob: {e}")))
}

/// The files named by `args`, and an error for each argument or entry that could not be
/// listed (the rest are still returned).
pub fn collect(args: &[PathBuf], globs: &GlobSet) -> (Vec<Input>, Vec<Error>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for arg in args {
        let meta = match std::fs::metadata(arg) {
            Ok(m) => m,
            Err(e) => {
                errors.push(Error::io(arg, "read input", e));
                continue;
            }
        };
        if !meta.is_dir() {
            let name = arg
                .file_name()
                .map_or_else(|| PathBuf::from("stdin"), PathBuf::from);
            inputs.push(Input {
                path: arg.clone(),
                display: arg.display().to_string(),
                relative: name,
            });
            continue;
        }
        let mut found = Vec::new();
        let walker = ignore::WalkBuilder::new(arg)
            .hidden(true)
            .git_ignore(true)
            .require_git(false)
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    errors.push(Error::file(arg, format!("cannot walk the folder: {e}")));
                    continue;
                }
            };
            if !entry.file_type().is_some_and(|t| t.is_file()) {
                continue;
            }
            let path = entry.into_path();
            let relative = path.strip_prefix(arg).unwrap_or(&path).to_path_buf();
            let name_matches = path
                .file_name()
                .is_some_and(|n| globs.is_match(Path::new(n)));
            if name_matches || globs.is_match(&relative) {
                found.push(Input {
                    display: arg.join(&relative).display().to_string(),
                    path,
                    relative,
                });
            }
        }
        found.sort_by(|a, b| a.relative.cmp(&b.relative));
        inputs.extend(found);
    }
    (inputs, errors)
}

/// Reads `path` as UTF-8 text. A file with a NUL byte is binary and refused; invalid
/// UTF-8 is refused with the line and column where it starts.
pub fn read_text(path: &Path, display: &str) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(display, "read input", e))?;
    decode(bytes, display)
}

/// Decodes the bytes of an input named `display`.
pub fn decode(bytes: Vec<u8>, display: &str) -> Result<String> {
    // memchr, not a byte-by-byte search: this runs over every byte read.
    if let Some(at) = memchr::memchr(0, &bytes) {
        return Err(Error::file(
            display,
            format!("binary file (NUL byte at byte {at}), skipped; veil reads UTF-8 text only"),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let text = std::str::from_utf8(&e.as_bytes()[..valid]).expect("valid prefix");
        Error::File {
            path: display.to_string(),
            position: Some(crate::text::position(text, valid)),
            message: format!(
                "not valid UTF-8 at byte {valid}; convert the file to UTF-8 (for example with iconv) and run again"
            ),
        }
    })
}
