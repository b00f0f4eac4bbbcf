//! Times accord on the benchmark workloads and prints JSON (used by
//! `scripts/negmas_sao_reference.py --bench` to print the speed ratio against NegMAS).
//!
//! `cargo run --release -p accord-negotiation --example sao_timing`

use std::time::Instant;

use accord_negotiation::{AgentSpec, Deadline, RunOptions, SaoConfig, build_agents, run_sao};

#[path = "../benches/support/mod.rs"]
mod support;

fn median_ms(mut f: impl FnMut() -> u32, reps: usize) -> (f64, u32) {
    let mut v = Vec::with_capacity(reps);
    let mut steps = 0;
    for _ in 0..reps {
        let t0 = Instant::now();
        steps = f();
        v.push(t0.elapsed().as_secs_f64() * 1e3);
    }
    v.sort_by(f64::total_cmp);
    (v[v.len() / 2], steps)
}

fn main() {
    let d = support::fixture_domain("opposed_4x10");
    let mut out = serde_json::Map::new();
    for (label, a, b) in [
        (
            "boulware_vs_conceder",
            support::NEGMAS_BOULWARE,
            support::NEGMAS_CONCEDER,
        ),
        ("hardliner_vs_hardliner", "hardliner", "hardliner"),
    ] {
        let specs = [
            AgentSpec::parse(a).expect("spec"),
            AgentSpec::parse(b).expect("spec"),
        ];
        let (ms, rounds) = median_ms(
            || {
                let mut agents =
                    build_agents(&d, &specs, Deadline::Rounds(1000), 0).expect("agents");
                run_sao(&d, &mut agents, SaoConfig::rounds(1000), None)
                    .expect("runs")
                    .rounds
            },
            2001,
        );
        out.insert(
            label.into(),
            serde_json::json!({ "ms_median": ms, "rounds": rounds }),
        );
    }
    // Every agent against a hardliner (so the full 1000 rounds run unless it gives in).
    let mut per_agent = serde_json::Map::new();
    for info in accord_negotiation::agents() {
        let specs = [
            AgentSpec::parse(info.name).expect("spec"),
            AgentSpec::parse("hardliner").expect("spec"),
        ];
        let (ms, rounds) = median_ms(
            || {
                let mut agents =
                    build_agents(&d, &specs, Deadline::Rounds(1000), 0).expect("agents");
                run_sao(&d, &mut agents, SaoConfig::rounds(1000), None)
                    .expect("runs")
                    .rounds
            },
            201,
        );
        per_agent.insert(
            info.name.into(),
            serde_json::json!({ "ms_median": ms, "rounds": rounds }),
        );
    }
    out.insert("vs_hardliner".into(), serde_json::Value::Object(per_agent));
    let t = support::small_tournament();
    let (ms, _) = median_ms(
        || t.run(&RunOptions::default()).expect("runs").records.len() as u32,
        11,
    );
    out.insert(
        "tournament_150".into(),
        serde_json::json!({ "ms_median": ms }),
    );
    let t0 = Instant::now();
    let _ = support::fixture_domain("opposed_4x10");
    out.insert(
        "domain_build_ms".into(),
        (t0.elapsed().as_secs_f64() * 1e3).into(),
    );
    // A default-scenario-sized space: pools instead of enumeration.
    let t0 = Instant::now();
    let big = support::big_domain();
    let build_ms = t0.elapsed().as_secs_f64() * 1e3;
    let specs: Vec<AgentSpec> = ["boulware", "conceder", "frequency", "nice-tit-for-tat"]
        .iter()
        .map(|s| AgentSpec::parse(s).expect("spec"))
        .collect();
    let (ms, rounds) = median_ms(
        || {
            let mut agents = build_agents(&big, &specs, Deadline::Rounds(1000), 0).expect("agents");
            run_sao(&big, &mut agents, SaoConfig::rounds(1000), None)
                .expect("runs")
                .rounds
        },
        101,
    );
    out.insert(
        "big_4_party_1e9".into(),
        serde_json::json!({ "packages": big.size(), "build_ms": build_ms, "ms_median": ms, "rounds": rounds }),
    );
    println!("{}", serde_json::Value::Object(out));
}
