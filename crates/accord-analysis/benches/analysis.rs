//! Benchmarks of the exact analysis on synthetic scenarios.
//!
//! `cargo bench -p accord-analysis --bench analysis` (add `-- --quick` for a short run).

use accord_analysis::Analyzer;
use accord_analysis::synthetic::{Params, generate};
use criterion::{Criterion, criterion_group, criterion_main};

/// Bilateral, additive, no red lines: the Pareto frontier (whole space and zone) and the
/// Nash point, at 10^4 to 10^7 outcomes (issues of 10 options).
fn bilateral_pareto_nash(c: &mut Criterion) {
    let mut g = c.benchmark_group("bilateral_pareto_nash");
    g.sample_size(10);
    for issues in [4usize, 5, 6, 7] {
        let s = generate(&Params {
            issues,
            options: 10,
            parties: 2,
            red_lines: 0,
            reservation: 0.3,
            seed: 3,
            ..Params::default()
        });
        g.bench_function(format!("1e{issues}"), |b| {
            b.iter(|| {
                let an = Analyzer::new(&s).expect("compiles");
                let p = an.pareto();
                let n = an.solutions().nash.map(|n| n.objective);
                (p.size, n)
            });
        });
    }
    g.finish();
}

/// Zone (existence, witness, count within its budget), Nash and blockers.
fn zopa_nash_blockers(c: &mut Criterion) {
    let mut g = c.benchmark_group("zopa_nash_blockers");
    g.sample_size(10);
    let cases = [
        ("28x4x4_open", 28, 4, 4, 0.45, 1, 0),
        ("28x4x4_blocked", 28, 4, 4, 0.7, 2, 1),
        ("60x5x6_open", 60, 5, 6, 0.45, 1, 0),
        ("60x5x6_tight", 60, 5, 6, 0.65, 1, 0),
        ("60x5x6_blocked", 60, 5, 6, 0.7, 1, 0),
    ];
    for (name, issues, options, parties, reservation, red_lines, combo) in cases {
        let s = generate(&Params {
            issues,
            options,
            parties,
            red_lines,
            combo_red_lines: combo,
            reservation,
            seed: 1,
            ..Params::default()
        });
        g.bench_function(name, |b| {
            b.iter(|| {
                let an = Analyzer::new(&s).expect("compiles");
                let z = an.zopa();
                let n = an.solutions().nash.map(|n| n.objective);
                let bl = an.blockers();
                (z.exists, n, bl.0.len())
            });
        });
    }
    g.finish();
}

criterion_group!(benches, bilateral_pareto_nash, zopa_nash_blockers);
criterion_main!(benches);
