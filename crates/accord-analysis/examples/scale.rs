//! Times each part of the analysis on a synthetic scenario:
//! `cargo run --release --example scale -- ISSUES OPTIONS PARTIES [RESERVATION] [RED_LINES]`.

use std::time::Instant;

use accord_analysis::Analyzer;
use accord_analysis::synthetic::{Params, generate};

fn main() {
    let a: Vec<String> = std::env::args().skip(1).collect();
    let num = |i: usize, d: f64| a.get(i).and_then(|x| x.parse().ok()).unwrap_or(d);
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let p = Params {
        issues: num(0, 28.0) as usize,
        options: num(1, 4.0) as usize,
        parties: num(2, 4.0) as usize,
        reservation: num(3, 0.4),
        red_lines: num(4, 1.0) as usize,
        combo_red_lines: num(5, 0.0) as usize,
        interactions: num(6, 0.0) as usize,
        seed: num(7, 1.0) as u64,
    };
    let s = generate(&p);
    let t = Instant::now();
    let an = match Analyzer::new(&s) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    println!("compile {:?}", t.elapsed());
    let t = Instant::now();
    let z = an.zopa();
    println!(
        "zopa {:?}: exists {} count {:?} bounds {:?} nodes {} estimate {:?}",
        t.elapsed(),
        z.exists,
        z.count,
        z.count_bounds,
        z.count_nodes,
        z.count_estimate.as_ref().map(|e| (e.value, e.ci95))
    );
    let t = Instant::now();
    let sol = an.solutions();
    println!(
        "solutions {:?}: nash {:?}",
        t.elapsed(),
        sol.nash.as_ref().map(|n| n.objective)
    );
    let t = Instant::now();
    let (b, complete) = an.blockers();
    println!(
        "blockers {:?}: {} sets, complete {complete}",
        t.elapsed(),
        b.len()
    );
    let t = Instant::now();
    let r = an.red_line_influence(z.count, z.count_nodes);
    println!("red-line influence {:?}: {}", t.elapsed(), r.len());
    let t = Instant::now();
    let par = an.pareto();
    println!(
        "pareto {:?}: size {:?} (lb {:?}), zone {:?} (lb {:?})",
        t.elapsed(),
        par.size,
        par.size_lower_bound,
        par.zone_size,
        par.zone_size_lower_bound
    );
}
