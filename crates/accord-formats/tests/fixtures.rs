//! Hand-written GENIUS fixtures (tests/fixtures/genius): one construct each.

mod common;

use accord_formats::{
    ErrorKind, FormatError, Imported, Semantics, TextFile, genius_from_texts, genius_to_texts,
    geniusweb_from_texts, load_folder,
};
use common::*;

fn fixture(name: &str, sem: Semantics) -> Result<Imported, FormatError> {
    load_folder(&fixtures().join("genius").join(name), sem)
}

fn unsupported(name: &str, sem: Semantics, construct: &str) -> FormatError {
    let e = fixture(name, sem)
        .err()
        .unwrap_or_else(|| panic!("{name} should fail"));
    assert_eq!(e.kind, ErrorKind::Unsupported, "{name}: {e}");
    let c = e.construct.clone().unwrap_or_default();
    assert!(
        c.contains(construct),
        "{name}: construct `{c}` should contain `{construct}`"
    );
    assert!(
        e.file.is_some() && e.location.is_some(),
        "{name}: {e} is not located"
    );
    e
}

fn u(imp: &Imported, party: &str, values: &[&str]) -> f64 {
    let sc = scenario(&imp.doc);
    let names: Vec<String> = sc.doc.issues.iter().map(|i| i.name.clone()).collect();
    let pairs: Vec<(&str, &str)> = names
        .iter()
        .map(String::as_str)
        .zip(values.iter().copied())
        .collect();
    let pkg = levels_by_name(&sc, &pairs);
    sc.prefs(
        sc.party_index(party)
            .unwrap_or_else(|| panic!("no party {party}")),
    )
    .utility(&pkg)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

#[test]
fn camera_discount_value_child() {
    let imp = fixture("camera_discount_child", Semantics::Genius).expect("loads");
    let sc = scenario(&imp.doc);
    let buyer = sc.party_index("camera_buyer").expect("buyer");
    let seller = sc.party_index("camera_seller").expect("seller");
    assert!(close(sc.prefs(buyer).discount, 0.890596104));
    assert!(close(sc.prefs(buyer).reservation, 0.25));
    // discount_factor 1.5 is out of (0, 1]: GENIUS treats it as no discount.
    assert!(close(sc.prefs(seller).discount, 1.0));
    // The reservation before the objective is found too.
    assert!(close(sc.prefs(seller).reservation, 0.1));
    // 320/300/160 divided by 320; 2/8 divided by 8.
    assert!(close(
        u(&imp, "camera_buyer", &["Nikon", "Entry"]),
        0.7 * 0.9375 + 0.3
    ));
    let raw = fixture("camera_discount_child", Semantics::Negmas).expect("loads");
    assert!(close(
        u(&raw, "camera_buyer", &["Nikon", "Entry"]),
        0.7 * 300.0 + 0.3 * 8.0
    ));
}

#[test]
fn unsupported_constructs_fail_clearly() {
    for sem in [Semantics::Genius, Semantics::Negmas] {
        let e = unsupported(
            "constraint_profile",
            sem,
            "utility_space type=\"constraint\"",
        );
        assert_eq!(e.location, Some((1, 1)));
        assert!(
            e.to_string()
                .contains("operator.xml:1:1: unsupported: utility_space type=\"constraint\""),
            "{e}"
        );
        unsupported("excludes_rect", sem, "EXCLUDES");
        unsupported("nested_objective", sem, "nested <objective>");
        unsupported("faratin_evaluator", sem, "ftype=\"faratin\"");
    }
    // NegMAS has no `constant` evaluator and reads only top-level ufuns.
    unsupported("real_evaluators", Semantics::Negmas, "ftype=\"constant\"");
    unsupported("nonlinear_small", Semantics::Negmas, "nested <ufun>");
}

#[test]
fn real_evaluators_are_exact() {
    let imp = fixture("real_evaluators", Semantics::Genius).expect("loads");
    // Triangular 14 -> 21 -> 28, constant 0.4.
    assert!(close(u(&imp, "tenant", &["21", "5"]), 0.8 + 0.2 * 0.4));
    assert!(close(
        u(&imp, "tenant", &["17.6", "0"]),
        0.8 * (3.6 / 7.0) + 0.2 * 0.4
    ));
    assert!(close(u(&imp, "tenant", &["28", "0"]), 0.2 * 0.4));
    assert!(close(u(&imp, "tenant", &["10", "0"]), 0.2 * 0.4));
    // clamp01(2 - 0.1 x) and clamp01(-0.5 + 0.25 h).
    assert!(close(
        u(&imp, "landlord", &["15", "4"]),
        0.5 * 0.5 + 0.5 * 0.5
    ));
    assert!(close(u(&imp, "landlord", &["25", "1"]), 0.0));
    assert!(close(u(&imp, "landlord", &["10", "10"]), 1.0));
    // Writes back as triangular / constant-as-linear / linear and reads the same.
    let (files, _) = genius_to_texts(&imp.doc, Semantics::Genius).expect("writes");
    assert!(files[1].text.contains("triangular") || files[2].text.contains("triangular"));
    let back = genius_from_texts(&files[0], &files[1..], Semantics::Genius).expect("reads");
    for (t, h) in [("21", "5"), ("12.4", "2.5"), ("29.8", "9.9")] {
        for p in ["tenant", "landlord"] {
            assert!(
                close(u(&imp, p, &[t, h]), u(&back, p, &[t, h])),
                "{p} {t} {h}"
            );
        }
    }
}

#[test]
fn nonlinear_without_binding_cap() {
    let imp = fixture("nonlinear_small", Semantics::Genius).expect("loads");
    // B (6) + C (5 x weight 2) + E (4 x nested weight 0.5) = 18 of maxutility 20.
    assert!(close(u(&imp, "profile-1", &["3", "4", "4"]), 0.9));
    // A (8) alone.
    assert!(close(u(&imp, "profile-1", &["0", "2", "2"]), 0.4));
    // Always-on rectangle (2) + z in [0, 2] (8) of 10.
    assert!(close(u(&imp, "profile-2", &["0", "0", "0"]), 1.0));
    assert!(close(u(&imp, "profile-2", &["4", "4", "3"]), 0.2));
    assert_eq!(
        imp.doc.scenario.metadata["profiles"]["profile-1"]["maxutility"],
        20.0
    );
    // Brute force: every package agrees with the formula min(1, F / maxutility).
    let sc = scenario(&imp.doc);
    let p1 = sc.party_index("profile-1").expect("p1");
    for pkg in packages(&sc, 1000, 0, 0) {
        let (x, y, z) = (pkg[0], pkg[1], pkg[2]);
        let mut f = 0.0;
        if x <= 2 && (1..=3).contains(&y) {
            f += 8.0
        }
        if x >= 2 {
            f += 6.0
        }
        if z == 4 && x >= 3 {
            f += 10.0
        }
        if y == 0 && z <= 1 {
            f += 3.0
        }
        if y == 4 {
            f += 2.0
        }
        let want = (f / 20.0f64).min(1.0);
        assert!(close(sc.prefs(p1).utility(&pkg), want), "{pkg:?}");
    }
    // And it writes back as hyper-rectangles.
    let (files, _) = genius_to_texts(&imp.doc, Semantics::Genius).expect("writes");
    let back = genius_from_texts(&files[0], &files[1..], Semantics::Genius).expect("reads");
    let sb = scenario(&back.doc);
    for pkg in packages(&sc, 1000, 0, 0) {
        for p in 0..2 {
            assert!(close(sc.prefs(p).utility(&pkg), sb.prefs(p).utility(&pkg)));
        }
    }
    // Written for NegMAS (strict bounds), it reads back the same under NegMAS rules.
    let (files, _) = genius_to_texts(&imp.doc, Semantics::Negmas).expect("writes");
    let raw = genius_from_texts(&files[0], &files[1..], Semantics::Negmas).expect("reads");
    let sr = scenario(&raw.doc);
    for pkg in packages(&sc, 1000, 0, 0) {
        for p in 0..2 {
            assert!(close(sc.prefs(p).utility(&pkg), sr.prefs(p).utility(&pkg)));
        }
    }
}

#[test]
fn quirky_whitespace_and_order() {
    let imp = fixture("quirky_whitespace", Semantics::Genius).expect("loads");
    assert!(
        imp.warnings.iter().any(|w| w.contains("vtype")),
        "{:?}",
        imp.warnings
    );
    assert!(imp.warnings.iter().any(|w| w.contains("renormalised")));
    let sc = scenario(&imp.doc);
    assert!(close(sc.prefs(0).reservation, 0.3));
    // Snack: 6 -> 1, 3 -> 0.5; Days: clamp01(0.5 (x - 1)).
    assert!(close(u(&imp, "party", &["0 kW,", "2"]), 0.5 + 0.5 * 0.5));
    assert!(close(u(&imp, "party", &["19'' LCD", "3"]), 0.25 + 0.5));
    let raw = fixture("quirky_whitespace", Semantics::Negmas).expect("loads");
    // NegMAS: raw 6 and 0.5 x, weights 2 and 2.
    assert!(close(
        u(&raw, "party", &["0 kW,", "1"]),
        2.0 * 6.0 + 2.0 * 0.5
    ));
}

#[test]
fn missing_evaluations() {
    let imp = fixture("missing_evaluations", Semantics::Genius).expect("loads");
    assert_eq!(
        imp.warnings
            .iter()
            .filter(|w| w.contains("counts as 0"))
            .count(),
        2
    );
    assert!(close(u(&imp, "painter", &["red"]), 1.0));
    assert!(close(u(&imp, "painter", &["blue"]), 0.0));
    let e = fixture("missing_evaluations", Semantics::Negmas).expect_err("NegMAS rejects it");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(e.location.is_some());
}

#[test]
fn malformed_files_report_line_and_column() {
    let domain = TextFile::new(
        "d.xml",
        "<negotiation_template>\n<utility_space>\n<objective index=\"0\">\n<issue index=\"1\" name=\"a\">\n<item value=\"x\">\n</issue>\n",
    );
    let e = genius_from_texts(&domain, &[], Semantics::Genius).expect_err("fails");
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!(e.location.map(|l| l.0), Some(6));
    let domain = TextFile::new(
        "d.xml",
        "<negotiation_template><utility_space><objective index=\"0\">\n<issue index=\"1\" name=\"a\" type=\"integer\" lowerbound=\"5\" upperbound=\"x\"/></objective></utility_space></negotiation_template>",
    );
    let e = genius_from_texts(&domain, &[], Semantics::Genius).expect_err("fails");
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert_eq!(e.location, Some((2, 1)));
    assert!(e.message.contains("upperbound"), "{e}");
    let p = TextFile::new(
        "p.json",
        "{\"LinearAdditiveUtilitySpace\": {\"issueWeights\": {\"a\": \"heavy\"}}}",
    );
    let e = geniusweb_from_texts(None, &[p], Semantics::Genius).expect_err("fails");
    assert_eq!(e.kind, ErrorKind::Invalid);
    let p = TextFile::new("p.json", "{\"SumOfGroupsUtilitySpace\": {}}");
    let e = geniusweb_from_texts(None, &[p], Semantics::Genius).expect_err("fails");
    assert_eq!(
        e.construct.as_deref(),
        Some("GeniusWeb profile type `SumOfGroupsUtilitySpace`")
    );
}

#[test]
fn geniusweb_spellings_and_ranges() {
    // The newer spelling, both range encodings, number utilities that are 0 outside [low, high].
    let domain = TextFile::new(
        "d.json",
        r#"{"name":"t","issuesValues":{
        "drink":{"values":["tea","coffee"]},
        "size":{"range":[1,5,1]},
        "temp":{"range":{"low":12.2,"high":12.6,"step":0.3}}}}"#,
    );
    let prof = TextFile::new(
        "alice.json",
        r#"{"LinearAdditiveUtilitySpace":{"name":"Alice",
        "issueUtilities":{
          "drink":{"DiscreteValueSetUtilities":{"valueUtilities":{"tea":0.2,"coffee":1}}},
          "size":{"NumberValueSetUtilities":{"lowValue":2,"lowUtility":0.4,"highValue":4,"highUtility":0.9}},
          "temp":{"numberutils":{"lowValue":12.2,"lowUtility":1,"highValue":12.6,"highUtility":0}}},
        "issueWeights":{"drink":0.5,"size":0.25,"temp":0.25},
        "reservationBid":{"issuevalues":{"drink":"tea","size":3,"temp":12.5}}}}"#,
    );
    let imp = geniusweb_from_texts(Some(&domain), &[prof], Semantics::Genius).expect("loads");
    let sc = scenario(&imp.doc);
    assert_eq!(sc.parties[0].name, "Alice");
    assert_eq!(sc.level_counts(), vec![2, 5, 2]);
    let at = |vals: &[&str]| u(&imp, "alice", vals);
    // size 1 and 5 are outside [2, 4]: utility 0; size 3 is 0.65; temp 12.5 is 0.25.
    assert!(close(at(&["coffee", "1", "12.2"]), 0.5 + 0.0 + 0.25));
    assert!(close(
        at(&["coffee", "3", "12.5"]),
        0.5 + 0.25 * 0.65 + 0.25 * 0.25
    ));
    assert!(close(at(&["tea", "5", "12.2"]), 0.1 + 0.25));
    assert!(close(
        sc.prefs(0).reservation,
        0.1 + 0.25 * 0.65 + 0.25 * 0.25
    ));
}
