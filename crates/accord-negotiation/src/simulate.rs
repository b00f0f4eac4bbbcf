//! One negotiation from agent specs: the entry point behind `accord simulate`.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::agent::{Agent, AgentContext, AgentSpec};
use crate::domain::Domain;
use crate::error::NegotiationError;
use crate::mediated::{MediationConfig, run_mediated};
use crate::protocol::{Deadline, NegotiationResult};
use crate::rng::derive_seed;
use crate::sao::{SaoConfig, run_sao};
use crate::trace::{TextRecord, TraceSink};

/// Which protocol to run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "protocol", rename_all = "snake_case")]
pub enum Protocol {
    /// Stacked alternating offers (bilateral alternating offers with two parties).
    Sao(SaoConfig),
    /// Mediated single text.
    Mediated(MediationConfig),
}

impl Protocol {
    /// The deadline.
    pub fn deadline(&self) -> Deadline {
        match self {
            Protocol::Sao(c) => c.deadline,
            Protocol::Mediated(c) => c.deadline,
        }
    }

    /// Checks the settings.
    pub fn validate(&self) -> Result<(), NegotiationError> {
        self.deadline().validate()
    }

    /// A short name: `sao` or `mediated`.
    pub fn name(&self) -> &'static str {
        match self {
            Protocol::Sao(_) => "sao",
            Protocol::Mediated(_) => "mediated",
        }
    }
}

/// Measures of one negotiation's result.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metrics {
    /// Per seat: `(u - rv) / (max - rv)`, 0 when `max <= rv` (NegMAS/ANL "advantage";
    /// `max` is the best package crossing none of the seat's red lines). Undiscounted.
    pub advantages: Vec<f64>,
    /// Sum of the seats' utilities (reservations without agreement). Undiscounted.
    pub welfare: f64,
    /// Distance from the utility vector to the Pareto frontier (enumerated domains only).
    pub pareto_distance: Option<f64>,
    /// Distance to the Nash point (enumerated domains with a Nash point only).
    pub nash_distance: Option<f64>,
}

impl Metrics {
    /// Computes the measures of a result.
    pub fn of(domain: &Domain, result: &NegotiationResult) -> Metrics {
        let advantages = result
            .utilities
            .iter()
            .enumerate()
            .map(|(s, &u)| {
                let rv = domain.reservation(s);
                let max = domain.space(s).max_utility().unwrap_or(rv);
                if max - rv > f64::EPSILON {
                    (u - rv) / (max - rv)
                } else {
                    0.0
                }
            })
            .collect();
        let analysis = domain.analysis();
        Metrics {
            advantages,
            welfare: result.utilities.iter().sum(),
            pareto_distance: analysis.and_then(|a| a.distance_to_frontier(&result.utilities)),
            nash_distance: analysis.and_then(|a| a.distance_to_nash(&result.utilities)),
        }
    }
}

/// One negotiation to run.
#[derive(Debug, Clone)]
pub struct Simulation {
    /// The domain.
    pub domain: Arc<Domain>,
    /// One agent per seat, in seat order.
    pub agents: Vec<AgentSpec>,
    /// The protocol and its settings.
    pub protocol: Protocol,
    /// Seed of every random choice (agents, mediator).
    pub seed: u64,
}

/// What a simulation produced.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SimulationResult {
    /// How it ended.
    pub result: NegotiationResult,
    /// Its measures.
    pub metrics: Metrics,
    /// The texts proposed (mediated protocol only).
    pub texts: Vec<TextRecord>,
}

/// Builds one agent per seat; seat `s` gets seed `derive_seed(seed, s)`.
pub fn build_agents(
    domain: &Arc<Domain>,
    specs: &[AgentSpec],
    deadline: Deadline,
    seed: u64,
) -> Result<Vec<Box<dyn Agent>>, NegotiationError> {
    if specs.len() != domain.n_seats() {
        return Err(NegotiationError::Config(format!(
            "scenario `{}` has {} negotiating parties ({}) but {} agents were given",
            domain.name(),
            domain.n_seats(),
            (0..domain.n_seats())
                .map(|s| format!("`{}`", domain.seat_id(s)))
                .collect::<Vec<_>>()
                .join(", "),
            specs.len()
        )));
    }
    specs
        .iter()
        .enumerate()
        .map(|(seat, spec)| {
            spec.build(&AgentContext {
                domain: domain.clone(),
                seat,
                deadline,
                seed: derive_seed(seed, seat as u64),
            })
        })
        .collect()
}

/// Runs one negotiation, optionally streaming its trace.
pub fn simulate(
    sim: &Simulation,
    trace: Option<&mut dyn TraceSink>,
) -> Result<SimulationResult, NegotiationError> {
    sim.protocol.validate()?;
    let mut agents = build_agents(&sim.domain, &sim.agents, sim.protocol.deadline(), sim.seed)?;
    let (result, texts) = match &sim.protocol {
        Protocol::Sao(c) => (run_sao(&sim.domain, &mut agents, *c, trace)?, Vec::new()),
        Protocol::Mediated(c) => {
            let r = run_mediated(
                &sim.domain,
                &mut agents,
                c,
                derive_seed(sim.seed, u64::MAX),
                trace,
            )?;
            (r.result, r.texts)
        }
    };
    let metrics = Metrics::of(&sim.domain, &result);
    Ok(SimulationResult {
        result,
        metrics,
        texts,
    })
}
