//! `cargo bench --bench throughput`: veil's speed on a generated corpus, against a floor
//! measured in the same run.
//!
//! 1. Generates (once) a deterministic corpus of testimony under `target/bench-corpus`:
//!    files of 2–50 KB cut from the bundled samples, with names, places and numbers
//!    replaced by others drawn from the word lists. `VEIL_BENCH_MB` sets its size (default
//!    200).
//! 2. The floor: one Aho-Corasick scan (same crate) of every word list over the same bytes.
//! 3. `veil check` and `veil redact` on one thread pinned to one core, and on all cores
//!    (throughput, and peak memory from the kernel's accounting of the child), start-up on
//!    an empty file, and the time on half the corpus (doubling the corpus should at most
//!    double the time).
//!
//! Each measure is taken `VEIL_BENCH_RUNS` times (default 3) and the fastest kept, with the
//! highest peak: on a shared machine other work only ever slows a run down. Each run of
//! veil follows a scan of the floor, and its multiple of the floor is the median over those
//! pairs (per byte, for the half corpus). Figures are wall-clock and machine-dependent; the
//! ratios are what to compare.

use aho_corasick::{AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// A small deterministic generator (splitmix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn list(name: &str) -> Vec<String> {
    let text = std::fs::read_to_string(Path::new(ROOT).join("rules/lists").join(name)).unwrap();
    text.lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').next().unwrap().to_string())
        .collect()
}

fn samples() -> Vec<String> {
    let mut texts = Vec::new();
    for dir in ["corpus", "written", "heldout", "heldout-2"] {
        let mut files: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("samples").join(dir))
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        files.sort();
        texts.extend(files.iter().map(|f| std::fs::read_to_string(f).unwrap()));
    }
    texts
}

/// Writes the corpus unless it is there already; returns its folder and size in bytes.
fn corpus(megabytes: usize) -> (PathBuf, u64) {
    let dir = Path::new(ROOT)
        .join("target/bench-corpus")
        .join(format!("{megabytes}mb"));
    let done = dir.join(".complete");
    if !done.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let texts = samples();
        let (given, surnames, places) = (
            list("given-names.txt"),
            list("surnames.txt"),
            list("places-uk.txt"),
        );
        let mut rng = Rng(2026);
        let mut total = 0usize;
        let mut n = 0usize;
        while total < megabytes * 1_000_000 {
            let target = 2_000 + rng.below(48_000);
            let mut doc = String::with_capacity(target + 1_000);
            while doc.len() < target {
                let text = &texts[rng.below(texts.len())];
                for word in text.split_inclusive(char::is_whitespace) {
                    let core = word.trim_end();
                    let tail = &word[core.len()..];
                    let capital = core.chars().next().is_some_and(char::is_uppercase);
                    if capital && core.len() > 2 && rng.below(4) == 0 {
                        let pool = [&given, &surnames, &places][rng.below(3)];
                        doc.push_str(&pool[rng.below(pool.len())]);
                        doc.push_str(tail);
                    } else if core.chars().all(|c| c.is_ascii_digit()) && !core.is_empty() {
                        doc.push_str(
                            &(rng.below(10usize.pow(core.len().min(6) as u32))).to_string(),
                        );
                        doc.push_str(tail);
                    } else {
                        doc.push_str(word);
                    }
                    if doc.len() >= target {
                        break;
                    }
                }
            }
            let path = dir
                .join(format!("{:02}", n % 50))
                .join(format!("{n:06}.txt"));
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(&path, &doc).unwrap();
            total += doc.len();
            n += 1;
        }
        std::fs::write(&done, format!("{n} files, {total} bytes\n")).unwrap();
    }
    (dir.clone(), size_of(&dir))
}

fn size_of(dir: &Path) -> u64 {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let entry = entry.unwrap();
        let meta = entry.metadata().unwrap();
        if meta.is_dir() {
            total += size_of(&entry.path());
        } else if entry.path().extension().is_some_and(|e| e == "txt") {
            total += meta.len();
        }
    }
    total
}

/// Runs veil and reports its wall time and peak resident memory, from a small process
/// started before the benchmark grows. A child spawned by this large process would inherit
/// its resident size in the peak the kernel reports (Linux carries a process's peak
/// memory across `exec`, and std spawns with vfork).
struct Spawner {
    child: std::process::Child,
    input: Option<std::process::ChildStdin>,
    output: std::io::BufReader<std::process::ChildStdout>,
}

impl Drop for Spawner {
    fn drop(&mut self) {
        // Closing its input ends the spawner's loop.
        self.input.take();
        let _ = self.child.wait();
    }
}

const SPAWNER: &str = "VEIL_BENCH_SPAWNER";

impl Spawner {
    fn start() -> Spawner {
        let mut child = Command::new(std::env::current_exe().unwrap())
            .env(SPAWNER, "1")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        Spawner {
            input: child.stdin.take(),
            output: std::io::BufReader::new(child.stdout.take().unwrap()),
            child,
        }
    }

    /// Runs veil with `args` (on `threads` threads, or all): wall time, peak memory in KiB.
    fn measure(&mut self, threads: Option<usize>, args: &[&str]) -> (Duration, i64) {
        use std::io::{BufRead, Write};
        let threads = threads.map_or("all".to_string(), |n| n.to_string());
        let input = self.input.as_mut().unwrap();
        writeln!(input, "{threads}\t{}", args.join("\t")).unwrap();
        let mut line = String::new();
        self.output.read_line(&mut line).unwrap();
        let (nanos, rss) = line.trim().split_once(' ').unwrap();
        (
            Duration::from_nanos(nanos.parse().unwrap()),
            rss.parse().unwrap(),
        )
    }

    /// The spawner's side: one request a line, `THREADS<TAB>ARG...`, answered with
    /// `NANOSECONDS PEAK_KIB`.
    // The child is reaped by wait4, which also reports its peak memory; std's wait cannot.
    #[allow(clippy::zombie_processes)]
    fn serve() {
        use std::io::{BufRead, Write};
        for line in std::io::stdin().lock().lines() {
            let line = line.unwrap();
            let mut fields = line.split('\t');
            let threads = fields.next().unwrap();
            let mut cmd = Command::new(env!("CARGO_BIN_EXE_veil"));
            cmd.args(fields);
            if threads != "all" {
                cmd.env("RAYON_NUM_THREADS", threads);
            }
            if threads == "1" {
                // One thread means one core: else the main thread's sequential steps
                // (printing, linking) run beside the pool's one thread on another core.
                use std::os::unix::process::CommandExt;
                // SAFETY: only an async-signal-safe system call between fork and exec.
                unsafe {
                    cmd.pre_exec(|| {
                        let mut set: libc::cpu_set_t = std::mem::zeroed();
                        let size = std::mem::size_of::<libc::cpu_set_t>();
                        if libc::sched_getaffinity(0, size, &mut set) != 0 {
                            return Err(std::io::Error::last_os_error());
                        }
                        let first = (0..libc::CPU_SETSIZE as usize)
                            .find(|&cpu| libc::CPU_ISSET(cpu, &set))
                            .unwrap_or(0);
                        libc::CPU_ZERO(&mut set);
                        libc::CPU_SET(first, &mut set);
                        if libc::sched_setaffinity(0, size, &set) != 0 {
                            return Err(std::io::Error::last_os_error());
                        }
                        Ok(())
                    });
                }
            }
            let start = Instant::now();
            let child = cmd
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::null())
                .spawn()
                .unwrap();
            let mut status = 0;
            let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
            // SAFETY: wait4 on our own child, with valid pointers to locals.
            let pid = unsafe { libc::wait4(child.id() as libc::pid_t, &mut status, 0, &mut usage) };
            assert_eq!(pid, child.id() as libc::pid_t, "wait4");
            let elapsed = start.elapsed();
            let mut out = std::io::stdout().lock();
            writeln!(out, "{} {}", elapsed.as_nanos(), usage.ru_maxrss).unwrap();
            out.flush().unwrap();
        }
    }
}

fn mb_per_s(bytes: u64, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64()
}

fn main() {
    if std::env::var_os(SPAWNER).is_some() {
        return Spawner::serve();
    }
    let mut spawner = Spawner::start();
    let megabytes: usize = std::env::var("VEIL_BENCH_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let runs: usize = std::env::var("VEIL_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(3)
        .max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let (dir, bytes) = corpus(megabytes);
    // Half the corpus: the first 25 of its 50 folders.
    let half: Vec<String> = (0..25)
        .map(|i| dir.join(format!("{i:02}")).to_str().unwrap().to_string())
        .collect();
    let half_bytes = (0..25)
        .map(|i| size_of(&dir.join(format!("{i:02}"))))
        .sum::<u64>();
    println!(
        "corpus: {} ({:.1} MB), {cores} cores; each measure the fastest of {runs} runs",
        dir.display(),
        bytes as f64 / 1e6
    );

    // The floor: one Aho-Corasick pass of every word list over the same bytes.
    let mut patterns = Vec::new();
    for name in [
        "given-names.txt",
        "surnames.txt",
        "places-uk.txt",
        "organisations-uk.txt",
        "prisons-uk.txt",
        "countries.txt",
        "common-words.txt",
    ] {
        patterns.extend(list(name));
    }
    let mut texts = Vec::new();
    for entry in ignore::Walk::new(&dir) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "txt") {
            texts.push(std::fs::read(entry.path()).unwrap());
        }
    }
    let built = Instant::now();
    let automaton = AhoCorasickBuilder::new()
        .kind(Some(AhoCorasickKind::ContiguousNFA))
        .ascii_case_insensitive(true)
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .unwrap();
    let build = built.elapsed();
    let scan = || {
        let scanned = Instant::now();
        let hits: usize = texts.iter().map(|t| automaton.find_iter(t).count()).sum();
        (scanned.elapsed(), hits)
    };
    let mut hits = 0;
    let floor = (0..runs)
        .map(|_| {
            let (time, found) = scan();
            hits = found;
            time
        })
        .min()
        .expect("at least one run");
    println!(
        "floor: Aho-Corasick over {} word-list terms: build {:.2} s, scan {:.2} s = {:.1} MB/s ({hits} hits)",
        patterns.len(),
        build.as_secs_f64(),
        floor.as_secs_f64(),
        mb_per_s(bytes, floor)
    );

    let corpus = dir.to_str().unwrap();
    let out = Path::new(ROOT).join("target/bench-out");
    let out_s = out.to_str().unwrap();
    let audit = format!("{out_s}.audit.jsonl");
    // Each run of veil is paired with a scan of the floor just before it, and the ratio
    // is the median of the pairs' (the better middle one of an even number): the machine's
    // speed drifts over a benchmark (the floor alone measured 43 to 57 MB/s in runs an hour
    // apart), a pair's two halves much less.
    let mut row = |what: &str, threads: Option<usize>, args: &[&str], size: u64| {
        let (mut d, mut rss) = (Duration::MAX, 0);
        let mut ratios = Vec::new();
        for _ in 0..runs {
            let _ = std::fs::remove_dir_all(&out);
            let (floor, _) = scan();
            let (time, peak) = spawner.measure(threads, args);
            (d, rss) = (d.min(time), rss.max(peak));
            ratios.push(time.as_secs_f64() / floor.as_secs_f64() * bytes as f64 / size as f64);
        }
        ratios.sort_by(f64::total_cmp);
        println!(
            "{what:<28} {:>7.2} s {:>7.2} MB/s  {:>5.1}x floor  peak {:>6.1} MB",
            d.as_secs_f64(),
            mb_per_s(size, d),
            ratios[(ratios.len() - 1) / 2],
            rss as f64 / 1024.0
        );
        d
    };
    let check1 = row(
        "check, 1 thread (1 core)",
        Some(1),
        &["check", corpus],
        bytes,
    );
    let check_all = row(
        &format!("check, {cores} threads"),
        None,
        &["check", corpus],
        bytes,
    );
    let redact1 = row(
        "redact, 1 thread (1 core)",
        Some(1),
        &["redact", corpus, "-o", out_s, "--audit", &audit],
        bytes,
    );
    let redact_all = row(
        &format!("redact, {cores} threads"),
        None,
        &["redact", corpus, "-o", out_s, "--audit", &audit],
        bytes,
    );
    let mut half_args = vec!["check"];
    half_args.extend(half.iter().map(String::as_str));
    let half_check = row("check, half the corpus", None, &half_args, half_bytes);
    let _ = std::fs::remove_dir_all(&out);
    let _ = std::fs::remove_file(&audit);
    drop(texts);

    let empty = Path::new(ROOT).join("target/bench-empty.txt");
    std::fs::write(&empty, "").unwrap();
    let mut starts: Vec<Duration> = (0..11)
        .map(|_| spawner.measure(None, &["check", empty.to_str().unwrap()]).0)
        .collect();
    starts.sort();
    println!(
        "start-up (check of an empty file, median of 11): {:.0} ms",
        starts[5].as_secs_f64() * 1e3
    );
    println!(
        "scaling on {cores} cores: check {:.2}x, redact {:.2}x the one-thread speed",
        check1.as_secs_f64() / check_all.as_secs_f64(),
        redact1.as_secs_f64() / redact_all.as_secs_f64()
    );
    let per_byte = |d: Duration, b: u64| d.as_secs_f64() / b as f64;
    println!(
        "doubling: the whole corpus took {:.2}x the time per byte of half of it",
        per_byte(check_all, bytes) / per_byte(half_check, half_bytes)
    );
}
