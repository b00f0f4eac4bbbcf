//! The built-in agents. Adding one: write a file with a type implementing
//! [`crate::Agent`] and an [`AgentInfo`] constant, and list it in [`REGISTRY`].

use std::sync::Arc;

use crate::agent::AgentInfo;
use crate::domain::{Domain, OutcomeId};
use crate::space::OfferSpace;

mod aspiration;
mod frequency;
mod hardliner;
mod micro;
mod nice_tit_for_tat;
mod opponent;
mod random;
mod time_based;
mod tit_for_tat;

/// Every built-in agent, in the order `accord agents` lists them.
pub(crate) static REGISTRY: &[AgentInfo] = &[
    time_based::BOULWARE,
    time_based::LINEAR,
    time_based::CONCEDER,
    time_based::TIME_BASED,
    hardliner::INFO,
    random::INFO,
    tit_for_tat::INFO,
    nice_tit_for_tat::INFO,
    aspiration::INFO,
    frequency::INFO,
    micro::INFO,
];

/// An agent's view of its own side: its seat, utility and offer space.
#[derive(Debug, Clone)]
pub(crate) struct Own {
    pub(crate) domain: Arc<Domain>,
    pub(crate) seat: usize,
}

impl Own {
    #[inline]
    pub(crate) fn u(&self, x: OutcomeId) -> f64 {
        self.domain.utility(self.seat, x)
    }
    #[inline]
    pub(crate) fn acceptable(&self, x: OutcomeId) -> bool {
        self.domain.acceptable(self.seat, x)
    }
    #[inline]
    pub(crate) fn space(&self) -> &OfferSpace {
        self.domain.space(self.seat)
    }
    /// Lowest and highest utility of the offer space (reservation, 0 if empty).
    pub(crate) fn range(&self) -> (f64, f64) {
        let s = self.space();
        let rv = self.domain.reservation(self.seat);
        (s.min_utility().unwrap_or(rv), s.max_utility().unwrap_or(rv))
    }
}

/// Aspiration of a reactive agent in the mediated protocol, where there are no offers to
/// react to: its current target, but never above the linear concession line.
#[inline]
pub(crate) fn reactive_aspiration(current: f64, t: f64, pmin: f64, pmax: f64) -> f64 {
    current.min(pmin + (pmax - pmin) * (1.0 - t.clamp(0.0, 1.0)))
}

/// The GENIUS time-dependent target: `pmin + (pmax - pmin) * (1 - f(t))` with
/// `f(t) = k + (1 - k) * t^(1/e)` (`e = 0`: `f = k`, hardball).
#[inline]
pub(crate) fn genius_target(t: f64, e: f64, k: f64, pmin: f64, pmax: f64) -> f64 {
    let f = if e <= 0.0 {
        k
    } else {
        k + (1.0 - k) * t.clamp(0.0, 1.0).powf(1.0 / e)
    };
    pmin + (pmax - pmin) * (1.0 - f)
}
