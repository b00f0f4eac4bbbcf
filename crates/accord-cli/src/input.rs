//! Finding the scenario a command works on: a file, or the embedded default.

use std::path::Path;

use accord_model::{BUILTIN_SCENARIOS, Format, LoadError, Loaded, load_str};

use crate::output::Failure;

/// Why an input could not be loaded.
pub enum InputError {
    /// The file could not be read, or is not a file.
    Unreadable(String),
    /// The file was read but is not a valid scenario.
    Invalid(LoadError),
}

impl From<InputError> for Failure {
    fn from(e: InputError) -> Self {
        match e {
            InputError::Unreadable(msg) => Failure::BadInput(msg),
            InputError::Invalid(e) => Failure::BadInput(e.to_string()),
        }
    }
}

/// Loads the scenario named by `file`, or the embedded default when `None`, and prints
/// its warnings to stderr.
pub fn load(file: Option<&Path>) -> Result<Loaded, Failure> {
    let loaded = try_load(file)?;
    for w in &loaded.warnings {
        eprintln!("{w}");
    }
    Ok(loaded)
}

/// Loads the scenario named by `file`, or the embedded default when `None`.
pub fn try_load(file: Option<&Path>) -> Result<Loaded, InputError> {
    let Some(path) = file else {
        let s = &BUILTIN_SCENARIOS[0];
        return load_str(s.toml, s.file, Format::Toml).map_err(InputError::Invalid);
    };
    if path.is_dir() {
        return Err(InputError::Unreadable(format!(
            "error: `{}` is a folder, not a scenario file\n   = hint: pass a `.toml` or `.json` scenario file",
            path.display()
        )));
    }
    let text = std::fs::read_to_string(path).map_err(|e| {
        InputError::Unreadable(format!(
            "error: cannot read `{}`: {e}\n   = hint: check the path; omit FILE to use the embedded default scenario",
            path.display()
        ))
    })?;
    load_str(&text, &path.display().to_string(), Format::from_path(path))
        .map_err(InputError::Invalid)
}
