//! What protocols share: deadlines and normalised time, actions, turns, results.

use serde::{Deserialize, Serialize};

use crate::domain::{Domain, OutcomeId};
use crate::error::NegotiationError;

/// Most actions a time deadline may allow (`limit / action_cost`), a guard against typos.
pub const MAX_ACTIONS: f64 = 1e9;

/// When a negotiation ends without agreement. Time is normalised to `t` in [0, 1].
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Deadline {
    /// A number of rounds; in a round every party acts once, in seat order. Time is frozen
    /// within a round: `t = (round + 1) / (rounds + 1)` for rounds `0..rounds` (GENIUS's
    /// discrete timeline; NegMAS `n_steps` with its `relative_time`).
    Rounds(u32),
    /// Simulated time: each action takes `action_cost` units; the agent acting after `k`
    /// actions sees `t = k * action_cost / limit`, and no action starts at `t >= 1`
    /// (GENIUS's continuous timeline, without the wall clock, so runs stay reproducible).
    Time {
        /// Total time available.
        limit: f64,
        /// Time one action takes.
        action_cost: f64,
    },
}

impl Deadline {
    /// Checks the numbers.
    pub fn validate(&self) -> Result<(), NegotiationError> {
        match *self {
            Deadline::Rounds(0) => Err(NegotiationError::Config(
                "a deadline of 0 rounds leaves no time to negotiate; use at least 1".into(),
            )),
            Deadline::Rounds(_) => Ok(()),
            Deadline::Time { limit, action_cost } => {
                if !(limit.is_finite()
                    && limit > 0.0
                    && action_cost.is_finite()
                    && action_cost > 0.0)
                {
                    return Err(NegotiationError::Config(format!(
                        "a time deadline needs a positive limit and action cost (got limit {limit}, action cost {action_cost})"
                    )));
                }
                if limit / action_cost > MAX_ACTIONS {
                    return Err(NegotiationError::Config(format!(
                        "a time deadline of {limit} with actions costing {action_cost} allows more than {MAX_ACTIONS:e} actions"
                    )));
                }
                Ok(())
            }
        }
    }

    /// Normalised time of the `step`-th action (0-based) among `n` parties, or `None` if the
    /// deadline has passed.
    #[inline]
    pub fn time_of_step(&self, step: u64, n: usize) -> Option<f64> {
        match *self {
            Deadline::Rounds(r) => {
                let round = step / n as u64;
                (round < u64::from(r)).then(|| {
                    #[allow(clippy::cast_precision_loss)]
                    let t = (round + 1) as f64 / (f64::from(r) + 1.0);
                    t
                })
            }
            Deadline::Time { limit, action_cost } => {
                #[allow(clippy::cast_precision_loss)]
                let t = step as f64 * action_cost / limit;
                (t < 1.0).then_some(t)
            }
        }
    }

    /// Normalised time of round `round` of a protocol where a round is one unit (the
    /// mediated protocol), or `None` if the deadline has passed.
    #[inline]
    pub fn time_of_round(&self, round: u32) -> Option<f64> {
        self.time_of_step(u64::from(round), 1)
    }

    /// Rounds available with `n` parties (the rounds of [`Deadline::Rounds`], or the rounds
    /// that fit in the time limit).
    pub fn rounds(&self, n: usize) -> u64 {
        match *self {
            Deadline::Rounds(r) => u64::from(r),
            Deadline::Time { limit, action_cost } => {
                #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                let steps = (limit / action_cost).ceil() as u64;
                steps.div_ceil(n as u64)
            }
        }
    }
}

/// An offer standing on the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Offer {
    /// The package.
    pub outcome: OutcomeId,
    /// The seat that made it.
    pub by: usize,
}

/// What a party does on its turn (GeniusWeb SAOP actions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Put a package on the table, replacing the standing offer.
    Offer(OutcomeId),
    /// Accept the standing offer.
    Accept,
    /// Walk away: the negotiation ends without agreement.
    End,
}

/// What an agent sees when it is its turn.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Turn {
    /// Normalised time in [0, 1).
    pub t: f64,
    /// Round (0-based).
    pub round: u32,
    /// Actions taken before this one.
    pub step: u32,
    /// The offer on the table, if any.
    pub standing: Option<Offer>,
}

/// Why a negotiation ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EndReason {
    /// Every party accepted the same package.
    Agreement,
    /// The deadline passed.
    Deadline,
    /// A party walked away.
    Walkaway {
        /// The seat that walked away.
        seat: usize,
    },
    /// A party broke the protocol (an accept with nothing to accept, a package outside the
    /// space, or one crossing its own red lines); the negotiation ends without agreement.
    Violation {
        /// The offending seat.
        seat: usize,
        /// What it did.
        reason: String,
    },
}

impl EndReason {
    /// A short label: `agreement`, `deadline`, `walkaway`, `violation`.
    pub fn label(&self) -> &'static str {
        match self {
            EndReason::Agreement => "agreement",
            EndReason::Deadline => "deadline",
            EndReason::Walkaway { .. } => "walkaway",
            EndReason::Violation { .. } => "violation",
        }
    }
}

/// How one negotiation ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NegotiationResult {
    /// The agreed package.
    pub agreement: Option<OutcomeId>,
    /// Why it ended.
    pub end: EndReason,
    /// Rounds begun.
    pub rounds: u32,
    /// Actions taken (SAOP) or texts proposed (mediated).
    pub steps: u32,
    /// Normalised time at the end (of the last action; 1 at a passed deadline).
    pub t: f64,
    /// Utility of each seat: of the agreement, or its reservation without one. Undiscounted.
    pub utilities: Vec<f64>,
    /// The same, multiplied by `discount^t` when discounting is on (GENIUS discounts the
    /// reservation too).
    pub discounted: Vec<f64>,
}

impl NegotiationResult {
    pub(crate) fn finish(
        domain: &Domain,
        agreement: Option<OutcomeId>,
        end: EndReason,
        rounds: u32,
        steps: u32,
        t: f64,
        discount: bool,
    ) -> NegotiationResult {
        let n = domain.n_seats();
        let utilities: Vec<f64> = (0..n)
            .map(|s| match agreement {
                Some(x) => domain.utility(s, x),
                None => domain.reservation(s),
            })
            .collect();
        let discounted = utilities
            .iter()
            .enumerate()
            .map(|(s, &u)| {
                let d = domain.discount(s);
                if discount && d < 1.0 {
                    u * d.powf(t)
                } else {
                    u
                }
            })
            .collect();
        NegotiationResult {
            agreement,
            end,
            rounds,
            steps,
            t,
            utilities,
            discounted,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_in_rounds_and_simulated_time() {
        let d = Deadline::Rounds(4);
        assert_eq!(d.time_of_step(0, 2), Some(0.2));
        assert_eq!(d.time_of_step(1, 2), Some(0.2));
        assert_eq!(d.time_of_step(7, 2), Some(0.8));
        assert_eq!(d.time_of_step(8, 2), None);
        assert_eq!(d.rounds(2), 4);
        let d = Deadline::Time {
            limit: 2.0,
            action_cost: 0.5,
        };
        assert_eq!(d.time_of_step(0, 3), Some(0.0));
        assert_eq!(d.time_of_step(3, 3), Some(0.75));
        assert_eq!(d.time_of_step(4, 3), None);
        assert_eq!(d.rounds(3), 2);
        assert!(
            Deadline::Time {
                limit: 1e12,
                action_cost: 1.0
            }
            .validate()
            .is_err()
        );
        assert!(
            Deadline::Time {
                limit: 1.0,
                action_cost: f64::NAN
            }
            .validate()
            .is_err()
        );
        assert!(Deadline::Rounds(1).validate().is_ok());
    }
}
