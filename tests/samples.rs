//! The detection floor on the bundled annotated samples: `veil eval` must stay at or above
//! these bounds (raise them as the rules improve; never lower them to pass).

use assert_cmd::Command;

fn eval_holds(dir: &str, direct: f64, quasi: f64, precision: f64) {
    let out = Command::cargo_bin("veil")
        .unwrap()
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["eval", "--gold", dir])
        .args(["--min-direct-recall", &direct.to_string()])
        .args(["--min-quasi-recall", &quasi.to_string()])
        .args(["--min-precision", &precision.to_string()])
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn shared_corpus_bounds() {
    eval_holds("samples/corpus", 1.0, 0.86, 0.88);
}

#[test]
fn written_samples_bounds() {
    eval_holds("samples/written", 0.92, 0.83, 0.9);
}
