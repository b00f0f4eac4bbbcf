//! Each agent's defining behaviour, and the registry.

use accord_negotiation::{
    Action, AgentContext, AgentSpec, Deadline, EndReason, SaoConfig, VecTrace, agents,
    build_agents, run_sao,
};

use crate::common::{Scripted, big, domain, line, random_spec};

fn run(
    d: &std::sync::Arc<accord_negotiation::Domain>,
    specs: &[&str],
    rounds: u32,
    seed: u64,
) -> (accord_negotiation::NegotiationResult, VecTrace) {
    let specs: Vec<AgentSpec> = specs.iter().map(|s| s.parse().unwrap()).collect();
    let mut a = build_agents(d, &specs, Deadline::Rounds(rounds), seed).unwrap();
    let mut trace = VecTrace::default();
    let r = run_sao(
        d,
        &mut a,
        SaoConfig {
            deadline: Deadline::Rounds(rounds),
            discount: false,
        },
        Some(&mut trace),
    )
    .unwrap();
    (r, trace)
}

fn offers_of(trace: &VecTrace, seat: usize) -> Vec<(f64, f64)> {
    trace
        .actions
        .iter()
        .filter(|a| a.seat == seat && matches!(a.action, Action::Offer(_)))
        .map(|a| (a.t, a.utilities[seat]))
        .collect()
}

/// GENIUS target with k = 0 on [pmin, pmax].
fn target(t: f64, e: f64, pmin: f64, pmax: f64) -> f64 {
    pmin + (pmax - pmin) * (1.0 - t.powf(1.0 / e))
}

#[test]
fn time_based_offers_follow_the_concession_curve() {
    // 1001 levels: utilities on a 0.001 grid, so the nearest package is within 0.0005.
    let d = line(1001, 0.0);
    for (name, e) in [
        ("boulware", 0.2),
        ("linear", 1.0),
        ("conceder", 2.0),
        ("time-based:e=0.5", 0.5),
    ] {
        let (_, trace) = run(&d, &[name, "hardliner"], 200, 0);
        let offers = offers_of(&trace, 0);
        assert!(offers.len() > 150, "{name} stopped early");
        for (t, u) in offers {
            let want = target(t, e, 0.0, 1.0);
            assert!(
                (u - want).abs() <= 0.0005 + 1e-12,
                "{name}: at t={t} offered {u}, curve {want}"
            );
        }
    }
}

#[test]
fn boulware_concedes_later_than_conceder() {
    let d = line(1001, 0.0);
    let (_, b) = run(&d, &["boulware", "hardliner"], 100, 0);
    let (_, c) = run(&d, &["conceder", "hardliner"], 100, 0);
    let mid = |tr: &VecTrace| offers_of(tr, 0)[50].1;
    assert!(
        mid(&b) > 0.8 && mid(&c) < 0.45,
        "boulware {} conceder {}",
        mid(&b),
        mid(&c)
    );
    // Monotone concession.
    for tr in [&b, &c] {
        let o = offers_of(tr, 0);
        assert!(o.windows(2).all(|w| w[1].1 <= w[0].1 + 1e-12));
    }
}

#[test]
fn time_based_accepts_what_beats_its_next_offer() {
    let d = line(101, 0.0);
    // The opponent offers level 30 (worth 0.7 to `a`) from the start; linear `a` accepts
    // once its own next offer is worth no more than 0.7: t >= 0.3.
    let mut agents = build_agents(
        &d,
        &["linear".parse().unwrap(), "hardliner".parse().unwrap()],
        Deadline::Rounds(99),
        0,
    )
    .unwrap();
    agents[1] = Scripted::boxed(vec![Action::Offer(30); 200]);
    let r = run_sao(
        &d,
        &mut agents,
        SaoConfig {
            deadline: Deadline::Rounds(99),
            discount: false,
        },
        None,
    )
    .unwrap();
    assert_eq!(r.agreement, Some(30));
    // Round r has t = (r + 1) / 100; the first round with 1 - t <= 0.7 is r = 29.
    assert_eq!(r.rounds, 30);
}

#[test]
fn hardliner_never_concedes() {
    let d = domain(&random_spec(4, 2, &[5, 5, 5], true));
    let (r, trace) = run(&d, &["hardliner", "conceder"], 100, 0);
    let best = d.space(0).max_utility().unwrap();
    for (_, u) in offers_of(&trace, 0) {
        assert!((u - best).abs() < 1e-12);
    }
    // Any agreement is the hardliner's best.
    if let Some(x) = r.agreement {
        assert!((d.utility(0, x) - best).abs() < 1e-12);
    }
    // Against itself: no deal.
    let (r, _) = run(&d, &["hardliner", "hardliner"], 50, 0);
    assert_eq!(r.end, EndReason::Deadline);
}

#[test]
fn tit_for_tat_mirrors_concessions_in_its_own_utility() {
    let d = line(101, 0.0);
    // Seat 1 is TFT (wants high levels). The scripted seat 0 concedes 0.1 then 0.2 in TFT's
    // utility, then hardens by 0.1.
    let specs: Vec<AgentSpec> = vec![
        "hardliner".parse().unwrap(),
        "tit-for-tat:initial-concession=0".parse().unwrap(),
    ];
    let mut agents = build_agents(&d, &specs, Deadline::Rounds(20), 0).unwrap();
    agents[0] = Scripted::boxed(vec![
        Action::Offer(10),
        Action::Offer(20),
        Action::Offer(40),
        Action::Offer(30),
        Action::Offer(30),
    ]);
    let (_, trace) = {
        let mut trace = VecTrace::default();
        let r = run_sao(
            &d,
            &mut agents,
            SaoConfig {
                deadline: Deadline::Rounds(20),
                discount: false,
            },
            Some(&mut trace),
        )
        .unwrap();
        (r, trace)
    };
    let tft: Vec<f64> = offers_of(&trace, 1).iter().map(|o| o.1).collect();
    assert!((tft[0] - 1.0).abs() < 1e-9);
    assert!((tft[1] - 0.9).abs() < 1e-9, "{tft:?}");
    assert!((tft[2] - 0.7).abs() < 1e-9, "{tft:?}");
    assert!((tft[3] - 0.8).abs() < 1e-9, "punished: {tft:?}");
    assert!((tft[4] - 0.8).abs() < 1e-9, "no change: {tft:?}");
}

#[test]
fn tit_for_tat_with_kindness_concedes_more() {
    let d = line(101, 0.0);
    let specs: Vec<AgentSpec> = vec![
        "hardliner".parse().unwrap(),
        "tit-for-tat:kindness=1,initial-concession=0"
            .parse()
            .unwrap(),
    ];
    let mut agents = build_agents(&d, &specs, Deadline::Rounds(20), 0).unwrap();
    agents[0] = Scripted::boxed(vec![
        Action::Offer(10),
        Action::Offer(20),
        Action::Offer(20),
    ]);
    let mut trace = VecTrace::default();
    run_sao(
        &d,
        &mut agents,
        SaoConfig {
            deadline: Deadline::Rounds(20),
            discount: false,
        },
        Some(&mut trace),
    )
    .unwrap();
    let tft: Vec<f64> = offers_of(&trace, 1).iter().map(|o| o.1).collect();
    assert!((tft[1] - 0.8).abs() < 1e-9, "{tft:?}");
}

#[test]
fn random_agent_is_reproducible_from_the_seed() {
    let d = domain(&random_spec(5, 2, &[6, 6, 6], true));
    let (a, ta) = run(&d, &["random", "random"], 30, 42);
    let (b, tb) = run(&d, &["random", "random"], 30, 42);
    assert_eq!(a, b);
    assert_eq!(ta.actions, tb.actions);
    let (_, tc) = run(&d, &["random:p-accept=0", "random:p-accept=0"], 30, 43);
    assert_ne!(ta.actions, tc.actions);
}

#[test]
fn aspiration_equals_time_based_with_negmas_settings() {
    let d = domain(&random_spec(6, 2, &[6, 6, 6], true));
    let (a, ta) = run(&d, &["aspiration:exponent=2", "conceder"], 100, 0);
    let (b, tb) = run(
        &d,
        &[
            "time-based:e=0.5,offer=at-least,accept=target,tolerance=0.001",
            "conceder",
        ],
        100,
        0,
    );
    assert_eq!(a, b);
    assert_eq!(ta.actions, tb.actions);
}

#[test]
fn opponent_model_agents_reach_deals_on_an_opposed_domain() {
    let d = domain(&random_spec(7, 2, &[5, 5, 5, 5], true));
    for name in ["nice-tit-for-tat", "frequency", "tit-for-tat", "aspiration"] {
        for other in ["conceder", "linear"] {
            let (r, _) = run(&d, &[name, other], 200, 0);
            assert_eq!(r.end, EndReason::Agreement, "{name} vs {other}");
            assert!(r.utilities.iter().all(|&u| u >= 0.0));
        }
    }
}

#[test]
fn frequency_agent_prefers_packages_the_opponent_offered() {
    // Two issues; the agent is indifferent on issue 1 (weight ~0), the opponent always
    // offers level 2 there: the agent's offers should settle on level 2.
    let mut spec = random_spec(8, 2, &[5, 5], true);
    spec.parties[0].weights = vec![1.0, 1e-9];
    spec.parties[0].values[1] = vec![0.5; 5];
    let d = domain(&spec);
    let specs: Vec<AgentSpec> = vec![
        "frequency:band=0.01".parse().unwrap(),
        "hardliner".parse().unwrap(),
    ];
    let mut agents = build_agents(&d, &specs, Deadline::Rounds(30), 0).unwrap();
    // The opponent alternates between the agent's two worst options on issue 0.
    let mut worst: Vec<u32> = (0..5).collect();
    worst.sort_by(|&a, &b| {
        d.prefs(0).values[0][a as usize].total_cmp(&d.prefs(0).values[0][b as usize])
    });
    let opp: Vec<Action> = (0..40)
        .map(|k| Action::Offer(d.encode(&[worst[k % 2], 2]).unwrap()))
        .collect();
    agents[1] = Scripted::boxed(opp);
    let mut trace = VecTrace::default();
    run_sao(
        &d,
        &mut agents,
        SaoConfig {
            deadline: Deadline::Rounds(30),
            discount: false,
        },
        Some(&mut trace),
    )
    .unwrap();
    let later: Vec<u32> = trace
        .actions
        .iter()
        .filter(|a| a.seat == 0 && a.round >= 3)
        .filter_map(|a| match a.action {
            Action::Offer(x) => Some(d.package(x)[1]),
            _ => None,
        })
        .collect();
    assert!(!later.is_empty());
    assert!(later.iter().all(|&l| l == 2), "{later:?}");
}

#[test]
fn every_registered_agent_builds_and_plays_on_small_and_large_domains() {
    let small = domain(&random_spec(9, 2, &[4, 4, 4], true));
    let large = big();
    for info in agents() {
        assert!(
            info.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            info.name
        );
        let spec = AgentSpec::parse(info.name).unwrap();
        for p in info.params {
            assert!(p.name.chars().all(|c| c.is_ascii_lowercase() || c == '-'));
        }
        let (r, _) = run(&small, &[info.name, "conceder"], 50, 1);
        assert!(
            !matches!(r.end, EndReason::Violation { .. }),
            "{}: {:?}",
            info.name,
            r.end
        );
        let specs = vec![
            spec.clone(),
            "conceder".parse().unwrap(),
            "linear".parse().unwrap(),
            "boulware".parse().unwrap(),
        ];
        let mut a = build_agents(&large, &specs, Deadline::Rounds(40), 1).unwrap();
        let r = run_sao(&large, &mut a, SaoConfig::rounds(40), None).unwrap();
        assert!(
            !matches!(r.end, EndReason::Violation { .. }),
            "{}: {:?}",
            info.name,
            r.end
        );
        // Building directly also works.
        let ctx = AgentContext {
            domain: small.clone(),
            seat: 0,
            deadline: Deadline::Rounds(5),
            seed: 0,
        };
        assert!(spec.build(&ctx).is_ok());
    }
}

#[test]
fn specs_parse_validate_and_round_trip() {
    let s = AgentSpec::parse("time-based:e=0.5, k=0.1").unwrap();
    assert_eq!(s.to_string(), "time-based:e=0.5,k=0.1");
    assert_eq!(AgentSpec::parse(&s.to_string()).unwrap(), s);
    let v = s.values().unwrap();
    assert!((v.number("e") - 0.5).abs() < 1e-15 && (v.number("k") - 0.1).abs() < 1e-15);
    assert_eq!(v.choice("offer"), "nearest");
    for bad in [
        "tough-guy",
        "boulware:x=1",
        "boulware:e=-1",
        "boulware:e=abc",
        "boulware:offer=maybe",
        "boulware:e",
        "boulware:e=1,e=2",
        "hardliner:e=1",
        "tit-for-tat:punish=sometimes",
    ] {
        let err = AgentSpec::parse(bad).unwrap_err().to_string();
        assert!(!err.is_empty(), "{bad}");
    }
    assert!(
        AgentSpec::parse("tough-guy")
            .unwrap_err()
            .to_string()
            .contains("boulware")
    );
    let json = serde_json::to_string(&s).unwrap();
    assert_eq!(json, "\"time-based:e=0.5,k=0.1\"");
    assert!(serde_json::from_str::<AgentSpec>("\"nope\"").is_err());
}
