//! Frequency: a time-based target (GENIUS formula) with a frequency opponent model that
//! picks, among packages near the target, the one the opponents are estimated to like best.

use accord_model::EPS_UTILITY;

use super::opponent::Opponents;
use super::{Own, genius_target};
use crate::agent::{Agent, AgentContext, AgentInfo, ParamInfo, ParamKind, ParamValues};
use crate::domain::OutcomeId;
use crate::protocol::{Action, Turn};

/// `frequency`.
pub(crate) const INFO: AgentInfo = AgentInfo {
    name: "frequency",
    summary: "time-based target; among packages near it, offers the one a frequency opponent model rates best",
    params: &[
        ParamInfo {
            name: "e",
            kind: ParamKind::Number { min: 0.0, max: 1e6 },
            default: "0.2",
            doc: "concession exponent of the target (GENIUS convention)",
        },
        ParamInfo {
            name: "band",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0.05",
            doc: "width of the utility band above the target searched for the opponents' favourite",
        },
        ParamInfo {
            name: "candidates",
            kind: ParamKind::Number {
                min: 1.0,
                max: 100_000.0,
            },
            default: "64",
            doc: "most packages of the band examined per offer",
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
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let candidates = p.number("candidates") as usize;
    Box::new(Frequency {
        model: Opponents::new(&ctx.domain, ctx.seat),
        own,
        e: p.number("e"),
        band: p.number("band"),
        candidates,
        pmin,
        pmax,
    })
}

/// The frequency-model agent.
#[derive(Debug)]
pub(crate) struct Frequency {
    own: Own,
    model: Opponents,
    e: f64,
    band: f64,
    candidates: usize,
    pmin: f64,
    pmax: f64,
}

impl Frequency {
    fn choose(&self, target: f64) -> Option<(OutcomeId, f64)> {
        let space = self.own.space();
        // The band starts at the package nearest the target.
        let lo = space.nearest(target).map_or(target, |i| space.utility(i));
        let r = space.range(lo, lo + self.band);
        if r.is_empty() || !self.model.seen_any() {
            return space
                .nearest(target)
                .map(|i| (space.id(i), space.utility(i)));
        }
        let mut best: Option<(f64, f64, OutcomeId)> = None;
        for i in r.take(self.candidates) {
            let x = space.id(i);
            let s = self.model.score_entry(&self.own.domain, space, i);
            let u = space.utility(i);
            if best.is_none_or(|(bs, bu, _)| s > bs || (s >= bs && u > bu)) {
                best = Some((s, u, x));
            }
        }
        best.map(|(_, u, x)| (x, u))
    }
}

impl Agent for Frequency {
    fn observe(&mut self, seat: usize, action: Action, _turn: &Turn) {
        if let Action::Offer(x) = action {
            self.model.update(&self.own.domain, seat, x);
        }
    }

    fn act(&mut self, turn: &Turn) -> Action {
        let target = genius_target(turn.t, self.e, 0.0, self.pmin, self.pmax);
        let Some((next, u_next)) = self.choose(target) else {
            return Action::End;
        };
        if let Some(o) = turn.standing
            && self.own.u(o.outcome) >= u_next - EPS_UTILITY
            && self.own.acceptable(o.outcome)
        {
            return Action::Accept;
        }
        Action::Offer(next)
    }

    fn aspiration(&self, t: f64) -> f64 {
        genius_target(t, self.e, 0.0, self.pmin, self.pmax)
    }
}
