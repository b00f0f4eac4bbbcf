//! accord's `negmas` semantics against NegMAS 0.16 itself: the utilities of the packages
//! sampled by `scripts/negmas_reference.py` (tests/fixtures/negmas) must agree to 1e-9.

mod common;

use accord_formats::{Bid, BidValue, Semantics, bid_levels, load_folder};
use common::*;
use serde_json::Value;

fn fixture_files() -> Vec<std::path::PathBuf> {
    files(&fixtures().join("negmas"), "json")
        .into_iter()
        .filter(|p| !name(p).starts_with('_'))
        .collect()
}

#[test]
fn utilities_agree_with_negmas() {
    let Some(root) = shared_domains() else { return };
    let fx = fixture_files();
    assert!(
        fx.len() >= 30,
        "expected the NegMAS fixtures, found {}",
        fx.len()
    );
    let (mut compared, mut domains, mut worst) = (0usize, 0usize, 0.0f64);
    for f in fx {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
        let domain = v["domain"].as_str().expect("domain");
        let format = v["format"].as_str().expect("format");
        let dir = root.join(format).join(domain);
        let imp = load_folder(&dir, Semantics::Negmas).unwrap_or_else(|e| panic!("{domain}: {e}"));
        let sc = scenario(&imp.doc);
        let issue_names: Vec<&str> = v["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .map(|i| i["name"].as_str().expect("name"))
            .collect();
        // Map NegMAS profiles to accord parties through the profile file.
        let profiles = v["profiles"].as_array().expect("profiles");
        let parties: Vec<usize> = profiles
            .iter()
            .map(|p| {
                let file = p["file"].as_str().expect("file");
                sc.parties
                    .iter()
                    .position(|party| {
                        imp.doc.scenario.metadata["profiles"][&party.id]["file"] == file
                    })
                    .unwrap_or_else(|| panic!("{domain}: no party for {file}"))
            })
            .collect();
        // Reserved values.
        for (k, p) in profiles.iter().enumerate() {
            if let Some(r) = p["reserved_value"].as_f64() {
                let got = sc.prefs(parties[k]).reservation;
                assert!(
                    (got - r).abs() <= 1e-9,
                    "{domain} profile {k}: reservation {got} vs NegMAS {r}"
                );
            }
        }
        let packages = v["samples"]["packages"].as_array().expect("packages");
        let utils = v["samples"]["utilities"].as_array().expect("utilities");
        for (s, pkg) in packages.iter().enumerate() {
            let bid: Bid = issue_names
                .iter()
                .zip(pkg.as_array().expect("package"))
                .map(|(n, x)| {
                    (
                        n.to_string(),
                        BidValue::Text(x.as_str().expect("value").to_string()),
                    )
                })
                .collect();
            let levels =
                bid_levels(&sc, &bid).unwrap_or_else(|e| panic!("{domain} sample {s}: {e}"));
            for (k, &party) in parties.iter().enumerate() {
                let Some(want) = utils[k][s].as_f64() else {
                    continue;
                };
                let got = sc.prefs(party).utility(&levels);
                let err = (got - want).abs();
                worst = worst.max(err);
                assert!(
                    err <= 1e-9,
                    "{domain} sample {s} profile {k}: accord {got}, NegMAS {want}"
                );
                compared += 1;
            }
        }
        domains += 1;
    }
    println!(
        "NegMAS agreement: {compared} utilities on {domains} domains, largest difference {worst:e}"
    );
}

#[test]
fn folders_negmas_cannot_load_fail_under_negmas_semantics() {
    let Some(root) = shared_domains() else { return };
    let index: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("negmas/_index.json")).expect("_index.json"),
    )
    .expect("json");
    let failed = index["failed"].as_object().expect("failed");
    assert!(!failed.is_empty());
    for (key, why) in failed {
        let err = load_folder(&root.join(key), Semantics::Negmas)
            .err()
            .unwrap_or_else(|| {
                panic!("{key} loads under NegMAS semantics, but NegMAS fails: {why}")
            });
        assert!(err.is_unsupported(), "{key}: {err}");
        // GENIUS semantics still load it.
        assert!(
            load_folder(&root.join(key), Semantics::Genius).is_ok(),
            "{key}"
        );
    }
}

/// The fixtures' Nash points lie on NegMAS's own frontier and are evaluated the same way by
/// accord (a sanity check of the fixture shape for the analysis engineer).
#[test]
fn nash_points_evaluate_the_same() {
    let Some(root) = shared_domains() else { return };
    let mut checked = 0;
    for f in fixture_files() {
        let v: Value =
            serde_json::from_str(&std::fs::read_to_string(&f).expect("read")).expect("json");
        let Some(nash) = v["nash"].as_array() else {
            continue;
        };
        let dir = root
            .join(v["format"].as_str().expect("format"))
            .join(v["domain"].as_str().expect("domain"));
        let imp = load_folder(&dir, Semantics::Negmas).expect("load");
        let sc = scenario(&imp.doc);
        let names: Vec<&str> = v["issues"]
            .as_array()
            .expect("issues")
            .iter()
            .map(|i| i["name"].as_str().expect("n"))
            .collect();
        let files: Vec<&str> = v["profiles"]
            .as_array()
            .expect("p")
            .iter()
            .map(|p| p["file"].as_str().expect("f"))
            .collect();
        for n in nash {
            let bid: Bid = names
                .iter()
                .zip(n["outcome"].as_array().expect("outcome"))
                .map(|(k, x)| {
                    (
                        k.to_string(),
                        BidValue::Text(x.as_str().expect("v").to_string()),
                    )
                })
                .collect();
            let levels = bid_levels(&sc, &bid).expect("nash bid");
            for (k, file) in files.iter().enumerate() {
                let p = sc
                    .parties
                    .iter()
                    .position(|party| {
                        imp.doc.scenario.metadata["profiles"][&party.id]["file"] == *file
                    })
                    .expect("party");
                let want = n["utilities"][k].as_f64().expect("u");
                assert!((sc.prefs(p).utility(&levels) - want).abs() <= 1e-9);
            }
            checked += 1;
        }
    }
    assert!(checked >= 20, "{checked}");
}
