//! The switches of the expected-utility model and its stopping rule.

use serde::{Deserialize, Serialize};

/// How the probability that position `i` beats position `j` is normalised (spec §1.5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ProbabilityNorm {
    /// The printed equation: votes for `i` over `j` divided by all votes cast on the pair
    /// `(i, j)`, so `P_ij + P_ji = 1`.
    Pairwise,
    /// Scholz's code: the denominator sums the absolute votes of every voter over **all**
    /// ordered actor pairs, so probabilities are small and `P_ij + P_ji ≠ 1`.
    Global,
}

/// Which utility the votes that make up the probabilities use (spec §1.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum VoteUtility {
    /// `u_k(y) = −|x_k − y| / Δ`.
    Linear,
    /// `u_k(y) = −(|x_k − y| / Δ)^r_k` with the voter's current risk exponent (Scholz's code).
    RiskAdjusted,
}

/// Whose risk exponent evaluates the two expected utilities that classify an offer
/// (spec §1.6, "Perspective").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Perspective {
    /// Scholz's code: the receiver evaluates both `E_i(U_ij)` and `E_j(U_ji)` with its own
    /// exponent `r_i`.
    Receiver,
    /// Each actor evaluates its own challenge with its own exponent: `E_i(U_ij)` with `r_i`,
    /// `E_j(U_ji)` with `r_j` (dmasad's replication).
    Own,
}

/// Which offer a receiver takes when it gets several (spec §1.9).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OfferChoice {
    /// Scholz's code: a confrontation needing least movement if there is one; else the
    /// compromise minimising `(|a|·x_i + |b|·x_j)/(|a| + |b|)` (a position value, not a
    /// distance — a quirk kept for fidelity); else the capitulation needing least movement.
    Scholz,
    /// BDM's text and dmasad: the challenge with the largest `E_j(U_ji) > 0` (ties: the
    /// nearest proposer, then input order), then resolved by the classification rules; if
    /// that pair yields no offer the receiver stays.
    LargestThreat,
    /// BDM's prose "the offer requiring the least change": of all offers of any kind, the
    /// one that moves the receiver least.
    LeastMovement,
}

/// The forecast `μ` used inside the `U_b`/`U_w` status-quo terms (spec §1.6). Irrelevant
/// when `q = 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StatusQuoForecast {
    /// The c·s-weighted median of the start-of-round positions.
    Median,
    /// The c·s-weighted mean (dmasad's replication).
    Mean,
}

/// Which positions define the range `Δ` that scales distances (spec §1.2).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RangeRule {
    /// `max x − min x` of the initial positions, held fixed (Scholz's code).
    Initial,
    /// `max x − min x` of the start-of-round positions.
    Current,
}

/// Every modelling switch of the expected-utility model on which the sources disagree.
///
/// The default ([`EumVariant::default`]) is the variant of Scholz, Calbert & Smith's code
/// ([`EumVariant::scholz`]): it is the only one checked against a published replication
/// (the EC example to 1e-9). [`EumVariant::textbook`] follows the printed equations
/// instead; there `P_ij + P_ji = 1`, challenges succeed far more often, and on the EC
/// example every actor jumps between the extremes until all sit at one of them.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EumVariant {
    /// Probability normaliser. Default (Scholz) [`ProbabilityNorm::Global`]; textbook
    /// `Pairwise`.
    pub probability: ProbabilityNorm,
    /// Utility in the votes. Default (Scholz) [`VoteUtility::RiskAdjusted`]; textbook
    /// `Linear`.
    pub vote_utility: VoteUtility,
    /// Whose exponent classifies an offer. Default (Scholz) [`Perspective::Receiver`];
    /// textbook `Own`.
    pub perspective: Perspective,
    /// Which offer a receiver takes. Default (Scholz) [`OfferChoice::Scholz`]; textbook
    /// `LargestThreat`.
    pub offer_choice: OfferChoice,
    /// `Q`, the probability that the status quo persists without a challenge, in `[0, 1]`.
    /// Default 1 (Scholz's code; also dmasad's value for the EC case); textbook 1.
    pub q: f64,
    /// `T`, the probability that change without a challenge favours the challenger, in
    /// `[0, 1]`. Default 1; irrelevant while `q = 1`.
    pub t: f64,
    /// `μ` in the `U_b`/`U_w` terms. Default [`StatusQuoForecast::Median`]; irrelevant
    /// while `q = 1`.
    pub mu: StatusQuoForecast,
    /// Range used to scale distances. Default [`RangeRule::Initial`] (Scholz's code).
    pub range: RangeRule,
    /// Whether the capitulation test is the intended `b > 0 > a` with `|a| > b`. `false`
    /// reproduces the jmckib port, whose test (`b < |b|`) never fires. Default `true` (on the
    /// EC example both give the same rounds).
    pub capitulation_fix: bool,
}

impl Default for EumVariant {
    /// [`EumVariant::scholz`].
    fn default() -> Self {
        Self::scholz()
    }
}

impl EumVariant {
    /// The variant of Scholz, Calbert & Smith's code, as ported by the jmckib replication:
    /// global probability normaliser, risk-adjusted votes, the receiver's perspective, the
    /// Scholz offer choice, `Q = 1`, initial range; capitulation as intended.
    #[must_use]
    pub fn scholz() -> Self {
        Self {
            probability: ProbabilityNorm::Global,
            vote_utility: VoteUtility::RiskAdjusted,
            perspective: Perspective::Receiver,
            offer_choice: OfferChoice::Scholz,
            q: 1.0,
            t: 1.0,
            mu: StatusQuoForecast::Median,
            range: RangeRule::Initial,
            capitulation_fix: true,
        }
    }

    /// The printed ("textbook") equations: pairwise probabilities, linear votes, each
    /// actor's own perspective, the largest-threat offer choice (BDM's text, dmasad), `Q = 1`,
    /// median `μ`, initial range.
    #[must_use]
    pub fn textbook() -> Self {
        Self {
            probability: ProbabilityNorm::Pairwise,
            vote_utility: VoteUtility::Linear,
            perspective: Perspective::Own,
            offer_choice: OfferChoice::LargestThreat,
            ..Self::scholz()
        }
    }
}

/// What the convergence test watches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ConvergenceMeasure {
    /// The largest move of any actor: a run settles only when the actors do. On the EC
    /// example this stops at round 46, in a slow phase of the cycle, after seven median
    /// peaks.
    Positions,
    /// The shift of the weighted median (the research notes' recommendation). On the EC
    /// example this stops at round 5 (median 9.96), one round before the median falls back
    /// to 7.47 in a cycle that never settles.
    Median,
}

/// The convergence test of the stopping rule: the measure changed by less than
/// `epsilon · Δ` (the initial range) in each of the last `patience` rounds.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Convergence {
    /// What is watched. Default [`ConvergenceMeasure::Positions`].
    pub measure: ConvergenceMeasure,
    /// Largest change, as a fraction of the initial range, that counts as settled.
    /// Default 0.01.
    pub epsilon: f64,
    /// Consecutive settled rounds needed to stop. Default 2.
    pub patience: usize,
}

impl Default for Convergence {
    fn default() -> Self {
        Self {
            measure: ConvergenceMeasure::Positions,
            epsilon: 0.01,
            patience: 2,
        }
    }
}

/// When a run stops. A run always stops early when a round moves nobody (the state is a
/// fixed point, so every later round would repeat it).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct EumStopRule {
    /// Most rounds (updates) to run; the result holds at most `max_rounds + 1` rounds
    /// including round 0. Default 50.
    pub max_rounds: usize,
    /// The median-shift test, or `None` to run to `max_rounds`. Default
    /// `Some(Convergence::default())`.
    pub convergence: Option<Convergence>,
    /// Stop when the positions repeat an earlier round (an exact cycle: the model is
    /// deterministic, so it would repeat forever). Default `true`.
    pub stop_on_cycle: bool,
}

impl Default for EumStopRule {
    fn default() -> Self {
        Self {
            max_rounds: 50,
            convergence: Some(Convergence::default()),
            stop_on_cycle: true,
        }
    }
}

impl EumStopRule {
    /// Exactly `rounds` rounds with no convergence or cycle test (the published runs use
    /// 10); a round that moves nobody still ends the run.
    #[must_use]
    pub fn fixed(rounds: usize) -> Self {
        Self {
            max_rounds: rounds,
            convergence: None,
            stop_on_cycle: false,
        }
    }
}

/// Everything [`run_eum`](crate::run_eum) needs besides the actors.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize, Deserialize)]
pub struct EumOptions {
    /// The modelling switches. Default [`EumVariant::default`] (Scholz's code).
    pub variant: EumVariant,
    /// The stopping rule. Default [`EumStopRule::default`]: at most 50 rounds, stopping
    /// early when no actor moves more than 1% of the range twice in a row or a state
    /// repeats.
    pub stop: EumStopRule,
}

impl EumOptions {
    /// The Scholz-code preset: [`EumVariant::scholz`] run for a fixed 10 rounds, as in
    /// Scholz, Calbert & Smith (2011).
    #[must_use]
    pub fn scholz() -> Self {
        Self {
            variant: EumVariant::scholz(),
            stop: EumStopRule::fixed(10),
        }
    }
}
