//! Protocol rules: who acts when, the agreement rule, deadlines, walk-aways, violations,
//! discounting.

use accord_negotiation::{
    Action, AgentSpec, Deadline, EndReason, SaoConfig, VecTrace, build_agents, run_sao,
};

use crate::common::{PartySpec, Scripted, Spec, domain, line, random_spec};

fn cfg(rounds: u32) -> SaoConfig {
    SaoConfig {
        deadline: Deadline::Rounds(rounds),
        discount: false,
    }
}

#[test]
fn seats_act_in_order_one_action_per_turn() {
    let d = crate::common::domain(&random_spec(1, 3, &[3, 3], false));
    let mut agents = build_agents(
        &d,
        &[
            "hardliner".parse().unwrap(),
            "hardliner".parse().unwrap(),
            "hardliner".parse().unwrap(),
        ],
        Deadline::Rounds(4),
        0,
    )
    .unwrap();
    let mut trace = VecTrace::default();
    let r = run_sao(&d, &mut agents, cfg(4), Some(&mut trace)).unwrap();
    let seats: Vec<usize> = trace.actions.iter().map(|a| a.seat).collect();
    assert_eq!(seats, (0..12).map(|i| i % 3).collect::<Vec<_>>());
    let rounds: Vec<u32> = trace.actions.iter().map(|a| a.round).collect();
    assert_eq!(rounds, (0..12).map(|i| i / 3).collect::<Vec<_>>());
    // Time is frozen within a round: t = (round + 1) / (rounds + 1).
    for a in &trace.actions {
        assert!((a.t - f64::from(a.round + 1) / 5.0).abs() < 1e-15);
    }
    assert_eq!(r.end, EndReason::Deadline);
}

#[test]
fn the_first_action_must_be_an_offer() {
    let d = line(11, 0.0);
    let mut agents = vec![
        Scripted::boxed(vec![Action::Accept]),
        Scripted::boxed(vec![]),
    ];
    let r = run_sao(&d, &mut agents, cfg(10), None).unwrap();
    assert!(matches!(r.end, EndReason::Violation { seat: 0, .. }));
    assert_eq!(r.agreement, None);
    assert_eq!(r.utilities, vec![0.0, 0.0]);
}

#[test]
fn bilateral_offer_then_accept_is_an_agreement() {
    let d = line(11, 0.0);
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(3), Action::Offer(4)]),
        Scripted::boxed(vec![Action::Offer(8), Action::Accept]),
    ];
    let mut trace = VecTrace::default();
    let r = run_sao(&d, &mut agents, cfg(10), Some(&mut trace)).unwrap();
    assert_eq!(r.agreement, Some(4));
    assert_eq!(r.end, EndReason::Agreement);
    assert_eq!(r.steps, 4);
    assert_eq!(r.rounds, 2);
    assert!((r.utilities[0] - 0.6).abs() < 1e-12 && (r.utilities[1] - 0.4).abs() < 1e-12);
    assert_eq!(trace.actions[3].outcome, Some(4));
    assert_eq!(trace.result.as_ref(), Some(&r));
}

#[test]
fn multilateral_agreement_needs_every_other_party_to_accept_in_a_row() {
    let d = domain(&random_spec(2, 3, &[4, 4], false));
    // a offers 5, b accepts, c counters with 7 (resetting), a accepts 7, b accepts 7 -> deal.
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(5), Action::Accept]),
        Scripted::boxed(vec![Action::Accept, Action::Accept]),
        Scripted::boxed(vec![Action::Offer(7)]),
    ];
    let r = run_sao(&d, &mut agents, cfg(10), None).unwrap();
    assert_eq!(r.agreement, Some(7));
    assert_eq!(r.steps, 5);
}

#[test]
fn a_counter_offer_replaces_the_standing_offer() {
    let d = domain(&random_spec(2, 3, &[4, 4], false));
    // a offers 1, b counters 2, c counters 3, then a and b accept 3.
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(1), Action::Accept]),
        Scripted::boxed(vec![Action::Offer(2), Action::Accept]),
        Scripted::boxed(vec![Action::Offer(3)]),
    ];
    let r = run_sao(&d, &mut agents, cfg(10), None).unwrap();
    assert_eq!(r.agreement, Some(3));
    assert_eq!((r.steps, r.rounds), (5, 2));
}

#[test]
fn deadline_without_agreement_gives_reservations() {
    let d = line(11, 0.25);
    let specs: Vec<AgentSpec> = vec!["hardliner".parse().unwrap(), "hardliner".parse().unwrap()];
    let mut agents = build_agents(&d, &specs, Deadline::Rounds(50), 0).unwrap();
    let r = run_sao(&d, &mut agents, cfg(50), None).unwrap();
    assert_eq!(r.end, EndReason::Deadline);
    assert_eq!((r.rounds, r.steps), (50, 100));
    assert!((r.t - 1.0).abs() < 1e-15);
    assert_eq!(r.utilities, vec![0.25, 0.25]);
}

#[test]
fn walking_away_ends_without_agreement() {
    let d = line(11, 0.1);
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(2)]),
        Scripted::boxed(vec![Action::End]),
    ];
    let r = run_sao(&d, &mut agents, cfg(10), None).unwrap();
    assert_eq!(r.end, EndReason::Walkaway { seat: 1 });
    assert_eq!(r.utilities, vec![0.1, 0.1]);
}

#[test]
fn packages_outside_the_space_or_across_red_lines_are_violations() {
    let d = line(11, 0.0);
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(11)]),
        Scripted::boxed(vec![]),
    ];
    let r = run_sao(&d, &mut agents, cfg(10), None).unwrap();
    assert!(matches!(r.end, EndReason::Violation { seat: 0, .. }));

    let mut spec = random_spec(3, 2, &[3, 3], true);
    spec.parties[1].red_lines = vec![(0, 2)];
    let d = domain(&spec);
    let x = d.encode(&[2, 0]).unwrap();
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(x)]),
        Scripted::boxed(vec![Action::Accept]),
    ];
    let r = run_sao(&d, &mut agents, cfg(10), None).unwrap();
    assert!(
        matches!(r.end, EndReason::Violation { seat: 1, .. }),
        "{:?}",
        r.end
    );
}

#[test]
fn discounting_multiplies_by_d_to_the_t() {
    let spec = Spec {
        levels: vec![11],
        ordered: true,
        parties: vec![
            PartySpec {
                id: "a".into(),
                rv: 0.2,
                weights: vec![1.0],
                values: vec![(0..11).map(|l| 1.0 - f64::from(l) / 10.0).collect()],
                red_lines: vec![],
                discount: Some(0.5),
            },
            PartySpec {
                id: "b".into(),
                rv: 0.2,
                weights: vec![1.0],
                values: vec![(0..11).map(|l| f64::from(l) / 10.0).collect()],
                red_lines: vec![],
                discount: None,
            },
        ],
    };
    let d = domain(&spec);
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(3), Action::Offer(4)]),
        Scripted::boxed(vec![Action::Offer(8), Action::Accept]),
    ];
    let config = SaoConfig {
        deadline: Deadline::Rounds(9),
        discount: true,
    };
    let r = run_sao(&d, &mut agents, config, None).unwrap();
    // Agreement in round 1: t = 2 / 10.
    assert!((r.t - 0.2).abs() < 1e-15);
    assert!((r.discounted[0] - 0.6 * 0.5f64.powf(0.2)).abs() < 1e-12);
    assert!((r.discounted[1] - r.utilities[1]).abs() < 1e-15);
    // Without agreement the reservation is discounted at t = 1 (GENIUS).
    let mut agents = vec![
        Scripted::boxed(vec![Action::Offer(3)]),
        Scripted::boxed(vec![Action::End]),
    ];
    let r = run_sao(&d, &mut agents, config, None).unwrap();
    assert!((r.discounted[0] - 0.2 * 0.5f64.powf(r.t)).abs() < 1e-12);
}

#[test]
fn time_deadline_counts_actions() {
    let d = line(11, 0.0);
    let deadline = Deadline::Time {
        limit: 10.0,
        action_cost: 1.0,
    };
    let specs: Vec<AgentSpec> = vec!["hardliner".parse().unwrap(), "hardliner".parse().unwrap()];
    let mut agents = build_agents(&d, &specs, deadline, 0).unwrap();
    let mut trace = VecTrace::default();
    let r = run_sao(
        &d,
        &mut agents,
        SaoConfig {
            deadline,
            discount: false,
        },
        Some(&mut trace),
    )
    .unwrap();
    assert_eq!(r.steps, 10);
    let ts: Vec<f64> = trace.actions.iter().map(|a| a.t).collect();
    for (k, t) in ts.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let expect = k as f64 / 10.0;
        assert!((t - expect).abs() < 1e-12);
    }
}

#[test]
fn bad_deadlines_and_agent_counts_are_errors_not_panics() {
    let d = line(5, 0.0);
    let mut agents = vec![Scripted::boxed(vec![]), Scripted::boxed(vec![])];
    assert!(run_sao(&d, &mut agents, cfg(0), None).is_err());
    let bad = SaoConfig {
        deadline: Deadline::Time {
            limit: -1.0,
            action_cost: 1.0,
        },
        discount: false,
    };
    assert!(run_sao(&d, &mut agents, bad, None).is_err());
    let mut one = vec![Scripted::boxed(vec![])];
    assert!(run_sao(&d, &mut one, cfg(3), None).is_err());
    assert!(build_agents(&d, &["boulware".parse().unwrap()], Deadline::Rounds(3), 0).is_err());
}

#[test]
fn jsonl_trace_streams_actions_and_the_end() {
    let d = line(11, 0.0);
    let specs: Vec<AgentSpec> = vec!["boulware".parse().unwrap(), "conceder".parse().unwrap()];
    let mut agents = build_agents(&d, &specs, Deadline::Rounds(20), 1).unwrap();
    let mut sink = accord_negotiation::JsonlTrace::new(Vec::new());
    let r = run_sao(&d, &mut agents, cfg(20), Some(&mut sink)).unwrap();
    let out = String::from_utf8(sink.finish_io().unwrap()).unwrap();
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len() as u32, r.steps + 1);
    assert_eq!(lines[0]["type"], "action");
    assert_eq!(lines[0]["action"], "offer");
    assert_eq!(lines[0]["package"]["i0"], "o0");
    assert_eq!(lines[0]["utilities"]["a"], 1.0);
    let end = lines.last().unwrap();
    assert_eq!(end["type"], "end");
    assert_eq!(end["end"]["kind"], "agreement");
}
