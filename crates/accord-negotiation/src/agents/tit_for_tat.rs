//! Naive tit-for-tat: mirrors the opponents' concessions, measured in its own utility.

use accord_model::EPS_UTILITY;

use super::{Own, reactive_aspiration};
use crate::agent::{Agent, AgentContext, AgentInfo, ParamInfo, ParamKind, ParamValues};
use crate::protocol::{Action, Turn};

/// `tit-for-tat`.
pub(crate) const INFO: AgentInfo = AgentInfo {
    name: "tit-for-tat",
    summary: "mirrors the opponents' last concession, measured in its own utility (no opponent model)",
    params: &[
        ParamInfo {
            name: "kindness",
            kind: ParamKind::Number {
                min: 0.0,
                max: 10.0,
            },
            default: "0",
            doc: "extra concession, as a multiple of the opponents' (0 = exact mirroring)",
        },
        ParamInfo {
            name: "punish",
            kind: ParamKind::Bool,
            default: "true",
            doc: "when the opponents harden, harden by as much",
        },
        ParamInfo {
            name: "initial-concession",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0.02",
            doc: "concession on the second offer if the opponents have not conceded yet, as a fraction of the range",
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
    let n = ctx.domain.n_seats();
    Box::new(TitForTat {
        own,
        kindness: p.number("kindness"),
        punish: p.flag("punish"),
        initial: p.number("initial-concession"),
        pmin,
        pmax,
        target: pmax,
        last: vec![None; n],
        pending: vec![0.0; n],
        fresh: vec![false; n],
        my_offers: 0,
        conceded_initial: false,
    })
}

/// The naive tit-for-tat agent.
#[derive(Debug)]
pub(crate) struct TitForTat {
    own: Own,
    kindness: f64,
    punish: bool,
    initial: f64,
    pmin: f64,
    pmax: f64,
    target: f64,
    /// Own utility of each seat's last offer.
    last: Vec<Option<f64>>,
    /// Each seat's concession since our last turn.
    pending: Vec<f64>,
    fresh: Vec<bool>,
    my_offers: u32,
    conceded_initial: bool,
}

impl Agent for TitForTat {
    fn observe(&mut self, seat: usize, action: Action, _turn: &Turn) {
        if let Action::Offer(x) = action {
            let u = self.own.u(x);
            if let Some(prev) = self.last[seat] {
                self.pending[seat] = u - prev;
                self.fresh[seat] = true;
            }
            self.last[seat] = Some(u);
        }
    }

    fn act(&mut self, turn: &Turn) -> Action {
        let (sum, k) = self
            .pending
            .iter()
            .zip(&self.fresh)
            .filter(|(_, f)| **f)
            .fold((0.0, 0u32), |(s, k), (c, _)| (s + c, k + 1));
        self.fresh.iter_mut().for_each(|f| *f = false);
        let concession = if k > 0 { sum / f64::from(k) } else { 0.0 };
        if concession > EPS_UTILITY {
            self.target -= concession * (1.0 + self.kindness);
        } else if concession < -EPS_UTILITY && self.punish {
            self.target -= concession;
        } else if self.my_offers == 1 && !self.conceded_initial {
            self.target -= self.initial * (self.pmax - self.pmin);
            self.conceded_initial = true;
        }
        self.target = self.target.clamp(self.pmin, self.pmax);
        let space = self.own.space();
        let Some(next) = space.nearest(self.target) else {
            return Action::End;
        };
        if let Some(o) = turn.standing
            && self.own.u(o.outcome) >= space.utility(next) - EPS_UTILITY
            && self.own.acceptable(o.outcome)
        {
            return Action::Accept;
        }
        self.my_offers += 1;
        Action::Offer(space.id(next))
    }

    fn aspiration(&self, t: f64) -> f64 {
        reactive_aspiration(self.target, t, self.pmin, self.pmax)
    }
}
