//! KTAB's spatial model of politics (SMP): several dimensions, inferred risk attitudes,
//! challenges, bargains and a stopping ratio.

mod csv;
mod engine;

pub use self::csv::read_smp_csv;
pub use engine::run_smp;

use serde::{Deserialize, Serialize};

/// Slack when checking that an actor's saliences (0–100) sum to at most 100.
pub(crate) const SALIENCE_SUM_SLACK: f64 = 1e-9;

/// One SMP actor, on KTAB's input scales.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpActor {
    /// Display name.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Capability ("power", "influence"), `≥ 0`, unscaled.
    pub capability: f64,
    /// Position per dimension, on 0–100.
    pub positions: Vec<f64>,
    /// Salience per dimension, on 0–100, summing to at most 100; the sum is also the
    /// probability (over 100) that the actor resists a challenge.
    pub saliences: Vec<f64>,
}

impl SmpActor {
    /// An actor from its name, capability, positions and saliences (0–100 scales); not
    /// checked here ([`run_smp`] checks).
    #[must_use]
    pub fn new(
        name: impl Into<String>,
        capability: f64,
        positions: Vec<f64>,
        saliences: Vec<f64>,
    ) -> Self {
        Self {
            name: name.into(),
            description: String::new(),
            capability,
            positions,
            saliences,
        }
    }
}

/// An SMP scenario: actors over named dimensions.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpInput {
    /// Scenario name.
    pub name: String,
    /// Scenario description.
    pub description: String,
    /// Dimension names (one per position/salience pair).
    pub dimensions: Vec<String>,
    /// The actors.
    pub actors: Vec<SmpActor>,
}

impl SmpInput {
    /// An unnamed scenario from dimension names and actors.
    #[must_use]
    pub fn new(dimensions: Vec<String>, actors: Vec<SmpActor>) -> Self {
        Self {
            name: String::new(),
            description: String::new(),
            dimensions,
            actors,
        }
    }
}

/// How victory probabilities of the current positions become risk attitudes
/// (KTAB `BigRRange`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BigRRange {
    /// `R ∈ [0, 1]`: `(p − p_min)/(p_max − p_min)`.
    Min,
    /// `R ∈ [−½, 1]`: the most probable position gets 1, the least probable −½ (default).
    Mid,
    /// `R ∈ [−1, 1]`: `(2p − p_max − p_min)/(p_max − p_min)`.
    Max,
}

/// How an actor `h` estimates another actor's risk attitude (KTAB `BigRAdjust`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BigRAdjust {
    /// `h` assumes everyone shares its own attitude `R_h`.
    None,
    /// `(R_h + R_i)/2`.
    Half,
    /// `(2R_h + R_i)/3` (default).
    OneThird,
    /// `(R_h + 2R_i)/3`.
    TwoThirds,
    /// `R_i`: perfect knowledge.
    Full,
}

/// How a bargain interpolates between the two actors' positions (KTAB `InterVecBrgn`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BargainInterpolation {
    /// Weights `σ·p` (salience and probability to the first power).
    S1P1,
    /// Weights `σ²·p²` (default).
    S2P2,
}

/// Options of [`run_smp`]. [`SmpOptions::default`] is KTAB's default parameter set (Linear
/// victory probabilities, Prop voting, Conditional PCE, Deterministic transitions,
/// BigRRange Mid, BigRAdjust OneThird, SemiCommit third parties, S2P2 interpolation,
/// InitOnlyInterp bargains); the switches that are not fields are fixed at those defaults.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct SmpOptions {
    /// Risk-attitude range. Default [`BigRRange::Mid`].
    pub big_r_range: BigRRange,
    /// Perceived risk attitudes. Default [`BigRAdjust::OneThird`].
    pub big_r_adjust: BigRAdjust,
    /// Bargain interpolation. Default [`BargainInterpolation::S2P2`].
    pub interpolation: BargainInterpolation,
    /// Stop when the movement of a step, relative to the first step's, falls below this.
    /// Default 0.02.
    pub stop_ratio: f64,
    /// The stopping ratio is tested only from this iteration on. Default 2.
    pub min_iterations: usize,
    /// Stop after this many iterations whatever the ratio. Default 100.
    pub max_iterations: usize,
    /// Positions closer than this (Euclidean, 0–1 scale) count as one outcome when winning
    /// probabilities are computed. Default 0.001.
    pub same_position_distance: f64,
}

impl Default for SmpOptions {
    fn default() -> Self {
        Self {
            big_r_range: BigRRange::Mid,
            big_r_adjust: BigRAdjust::OneThird,
            interpolation: BargainInterpolation::S2P2,
            stop_ratio: 0.02,
            min_iterations: 2,
            max_iterations: 100,
            same_position_distance: 1e-3,
        }
    }
}

/// The challenge an actor makes in a state: its most advantageous target and the bargain
/// that results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpChallenge {
    /// The challenger (input order).
    pub actor: usize,
    /// The target.
    pub target: usize,
    /// The challenger's expected gain from the challenge (above 1e-5 by construction).
    pub value: f64,
    /// The challenger's estimate of its probability of prevailing.
    pub probability: f64,
    /// The bargain's position for the challenger, per dimension, 0–100.
    pub actor_position: Vec<f64>,
    /// The bargain's position for the target, per dimension, 0–100.
    pub target_position: Vec<f64>,
}

/// A set of actors whose positions coincide (within
/// [`SmpOptions::same_position_distance`]) and the probability that their position wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpOutcome {
    /// The actors at this position; the first is the representative.
    pub actors: Vec<usize>,
    /// The probability that this position prevails; outcomes' probabilities sum to 1.
    pub probability: f64,
}

/// One state of an SMP run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpState {
    /// State number; state 0 is the input.
    pub state: usize,
    /// Positions per actor, per dimension, on 0–100.
    pub positions: Vec<Vec<f64>>,
    /// Per actor, the probability that its position prevails. Actors at the same position
    /// share one probability, so these sum to 1 only when all positions differ (see
    /// `outcomes`).
    pub winning_probabilities: Vec<f64>,
    /// The distinct positions and their probabilities.
    pub outcomes: Vec<SmpOutcome>,
    /// Risk attitudes inferred from this state.
    pub risk_attitudes: Vec<f64>,
    /// Movement from the previous state relative to the first step's (KTAB's "fractional
    /// change compared to first step"); `None` in state 0.
    pub fractional_change: Option<f64>,
    /// The challenges made from this state, in challenger order; they produce the next
    /// state. Empty in the last state.
    pub challenges: Vec<SmpChallenge>,
}

/// Why an SMP run stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SmpStop {
    /// The fractional change fell below [`SmpOptions::stop_ratio`].
    Converged,
    /// [`SmpOptions::max_iterations`] were run.
    MaxIterations,
}

/// The result of [`run_smp`]: plain data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SmpResult {
    /// Actor names, in input order.
    pub actors: Vec<String>,
    /// Dimension names.
    pub dimensions: Vec<String>,
    /// The options the run used.
    pub options: SmpOptions,
    /// Every state, from state 0 (the input).
    pub states: Vec<SmpState>,
    /// Why the run stopped.
    pub stop: SmpStop,
}

impl SmpResult {
    /// The fractional change of every state after the first, in order (KTAB's stopping
    /// ratios).
    #[must_use]
    pub fn stopping_ratios(&self) -> Vec<f64> {
        self.states
            .iter()
            .filter_map(|s| s.fractional_change)
            .collect()
    }
}
