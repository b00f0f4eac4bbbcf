//! `accord`: turn a negotiation into an explicit model and answer questions about it.
//!
//! This binary is a thin shell: it parses arguments, loads a scenario through
//! `accord-model`, calls an engine, and renders the result as text or JSON.

mod cli;
mod commands;
mod input;
mod output;

use std::process::ExitCode;

use clap::Parser;

use crate::output::Failure;

fn main() -> ExitCode {
    let args = match cli::Cli::try_parse() {
        Ok(args) => args,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            // Printing help or an error to a closed pipe must not panic.
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match commands::run(args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::BrokenPipe) => ExitCode::SUCCESS,
        Err(Failure::BadInput(msg)) => {
            eprint_quiet(&msg);
            ExitCode::from(2)
        }
        Err(Failure::Runtime(msg)) => {
            eprint_quiet(&msg);
            ExitCode::from(1)
        }
    }
}

fn eprint_quiet(msg: &str) {
    use std::io::Write;
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{}", msg.trim_end());
}
