//! `accord check`: validate a scenario file.

use std::path::Path;

use crate::cli::OutputFormat;
use crate::input::{self, InputError};
use crate::output::{CmdResult, Failure, json_string, print};

pub fn run(file: Option<&Path>, format: OutputFormat) -> CmdResult {
    let loaded = input::try_load(file);
    if format == OutputFormat::Text {
        let l = loaded?;
        for w in &l.warnings {
            eprintln!("{w}");
        }
        let s = &l.scenario;
        let n = l.warnings.len();
        return print(&format!(
            "ok: `{}` is valid: {} parties, {} issues ({} packages), {} drafts, {} events, {} sources, {n} warning{}\n",
            s.doc.scenario.id,
            s.parties.len(),
            s.issues.len(),
            fmt_space(s.space_size()),
            s.drafts.len(),
            s.doc.events.len(),
            s.doc.sources.len(),
            if n == 1 { "" } else { "s" }
        ));
    }
    match loaded {
        Ok(l) => print(&json_string(&serde_json::json!({
            "valid": true,
            "scenario": l.scenario.doc.scenario.id,
            "diagnostics": l.warnings,
        }))?),
        Err(InputError::Invalid(e)) => {
            print(&json_string(&serde_json::json!({
                "valid": false,
                "diagnostics": e.diagnostics,
            }))?)?;
            Err(Failure::BadInput(String::new()))
        }
        Err(e) => Err(e.into()),
    }
}

/// Formats an outcome-space size: exact below 10^9, else in scientific notation.
pub fn fmt_space(n: f64) -> String {
    if n < 1e9 {
        format!("{n:.0}")
    } else {
        format!("{n:.2e}")
    }
}
