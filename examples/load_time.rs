//! How long the built-in rules take to load: `cargo run --release --example load_time`.
fn main() {
    let runs: Vec<f64> = (0..5)
        .map(|_| {
            let t = std::time::Instant::now();
            let rules = veil::rules::RuleSet::load(&[], true).expect("built-in rules");
            std::hint::black_box(&rules);
            t.elapsed().as_secs_f64() * 1e3
        })
        .collect();
    println!("load: {runs:.1?} ms");
}
