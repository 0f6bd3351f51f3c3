//! Name heuristics that look beyond one match: evidence for common-word hits, extending a
//! name over a neighbouring capitalised word no list holds ("Priya Ramanathan"), and
//! finding every other mention of a name the text has already given away ("Getalife, the
//! real world..." after "Getalife 14 May 2019 at 19:40"; "TW" after "Tom Wilson").

use super::lexicon::fold_into;
use super::tokens::{ascii_word_byte, tokenize, Token};
use super::{capitalised, in_capitals, preceded_by, sentence_start, Candidate};
use crate::rules::anchors::Reach;
use crate::rules::schema::{Category, NamePart};
use crate::rules::RuleSet;
use crate::strings::{hash_bytes, StringMap};
use crate::text::{MONTHS, WEEKDAYS};

use rustc_hash::FxHashSet as HashSet;

const TITLES: [&str; 19] = [
    "St", "Saint", "Mr", "Mrs", "Ms", "Miss", "Mx", "Dr", "Prof", "Sir", "Dame", "Lord", "Lady",
    "Rev", "Revd", "Cllr", "Sgt", "Insp", "Judge",
];

/// Whether `word` stands next to names without being part of one: a title, or the calendar
/// ("On Monday Mr Okafor met").
fn not_a_name(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    TITLES.contains(&word) || MONTHS.contains(&word) || WEEKDAYS.contains(&word)
}

/// "I'm", "Can't", "Jim'll": an apostrophe followed by a lower-case letter. Names with an
/// apostrophe have a capital after it (O'Neill, D'Souza).
fn contraction(word: &str) -> bool {
    let mut chars = word.chars().skip_while(|c| !matches!(c, '\'' | '’'));
    chars.next().is_some() && chars.next().is_some_and(char::is_lowercase)
}

/// Bytes of text per entry of [`Words`]'s index of its tokens.
const BLOCK: usize = 64;

/// What the heuristics need to know about a text's words.
pub struct Words<'a> {
    rules: &'a RuleSet,
    text: &'a str,
    tokens: Vec<Token>,
    /// For each 64 bytes of the text, how many tokens end at or before its start: a
    /// search for the token at a place looks only between two of these, in a cache line or
    /// two, rather than through all of a document's tokens.
    blocks: Vec<usize>,
    /// Spans of every word-list hit, kept terms included.
    listed: &'a HashSet<(usize, usize)>,
    /// A word being folded: [`Words::common`] runs for most candidates.
    scratch: std::cell::RefCell<String>,
}

impl<'a> Words<'a> {
    pub fn new(
        rules: &'a RuleSet,
        text: &'a str,
        tokens: Vec<Token>,
        listed: &'a HashSet<(usize, usize)>,
    ) -> Self {
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 2);
        let mut ended = 0;
        for block in 0..text.len() / BLOCK + 2 {
            while tokens.get(ended).is_some_and(|t| t.end <= block * BLOCK) {
                ended += 1;
            }
            blocks.push(ended);
        }
        Words {
            rules,
            text,
            tokens,
            blocks,
            listed,
            scratch: Default::default(),
        }
    }

    fn common(&self, word: &str) -> bool {
        let mut key = self.scratch.borrow_mut();
        fold_into(word, &mut key);
        self.rules.common_words.contains(key.as_str())
    }

    /// A capitalised word that no list holds and that is not common English: in a name's
    /// company, most likely a name part the lists lack.
    fn unknown_capitalised(&self, t: Token) -> bool {
        let word = &self.text[t.start..t.end];
        word.chars().count() >= 2
            && capitalised(word)
            && word.chars().next().is_some_and(char::is_alphabetic)
            && !self.listed.contains(&(t.start, t.end))
            && !self.common(word)
            && !not_a_name(word)
            && !contraction(word)
    }

    /// A single capital letter, perhaps with a dot, ending a name ("Bernadette T", "Lucy P.").
    fn initial(&self, t: Token) -> bool {
        let word = &self.text[t.start..t.end];
        let core = &word[..word.len() - super::tokens::possessive_len(word)];
        let after = self.text[t.end..].chars().next();
        core.chars().count() == 1
            && core.chars().all(char::is_uppercase)
            && !after.is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '’')
    }

    /// `tokens.partition_point(before)` for a `before` that holds for every token ending at
    /// or before `at` and for none starting after it: between the counts of the blocks `at`
    /// lies in and the next (tokens do not overlap: at most one crosses a block's end).
    fn partition_point(&self, at: usize, before: impl Fn(&Token) -> bool) -> usize {
        let block = (at / BLOCK).min(self.blocks.len() - 2);
        let (from, to) = (self.blocks[block], self.blocks[block + 1] + 1);
        from + self.tokens[from..to.min(self.tokens.len())].partition_point(before)
    }

    /// The nearest token before byte `start`, whatever lies between.
    fn token_before(&self, start: usize) -> Option<Token> {
        let i = self.partition_point(start, |t| t.end <= start);
        self.tokens.get(i.checked_sub(1)?).copied()
    }

    /// The nearest token after byte `end`, whatever lies between.
    fn token_after(&self, end: usize) -> Option<Token> {
        let i = self.partition_point(end, |t| t.start < end);
        self.tokens.get(i).copied()
    }

    /// The token right after byte `end`, across one space or hyphen.
    fn next_token(&self, end: usize) -> Option<Token> {
        let i = self.partition_point(end, |t| t.start <= end);
        let t = *self.tokens.get(i)?;
        joined(self.text, end, t.start).then_some(t)
    }

    /// The token right before byte `start`, across one space or hyphen.
    fn prev_token(&self, start: usize) -> Option<Token> {
        let i = self.partition_point(start, |t| t.end <= start);
        let t = *self.tokens.get(i.checked_sub(1)?)?;
        joined(self.text, t.end, start).then_some(t)
    }
}

fn joined(text: &str, a: usize, b: usize) -> bool {
    a < b && b - a == 1 && matches!(&text[a..b], " " | "-")
}

/// Accepts a pending common-word hit when
/// - the same word was accepted elsewhere in the text (same category);
/// - a context phrase of its rule comes right before it;
/// - an accepted span of its category follows it directly ("Jim Will"), or precedes it,
///   unless it opens a sentence: then only a given name before a family name counts
///   ("Mark Threlfall", not "Will Jim come?" nor "Later Jim said");
/// - it is a given name followed by a capitalised word no list holds ("Summer Tregenza").
///
/// Repeats until nothing changes, then drops the hits still pending.
pub fn settle_evidence(words: &Words, candidates: &mut Vec<Candidate>) {
    if !candidates.iter().any(|c| c.pending) {
        return;
    }
    let (rules, text) = (words.rules, words.text);
    candidates.sort_by_key(|c| (c.start, c.end));
    let (mut key, mut window) = (String::new(), String::new());
    // Each accepted word, with the categories it was accepted in (one bit each).
    const _: () = assert!(Category::ALL.len() <= u8::BITS as usize, "a bit a category");
    let bytes = candidates.iter().map(|c| c.end - c.start).sum();
    let mut accepted: StringMap<u8> = StringMap::with_capacity(candidates.len(), bytes);
    let bit = |category: Category| 1u8 << category as u8;
    let accept = |accepted: &mut StringMap<u8>, category, key: &str| {
        *accepted.entry(key, || 0) |= bit(category);
    };
    for c in candidates.iter().filter(|c| !c.pending) {
        fold_into(&text[c.start..c.end], &mut key);
        accept(&mut accepted, c.category, &key);
    }
    // The evidence that does not depend on what else is accepted, worked out once for
    // each candidate rather than on every round.
    let mut fixed: Vec<Option<bool>> = vec![None; candidates.len()];
    loop {
        let mut changed = false;
        for i in 0..candidates.len() {
            let c = candidates[i];
            if !c.pending {
                continue;
            }
            fold_into(&text[c.start..c.end], &mut key);
            let given = rules.rule(c.rule).part == Some(NamePart::Given);
            // Cheapest first: the tests have no side effects.
            let evidence = accepted
                .get(&key)
                .is_some_and(|&categories| categories & bit(c.category) != 0)
                || follows_accepted(words, candidates, i)
                || precedes_accepted(words, candidates, c, given)
                || *fixed[i].get_or_insert_with(|| {
                    (given
                        && (words
                            .next_token(c.end)
                            .is_some_and(|t| words.unknown_capitalised(t))
                            || capitalised_in_running_text(words, c)))
                        || capitals_pair(words, candidates, c)
                        || preceded_by(text, c.start, &rules.rule(c.rule).context, &mut window)
                });
            if evidence {
                candidates[i].pending = false;
                accept(&mut accepted, c.category, &key);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    candidates.retain(|c| !c.pending);
}

/// The candidates (sorted by start, then end) that cover exactly `t`.
fn at_span(candidates: &[Candidate], t: Token) -> &[Candidate] {
    let from = candidates.partition_point(|c| (c.start, c.end) < (t.start, t.end));
    let to = candidates.partition_point(|c| (c.start, c.end) <= (t.start, t.end));
    &candidates[from..to]
}

/// A name in capitals next to another name word in capitals ("CHANTAL BAPTISTE"), not
/// both of them common words ("GOOD LUCK").
fn capitals_pair(words: &Words, candidates: &[Candidate], c: Candidate) -> bool {
    let text = words.text;
    if !in_capitals(&text[c.start..c.end]) {
        return false;
    }
    [words.next_token(c.end), words.prev_token(c.start)]
        .into_iter()
        .flatten()
        .any(|t| {
            in_capitals(&text[t.start..t.end])
                && !(words.common(&text[c.start..c.end]) && words.common(&text[t.start..t.end]))
                && at_span(candidates, t)
                    .iter()
                    .any(|o| o.category == c.category)
        })
}

/// A given name written with a capital inside a sentence of lower-case words ("tell Rose
/// by Friday", "me + Joy (band 5)"): not opening the sentence, and not inside a run of
/// capitalised words such as a heading or a name of something ("A Ray of Hope Appeal").
fn capitalised_in_running_text(words: &Words, c: Candidate) -> bool {
    let text = words.text;
    let word = &text[c.start..c.end];
    let lower = |t: Token| {
        text[t.start..t.end]
            .chars()
            .next()
            .is_some_and(|ch| !ch.is_uppercase())
    };
    let neighbour = |t: Option<Token>| t.is_none_or(lower);
    capitalised(word)
        && word.chars().skip(1).all(|ch| !ch.is_uppercase())
        && !sentence_start(text, c.start)
        && neighbour(words.token_before(c.start))
        && neighbour(words.token_after(c.end))
}

/// Adjacency is evidence for a capitalised word only: in lower-case text "ailsa said"
/// must not make "said" a name.
fn follows_accepted(words: &Words, candidates: &[Candidate], i: usize) -> bool {
    let c = candidates[i];
    if !capitalised(&words.text[c.start..c.end]) || words.prev_token(c.start).is_none() {
        return false;
    }
    // Sorted by start: whatever ends right before `c` starts at most a few words earlier.
    candidates[..i]
        .iter()
        .rev()
        .take_while(|o| o.start + 256 > c.start)
        .any(|o| !o.pending && o.category == c.category && o.end + 1 == c.start)
}

fn precedes_accepted(words: &Words, candidates: &[Candidate], c: Candidate, given: bool) -> bool {
    if !capitalised(&words.text[c.start..c.end]) {
        return false;
    }
    let Some(next) = words.next_token(c.end) else {
        return false;
    };
    let accepted_next = at_span(candidates, next)
        .iter()
        .any(|o| !o.pending && o.category == c.category);
    if !accepted_next {
        return false;
    }
    if !sentence_start(words.text, c.start) {
        return true;
    }
    // Opening a sentence, only a given name counts, and only before a word that is no
    // given name ("Mark Threlfall"), or when the name stands alone: followed by the end of
    // the line or punctuation ("Bill Tierney", "Mark Pryce, the ward manager"), not by
    // more of a sentence ("Will Jim come?").
    let next_given = at_span(candidates, next)
        .iter()
        .any(|o| words.rules.rule(o.rule).part == Some(NamePart::Given));
    given && (!next_given || stands_alone(words, next.end))
}

/// Whether a name ending at `end` (with perhaps one more name word) is followed by the end
/// of the line or by punctuation.
fn stands_alone(words: &Words, end: usize) -> bool {
    let end = match words.next_token(end) {
        Some(t) if capitalised(&words.text[t.start..t.end]) => t.end,
        _ => end,
    };
    let rest = words.text[end..].trim_start_matches([' ', '\t']);
    rest.chars()
        .next()
        .is_none_or(|c| !c.is_alphanumeric() && c != '\'' && c != '’')
}

/// Extends accepted PERSON spans over neighbouring capitalised words that no list holds
/// ("Priya" + "Ramanathan", "Rachel Okonkwo-Bright"), word by word, and over a closing
/// initial ("Bernadette T").
pub fn extend(words: &Words, candidates: &mut Vec<Candidate>) {
    let mut work: Vec<Candidate> = candidates
        .iter()
        .filter(|c| c.category == Category::Person)
        .copied()
        .collect();
    let mut seen: HashSet<(usize, usize)> = work.iter().map(|c| (c.start, c.end)).collect();
    while let Some(c) = work.pop() {
        let after = words.next_token(c.end);
        let before = words
            .prev_token(c.start)
            .filter(|t| !sentence_start(words.text, t.start));
        for t in [after, before].into_iter().flatten() {
            let initial = t.start >= c.end && words.initial(t);
            if (words.unknown_capitalised(t) || initial) && seen.insert((t.start, t.end)) {
                let new = Candidate {
                    start: t.start,
                    end: t.end,
                    ..c
                };
                candidates.push(new);
                work.push(new);
            }
        }
    }
}

/// Adds every other mention of a PERSON, LOC or ORG surface the text has already given
/// away: whole surfaces, the words of a person's name, and the initials of a full name.
pub fn propagate(words: &Words, candidates: &mut Vec<Candidate>) {
    let text = words.text;
    // Surfaces → the rule and category of the first mention that gave them away: in lower
    // case (matched in any case), and initials (matched exactly). The order of the maps
    // does not matter: [`Recurring`] sorts what it reads from them.
    // Room for each surface (twice if not ASCII: in lower case and as written) and a word
    // or two of it.
    let named =
        |c: &&Candidate| matches!(c.category, Category::Person | Category::Loc | Category::Org);
    let (keys, bytes) = (candidates.iter().filter(named))
        .fold((0, 0), |(k, b), c| (k + 3, b + 2 * (c.end - c.start)));
    let mut folded: StringMap<(usize, Category)> = StringMap::with_capacity(keys, bytes);
    let mut exact: StringMap<(usize, Category)> = StringMap::default();
    let first = |map: &mut StringMap<(usize, Category)>, form: &str, c: &Candidate| {
        map.entry(form, || (c.rule, c.category));
    };
    let mut lower = String::new();
    let mut add = |surface: &str, c: &Candidate, initials: bool| {
        if surface.chars().nth(1).is_some() {
            if initials {
                first(&mut exact, surface, c);
            } else {
                lower.clear();
                if surface.is_ascii() {
                    lower.push_str(surface);
                    lower.make_ascii_lowercase();
                    first(&mut folded, &lower, c);
                } else {
                    // The matcher folds ASCII case only: "öztürk" would miss "Öztürk", so
                    // the surface as written is a pattern too.
                    lower.push_str(&surface.to_lowercase());
                    first(&mut folded, &lower, c);
                    first(&mut folded, surface, c);
                }
            }
        }
    };
    let mut people: Vec<Candidate> = Vec::new();
    // A word found by several rules or lists ("Jordan": a given name, a surname, a place)
    // is a candidate of each, one after another: its surface, and a person's words, are
    // filed by the first (the rest would find them filed).
    let (mut filed, mut split) = (None, None);
    for c in candidates.iter().filter(named) {
        let (span, surface) = ((c.start, c.end), &text[c.start..c.end]);
        if filed != Some(span) {
            add(surface, c, false);
            filed = Some(span);
        }
        if c.category == Category::Person {
            people.push(*c);
            if split == Some(span) {
                continue;
            }
            split = Some(span);
            for t in tokenize(surface) {
                let word = &surface[t.start..t.end];
                // A title is no name of its own: "Mr" from "Mr Abdul" would mark every "Mr".
                if capitalised(word) && !words.common(word) && !not_a_name(word) {
                    add(word, c, false);
                }
            }
        }
    }
    // Initials of full names: runs of adjacent PERSON spans, or one span of several words
    // ("Blue Sky Thinker" → "BST").
    people.sort_by_key(|c| (c.start, c.end));
    people.dedup_by_key(|c| (c.start, c.end));
    let mut initials = String::new();
    let mut i = 0;
    while i < people.len() {
        let mut j = i;
        while j + 1 < people.len()
            && people[j].end < people[j + 1].start
            && &text[people[j].end..people[j + 1].start] == " "
        {
            j += 1;
        }
        let run = &text[people[i].start..people[j].end];
        initials.clear();
        initials.extend(run.split([' ', '-']).filter_map(|w| w.chars().next()));
        if initials.chars().nth(1).is_some() && initials.chars().all(char::is_uppercase) {
            add(&initials, &people[i], true);
        }
        i = j + 1;
    }
    let existing: HashSet<(usize, usize, Category)> = candidates
        .iter()
        .map(|c| (c.start, c.end, c.category))
        .collect();
    // One pass over the text's runs for both maps; each map's finds are kept apart, and
    // the folded surfaces' come first.
    let mut maps: Vec<(Recurring, usize, Vec<Candidate>)> = [(&folded, true), (&exact, false)]
        .into_iter()
        .filter(|(surfaces, _)| !surfaces.is_empty())
        .map(|(surfaces, case_insensitive)| {
            (Recurring::new(surfaces, case_insensitive), 0, Vec::new())
        })
        .collect();
    if !maps.is_empty() {
        for_each_word_run(text, |run| {
            for (recurring, pos, found) in &mut maps {
                let Some((end, rule, category)) = recurring.at(text, run, pos) else {
                    continue;
                };
                let (start, mention) = (run.0, &text[run.0..end]);
                let ok =
                    !recurring.case_insensitive || capitalised(mention) || !words.common(mention);
                if ok && !existing.contains(&(start, end, category)) {
                    found.push(Candidate {
                        start,
                        end,
                        rule,
                        category,
                        pending: false,
                    });
                }
            }
        });
    }
    for (_, _, found) in maps {
        candidates.extend(found);
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Calls `f` with each run of word characters of `text`, as a byte range, in order. ASCII
/// bytes are tested without decoding, in tight loops, and the loop is the caller's rather
/// than an iterator's: this runs over every document, and an iterator's position went
/// through memory at every byte.
fn for_each_word_run(text: &str, mut f: impl FnMut((usize, usize))) {
    let bytes = text.as_bytes();
    let at = |i: usize| {
        let c = text[i..].chars().next().expect("a char at a boundary");
        (is_word(c), c.len_utf8())
    };
    let mut i = 0;
    while i < bytes.len() {
        // Past the characters between runs.
        let b = bytes[i];
        if b.is_ascii() {
            if !ascii_word_byte(b) {
                i += 1;
                continue;
            }
        } else {
            let (word, len) = at(i);
            if !word {
                i += len;
                continue;
            }
        }
        let start = i;
        while i < bytes.len() {
            // The rest of an ASCII run at once.
            while i < bytes.len() && ascii_word_byte(bytes[i]) {
                i += 1;
            }
            if i >= bytes.len() || bytes[i].is_ascii() {
                break;
            }
            let (word, len) = at(i);
            if !word {
                break;
            }
            i += len;
        }
        f((start, i));
    }
}

/// One document's surfaces, found again wherever they recur as whole words. Keyed by a hash
/// of their first run of word characters, so the text is read once with a look-up per word:
/// a per-document automaton cost more to build than the search it served, and a map of
/// strings cost an allocation for each surface.
struct Recurring<'s> {
    /// (hash of the first run, surface, rule, category), sorted by hash and then longest
    /// first: "Tom Wilson" before "Tom" at the same place.
    surfaces: Vec<(u64, &'s str, usize, Category)>,
    /// Each hash of `surfaces`, with the range of those that have it: one probe per run of
    /// the text, where a binary search was a chain of waits on memory.
    groups: hashbrown::HashTable<(u64, u32, u32)>,
    case_insensitive: bool,
    /// The first bytes of the first runs (letters in either case if `case_insensitive`):
    /// runs that open no surface are mostly told by their first byte, before they are
    /// hashed (the initials' map takes capitals only, and most words start in lower case).
    openings: Reach,
    /// The hashes, a bit each: most runs open no surface, and are passed over with one look.
    firsts: super::Bits,
}

impl<'s> Recurring<'s> {
    fn new(surfaces: &'s StringMap<(usize, Category)>, case_insensitive: bool) -> Self {
        let mut firsts = super::Bits::for_words(surfaces.len());
        let mut openings = Reach::default();
        let mut list = Vec::with_capacity(surfaces.len());
        for (surface, &(rule, category)) in surfaces.iter() {
            let Some(first) = surface.split(|c: char| !is_word(c)).next() else {
                continue;
            };
            let Some(&opening) = first.as_bytes().first() else {
                continue;
            };
            openings.add(opening, case_insensitive);
            let hash = hash_bytes(first.as_bytes(), case_insensitive);
            firsts.insert(hash);
            list.push((hash, surface, rule, category));
        }
        list.sort_unstable_by(|a, b| (a.0, b.1.len(), a.1).cmp(&(b.0, a.1.len(), b.1)));
        let mut groups = hashbrown::HashTable::with_capacity(list.len());
        for (i, s) in list.iter().enumerate() {
            match groups.find_mut(s.0, |g: &(u64, u32, u32)| g.0 == s.0) {
                Some(group) => group.2 = i as u32 + 1,
                None => {
                    groups.insert_unique(s.0, (s.0, i as u32, i as u32 + 1), |g| g.0);
                }
            }
        }
        Recurring {
            surfaces: list,
            groups,
            case_insensitive,
            openings,
            firsts,
        }
    }

    /// The surface found at `run` (one of the text's [`for_each_word_run`], in order), as
    /// its end, rule and category: leftmost-longest and not overlapping the last found,
    /// which ended at `pos`; a whole-word occurrence.
    fn at(
        &self,
        text: &str,
        (start, run_end): (usize, usize),
        pos: &mut usize,
    ) -> Option<(usize, usize, Category)> {
        let bytes = text.as_bytes();
        if start < *pos || !self.openings.has(bytes[start]) {
            return None;
        }
        let hash = hash_bytes(&bytes[start..run_end], self.case_insensitive);
        if !self.firsts.may_hold(hash) {
            return None;
        }
        // A surface found here as a whole word has this run as its first (the runs and
        // `is_word` agree, and only ASCII case is folded): others of the same hash cannot
        // match.
        let &(_, from, to) = self.groups.find(hash, |g| g.0 == hash)?;
        let &(_, surface, rule, category) =
            self.surfaces[from as usize..to as usize]
                .iter()
                .find(|(_, surface, ..)| {
                    let end = start + surface.len();
                    end <= text.len()
                        && text.is_char_boundary(end)
                        && !text[end..].chars().next().is_some_and(is_word)
                        && if self.case_insensitive {
                            bytes[start..end].eq_ignore_ascii_case(surface.as_bytes())
                        } else {
                            &bytes[start..end] == surface.as_bytes()
                        }
                })?;
        *pos = start + surface.len();
        Some((*pos, rule, category))
    }
}

/// A kept full name ("Chris Grayling", kept as a public figure) keeps its surname and its
/// initials elsewhere in the text ("Grayling", "CG"). A first name alone is not kept: it
/// says too little about who is meant.
pub fn keep_kept_names(text: &str, kept: &[(usize, usize)], candidates: &mut Vec<Candidate>) {
    let mut forms: HashSet<&str> = HashSet::default();
    let mut initials: Vec<String> = Vec::new();
    for &(start, end) in kept {
        let words: Vec<&str> = text[start..end].split_whitespace().collect();
        if words.len() < 2 || !words.iter().all(|w| capitalised(w)) {
            continue;
        }
        // Only a kept name: each of its words is also a name part here ("Chris Grayling"),
        // unlike a kept place that happens to contain one ("St Martin", "St Helena Hospice").
        let a_name = tokenize(&text[start..end]).all(|t| {
            let (ws, we) = (start + t.start, start + t.end);
            candidates
                .iter()
                .any(|c| c.category == Category::Person && c.start <= ws && we <= c.end)
        });
        if !a_name {
            continue;
        }
        forms.insert(words[words.len() - 1]);
        initials.push(words.iter().filter_map(|w| w.chars().next()).collect());
    }
    if forms.is_empty() {
        return;
    }
    candidates.retain(|c| {
        let found = &text[c.start..c.end];
        !(c.category == Category::Person
            && (forms.contains(found) || initials.iter().any(|i| i == found)))
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_runs_are_the_runs_of_letters_digits_and_underscores() {
        let runs = |text: &'static str| {
            let mut runs = Vec::new();
            for_each_word_run(text, |(a, b)| runs.push(&text[a..b]));
            runs
        };
        assert_eq!(
            runs("Siân O’Neill, carer_2 — Zoë!"),
            ["Siân", "O", "Neill", "carer_2", "Zoë"]
        );
        assert!(runs(" — ").is_empty());
        assert_eq!(runs("é_x1—y"), ["é_x1", "y"]);
        assert_eq!(runs("—é"), ["é"]);
    }

    #[test]
    fn the_token_index_finds_what_a_search_of_every_token_finds() {
        let rules = RuleSet::from_text("none.yaml", "rules: []").expect("rules load");
        let listed = HashSet::default();
        // Short and long words, a word across a block's end, runs of spaces longer than a
        // block, non-ASCII letters, and texts that end inside a word or after one.
        let mut text = String::from("Jo  met Siân-Marie O’Neill at 10, then ");
        text.push_str(&"x".repeat(70));
        text.push_str(&" ".repeat(150));
        text.push_str("Dr Okafor-Bright said hello to everyone in the room today");
        for end in [0, 1, 3, 63, 64, 65, 110, 128, 200, text.len()] {
            let text = &text[..text.floor_char_boundary(end)];
            let tokens: Vec<Token> = tokenize(text).collect();
            let words = Words::new(&rules, text, tokens.clone(), &listed);
            let all = |before: &dyn Fn(&Token) -> bool| tokens.partition_point(before);
            for at in 0..=text.len() {
                assert_eq!(
                    words.partition_point(at, |t| t.end <= at),
                    all(&|t| t.end <= at),
                    "{text:?} at {at}"
                );
                assert_eq!(
                    words.partition_point(at, |t| t.start <= at),
                    all(&|t| t.start <= at),
                    "{text:?} at {at}"
                );
                assert_eq!(
                    words.partition_point(at, |t| t.start < at),
                    all(&|t| t.start < at),
                    "{text:?} at {at}"
                );
            }
        }
    }
}
