//! MiCRO (de Jonge 2022): concede one package at a time, in decreasing order of own
//! utility, but only while the opponents have made at least as many distinct offers;
//! otherwise repeat. Accepts an offer worth at least its next offer.

use std::collections::HashSet;

use accord_model::EPS_UTILITY;

use super::{Own, reactive_aspiration};
use crate::agent::{Agent, AgentContext, AgentInfo, ParamValues};
use crate::domain::OutcomeId;
use crate::protocol::{Action, Turn};

/// `micro`.
pub(crate) const INFO: AgentInfo = AgentInfo {
    name: "micro",
    summary: "concedes one package at a time only while the opponents make as many distinct offers (MiCRO)",
    params: &[],
    build,
};

fn build(_: &ParamValues, ctx: &AgentContext) -> Box<dyn Agent> {
    let own = Own {
        domain: ctx.domain.clone(),
        seat: ctx.seat,
    };
    // Distinct offers cannot outnumber the actions of a negotiation; reserve once.
    let cap = usize::try_from(ctx.deadline.rounds(ctx.domain.n_seats()).min(1 << 16))
        .unwrap_or(1 << 16)
        * ctx.domain.n_seats();
    Box::new(Micro {
        own,
        proposed: 0,
        received: HashSet::with_capacity(cap),
    })
}

/// The MiCRO agent.
#[derive(Debug)]
pub(crate) struct Micro {
    own: Own,
    /// Distinct packages proposed: the top `proposed` entries of the offer space.
    proposed: usize,
    received: HashSet<OutcomeId>,
}

impl Micro {
    /// Offer-space index of the next offer: a new concession, or a repeat of the worst so far.
    fn next(&self) -> Option<usize> {
        let len = self.own.space().len();
        if len == 0 {
            return None;
        }
        let concede = self.proposed <= self.received.len() && self.proposed < len;
        let k = if concede {
            self.proposed + 1
        } else {
            self.proposed.max(1)
        };
        Some(len - k.min(len))
    }
}

impl Agent for Micro {
    fn observe(&mut self, _seat: usize, action: Action, _turn: &Turn) {
        if let Action::Offer(x) = action {
            self.received.insert(x);
        }
    }

    fn act(&mut self, turn: &Turn) -> Action {
        let Some(i) = self.next() else {
            return Action::End;
        };
        let space = self.own.space();
        if let Some(o) = turn.standing
            && self.own.u(o.outcome) >= space.utility(i) - EPS_UTILITY
            && self.own.acceptable(o.outcome)
        {
            return Action::Accept;
        }
        self.proposed = self.proposed.max(space.len() - i);
        Action::Offer(space.id(i))
    }

    fn aspiration(&self, t: f64) -> f64 {
        let (pmin, pmax) = self.own.range();
        let current = self.next().map_or(pmax, |i| self.own.space().utility(i));
        reactive_aspiration(current, t, pmin, pmax)
    }
}
