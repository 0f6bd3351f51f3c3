//! Arbitrary bytes through the whole pipeline with the built-in rules: decoding either
//! fails cleanly or the text is redacted, and applying the audit records back to front must
//! rebuild the output exactly; pattern rules run on their anchors' lines find exactly what
//! full scans find.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;
use veil::rules::RuleSet;

fn rules() -> &'static RuleSet {
    static RULES: OnceLock<RuleSet> = OnceLock::new();
    RULES.get_or_init(|| RuleSet::load(&[], true).expect("built-in rules"))
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = veil::input::decode(data.to_vec(), "fuzz") else { return };
    let rules = rules();
    let (mut anchored, mut full) = (Vec::new(), Vec::new());
    veil::detect::patterns::find(rules, &text, true, &mut anchored);
    veil::detect::patterns::find(rules, &text, false, &mut full);
    assert_eq!(anchored, full);
    let found = veil::pipeline::find(rules, &text);
    let (table, changes) = veil::pipeline::link(rules, None, None, [&found]);
    let output = veil::rewrite::apply(&text, &changes[0], &table);
    let log = veil::audit::render("fuzz", &text, &changes[0], rules, &table, &veil::audit::Originals::Keep);
    let mut rebuilt = text.clone();
    let records: Vec<veil::audit::Record> = log.lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    for r in records.iter().rev() {
        rebuilt.replace_range(r.start..r.end, &r.replacement);
    }
    assert_eq!(rebuilt, output);
});
