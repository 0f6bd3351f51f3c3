//! Pattern rules: each regex runs only where its anchors put it (see
//! [`crate::rules::anchors`]), and its matches become candidates.

use super::lexicon::fold_into;
use super::{all_common, leading_function_words, Candidate};
use crate::rules::alphabet::Outside;
use crate::rules::anchors::Windows;
use crate::rules::schema::{Category, Common};
use crate::rules::{Matcher, Regexes, RuleSet};
use regex_automata::meta::Regex;
use regex_automata::util::captures::Captures;
use regex_automata::{Anchored, Input, Match};

/// Adds the candidates of every pattern rule over `text`. With `anchored` false every rule
/// scans the whole text with its full regex (see [`crate::rules::alphabet`]); the results
/// are the same, only slower (kept for testing that).
pub fn find(rules: &RuleSet, text: &str, anchored: bool, out: &mut Vec<Candidate>) {
    let (windows, outside) = if anchored {
        (rules.anchors.windows(text), Outside::of(text))
    } else {
        let everywhere = vec![Windows::Everywhere; rules.rules.len()];
        (everywhere, Outside::everything())
    };
    let mut key = String::new();
    for (index, windows) in windows.into_iter().enumerate() {
        find_rule(rules, index, windows, text, &outside, &mut key, out);
    }
}

/// The candidates of every pattern rule over each of `texts`, anchored, found one rule at a
/// time over all the texts (see [`super::detect_all`]); the same as [`find`] on each.
pub fn find_all(rules: &RuleSet, texts: &[&str]) -> Vec<Vec<Candidate>> {
    let mut windows: Vec<std::vec::IntoIter<Windows>> = texts
        .iter()
        .map(|t| rules.anchors.windows(t).into_iter())
        .collect();
    let outside: Vec<Outside> = texts.iter().map(|t| Outside::of(t)).collect();
    let mut out = vec![Vec::new(); texts.len()];
    let mut key = String::new();
    for index in 0..rules.rules.len() {
        let texts = texts.iter().zip(&outside).zip(&mut windows);
        for (((text, outside), windows), out) in texts.zip(&mut out) {
            let windows = windows.next().expect("windows for every rule");
            find_rule(rules, index, windows, text, outside, &mut key, out);
        }
    }
    out
}

/// Adds the candidates of rule `index` (if a pattern rule) in `windows` of `text`, whose
/// characters outside the common alphabet are `outside`.
pub fn find_rule(
    rules: &RuleSet,
    index: usize,
    windows: Windows,
    text: &str,
    outside: &Outside,
    key: &mut String,
    out: &mut Vec<Candidate>,
) {
    let Matcher::Pattern {
        regex,
        groups,
        vetoes,
        ..
    } = &rules.rules[index].matcher
    else {
        return;
    };
    // Groups for each of the two regexes, made when first needed.
    let mut both_caps: [Option<Captures>; 2] = [None, None];
    // The span a match marks: its first named group that took part, else the whole
    // match; none if a veto group took part.
    let mut span_of = |found: Match, (regex, common): (&Regex, bool)| {
        if groups.is_empty() && vetoes.is_empty() {
            return Some((found.start(), found.end()));
        }
        // Groups from an anchored search over the match alone, with the regex that found
        // it: no alternative it preferred fits in a longer stretch, so none fits in this
        // one, and look-arounds still see the text around it. The search costs in
        // proportion to its stretch, and a window may run on for a paragraph.
        let caps = both_caps[usize::from(common)].get_or_insert_with(|| regex.create_captures());
        let input = Input::new(text)
            .range(found.start()..found.end())
            .anchored(Anchored::Yes);
        regex.search_captures(&input, caps);
        if vetoes.iter().any(|&g| caps.get_group(g).is_some()) {
            return None;
        }
        let span = groups.iter().find_map(|&g| caps.get_group(g));
        Some(span.map_or((found.start(), found.end()), |s| (s.start, s.end)))
    };
    search(regex, &windows, text, outside, |found, used| {
        if let Some((start, end)) = span_of(found, used) {
            if let Some(candidate) = candidate(rules, index, text, start, end, key) {
                out.push(candidate);
            }
        }
    });
}

/// Calls `found(m, used)` for each match `m` of `regex` that a search in `windows` of
/// `text` (whose characters outside the common alphabet are `outside`) finds, in order;
/// `used` is the regex that found it and whether it is the common alphabet's (see
/// [`Regexes::for_range`]).
pub fn search(
    regex: &Regexes,
    windows: &Windows,
    text: &str,
    outside: &Outside,
    mut found: impl FnMut(Match, (&Regex, bool)),
) {
    // Where the next search may start after `m`: past an empty match's next char.
    let next = |m: Match| {
        if m.is_empty() {
            m.end() + text[m.end()..].chars().next().map_or(1, char::len_utf8)
        } else {
            m.end()
        }
    };
    let ranges = match windows {
        Windows::Nowhere => return,
        Windows::Starts(_) | Windows::Lines { .. } => {
            // Every match starts with an anchor (or at a line start): try only there,
            // anchored.
            let mut at = 0;
            for (start, end) in windows.starts(text) {
                // An empty range holds no match worth having: and regex-automata 0.4's
                // one-byte prefilters, which a cut-down regex may get, can report one past
                // its end.
                if start < at || start >= end {
                    continue;
                }
                let input = Input::new(text).range(start..end).anchored(Anchored::Yes);
                let used = regex.for_range(outside, start, end, true);
                if let Some(m) = used.0.search(&input) {
                    at = next(m);
                    found(m, used);
                }
            }
            return;
        }
        Windows::Everywhere => &vec![(0, text.len())],
        Windows::Ranges(ranges) => ranges,
    };
    for &(from, to) in ranges {
        // The search sees the whole text around its window, so that `^`, `$` and `\b` at
        // the window's edges mean what they mean in the text. Every match lies inside one
        // window and windows are apart, so a full scan would come to each window with no
        // match open, and find in it what this search finds.
        let used = regex.for_range(outside, from, to, false);
        let mut at = from;
        while at <= to {
            let Some(m) = used.0.search(&Input::new(text).range(at..to)) else {
                break;
            };
            at = next(m);
            found(m, used);
        }
    }
}

/// The candidate of rule `index` at `start..end`, unless the rule's checks reject it.
fn candidate(
    rules: &RuleSet,
    index: usize,
    text: &str,
    start: usize,
    end: usize,
    key: &mut String,
) -> Option<Candidate> {
    let rule = &rules.rules[index];
    if start == end {
        return None;
    }
    // Word boundaries are ASCII (see `rules::ascii_word_boundaries`): a match that starts
    // inside a word is no match; one that ends inside a word ends with it.
    let inside = |a: Option<char>, b: Option<char>| {
        a.is_some_and(char::is_alphanumeric) && b.is_some_and(char::is_alphanumeric)
    };
    let matched = &text[start..end];
    if inside(text[..start].chars().next_back(), matched.chars().next()) {
        return None;
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
    fold_into(span, key);
    if rule.validate.is_some_and(|v| !v.accepts(span))
        || rule.except.contains(key)
        || (rule.common == Common::Skip && all_common(rules, span))
    {
        return None;
    }
    Some(Candidate {
        start,
        end,
        rule: index,
        category: rule.category,
        pending: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `$`, `\z` and `^` at a window's edge: a user rule need not use `(?m)`.
    #[test]
    fn anchored_windows_see_the_text_ends_as_a_full_scan_does() {
        let rules = RuleSet::from_text(
            "edges.yaml",
            r#"rules:
  - id: t.signed-end
    category: PERSON
    pattern: '\bSigned:[ \t]+(?P<name>\p{Lu}\p{Ll}+)$'
  - id: t.signed-z
    category: PERSON
    pattern: '\bSigned:[ \t]+(?P<name>\p{Lu}\p{Ll}+)\z'
  - id: t.signed-line
    category: PERSON
    pattern: '(?m)\bSigned:[ \t]+(?P<name>\p{Lu}\p{Ll}+)$'
  - id: t.who-signed
    category: PERSON
    pattern: '(?P<name>\p{Lu}\p{Ll}+)[ \t]+signed$'
  - id: t.opening
    category: PERSON
    pattern: '^Dear[ \t]+(?P<name>\p{Lu}\p{Ll}+)'
  - id: t.bounded
    category: DEM
    pattern: '\b\d{1,2}[ \t]?(?:kids?|children)\b'
  - id: t.loose
    category: PERSON
    pattern: '\b\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+\b'
  - id: t.loose-bounded
    category: CODE
    pattern: '\b\d{3}[ -]?\d{4}\b|^\d{2}-\d{2}$'
  - id: t.nested-literals
    category: CODE
    pattern: '\b(?:ab[a-z]|abcd\d)'
"#,
        )
        .expect("rules load");
        let texts = [
            "Signed: Alice\nthanks\n",
            "thanks\nSigned: Alice",
            "Bob signed\nx",
            "x\nBob signed",
            "note\nDear Carol, hello",
            "Dear Carol, hello",
            "123 kids, 4 kids4 kids 56 children",
            "kids 7kids",
            "Smith-Jones\nAnn-Marie Lee-Smith-Jones x-Ab-Cd",
            "0207946 12345678 020-7946\n12-34\n 12-34",
            // "abcd" is an anchor that must be followed by a digit, and "ab" one that may go
            // on with "c": the literals' scan must report both where both end, or the try
            // at "ab" would be dropped with "abcd"'s.
            "abcdx abcd5 abx",
        ];
        for text in texts {
            let (mut anchored, mut full) = (Vec::new(), Vec::new());
            find(&rules, text, true, &mut anchored);
            find(&rules, text, false, &mut full);
            assert_eq!(anchored, full, "{text:?}");
        }
        // The cases that differed: a full scan finds nothing at a line end for `$`.
        let mut found = Vec::new();
        find(&rules, "Signed: Alice\nthanks\n", true, &mut found);
        let ids: Vec<&str> = found
            .iter()
            .map(|c| rules.rules[c.rule].id.as_str())
            .collect();
        assert_eq!(ids, ["t.signed-line"]);
    }
}
