//! The outside contract (CONTRACT.md), checked by running the real binary in fresh
//! temporary folders.

mod common;
use common::*;

use serde_json::Value;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use tempfile::TempDir;

const A: &str =
    "\u{feff}Zoë met Siân’s son, Jim O'Neill, in Sheffield on 3 March 2019 at 10:41.\r\n\
                 “Jim’s fine,” said Zoë. Call 07700 900123 or mail jim.oneill@example.org.\r\n";
const B: &str = "Later Jim O'Neill wrote to Siân from Leeds.\n";

/// A batch of two files in `in/`, redacted into `out/`.
fn redact_batch() -> (TempDir, std::process::Output) {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/a.txt", A);
    write(tmp.path(), "in/sub/b.md", B);
    let output = veil()
        .current_dir(tmp.path())
        .args(["redact", "in", "--out", "out"])
        .output()
        .unwrap();
    (tmp, output)
}

#[test]
fn applying_audit_records_back_to_front_reproduces_each_output() {
    let (tmp, output) = redact_batch();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let log = records(&tmp.path().join("out.audit.jsonl"));
    assert!(!log.is_empty());
    for (input, out) in [("in/a.txt", "out/a.txt"), ("in/sub/b.md", "out/sub/b.md")] {
        let original = fs::read(tmp.path().join(input)).unwrap();
        let mut rebuilt = original.clone();
        let mine: Vec<&Value> = log.iter().filter(|r| r["file"] == input).collect();
        assert!(!mine.is_empty(), "records for {input}");
        for r in mine.iter().rev() {
            let (start, end) = (
                r["start"].as_u64().unwrap() as usize,
                r["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                &original[start..end],
                r["original"].as_str().unwrap().as_bytes(),
                "offsets are bytes"
            );
            rebuilt.splice(start..end, r["replacement"].as_str().unwrap().bytes());
        }
        assert_eq!(rebuilt, fs::read(tmp.path().join(out)).unwrap(), "{input}");
    }
    // Records are in file order, then offset order.
    let order: Vec<(String, u64)> = log
        .iter()
        .map(|r| {
            (
                r["file"].as_str().unwrap().to_string(),
                r["start"].as_u64().unwrap(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn audit_records_have_the_contract_fields_and_positions() {
    let (tmp, _) = redact_batch();
    let log = records(&tmp.path().join("out.audit.jsonl"));
    let fields: Vec<&str> = log[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let mut expected = [
        "file",
        "start",
        "end",
        "line",
        "column",
        "category",
        "rule",
        "entity",
        "original",
        "replacement",
    ];
    expected.sort();
    let mut got = fields.clone();
    got.sort();
    assert_eq!(got, expected);
    let find = |file: &str, original: &str, nth: usize| {
        log.iter()
            .filter(|r| r["file"] == file && r["original"] == original)
            .nth(nth)
            .cloned()
            .unwrap()
    };
    // The byte-order mark is not counted; columns count characters, not bytes.
    let zoe = find("in/a.txt", "Zoë", 0);
    assert_eq!(
        (
            zoe["line"].as_u64(),
            zoe["column"].as_u64(),
            zoe["start"].as_u64()
        ),
        (Some(1), Some(1), Some(3))
    );
    let sian = find("in/a.txt", "Siân", 0);
    assert_eq!(
        (sian["line"].as_u64(), sian["column"].as_u64()),
        (Some(1), Some(9))
    );
    let jim2 = find("in/a.txt", "Jim", 0);
    assert_eq!(
        (jim2["line"].as_u64(), jim2["column"].as_u64()),
        (Some(2), Some(2))
    );
    assert_eq!(find("in/a.txt", "Sheffield", 0)["category"], "LOC");
    assert_eq!(find("in/a.txt", "07700 900123", 0)["category"], "CODE");
    assert_eq!(
        find("in/a.txt", "3 March 2019 at 10:41", 0)["category"],
        "DATETIME"
    );
}

#[test]
fn one_entity_one_replacement_across_files() {
    let (tmp, _) = redact_batch();
    let log = records(&tmp.path().join("out.audit.jsonl"));
    let of = |file: &str, original: &str| {
        let r = log
            .iter()
            .find(|r| r["file"] == file && r["original"] == original)
            .unwrap();
        (
            r["entity"].as_str().unwrap().to_string(),
            r["replacement"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        of("in/a.txt", "Jim O'Neill"),
        of("in/sub/b.md", "Jim O'Neill")
    );
    assert_eq!(of("in/a.txt", "Siân"), of("in/sub/b.md", "Siân"));
    assert_ne!(of("in/a.txt", "Siân").1, of("in/a.txt", "Zoë").1);
    // Every mention of an entity has the same replacement; different entities differ.
    let mut by_entity = std::collections::HashMap::new();
    for r in &log {
        let prev = by_entity.insert(
            r["entity"].as_str().unwrap(),
            r["replacement"].as_str().unwrap(),
        );
        assert!(prev.is_none() || prev == r["replacement"].as_str());
    }
    let replacements: std::collections::HashSet<_> = by_entity.values().collect();
    assert_eq!(replacements.len(), by_entity.len());
    // Placeholders are numbered by first appearance in the batch.
    assert_eq!(
        of("in/a.txt", "Zoë"),
        ("PERSON-1".to_string(), "[PERSON 1]".to_string())
    );
}

#[test]
fn possessives_stay_outside_the_rewritten_span() {
    let (tmp, _) = redact_batch();
    let out = fs::read_to_string(tmp.path().join("out/a.txt")).unwrap();
    assert!(out.contains("[PERSON 2]’s son"), "{out}");
    assert!(out.contains("“[PERSON 3]’s fine,”"), "{out}");
    assert!(
        out.starts_with('\u{feff}') && out.contains("\r\n"),
        "BOM and CRLF survive"
    );
    for name in [
        "Zoë",
        "Siân",
        "Jim",
        "O'Neill",
        "Sheffield",
        "07700",
        "jim.oneill",
        "Leeds",
    ] {
        assert!(
            !out.contains(name)
                && !fs::read_to_string(tmp.path().join("out/sub/b.md"))
                    .unwrap()
                    .contains(name)
        );
    }
}

#[test]
fn inputs_are_untouched_and_the_audit_log_is_owner_only_beside_the_output() {
    let (tmp, _) = redact_batch();
    assert_eq!(fs::read_to_string(tmp.path().join("in/a.txt")).unwrap(), A);
    assert_eq!(
        fs::read_to_string(tmp.path().join("in/sub/b.md")).unwrap(),
        B
    );
    let mode = fs::metadata(tmp.path().join("out.audit.jsonl"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let names: Vec<String> = fs::read_dir(tmp.path().join("out"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        !names
            .iter()
            .any(|n| n.contains("audit") || n.starts_with(".veil")),
        "{names:?}"
    );
}

#[test]
fn runs_are_deterministic_whatever_the_thread_count() {
    // All the bundled samples: real texts with the collisions (names, initials, places) that
    // would expose any dependence on hash-map order or thread scheduling.
    let samples = Path::new(env!("CARGO_MANIFEST_DIR")).join("samples");
    let tmp = TempDir::new().unwrap();
    let run = |threads: &str, out: &str| {
        veil()
            .current_dir(tmp.path())
            .env("RAYON_NUM_THREADS", threads)
            .arg("redact")
            .arg(&samples)
            .args(["-o", out])
            .assert()
            .success();
        let audit = fs::read(tmp.path().join(format!("{out}.audit.jsonl"))).unwrap();
        let mut outputs = Vec::new();
        for entry in ignore::Walk::new(tmp.path().join(out)) {
            let entry = entry.unwrap();
            if entry.file_type().is_some_and(|t| t.is_file()) {
                let rel = entry
                    .path()
                    .strip_prefix(tmp.path().join(out))
                    .unwrap()
                    .to_path_buf();
                outputs.push((rel, fs::read(entry.path()).unwrap()));
            }
        }
        outputs.sort();
        (audit, outputs)
    };
    let one = run("1", "one");
    assert!(one.1.len() >= 40);
    assert_eq!(one, run("4", "four"));
    assert_eq!(one, run("2", "again"));
}

#[test]
fn standard_input_to_standard_output() {
    let tmp = TempDir::new().unwrap();
    let out = redact_stdin(
        tmp.path(),
        &["--audit", "log.jsonl"],
        "Ask Jim's mum in Leeds.\n",
    );
    assert_eq!(out, "Ask [PERSON 1]'s mum in [PLACE 1].\n");
    let log = records(&tmp.path().join("log.jsonl"));
    assert_eq!(log[0]["file"], "-");
    assert_eq!(log.len(), 2);
    // Without --audit nothing else is written.
    veil()
        .current_dir(tmp.path())
        .args(["redact", "-"])
        .write_stdin("Jim")
        .assert()
        .success();
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1);
}

#[test]
fn pseudonyms_are_keyed_deterministic_and_distinct() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "rules/p.yaml",
        "rewrite:\n  PERSON: { strategy: pseudonym }\n",
    );
    write(tmp.path(), "key", "a long secret");
    let text = "Jim met Chidi Okafor, then Priya and Jim again.\n";
    let run = |key: Option<&str>| {
        let mut cmd = veil();
        cmd.current_dir(tmp.path())
            .args(["redact", "-", "--rules", "rules/p.yaml"]);
        if let Some(k) = key {
            cmd.args(["--key-file", k]);
        }
        String::from_utf8(
            cmd.write_stdin(text)
                .assert()
                .success()
                .get_output()
                .stdout
                .clone(),
        )
        .unwrap()
    };
    let keyed = run(Some("key"));
    assert_eq!(keyed, run(Some("key")));
    let words: Vec<&str> = keyed
        .split([' ', ',', '.', '\n'])
        .filter(|w| !w.is_empty())
        .collect();
    // "X met Y Z, then W and X again." with X, W and Y Z pseudonyms
    assert_eq!(words.len(), 9, "{keyed}");
    assert_eq!(words[0], words[7], "one person, one pseudonym: {keyed}");
    assert!(words[0] != words[5] && words[0] != words[2], "{keyed}");
    for original in ["Jim", "Chidi", "Okafor", "Priya"] {
        assert!(!keyed.contains(original), "{keyed}");
    }
    write(tmp.path(), "key", "another secret");
    let other = run(Some("key"));
    assert_ne!(keyed, other, "a different key gives different pseudonyms");
    assert!(!run(None).contains("Jim"));
}

#[test]
fn gitignored_and_hidden_files_are_skipped_and_globs_choose_files() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/.gitignore", "private/\n");
    write(tmp.path(), "in/private/x.txt", "Jim");
    write(tmp.path(), "in/.hidden.txt", "Jim");
    write(tmp.path(), "in/notes.rst", "Jim");
    write(tmp.path(), "in/keep.txt", "Jim");
    veil()
        .current_dir(tmp.path())
        .args(["redact", "in", "-o", "out"])
        .assert()
        .success();
    assert!(tmp.path().join("out/keep.txt").exists());
    for skipped in ["out/private/x.txt", "out/.hidden.txt", "out/notes.rst"] {
        assert!(!tmp.path().join(skipped).exists(), "{skipped}");
    }
    veil()
        .current_dir(tmp.path())
        .args(["redact", "in", "-o", "out2", "--glob", "*.rst"])
        .assert()
        .success();
    assert!(
        tmp.path().join("out2/notes.rst").exists() && !tmp.path().join("out2/keep.txt").exists()
    );
}

fn stderr_of(cmd: &mut assert_cmd::Command, code: i32) -> String {
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stderr).unwrap()
}

#[test]
fn usage_and_input_errors_exit_2_naming_the_file() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/a.txt", "Jim");
    let dir = tmp.path();
    let e = stderr_of(
        veil()
            .current_dir(dir)
            .args(["redact", "in", "-o", "in/out"]),
        2,
    );
    assert!(
        e.contains("in/out") && e.contains("inside the input folder"),
        "{e}"
    );
    let e = stderr_of(
        veil()
            .current_dir(dir)
            .args(["redact", "missing.txt", "-o", "out"]),
        2,
    );
    assert!(e.contains("missing.txt"), "{e}");
    let e = stderr_of(veil().current_dir(dir).args(["redact", "in"]), 2);
    assert!(e.contains("--out"), "{e}");
    let e = stderr_of(
        veil()
            .current_dir(dir)
            .args(["redact", "in", "-o", "out", "--audit", "out/log.jsonl"]),
        2,
    );
    assert!(
        e.contains("out/log.jsonl") && e.contains("inside the output folder"),
        "{e}"
    );
    let e = stderr_of(veil().current_dir(dir).args(["frobnicate"]), 2);
    assert!(e.contains("frobnicate"), "{e}");
}

#[test]
fn a_bad_file_fails_alone_with_exit_2() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/good.txt", "Jim was here.\n");
    fs::write(tmp.path().join("in/bad.txt"), b"Jim\nab\xffcd\n").unwrap();
    let e = stderr_of(
        veil()
            .current_dir(tmp.path())
            .args(["redact", "in", "-o", "out"]),
        2,
    );
    assert!(e.contains("in/bad.txt:2:3") && e.contains("UTF-8"), "{e}");
    assert!(tmp.path().join("out/good.txt").exists());
    assert!(!tmp.path().join("out/bad.txt").exists());
    let log = records(&tmp.path().join("out.audit.jsonl"));
    assert!(log.iter().all(|r| r["file"] == "in/good.txt") && !log.is_empty());
    // check: an undecodable file is never clean.
    let e = stderr_of(
        veil().current_dir(tmp.path()).args(["check", "in/bad.txt"]),
        2,
    );
    assert!(e.contains("in/bad.txt"), "{e}");
}

#[test]
fn bad_rule_files_exit_2_with_file_line_and_rule() {
    let tmp = TempDir::new().unwrap();
    let cases = [
        ("rules:\n  - id: my.rule\n    category: PERSON\n    pattern: '[unclosed'\n", &["r.yaml:4:5: rule `my.rule`: invalid regex"][..]),
        (
            "rules:\n  - id: person.title\n    category: PERSON\n    pattern: x\n",
            &["r.yaml:2:5: rule `person.title`: duplicate id, already defined in rules/people.yaml"][..],
        ),
        ("rules:\n  - id: a.b\n    category: NAME\n    terms: [x]\n", &["r.yaml:3:15", "unknown variant `NAME`"][..]),
        ("rules:\n  - id: a.b\n    category: LOC\n    file: nowhere.txt\n", &["r.yaml:4:5: rule `a.b`", "nowhere.txt"][..]),
    ];
    for (yaml, expected) in cases {
        write(tmp.path(), "r.yaml", yaml);
        let e = stderr_of(
            veil()
                .current_dir(tmp.path())
                .args(["rules", "list", "--rules", "r.yaml"]),
            2,
        );
        for part in expected {
            assert!(e.contains(part), "{part:?} in {e}");
        }
    }
    // The same errors stop `check` before it reads anything.
    write(tmp.path(), "r.yaml", cases[0].0);
    let e = stderr_of(
        veil()
            .current_dir(tmp.path())
            .args(["check", "--rules", "r.yaml", "-"])
            .write_stdin(""),
        2,
    );
    assert!(
        e.contains("r.yaml:4:5: rule `my.rule`: invalid regex"),
        "{e}"
    );
    // With several files, the first error in file order is the one reported, although
    // regexes compile on another thread while the rest loads.
    write(tmp.path(), "many/a.yaml", cases[0].0);
    write(tmp.path(), "many/b.yaml", cases[3].0);
    let e = stderr_of(
        veil()
            .current_dir(tmp.path())
            .args(["rules", "list", "--rules", "many"]),
        2,
    );
    assert!(
        e.contains("a.yaml:4:5: rule `my.rule`: invalid regex"),
        "{e}"
    );
}

#[test]
fn user_rules_add_to_the_defaults_or_replace_them() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "lists/sites.txt",
        "# local sites\nBlue Door Project\n",
    );
    write(
        tmp.path(),
        "r.yaml",
        "keep:\n  terms: [Jim]\nrules:\n  - id: org.local-site\n    category: ORG\n    file: lists/sites.txt\n",
    );
    let run = |extra: &[&str]| {
        let mut cmd = veil();
        cmd.current_dir(tmp.path())
            .args(["redact", "-", "--rules", "r.yaml"])
            .args(extra);
        let out = cmd
            .write_stdin("Jim and Priya at the blue door project.")
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    assert_eq!(run(&[]), "Jim and [PERSON 1] at the [ORGANISATION 1].");
    assert_eq!(
        run(&["--no-default-rules"]),
        "Jim and Priya at the [ORGANISATION 1]."
    );
}

#[test]
fn check_exit_codes_and_masked_output() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "clean.txt", "Nothing to see here.\n");
    write(tmp.path(), "leak.txt", "Ask Siân.\n");
    veil()
        .current_dir(tmp.path())
        .args(["check", "clean.txt"])
        .assert()
        .code(0);
    let out = veil()
        .current_dir(tmp.path())
        .args(["check", "leak.txt"])
        .assert()
        .code(1)
        .get_output()
        .clone();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert_eq!(stdout, "leak.txt:1:5: PERSON person.given-name \"S***\"\n");
    let out = veil()
        .current_dir(tmp.path())
        .args(["check", "--show-text", "leak.txt"])
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("\"Siân\""));
}

#[test]
fn rules_test_passes_on_the_defaults_and_fails_on_a_wrong_example() {
    veil().args(["rules", "test"]).assert().code(0);
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "r.yaml",
        "rules:\n  - id: x.y\n    category: MISC\n    pattern: 'zebra'\n    examples:\n      match: [horse]\n",
    );
    let out = veil()
        .current_dir(tmp.path())
        .args(["rules", "test", "--rules", "r.yaml"])
        .assert()
        .code(1);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("FAIL x.y"));
}

#[test]
fn eval_scores_brat_files_and_enforces_bounds() {
    let tmp = TempDir::new().unwrap();
    // Code-point offsets: "Zoë" is 3 code points and 4 bytes.
    let text = "Zoë and Jim went to the café near Leeds. The minister spoke.\n";
    write(tmp.path(), "gold/a.txt", text);
    write(
        tmp.path(),
        "gold/a.ann",
        "T1\tPERSON 0 3\tZoë\nA1\tIdentifier T1 DIRECT\nT2\tPERSON 8 11\tJim\nA2\tIdentifier T2 DIRECT\n\
         T3\tLOC 34 39\tLeeds\nA3\tIdentifier T3 QUASI\nT4\tPERSON 24 28\tcafé\nA4\tIdentifier T4 QUASI\n",
    );
    let out = veil()
        .current_dir(tmp.path())
        .args(["eval", "--gold", "gold"])
        .assert()
        .code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(stdout.contains("DIRECT        1.000   2/2"), "{stdout}");
    assert!(stdout.contains("QUASI         0.500   1/2"), "{stdout}");
    assert!(stdout.contains("precision       1.000   3/3"), "{stdout}");
    // Missed spans are masked unless asked for: gold sets may be real testimony.
    let out = veil()
        .current_dir(tmp.path())
        .args(["eval", "--gold", "gold", "--details"])
        .assert()
        .code(0);
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert!(
        stdout.contains("\"c***\"") && !stdout.contains("café"),
        "{stdout}"
    );
    let out = veil()
        .current_dir(tmp.path())
        .args(["eval", "--gold", "gold", "--details", "--show-text"])
        .assert()
        .code(0);
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains("\"café\""));
    veil()
        .current_dir(tmp.path())
        .args(["eval", "--gold", "gold", "--min-quasi-recall", "0.6"])
        .assert()
        .code(1);
    veil()
        .current_dir(tmp.path())
        .args(["eval", "--gold", "gold", "--min-quasi-recall", "0.5"])
        .assert()
        .code(0);
    write(
        tmp.path(),
        "gold/a.ann",
        "T1\tPERSON 0 3\tZoe\nA1\tIdentifier T1 DIRECT\n",
    );
    let e = stderr_of(
        veil()
            .current_dir(tmp.path())
            .args(["eval", "--gold", "gold"]),
        2,
    );
    assert!(
        e.contains("gold/a.ann:1:1") && e.contains("not \"Zoe\""),
        "{e}"
    );
}

#[test]
fn a_user_keep_list_keeps_a_public_figure_and_their_short_forms() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "public.yaml",
        "keep:\n  terms: [Chris Grayling]\n",
    );
    let text = "Chris Grayling spoke. Grayling said CG knew. Our SPO Jim Hartley disagreed.\n";
    let out = redact_stdin(tmp.path(), &["--rules", "public.yaml"], text);
    assert_eq!(
        out,
        "Chris Grayling spoke. Grayling said CG knew. Our SPO [PERSON 1] disagreed.\n"
    );
}

#[test]
fn out_dot_keeps_the_audit_log_and_lock_beside_it_and_inputs_are_never_overwritten() {
    let tmp = TempDir::new().unwrap();
    write(tmp.path(), "in/a.txt", "Jim rang.\n");
    fs::create_dir_all(tmp.path().join("pub")).unwrap();
    veil()
        .current_dir(tmp.path().join("pub"))
        .args(["redact", "../in", "-o", "."])
        .assert()
        .success();
    assert!(tmp.path().join("pub/a.txt").exists());
    assert!(
        tmp.path().join("pub.audit.jsonl").exists(),
        "the log lies beside the folder"
    );
    let inside: Vec<_> = fs::read_dir(tmp.path().join("pub"))
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        inside,
        ["a.txt"],
        "nothing but outputs in the published folder"
    );
    // A file argument redacted into its own folder would be overwritten: refused.
    let e = stderr_of(
        veil().current_dir(tmp.path().join("in")).args([
            "redact",
            "a.txt",
            "-o",
            ".",
            "--audit",
            "../x.jsonl",
        ]),
        2,
    );
    assert!(e.contains("would overwrite an input"), "{e}");
    assert_eq!(
        fs::read_to_string(tmp.path().join("in/a.txt")).unwrap(),
        "Jim rang.\n"
    );
}

#[test]
fn a_key_file_means_its_secret_not_its_line_ending() {
    let tmp = TempDir::new().unwrap();
    write(
        tmp.path(),
        "p.yaml",
        "rewrite:\n  PERSON: { strategy: pseudonym }\n",
    );
    let text = "Chidi Okafor met Priya.\n";
    let mut outputs = Vec::new();
    for secret in ["a long secret", "a long secret\n", "a long secret\r\n"] {
        write(tmp.path(), "key", secret);
        outputs.push(redact_stdin(
            tmp.path(),
            &["--rules", "p.yaml", "--key-file", "key"],
            text,
        ));
    }
    assert!(outputs.iter().all(|o| o == &outputs[0]), "{outputs:?}");
}

#[test]
fn a_kept_place_does_not_unredact_a_person_who_shares_a_word_with_it() {
    let tmp = TempDir::new().unwrap();
    let out = redact_stdin(tmp.path(), &[], "Martin Lewis called from St Martin.\n");
    assert!(
        !out.contains("Martin Lewis") && out.starts_with("[PERSON 1]"),
        "{out}"
    );
}
