//! Hardliner: offers its best package every turn and accepts nothing worse.

use accord_model::EPS_UTILITY;

use super::Own;
use crate::agent::{Agent, AgentContext, AgentInfo, ParamValues};
use crate::protocol::{Action, Turn};

/// `hardliner`.
pub(crate) const INFO: AgentInfo = AgentInfo {
    name: "hardliner",
    summary: "offers its best package every turn; accepts only a package as good",
    params: &[],
    build,
};

fn build(_: &ParamValues, ctx: &AgentContext) -> Box<dyn Agent> {
    Box::new(Hardliner {
        own: Own {
            domain: ctx.domain.clone(),
            seat: ctx.seat,
        },
    })
}

/// The hardliner.
#[derive(Debug)]
pub(crate) struct Hardliner {
    own: Own,
}

impl Agent for Hardliner {
    fn act(&mut self, turn: &Turn) -> Action {
        let space = self.own.space();
        let Some(best) = space.best() else {
            return Action::End;
        };
        if let Some(o) = turn.standing
            && self.own.u(o.outcome) >= space.utility(best) - EPS_UTILITY
            && self.own.acceptable(o.outcome)
        {
            return Action::Accept;
        }
        Action::Offer(space.id(best))
    }

    fn aspiration(&self, _t: f64) -> f64 {
        self.own.range().1
    }
}
