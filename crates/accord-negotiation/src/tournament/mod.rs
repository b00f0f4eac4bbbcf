//! Tournaments: agents x scenarios x role assignments x repetitions, in parallel.
//!
//! The plan is a deterministic list of matches, numbered from 0. Each match's seed
//! derives from the tournament seed and its number only, so a match gives the same result
//! whether it runs alone, in a full run, or in any shard, on any number of threads.
//! Shard `K/N` runs the matches whose number is `K - 1` modulo `N`; [`merge`] puts shards
//! back together, and the merged results equal a single run's exactly (records and summary).

use std::fmt;
use std::str::FromStr;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::agent::AgentSpec;
use crate::domain::Domain;
use crate::error::NegotiationError;
use crate::mediated::run_mediated;
use crate::rng::{Fnv, derive_seed};
use crate::sao::run_sao;
use crate::simulate::{Metrics, Protocol, build_agents};

mod results;

pub use results::{AgentSummary, Manifest, NegotiationRecord, TournamentResults, merge};

/// Most matches a tournament may plan (a guard against typos in repetitions or agent lists).
pub const MAX_MATCHES: u64 = 1 << 32;

/// A tournament to run.
#[derive(Debug, Clone)]
pub struct Tournament {
    /// The competitors.
    pub agents: Vec<AgentSpec>,
    /// The scenarios (each prepared once and shared by all its matches).
    pub scenarios: Vec<Arc<Domain>>,
    /// The protocol and its settings.
    pub protocol: Protocol,
    /// Runs of each (scenario, assignment).
    pub repetitions: u32,
    /// Whether an agent may face itself (occupy several seats of one match).
    pub self_play: bool,
    /// Seed of everything.
    pub seed: u64,
}

/// One planned negotiation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Number in the plan.
    pub index: u64,
    /// Scenario index.
    pub scenario: usize,
    /// Agent index per seat.
    pub seats: Vec<usize>,
    /// Repetition (0-based).
    pub repetition: u32,
    /// Seed of this negotiation.
    pub seed: u64,
}

/// A part of a tournament: `K/N` holds the matches numbered `K - 1` modulo `N`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Shard {
    /// Which part, from 1.
    pub k: u32,
    /// How many parts.
    pub n: u32,
}

impl Shard {
    /// The whole tournament (`1/1`).
    pub const ALL: Shard = Shard { k: 1, n: 1 };

    /// Part `k` of `n` (1-based).
    pub fn new(k: u32, n: u32) -> Result<Shard, NegotiationError> {
        if n == 0 || k == 0 || k > n {
            return Err(NegotiationError::Config(format!(
                "shard {k}/{n} does not exist; use K/N with 1 <= K <= N"
            )));
        }
        Ok(Shard { k, n })
    }

    /// Whether a match belongs to this part.
    pub fn contains(&self, index: u64) -> bool {
        index % u64::from(self.n) == u64::from(self.k - 1)
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.k, self.n)
    }
}

impl FromStr for Shard {
    type Err = NegotiationError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || NegotiationError::Config(format!("`{s}` is not a shard; write K/N, e.g. 2/3"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        Shard::new(
            k.trim().parse().map_err(|_| bad())?,
            n.trim().parse().map_err(|_| bad())?,
        )
    }
}

/// How to run a tournament.
#[derive(Debug, Clone, Default)]
pub struct RunOptions {
    /// Run only this part.
    pub shard: Option<Shard>,
    /// Show a progress bar on stderr.
    pub progress: bool,
    /// Stop starting new matches once this is set (e.g. by [`ctrlc_flag`]); the matches
    /// finished so far are returned, marked incomplete.
    pub cancel: Option<Arc<AtomicBool>>,
    /// Worker threads (`None`: rayon's default, one per core).
    pub threads: Option<usize>,
}

/// Installs a Ctrl-C handler that sets the returned flag (a second Ctrl-C exits at once
/// with status 130). Call it once per process.
pub fn ctrlc_flag() -> Result<Arc<AtomicBool>, NegotiationError> {
    let flag = Arc::new(AtomicBool::new(false));
    let f = flag.clone();
    ctrlc::set_handler(move || {
        if f.swap(true, Ordering::SeqCst) {
            std::process::exit(130);
        }
    })
    .map_err(|e| NegotiationError::Config(format!("cannot install the Ctrl-C handler: {e}")))?;
    Ok(flag)
}

impl Tournament {
    /// Checks the settings; a tournament that validates runs without errors.
    pub fn validate(&self) -> Result<(), NegotiationError> {
        if self.agents.is_empty() {
            return Err(NegotiationError::Config(
                "a tournament needs at least one agent".into(),
            ));
        }
        if self.scenarios.is_empty() {
            return Err(NegotiationError::Config(
                "a tournament needs at least one scenario".into(),
            ));
        }
        for (i, a) in self.agents.iter().enumerate() {
            if self.agents[..i].contains(a) {
                return Err(NegotiationError::Config(format!(
                    "agent `{a}` is listed twice; list each competitor once"
                )));
            }
        }
        if self.repetitions == 0 {
            return Err(NegotiationError::Config(
                "repetitions must be at least 1".into(),
            ));
        }
        self.protocol.validate()?;
        for d in &self.scenarios {
            if !self.self_play && self.agents.len() < d.n_seats() {
                return Err(NegotiationError::Config(format!(
                    "scenario `{}` has {} negotiating parties but only {} agents; add agents or allow self-play",
                    d.name(),
                    d.n_seats(),
                    self.agents.len()
                )));
            }
        }
        let n = self.size_checked()?;
        if n > MAX_MATCHES {
            return Err(NegotiationError::Config(format!(
                "the tournament plans {n} negotiations; at most {MAX_MATCHES} are supported"
            )));
        }
        Ok(())
    }

    fn assignments_count(&self, seats: usize) -> Option<u64> {
        let m = self.agents.len() as u64;
        if self.self_play {
            m.checked_pow(u32::try_from(seats).ok()?)
        } else {
            (0..seats as u64).try_fold(1u64, |acc, i| acc.checked_mul(m.checked_sub(i)?))
        }
    }

    fn size_checked(&self) -> Result<u64, NegotiationError> {
        self.scenarios
            .iter()
            .try_fold(0u64, |acc, d| {
                self.assignments_count(d.n_seats())?
                    .checked_mul(u64::from(self.repetitions))
                    .and_then(|x| acc.checked_add(x))
            })
            .ok_or_else(|| NegotiationError::Config("the tournament is too large to plan".into()))
    }

    /// Number of matches planned.
    pub fn size(&self) -> u64 {
        self.size_checked().unwrap_or(u64::MAX)
    }

    /// Every match, in plan order: by scenario, then assignment (agent tuples in
    /// lexicographic order, seat 0 slowest), then repetition.
    pub fn matches(&self) -> Vec<Match> {
        let mut out = Vec::new();
        let mut index = 0u64;
        let m = self.agents.len();
        for (si, d) in self.scenarios.iter().enumerate() {
            let n = d.n_seats();
            let mut tuple = vec![0usize; n];
            loop {
                let distinct = self.self_play || {
                    let mut seen = vec![false; m];
                    tuple
                        .iter()
                        .all(|&a| !std::mem::replace(&mut seen[a], true))
                };
                if distinct {
                    for rep in 0..self.repetitions {
                        out.push(Match {
                            index,
                            scenario: si,
                            seats: tuple.clone(),
                            repetition: rep,
                            seed: derive_seed(self.seed, index),
                        });
                        index += 1;
                    }
                }
                // Next tuple (last seat fastest); stop after wrapping around.
                let mut carry = true;
                for slot in tuple.iter_mut().rev() {
                    *slot += 1;
                    if *slot < m {
                        carry = false;
                        break;
                    }
                    *slot = 0;
                }
                if carry {
                    break;
                }
            }
        }
        out
    }

    /// A fingerprint of everything that determines the results (agents, scenarios'
    /// content, protocol, repetitions, self-play, seed).
    pub fn fingerprint(&self) -> String {
        let mut h = Fnv::new();
        h.str("accord-tournament-v1");
        for a in &self.agents {
            h.str(&a.to_string());
        }
        for d in &self.scenarios {
            h.u64(d.fingerprint());
        }
        h.str(&serde_json::to_string(&self.protocol).unwrap_or_default())
            .u64(u64::from(self.repetitions))
            .u64(u64::from(self.self_play))
            .u64(self.seed);
        format!("{:016x}", h.finish())
    }

    /// Runs one match.
    pub fn run_match(&self, m: &Match) -> Result<NegotiationRecord, NegotiationError> {
        let domain = self.scenarios.get(m.scenario).ok_or_else(|| {
            NegotiationError::Config(format!(
                "match {} names scenario {} which does not exist",
                m.index, m.scenario
            ))
        })?;
        let specs: Vec<AgentSpec> = m.seats.iter().map(|&a| self.agents[a].clone()).collect();
        let mut agents = build_agents(domain, &specs, self.protocol.deadline(), m.seed)?;
        let result = match &self.protocol {
            Protocol::Sao(c) => run_sao(domain, &mut agents, *c, None)?,
            Protocol::Mediated(c) => {
                run_mediated(domain, &mut agents, c, derive_seed(m.seed, u64::MAX), None)?.result
            }
        };
        let metrics = Metrics::of(domain, &result);
        Ok(NegotiationRecord::new(domain, m, &specs, &result, &metrics))
    }

    /// Runs the tournament (or one shard of it) in parallel.
    pub fn run(&self, opts: &RunOptions) -> Result<TournamentResults, NegotiationError> {
        self.validate()?;
        let shard = opts.shard.unwrap_or(Shard::ALL);
        let planned = self.size();
        let todo: Vec<Match> = self
            .matches()
            .into_iter()
            .filter(|m| shard.contains(m.index))
            .collect();
        let bar = if opts.progress {
            let b = ProgressBar::with_draw_target(
                Some(todo.len() as u64),
                ProgressDrawTarget::stderr(),
            );
            if let Ok(style) = ProgressStyle::with_template(
                "{spinner} {bar:40} {pos}/{len} negotiations, {per_sec}, eta {eta}",
            ) {
                b.set_style(style);
            }
            b
        } else {
            ProgressBar::hidden()
        };
        let cancel = opts.cancel.clone();
        let work = || -> Vec<Option<Result<NegotiationRecord, NegotiationError>>> {
            const CHUNK: usize = 64;
            todo.par_chunks(CHUNK)
                .flat_map_iter(|chunk| {
                    let mut out = Vec::with_capacity(chunk.len());
                    for m in chunk {
                        if cancel.as_ref().is_some_and(|c| c.load(Ordering::Relaxed)) {
                            out.push(None);
                        } else {
                            out.push(Some(self.run_match(m)));
                        }
                    }
                    bar.inc(chunk.len() as u64);
                    out
                })
                .collect()
        };
        let outcomes = match opts.threads {
            Some(t) => rayon::ThreadPoolBuilder::new()
                .num_threads(t.max(1))
                .build()
                .map_err(|e| NegotiationError::Config(format!("cannot start {t} threads: {e}")))?
                .install(work),
            None => work(),
        };
        bar.finish_and_clear();
        let mut records = Vec::with_capacity(outcomes.len());
        let mut complete = true;
        for o in outcomes {
            match o {
                Some(r) => records.push(r?),
                None => complete = false,
            }
        }
        Ok(TournamentResults {
            manifest: Manifest::new(self, shard, planned, complete),
            records,
        })
    }
}
