//! Nice tit-for-tat (after Baarslag, Hindriks & Jonker 2013): reciprocates the opponents'
//! concession as a fraction of the way to its estimate of the Nash point, never going
//! below that estimate, and picks the offers the opponent model likes best.

use accord_model::EPS_UTILITY;

use super::opponent::Opponents;
use super::{Own, reactive_aspiration};
use crate::agent::{Agent, AgentContext, AgentInfo, ParamInfo, ParamKind, ParamValues};
use crate::domain::OutcomeId;
use crate::protocol::{Action, Turn};

/// Entries of the offer space examined when estimating the Nash point.
const NASH_SAMPLE: usize = 512;
/// Most candidates examined when choosing an offer.
const MAX_CANDIDATES: usize = 256;

/// `nice-tit-for-tat`.
pub(crate) const INFO: AgentInfo = AgentInfo {
    name: "nice-tit-for-tat",
    summary: "reciprocates concessions towards its estimate of the Nash point (frequency opponent model)",
    params: &[
        ParamInfo {
            name: "band",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0.02",
            doc: "width of the utility band in which it picks the offer the opponent model likes best",
        },
        ParamInfo {
            name: "bonus-time",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0.9",
            doc: "time after which it moves towards the Nash estimate regardless of the opponents",
        },
        ParamInfo {
            name: "accept-time",
            kind: ParamKind::Number { min: 0.0, max: 1.0 },
            default: "0.98",
            doc: "time after which it accepts any acceptable offer as good as the best received",
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
    let model = Opponents::new(&ctx.domain, ctx.seat);
    Box::new(NiceTitForTat {
        own,
        model,
        band: p.number("band"),
        bonus_time: p.number("bonus-time"),
        accept_time: p.number("accept-time"),
        pmin,
        pmax,
        first: None,
        best_received: None,
        my_nash: pmin,
        since_refresh: u32::MAX,
        target: pmax,
    })
}

/// The nice tit-for-tat agent.
#[derive(Debug)]
pub(crate) struct NiceTitForTat {
    own: Own,
    model: Opponents,
    band: f64,
    bonus_time: f64,
    accept_time: f64,
    pmin: f64,
    pmax: f64,
    /// Own utility of the first offer received.
    first: Option<f64>,
    /// Best own utility among offers received.
    best_received: Option<f64>,
    my_nash: f64,
    since_refresh: u32,
    target: f64,
}

impl NiceTitForTat {
    /// Own utility at the estimated Nash point: argmax over a sample of the own offer space
    /// of (own gain over the floor) x (least-satisfied opponent's modelled utility).
    fn refresh_nash(&mut self) {
        let space = self.own.space();
        let len = space.len();
        if len == 0 {
            return;
        }
        let step = (len / NASH_SAMPLE).max(1);
        let mut best = (f64::NEG_INFINITY, self.pmin);
        for i in (0..len).rev().step_by(step) {
            let u = space.utility(i);
            let v = (u - self.pmin) * self.model.score_entry(&self.own.domain, space, i);
            if v > best.0 {
                best = (v, u);
            }
        }
        self.my_nash = best.1.max(self.pmin);
        self.since_refresh = 0;
    }

    fn choose(&self, target: f64) -> Option<OutcomeId> {
        let space = self.own.space();
        // The band starts at the package nearest the target.
        let lo = space.nearest(target).map_or(target, |i| space.utility(i));
        let r = space.range(lo, lo + self.band);
        if r.is_empty() {
            return space.nearest(target).map(|i| space.id(i));
        }
        let mut best: Option<(f64, f64, OutcomeId)> = None;
        for i in r.take(MAX_CANDIDATES) {
            let x = space.id(i);
            let s = self.model.score_entry(&self.own.domain, space, i);
            let u = space.utility(i);
            if best.is_none_or(|(bs, bu, _)| s > bs || (s >= bs && u > bu)) {
                best = Some((s, u, x));
            }
        }
        best.map(|b| b.2)
    }
}

impl Agent for NiceTitForTat {
    fn observe(&mut self, seat: usize, action: Action, _turn: &Turn) {
        if let Action::Offer(x) = action {
            self.model.update(&self.own.domain, seat, x);
            let u = self.own.u(x);
            self.first.get_or_insert(u);
            self.best_received = Some(self.best_received.map_or(u, |b| b.max(u)));
            self.since_refresh = self.since_refresh.saturating_add(1);
        }
    }

    fn act(&mut self, turn: &Turn) -> Action {
        if self.own.space().is_empty() {
            return Action::End;
        }
        if self.model.seen_any() && self.since_refresh >= 10 {
            self.refresh_nash();
        }
        let target = match (self.first, self.best_received) {
            (Some(first), Some(best)) => {
                let ratio = if first >= self.my_nash - EPS_UTILITY {
                    1.0
                } else {
                    ((best - first) / (self.my_nash - first)).clamp(0.0, 1.0)
                };
                let mut target = self.pmax - ratio * (self.pmax - self.my_nash);
                if turn.t > self.bonus_time && self.bonus_time < 1.0 {
                    let w = ((turn.t - self.bonus_time) / (1.0 - self.bonus_time)).clamp(0.0, 1.0);
                    target -= w * (target - self.my_nash);
                }
                target.max(self.my_nash).clamp(self.pmin, self.pmax)
            }
            _ => self.pmax,
        };
        self.target = target;
        let Some(next) = self.choose(target) else {
            return Action::End;
        };
        if let Some(o) = turn.standing
            && self.own.acceptable(o.outcome)
        {
            let u = self.own.u(o.outcome);
            let beats_next = u >= self.own.u(next) - EPS_UTILITY;
            let late = turn.t >= self.accept_time
                && self.best_received.is_some_and(|b| u >= b - EPS_UTILITY);
            if beats_next || late {
                return Action::Accept;
            }
        }
        Action::Offer(next)
    }

    fn aspiration(&self, t: f64) -> f64 {
        reactive_aspiration(self.target, t, self.pmin, self.pmax)
    }
}
