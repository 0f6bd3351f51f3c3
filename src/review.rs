//! The review report (`veil redact --report FILE.html`): one self-contained HTML page, with
//! no network requests, showing each document with every change highlighted by category
//! (the rule and entity on hover or focus), a summary per category and rule, the entity
//! table, and keyboard navigation from change to change (`n` / `p`, or Tab).
//! It carries the originals, so it is written owner-only like the audit log.

use crate::error::{Error, Result};
use crate::redact::Sink;
use crate::resolve::entities::EntityTable;
use crate::rewrite::Change;
use crate::rules::RuleSet;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

/// Collects the documents of a batch, then writes the page.
#[derive(Default)]
pub struct Review {
    /// (file, highlighted HTML of the document)
    documents: Vec<(String, String)>,
    /// Changes per entity index.
    mentions: BTreeMap<usize, usize>,
    /// (category, rule id) → changes
    rules: BTreeMap<(String, String), usize>,
    pending: Vec<(String, String, Vec<Change>)>,
}

impl Sink for Review {
    fn document(&mut self, file: &str, text: &str, changes: &[Change]) {
        self.pending
            .push((file.to_string(), text.to_string(), changes.to_vec()));
    }
}

fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

impl Review {
    /// Renders the collected documents with `table`'s replacements and writes the page to
    /// `path`, owner-only.
    pub fn write(mut self, path: &Path, rules: &RuleSet, table: &EntityTable) -> Result<()> {
        let mut index = 0usize;
        for (file, text, changes) in std::mem::take(&mut self.pending) {
            let mut html = String::new();
            let mut at = 0;
            for c in &changes {
                let f = c.finding;
                let entity = table.get(c.entity);
                let rule = &rules.rule(f.rule).id;
                html.push_str(&escape(&text[at..f.start]));
                index += 1;
                write!(
                    html,
                    "<mark class=\"change {cat}\" id=\"c{index}\" tabindex=\"0\" data-category=\"{cat}\" data-rule=\"{rule}\" data-entity=\"{eid}\" title=\"{cat} · {rule} · {eid} → {rep}\"><del>{orig}</del><ins>{rep}</ins></mark>",
                    cat = f.category.name(),
                    rule = escape(rule),
                    eid = entity.id(),
                    rep = escape(entity.replacement),
                    orig = escape(&text[f.start..f.end]),
                )
                .expect("writing to a string");
                at = f.end;
                *self.mentions.entry(c.entity).or_default() += 1;
                *self
                    .rules
                    .entry((f.category.name().to_string(), rule.clone()))
                    .or_default() += 1;
            }
            html.push_str(&escape(&text[at..]));
            self.documents.push((file, html));
        }
        let page = self.page(table, index);
        crate::output::write_atomic(path, page.as_bytes(), 0o600)
            .map_err(|e| Error::io(path, "write report", e))
    }

    fn page(&self, table: &EntityTable, changes: usize) -> String {
        let mut by_category: BTreeMap<&str, usize> = BTreeMap::new();
        for ((cat, _), n) in &self.rules {
            *by_category.entry(cat).or_default() += n;
        }
        let mut summary = String::new();
        for (cat, n) in &by_category {
            writeln!(summary, "<tr data-category=\"{cat}\"><td><span class=\"swatch {cat}\"></span>{cat}</td><td>all rules</td><td class=\"n\">{n}</td></tr>").unwrap();
        }
        for ((cat, rule), n) in &self.rules {
            writeln!(summary, "<tr class=\"rule\" data-rule=\"{}\"><td>{cat}</td><td>{}</td><td class=\"n\">{n}</td></tr>", escape(rule), escape(rule)).unwrap();
        }
        let mut entities = String::new();
        for (i, n) in &self.mentions {
            let e = table.get(*i);
            writeln!(
                entities,
                "<tr data-entity=\"{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{n}</td></tr>",
                e.id(),
                e.id(),
                e.category,
                escape(e.first),
                escape(e.replacement)
            )
            .unwrap();
        }
        let mut docs = String::new();
        for (file, html) in &self.documents {
            writeln!(
                docs,
                "<section class=\"doc\"><h2>{}</h2><pre>{html}</pre></section>",
                escape(file)
            )
            .unwrap();
        }
        format!(
            r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'">
<title>veil review: {changes} changes in {docs_n} documents</title>
<style>{CSS}</style></head>
<body>
<header><h1>veil review</h1>
<p class="warning">This page shows the originals veil removed. Keep it private.</p>
<p id="status">{changes} changes in {docs_n} documents, {entities_n} entities. Keys: <kbd>n</kbd> next change, <kbd>p</kbd> previous.</p></header>
<main>
<section class="tables">
<h2>Changes by category and rule</h2>
<table id="summary"><thead><tr><th>category</th><th>rule</th><th>changes</th></tr></thead><tbody>
{summary}</tbody></table>
<h2>Entities</h2>
<table id="entities"><thead><tr><th>entity</th><th>category</th><th>first mention</th><th>replacement</th><th>mentions</th></tr></thead><tbody>
{entities}</tbody></table>
</section>
{docs}
</main>
<aside id="detail" aria-live="polite"></aside>
<script>{JS}</script>
</body></html>
"#,
            docs_n = self.documents.len(),
            entities_n = self.mentions.len(),
        )
    }
}

const CSS: &str = r#"
body{font-family:system-ui,sans-serif;margin:0;color:#1d1d1d;background:#fafafa}
header{padding:1rem 2rem;background:#22313f;color:#fff}
header h1{margin:0 0 .3rem}
.warning{color:#ffd479;font-weight:600;margin:.2rem 0}
main{padding:1rem 2rem}
table{border-collapse:collapse;margin:.5rem 0 1.5rem;background:#fff}
th,td{border:1px solid #ccc;padding:.25rem .6rem;text-align:left}
td.n{text-align:right}
tr.rule td{color:#555;font-size:.9em}
.doc{background:#fff;border:1px solid #ddd;margin:1rem 0;padding:.5rem 1rem}
.doc h2{font-size:1rem;color:#22313f}
pre{white-space:pre-wrap;font-family:Georgia,serif;font-size:1rem;line-height:1.5}
mark.change{border-radius:3px;padding:0 2px;cursor:help}
mark.change del{text-decoration:line-through;opacity:.75;margin-right:.25em}
mark.change ins{text-decoration:none;font-weight:600}
mark.change:focus{outline:3px solid #000}
.PERSON{background:#ffd6d6}.LOC{background:#d6ecff}.ORG{background:#e3d6ff}.DATETIME{background:#fff2c2}
.CODE{background:#ffd9b3}.DEM{background:#d6ffe0}.QUANTITY{background:#e8e8e8}.MISC{background:#f0d6e8}
.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:middle}
#detail{position:fixed;bottom:0;left:0;right:0;background:#22313f;color:#fff;padding:.4rem 2rem;min-height:1.4em}
"#;

const JS: &str = r#"
(function(){
  var marks = Array.prototype.slice.call(document.querySelectorAll('mark.change'));
  var detail = document.getElementById('detail');
  var current = -1;
  function show(m){ detail.textContent = m.getAttribute('title'); }
  function go(i){
    if(!marks.length) return;
    current = (i + marks.length) % marks.length;
    marks[current].focus();
    marks[current].scrollIntoView({block:'center'});
    show(marks[current]);
  }
  marks.forEach(function(m, i){
    m.addEventListener('focus', function(){ current = i; show(m); });
    m.addEventListener('mouseenter', function(){ show(m); });
  });
  document.addEventListener('keydown', function(e){
    if(e.key === 'n' || e.key === 'j'){ go(current + 1); e.preventDefault(); }
    if(e.key === 'p' || e.key === 'k'){ go(current - 1); e.preventDefault(); }
  });
})();
"#;
