//! `accord simulate`, `accord tournament`, `accord merge` and `accord agents`: the
//! negotiation engine (`accord-negotiation`) behind a thin shell.
//!
//! Every run is computed before anything is printed, and files are written whole (a
//! temporary file or folder, then a rename), so an interrupted command leaves no partial
//! output.

use std::cmp::Ordering;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use accord_model::{Level, RedLine, Scenario};
use accord_negotiation::{
    Action, ActionRecord, AgentSpec, Deadline, Domain, DomainOptions, EndReason, JsonlTrace,
    MediationConfig, MediatorStart, NegotiationError, NegotiationResult, Objection, OutcomeId,
    ParamKind, Protocol, RunOptions, SaoConfig, Shard, Simulation, SimulationResult, TextRecord,
    Tournament, TournamentResults, TraceEvent, TraceSink, VecTrace, agents as registry, ctrlc_flag,
};
use clap::{Args, ValueEnum};

use crate::cli::OutputFormat;
use crate::input;
use crate::output::{CmdResult, Failure, json_string, print, write_file_atomic};

// ---- Arguments ----

/// The negotiation protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum ProtocolArg {
    /// Stacked alternating offers: parties take turns to offer, accept or walk away
    /// (bilateral alternating offers with two parties).
    #[default]
    Sao,
    /// Mediated single text: a mediator drafts one complete text after another from the
    /// parties' objections, until all accept or time runs out.
    Mediated,
}

/// Settings shared by `simulate` and `tournament`.
#[derive(Args, Debug)]
pub struct NegotiationArgs {
    /// Protocol.
    #[arg(long, value_enum, default_value_t)]
    pub protocol: ProtocolArg,
    /// Deadline in rounds: with `sao` every party acts once per round; with `mediated` a
    /// round is one text.
    #[arg(long, value_name = "ROUNDS", default_value_t = 100)]
    pub deadline: u32,
    /// Seed of every random choice (same seed, same run).
    #[arg(long, value_name = "S", default_value_t = 1)]
    pub seed: u64,
    /// The negotiating parties, in turn order (comma-separated ids; default: the parties
    /// with a veto and preferences).
    #[arg(long, value_delimiter = ',', value_name = "IDS")]
    pub parties: Option<Vec<String>>,
    /// `mediated` only: the mediator's first text, a draft id of the scenario (issues the
    /// draft leaves open take their middle option; default: the middle option of every
    /// issue).
    #[arg(long, value_name = "DRAFT")]
    pub start: Option<String>,
    /// `mediated` only: most objections each party names per text [default: 3].
    #[arg(long, value_name = "N")]
    pub max_objections: Option<usize>,
    /// Report utilities without the parties' discount factors.
    #[arg(long)]
    pub no_discount: bool,
}

/// `accord simulate` arguments.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  accord simulate                           SAO on the default scenario, boulware for every party
  accord simulate --protocol mediated       the mediator's texts, objections, where it stalls
  accord simulate scenarios/examples/small.toml --agents boulware,conceder --deadline 50
  accord simulate --agents time-based:e=0.5,k=0.1,conceder,linear,hardliner
  accord simulate --protocol mediated --start us_28 --trace run.jsonl
  accord simulate small.toml --format json | jq .result

`accord agents` lists the agents. A spec is `name` or `name:key=value,...`; give one per
negotiating party in turn order, or one for all.")]
pub struct SimulateArgs {
    /// Scenario file (.toml or .json), GENIUS domain folder or GeniusWeb profile; omit for
    /// the embedded default scenario.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
    /// Agents, one per negotiating party in turn order (comma-separated specs such as
    /// `boulware` or `time-based:e=0.5,k=0.1`); a single agent plays every party.
    #[arg(long, value_name = "SPECS", default_value = "boulware")]
    pub agents: Vec<String>,
    #[command(flatten)]
    pub negotiation: NegotiationArgs,
    /// Output format: `text` (the run, compactly, and the outcome) or `json` (the full
    /// result: outcome, metrics and, for `mediated`, every text).
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
    /// Also write every action (or text) and the end as JSON Lines to this file.
    #[arg(long, value_name = "FILE")]
    pub trace: Option<PathBuf>,
    /// Show every Nth round (text) between the first and last few (default: about 15-20
    /// spread over the run; 1 shows everything).
    #[arg(long, value_name = "N")]
    pub every: Option<u32>,
}

/// `accord tournament` arguments.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  accord tournament small.toml --agents boulware,conceder,linear,tit-for-tat -o results
  accord tournament a.toml b.toml ../domains/genius/Laptop --repetitions 5 --seed 7 -o results
  accord tournament --protocol mediated --deadline 100 -o med    (the default scenario)
  accord tournament small.toml --shard 1/3 -o part1              (then 2/3, 3/3, and:)
  accord merge part1 part2 part3 -o results

Each scenario is played with every assignment of distinct agents to its negotiating parties
(`--self-play` allows repeats), `--repetitions` times. Results: tournament.json (manifest and
summary), negotiations.jsonl, negotiations.csv (one row per negotiation and party) and
summary.csv. Ctrl-C stops starting negotiations and writes those that finished.")]
pub struct TournamentArgs {
    /// Scenario files (.toml or .json), GENIUS domain folders or GeniusWeb profiles; none:
    /// the embedded default scenario.
    #[arg(value_name = "SCENARIO")]
    pub scenarios: Vec<PathBuf>,
    /// The competing agents (comma-separated specs, each listed once).
    #[arg(
        long,
        value_name = "SPECS",
        default_value = "boulware,linear,conceder,tit-for-tat"
    )]
    pub agents: Vec<String>,
    #[command(flatten)]
    pub negotiation: NegotiationArgs,
    /// Runs of each scenario and assignment of agents to parties.
    #[arg(long, value_name = "R", default_value_t = 1)]
    pub repetitions: u32,
    /// Let an agent hold several seats of one negotiation.
    #[arg(long)]
    pub self_play: bool,
    /// Run only part K of N (negotiations numbered K-1 modulo N); join the parts with
    /// `accord merge`.
    #[arg(long, value_name = "K/N")]
    pub shard: Option<String>,
    /// Worker threads (default: one per core).
    #[arg(long, value_name = "N")]
    pub threads: Option<usize>,
    /// Results folder (created if needed).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Replace results already in the folder.
    #[arg(long)]
    pub force: bool,
    /// Hide the progress bar.
    #[arg(long)]
    pub no_progress: bool,
    /// Format of the summary printed at the end.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// `accord merge` arguments.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  accord merge part1 part2 part3 -o results
  accord merge part* -o results --format json

The folders must hold shards of one tournament (same scenarios, agents, protocol, deadline,
repetitions and seed, split with one N), each shard once. When every shard is present the
merged folder equals the one a single run writes.")]
pub struct MergeArgs {
    /// Result folders written by `accord tournament --shard K/N -o DIR`.
    #[arg(required = true, value_name = "DIR")]
    pub dirs: Vec<PathBuf>,
    /// Folder for the merged results (created if needed).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// Replace results already in the output folder.
    #[arg(long)]
    pub force: bool,
    /// Format of the summary printed at the end.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// `accord agents` arguments.
#[derive(Args, Debug)]
#[command(after_help = "Examples:
  accord agents
  accord agents time-based
  accord agents --format json | jq '.[].name'

Use an agent as `name`, or with parameters as `name:key=value,...`, e.g.
`accord simulate --agents time-based:e=0.5,k=0.1,conceder`.")]
pub struct AgentsArgs {
    /// Show only this agent.
    #[arg(value_name = "NAME")]
    pub name: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

// ---- Shared plumbing ----

fn bad(msg: impl Into<String>) -> Failure {
    Failure::BadInput(msg.into())
}

/// Maps an engine error to an exit code: settings and inputs are the user's (2); files that
/// cannot be written and internal errors are failures while running (1).
fn engine_failure(e: NegotiationError) -> Failure {
    match e {
        NegotiationError::UnknownAgent { .. } | NegotiationError::AgentParam { .. } => bad(
            format!("error: {e}\n   = hint: `accord agents` lists the agents and their parameters"),
        ),
        NegotiationError::Io { .. } | NegotiationError::PotentialBug(_) => {
            Failure::Runtime(format!("error: {e}"))
        }
        _ => bad(format!("error: {e}")),
    }
}

/// Splits `--agents` values into specs. Commas separate agents, except that a `key=value`
/// piece continues the parameters of the spec before it: `time-based:e=0.5,k=0.1,conceder`
/// is two agents.
fn parse_agents(lists: &[String]) -> Result<Vec<AgentSpec>, Failure> {
    let mut texts: Vec<String> = Vec::new();
    for list in lists {
        for piece in list.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            if piece.contains('=') && !piece.contains(':') {
                match texts.last_mut() {
                    Some(prev) if prev.contains(':') => {
                        prev.push(',');
                        prev.push_str(piece);
                    }
                    _ => {
                        return Err(bad(format!(
                            "error: `{piece}` in `--agents` is a parameter without an agent\n   = hint: parameters follow the agent's name and a colon, e.g. `time-based:e=0.5,k=0.1`"
                        )));
                    }
                }
            } else {
                texts.push(piece.to_string());
            }
        }
    }
    if texts.is_empty() {
        return Err(bad(
            "error: `--agents` names no agent\n   = hint: `accord agents` lists them",
        ));
    }
    texts
        .iter()
        .map(|t| AgentSpec::parse(t).map_err(engine_failure))
        .collect()
}

fn seat_list(domain: &Domain) -> String {
    (0..domain.n_seats())
        .map(|s| format!("`{}`", domain.seat_id(s)))
        .collect::<Vec<_>>()
        .join(", ")
}

fn prepare(scenario: Scenario, parties: Option<Vec<String>>) -> Result<Arc<Domain>, Failure> {
    let opts = DomainOptions {
        parties,
        ..DomainOptions::default()
    };
    Domain::with_options(scenario, &opts)
        .map(Arc::new)
        .map_err(engine_failure)
}

/// One agent per seat: a single spec plays every seat.
fn assign_agents(domain: &Domain, specs: Vec<AgentSpec>) -> Result<Vec<AgentSpec>, Failure> {
    let n = domain.n_seats();
    if specs.len() == 1 {
        return Ok(vec![specs[0].clone(); n]);
    }
    if specs.len() != n {
        return Err(bad(format!(
            "error: {} agents given for the {n} negotiating parties of `{}` ({})\n   = hint: give one agent per party, in this order, or a single agent for all; `--parties` chooses who negotiates",
            specs.len(),
            domain.name(),
            seat_list(domain)
        )));
    }
    Ok(specs)
}

fn build_protocol(a: &NegotiationArgs, domains: &[Arc<Domain>]) -> Result<Protocol, Failure> {
    let deadline = Deadline::Rounds(a.deadline);
    deadline.validate().map_err(|e| {
        bad(format!(
            "error: `--deadline`: {e}\n   = hint: a deadline is a number of rounds, e.g. `--deadline 100`"
        ))
    })?;
    match a.protocol {
        ProtocolArg::Sao => {
            for (flag, given) in [
                ("--start", a.start.is_some()),
                ("--max-objections", a.max_objections.is_some()),
            ] {
                if given {
                    return Err(bad(format!(
                        "error: `{flag}` applies to the mediated protocol only\n   = hint: add `--protocol mediated`, or drop `{flag}`"
                    )));
                }
            }
            Ok(Protocol::Sao(SaoConfig {
                deadline,
                discount: !a.no_discount,
            }))
        }
        ProtocolArg::Mediated => {
            let start = match &a.start {
                None => MediatorStart::Middle,
                Some(id) => {
                    for d in domains {
                        let sc = d.scenario();
                        if sc.draft_index(id).is_none() {
                            let drafts: Vec<String> =
                                sc.drafts.iter().map(|d| format!("`{}`", d.id)).collect();
                            return Err(bad(format!(
                                "error: `--start`: no draft `{id}` in scenario `{}`\n   = hint: {}",
                                d.name(),
                                if drafts.is_empty() {
                                    "the scenario has no drafts; omit `--start` to begin from the middle of every issue".to_string()
                                } else {
                                    format!("drafts: {}", drafts.join(", "))
                                }
                            )));
                        }
                    }
                    MediatorStart::Draft(id.clone())
                }
            };
            let max_objections = a.max_objections.unwrap_or(3);
            if max_objections == 0 {
                return Err(bad(
                    "error: `--max-objections` must be at least 1: the mediator works from the objections",
                ));
            }
            Ok(Protocol::Mediated(MediationConfig {
                deadline,
                max_objections,
                start,
                discount: !a.no_discount,
            }))
        }
    }
}

fn parse_shard(text: &str) -> Result<Shard, Failure> {
    text.parse::<Shard>().map_err(|e| {
        bad(format!(
            "error: `--shard {text}`: {e}\n   = hint: `--shard 2/3` runs the second of three parts"
        ))
    })
}

fn trunc(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('~');
        t
    }
}

/// Words joined into lines of at most `width` characters, each line prefixed by `indent`.
fn wrap(items: &[String], sep: &str, indent: &str, width: usize) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for (k, item) in items.iter().enumerate() {
        let piece = if k + 1 < items.len() {
            format!("{item}{sep}")
        } else {
            item.clone()
        };
        if !line.is_empty() && indent.len() + line.len() + piece.len() > width {
            let _ = writeln!(out, "{indent}{}", line.trim_end());
            line.clear();
        }
        line.push_str(&piece);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{}", line.trim_end());
    }
    out
}

fn fmt_size(n: u64) -> String {
    if n < 1_000_000 {
        n.to_string()
    } else {
        #[allow(clippy::cast_precision_loss)]
        let x = n as f64;
        format!("{x:.2e}")
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn level_id(sc: &Scenario, issue: usize, level: Level) -> &str {
    sc.issues[issue].level_id(level)
}

fn level_label(sc: &Scenario, issue: usize, level: Level) -> &str {
    let info = &sc.issues[issue].levels[level as usize];
    if info.label.is_empty() {
        &info.id
    } else {
        &info.label
    }
}

fn join_ids(domain: &Domain, seats: &[usize]) -> String {
    if seats.is_empty() {
        return "nobody".into();
    }
    seats
        .iter()
        .map(|&s| domain.seat_id(s))
        .collect::<Vec<_>>()
        .join(", ")
}

/// A trace sink that keeps the actions in memory and optionally streams JSON Lines.
struct Recorder {
    memory: VecTrace,
    jsonl: Option<JsonlTrace<Vec<u8>>>,
}

impl TraceSink for Recorder {
    fn action(&mut self, domain: &Domain, event: &TraceEvent<'_>) {
        self.memory.action(domain, event);
        if let Some(j) = self.jsonl.as_mut() {
            j.action(domain, event);
        }
    }
    fn text(&mut self, domain: &Domain, record: &TextRecord) {
        if let Some(j) = self.jsonl.as_mut() {
            j.text(domain, record);
        }
    }
    fn finish(&mut self, domain: &Domain, result: &NegotiationResult) {
        if let Some(j) = self.jsonl.as_mut() {
            j.finish(domain, result);
        }
    }
}

// ---- accord simulate ----

/// `accord simulate`.
pub fn simulate(args: SimulateArgs) -> CmdResult {
    if args.every == Some(0) {
        return Err(bad(
            "error: `--every` must be at least 1 (1 shows every round)",
        ));
    }
    if let Some(path) = &args.trace {
        check_parent(path)?;
    }
    let specs = parse_agents(&args.agents)?;
    let loaded = input::load(args.file.as_deref())?;
    let domain = prepare(loaded.scenario, args.negotiation.parties.clone())?;
    let agents = assign_agents(&domain, specs)?;
    let protocol = build_protocol(&args.negotiation, std::slice::from_ref(&domain))?;
    let sim = Simulation {
        domain: domain.clone(),
        agents,
        protocol,
        seed: args.negotiation.seed,
    };
    let mut rec = Recorder {
        memory: VecTrace::default(),
        jsonl: args.trace.as_ref().map(|_| JsonlTrace::new(Vec::new())),
    };
    let out = accord_negotiation::simulate(&sim, Some(&mut rec)).map_err(engine_failure)?;
    if let (Some(path), Some(j)) = (&args.trace, rec.jsonl.take()) {
        let bytes = j
            .finish_io()
            .map_err(|e| Failure::Runtime(format!("error: cannot write the trace: {e}")))?;
        write_file_atomic(path, &bytes)?;
    }
    match args.format {
        OutputFormat::Json => print(&json_string(&out)?),
        OutputFormat::Text => {
            let mut o = header(&sim);
            match &sim.protocol {
                Protocol::Sao(_) => {
                    render_sao_trace(&mut o, &domain, &rec.memory.actions, args.every);
                    if out.result.agreement.is_none() {
                        render_sao_closest(&mut o, &domain, &rec.memory.actions);
                    }
                }
                Protocol::Mediated(c) => {
                    render_texts(&mut o, &domain, &out, &c.start, args.every);
                }
            }
            render_outcome(&mut o, &sim, &out);
            if let Some(path) = &args.trace {
                let _ = writeln!(o, "\nTrace written to {}", path.display());
            }
            print(&o)
        }
    }
}

fn check_parent(path: &Path) -> CmdResult {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() && !d.is_dir() => Err(bad(format!(
            "error: cannot write `{}`: folder `{}` does not exist\n   = hint: create it first, or choose another path",
            path.display(),
            d.display()
        ))),
        _ => Ok(()),
    }
}

fn header(sim: &Simulation) -> String {
    let d = &sim.domain;
    let sc = d.scenario();
    let mut o = String::new();
    let who: Vec<String> = (0..d.n_seats())
        .map(|s| format!("{} ({})", d.seat_id(s), sim.agents[s]))
        .collect();
    let rounds = sim.protocol.deadline().rounds(d.n_seats());
    match &sim.protocol {
        Protocol::Sao(c) => {
            let _ = writeln!(
                o,
                "SAO negotiation on `{}`: {}",
                d.name(),
                sc.doc.scenario.title
            );
            let _ = writeln!(
                o,
                "{} issues, {} packages{}. Parties in turn order: {}.",
                d.n_issues(),
                fmt_size(d.size()),
                if d.is_enumerated() {
                    ""
                } else {
                    " (too many to enumerate: each party offers from a sample of its acceptable packages)"
                },
                who.join(", ")
            );
            let _ = writeln!(
                o,
                "Deadline {rounds} rounds (each party acts once per round); seed {}; discounting {}.",
                sim.seed,
                if c.discount { "on" } else { "off" }
            );
        }
        Protocol::Mediated(c) => {
            let _ = writeln!(
                o,
                "Mediated single-text negotiation on `{}`: {}",
                d.name(),
                sc.doc.scenario.title
            );
            let _ = writeln!(
                o,
                "{} issues, {} packages. Parties: {}.",
                d.n_issues(),
                fmt_size(d.size()),
                who.join(", ")
            );
            let start = match &c.start {
                MediatorStart::Middle => "the middle option of every issue".to_string(),
                MediatorStart::Draft(id) => format!("draft `{id}`"),
                MediatorStart::Package(_) => "a given package".to_string(),
            };
            let _ = writeln!(
                o,
                "Deadline {rounds} texts; first text: {start}; each party names up to {} objections; seed {}.",
                c.max_objections, sim.seed
            );
            let _ = writeln!(
                o,
                "The mediator sees only accept/reject and the objections, never utilities; it keeps the\nbest text so far as its working text and changes it where the parties object."
            );
        }
    }
    let res: Vec<String> = (0..d.n_seats())
        .map(|s| format!("{} {:.2}", d.seat_id(s), d.reservation(s)))
        .collect();
    let _ = writeln!(
        o,
        "Reservations (utility without a deal): {}.",
        res.join(", ")
    );
    o
}

/// Which rounds (or texts) of `total` to show: the first `head`, the last `tail` and every
/// `every`th; with `every` unset, about `target` spread over the run.
fn show_filter(
    total: u32,
    every: Option<u32>,
    head: u32,
    tail: u32,
    target: u32,
) -> impl Fn(u32) -> bool {
    let n = every.unwrap_or(if total <= head + tail + target {
        1
    } else {
        total.div_ceil(target).max(1)
    });
    move |r: u32| n <= 1 || r < head || r + tail >= total || (r + 1).is_multiple_of(n)
}

/// The issues on which two packages differ, as `(issue, from, to)`.
fn changes(domain: &Domain, from: OutcomeId, to: OutcomeId) -> Vec<(usize, Level, Level)> {
    let a = domain.package(from);
    let b = domain.package(to);
    a.iter()
        .zip(&b)
        .enumerate()
        .filter(|(_, (x, y))| x != y)
        .map(|(i, (&x, &y))| (i, x, y))
        .collect()
}

fn changes_text(domain: &Domain, ch: &[(usize, Level, Level)], limit: usize) -> String {
    let sc = domain.scenario();
    let mut parts: Vec<String> = ch
        .iter()
        .take(limit)
        .map(|&(i, x, y)| {
            format!(
                "{} {} -> {}",
                sc.issues[i].id,
                level_id(sc, i, x),
                level_id(sc, i, y)
            )
        })
        .collect();
    if ch.len() > limit {
        parts.push(format!("+{} more", ch.len() - limit));
    }
    parts.join(", ")
}

fn package_items(domain: &Domain, id: OutcomeId) -> Vec<String> {
    let sc = domain.scenario();
    domain
        .package(id)
        .iter()
        .enumerate()
        .map(|(i, &l)| format!("{}={}", sc.issues[i].id, level_id(sc, i, l)))
        .collect()
}

/// Issues this small are shown whole in the SAO trace; larger packages as changes.
const WHOLE_PACKAGE_ISSUES: usize = 5;

fn render_sao_trace(o: &mut String, d: &Domain, actions: &[ActionRecord], every: Option<u32>) {
    let n = d.n_seats();
    let total_rounds = actions.last().map_or(0, |a| a.round + 1);
    let _ = writeln!(
        o,
        "\nTRACE: {} in {}{}",
        plural(actions.len(), "action", "actions"),
        plural(total_rounds as usize, "round", "rounds"),
        if d.n_issues() > WHOLE_PACKAGE_ISSUES {
            "; an offer shows what changed from the same party's previous offer"
        } else {
            ""
        }
    );
    let show = show_filter(total_rounds, every, 2, 2, 20);
    let pw = (0..n).map(|s| d.seat_id(s).len()).max().unwrap_or(5).max(5);
    let mut head = format!("  {:>5}  {:<pw$}  {:<7}", "round", "party", "action");
    for s in 0..n {
        let _ = write!(head, " {:>7}", trunc(d.seat_id(s), 7));
    }
    let _ = writeln!(o, "{head}   package");
    let mut last_offer: Vec<Option<OutcomeId>> = vec![None; n];
    let mut standing_by: Option<usize> = None;
    let mut skipped = (0usize, u32::MAX, 0u32);
    for a in actions {
        let visible = show(a.round);
        let what = match a.action {
            Action::Offer(x) => {
                let prev = last_offer[a.seat].replace(x);
                standing_by = Some(a.seat);
                if d.n_issues() <= WHOLE_PACKAGE_ISSUES {
                    package_items(d, x).join(", ")
                } else {
                    match prev {
                        None => format!(
                            "opening offer:\n{}",
                            wrap(&package_items(d, x), ", ", "          ", 100).trim_end()
                        ),
                        Some(p) if p == x => "the same offer again".into(),
                        Some(p) => changes_text(d, &changes(d, p, x), 4),
                    }
                }
            }
            Action::Accept => match standing_by {
                Some(b) => format!("accepts {}'s offer", d.seat_id(b)),
                None => "accepts".into(),
            },
            Action::End => "walks away".into(),
        };
        if !visible {
            skipped.0 += 1;
            skipped.1 = skipped.1.min(a.round);
            skipped.2 = a.round;
            continue;
        }
        if skipped.0 > 0 {
            let _ = writeln!(
                o,
                "  {:>5}  ... {} not shown (round{} {})",
                "",
                plural(skipped.0, "action", "actions"),
                if skipped.1 == skipped.2 { "" } else { "s" },
                if skipped.1 == skipped.2 {
                    format!("{}", skipped.1 + 1)
                } else {
                    format!("{}-{}", skipped.1 + 1, skipped.2 + 1)
                }
            );
            skipped = (0, u32::MAX, 0);
        }
        let kind = match a.action {
            Action::Offer(_) => "offer",
            Action::Accept => "accept",
            Action::End => "end",
        };
        let mut line = format!(
            "  {:>5}  {:<pw$}  {:<7}",
            a.round + 1,
            d.seat_id(a.seat),
            kind
        );
        for s in 0..n {
            match a.utilities.get(s) {
                Some(u) => {
                    let _ = write!(line, " {u:>7.3}");
                }
                None => line.push_str(&format!(" {:>7}", "")),
            }
        }
        let _ = writeln!(o, "{line}   {what}");
    }
}

/// Without an agreement: the offer acceptable to the most parties (ties: the one whose
/// worst-off party is furthest above its reservation), and who could not accept it.
fn render_sao_closest(o: &mut String, d: &Domain, actions: &[ActionRecord]) {
    let n = d.n_seats();
    let mut best: Option<(usize, f64, &ActionRecord, OutcomeId)> = None;
    for a in actions {
        let Action::Offer(x) = a.action else {
            continue;
        };
        let ok = (0..n).filter(|&s| d.acceptable(s, x)).count();
        let margin = (0..n)
            .map(|s| d.utility(s, x) - d.reservation(s))
            .fold(f64::INFINITY, f64::min);
        let better = best.is_none_or(|(bo, bm, _, _)| ok > bo || (ok == bo && margin > bm));
        if better {
            best = Some((ok, margin, a, x));
        }
    }
    let Some((ok, _, a, x)) = best else {
        return;
    };
    let yes: Vec<usize> = (0..n).filter(|&s| d.acceptable(s, x)).collect();
    let no: Vec<String> = (0..n)
        .filter(|&s| !d.acceptable(s, x))
        .map(|s| {
            if d.crosses_red_line(s, x) {
                let pkg = d.package(x);
                let prefs = d.prefs(s);
                let lines: Vec<&str> = prefs
                    .red_lines_crossed(&pkg)
                    .map(|k| prefs.red_lines[k].id.as_str())
                    .collect();
                format!(
                    "{} (crosses red line{} {})",
                    d.seat_id(s),
                    if lines.len() == 1 { "" } else { "s" },
                    lines.join(", ")
                )
            } else {
                format!(
                    "{} (utility {:.3} < reservation {:.2})",
                    d.seat_id(s),
                    d.utility(s, x),
                    d.reservation(s)
                )
            }
        })
        .collect();
    let _ = writeln!(
        o,
        "\nCLOSEST TO A DEAL: {}'s offer in round {}, acceptable to {ok} of {n} ({}); not to {}",
        d.seat_id(a.seat),
        a.round + 1,
        join_ids(d, &yes),
        no.join(", ")
    );
}

// ---- Mediated texts ----

/// How the mediator judges a text: accepts, then fewer red-line objections, then fewer
/// objections.
fn score(r: &TextRecord) -> (usize, usize, usize) {
    let accepts = r.accepted.iter().filter(|a| **a).count();
    let red = r.objections.iter().flatten().filter(|o| o.red_line).count();
    let all = r.objections.iter().map(Vec::len).sum();
    (accepts, red, all)
}

fn cmp_score(a: (usize, usize, usize), b: (usize, usize, usize)) -> Ordering {
    a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2))
}

fn score_text(s: (usize, usize, usize), n: usize) -> String {
    format!(
        "{} of {n} accept; {}, {} on red lines",
        s.0,
        plural(s.2, "objection", "objections"),
        s.1
    )
}

/// A text seen against the mediator's working text at the time.
struct TextView {
    /// Index of the working text this one was derived from.
    base: Option<usize>,
    /// What changed from it.
    changes: Vec<(usize, Level, Level)>,
    /// Better than every earlier text.
    improved: bool,
}

fn text_views(d: &Domain, texts: &[TextRecord]) -> Vec<TextView> {
    let mut working: Option<usize> = None;
    let mut best: Option<(usize, usize, usize)> = None;
    let mut out = Vec::with_capacity(texts.len());
    for (k, r) in texts.iter().enumerate() {
        let s = score(r);
        let improved = best.is_none_or(|b| cmp_score(s, b) == Ordering::Greater);
        if improved {
            best = Some(s);
        }
        out.push(TextView {
            base: working,
            changes: working.map_or_else(Vec::new, |w| changes(d, texts[w].text, r.text)),
            improved,
        });
        if r.adopted {
            working = Some(k);
        }
    }
    out
}

/// The red line of `seat` that `pkg` crosses and that involves `issue`.
fn red_line_on<'a>(d: &'a Domain, seat: usize, pkg: &[Level], issue: usize) -> Option<&'a RedLine> {
    d.prefs(seat)
        .red_lines
        .iter()
        .find(|r| r.crossed_by(pkg) && r.conditions.iter().any(|c| c.issue == issue))
}

fn objections_text(d: &Domain, seat: usize, pkg: &[Level], objs: &[Objection]) -> String {
    let sc = d.scenario();
    if objs.is_empty() {
        return "names no change (no single change is enough)".into();
    }
    let red: Vec<String> = objs
        .iter()
        .filter(|o| o.red_line)
        .map(|o| {
            let line = red_line_on(d, seat, pkg, o.issue)
                .map_or(String::new(), |r| format!(" [red line {}]", r.id));
            format!(
                "{} -> {}{line}",
                sc.issues[o.issue].id,
                level_id(sc, o.issue, o.wanted)
            )
        })
        .collect();
    let plain: Vec<String> = objs
        .iter()
        .filter(|o| !o.red_line)
        .map(|o| {
            format!(
                "{} -> {}",
                sc.issues[o.issue].id,
                level_id(sc, o.issue, o.wanted)
            )
        })
        .collect();
    let mut parts = Vec::new();
    if !red.is_empty() {
        parts.push(red.join(", "));
    }
    if !plain.is_empty() {
        parts.push(format!(
            "{}{}",
            if red.is_empty() {
                "wants "
            } else {
                "also wants "
            },
            plain.join(", ")
        ));
    }
    parts.join("; ")
}

/// Who asked for a change: the parties whose objections to the base text asked to move
/// the issue that way (towards their option on an ordered issue, to it otherwise).
fn asked_by(d: &Domain, base: &TextRecord, (issue, from, to): (usize, Level, Level)) -> Vec<usize> {
    let ordered = d.scenario().issues[issue].ordered;
    base.objections
        .iter()
        .enumerate()
        .filter(|(_, objs)| {
            objs.iter().any(|o| {
                o.issue == issue
                    && if ordered {
                        o.wanted.cmp(&from) == to.cmp(&from)
                    } else {
                        o.wanted == to
                    }
            })
        })
        .map(|(s, _)| s)
        .collect()
}

fn render_text(
    o: &mut String,
    d: &Domain,
    texts: &[TextRecord],
    views: &[TextView],
    k: usize,
    pw: usize,
    start: &MediatorStart,
) {
    let r = &texts[k];
    let v = &views[k];
    let n = d.n_seats();
    let pkg = d.package(r.text);
    let title = match v.base {
        None => match start {
            MediatorStart::Draft(id) => {
                format!("the opening text, draft `{id}` (open issues at their middle option)")
            }
            MediatorStart::Package(_) => "the opening text, a given package".to_string(),
            MediatorStart::Middle => {
                "the opening text, the middle option of every issue".to_string()
            }
        },
        Some(b) => {
            let from = if b + 1 == k {
                String::new()
            } else {
                format!("from text {}: ", b + 1)
            };
            if v.changes.is_empty() {
                format!("{from}the working text again")
            } else {
                let asked: Vec<usize> = {
                    let mut a: Vec<usize> = v
                        .changes
                        .iter()
                        .flat_map(|&c| asked_by(d, &texts[b], c))
                        .collect();
                    a.sort_unstable();
                    a.dedup();
                    a
                };
                format!(
                    "{from}{}{}",
                    changes_text(d, &v.changes, 6),
                    if asked.is_empty() {
                        "  (the mediator's own try)".to_string()
                    } else {
                        format!("  (asked by {})", join_ids(d, &asked))
                    }
                )
            }
        }
    };
    let _ = writeln!(
        o,
        "Text {} (round {}, t = {:.2}): {title}",
        k + 1,
        r.round + 1,
        r.t
    );
    if v.base.is_none() {
        let _ = write!(o, "{}", wrap(&package_items(d, r.text), ", ", "    ", 96));
    }
    let utils: Vec<String> = (0..n)
        .map(|s| format!("{} {:.3}", d.seat_id(s), d.utility(s, r.text)))
        .collect();
    let _ = writeln!(o, "  {:<pw$}  {}", "utility", utils.join("   "));
    let accepting: Vec<usize> = (0..n).filter(|&s| r.accepted[s]).collect();
    let _ = writeln!(o, "  {:<pw$}  {}", "accept", join_ids(d, &accepting));
    let mut first = true;
    for s in (0..n).filter(|&s| !r.accepted[s]) {
        let _ = writeln!(
            o,
            "  {:<pw$}  {:<w$}  {}",
            if first { "reject" } else { "" },
            d.seat_id(s),
            objections_text(d, s, &pkg, &r.objections[s]),
            w = pw.min(8)
        );
        first = false;
    }
    let sc = score(r);
    let verdict = if r.accepted.iter().all(|a| *a) {
        "every party accepts: agreement".to_string()
    } else {
        match v.base {
            None => format!("the working text: {}", score_text(sc, n)),
            Some(b) if r.adopted => {
                let how = if cmp_score(sc, score(&texts[b])) == Ordering::Greater {
                    "better"
                } else {
                    "as good"
                };
                format!("the new working text ({how}): {}", score_text(sc, n))
            }
            Some(b) => format!(
                "dropped: {}; worse than text {} ({})",
                score_text(sc, n),
                b + 1,
                score_text(score(&texts[b]), n)
            ),
        }
    };
    let _ = writeln!(
        o,
        "  {:<pw$}  {verdict}{}",
        "=>",
        if v.improved && v.base.is_some() && !r.accepted.iter().all(|a| *a) {
            "; best so far"
        } else {
            ""
        }
    );
}

fn render_texts(
    o: &mut String,
    d: &Domain,
    out: &SimulationResult,
    start: &MediatorStart,
    every: Option<u32>,
) {
    let texts = &out.texts;
    let views = text_views(d, texts);
    let total = u32::try_from(texts.len()).unwrap_or(u32::MAX);
    let _ = writeln!(
        o,
        "\nTEXTS: {} proposed{}",
        texts.len(),
        if every == Some(1) {
            String::new()
        } else {
            "; shown: the first few, every improvement, every Nth and the last (`--every 1` shows all)"
                .to_string()
        }
    );
    let show = show_filter(total, every, 4, 2, 12);
    let pw = 8usize.max(
        (0..d.n_seats())
            .map(|s| d.seat_id(s).len())
            .max()
            .unwrap_or(0),
    );
    let mut gap: Vec<usize> = Vec::new();
    for k in 0..texts.len() {
        let visible = show(u32::try_from(k).unwrap_or(u32::MAX)) || views[k].improved;
        if !visible {
            gap.push(k);
            continue;
        }
        if !gap.is_empty() {
            render_gap(o, d, texts, &views, &gap);
            gap.clear();
        }
        let _ = writeln!(o);
        render_text(o, d, texts, &views, k, pw, start);
    }
    if !gap.is_empty() {
        render_gap(o, d, texts, &views, &gap);
    }
    if out.result.agreement.is_none() {
        render_stall(o, d, texts, &views);
    }
}

/// One line for texts not shown: how many were kept or dropped and what they changed.
fn render_gap(o: &mut String, d: &Domain, texts: &[TextRecord], views: &[TextView], gap: &[usize]) {
    let kept = gap.iter().filter(|&&k| texts[k].adopted).count();
    let mut issues: BTreeMap<usize, usize> = BTreeMap::new();
    for &k in gap {
        for &(i, _, _) in &views[k].changes {
            *issues.entry(i).or_default() += 1;
        }
    }
    let mut top: Vec<(usize, usize)> = issues.into_iter().collect();
    top.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let tried: Vec<String> = top
        .iter()
        .take(5)
        .map(|&(i, c)| format!("{} x{c}", d.scenario().issues[i].id))
        .collect();
    let (a, b) = (gap[0] + 1, gap[gap.len() - 1] + 1);
    let _ = writeln!(
        o,
        "\n  ... {} not shown ({}): {} as good as the working text, {} worse{}",
        if a == b {
            format!("text {a}")
        } else {
            format!("texts {a}-{b}")
        },
        plural(gap.len(), "text", "texts"),
        kept,
        gap.len() - kept,
        if tried.is_empty() {
            String::new()
        } else {
            format!("; changes tried: {}", tried.join(", "))
        }
    );
}

/// Issues on which the single-issue red lines leave no option every party allows, with
/// the options each objecting party allows.
/// For one issue: each party that restricts it, with the options it allows.
type Limits = Vec<(usize, Vec<Level>)>;

fn no_common_ground(d: &Domain) -> Vec<(usize, Limits)> {
    let counts = d.level_counts();
    let mut out = Vec::new();
    for (i, &c) in counts.iter().enumerate() {
        let allowed: Vec<Vec<Level>> = (0..d.n_seats())
            .map(|s| (0..c).filter(|&l| !d.prefs(s).forbids(i, l)).collect())
            .collect();
        let common = (0..c).any(|l| allowed.iter().all(|a| a.contains(&l)));
        if !common {
            let limits = allowed
                .into_iter()
                .enumerate()
                .filter(|(_, a)| a.len() < c as usize)
                .collect();
            out.push((i, limits));
        }
    }
    out
}

fn render_stall(o: &mut String, d: &Domain, texts: &[TextRecord], views: &[TextView]) {
    let sc = d.scenario();
    let n = d.n_seats();
    let Some(best) = views.iter().rposition(|v| v.improved) else {
        return;
    };
    let r = &texts[best];
    let pkg = d.package(r.text);
    let _ = writeln!(o, "\nWHERE IT STALLS");
    let accepting: Vec<usize> = (0..n).filter(|&s| r.accepted[s]).collect();
    let rejecting: Vec<usize> = (0..n).filter(|&s| !r.accepted[s]).collect();
    let _ = writeln!(
        o,
        "  The best text was text {} (round {}): accepted by {}, rejected by {}.",
        best + 1,
        r.round + 1,
        join_ids(d, &accepting),
        join_ids(d, &rejecting)
    );
    let after = texts.len() - best - 1;
    if after > 0 {
        let kept = texts[best + 1..].iter().filter(|t| t.adopted).count();
        let _ = writeln!(
            o,
            "  None of the {} after it did better ({} as good, {} worse) before the deadline.",
            plural(after, "text", "texts"),
            kept,
            after - kept
        );
    }
    let _ = writeln!(o, "  What blocks it:");
    for &s in &rejecting {
        let objs = &r.objections[s];
        let mut said = false;
        for ob in objs.iter().filter(|ob| ob.red_line) {
            let line = red_line_on(d, s, &pkg, ob.issue);
            let _ = writeln!(
                o,
                "    {:<6} red line{}: asks {} = {}{}",
                d.seat_id(s),
                line.map_or(String::new(), |l| format!(" {}", l.id)),
                sc.issues[ob.issue].id,
                level_label(sc, ob.issue, ob.wanted),
                line.filter(|l| !l.description.is_empty())
                    .map_or(String::new(), |l| format!(
                        "\n           \"{}\"",
                        l.description
                    ))
            );
            said = true;
        }
        if !said {
            let u = d.utility(s, r.text);
            let _ = writeln!(
                o,
                "    {:<6} no red line crossed; utility {:.3} is below what it holds out for{}",
                d.seat_id(s),
                u,
                if objs.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (wants {})",
                        objections_text(d, s, &pkg, objs).trim_start_matches("wants ")
                    )
                }
            );
        }
    }

    // Red-line demands pulling the texts apart, over every text.
    let mut pulls: BTreeMap<usize, BTreeMap<usize, BTreeMap<Level, usize>>> = BTreeMap::new();
    for t in texts {
        for (s, objs) in t.objections.iter().enumerate() {
            for ob in objs.iter().filter(|ob| ob.red_line) {
                *pulls
                    .entry(ob.issue)
                    .or_default()
                    .entry(s)
                    .or_default()
                    .entry(ob.wanted)
                    .or_default() += 1;
            }
        }
    }
    let mut tug: Vec<(usize, usize, Vec<String>)> = pulls
        .into_iter()
        .filter_map(|(i, by_seat)| {
            let wanted: Vec<(usize, Level, usize)> = by_seat
                .iter()
                .map(|(&s, levels)| {
                    let (l, c) = levels
                        .iter()
                        .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
                        .map_or((0, 0), |(&l, &c)| (l, c));
                    (s, l, c)
                })
                .collect();
            let distinct = wanted.iter().any(|w| w.1 != wanted[0].1);
            (wanted.len() >= 2 && distinct).then(|| {
                let total = by_seat.values().flat_map(|m| m.values()).sum();
                let parts = wanted
                    .iter()
                    .map(|&(s, l, c)| {
                        format!("{} wants {} ({c})", d.seat_id(s), level_id(sc, i, l))
                    })
                    .collect();
                (i, total, parts)
            })
        })
        .collect();
    tug.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    if !tug.is_empty() {
        let _ = writeln!(
            o,
            "  Tug of war: red-line demands pulling in different directions (in how many texts):"
        );
        let iw = tug
            .iter()
            .map(|t| sc.issues[t.0].id.len())
            .max()
            .unwrap_or(0);
        for (i, _, parts) in tug.iter().take(8) {
            let _ = writeln!(o, "    {:<iw$}  {}", sc.issues[*i].id, parts.join("; "));
        }
    }
    let blocked = no_common_ground(d);
    if !blocked.is_empty() {
        let _ = writeln!(
            o,
            "  No common ground: on these issues the parties' red lines leave no option they all allow:"
        );
        let iw = blocked
            .iter()
            .map(|b| sc.issues[b.0].id.len())
            .max()
            .unwrap_or(0);
        for (i, limits) in &blocked {
            for (k, (s, ls)) in limits.iter().enumerate() {
                let allowed = if ls.is_empty() {
                    "no option at all".to_string()
                } else {
                    ls.iter()
                        .map(|&l| format!("\"{}\"", level_label(sc, *i, l)))
                        .collect::<Vec<_>>()
                        .join(" / ")
                };
                let _ = writeln!(
                    o,
                    "    {:<iw$}  {:<6} only {allowed}",
                    if k == 0 {
                        sc.issues[*i].id.as_str()
                    } else {
                        ""
                    },
                    d.seat_id(*s)
                );
            }
        }
        let _ = writeln!(
            o,
            "  So no text can pass every red line: a deal needs a party to drop one (see `accord analyze`)."
        );
    }
}

// ---- Outcome ----

fn render_outcome(o: &mut String, sim: &Simulation, out: &SimulationResult) {
    let d = &sim.domain;
    let sc = d.scenario();
    let r = &out.result;
    let unit = match sim.protocol {
        Protocol::Sao(_) => ("action", "actions"),
        Protocol::Mediated(_) => ("text", "texts"),
    };
    let _ = writeln!(o);
    match (&r.end, r.agreement) {
        (EndReason::Agreement, Some(x)) => {
            let _ = writeln!(
                o,
                "OUTCOME: agreement in round {} ({}, t = {:.3})",
                r.rounds,
                plural(r.steps as usize, unit.0, unit.1),
                r.t
            );
            let pkg = d.package(x);
            let iw = sc.issues.iter().map(|i| i.id.len()).max().unwrap_or(0);
            for (i, &l) in pkg.iter().enumerate() {
                let id = level_id(sc, i, l);
                let label = level_label(sc, i, l);
                let _ = writeln!(
                    o,
                    "  {:<iw$}  {}{}",
                    sc.issues[i].id,
                    id,
                    if label == id {
                        String::new()
                    } else {
                        format!("  ({label})")
                    }
                );
            }
        }
        (EndReason::Walkaway { seat }, _) => {
            let _ = writeln!(
                o,
                "OUTCOME: no agreement: {} walked away in round {}; every party gets its reservation",
                d.seat_id(*seat),
                r.rounds
            );
        }
        (EndReason::Violation { seat, reason }, _) => {
            let _ = writeln!(
                o,
                "OUTCOME: no agreement: {} broke the protocol in round {} ({reason}); every party gets its reservation",
                d.seat_id(*seat),
                r.rounds
            );
        }
        _ => {
            let _ = writeln!(
                o,
                "OUTCOME: no agreement: the deadline passed after {} ({}); every party gets its reservation",
                plural(r.rounds as usize, "round", "rounds"),
                plural(r.steps as usize, unit.0, unit.1)
            );
        }
    }
    let pw = (0..d.n_seats())
        .map(|s| d.seat_id(s).len())
        .max()
        .unwrap_or(5)
        .max(5);
    let aw = sim
        .agents
        .iter()
        .map(|a| a.to_string().len())
        .max()
        .unwrap_or(5)
        .max(5);
    let _ = writeln!(
        o,
        "  {:<pw$}  {:<aw$}  {:>7}  {:>10}  {:>11}  {:>9}",
        "party", "agent", "utility", "discounted", "reservation", "advantage"
    );
    for s in 0..d.n_seats() {
        let _ = writeln!(
            o,
            "  {:<pw$}  {:<aw$}  {:>7.3}  {:>10.3}  {:>11.3}  {:>9.3}",
            d.seat_id(s),
            sim.agents[s].to_string(),
            r.utilities[s],
            r.discounted[s],
            d.reservation(s),
            out.metrics.advantages.get(s).copied().unwrap_or(0.0)
        );
    }
    let m = &out.metrics;
    let dist = match (m.pareto_distance, m.nash_distance) {
        (None, None) => {
            "Pareto frontier and Nash point: not computed for a space this large".to_string()
        }
        (p, n) => format!(
            "distance to the Pareto frontier {}, to the Nash point {}",
            p.map_or("-".into(), |x| format!("{x:.3}")),
            n.map_or("-".into(), |x| format!("{x:.3}"))
        ),
    };
    let _ = writeln!(
        o,
        "Welfare (sum of utilities) {:.3}; {dist}. Advantage = (utility - reservation) / (best - reservation).",
        m.welfare
    );
}

// ---- accord tournament and accord merge ----

/// Refuses to overwrite earlier results unless asked to.
fn check_output_dir(dir: &Path, force: bool) -> CmdResult {
    if dir.exists() && !dir.is_dir() {
        return Err(bad(format!(
            "error: `{}` is a file; `-o` names a folder for the results",
            dir.display()
        )));
    }
    if !force && dir.join("tournament.json").exists() {
        return Err(bad(format!(
            "error: `{}` already holds tournament results\n   = hint: choose another folder, or pass `--force` to replace them",
            dir.display()
        )));
    }
    Ok(())
}

/// Writes the results into a temporary folder inside `dir`, then moves each file into place.
fn write_results(results: &TournamentResults, dir: &Path) -> CmdResult {
    let runtime = |what: String| Failure::Runtime(format!("error: {what}"));
    std::fs::create_dir_all(dir)
        .map_err(|e| runtime(format!("cannot create `{}`: {e}", dir.display())))?;
    let tmp = dir.join(format!(".accord-tmp-{}", std::process::id()));
    let result = (|| -> CmdResult {
        results
            .write_dir(&tmp)
            .map_err(|e| runtime(e.to_string()))?;
        let entries = std::fs::read_dir(&tmp)
            .map_err(|e| runtime(format!("cannot read `{}`: {e}", tmp.display())))?;
        for entry in entries {
            let entry =
                entry.map_err(|e| runtime(format!("cannot read `{}`: {e}", tmp.display())))?;
            let to = dir.join(entry.file_name());
            std::fs::rename(entry.path(), &to)
                .map_err(|e| runtime(format!("cannot write `{}`: {e}", to.display())))?;
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&tmp);
    result
}

/// `accord tournament`.
pub fn tournament(args: TournamentArgs) -> CmdResult {
    let agents = parse_agents(&args.agents)?;
    let shard = args.shard.as_deref().map(parse_shard).transpose()?;
    if args.threads == Some(0) {
        return Err(bad("error: `--threads` must be at least 1"));
    }
    check_output_dir(&args.output, args.force)?;
    let files: Vec<Option<&Path>> = if args.scenarios.is_empty() {
        vec![None]
    } else {
        args.scenarios.iter().map(|p| Some(p.as_path())).collect()
    };
    let mut domains = Vec::with_capacity(files.len());
    for f in files {
        let loaded = input::load(f)?;
        domains.push(prepare(loaded.scenario, args.negotiation.parties.clone())?);
    }
    let protocol = build_protocol(&args.negotiation, &domains)?;
    let t = Tournament {
        agents,
        scenarios: domains,
        protocol,
        repetitions: args.repetitions,
        self_play: args.self_play,
        seed: args.negotiation.seed,
    };
    t.validate().map_err(engine_failure)?;
    let cancel = ctrlc_flag().ok();
    let results = t
        .run(&RunOptions {
            shard,
            progress: !args.no_progress,
            cancel,
            threads: args.threads,
        })
        .map_err(engine_failure)?;
    write_results(&results, &args.output)?;
    print(&report(&results, &args.output, args.format)?)?;
    let m = &results.manifest;
    if !m.complete {
        return Err(Failure::Runtime(format!(
            "interrupted: wrote the {} negotiations that finished (of {} in this run) to `{}`; they are marked incomplete",
            results.records.len(),
            m.expected(),
            args.output.display()
        )));
    }
    Ok(())
}

/// `accord merge`.
pub fn merge(args: MergeArgs) -> CmdResult {
    check_output_dir(&args.output, args.force)?;
    let mut parts = Vec::with_capacity(args.dirs.len());
    for dir in &args.dirs {
        let r = TournamentResults::read_dir(dir).map_err(|e| {
            bad(format!(
                "error: {e}\n   = hint: give folders written by `accord tournament ... -o DIR`"
            ))
        })?;
        parts.push(r);
    }
    let merged = accord_negotiation::merge(parts).map_err(|e| {
        bad(format!(
            "error: {e}\n   = hint: merge the folders of one tournament's shards (`accord tournament --shard K/N` with the same settings and the same N), each once"
        ))
    })?;
    write_results(&merged, &args.output)?;
    print(&report(&merged, &args.output, args.format)?)?;
    let m = &merged.manifest;
    if !(m.complete && m.of == 1) {
        let missing: Vec<String> = (1..=m.of)
            .filter(|k| !m.parts.contains(k))
            .map(|k| format!("{k}/{}", m.of))
            .collect();
        let mut note = format!(
            "note: the merged results hold {} of the {} planned negotiations",
            merged.records.len(),
            m.planned
        );
        if !missing.is_empty() {
            let _ = write!(
                note,
                "; missing shard{} {}",
                if missing.len() == 1 { "" } else { "s" },
                missing.join(", ")
            );
        }
        if !m.complete {
            note.push_str("; some shards were interrupted");
        }
        // A closed stderr must not panic.
        let _ = writeln!(std::io::stderr(), "{note}");
    }
    Ok(())
}

fn report(r: &TournamentResults, dir: &Path, format: OutputFormat) -> Result<String, Failure> {
    let m = &r.manifest;
    let summary = r.summary();
    if format == OutputFormat::Json {
        return json_string(&serde_json::json!({
            "manifest": m,
            "summary": summary,
            "output": dir.display().to_string(),
        }));
    }
    let mut o = String::new();
    let (protocol, deadline) = match &m.protocol {
        Protocol::Sao(c) => ("sao", c.deadline),
        Protocol::Mediated(c) => ("mediated", c.deadline),
    };
    let deadline = match deadline {
        Deadline::Rounds(n) => plural(n as usize, "round", "rounds"),
        Deadline::Time { limit, action_cost } => {
            format!("time {limit} (actions cost {action_cost})")
        }
    };
    let _ = writeln!(
        o,
        "Tournament {}: {} on {} ({}), {protocol}, deadline {deadline}, {}, seed {}{}",
        m.fingerprint,
        plural(m.agents.len(), "agent", "agents"),
        plural(m.scenarios.len(), "scenario", "scenarios"),
        m.scenarios.join(", "),
        plural(m.repetitions as usize, "repetition", "repetitions"),
        m.seed,
        if m.self_play { ", self-play" } else { "" }
    );
    let part = if m.of == 1 {
        String::new()
    } else {
        format!(
            "; shard{} {} of {}",
            if m.parts.len() == 1 { "" } else { "s" },
            m.parts
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            m.of
        )
    };
    let _ = writeln!(
        o,
        "{} planned{part}{}.",
        plural(
            usize::try_from(m.planned).unwrap_or(usize::MAX),
            "negotiation",
            "negotiations"
        ),
        if m.of == 1 && m.complete {
            String::new()
        } else {
            format!(
                ": {} here{}",
                r.records.len(),
                if m.complete {
                    ""
                } else {
                    " (incomplete: interrupted)"
                }
            )
        }
    );
    let _ = writeln!(
        o,
        "Results in {}: tournament.json, negotiations.jsonl, negotiations.csv, summary.csv",
        dir.display()
    );
    let mut rows = summary;
    rows.sort_by(|a, b| {
        b.mean_advantage
            .total_cmp(&a.mean_advantage)
            .then(b.mean_utility.total_cmp(&a.mean_utility))
    });
    let aw = rows.iter().map(|s| s.agent.len()).max().unwrap_or(5).max(5);
    let _ = writeln!(
        o,
        "\nAGENTS, ranked by mean advantage (utility - reservation) / (best - reservation)"
    );
    let _ = writeln!(
        o,
        "  {:>4}  {:<aw$}  {:>5}  {:>6}  {:>9}  {:>7}  {:>10}  {:>7}  {:>6}  {:>6}  {:>6}",
        "rank",
        "agent",
        "seats",
        "agreed",
        "advantage",
        "utility",
        "discounted",
        "welfare",
        "pareto",
        "nash",
        "rounds"
    );
    let opt = |x: Option<f64>| x.map_or("-".to_string(), |v| format!("{v:.3}"));
    for (k, s) in rows.iter().enumerate() {
        let _ = writeln!(
            o,
            "  {:>4}  {:<aw$}  {:>5}  {:>5.1}%  {:>9.3}  {:>7.3}  {:>10.3}  {:>7.3}  {:>6}  {:>6}  {:>6.1}",
            k + 1,
            s.agent,
            s.negotiations,
            100.0 * s.agreement_rate,
            s.mean_advantage,
            s.mean_utility,
            s.mean_discounted,
            s.mean_welfare,
            opt(s.mean_pareto_distance),
            opt(s.mean_nash_distance),
            s.mean_rounds
        );
    }
    let _ = writeln!(
        o,
        "  (seats: negotiations the agent took part in; pareto, nash: mean distance of the outcome,\n   `-` where the space is too large to compute them)"
    );
    Ok(o)
}

// ---- accord agents ----

fn kind_text(k: &ParamKind) -> String {
    match k {
        ParamKind::Number { min, max } => format!("number in [{min}, {max}]"),
        ParamKind::Choice(words) => words.join(" | "),
        ParamKind::Bool => "true | false".into(),
    }
}

fn kind_json(k: &ParamKind) -> serde_json::Value {
    match k {
        ParamKind::Number { min, max } => {
            serde_json::json!({ "kind": "number", "min": min, "max": max })
        }
        ParamKind::Choice(words) => serde_json::json!({ "kind": "choice", "choices": words }),
        ParamKind::Bool => serde_json::json!({ "kind": "bool" }),
    }
}

/// `accord agents`.
pub fn agents(args: AgentsArgs) -> CmdResult {
    let all = registry();
    let list: Vec<_> = match &args.name {
        None => all.iter().collect(),
        Some(name) => {
            let a = all
                .iter()
                .find(|a| a.name == name.as_str())
                .ok_or_else(|| {
                    bad(format!(
                        "error: unknown agent `{name}`; known agents: {}",
                        all.iter().map(|a| a.name).collect::<Vec<_>>().join(", ")
                    ))
                })?;
            vec![a]
        }
    };
    match args.format {
        OutputFormat::Json => {
            let v: Vec<serde_json::Value> = list
                .iter()
                .map(|a| {
                    let params: Vec<serde_json::Value> = a
                        .params
                        .iter()
                        .map(|p| {
                            let mut obj = serde_json::Map::new();
                            obj.insert("name".into(), p.name.into());
                            if let serde_json::Value::Object(kind) = kind_json(&p.kind) {
                                obj.extend(kind);
                            }
                            obj.insert("default".into(), p.default.into());
                            obj.insert("doc".into(), p.doc.into());
                            serde_json::Value::Object(obj)
                        })
                        .collect();
                    serde_json::json!({ "name": a.name, "summary": a.summary, "params": params })
                })
                .collect();
            print(&json_string(&v)?)
        }
        OutputFormat::Text => {
            let mut o = String::new();
            if args.name.is_none() {
                let _ = writeln!(
                    o,
                    "AGENTS: use as `name`, or `name:key=value,...` (e.g. `time-based:e=0.5,k=0.1`)\n"
                );
            }
            let nw = list.iter().map(|a| a.name.len()).max().unwrap_or(0);
            for (k, a) in list.iter().enumerate() {
                if k > 0 {
                    o.push('\n');
                }
                let _ = writeln!(o, "{:<nw$}  {}", a.name, a.summary);
                if a.params.is_empty() {
                    let _ = writeln!(o, "    (no parameters)");
                }
                let pw = a.params.iter().map(|p| p.name.len()).max().unwrap_or(0);
                let kw = a
                    .params
                    .iter()
                    .map(|p| kind_text(&p.kind).len())
                    .max()
                    .unwrap_or(0);
                let dw = a
                    .params
                    .iter()
                    .map(|p| p.default.len())
                    .max()
                    .unwrap_or(0)
                    .max(7);
                for p in a.params {
                    let _ = writeln!(
                        o,
                        "    {:<pw$}  {:<kw$}  default {:<dw$}  {}",
                        p.name,
                        kind_text(&p.kind),
                        p.default,
                        p.doc
                    );
                }
            }
            print(&o)
        }
    }
}
