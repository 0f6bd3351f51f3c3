//! Times each pattern rule of the built-in set over a text, scanning the whole text and then
//! only the lines its anchors pick: where detection spends its time.
//! `cargo run --release --example rule_costs -- FILE`
use veil::rules::anchors::Windows;
use veil::rules::{Matcher, RuleSet};

fn main() {
    let path = std::env::args().nth(1).expect("usage: rule_costs FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let rules = RuleSet::load(&[], true).expect("built-in rules");
    let t = std::time::Instant::now();
    let windows = rules.anchors.windows(&text);
    let anchor_time = t.elapsed();
    let mut costs = Vec::new();
    for (rule, windows) in rules.rules.iter().zip(windows) {
        let Matcher::Pattern { regex, anchor, .. } = &rule.matcher else {
            continue;
        };
        let t = std::time::Instant::now();
        let n = regex.captures_iter(&text).count();
        let full = t.elapsed();
        let share = match &windows {
            Windows::Nowhere => 0,
            Windows::Everywhere => text.len(),
            Windows::Lines(lines) => lines.iter().map(|(a, b)| b - a).sum(),
        };
        let anchors = anchor.as_ref().map_or("-".to_string(), |a| {
            let shown: Vec<String> = a
                .literals
                .iter()
                .take(4)
                .map(|l| format!("{:?}", String::from_utf8_lossy(l)))
                .collect();
            format!("{} of {}", shown.join(" "), a.literals.len())
        });
        costs.push((full, rule.id.clone(), n, share, anchors));
    }
    costs.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mb = text.len() as f64 / 1e6;
    println!(
        "anchor scan: {:.1} MB/s; per rule: full-scan speed, matches, share of text left to scan, anchors",
        mb / anchor_time.as_secs_f64()
    );
    for (d, id, n, share, anchors) in costs {
        println!(
            "{:>8.1} MB/s {:>6} {:>5.1}%  {id:<28} {anchors}",
            mb / d.as_secs_f64(),
            n,
            100.0 * share as f64 / text.len() as f64,
        );
    }
}
