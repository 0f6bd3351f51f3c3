//! What may come right after a literal that opens a match: a rule that runs only where one
//! of its literals starts often needs a particular byte next ("the" then a capital in
//! `\bthe[ \t]+\p{Lu}\p{Ll}+s\b`, "on " then a digit). Checking the byte after each hit
//! drops most tries of such rules ("the cat", "on the") before any regex runs.

use regex_automata::nfa::thompson::{self, State, WhichCaptures, NFA};
use regex_automata::util::primitives::StateID;
use regex_syntax::hir::{Class, ClassBytes, ClassBytesRange, Hir, HirKind, Repetition};

/// A set of bytes that may come right after a position, or anything (the match may end
/// there, and then what follows is no concern of the literal's).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct After {
    bytes: [u64; 4],
    end: bool,
}

impl After {
    /// Anything may come after.
    pub const ANY: After = After {
        bytes: [!0; 4],
        end: true,
    };

    /// Whether the byte at `at` in `text` (or the text's end) is allowed.
    pub fn allows(&self, text: &[u8], at: usize) -> bool {
        self.end || text.get(at).is_some_and(|&b| self.has(b))
    }

    fn has(&self, b: u8) -> bool {
        self.bytes[usize::from(b / 64)] & (1 << (b % 64)) != 0
    }

    fn add_range(&mut self, from: u8, to: u8) {
        for b in from..=to {
            self.bytes[usize::from(b / 64)] |= 1 << (b % 64);
        }
    }
}

/// The automaton of a regex, stepped over the literals that open its matches.
pub struct Follow {
    nfa: NFA,
    /// Marks of the states in a step, by state, all clear between calls (kept for the
    /// next literal rather than made anew for each).
    seen: Vec<bool>,
}

impl Follow {
    /// `None` if `hir` does not compile to an automaton (every literal then allows
    /// anything after it).
    pub fn new(hir: &Hir) -> Option<Follow> {
        // Built from the regex with its classes made bytes (see `bytes_only`): the Unicode
        // classes' automata cost more to build than all the rest of start-up's regexes
        // together, and the byte after a literal needs none of their detail.
        let nfa = thompson::Compiler::new()
            .configure(
                thompson::Config::new()
                    .which_captures(WhichCaptures::None)
                    .utf8(false),
            )
            .build_from_hir(&bytes_only(hir))
            .ok()?;
        let seen = vec![false; nfa.states().len()];
        Some(Follow { nfa, seen })
    }

    /// What may follow `literal` (in ASCII lower case, matched ignoring ASCII case) in a
    /// match that opens with it. Look-arounds are taken to hold, so the set holds at least
    /// every byte a match can go on with.
    pub fn after(&mut self, literal: &[u8]) -> After {
        let mut seen = std::mem::take(&mut self.seen);
        let (mut states, mut next, mut stack) = (Vec::new(), Vec::new(), Vec::new());
        self.close(
            self.nfa.start_anchored(),
            &mut states,
            &mut seen,
            &mut stack,
        );
        for &byte in literal {
            // Only the last step's states are marked.
            states.iter().for_each(|&id| seen[id.as_usize()] = false);
            for &id in &states {
                for b in [byte.to_ascii_lowercase(), byte.to_ascii_uppercase()] {
                    if let Some(to) = self.step(id, b) {
                        self.close(to, &mut next, &mut seen, &mut stack);
                    }
                }
            }
            std::mem::swap(&mut states, &mut next);
            next.clear();
        }
        states.iter().for_each(|&id| seen[id.as_usize()] = false);
        self.seen = seen;
        let mut after = After {
            bytes: [0; 4],
            end: false,
        };
        for &id in &states {
            match self.nfa.state(id) {
                State::ByteRange { trans } => after.add_range(trans.start, trans.end),
                State::Sparse(sparse) => {
                    for t in sparse.transitions.iter() {
                        after.add_range(t.start, t.end);
                    }
                }
                State::Dense(dense) => {
                    for b in 0..=255u8 {
                        if dense.matches_byte(b).is_some() {
                            after.add_range(b, b);
                        }
                    }
                }
                State::Match { .. } => after.end = true,
                _ => {}
            }
        }
        after
    }

    /// Where state `id` goes on `byte`, if anywhere.
    fn step(&self, id: StateID, byte: u8) -> Option<StateID> {
        match self.nfa.state(id) {
            State::ByteRange { trans } => trans.matches_byte(byte).then_some(trans.next),
            State::Sparse(sparse) => sparse.matches_byte(byte),
            State::Dense(dense) => dense.matches_byte(byte),
            _ => None,
        }
    }

    /// Adds `id` and every state it reaches without reading a byte to `states`, unless
    /// `seen` (by state) already holds them.
    fn close(
        &self,
        id: StateID,
        states: &mut Vec<StateID>,
        seen: &mut [bool],
        stack: &mut Vec<StateID>,
    ) {
        stack.push(id);
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut seen[id.as_usize()], true) {
                continue;
            }
            states.push(id);
            match self.nfa.state(id) {
                State::Look { next, .. } | State::Capture { next, .. } => stack.push(*next),
                State::Union { alternates } => stack.extend(alternates.iter().rev()),
                State::BinaryUnion { alt1, alt2 } => stack.extend([*alt2, *alt1]),
                _ => {}
            }
        }
    }
}

/// `hir` with each class beyond ASCII widened to its ASCII part or a run of bytes beyond
/// ASCII: it matches wherever `hir` does, and more, and a byte
/// beyond ASCII that may follow a literal in `hir` may follow it here.
fn bytes_only(hir: &Hir) -> Hir {
    super::rewrite(hir, &|leaf| {
        let HirKind::Class(Class::Unicode(class)) = leaf.kind() else {
            return None;
        };
        if class.is_ascii() {
            return None;
        }
        let ascii = class
            .iter()
            .filter(|r| r.start().is_ascii())
            .map(|r| ClassBytesRange::new(r.start() as u8, r.end().min('\x7F') as u8));
        let high = ClassBytes::new([ClassBytesRange::new(0x80, 0xFF)]);
        let wide = Hir::repetition(Repetition {
            min: 1,
            max: None,
            greedy: true,
            sub: Box::new(Hir::class(Class::Bytes(high))),
        });
        // Every such class holds a character beyond ASCII: a run of bytes beyond ASCII.
        Some(Hir::alternation(vec![
            Hir::class(Class::Bytes(ClassBytes::new(ascii))),
            wide,
        ]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(pattern: &str, literal: &str) -> After {
        let hir = regex_syntax::Parser::new().parse(pattern).unwrap();
        Follow::new(&hir).unwrap().after(literal.as_bytes())
    }

    #[test]
    fn what_a_match_needs_next_limits_the_byte_after_an_opening_literal() {
        let family = after(r"(?-u:\b)the[ \t]+(?P<n>\p{Lu}\p{Ll}+)s(?-u:\b)", "the ");
        assert!(family.allows(b"the Smiths", 4) && family.allows(b"the  Smiths", 4));
        assert!(family.allows("the Ömers".as_bytes(), 4));
        assert!(!family.allows(b"the cat", 4) && !family.allows(b"the ", 4));
        // Either case of the literal's letters, and a literal that ends the match.
        let titles = after(r"(?:Mr|Mrs|Dr)\.?", "mr");
        assert!(titles.allows(b"MR", 2) && titles.allows(b"Mr Jones", 2));
        // A literal only some branches go on from: the others' bytes do not count.
        let months = after(r"on[ \t]+\d{1,2}|the[ \t]+\d", "on ");
        assert!(months.allows(b"on 12", 3) && months.allows(b"on  12", 3));
        assert!(!months.allows(b"on the", 3) && !months.allows(b"on", 2));
        // Look-arounds are taken to hold.
        let bounded = after(r"(?m)^To:(?-u:\b)[ \t]*\p{Lu}", "to:");
        assert!(bounded.allows(b"To: Ann", 3) && bounded.allows(b"To:Ann", 3));
        assert!(!bounded.allows(b"To:all", 3));
    }
}
