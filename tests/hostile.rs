//! Bad input and hostile rule files, through the real binary: each gives a clear exit 2 or
//! a working run, never a hang, a crash or a half-written output.

mod common;
use common::*;

use std::fs;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::{Duration, Instant};
use tempfile::TempDir;

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = veil()
        .current_dir(dir)
        .args(args)
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn empty_binary_nested_looped_and_oddly_named_inputs() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/empty.txt"), "").unwrap();
    fs::write(dir.join("in/binary.txt"), b"Jim\0Okafor").unwrap();
    let deep: String = (0..40).map(|i| format!("d{i}/")).collect();
    fs::create_dir_all(dir.join("in").join(&deep)).unwrap();
    fs::write(
        dir.join("in").join(&deep).join("deep.txt"),
        "Jim met Priya in Leeds.\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(dir.join("in"), dir.join("in/loop")).unwrap();
    let odd = std::ffi::OsStr::from_bytes(b"caf\xe9 Jim.txt");
    fs::write(dir.join("in").join(odd), "Ask Priya.\n").unwrap();

    let (code, stderr) = run(dir, &["redact", "in", "-o", "out"]);
    assert_eq!(code, 2, "the binary file makes the run fail: {stderr}");
    assert!(
        stderr.contains("binary.txt") && stderr.contains("NUL byte at byte 3"),
        "{stderr}"
    );
    assert!(
        !dir.join("out/binary.txt").exists(),
        "no output for the binary file"
    );
    assert_eq!(
        fs::read(dir.join("out/empty.txt")).unwrap(),
        b"",
        "an empty file gives an empty output"
    );
    assert_eq!(
        fs::read_to_string(dir.join("out").join(&deep).join("deep.txt")).unwrap(),
        "[PERSON 2] met [PERSON 1] in [PLACE 1].\n",
        "files are taken in byte order of their paths: the odd name (\"caf\\xe9 Jim\") comes first"
    );
    assert_eq!(
        fs::read_to_string(dir.join("out").join(odd)).unwrap(),
        "Ask [PERSON 1].\n",
        "a non-UTF-8 name is kept byte for byte"
    );
    assert!(stderr.contains("redacted 3 of 4 files"), "{stderr}");
    // check: the binary file is never reported clean.
    let (code, stderr) = run(dir, &["check", "in/binary.txt", "in/empty.txt"]);
    assert_eq!(code, 2, "{stderr}");
}

#[test]
fn a_second_run_into_the_same_output_refuses() {
    let tmp = TempDir::new().unwrap();
    fs::create_dir_all(tmp.path().join("in")).unwrap();
    fs::write(tmp.path().join("in/a.txt"), "Jim\n").unwrap();
    // Hold the lock as a running veil would.
    let lock = fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(false)
        .open(tmp.path().join("out.veil-lock"))
        .unwrap();
    lock.lock().unwrap();
    let (code, stderr) = run(tmp.path(), &["redact", "in", "-o", "out"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("another veil redact is writing to this folder"),
        "{stderr}"
    );
    assert!(!tmp.path().join("out/a.txt").exists());
    drop(lock);
    assert_eq!(run(tmp.path(), &["redact", "in", "-o", "out"]).0, 0);
}

#[test]
fn an_unreadable_file_is_reported_and_the_others_processed() {
    use std::os::unix::fs::PermissionsExt;
    use std::os::unix::process::CommandExt;
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    fs::create_dir_all(dir.join("in")).unwrap();
    fs::write(dir.join("in/a.txt"), "Ask Priya.\n").unwrap();
    fs::write(dir.join("in/secret.txt"), "Jim Okafor\n").unwrap();
    fs::set_permissions(dir.join("in/secret.txt"), fs::Permissions::from_mode(0o000)).unwrap();
    // Root reads any file: as root (CI), run veil as `nobody`, in a folder it may write.
    let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("veil"));
    if unsafe { libc::geteuid() } == 0 {
        for d in [dir, &dir.join("in")] {
            fs::set_permissions(d, fs::Permissions::from_mode(0o777)).unwrap();
        }
        fs::set_permissions(dir.join("in/a.txt"), fs::Permissions::from_mode(0o644)).unwrap();
        cmd.uid(65534).gid(65534);
    }
    let out = cmd
        .current_dir(dir)
        .args(["redact", "in", "-o", "out"])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("in/secret.txt") && stderr.contains("ermission denied"),
        "the error names the file and the cause: {stderr}"
    );
    assert!(!dir.join("out/secret.txt").exists());
    assert_eq!(
        fs::read_to_string(dir.join("out/a.txt")).unwrap(),
        "Ask [PERSON 1].\n"
    );
}

#[test]
fn a_rerun_leaves_no_stale_temporary_files_and_no_output_without_records() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    write(dir, "in/a.txt", "Ask Priya.\n");
    write(dir, "in/b.txt", "Jim Okafor rang.\n");
    assert_eq!(run(dir, &["redact", "in", "-o", "out"]).0, 0);
    // A killed run leaves its temporary files; b.txt then turns out unreadable as UTF-8.
    write(dir, "out/.veil-AbC123.tmp", "Jim Okafor rang.\n");
    write(dir, "out/sub/.veil-x.tmp", "half");
    write(dir, "out/notes.tmp", "not veil's");
    fs::write(dir.join("in/b.txt"), b"Jim \xff Okafor\n").unwrap();

    let (code, stderr) = run(dir, &["redact", "in", "-o", "out"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(!dir.join("out/.veil-AbC123.tmp").exists());
    assert!(!dir.join("out/sub/.veil-x.tmp").exists());
    assert!(
        dir.join("out/notes.tmp").exists(),
        "only veil's own temporary files go"
    );
    assert!(
        !dir.join("out/b.txt").exists(),
        "the earlier output of a file that failed now would have no records in the log"
    );
    let logged: Vec<String> = records(&dir.join("out.audit.jsonl"))
        .iter()
        .map(|r| r["file"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(logged, ["in/a.txt"]);
}

#[test]
fn hostile_rule_files_fail_clearly_or_load() {
    let tmp = TempDir::new().unwrap();
    let dir = tmp.path();
    let cases: Vec<(&str, String, &str)> = vec![
        ("huge.yaml", "rules:\n  - id: x.huge\n    category: MISC\n    pattern: '(?:\\w{1,100}){1,100}\\p{L}{50}'\n".into(), "invalid regex"),
        ("empty-match.yaml", "rules:\n  - id: x.empty\n    category: MISC\n    pattern: 'a?'\n".into(), "matches the empty string"),
        ("empty-term.yaml", "rules:\n  - id: x.term\n    category: MISC\n    terms: ['']\n".into(), "an empty term"),
        (
            "bomb.yaml",
            {
                let mut s = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
                for i in 0..12 {
                    let prev = if i == 0 { "a".to_string() } else { format!("b{}", i - 1) };
                    s.push_str(&format!("b{i}: &b{i} [*{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}, *{prev}]\n"));
                }
                s.push_str("rules: []\n");
                s
            },
            "bomb.yaml",
        ),
        ("not-yaml.yaml", "rules: [\n".into(), "not-yaml.yaml:"),
    ];
    for (name, text, expected) in cases {
        fs::write(dir.join(name), text).unwrap();
        let started = Instant::now();
        let (code, stderr) = run(dir, &["rules", "list", "--rules", name]);
        assert_eq!(code, 2, "{name}: {stderr}");
        assert!(
            stderr.contains(name) && stderr.contains(expected),
            "{name}: {stderr}"
        );
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "{name} took {:?}",
            started.elapsed()
        );
    }
    // A million-term word list loads and works.
    let mut list = String::with_capacity(12_000_000);
    for i in 0..1_000_000u32 {
        list.push_str(&format!("Zq{i:07}\n"));
    }
    list.push_str("Blue Door Project\n");
    fs::write(dir.join("big.txt"), list).unwrap();
    fs::write(
        dir.join("big.yaml"),
        "rules:\n  - id: x.big\n    category: ORG\n    file: big.txt\n",
    )
    .unwrap();
    let out = veil()
        .current_dir(dir)
        .args(["redact", "-", "--rules", "big.yaml", "--no-default-rules"])
        .write_stdin("We met Zq0999999 at the Blue Door Project.\n")
        .timeout(Duration::from_secs(120))
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        "We met [ORGANISATION 1] at the [ORGANISATION 2].\n"
    );
}
