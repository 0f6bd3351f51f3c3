//! Times each pattern rule of the built-in set over a text: where detection spends its time.
//! `cargo run --release --example rule_costs -- FILE`
use veil::rules::{Matcher, RuleSet};

fn main() {
    let path = std::env::args().nth(1).expect("usage: rule_costs FILE");
    let text = std::fs::read_to_string(&path).expect("a UTF-8 file");
    let rules = RuleSet::load(&[], true).expect("built-in rules");
    let mut costs = Vec::new();
    for rule in &rules.rules {
        if let Matcher::Pattern { regex, .. } = &rule.matcher {
            let t = std::time::Instant::now();
            let n = regex.captures_iter(&text).count();
            costs.push((t.elapsed(), rule.id.clone(), n));
        }
    }
    let patterns: Vec<&str> = rules
        .rules
        .iter()
        .filter_map(|r| match &r.matcher {
            Matcher::Pattern { regex, .. } => Some(regex.as_str()),
            _ => None,
        })
        .collect();
    let set = regex::RegexSet::new(&patterns).expect("set");
    let t = std::time::Instant::now();
    let docs: Vec<&str> = text.split("\n\n\n").collect();
    let mut hits = 0;
    for d in &docs {
        hits += set.matches(d).iter().count();
    }
    println!(
        "RegexSet over {} chunks: {:.1} ms, {} rule-chunk hits of {}",
        docs.len(),
        t.elapsed().as_secs_f64() * 1e3,
        hits,
        docs.len() * patterns.len()
    );
    costs.sort();
    costs.reverse();
    let mb = text.len() as f64 / 1e6;
    for (d, id, n) in costs {
        println!(
            "{:>8.1} MB/s {:>7.1} ms {:>6} matches  {id}",
            mb / d.as_secs_f64(),
            d.as_secs_f64() * 1e3,
            n
        );
    }
}
