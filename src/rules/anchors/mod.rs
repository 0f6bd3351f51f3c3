//! Anchors: for each pattern rule, a set of literal strings one of which every match must
//! contain, worked out from the regex itself. One Aho-Corasick pass over a text finds the
//! anchors of every rule; a rule then runs only around its anchors (or not at all), instead
//! of scanning the whole text once per rule: where a match must start with one, anchored
//! there, if the byte after it can go on with a match (see [`After`]); else as far on
//! either side as a match can reach: within the line if no match spans lines, within its
//! longest length if bounded, and within the runs of bytes a match may hold on either side
//! of its anchor (see [`Sides`]). A single-line rule that requires no literal has a loose form instead
//! (see [`Anchor::loose`]): the loose forms of all such rules run as one more automaton, in
//! the same pass over the text (see [`Anchors::windows`]). Nothing needs declaring in the
//! rule files, so user rules get the same treatment.
//!
//! Anchors are matched ASCII-case-insensitively, so a folded anchor set finds a superset of
//! the places the regex can match. The one gap is the regex crate's Unicode case folding of
//! `k` to KELVIN SIGN and `s` to LONG S; a text holding either is scanned in full.

mod after;
mod before;

pub use after::After;
pub use before::Before;

use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind};
use regex_automata::hybrid::dfa::{Cache, DFA};
use regex_automata::hybrid::LazyStateID;
use regex_automata::nfa::thompson::{self, WhichCaptures};
use regex_syntax::hir::literal::{Extractor, Literal, Seq};
use regex_syntax::hir::{Capture, Hir, HirKind, Look, Repetition};
use regex_syntax::hir::{Class, ClassUnicode, ClassUnicodeRange};

/// What must appear in every match of one pattern rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    /// ASCII-lower-cased literals, each with what may stand right before it in a match
    /// and, if `prefix`, what may come right after it (else anything), and the bytes a
    /// match may hold on either side of it; every match contains one of them. None when
    /// the regex requires no literal: then `loose` finds where it can match.
    pub literals: Vec<(Vec<u8>, Before, After, Sides)>,
    /// No match can span a line break, so a line without an anchor holds no match.
    pub single_line: bool,
    /// Not `single_line` only because a match may open with a line feed (`[^\d]2021`): the
    /// line holding a hit's last byte, and the line feed before that line, then hold every
    /// match the hit is part of.
    pub break_before: bool,
    /// Every match starts with one of the literals (or at a line start, if
    /// `line_starts`), so a search need only try where one starts.
    pub prefix: bool,
    /// Some matches start at a line start (`(?m)^`) instead of with a literal: the search
    /// is also tried at each line start.
    pub line_starts: bool,
    /// A match may start with a line feed, and so at the start of a blank line.
    pub blank_lines: bool,
    /// The longest a match can be, in bytes, if bounded.
    pub max_len: Option<usize>,
    /// For a single-line regex without literals: the regex with its look-arounds (`\b`,
    /// `^`, `$`) dropped, which matches wherever the regex does, and more. All of them run
    /// as one automaton, in one pass over a text, which puts each rule on the lines where
    /// it may match instead of each scanning the whole text.
    pub loose: Option<Hir>,
}

/// Adds to `ranges` the window of a match holding `hit` (a literal's, or the empty span at
/// the end of a loose form's match): the runs of bytes it may hold on each of its `sides`,
/// within `limits`, widened to whole characters. `end` is the furthest end of the rule's
/// windows so far, and `walks` what earlier walks over the same sides found.
fn add_window(
    text: &str,
    hit: (usize, usize),
    limits: (usize, usize),
    (sides, walks): (&Sides, &mut Walks),
    end: &mut usize,
    ranges: &mut Vec<(usize, usize)>,
) {
    let (from, to) = sides.around(text.as_bytes(), hit, limits, end, walks);
    add(ranges, (floor_char(text, from), ceil_char(text, to)));
}

impl Anchor {
    /// Whether a hit's line (and, if `break_before`, the line feed before it) holds every
    /// match the hit is part of.
    fn within_lines(&self) -> bool {
        self.single_line || self.break_before
    }
}

/// A set of bytes (see [`Sides`]; propagation keeps the first bytes of names in one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Reach([u64; 4]);

/// The bytes a match may hold before a literal it contains, and after it: a match holding
/// a hit lies within the runs of such bytes around it, a few words where the line is a
/// paragraph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Sides {
    pub before: Reach,
    pub after: Reach,
}

/// What the walks of [`Sides::around`] over one [`Sides`] found so far in a text.
#[derive(Debug, Default, Clone, Copy)]
struct Walks {
    /// Where the last forward walk stopped: every byte from its hit's end to here is in
    /// the set after, so a later hit ending in between goes on from here (and stops at
    /// once if the walk ended at a byte outside the set).
    forward: usize,
    /// The last backward walk: every byte of `back.0..back.1` is in the set before. A
    /// later walk that comes into that stretch goes on from its start.
    back: (usize, usize),
}

impl Reach {
    /// The bytes a match of `hir` may hold (a character beyond ASCII: any such byte).
    fn of(hir: &Hir) -> Reach {
        let mut set = Reach([0; 4]);
        set.add_all(hir, false);
        set
    }

    /// [`Reach::of`] the regex that `hir` is the [`fold`] of: its literals and small
    /// classes are lower-cased, and stand for letters in either case.
    fn of_folded(hir: &Hir) -> Reach {
        let mut set = Reach([0; 4]);
        set.add_all(hir, true);
        set
    }

    fn union(self, other: Reach) -> Reach {
        let mut set = self;
        for (word, more) in set.0.iter_mut().zip(other.0) {
            *word |= more;
        }
        set
    }

    /// Adds `b`, and if `either_case` and `b` is an ASCII letter, its other case.
    pub fn add(&mut self, b: u8, either_case: bool) {
        self.0[usize::from(b / 64)] |= 1 << (b % 64);
        if either_case && b.is_ascii_alphabetic() {
            let other = b ^ 0x20;
            self.0[usize::from(other / 64)] |= 1 << (other % 64);
        }
    }

    fn add_all(&mut self, hir: &Hir, folded: bool) {
        let mut add = |from: u8, to: u8, either_case: bool| {
            for b in from..=to {
                self.add(b, either_case);
            }
        };
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => {}
            HirKind::Literal(lit) => lit.0.iter().for_each(|&b| add(b, b, folded)),
            HirKind::Class(class) => {
                // `fold` lower-cases small classes only.
                let either_case = folded && members(class).is_some();
                match class {
                    Class::Bytes(class) => class
                        .iter()
                        .for_each(|r| add(r.start(), r.end(), either_case)),
                    Class::Unicode(class) => {
                        for r in class.iter().take_while(|r| r.start().is_ascii()) {
                            add(r.start() as u8, r.end().min('\x7F') as u8, either_case);
                        }
                        if class.iter().any(|r| !r.end().is_ascii()) {
                            add(0x80, 0xFF, false);
                        }
                    }
                }
            }
            HirKind::Repetition(rep) if rep.max == Some(0) => {}
            HirKind::Repetition(rep) => self.add_all(&rep.sub, folded),
            HirKind::Capture(cap) => self.add_all(&cap.sub, folded),
            HirKind::Concat(subs) | HirKind::Alternation(subs) => {
                subs.iter().for_each(|sub| self.add_all(sub, folded))
            }
        }
    }

    pub fn has(&self, b: u8) -> bool {
        self.0[usize::from(b / 64)] & (1 << (b % 64)) != 0
    }
}

impl Sides {
    fn union(self, other: Sides) -> Sides {
        Sides {
            before: self.before.union(other.before),
            after: self.after.union(other.after),
        }
    }

    /// The bytes of `text` within `(from, to)` that a match holding `hit` can cover: from
    /// the first byte of the run of `before` bytes before the hit to the last of the run of
    /// `after` bytes after it.
    ///
    /// `end` is how far the windows of the rule's earlier hits (which end no later than
    /// this one) reach, and `walks` what earlier walks over these sides found. No walk goes
    /// forward where those windows reach this window's limit, nor over bytes the last walk
    /// either way went over. So each byte is walked over about once per sides, however
    /// long the runs.
    fn around(
        &self,
        text: &[u8],
        hit: (usize, usize),
        (from, to): (usize, usize),
        end: &mut usize,
        walks: &mut Walks,
    ) -> (usize, usize) {
        let (stopped, reached) = walks.back;
        let mut start = hit.0.max(from);
        while start > from {
            if stopped < start && start <= reached {
                // Over the stretch the last walk went over, and on from where it stopped.
                start = stopped.max(from);
                continue;
            }
            if !self.before.has(text[start - 1]) {
                break;
            }
            start -= 1;
        }
        walks.back = (start, hit.0.max(from));
        let stop = if *end >= to {
            to
        } else {
            let mut stop = hit.1.max(walks.forward).min(to);
            while stop < to && self.after.has(text[stop]) {
                stop += 1;
            }
            walks.forward = stop;
            stop
        };
        *end = (*end).max(stop);
        (start, stop)
    }
}

/// Characters the regex crate's `(?i)` folds onto ASCII letters: KELVIN SIGN and LONG S.
const NON_ASCII_FOLDS: [&str; 2] = ["\u{212A}", "\u{17F}"];

/// Classes larger than this are no use as anchors (and not worth expanding).
const SMALL_CLASS: usize = 16;

/// The anchor of `pattern` (as compiled), or `None` when the rule must scan every byte.
pub fn anchor_of(pattern: &str) -> Option<Anchor> {
    anchor_of_hir(&regex_syntax::Parser::new().parse(pattern).ok()?)
}

/// [`anchor_of`] the pattern parsed as `hir`.
pub fn anchor_of_hir(hir: &Hir) -> Option<Anchor> {
    let single_line = !matches_newline(hir);
    let max_len = hir.properties().maximum_len();
    let Some(Required {
        mut literals,
        prefix,
        line_starts,
    }) = lines_or_literals(&fold(hir), single_line || max_len.is_some())
    else {
        let loose = without_looks(hir);
        // A regex that matches a letter or two matches on nearly every line: no use. One
        // with a wide counted repetition (`[^\n:]{0,40}`) can take a DFA state for each
        // set of counts, and slow the automaton it would share with the others.
        let selective = loose.properties().minimum_len().is_some_and(|n| n >= 3);
        return (single_line && selective && !counts_widely(&loose)).then_some(Anchor {
            literals: Vec::new(),
            single_line,
            break_before: false,
            prefix: false,
            line_starts: false,
            blank_lines: false,
            max_len,
            loose: Some(loose),
        });
    };
    // One literal reached in several ways may follow whatever any of them allows.
    literals.sort_by(|a, b| a.0.cmp(&b.0));
    literals.dedup_by(|next, kept| {
        let same = next.0 == kept.0;
        if same {
            kept.1 = kept.1.union(next.1);
            kept.2 = kept.2.union(next.2);
        }
        same
    });
    // A literal that opens every match it is part of says what may come after it: the
    // regex as written knows (folded, a capital would stand for either case).
    let mut follow = prefix.then(|| after::Follow::new(hir)).flatten();
    let literals = literals
        .into_iter()
        .map(|(literal, before, sides)| {
            let after = follow.as_mut().map_or(After::ANY, |f| f.after(&literal));
            (literal, before, after, sides)
        })
        .collect();
    Some(Anchor {
        literals,
        single_line,
        break_before: !single_line && newline_only_first(hir),
        prefix,
        line_starts,
        blank_lines: line_starts && opens_with_newline(hir),
        max_len,
        loose: None,
    })
}

/// Whether `hir` repeats something other than a literal between bounds further apart
/// than a few.
fn counts_widely(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Repetition(rep) => {
            let wide = rep.max.is_some_and(|max| max - rep.min > 8)
                && !matches!(rep.sub.kind(), HirKind::Literal(_));
            wide || counts_widely(&rep.sub)
        }
        HirKind::Capture(cap) => counts_widely(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(counts_widely),
        _ => false,
    }
}

/// `hir` with every look-around made empty (always true).
fn without_looks(hir: &Hir) -> Hir {
    rewrite(hir, &|leaf| {
        matches!(leaf.kind(), HirKind::Look(_)).then(Hir::empty)
    })
}

/// `hir` with each part that `leaf` gives a replacement for replaced (and not looked
/// into), the rest as it was.
pub(super) fn rewrite(hir: &Hir, leaf: &impl Fn(&Hir) -> Option<Hir>) -> Hir {
    if let Some(new) = leaf(hir) {
        return new;
    }
    match hir.kind() {
        HirKind::Empty | HirKind::Literal(_) | HirKind::Class(_) | HirKind::Look(_) => hir.clone(),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(rewrite(&rep.sub, leaf)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(rewrite(&cap.sub, leaf)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(|s| rewrite(s, leaf)).collect()),
        HirKind::Alternation(subs) => {
            Hir::alternation(subs.iter().map(|s| rewrite(s, leaf)).collect())
        }
    }
}

/// `hir` with ASCII letters lower-cased and case-fold classes of one letter made literals,
/// so that `(?i:client)` yields one anchor rather than 64 spellings.
fn fold(hir: &Hir) -> Hir {
    match hir.kind() {
        HirKind::Literal(lit) => Hir::literal(lit.0.to_ascii_lowercase()),
        HirKind::Class(class) => {
            let Some(mut chars) = members(class) else {
                return hir.clone();
            };
            for c in &mut chars {
                c.make_ascii_lowercase();
            }
            if chars.contains(&'k') {
                chars.retain(|&c| c != '\u{212A}');
            }
            if chars.contains(&'s') {
                chars.retain(|&c| c != '\u{17F}');
            }
            chars.sort_unstable();
            chars.dedup();
            if let [one] = chars[..] {
                let mut buf = [0; 4];
                return Hir::literal(one.encode_utf8(&mut buf).as_bytes());
            }
            Hir::class(Class::Unicode(ClassUnicode::new(
                chars.into_iter().map(|c| ClassUnicodeRange::new(c, c)),
            )))
        }
        HirKind::Empty | HirKind::Look(_) => hir.clone(),
        HirKind::Repetition(rep) => Hir::repetition(Repetition {
            sub: Box::new(fold(&rep.sub)),
            ..rep.clone()
        }),
        HirKind::Capture(cap) => Hir::capture(Capture {
            sub: Box::new(fold(&cap.sub)),
            ..cap.clone()
        }),
        HirKind::Concat(subs) => Hir::concat(subs.iter().map(fold).collect()),
        HirKind::Alternation(subs) => Hir::alternation(subs.iter().map(fold).collect()),
    }
}

/// The characters of a small class (bytes only if ASCII), or `None`.
fn members(class: &Class) -> Option<Vec<char>> {
    let chars: Vec<char> = match class {
        Class::Unicode(c) => {
            let size: u32 = c
                .iter()
                .map(|r| r.end() as u32 - r.start() as u32 + 1)
                .sum();
            if size as usize > SMALL_CLASS {
                return None;
            }
            c.iter().flat_map(|r| r.start()..=r.end()).collect()
        }
        Class::Bytes(c) => {
            if c.iter().any(|r| !r.end().is_ascii()) {
                return None;
            }
            c.iter()
                .flat_map(|r| r.start()..=r.end())
                .map(char::from)
                .collect()
        }
    };
    (chars.len() <= SMALL_CLASS).then_some(chars)
}

/// Literals one of which every match contains, each with what may come before it.
struct Required {
    literals: Vec<(Vec<u8>, Before, Sides)>,
    /// Every match starts with one.
    prefix: bool,
    /// Matches that hold none of the literals start at a line start; only with `prefix`.
    line_starts: bool,
}

impl Required {
    fn of(literals: Vec<(Vec<u8>, Before, Sides)>, prefix: bool) -> Required {
        Required {
            literals,
            prefix,
            line_starts: false,
        }
    }

    /// The set as found in the part of a concatenation at `index`: only the first part's
    /// literals start a match, and a line start elsewhere says nothing of where it starts.
    fn at(self, index: usize) -> Option<Required> {
        let prefix = self.prefix && index == 0;
        (prefix || !self.line_starts).then_some(Required { prefix, ..self })
    }
}

/// The anchor set of `hir`. A regex whose matches stay on one line runs on the lines of its
/// literals if it has any (as cheap as a try at every line start, and fewer lines), else
/// at every line start if its matches start there. One that may run on over any number of
/// lines keeps to its literals: a try at each line start could read to the end of the
/// text each time.
fn lines_or_literals(hir: &Hir, short: bool) -> Option<Required> {
    let literals = || required(hir, Before::ANY, false, Sides::default());
    let lines = || required(hir, Before::ANY, true, Sides::default());
    if short {
        literals().or_else(lines)
    } else {
        literals()
    }
}

/// A set of literals one of which every match of `hir` contains, the most selective found,
/// given that `outer` may come before `hir` and a match may hold the bytes of `sides`
/// around it; with `lines`, line starts may serve as one.
fn required(hir: &Hir, outer: Before, lines: bool, sides: Sides) -> Option<Required> {
    match hir.kind() {
        HirKind::Capture(cap) => required(&cap.sub, outer, lines, sides),
        // Every match holds the first repetition, which `outer` comes before; others may
        // stand on either side of it.
        HirKind::Repetition(rep) if rep.min > 0 => {
            let sides = match rep.max {
                Some(1) => sides,
                _ => {
                    let more = Reach::of_folded(&rep.sub);
                    sides.union(Sides {
                        before: more,
                        after: more,
                    })
                }
            };
            required(&rep.sub, outer, lines, sides)
        }
        // `^` in multi-line mode or at the text's start.
        HirKind::Look(Look::Start | Look::StartLF) if lines => Some(Required {
            line_starts: true,
            ..Required::of(Vec::new(), true)
        }),
        HirKind::Alternation(subs) => {
            let mut all = Required::of(Vec::new(), true);
            for sub in subs {
                let one = required(sub, outer, lines, sides)?;
                all.literals.extend(one.literals);
                all.prefix &= one.prefix;
                all.line_starts |= one.line_starts;
            }
            (all.prefix || !all.line_starts).then_some(all)
        }
        HirKind::Concat(subs) => {
            // Each suffix of the concatenation starts with one of its prefix literals (built
            // from the right, each part's literals crossed with those of the rest); each
            // part may also require literals of its own deeper inside.
            let extractor = extractor();
            let mut best: Option<Required> = None;
            let mut consider = |set: Option<Required>| {
                if let Some(set) = set {
                    if best.as_ref().is_none_or(|b| rank(&set) > rank(b)) {
                        best = Some(set);
                    }
                }
            };
            let mut rest = Seq::singleton(Literal::exact(Vec::new()));
            // What may come before the literals of `rest`.
            let mut rest_before = outer;
            // The bytes of the parts from here on, and of those before each part.
            let mut after_here = sides.after;
            let mut before_part = Vec::with_capacity(subs.len());
            let mut before_here = sides.before;
            for sub in subs {
                before_part.push(before_here);
                before_here = before_here.union(Reach::of_folded(sub));
            }
            for (i, sub) in subs.iter().enumerate().rev() {
                let before = Before::after(&subs[..i], outer);
                // Literals that open this part and go on into the rest.
                let opening = Sides {
                    before: before_part[i],
                    after: after_here.union(Reach::of_folded(sub)),
                };
                // Literals inside this part.
                let inside = Sides {
                    before: before_part[i],
                    after: after_here,
                };
                after_here = opening.after;
                // The literals of a look-around (`\b`, `^`) crossed with those after it
                // start after it, where it says what may come before them.
                let crossed_before = match sub.kind() {
                    HirKind::Look(_) | HirKind::Empty if i + 1 < subs.len() => rest_before,
                    _ => before,
                };
                let mut seq = extractor.extract(sub);
                let mut crossed = seq.clone();
                if rest.is_finite() {
                    crossed.cross_forward(&mut rest.clone());
                }
                if crossed.is_finite() && crossed.len().is_some_and(|n| n <= LIMIT) {
                    seq = crossed;
                } else {
                    seq.make_inexact();
                }
                // Only the first part's literals start the match.
                consider(
                    usable(&seq, crossed_before, opening)
                        .map(|literals| Required::of(literals, i == 0)),
                );
                consider(required(sub, before, lines, inside).and_then(|r| r.at(i)));
                rest = seq;
                rest_before = crossed_before;
            }
            best
        }
        _ => {
            let opening = Sides {
                before: sides.before,
                after: sides.after.union(Reach::of_folded(hir)),
            };
            prefixes(hir, outer, opening).map(|literals| Required::of(literals, true))
        }
    }
}

/// Most literals an anchor set may hold.
const LIMIT: usize = 300;

fn extractor() -> Extractor {
    let mut extractor = Extractor::new();
    extractor.limit_class(SMALL_CLASS).limit_total(LIMIT);
    extractor
}

/// The prefix literals of `hir`, when they are a usable finite set; `before` may come
/// before `hir`, and a match may hold the bytes of `sides` around them.
fn prefixes(hir: &Hir, before: Before, sides: Sides) -> Option<Vec<(Vec<u8>, Before, Sides)>> {
    usable(&extractor().extract(hir), before, sides)
}

/// The literals of `seq`, when it is finite and none is shorter than two bytes, each with
/// `before` (what may come before the start of the part they begin) and `sides`.
fn usable(seq: &Seq, before: Before, sides: Sides) -> Option<Vec<(Vec<u8>, Before, Sides)>> {
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.len() < 2) {
        return None;
    }
    let set = literals.iter().map(|l| l.as_bytes());
    Some(
        set.map(|l| (l.to_vec(), before.resolve(l[0]), sides))
            .collect(),
    )
}

/// How good an anchor set is: its [`selectivity`], except that a prefix set that is
/// selective at all comes first, since the regex then runs only where one starts instead of
/// over whole lines.
fn rank(set: &Required) -> (bool, (usize, usize, std::cmp::Reverse<usize>)) {
    let (weakest, shortest, count) = selectivity(&set.literals);
    // Most lines of prose are long: a line start is about as selective as two letters.
    let (weakest, shortest) = match (set.line_starts, set.literals.is_empty()) {
        (true, true) => (2, 1),
        (true, false) => (weakest.min(2), shortest.min(1)),
        (false, _) => (weakest, shortest),
    };
    let selectivity = (weakest, shortest, count);
    (set.prefix && selectivity.0 >= 2, selectivity)
}

/// How selective an anchor set is: by the letters, digits and non-ASCII bytes of its
/// weakest literal (spaces and punctuation are everywhere in prose; past four, all literals
/// are rare enough), then by the length of the shortest (a space after a word keeps it from
/// matching inside longer words), then by fewer literals (a smaller automaton).
fn selectivity(set: &[(Vec<u8>, Before, Sides)]) -> (usize, usize, std::cmp::Reverse<usize>) {
    let strength = |(l, ..): &(Vec<u8>, Before, Sides)| {
        l.iter()
            .filter(|b| b.is_ascii_alphanumeric() || !b.is_ascii())
            .count()
    };
    let weakest = set.iter().map(strength).min().unwrap_or(0);
    let shortest = set.iter().map(|(l, ..)| l.len()).min().unwrap_or(0);
    (
        weakest.min(4),
        shortest.min(8),
        std::cmp::Reverse(set.len()),
    )
}

/// Whether a match of `hir` could start with a line feed.
fn opens_with_newline(hir: &Hir) -> bool {
    /// Whether it could, and whether `hir` may match nothing (then what follows could).
    fn opens(hir: &Hir) -> (bool, bool) {
        match hir.kind() {
            HirKind::Empty | HirKind::Look(_) => (false, true),
            HirKind::Literal(lit) => (lit.0.first() == Some(&b'\n'), lit.0.is_empty()),
            HirKind::Class(_) => (matches_newline(hir), false),
            HirKind::Repetition(rep) => {
                let (may, empty) = opens(&rep.sub);
                (may && rep.max != Some(0), empty || rep.min == 0)
            }
            HirKind::Capture(cap) => opens(&cap.sub),
            HirKind::Concat(parts) => {
                let mut may = false;
                for part in parts {
                    let (m, empty) = opens(part);
                    may |= m;
                    if !empty {
                        return (may, false);
                    }
                }
                (may, true)
            }
            HirKind::Alternation(branches) => branches
                .iter()
                .map(opens)
                .fold((false, false), |(m, e), (a, b)| (m || a, e || b)),
        }
    }
    let (may, empty) = opens(hir);
    may || empty
}

/// Whether a match of `hir` can hold a line feed only as its first character.
fn newline_only_first(hir: &Hir) -> bool {
    match hir.kind() {
        _ if !matches_newline(hir) => true,
        HirKind::Class(_) => true,
        HirKind::Literal(lit) => !lit.0[1..].contains(&b'\n'),
        HirKind::Repetition(rep) => rep.max == Some(1) && newline_only_first(&rep.sub),
        HirKind::Capture(cap) => newline_only_first(&cap.sub),
        // If the first part matches nothing, the rest opens the match: it holds no line feed.
        HirKind::Concat(parts) => {
            newline_only_first(&parts[0]) && !parts[1..].iter().any(matches_newline)
        }
        HirKind::Alternation(branches) => branches.iter().all(newline_only_first),
        HirKind::Empty | HirKind::Look(_) => true,
    }
}

/// Whether any match of `hir` could contain a line feed.
fn matches_newline(hir: &Hir) -> bool {
    match hir.kind() {
        HirKind::Empty | HirKind::Look(_) => false,
        HirKind::Literal(lit) => lit.0.contains(&b'\n'),
        HirKind::Class(Class::Unicode(c)) => c.iter().any(|r| r.start() <= '\n' && '\n' <= r.end()),
        HirKind::Class(Class::Bytes(c)) => c.iter().any(|r| r.start() <= b'\n' && b'\n' <= r.end()),
        HirKind::Repetition(rep) => rep.max != Some(0) && matches_newline(&rep.sub),
        HirKind::Capture(cap) => matches_newline(&cap.sub),
        HirKind::Concat(subs) | HirKind::Alternation(subs) => subs.iter().any(matches_newline),
    }
}

/// The anchors of every pattern rule of a rule set, found in one pass.
#[derive(Debug)]
pub struct Anchors {
    automaton: Option<aho_corasick::dfa::DFA>,
    /// For each automaton pattern, the rules (indices into `rules`) it anchors, what may
    /// stand before and after it in a match of each, and what a match may hold around it
    /// (an index into `sides`).
    owners: Vec<Vec<(usize, Before, After, usize)>>,
    /// The sides of the literals, each once, and for the rules with loose forms, theirs
    /// (by rule).
    sides: Vec<Sides>,
    loose_sides: Vec<usize>,
    /// For each rule: its anchor, if it has one.
    rules: Vec<Option<Anchor>>,
    /// The loose regexes of the rules without literals, as one automaton.
    loose: Option<Loose>,
    /// The rules also tried at every line start (see [`Anchor::line_starts`]).
    line_rules: Vec<usize>,
}

/// The loose regexes of several rules (see [`Anchor::loose`]) in one lazy DFA that reports
/// every end of a match of each.
#[derive(Debug)]
struct Loose {
    dfa: DFA,
    /// Caches for the DFA, one for each thread using it at once.
    caches: std::sync::Mutex<Vec<Cache>>,
    /// For each of its patterns, the rule (index into `rules`) it stands for.
    rules: Vec<usize>,
}

impl Loose {
    fn new(rules: &[Option<Anchor>]) -> Option<Loose> {
        let (hirs, rules): (Vec<&Hir>, Vec<usize>) = rules
            .iter()
            .enumerate()
            .filter_map(|(i, a)| Some((a.as_ref()?.loose.as_ref()?, i)))
            .unzip();
        if hirs.is_empty() {
            return None;
        }
        let nfa = thompson::Compiler::new()
            .configure(thompson::Config::new().which_captures(WhichCaptures::None))
            .build_many_from_hir(&hirs)
            .ok()?;
        // The states of many patterns at once: at the default 2 MB the cache was cleared
        // over and over (100 ms/MB on the bench corpus); 4 MB, 20 ms/MB; 8 MB (with the
        // rules' own caches, see `rules::compile`) 8% faster again over 200 MB.
        let dfa = DFA::builder()
            .configure(
                DFA::config()
                    .match_kind(regex_automata::MatchKind::All)
                    .cache_capacity(8 << 20),
            )
            .build_from_nfa(nfa)
            .ok()?;
        Some(Loose {
            dfa,
            caches: std::sync::Mutex::new(Vec::new()),
            rules,
        })
    }

    /// A run of the automaton over `text`, with a cache of its own; `None` if it gives up
    /// at the start (then every rule must scan the text).
    fn start(&self, text: &str) -> Option<LooseRun<'_>> {
        let cached = self.caches.lock().ok().and_then(|mut c| c.pop());
        let mut cache = cached.unwrap_or_else(|| self.dfa.create_cache());
        let input = regex_automata::Input::new(text);
        match self.dfa.start_state_forward(&mut cache, &input) {
            Ok(state) => Some(LooseRun {
                loose: self,
                cache: Some(cache),
                state,
            }),
            Err(_) => {
                self.give_back(cache);
                None
            }
        }
    }

    /// Keeps `cache` for the next run.
    fn give_back(&self, cache: Cache) {
        if let Ok(mut caches) = self.caches.lock() {
            caches.push(cache);
        }
    }
}

/// The loose forms' automaton part way through a text (see [`Anchors::scan`]).
struct LooseRun<'l> {
    loose: &'l Loose,
    /// Always there until the run is dropped, which gives it back to the automaton.
    cache: Option<Cache>,
    state: LazyStateID,
}

impl LooseRun<'_> {
    /// Steps over the byte at `at`; `Err` if the automaton gave up.
    fn step(&mut self, byte: u8, at: usize, found: &mut impl FnMut(Found)) -> Result<(), ()> {
        let cache = self.cache.as_mut().expect("a cache while running");
        self.state = self
            .loose
            .dfa
            .next_state(cache, self.state, byte)
            .map_err(drop)?;
        if self.state.is_tagged() {
            self.report(at, found)?;
        }
        Ok(())
    }

    /// Reports the text's end; `Err` if the automaton gave up.
    fn finish(&mut self, end: usize, found: &mut impl FnMut(Found)) -> Result<(), ()> {
        let cache = self.cache.as_mut().expect("a cache while running");
        self.state = self
            .loose
            .dfa
            .next_eoi_state(cache, self.state)
            .map_err(drop)?;
        self.report(end, found)
    }

    /// Reports the matches of the state reached before `end` (a lazy DFA's matches show
    /// one byte late, so they end where the byte that revealed them starts).
    fn report(&self, end: usize, found: &mut impl FnMut(Found)) -> Result<(), ()> {
        if self.state.is_quit() {
            return Err(());
        }
        if self.state.is_match() {
            let (dfa, cache) = (&self.loose.dfa, self.cache.as_ref().expect("a cache"));
            for i in 0..dfa.match_len(cache, self.state) {
                let rule = self.loose.rules[dfa.match_pattern(cache, self.state, i).as_usize()];
                found(Found::Loose { rule, end });
            }
        }
        Ok(())
    }
}

impl Drop for LooseRun<'_> {
    fn drop(&mut self) {
        if let Some(cache) = self.cache.take() {
            self.loose.give_back(cache);
        }
    }
}

/// What [`Anchors::scan`] finds: a hit of an anchor literal (an index into
/// `Anchors::owners`), or the end of a match of a rule's loose form.
enum Found {
    Literal {
        pattern: usize,
        start: usize,
        end: usize,
    },
    Loose {
        rule: usize,
        end: usize,
    },
}

/// Where one rule must run in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Windows {
    Nowhere,
    Everywhere,
    /// On these byte ranges, in order and apart: every match lies inside one of them.
    Ranges(Vec<(usize, usize)>),
    /// Only at these starts, in order: (start, end of the text the match may reach).
    Starts(Vec<(usize, usize)>),
    /// At these starts (each with the end its match may reach), and at every line start
    /// (blank lines too if `blank`), reaching to the line's end if `single_line`, else to
    /// the text's end: see [`Windows::starts`].
    Lines {
        starts: Vec<(usize, usize)>,
        single_line: bool,
        blank: bool,
    },
}

impl Windows {
    /// The starts of [`Windows::Starts`] or [`Windows::Lines`] in `text`, in order, each
    /// once. Line starts are found as they are needed: a text of many short lines would
    /// otherwise hold a list as long as itself for each such rule.
    pub fn starts<'w>(&'w self, text: &'w str) -> Box<dyn Iterator<Item = (usize, usize)> + 'w> {
        let (starts, single_line, blank) = match self {
            Windows::Starts(starts) => return Box::new(starts.iter().copied()),
            Windows::Lines {
                starts,
                single_line,
                blank,
            } => (starts, *single_line, *blank),
            _ => return Box::new(std::iter::empty()),
        };
        let bytes = text.as_bytes();
        let lines = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1))
            .filter(move |&s| s < bytes.len() && (blank || bytes[s] != b'\n'))
            .map(move |s| {
                let end = match single_line {
                    true => memchr::memchr(b'\n', &bytes[s..]).map_or(bytes.len(), |i| s + i),
                    false => bytes.len(),
                };
                (s, end)
            });
        let mut starts = starts.iter().copied().peekable();
        let mut lines = lines.peekable();
        Box::new(std::iter::from_fn(move || {
            let next = match (starts.peek(), lines.peek()) {
                (Some(a), Some(b)) if a.0 == b.0 => {
                    lines.next();
                    starts.next()
                }
                (Some(a), Some(b)) if a.0 < b.0 => starts.next(),
                (Some(_), None) => starts.next(),
                _ => lines.next(),
            };
            next
        }))
    }
}

impl Anchors {
    /// Builds the automaton over the anchors of `rules` (`None` for rules without one).
    pub fn new(mut rules: Vec<Option<Anchor>>) -> Self {
        let mut patterns: Vec<&[u8]> = Vec::new();
        let mut owners: Vec<Vec<(usize, Before, After, usize)>> = Vec::new();
        let mut index: std::collections::HashMap<&[u8], usize> = Default::default();
        let (mut sides, mut sides_index) = (Vec::new(), std::collections::HashMap::new());
        let mut side_of = |one: Sides| {
            *sides_index.entry(one).or_insert_with(|| {
                sides.push(one);
                sides.len() - 1
            })
        };
        let mut loose_sides = vec![usize::MAX; rules.len()];
        for (rule, anchor) in rules.iter().enumerate() {
            if let Some(loose) = anchor.as_ref().and_then(|a| a.loose.as_ref()) {
                // Its hits are the ends of its matches, which hold the bytes the loose form
                // may (those of the regex: look-arounds hold none).
                loose_sides[rule] = side_of(Sides {
                    before: Reach::of(loose),
                    after: Reach::default(),
                });
            }
            for (literal, before, after, sides) in anchor.iter().flat_map(|a| &a.literals) {
                let id = *index.entry(literal.as_slice()).or_insert_with(|| {
                    patterns.push(literal);
                    owners.push(Vec::new());
                    patterns.len() - 1
                });
                owners[id].push((rule, *before, *after, side_of(*sides)));
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            // Standard: every literal ending at a position is reported, which the check of
            // the byte after a literal relies on ("ab" must be tried where "abcd" is not).
            aho_corasick::dfa::DFA::builder()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::Standard)
                .build(&patterns)
                .expect("anchors fit an automaton")
        });
        let loose = Loose::new(&rules);
        if loose.is_none() {
            // Too many states for the shared automaton (large user rules): those rules
            // scan the whole text, as they would have without it.
            for rule in &mut rules {
                if rule.as_ref().is_some_and(|a| a.loose.is_some()) {
                    *rule = None;
                }
            }
        }
        let line_rules = (0..rules.len())
            .filter(|&i| rules[i].as_ref().is_some_and(|a| a.line_starts))
            .collect();
        Anchors {
            automaton,
            owners,
            sides,
            loose_sides,
            loose,
            rules,
            line_rules,
        }
    }

    /// Where each rule must run over `text`, by rule index.
    pub fn windows(&self, text: &str) -> Vec<Windows> {
        let full = || vec![Windows::Everywhere; self.rules.len()];
        if NON_ASCII_FOLDS.iter().any(|c| text.contains(c)) {
            return full();
        }
        let mut out: Vec<Windows> = self
            .rules
            .iter()
            .map(|a| match a {
                None => Windows::Everywhere,
                Some(a) if a.prefix => Windows::Starts(Vec::new()),
                Some(_) => Windows::Ranges(Vec::new()),
            })
            .collect();
        let mut ends = vec![0; self.rules.len()];
        let mut walks = vec![Walks::default(); self.sides.len()];
        // Both kinds of place come in order of their end: a line helper for each.
        let (mut literal_lines, mut loose_lines) = (LineOf::new(text), LineOf::new(text));
        let bytes = text.as_bytes();
        let ran = self.scan(text, |found| match found {
            Found::Literal {
                pattern,
                start,
                end,
            } => {
                for &(rule, before, after, side) in &self.owners[pattern] {
                    if !before.allows(bytes, start) || !after.allows(bytes, end) {
                        continue;
                    }
                    let anchor = self.rules[rule].as_ref().expect("an anchor for its hits");
                    let (from, to) = if anchor.within_lines() {
                        let (from, to) = literal_lines.of(end);
                        (from - usize::from(anchor.break_before && from > 0), to)
                    } else {
                        (0, text.len())
                    };
                    match &mut out[rule] {
                        Windows::Starts(starts) | Windows::Lines { starts, .. } => {
                            starts.push((start, to))
                        }
                        Windows::Ranges(ranges) => {
                            // A match holding this hit lies within its longest length of
                            // it, and within the run of bytes it may hold.
                            let (from, to) = match anchor.max_len {
                                Some(len) => {
                                    (end.saturating_sub(len).max(from), (start + len).min(to))
                                }
                                None => (from, to),
                            };
                            add_window(
                                text,
                                (start, end),
                                (from, to),
                                (&self.sides[side], &mut walks[side]),
                                &mut ends[rule],
                                ranges,
                            );
                        }
                        Windows::Nowhere | Windows::Everywhere => {}
                    }
                }
            }
            Found::Loose { rule, end } => {
                let (line_start, _) = loose_lines.of(end);
                let Windows::Ranges(ranges) = &mut out[rule] else {
                    return;
                };
                let anchor = self.rules[rule]
                    .as_ref()
                    .expect("an anchor for a loose rule");
                // A match ending here lies on this line, within its longest length, and
                // within the run of bytes it may hold.
                let from = anchor
                    .max_len
                    .map_or(line_start, |len| end.saturating_sub(len).max(line_start));
                let side = self.loose_sides[rule];
                let sides = (&self.sides[side], &mut walks[side]);
                add_window(
                    text,
                    (end, end),
                    (from, end),
                    sides,
                    &mut ends[rule],
                    ranges,
                );
            }
        });
        if let (Some(loose), false) = (&self.loose, ran) {
            for &rule in &loose.rules {
                out[rule] = Windows::Everywhere;
            }
        }
        for w in &mut out {
            match w {
                // Hits come in order of their end; literals differ in length.
                Windows::Starts(starts) => {
                    starts.sort_unstable();
                    starts.dedup();
                }
                Windows::Ranges(ranges) => *ranges = merged(std::mem::take(ranges)),
                _ => {}
            }
            if matches!(w, Windows::Ranges(v) | Windows::Starts(v) if v.is_empty()) {
                *w = Windows::Nowhere;
            }
        }
        for &rule in &self.line_rules {
            let anchor = self.rules[rule]
                .as_ref()
                .expect("an anchor for a line rule");
            let starts = match std::mem::replace(&mut out[rule], Windows::Nowhere) {
                Windows::Starts(starts) => starts,
                _ => Vec::new(),
            };
            out[rule] = Windows::Lines {
                starts,
                single_line: anchor.single_line,
                blank: anchor.blank_lines,
            };
        }
        out
    }

    /// Reports every hit of an anchor literal and every end of a match of a loose form in
    /// `text`, each kind in order of end; false if the loose forms' automaton gave up.
    ///
    /// Both automata run in one loop: each byte costs each a dependent table look-up, and
    /// the processor overlaps the two waits (the literals' pass and the loose forms' were
    /// a quarter of all detection time when they ran one after the other).
    fn scan(&self, text: &str, mut found: impl FnMut(Found)) -> bool {
        let bytes = text.as_bytes();
        let mut literals = self.automaton.as_ref().map(|dfa| {
            let start = dfa
                .start_state(Anchored::No)
                .expect("an automaton for unanchored searches");
            (dfa, start)
        });
        let mut loose = self.loose.as_ref().and_then(|l| l.start(text));
        let mut gave_up = self.loose.is_some() && loose.is_none();
        for (at, &byte) in bytes.iter().enumerate() {
            if let Some((dfa, state)) = &mut literals {
                *state = dfa.next_state(Anchored::No, *state, byte);
                if dfa.is_special(*state) && dfa.is_match(*state) {
                    for i in 0..dfa.match_len(*state) {
                        let pattern = dfa.match_pattern(*state, i);
                        let start = at + 1 - dfa.pattern_len(pattern);
                        found(Found::Literal {
                            pattern: pattern.as_usize(),
                            start,
                            end: at + 1,
                        });
                    }
                }
            }
            if let Some(run) = &mut loose {
                if run.step(byte, at, &mut found).is_err() {
                    (loose, gave_up) = (None, true);
                }
            }
        }
        if let Some(run) = &mut loose {
            gave_up |= run.finish(bytes.len(), &mut found).is_err();
        }
        !gave_up
    }
}

/// The line holding the byte before a match's end, for ends that come in order.
struct LineOf<'t> {
    bytes: &'t [u8],
    line: (usize, usize),
}

impl<'t> LineOf<'t> {
    fn new(text: &'t str) -> Self {
        LineOf {
            bytes: text.as_bytes(),
            line: (0, 0),
        }
    }

    /// The line (without its line feed) of the byte before `end`, which is past 0.
    fn of(&mut self, end: usize) -> (usize, usize) {
        let (bytes, at) = (self.bytes, end - 1);
        if at >= self.line.1 {
            self.line = (
                memchr::memrchr(b'\n', &bytes[..at]).map_or(0, |i| i + 1),
                memchr::memchr(b'\n', &bytes[at..]).map_or(bytes.len(), |i| at + i),
            );
        }
        self.line
    }
}

/// Adds `range` to `ranges`, joining it to the last if they overlap (as they mostly do:
/// the ranges come nearly in order, and [`merged`] sorts the rest out at the end).
fn add(ranges: &mut Vec<(usize, usize)>, (from, to): (usize, usize)) {
    match ranges.last_mut() {
        Some(last) if last.1 >= from && last.0 <= to => *last = (last.0.min(from), last.1.max(to)),
        _ => ranges.push((from, to)),
    }
}

/// `ranges` sorted, with those that overlap or touch made one.
fn merged(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    // In place: each range goes into the one kept before it if it overlaps or touches it.
    ranges.dedup_by(|next, kept| {
        let joined = next.0 <= kept.1;
        if joined {
            kept.1 = kept.1.max(next.1);
        }
        joined
    });
    ranges
}

/// The char boundary at or before `at`.
fn floor_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// The char boundary at or after `at`.
fn ceil_char(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at += 1;
    }
    at
}

#[cfg(test)]
mod tests {
    use super::*;

    fn literals(pattern: &str) -> Option<Vec<String>> {
        anchor_of(pattern).filter(|a| a.loose.is_none()).map(|a| {
            a.literals
                .iter()
                .map(|(l, ..)| String::from_utf8_lossy(l).into_owned())
                .collect()
        })
    }

    #[test]
    fn case_insensitive_keywords_are_one_anchor_each() {
        let got = literals(r"\b(?i:my client|colleague)[ \t]+(?P<name>\p{Lu}\p{Ll}+)").unwrap();
        assert!(got.iter().any(|l| l.starts_with("my client")), "{got:?}");
        assert!(got.iter().any(|l| l.starts_with("colleague")), "{got:?}");
        assert!(got.len() <= 6, "{got:?}");
    }

    #[test]
    fn a_prefix_anchor_is_one_every_match_starts_with() {
        let prefix = |p: &str| anchor_of(p).map(|a| a.prefix);
        assert_eq!(prefix(r"\b(?i:client|kid)[ \t]+\p{Lu}\p{Ll}+"), Some(true));
        assert_eq!(prefix(r"(?:Mr |Mrs )?Okafor\b"), Some(true));
        assert_eq!(prefix(r"\p{Lu}\p{Ll}+[ \t]+(?i:client)"), Some(false));
        // One branch anchored inside: the match need not start at an anchor.
        assert_eq!(prefix(r"\bfoo\b|\p{Lu}+ (?:bar|baz)"), Some(false));
    }

    #[test]
    fn an_optional_or_open_pattern_has_no_anchor() {
        assert_eq!(literals(r"\b\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+\b"), None);
        assert_eq!(literals(r"(?:Mr )?\p{Lu}\p{Ll}+"), None);
        assert_eq!(literals(r"\bfoo|\p{Lu}+"), None);
    }

    #[test]
    fn a_selective_pattern_without_literals_runs_where_its_loose_form_matches() {
        let loose = |p: &str| anchor_of(p).and_then(|a| a.loose);
        assert!(loose(r"\b\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+\b").is_some());
        // Matching one or two characters, it would run on nearly every line.
        assert!(loose(r"(?m)^[ \t]*[B-Z]\.?$").is_none());
        // A wide count of a class could blow up the shared automaton.
        assert!(loose(r"\p{L}[^\n:]{0,40}\d{3}").is_none());
        // A match could span lines: no line holds it.
        assert!(loose(r"\p{Lu}\p{Ll}+\s+\d{4}").is_none());
        let anchors = Anchors::new(vec![
            anchor_of(r"\b\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+\b"),
            anchor_of(r"\b\d{3}[ -]?\d{4}\b"),
        ]);
        let text = "first line\nMary Smith-Jones came\nlast line, with many more words before it: ring 020 7946 or 0207946\n";
        let w = anchors.windows(text);
        let name = (text.find("Smith").unwrap(), text.find(" came").unwrap());
        assert_eq!(
            w[0],
            Windows::Ranges(vec![name]),
            "the run of letters and hyphens"
        );
        // Bounded: only as far back from each end as a match can reach.
        let Windows::Ranges(ranges) = &w[1] else {
            panic!("ranges expected: {:?}", w[1]);
        };
        let line = text.find("last").unwrap();
        assert!(ranges.iter().all(|&(from, _)| from > line), "{ranges:?}");
        assert!(
            ranges.iter().any(|&(_, to)| to == text.len() - 1),
            "{ranges:?}"
        );
        assert_eq!(
            anchors.windows("nothing here\n"),
            [Windows::Nowhere, Windows::Nowhere]
        );
    }

    #[test]
    fn matches_that_start_at_a_line_start_are_tried_at_every_line_start() {
        // One branch holds no literal but starts at a line start, the other starts with
        // one: the rule is tried at both.
        let commenter =
            anchor_of(r"(?m)^[ \t]*\p{L}[^\n:]{0,40}[ \t]+\d{4}|\bposted by[ \t]+\p{L}+").unwrap();
        assert!(commenter.prefix && commenter.line_starts);
        // Spanning a line break or two, and no literal: line starts.
        let dated = anchor_of(r"(?m)^\p{L}{1,9}[ \t]?\n\d{1,4}").unwrap();
        assert!(dated.line_starts && !dated.single_line);
        // Spanning any number of lines, a try at each line start could read to the end of
        // the text each time: its literals, though they put it on the whole text.
        let signed = anchor_of(r"(?m)^\p{Lu}[\s\S]*?\nRegards").unwrap();
        assert!(!signed.line_starts && !signed.literals.is_empty());
        let signed = Anchors::new(vec![Some(signed)]);
        assert_eq!(signed.windows("Abc def\nGhi\n")[0], Windows::Nowhere);
        // On one line, its literals' lines are fewer than all lines.
        let field = anchor_of(r"(?m)^[ \t]*(?:From|To)[ \t]*:[ \t]*\p{Lu}\p{Ll}+").unwrap();
        assert!(!field.line_starts && !field.literals.is_empty());
        // A line start in the middle says nothing of where a match starts.
        assert!(anchor_of(r"\p{L}+\n(?m:^)\p{L}+").is_none_or(|a| !a.line_starts));
        let anchors = Anchors::new(vec![Some(commenter), Some(dated)]);
        let text = "Jo Bloggs 2019\nposted by Al\n\nx";
        let w = anchors.windows(text);
        let starts = |w: &Windows| w.starts(text).collect::<Vec<_>>();
        // The blank line at 28 cannot open a match of either.
        assert_eq!(starts(&w[0]), [(0, 14), (15, 27), (29, 30)]);
        assert_eq!(starts(&w[1]), [(0, 30), (15, 30), (29, 30)]);
        let blank = Anchors::new(vec![anchor_of(r"(?m)^\n?\p{L}{1,9}\n\d{1,4}")]);
        assert!(blank.rules[0].as_ref().unwrap().blank_lines);
        assert_eq!(
            starts(&blank.windows(text)[0]),
            [(0, 30), (15, 30), (28, 30), (29, 30)]
        );
    }

    #[test]
    fn a_required_literal_inside_is_found() {
        let got = literals(r"(?m)^[ \t]*(?P<n>\p{Lu}+)[ \t]*:[ \t]").unwrap();
        assert_eq!(got, [":\t", ": "]);
        let anchor = anchor_of(r"(?P<a>\p{Lu}\p{Ll}+)\n(?:Reply|Delete)").unwrap();
        assert!(!anchor.single_line);
        assert!(anchor_of(r"[^\n:]{0,40} says:").unwrap().single_line);
    }

    #[test]
    fn a_match_opening_with_the_line_feed_before_its_line_runs_on_that_line() {
        // The class before the year takes a line feed: matches reach back to the one
        // before their line, and no further.
        let year = anchor_of(r"(?:^|[^\d,])(?:19|20)\d\d\b").unwrap();
        assert!(!year.single_line && year.break_before);
        for multi in [r"[^\d]\d\d\n\d", r"\n\n\d\d", r"\n?x\n?\d\d", r"[\s]+\d\d"] {
            assert!(anchor_of(multi).is_none_or(|a| !a.break_before), "{multi}");
        }
        let anchors = Anchors::new(vec![Some(year)]);
        let text = "words\n2019 here\nmore words\nand 1984\nend";
        // And no further than the digits after the literal ("19", "20").
        assert_eq!(
            anchors.windows(text)[0],
            Windows::Ranges(vec![(5, 10), (26, 35)])
        );
    }

    #[test]
    fn a_bounded_rule_runs_only_as_far_as_a_match_can_reach() {
        let anchor = anchor_of(r"\d{2}[ \t](?i:kid)s?").unwrap();
        let len = anchor.max_len.expect("bounded");
        let anchors = Anchors::new(vec![Some(anchor)]);
        let text = "a long line of words, 12 kids and 3 KIDS, more words here and there\n";
        let Windows::Ranges(ranges) = &anchors.windows(text)[0] else {
            panic!("ranges expected");
        };
        // Each hit's reach holds its match; the rest of the line is not read.
        let (first, second) = (text.find("12").unwrap(), text.find("KIDS").unwrap() + 4);
        let (from, to) = (ranges[0].0, ranges[ranges.len() - 1].1);
        assert!(0 < from && from <= first && second <= to && to < text.len() - 1);
        assert!(to - from <= second - first + 2 * len);
        let far = "12 kids at the start, then many many many many words, then 34 kids";
        let Windows::Ranges(ranges) = &anchors.windows(far)[0] else {
            panic!("ranges expected");
        };
        assert_eq!(ranges.len(), 2);
        assert!(ranges[0].0 == 0 && ranges[1].1 == far.len());
    }

    #[test]
    fn rules_too_large_to_share_one_automaton_scan_everything() {
        // Each alone is fine; together they exceed the shared automaton's cache.
        let big = r"\b\w{3,8}(?:[ \t]\w{3,8}){5,8}\d\b";
        let mut rules = vec![anchor_of(r"\b\p{Lu}\p{Ll}+-\p{Lu}\p{Ll}+\b")];
        rules.extend((0..24).map(|_| anchor_of(big)));
        assert!(rules
            .iter()
            .all(|a| a.as_ref().is_some_and(|a| a.loose.is_some())));
        let anchors = Anchors::new(rules);
        assert!(
            anchors.loose.is_none(),
            "the test needs a set too large to share"
        );
        assert_eq!(anchors.windows("Mary Smith-Jones")[0], Windows::Everywhere);
    }

    #[test]
    fn a_boundary_or_line_start_before_the_first_literal_starts_no_match_inside_a_word() {
        let anchors = Anchors::new(vec![
            anchor_of(r"(?-u:\b)(?:he|she)[ \t]+is"),
            anchor_of(r"(?m)^(?:To|From):"),
        ]);
        let text = "the cat, he is; she is\nGoTo: x\nTo: y";
        let w = anchors.windows(text);
        // "he" in "the" and in "she" follows a letter: only the word "he" and "she" open one.
        assert_eq!(w[0], Windows::Starts(vec![(9, 22), (16, 22)]));
        // "To:" after "Go" is not at a line start.
        assert_eq!(w[1], Windows::Starts(vec![(31, 36)]));
    }

    #[test]
    fn a_window_is_the_run_of_bytes_a_match_may_hold_around_its_anchor() {
        let anchors = Anchors::new(vec![anchor_of(r"\p{Lu}\p{Ll}+[ \t]+(?i:client)")]);
        let first = "Notes. Mr Jo client, then Al client.\n";
        let long = format!("A long line: {}Al client", "ab ".repeat(100));
        let text = format!("{first}{long}");
        // Letters and spaces from after "Notes." to the comma, and from after the comma to
        // the full stop; however long the run, from after the colon to the end.
        let clause = |s: &str| (first.find(s).unwrap(), first.find(s).unwrap() + s.len());
        let colon = first.len() + long.find(':').unwrap() + 1;
        assert_eq!(
            anchors.windows(&text)[0],
            Windows::Ranges(vec![
                clause(" Mr Jo client"),
                clause(" then Al client"),
                (colon, text.len())
            ])
        );
    }

    #[test]
    fn windows_are_the_lines_or_starts_of_anchors() {
        let rules = vec![
            anchor_of(r"\p{Lu}\p{Ll}+[ \t]+(?i:client|kid)"),
            anchor_of(r"\p{Lu}\p{Ll}+\n(?:Reply)"),
            None,
            anchor_of(r"\b(?i:client|kid)[ \t]+\p{Lu}\p{Ll}+"),
        ];
        let anchors = Anchors::new(rules);
        let text = "one\nmy CLIENT Jo\nthree\nclient Al\n";
        let w = anchors.windows(text);
        // A space or tab must come before "client": the last line's opens it. Nothing
        // follows it in a match: the window ends with it.
        assert_eq!(w[0], Windows::Ranges(vec![(4, 13)]));
        assert_eq!(w[1], Windows::Nowhere);
        assert_eq!(w[2], Windows::Everywhere);
        // A match can only start at an anchor: the search is tried there, to the line's end.
        assert_eq!(w[3], Windows::Starts(vec![(7, 16), (23, 32)]));
        // A KELVIN SIGN may spell "kid" for `(?i)`: the whole text is read.
        let w = anchors.windows("a \u{212A}id Jo");
        assert_eq!(w[0], Windows::Everywhere);
        assert_eq!(w[3], Windows::Everywhere);
    }
}
