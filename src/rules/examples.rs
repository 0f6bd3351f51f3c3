//! `veil rules test`: every rule's `examples` checked against the whole rule set, so an
//! example fails when the rule misses its `match` texts, or reports in a `no_match` text
//! (after keep lists and common-word evidence, as in a real run).

use super::RuleSet;
use crate::detect::detect;
use crate::resolve::Kept;

/// One failing example.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub rule: String,
    pub source: String,
    pub expected_match: bool,
    pub example: String,
}

/// Runs the examples of every rule; returns how many ran and which failed.
pub fn run(rules: &RuleSet) -> (usize, Vec<Failure>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (index, rule) in rules.rules.iter().enumerate() {
        let cases = rule
            .examples
            .matches
            .iter()
            .map(|e| (e, true))
            .chain(rule.examples.no_match.iter().map(|e| (e, false)));
        for (example, expected_match) in cases {
            ran += 1;
            let detection = detect(rules, example);
            let kept = Kept::new(&detection.kept);
            let matched = detection
                .candidates
                .iter()
                .any(|c| c.rule == index && !kept.covers(c.start, c.end));
            if matched != expected_match {
                failures.push(Failure {
                    rule: rule.id.clone(),
                    source: rule.source.clone(),
                    expected_match,
                    example: example.clone(),
                });
            }
        }
    }
    (ran, failures)
}
