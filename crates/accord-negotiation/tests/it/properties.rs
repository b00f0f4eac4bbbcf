//! Properties: agents never offer or accept below their reservation or across their red
//! lines; runs are reproducible from the seed; the Pareto frontier is the undominated set.

use accord_negotiation::{
    Action, AgentSpec, Deadline, DomainOptions, EndReason, SaoConfig, VecTrace, agents,
    build_agents, run_sao,
};
use proptest::prelude::*;

use crate::common::{domain, domain_with, random_spec};

fn agent_names() -> Vec<&'static str> {
    agents().iter().map(|a| a.name).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn agents_respect_red_lines_and_reservations(
        seed in 0u64..10_000,
        n_parties in 2usize..4,
        a in 0usize..10,
        b in 0usize..10,
        c in 0usize..10,
        rv in 0.0f64..0.6,
        pooled in any::<bool>(),
    ) {
        let mut spec = random_spec(seed, n_parties, &[3, 4, 3], seed % 2 == 0);
        for (p, party) in spec.parties.iter_mut().enumerate() {
            party.rv = rv;
            party.red_lines = vec![((p + seed as usize) % 3, p % 3)];
        }
        // `pooled`: force the sampled offer pool even though the space is small.
        let opts = DomainOptions { enumerate_limit: if pooled { 1 } else { 1 << 20 }, pool_size: 64, ..DomainOptions::default() };
        let d = domain_with(&spec, &opts);
        let names = agent_names();
        let specs: Vec<AgentSpec> = [a, b, c][..n_parties].iter().map(|&i| names[i % names.len()].parse().unwrap()).collect();
        let run = |seed: u64| {
            let mut ag = build_agents(&d, &specs, Deadline::Rounds(40), seed).unwrap();
            let mut trace = VecTrace::default();
            let r = run_sao(&d, &mut ag, SaoConfig::rounds(40), Some(&mut trace)).unwrap();
            (r, trace)
        };
        let (r, trace) = run(seed);
        prop_assert!(!matches!(r.end, EndReason::Violation { .. }), "{:?}", r.end);
        let mut standing = None;
        for act in &trace.actions {
            match act.action {
                Action::Offer(x) => {
                    prop_assert!(d.acceptable(act.seat, x), "seat {} offered {} (u = {})", act.seat, x, d.utility(act.seat, x));
                    standing = Some(x);
                }
                Action::Accept => {
                    let x = standing.unwrap();
                    prop_assert!(d.acceptable(act.seat, x), "seat {} accepted {}", act.seat, x);
                }
                Action::End => {}
            }
        }
        if let Some(x) = r.agreement {
            for s in 0..n_parties {
                prop_assert!(d.acceptable(s, x));
            }
        }
        // Reproducible.
        let (r2, trace2) = run(seed);
        prop_assert_eq!(r, r2);
        prop_assert_eq!(trace.actions, trace2.actions);
    }

    #[test]
    fn pareto_frontier_is_the_undominated_set(seed in 0u64..10_000, n_parties in 2usize..4) {
        let mut spec = random_spec(seed, n_parties, &[3, 3, 4], false);
        spec.parties[0].red_lines = vec![(0, 0)];
        let d = domain(&spec);
        let a = d.analysis().unwrap();
        let feasible: Vec<u64> = (0..d.size()).filter(|&x| (0..n_parties).all(|s| !d.crosses_red_line(s, x))).collect();
        let u = |x: u64| -> Vec<f64> { (0..n_parties).map(|s| d.utility(s, x)).collect() };
        let dominated = |x: u64| feasible.iter().any(|&y| {
            let (ux, uy) = (u(x), u(y));
            ux.iter().zip(&uy).all(|(p, q)| q >= p) && ux.iter().zip(&uy).any(|(p, q)| q > p)
        });
        let mut expected: Vec<u64> = feasible.iter().copied().filter(|&x| !dominated(x)).collect();
        let mut got = a.frontier().to_vec();
        expected.sort_unstable();
        got.sort_unstable();
        prop_assert_eq!(got, expected);
        // Nash: the best product of gains over reservations (0 here) among all feasible packages.
        let best = feasible.iter().map(|&x| u(x).iter().product::<f64>()).fold(f64::NEG_INFINITY, f64::max);
        let nash = a.nash().unwrap();
        prop_assert!((u(nash).iter().product::<f64>() - best).abs() < 1e-12);
        prop_assert!(a.distance_to_frontier(&u(nash)).unwrap() < 1e-12);
    }
}
