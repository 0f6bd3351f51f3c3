//! The command line: argument definitions (clap derive; a field's doc comment is its
//! `--help` text) and one function per subcommand. This is the only module that prints;
//! it returns the process exit code (CONTRACT.md: 0 success, 1 findings or a failed
//! bound, 2 errors).

use crate::audit::Originals;
use crate::check::{Baseline, Checker, FailOn};
use crate::error::{Error, Result};
use crate::eval::{evaluate, GoldClass, Score};
use crate::input::{collect, decode, glob_set, Input, DEFAULT_GLOBS};
use crate::key::Key;
use crate::pipeline::{find, find_read, in_order, link, GROUP};
use crate::redact::Sink;
use crate::report::{print, Format, Sarif};
use crate::review::Review;
use crate::rewrite::apply;
use crate::rewrite::mapping::Mapping;
use crate::rules::{examples, RuleSet};
use crate::{audit, output, redact};
use clap::{Args, Parser, Subcommand};
use std::io::IsTerminal;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Anonymise practitioner testimony before it is published.
#[derive(Debug, Parser)]
#[command(name = "veil", version, about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Rewrite identifying details in files and write an audit log.
    Redact(RedactArgs),
    /// Report identifying details and change nothing (exit 1 when there are any).
    Check(CheckArgs),
    /// Run the examples embedded in rule files, or list the rules.
    Rules {
        #[command(subcommand)]
        action: RulesAction,
    },
    /// Redact brat-annotated texts in memory and score the result.
    Eval(EvalArgs),
}

#[derive(Debug, Subcommand)]
pub enum RulesAction {
    /// Check every rule's `examples` (exit 1 if one fails).
    Test(RuleArgs),
    /// List the rules in force.
    List(RuleArgs),
}

/// Which rules are in force.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Rule file or folder of rule files, added on top of the built-in rules (repeatable).
    #[arg(long = "rules", value_name = "FILE|DIR")]
    pub rules: Vec<PathBuf>,
    /// Use only the rule files given with --rules.
    #[arg(long)]
    pub no_default_rules: bool,
}

impl RuleArgs {
    /// The rules in force, for the rest of the process: they are never freed, since
    /// tearing down 150,000 word-list entries at exit costs a CI check of one small file a
    /// noticeable part of its run time, and the operating system reclaims them anyway.
    fn load(&self) -> Result<&'static RuleSet> {
        if self.no_default_rules && self.rules.is_empty() {
            return Err(Error::Usage(
                "--no-default-rules needs at least one --rules file".into(),
            ));
        }
        Ok(Box::leak(Box::new(RuleSet::load(
            &self.rules,
            !self.no_default_rules,
        )?)))
    }
}

/// Which files are read.
#[derive(Debug, Args)]
pub struct InputArgs {
    /// Files or folders (walked recursively); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Glob of file names taken from folders (repeatable; default `*.txt` and `*.md`).
    #[arg(long = "glob", value_name = "GLOB")]
    pub globs: Vec<String>,
}

impl InputArgs {
    fn stdin(&self) -> Result<bool> {
        let dash = self.paths.iter().any(|p| p.as_os_str() == "-");
        if dash && self.paths.len() > 1 {
            return Err(Error::Usage(
                "`-` (standard input) cannot be combined with other paths".into(),
            ));
        }
        Ok(dash)
    }

    fn collect(&self) -> Result<(Vec<Input>, Vec<Error>)> {
        let globs = if self.globs.is_empty() {
            DEFAULT_GLOBS.iter().map(|g| g.to_string()).collect()
        } else {
            self.globs.clone()
        };
        Ok(collect(&self.paths, &glob_set(&globs)?))
    }
}

#[derive(Debug, Args)]
pub struct RedactArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output folder; required unless the input is `-`.
    #[arg(short, long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// Audit log path (default: `<OUT>.audit.jsonl`, beside the output folder).
    #[arg(long, value_name = "FILE")]
    pub audit: Option<PathBuf>,
    /// Secret that makes pseudonyms the same across runs and machines.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
    /// Replacements to pin and reuse (YAML); updated with this batch's entities. It holds
    /// originals: it is written owner-only.
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// What the audit log says of the originals: keep them, a keyed hash (needs
    /// --key-file), or drop them.
    #[arg(long, value_enum, default_value = "keep", value_name = "MODE")]
    pub audit_originals: AuditOriginals,
    /// Write a review page (self-contained HTML, owner-only: it shows the originals).
    #[arg(long, value_name = "FILE.html")]
    pub report: Option<PathBuf>,
}

/// `--audit-originals`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum AuditOriginals {
    Keep,
    Hash,
    Drop,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Output format.
    #[arg(long, value_enum, default_value = "human")]
    pub format: Format,
    /// Print the identifying text itself (CI logs are often public: off by default).
    #[arg(long)]
    pub show_text: bool,
    /// Which findings fail the build: classes (direct, quasi) and/or categories (PERSON,
    /// LOC...), comma-separated; the rest are warnings. Default: all.
    #[arg(long, value_name = "LIST")]
    pub fail_on: Option<FailOn>,
    /// Accept the findings recorded in this baseline file (needs --key-file).
    #[arg(long, value_name = "FILE")]
    pub baseline: Option<PathBuf>,
    /// Record every current finding in this baseline file, then exit 0 (needs --key-file).
    #[arg(long, value_name = "FILE", conflicts_with = "baseline")]
    pub write_baseline: Option<PathBuf>,
    /// Ignore inline `<!-- veil:allow ... -->` markers.
    #[arg(long)]
    pub no_allow: bool,
    /// Also list the findings accepted by markers or the baseline, marked "(accepted)".
    #[arg(long)]
    pub list_suppressions: bool,
    /// Secret that keys baseline entries and fingerprints.
    #[arg(long, value_name = "FILE")]
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Folder of `NAME.txt` texts with `NAME.ann` brat annotations.
    #[arg(long, value_name = "DIR")]
    pub gold: PathBuf,
    #[command(flatten)]
    pub rules: RuleArgs,
    /// Exit 1 if DIRECT recall is below this.
    #[arg(long, value_name = "RATIO")]
    pub min_direct_recall: Option<f64>,
    /// Exit 1 if QUASI recall is below this.
    #[arg(long, value_name = "RATIO")]
    pub min_quasi_recall: Option<f64>,
    /// Exit 1 if precision is below this.
    #[arg(long, value_name = "RATIO")]
    pub min_precision: Option<f64>,
    /// Also list missed QUASI spans and false positives.
    #[arg(long)]
    pub details: bool,
    /// Print the missed and wrongly rewritten text itself, not masked (`J**`): the gold
    /// sets may be real testimony, and CI logs are often public.
    #[arg(long)]
    pub show_text: bool,
}

/// Parses the arguments, runs the command and returns the exit code.
pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Command::Redact(args) => redact_cmd(&args),
        Command::Check(args) => check_cmd(&args),
        Command::Rules {
            action: RulesAction::Test(args),
        } => rules_test(&args),
        Command::Rules {
            action: RulesAction::List(args),
        } => rules_list(&args),
        Command::Eval(args) => eval_cmd(&args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("veil: error: {e}");
            2
        }
    }
}

fn load_key(path: &Option<PathBuf>) -> Result<Option<Key>> {
    path.as_deref().map(Key::from_file).transpose()
}

fn read_stdin() -> Result<String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("-", "read standard input", e))?;
    decode(bytes, "-")
}

/// Reports per-file errors on standard error; the code to exit with if there were any.
fn report_errors(errors: &[Error]) -> Option<i32> {
    for e in errors {
        eprintln!("veil: error: {e}");
    }
    (!errors.is_empty()).then_some(2)
}

fn redact_cmd(args: &RedactArgs) -> Result<i32> {
    let started = std::time::Instant::now();
    let rules = args.rules.load()?;
    let key = load_key(&args.key_file)?;
    let originals = match (args.audit_originals, &key) {
        (AuditOriginals::Keep, _) => Originals::Keep,
        (AuditOriginals::Drop, _) => Originals::Drop,
        (AuditOriginals::Hash, Some(k)) => Originals::Hash(k.clone()),
        (AuditOriginals::Hash, None) => {
            return Err(Error::Usage(
                "--audit-originals hash needs --key-file: an unkeyed hash of a name can be found again by hashing guesses".into(),
            ))
        }
    };
    let mapping = args.mapping.as_deref().map(Mapping::read).transpose()?;
    if args.input.stdin()? {
        let text = read_stdin()?;
        let found = find(rules, &text);
        let (table, changes) = link(rules, key.as_ref(), mapping.as_ref(), [&found]);
        if let Some(path) = &args.audit {
            let records = audit::render("-", &text, &changes[0], rules, &table, &originals);
            output::write_atomic(path, records.as_bytes(), 0o600)
                .map_err(|e| Error::io(path, "write audit log", e))?;
        }
        if let Some(path) = &args.report {
            let mut review = Review::default();
            review.document("-", &text, &changes[0]);
            review.write(path, rules, &table)?;
        }
        if let (Some(path), Some(mapping)) = (&args.mapping, &mapping) {
            mapping.updated(&table).write(path)?;
        }
        let out = apply(&text, &changes[0], &table);
        std::io::stdout()
            .write_all(out.as_bytes())
            .map_err(|e| Error::io("-", "write standard output", e))?;
        return Ok(0);
    }
    let out = args.out.as_deref().ok_or_else(|| {
        Error::Usage("redact needs --out DIR for its output (or `-` to read standard input)".into())
    })?;
    let audit = match &args.audit {
        Some(a) => a.clone(),
        None => default_audit_path(out),
    };
    check_out(out, &audit, &args.input.paths)?;
    let _lock = output::lock_out(out)?;
    output::remove_stale(out)
        .map_err(|e| Error::io(out, "remove temporary files a killed run left", e))?;
    for (what, path) in [
        ("review report", &args.report),
        ("mapping file", &args.mapping),
    ] {
        if let Some(p) = path
            .as_deref()
            .filter(|p| absolute(p).starts_with(absolute(out)))
        {
            return Err(Error::file(p, format!("the {what} holds the originals and may not lie inside the output folder; choose a path outside it")));
        }
    }
    let (inputs, mut errors) = args.input.collect()?;
    let progress = std::io::stderr().is_terminal().then(|| {
        let bar = indicatif::ProgressBar::new(2 * inputs.len() as u64);
        bar.set_style(
            indicatif::ProgressStyle::with_template(
                "{spinner} {wide_bar} {pos}/{len} file steps, {eta} left",
            )
            .expect("progress template"),
        );
        bar
    });
    let options = redact::Options {
        key: key.as_ref(),
        mapping: mapping.as_ref(),
        originals,
        progress: progress.clone(),
    };
    let mut review = args.report.as_ref().map(|_| Review::default());
    let summary = redact::run(
        rules,
        &options,
        &inputs,
        out,
        &audit,
        review.as_mut().map(|r| r as &mut dyn redact::Sink),
    )?;
    if let Some(bar) = progress {
        bar.finish_and_clear();
    }
    if let (Some(path), Some(review)) = (&args.report, review) {
        review.write(path, rules, &summary.table)?;
    }
    if let Some(path) = &args.mapping {
        mapping
            .unwrap_or_default()
            .updated(&summary.table)
            .write(path)?;
    }
    errors.extend(summary.errors);
    let changes: usize = summary.changes.values().sum();
    let per_category: Vec<String> = summary
        .changes
        .iter()
        .map(|(c, n)| format!("{n} {c}"))
        .collect();
    eprintln!(
        "veil: redacted {} of {} files into {} in {:.1?}: {} changes ({}), {} entities; audit log {} (holds the originals: keep it private)",
        summary.written,
        summary.files,
        out.display(),
        started.elapsed(),
        changes,
        if per_category.is_empty() { "none".to_string() } else { per_category.join(", ") },
        summary.table.len(),
        audit.display()
    );
    Ok(report_errors(&errors).unwrap_or(0))
}

/// `<OUT>.audit.jsonl`, beside the output folder.
fn default_audit_path(out: &Path) -> PathBuf {
    output::beside(out, ".audit.jsonl")
}

/// The absolute form of `path`, whether or not it exists yet.
fn absolute(path: &Path) -> PathBuf {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut existing = abs.as_path();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.parent(), existing.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                existing = parent;
            }
            _ => break,
        }
    }
    let mut resolved = existing
        .canonicalize()
        .unwrap_or_else(|_| existing.to_path_buf());
    resolved.extend(rest.iter().rev());
    resolved
}

/// Refuses an output folder that is, or lies inside, an input folder (outputs would be
/// read back as inputs next time), an existing non-folder, and an audit log inside it.
fn check_out(out: &Path, audit: &Path, inputs: &[PathBuf]) -> Result<()> {
    if out.exists() && !out.is_dir() {
        return Err(Error::file(
            out,
            "--out must be a folder, and this is a file; choose another path",
        ));
    }
    let out_abs = absolute(out);
    for input in inputs.iter().filter(|p| p.is_dir()) {
        if out_abs.starts_with(absolute(input)) {
            return Err(Error::file(
                out,
                format!(
                    "--out lies inside the input folder {}; choose an output folder outside it",
                    input.display()
                ),
            ));
        }
    }
    if absolute(audit).starts_with(&out_abs) {
        return Err(Error::file(
            audit,
            "the audit log holds the originals and may not lie inside the output folder; choose a path outside it",
        ));
    }
    Ok(())
}

fn check_cmd(args: &CheckArgs) -> Result<i32> {
    let rules = args.rules.load()?;
    let key = load_key(&args.key_file)?;
    if key.is_none() && (args.baseline.is_some() || args.write_baseline.is_some()) {
        return Err(Error::Usage(
            "baselines need --key-file: their entries are keyed hashes, so that nobody can test guessed names against them".into(),
        ));
    }
    let baseline = args.baseline.as_deref().map(Baseline::read).transpose()?;
    let checker = Checker {
        rules,
        key: key.as_ref(),
        baseline: baseline.as_ref(),
        fail_on: args.fail_on.clone().unwrap_or_default(),
        no_allow: args.no_allow,
        show_text: args.show_text,
        fingerprints: matches!(args.format, Format::Json | Format::Sarif),
    };
    let mut errors = Vec::new();
    let inputs: Vec<Option<Input>> = if args.input.stdin()? {
        vec![None]
    } else {
        let (inputs, walk_errors) = args.input.collect()?;
        errors.extend(walk_errors);
        inputs.into_iter().map(Some).collect()
    };
    // Files are read and checked in parallel, a group at a time, and reported in file
    // order as they are done, so memory stays bounded on large archives (SARIF too, one
    // document written a result at a time).
    let (mut failing, mut warnings, mut accepted) = (0usize, 0usize, 0usize);
    let mut entries = Vec::new();
    // Written a batch of files at a time: a line at a time, as standard output does, was a
    // system call per finding.
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let write_error = |e| Error::io("-", "write output", e);
    let mut sarif = match (args.format, &args.write_baseline) {
        (Format::Sarif, None) => Some(Sarif::open(&mut out, rules).map_err(write_error)?),
        _ => None,
    };
    in_order(
        inputs.chunks(GROUP),
        |group: &[Option<Input>]| {
            let texts = group.iter().map(|input| match input {
                None => read_stdin(),
                Some(input) => crate::input::read_text(&input.path, &input.display),
            });
            let found = find_read(rules, texts.collect());
            let checked = group.iter().zip(found).map(|(input, found)| {
                let file = input.as_ref().map_or("-", |i| i.display.as_str());
                let checked = found.map(|(text, found)| checker.check(file, &text, found));
                (file, checked)
            });
            checked.collect::<Vec<_>>()
        },
        |groups| {
            for (file, checked) in groups.into_iter().flatten() {
                let mut checked = match checked {
                    Ok(c) => c,
                    Err(e) => {
                        errors.push(e);
                        continue;
                    }
                };
                for line in &checked.empty_markers {
                    eprintln!("veil: warning: {file}:{line}: this veil:allow marker names nothing to allow (a category such as PERSON, or a rule id), so it accepts nothing");
                }
                for r in &checked.reports {
                    match (&r.suppressed, r.level) {
                        (Some(_), _) => accepted += 1,
                        (None, "error") => failing += 1,
                        (None, _) => warnings += 1,
                    }
                }
                if args.write_baseline.is_some() {
                    entries.append(&mut checked.entries);
                    continue;
                }
                if let Some(sarif) = &mut sarif {
                    sarif
                        .results(&mut out, &checked.reports, rules)
                        .map_err(write_error)?;
                    continue;
                }
                if !args.list_suppressions {
                    checked.reports.retain(|r| r.suppressed.is_none());
                }
                print(&mut out, &checked.reports, rules, args.format).map_err(write_error)?;
            }
            out.flush().map_err(write_error)
        },
    )?;
    if let Some(path) = &args.write_baseline {
        let mut baseline = Baseline::new();
        baseline.entries.extend(entries);
        baseline.write(path)?;
        eprintln!(
            "veil: wrote {} baseline entries to {}",
            baseline.entries.len(),
            path.display()
        );
        return Ok(report_errors(&errors).unwrap_or(0));
    }
    if let Some(sarif) = sarif {
        sarif.close(&mut out).map_err(write_error)?;
        out.flush().map_err(write_error)?;
    }
    eprintln!(
        "veil: checked {} files: {failing} findings fail the check, {warnings} warnings, {accepted} accepted",
        inputs.len()
    );
    Ok(report_errors(&errors).unwrap_or(if failing > 0 { 1 } else { 0 }))
}

fn rules_test(args: &RuleArgs) -> Result<i32> {
    let rules = args.load()?;
    let (ran, failures) = examples::run(rules);
    for f in &failures {
        let wanted = if f.expected_match {
            "should match"
        } else {
            "should not match"
        };
        println!("FAIL {} ({}): {wanted}: {:?}", f.rule, f.source, f.example);
    }
    println!(
        "rules test: {} passed, {} failed ({} rules)",
        ran - failures.len(),
        failures.len(),
        rules.rules.len()
    );
    Ok(if failures.is_empty() { 0 } else { 1 })
}

fn rules_list(args: &RuleArgs) -> Result<i32> {
    let rules = args.load()?;
    for rule in &rules.rules {
        let what = match &rule.matcher {
            crate::rules::Matcher::Pattern { .. } => "pattern".to_string(),
            crate::rules::Matcher::List { terms } => format!("{terms} terms"),
        };
        println!(
            "{:<28} {:<9} {:<6} {:<12} {}  [{}]",
            rule.id, rule.category, rule.class, what, rule.message, rule.source
        );
    }
    Ok(0)
}

fn eval_cmd(args: &EvalArgs) -> Result<i32> {
    let rules = args.rules.load()?;
    let score = evaluate(rules, &args.gold)?;
    print_score(&score, args.details, args.show_text);
    let mut failed = Vec::new();
    for (name, bound, value) in [
        (
            "DIRECT recall",
            args.min_direct_recall,
            score.direct.ratio(),
        ),
        ("QUASI recall", args.min_quasi_recall, score.quasi.ratio()),
        ("precision", args.min_precision, score.precision()),
    ] {
        if let Some(bound) = bound.filter(|b| value < *b) {
            failed.push(format!("{name} {value:.3} is below --min bound {bound:.3}"));
        }
    }
    for f in &failed {
        eprintln!("veil: eval: {f}");
    }
    Ok(if failed.is_empty() { 0 } else { 1 })
}

fn print_score(score: &Score, details: bool, show_text: bool) {
    let shown = |text: &str| {
        if show_text {
            text.to_string()
        } else {
            crate::report::mask(text)
        }
    };
    println!(
        "veil eval: {} documents; gold spans: {} DIRECT, {} QUASI, {} PUBLIC; {} rewritten spans",
        score.documents, score.direct.total, score.quasi.total, score.public, score.rewritten
    );
    println!();
    println!("recall          ratio   caught/total");
    for (name, r) in [("DIRECT", &score.direct), ("QUASI", &score.quasi)] {
        println!("  {name:<13} {:.3}   {}/{}", r.ratio(), r.caught, r.total);
    }
    println!();
    println!("recall by type  DIRECT               QUASI");
    let mut types: Vec<&String> = score
        .direct
        .by_type
        .keys()
        .chain(score.quasi.by_type.keys())
        .collect();
    types.sort();
    types.dedup();
    for t in types {
        let cell = |r: &crate::eval::Recall| match r.by_type.get(t) {
            Some(&(c, n)) => format!("{:.3} ({c}/{n})", c as f64 / n as f64),
            None => "-".to_string(),
        };
        println!(
            "  {t:<13} {:<20} {}",
            cell(&score.direct),
            cell(&score.quasi)
        );
    }
    println!();
    println!(
        "precision       {:.3}   {}/{} rewritten spans overlap a gold span",
        score.precision(),
        score.correct,
        score.rewritten
    );
    let direct_missed: Vec<_> = score
        .missed
        .iter()
        .filter(|m| m.class == Some(GoldClass::Direct))
        .collect();
    println!();
    println!("missed DIRECT mentions: {}", direct_missed.len());
    for m in direct_missed {
        println!(
            "  {}:{}:{}: {} {:?}",
            m.file,
            m.line,
            m.column,
            m.kind,
            shown(&m.text)
        );
    }
    if details {
        println!();
        println!("missed QUASI mentions:");
        for m in score
            .missed
            .iter()
            .filter(|m| m.class == Some(GoldClass::Quasi))
        {
            println!(
                "  {}:{}:{}: {} {:?}",
                m.file,
                m.line,
                m.column,
                m.kind,
                shown(&m.text)
            );
        }
        println!();
        println!("false positives (rewritten, no gold span):");
        for m in &score.false_positives {
            println!(
                "  {}:{}:{}: {} {:?}",
                m.file,
                m.line,
                m.column,
                m.kind,
                shown(&m.text)
            );
        }
    }
    for u in &score.unannotated {
        eprintln!("veil: eval: {u} has no .ann file beside it; not scored");
    }
}
