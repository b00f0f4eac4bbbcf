//! Hand-computed answers on tiny scenarios.

use accord_analysis::{AnalysisError, Analyzer, Count, Options};
use accord_model::{Format, Scenario, load_str};

fn load(text: &str) -> Scenario {
    match load_str(text, "t.toml", Format::Toml) {
        Ok(l) => l.scenario,
        Err(e) => panic!("{e}"),
    }
}

const HEAD: &str = r#"
[scenario]
id = "t"
title = "t"

[[parties]]
id = "a"
name = "A"
role = "principal"
capability = 2

[[parties]]
id = "b"
name = "B"
role = "principal"
capability = 1
"#;

/// One issue, five options; a and b opposed; reservations 0.25.
/// u_a = 1, .75, .5, .25, 0; u_b = 0, .25, .5, .75, 1. Zone = {o1, o2, o3}.
fn split() -> Scenario {
    load(&format!(
        r#"{HEAD}
[[issues]]
id = "x"
name = "X"
options = ["o0", "o1", "o2", "o3", "o4"]

[preferences.a]
reservation = 0.25
weights = {{ x = 1 }}
values.x = {{ o0 = 1, o1 = 0.75, o2 = 0.5, o3 = 0.25, o4 = 0 }}

[preferences.b]
reservation = 0.25
weights = {{ x = 1 }}
values.x = {{ o0 = 0, o1 = 0.25, o2 = 0.5, o3 = 0.75, o4 = 1 }}
"#
    ))
}

#[test]
fn split_zone_solutions_and_pareto() {
    let s = split();
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let z = an.zopa();
    assert!(z.exists);
    assert_eq!(z.count, Some(Count::Exact(3)));
    assert_eq!(z.space, Count::Exact(5));
    let sol = an.solutions();
    let pick = |x: &Option<accord_analysis::Solution>| {
        x.as_ref()
            .and_then(|x| x.package.get("x").map(str::to_string))
            .unwrap_or_default()
    };
    // Nash: gains (.5,.0) (.25,.25) (0,.5) over o1..o3 -> o2 with product 1/16.
    assert_eq!(pick(&sol.nash), "o2");
    assert!((sol.nash.as_ref().map_or(0.0, |n| n.objective) - 0.0625).abs() < 1e-12);
    assert_eq!(pick(&sol.egalitarian), "o2");
    assert_eq!(pick(&sol.kalai_smorodinsky), "o2");
    // Utilitarian: every package sums to 1, a tie: the lowest package (o1) wins.
    assert_eq!(pick(&sol.utilitarian), "o1");
    // Capability-weighted (2, 1): o1 gives 1.75, the best in the zone.
    assert_eq!(pick(&sol.utilitarian_weighted), "o1");
    let p = an.pareto();
    assert_eq!(p.size, Some(5));
    assert_eq!(p.zone_size, Some(3));
}

#[test]
fn opposed_red_lines_block_with_two_single_blockers() {
    let s = load(&format!(
        r#"{HEAD}
[[issues]]
id = "x"
name = "X"
options = ["left", "right"]

[preferences.a]
reservation = 0.0
weights = {{ x = 1 }}
values.x = {{ left = 1, right = 0 }}
red_lines = [{{ id = "a_no_right", issue = "x", option = "right" }}]

[preferences.b]
reservation = 0.0
weights = {{ x = 1 }}
values.x = {{ left = 0, right = 1 }}
red_lines = [{{ id = "b_no_left", issue = "x", option = "left" }}]
"#
    ));
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let a = an.analyze();
    assert!(!a.zopa.exists);
    assert!(
        a.verdict.starts_with("No deal is possible"),
        "{}",
        a.verdict
    );
    assert_eq!(a.blockers.len(), 2);
    let ids: Vec<&str> = a
        .blockers
        .iter()
        .map(|b| b.constraints[0].id.as_str())
        .collect();
    assert!(ids.contains(&"a_no_right") && ids.contains(&"b_no_left"));
    assert!(a.blockers.iter().all(|b| b.size == 1 && b.cost <= 0.0));
    // Red lines alone exclude everything: the closest package ignores them.
    assert_eq!(a.zopa.closest_respects_red_lines, Some(false));
    // No reservation cut can open the zone while red lines stand.
    assert!(a.reservation_cuts.iter().all(|c| c.cut.is_none()));
}

#[test]
fn reservations_block_and_the_cut_is_exact() {
    // u_a + u_b = 1 everywhere; reservations 0.6 each: no zone; a alone must cut 0.2
    // (its best package acceptable to b gives it 0.4).
    let s = load(&format!(
        r#"{HEAD}
[[issues]]
id = "x"
name = "X"
options = ["o0", "o1", "o2", "o3", "o4"]

[preferences.a]
reservation = 0.6
weights = {{ x = 1 }}
values.x = {{ o0 = 1, o1 = 0.75, o2 = 0.5, o3 = 0.4, o4 = 0 }}

[preferences.b]
reservation = 0.6
weights = {{ x = 1 }}
values.x = {{ o0 = 0, o1 = 0.25, o2 = 0.5, o3 = 0.6, o4 = 1 }}
"#
    ));
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    assert!(!an.zopa().exists);
    let cuts = an.reservation_cuts();
    let a = cuts.iter().find(|c| c.party == "a").map(|c| c.cut);
    assert!(
        matches!(a, Some(Some(x)) if (x - 0.2).abs() < 1e-12),
        "{a:?}"
    );
    let (bl, complete) = an.blockers();
    assert!(complete);
    // Either reservation alone opens the zone.
    assert_eq!(bl.len(), 2);
    // Relaxing a's reservation: the egalitarian opening package is o3 (a 0.4, b 0.6), a cut of 0.2.
    let ba = bl
        .iter()
        .find(|b| b.constraints[0].party == "a")
        .unwrap_or_else(|| panic!("no blocker for a"));
    assert_eq!(ba.package.get("x"), Some("o3"));
    assert!((ba.cost - 0.2).abs() < 1e-12);
}

#[test]
fn ties_go_to_the_lowest_package() {
    // Nobody cares about anything: every package ties; the lowest is reported.
    let s = load(&format!(
        r#"{HEAD}
[[issues]]
id = "x"
name = "X"
options = ["p", "q", "r"]

[[issues]]
id = "y"
name = "Y"
options = ["p", "q"]

[preferences.a]
reservation = 0.0
weights = {{ x = 0.5, y = 0.5 }}
values.x = {{ p = 0.5, q = 0.5, r = 0.5 }}
values.y = {{ p = 0.5, q = 0.5 }}

[preferences.b]
reservation = 0.0
weights = {{ x = 0.5, y = 0.5 }}
values.x = {{ p = 0.5, q = 0.5, r = 0.5 }}
values.y = {{ p = 0.5, q = 0.5 }}
red_lines = [{{ issue = "x", option = "p" }}]
"#
    ));
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let sol = an.solutions();
    for x in [
        &sol.nash,
        &sol.utilitarian,
        &sol.egalitarian,
        &sol.kalai_smorodinsky,
    ] {
        let x = x.as_ref().unwrap_or_else(|| panic!("missing"));
        assert_eq!(x.package.get("x"), Some("q"));
        assert_eq!(x.package.get("y"), Some("p"));
        assert!(x.lowest);
    }
    assert_eq!(an.zopa().count, Some(Count::Exact(4)));
    assert_eq!(an.pareto().size, Some(1));
}

#[test]
fn interactions_and_combination_red_lines_are_exact() {
    // a gets a bonus of 0.3 for (x=hi, y=hi); b forbids (x=hi, y=hi) by a combination line.
    let s = load(&format!(
        r#"{HEAD}
[[issues]]
id = "x"
name = "X"
options = ["lo", "hi"]

[[issues]]
id = "y"
name = "Y"
options = ["lo", "hi"]

[preferences.a]
reservation = 0.2
weights = {{ x = 0.5, y = 0.5 }}
values.x = {{ lo = 0, hi = 0.4 }}
values.y = {{ lo = 0, hi = 0.4 }}
interactions = [{{ when = {{ x = "hi", y = "hi" }}, value = 0.3 }}]

[preferences.b]
reservation = 0.2
weights = {{ x = 0.5, y = 0.5 }}
values.x = {{ lo = 0.6, hi = 0.4 }}
values.y = {{ lo = 0.6, hi = 0.4 }}
red_lines = [{{ id = "b_combo", when = {{ x = "hi", y = "hi" }} }}]
"#
    ));
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(an.space().groups, 1);
    // Zone: (lo,hi) a .2 b .5; (hi,lo) a .2 b .5; (lo,lo) a 0 -> out; (hi,hi) crosses b_combo.
    let z = an.zopa();
    assert_eq!(z.count, Some(Count::Exact(2)));
    let inf = an.red_line_influence(z.count, z.count_nodes);
    assert_eq!(inf.len(), 1);
    assert!(inf[0].binding);
    assert_eq!(inf[0].count_gain, Some(Count::Exact(1)));
}

#[test]
fn unknown_ids_are_reported_with_the_known_ones() {
    let s = split();
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    match an.improve("nope") {
        Err(AnalysisError::UnknownDraft { id, .. }) => assert_eq!(id, "nope"),
        other => panic!("{other:?}"),
    }
    let opts = Options {
        parties: Some(vec!["zz".into()]),
        ..Options::default()
    };
    match Analyzer::with_options(&s, opts) {
        Err(e @ AnalysisError::UnknownParty { .. }) => {
            assert!(e.to_string().contains("`a`, `b`"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_group_too_large_is_refused() {
    let s = load(&format!(
        r#"{HEAD}
[[issues]]
id = "x"
name = "X"
kind = "integer"
min = 0
max = 2000

[[issues]]
id = "y"
name = "Y"
kind = "integer"
min = 0
max = 2000

[preferences.a]
weights = {{ x = 0.5, y = 0.5 }}
values.x = [[0, 0], [2000, 1]]
values.y = [[0, 0], [2000, 1]]
interactions = [{{ when = {{ x = {{ at_least = 1000 }}, y = {{ at_least = 1000 }} }}, value = 0.1 }}]

[preferences.b]
weights = {{ x = 0.5, y = 0.5 }}
values.x = [[0, 1], [2000, 0]]
values.y = [[0, 1], [2000, 0]]
"#
    ));
    match Analyzer::new(&s) {
        Err(AnalysisError::GroupTooLarge { issues, .. }) => assert_eq!(issues, vec!["x", "y"]),
        other => panic!("{other:?}"),
    }
}

#[test]
fn improve_finds_a_pareto_improvement_and_diff_lists_changes() {
    let s = load(&format!(
        r#"{HEAD}
[[issues]]
id = "x"
name = "X"
options = ["o0", "o1", "o2"]

[[issues]]
id = "y"
name = "Y"
options = ["o0", "o1"]

[preferences.a]
reservation = 0.1
weights = {{ x = 0.5, y = 0.5 }}
values.x = {{ o0 = 0, o1 = 0.5, o2 = 1 }}
values.y = {{ o0 = 0, o1 = 1 }}

[preferences.b]
reservation = 0.1
weights = {{ x = 0.5, y = 0.5 }}
values.x = {{ o0 = 1, o1 = 0.5, o2 = 0 }}
values.y = {{ o0 = 0, o1 = 1 }}

[[drafts]]
id = "d1"
title = "d1"
author = "a"
date = "2025-01-01"
status = "proposed"
points = [{{ n = 1, text = "x at o1", issue = "x", option = "o1" }}, {{ n = 2, text = "y at o0", issue = "y", option = "o0" }}]

[[drafts]]
id = "d2"
title = "d2"
author = "b"
date = "2025-01-02"
status = "revised"
parent = "d1"
points = [{{ n = 1, text = "x at o1", issue = "x", option = "o1" }}]
"#
    ));
    let an = Analyzer::new(&s).unwrap_or_else(|e| panic!("{e}"));
    let imp = an.improve("d1").unwrap_or_else(|e| panic!("{e}"));
    // d1 gives both 0.25; y=o1 raises both by 0.5: (o1, o1) is the unique max-min improvement.
    let best = &imp.top[0];
    assert_eq!(best.package.get("x"), Some("o1"));
    assert_eq!(best.package.get("y"), Some("o1"));
    assert!((best.min_gain - 0.5).abs() < 1e-12);
    assert_eq!(best.changes.len(), 1);
    assert_eq!(best.changes[0].issue, "y");
    // Ranking: gains are non-increasing.
    for w in imp.top.windows(2) {
        assert!(w[0].min_gain >= w[1].min_gain - 1e-12);
    }
    let d = an.diff("d1", "d2").unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(d.points_dropped.len(), 1);
    assert_eq!(d.points_dropped[0].n, 2);
    assert_eq!(d.issues.len(), 1);
    assert_eq!(d.issues[0].to, None);
    let da = d
        .parties
        .iter()
        .find(|p| p.party == "a")
        .unwrap_or_else(|| panic!("a"));
    assert!((da.b[1] - 0.75).abs() < 1e-12);
}
