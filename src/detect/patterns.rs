//! Pattern rules: each regex runs only where its anchors put it (see
//! [`crate::rules::anchors`]), and its matches become candidates.

use super::lexicon::fold_into;
use super::{all_common, leading_function_words, Candidate};
use crate::rules::anchors::Windows;
use crate::rules::schema::{Category, Common};
use crate::rules::{Matcher, RuleSet};

/// Adds the candidates of every pattern rule over `text`. With `anchored` false every rule
/// scans the whole text; the results are the same, only slower (kept for testing that).
pub fn find(rules: &RuleSet, text: &str, anchored: bool, out: &mut Vec<Candidate>) {
    let windows = if anchored {
        rules.anchors.windows(text)
    } else {
        vec![Windows::Everywhere; rules.rules.len()]
    };
    let mut key = String::new();
    for (index, (rule, windows)) in rules.rules.iter().zip(windows).enumerate() {
        let Matcher::Pattern {
            regex,
            groups,
            vetoes,
            ..
        } = &rule.matcher
        else {
            continue;
        };
        let ranges = match windows {
            Windows::Nowhere => continue,
            Windows::Everywhere => vec![(0, text.len())],
            Windows::Lines(lines) => lines,
        };
        let mut locations = regex.capture_locations();
        for (from, to) in ranges {
            // The haystack ends at the window's end (a line end: the same for `$` and `\b`
            // as the full text, since no match of a single-line rule crosses it); the search
            // starts at its start, seeing the text before it for `^` and `\b`.
            let haystack = &text[..to];
            let mut at = from;
            while at <= to {
                // Find the match first, then its groups from where it starts: on a short
                // haystack the regex crate would take its slow capturing engine for the
                // whole search, not just the match.
                let Some(found) = regex.find_at(haystack, at) else {
                    break;
                };
                let whole = regex
                    .captures_read_at(&mut locations, haystack, found.start())
                    .expect("a match where one was found");
                at = if whole.is_empty() {
                    whole.end() + text[whole.end()..].chars().next().map_or(1, char::len_utf8)
                } else {
                    whole.end()
                };
                if vetoes.iter().any(|&g| locations.get(g).is_some()) {
                    continue;
                }
                let (start, end) = groups
                    .iter()
                    .find_map(|&g| locations.get(g))
                    .unwrap_or((whole.start(), whole.end()));
                if start == end {
                    continue;
                }
                // Word boundaries are ASCII (see `rules::ascii_word_boundaries`): a match
                // that starts inside a word is no match; one that ends inside a word ends
                // with it.
                let inside = |a: Option<char>, b: Option<char>| {
                    a.is_some_and(char::is_alphanumeric) && b.is_some_and(char::is_alphanumeric)
                };
                let matched = &text[start..end];
                if inside(text[..start].chars().next_back(), matched.chars().next()) {
                    continue;
                }
                let mut end = end;
                if inside(matched.chars().next_back(), text[end..].chars().next()) {
                    end += text[end..]
                        .find(|c: char| !c.is_alphanumeric())
                        .unwrap_or(text.len() - end);
                }
                let start = match rule.category {
                    Category::Org | Category::Loc => start + leading_function_words(matched),
                    _ => start,
                };
                let span = &text[start..end];
                fold_into(span, &mut key);
                if rule.validate.is_some_and(|v| !v.accepts(span)) {
                    continue;
                }
                if rule.except.contains(&key)
                    || (rule.common == Common::Skip && all_common(rules, span))
                {
                    continue;
                }
                out.push(Candidate {
                    start,
                    end,
                    rule: index,
                    category: rule.category,
                    pending: false,
                });
            }
        }
    }
}
