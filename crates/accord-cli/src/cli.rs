//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  accord analyze                      can the November 2025 talks (the default scenario) end in a deal?
  accord forecast                     how likely is a deal under the model's stated uncertainty?
  accord report -o report.html        the whole picture as one offline HTML page
  accord show                         the default scenario: parties, values, red lines, drafts, timeline
  accord check my-talks.toml          validate a scenario file
  accord show --format json | jq .parties
  accord export --format json -o talks.json
  accord new my-talks                 write a commented starter file my-talks.toml
  accord scenarios show ukraine-2025-11 > start.toml

FILE omitted means the embedded default scenario. Exit codes: 0 success, 1 failure while
running, 2 bad usage or bad input.";

/// Turn a negotiation into an explicit model and answer questions about it.
#[derive(Debug, Parser)]
#[command(name = "accord", version, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// How GENIUS XML domains are evaluated: `genius` (GENIUS 10.4 rules) or `negmas` (what
    /// NegMAS 0.16 computes from the same files).
    #[arg(long, global = true, value_enum, default_value_t = SemanticsArg::Genius)]
    pub semantics: SemanticsArg,
}

/// GENIUS evaluation semantics.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SemanticsArg {
    /// GENIUS 10.4: per-issue max normalisation, clamped integer evaluators, weights renormalised.
    Genius,
    /// NegMAS 0.16: raw evaluations, unclamped integer evaluators.
    Negmas,
}

/// Text for people, JSON for machines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum OutputFormat {
    /// Readable text.
    #[default]
    Text,
    /// JSON with stable keys.
    Json,
}

/// A format to export to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// TOML, for people.
    Toml,
    /// JSON, for machines.
    Json,
    /// A GENIUS XML domain folder (domain + one profile per party).
    Genius,
    /// A GeniusWeb JSON folder (one profile per party).
    Geniusweb,
}

/// A format to import from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// GENIUS XML: a domain folder, or a domain file followed by profile files.
    Genius,
    /// GeniusWeb JSON: a folder, or profile files (optionally a domain file first).
    Geniusweb,
}

/// The scenario argument shared by most commands.
#[derive(Debug, Args)]
pub struct ScenarioArg {
    /// Scenario file (.toml or .json), GENIUS domain folder or GeniusWeb profile; omit for
    /// the embedded default scenario.
    #[arg(value_name = "FILE")]
    pub file: Option<PathBuf>,
}

/// Subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate a scenario file: errors and warnings with file:line:col.
    #[command(after_help = "Examples:\n  accord check\n  accord check talks.toml")]
    Check {
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Print diagnostics as JSON.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Print a scenario: parties, issues with each party's values, red lines, drafts, timeline.
    #[command(after_help = "Examples:\n  accord show\n  accord show talks.toml --format json")]
    Show {
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Write a scenario as TOML or JSON (round trip: export, then check, gives the same model).
    #[command(
        after_help = "Examples:\n  accord export --format json -o talks.json\n  accord export talks.json --format toml -o talks.toml"
    )]
    Export {
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Format to write.
        #[arg(long, value_enum)]
        format: ExportFormat,
        /// Output file (`-` for stdout), or folder for `genius`/`geniusweb`.
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Convert GENIUS XML or GeniusWeb JSON into an accord scenario.
    #[command(
        after_help = "Examples:\n  accord import genius ../shared/domains/genius/Laptop -o laptop.toml\n  accord import genius dom.xml buyer.xml seller.xml -o deal.toml --semantics negmas\n  accord import geniusweb ../shared/domains/geniusweb/Party -o party.json"
    )]
    Import {
        /// Source format.
        #[arg(value_enum)]
        from: ImportFormat,
        /// A domain folder, or the domain file followed by profile files.
        #[arg(required = true, value_name = "DIR_OR_FILES")]
        paths: Vec<PathBuf>,
        /// Scenario file to write (.toml or .json; `-` for TOML on stdout).
        #[arg(short, long, value_name = "OUT")]
        output: PathBuf,
    },
    /// Write a commented starter scenario NAME.toml.
    #[command(
        after_help = "Examples:\n  accord new my-talks           writes my-talks.toml\n  accord new talks/round2.toml"
    )]
    New {
        /// Name (or path) of the new scenario; `.toml` is added when missing.
        name: String,
        /// Overwrite an existing file.
        #[arg(long)]
        force: bool,
    },
    /// List the scenarios embedded in the binary, or print one.
    #[command(
        after_help = "Examples:\n  accord scenarios\n  accord scenarios show ukraine-2025-11 > start.toml"
    )]
    Scenarios {
        #[command(subcommand)]
        action: Option<ScenariosAction>,
    },
    /// Analyse a scenario: draft scores, zone of possible agreement, blockers, bargaining solutions.
    #[command(
        after_help = "Examples:\n  accord analyze\n  accord analyze talks.toml --format json | jq .zopa\n  accord analyze --parties ua,ru\n\nThe JSON keys are documented in docs/analysis-output.md."
    )]
    Analyze {
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
        /// Parties whose acceptance defines the zone (comma-separated ids; default: the
        /// parties with a veto).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        parties: Option<Vec<String>>,
    },
    /// Packages that leave every party at least as well off as DRAFT and one better.
    #[command(
        after_help = "Examples:\n  accord improve us_28\n  accord improve us_28 --top 10 --format json"
    )]
    Improve {
        /// Draft id.
        draft: String,
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
        /// Parties that must be at least as well off (comma-separated ids; default: the
        /// parties with a veto).
        #[arg(long, value_delimiter = ',', value_name = "IDS")]
        parties: Option<Vec<String>>,
        /// Number of improvements to list.
        #[arg(long, default_value_t = 5, value_name = "N")]
        top: usize,
    },
    /// What changed between two drafts, and who gains.
    #[command(
        after_help = "Examples:\n  accord diff us_28 geneva\n  accord diff us_28 geneva --format json"
    )]
    Diff {
        /// Earlier draft id.
        a: String,
        /// Later draft id.
        b: String,
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Simulate a negotiation: automated agents (SAOP) or a mediated single-text process.
    Simulate(crate::commands::simulate::SimulateArgs),
    /// Run a tournament: agents x scenarios x role permutations x repetitions.
    Tournament(crate::commands::simulate::TournamentArgs),
    /// Merge tournament shards into one result.
    Merge(crate::commands::simulate::MergeArgs),
    /// List the negotiating agents and their parameters.
    Agents(crate::commands::simulate::AgentsArgs),
    /// Forecast: the probability of a deal under the scenario's stated uncertainty, or
    /// where positions move (EUM, KTAB SMP).
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "Examples:\n  accord forecast --samples 10000 --seed 7      probability of a deal (Monte Carlo)\n  accord forecast eum                           expected-utility model on the heaviest ordered issue\n  accord forecast eum --issue donetsk --format json\n  accord forecast eum replication.csv --variant scholz --rounds 10\n  accord forecast smp ktab_input.csv"
    )]
    Forecast(ForecastArgs),
    /// Write a self-contained HTML report with charts (open it offline, print it).
    Report(crate::commands::report::ReportArgs),
    /// Draw one chart alone as SVG or PNG.
    Plot(crate::commands::plot::PlotArgs),
}

/// `accord scenarios` actions.
#[derive(Debug, Subcommand)]
pub enum ScenariosAction {
    /// List embedded scenarios (the default).
    List,
    /// Print an embedded scenario's TOML.
    Show {
        /// Scenario id.
        id: String,
    },
}

/// `accord forecast` arguments.
#[derive(Debug, Args)]
pub struct ForecastArgs {
    /// A forecasting model; omit for the Monte Carlo probability of a deal.
    #[command(subcommand)]
    pub model: Option<ForecastModel>,
    #[command(flatten)]
    pub scenario: ScenarioArg,
    /// Number of sampled scenarios.
    #[arg(long, default_value_t = 10_000)]
    pub samples: usize,
    /// Seed of the sampler (same seed, same answer).
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t)]
    pub format: OutputFormat,
}

/// EUM presets.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum, Default)]
pub enum EumPreset {
    /// Scholz, Calbert & Smith's code (reproduces the published replication).
    #[default]
    Scholz,
    /// The textbook equations (pairwise probability, linear votes).
    Textbook,
}

/// Forecasting models.
#[derive(Debug, Subcommand)]
pub enum ForecastModel {
    /// Bueno de Mesquita's expected-utility model on one axis.
    Eum {
        /// A CSV with header `Actor,Capability,Position,Salience`, or a scenario file
        /// (omit for the default scenario).
        #[arg(value_name = "FILE")]
        input: Option<PathBuf>,
        /// Scenario issue to forecast (default: the ordered issue with the most total weight).
        #[arg(long)]
        issue: Option<String>,
        /// Model variant.
        #[arg(long, value_enum, default_value_t)]
        variant: EumPreset,
        /// Rounds to run (default: the preset's stopping rule; Scholz runs 10).
        #[arg(long)]
        rounds: Option<usize>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// KTAB's spatial model of politics over several dimensions.
    Smp {
        /// A KTAB SMP CSV, or a scenario file (omit for the default scenario).
        #[arg(value_name = "FILE")]
        input: Option<PathBuf>,
        /// Scenario issues to use as dimensions (comma-separated; default: every ordered issue).
        #[arg(long, value_delimiter = ',')]
        issues: Vec<String>,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
}
