//! Times each pattern rule of the built-in set over the files of a folder, run where its
//! anchors put it and then over the whole text: where detection spends its time.
//! `cargo run --release --example rule_costs -- FOLDER`
use std::time::{Duration, Instant};
use veil::detect::patterns::find_rule;
use veil::rules::alphabet::Outside;
use veil::rules::anchors::Windows;
use veil::rules::{Matcher, RuleSet};

fn main() {
    let dir = std::env::args().nth(1).expect("usage: rule_costs FOLDER");
    let texts: Vec<String> = ignore::Walk::new(&dir)
        .filter_map(Result::ok)
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| std::fs::read_to_string(e.path()).expect("a UTF-8 file"))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let rules = RuleSet::load(&[], true).expect("built-in rules");
    let t = Instant::now();
    let windows: Vec<Vec<Windows>> = texts.iter().map(|t| rules.anchors.windows(t)).collect();
    let outside: Vec<Outside> = texts.iter().map(|t| Outside::of(t)).collect();
    let anchor_time = t.elapsed();
    let mut costs = Vec::new();
    for (index, rule) in rules.rules.iter().enumerate() {
        let Matcher::Pattern { anchor, .. } = &rule.matcher else {
            continue;
        };
        // Each twice, the second timed: the lazy DFA's steady state.
        let time = |windows: &dyn Fn(usize) -> Windows| {
            let mut found = Vec::new();
            let mut elapsed = Duration::ZERO;
            for _ in 0..2 {
                found.clear();
                let mut key = String::new();
                let t = Instant::now();
                for (i, text) in texts.iter().enumerate() {
                    find_rule(
                        &rules,
                        index,
                        windows(i),
                        text,
                        &outside[i],
                        &mut key,
                        &mut found,
                    );
                }
                elapsed = t.elapsed();
            }
            (elapsed, found.len())
        };
        let (anchored, n) = time(&|i| windows[i][index].clone());
        // How much of the text the rule's windows cover: bytes for ranges, starts tried
        // for anchored searches.
        let mut covered = 0usize;
        let mut tries = 0usize;
        for (i, text) in texts.iter().enumerate() {
            match &windows[i][index] {
                Windows::Everywhere => covered += text.len(),
                Windows::Ranges(r) => covered += r.iter().map(|(a, b)| b - a).sum::<usize>(),
                w => tries += w.starts(text).count(),
            }
        }
        let (full, _) = time(&|_| Windows::Everywhere);
        let kind = match anchor {
            None => "-".to_string(),
            Some(a) => format!(
                "{} of {}{}",
                match (a.prefix, a.max_len, &a.loose) {
                    (_, _, Some(_)) => "loose",
                    (true, ..) => "starts",
                    (false, Some(_), None) => "ranges",
                    (false, None, None) => "lines",
                },
                a.literals.len(),
                if a.line_starts {
                    " and line starts"
                } else {
                    ""
                }
            ),
        };
        costs.push((anchored, full, rule.id.clone(), n, kind, covered, tries));
    }
    costs.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mb = bytes as f64 / 1e6;
    let ms_per_mb = |d: Duration| d.as_secs_f64() * 1e3 / mb;
    println!(
        "{} files, {mb:.1} MB; anchor scan {:.1} ms/MB; per rule: ms/MB anchored, ms/MB scanning all, candidates, share of the text in its windows, anchored starts tried, anchors",
        texts.len(),
        ms_per_mb(anchor_time)
    );
    let total: Duration = costs.iter().map(|c| c.0).sum();
    println!("all pattern rules, anchored: {:.1} ms/MB", ms_per_mb(total));
    for (anchored, full, id, n, kind, covered, tries) in costs {
        println!(
            "{:>6.2} {:>6.2} {n:>7}  {id:<28} {:>5.1}% {:>8}  {kind}",
            ms_per_mb(anchored),
            ms_per_mb(full),
            covered as f64 * 100.0 / bytes as f64,
            tries,
        );
    }
}
