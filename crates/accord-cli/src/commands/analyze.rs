//! `accord analyze`, `accord improve`, `accord diff` (placeholders until the analysis engine lands).

use std::path::Path;

use crate::cli::OutputFormat;
use crate::output::{CmdResult, Failure};

pub fn analyze(_file: Option<&Path>, _format: OutputFormat) -> CmdResult {
    Err(Failure::Runtime(
        "error: `accord analyze` is not built yet (tracked in issue 3)".into(),
    ))
}

pub fn improve(_draft: &str, _file: Option<&Path>, _format: OutputFormat) -> CmdResult {
    Err(Failure::Runtime(
        "error: `accord improve` is not built yet (tracked in issue 3)".into(),
    ))
}

pub fn diff(_a: &str, _b: &str, _file: Option<&Path>, _format: OutputFormat) -> CmdResult {
    Err(Failure::Runtime(
        "error: `accord diff` is not built yet (tracked in issue 3)".into(),
    ))
}
