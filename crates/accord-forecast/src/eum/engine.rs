//! The round loop of the expected-utility model (spec §1.3–§1.11).

use super::options::{
    ConvergenceMeasure, EumOptions, EumVariant, OfferChoice, Perspective, ProbabilityNorm,
    RangeRule, StatusQuoForecast, VoteUtility,
};
use super::{
    EumActor, EumMove, EumOscillation, EumResult, EumRound, EumStop, OfferKind, StateCycle,
};
use crate::error::InputError;
use crate::votes::pairwise_support;
use crate::weighted::{weighted_mean, weighted_median};

/// A range at or below this is treated as zero (every actor at one point); distances are
/// then scaled by 1 instead, which changes nothing because they are all zero.
const RANGE_EPS: f64 = 1e-12;
/// Two positions closer than this fraction of the range are the same position: a proposer
/// there has nothing to offer.
const SAME_POSITION_REL_EPS: f64 = 1e-12;
/// A spread of danger levels at or below this counts as none, and every `R_i` is 0.
const DANGER_SPREAD_EPS: f64 = 1e-15;
/// Expected utilities closer than this (relative) are a tie in [`OfferChoice::LargestThreat`].
const EU_TIE_REL_EPS: f64 = 1e-12;
/// Positions within this fraction of the range count as one state in cycle detection and
/// medians within it as equal in the oscillation report.
const STATE_REL_EPS: f64 = 1e-9;

/// Runs the expected-utility model on `actors` (one axis) with `options`.
///
/// Every actor is updated simultaneously from the start-of-round state: risk exponents from
/// the danger each actor faces, then each actor (as receiver) classifies the challenge of
/// every other actor and takes at most one offer (spec §1.3). Round 0 of the result is the
/// input; the run stops by `options.stop` or when a round moves nobody.
///
/// # Errors
///
/// [`InputError`] when there are no actors, a value is not finite, a capability is
/// negative, a salience lies outside `[0, 1]`, every actor has zero capability × salience,
/// or an option is out of range.
pub fn run_eum(actors: &[EumActor], options: &EumOptions) -> Result<EumResult, InputError> {
    validate(actors, options)?;
    let variant = &options.variant;
    let stop_rule = &options.stop;
    let salience: Vec<f64> = actors.iter().map(|a| a.salience).collect();
    let weights: Vec<f64> = actors.iter().map(|a| a.capability * a.salience).collect();
    let mut x: Vec<f64> = actors.iter().map(|a| a.position).collect();
    let initial_range = range(&x);
    let scale = if initial_range > RANGE_EPS {
        initial_range
    } else {
        1.0
    };

    let mut rounds: Vec<EumRound> = Vec::new();
    let mut settled = 0usize;
    let stop = loop {
        let t = rounds.len();
        // Validation guarantees a positive total weight, so both are defined.
        let median = weighted_median(&x, &weights).unwrap_or(f64::NAN);
        let mean = weighted_mean(&x, &weights).unwrap_or(f64::NAN);
        let delta = match variant.range {
            RangeRule::Initial => scale,
            RangeRule::Current => {
                let r = range(&x);
                if r > RANGE_EPS { r } else { 1.0 }
            }
        };
        let mu = match variant.mu {
            StatusQuoForecast::Median => median,
            StatusQuoForecast::Mean => mean,
        };
        let model = RoundModel {
            x: &x,
            salience: &salience,
            delta,
            mu,
            variant,
        };
        let ones = vec![1.0; x.len()];
        let p_neutral = model.probabilities(&weights, &ones);
        let risk = model.risk_exponents(&p_neutral);

        if let (Some(prev), Some(conv)) = (rounds.last(), stop_rule.convergence) {
            let change = match conv.measure {
                ConvergenceMeasure::Median => (median - prev.weighted_median).abs(),
                ConvergenceMeasure::Positions => x
                    .iter()
                    .zip(&prev.positions)
                    .map(|(a, b)| (a - b).abs())
                    .fold(0.0, f64::max),
            };
            if change < conv.epsilon * scale {
                settled += 1;
            } else {
                settled = 0;
            }
        }
        let reason = if t >= stop_rule.max_rounds {
            Some(EumStop::MaxRounds)
        } else if stop_rule
            .convergence
            .is_some_and(|conv| settled >= conv.patience)
        {
            Some(EumStop::Converged)
        } else if stop_rule.stop_on_cycle {
            find_repeat(&rounds, &x, scale).map(|first_round| EumStop::Cycle {
                first_round,
                period: t - first_round,
            })
        } else {
            None
        };
        let moves = if reason.is_some() {
            Vec::new()
        } else {
            let p = match variant.vote_utility {
                VoteUtility::Linear => p_neutral,
                VoteUtility::RiskAdjusted => model.probabilities(&weights, &risk),
            };
            model.moves(&p, &risk)
        };
        let no_moves = moves.is_empty();
        let next: Vec<f64> = {
            let mut next = x.clone();
            for m in &moves {
                next[m.actor] = m.to;
            }
            next
        };
        rounds.push(EumRound {
            round: t,
            positions: std::mem::replace(&mut x, next),
            weighted_mean: mean,
            weighted_median: median,
            risk_exponents: risk,
            moves,
        });
        match reason {
            Some(reason) => break reason,
            None if no_moves => break EumStop::NoMoves,
            None => {}
        }
    };

    let oscillation = oscillation(&rounds, scale);
    Ok(EumResult {
        actors: actors.iter().map(|a| a.name.clone()).collect(),
        options: *options,
        initial_range,
        rounds,
        stop,
        oscillation,
    })
}

fn validate(actors: &[EumActor], options: &EumOptions) -> Result<(), InputError> {
    if actors.is_empty() {
        return Err(InputError::NoActors);
    }
    for (index, a) in actors.iter().enumerate() {
        let bad = |field: &'static str, value: f64, expected: &'static str| {
            Err(InputError::InvalidValue {
                index,
                actor: a.name.clone(),
                field,
                value,
                expected,
            })
        };
        if !(a.capability.is_finite() && a.capability >= 0.0) {
            return bad("capability", a.capability, "a finite number ≥ 0");
        }
        if !a.position.is_finite() {
            return bad("position", a.position, "a finite number");
        }
        if !(a.salience.is_finite() && (0.0..=1.0).contains(&a.salience)) {
            return bad("salience", a.salience, "between 0 and 1");
        }
    }
    if actors.iter().all(|a| a.capability * a.salience <= 0.0) {
        return Err(InputError::ZeroWeight);
    }
    let unit = |option: &'static str, value: f64| {
        if value.is_finite() && (0.0..=1.0).contains(&value) {
            Ok(())
        } else {
            Err(InputError::InvalidOption {
                option,
                value,
                expected: "between 0 and 1",
            })
        }
    };
    unit("q", options.variant.q)?;
    unit("t", options.variant.t)?;
    if let Some(conv) = options.stop.convergence {
        if !(conv.epsilon.is_finite() && conv.epsilon >= 0.0) {
            return Err(InputError::InvalidOption {
                option: "convergence.epsilon",
                value: conv.epsilon,
                expected: "a finite number ≥ 0",
            });
        }
        if conv.patience == 0 {
            return Err(InputError::InvalidOption {
                option: "convergence.patience",
                value: 0.0,
                expected: "at least 1",
            });
        }
    }
    Ok(())
}

fn range(x: &[f64]) -> f64 {
    let (lo, hi) = x
        .iter()
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &v| {
            (lo.min(v), hi.max(v))
        });
    if hi >= lo { hi - lo } else { 0.0 }
}

/// The quantities of one round that every expected-utility evaluation shares.
struct RoundModel<'a> {
    x: &'a [f64],
    salience: &'a [f64],
    /// The range `Δ` that scales distances (never zero).
    delta: f64,
    /// The forecast `μ` in the `U_b`/`U_w` terms.
    mu: f64,
    variant: &'a EumVariant,
}

/// A square matrix stored row-major.
struct Matrix {
    n: usize,
    data: Vec<f64>,
}

impl Matrix {
    fn get(&self, i: usize, j: usize) -> f64 {
        self.data[i * self.n + j]
    }
}

impl RoundModel<'_> {
    /// `P[i][j]`, the probability that position `i` beats position `j`, with voter `k`'s
    /// vote `w_k (u_k(x_i) − u_k(x_j))` and the risk exponents `r` in the utilities when the
    /// variant uses risk-adjusted votes (spec §1.5).
    fn probabilities(&self, weights: &[f64], r: &[f64]) -> Matrix {
        let n = self.x.len();
        let risky = self.variant.vote_utility == VoteUtility::RiskAdjusted;
        // util[a][k] = u_k(x_a), voter k's utility of position a.
        let mut util = vec![0.0; n * n];
        for a in 0..n {
            for k in 0..n {
                let d = (self.x[k] - self.x[a]).abs() / self.delta;
                util[a * n + k] = -(if risky { d.powf(r[k]) } else { d });
            }
        }
        // votes[i][j] = Σ_k max(0, v_k(i, j)), the support for i over j.
        let votes = pairwise_support(weights, &util, n, 0.0);
        let mut p = vec![0.0; n * n];
        match self.variant.probability {
            ProbabilityNorm::Pairwise => {
                for i in 0..n {
                    for j in 0..n {
                        let (vij, vji) = (votes[i * n + j], votes[j * n + i]);
                        let total = vij + vji;
                        p[i * n + j] = if total > 0.0 {
                            vij / total
                        } else if self.same_position(i, j) {
                            0.0
                        } else {
                            // Nobody cares about the difference: a coin flip.
                            0.5
                        };
                    }
                }
            }
            ProbabilityNorm::Global => {
                // Σ_k Σ_a Σ_b |v_k(a, b)| = Σ_a Σ_b (votes[a][b] + votes[b][a]).
                let total = 2.0 * votes.iter().sum::<f64>();
                if total > 0.0 {
                    for (pij, v) in p.iter_mut().zip(&votes) {
                        *pij = v / total;
                    }
                }
            }
        }
        Matrix { n, data: p }
    }

    fn same_position(&self, i: usize, j: usize) -> bool {
        (self.x[i] - self.x[j]).abs() <= SAME_POSITION_REL_EPS * self.delta
    }

    /// `E_i(U_ij)`, the expected utility to `i` of challenging `j`, evaluated with risk
    /// exponent `r` (spec §1.6).
    fn expected_utility(&self, p: &Matrix, i: usize, j: usize, r: f64) -> f64 {
        let v = self.variant;
        let d = (self.x[i] - self.x[j]).abs() / self.delta;
        let u = |base: f64| 2.0 - 4.0 * base.max(0.0).powf(r);
        let us = u(0.5 - 0.5 * d);
        let uf = u(0.5 + 0.5 * d);
        let usq = u(0.5);
        let pij = p.get(i, j);
        let sj = self.salience[j];
        let challenge = sj * (pij * us + (1.0 - pij) * uf) + (1.0 - sj) * us;
        let no_challenge = if v.q < 1.0 {
            let m = ((self.x[i] - self.mu).abs() + (self.x[i] - self.x[j]).abs()) / self.delta;
            let ub = u(0.5 - 0.25 * m);
            let uw = u(0.5 + 0.25 * m);
            v.q * usq + (1.0 - v.q) * (v.t * ub + (1.0 - v.t) * uw)
        } else {
            usq
        };
        challenge - no_challenge
    }

    /// Risk exponents from the danger each actor faces, all computed with `r ≡ 1`
    /// (spec §1.7). `p` must be the probabilities with `r ≡ 1`.
    fn risk_exponents(&self, p: &Matrix) -> Vec<f64> {
        let n = self.x.len();
        let danger: Vec<f64> = (0..n)
            .map(|i| {
                (0..n)
                    .filter(|&j| j != i)
                    .map(|j| self.expected_utility(p, j, i, 1.0))
                    .sum()
            })
            .collect();
        let max = danger.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = danger.iter().copied().fold(f64::INFINITY, f64::min);
        let spread = max - min;
        danger
            .iter()
            .map(|&d| {
                let big_r = if spread > DANGER_SPREAD_EPS * max.abs().max(1.0) {
                    (2.0 * d - max - min) / spread
                } else {
                    0.0
                };
                (1.0 - big_r / 3.0) / (1.0 + big_r / 3.0)
            })
            .collect()
    }

    /// The offer `receiver` would get from `proposer`: its kind and the receiver's new
    /// position, with `a = E_i(U_ij)` and `b = E_j(U_ji)` (spec §1.8).
    fn classify(&self, receiver: usize, proposer: usize, a: f64, b: f64) -> Option<Offer> {
        let (xi, xj) = (self.x[receiver], self.x[proposer]);
        let (kind, to) = if b > a && a > 0.0 {
            (OfferKind::Confrontation, xj)
        } else if b > 0.0 && a < 0.0 && a.abs() < b {
            (OfferKind::Compromise, xi + (xj - xi) * (a / b).abs())
        } else if self.variant.capitulation_fix && b > 0.0 && a < 0.0 && a.abs() > b {
            (OfferKind::Capitulation, xj)
        } else {
            return None;
        };
        Some(Offer {
            proposer,
            kind,
            to,
            a,
            b,
        })
    }

    /// Every actor's accepted offer, in input order (spec §1.8–§1.9).
    fn moves(&self, p: &Matrix, r: &[f64]) -> Vec<EumMove> {
        let n = self.x.len();
        let mut moves = Vec::new();
        for i in 0..n {
            let evaluations = (0..n)
                .filter(|&j| j != i && !self.same_position(i, j))
                .map(|j| {
                    let a = self.expected_utility(p, i, j, r[i]);
                    let rb = match self.variant.perspective {
                        Perspective::Receiver => r[i],
                        Perspective::Own => r[j],
                    };
                    let b = self.expected_utility(p, j, i, rb);
                    (j, a, b)
                });
            let chosen = match self.variant.offer_choice {
                OfferChoice::Scholz => self.choose_scholz(i, evaluations),
                OfferChoice::LargestThreat => self.choose_largest_threat(i, evaluations),
                OfferChoice::LeastMovement => {
                    let offers = evaluations.filter_map(|(j, a, b)| self.classify(i, j, a, b));
                    first_min_by_key(offers, |o| (o.to - self.x[i]).abs())
                }
            };
            if let Some(o) = chosen {
                moves.push(EumMove {
                    actor: i,
                    counterpart: o.proposer,
                    kind: o.kind,
                    from: self.x[i],
                    to: o.to,
                });
            }
        }
        moves
    }

    fn choose_scholz(
        &self,
        i: usize,
        evaluations: impl Iterator<Item = (usize, f64, f64)>,
    ) -> Option<Offer> {
        let xi = self.x[i];
        let offers: Vec<Offer> = evaluations
            .filter_map(|(j, a, b)| self.classify(i, j, a, b))
            .collect();
        let of_kind = |kind: OfferKind| offers.iter().filter(move |o| o.kind == kind).copied();
        first_min_by_key(of_kind(OfferKind::Confrontation), |o| (o.to - xi).abs())
            .or_else(|| {
                first_min_by_key(of_kind(OfferKind::Compromise), |o| {
                    let (a, b) = (o.a.abs(), o.b.abs());
                    (a * xi + b * self.x[o.proposer]) / (a + b)
                })
            })
            .or_else(|| first_min_by_key(of_kind(OfferKind::Capitulation), |o| (o.to - xi).abs()))
    }

    fn choose_largest_threat(
        &self,
        i: usize,
        evaluations: impl Iterator<Item = (usize, f64, f64)>,
    ) -> Option<Offer> {
        let xi = self.x[i];
        let mut best: Option<(usize, f64, f64)> = None;
        for (j, a, b) in evaluations.filter(|&(_, _, b)| b > 0.0) {
            let better = match best {
                None => true,
                Some((k, _, best_b)) => {
                    let tol = EU_TIE_REL_EPS * best_b.abs().max(b.abs());
                    b > best_b + tol
                        || (b >= best_b - tol && (self.x[j] - xi).abs() < (self.x[k] - xi).abs())
                }
            };
            if better {
                best = Some((j, a, b));
            }
        }
        best.and_then(|(j, a, b)| self.classify(i, j, a, b))
    }
}

/// An offer a receiver could take.
#[derive(Debug, Clone, Copy)]
struct Offer {
    proposer: usize,
    kind: OfferKind,
    to: f64,
    a: f64,
    b: f64,
}

/// The first item with the smallest key (later items must be strictly smaller to win).
fn first_min_by_key<T>(items: impl Iterator<Item = T>, key: impl Fn(&T) -> f64) -> Option<T> {
    let mut best: Option<(f64, T)> = None;
    for item in items {
        let k = key(&item);
        if best.as_ref().is_none_or(|(bk, _)| k < *bk) {
            best = Some((k, item));
        }
    }
    best.map(|(_, item)| item)
}

fn same_state(a: &[f64], b: &[f64], scale: f64) -> bool {
    a.iter()
        .zip(b)
        .all(|(x, y)| (x - y).abs() <= STATE_REL_EPS * scale)
}

/// The earliest recorded round whose positions equal `x`.
fn find_repeat(rounds: &[EumRound], x: &[f64], scale: f64) -> Option<usize> {
    rounds
        .iter()
        .position(|r| same_state(&r.positions, x, scale))
}

fn oscillation(rounds: &[EumRound], scale: f64) -> EumOscillation {
    let state_cycle = (1..rounds.len()).find_map(|t| {
        find_repeat(&rounds[..t], &rounds[t].positions, scale).map(|first_round| StateCycle {
            first_round,
            period: t - first_round,
        })
    });
    let medians: Vec<f64> = rounds.iter().map(|r| r.weighted_median).collect();
    let tol = STATE_REL_EPS * scale;
    let mut reversals = 0;
    let mut peaks = Vec::new();
    let mut last_sign = 0i8;
    for (t, w) in medians.windows(2).enumerate() {
        let diff = w[1] - w[0];
        let sign = if diff > tol {
            1
        } else if diff < -tol {
            -1
        } else {
            continue;
        };
        if last_sign != 0 && sign != last_sign {
            reversals += 1;
            if sign < 0 {
                peaks.push(t);
            }
        }
        last_sign = sign;
    }
    let median_mean_period = match (peaks.first(), peaks.last()) {
        (Some(&first), Some(&last)) if peaks.len() >= 2 => {
            Some((last - first) as f64 / (peaks.len() - 1) as f64)
        }
        _ => None,
    };
    EumOscillation {
        state_cycle,
        median_peaks: peaks,
        median_mean_period,
        median_reversals: reversals,
        median_min: medians.iter().copied().fold(f64::INFINITY, f64::min),
        median_max: medians.iter().copied().fold(f64::NEG_INFINITY, f64::max),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eum::EumStopRule;

    const EPS: f64 = 1e-12;

    fn ec_case() -> Vec<EumActor> {
        [
            ("Netherlands", 0.08, 4.0, 0.8),
            ("Belgium", 0.08, 7.0, 0.4),
            ("Luxembourg", 0.03, 4.0, 0.2),
            ("Germany", 0.16, 4.0, 0.8),
            ("France", 0.16, 10.0, 0.6),
            ("Italy", 0.16, 10.0, 0.6),
            ("UK", 0.16, 10.0, 0.9),
            ("Ireland", 0.05, 7.0, 0.1),
            ("Denmark", 0.05, 4.0, 1.0),
            ("Greece", 0.08, 7.0, 0.7),
        ]
        .into_iter()
        .map(|(n, c, x, s)| EumActor::new(n, c, x, s))
        .collect()
    }

    #[test]
    fn pairwise_probabilities_are_complementary() {
        let actors = ec_case();
        let x: Vec<f64> = actors.iter().map(|a| a.position).collect();
        let s: Vec<f64> = actors.iter().map(|a| a.salience).collect();
        let w: Vec<f64> = actors.iter().map(|a| a.capability * a.salience).collect();
        let textbook = EumVariant::textbook();
        let model = RoundModel {
            x: &x,
            salience: &s,
            delta: 6.0,
            mu: 7.0,
            variant: &textbook,
        };
        let p = model.probabilities(&w, &[1.0; 10]);
        // Belgium (7) vs France (10), and two actors at the same position.
        assert!((p.get(1, 4) + p.get(4, 1) - 1.0).abs() < EPS);
        assert!(p.get(1, 4) > 0.5, "the centre beats an extreme");
        assert!(p.get(0, 2).abs() < EPS);

        // Scholz's global normaliser: every P is a share of all votes on all pairs.
        let scholz = EumVariant::scholz();
        let model = RoundModel {
            variant: &scholz,
            ..model
        };
        let p = model.probabilities(&w, &[1.0; 10]);
        let total: f64 = p.data.iter().sum();
        assert!(
            (total - 0.5).abs() < EPS,
            "votes for a over b are half of all |votes|"
        );
        assert!(p.get(1, 4) + p.get(4, 1) < 0.1);
    }

    #[test]
    fn risk_exponents_span_half_to_two() {
        let result = run_eum(&ec_case(), &EumOptions::scholz()).expect("valid input");
        let r = &result.rounds[0].risk_exponents;
        let max = r.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = r.iter().copied().fold(f64::INFINITY, f64::min);
        assert!((max - 2.0).abs() < 1e-9 && (min - 0.5).abs() < 1e-9);
    }

    #[test]
    fn one_point_is_a_fixed_point() {
        let actors = vec![
            EumActor::new("a", 1.0, 3.0, 0.5),
            EumActor::new("b", 2.0, 3.0, 1.0),
        ];
        for options in [EumOptions::default(), EumOptions::scholz()] {
            let result = run_eum(&actors, &options).expect("valid input");
            assert_eq!(result.stop, EumStop::NoMoves);
            assert_eq!(result.rounds.len(), 1);
            assert!(
                result.rounds[0]
                    .risk_exponents
                    .iter()
                    .all(|r| (r - 1.0).abs() < EPS)
            );
        }
    }

    #[test]
    fn fixed_rule_runs_exactly_max_rounds_unless_stuck() {
        let mut options = EumOptions::scholz();
        options.stop = EumStopRule::fixed(3);
        let result = run_eum(&ec_case(), &options).expect("valid input");
        assert_eq!(result.rounds.len(), 4);
        assert_eq!(result.stop, EumStop::MaxRounds);
        assert!(result.rounds[3].moves.is_empty());
        assert!(!result.rounds[2].moves.is_empty());
    }

    #[test]
    fn bad_input_is_an_error_not_a_panic() {
        assert_eq!(
            run_eum(&[], &EumOptions::default()),
            Err(InputError::NoActors)
        );
        let nan = vec![EumActor::new("a", f64::NAN, 1.0, 0.5)];
        assert!(matches!(
            run_eum(&nan, &EumOptions::default()),
            Err(InputError::InvalidValue {
                field: "capability",
                ..
            })
        ));
        let loud = vec![EumActor::new("a", 1.0, 1.0, 50.0)];
        assert!(matches!(
            run_eum(&loud, &EumOptions::default()),
            Err(InputError::InvalidValue {
                field: "salience",
                ..
            })
        ));
        let mute = vec![EumActor::new("a", 1.0, 1.0, 0.0)];
        assert_eq!(
            run_eum(&mute, &EumOptions::default()),
            Err(InputError::ZeroWeight)
        );
        let mut options = EumOptions::default();
        options.variant.q = 1.5;
        assert!(matches!(
            run_eum(&ec_case(), &options),
            Err(InputError::InvalidOption { option: "q", .. })
        ));
    }

    #[test]
    fn first_min_keeps_the_first_of_equals() {
        let items = [(0, 2.0), (1, 1.0), (2, 1.0)];
        let best = first_min_by_key(items.into_iter(), |&(_, k)| k);
        assert_eq!(best.map(|(i, _)| i), Some(1));
    }
}
