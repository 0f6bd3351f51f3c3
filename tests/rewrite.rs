//! Rewriting like a careful editor, through the real binary: each strategy, shape-keeping
//! pseudonyms, the mapping file round trip, `--audit-originals`, the review report, and the
//! audit-log contract under every strategy.

mod common;
use common::*;

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use tempfile::TempDir;

fn redact(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = veil()
        .current_dir(dir)
        .arg("redact")
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Applies each file's records back to front to its input and compares with the output.
fn audit_reproduces_outputs(dir: &Path, input: &str, out: &str, log: &str) {
    let log = records(&dir.join(log));
    for entry in fs::read_dir(dir.join(input)).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        let original = fs::read(dir.join(input).join(&name)).unwrap();
        let mut rebuilt = original.clone();
        let file = format!("{input}/{name}");
        for r in log
            .iter()
            .filter(|r| r["file"] == file.as_str())
            .collect::<Vec<_>>()
            .iter()
            .rev()
        {
            let (s, e) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            rebuilt.splice(s..e, r["replacement"].as_str().unwrap().bytes());
        }
        assert_eq!(
            String::from_utf8(rebuilt).unwrap(),
            fs::read_to_string(dir.join(out).join(&name)).unwrap()
        );
    }
}

const GENERALISE: &str = "rewrite:
  PERSON: { strategy: pseudonym }
  LOC: { strategy: generalise }
  ORG: { strategy: generalise }
  DATETIME: { strategy: generalise }
  DEM: { strategy: generalise }
  QUANTITY: { strategy: generalise }
";

const STORY: &str = "On 3 March 2019 at 10:41 my client Chidi Okafor, 43, left Sheffield for HMP Styal.\n\
Mr Okafor told Priya at 4.50pm that South Yorkshire Police had called. I have been a PO for 22 years.\n";

#[test]
fn generalise_reads_like_an_editor_wrote_it() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "r.yaml", GENERALISE);
    write(tmp.path(), "in/story.txt", STORY);
    assert_eq!(
        redact(tmp.path(), &["in", "-o", "out", "--rules", "r.yaml"]).0,
        0
    );
    let out = fs::read_to_string(tmp.path().join("out/story.txt")).unwrap();
    for expected in [
        "On March 2019 my client",
        ", 40-something, left a town in South Yorkshire for a prison.",
        "at mid-afternoon that a police force had called",
        "for many years.",
    ] {
        assert!(out.contains(expected), "{expected:?} in {out}");
    }
    for original in [
        "Chidi",
        "Okafor",
        "Sheffield",
        "Styal",
        "Priya",
        "43",
        "10:41",
        "22 years",
    ] {
        assert!(!out.contains(original), "{original} in {out}");
    }
    audit_reproduces_outputs(tmp.path(), "in", "out", "out.audit.jsonl");
}

#[test]
fn date_and_time_options() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "r.yaml",
        "rewrite:\n  DATETIME: { strategy: generalise, keep: year, times: placeholder }\n",
    );
    let out = redact_stdin(
        tmp.path(),
        &["--rules", "r.yaml"],
        "Seen on 3 March 2019, again at 10:41.\n",
    );
    assert_eq!(out, "Seen on 2019, again at [TIME].\n");
}

#[test]
fn pseudonyms_keep_the_shape_of_the_name() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "r.yaml",
        "rewrite:\n  PERSON: { strategy: pseudonym }\n",
    );
    write(tmp.path(), "key", "secret");
    let out = veil()
        .current_dir(tmp.path())
        .args([
            "redact",
            "-",
            "--rules",
            "r.yaml",
            "--key-file",
            "key",
            "--audit",
            "log.jsonl",
        ])
        .write_stdin("Mr Nowakowski came. Later Priya rang, then Chidi Okafor.\n")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    let log = records(&tmp.path().join("log.jsonl"));
    let replacement = |original: &str| {
        log.iter().find(|r| r["original"] == original).unwrap()["replacement"]
            .as_str()
            .unwrap()
            .to_string()
    };
    let pool = |file: &str| {
        fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("rules/lists")
                .join(file),
        )
        .unwrap()
    };
    let surname = replacement("Nowakowski");
    assert!(
        pool("pseudonym-surnames.txt").lines().any(|l| l == surname),
        "a surname for a surname: {surname}"
    );
    assert!(
        out.starts_with(&format!("Mr {surname} came.")),
        "the title stays: {out}"
    );
    let given = replacement("Priya");
    assert!(
        pool("pseudonym-given.txt").lines().any(|l| l == given),
        "a given name for a given name: {given}"
    );
    assert_eq!(
        replacement("Chidi Okafor").split(' ').count(),
        2,
        "a full name for a full name"
    );
    for original in ["Nowakowski", "Priya", "Chidi", "Okafor"] {
        assert!(!out.contains(original));
    }
}

#[test]
fn mapping_pins_reuses_and_never_doubles_a_replacement() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "a/one.txt", "Jim met Priya in Leeds.\n");
    assert_eq!(
        redact(tmp.path(), &["a", "-o", "out1", "--mapping", "map.yaml"]).0,
        0
    );
    let map = tmp.path().join("map.yaml");
    assert_eq!(
        fs::metadata(&map).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let text = fs::read_to_string(&map).unwrap();
    assert!(
        text.contains("original: Jim") && text.contains("replacement: '[PERSON 1]'"),
        "{text}"
    );
    // An editor pins Jim to Sam.
    let pinned = text.replace(
        "original: Jim\n  replacement: '[PERSON 1]'",
        "original: Jim\n  replacement: Sam\n  pinned: true",
    );
    assert_ne!(pinned, text);
    fs::write(&map, pinned).unwrap();
    // The next batch: Jim is pinned, Priya and Leeds reused, a new person gets a new number.
    write(
        tmp.path(),
        "b/two.txt",
        "Priya and Jim saw Tunde in Leeds.\n",
    );
    assert_eq!(
        redact(tmp.path(), &["b", "-o", "out2", "--mapping", "map.yaml"]).0,
        0
    );
    assert_eq!(
        fs::read_to_string(tmp.path().join("out2/two.txt")).unwrap(),
        "[PERSON 2] and Sam saw [PERSON 3] in [PLACE 1].\n"
    );
    let text = fs::read_to_string(&map).unwrap();
    assert!(
        text.contains("original: Tunde") && text.contains("pinned: true"),
        "{text}"
    );
    // Two entities mapped to one replacement are refused.
    fs::write(
        &map,
        text.replace("replacement: '[PERSON 3]'", "replacement: Sam"),
    )
    .unwrap();
    let (code, stderr) = redact(tmp.path(), &["b", "-o", "out3", "--mapping", "map.yaml"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("map.yaml") && stderr.contains("both mapped to \"Sam\""),
        "{stderr}"
    );
}

#[test]
fn audit_originals_hash_and_drop() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/a.txt", STORY);
    write(tmp.path(), "key", "secret");
    let (code, stderr) = redact(
        tmp.path(),
        &["in", "-o", "out", "--audit-originals", "hash"],
    );
    assert_eq!(code, 2, "hashing needs a key: {stderr}");
    for run in ["x", "y"] {
        let audit = format!("{run}.jsonl");
        let args = [
            "in",
            "-o",
            run,
            "--audit",
            &audit,
            "--audit-originals",
            "hash",
            "--key-file",
            "key",
        ];
        assert_eq!(redact(tmp.path(), &args).0, 0);
    }
    let (x, y) = (
        records(&tmp.path().join("x.jsonl")),
        records(&tmp.path().join("y.jsonl")),
    );
    assert_eq!(x, y, "the same key hashes the same way");
    let log = fs::read_to_string(tmp.path().join("x.jsonl")).unwrap();
    for original in ["Chidi", "Okafor", "Sheffield", "Styal", "Priya"] {
        assert!(!log.contains(original));
    }
    assert!(x
        .iter()
        .all(|r| r["original"].as_str().unwrap().starts_with("keyed:")));
    // Hashes stand for the originals one to one: a key holder can check each record.
    assert_eq!(
        redact(tmp.path(), &["in", "-o", "k", "--audit", "k.jsonl"]).0,
        0
    );
    let kept = records(&tmp.path().join("k.jsonl"));
    assert_eq!(kept.len(), x.len());
    let mut pairs = std::collections::HashMap::new();
    for (k, h) in kept.iter().zip(&x) {
        let prev = pairs.insert(
            k["original"].as_str().unwrap(),
            h["original"].as_str().unwrap(),
        );
        assert!(prev.is_none() || prev == h["original"].as_str());
    }
    let hashes: std::collections::HashSet<_> = pairs.values().collect();
    assert_eq!(hashes.len(), pairs.len());
    audit_reproduces_outputs(tmp.path(), "in", "x", "x.jsonl");
    assert_eq!(
        redact(
            tmp.path(),
            &[
                "in",
                "-o",
                "z",
                "--audit",
                "z.jsonl",
                "--audit-originals",
                "drop"
            ]
        )
        .0,
        0
    );
    assert!(records(&tmp.path().join("z.jsonl"))
        .iter()
        .all(|r| r["original"].is_null()));
    audit_reproduces_outputs(tmp.path(), "in", "z", "z.jsonl");
}

#[test]
fn the_audit_contract_holds_with_every_strategy() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/a.txt", STORY);
    write(
        tmp.path(),
        "in/b.txt",
        "Zoë met Siân’s son Jim in Sheffield on 3 March 2019.\n",
    );
    write(tmp.path(), "gen.yaml", GENERALISE);
    write(
        tmp.path(),
        "pseudo.yaml",
        "rewrite:\n  PERSON: { strategy: pseudonym }\n",
    );
    for (i, extra) in [
        vec![],
        vec!["--rules", "gen.yaml"],
        vec!["--rules", "pseudo.yaml"],
    ]
    .iter()
    .enumerate()
    {
        let out = format!("out{i}");
        let audit = format!("{out}.jsonl");
        let mut args = vec!["in", "-o", &out, "--audit", &audit];
        args.extend(extra.iter().copied());
        assert_eq!(redact(tmp.path(), &args).0, 0);
        audit_reproduces_outputs(tmp.path(), "in", &out, &audit);
        let log = records(&tmp.path().join(&audit));
        let mut by_entity = std::collections::HashMap::new();
        for r in &log {
            let prev = by_entity.insert(
                r["entity"].as_str().unwrap().to_string(),
                r["replacement"].clone(),
            );
            assert!(
                prev.is_none() || prev.as_ref() == Some(&r["replacement"]),
                "one entity, one replacement"
            );
        }
    }
}

#[test]
fn review_report_is_self_contained_and_owner_only() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/a.txt", STORY);
    assert_eq!(
        redact(tmp.path(), &["in", "-o", "out", "--report", "review.html"]).0,
        0
    );
    let path = tmp.path().join("review.html");
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let html = fs::read_to_string(&path).unwrap();
    let changes = records(&tmp.path().join("out.audit.jsonl")).len();
    assert_eq!(html.matches("<mark class=\"change").count(), changes);
    assert!(
        html.contains("Chidi Okafor"),
        "the report shows the originals to the editor"
    );
    for remote in ["src=\"http", "href=\"http", "@import", "url("] {
        assert!(!html.contains(remote), "no network requests: {remote}");
    }
    let (code, stderr) = redact(
        tmp.path(),
        &["in", "-o", "out", "--report", "out/review.html"],
    );
    assert_eq!(code, 2, "{stderr}");
}
