//! One SMP state to the next (spec §2.5) and the stopping rule (§2.6).

use super::{
    BargainInterpolation, BigRAdjust, BigRRange, SALIENCE_SUM_SLACK, SmpChallenge, SmpInput,
    SmpOptions, SmpOutcome, SmpResult, SmpState, SmpStop,
};
use rayon::prelude::*;

use crate::error::InputError;
use crate::votes::pairwise_support;

/// KTAB's floor on a coalition's strength, so that no victory probability is exactly 0.
const COALITION_FLOOR: f64 = 1e-8;
/// KTAB's starting strength of each side of a challenge.
const CHALLENGE_FLOOR: f64 = 1e-10;
/// A challenge must be worth more than this to be made.
const MIN_CHALLENGE_GAIN: f64 = 1e-5;
/// KTAB's offset on the challenger's weight when interpolating a bargain.
const BARGAIN_OFFSET: f64 = 1e-6;
/// Added to the first step's movement in the stopping ratio.
const FIRST_STEP_OFFSET: f64 = 1e-4;
/// A spread of victory probabilities at or below this counts as none: every risk attitude
/// is then 0 (KTAB divides by the spread; all-equal probabilities would give 0/0).
const PROBABILITY_SPREAD_EPS: f64 = 1e-15;

/// Runs KTAB's spatial model of politics on `input`.
///
/// State 0 is the input. In each state, risk attitudes are inferred from the victory
/// probabilities of the current positions; every actor picks its most advantageous
/// challenge; each challenge yields a bargain placed in both actors' queues; every actor
/// then adopts the bargain of its queue that the capability-weighted vote most probably
/// prefers. The run stops when a step moves actors less than `stop_ratio` times the first
/// step (from `min_iterations` on) or after `max_iterations`.
///
/// # Errors
///
/// [`InputError`] when there are no actors or dimensions, an actor's positions or
/// saliences do not match the dimensions, a value is not finite or outside 0–100, a
/// capability is negative, saliences sum to more than 100, or an option is out of range.
pub fn run_smp(input: &SmpInput, options: &SmpOptions) -> Result<SmpResult, InputError> {
    validate(input, options)?;
    let model = Model::new(input, options);
    let mut x: Vec<f64> = input
        .actors
        .iter()
        .flat_map(|a| a.positions.iter().map(|p| p / 100.0))
        .collect();
    let mut states: Vec<SmpState> = Vec::new();
    let mut previous: Option<Vec<f64>> = None;
    let mut first_step = 0.0;
    let stop = loop {
        let t = states.len();
        let analysis = model.analyse(&x);
        let outcomes = model.outcomes(&x, &analysis);
        let mut winning = vec![0.0; model.n];
        for o in &outcomes {
            for &a in &o.actors {
                winning[a] = o.probability;
            }
        }
        let fractional_change = previous.as_ref().map(|prev| {
            let step = model.distance(&x, prev);
            if t == 1 {
                first_step = step;
            }
            step / (first_step + FIRST_STEP_OFFSET)
        });
        let reason = match fractional_change {
            Some(f) if t >= options.min_iterations.max(1) && f < options.stop_ratio => {
                Some(SmpStop::Converged)
            }
            _ if t >= options.max_iterations => Some(SmpStop::MaxIterations),
            _ => None,
        };
        let challenges = if reason.is_some() {
            Vec::new()
        } else {
            model.challenges(&x, &analysis)
        };
        states.push(SmpState {
            state: t,
            positions: x.chunks(model.d).map(scale_up).collect(),
            winning_probabilities: winning,
            outcomes,
            risk_attitudes: analysis.big_r.clone(),
            fractional_change,
            challenges: challenges
                .iter()
                .map(|c| SmpChallenge {
                    actor: c.actor,
                    target: c.target,
                    value: c.value,
                    probability: c.probability,
                    actor_position: scale_up(&c.actor_position),
                    target_position: scale_up(&c.target_position),
                })
                .collect(),
        });
        if let Some(reason) = reason {
            break reason;
        }
        let next = model.resolve(&x, &analysis, &challenges);
        previous = Some(std::mem::replace(&mut x, next));
    };
    Ok(SmpResult {
        actors: input.actors.iter().map(|a| a.name.clone()).collect(),
        dimensions: input.dimensions.clone(),
        options: *options,
        states,
        stop,
    })
}

/// Positions back on 0–100, scaled as KTAB prints them (`x * 100`, no rounding), so that
/// printing at KTAB's precision gives KTAB's digits.
fn scale_up(v: &[f64]) -> Vec<f64> {
    v.iter().map(|p| p * 100.0).collect()
}

fn validate(input: &SmpInput, options: &SmpOptions) -> Result<(), InputError> {
    let d = input.dimensions.len();
    if input.actors.is_empty() {
        return Err(InputError::NoActors);
    }
    if d == 0 {
        return Err(InputError::NoDimensions);
    }
    for (index, a) in input.actors.iter().enumerate() {
        let actor = || a.name.clone();
        for (what, values) in [("positions", &a.positions), ("saliences", &a.saliences)] {
            if values.len() != d {
                return Err(InputError::DimensionMismatch {
                    index,
                    actor: actor(),
                    what,
                    found: values.len(),
                    expected: d,
                });
            }
            if let Some(&value) = values
                .iter()
                .find(|v| !(v.is_finite() && (0.0..=100.0).contains(*v)))
            {
                return Err(InputError::InvalidValue {
                    index,
                    actor: actor(),
                    field: what,
                    value,
                    expected: "between 0 and 100",
                });
            }
        }
        if !(a.capability.is_finite() && a.capability >= 0.0) {
            return Err(InputError::InvalidValue {
                index,
                actor: actor(),
                field: "capability",
                value: a.capability,
                expected: "a finite number ≥ 0",
            });
        }
        let sum: f64 = a.saliences.iter().sum();
        if sum > 100.0 + SALIENCE_SUM_SLACK {
            return Err(InputError::SalienceSum {
                index,
                actor: actor(),
                sum,
            });
        }
    }
    for (option, value) in [
        ("stop_ratio", options.stop_ratio),
        ("same_position_distance", options.same_position_distance),
    ] {
        if !(value.is_finite() && value >= 0.0) {
            return Err(InputError::InvalidOption {
                option,
                value,
                expected: "a finite number ≥ 0",
            });
        }
    }
    Ok(())
}

/// KTAB's utility of an outcome at salience-weighted distance `delta` for risk attitude `r`.
fn utility(delta: f64, r: f64) -> f64 {
    if delta <= 1.0 {
        (1.0 - delta) * (1.0 + delta * r)
    } else {
        (1.0 - delta) * (1.0 + r)
    }
}

/// Rounds half up to 4 decimals (bargain positions on the 0–1 scale).
fn round4(v: f64) -> f64 {
    (v * 1e4 + 0.5).floor() / 1e4
}

/// The fixed data of a run on KTAB's internal scales.
struct Model<'a> {
    n: usize,
    d: usize,
    options: &'a SmpOptions,
    capability: Vec<f64>,
    /// Saliences on 0–1, actor-major (`n × d`).
    salience: Vec<f64>,
    /// Total salience `S_i` on 0–1: the probability of resisting a challenge.
    total_salience: Vec<f64>,
    /// `Σ_k σ_ik²`.
    salience_sq: Vec<f64>,
    /// `S_i · c_i`, the weight of an actor's votes on challenges.
    challenge_weight: Vec<f64>,
}

/// What a state implies before anyone moves.
struct Analysis {
    /// `delta[i * n + j]`: actor `i`'s salience-weighted distance to actor `j`'s position.
    delta: Vec<f64>,
    /// The transpose of `delta`: `delta_to[j * n + i] = delta[i * n + j]`, so that the
    /// distances of all actors to one position are contiguous.
    delta_to: Vec<f64>,
    /// Risk attitudes `R_i`.
    big_r: Vec<f64>,
    /// `own[i * n + j] = u(δ_i(x_j), R_i)`.
    own: Vec<f64>,
}

/// A challenger's view of the state (see [`Model::view`]).
struct View {
    /// The challenger.
    i: usize,
    /// Its estimate of each actor's risk attitude.
    attitude: Vec<f64>,
    /// `for_i[m]`: the utility it attributes to `m` for the challenger's position.
    for_i: Vec<f64>,
    /// `for_own[m]`: the utility it attributes to `m` for `m`'s own position.
    for_own: Vec<f64>,
}

/// The strengths of the two sides of a challenge of `i` against `j`.
struct Sides {
    for_i: f64,
    for_j: f64,
}

impl Sides {
    /// Adds a vote: positive votes support `i`, negative ones `j`.
    fn add(&mut self, vote: f64) {
        if vote > 0.0 {
            self.for_i += vote;
        } else if vote < 0.0 {
            self.for_j -= vote;
        }
    }
}

/// A challenge and its bargain, on the 0–1 scale.
struct Challenge {
    actor: usize,
    target: usize,
    value: f64,
    probability: f64,
    actor_position: Vec<f64>,
    target_position: Vec<f64>,
}

impl<'a> Model<'a> {
    fn new(input: &SmpInput, options: &'a SmpOptions) -> Self {
        let salience: Vec<f64> = input
            .actors
            .iter()
            .flat_map(|a| a.saliences.iter().map(|s| s / 100.0))
            .collect();
        let d = input.dimensions.len();
        let capability: Vec<f64> = input.actors.iter().map(|a| a.capability).collect();
        let total_salience: Vec<f64> = salience.chunks(d).map(|c| c.iter().sum()).collect();
        Self {
            n: input.actors.len(),
            d,
            options,
            challenge_weight: total_salience
                .iter()
                .zip(&capability)
                .map(|(s, c)| s * c)
                .collect(),
            capability,
            total_salience,
            salience_sq: salience
                .chunks(d)
                .map(|c| c.iter().map(|s| s * s).sum())
                .collect(),
            salience,
        }
    }

    fn pos<'x>(&self, x: &'x [f64], i: usize) -> &'x [f64] {
        &x[i * self.d..(i + 1) * self.d]
    }

    /// `δ_i(y)`: actor `i`'s salience-weighted distance from its ideal (its position in
    /// `x`) to `y`.
    fn distance_from(&self, x: &[f64], i: usize, y: &[f64]) -> f64 {
        if self.salience_sq[i] <= 0.0 {
            return 0.0;
        }
        let s = &self.salience[i * self.d..(i + 1) * self.d];
        let sum: f64 = s
            .iter()
            .zip(self.pos(x, i))
            .zip(y)
            .map(|((s, xi), yk)| (s * (xi - yk)).powi(2))
            .sum();
        (sum / self.salience_sq[i]).sqrt()
    }

    /// `Σ_i ‖x_i − y_i‖₂`.
    fn distance(&self, x: &[f64], y: &[f64]) -> f64 {
        x.chunks(self.d)
            .zip(y.chunks(self.d))
            .map(|(a, b)| {
                a.iter()
                    .zip(b)
                    .map(|(p, q)| (p - q).powi(2))
                    .sum::<f64>()
                    .sqrt()
            })
            .sum()
    }

    fn analyse(&self, x: &[f64]) -> Analysis {
        let n = self.n;
        let mut delta = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                delta[i * n + j] = self.distance_from(x, i, self.pos(x, j));
            }
        }
        let mut delta_to = vec![0.0; n * n];
        for i in 0..n {
            for j in 0..n {
                delta_to[j * n + i] = delta[i * n + j];
            }
        }
        // Option-major: the risk-neutral utility of position j to each voter.
        let neutral: Vec<f64> = delta_to.iter().map(|&dl| utility(dl, 0.0)).collect();
        let p = conditional_pce(&self.capability, &neutral, n);
        let big_r = self.risk_attitudes(&p);
        let own = delta
            .iter()
            .enumerate()
            .map(|(ij, &dl)| utility(dl, big_r[ij / n]))
            .collect();
        Analysis {
            delta,
            delta_to,
            big_r,
            own,
        }
    }

    fn risk_attitudes(&self, p: &[f64]) -> Vec<f64> {
        let max = p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        let min = p.iter().copied().fold(f64::INFINITY, f64::min);
        let spread = max - min;
        if spread <= PROBABILITY_SPREAD_EPS {
            return vec![0.0; p.len()];
        }
        p.iter()
            .map(|&pj| match self.options.big_r_range {
                BigRRange::Min => (pj - min) / spread,
                BigRRange::Mid => (3.0 * pj - (max + 2.0 * min)) / (2.0 * spread),
                BigRRange::Max => (2.0 * pj - max - min) / spread,
            })
            .collect()
    }

    /// Actor `h`'s estimate of actor `i`'s risk attitude.
    fn perceived(&self, big_r: &[f64], h: usize, i: usize) -> f64 {
        let (rh, ri) = (big_r[h], big_r[i]);
        match self.options.big_r_adjust {
            BigRAdjust::None => rh,
            BigRAdjust::Half => (rh + ri) / 2.0,
            BigRAdjust::OneThird => (2.0 * rh + ri) / 3.0,
            BigRAdjust::TwoThirds => (rh + 2.0 * ri) / 3.0,
            BigRAdjust::Full => ri,
        }
    }

    /// What challenger `i` needs to evaluate its challenges: its estimate of every actor's
    /// risk attitude, and the utilities it attributes to each actor for `i`'s position and
    /// for the actor's own.
    fn view(&self, a: &Analysis, i: usize) -> View {
        let n = self.n;
        let attitude: Vec<f64> = (0..n).map(|m| self.perceived(&a.big_r, i, m)).collect();
        let to_i = &a.delta_to[i * n..(i + 1) * n];
        View {
            i,
            for_i: to_i
                .iter()
                .zip(&attitude)
                .map(|(&dl, &r)| utility(dl, r))
                .collect(),
            for_own: (0..n)
                .map(|m| utility(a.delta[m * n + m], attitude[m]))
                .collect(),
            attitude,
        }
    }

    /// Challenger `v.i`'s estimate of its challenge of `j`: the probability that it
    /// prevails and its expected gain (spec §2.5 step 3 with `h = k = i`).
    fn evaluate_challenge(&self, a: &Analysis, v: &View, j: usize) -> (f64, f64) {
        let (n, i) = (self.n, v.i);
        let to_j = &a.delta_to[j * n..(j + 1) * n];
        let for_j = |m: usize| utility(to_j[m], v.attitude[m]);
        let weight = |m: usize| self.challenge_weight[m];
        let mut sides = Sides {
            for_i: CHALLENGE_FLOOR,
            for_j: CHALLENGE_FLOOR,
        };
        let (uii, uij) = (v.for_i[i], for_j(i));
        sides.add(weight(i) * (uii - uij));
        sides.add(weight(j) * (v.for_i[j] - v.for_own[j]));
        let (a_i, a_j) = (sides.for_i, sides.for_j);
        for m in (0..n).filter(|&m| m != i && m != j) {
            let w = weight(m);
            let (umi, umj, umm) = (v.for_i[m], for_j(m), v.for_own[m]);
            let lean = w * (umi - umj);
            let (lean_i, lean_j) = (lean.max(0.0), (-lean).max(0.0));
            let pi = (a_i + lean_i) / (a_i + lean_i + a_j + lean_j);
            // SemiCommit: the sum of m's utilities over the three resulting positions.
            let join_i = pi * (2.0 * umi + umm) + (1.0 - pi) * 3.0 * umj;
            let join_j = pi * 3.0 * umi + (1.0 - pi) * (2.0 * umj + umm);
            sides.add(w * (join_i - join_j));
        }
        let p = sides.for_i / (sides.for_i + sides.for_j);
        let sj = self.total_salience[j];
        let victory = 2.0 * uii;
        let contest = p * 2.0 * uii + (1.0 - p) * 2.0 * uij;
        let challenge = (1.0 - sj) * victory + sj * contest;
        (p, challenge - (uii + uij))
    }

    /// Every actor's most advantageous challenge and its bargain (spec §2.5 steps 4–5).
    /// Challengers are evaluated in parallel; the result is in challenger order.
    fn challenges(&self, x: &[f64], a: &Analysis) -> Vec<Challenge> {
        let chosen: Vec<Option<Challenge>> = (0..self.n)
            .into_par_iter()
            .map(|i| {
                let view = self.view(a, i);
                let mut best: Option<(usize, f64, f64)> = None;
                for j in (0..self.n).filter(|&j| j != i) {
                    let (p, gain) = self.evaluate_challenge(a, &view, j);
                    if gain > MIN_CHALLENGE_GAIN && best.is_none_or(|(_, _, g)| gain > g) {
                        best = Some((j, p, gain));
                    }
                }
                best.map(|(j, p, gain)| {
                    let (actor_position, target_position) = self.bargain(x, i, j, p);
                    Challenge {
                        actor: i,
                        target: j,
                        value: gain,
                        probability: p,
                        actor_position,
                        target_position,
                    }
                })
            })
            .collect();
        chosen.into_iter().flatten().collect()
    }

    /// The bargain of `i`'s challenge of `j` with `i` prevailing with probability `p`:
    /// positions for `i` and `j`.
    fn bargain(&self, x: &[f64], i: usize, j: usize, p: f64) -> (Vec<f64>, Vec<f64>) {
        let (xi, xj) = (self.pos(x, i), self.pos(x, j));
        let (mut bi, mut bj) = (vec![0.0; self.d], vec![0.0; self.d]);
        for k in 0..self.d {
            let (si, sj) = (self.salience[i * self.d + k], self.salience[j * self.d + k]);
            let (wi, wj) = match self.options.interpolation {
                BargainInterpolation::S2P2 => ((si * p).powi(2), (sj * (1.0 - p)).powi(2)),
                BargainInterpolation::S1P1 => (si * p, sj * (1.0 - p)),
            };
            let total = wi + BARGAIN_OFFSET + wj;
            bi[k] = round4(((wi + BARGAIN_OFFSET) * xi[k] + wj * xj[k]) / total);
            bj[k] = round4((wi * xi[k] + (BARGAIN_OFFSET + wj) * xj[k]) / total);
        }
        (bi, bj)
    }

    /// The next positions: each actor adopts the bargain in its queue (its status quo
    /// first, then the bargains it makes or receives, by challenger) that the
    /// capability-weighted vote most probably prefers (spec §2.5 step 6).
    fn resolve(&self, x: &[f64], a: &Analysis, challenges: &[Challenge]) -> Vec<f64> {
        let n = self.n;
        // Voter v's score of each bargain: its mean utility over the resulting positions.
        let status_quo: Vec<f64> = (0..n)
            .map(|v| a.own[v * n..(v + 1) * n].iter().sum::<f64>() / n as f64)
            .collect();
        let scores: Vec<Vec<f64>> = challenges
            .par_iter()
            .map(|c| {
                (0..n)
                    .map(|v| {
                        let own = |y: &[f64]| utility(self.distance_from(x, v, y), a.big_r[v]);
                        let (ui, uj) = (own(&c.actor_position), own(&c.target_position));
                        let sum: f64 = (0..n)
                            .map(|j| {
                                if j == c.actor {
                                    ui
                                } else if j == c.target {
                                    uj
                                } else {
                                    a.own[v * n + j]
                                }
                            })
                            .sum();
                        sum / n as f64
                    })
                    .collect()
            })
            .collect();
        let mut queues: Vec<Vec<usize>> = vec![Vec::new(); n];
        for (b, c) in challenges.iter().enumerate() {
            queues[c.actor].push(b);
            queues[c.target].push(b);
        }
        let mut next = x.to_vec();
        let mut table = Vec::new();
        for (k, queue) in queues.iter().enumerate() {
            if queue.is_empty() {
                continue;
            }
            // Options: the status quo, then the queued bargains; option-major scores.
            let m = queue.len() + 1;
            table.clear();
            table.extend_from_slice(&status_quo);
            for &b in queue {
                table.extend_from_slice(&scores[b]);
            }
            let p = conditional_pce(&self.capability, &table, m);
            let best = first_argmax(&p);
            if best == 0 {
                continue;
            }
            let c = &challenges[queue[best - 1]];
            let point = if c.actor == k {
                &c.actor_position
            } else {
                &c.target_position
            };
            next[k * self.d..(k + 1) * self.d].copy_from_slice(point);
        }
        next
    }

    /// The distinct positions and the probability that each prevails (spec §2.6).
    fn outcomes(&self, x: &[f64], a: &Analysis) -> Vec<SmpOutcome> {
        let n = self.n;
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for j in 0..n {
            let xj = self.pos(x, j);
            let same = groups.iter_mut().find(|g| {
                let rep = self.pos(x, g[0]);
                let dist2: f64 = rep.iter().zip(xj).map(|(p, q)| (p - q).powi(2)).sum();
                dist2.sqrt() < self.options.same_position_distance
            });
            match same {
                Some(g) => g.push(j),
                None => groups.push(vec![j]),
            }
        }
        let m = groups.len();
        let mut table = Vec::with_capacity(n * m);
        for g in &groups {
            table.extend((0..n).map(|v| a.own[v * n + g[0]]));
        }
        let p = conditional_pce(&self.capability, &table, m);
        groups
            .into_iter()
            .zip(p)
            .map(|(actors, probability)| SmpOutcome {
                actors,
                probability,
            })
            .collect()
    }
}

fn first_argmax(p: &[f64]) -> usize {
    let mut best = 0;
    for (i, &v) in p.iter().enumerate() {
        if v > p[best] {
            best = i;
        }
    }
    best
}

/// KTAB's Conditional PCE with Prop voting and Linear victory probabilities: voter `v`
/// with weight `w_v` casts `w_v (u_va − u_vb)` between options `a` and `b`; the strength
/// of `a` over `b` is `1e-8` plus the positive votes; `P(a > b)` is its share; and the
/// probability of `a` is proportional to `Π_b P(a > b)` (with `P(a > a) = ½`).
///
/// `utilities` is option-major: `utilities[a * voters + v]`. Computed in log space, which
/// is the same quantity but cannot underflow with many options.
fn conditional_pce(weights: &[f64], utilities: &[f64], m: usize) -> Vec<f64> {
    let strength = pairwise_support(weights, utilities, m, COALITION_FLOOR);
    let log_p: Vec<f64> = (0..m)
        .map(|a| {
            (0..m)
                .map(|b| {
                    if a == b {
                        0.5_f64.ln()
                    } else {
                        let (ab, ba) = (strength[a * m + b], strength[b * m + a]);
                        (ab / (ab + ba)).ln()
                    }
                })
                .sum()
        })
        .collect();
    let max = log_p.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    let raw: Vec<f64> = log_p.iter().map(|l| (l - max).exp()).collect();
    let total: f64 = raw.iter().sum();
    raw.iter().map(|r| r / total).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::smp::SmpActor;

    const EPS: f64 = 1e-12;

    #[test]
    fn utility_is_linear_when_risk_neutral_and_one_at_the_ideal() {
        assert!((utility(0.25, 0.0) - 0.75).abs() < EPS);
        assert!((utility(0.0, -1.0) - 1.0).abs() < EPS);
        assert!(utility(0.5, 1.0) > utility(0.5, 0.0));
        assert!(utility(0.5, -1.0) < utility(0.5, 0.0));
    }

    #[test]
    fn round4_rounds_half_up() {
        assert!((round4(0.123_45) - 0.1235).abs() < EPS);
        assert!((round4(0.123_44) - 0.1234).abs() < EPS);
    }

    #[test]
    fn pce_of_a_dominant_option() {
        // Two voters, three options (option-major); option 1 is everyone's favourite.
        let scores = [0.5, 0.2, 1.0, 0.9, 0.0, 0.8];
        let p = conditional_pce(&[1.0, 2.0], &scores, 3);
        assert!((p.iter().sum::<f64>() - 1.0).abs() < EPS);
        assert_eq!(first_argmax(&p), 1);
        assert!(p[1] > 0.99);
    }

    #[test]
    fn pce_with_no_votes_is_uniform() {
        let p = conditional_pce(&[0.0, 0.0], &[1.0, 0.0, 0.0, 1.0], 2);
        assert!(p.iter().all(|v| (v - 0.5).abs() < EPS));
    }

    #[test]
    fn two_identical_actors_stop_after_two_quiet_steps() {
        let a = SmpActor::new("a", 1.0, vec![50.0], vec![60.0]);
        let b = SmpActor::new("b", 1.0, vec![50.0], vec![60.0]);
        let input = SmpInput::new(vec!["d".into()], vec![a, b]);
        let result = run_smp(&input, &SmpOptions::default()).expect("valid input");
        assert_eq!(result.stop, SmpStop::Converged);
        assert_eq!(result.states.len(), 3);
        assert_eq!(result.states[0].outcomes.len(), 1);
        assert!((result.states[0].winning_probabilities[1] - 1.0).abs() < EPS);
    }

    /// KTAB's state-0 matrices from the reference log: risk-neutral values, inferred risk
    /// attitudes, risk-aware utilities and actor 0's estimate of them.
    #[test]
    fn state_zero_matrices_match_the_ktab_log() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference");
        let (Ok(csv), Ok(json)) = (
            std::fs::read_to_string(dir.join("ktab_dummyData_3Dim.csv")),
            std::fs::read_to_string(dir.join("ktab_smp_dummydata_3dim.json")),
        ) else {
            println!(
                "skipping: KTAB reference files not found in {}",
                dir.display()
            );
            return;
        };
        let reference: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
        let expected = &reference["expected_from_reference_log"];
        let input = crate::read_smp_csv(&csv).expect("KTAB's file");
        let options = SmpOptions::default();
        let model = Model::new(&input, &options);
        let x: Vec<f64> = input
            .actors
            .iter()
            .flat_map(|a| a.positions.iter().map(|p| p / 100.0))
            .collect();
        let a = model.analyse(&x);
        let n = model.n;
        let matrix = |key: &str| -> Vec<Vec<f64>> {
            expected[key]
                .as_array()
                .expect("rows")
                .iter()
                .map(|row| {
                    row.as_array()
                        .expect("row")
                        .iter()
                        .filter_map(serde_json::Value::as_f64)
                        .collect()
                })
                .collect()
        };
        let check = |key: &str, tol: f64, got: &dyn Fn(usize, usize) -> f64| {
            let want = matrix(key);
            assert_eq!(want.len(), n, "{key}");
            for (i, row) in want.iter().enumerate() {
                for (j, w) in row.iter().enumerate() {
                    let g = got(i, j);
                    assert!(
                        (g - w).abs() <= tol,
                        "{key}[{i}][{j}]: got {g}, log says {w}"
                    );
                }
            }
        };
        check(
            "state0_raw_value_matrix_risk_neutral_(3dp)",
            0.000_5 + EPS,
            &|i, j| utility(a.delta[i * n + j], 0.0),
        );
        check(
            "state0_risk_aware_utility_matrix_objective_(4dp)",
            0.000_05 + EPS,
            &|i, j| a.own[i * n + j],
        );
        check(
            "state0_estimate_by_actor0_of_risk_aware_utility_(4dp)",
            0.000_05 + EPS,
            &|i, j| utility(a.delta[i * n + j], model.perceived(&a.big_r, 0, i)),
        );
    }

    #[test]
    fn bad_input_is_an_error() {
        let ok = SmpActor::new("a", 1.0, vec![50.0, 20.0], vec![30.0, 30.0]);
        let input = SmpInput::new(vec!["x".into()], vec![ok.clone()]);
        assert!(matches!(
            run_smp(&input, &SmpOptions::default()),
            Err(InputError::DimensionMismatch {
                what: "positions",
                found: 2,
                expected: 1,
                ..
            })
        ));
        let loud = SmpActor::new("b", 1.0, vec![50.0, 20.0], vec![70.0, 40.0]);
        let input = SmpInput::new(vec!["x".into(), "y".into()], vec![ok.clone(), loud]);
        assert!(matches!(
            run_smp(&input, &SmpOptions::default()),
            Err(InputError::SalienceSum { index: 1, .. })
        ));
        let far = SmpActor::new("c", 1.0, vec![150.0, 20.0], vec![10.0, 10.0]);
        let input = SmpInput::new(vec!["x".into(), "y".into()], vec![far]);
        assert!(matches!(
            run_smp(&input, &SmpOptions::default()),
            Err(InputError::InvalidValue {
                field: "positions",
                ..
            })
        ));
        let input = SmpInput::new(vec![], vec![ok]);
        assert_eq!(
            run_smp(&input, &SmpOptions::default()),
            Err(InputError::NoDimensions)
        );
    }
}
