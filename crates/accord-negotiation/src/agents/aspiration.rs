//! Aspiration (NegMAS `AspirationNegotiator`): a polynomial aspiration curve
//! `max_aspiration * (1 - t^exponent)` over the utility range; offers the lowest package at
//! or above its aspiration and accepts anything at or above it.

use super::Own;
use crate::agent::{Agent, AgentContext, AgentInfo, ParamInfo, ParamKind, ParamValues};
use crate::protocol::{Action, Turn};

/// `aspiration`.
pub(crate) const INFO: AgentInfo = AgentInfo {
    name: "aspiration",
    summary: "NegMAS-style aspiration curve; offers the lowest package at or above its aspiration",
    params: &[
        ParamInfo {
            name: "exponent",
            kind: ParamKind::Number { min: 0.0, max: 1e6 },
            default: "4",
            doc: "curve exponent (NegMAS convention: 4 Boulware, 1 linear, 0.25 conceder; the inverse of GENIUS's e)",
        },
        ParamInfo {
            name: "max-aspiration",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "1",
            doc: "starting aspiration, as a fraction of the range",
        },
        ParamInfo {
            name: "tolerance",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0.001",
            doc: "utility subtracted from the aspiration",
        },
    ],
    build,
};

fn build(p: &ParamValues, ctx: &AgentContext) -> Box<dyn Agent> {
    let own = Own {
        domain: ctx.domain.clone(),
        seat: ctx.seat,
    };
    let (pmin, pmax) = own.range();
    Box::new(Aspiration {
        own,
        exponent: p.number("exponent"),
        max_aspiration: p.number("max-aspiration"),
        tolerance: p.number("tolerance"),
        pmin,
        pmax,
    })
}

/// The aspiration agent.
#[derive(Debug)]
pub(crate) struct Aspiration {
    own: Own,
    exponent: f64,
    max_aspiration: f64,
    tolerance: f64,
    pmin: f64,
    pmax: f64,
}

impl Aspiration {
    fn level(&self, t: f64) -> f64 {
        let a = self.max_aspiration * (1.0 - t.clamp(0.0, 1.0).powf(self.exponent));
        ((self.pmax - self.pmin) * a + self.pmin - self.tolerance).clamp(self.pmin, self.pmax)
    }
}

impl Agent for Aspiration {
    fn act(&mut self, turn: &Turn) -> Action {
        let level = self.level(turn.t);
        if let Some(o) = turn.standing
            && self.own.u(o.outcome) >= level
            && self.own.acceptable(o.outcome)
        {
            return Action::Accept;
        }
        let space = self.own.space();
        match space.at_least(level) {
            Some(i) => Action::Offer(space.id(i)),
            None => Action::End,
        }
    }

    fn aspiration(&self, t: f64) -> f64 {
        self.level(t)
    }
}
