//! Utility and acceptability on cases computed by hand: additive utility, piecewise-linear
//! values of a numeric issue (flat outside the points), interaction terms, red lines
//! (single, combination, numeric bounds inclusive), the reservation boundary, `normalize`,
//! and drafts with inheritance and open issues.

use accord_model::{EPS_UTILITY, Format, Level, Scenario, load_str};

const TEXT: &str = r#"[scenario]
id = "hand"
title = "Hand-computed utilities"

[[parties]]
id = "p"
name = "P"
role = "principal"
capability = 1

[[parties]]
id = "q"
name = "Q"
role = "principal"
capability = 1

[[parties]]
id = "r"
name = "R"
role = "observer"
capability = 1

[[issues]]
id = "x"
name = "X"
options = ["x0", "x1", "x2"]
ordered = true

[[issues]]
id = "y"
name = "Y"
options = ["y0", "y1"]

[[issues]]
id = "n"
name = "N"
kind = "integer"
min = 0
max = 100
step = 25

[preferences.p]
reservation = 0.4
weights = { x = 0.5, y = 0.3, n = 0.2 }
values.x = { x0 = 1.0, x1 = 0.4, x2 = 0.0 }
values.y = { y0 = 0.2, y1 = 1.0 }
values.n = [[25, 0.2], [75, 1.0]]
interactions = [
  { when = { x = "x0", y = "y1" }, value = -0.15 },
  { when = { n = { at_least = 75 } }, value = 0.05, description = "a large n" },
]

[preferences.q]
reservation = 0.5
normalize = true
weights = { x = 3, n = 1 }
values.x = { x0 = 0.0, x1 = 0.5, x2 = 1.0 }
values.n = [[0, 0.0], [100, 1.0]]
red_lines = [
  { issue = "x", option = "x0" },
  { id = "x1_with_y0", when = { x = ["x1"], y = "y0" } },
  { issue = "n", at_most = 25 },
  { issue = "n", at_least = 100, probability = 0.5 },
]

[preferences.r]
reservation = RES
weights = { x = 1 }
values.x = { x0 = 1.0, x1 = 0.5, x2 = 0.0 }

# Listed before its parent: inheritance resolves parents first whatever the file order.
[[drafts]]
id = "d4"
title = "Restates d2"
author = "q"
date = "2025-11-22"
status = "revised"
parent = "d2"
inherits = true
points = [
  { n = 1, text = "x: under discussion", issue = "x", change = "unknown" },
  { n = 2, text = "Talks go on.", unmapped = true },
]

[[drafts]]
id = "d1"
title = "Complete"
author = "p"
date = "2025-11-18"
status = "proposed"
points = [
  { n = 1, text = "x1", issue = "x", option = "x1" },
  { n = 2, text = "y0 and n 50", issue = "y", option = "y0", also = [{ issue = "n", value = 50 }] },
]

[[drafts]]
id = "d2"
title = "Inherits from d1"
author = "q"
date = "2025-11-19"
status = "counter_proposal"
parent = "d1"
inherits = true
points = [
  { n = 1, text = "x2", issue = "x", option = "x2", change = "changed" },
  { n = 3, text = "n = 50, struck out", issue = "n", value = 50, change = "dropped" },
]

[[drafts]]
id = "d3"
title = "Revises d2 without inheriting"
author = "p"
date = "2025-11-20"
status = "revised"
parent = "d2"
points = [{ n = 1, text = "x0", issue = "x", option = "x0" }]
"#;

fn scenario_with_reservation(r: &str) -> Scenario {
    let text = TEXT.replace("RES", r);
    match load_str(&text, "hand.toml", Format::Toml) {
        Ok(l) => {
            assert!(l.warnings.is_empty(), "{:?}", l.warnings);
            l.scenario
        }
        Err(e) => panic!("{e}"),
    }
}

fn scenario() -> Scenario {
    scenario_with_reservation("0.5")
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-12
}

/// The package `[x, y, n]` from level indices (n given as its value: 0, 25, ..., 100).
fn pkg(x: Level, y: Level, n: u32) -> [Level; 3] {
    [x, y, n / 25]
}

#[test]
fn numeric_values_are_piecewise_linear_and_flat_outside_the_points() {
    let s = scenario();
    let p = s.prefs(s.party_index("p").expect("p"));
    // Points (25, 0.2) and (75, 1.0): flat at 0.2 below 25, flat at 1.0 above 75.
    let want = [0.2, 0.2, 0.6, 1.0, 1.0];
    for (k, w) in want.iter().enumerate() {
        assert!(close(p.values[2][k], *w), "n level {k}: {}", p.values[2][k]);
    }
    let q = s.prefs(s.party_index("q").expect("q"));
    let want = [0.0, 0.25, 0.5, 0.75, 1.0];
    for (k, w) in want.iter().enumerate() {
        assert!(close(q.values[2][k], *w), "n level {k}: {}", q.values[2][k]);
    }
}

#[test]
fn additive_utility_and_interaction_terms() {
    let s = scenario();
    let p = s.prefs(s.party_index("p").expect("p"));
    assert!(!p.is_additive());
    // 0.5*0.4 + 0.3*0.2 + 0.2*0.6 = 0.38, no term applies.
    assert!(close(p.additive_utility(&pkg(1, 0, 50)), 0.38));
    assert!(close(p.utility(&pkg(1, 0, 50)), 0.38));
    // 0.5*1 + 0.3*0.2 + 0.2*0.2 = 0.6.
    assert!(close(p.utility(&pkg(0, 0, 0)), 0.6));
    // 0.5*1 + 0.3*1 + 0.2*1 = 1.0, then -0.15 (x0 with y1) and +0.05 (n >= 75).
    assert!(close(p.additive_utility(&pkg(0, 1, 100)), 1.0));
    assert!(close(p.utility(&pkg(0, 1, 100)), 0.9));
    // The bound of an interaction is inclusive: n = 75 counts.
    assert!(close(p.utility(&pkg(2, 0, 75)), 0.06 + 0.2 + 0.05));
    assert!(close(p.contribution(0, 1), 0.2));
    assert!(close(p.contribution(2, 2), 0.12));
    let (lo, hi) = p.contribution_bounds(2);
    assert!(close(lo, 0.04) && close(hi, 0.2));
    assert_eq!(p.interactions[0].description, "x = x0 and y = y1");
    assert_eq!(p.interactions[1].description, "a large n");
    // Utility is acceptable at or above the reservation when no red line is crossed.
    assert!(
        !p.acceptable(&pkg(1, 0, 50)),
        "0.38 is below the reservation 0.4"
    );
    assert!(p.acceptable(&pkg(0, 0, 0)));
}

#[test]
fn normalize_rescales_weights_to_sum_to_one() {
    let s = scenario();
    let q = s.prefs(s.party_index("q").expect("q"));
    assert!(close(q.weights[0], 0.75));
    assert!(close(q.weights[1], 0.0), "an issue without weight weighs 0");
    assert!(close(q.weights[2], 0.25));
    assert!(q.is_additive());
    // 0.75*0.5 + 0.25*0.75
    assert!(close(q.utility(&pkg(1, 1, 75)), 0.5625));
    // y carries no weight for q: its level does not matter.
    assert!(close(q.utility(&pkg(2, 0, 50)), q.utility(&pkg(2, 1, 50))));
}

#[test]
fn red_lines_single_combination_and_inclusive_numeric_bounds() {
    let s = scenario();
    let q = s.prefs(s.party_index("q").expect("q"));
    let ids: Vec<&str> = q.red_lines.iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["q/1", "x1_with_y0", "q/3", "q/4"]);
    let desc: Vec<&str> = q.red_lines.iter().map(|r| r.description.as_str()).collect();
    assert_eq!(
        desc,
        ["x = x0", "x = x1 and y = y0", "n in {0, 25}", "n = 100"]
    );
    assert!(q.red_lines[0].is_single_issue() && !q.red_lines[1].is_single_issue());
    assert!(close(q.red_lines[3].probability, 0.5) && close(q.red_lines[0].probability, 1.0));

    // Single: x0 is out whatever else, even with a high utility.
    assert_eq!(q.first_red_line_crossed(&pkg(0, 1, 75)), Some(0));
    // Combination: x1 is fine with y1, out with y0.
    assert_eq!(q.first_red_line_crossed(&pkg(1, 1, 75)), None);
    assert_eq!(q.first_red_line_crossed(&pkg(1, 0, 75)), Some(1));
    assert!(
        !q.acceptable(&pkg(1, 0, 75)),
        "utility 0.5625 but a red line"
    );
    // Numeric bounds are inclusive: at_most = 25 forbids 0 and 25, not 50; at_least = 100
    // forbids 100 only.
    assert_eq!(q.first_red_line_crossed(&pkg(2, 1, 25)), Some(2));
    assert_eq!(q.first_red_line_crossed(&pkg(2, 1, 0)), Some(2));
    assert_eq!(q.first_red_line_crossed(&pkg(2, 1, 50)), None);
    assert_eq!(q.first_red_line_crossed(&pkg(2, 1, 75)), None);
    assert_eq!(q.first_red_line_crossed(&pkg(2, 1, 100)), Some(3));
    // Every line crossed, in order.
    let all: Vec<usize> = q.red_lines_crossed(&pkg(1, 0, 25)).collect();
    assert_eq!(all, [1, 2]);
    // `forbids` counts single-issue lines only.
    assert!(q.forbids(0, 0));
    assert!(!q.forbids(0, 1), "x1 is only forbidden together with y0");
    let forbidden_n: Vec<u32> = (0..5).filter(|&l| q.forbids(2, l)).collect();
    assert_eq!(forbidden_n, [0, 1, 4]);
}

#[test]
fn the_reservation_is_a_boundary_included_within_eps() {
    let s = scenario();
    let q = s.prefs(s.party_index("q").expect("q"));
    // 0.75*0.5 + 0.25*0.5 = 0.5 = reservation: acceptable.
    assert!(close(q.utility(&pkg(1, 1, 50)), 0.5));
    assert!(q.acceptable(&pkg(1, 1, 50)));
    // R weighs only x: x1 is worth exactly 0.5.
    let r_at = |res: &str| {
        let s = scenario_with_reservation(res);
        let r = s.party_index("r").expect("r");
        let prefs = s.prefs(r);
        (
            prefs.acceptable(&[1, 0, 0]),
            prefs.acceptable(&[0, 0, 0]),
            prefs.acceptable(&[2, 0, 0]),
        )
    };
    assert_eq!(r_at("0.5"), (true, true, false));
    // Just above 0.5, but within EPS_UTILITY: still acceptable.
    const { assert!(EPS_UTILITY > 5e-10) };
    assert_eq!(r_at("0.5000000005"), (true, true, false));
    // Clearly above: x1 is no longer enough.
    assert_eq!(r_at("0.500001"), (false, true, false));
    assert_eq!(r_at("0"), (true, true, true));
    assert_eq!(r_at("1"), (false, true, false));
}

#[test]
fn drafts_inherit_settlements_and_keep_open_issues_open() {
    let s = scenario();
    let d = |id: &str| &s.drafts[s.draft_index(id).expect("draft")];
    let d1 = d("d1");
    assert_eq!(d1.package, [Some(1), Some(0), Some(2)]);
    assert!(d1.is_complete());
    assert_eq!(d1.open_issues().count(), 0);
    assert_eq!(s.describe_package(&[1, 0, 2]), "x=x1, y=y0, n=50");
    // d2 inherits from d1: x changed to x2; y untouched comes from d1; the point that
    // drops d1's n = 50 leaves n open (it addresses n, so n is not inherited).
    let d2 = d("d2");
    assert_eq!(d2.parent, s.draft_index("d1"));
    assert_eq!(d2.package, [Some(2), Some(0), None]);
    assert!(!d2.is_complete());
    assert_eq!(d2.open_issues().collect::<Vec<_>>(), [2]);
    assert_eq!(
        d2.points[1].settles,
        [(2, Some(2))],
        "a dropped point records what it dropped"
    );
    // d3 names d2 as parent but does not inherit: only its own point counts.
    let d3 = d("d3");
    assert_eq!(d3.package, [Some(0), None, None]);
    assert_eq!(d3.open_issues().collect::<Vec<_>>(), [1, 2]);
    // d4 comes first in the file and inherits from d2, which inherits from d1; its point
    // on x has no known settlement, so x is open rather than inherited.
    let d4 = d("d4");
    assert_eq!(d4.package, [None, Some(0), None]);
    assert_eq!(d4.points[0].settles, [(0, None)]);
    assert!(d4.points[1].settles.is_empty());
    assert_eq!(s.parties[d4.author].id, "q");
}

#[test]
fn scenario_indices_and_sizes() {
    let s = scenario();
    assert_eq!(s.party_index("q"), Some(1));
    assert_eq!(s.party_index("nobody"), None);
    assert_eq!(s.issue_index("n"), Some(2));
    assert_eq!(s.draft_index("d4"), Some(0));
    assert_eq!(s.level_counts(), [3, 2, 5]);
    assert!(close(s.space_size(), 30.0));
    assert_eq!(s.space_size_exact(), Some(30));
    assert_eq!(s.veto_parties(), [0, 1], "the observer has no veto");
    assert_eq!(s.parties_with_preferences(), [0, 1, 2]);
    assert_eq!(s.issues[2].level_index("75"), Some(3));
    assert_eq!(s.issues[2].level_id(4), "100");
    assert_eq!(s.issues[0].level_index("x9"), None);
}

#[test]
fn utility_of_every_package_matches_a_direct_sum() {
    // The flat table agrees with weights x values (+ terms) over the whole space.
    let s = scenario();
    for party in s.parties_with_preferences() {
        let pr = s.prefs(party);
        for x in 0..3 {
            for y in 0..2 {
                for n in 0..5 {
                    let pkg = [x, y, n];
                    let direct: f64 = (0..3)
                        .map(|i| pr.weights[i] * pr.values[i][pkg[i] as usize])
                        .sum::<f64>()
                        + pr.interactions
                            .iter()
                            .filter(|t| t.applies(&pkg))
                            .map(|t| t.value)
                            .sum::<f64>();
                    assert!(close(pr.utility(&pkg), direct), "{party} {pkg:?}");
                }
            }
        }
    }
}
