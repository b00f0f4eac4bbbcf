//! The Stacked Alternating Offers Protocol (SAOP), bilateral and multilateral.
//!
//! Rules (GeniusWeb `SAOPState`):
//! - Seats act in a fixed order, one action per turn; a round is one turn per seat.
//! - The first action must be an offer (there is nothing to accept).
//! - On a turn a seat may **accept** the standing offer, **offer** a package (replacing the
//!   standing offer), or **end** (walk away: no agreement).
//! - There is an agreement when an offer is followed by `n - 1` accepts of it; the offerer
//!   counts as accepting its own offer.
//! - At the deadline, or on a walk-away or a protocol violation, there is no agreement and
//!   every seat gets its reservation.
//!
//! Bilateral alternating offers is the case `n = 2`. The engine is a state machine over
//! package indices: a step allocates nothing (tracing aside).

use crate::agent::Agent;
use crate::domain::Domain;
use crate::error::NegotiationError;
use crate::protocol::{Action, Deadline, EndReason, NegotiationResult, Offer, Turn};
use crate::trace::{TraceEvent, TraceSink};

/// Settings of an alternating-offers negotiation.
#[derive(Debug, Clone, Copy, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct SaoConfig {
    /// When it ends.
    pub deadline: Deadline,
    /// Whether to apply each seat's discount factor (`u * d^t`) in
    /// [`NegotiationResult::discounted`].
    pub discount: bool,
}

impl SaoConfig {
    /// A deadline in rounds, discounting on.
    pub fn rounds(rounds: u32) -> Self {
        SaoConfig {
            deadline: Deadline::Rounds(rounds),
            discount: true,
        }
    }
}

/// A running alternating-offers negotiation. Drive it with [`Sao::step`] or [`Sao::run`].
pub struct Sao<'a> {
    domain: &'a Domain,
    agents: &'a mut [Box<dyn Agent>],
    config: SaoConfig,
    step: u32,
    standing: Option<Offer>,
    accepts: usize,
    result: Option<NegotiationResult>,
    utils: Vec<f64>,
}

impl<'a> Sao<'a> {
    /// Sets up a negotiation with one agent per seat, in seat order.
    pub fn new(
        domain: &'a Domain,
        agents: &'a mut [Box<dyn Agent>],
        config: SaoConfig,
    ) -> Result<Sao<'a>, NegotiationError> {
        config.deadline.validate()?;
        if agents.len() != domain.n_seats() {
            return Err(NegotiationError::Config(format!(
                "scenario `{}` has {} negotiating parties but {} agents were given",
                domain.name(),
                domain.n_seats(),
                agents.len()
            )));
        }
        Ok(Sao {
            domain,
            agents,
            config,
            step: 0,
            standing: None,
            accepts: 0,
            result: None,
            utils: vec![0.0; domain.n_seats()],
        })
    }

    /// The result, once the negotiation is over.
    pub fn result(&self) -> Option<&NegotiationResult> {
        self.result.as_ref()
    }

    /// The offer on the table.
    pub fn standing(&self) -> Option<Offer> {
        self.standing
    }

    /// Plays one action. Returns `true` while the negotiation goes on.
    pub fn step(&mut self, mut trace: Option<&mut dyn TraceSink>) -> bool {
        if self.result.is_some() {
            return false;
        }
        let n = self.agents.len();
        let step = self.step;
        let seat = step as usize % n;
        let round = step / n as u32;
        let Some(t) = self.config.deadline.time_of_step(u64::from(step), n) else {
            self.end(None, EndReason::Deadline, 1.0, &mut trace);
            return false;
        };
        let turn = Turn {
            t,
            round,
            step,
            standing: self.standing,
        };
        let action = self.agents[seat].act(&turn);
        let outcome = match action {
            Action::Offer(x) => Some(x),
            Action::Accept => self.standing.map(|o| o.outcome),
            Action::End => None,
        };
        // Protocol checks.
        let violation = match action {
            Action::Accept if self.standing.is_none_or(|o| o.by == seat) => {
                Some("accepted with no offer of another party on the table")
            }
            Action::Offer(x) if !self.domain.contains(x) => {
                Some("offered a package outside the space")
            }
            Action::Offer(_) | Action::Accept
                if outcome.is_some_and(|x| self.domain.crosses_red_line(seat, x)) =>
            {
                Some("offered or accepted a package crossing its own red line")
            }
            _ => None,
        };
        if let Some(sink) = trace.as_deref_mut() {
            let utils: &[f64] = match outcome {
                Some(x) if self.domain.contains(x) => {
                    for (s, u) in self.utils.iter_mut().enumerate() {
                        *u = self.domain.utility(s, x);
                    }
                    &self.utils
                }
                _ => &[],
            };
            sink.action(
                self.domain,
                &TraceEvent {
                    step,
                    round,
                    t,
                    seat,
                    action,
                    outcome,
                    utilities: utils,
                },
            );
        }
        self.step += 1;
        if let Some(reason) = violation {
            self.end(
                None,
                EndReason::Violation {
                    seat,
                    reason: reason.to_string(),
                },
                t,
                &mut trace,
            );
            return false;
        }
        for (s, agent) in self.agents.iter_mut().enumerate() {
            if s != seat {
                agent.observe(seat, action, &turn);
            }
        }
        match action {
            Action::Offer(x) => {
                self.standing = Some(Offer {
                    outcome: x,
                    by: seat,
                });
                self.accepts = 1;
            }
            Action::Accept => {
                self.accepts += 1;
                if self.accepts == n {
                    self.end(
                        self.standing.map(|o| o.outcome),
                        EndReason::Agreement,
                        t,
                        &mut trace,
                    );
                    return false;
                }
            }
            Action::End => {
                self.end(None, EndReason::Walkaway { seat }, t, &mut trace);
                return false;
            }
        }
        true
    }

    fn end(
        &mut self,
        agreement: Option<u64>,
        end: EndReason,
        t: f64,
        trace: &mut Option<&mut dyn TraceSink>,
    ) {
        let n = self.agents.len() as u32;
        let rounds = match end {
            EndReason::Deadline => self.step.div_ceil(n),
            _ => (self.step.saturating_sub(1)) / n + 1,
        };
        let r = NegotiationResult::finish(
            self.domain,
            agreement,
            end,
            rounds,
            self.step,
            t,
            self.config.discount,
        );
        if let Some(sink) = trace.as_deref_mut() {
            sink.finish(self.domain, &r);
        }
        self.result = Some(r);
    }

    /// Plays to the end and returns the result.
    pub fn run(mut self, mut trace: Option<&mut dyn TraceSink>) -> NegotiationResult {
        loop {
            let sink: Option<&mut dyn TraceSink> = match trace {
                Some(ref mut t) => Some(&mut **t),
                None => None,
            };
            if !self.step(sink) {
                break;
            }
        }
        self.result
            .unwrap_or_else(|| unreachable_result(self.domain))
    }
}

fn unreachable_result(domain: &Domain) -> NegotiationResult {
    NegotiationResult::finish(
        domain,
        None,
        EndReason::Violation {
            seat: 0,
            reason: "internal error: the negotiation stopped without a result".into(),
        },
        0,
        0,
        0.0,
        false,
    )
}

/// Runs an alternating-offers negotiation to the end (see [`Sao`]).
pub fn run_sao(
    domain: &Domain,
    agents: &mut [Box<dyn Agent>],
    config: SaoConfig,
    trace: Option<&mut dyn TraceSink>,
) -> Result<NegotiationResult, NegotiationError> {
    Ok(Sao::new(domain, agents, config)?.run(trace))
}
