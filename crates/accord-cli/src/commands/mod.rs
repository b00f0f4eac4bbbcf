//! One module per command; each loads its input, calls an engine and renders.

mod analyze;
mod check;
mod export;
mod new;
mod scenarios;
mod show;

use crate::cli::{Cli, Command};
use crate::output::{CmdResult, Failure};

/// Runs a parsed command line.
pub fn run(cli: Cli) -> CmdResult {
    match cli.command {
        Command::Check { scenario, format } => check::run(scenario.file.as_deref(), format),
        Command::Show { scenario, format } => show::run(scenario.file.as_deref(), format),
        Command::Export {
            scenario,
            format,
            output,
        } => export::run(scenario.file.as_deref(), format, &output),
        Command::New { name, force } => new::run(&name, force),
        Command::Scenarios { action } => scenarios::run(action),
        Command::Analyze { scenario, format } => analyze::analyze(scenario.file.as_deref(), format),
        Command::Improve {
            draft,
            scenario,
            format,
        } => analyze::improve(&draft, scenario.file.as_deref(), format),
        Command::Diff {
            a,
            b,
            scenario,
            format,
        } => analyze::diff(&a, &b, scenario.file.as_deref(), format),
        Command::Simulate { .. } => not_built("simulate", 5),
        Command::Forecast { .. } => not_built("forecast", 6),
        Command::Report { .. } => not_built("report", 7),
    }
}

fn not_built(cmd: &str, issue: u32) -> CmdResult {
    Err(Failure::Runtime(format!(
        "error: `accord {cmd}` is not built yet (tracked in issue {issue})"
    )))
}
