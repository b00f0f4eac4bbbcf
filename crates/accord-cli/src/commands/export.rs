//! `accord export`: write a scenario as TOML, JSON, GENIUS XML or GeniusWeb JSON.

use std::path::Path;

use accord_model::{to_json, to_toml};

use crate::cli::ExportFormat;
use crate::input;
use crate::output::{CmdResult, Failure, print, write_file_atomic};

pub fn run(file: Option<&Path>, format: ExportFormat, output: &Path) -> CmdResult {
    let loaded = input::load(file)?;
    let doc = &loaded.scenario.doc;
    let text =
        match format {
            ExportFormat::Toml => to_toml(doc)
                .map_err(|e| Failure::Runtime(format!("error: cannot write TOML: {e}")))?,
            ExportFormat::Json => to_json(doc)
                .map_err(|e| Failure::Runtime(format!("error: cannot write JSON: {e}")))?,
            ExportFormat::Genius | ExportFormat::Geniusweb => {
                return export_domain(doc, format, output);
            }
        };
    write_text(text, output)
}

/// Writes a scenario text to a file (atomically) or stdout (`-`).
pub fn write_text(mut text: String, output: &Path) -> CmdResult {
    if !text.ends_with('\n') {
        text.push('\n');
    }
    if output.as_os_str() == "-" {
        print(&text)
    } else {
        write_file_atomic(output, text.as_bytes())
    }
}

fn export_domain(doc: &accord_model::ScenarioDoc, format: ExportFormat, dir: &Path) -> CmdResult {
    if dir.exists() && !dir.is_dir() {
        return Err(Failure::BadInput(format!(
            "error: `{}` is a file; `--format {}` writes a folder\n   = hint: give a folder path with `-o`",
            dir.display(),
            if format == ExportFormat::Genius {
                "genius"
            } else {
                "geniusweb"
            }
        )));
    }
    // Write into a fresh sibling folder, then move it into place, so a failure leaves no
    // half-written domain behind.
    let staging = dir.with_extension(format!("accord-tmp-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    let result = match format {
        ExportFormat::Genius => accord_formats::write_genius(doc, &staging),
        _ => accord_formats::write_geniusweb(doc, &staging),
    };
    let written = match result {
        Ok(w) => w,
        Err(e) => {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(Failure::BadInput(format!("error: {e}")));
        }
    };
    std::fs::create_dir_all(dir)
        .map_err(|e| Failure::Runtime(format!("error: cannot create `{}`: {e}", dir.display())))?;
    let mut out = String::new();
    for f in &written.files {
        let Some(name) = f.file_name() else { continue };
        let target = dir.join(name);
        std::fs::rename(f, &target).map_err(|e| {
            Failure::Runtime(format!("error: cannot write `{}`: {e}", target.display()))
        })?;
        out.push_str(&format!("wrote {}\n", target.display()));
    }
    let _ = std::fs::remove_dir_all(&staging);
    for w in &written.warnings {
        eprintln!("warning: {w}");
    }
    print(&out)
}
