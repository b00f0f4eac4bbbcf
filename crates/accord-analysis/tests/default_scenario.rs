//! The analysis of the embedded default scenario completes and is internally consistent.

use accord_analysis::Analyzer;
use accord_model::{BUILTIN_SCENARIOS, EPS_UTILITY, Format, load_str};

#[test]
fn default_scenario_analysis_is_consistent() {
    let b = &BUILTIN_SCENARIOS[0];
    let s = match load_str(b.toml, b.file, Format::Toml) {
        Ok(l) if !l.scenario.issues.is_empty() => l.scenario,
        Ok(_) | Err(_) => {
            eprintln!("skipped: the default scenario is still a placeholder");
            return;
        }
    };
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let a = an.analyze();
    assert!(!a.verdict.is_empty());
    let zone = s.veto_parties();
    // Drafts: ranges are ordered; complete drafts have a point value equal to the model's.
    for (d, score) in s.drafts.iter().zip(&a.drafts) {
        for sc in &score.scores {
            assert!(sc.utility_min <= sc.utility_max + 1e-12);
            if d.is_complete() {
                let pkg: Vec<u32> = d.package.iter().map(|l| l.unwrap_or(0)).collect();
                let p = s.party_index(&sc.party).unwrap_or(0);
                let u = s.prefs(p).utility(&pkg);
                assert!((u - sc.utility_min).abs() < 1e-9, "{} {}", d.id, sc.party);
                assert_eq!(sc.acceptable, Some(s.prefs(p).acceptable(&pkg)));
            }
        }
    }
    if a.zopa.exists {
        let w = a
            .zopa
            .witness
            .as_ref()
            .unwrap_or_else(|| panic!("no witness"));
        for &p in &zone {
            assert!(s.prefs(p).acceptable(w.levels()));
        }
        for sol in [
            &a.solutions.nash,
            &a.solutions.kalai_smorodinsky,
            &a.solutions.utilitarian,
            &a.solutions.egalitarian,
        ]
        .into_iter()
        .flatten()
        {
            for &p in &zone {
                assert!(s.prefs(p).acceptable(sol.package.levels()));
            }
        }
        assert!(a.blockers.is_empty());
    } else {
        assert_eq!(a.zopa.count.map(|c| c.as_f64()), Some(0.0));
        // The solutions set the red lines aside: each meets every reservation and lists
        // exactly the red lines it crosses (at least one, or the zone would not be empty).
        if a.solutions.scope == "red_lines_set_aside" {
            for sol in [
                &a.solutions.nash,
                &a.solutions.kalai_smorodinsky,
                &a.solutions.utilitarian,
                &a.solutions.egalitarian,
            ] {
                let sol = sol
                    .as_ref()
                    .expect("a solution with the red lines set aside");
                let x = sol.package.levels();
                let mut crossed = 0;
                for &p in &zone {
                    let pr = s.prefs(p);
                    assert!(pr.utility(x) >= pr.reservation - 1e-9);
                    for r in &pr.red_lines {
                        if r.crossed_by(x) {
                            crossed += 1;
                            assert!(sol.red_lines_crossed.iter().any(|c| c.id == r.id));
                        }
                    }
                }
                assert!(crossed > 0);
                assert_eq!(crossed, sol.red_lines_crossed.len());
            }
        } else {
            assert!(a.solutions.nash.is_none());
        }
        // Each blocker's package violates only constraints of its set.
        for bl in &a.blockers {
            let x = bl.package.levels();
            for &p in &zone {
                let pr = s.prefs(p);
                let pid = &s.parties[p].id;
                for r in &pr.red_lines {
                    if r.crossed_by(x) {
                        assert!(
                            bl.constraints
                                .iter()
                                .any(|c| &c.party == pid && c.id == r.id),
                            "blocker package crosses `{}` outside its set",
                            r.id
                        );
                    }
                }
                if pr.utility(x) < pr.reservation - EPS_UTILITY {
                    assert!(
                        bl.constraints
                            .iter()
                            .any(|c| &c.party == pid && c.kind == "reservation")
                    );
                }
            }
        }
    }
    // The JSON has the documented keys.
    let v = serde_json::to_value(&a).unwrap_or_default();
    for key in ["drafts", "zopa", "blockers", "solutions", "pareto"] {
        assert!(v.get(key).is_some(), "missing `{key}`");
    }
    for key in ["exists", "witness", "count", "count_bounds"] {
        assert!(v["zopa"].get(key).is_some(), "missing `zopa.{key}`");
    }
    for key in ["nash", "kalai_smorodinsky", "utilitarian", "egalitarian"] {
        assert!(
            v["solutions"].get(key).is_some(),
            "missing `solutions.{key}`"
        );
    }
    assert!(v["pareto"].get("size").is_some() && v["pareto"].get("zone_size").is_some());
}
