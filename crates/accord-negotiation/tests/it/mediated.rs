//! The mediated single-text protocol.

use std::collections::HashMap;

use accord_negotiation::{
    AgentSpec, Deadline, EndReason, MediationConfig, MediatorStart, REVISIT_AFTER, VecTrace,
    build_agents, run_mediated,
};

use crate::common::{big, domain, random_spec};

fn specs(names: &[&str]) -> Vec<AgentSpec> {
    names.iter().map(|s| s.parse().unwrap()).collect()
}

#[test]
fn mediator_hill_climbs_to_a_text_everyone_accepts() {
    let mut spec = random_spec(21, 3, &[4, 4, 4, 4], false);
    for p in &mut spec.parties {
        p.rv = 0.3;
    }
    spec.ordered = true;
    let d = domain(&spec);
    let mut agents = build_agents(
        &d,
        &specs(&["linear", "conceder", "boulware"]),
        Deadline::Rounds(60),
        0,
    )
    .unwrap();
    let mut trace = VecTrace::default();
    let out = run_mediated(
        &d,
        &mut agents,
        &MediationConfig::rounds(60),
        5,
        Some(&mut trace),
    )
    .unwrap();
    assert_eq!(
        out.result.end,
        EndReason::Agreement,
        "{:#?}",
        out.texts.last()
    );
    let last = out.texts.last().unwrap();
    eprintln!(
        "asp {} {} {} t {} round {} n {}",
        agents[0].aspiration(last.t),
        agents[1].aspiration(last.t),
        agents[2].aspiration(last.t),
        last.t,
        last.round,
        out.texts.len()
    );
    assert!(last.accepted.iter().all(|a| *a));
    assert_eq!(out.result.agreement, Some(last.text));
    for (s, u) in out.result.utilities.iter().enumerate() {
        assert!(*u >= d.reservation(s) - 1e-9);
    }
    // No text comes back within REVISIT_AFTER; every rejection comes with objections
    // (these agents always have some), acceptances with none.
    let mut seen: HashMap<u64, f64> = HashMap::new();
    for rec in &out.texts {
        if let Some(t0) = seen.insert(rec.text, rec.t) {
            assert!(
                rec.t - t0 >= REVISIT_AFTER,
                "text {} tabled again too soon",
                rec.text
            );
        }
        for s in 0..3 {
            assert_eq!(
                rec.accepted[s],
                rec.objections[s].is_empty() && rec.accepted[s]
            );
            assert!(rec.objections[s].len() <= 3);
        }
    }
    assert_eq!(trace.texts, out.texts);
    assert_eq!(out.result.rounds as usize, out.texts.len());
    // Consecutive texts differ in one issue (moves) unless the mediator fell back.
    let moves = out
        .texts
        .windows(2)
        .filter(|w| {
            let (a, b) = (d.package(w[0].text), d.package(w[1].text));
            a.iter().zip(&b).filter(|(x, y)| x != y).count() == 1
        })
        .count();
    assert!(moves > 0);
}

#[test]
fn reactive_agents_concede_in_the_mediated_protocol_too() {
    let mut spec = random_spec(25, 3, &[4, 4, 4, 4], false);
    for p in &mut spec.parties {
        p.rv = 0.3;
    }
    let d = domain(&spec);
    let names = ["tit-for-tat", "micro", "nice-tit-for-tat"];
    let mut agents = build_agents(&d, &specs(&names), Deadline::Rounds(100), 0).unwrap();
    let out = run_mediated(&d, &mut agents, &MediationConfig::rounds(100), 1, None).unwrap();
    assert_eq!(out.result.end, EndReason::Agreement);
}

#[test]
fn red_line_objections_come_first() {
    let mut spec = random_spec(22, 2, &[3, 3, 3], true);
    spec.parties[0].red_lines = vec![(0, 1)];
    let d = domain(&spec);
    let mut agents = build_agents(
        &d,
        &specs(&["hardliner", "hardliner"]),
        Deadline::Rounds(3),
        0,
    )
    .unwrap();
    let config = MediationConfig {
        start: MediatorStart::Package(vec![1, 1, 1]),
        ..MediationConfig::rounds(3)
    };
    let out = run_mediated(&d, &mut agents, &config, 0, None).unwrap();
    let first = &out.texts[0];
    assert!(!first.accepted[0]);
    let o = first.objections[0][0];
    assert!(o.red_line && o.issue == 0 && o.wanted != 1, "{o:?}");
    assert_eq!(out.result.end, EndReason::Deadline);
}

#[test]
fn no_zone_of_agreement_means_no_deal() {
    let mut spec = random_spec(23, 2, &[4, 4], true);
    for p in &mut spec.parties {
        p.rv = 0.95;
    }
    let d = domain(&spec);
    let mut agents = build_agents(
        &d,
        &specs(&["conceder", "conceder"]),
        Deadline::Rounds(20),
        0,
    )
    .unwrap();
    let out = run_mediated(&d, &mut agents, &MediationConfig::rounds(20), 0, None).unwrap();
    assert_eq!(out.result.agreement, None);
    assert_eq!(out.result.utilities, vec![0.95, 0.95]);
}

#[test]
fn mediation_is_reproducible_and_works_on_large_spaces() {
    let d = big();
    let names = ["conceder", "linear", "conceder", "linear"];
    let run = || {
        let mut agents = build_agents(&d, &specs(&names), Deadline::Rounds(80), 3).unwrap();
        run_mediated(&d, &mut agents, &MediationConfig::rounds(80), 3, None).unwrap()
    };
    let a = run();
    let b = run();
    assert_eq!(a, b);
    for rec in &a.texts {
        for s in 0..4 {
            if rec.accepted[s] {
                assert!(d.acceptable(s, rec.text));
            }
        }
    }
}

#[test]
fn bad_start_is_an_error() {
    let d = domain(&random_spec(24, 2, &[3, 3], true));
    let mut agents =
        build_agents(&d, &specs(&["linear", "linear"]), Deadline::Rounds(5), 0).unwrap();
    for start in [
        MediatorStart::Package(vec![0]),
        MediatorStart::Package(vec![0, 9]),
        MediatorStart::Draft("x".into()),
    ] {
        let config = MediationConfig {
            start,
            ..MediationConfig::rounds(5)
        };
        assert!(run_mediated(&d, &mut agents, &config, 0, None).is_err());
    }
}
