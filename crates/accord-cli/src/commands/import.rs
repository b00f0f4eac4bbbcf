//! `accord import`: GENIUS XML or GeniusWeb JSON to an accord scenario.

use std::path::{Path, PathBuf};

use accord_formats::{Kind, detect};
use accord_model::{Format, to_json, to_toml};

use crate::cli::ImportFormat;
use crate::commands::export::write_text;
use crate::input::semantics;
use crate::output::{CmdResult, Failure};

pub fn run(from: ImportFormat, paths: &[PathBuf], output: &Path) -> CmdResult {
    let sem = semantics();
    let result = match (paths, from) {
        ([one], _) if one.is_dir() => accord_formats::load_folder(one, sem),
        ([one], ImportFormat::Geniusweb) => accord_formats::load(one, sem),
        (many, ImportFormat::Genius) => {
            let domain = many.iter().find(|p| detect(p) == Some(Kind::GeniusDomain));
            let Some(domain) = domain else {
                return Err(Failure::BadInput(
                    "error: none of the files is a GENIUS domain XML\n   = hint: pass the domain file and its profile files, or the folder holding them".into(),
                ));
            };
            let profiles: Vec<PathBuf> = many.iter().filter(|p| *p != domain).cloned().collect();
            accord_formats::load_genius_files(domain, &profiles, sem)
        }
        (many, ImportFormat::Geniusweb) => {
            let domain = many
                .iter()
                .find(|p| detect(p) == Some(Kind::GeniusWebDomain));
            let profiles: Vec<PathBuf> = many
                .iter()
                .filter(|p| Some(*p) != domain)
                .cloned()
                .collect();
            accord_formats::load_geniusweb_files(domain.map(PathBuf::as_path), &profiles, sem)
        }
    };
    let imported = result.map_err(|e| Failure::BadInput(format!("error: {e}")))?;
    for w in &imported.warnings {
        eprintln!("warning: {w}");
    }
    let text = match Format::from_path(output) {
        Format::Json => to_json(&imported.doc)
            .map_err(|e| Failure::Runtime(format!("error: cannot write JSON: {e}")))?,
        Format::Toml => to_toml(&imported.doc)
            .map_err(|e| Failure::Runtime(format!("error: cannot write TOML: {e}")))?,
    };
    write_text(text, output)
}
