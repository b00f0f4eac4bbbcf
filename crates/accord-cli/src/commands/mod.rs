//! One module per command; each loads its input, calls an engine and renders.

mod analyze;
mod check;
mod export;
mod forecast;
mod import;
mod new;
pub mod plot;
pub mod report;
mod scenarios;
mod show;
pub mod simulate;

use crate::cli::{Cli, Command};
use crate::output::CmdResult;

/// Runs a parsed command line.
pub fn run(cli: Cli) -> CmdResult {
    crate::input::set_semantics(match cli.semantics {
        crate::cli::SemanticsArg::Genius => accord_formats::Semantics::Genius,
        crate::cli::SemanticsArg::Negmas => accord_formats::Semantics::Negmas,
    });
    match cli.command {
        Command::Check { scenario, format } => check::run(scenario.file.as_deref(), format),
        Command::Show { scenario, format } => show::run(scenario.file.as_deref(), format),
        Command::Export {
            scenario,
            format,
            output,
        } => export::run(scenario.file.as_deref(), format, &output),
        Command::New { name, force } => new::run(&name, force),
        Command::Import {
            from,
            paths,
            output,
        } => import::run(from, &paths, &output),
        Command::Scenarios { action } => scenarios::run(action),
        Command::Analyze {
            scenario,
            format,
            parties,
        } => analyze::analyze(scenario.file.as_deref(), format, parties),
        Command::Improve {
            draft,
            scenario,
            format,
            parties,
            top,
        } => analyze::improve(&draft, scenario.file.as_deref(), format, parties, top),
        Command::Diff {
            a,
            b,
            scenario,
            format,
        } => analyze::diff(&a, &b, scenario.file.as_deref(), format),
        Command::Simulate(args) => simulate::simulate(args),
        Command::Tournament(args) => simulate::tournament(args),
        Command::Merge(args) => simulate::merge(args),
        Command::Agents(args) => simulate::agents(args),
        Command::Forecast(args) => forecast::run(args),
        Command::Report(a) => report::run(a),
        Command::Plot(a) => plot::run(a),
    }
}
