//! Helpers shared by the integration tests, which run the real binary in temporary folders.
#![allow(dead_code)]

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

/// The veil binary under test.
pub fn veil() -> Command {
    Command::cargo_bin("veil").unwrap()
}

/// Writes `text` at `dir/rel`, creating folders.
pub fn write(dir: &Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// The records of an audit log.
pub fn records(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Runs veil with `args` in `dir`, feeding `stdin`; returns its standard output, asserting success.
pub fn redact_stdin(dir: &Path, args: &[&str], stdin: &str) -> String {
    let out = veil()
        .current_dir(dir)
        .arg("redact")
        .arg("-")
        .args(args)
        .write_stdin(stdin)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}
