//! Times the work NegMAS does in `pareto_frontier` + `nash_points`: the Pareto frontier of
//! the whole outcome space over every party with preferences, and the Nash point on it.
//!
//! ```text
//! cargo run --release -p accord-analysis --example bench_pareto -- PATH [--reps R] [--frontier]
//! ```
//!
//! `PATH` is an accord scenario (`.toml` / `.json`) or a GENIUS / GeniusWeb folder, read
//! with NegMAS 0.16 semantics (`accord_formats::Semantics::Negmas`). Prints one JSON object:
//!
//! - `outcomes`, `parties`;
//! - `pareto_size`: distinct non-dominated utility vectors of the whole space (no
//!   reservations); `zone_size`: the same among packages giving every party at least its
//!   reservation (NegMAS's `pareto_frontier` keeps only such "rational" outcomes);
//! - `nash`: `Pareto::nash_frontier`, the frontier point maximising the product of gains
//!   over the reservations;
//! - `nash_negmas_rule`: the same with NegMAS's `nash_points` rules — searched on the
//!   rational frontier, disagreement `d_i` = reservation if finite and at least the party's
//!   minimum utility, else that minimum. When every reservation equals the party's minimum
//!   (the synthetic benchmark domains: reservation 0, minimum 0) the two coincide;
//! - `seconds_load`: reading, parsing and validating the file (best of R);
//! - `seconds_compile`: `Analyzer::with_options` (best of R);
//! - `seconds_pareto_nash`: `pareto_over` + both Nash points (best of R);
//! - `seconds_analysis`: compile + pareto + Nash in one repetition (best of R);
//! - with `--frontier`: `frontier` and `zone_frontier`, every point (not timed).
//!
//! Timings are wall clock (`std::time::Instant`).

use std::path::Path;
use std::time::Instant;

use accord_analysis::{Analyzer, Options, Pareto};
use accord_formats::Semantics;
use accord_model::{Format, Scenario, load_doc, load_str};
use serde_json::json;

fn load(path: &Path) -> Result<Scenario, String> {
    let is_scenario_file = path.is_file()
        && path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("toml") || e.eq_ignore_ascii_case("json"));
    if is_scenario_file {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let name = path.display().to_string();
        load_str(&text, &name, Format::from_path(path))
            .map(|l| l.scenario)
            .map_err(|e| e.to_string())
    } else {
        let imported = accord_formats::load(path, Semantics::Negmas).map_err(|e| e.to_string())?;
        load_doc(imported.doc, &path.display().to_string())
            .map(|l| l.scenario)
            .map_err(|e| e.to_string())
    }
}

/// Smallest utility of each party over the whole space, when the utility is additive
/// (interaction terms that always apply count as constants); `None` otherwise.
fn minimum_utilities(s: &Scenario) -> Vec<Option<f64>> {
    s.parties_with_preferences()
        .into_iter()
        .map(|p| {
            let pr = s.prefs(p);
            if pr.interactions.iter().any(|t| !t.conditions.is_empty()) {
                return None;
            }
            // Same order of additions as evaluating the worst package: 0, then issue by issue.
            let mut u = 0.0;
            for (i, issue) in s.issues.iter().enumerate() {
                #[allow(clippy::cast_possible_truncation)]
                let m = (0..issue.len() as u32)
                    .map(|l| pr.contribution(i, l))
                    .fold(f64::INFINITY, f64::min);
                u += m;
            }
            for t in &pr.interactions {
                u += t.value;
            }
            Some(u)
        })
        .collect()
}

/// NegMAS's `nash_points` on the rational frontier: maximise the product of `u_i - d_i`.
fn nash_negmas_rule(p: &Pareto, reservations: &[f64], minima: &[Option<f64>]) -> Option<Vec<f64>> {
    let d: Vec<f64> = reservations
        .iter()
        .zip(minima)
        .map(|(&r, m)| match m {
            Some(m) if !(r.is_finite() && r >= *m) => *m,
            _ => r,
        })
        .collect();
    let product = |u: &Vec<f64>| u.iter().zip(&d).map(|(x, d)| x - d).product::<f64>();
    // NegMAS keeps the first point with a strictly larger product.
    let mut best: Option<(&Vec<f64>, f64)> = None;
    for u in &p.zone_points {
        let v = product(u);
        if best.is_none_or(|(_, b)| v > b) {
            best = Some((u, v));
        }
    }
    best.map(|(u, _)| u.clone())
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut path = None;
    let mut reps: usize = 5;
    let mut emit_frontier = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--reps" => {
                reps = it
                    .next()
                    .and_then(|x| x.parse().ok())
                    .filter(|&r| r > 0)
                    .unwrap_or_else(|| fail("--reps needs a positive integer"));
            }
            "--frontier" => emit_frontier = true,
            "-h" | "--help" => {
                eprintln!("usage: bench_pareto PATH [--reps R] [--frontier]");
                return;
            }
            _ if path.is_none() => path = Some(a.clone()),
            _ => fail(&format!("unexpected argument `{a}`")),
        }
    }
    let path = path.unwrap_or_else(|| fail("usage: bench_pareto PATH [--reps R] [--frontier]"));
    let path = Path::new(&path);

    let mut seconds_load = f64::INFINITY;
    let mut scenario = None;
    for _ in 0..reps {
        let t = Instant::now();
        let s = load(path).unwrap_or_else(|e| fail(&e));
        seconds_load = seconds_load.min(t.elapsed().as_secs_f64());
        scenario = Some(s);
    }
    let Some(s) = scenario else { unreachable!() };

    let cols = s.parties_with_preferences();
    let ids: Vec<String> = cols.iter().map(|&p| s.parties[p].id.clone()).collect();
    let reservations: Vec<f64> = cols.iter().map(|&p| s.prefs(p).reservation).collect();
    let opts = Options {
        // The zone (reservations) over every party, as NegMAS's rational filter.
        parties: Some(ids.clone()),
        pareto_points: usize::MAX,
        ..Options::default()
    };

    let (mut best_compile, mut best_pareto, mut best_total) =
        (f64::INFINITY, f64::INFINITY, f64::INFINITY);
    let mut last = None;
    for _ in 0..reps {
        let t0 = Instant::now();
        let an = Analyzer::with_options(&s, opts.clone()).unwrap_or_else(|e| fail(&e.to_string()));
        let t1 = Instant::now();
        let pareto = an
            .pareto_over(&ids)
            .unwrap_or_else(|e| fail(&e.to_string()));
        let nash = pareto.nash_frontier.clone();
        let minima = minimum_utilities(&s);
        let nash_negmas = nash_negmas_rule(&pareto, &reservations, &minima);
        let t2 = Instant::now();
        best_compile = best_compile.min((t1 - t0).as_secs_f64());
        best_pareto = best_pareto.min((t2 - t1).as_secs_f64());
        best_total = best_total.min((t2 - t0).as_secs_f64());
        last = Some((pareto, nash, nash_negmas, minima));
    }
    let Some((pareto, nash, nash_negmas, minima)) = last else {
        unreachable!()
    };

    let mut out = json!({
        "path": path.display().to_string(),
        "outcomes": s.space_size_exact().and_then(|n| u64::try_from(n).ok()),
        "parties": ids,
        "reservations": reservations,
        "minimum_utilities": minima,
        "pareto_size": pareto.size,
        "pareto_size_lower_bound": pareto.size_lower_bound,
        "zone_size": pareto.zone_size,
        "points_kind": pareto.points_kind,
        "nash": nash,
        "nash_negmas_rule": nash_negmas,
        "max_welfare": pareto.max_welfare,
        "reps": reps,
        "seconds_load": seconds_load,
        "seconds_compile": best_compile,
        "seconds_pareto_nash": best_pareto,
        "seconds_analysis": best_total,
    });
    if emit_frontier {
        out["frontier"] = json!(pareto.points);
        out["zone_frontier"] = json!(pareto.zone_points);
    }
    println!("{out}");
}

fn fail(msg: &str) -> ! {
    eprintln!("bench_pareto: {msg}");
    std::process::exit(2);
}
