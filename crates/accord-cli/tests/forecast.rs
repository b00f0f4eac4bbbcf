//! `accord forecast` (EUM, SMP, Monte Carlo), `accord report` and `accord plot` from the
//! command line: JSON keys, reproducibility, exit codes.

use std::path::PathBuf;
use std::process::{Command, Output};

fn accord(args: &[&str]) -> Output {
    match Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .output()
    {
        Ok(o) => o,
        Err(e) => panic!("cannot run accord: {e}"),
    }
}

fn json(out: &Output) -> serde_json::Value {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("bad JSON: {e}"),
    }
}

fn reference(name: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/reference")
        .join(name);
    p.is_file().then_some(p)
}

#[test]
fn eum_from_a_replication_csv_and_from_the_scenario() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let csv = dir.path().join("ec.csv");
    let text = "Actor,Capability,Position,Salience\nNetherlands,0.08,4,0.8\nBelgium,0.08,7,0.4\nLuxembourg,0.03,4,0.2\nGermany,0.16,4,0.8\nFrance,0.16,10,0.6\nItaly,0.16,10,0.6\nUK,0.16,10,0.9\nIreland,0.05,7,0.1\nDenmark,0.05,4,1.0\nGreece,0.08,7,0.7\n";
    if let Err(e) = std::fs::write(&csv, text) {
        panic!("{e}");
    }
    let path = csv.to_string_lossy().to_string();
    let v = json(&accord(&[
        "forecast",
        "eum",
        &path,
        "--variant",
        "scholz",
        "--format",
        "json",
    ]));
    let rounds = v["rounds"].as_array().map_or(0, Vec::len);
    assert_eq!(rounds, 11, "round 0 and 10 rounds");
    let r0 = &v["rounds"][0];
    assert_eq!(r0["positions"].as_array().map_or(0, Vec::len), 10);
    assert!((r0["weighted_median"].as_f64().unwrap_or(f64::NAN) - 7.0).abs() < 1e-12);
    assert!(r0["weighted_mean"].is_number());
    // More rounds on request.
    let v = json(&accord(&[
        "forecast", "eum", &path, "--rounds", "15", "--format", "json",
    ]));
    assert!(v["rounds"].as_array().map_or(0, Vec::len) >= 11);
    // From the default scenario, on a chosen issue; an unordered or unknown issue is bad input.
    let v = json(&accord(&[
        "forecast", "eum", "--issue", "donetsk", "--format", "json",
    ]));
    assert_eq!(
        v["rounds"][0]["positions"].as_array().map_or(0, Vec::len),
        4
    );
    let bad = accord(&["forecast", "eum", "--issue", "no_such_issue"]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no_such_issue"));
    // A malformed CSV names the line.
    let broken = dir.path().join("broken.csv");
    if let Err(e) = std::fs::write(
        &broken,
        "Actor,Capability,Position,Salience\nA,lots,1,0.5\n",
    ) {
        panic!("{e}");
    }
    let out = accord(&["forecast", "eum", &broken.to_string_lossy()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 2"));
}

#[test]
fn smp_from_ktab_csv_and_from_the_scenario() {
    if let Some(csv) = reference("ktab_dummyData_3Dim.csv") {
        let v = json(&accord(&[
            "forecast",
            "smp",
            &csv.to_string_lossy(),
            "--format",
            "json",
        ]));
        let states = v["states"].as_array().map_or(0, Vec::len);
        assert_eq!(states, 11, "KTAB's reference run has 11 states");
        assert_eq!(
            v["states"][0]["positions"].as_array().map_or(0, Vec::len),
            7
        );
        assert_eq!(
            v["states"][0]["winning_probabilities"]
                .as_array()
                .map_or(0, Vec::len),
            7
        );
    }
    let v = json(&accord(&[
        "forecast",
        "smp",
        "--issues",
        "donetsk,recognition",
        "--format",
        "json",
    ]));
    assert_eq!(
        v["states"][0]["positions"][0]
            .as_array()
            .map_or(0, Vec::len),
        2
    );
}

#[test]
fn monte_carlo_is_reproducible_and_reports_its_error() {
    let a = json(&accord(&[
        "forecast",
        "--samples",
        "300",
        "--seed",
        "9",
        "--format",
        "json",
    ]));
    let b = json(&accord(&[
        "forecast",
        "--samples",
        "300",
        "--seed",
        "9",
        "--format",
        "json",
    ]));
    assert_eq!(a, b);
    let p = a["p_deal"]["p"].as_f64().unwrap_or(f64::NAN);
    let se = a["p_deal"]["standard_error"].as_f64().unwrap_or(f64::NAN);
    assert!((0.0..=1.0).contains(&p));
    assert!((se - (p * (1.0 - p) / 300.0).sqrt()).abs() < 1e-12);
    assert!(a["sensitivity"].as_array().is_some_and(|s| !s.is_empty()));
    assert!(a["nash_distribution"].is_array() && a["drafts"].is_array());
    let zero = accord(&["forecast", "--samples", "0"]);
    assert_eq!(zero.status.code(), Some(2));
}

#[test]
fn report_and_plot_write_files_and_reject_bad_input() {
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let html = dir.path().join("r.html");
    let out = accord(&["report", "-o", &html.to_string_lossy()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&html).unwrap_or_default();
    assert!(text.starts_with("<!DOCTYPE html>") || text.starts_with("<!doctype html>"));
    assert!(text.contains("Is a deal possible?"));
    for (kind, file) in [
        ("heatmap", "h.svg"),
        ("drafts", "d.png"),
        ("timeline", "t.svg"),
        ("utility-space", "u.svg"),
    ] {
        let path = dir.path().join(file);
        let out = accord(&["plot", kind, "-o", &path.to_string_lossy()]);
        assert!(
            out.status.success(),
            "{kind}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            std::fs::metadata(&path)
                .map(|m| m.len() > 1000)
                .unwrap_or(false),
            "{kind}"
        );
    }
    let bad = accord(&[
        "plot",
        "utility-space",
        "--parties",
        "ua,nobody",
        "-o",
        &dir.path().join("x.svg").to_string_lossy(),
    ]);
    assert_eq!(bad.status.code(), Some(2));
    assert!(!dir.path().join("x.svg").exists(), "no partial write");
}
