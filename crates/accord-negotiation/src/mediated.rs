//! The mediated single-text protocol.
//!
//! A mediator proposes a complete text; every party answers accept or reject, and a
//! rejecting party names the issues it most wants changed (its *objections*: red lines
//! crossed first, then the changes it would gain most from), with the option it asks for.
//! The mediator never sees utilities. It hill-climbs on the answers, like a shuttle
//! mediator:
//!
//! 1. It keeps a working text and its score: (number of parties accepting, minus red-line
//!    objections, minus all objections), compared in that order.
//! 2. From the answers to the working text it queues single-issue moves, taking the
//!    rejecting parties' objections in turn (red-line objections first, then first
//!    objections of each party, then second ones...). A move on an ordered issue goes one
//!    option towards the one asked for; on an unordered issue it jumps to it.
//! 3. Each round it proposes the next queued move's text that is *fresh*: not proposed
//!    within the last [`REVISIT_AFTER`] of normalised time (positions soften, so an old
//!    text may be tabled again later; within the window, the rule prevents cycles). A text
//!    that scores at least as well as the working text becomes the working text (sideways
//!    moves are allowed).
//! 4. When the queue runs dry it tries, in order: every rejecting party's first objection
//!    at once; every single-issue change of the working text (objected issues first);
//!    seeded random changes of several issues; and finally the working text again.
//!
//! It ends when every party accepts a text (the agreement) or at the deadline (no
//! agreement; every party gets its reservation). Parties' acceptance thresholds fall with
//! time (their [`crate::Agent::aspiration`]), so texts that were rejected early may be
//! accepted late. Every text is recorded with who rejected it and why.

use std::collections::HashMap;

use accord_model::Level;
use rand::Rng as _;
use serde::{Deserialize, Serialize};

use crate::agent::{Agent, TextTurn};
use crate::domain::{Domain, MAX_ISSUES, Objection, OutcomeId};
use crate::error::NegotiationError;
use crate::protocol::{Deadline, EndReason, NegotiationResult};
use crate::rng::rng_for;
use crate::trace::{TextRecord, TraceSink};

/// Where the mediator's first text comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MediatorStart {
    /// The middle option of every issue.
    Middle,
    /// A draft of the scenario, by id; issues it leaves open take their middle option.
    Draft(String),
    /// A complete package.
    Package(Vec<Level>),
}

/// Settings of a mediated negotiation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediationConfig {
    /// When it ends; a round is one text.
    pub deadline: Deadline,
    /// Most objections each party gives per text.
    pub max_objections: usize,
    /// The first text.
    pub start: MediatorStart,
    /// Whether to apply discount factors to the result.
    pub discount: bool,
}

impl MediationConfig {
    /// A deadline in rounds, three objections, the middle text first, discounting on.
    pub fn rounds(rounds: u32) -> Self {
        MediationConfig {
            deadline: Deadline::Rounds(rounds),
            max_objections: 3,
            start: MediatorStart::Middle,
            discount: true,
        }
    }
}

/// The result of a mediated negotiation, with every text proposed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MediationResult {
    /// How it ended.
    pub result: NegotiationResult,
    /// Every text with its answers, in order.
    pub texts: Vec<TextRecord>,
}

/// Normalised time after which the mediator may propose a text again.
pub const REVISIT_AFTER: f64 = 0.1;

type Score = (i64, i64, i64);

/// When each text was last proposed.
struct Tabled(HashMap<OutcomeId, f64>);

impl Tabled {
    fn fresh(&self, x: OutcomeId, t: f64) -> bool {
        self.0.get(&x).is_none_or(|&t0| t - t0 >= REVISIT_AFTER)
    }
}

fn score(rec: &TextRecord) -> Score {
    let accepts = rec.accepted.iter().filter(|a| **a).count() as i64;
    let red = rec
        .objections
        .iter()
        .flatten()
        .filter(|o| o.red_line)
        .count() as i64;
    let all = rec.objections.iter().map(Vec::len).sum::<usize>() as i64;
    (accepts, -red, -all)
}

fn start_text(domain: &Domain, start: &MediatorStart) -> Result<OutcomeId, NegotiationError> {
    let middle: Vec<Level> = domain.level_counts().iter().map(|&c| (c - 1) / 2).collect();
    let pkg = match start {
        MediatorStart::Middle => middle,
        MediatorStart::Draft(id) => {
            let sc = domain.scenario();
            let d = sc.draft_index(id).ok_or_else(|| {
                NegotiationError::Config(format!(
                    "no draft `{id}` in scenario `{}`; drafts: {}",
                    domain.name(),
                    sc.drafts
                        .iter()
                        .map(|d| format!("`{}`", d.id))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })?;
            sc.drafts[d]
                .package
                .iter()
                .zip(&middle)
                .map(|(l, m)| l.unwrap_or(*m))
                .collect()
        }
        MediatorStart::Package(p) => p.clone(),
    };
    domain.encode(&pkg).ok_or_else(|| {
        NegotiationError::Config(format!(
            "the start package has {} levels (or a level out of range); scenario `{}` has {} issues",
            pkg.len(),
            domain.name(),
            domain.n_issues()
        ))
    })
}

fn apply_move(domain: &Domain, text: OutcomeId, issue: usize, wanted: Level) -> OutcomeId {
    let mut buf = [0 as Level; MAX_ISSUES];
    let pkg = &mut buf[..domain.n_issues()];
    domain.decode_into(text, pkg);
    let cur = pkg[issue];
    pkg[issue] = if domain.scenario().issues[issue].ordered {
        if wanted > cur {
            cur + 1
        } else if wanted < cur {
            cur - 1
        } else {
            cur
        }
    } else {
        wanted
    };
    domain.encode(pkg).unwrap_or(text)
}

/// Moves from the answers to a text, in the order the mediator tries them.
fn queue_moves(rec: &TextRecord) -> Vec<(usize, Level)> {
    let mut moves = Vec::new();
    for red in [true, false] {
        let depth = rec.objections.iter().map(Vec::len).max().unwrap_or(0);
        for k in 0..depth {
            for objs in &rec.objections {
                if let Some(o) = objs.iter().filter(|o| o.red_line == red).nth(k) {
                    moves.push((o.issue, o.wanted));
                }
            }
        }
    }
    moves.reverse(); // popped from the back
    moves
}

/// Runs a mediated single-text negotiation. `seed` drives the mediator's random perturbations.
pub fn run_mediated(
    domain: &Domain,
    agents: &mut [Box<dyn Agent>],
    config: &MediationConfig,
    seed: u64,
    mut trace: Option<&mut dyn TraceSink>,
) -> Result<MediationResult, NegotiationError> {
    config.deadline.validate()?;
    let n = domain.n_seats();
    if agents.len() != n {
        return Err(NegotiationError::Config(format!(
            "scenario `{}` has {n} negotiating parties but {} agents were given",
            domain.name(),
            agents.len()
        )));
    }
    let mut rng = rng_for(seed, 0x6d65_6469_6174_6f72);
    let mut texts: Vec<TextRecord> = Vec::new();
    let mut tabled = Tabled(HashMap::new());
    let mut working: Option<(OutcomeId, Score)> = None;
    let mut queue: Vec<(usize, Level)> = Vec::new();
    let mut candidate = start_text(domain, &config.start)?;
    let mut round: u32 = 0;
    let mut t_last = 0.0;
    let mut agreement = None;

    while let Some(t) = config.deadline.time_of_round(round) {
        t_last = t;
        tabled.0.insert(candidate, t);
        let mut rec = TextRecord {
            round,
            t,
            text: candidate,
            accepted: vec![false; n],
            objections: vec![Vec::new(); n],
            adopted: false,
        };
        for (s, agent) in agents.iter_mut().enumerate() {
            let turn = TextTurn {
                domain,
                seat: s,
                t,
                round,
                text: candidate,
                max_objections: config.max_objections,
            };
            let mut objs = Vec::new();
            let mut accept = agent.answer_text(&turn, &mut objs);
            // Red lines are hard constraints, whatever the agent says.
            if domain.crosses_red_line(s, candidate) {
                accept = false;
            }
            if accept {
                objs.clear();
            }
            objs.truncate(config.max_objections);
            rec.accepted[s] = accept;
            rec.objections[s] = objs;
        }
        let sc = score(&rec);
        if working.is_none_or(|(_, ws)| sc >= ws) {
            working = Some((candidate, sc));
            queue = queue_moves(&rec);
            rec.adopted = true;
        }
        let all = rec.accepted.iter().all(|a| *a);
        if let Some(sink) = trace.as_deref_mut() {
            sink.text(domain, &rec);
        }
        texts.push(rec);
        round += 1;
        if all {
            agreement = Some(candidate);
            break;
        }
        // Next text, fresh at the time it will be proposed.
        let t_next = config.deadline.time_of_round(round).unwrap_or(1.0);
        let (base, _) = working.unwrap_or((candidate, sc));
        let mut next = None;
        while let Some((issue, wanted)) = queue.pop() {
            let c = apply_move(domain, base, issue, wanted);
            if tabled.fresh(c, t_next) {
                next = Some(c);
                break;
            }
        }
        candidate =
            next.unwrap_or_else(|| fallback(domain, base, &texts, &tabled, t_next, &mut rng));
    }
    let result = match agreement {
        Some(x) => NegotiationResult::finish(
            domain,
            Some(x),
            EndReason::Agreement,
            round,
            round,
            t_last,
            config.discount,
        ),
        None => NegotiationResult::finish(
            domain,
            None,
            EndReason::Deadline,
            round,
            round,
            1.0,
            config.discount,
        ),
    };
    if let Some(sink) = trace {
        sink.finish(domain, &result);
    }
    Ok(MediationResult { result, texts })
}

/// When the queue is empty (see the module documentation for the order of attempts).
fn fallback(
    domain: &Domain,
    base: OutcomeId,
    texts: &[TextRecord],
    tabled: &Tabled,
    t: f64,
    rng: &mut crate::rng::Rng,
) -> OutcomeId {
    let objs: Vec<Objection> = texts
        .iter()
        .rev()
        .find(|r| r.text == base)
        .map(|r| {
            r.objections
                .iter()
                .filter_map(|o| o.first().copied())
                .collect()
        })
        .unwrap_or_default();
    let mut c = base;
    for o in &objs {
        c = apply_move(domain, c, o.issue, o.wanted);
    }
    if tabled.fresh(c, t) {
        return c;
    }
    let counts = domain.level_counts();
    let n = counts.len();
    let mut buf = [0 as Level; MAX_ISSUES];
    let pkg = &mut buf[..n];
    domain.decode_into(base, pkg);
    let objected = |i: usize| objs.iter().any(|o| o.issue == i);
    let order = (0..n)
        .filter(|&i| objected(i))
        .chain((0..n).filter(|&i| !objected(i)));
    for i in order {
        let keep = pkg[i];
        for l in 0..counts[i] {
            pkg[i] = l;
            if let Some(c) = domain.encode(pkg)
                && tabled.fresh(c, t)
            {
                return c;
            }
        }
        pkg[i] = keep;
    }
    for _ in 0..256 {
        domain.decode_into(base, pkg);
        let k = rng.random_range(2..=n.max(2));
        for _ in 0..k {
            let i = rng.random_range(0..n);
            pkg[i] = rng.random_range(0..counts[i]);
        }
        if let Some(c) = domain.encode(pkg)
            && tabled.fresh(c, t)
        {
            return c;
        }
    }
    base
}
