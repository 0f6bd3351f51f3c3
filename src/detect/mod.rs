//! Detection: every rule runs over a text and proposes candidate spans; word-list hits on
//! common words are held back until the text gives evidence that they are names. The
//! candidates then go to [`crate::resolve`], which picks one span per place.

pub mod lexicon;
pub mod tokens;

use crate::rules::schema::{Case, Category, Common};
use crate::rules::{Matcher, RuleSet};
use lexicon::{fold_into, Hit, Owner};
use std::collections::HashSet;

/// A span some rule proposes to rewrite (byte offsets into the text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    /// Index of the rule in the [`RuleSet`].
    pub rule: usize,
    pub category: Category,
    /// A common-word hit still waiting for evidence.
    pub pending: bool,
}

/// What detection found in one text: candidates, and the spans of keep-list terms.
#[derive(Debug, Default)]
pub struct Detection {
    pub candidates: Vec<Candidate>,
    pub kept: Vec<(usize, usize)>,
}

/// Runs every rule of `rules` over `text`. Pending common-word hits that found no evidence
/// are dropped; the rest may still overlap each other and keep-list spans.
pub fn detect(rules: &RuleSet, text: &str) -> Detection {
    let mut out = Detection::default();
    let mut hits: Vec<Hit> = Vec::new();
    rules.lexicon.scan(text, &mut hits);
    let mut key = String::new();
    for hit in hits {
        let index = match hit.owner {
            Owner::Keep => {
                out.kept.push((hit.start, hit.end));
                continue;
            }
            Owner::Rule(i) => i,
        };
        let rule = rules.rule(index);
        let word = &text[hit.start..hit.end];
        if rule.case == Case::Capitalised && !capitalised(word) {
            continue;
        }
        fold_into(word, &mut key);
        if rule.except.contains(&key) {
            continue;
        }
        let common = rules.common_words.contains(&key);
        let pending = match (common, rule.common) {
            (false, _) | (true, Common::Allow) => false,
            (true, Common::Evidence) => true,
            (true, Common::Skip) => continue,
        };
        out.candidates.push(Candidate {
            start: hit.start,
            end: hit.end,
            rule: index,
            category: rule.category,
            pending,
        });
    }
    for (index, rule) in rules.rules.iter().enumerate() {
        let Matcher::Pattern { regex, groups } = &rule.matcher else {
            continue;
        };
        for caps in regex.captures_iter(text) {
            let span = groups
                .iter()
                .find_map(|&g| caps.get(g))
                .or_else(|| caps.get(0));
            let Some(m) = span.filter(|m| !m.is_empty()) else {
                continue;
            };
            fold_into(m.as_str(), &mut key);
            if rule.except.contains(&key) {
                continue;
            }
            out.candidates.push(Candidate {
                start: m.start(),
                end: m.end(),
                rule: index,
                category: rule.category,
                pending: false,
            });
        }
    }
    settle_evidence(rules, text, &mut out.candidates);
    out
}

/// Starts with a capital letter and is not in capitals throughout (acronyms are not names).
fn capitalised(word: &str) -> bool {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return false;
    };
    first.is_uppercase() && !(letters.clone().next().is_some() && letters.all(char::is_uppercase))
}

/// Accepts a pending hit when a context phrase of its rule comes right before it, when an
/// accepted span of the same category stands next to it, or when the same word was
/// accepted elsewhere in the text; repeats until nothing changes, then drops the rest.
fn settle_evidence(rules: &RuleSet, text: &str, candidates: &mut Vec<Candidate>) {
    if !candidates.iter().any(|c| c.pending) {
        return;
    }
    candidates.sort_by_key(|c| (c.start, c.end));
    let mut key = String::new();
    let mut accepted_words: HashSet<(Category, String)> = HashSet::new();
    for c in candidates.iter().filter(|c| !c.pending) {
        fold_into(&text[c.start..c.end], &mut key);
        accepted_words.insert((c.category, key.clone()));
    }
    loop {
        let mut changed = false;
        for i in 0..candidates.len() {
            let c = candidates[i];
            if !c.pending {
                continue;
            }
            fold_into(&text[c.start..c.end], &mut key);
            let evidence = accepted_words.contains(&(c.category, key.clone()))
                || preceded_by(text, c.start, &rules.rule(c.rule).context)
                || has_accepted_neighbour(text, candidates, i);
            if evidence {
                candidates[i].pending = false;
                accepted_words.insert((c.category, key.clone()));
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    candidates.retain(|c| !c.pending);
}

/// Whether one of the folded `phrases` ends right before `start` (spaces and a dot after
/// a title allowed in between), as whole words.
pub fn preceded_by(text: &str, start: usize, phrases: &[String]) -> bool {
    if phrases.is_empty() {
        return false;
    }
    let before = text[..start].trim_end_matches([' ', '\t']);
    let before = before.strip_suffix('.').unwrap_or(before);
    let from = before.char_indices().rev().nth(40).map_or(0, |(i, _)| i);
    let window = lexicon::fold(&before[from..]);
    phrases.iter().any(|p| {
        window
            .strip_suffix(p.as_str())
            .is_some_and(|rest| !rest.chars().next_back().is_some_and(char::is_alphanumeric))
    })
}

/// Whether an accepted candidate of the same category stands right next to candidate `i`,
/// separated only by one space or hyphen. A common word opening a sentence does not count
/// before a name ("Later Jim said", "Will Jim come?"), only after one ("Jim Will").
fn has_accepted_neighbour(text: &str, candidates: &[Candidate], i: usize) -> bool {
    let c = candidates[i];
    let joined = |a: usize, b: usize| {
        a <= b && b - a <= 1 && text[a..b].chars().all(|ch| matches!(ch, ' ' | '-'))
    };
    let opens_sentence = sentence_start(text, c.start);
    candidates.iter().any(|o| {
        !o.pending
            && o.category == c.category
            && (joined(o.end, c.start) || (!opens_sentence && joined(c.end, o.start)))
    })
}

/// Whether `pos` begins a sentence, a line or the text.
pub fn sentence_start(text: &str, pos: usize) -> bool {
    let before = text[..pos].trim_end_matches([' ', '\t', '"', '“', '\'', '‘', '(', '*', '-', '•']);
    match before.chars().next_back() {
        None => true,
        Some(c) => matches!(c, '.' | '!' | '?' | ':' | ';' | '\n' | '\r'),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitalisation() {
        assert!(capitalised("Jim"));
        assert!(capitalised("O'Neill"));
        assert!(capitalised("Ó"));
        assert!(!capitalised("jim"));
        assert!(!capitalised("NAPO"));
    }

    #[test]
    fn context_phrases() {
        let phrases = vec!["mr".to_string(), "my client".to_string()];
        assert!(preceded_by("I saw Mr. Rose", 10, &phrases));
        assert!(preceded_by("then My client  Will", 16, &phrases));
        assert!(!preceded_by("summer Rose", 7, &phrases));
        assert!(!preceded_by("Rose", 0, &phrases));
    }
}
