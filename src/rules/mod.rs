//! Rule files: where they come from (built in, or given with `--rules`), how they are
//! validated, and how they compile into one [`RuleSet`] that the detector runs.

pub mod alphabet;
pub mod anchors;
pub mod examples;
pub mod schema;

use crate::detect::lexicon::{fold, Lexicon, LexiconBuilder, Owner};
use crate::error::{Error, Result};
use regex::Regex;
use regex_automata::meta;
use regex_syntax::hir::Hir;
use rustc_hash::FxHashSet as HashSet;
use schema::{
    Case, Category, Class, Common, Examples, NamePart, RewriteSpec, RuleFile, RuleSpec, Strategy,
    TermSource, Validator,
};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Every file under `rules/`, embedded at build time: (path, contents).
static BUILTIN: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_rules.rs"));

/// A compiled rule.
#[derive(Debug)]
pub struct Rule {
    pub id: String,
    pub category: Category,
    pub class: Class,
    pub message: String,
    /// The rule file it came from, as shown to users.
    pub source: String,
    pub matcher: Matcher,
    pub case: Case,
    pub common: Common,
    pub part: Option<NamePart>,
    pub validate: Option<Validator>,
    /// What a match becomes under the `generalise` strategy.
    pub generalise: Option<String>,
    /// Folded context phrases.
    pub context: Vec<String>,
    /// Folded exceptions.
    pub except: HashSet<String>,
    pub priority: i32,
    pub examples: Examples,
}

#[derive(Debug)]
pub enum Matcher {
    /// A regex (regex-automata's, which can search anchored at a position: see
    /// [`anchors`]), the indices of its named groups that mark the span, in order, and of
    /// those named `not...`, which veto a match they take part in (the regex crate has
    /// no look-around).
    Pattern {
        regex: Box<Regexes>,
        groups: Vec<usize>,
        vetoes: Vec<usize>,
        /// Literals every match contains; see [`anchors`].
        anchor: Option<anchors::Anchor>,
    },
    /// A word list; its terms live in the shared [`Lexicon`].
    List { terms: usize },
}

/// A pattern rule's regex, and the same cut down to the common alphabet (see
/// [`alphabet`]).
#[derive(Debug)]
pub struct Regexes {
    /// The regex as written. A built-in rule's is built when first needed: most texts
    /// need few of them, and building them all was about a fifth of start-up.
    full: OnceLock<meta::Regex>,
    /// What `full` is built from.
    hir: Hir,
    /// `full` cut down to the alphabet, for stretches of text written in it; none where
    /// that changes nothing, or could change what it matches.
    common: Option<meta::Regex>,
    /// The longest a match can be, in bytes, if bounded.
    max_len: Option<usize>,
}

impl Regexes {
    /// Builds the regexes of `hir` (a pattern as compiled: see [`ascii_word_boundaries`]);
    /// the full one now unless `lazy` (a built-in rule's, which the tests build), and the
    /// error is then why it does not build.
    pub fn new(hir: Hir, lazy: bool) -> std::result::Result<Regexes, String> {
        let common = alphabet::cut_down(&hir)
            .filter(|cut| *cut != hir)
            .and_then(|cut| build_regex(&cut).ok());
        let full = OnceLock::new();
        if !lazy || common.is_none() {
            let _ = full.set(build_regex(&hir)?);
        }
        Ok(Regexes {
            full,
            max_len: hir.properties().maximum_len(),
            hir,
            common,
        })
    }

    /// The regex as written.
    pub fn full(&self) -> &meta::Regex {
        self.full.get_or_init(|| {
            build_regex(&self.hir).expect("built-in regexes build (see the rules' tests)")
        })
    }

    /// The regex to search `from..to` of a text with, whose characters outside the
    /// alphabet are `outside`; with `anchored`, a search for a match starting at `from`
    /// only, which reads no further than the longest match. With it, whether it is the
    /// cut-down one.
    pub fn for_range(
        &self,
        outside: &alphabet::Outside,
        from: usize,
        to: usize,
        anchored: bool,
    ) -> (&meta::Regex, bool) {
        let to = match (anchored, self.max_len) {
            (true, Some(len)) => to.min(from.saturating_add(len)),
            _ => to,
        };
        match &self.common {
            Some(common) if outside.clean(from, to) => (common, true),
            _ => (self.full(), false),
        }
    }

    /// Either regex, for what both share: their groups, and whether they match an empty
    /// text.
    fn either(&self) -> &meta::Regex {
        self.common.as_ref().unwrap_or_else(|| self.full())
    }
}

/// A pattern's regex from its syntax tree, or why it does not build.
fn build_regex(hir: &Hir) -> std::result::Result<meta::Regex, String> {
    // A lazy DFA cache of up to 8 MB rather than the default 2: the rules' Unicode classes
    // and counted repetitions make many states, and a full cache is cleared and rebuilt
    // mid-search. Measured on the 200 MB bench corpus with the shared automaton's cache
    // (see `anchors::Loose`) the same: 4 → 8 MB, one-thread check 25.3 → 23.4 s, peak
    // 121 → 126 MB; 16 MB, no faster. (On 20 MB, 8 MB looked no faster than 4: the caches
    // fill only on longer runs.)
    let config = meta::Config::new()
        .nfa_size_limit(Some(1 << 24))
        .hybrid_cache_capacity(1 << 23);
    meta::Regex::builder()
        .configure(config)
        .build_from_hir(hir)
        .map_err(|e| match e.size_limit() {
            Some(limit) => format!(
                "invalid regex: compiled, it would exceed the size limit of {limit} bytes; make it smaller (fewer or smaller repetitions)"
            ),
            None => format!("invalid regex: {e}"),
        })
}

/// All rules in force for a run.
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub lexicon: Lexicon,
    /// Folded common English words (see [`Common::Evidence`]).
    pub common_words: HashSet<String>,
    /// How each category is rewritten; a later file overrides an earlier one.
    pub rewrite: BTreeMap<Category, RewriteSpec>,
    /// Pools of replacement given names and surnames for the pseudonym strategy.
    pub pseudonyms: Pseudonyms,
    /// Folded place → the county or region it lies in.
    pub regions: HashMap<String, String>,
    /// Folded organisation → what kind it is ("a police force").
    pub organisation_kinds: HashMap<String, String>,
    /// The anchors of the pattern rules, found in one pass before any of them runs.
    pub anchors: anchors::Anchors,
    /// Matches the placeholders this rule set writes (`[PERSON 3]`), so that veil's own
    /// output is never flagged again.
    pub placeholders: Regex,
}

/// Names to draw PERSON pseudonyms from.
#[derive(Debug, Default)]
pub struct Pseudonyms {
    pub given: Vec<String>,
    pub surnames: Vec<String>,
}

impl RuleSet {
    /// Loads the built-in rules (unless `defaults` is false) and then each file or folder
    /// in `extra`, in order.
    pub fn load(extra: &[PathBuf], defaults: bool) -> Result<RuleSet> {
        let mut sources = Vec::new();
        if defaults {
            for (path, text) in BUILTIN {
                if is_rule_file(Path::new(path)) && !path.contains("/lists/") {
                    sources.push(Source {
                        name: path.to_string(),
                        text: text.to_string(),
                        origin: Origin::Builtin,
                    });
                }
            }
        }
        for path in extra {
            for file in rule_files(path)? {
                let text = std::fs::read_to_string(&file)
                    .map_err(|e| Error::io(&file, "read rule file", e))?;
                sources.push(Source {
                    name: file.display().to_string(),
                    text,
                    origin: Origin::Disk,
                });
            }
        }
        // Compiling the regexes is over half of start-up and needs nothing the word lists
        // build: it runs on other threads while this one loads the lists and builds the
        // lexicon, and the pattern rules get their regexes at the end.
        std::thread::scope(|scope| {
            let (sender, receiver) = std::sync::mpsc::channel();
            for first in 0..COMPILERS {
                let (sources, sender) = (&sources, sender.clone());
                scope.spawn(move || compile_ahead(sources, first, sender));
            }
            drop(sender);
            let mut loader = Loader {
                ahead: Some(InOrder {
                    receiver,
                    early: HashMap::new(),
                    next: 0,
                }),
                ..Loader::default()
            };
            for source in &sources {
                if let Err(e) = loader.add(source) {
                    // A bad regex met earlier is the first error, as the user reads the files.
                    loader.resolve_pending(&sources)?;
                    return Err(e);
                }
            }
            loader.finish(&sources)
        })
    }

    /// Loads one rule file given as text (no built-in rules); `name` stands for its path
    /// in errors, and word-list files are read relative to the current folder.
    pub fn from_text(name: &str, text: &str) -> Result<RuleSet> {
        let mut loader = Loader::default();
        loader.add(&Source {
            name: name.to_string(),
            text: text.to_string(),
            origin: Origin::Disk,
        })?;
        loader.finish(&[])
    }

    /// The rule with index `i`, as a detector hit refers to it.
    pub fn rule(&self, i: usize) -> &Rule {
        &self.rules[i]
    }

    /// How `category` is rewritten (placeholders unless a rule file says otherwise).
    pub fn rewrite_spec(&self, category: Category) -> RewriteSpec {
        self.rewrite.get(&category).cloned().unwrap_or(RewriteSpec {
            strategy: Strategy::Placeholder,
            label: None,
            keep: None,
            times: None,
            band: None,
        })
    }
}

fn is_rule_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("yaml" | "yml")
    )
}

/// The rule files named by a `--rules` argument: the file itself, or the YAML files in a
/// folder, sorted by name.
fn rule_files(path: &Path) -> Result<Vec<PathBuf>> {
    let meta = std::fs::metadata(path).map_err(|e| Error::io(path, "read rules", e))?;
    if !meta.is_dir() {
        return Ok(vec![path.to_path_buf()]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| Error::io(path, "list rules folder", e))? {
        let entry = entry.map_err(|e| Error::io(path, "list rules folder", e))?;
        if is_rule_file(&entry.path()) {
            files.push(entry.path());
        }
    }
    files.sort();
    if files.is_empty() {
        return Err(Error::file(path, "no .yaml rule files in this folder"));
    }
    Ok(files)
}

enum Origin {
    Builtin,
    Disk,
}

struct Source {
    name: String,
    text: String,
    origin: Origin,
}

impl Source {
    fn error(
        &self,
        (line, column): (usize, usize),
        rule: Option<&str>,
        message: impl Into<String>,
    ) -> Error {
        Error::Rule {
            file: self.name.clone(),
            line,
            column,
            rule: rule.map(str::to_string),
            message: message.into(),
        }
    }

    /// Reads the terms of a word-list file named relative to this rule file.
    fn read_list(&self, relative: &str) -> std::result::Result<String, String> {
        match self.origin {
            Origin::Builtin => {
                let dir = Path::new(&self.name).parent().unwrap_or(Path::new(""));
                let wanted = normalize(&dir.join(relative));
                BUILTIN
                    .iter()
                    .find(|(p, _)| normalize(Path::new(p)) == wanted)
                    .map(|(_, text)| text.to_string())
                    .ok_or_else(|| {
                        format!("word-list file `{relative}` is not among the built-in files")
                    })
            }
            Origin::Disk => {
                let path = Path::new(&self.name)
                    .parent()
                    .unwrap_or(Path::new("."))
                    .join(relative);
                std::fs::read_to_string(&path)
                    .map_err(|e| format!("cannot read word-list file {}: {e}", path.display()))
            }
        }
    }

    /// Best-effort position of `key:` within the rule `id` (or of the id line itself), so
    /// that errors found after parsing still point at a line.
    fn locate(&self, id: Option<&str>, key: &str) -> (usize, usize) {
        self.locate_nth(id, 0, key)
    }

    /// [`Source::locate`] within the `nth` (0-based) rule of this file that has `id`.
    fn locate_nth(&self, id: Option<&str>, nth: usize, key: &str) -> (usize, usize) {
        let lines: Vec<&str> = self.text.lines().collect();
        let mut from = 0;
        if let Some(id) = id {
            let found = lines
                .iter()
                .enumerate()
                .filter(|(_, l)| {
                    let t = l.trim_start().trim_start_matches('-').trim_start();
                    t.strip_prefix("id:")
                        .is_some_and(|v| v.trim().trim_matches(['"', '\'']) == id)
                })
                .nth(nth)
                .map(|(i, _)| i);
            match found {
                Some(i) => from = i,
                None => return (1, 1),
            }
        }
        for (i, line) in lines.iter().enumerate().skip(from) {
            if i > from && id.is_some() && line.trim_start().starts_with("- ") {
                break;
            }
            let t = line.trim_start().trim_start_matches('-').trim_start();
            if t.starts_with(&format!("{key}:")) {
                return (i + 1, line.len() - t.len() + 1);
            }
        }
        let line = lines.get(from).copied().unwrap_or("");
        (from + 1, line.len() - line.trim_start().len() + 1)
    }
}

fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

fn terms_of(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// A compiled pattern (as written in the rule file, before compiling) and its anchors, or
/// why it does not compile.
type Compiled = (
    String,
    std::result::Result<(Regexes, Option<anchors::Anchor>), String>,
);

/// Compiles `pattern`; a built-in rule's full regex is built when first needed (see
/// [`Regexes`]).
fn compile(pattern: &str, built_in: bool) -> Compiled {
    let compiled = ascii_word_boundaries(pattern);
    // Parsed once, for the regexes and the anchors.
    let result = regex_syntax::Parser::new()
        .parse(&compiled)
        .map_err(|e| format!("invalid regex: {e}"))
        .and_then(|hir| {
            let anchor = anchors::anchor_of_hir(&hir);
            Ok((Regexes::new(hir, built_in)?, anchor))
        });
    (pattern.to_string(), result)
}

/// The matcher of a pattern rule from its compiled regex, or why it cannot be one.
fn pattern_matcher(
    compiled: std::result::Result<(Regexes, Option<anchors::Anchor>), String>,
) -> std::result::Result<Matcher, String> {
    let (regex, anchor) = compiled?;
    if regex.either().is_match("") {
        return Err(
            "the regex matches the empty string; make it match at least one character".into(),
        );
    }
    let named = |veto: bool| -> Vec<usize> {
        regex
            .either()
            .group_info()
            .pattern_names(regex_automata::PatternID::ZERO)
            .enumerate()
            .filter(|(_, n)| n.is_some_and(|n| (n == "not" || n.starts_with("not_")) == veto))
            .map(|(i, _)| i)
            .collect()
    };
    let (groups, vetoes) = (named(false), named(true));
    Ok(Matcher::Pattern {
        regex: Box::new(regex),
        groups,
        vetoes,
        anchor,
    })
}

/// Threads compiling patterns ahead of the loader: with the one loading the word lists,
/// they share out the start-up's work.
const COMPILERS: usize = 2;

/// Compiles every `COMPILERS`-th pattern of `sources` from the `first`, in the order the
/// loader meets them, and sends each with its index among all the patterns; until the
/// loader stops listening or a file does not parse (the loader reports that).
fn compile_ahead(sources: &[Source], first: usize, sender: std::sync::mpsc::Sender<Ahead>) {
    let mut index = 0;
    for source in sources {
        let Ok(file) = serde_yaml::from_str::<RuleFile>(&source.text) else {
            return;
        };
        for spec in &file.rules {
            let listed = spec.terms.is_some() || spec.file.is_some();
            if let (Some(pattern), false) = (&spec.pattern, listed) {
                let built_in = matches!(source.origin, Origin::Builtin);
                if index % COMPILERS == first
                    && sender.send((index, compile(pattern, built_in))).is_err()
                {
                    return;
                }
                index += 1;
            }
        }
    }
}

/// A pattern compiled ahead, and its index among all the patterns.
type Ahead = (usize, Compiled);

/// The patterns the compiling threads send, handed out in the loader's order.
struct InOrder {
    receiver: std::sync::mpsc::Receiver<Ahead>,
    /// Patterns that came before their turn.
    early: HashMap<usize, Compiled>,
    next: usize,
}

impl InOrder {
    /// The next pattern in the loader's order, or `None` once the threads have stopped.
    fn next(&mut self) -> Option<Compiled> {
        loop {
            if let Some(compiled) = self.early.remove(&self.next) {
                self.next += 1;
                return Some(compiled);
            }
            let (index, compiled) = self.receiver.recv().ok()?;
            self.early.insert(index, compiled);
        }
    }
}

/// A pattern rule whose regex another thread is still compiling (see [`RuleSet::load`]).
struct Pending {
    rule: usize,
    /// Index of the rule's file among the loaded sources.
    source: usize,
    pattern: String,
}

#[derive(Default)]
struct Loader {
    /// Patterns compiled by [`compile_ahead`]; without it, each compiles as it is met.
    ahead: Option<InOrder>,
    pending: Vec<Pending>,
    /// Sources added so far.
    added: usize,
    rules: Vec<Rule>,
    lexicon: LexiconBuilder,
    common_words: HashSet<String>,
    rewrite: BTreeMap<Category, RewriteSpec>,
    regions: HashMap<String, String>,
    organisation_kinds: HashMap<String, String>,
    ids: HashMap<String, String>,
}

impl Loader {
    fn add(&mut self, source: &Source) -> Result<()> {
        let file: RuleFile = serde_yaml::from_str(&source.text).map_err(|e| {
            let (line, column) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
            source.error(
                (line, column),
                None,
                format!("{e}; fix the YAML and run again"),
            )
        })?;
        if let Some(keep) = &file.keep {
            for term in self.terms(source, None, "keep", keep)? {
                self.lexicon.add(&term, Owner::Keep);
            }
        }
        if let Some(common) = &file.common_words {
            let terms = self.terms(source, None, "common_words", common)?;
            self.common_words.extend(terms.iter().map(|t| fold(t)));
        }
        for (key, table) in [
            ("place_regions", &file.place_regions),
            ("organisation_kinds", &file.organisation_kinds),
        ] {
            let Some(table) = table else { continue };
            for row in self.terms(source, None, key, table)? {
                if let Some((name, value)) = row.split_once('\t') {
                    let map = if key == "place_regions" {
                        &mut self.regions
                    } else {
                        &mut self.organisation_kinds
                    };
                    map.insert(fold(name.trim()), value.trim().to_string());
                }
            }
        }
        for (category, spec) in &file.rewrite {
            if spec.strategy == Strategy::Generalise && *category == Category::Person {
                return Err(source.error(
                    source.locate(None, "strategy"),
                    None,
                    "PERSON cannot be generalised; use placeholder or pseudonym",
                ));
            }
            if spec.strategy == Strategy::Pseudonym && *category != Category::Person {
                return Err(source.error(
                    source.locate(None, "strategy"),
                    None,
                    format!("the pseudonym strategy is for PERSON only, not {category}; use placeholder"),
                ));
            }
            self.rewrite.insert(*category, spec.clone());
        }
        for spec in file.rules {
            self.add_rule(source, spec)?;
        }
        self.added += 1;
        Ok(())
    }

    /// Gives the pattern rules met so far their regexes, in the order [`compile_ahead`]
    /// sends them; the first that does not compile is the error.
    fn resolve_pending(&mut self, sources: &[Source]) -> Result<()> {
        for pending in std::mem::take(&mut self.pending) {
            let received = self.ahead.as_mut().and_then(InOrder::next);
            let compiled = match received {
                Some(compiled) if compiled.0 == pending.pattern => compiled,
                // Out of step (it never should be): compile here from now on.
                _ => {
                    self.ahead = None;
                    let origin = sources.get(pending.source).map(|s| &s.origin);
                    compile(&pending.pattern, matches!(origin, Some(Origin::Builtin)))
                }
            };
            let rule = &mut self.rules[pending.rule];
            rule.matcher = pattern_matcher(compiled.1).map_err(|message| {
                let source = &sources[pending.source];
                source.error(
                    source.locate(Some(&rule.id), "pattern"),
                    Some(&rule.id),
                    message,
                )
            })?;
        }
        Ok(())
    }

    fn terms(
        &self,
        source: &Source,
        id: Option<&str>,
        key: &str,
        from: &TermSource,
    ) -> Result<Vec<String>> {
        let mut terms = Vec::new();
        for term in &from.terms {
            if term.trim().is_empty() {
                return Err(source.error(
                    source.locate(id, key),
                    id,
                    "an empty term would match nothing; remove it",
                ));
            }
            terms.push(term.trim().to_string());
        }
        if let Some(file) = &from.file {
            let text = source.read_list(file).map_err(|m| {
                source.error(
                    source.locate(id, "file"),
                    id,
                    format!("{m}; fix the `file:` path"),
                )
            })?;
            terms.extend(terms_of(&text).map(str::to_string));
        }
        Ok(terms)
    }

    fn add_rule(&mut self, source: &Source, spec: RuleSpec) -> Result<()> {
        let id = spec.id.clone();
        let here = |key: &str| source.locate(Some(&id), key);
        let fail = |key: &str, message: String| source.error(here(key), Some(&id), message);
        if !valid_id(&id) {
            return Err(fail(
                "id",
                "ids are lower-case dotted words, such as `person.title`".into(),
            ));
        }
        if let Some(previous) = self.ids.insert(id.clone(), source.name.clone()) {
            let nth = usize::from(previous == source.name);
            return Err(source.error(
                source.locate_nth(Some(&id), nth, "id"),
                Some(&id),
                format!("duplicate id, already defined in {previous}; rename one of them"),
            ));
        }
        let has_list = spec.terms.is_some() || spec.file.is_some();
        let matcher = match (&spec.pattern, has_list) {
            (Some(_), true) => {
                return Err(fail(
                    "pattern",
                    "a rule has either a `pattern` or a word list (`terms`/`file`), not both"
                        .into(),
                ))
            }
            (None, false) => {
                return Err(fail(
                    "id",
                    "the rule has nothing to match: give it a `pattern`, `terms` or `file`".into(),
                ))
            }
            (Some(pattern), false) if self.ahead.is_some() => {
                self.pending.push(Pending {
                    rule: self.rules.len(),
                    source: self.added,
                    pattern: pattern.clone(),
                });
                // Replaced by `resolve_pending`, so the word lists load while it compiles.
                Matcher::List { terms: 0 }
            }
            (Some(pattern), false) => {
                let built_in = matches!(source.origin, Origin::Builtin);
                pattern_matcher(compile(pattern, built_in).1)
                    .map_err(|message| fail("pattern", message))?
            }
            (None, true) => {
                let source_terms = TermSource {
                    terms: spec.terms.clone().unwrap_or_default(),
                    file: spec.file.clone(),
                };
                let key = if spec.terms.is_some() {
                    "terms"
                } else {
                    "file"
                };
                let index = self.rules.len();
                let mut count = 0;
                // Inline terms are few; a list file can hold tens of thousands: add those
                // straight from the file's text.
                let inline = TermSource {
                    terms: source_terms.terms.clone(),
                    file: None,
                };
                for term in self.terms(source, Some(&id), key, &inline)? {
                    self.lexicon.add(&term, Owner::Rule(index));
                    count += 1;
                }
                if let Some(file) = &spec.file {
                    let text = source.read_list(file).map_err(|m| {
                        source.error(
                            source.locate(Some(&id), "file"),
                            Some(&id),
                            format!("{m}; fix the `file:` path"),
                        )
                    })?;
                    let terms: Vec<&str> = terms_of(&text).collect();
                    for term in &terms {
                        self.lexicon.add(term, Owner::Rule(index));
                    }
                    count += terms.len();
                }
                Matcher::List { terms: count }
            }
        };
        for (list, key) in [(&spec.context, "context"), (&spec.except, "except")] {
            if list.iter().any(|t| t.trim().is_empty()) {
                return Err(fail(key, format!("an empty `{key}` entry; remove it")));
            }
        }
        self.rules.push(Rule {
            class: spec.class.unwrap_or(spec.category.default_class()),
            message: spec
                .message
                .unwrap_or_else(|| format!("{} detail", spec.category)),
            source: source.name.clone(),
            matcher,
            case: spec.case,
            common: spec.common,
            part: spec.part,
            validate: spec.validate,
            generalise: spec.generalise,
            context: spec.context.iter().map(|c| fold(c.trim())).collect(),
            except: spec.except.iter().map(|c| fold(c.trim())).collect(),
            priority: spec.priority,
            examples: spec.examples,
            category: spec.category,
            id,
        });
        Ok(())
    }

    fn finish(mut self, sources: &[Source]) -> Result<RuleSet> {
        let mut labels: Vec<String> = Category::ALL
            .iter()
            .map(|c| {
                self.rewrite
                    .get(c)
                    .and_then(|s| s.label.clone())
                    .unwrap_or_else(|| c.default_label().to_string())
            })
            .collect();
        labels.sort();
        labels.dedup();
        let alternatives: Vec<String> = labels.iter().map(|l| regex::escape(l)).collect();
        let placeholders = Regex::new(&format!(r"\[(?:{}) \d+\]", alternatives.join("|")))
            .expect("placeholder pattern");
        let lexicon = std::mem::take(&mut self.lexicon).build(|i| {
            self.rules
                .get(i)
                .is_some_and(|r| r.case == Case::Capitalised)
        });
        self.resolve_pending(sources)?;
        // A pseudonym that another rule would flag (Beverley, a town) could not pass `check`.
        let mut pseudonyms = builtin_pseudonyms();
        let person_only = |name: &String| {
            lexicon
                .owners_of(&fold(name))
                .iter()
                .all(|o| matches!(o, Owner::Rule(i) if self.rules[*i].category == Category::Person))
        };
        pseudonyms.given.retain(person_only);
        pseudonyms.surnames.retain(person_only);
        let anchors = anchors::Anchors::new(
            self.rules
                .iter()
                .map(|r| match &r.matcher {
                    Matcher::Pattern { anchor, .. } => anchor.clone(),
                    Matcher::List { .. } => None,
                })
                .collect(),
        );
        Ok(RuleSet {
            anchors,
            placeholders,
            regions: self.regions,
            organisation_kinds: self.organisation_kinds,
            rules: self.rules,
            lexicon,
            common_words: self.common_words,
            rewrite: self.rewrite,
            pseudonyms,
        })
    }
}

fn builtin_pseudonyms() -> Pseudonyms {
    // The pools are listed alphabetically; drawn in that order, a batch's people would be
    // Aaron, Abbie, Abdul... A fixed shuffle keeps runs deterministic and reads naturally.
    let list = |name: &str| {
        let mut names: Vec<String> = BUILTIN
            .iter()
            .find(|(p, _)| *p == name)
            .map(|(_, text)| terms_of(text).map(str::to_string).collect())
            .unwrap_or_default();
        names.sort_by_key(|n| *blake3::hash(n.as_bytes()).as_bytes());
        names
    };

    Pseudonyms {
        given: list("rules/lists/pseudonym-given.txt"),
        surnames: list("rules/lists/pseudonym-surnames.txt"),
    }
}

/// `pattern` with `\b` and `\B` as ASCII word boundaries. The regex crate's fast engines
/// cannot run Unicode word boundaries on non-ASCII text and fall back to one many times
/// slower; the detector repairs what ASCII boundaries get wrong at non-ASCII letters (a
/// match ending inside a word such as "José" is extended to the word's end, one starting
/// inside a word is dropped).
pub fn ascii_word_boundaries(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 16);
    let mut chars = pattern.chars();
    let mut class = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(b @ ('b' | 'B')) if class == 0 => {
                    out.push_str("(?-u:\\");
                    out.push(b);
                    // `\b{start}`, `\b{end-half}`: the brace is part of the assertion.
                    if b == 'b' && chars.as_str().starts_with('{') {
                        let kind = chars.as_str().find('}').map_or(0, |end| end + 1);
                        out.push_str(&chars.as_str()[..kind]);
                        chars = chars.as_str()[kind..].chars();
                    }
                    out.push(')');
                }
                Some(next) => {
                    out.push('\\');
                    out.push(next);
                }
                None => out.push('\\'),
            },
            '[' => {
                class += 1;
                out.push(c);
            }
            ']' if class > 0 => {
                class -= 1;
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.split('.').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A built-in rule's full regex is built when a text first needs it, and must build
    /// then: a user's rules are built whole as they load, so that a bad one is an error
    /// naming its file.
    #[test]
    fn the_built_in_rules_full_regexes_build_and_a_users_are_built_as_they_load() {
        let rules = RuleSet::load(&[], true).expect("built-in rules");
        let mut lazy = 0;
        for rule in &rules.rules {
            if let Matcher::Pattern { regex, .. } = &rule.matcher {
                lazy += usize::from(regex.full.get().is_none());
                let full = build_regex(&regex.hir);
                assert!(full.is_ok(), "{}: {full:?}", rule.id);
                assert_eq!(
                    regex.full().group_info().all_names().collect::<Vec<_>>(),
                    regex.either().group_info().all_names().collect::<Vec<_>>(),
                    "{}",
                    rule.id
                );
            }
        }
        assert!(lazy > 20, "only {lazy} built-in regexes left to build");
        let user = load_text(
            "rules:\n  - id: t.name\n    category: PERSON\n    pattern: '\\p{Lu}\\p{Ll}+ said'\n",
        )
        .expect("a rule");
        let Matcher::Pattern { regex, .. } = &user.rules[0].matcher else {
            panic!("a pattern rule");
        };
        assert!(regex.full.get().is_some() && regex.common.is_some());
    }

    fn load_text(text: &str) -> Result<RuleSet> {
        let mut loader = Loader::default();
        loader.add(&Source {
            name: "test.yaml".into(),
            text: text.into(),
            origin: Origin::Disk,
        })?;
        loader.finish(&[])
    }

    fn error_of(text: &str) -> String {
        match load_text(text) {
            Ok(_) => panic!("expected an error"),
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn errors_name_file_line_column_and_rule() {
        let text = "rules:\n  - id: a.b\n    category: PERSON\n    pattern: '(unclosed'\n";
        let e = error_of(text);
        assert!(
            e.starts_with("test.yaml:4:5: rule `a.b`: invalid regex"),
            "{e}"
        );
        let e = error_of(
            "rules:\n  - id: a.b\n    category: PERSON\n    pattern: x\n    colour: red\n",
        );
        assert!(
            e.starts_with("test.yaml:5:5: ") && e.contains("unknown field `colour`"),
            "{e}"
        );
        let e = error_of("rules:\n  - id: a.b\n    category: PEOPLE\n    pattern: x\n");
        assert!(
            e.starts_with("test.yaml:3:15: ") && e.contains("unknown variant `PEOPLE`"),
            "{e}"
        );
        let e = error_of("rules:\n  - id: a.b\n    category: LOC\n    pattern: x\n  - id: a.b\n    category: LOC\n    pattern: y\n");
        assert!(
            e.starts_with("test.yaml:5:5: rule `a.b`: duplicate id"),
            "{e}"
        );
        let e = error_of("rules:\n  - id: a.b\n    category: LOC\n    file: missing.txt\n");
        assert!(
            e.starts_with("test.yaml:4:5: rule `a.b`: cannot read word-list file"),
            "{e}"
        );
        let e = error_of("rules:\n  - id: a.b\n    category: LOC\n    pattern: 'x*'\n");
        assert!(e.contains("matches the empty string"), "{e}");
    }

    #[test]
    fn word_boundaries_become_ascii_outside_classes() {
        assert_eq!(
            ascii_word_boundaries(r"\bMr\b[\b]\\b\B"),
            r"(?-u:\b)Mr(?-u:\b)[\b]\\b(?-u:\B)"
        );
        // The special word boundaries keep their kind, and a repetition stays one.
        let special = ascii_word_boundaries(r"\b{start}Mr\b{end-half} x{2}");
        assert_eq!(special, r"(?-u:\b{start})Mr(?-u:\b{end-half}) x{2}");
        let special = meta::Regex::new(&special).unwrap();
        assert!(special.is_match("Mr xx") && !special.is_match("AMr xx"));
    }

    #[test]
    fn builtin_rules_load() {
        let set = RuleSet::load(&[], true).expect("built-in rules are valid");
        assert!(!set.rules.is_empty());
        assert!(
            set.lexicon.len() > 50_000,
            "word lists are loaded: {}",
            set.lexicon.len()
        );
    }
}
