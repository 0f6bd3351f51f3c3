//! The pipeline every command shares: detect → resolve on one text ([`find`]), then, over a
//! batch, link mentions into entities and choose replacements ([`link`]).

use crate::detect::{detect, detect_all};
use crate::error::Result;
use crate::key::Key;
use crate::resolve::entities::{document_keys, EntityTable};
use crate::resolve::{resolve, Finding};
use crate::rewrite::mapping::Mapping;
use crate::rewrite::{assign, Change};
use crate::rules::RuleSet;
use rayon::prelude::*;
use std::collections::BTreeMap;

/// What was found in one text: the findings, and their original text (kept so that a
/// batch can be linked without holding every document in memory).
#[derive(Debug, Default, Clone)]
pub struct Found {
    pub findings: Vec<Finding>,
    /// The findings' text end to end: one string per document, not one per finding.
    originals: String,
}

impl Found {
    /// The key that links each finding to its entity (see [`document_keys`]). It depends
    /// on the document alone: a batch works it out on the thread pool, and links the
    /// documents one after another with it.
    pub fn keys(&self) -> Vec<String> {
        let originals: Vec<&str> = self.originals().collect();
        document_keys(&self.findings, &originals)
    }

    /// The original text of each finding, in order.
    pub fn originals(&self) -> impl Iterator<Item = &str> {
        let mut at = 0;
        self.findings.iter().map(move |f| {
            let original = &self.originals[at..at + f.end - f.start];
            at += f.end - f.start;
            original
        })
    }
}

/// Texts longer than this are detected a part at a time, so that detection's working
/// memory (tokens, candidates) stays bounded whatever the file's size. Testimony runs to
/// kilobytes; a part ends at a paragraph or line break where it can.
pub const PART: usize = 4 << 20;

/// How many files one thread detects together (see [`find_all`]): enough for a pattern
/// rule's automaton to be reused from the cache, few enough to share out between threads.
/// A one-thread check of the 20 MB bench corpus took 5.6% less time with 64 than with 16;
/// 32, 64 and 128 measured alike, 256 slower.
pub const GROUP: usize = 32;

/// Groups of files (of [`GROUP`] each) a pass may run ahead of the oldest one not yet done,
/// per thread: bounds how many files' findings or outputs are held in memory, while
/// leaving the threads other groups to work on when one group is slow. Two groups of 32 hold
/// as many files as four of 16 did: a two-thread redact of the 200 MB bench corpus peaked
/// at 203 MB with four of 32, at 187–191 MB with two, as before.
pub const AHEAD: usize = 2;

/// [`find`] of each of `texts`; those up to [`PART`] long are detected together (see
/// [`detect_all`]).
pub fn find_all(rules: &RuleSet, texts: &[&str]) -> Vec<Found> {
    let small: Vec<&str> = texts.iter().copied().filter(|t| t.len() <= PART).collect();
    let mut detected = detect_all(rules, &small).into_iter();
    texts
        .iter()
        .map(|text| {
            if text.len() > PART {
                return find(rules, text);
            }
            let detection = detected.next().expect("a detection for every small text");
            found_in(text, resolve(rules, text, detection))
        })
        .collect()
}

/// [`find_all`] of the texts that could be read, the others' errors kept in place: the
/// texts come back with their findings.
pub fn find_read(rules: &RuleSet, texts: Vec<Result<String>>) -> Vec<Result<(String, Found)>> {
    let read: Vec<&str> = texts.iter().filter_map(|t| t.as_deref().ok()).collect();
    let mut found = find_all(rules, &read).into_iter();
    texts
        .into_iter()
        .map(|text| {
            let text = text?;
            let found = found.next().expect("findings for every text read");
            Ok((text, found))
        })
        .collect()
}

/// Detects and resolves the spans of `text`.
pub fn find(rules: &RuleSet, text: &str) -> Found {
    let parts: Vec<(usize, &str)> = parts(text, PART).collect();
    // The parts of a large file are detected in parallel too.
    let found: Vec<Vec<Finding>> = parts
        .into_par_iter()
        .map(|(offset, part)| {
            let found = resolve(rules, part, detect(rules, part));
            found
                .into_iter()
                .map(|f| Finding {
                    start: f.start + offset,
                    end: f.end + offset,
                    ..f
                })
                .collect()
        })
        .collect();
    found_in(text, found.into_iter().flatten().collect())
}

/// `findings` of `text`, with their original text.
fn found_in(text: &str, findings: Vec<Finding>) -> Found {
    let mut originals = String::with_capacity(findings.iter().map(|f| f.end - f.start).sum());
    originals.extend(findings.iter().map(|f| &text[f.start..f.end]));
    Found {
        findings,
        originals,
    }
}

/// `text` cut into parts of at most about `size` bytes, with their offsets: after the last
/// blank line, else line break, else space before the limit (a part never splits a word
/// unless a word is longer than `size`).
pub fn parts(text: &str, size: usize) -> impl Iterator<Item = (usize, &str)> {
    let mut offset = 0;
    std::iter::from_fn(move || {
        let rest = &text[offset..];
        if rest.is_empty() {
            return None;
        }
        let mut end = rest.len();
        if end > size {
            let mut limit = size;
            while !rest.is_char_boundary(limit) {
                limit -= 1;
            }
            let window = &rest[..limit];
            end = ["\n\n", "\n", " "]
                .iter()
                .find_map(|sep| window.rfind(sep).map(|i| i + sep.len()))
                .filter(|&i| i > 0)
                .unwrap_or(limit.max(rest.chars().next().map_or(1, char::len_utf8)));
        }
        let part = (offset, &rest[..end]);
        offset += end;
        Some(part)
    })
}

/// The entities of a batch, and for each document its changes. Documents are taken in the
/// order given, which numbers the entities; callers pass them sorted.
pub fn link<'a>(
    rules: &RuleSet,
    key: Option<&Key>,
    mapping: Option<&Mapping>,
    docs: impl IntoIterator<Item = &'a Found>,
) -> (EntityTable, Vec<Vec<Change>>) {
    let mut linker = Linker::default();
    let changes = docs.into_iter().map(|found| linker.add(found)).collect();
    (linker.finish(rules, key, mapping), changes)
}

/// [`link`] one document at a time, so that a caller need not hold every document's
/// findings, or changes, at once.
#[derive(Default)]
pub struct Linker {
    table: EntityTable,
}

impl Linker {
    /// The changes of the next document, its mentions linked into the batch's entities.
    pub fn add(&mut self, found: &Found) -> Vec<Change> {
        self.add_keyed(found, found.keys())
    }

    /// [`Linker::add`] with the document's [`Found::keys`], worked out beforehand.
    pub fn add_keyed(&mut self, found: &Found, keys: Vec<String>) -> Vec<Change> {
        found
            .findings
            .iter()
            .zip(found.originals())
            .zip(keys)
            .map(|((f, original), key)| Change {
                finding: *f,
                entity: self.table.intern(f.category, &key, original, f.rule),
            })
            .collect()
    }

    /// The entities, with their replacements chosen.
    pub fn finish(
        mut self,
        rules: &RuleSet,
        key: Option<&Key>,
        mapping: Option<&Mapping>,
    ) -> EntityTable {
        assign(&mut self.table, rules, key, mapping);
        self.table
    }
}

/// Runs `work` on each of `items` on the thread pool, and hands the results to `then` on
/// this thread in the items' order, each time all those that are ready. No thread waits
/// for the slowest item of a chunk, nor for `then`, a sequential step; and the pool runs at
/// most [`AHEAD`] items per thread ahead of the oldest one not yet handed on, which bounds
/// the results held. Called on a thread of the pool (a library user's `par_iter`), it runs
/// the items one by one instead: waiting there for the pool could wait for ever.
pub fn in_order<I: Send, T: Send>(
    items: impl IntoIterator<Item = I>,
    work: impl Fn(I) -> T + Sync,
    mut then: impl FnMut(Vec<T>) -> Result<()>,
) -> Result<()> {
    if rayon::current_thread_index().is_some() {
        return items
            .into_iter()
            .try_for_each(|item| then(vec![work(item)]));
    }
    let ahead = AHEAD * rayon::current_num_threads();
    let (send, receive) = std::sync::mpsc::channel();
    let work = &work;
    rayon::in_place_scope(|scope| {
        let mut items = items.into_iter().enumerate().peekable();
        let mut ready: BTreeMap<usize, T> = BTreeMap::new();
        let (mut next, mut running) = (0, 0);
        loop {
            while let Some((i, item)) = items.next_if(|&(i, _)| i < next + ahead) {
                let send = send.clone();
                scope.spawn(move |_| {
                    // A panic is sent on too, for this thread to raise: else it would wait
                    // for the result for ever.
                    let result =
                        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| work(item)));
                    let _ = send.send((i, result));
                });
                running += 1;
            }
            if running == 0 {
                return Ok(());
            }
            let (i, result) = receive.recv().expect("a sender for each running item");
            running -= 1;
            ready.insert(i, result.unwrap_or_else(|p| std::panic::resume_unwind(p)));
            let mut batch = Vec::new();
            while let Some(result) = ready.remove(&next) {
                batch.push(result);
                next += 1;
            }
            if !batch.is_empty() {
                then(batch)?;
            }
        }
    })
}

#[cfg(test)]
mod tests {
    use super::{in_order, parts};

    #[test]
    fn parts_cover_the_text_and_end_at_breaks() {
        let text = "Jim met Priya.\n\nThen Zoë rang Leeds about it all";
        let cut: Vec<(usize, &str)> = parts(text, 20).collect();
        assert_eq!(cut[0], (0, "Jim met Priya.\n\n"));
        assert_eq!(cut.iter().map(|(_, p)| *p).collect::<String>(), text);
        for (offset, part) in &cut {
            assert_eq!(&text[*offset..offset + part.len()], *part);
            assert!(part.len() <= 20);
        }
        // A word longer than the limit is cut on a character boundary.
        let long = "ééééé";
        let cut: Vec<&str> = parts(long, 3).map(|(_, p)| p).collect();
        assert_eq!(cut.concat(), long);
        assert!(cut.iter().all(|p| p.len() <= 3 && !p.is_empty()));
    }

    #[test]
    fn in_order_hands_results_on_in_order_from_any_thread() {
        let run = || {
            let mut seen = Vec::new();
            in_order(
                0..200u32,
                |i| {
                    // Later items finish first.
                    std::thread::sleep(std::time::Duration::from_micros(u64::from(200 - i)));
                    i * 2
                },
                |batch| {
                    seen.extend(batch);
                    Ok(())
                },
            )
            .unwrap();
            seen
        };
        let expected: Vec<u32> = (0..200).map(|i| i * 2).collect();
        assert_eq!(run(), expected);
        // On a thread of a pool of one, where waiting for the pool would never end.
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .unwrap();
        assert_eq!(pool.install(run), expected);
    }
}
