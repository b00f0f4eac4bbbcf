//! The HTML report: well-formed, self-contained, escaped, and rendered by a real browser.

mod util;

use accord_model::{Format, load_str};
use accord_report::{ReportOptions, render_report};
use util::*;

const SECTIONS: [&str; 9] = [
    "s-verdict",
    "s-parties",
    "s-values",
    "s-drafts",
    "s-changes",
    "s-zone",
    "s-solutions",
    "s-timeline",
    "s-sources",
];

fn report(s: &accord_model::Scenario) -> String {
    render_report(s, &analyze(s), &ReportOptions::default())
}

#[test]
fn the_default_scenario_report_is_self_contained_and_complete() {
    let html = report(&default_scenario());
    let sections = check_self_contained(&html);
    assert_eq!(sections, SECTIONS);
    for needle in [
        "Is a deal possible?",
        "No: no deal is possible",
        "Utility space: Ukraine and Russia",
        "How each party scores each draft",
        "<code>us_28</code>",
        "crosses ",
        "revises",
        "Timeline of events and drafts",
        "<title>",
    ] {
        assert!(html.contains(needle), "the report lacks `{needle}`");
    }
    // Sources are linked, and nothing else points outside.
    assert!(html.contains("<a class=\"cite\" href=\"https://"));
    // The same input gives the same file.
    assert_eq!(html, report(&default_scenario()));
}

#[test]
fn small_and_synthetic_scenarios_render() {
    let html = report(&small());
    let sections = check_self_contained(&html);
    assert_eq!(sections, SECTIONS);
    assert!(html.contains("Yes: a deal is possible."));
    assert!(html.contains("Nash"));

    let s = accord_analysis::synthetic::generate(&accord_analysis::synthetic::Params {
        issues: 8,
        options: 4,
        parties: 3,
        seed: 11,
        ..Default::default()
    });
    let html = report(&s);
    let sections = check_self_contained(&html);
    assert!(sections.contains(&"s-verdict".to_string()));
    assert!(sections.contains(&"s-drafts".to_string()));
    assert!(
        !sections.contains(&"s-sources".to_string()),
        "no sources, no section"
    );
}

#[test]
fn genius_and_geniusweb_domains_render() {
    let Some(dir) = shared_domains() else { return };
    for d in ["genius/Politics", "genius/Travel", "geniusweb/Party"] {
        let s = domain(&dir.join(d));
        let html = report(&s);
        let sections = check_self_contained(&html);
        assert_eq!(
            sections,
            [
                "s-verdict",
                "s-parties",
                "s-values",
                "s-zone",
                "s-solutions"
            ],
            "{d}"
        );
        assert!(html.contains("Utility space"), "{d}");
    }
}

fn monte_carlo(s: &accord_model::Scenario, samples: usize) -> accord_forecast::MonteCarloResult {
    accord_forecast::run_monte_carlo(
        s,
        &accord_forecast::MonteCarloOptions { samples, seed: 3 },
        &std::sync::atomic::AtomicBool::new(false),
        &|_| {},
    )
}

#[test]
fn the_forecast_section_renders_before_the_timeline() {
    let s = small();
    let mc = monte_carlo(&s, 300);
    let opts = ReportOptions {
        extra_sections: vec![accord_report::forecast_section(&s, &mc)],
        ..ReportOptions::default()
    };
    let html = render_report(&s, &analyze(&s), &opts);
    let sections = check_self_contained(&html);
    let at = |id: &str| sections.iter().position(|x| x == id).unwrap_or(usize::MAX);
    assert!(at("s-solutions") < at("s-forecast") && at("s-forecast") < at("s-timeline"));
    assert!(html.contains("How likely is a deal?"));
    assert!(html.contains("How likely each party is to accept each draft"));
    // In the small scenario a deal exists in every sample, so nothing moves it.
    assert!((mc.p_deal.p - 1.0).abs() < 1e-12, "{}", mc.p_deal.p);
    assert!(html.contains("No single judgement moves the probability of a deal."));

    // In the default scenario red lines decide it: a tornado chart.
    let s = default_scenario();
    let section = accord_report::forecast_section(&s, &monte_carlo(&s, 300));
    assert!(
        section
            .body
            .as_str()
            .contains("What moves the probability of a deal")
    );
    assert!(section.body.as_str().contains("Ukraine: red line ua_"));
}

#[test]
fn scenario_text_is_escaped() {
    let evil = "<script>alert(1)</script>";
    let text = std::fs::read_to_string(root().join("scenarios/examples/small.toml"))
        .expect("small.toml")
        .replace(
            "Port workers' contract talks (fictional example)",
            &format!("Talks {evil} & \\\"quotes\\\""),
        )
        .replace(
            "name = \"Dockworkers' union\"",
            &format!("name = \"Union {evil} \\u0002\""),
        )
        .replace(
            "Members vote 81% for a strike if talks fail.",
            &format!("Vote {evil}"),
        )
        .replace(
            "title = \"Open letter to members\"",
            &format!("title = \"Letter {evil}\"\nurl = \"javascript:alert(1)\""),
        )
        .replace(
            "url = \"https://example.org/port/offer\"",
            "url = \"https://example.org/a?b=1&c=<x>\"",
        )
        .replace("Wages rise by 2% a year.", &format!("Wages {evil} \\u0001"))
        .replace(
            "{ id = \"keep\", label = \"Keep the defined-benefit scheme\" }",
            &format!("{{ id = \"keep\", label = \"Keep {evil}\" }}"),
        );
    let s = load_str(&text, "evil.toml", Format::Toml)
        .expect("still a valid scenario")
        .scenario;
    assert!(s.doc.scenario.title.contains("<script>"));
    let html = report(&s);
    check_self_contained(&html);
    assert!(!html.contains(evil));
    assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(html.contains("https://example.org/a?b=1&amp;c=&lt;x&gt;"));
    // The javascript: address is shown nowhere as a link.
    assert!(!html.to_ascii_lowercase().contains("javascript:"));
    // Charts escape too (the party name is in the utility-space axis title).
    assert!(html.contains("Utility of Union &lt;script&gt;"));
}

#[test]
fn chromium_renders_the_reports() {
    let Some(chrome) = chromium_or_skip() else {
        return;
    };
    let tmp = tempfile::tempdir().expect("a temporary folder");
    // The check itself: a page that tries to load an image under the report's policy
    // must be caught.
    let bad = tmp.path().join("bad.html");
    std::fs::write(
        &bad,
        format!(
            "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{}\"/></head><body><p>x</p><img src=\"https://example.invalid/x.png\"/></body></html>",
            accord_report::CSP
        ),
    )
    .expect("write");
    let run = run_chromium(
        &chrome,
        &bad,
        &tmp.path().join("profile-bad"),
        &["--dump-dom"],
    );
    assert!(
        !console_errors(&run.stderr).is_empty(),
        "a blocked load was not reported; chromium said:\n{}",
        run.stderr
    );
    let default = default_scenario();
    let forecast = accord_report::forecast_section(&default, &monte_carlo(&default, 400));
    let mut scenarios = vec![("default", default)];
    if let Some(dir) = shared_domains() {
        scenarios.push(("politics", domain(&dir.join("genius/Politics"))));
        scenarios.push(("travel", domain(&dir.join("genius/Travel"))));
        scenarios.push(("party", domain(&dir.join("geniusweb/Party"))));
    }
    for (name, s) in &scenarios {
        let page = tmp.path().join(format!("{name}.html"));
        let mut opts = ReportOptions::default();
        if *name == "default" {
            opts.extra_sections.push(forecast.clone());
        }
        let html = render_report(s, &analyze(s), &opts);
        check_self_contained(&html);
        std::fs::write(&page, html).expect("write the report");
        let shot = tmp.path().join(format!("{name}.png"));
        let profile = tmp.path().join(format!("profile-{name}"));
        let run = run_chromium(
            &chrome,
            &page,
            &profile,
            &[
                &format!("--screenshot={}", shot.display()),
                "--window-size=1280,2000",
            ],
        );
        let errors = console_errors(&run.stderr);
        assert!(
            errors.is_empty(),
            "{name}: console errors:\n{}",
            errors.join("\n")
        );
        let bytes = std::fs::read(&shot).unwrap_or_else(|e| {
            panic!(
                "{name}: no screenshot ({e}); chromium said:\n{}",
                run.stderr
            )
        });
        let (w, h, px) = decode_png(&bytes);
        assert_eq!((w, h), (1280, 2000), "{name}: screenshot size");
        let (sd, colours) = variety(&px);
        assert!(
            sd > 20.0,
            "{name}: the screenshot is nearly blank (luminance sd {sd:.1})"
        );
        assert!(
            colours > 200,
            "{name}: only {colours} colours in the screenshot"
        );

        // The DOM Chromium built has every section, rendered from a script-free page.
        let run = run_chromium(&chrome, &page, &profile, &["--dump-dom"]);
        assert!(
            run.stdout.contains("<section id=\"s-verdict\">"),
            "{name}: {}",
            &run.stdout[..run.stdout.len().min(500)]
        );
        assert!(
            run.stdout.contains("<svg class=\"chart\""),
            "{name}: no chart in the DOM"
        );
        let errors = console_errors(&run.stderr);
        assert!(
            errors.is_empty(),
            "{name}: console errors:\n{}",
            errors.join("\n")
        );
    }
}
