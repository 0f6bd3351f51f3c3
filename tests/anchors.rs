//! Running a rule only where its anchors put it, with its regex cut down to the common
//! alphabet where the text is written in it, finds exactly what scanning the whole text
//! with the full regex finds, for any regex a user may write: random regexes (literals,
//! classes, look-arounds, case folding, repetitions, line breaks of both kinds), on texts
//! built from strings they match, set among other characters (some outside the alphabet)
//! and with letter case flipped. A seeded generator, so a failure is repeatable
//! (`VEIL_ANCHOR_SEED`, `VEIL_ANCHOR_RULES` widen the search).

use regex_automata::meta;
use regex_syntax::hir::{Class, Hir, HirKind};
use veil::detect::patterns;
use veil::rules::alphabet::Outside;
use veil::rules::anchors::{anchor_of, Anchors, Windows};
use veil::rules::{ascii_word_boundaries, Regexes};

/// xorshift: the test needs no more than repeatable variety.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.below(xs.len())]
    }
}

const LITERALS: &[&str] = &[
    "ab", "st", "is", "-x", "x-", "é", "Ab", r"\n", r"\r", " ", "a", "s", "x", "-", "_", "1", "St",
    "bé", r"\r\n", "Ks", "ss", "ж", "a☐",
];
const CLASSES: &[&str] = &[
    r"[ \t]", "[a-c]", r"\s", r"\w", "[^a]", r"\d", r"\p{Lu}", "[é-ê]", ".", "(?s:.)", "[-_]",
    r"[\r\n]", "[A-Z]", "[^\n]", "[sS]", r"\W", "[kK]", "[а-я]", r"[^\s\d]",
];
const LOOKS: &[&str] = &[
    r"\b", r"\B", "(?m:^)", "(?m:$)", "^", "$", r"\A", r"\z", "(?Rm:^)", "(?Rm:$)", r"\<", r"\>",
];
const FILLER: &[&str] = &[
    "a", "s", "t", "i", "x", "-", " ", "\t", "\n", "\r", "é", "A", "S", "_", "1", "st", "is",
    "\r\n", "É", "k", "K", "ж", "☐", "’",
];

fn regex(r: &mut Rng, depth: usize) -> String {
    match if depth == 0 { r.below(3) } else { r.below(9) } {
        0 => r.pick(LITERALS).to_string(),
        1 => r.pick(CLASSES).to_string(),
        2 => r.pick(LOOKS).to_string(),
        3 | 4 => (0..2 + r.below(4)).map(|_| regex(r, depth - 1)).collect(),
        5 => {
            let branches: Vec<String> = (0..2 + r.below(3)).map(|_| regex(r, depth - 1)).collect();
            // Now and then a group: the groups found must agree too.
            let open = r.pick(&["(?:", "("]);
            format!("{open}{})", branches.join("|"))
        }
        6 => {
            let count = r.pick(&["?", "*", "+", "{1,3}", "{2}", "{0,2}", "+?", "??"]);
            format!("(?:{}){count}", regex(r, depth - 1))
        }
        7 => format!("(?i:{})", regex(r, depth - 1)),
        _ => {
            let flags = r.pick(&["(?m)", "(?R)", "(?s)", "(?-i)", "(?Rm)", "(?i)"]);
            format!("(?:{flags}{})", regex(r, depth - 1))
        }
    }
}

/// A random pattern, often with a literal that can anchor it.
fn pattern(r: &mut Rng) -> String {
    match r.below(3) {
        0 => regex(r, 4),
        1 => format!(
            "{}{}{}",
            regex(r, 3),
            r.pick(&["ab", "st", "-x", "is", "é-", r"\r\n"]),
            regex(r, 2)
        ),
        _ => format!("{}{}{}", r.pick(LOOKS), regex(r, 3), regex(r, 2)),
    }
}

/// Appends a string that `hir` may match (look-arounds aside).
fn sample(r: &mut Rng, hir: &Hir, out: &mut String) {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => {}
        HirKind::Literal(l) => out.push_str(std::str::from_utf8(&l.0).unwrap_or("")),
        HirKind::Class(Class::Unicode(c)) => {
            let ranges: Vec<_> = c.iter().collect();
            if let Some(range) = ranges.get(r.below(ranges.len().max(1))) {
                let (a, b) = (u32::from(range.start()), u32::from(range.end()));
                let x = a + (r.next() % u64::from(b.min(a + 300) - a + 1)) as u32;
                out.extend(char::from_u32(x));
            }
        }
        HirKind::Class(Class::Bytes(c)) => {
            if let Some(range) = c.iter().next() {
                out.push(char::from(range.start()).min('\x7f'));
            }
        }
        HirKind::Repetition(rep) => {
            let max = rep.max.unwrap_or(rep.min + 3).min(rep.min + 3);
            for _ in 0..rep.min + (r.next() % u64::from(max - rep.min + 1)) as u32 {
                sample(r, &rep.sub, out);
            }
        }
        HirKind::Capture(c) => sample(r, &c.sub, out),
        HirKind::Concat(parts) => parts.iter().for_each(|p| sample(r, p, out)),
        HirKind::Alternation(branches) => {
            let i = r.below(branches.len());
            sample(r, &branches[i], out)
        }
    }
}

/// A text of filler and strings the rules may match, letter case flipped here and there.
fn text(r: &mut Rng, hirs: &[Hir]) -> String {
    let mut text = String::new();
    for _ in 0..1 + r.below(4) {
        // Now and then a long line, longer than the windows' walks go.
        if r.below(4) == 0 {
            let line = FILLER.iter().filter(|f| !f.contains(['\n', '\r']));
            let line: Vec<&str> = line.copied().collect();
            (0..150 + r.below(300)).for_each(|_| text.push_str(r.pick(&line)));
        }
        (0..r.below(4)).for_each(|_| text.push_str(r.pick(FILLER)));
        let mut s = String::new();
        let i = r.below(hirs.len());
        sample(r, &hirs[i], &mut s);
        if r.below(2) == 0 {
            s = s
                .chars()
                .map(|c| match r.below(3) {
                    0 if c.is_ascii_lowercase() => c.to_ascii_uppercase(),
                    0 => c.to_ascii_lowercase(),
                    _ => c,
                })
                .collect();
        }
        text.push_str(&s);
    }
    text
}

/// A match's span and the spans of its groups (none for a group that took no part).
type Found = (usize, usize, Vec<Option<(usize, usize)>>);

/// The non-empty matches a search in `windows` finds, and the groups each took part in,
/// using regexes cut down to the common alphabet where `outside` allows. The regex the
/// search chose finds the groups, as veil does, in an anchored search over the match
/// alone; or, for the `reference`, over the rest of the text.
fn matches(
    regex: &Regexes,
    windows: &Windows,
    text: &str,
    outside: &Outside,
    reference: bool,
) -> Vec<Found> {
    let mut out = Vec::new();
    patterns::search(regex, windows, text, outside, |m, (used, _)| {
        let mut caps = used.create_captures();
        let end = if reference { text.len() } else { m.end() };
        let input = regex_automata::Input::new(text)
            .range(m.start()..end)
            .anchored(regex_automata::Anchored::Yes);
        used.search_captures(&input, &mut caps);
        let groups = (0..caps.group_len())
            .map(|g| caps.get_group(g).map(|s| (s.start, s.end)))
            .collect();
        out.push((m.start(), m.end(), groups));
    });
    out.into_iter().filter(|m| m.0 < m.1).collect()
}

fn env(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

#[test]
fn anchored_windows_find_what_a_full_scan_finds_for_random_rules() {
    let mut r = Rng(env("VEIL_ANCHOR_SEED", 1).wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let (mut sets, mut anchored) = (0, 0);
    while sets < env("VEIL_ANCHOR_RULES", 150) {
        // Four rules at once: they share one automaton, and literals with their owners.
        let mut rules = Vec::new();
        while rules.len() < 4 {
            let compiled = ascii_word_boundaries(&pattern(&mut r));
            match meta::Regex::new(&compiled) {
                Ok(regex) if !regex.is_match("") => {}
                _ => continue,
            }
            let hir = regex_syntax::Parser::new().parse(&compiled).unwrap();
            let regex = Regexes::new(hir.clone(), true).expect("it built");
            let anchor = anchor_of(&compiled);
            anchored += usize::from(anchor.is_some());
            rules.push((compiled, regex, hir, anchor));
        }
        sets += 1;
        let anchors = Anchors::new(rules.iter().map(|rule| rule.3.clone()).collect());
        let hirs: Vec<Hir> = rules.iter().map(|rule| rule.2.clone()).collect();
        for _ in 0..30 {
            let text = text(&mut r, &hirs);
            let windows = anchors.windows(&text);
            let outside = Outside::of(&text);
            for ((pattern, regex, ..), windows) in rules.iter().zip(&windows) {
                assert_eq!(
                    matches(regex, windows, &text, &outside, false),
                    matches(
                        regex,
                        &Windows::Everywhere,
                        &text,
                        &Outside::everything(),
                        true
                    ),
                    "pattern {pattern:?} on {text:?}, windows {windows:?}"
                );
            }
        }
    }
    // The generator must keep producing rules that anchors serve, or the test says little.
    assert!(
        anchored > 200,
        "only {anchored} of {} rules anchored",
        sets * 4
    );
}
