//! Charts: SVG snapshots for a small fixed scenario, PNGs, and the data behind them.

mod util;

use accord_report::{
    Chart, CloudKind, DraftsChart, Heatmap, PNG_SCALE, ReportError, SpaceOptions, Timeline,
    Tornado, UtilitySpace,
};
use util::*;

fn charts() -> Vec<(&'static str, Chart)> {
    let s = small();
    let a = analyze(&s);
    vec![
        (
            "utility_space",
            Chart::UtilitySpace(
                UtilitySpace::build(&s, &a, &SpaceOptions::default()).expect("space"),
            ),
        ),
        (
            "drafts",
            Chart::Drafts(DraftsChart::build(&s, &a.drafts).expect("drafts")),
        ),
        (
            "heatmap",
            Chart::Heatmap(Heatmap::build(&s).expect("heatmap")),
        ),
        (
            "timeline",
            Chart::Timeline(Timeline::build(&s).expect("timeline")),
        ),
        (
            "tornado",
            Chart::Tornado(Tornado::new(
                "Sensitivity of the probability of a deal",
                "probability of a deal",
                0.42,
                [
                    ("union reservation".to_string(), 0.61, 0.18),
                    ("port wage cap is real".to_string(), 0.55, 0.40),
                    ("weight of wage <for union>".to_string(), 0.35, 0.47),
                ],
            )),
        ),
    ]
}

#[test]
fn chart_svgs_match_their_snapshots() {
    for (name, chart) in charts() {
        let svg = chart.svg().expect("svg");
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: {e}"));
        let root = doc.root_element();
        assert_eq!(root.tag_name().name(), "svg");
        assert!(root.attribute("viewBox").is_some());
        // Tooltips: the chart title, and titles on the marks.
        let titles = doc
            .descendants()
            .filter(|n| n.has_tag_name("title"))
            .count();
        assert!(titles > 1, "{name}: {titles} titles");
        insta::assert_snapshot!(name, svg);
    }
}

#[test]
fn chart_svgs_carry_the_right_tooltips() {
    let svg = |name: &str| {
        charts()
            .into_iter()
            .find(|c| c.0 == name)
            .map(|c| c.1.svg().expect("svg"))
            .unwrap_or_default()
    };
    let space = svg("utility_space");
    assert!(space.contains("<title>Draft port_offer: Operator&#39;s opening offer"));
    assert!(space.contains("<title>Nash: Dockworkers&#39; union"));
    let drafts = svg("drafts");
    assert!(drafts.contains("<title>Port operator in port_offer: "));
    let heat = svg("heatmap");
    assert!(heat.contains("forbidden by a red line</title>"));
    let tornado = svg("tornado");
    assert!(tornado.contains("weight of wage &lt;for union&gt;"));
}

#[test]
fn chart_pngs_are_twice_the_svg_size_and_not_blank() {
    for (name, chart) in charts() {
        let (w, h) = chart.size();
        let png = chart.png().expect("png");
        let (pw, ph, px) = decode_png(&png);
        let scale = |v: u32| (f64::from(v) * PNG_SCALE).round();
        assert_eq!(
            (f64::from(pw), f64::from(ph)),
            (scale(w), scale(h)),
            "{name}"
        );
        let (sd, colours) = variety(&px);
        assert!(
            sd > 10.0 && colours > 20,
            "{name}: sd {sd:.1}, {colours} colours"
        );
        // Deterministic: the same chart, the same bytes.
        assert_eq!(png, chart.png().expect("png"), "{name}");
    }
}

#[test]
fn small_spaces_are_enumerated_with_an_exact_frontier() {
    let s = small();
    let a = analyze(&s);
    let c = UtilitySpace::build(&s, &a, &SpaceOptions::default()).expect("space");
    assert_eq!(c.cloud_kind, CloudKind::All);
    assert_eq!(c.cloud.len(), 17 * 3 * 3);
    assert!(c.frontier_exact);
    assert_eq!((c.x.id.as_str(), c.y.id.as_str()), ("union", "port"));
    assert!(c.cloud.iter().any(|p| p.2), "the zone is not empty");
    assert!(c.solutions.iter().any(|m| m.name == "Nash"));
    assert_eq!(c.drafts.len(), 2);
    // Every frontier point is a package's utilities and nothing in the cloud dominates it.
    for f in &c.frontier {
        assert!(
            c.cloud
                .iter()
                .any(|p| (p.0 - f.0).abs() < 1e-9 && (p.1 - f.1).abs() < 1e-9)
        );
        assert!(!c.cloud.iter().any(|p| p.0 > f.0 + 1e-9 && p.1 > f.1 + 1e-9));
    }
}

#[test]
fn large_spaces_are_sampled_deterministically() {
    let s = default_scenario();
    let a = analyze(&s);
    let opts = SpaceOptions {
        samples: 3_000,
        seed: 7,
        ..SpaceOptions::default()
    };
    let c = UtilitySpace::build(&s, &a, &opts).expect("space");
    assert!(matches!(c.cloud_kind, CloudKind::Sample { seed: 7, .. }));
    assert_eq!(c.cloud.len(), 3_000);
    assert!(c.cloud_note().contains("sample of 3,000"));
    assert_eq!(c, UtilitySpace::build(&s, &a, &opts).expect("space"));
    // The most opposed pair of the default scenario.
    assert_eq!((c.x.id.as_str(), c.y.id.as_str()), ("ua", "ru"));
    let chosen = SpaceOptions {
        parties: Some(["eu".into(), "us".into()]),
        ..opts
    };
    let c = UtilitySpace::build(&s, &a, &chosen).expect("space");
    assert_eq!((c.x.id.as_str(), c.y.id.as_str()), ("eu", "us"));
}

#[test]
fn bad_party_choices_are_errors() {
    let s = small();
    let a = analyze(&s);
    let with = |x: &str, y: &str| {
        UtilitySpace::build(
            &s,
            &a,
            &SpaceOptions {
                parties: Some([x.into(), y.into()]),
                ..SpaceOptions::default()
            },
        )
    };
    assert!(matches!(
        with("union", "nobody"),
        Err(ReportError::UnknownParty { .. })
    ));
    // The mediator has no preferences.
    assert!(matches!(
        with("union", "mediator"),
        Err(ReportError::UnknownParty { .. })
    ));
    assert!(matches!(
        with("port", "port"),
        Err(ReportError::Unavailable(_))
    ));
}
