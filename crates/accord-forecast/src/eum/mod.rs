//! Bueno de Mesquita's expected-utility model (EUM) on one axis.

mod csv;
mod engine;
mod options;

pub use self::csv::read_eum_csv;
pub use engine::run_eum;
pub use options::{
    Convergence, ConvergenceMeasure, EumOptions, EumStopRule, EumVariant, OfferChoice, Perspective,
    ProbabilityNorm, RangeRule, StatusQuoForecast, VoteUtility,
};

use serde::{Deserialize, Serialize};

/// One actor of the expected-utility model.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumActor {
    /// Display name; unique within an input.
    pub name: String,
    /// Capability (clout, power), `≥ 0`, on any scale: only ratios matter.
    pub capability: f64,
    /// Position on the issue axis, any finite scale.
    pub position: f64,
    /// Salience in `[0, 1]`; also the probability that the actor resists a challenge.
    pub salience: f64,
}

impl EumActor {
    /// An actor from its four values (not checked here; [`run_eum`] checks them).
    #[must_use]
    pub fn new(name: impl Into<String>, capability: f64, position: f64, salience: f64) -> Self {
        Self {
            name: name.into(),
            capability,
            position,
            salience,
        }
    }
}

/// The kind of offer an actor accepted in a round (spec §1.8).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferKind {
    /// The receiver expects to lose a confrontation and moves to the proposer's position.
    Confrontation,
    /// The receiver moves part of the way towards the proposer.
    Compromise,
    /// The receiver gives in and moves to the proposer's position.
    Capitulation,
}

/// One accepted offer: `actor` moved from `from` to `to` because of `counterpart`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumMove {
    /// Index (input order) of the actor that moved.
    pub actor: usize,
    /// Index of the actor whose offer it took.
    pub counterpart: usize,
    /// The kind of offer.
    pub kind: OfferKind,
    /// Position before the move.
    pub from: f64,
    /// Position after the move.
    pub to: f64,
}

/// One round of an EUM run: the state at the start of the round and what happened in it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumRound {
    /// Round number; round 0 holds the input positions.
    pub round: usize,
    /// Positions at the start of the round, in input actor order.
    pub positions: Vec<f64>,
    /// The c·s-weighted mean of `positions`.
    pub weighted_mean: f64,
    /// The c·s-weighted median of `positions` (the model's forecast).
    pub weighted_median: f64,
    /// Risk exponents `r_i ∈ [0.5, 2]` computed from this round's positions, in input order.
    pub risk_exponents: Vec<f64>,
    /// The offers accepted in this round, which produce the next round's positions, in
    /// input order of the moving actor. Empty in the last round of a run (no next round was
    /// computed) and in a round where nobody moved.
    pub moves: Vec<EumMove>,
}

/// Why an EUM run stopped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "reason", rename_all = "snake_case")]
pub enum EumStop {
    /// The last round moved nobody: every later round would be identical.
    NoMoves,
    /// The weighted median settled (see [`Convergence`]).
    Converged,
    /// The last round's positions repeat those of round `first_round`.
    Cycle {
        /// The earlier round with the same positions.
        first_round: usize,
        /// Rounds per cycle.
        period: usize,
    },
    /// `max_rounds` rounds were run.
    MaxRounds,
}

/// How the forecast behaved over the run. The EC example never settles: its median rises
/// from 7 towards 10 over a few rounds, falls back, and does it again, with cycles of 4 to
/// 14 rounds that never repeat a state exactly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumOscillation {
    /// The first repeated state: positions of round `first_round + period` equal those of
    /// round `first_round` (within a relative tolerance of 1e-9 of the range).
    pub state_cycle: Option<StateCycle>,
    /// The rounds at which the weighted median peaks: it rose into the round (or a plateau
    /// ending there) and falls in the next.
    pub median_peaks: Vec<usize>,
    /// The mean number of rounds between successive peaks, when there are at least two.
    /// The EC example under Scholz's variant peaks at rounds 5 and 9 in its first 10 rounds.
    pub median_mean_period: Option<f64>,
    /// How often the weighted median changed direction over the run.
    pub median_reversals: usize,
    /// The smallest weighted median of the run.
    pub median_min: f64,
    /// The largest weighted median of the run.
    pub median_max: f64,
}

/// A repeated state (see [`EumOscillation::state_cycle`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct StateCycle {
    /// The earlier round.
    pub first_round: usize,
    /// Rounds until the state repeats.
    pub period: usize,
}

/// The result of [`run_eum`]: plain data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EumResult {
    /// Actor names, in input order.
    pub actors: Vec<String>,
    /// The options the run used.
    pub options: EumOptions,
    /// The range `Δ` of the initial positions.
    pub initial_range: f64,
    /// Every round, from round 0 (the input).
    pub rounds: Vec<EumRound>,
    /// Why the run stopped.
    pub stop: EumStop,
    /// Cycle and oscillation report.
    pub oscillation: EumOscillation,
}

impl EumResult {
    /// The last round's weighted median: the model's final forecast.
    #[must_use]
    pub fn final_median(&self) -> Option<f64> {
        self.rounds.last().map(|r| r.weighted_median)
    }

    /// A one-line description of a move, e.g. "Belgium compromises with France".
    #[must_use]
    pub fn describe(&self, m: &EumMove) -> String {
        let name = |i: usize| self.actors.get(i).map_or("?", String::as_str);
        let (actor, other) = (name(m.actor), name(m.counterpart));
        match m.kind {
            OfferKind::Confrontation => format!("{actor} loses confrontation to {other}"),
            OfferKind::Compromise => format!("{actor} compromises with {other}"),
            OfferKind::Capitulation => format!("{actor} capitulates to {other}"),
        }
    }
}
