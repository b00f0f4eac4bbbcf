//! Negotiates the default scenario (the November 2025 talks) with a few agent line-ups,
//! under both protocols, and prints one line per run.
//!
//! `cargo run --release -p accord-negotiation --example default_scenario`

use std::sync::Arc;
use std::time::Instant;

use accord_model::{BUILTIN_SCENARIOS, Format, load_str};
use accord_negotiation::{
    AgentSpec, Domain, MediationConfig, Protocol, SaoConfig, Simulation, simulate,
};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let b = &BUILTIN_SCENARIOS[0];
    let scenario = load_str(b.toml, b.file, Format::Toml)?.scenario;
    let t0 = Instant::now();
    let domain = Arc::new(Domain::new(scenario)?);
    println!(
        "{}: {} issues, {:.3e} packages, seats {:?}, enumerated {}, prepared in {:.0} ms",
        domain.name(),
        domain.n_issues(),
        domain.size() as f64,
        (0..domain.n_seats())
            .map(|s| domain.seat_id(s))
            .collect::<Vec<_>>(),
        domain.is_enumerated(),
        t0.elapsed().as_secs_f64() * 1e3
    );
    for s in 0..domain.n_seats() {
        let sp = domain.space(s);
        println!(
            "  {}: reservation {:.2}, {} offerable packages, utility {:.3}..{:.3}",
            domain.seat_id(s),
            domain.reservation(s),
            sp.len(),
            sp.min_utility().unwrap_or(f64::NAN),
            sp.max_utility().unwrap_or(f64::NAN)
        );
    }
    // Single-issue red lines alone: issues on which no option is allowed by every seat.
    let sc = domain.scenario();
    for (i, issue) in sc.issues.iter().enumerate() {
        let allowed: Vec<&str> = (0..issue.len() as u32)
            .filter(|&l| (0..domain.n_seats()).all(|s| !domain.prefs(s).forbids(i, l)))
            .map(|l| issue.level_id(l))
            .collect();
        if allowed.len() < 2 {
            println!(
                "  issue `{}`: options allowed by every seat: {allowed:?}",
                issue.id
            );
        }
    }
    let n = domain.n_seats();
    for line_up in [
        ["linear"; 1],
        ["conceder"; 1],
        ["boulware"; 1],
        ["frequency"; 1],
        ["nice-tit-for-tat"; 1],
    ] {
        for protocol in [
            Protocol::Sao(SaoConfig::rounds(200)),
            Protocol::Mediated(MediationConfig::rounds(200)),
        ] {
            let sim = Simulation {
                domain: domain.clone(),
                agents: vec![AgentSpec::parse(line_up[0])?; n],
                protocol: protocol.clone(),
                seed: 1,
            };
            let t0 = Instant::now();
            let out = simulate(&sim, None)?;
            println!(
                "{:>16} x{n} {:>8}: {:>9} after {:>3} rounds in {:>6.2} ms; utilities {:?}{}",
                line_up[0],
                protocol.name(),
                out.result.end.label(),
                out.result.rounds,
                t0.elapsed().as_secs_f64() * 1e3,
                out.result
                    .utilities
                    .iter()
                    .map(|u| (u * 1000.0).round() / 1000.0)
                    .collect::<Vec<_>>(),
                out.result
                    .agreement
                    .map(|x| format!("\n      {}", domain.describe(x)))
                    .unwrap_or_default()
            );
        }
    }
    Ok(())
}
