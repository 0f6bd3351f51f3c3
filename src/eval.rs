//! `veil eval`: scores the pipeline against brat-annotated texts, exactly as the
//! annotation guidelines define it.
//!
//! - A gold DIRECT or QUASI span is caught when every non-space character of it lies
//!   inside rewritten spans.
//! - A rewritten span is correct when it overlaps any gold span, of any class; precision
//!   is the share of correct rewritten spans.
//! - PUBLIC spans count towards neither recall nor false positives.

use crate::error::{Error, Result};
use crate::input::{collect, glob_set, read_text};
use crate::pipeline::find;
use crate::rules::RuleSet;
use crate::text::{char_to_byte, position};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One gold span, in byte offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gold {
    pub kind: String,
    pub class: GoldClass,
    pub start: usize,
    pub end: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum GoldClass {
    Direct,
    Quasi,
    Public,
}

/// Reads a brat standoff file for `text`, checking every span against the text.
pub fn parse_ann(ann: &str, text: &str, ann_path: &str) -> Result<Vec<Gold>> {
    let to_byte = char_to_byte(text);
    let mut spans: BTreeMap<String, (String, usize, usize, usize)> = BTreeMap::new();
    let mut classes: BTreeMap<String, GoldClass> = BTreeMap::new();
    let err = |line: usize, message: String| Error::File {
        path: ann_path.to_string(),
        position: Some((line, 1)),
        message,
    };
    for (n, line) in ann.lines().enumerate() {
        let n = n + 1;
        let fields: Vec<&str> = line.split('\t').collect();
        match fields.first().and_then(|f| f.chars().next()) {
            Some('T') => {
                let [id, info, surface] = fields[..] else {
                    return Err(err(n, "a T line has three tab-separated fields".into()));
                };
                let parts: Vec<&str> = info.split(' ').collect();
                let [kind, start, end] = parts[..] else {
                    return Err(err(n, format!("expected `TYPE START END`, found `{info}` (discontinuous spans are not used)")));
                };
                let parse = |s: &str| {
                    s.parse::<usize>()
                        .map_err(|_| err(n, format!("`{s}` is not an offset")))
                };
                let (start, end) = (parse(start)?, parse(end)?);
                if start >= end || end >= to_byte.len() {
                    return Err(err(n, format!("span {start}-{end} lies outside the text")));
                }
                let (bs, be) = (to_byte[start], to_byte[end]);
                if &text[bs..be] != surface {
                    return Err(err(
                        n,
                        format!(
                            "the text at {start}-{end} is {:?}, not {surface:?}",
                            &text[bs..be]
                        ),
                    ));
                }
                spans.insert(id.to_string(), (kind.to_string(), bs, be, n));
            }
            Some('A') => {
                let attr: Vec<&str> = fields.get(1).map_or(vec![], |f| f.split(' ').collect());
                let [_, target, class] = attr[..] else {
                    return Err(err(
                        n,
                        "expected `Identifier T<n> DIRECT|QUASI|PUBLIC`".into(),
                    ));
                };
                let class = match class {
                    "DIRECT" => GoldClass::Direct,
                    "QUASI" => GoldClass::Quasi,
                    "PUBLIC" => GoldClass::Public,
                    other => return Err(err(n, format!("unknown identifier class `{other}`"))),
                };
                classes.insert(target.to_string(), class);
            }
            _ => {}
        }
    }
    spans
        .into_iter()
        .map(|(id, (kind, start, end, n))| {
            let class = *classes
                .get(&id)
                .ok_or_else(|| err(n, format!("{id} has no identifier class (A line)")))?;
            Ok(Gold {
                kind,
                class,
                start,
                end,
            })
        })
        .collect()
}

/// A gold span veil did not catch, or a rewritten span that overlaps no gold span.
#[derive(Debug, Clone)]
pub struct Miss {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub kind: String,
    pub class: Option<GoldClass>,
    pub text: String,
}

/// Counts for one class, overall and per entity type.
#[derive(Debug, Default, Clone)]
pub struct Recall {
    pub caught: usize,
    pub total: usize,
    pub by_type: BTreeMap<String, (usize, usize)>,
}

impl Recall {
    pub fn ratio(&self) -> f64 {
        ratio(self.caught, self.total)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// The result of scoring a folder.
#[derive(Debug, Default)]
pub struct Score {
    pub documents: usize,
    pub direct: Recall,
    pub quasi: Recall,
    pub public: usize,
    pub rewritten: usize,
    pub correct: usize,
    pub missed: Vec<Miss>,
    pub false_positives: Vec<Miss>,
    /// `.txt` files with no `.ann` beside them.
    pub unannotated: Vec<String>,
}

impl Score {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.rewritten)
    }
}

/// Scores the rules on every `NAME.txt` with a `NAME.ann` under `dir`.
pub fn evaluate(rules: &RuleSet, dir: &Path) -> Result<Score> {
    if !dir.is_dir() {
        return Err(Error::file(
            dir,
            "not a folder; give the folder that holds the .txt and .ann files",
        ));
    }
    let (inputs, mut errors) = collect(&[dir.to_path_buf()], &glob_set(&["*.txt".to_string()])?);
    if let Some(e) = errors.pop() {
        return Err(e);
    }
    let mut score = Score::default();
    let mut docs = Vec::new();
    for input in inputs {
        let ann_path: PathBuf = input.path.with_extension("ann");
        if !ann_path.exists() {
            score.unannotated.push(input.display);
            continue;
        }
        let text = read_text(&input.path, &input.display)?;
        let ann_display = ann_path.display().to_string();
        let ann = read_text(&ann_path, &ann_display)?;
        let gold = parse_ann(&ann, &text, &ann_display)?;
        let found = find(rules, &text);
        docs.push((input.display, text, gold, found));
    }
    // Linking entities changes no span, so the findings are what a batch rewrites.
    for (file, text, gold, found) in &docs {
        score.documents += 1;
        let mut covered = vec![false; text.len()];
        for f in &found.findings {
            covered[f.start..f.end].iter_mut().for_each(|b| *b = true);
        }
        for g in gold {
            let recall = match g.class {
                GoldClass::Direct => &mut score.direct,
                GoldClass::Quasi => &mut score.quasi,
                GoldClass::Public => {
                    score.public += 1;
                    continue;
                }
            };
            let caught = text[g.start..g.end]
                .char_indices()
                .all(|(i, ch)| ch.is_whitespace() || covered[g.start + i]);
            recall.total += 1;
            let entry = recall.by_type.entry(g.kind.clone()).or_default();
            entry.1 += 1;
            if caught {
                recall.caught += 1;
                entry.0 += 1;
            } else {
                score
                    .missed
                    .push(miss(file, text, g.start, g.end, &g.kind, Some(g.class)));
            }
        }
        for f in &found.findings {
            score.rewritten += 1;
            if gold.iter().any(|g| g.start < f.end && f.start < g.end) {
                score.correct += 1;
            } else {
                score.false_positives.push(miss(
                    file,
                    text,
                    f.start,
                    f.end,
                    f.category.name(),
                    None,
                ));
            }
        }
    }
    Ok(score)
}

fn miss(
    file: &str,
    text: &str,
    start: usize,
    end: usize,
    kind: &str,
    class: Option<GoldClass>,
) -> Miss {
    let (line, column) = position(text, start);
    Miss {
        file: file.to_string(),
        line,
        column,
        kind: kind.to_string(),
        class,
        text: text[start..end].to_string(),
    }
}
