//! Arbitrary rule files: loading must return a rule set or a clear error, never panic or
//! hang; a loaded set must run over a sample text.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(rules) = veil::rules::RuleSet::from_text("fuzz.yaml", text) {
        let found = veil::pipeline::find(&rules, "Mr Okafor met Siân in Leeds on 3 March 2019 at 10:41.");
        let _ = veil::pipeline::link(&rules, None, None, [&found]);
    }
});
