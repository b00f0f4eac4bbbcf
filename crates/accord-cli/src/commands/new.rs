//! `accord new`: write a commented starter scenario.

use std::path::PathBuf;

use crate::output::{CmdResult, Failure, print, write_file_atomic};

/// The starter file; `{ID}` and `{TITLE}` are replaced.
const STARTER: &str = include_str!("starter.toml");

pub fn run(name: &str, force: bool) -> CmdResult {
    let mut path = PathBuf::from(name);
    if path.extension().is_none() {
        path.set_extension("toml");
    }
    let stem = path.file_stem().map_or_else(
        || "scenario".to_string(),
        |s| s.to_string_lossy().into_owned(),
    );
    let id: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '_'
            }
        })
        .collect();
    if id.is_empty() {
        return Err(Failure::BadInput(format!(
            "error: `{name}` is not a usable scenario name\n   = hint: use letters, digits, `-` or `_`"
        )));
    }
    if path.exists() && !force {
        return Err(Failure::BadInput(format!(
            "error: `{}` already exists\n   = hint: choose another name, or pass `--force` to overwrite it",
            path.display()
        )));
    }
    let text = STARTER.replace("{ID}", &id).replace("{TITLE}", &stem);
    write_file_atomic(&path, text.as_bytes())?;
    print(&format!(
        "wrote {}\nnext: edit it, then `accord check {0}` and `accord show {0}`\n",
        path.display()
    ))
}
