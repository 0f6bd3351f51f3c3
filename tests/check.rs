//! `veil check` as a CI gate, run as the real binary in fresh temporary folders: exit
//! codes, every output format (snapshots), SARIF against the official schema, baselines,
//! inline markers, the round trip through `redact`, and that no format leaks originals.

mod common;
use common::*;

use std::fs;
use std::path::Path;
use tempfile::TempDir;

/// Runs veil in `dir`; returns (exit code, stdout, stderr).
fn run(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = veil().current_dir(dir).args(args).output().unwrap();
    (
        out.status.code().unwrap(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

const STATEMENT: &str = "Statement\n\nMy client Chidi Okafor (29) was seen by DS Rose at Leeds Crown Court on 3 March 2019.\nCall 07700 900123.\n";

fn statement_dir() -> TempDir {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "sub/statement.md", STATEMENT);
    tmp
}

#[test]
fn exit_codes() {
    let tmp = statement_dir();
    write(
        tmp.path(),
        "clean.txt",
        "Nothing to see: the team met on a Monday.\n",
    );
    assert_eq!(run(tmp.path(), &["check", "clean.txt"]).0, 0);
    assert_eq!(run(tmp.path(), &["check", "sub"]).0, 1);
    fs::write(tmp.path().join("bad.txt"), b"caf\xe9\n").unwrap();
    fs::write(tmp.path().join("binary.txt"), b"Jim\0\x01").unwrap();
    let (code, stdout, stderr) = run(tmp.path(), &["check", "bad.txt", "binary.txt", "sub"]);
    assert_eq!(code, 2, "an undecodable file is never clean");
    assert!(
        stderr.contains("bad.txt:1:4") && stderr.contains("binary.txt"),
        "{stderr}"
    );
    assert!(
        stdout.contains("sub/statement.md"),
        "the other files are still checked: {stdout}"
    );
    assert_eq!(
        run(tmp.path(), &["check", "--fail-on", "nonsense", "sub"]).0,
        2
    );
}

#[test]
fn human_format() {
    let (_, stdout, _) = run(statement_dir().path(), &["check", "sub"]);
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_format() {
    let (_, stdout, _) = run(
        statement_dir().path(),
        &["check", "--format", "json", "sub"],
    );
    for line in stdout.lines() {
        let v: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(v["fingerprint"].is_string() && v["line"].is_u64());
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn github_format() {
    let (_, stdout, _) = run(
        statement_dir().path(),
        &["check", "--format", "github", "sub"],
    );
    insta::assert_snapshot!(stdout);
}

#[test]
fn sarif_format_validates_against_the_official_schema() {
    let (code, stdout, _) = run(
        statement_dir().path(),
        &["check", "--format", "sarif", "sub"],
    );
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("data/sarif-2.1.0.json")).expect("schema parses");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let problems: Vec<String> = validator
        .iter_errors(&sarif)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // What GitHub code scanning needs of each result.
    let run0 = &sarif["runs"][0];
    assert!(!run0["tool"]["driver"]["rules"]
        .as_array()
        .unwrap()
        .is_empty());
    for result in run0["results"].as_array().unwrap() {
        assert!(
            result["ruleId"].is_string()
                && result["level"].is_string()
                && result["message"]["text"].is_string()
        );
        let region = &result["locations"][0]["physicalLocation"]["region"];
        for field in ["startLine", "startColumn", "endLine", "endColumn"] {
            assert!(region[field].is_u64(), "{field}");
        }
        let fp = result["partialFingerprints"]["veilFingerprint/v1"]
            .as_str()
            .unwrap();
        for original in ["Chidi", "Okafor", "Rose", "Leeds", "07700"] {
            assert!(!fp.contains(original));
        }
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn sarif_of_many_files_holds_every_finding_once_in_file_order() {
    // More files than one group: the log is written a group of results at a time.
    let tmp = TempDir::new().unwrap();
    for i in 0..40 {
        write(tmp.path(), &format!("in/{i:02}.txt"), STATEMENT);
    }
    write(tmp.path(), "in/clean.txt", "Nothing to see here.\n");
    let (code, stdout, _) = run(tmp.path(), &["check", "--format", "sarif", "in"]);
    assert_eq!(code, 1);
    let sarif: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let results = sarif["runs"][0]["results"].as_array().unwrap();
    let (_, json, _) = run(tmp.path(), &["check", "--format", "json", "in"]);
    let findings: Vec<serde_json::Value> = json
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(results.len(), findings.len());
    assert_eq!(
        results.len() % 40,
        0,
        "each file's findings: {}",
        results.len()
    );
    for (result, finding) in results.iter().zip(&findings) {
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], finding["file"]);
        assert_eq!(location["region"]["startColumn"], finding["column"]);
        assert_eq!(result["ruleId"], finding["rule"]);
    }
}

#[test]
fn no_format_prints_the_originals_by_default() {
    let tmp = TempDir::new().unwrap();
    // A real sample: every DIRECT and QUASI original of its annotations must stay out of the output.
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples/written");
    let name = "forwarded-email-ap-referral";
    fs::copy(root.join(format!("{name}.txt")), tmp.path().join("in.txt")).unwrap();
    let ann = fs::read_to_string(root.join(format!("{name}.ann"))).unwrap();
    // Names, places, organisations and identifiers (rule messages quote example dates and
    // amounts, which would match by chance).
    let originals: Vec<&str> = ann
        .lines()
        .filter(|l| l.starts_with('T'))
        .filter(|l| {
            ["PERSON", "LOC", "ORG", "CODE"]
                .iter()
                .any(|t| l.split('\t').nth(1).is_some_and(|i| i.starts_with(t)))
        })
        .filter_map(|l| l.split('\t').nth(2))
        .filter(|o| o.chars().count() >= 3)
        .collect();
    assert!(originals.len() > 20);
    let mut seen = 0;
    for format in ["human", "json", "sarif", "github"] {
        let (code, stdout, stderr) = run(tmp.path(), &["check", "--format", format, "in.txt"]);
        assert_eq!(code, 1);
        for original in &originals {
            assert!(
                !stdout.contains(original) && !stderr.contains(original),
                "{format} leaks {original:?}"
            );
        }
        seen += stdout.len();
    }
    assert!(seen > 0);
    // With --show-text the text is there: the test above can fail.
    let (_, stdout, _) = run(tmp.path(), &["check", "--show-text", "in.txt"]);
    assert!(originals.iter().any(|o| stdout.contains(o)));
}

#[test]
fn fail_on_narrows_what_fails_and_the_rest_are_warnings() {
    let tmp = statement_dir();
    let (code, stdout, _) = run(tmp.path(), &["check", "--fail-on", "CODE", "sub"]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains("CODE code.phone-uk \"0***********\"\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("PERSON person.context \"C***********\" (warning)"),
        "{stdout}"
    );
    write(tmp.path(), "places.txt", "We met in Sheffield.\n");
    let (code, stdout, _) = run(tmp.path(), &["check", "--fail-on", "direct", "places.txt"]);
    assert_eq!(
        code, 0,
        "QUASI findings are only warnings under --fail-on direct: {stdout}"
    );
    assert!(stdout.contains("(warning)"));
}

#[test]
fn baseline_accepts_findings_and_survives_a_moved_paragraph() {
    let tmp = statement_dir();
    write(tmp.path(), "key", "a long secret");
    let (code, _, stderr) = run(
        tmp.path(),
        &["check", "--write-baseline", "base.json", "sub"],
    );
    assert_eq!(code, 2, "a baseline needs a key: {stderr}");
    let (code, _, _) = run(
        tmp.path(),
        &[
            "check",
            "--key-file",
            "key",
            "--write-baseline",
            "base.json",
            "sub",
        ],
    );
    assert_eq!(code, 0);
    let baseline = fs::read_to_string(tmp.path().join("base.json")).unwrap();
    for original in ["Chidi", "Okafor", "Rose", "Leeds", "07700", "2019"] {
        assert!(
            !baseline.contains(original),
            "the baseline holds no text: {baseline}"
        );
    }
    let args = [
        "check",
        "--key-file",
        "key",
        "--baseline",
        "base.json",
        "sub",
    ];
    assert_eq!(run(tmp.path(), &args).0, 0);
    // Move the paragraph down and add lines above it: still accepted.
    let moved = format!(
        "New heading\n\nMore words here.\n\n{}",
        STATEMENT.replace("Statement\n\n", "")
    );
    write(tmp.path(), "sub/statement.md", &moved);
    assert_eq!(
        run(tmp.path(), &args).0,
        0,
        "moving a paragraph does not reopen it"
    );
    // A new name is not in the baseline.
    write(
        tmp.path(),
        "sub/statement.md",
        &format!("{moved}Then Priya Sharma called.\n"),
    );
    let (code, stdout, _) = run(tmp.path(), &args);
    assert_eq!(code, 1);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    // Another key does not match the entries.
    write(tmp.path(), "key", "another secret");
    assert_eq!(run(tmp.path(), &args).0, 1);
}

#[test]
fn inline_markers_accept_the_next_line_and_no_allow_ignores_them() {
    let tmp = TempDir::new().unwrap();
    let text = "<!-- veil:allow PERSON reason=\"public figure\" -->\nChris Grayling spoke.\nChris Grayling again.\n<!-- veil:allow -->\nJim too.\n";
    write(tmp.path(), "post.md", text);
    let (code, stdout, stderr) = run(tmp.path(), &["check", "post.md"]);
    assert_eq!(code, 1);
    assert_eq!(
        stdout.lines().count(),
        2,
        "line 3 and line 5 still count: {stdout}"
    );
    assert!(stdout.contains("post.md:3:1:") && stdout.contains("post.md:5:1:"));
    assert!(
        stderr.contains("post.md:4") && stderr.contains("names nothing"),
        "{stderr}"
    );
    let (_, stdout, _) = run(tmp.path(), &["check", "--list-suppressions", "post.md"]);
    assert!(
        stdout.contains("post.md:2:1: PERSON person.given-name \"C*************\" (accepted)"),
        "{stdout}"
    );
    let (_, stdout, _) = run(tmp.path(), &["check", "--no-allow", "post.md"]);
    assert_eq!(stdout.lines().count(), 3, "{stdout}");
    write(
        tmp.path(),
        "only.md",
        "<!-- veil:allow PERSON -->\nChris Grayling spoke.\n",
    );
    assert_eq!(run(tmp.path(), &["check", "only.md"]).0, 0);
    assert_eq!(run(tmp.path(), &["check", "--no-allow", "only.md"]).0, 1);
}

#[test]
fn check_passes_on_redacts_output_with_placeholders_and_with_pseudonyms() {
    let tmp = TempDir::new().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    for (i, name) in [
        "written/nurse-shift-diary-ward-14",
        "written/forwarded-email-ap-referral",
        "corpus/losing-the-plot",
    ]
    .iter()
    .enumerate()
    {
        fs::copy(
            root.join(format!("{name}.txt")),
            tmp.path().join(format!("in/{i}.txt")),
        )
        .unwrap_or_else(|_| {
            fs::create_dir_all(tmp.path().join("in")).unwrap();
            fs::copy(
                root.join(format!("{name}.txt")),
                tmp.path().join(format!("in/{i}.txt")),
            )
            .unwrap()
        });
    }
    write(
        tmp.path(),
        "pseudo.yaml",
        "rewrite:\n  PERSON: { strategy: pseudonym }\n",
    );
    for extra in [&[][..], &["--rules", "pseudo.yaml"][..]] {
        let mut redact = vec!["redact", "in", "-o", "out"];
        redact.extend_from_slice(extra);
        assert_eq!(run(tmp.path(), &redact).0, 0);
        let mut check = vec!["check", "--show-text", "out"];
        check.extend_from_slice(extra);
        let (code, stdout, _) = run(tmp.path(), &check);
        assert_eq!(
            code, 0,
            "check flags redact's own output ({extra:?}):\n{stdout}"
        );
        fs::remove_dir_all(tmp.path().join("out")).unwrap();
    }
}
