//! The Monte Carlo probability of a deal: exact when nothing is uncertain, reproducible,
//! and converging as the number of samples grows.

use std::sync::atomic::AtomicBool;

use accord_analysis::Analyzer;
use accord_forecast::{MonteCarloOptions, MonteCarloResult, run_monte_carlo};
use accord_model::{BUILTIN_SCENARIOS, Format, Scenario, load_str};
use proptest::prelude::*;

fn default_scenario() -> Scenario {
    let s = &BUILTIN_SCENARIOS[0];
    match load_str(s.toml, s.file, Format::Toml) {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

fn run(s: &Scenario, samples: usize, seed: u64) -> MonteCarloResult {
    run_monte_carlo(
        s,
        &MonteCarloOptions { samples, seed },
        &AtomicBool::new(false),
        &|_| {},
    )
}

/// A two-party scenario whose judgements are all certain, with a tunable reservation.
fn certain(reservation: f64) -> Scenario {
    let text = format!(
        r#"
[scenario]
id = "certain"
title = "nothing uncertain"

[[parties]]
id = "a"
name = "A"
role = "principal"
capability = 1

[[parties]]
id = "b"
name = "B"
role = "principal"
capability = 1

[[issues]]
id = "x"
name = "X"
options = ["p", "q", "r"]

[[issues]]
id = "y"
name = "Y"
options = ["s", "t"]

[preferences.a]
reservation = {reservation}
weights = {{ x = 0.6, y = 0.4 }}
values.x = {{ p = 1.0, q = 0.5, r = 0.0 }}
values.y = {{ s = 0.0, t = 1.0 }}

[preferences.b]
reservation = {reservation}
weights = {{ x = 0.5, y = 0.5 }}
values.x = {{ p = 0.0, q = 0.6, r = 1.0 }}
values.y = {{ s = 1.0, t = 0.2 }}
"#
    );
    match load_str(&text, "certain.toml", Format::Toml) {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    /// With zero uncertainty every sample is the scenario itself: the probability is the
    /// deterministic answer (0 or 1) with no error, and the Nash package is the analysis's.
    #[test]
    fn zero_uncertainty_equals_the_deterministic_analysis(r in 0.0f64..0.9, samples in 1usize..40, seed in any::<u64>()) {
        let s = certain(r);
        let an = match Analyzer::new(&s) { Ok(a) => a, Err(e) => panic!("{e}") };
        let exists = an.zone_exists();
        let res = run(&s, samples, seed);
        prop_assert!(res.judgements.is_empty());
        prop_assert_eq!(res.deal_at_nominal, exists);
        let expected = if exists { 1.0 } else { 0.0 };
        prop_assert!((res.p_deal.p - expected).abs() < 1e-12);
        prop_assert!(res.p_deal.standard_error.abs() < 1e-12);
        if let Some(nash) = an.nash() {
            for (ii, d) in res.nash_distribution.iter().enumerate() {
                let chosen = nash.package.levels()[ii] as usize;
                prop_assert!((d.options[chosen].1 - 1.0).abs() < 1e-12);
            }
        }
    }
}

#[test]
fn same_seed_same_answer_and_prefixes_agree() {
    let s = default_scenario();
    let a = run(&s, 300, 42);
    let b = run(&s, 300, 42);
    assert!((a.p_deal.p - b.p_deal.p).abs() < 1e-15);
    assert_eq!(
        serde_json::to_string(&a.sensitivity).ok(),
        serde_json::to_string(&b.sensitivity).ok()
    );
    // Sample i does not depend on the number of threads.
    let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build();
    if let Ok(pool) = pool {
        let c = pool.install(|| run(&s, 300, 42));
        assert!((a.p_deal.p - c.p_deal.p).abs() < 1e-15);
    }
}

#[test]
fn the_estimate_converges_and_its_standard_error_shrinks() {
    let s = default_scenario();
    assert!(
        !s.uncertain().is_empty(),
        "the default scenario states uncertainty"
    );
    let reference = run(&s, 5000, 7);
    let p = reference.p_deal.p;
    assert!(
        p > 0.0 && p < 1.0,
        "the default scenario's deal is uncertain (p = {p})"
    );
    let mut last_se = f64::INFINITY;
    for n in [200, 800, 3200] {
        let r = run(&s, n, 1000 + n as u64);
        // The reported error is the binomial one...
        let expected_se = (r.p_deal.p * (1.0 - r.p_deal.p) / n as f64).sqrt();
        assert!((r.p_deal.standard_error - expected_se).abs() < 1e-12);
        // ...it shrinks as N grows...
        assert!(r.p_deal.standard_error < last_se);
        last_se = r.p_deal.standard_error;
        // ...and an independent estimate lies within 4.5 combined errors of the reference.
        let se = (r.p_deal.standard_error.powi(2) + reference.p_deal.standard_error.powi(2)).sqrt();
        assert!(
            (r.p_deal.p - p).abs() < 4.5 * se,
            "N = {n}: {} vs reference {p} (se {se})",
            r.p_deal.p
        );
    }
}

#[test]
fn sensitivity_ranks_judgements_by_effect() {
    let s = default_scenario();
    let r = run(&s, 2000, 3);
    assert_eq!(r.sensitivity.len(), r.judgements.len());
    for w in r.sensitivity.windows(2) {
        assert!(w[0].effect.abs() >= w[1].effect.abs());
    }
    for sv in &r.sensitivity {
        assert!((sv.effect - (sv.p_deal_high - sv.p_deal_low)).abs() < 1e-12);
    }
    // Interrupting before the start reports no samples and says so.
    let stopped = run_monte_carlo(
        &s,
        &MonteCarloOptions {
            samples: 100,
            seed: 1,
        },
        &AtomicBool::new(true),
        &|_| {},
    );
    assert!(stopped.interrupted);
    assert_eq!(stopped.samples, 0);
}
