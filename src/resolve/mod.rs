//! Resolution: from overlapping candidates to one span per place, then to entities.
//!
//! The order, applied to each text:
//! 1. a possessive ending (`'s`, `’s`, a bare `'` after `s`) is trimmed off PERSON, LOC
//!    and ORG spans, so that "Jim's" rewrites "Jim" and keeps "'s";
//! 2. a candidate inside a keep-list term, or crossing its edge, is dropped (a candidate
//!    that wholly contains a kept term, such as a local team named after a national body,
//!    stands);
//! 3. a word that is both a name and a place (or organisation) is a name next to another
//!    name ("Frances Crook", "Jim Hartley");
//! 4. of overlapping candidates the longest wins, then the higher rule `priority`, then the
//!    rule loaded first, then the earlier start;
//! 5. PERSON spans separated by one space or hyphen ("Chidi" "Okafor") join into one span,
//!    so that a full name is one mention; so do a date and its time ("14 May 2019 at 19:40").

pub mod entities;

use crate::detect::tokens::possessive_len;
use crate::detect::Detection;
use crate::rules::schema::Category;
use crate::rules::RuleSet;
use rustc_hash::FxHashSet as HashSet;
use std::cmp::Reverse;

/// A span that will be rewritten: byte offsets into the text and the rule that found it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub rule: usize,
    pub category: Category,
}

/// Resolves `detection` over `text` into non-overlapping findings in text order.
pub fn resolve(rules: &RuleSet, text: &str, detection: Detection) -> Vec<Finding> {
    let kept = Kept::new(&detection.kept);
    let mut candidates: Vec<Finding> = detection
        .candidates
        .into_iter()
        .filter_map(|c| {
            let mut end = c.end;
            if matches!(c.category, Category::Person | Category::Loc | Category::Org) {
                end -= possessive_len(&text[c.start..c.end]);
            }
            (end > c.start && !kept.covers(c.start, end)).then_some(Finding {
                start: c.start,
                end,
                rule: c.rule,
                category: c.category,
            })
        })
        .collect();
    prefer_names_in_names(text, &mut candidates);
    // Candidates equal in this key are the same finding: the same start and length, and the
    // same rule, which gives the category. Each key is built once, not at every comparison
    // (a rule's priority is a look-up into the rule set), and sorted with the candidate's
    // index rather than the candidate itself, a third less to move.
    let mut keyed: Vec<_> = candidates
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let priority = rules.rule(c.rule).priority;
            let key = (Reverse(c.end - c.start), Reverse(priority), c.rule, c.start);
            (key, i)
        })
        .collect();
    keyed.sort_unstable_by_key(|&(key, _)| key);
    // The bytes accepted spans cover: a candidate clashes iff one of its bytes is taken.
    // Linear in the text, however many candidates a long document holds (a sorted list
    // grown by insertion was quadratic in them).
    let mut taken = Covered::new(text.len());
    let mut accepted: Vec<Finding> = keyed
        .into_iter()
        .map(|(_, i)| candidates[i])
        .filter(|c| taken.claim(c.start, c.end))
        .collect();
    accepted.sort_unstable_by_key(|c| c.start);
    merge_names(text, accepted.into_iter())
}

/// One bit per byte of a text: whether an accepted span covers it.
struct Covered(Vec<u64>);

impl Covered {
    fn new(len: usize) -> Covered {
        Covered(vec![0; len.div_ceil(64)])
    }

    /// Marks `start..end` as covered if none of it is yet; whether it was free.
    fn claim(&mut self, start: usize, end: usize) -> bool {
        let (first, last) = (start / 64, (end - 1) / 64);
        let mask = |word: usize| {
            let from = if word == first { start % 64 } else { 0 };
            let to = if word == last { (end - 1) % 64 + 1 } else { 64 };
            (u64::MAX >> (64 - (to - from))) << from
        };
        if (first..=last).any(|w| self.0[w] & mask(w) != 0) {
            return false;
        }
        for w in first..=last {
            self.0[w] |= mask(w);
        }
        true
    }
}

/// A word that is both a name and something else ("Crook" a town, "Hartley" a village)
/// is a name when it stands next to another name: "Frances Crook", "Jim Hartley".
fn prefer_names_in_names(text: &str, candidates: &mut Vec<Finding>) {
    let people: HashSet<(usize, usize)> = candidates
        .iter()
        .filter(|c| c.category == Category::Person)
        .map(|c| (c.start, c.end))
        .collect();
    let starts: HashSet<usize> = people.iter().map(|&(s, _)| s).collect();
    let ends: HashSet<usize> = people.iter().map(|&(_, e)| e).collect();
    let beside_a_name = |c: &Finding| {
        (c.start > 0 && ends.contains(&(c.start - 1)) && &text[c.start - 1..c.start] == " ")
            || (starts.contains(&(c.end + 1)) && &text[c.end..c.end + 1] == " ")
    };
    candidates.retain(|c| {
        c.category == Category::Person || !people.contains(&(c.start, c.end)) || !beside_a_name(c)
    });
}

/// The spans of a text's keep-list terms, sorted: a text can hold hundreds, and each
/// candidate is checked against them.
pub struct Kept {
    spans: Vec<(usize, usize)>,
    longest: usize,
}

impl Kept {
    pub fn new(spans: &[(usize, usize)]) -> Kept {
        let mut spans = spans.to_vec();
        spans.sort_unstable();
        let longest = spans.iter().map(|&(s, e)| e - s).max().unwrap_or(0);
        Kept { spans, longest }
    }

    /// Whether the span `start..end` lies inside a kept term or crosses its edge.
    pub fn covers(&self, start: usize, end: usize) -> bool {
        // Only terms starting within the longest term's length before `start` can reach it.
        let from = self
            .spans
            .partition_point(|&(s, _)| s + self.longest <= start);
        self.spans[from..]
            .iter()
            .take_while(|&&(ks, _)| ks < end)
            .any(|&(ks, ke)| {
                let overlaps = start < ke && ks < end;
                let contains = start <= ks && ke <= end && (start, end) != (ks, ke);
                overlaps && !contains
            })
    }
}

/// Joins neighbouring spans that make one mention: a full name from its parts ("Chidi"
/// "Okafor"), a date and its time ("14 May 2019" "at" "19:40").
fn merge_names(text: &str, findings: impl Iterator<Item = Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::new();
    for f in findings {
        if let Some(last) = out.last_mut() {
            let gap = &text[last.end..f.start];
            let joins = match (last.category, f.category) {
                (Category::Person, Category::Person) => matches!(gap, " " | "-" | "‐"),
                (Category::Datetime, Category::Datetime) => {
                    gap.len() <= 6
                        && matches!(
                            gap.trim_matches([' ', '\t']),
                            "" | "," | "at" | ", at" | "@" | "-" | "–"
                        )
                }
                _ => false,
            };
            if joins {
                last.end = f.end;
                continue;
            }
        }
        out.push(f);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_span_is_claimed_only_where_no_byte_of_it_is_taken() {
        let mut covered = Covered::new(200);
        assert!(covered.claim(10, 20));
        assert!(!covered.claim(19, 25), "overlaps the end");
        assert!(!covered.claim(0, 11), "overlaps the start");
        assert!(!covered.claim(12, 13), "inside");
        assert!(covered.claim(20, 130), "touching, across two word edges");
        assert!(!covered.claim(127, 128));
        assert!(covered.claim(0, 10) && covered.claim(130, 200));
        assert!(!covered.claim(199, 200));
    }

    #[test]
    fn a_candidate_inside_or_across_a_kept_term_is_covered_and_one_holding_it_is_not() {
        // A long term early and short ones later: the long one still reaches far.
        let kept = Kept::new(&[(40, 43), (0, 30), (50, 52), (50, 60)]);
        let cases = [
            ((5, 10), true),   // inside the long term
            ((25, 35), true),  // across its end
            ((30, 40), false), // between terms
            ((38, 41), true),  // across a start
            ((40, 43), true),  // the term itself
            ((39, 44), false), // holding a term
            ((51, 53), true),  // inside one of two terms starting together
            ((45, 62), false), // holding both
            ((70, 80), false),
        ];
        for ((start, end), covered) in cases {
            assert_eq!(kept.covers(start, end), covered, "{start}..{end}");
        }
        assert!(!Kept::new(&[]).covers(0, 5));
    }
}
