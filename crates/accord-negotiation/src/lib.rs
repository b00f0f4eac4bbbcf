//! Negotiation engines of accord: protocols, agents and tournaments.
//!
//! A [`Domain`] prepares a scenario for negotiation: one *seat* per negotiating party,
//! packages numbered as plain `u64` indices ([`OutcomeId`]), utilities precomputed when
//! the space is small enough to enumerate, and for each seat an [`OfferSpace`] (its
//! acceptable packages sorted by its utility: exact, or a seeded sample when the space is
//! too large to enumerate).
//!
//! - Protocols: [`Sao`] / [`run_sao`] runs the Stacked Alternating Offers Protocol with the
//!   GeniusWeb agreement rule (bilateral alternating offers is the two-party case);
//!   [`run_mediated`] runs a mediated single-text negotiation. Deadlines are in rounds or
//!   simulated time ([`Deadline`]); discounting is `u * d^t`.
//! - Agents implement [`Agent`]; [`agents`] lists the registry and [`AgentSpec`] names one
//!   with parameters (`boulware`, `time-based:e=0.5`, `tit-for-tat:kindness=0.1`).
//! - [`simulate`] runs one negotiation from specs; a [`TraceSink`] (e.g. [`JsonlTrace`])
//!   receives every action.
//! - [`Tournament::run`] runs agents x scenarios x role assignments x repetitions in
//!   parallel, shardable ([`Shard`]) and interruptible; [`merge`] joins shards;
//!   [`TournamentResults`] writes CSV / JSON Lines and per-agent summaries.
//!
//! Every run is reproducible from its seed.
//!
//! # Example
//!
//! ```
//! use std::sync::Arc;
//! use accord_model::{load_str, Format};
//! use accord_negotiation::{AgentSpec, Domain, Protocol, SaoConfig, Simulation, simulate};
//!
//! let text = r#"
//! [scenario]
//! id = "price"
//! title = "A price"
//!
//! [[parties]]
//! id = "buyer"
//! name = "Buyer"
//! role = "principal"
//! capability = 1
//!
//! [[parties]]
//! id = "seller"
//! name = "Seller"
//! role = "principal"
//! capability = 1
//!
//! [[issues]]
//! id = "price"
//! name = "Price"
//! kind = "integer"
//! min = 0
//! max = 100
//!
//! [preferences.buyer]
//! reservation = 0.2
//! weights = { price = 1.0 }
//! values.price = [[0, 1.0], [100, 0.0]]
//!
//! [preferences.seller]
//! reservation = 0.2
//! weights = { price = 1.0 }
//! values.price = [[0, 0.0], [100, 1.0]]
//! "#;
//! let scenario = load_str(text, "price.toml", Format::Toml)?.scenario;
//! let domain = Arc::new(Domain::new(scenario)?);
//! let sim = Simulation {
//!     domain: domain.clone(),
//!     agents: vec![AgentSpec::parse("boulware")?, AgentSpec::parse("conceder")?],
//!     protocol: Protocol::Sao(SaoConfig::rounds(100)),
//!     seed: 7,
//! };
//! let out = simulate(&sim, None)?;
//! let deal = out.result.agreement.expect("they agree");
//! println!("{} after {} rounds", domain.describe(deal), out.result.rounds);
//! assert!(out.result.utilities.iter().all(|&u| u >= 0.2));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod agent;
mod agents;
mod analysis;
mod domain;
mod error;
mod mediated;
mod protocol;
mod rng;
mod sao;
mod simulate;
mod space;
mod tournament;
mod trace;

pub use agent::{
    Agent, AgentContext, AgentInfo, AgentSpec, ParamInfo, ParamKind, ParamValues, TextTurn,
    agent_info, agents, default_answer,
};
pub use analysis::Analysis;
pub use domain::{Domain, DomainOptions, MAX_ISSUES, Objection, OutcomeId};
pub use error::NegotiationError;
pub use mediated::{MediationConfig, MediationResult, MediatorStart, REVISIT_AFTER, run_mediated};
pub use protocol::{Action, Deadline, EndReason, MAX_ACTIONS, NegotiationResult, Offer, Turn};
pub use rng::{Rng, derive_seed};
pub use sao::{Sao, SaoConfig, run_sao};
pub use simulate::{Metrics, Protocol, Simulation, SimulationResult, build_agents, simulate};
pub use space::{NEGMAS_INVERSE_EPS, OfferSpace};
pub use tournament::{
    AgentSummary, MAX_MATCHES, Manifest, Match, NegotiationRecord, RunOptions, Shard, Tournament,
    TournamentResults, ctrlc_flag, merge,
};
pub use trace::{ActionRecord, JsonlTrace, TextRecord, TraceEvent, TraceSink, VecTrace};
