//! Command-line arguments.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

const AFTER_HELP: &str = "\
Examples:
  accord show                         the embedded default scenario (November 2025 talks)
  accord check my-talks.toml          validate a scenario file
  accord show --format json | jq .parties
  accord export --format json -o talks.json
  accord new my-talks                 write a commented starter file my-talks.toml
  accord scenarios show ukraine-2025-11 > start.toml

FILE omitted means the embedded default scenario. Exit codes: 0 success, 1 failure while
running, 2 bad usage or bad input.";

/// Turn a negotiation into an explicit model and answer questions about it.
#[derive(Debug, Parser)]
#[command(name = "accord", version, about, after_help = AFTER_HELP, propagate_version = true)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
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

/// A scenario file format for export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// TOML, for people.
    Toml,
    /// JSON, for machines.
    Json,
}

/// The scenario argument shared by most commands.
#[derive(Debug, Args)]
pub struct ScenarioArg {
    /// Scenario file (.toml or .json); omit for the embedded default scenario.
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
        /// Output file (`-` for stdout).
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
    Analyze {
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// Packages that leave every party at least as well off as DRAFT and one better.
    Improve {
        /// Draft id.
        draft: String,
        #[command(flatten)]
        scenario: ScenarioArg,
        /// Output format.
        #[arg(long, value_enum, default_value_t)]
        format: OutputFormat,
    },
    /// What changed between two drafts, and who gains.
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
    /// Simulate a negotiation (not built yet).
    Simulate {
        #[command(flatten)]
        scenario: ScenarioArg,
    },
    /// Forecast positions and the probability of a deal (not built yet).
    Forecast {
        #[command(flatten)]
        scenario: ScenarioArg,
    },
    /// Write a self-contained HTML report (not built yet).
    Report {
        #[command(flatten)]
        scenario: ScenarioArg,
    },
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
