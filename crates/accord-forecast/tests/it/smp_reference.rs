//! KTAB's regression run on `dummyData_3Dim.csv` (the reference log of 2017-05-30).

use accord_forecast::{SmpOptions, SmpResult, SmpStop, read_smp_csv, run_smp};

use crate::common::{load_reference, load_text, numbers};

const CSV: &str = "ktab_dummyData_3Dim.csv";
const JSON: &str = "ktab_smp_dummydata_3dim.json";
/// Risk attitudes and challenge values printed with 3 decimals.
const TOL_3DP: f64 = 0.000_5 + 1e-12;

fn run() -> Option<(SmpResult, serde_json::Value)> {
    let text = load_text(CSV)?;
    let reference = load_reference(JSON)?;
    let input = read_smp_csv(&text).expect("KTAB's own file reads");
    let result = run_smp(&input, &SmpOptions::default()).expect("valid input");
    Some((result, reference))
}

#[test]
fn all_states_positions_and_winning_probabilities() {
    let Some((result, reference)) = run() else {
        return;
    };
    let expected = &reference["expected_from_reference_log"];
    let states = usize::try_from(expected["num_states"].as_u64().expect("count")).expect("small");
    assert_eq!(result.states.len(), states, "number of states");
    assert_eq!(result.stop, SmpStop::Converged);

    let positions = expected["position_history_0_100_scale_(1dp)"]
        .as_object()
        .expect("positions");
    assert_eq!(positions.len(), 7 * 3);
    for (key, history) in positions {
        // Keys look like "SActor-03, Pstn2".
        let (actor, dim) = key.split_once(", ").expect("actor, dimension");
        let i = result
            .actors
            .iter()
            .position(|a| a == actor)
            .expect("actor");
        let k = result
            .dimensions
            .iter()
            .position(|d| d == dim)
            .expect("dimension");
        for (t, want) in numbers(history).iter().enumerate() {
            // The stated tolerance: equal as printed by the log (`%.1f`).
            let got = result.states[t].positions[i][k];
            assert_eq!(
                format!("{got:.1}"),
                format!("{want:.1}"),
                "{key}, state {t}: got {got}"
            );
        }
    }

    let probabilities = expected["winning_probability_history_(4dp)"]
        .as_object()
        .expect("probabilities");
    assert_eq!(probabilities.len(), 7);
    for (actor, history) in probabilities {
        let i = result
            .actors
            .iter()
            .position(|a| a == actor)
            .expect("actor");
        for (t, want) in numbers(history).iter().enumerate() {
            // Equal as printed by the log (`%.4f`).
            let got = result.states[t].winning_probabilities[i];
            assert_eq!(
                format!("{got:.4}"),
                format!("{want:.4}"),
                "{actor}, state {t}: got {got}"
            );
        }
    }
}

#[test]
fn stopping_ratios() {
    let Some((result, reference)) = run() else {
        return;
    };
    let want =
        numbers(&reference["expected_from_reference_log"]["fractional_change_by_iteration_(4dp)"]);
    let got = result.stopping_ratios();
    assert_eq!(got.len(), want.len());
    for (t, (g, w)) in got.iter().zip(&want).enumerate() {
        assert_eq!(
            format!("{g:.4}"),
            format!("{w:.4}"),
            "iteration {}: got {g}",
            t + 1
        );
    }
    assert!(got[..got.len() - 1].iter().skip(1).all(|&r| r >= 0.02));
    assert!(got[got.len() - 1] < 0.02);
}

#[test]
fn state_zero_risk_attitudes_and_first_challenges() {
    let Some((result, reference)) = run() else {
        return;
    };
    let expected = &reference["expected_from_reference_log"];
    let want = numbers(&expected["state0_inferred_risk_attitudes_(3dp)"]);
    for (i, (g, w)) in result.states[0]
        .risk_attitudes
        .iter()
        .zip(&want)
        .enumerate()
    {
        assert!(
            (g - w).abs() <= TOL_3DP,
            "R[{i}]: got {g:.5}, log says {w:.3}"
        );
    }
    // "In turn 0 actor 0 has most advantageous target 6 worth 0.095"
    let challenges = &result.states[0].challenges;
    assert_eq!(challenges.len(), 7);
    for line in expected["best_target_first_turn"]
        .as_array()
        .expect("lines")
    {
        let words: Vec<&str> = line.as_str().expect("text").split_whitespace().collect();
        let actor: usize = words[4].parse().expect("actor");
        let target: usize = words[9].parse().expect("target");
        let worth: f64 = words[11].parse().expect("worth");
        let c = challenges
            .iter()
            .find(|c| c.actor == actor)
            .expect("a challenge");
        assert_eq!(c.target, target, "target of actor {actor}");
        assert!(
            (c.value - worth).abs() <= TOL_3DP,
            "worth of actor {actor}: {}",
            c.value
        );
    }
}
