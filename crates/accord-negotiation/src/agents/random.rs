//! Random: offers a random acceptable package; accepts an acceptable offer by a coin flip.

use rand::Rng as _;
use rand::SeedableRng;

use super::Own;
use crate::agent::{Agent, AgentContext, AgentInfo, ParamInfo, ParamKind, ParamValues};
use crate::protocol::{Action, Turn};
use crate::rng::Rng;

/// `random`.
pub(crate) const INFO: AgentInfo = AgentInfo {
    name: "random",
    summary: "offers a random acceptable package; accepts acceptable offers with a probability",
    params: &[
        ParamInfo {
            name: "p-accept",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0.5",
            doc: "probability of accepting an acceptable offer",
        },
        ParamInfo {
            name: "p-end",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0",
            doc: "probability of walking away on a turn",
        },
    ],
    build,
};

fn build(p: &ParamValues, ctx: &AgentContext) -> Box<dyn Agent> {
    Box::new(RandomAgent {
        own: Own {
            domain: ctx.domain.clone(),
            seat: ctx.seat,
        },
        p_accept: p.number("p-accept"),
        p_end: p.number("p-end"),
        rng: Rng::seed_from_u64(ctx.seed),
    })
}

/// The random agent.
#[derive(Debug)]
pub(crate) struct RandomAgent {
    own: Own,
    p_accept: f64,
    p_end: f64,
    rng: Rng,
}

impl Agent for RandomAgent {
    fn act(&mut self, turn: &Turn) -> Action {
        if self.p_end > 0.0 && self.rng.random_bool(self.p_end) {
            return Action::End;
        }
        if let Some(o) = turn.standing
            && self.own.acceptable(o.outcome)
            && self.rng.random_bool(self.p_accept)
        {
            return Action::Accept;
        }
        let space = self.own.space();
        if space.is_empty() {
            return Action::End;
        }
        Action::Offer(space.id(self.rng.random_range(0..space.len())))
    }

    fn aspiration(&self, _t: f64) -> f64 {
        self.own.range().0
    }
}
