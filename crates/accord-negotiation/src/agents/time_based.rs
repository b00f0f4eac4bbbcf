//! Time-dependent concession (GENIUS `TimeDependent_Offering`): Boulware, Linear,
//! Conceder, or any exponent `e`.

use accord_model::EPS_UTILITY;

use super::{Own, genius_target};
use crate::agent::{Agent, AgentContext, AgentInfo, ParamInfo, ParamKind, ParamValues};
use crate::protocol::{Action, Turn};

const fn params(e_default: &'static str) -> [ParamInfo; 5] {
    [
        ParamInfo {
            name: "e",
            kind: ParamKind::Number { min: 0.0, max: 1e6 },
            default: e_default,
            doc: "concession exponent: < 1 Boulware (late), 1 linear, > 1 conceder (early), 0 never",
        },
        ParamInfo {
            name: "k",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0",
            doc: "initial concession, as a fraction of the range",
        },
        ParamInfo {
            name: "offer",
            kind: ParamKind::Choice(&["nearest", "at-least"]),
            default: "nearest",
            doc: "which package to offer: the one nearest the target (GENIUS) or the lowest at or above it (NegMAS)",
        },
        ParamInfo {
            name: "accept",
            kind: ParamKind::Choice(&["next", "target"]),
            default: "next",
            doc: "accept an offer worth at least our next offer (GENIUS AC_next) or at least the current target (NegMAS)",
        },
        ParamInfo {
            name: "tolerance",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0",
            doc: "utility subtracted from the target before offering and accepting (NegMAS `eps`)",
        },
    ]
}

static BOULWARE_PARAMS: [ParamInfo; 5] = params("0.2");
static LINEAR_PARAMS: [ParamInfo; 5] = params("1");
static CONCEDER_PARAMS: [ParamInfo; 5] = params("2");
static TIME_BASED_PARAMS: [ParamInfo; 5] = params("1");

/// `boulware`: e = 0.2 (GENIUS `BoulwareNegotiationParty`).
pub(crate) const BOULWARE: AgentInfo = AgentInfo {
    name: "boulware",
    summary: "time-based, concedes late (e = 0.2)",
    params: &BOULWARE_PARAMS,
    build,
};
/// `linear`: e = 1.
pub(crate) const LINEAR: AgentInfo = AgentInfo {
    name: "linear",
    summary: "time-based, concedes at a constant rate (e = 1)",
    params: &LINEAR_PARAMS,
    build,
};
/// `conceder`: e = 2 (GENIUS `ConcederNegotiationParty`).
pub(crate) const CONCEDER: AgentInfo = AgentInfo {
    name: "conceder",
    summary: "time-based, concedes early (e = 2)",
    params: &CONCEDER_PARAMS,
    build,
};
/// `time-based`: any e.
pub(crate) const TIME_BASED: AgentInfo = AgentInfo {
    name: "time-based",
    summary: "time-based concession with any exponent e (GENIUS formula)",
    params: &TIME_BASED_PARAMS,
    build,
};

fn build(p: &ParamValues, ctx: &AgentContext) -> Box<dyn Agent> {
    let own = Own {
        domain: ctx.domain.clone(),
        seat: ctx.seat,
    };
    let (pmin, pmax) = own.range();
    Box::new(TimeBased {
        own,
        e: p.number("e"),
        k: p.number("k"),
        at_least: p.choice("offer") == "at-least",
        accept_target: p.choice("accept") == "target",
        tolerance: p.number("tolerance"),
        pmin,
        pmax,
    })
}

/// The time-dependent agent.
#[derive(Debug)]
pub(crate) struct TimeBased {
    own: Own,
    e: f64,
    k: f64,
    at_least: bool,
    accept_target: bool,
    tolerance: f64,
    pmin: f64,
    pmax: f64,
}

impl TimeBased {
    fn target(&self, t: f64) -> f64 {
        genius_target(t, self.e, self.k, self.pmin, self.pmax)
    }
    /// The target lowered by the tolerance, within the offer space's range.
    fn floor(&self, t: f64) -> f64 {
        (self.target(t) - self.tolerance).clamp(self.pmin, self.pmax)
    }
}

impl Agent for TimeBased {
    fn act(&mut self, turn: &Turn) -> Action {
        let space = self.own.space();
        let floor = self.floor(turn.t);
        let next = if self.at_least {
            space.at_least(floor)
        } else {
            space.nearest(floor)
        };
        let Some(next) = next else {
            return Action::End;
        };
        if let Some(o) = turn.standing {
            let u = self.own.u(o.outcome);
            let bar = if self.accept_target {
                floor
            } else {
                space.utility(next) - EPS_UTILITY
            };
            if u >= bar && self.own.acceptable(o.outcome) {
                return Action::Accept;
            }
        }
        Action::Offer(space.id(next))
    }

    fn aspiration(&self, t: f64) -> f64 {
        self.floor(t)
    }
}
