//! The shared GENIUS / GeniusWeb corpus: which folders load under which semantics, the
//! GENIUS test vectors of genius-anac.md §1.3, and the max-welfare oracle of SOURCES.md.

mod common;

use accord_formats::{ErrorKind, Kind, Semantics, detect, load_folder};
use accord_model::Level;
use common::*;

/// What loading a folder must give.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Expect {
    Ok,
    /// Fails as unsupported, the construct containing this text.
    Unsupported(&'static str),
}

fn expected(folder: &str, sem: Semantics) -> Expect {
    match (folder, sem) {
        // ANAC 2014: the hyper-rectangles of at least one profile sum to more than
        // maxutility, where GENIUS caps u = min(1, F/maxutility).
        ("NonLinear10issuesWithRV" | "NonLinear50issues", Semantics::Genius) => {
            Expect::Unsupported("utility cap min(1, F/maxutility)")
        }
        // NegMAS 0.16 rejects issue indices that do not start at 1.
        ("FitnessA" | "WebServiceIntegerRange", Semantics::Negmas) => {
            Expect::Unsupported("where NegMAS expects 1")
        }
        _ => Expect::Ok,
    }
}

#[test]
fn every_shared_folder_loads_or_fails_clearly() {
    let Some(root) = shared_domains() else { return };
    let mut checked = 0;
    for (sub, kind) in [
        ("genius", Kind::GeniusFolder),
        ("geniusweb", Kind::GeniusWebFolder),
    ] {
        let dirs = subdirs(&root.join(sub));
        assert_eq!(
            dirs.len(),
            if sub == "genius" { 28 } else { 4 },
            "{sub} folders"
        );
        for dir in dirs {
            let folder = name(&dir);
            assert_eq!(detect(&dir), Some(kind), "{folder}");
            for sem in [Semantics::Genius, Semantics::Negmas] {
                let got = load_folder(&dir, sem);
                match (expected(&folder, sem), got) {
                    (Expect::Ok, Ok(imp)) => {
                        assert!(!imp.doc.parties.is_empty(), "{folder}");
                        let sc = scenario(&imp.doc);
                        assert_eq!(sc.parties.len(), imp.doc.parties.len());
                        println!(
                            "{sub}/{folder} [{}]: {} parties, {} issues, {} warning(s)",
                            sem.as_str(),
                            sc.parties.len(),
                            sc.issues.len(),
                            imp.warnings.len()
                        );
                    }
                    (Expect::Unsupported(what), Err(e)) => {
                        assert_eq!(e.kind, ErrorKind::Unsupported, "{folder}: {e}");
                        let construct = e.construct.clone().unwrap_or_default();
                        assert!(
                            construct.contains(what),
                            "{folder}: construct `{construct}` should name `{what}`"
                        );
                        assert!(
                            e.file.is_some() && e.location.is_some(),
                            "{folder}: error must be located: {e}"
                        );
                        println!(
                            "{sub}/{folder} [{}]: unsupported as expected: {e}",
                            sem.as_str()
                        );
                    }
                    (want, got) => panic!(
                        "{sub}/{folder} [{}]: expected {want:?}, got {:?}",
                        sem.as_str(),
                        got.map(|i| i.doc.parties.len())
                    ),
                }
                checked += 1;
            }
        }
    }
    assert_eq!(checked, 64);
}

/// Utility of the package given positionally (in the document's issue order).
fn u_at(sc: &accord_model::Scenario, party: &str, values: &[&str]) -> f64 {
    let names: Vec<String> = sc.doc.issues.iter().map(|i| i.name.clone()).collect();
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(values.iter().copied())
        .collect();
    let pkg: Vec<Level> = levels_by_name(sc, &pairs);
    let p = sc
        .party_index(party)
        .unwrap_or_else(|| panic!("no party {party}"));
    sc.prefs(p).utility(&pkg)
}

#[test]
fn genius_test_vectors_reproduce() {
    let Some(root) = shared_domains() else { return };
    let load = |f: &str| {
        scenario(
            &load_folder(&root.join("genius").join(f), Semantics::Genius)
                .expect(f)
                .doc,
        )
    };
    let close = |a: f64, b: f64, tol: f64| (a - b).abs() <= tol;

    let laptop = load("Laptop");
    let bid = ["Dell", "80 Gb", "23'' LCD"];
    let u = u_at(&laptop, "laptop_buyer_utility", &bid);
    assert!(close(u, 0.547949, 5e-7), "laptop buyer {u}");
    let u = u_at(&laptop, "laptop_seller_utility", &bid);
    assert!(close(u, 0.476369, 5e-7), "laptop seller {u}");
    let b = laptop.party_index("laptop_buyer_utility").unwrap_or(0);
    assert!(close(laptop.prefs(b).discount, 0.42441038, 1e-12));

    let kr = load("KillerRobot");
    let u = u_at(
        &kr,
        "KillerRobot_util1",
        &["Block", "Hover", "5", "Plasma", "Black", "10"],
    );
    assert!(close(u, 0.970943, 5e-7), "killer robot {u}");

    let int = load("IntegerDomain");
    let u = u_at(&int, "IntegerDomain-prof1", &["0", "3"]);
    assert!(close(u, 0.725, 1e-12), "integer (0,3) {u}");
    let u = u_at(&int, "IntegerDomain-prof1", &["5", "5"]);
    assert!(close(u, 1.0, 1e-12), "integer (5,5) clamps {u}");
    // discount_factor 0.0 means "no discount" in GENIUS.
    assert!(close(int.prefs(0).discount, 1.0, 0.0));

    let eg = load("EnergyGridAgentHp2");
    let u = u_at(
        &eg,
        "consumer",
        &["8", "9", "10", "11", "12", "13", "14", "8"],
    );
    assert!(close(u, 0.58675, 5e-7), "energy grid {u}");

    let fz = load("FuzzyAgentReal");
    for p in ["buyer_utility", "seller_utility"] {
        let u = u_at(&fz, p, &["25"]);
        assert!(close(u, 0.5, 1e-6), "fuzzy {p} {u}");
    }
}

#[test]
fn negmas_semantics_differ_where_documented() {
    let Some(root) = shared_domains() else { return };
    let load = |f: &str| {
        scenario(
            &load_folder(&root.join("genius").join(f), Semantics::Negmas)
                .expect(f)
                .doc,
        )
    };
    // Raw discrete evaluations: u(HP, 60 Gb, 19'' LCD) = 30.0016 for the Laptop buyer.
    let laptop = load("Laptop");
    let u = u_at(
        &laptop,
        "laptop_buyer_utility",
        &["HP", "60 Gb", "19'' LCD"],
    );
    assert!((u - 30.0016).abs() < 1e-3, "{u}");
    // Integer offset + slope * x, unclamped: (-5, -5) -> -0.2.
    let int = load("IntegerDomain");
    let u = u_at(&int, "IntegerDomain-prof1", &["-5", "-5"]);
    assert!((u + 0.2).abs() < 1e-12, "{u}");
}

/// Max Σu over all packages, per the `max Σu` column of genius/SOURCES.md.
#[test]
fn max_welfare_matches_sources_oracle() {
    let Some(root) = shared_domains() else { return };
    let text = std::fs::read_to_string(root.join("genius/SOURCES.md")).expect("SOURCES.md");
    let mut checked = 0;
    for line in text.lines().filter(|l| l.starts_with("| ")) {
        let cols: Vec<&str> = line.split('|').map(str::trim).collect();
        if cols.len() < 13 {
            continue;
        }
        let (folder, max_sum) = (cols[1], cols[12]);
        let Ok(want) = max_sum.parse::<f64>() else {
            continue;
        };
        let imp = load_folder(&root.join("genius").join(folder), Semantics::Genius).expect(folder);
        let sc = scenario(&imp.doc);
        // SmartEnergyGrid's oracle uses only the three linear `_utilN` profiles.
        let parties: Vec<usize> = (0..sc.parties.len())
            .filter(|&p| folder != "SmartEnergyGrid" || sc.parties[p].id.contains("_util"))
            .collect();
        let best = packages(&sc, 500_000, 0, 0)
            .iter()
            .map(|pkg| parties.iter().map(|&p| utility(&sc, p, pkg)).sum::<f64>())
            .fold(f64::NEG_INFINITY, f64::max);
        assert!(
            (best - want).abs() <= 6e-7,
            "{folder}: max welfare {best}, SOURCES says {want}"
        );
        checked += 1;
    }
    println!("max-welfare oracle matched on {checked} domains");
    assert!(checked >= 20, "only {checked} oracle rows checked");
}

#[test]
fn quirks_are_handled() {
    let Some(root) = shared_domains() else { return };
    let g = root.join("genius");
    // FitnessA: objective index 1, issues 2..6, stray objective weight ignored with a warning.
    let imp = load_folder(&g.join("FitnessA"), Semantics::Genius).expect("FitnessA");
    assert!(
        imp.warnings
            .iter()
            .any(|w| w.contains("weight index 1 matches no issue"))
    );
    let sc = scenario(&imp.doc);
    let sum: f64 = sc.prefs(0).weights.iter().sum();
    assert!((sum - 1.0).abs() < 1e-12);
    // JapanTrip: weights sum to 1.1, renormalised.
    let imp = load_folder(&g.join("JapanTrip"), Semantics::Genius).expect("JapanTrip");
    assert!(imp.warnings.iter().any(|w| w.contains("renormalised")));
    // SmartEnergyGrid: odd value strings survive as labels; UNCERTAIN extras kept.
    let imp = load_folder(&g.join("SmartEnergyGrid"), Semantics::Genius).expect("SEG");
    let opt = &imp.doc.issues[0].options[0];
    assert_eq!(opt.label.as_deref(), Some("0 kW,"));
    assert_eq!(opt.id, "0_kW");
    let meta = &imp.doc.scenario.metadata["profiles"]["SmartEnergyGridA20"];
    assert_eq!(meta["type"], "uncertain");
    assert_eq!(meta["uncertain"]["comparisons"], 20);
    assert_eq!(meta["uncertain"]["fixed_seed"], true);
    // ANAC 2014 pareto.xml (CSV) is kept as metadata.
    let imp = load_folder(&g.join("NonLinear10issuesWithRV"), Semantics::Negmas).expect("NL10");
    let pareto = imp.doc.scenario.metadata["genius_pareto"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(pareto, 7);
    // Nonlinear profile under NegMAS: raw sums, strict bounds.
    let sc = scenario(&imp.doc);
    assert!(!sc.prefs(0).interactions.is_empty());
    // Travel: number_of_issues="0" but 7 issues.
    let imp = load_folder(&g.join("Travel"), Semantics::Genius).expect("Travel");
    assert_eq!(imp.doc.issues.len(), 7);
    // NonLinear50issues: 40 issues although the name says 50.
    let imp = load_folder(&g.join("NonLinear50issues"), Semantics::Negmas).expect("NL50");
    assert_eq!(imp.doc.issues.len(), 40);
    // Missing reservation -> 0; missing discount -> none.
    let imp = load_folder(&g.join("NiceOrDie"), Semantics::Genius).expect("NiceOrDie");
    let sc = scenario(&imp.doc);
    assert!(sc.prefs(0).reservation.abs() < 1e-15 && (sc.prefs(0).discount - 1.0).abs() < 1e-15);
}
