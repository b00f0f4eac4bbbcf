//! Property tests for the invariants of the engines and readers.

use accord_forecast::{
    EumActor, EumOptions, EumStopRule, EumVariant, OfferChoice, Perspective, ProbabilityNorm,
    RangeRule, SmpActor, SmpInput, SmpOptions, StatusQuoForecast, VoteUtility, read_eum_csv,
    read_smp_csv, run_eum, run_smp, weighted_mean, weighted_median,
};
use proptest::prelude::*;

/// Slack for sums of weights and probabilities.
const SUM_EPS: f64 = 1e-9;
/// Slack for positions compared with the initial range (relative to the range).
const RANGE_EPS: f64 = 1e-9;

fn weighted_values() -> impl Strategy<Value = Vec<(f64, f64)>> {
    prop::collection::vec((-100.0..100.0f64, 0.0..10.0f64), 1..30)
        .prop_filter("positive total weight", |v| {
            v.iter().any(|&(_, w)| w > 1e-6)
        })
}

fn eum_actors() -> impl Strategy<Value = Vec<EumActor>> {
    prop::collection::vec((0.01..10.0f64, -50.0..50.0f64, 0.0..=1.0f64, 0..4u8), 1..12).prop_map(
        |rows| {
            rows.into_iter()
                .enumerate()
                // Snap some positions onto a grid so that ties and shared positions occur.
                .map(|(i, (c, x, s, snap))| {
                    let x = if snap == 0 {
                        (x / 25.0).round() * 25.0
                    } else {
                        x
                    };
                    EumActor::new(format!("actor{i}"), c, x, s.max(0.05))
                })
                .collect()
        },
    )
}

fn eum_variant() -> impl Strategy<Value = EumVariant> {
    (
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0..3u8,
        0.0..=1.0f64,
        0.0..=1.0f64,
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(global, risky, receiver, choice, q, t, mean, current, fix)| EumVariant {
                probability: if global {
                    ProbabilityNorm::Global
                } else {
                    ProbabilityNorm::Pairwise
                },
                vote_utility: if risky {
                    VoteUtility::RiskAdjusted
                } else {
                    VoteUtility::Linear
                },
                perspective: if receiver {
                    Perspective::Receiver
                } else {
                    Perspective::Own
                },
                offer_choice: match choice {
                    0 => OfferChoice::Scholz,
                    1 => OfferChoice::LargestThreat,
                    _ => OfferChoice::LeastMovement,
                },
                q,
                t,
                mu: if mean {
                    StatusQuoForecast::Mean
                } else {
                    StatusQuoForecast::Median
                },
                range: if current {
                    RangeRule::Current
                } else {
                    RangeRule::Initial
                },
                capitulation_fix: fix,
            },
        )
}

fn smp_input() -> impl Strategy<Value = SmpInput> {
    (1..4usize, 2..8usize).prop_flat_map(|(d, n)| {
        prop::collection::vec(
            (
                0.0..200.0f64,
                prop::collection::vec(0.0..=100.0f64, d),
                prop::collection::vec(0.0..=1.0f64, d),
                0.0..=100.0f64,
            ),
            n,
        )
        .prop_map(move |rows| {
            let actors = rows
                .into_iter()
                .enumerate()
                .map(|(i, (c, positions, shares, total))| {
                    // Saliences: shares of a total of at most 100.
                    let sum: f64 = shares.iter().sum();
                    let saliences = shares
                        .iter()
                        .map(|s| if sum > 0.0 { s / sum * total } else { 0.0 })
                        .collect();
                    SmpActor::new(format!("a{i}"), c, positions, saliences)
                })
                .collect();
            SmpInput::new((1..=d).map(|k| format!("dim{k}")).collect(), actors)
        })
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn weighted_median_is_a_value_and_splits_the_weight(pairs in weighted_values()) {
        let (values, weights): (Vec<f64>, Vec<f64>) = pairs.into_iter().unzip();
        let m = weighted_median(&values, &weights).expect("defined");
        prop_assert!(values.iter().any(|v| (v - m).abs() < f64::EPSILON * 128.0));
        let total: f64 = weights.iter().sum();
        let below: f64 = values.iter().zip(&weights).filter(|(v, _)| **v < m).map(|(_, w)| w).sum();
        let above: f64 = values.iter().zip(&weights).filter(|(v, _)| **v > m).map(|(_, w)| w).sum();
        prop_assert!(below <= total / 2.0 + SUM_EPS, "below {below} of {total}");
        prop_assert!(above <= total / 2.0 + SUM_EPS, "above {above} of {total}");
        // It is the smallest such value: everything below holds strictly less than half.
        prop_assert!(below < total / 2.0 * (1.0 + SUM_EPS));
        let mean = weighted_mean(&values, &weights).expect("defined");
        let lo = values.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = values.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        prop_assert!(lo - SUM_EPS <= mean && mean <= hi + SUM_EPS);
    }

    #[test]
    fn eum_positions_stay_within_the_initial_range(
        actors in eum_actors(),
        variant in eum_variant(),
        rounds in 1..15usize,
    ) {
        let options = EumOptions { variant, stop: EumStopRule::fixed(rounds) };
        let result = run_eum(&actors, &options).expect("valid input");
        let lo = actors.iter().map(|a| a.position).fold(f64::INFINITY, f64::min);
        let hi = actors.iter().map(|a| a.position).fold(f64::NEG_INFINITY, f64::max);
        let slack = RANGE_EPS * (hi - lo).max(1.0);
        prop_assert!(result.rounds.len() <= rounds + 1);
        for round in &result.rounds {
            prop_assert_eq!(round.positions.len(), actors.len());
            for x in &round.positions {
                prop_assert!(lo - slack <= *x && *x <= hi + slack, "{x} outside [{lo}, {hi}]");
            }
            prop_assert!(lo - slack <= round.weighted_median && round.weighted_median <= hi + slack);
            prop_assert!(lo - slack <= round.weighted_mean && round.weighted_mean <= hi + slack);
            for r in &round.risk_exponents {
                prop_assert!((0.5 - RANGE_EPS..=2.0 + RANGE_EPS).contains(r), "r = {r}");
            }
            for m in &round.moves {
                prop_assert!(m.actor != m.counterpart);
                prop_assert!((m.from - round.positions[m.actor]).abs() <= slack);
            }
        }
        for pair in result.rounds.windows(2) {
            // Each round's moves produce the next round's positions, and nothing else moves:
            // positions are copied, so they are compared exactly.
            let mut expected = pair[0].positions.clone();
            for m in &pair[0].moves {
                expected[m.actor] = m.to;
            }
            prop_assert_eq!(&expected, &pair[1].positions);
        }
    }

    #[test]
    fn smp_probabilities_sum_to_one_and_positions_stay_in_the_hull(input in smp_input()) {
        let result = run_smp(&input, &SmpOptions::default()).expect("valid input");
        let d = input.dimensions.len();
        let bounds: Vec<(f64, f64)> = (0..d)
            .map(|k| {
                input.actors.iter().map(|a| a.positions[k]).fold(
                    (f64::INFINITY, f64::NEG_INFINITY),
                    |(lo, hi), x| (lo.min(x), hi.max(x)),
                )
            })
            .collect();
        // Bargain positions are rounded to 4 decimals on the 0-1 scale: 0.005 on 0-100.
        let slack = 0.005 + 1e-9;
        for state in &result.states {
            let total: f64 = state.outcomes.iter().map(|o| o.probability).sum();
            prop_assert!((total - 1.0).abs() < SUM_EPS, "outcomes sum to {total}");
            let mut members: Vec<usize> = state.outcomes.iter().flat_map(|o| o.actors.clone()).collect();
            members.sort_unstable();
            prop_assert_eq!(members, (0..input.actors.len()).collect::<Vec<_>>());
            for (i, p) in state.winning_probabilities.iter().enumerate() {
                prop_assert!((0.0..=1.0).contains(p));
                let o = state.outcomes.iter().find(|o| o.actors.contains(&i)).expect("grouped");
                prop_assert!((o.probability - p).abs() < SUM_EPS);
            }
            for r in &state.risk_attitudes {
                prop_assert!((-0.5 - SUM_EPS..=1.0 + SUM_EPS).contains(r));
            }
            for position in &state.positions {
                for (k, x) in position.iter().enumerate() {
                    prop_assert!(bounds[k].0 - slack <= *x && *x <= bounds[k].1 + slack);
                }
            }
        }
        prop_assert!(result.states.len() <= SmpOptions::default().max_iterations + 1);
    }

    #[test]
    fn eum_csv_round_trips(actors in eum_actors()) {
        let mut text = String::from("Actor,Capability,Position,Salience\n");
        for a in &actors {
            text.push_str(&format!("{},{:?},{:?},{:?}\n", a.name, a.capability, a.position, a.salience));
        }
        // `{:?}` prints the shortest text that parses back to the same f64: exact equality.
        prop_assert_eq!(read_eum_csv(&text).expect("valid"), actors);
    }

    #[test]
    fn readers_never_panic(text in ".{0,200}", lines in prop::collection::vec("[A-Za-z0-9 .,\"-]{0,30}", 0..6)) {
        let joined = lines.join("\n");
        for t in [&text, &joined] {
            let _ = read_eum_csv(t);
            let _ = read_smp_csv(t);
            let header = format!("Actor,Capability,Position,Salience\n{t}");
            let _ = read_eum_csv(&header);
            let scenario = format!("S,d,2,1\nActor,Description,Power,P,S\n{t}");
            let _ = read_smp_csv(&scenario);
        }
    }
}
