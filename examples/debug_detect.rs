//! Prints the candidates and kept spans detection finds in a text: `cargo run --example debug_detect -- TEXT`.
fn main() {
    let text = std::env::args().nth(1).expect("usage: debug_detect TEXT");
    let rules = veil::rules::RuleSet::load(&[], true).expect("built-in rules");
    let d = veil::detect::detect(&rules, &text);
    for c in &d.candidates {
        println!(
            "{:?} {:?} {}",
            &text[c.start..c.end],
            c.category,
            rules.rule(c.rule).id
        );
    }
    for (s, e) in &d.kept {
        println!("kept {:?}", &text[*s..*e]);
    }
}
