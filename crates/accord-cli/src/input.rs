//! Finding the scenario a command works on: a scenario file, a GENIUS or GeniusWeb domain
//! (folder or profile file), or the embedded default.

use std::path::Path;
use std::sync::OnceLock;

use accord_formats::{Kind, Semantics};
use accord_model::{BUILTIN_SCENARIOS, Diagnostic, DocPath, Format, LoadError, Loaded, load_str};

use crate::output::Failure;

/// How GENIUS files are evaluated, set once from `--semantics`.
static SEMANTICS: OnceLock<Semantics> = OnceLock::new();

/// Sets the GENIUS evaluation semantics for this run (first call wins).
pub fn set_semantics(s: Semantics) {
    let _ = SEMANTICS.set(s);
}

/// The GENIUS evaluation semantics for this run (default `genius`).
pub fn semantics() -> Semantics {
    SEMANTICS.get().copied().unwrap_or(Semantics::Genius)
}

/// Why an input could not be loaded.
pub enum InputError {
    /// The file could not be read, or is not a scenario or domain.
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
/// its warnings to stderr (importer notes on GENIUS files are only shown by `check`).
pub fn load(file: Option<&Path>) -> Result<Loaded, Failure> {
    let loaded = try_load(file)?;
    for w in loaded
        .warnings
        .iter()
        .filter(|w| !w.message.starts_with(IMPORT_NOTE))
    {
        eprintln!("{w}");
    }
    Ok(loaded)
}

const IMPORT_NOTE: &str = "import: ";

/// Whether a path names a GENIUS or GeniusWeb domain rather than an accord scenario.
fn is_domain(path: &Path) -> bool {
    path.is_dir()
        || matches!(
            accord_formats::detect(path),
            Some(Kind::GeniusWebProfile | Kind::GeniusProfile | Kind::GeniusDomain)
        )
}

/// Loads the scenario named by `file`, or the embedded default when `None`.
pub fn try_load(file: Option<&Path>) -> Result<Loaded, InputError> {
    let Some(path) = file else {
        let s = &BUILTIN_SCENARIOS[0];
        return load_str(s.toml, s.file, Format::Toml).map_err(InputError::Invalid);
    };
    if !path.exists() {
        return Err(InputError::Unreadable(format!(
            "error: cannot read `{}`: no such file or folder\n   = hint: check the path; omit FILE to use the embedded default scenario",
            path.display()
        )));
    }
    if is_domain(path) {
        return load_domain(path);
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

fn load_domain(path: &Path) -> Result<Loaded, InputError> {
    let imported = accord_formats::load(path, semantics()).map_err(|e| {
        let hint = if e.is_unsupported() {
            "accord reads additive GENIUS/GeniusWeb profiles and ANAC 2014 hyper-rectangles whose cap does not bind; try `--semantics negmas`, or convert the domain by hand"
        } else {
            "a domain folder holds one GENIUS domain XML and its profile XMLs (or GeniusWeb JSON profiles)"
        };
        InputError::Unreadable(format!("error: {e}\n   = hint: {hint}"))
    })?;
    let name = path.display().to_string();
    // The importer has validated the document already; its warnings are in `imported.warnings`.
    let mut loaded = Loaded {
        scenario: imported.scenario,
        warnings: Vec::new(),
    };
    for w in imported.warnings {
        let mut d = Diagnostic::warning(DocPath::root(), format!("{IMPORT_NOTE}{w}"));
        d.file = Some(name.clone());
        loaded.warnings.push(d);
    }
    Ok(loaded)
}
