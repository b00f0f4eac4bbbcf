//! Bueno de Mesquita's EC car-emissions example against the Scholz-code replication.

use accord_forecast::{EumActor, EumOptions, EumResult, EumStop, read_eum_csv, run_eum};

use crate::common::{load_reference, numbers};

const FILE: &str = "eum_eu_emissions_rounds_0-2.json";
/// The reference file's stated tolerance.
const TOL: f64 = 1e-9;

fn actors(reference: &serde_json::Value) -> Vec<EumActor> {
    reference["inputs"]
        .as_array()
        .expect("inputs")
        .iter()
        .map(|a| {
            EumActor::new(
                a["actor"].as_str().expect("name"),
                a["capability"].as_f64().expect("capability"),
                a["position"].as_f64().expect("position"),
                a["salience"].as_f64().expect("salience"),
            )
        })
        .collect()
}

fn assert_close(what: &str, got: &[f64], want: &[f64]) {
    assert_eq!(got.len(), want.len(), "{what}: length");
    for (i, (g, w)) in got.iter().zip(want).enumerate() {
        assert!((g - w).abs() <= TOL, "{what}[{i}]: got {g}, want {w}");
    }
}

#[test]
fn scholz_preset_reproduces_rounds_0_to_2() {
    let Some(reference) = load_reference(FILE) else {
        return;
    };
    let result = run_eum(&actors(&reference), &EumOptions::scholz()).expect("valid input");
    let expected = &reference["expected_scholz_code_variant_rounds_0_to_2"];
    let names: Vec<String> = expected["actors"]
        .as_array()
        .expect("actors")
        .iter()
        .map(|v| v.as_str().expect("name").to_owned())
        .collect();
    assert_eq!(result.actors, names);

    let positions = expected["positions_by_round"]
        .as_array()
        .expect("positions");
    let means = numbers(&expected["weighted_mean_by_round"]);
    let medians = numbers(&expected["weighted_median_by_round"]);
    assert_eq!(positions.len(), 3);
    for (t, want) in positions.iter().enumerate() {
        let round = &result.rounds[t];
        assert_eq!(round.round, t);
        assert_close(
            &format!("positions round {t}"),
            &round.positions,
            &numbers(want),
        );
        assert_close(
            &format!("mean round {t}"),
            &[round.weighted_mean],
            &[means[t]],
        );
        assert_close(
            &format!("median round {t}"),
            &[round.weighted_median],
            &[medians[t]],
        );
    }
    for (t, want) in expected["risk_exponent_r_by_round"]
        .as_array()
        .expect("risk exponents")
        .iter()
        .enumerate()
    {
        assert_close(
            &format!("risk exponents round {t}"),
            &result.rounds[t].risk_exponents,
            &numbers(want),
        );
    }
    for (t, want) in expected["moves_by_round"]
        .as_array()
        .expect("moves")
        .iter()
        .enumerate()
    {
        let got: Vec<String> = result.rounds[t]
            .moves
            .iter()
            .map(|m| result.describe(m))
            .collect();
        let want: Vec<&str> = want
            .as_array()
            .expect("move list")
            .iter()
            .map(|m| m.as_str().expect("move"))
            .collect();
        assert_eq!(got, want, "moves of round {t}");
    }
}

#[test]
fn trivial_anchors() {
    let Some(reference) = load_reference(FILE) else {
        return;
    };
    let result = run_eum(&actors(&reference), &EumOptions::scholz()).expect("valid input");
    let anchors = &reference["trivial_anchors"];
    let mean = anchors["initial_weighted_mean_(c*s weights)"]
        .as_f64()
        .expect("mean");
    let median = anchors["initial_weighted_median_(c*s weights)"]
        .as_f64()
        .expect("median");
    assert!((result.rounds[0].weighted_mean - mean).abs() <= TOL);
    assert!((result.rounds[0].weighted_median - median).abs() <= TOL);
}

fn check_ten_rounds(result: &EumResult) {
    assert_eq!(result.rounds.len(), 11, "round 0 and 10 rounds");
    assert_eq!(result.stop, EumStop::MaxRounds);
    for round in &result.rounds {
        assert!(round.positions.iter().all(|x| (4.0..=10.0).contains(x)));
        assert!(
            round
                .risk_exponents
                .iter()
                .all(|r| (0.5 - TOL..=2.0 + TOL).contains(r))
        );
    }
    for round in &result.rounds[..10] {
        assert!(
            !round.moves.is_empty(),
            "round {} moves someone",
            round.round
        );
    }
}

#[test]
fn scholz_preset_runs_ten_rounds_and_reads_the_same_from_csv() {
    let Some(reference) = load_reference(FILE) else {
        return;
    };
    let from_json = run_eum(&actors(&reference), &EumOptions::scholz()).expect("valid input");
    check_ten_rounds(&from_json);

    // The same data in the replication's CSV format, saliences on 0-100 and columns shuffled.
    let mut csv = String::from("Salience,Actor,Position,Capability\n");
    for a in actors(&reference) {
        csv.push_str(&format!(
            "{},{},{},{}\n",
            a.salience * 100.0,
            a.name,
            a.position,
            a.capability
        ));
    }
    let from_csv = run_eum(
        &read_eum_csv(&csv).expect("valid csv"),
        &EumOptions::scholz(),
    )
    .expect("valid input");
    for (a, b) in from_json.rounds.iter().zip(&from_csv.rounds) {
        assert_eq!(a.moves.len(), b.moves.len());
        for (x, y) in a.positions.iter().zip(&b.positions) {
            assert!((x - y).abs() <= TOL);
        }
    }
}

#[test]
fn default_options_report_the_cycle() {
    let Some(reference) = load_reference(FILE) else {
        return;
    };
    let actors = actors(&reference);
    let result = run_eum(&actors, &EumOptions::default()).expect("valid input");
    let osc = &result.oscillation;
    // The median rises from 7 towards 10, falls back after rounds 5 and 9, and keeps doing so.
    assert_eq!(osc.median_peaks[..2], [5, 9]);
    assert!(osc.median_peaks.len() >= 4, "peaks: {:?}", osc.median_peaks);
    assert!(osc.median_reversals >= 2 * osc.median_peaks.len() - 1);
    assert!((osc.median_min - 7.0).abs() <= TOL);
    assert!(osc.median_max > 9.9 && osc.median_max < 10.0);
    assert_eq!(osc.state_cycle, None, "no state repeats exactly");
    assert!(result.rounds.len() > 11);

    // The median-shift rule of the research notes stops on the first plateau.
    let mut options = EumOptions::default();
    let mut conv = options
        .stop
        .convergence
        .expect("default has a convergence test");
    conv.measure = accord_forecast::ConvergenceMeasure::Median;
    options.stop.convergence = Some(conv);
    let early = run_eum(&actors, &options).expect("valid input");
    assert_eq!(early.stop, EumStop::Converged);
    assert_eq!(early.rounds.len(), 6);
    let median = early.final_median().expect("rounds");
    assert!((median - 9.961_979_590_401_32).abs() <= TOL, "{median}");
}
