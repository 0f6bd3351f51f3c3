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
        // Once to warm the lazy DFA up (a long run's steady state), then timed.
        regex.captures_iter(&text).count();
        let t = std::time::Instant::now();
        let n = regex.captures_iter(&text).count();
        let full = t.elapsed();
        let ranges = match &windows {
            Windows::Nowhere => vec![],
            Windows::Everywhere => vec![(0, text.len())],
            Windows::Lines(lines) => lines.clone(),
        };
        let share: usize = ranges.iter().map(|(a, b)| b - a).sum();
        let mut locations = regex.capture_locations();
        let mut windowed = std::time::Duration::ZERO;
        for _ in 0..2 {
            let t = std::time::Instant::now();
            for &(from, to) in &ranges {
                let mut at = from;
                while let Some(m) = regex
                    .find_at(&text[..to], at)
                    .and_then(|f| regex.captures_read_at(&mut locations, &text[..to], f.start()))
                {
                    at = m.end().max(at + 1);
                    if at > to {
                        break;
                    }
                }
            }
            windowed = t.elapsed();
        }
        let anchors = anchor.as_ref().map_or("-".to_string(), |a| {
            let shown: Vec<String> = a
                .literals
                .iter()
                .take(4)
                .map(|l| format!("{:?}", String::from_utf8_lossy(l)))
                .collect();
            format!("{} of {}", shown.join(" "), a.literals.len())
        });
        costs.push((windowed, full, rule.id.clone(), n, share, anchors));
    }
    costs.sort_by_key(|c| std::cmp::Reverse(c.0));
    let mb = text.len() as f64 / 1e6;
    println!(
        "anchor scan: {:.1} ms/MB; per rule: ms/MB on its lines, ms/MB scanning all, matches, share of text on its lines, anchors",
        anchor_time.as_secs_f64() * 1e3 / mb
    );
    for (windowed, full, id, n, share, anchors) in costs {
        println!(
            "{:>6.2} {:>6.2} {:>6} {:>5.1}%  {id:<28} {anchors}",
            windowed.as_secs_f64() * 1e3 / mb,
            full.as_secs_f64() * 1e3 / mb,
            n,
            100.0 * share as f64 / text.len() as f64,
        );
    }
}
