//! `accord export`: write a scenario as TOML or JSON.

use std::path::Path;

use accord_model::{to_json, to_toml};

use crate::cli::ExportFormat;
use crate::input;
use crate::output::{CmdResult, Failure, print, write_file_atomic};

pub fn run(file: Option<&Path>, format: ExportFormat, output: &Path) -> CmdResult {
    let loaded = input::load(file)?;
    let doc = &loaded.scenario.doc;
    let mut text =
        match format {
            ExportFormat::Toml => to_toml(doc)
                .map_err(|e| Failure::Runtime(format!("error: cannot write TOML: {e}")))?,
            ExportFormat::Json => to_json(doc)
                .map_err(|e| Failure::Runtime(format!("error: cannot write JSON: {e}")))?,
        };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    if output.as_os_str() == "-" {
        print(&text)
    } else {
        write_file_atomic(output, text.as_bytes())
    }
}
