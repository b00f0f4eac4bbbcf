//! Tournament results: one record per negotiation, a manifest, per-agent summaries,
//! files (JSON Lines, CSV) and the merge of shards.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{Match, Shard, Tournament};
use crate::agent::AgentSpec;
use crate::domain::Domain;
use crate::error::NegotiationError;
use crate::protocol::{EndReason, NegotiationResult};
use crate::simulate::{Metrics, Protocol};

/// One negotiation of a tournament. Vectors are per seat, in the scenario's seat order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NegotiationRecord {
    /// Match number in the plan.
    pub index: u64,
    /// Scenario id.
    pub scenario: String,
    /// Repetition (0-based).
    pub repetition: u32,
    /// Seed of the negotiation.
    pub seed: u64,
    /// Party id per seat.
    pub parties: Vec<String>,
    /// Agent spec per seat.
    pub agents: Vec<String>,
    /// Whether they agreed.
    pub agreement: bool,
    /// The agreed package's index.
    pub outcome: Option<u64>,
    /// The agreed package, as `issue=option` pairs.
    pub package: Option<String>,
    /// `agreement`, `deadline`, `walkaway:PARTY` or `violation:PARTY`.
    pub end: String,
    /// Rounds begun.
    pub rounds: u32,
    /// Actions (SAOP) or texts (mediated).
    pub steps: u32,
    /// Normalised time at the end.
    pub t: f64,
    /// Utility per seat (reservation without agreement), undiscounted.
    pub utilities: Vec<f64>,
    /// Discounted utility per seat.
    pub discounted: Vec<f64>,
    /// Advantage per seat, `(u - rv) / (max - rv)`.
    pub advantages: Vec<f64>,
    /// Sum of utilities.
    pub welfare: f64,
    /// Distance to the Pareto frontier (enumerated domains).
    pub pareto_distance: Option<f64>,
    /// Distance to the Nash point (enumerated domains).
    pub nash_distance: Option<f64>,
}

impl NegotiationRecord {
    pub(crate) fn new(
        domain: &Domain,
        m: &Match,
        specs: &[AgentSpec],
        r: &NegotiationResult,
        metrics: &Metrics,
    ) -> NegotiationRecord {
        let end = match &r.end {
            EndReason::Walkaway { seat } | EndReason::Violation { seat, .. } => {
                format!("{}:{}", r.end.label(), domain.seat_id(*seat))
            }
            e => e.label().to_string(),
        };
        NegotiationRecord {
            index: m.index,
            scenario: domain.name().to_string(),
            repetition: m.repetition,
            seed: m.seed,
            parties: (0..domain.n_seats())
                .map(|s| domain.seat_id(s).to_string())
                .collect(),
            agents: specs.iter().map(ToString::to_string).collect(),
            agreement: r.agreement.is_some(),
            outcome: r.agreement,
            package: r.agreement.map(|x| domain.describe(x)),
            end,
            rounds: r.rounds,
            steps: r.steps,
            t: r.t,
            utilities: r.utilities.clone(),
            discounted: r.discounted.clone(),
            advantages: metrics.advantages.clone(),
            welfare: metrics.welfare,
            pareto_distance: metrics.pareto_distance,
            nash_distance: metrics.nash_distance,
        }
    }
}

/// What a results set is: which tournament, which parts of it, and whether it is complete.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    /// Fingerprint of the tournament (see [`Tournament::fingerprint`]).
    pub fingerprint: String,
    /// Negotiations in the whole tournament.
    pub planned: u64,
    /// Shards held (`K` values, ascending), out of `of`. A whole run is `[1]` of 1.
    pub parts: Vec<u32>,
    /// Number of shards the tournament was split into.
    pub of: u32,
    /// Whether every negotiation of the parts held ran (false after an interruption).
    pub complete: bool,
    /// The agents, as specs.
    pub agents: Vec<String>,
    /// The scenario ids.
    pub scenarios: Vec<String>,
    /// The protocol.
    pub protocol: Protocol,
    /// Repetitions.
    pub repetitions: u32,
    /// Whether self-play was allowed.
    pub self_play: bool,
    /// Seed.
    pub seed: u64,
}

impl Manifest {
    pub(crate) fn new(t: &Tournament, shard: Shard, planned: u64, complete: bool) -> Manifest {
        Manifest {
            fingerprint: t.fingerprint(),
            planned,
            parts: vec![shard.k],
            of: shard.n,
            complete,
            agents: t.agents.iter().map(ToString::to_string).collect(),
            scenarios: t.scenarios.iter().map(|d| d.name().to_string()).collect(),
            protocol: t.protocol.clone(),
            repetitions: t.repetitions,
            self_play: t.self_play,
            seed: t.seed,
        }
    }

    /// Negotiations the held parts contain.
    pub fn expected(&self) -> u64 {
        let of = u64::from(self.of.max(1));
        self.parts
            .iter()
            .map(|&k| {
                let first = u64::from(k.saturating_sub(1));
                if first < self.planned {
                    (self.planned - first).div_ceil(of)
                } else {
                    0
                }
            })
            .sum()
    }
}

/// Per-agent means over every seat the agent occupied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgentSummary {
    /// The agent spec.
    pub agent: String,
    /// Seats occupied (a self-play match counts once per seat).
    pub negotiations: u64,
    /// Fraction that ended in agreement.
    pub agreement_rate: f64,
    /// Mean utility (reservation without agreement), undiscounted.
    pub mean_utility: f64,
    /// Mean discounted utility.
    pub mean_discounted: f64,
    /// Mean advantage `(u - rv) / (max - rv)`: the NegMAS/ANL score.
    pub mean_advantage: f64,
    /// Mean social welfare of its negotiations.
    pub mean_welfare: f64,
    /// Mean distance to the Pareto frontier, over negotiations where it is known.
    pub mean_pareto_distance: Option<f64>,
    /// Mean distance to the Nash point, over negotiations where it is known.
    pub mean_nash_distance: Option<f64>,
    /// Mean rounds used.
    pub mean_rounds: f64,
}

/// The results of a tournament or of some of its shards.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TournamentResults {
    /// What these results are.
    pub manifest: Manifest,
    /// One record per negotiation, by ascending index.
    pub records: Vec<NegotiationRecord>,
}

#[derive(Serialize)]
struct CsvRow<'a> {
    index: u64,
    scenario: &'a str,
    repetition: u32,
    seed: u64,
    party: &'a str,
    agent: &'a str,
    utility: f64,
    discounted: f64,
    advantage: f64,
    agreement: bool,
    end: &'a str,
    rounds: u32,
    steps: u32,
    t: f64,
    welfare: f64,
    pareto_distance: Option<f64>,
    nash_distance: Option<f64>,
    package: Option<&'a str>,
}

#[derive(Serialize, Deserialize)]
struct ManifestFile {
    manifest: Manifest,
    summary: Vec<AgentSummary>,
}

fn mean(sum: f64, n: u64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = n as f64;
    if n > 0.0 { sum / n } else { 0.0 }
}

impl TournamentResults {
    /// Per-agent summary, in the manifest's agent order. Sums run in record order, so equal
    /// records give bit-identical summaries.
    pub fn summary(&self) -> Vec<AgentSummary> {
        self.manifest
            .agents
            .iter()
            .map(|agent| {
                let mut n = 0u64;
                let (mut agreed, mut u, mut ud, mut adv, mut w, mut rounds) =
                    (0u64, 0.0, 0.0, 0.0, 0.0, 0.0);
                let (mut pd, mut pn, mut nd, mut nn) = (0.0, 0u64, 0.0, 0u64);
                for r in &self.records {
                    for (s, a) in r.agents.iter().enumerate() {
                        if a != agent {
                            continue;
                        }
                        n += 1;
                        agreed += u64::from(r.agreement);
                        u += r.utilities[s];
                        ud += r.discounted[s];
                        adv += r.advantages[s];
                        w += r.welfare;
                        rounds += f64::from(r.rounds);
                        if let Some(d) = r.pareto_distance {
                            pd += d;
                            pn += 1;
                        }
                        if let Some(d) = r.nash_distance {
                            nd += d;
                            nn += 1;
                        }
                    }
                }
                #[allow(clippy::cast_precision_loss)]
                AgentSummary {
                    agent: agent.clone(),
                    negotiations: n,
                    agreement_rate: mean(agreed as f64, n),
                    mean_utility: mean(u, n),
                    mean_discounted: mean(ud, n),
                    mean_advantage: mean(adv, n),
                    mean_welfare: mean(w, n),
                    mean_pareto_distance: (pn > 0).then(|| mean(pd, pn)),
                    mean_nash_distance: (nn > 0).then(|| mean(nd, nn)),
                    mean_rounds: mean(rounds, n),
                }
            })
            .collect()
    }

    /// Writes one JSON object per negotiation per line.
    pub fn write_jsonl<W: Write>(&self, mut w: W) -> std::io::Result<()> {
        for r in &self.records {
            serde_json::to_writer(&mut w, r).map_err(std::io::Error::other)?;
            w.write_all(b"\n")?;
        }
        w.flush()
    }

    /// Writes one CSV row per negotiation per seat (long format).
    pub fn write_csv<W: Write>(&self, w: W) -> std::io::Result<()> {
        let mut c = csv::Writer::from_writer(w);
        for r in &self.records {
            for s in 0..r.parties.len() {
                c.serialize(CsvRow {
                    index: r.index,
                    scenario: &r.scenario,
                    repetition: r.repetition,
                    seed: r.seed,
                    party: &r.parties[s],
                    agent: &r.agents[s],
                    utility: r.utilities[s],
                    discounted: r.discounted[s],
                    advantage: r.advantages[s],
                    agreement: r.agreement,
                    end: &r.end,
                    rounds: r.rounds,
                    steps: r.steps,
                    t: r.t,
                    welfare: r.welfare,
                    pareto_distance: r.pareto_distance,
                    nash_distance: r.nash_distance,
                    package: r.package.as_deref(),
                })
                .map_err(std::io::Error::other)?;
            }
        }
        c.flush()
    }

    /// Writes the per-agent summary as CSV.
    pub fn write_summary_csv<W: Write>(&self, w: W) -> std::io::Result<()> {
        let mut c = csv::Writer::from_writer(w);
        for s in self.summary() {
            c.serialize(&s).map_err(std::io::Error::other)?;
        }
        c.flush()
    }

    /// Writes `tournament.json` (manifest and summary), `negotiations.jsonl`,
    /// `negotiations.csv` and `summary.csv` into `dir` (created if needed).
    pub fn write_dir(&self, dir: &Path) -> Result<(), NegotiationError> {
        std::fs::create_dir_all(dir)
            .map_err(|e| NegotiationError::io(format!("creating `{}`", dir.display()), e))?;
        let create = |name: &str| -> Result<BufWriter<File>, NegotiationError> {
            let p = dir.join(name);
            File::create(&p)
                .map(BufWriter::new)
                .map_err(|e| NegotiationError::io(format!("writing `{}`", p.display()), e))
        };
        let ctx = |name: &str| format!("writing `{}`", dir.join(name).display());
        self.write_jsonl(create("negotiations.jsonl")?)
            .map_err(|e| NegotiationError::io(ctx("negotiations.jsonl"), e))?;
        self.write_csv(create("negotiations.csv")?)
            .map_err(|e| NegotiationError::io(ctx("negotiations.csv"), e))?;
        self.write_summary_csv(create("summary.csv")?)
            .map_err(|e| NegotiationError::io(ctx("summary.csv"), e))?;
        let mut f = create("tournament.json")?;
        let file = ManifestFile {
            manifest: self.manifest.clone(),
            summary: self.summary(),
        };
        serde_json::to_writer_pretty(&mut f, &file)
            .map_err(std::io::Error::other)
            .and_then(|()| f.write_all(b"\n"))
            .and_then(|()| f.flush())
            .map_err(|e| NegotiationError::io(ctx("tournament.json"), e))?;
        Ok(())
    }

    /// Reads a directory written by [`TournamentResults::write_dir`].
    pub fn read_dir(dir: &Path) -> Result<TournamentResults, NegotiationError> {
        let mp = dir.join("tournament.json");
        let text = std::fs::read_to_string(&mp)
            .map_err(|e| NegotiationError::io(format!("reading `{}`", mp.display()), e))?;
        let file: ManifestFile =
            serde_json::from_str(&text).map_err(|e| NegotiationError::Parse {
                context: format!("`{}`", mp.display()),
                message: e.to_string(),
            })?;
        let rp = dir.join("negotiations.jsonl");
        let f = File::open(&rp)
            .map_err(|e| NegotiationError::io(format!("reading `{}`", rp.display()), e))?;
        let mut records = Vec::new();
        for (i, line) in BufReader::new(f).lines().enumerate() {
            let line =
                line.map_err(|e| NegotiationError::io(format!("reading `{}`", rp.display()), e))?;
            if line.trim().is_empty() {
                continue;
            }
            let r: NegotiationRecord =
                serde_json::from_str(&line).map_err(|e| NegotiationError::Parse {
                    context: format!("`{}` line {}", rp.display(), i + 1),
                    message: e.to_string(),
                })?;
            records.push(r);
        }
        Ok(TournamentResults {
            manifest: file.manifest,
            records,
        })
    }
}

/// Merges shards of one tournament. The parts must share a fingerprint and shard count
/// and not overlap. When every part is present and complete, the result is marked as the
/// whole tournament (`[1]` of 1) and equals a single run's results.
pub fn merge(parts: Vec<TournamentResults>) -> Result<TournamentResults, NegotiationError> {
    let mut iter = parts.into_iter();
    let first = iter
        .next()
        .ok_or_else(|| NegotiationError::Merge("no results to merge".into()))?;
    let mut manifest = first.manifest.clone();
    let mut records = first.records;
    let mut complete = manifest.complete;
    for p in iter {
        let m = &p.manifest;
        if m.fingerprint != manifest.fingerprint {
            return Err(NegotiationError::Merge(format!(
                "the results come from different tournaments (fingerprints {} and {}); check the agents, scenarios, protocol, repetitions and seed",
                manifest.fingerprint, m.fingerprint
            )));
        }
        if m.of != manifest.of {
            return Err(NegotiationError::Merge(format!(
                "the results were split into {} and {} shards; merge shards of one split",
                manifest.of, m.of
            )));
        }
        if let Some(k) = m.parts.iter().find(|k| manifest.parts.contains(k)) {
            return Err(NegotiationError::Merge(format!(
                "shard {k}/{} is given twice",
                m.of
            )));
        }
        manifest.parts.extend_from_slice(&m.parts);
        complete &= m.complete;
        records.extend(p.records);
    }
    manifest.parts.sort_unstable();
    records.sort_by_key(|r| r.index);
    if let Some(w) = records.windows(2).find(|w| w[0].index == w[1].index) {
        return Err(NegotiationError::Merge(format!(
            "negotiation {} appears twice",
            w[0].index
        )));
    }
    for r in &records {
        if !manifest
            .parts
            .iter()
            .any(|&k| r.index % u64::from(manifest.of) == u64::from(k - 1))
        {
            return Err(NegotiationError::Merge(format!(
                "negotiation {} does not belong to shards {:?} of {}",
                r.index, manifest.parts, manifest.of
            )));
        }
    }
    complete &= records.len() as u64 == manifest.expected();
    manifest.complete = complete;
    if complete && manifest.parts.len() as u32 == manifest.of {
        manifest.parts = vec![1];
        manifest.of = 1;
    }
    Ok(TournamentResults { manifest, records })
}
