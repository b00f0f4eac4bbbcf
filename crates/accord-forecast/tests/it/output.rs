//! Results are plain serde data with the documented keys.

use accord_forecast::{EumActor, EumOptions, SmpActor, SmpInput, SmpOptions, run_eum, run_smp};

/// Positions come back on 0-100 after scaling by 1/100 and 100.
const POSITION_EPS: f64 = 1e-9;

#[test]
fn eum_result_serialises_with_documented_keys() {
    let actors = vec![
        EumActor::new("a", 1.0, 0.0, 0.9),
        EumActor::new("b", 1.0, 5.0, 0.5),
        EumActor::new("c", 2.0, 10.0, 0.2),
    ];
    let result = run_eum(&actors, &EumOptions::default()).expect("valid input");
    let json = serde_json::to_value(&result).expect("serialises");
    let round = &json["rounds"][0];
    assert_eq!(round["positions"].as_array().map(Vec::len), Some(3));
    assert!(round["weighted_mean"].is_f64());
    assert!(round["weighted_median"].is_f64());
    assert_eq!(round["risk_exponents"].as_array().map(Vec::len), Some(3));
    assert!(json["stop"]["reason"].is_string());
    assert_eq!(json["options"]["variant"]["probability"], "global");
}

#[test]
fn smp_result_serialises_with_documented_keys() {
    let input = SmpInput::new(
        vec!["x".into(), "y".into()],
        vec![
            SmpActor::new("a", 10.0, vec![10.0, 90.0], vec![50.0, 40.0]),
            SmpActor::new("b", 20.0, vec![60.0, 20.0], vec![30.0, 60.0]),
            SmpActor::new("c", 15.0, vec![90.0, 50.0], vec![80.0, 10.0]),
        ],
    );
    let result = run_smp(&input, &SmpOptions::default()).expect("valid input");
    let json = serde_json::to_value(&result).expect("serialises");
    let state = &json["states"][0];
    let c: Vec<f64> = state["positions"][2]
        .as_array()
        .expect("positions of actor c")
        .iter()
        .filter_map(serde_json::Value::as_f64)
        .collect();
    assert_eq!(c.len(), 2);
    assert!((c[0] - 90.0).abs() < POSITION_EPS && (c[1] - 50.0).abs() < POSITION_EPS);
    assert_eq!(
        state["winning_probabilities"].as_array().map(Vec::len),
        Some(3)
    );
    assert!(state["fractional_change"].is_null());
    assert!(json["states"][1]["fractional_change"].is_f64());
    assert!(json["stop"].is_string());
}
