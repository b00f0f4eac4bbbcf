//! Reading and writing scenario files (TOML and JSON), with located diagnostics.

use std::path::Path;

use crate::diag::{Diagnostic, DocPath, json_offset, toml_offset_in};
use crate::doc::ScenarioDoc;
use crate::model::Scenario;
use crate::validate::validate;

/// A scenario file format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// TOML, for people.
    Toml,
    /// JSON, for machines.
    Json,
}

impl Format {
    /// Guesses the format from a file name (`.json` is JSON, anything else TOML).
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Why a scenario could not be loaded: every diagnostic, located in the file.
#[derive(Debug, Clone, thiserror::Error)]
#[error("{}", render(.diagnostics))]
pub struct LoadError {
    /// Errors and warnings, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

fn render(diags: &[Diagnostic]) -> String {
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut s: String = diags
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    s.push_str(&format!(
        "\n{errors} error{} found",
        if errors == 1 { "" } else { "s" }
    ));
    s
}

/// A loaded scenario and the warnings its file raised.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The validated scenario.
    pub scenario: Scenario,
    /// Warnings, located in the file.
    pub warnings: Vec<Diagnostic>,
}

/// Parses a scenario document without validating it.
pub fn parse_doc(text: &str, file: &str, format: Format) -> Result<ScenarioDoc, LoadError> {
    match format {
        Format::Toml => toml::from_str::<ScenarioDoc>(text).map_err(|e| {
            let msg = e.message().trim().to_string();
            // A text that is valid TOML failed on the shape of the data, not the syntax.
            let syntax_ok = toml::de::DeTable::parse(text).is_ok();
            let mut d = Diagnostic::error(DocPath::root(), msg)
                .with_hint(toml_hint(e.message(), syntax_ok));
            d.locate_offset(file, text, e.span().map_or(0, |s| s.start));
            LoadError {
                diagnostics: vec![d],
            }
        }),
        Format::Json => serde_json::from_str::<ScenarioDoc>(text).map_err(|e| {
            let mut d = Diagnostic::error(DocPath::root(), strip_json_position(&e.to_string()))
                .with_hint("check the JSON syntax and field names against docs/scenario-format.md");
            d.locate_offset(file, text, line_col_to_offset(text, e.line(), e.column()));
            LoadError {
                diagnostics: vec![d],
            }
        }),
    }
}

fn toml_hint(msg: &str, syntax_ok: bool) -> String {
    if msg.contains("unknown field") {
        "remove the field or fix its spelling; docs/scenario-format.md lists every field".into()
    } else if msg.contains("missing field") {
        "add the field; docs/scenario-format.md shows an example".into()
    } else if syntax_ok {
        "check the value's type against docs/scenario-format.md".into()
    } else {
        "check the TOML syntax near this point".into()
    }
}

fn strip_json_position(msg: &str) -> String {
    match msg.rfind(" at line ") {
        Some(i) => msg[..i].to_string(),
        None => msg.to_string(),
    }
}

fn line_col_to_offset(text: &str, line: usize, col: usize) -> usize {
    let mut off = 0;
    for (i, l) in text.split_inclusive('\n').enumerate() {
        if i + 1 == line {
            let col_bytes: usize = l
                .chars()
                .take(col.saturating_sub(1))
                .map(char::len_utf8)
                .sum();
            return off + col_bytes;
        }
        off += l.len();
    }
    text.len()
}

/// Parses and validates a scenario from text. `file` names it in diagnostics.
pub fn load_str(text: &str, file: &str, format: Format) -> Result<Loaded, LoadError> {
    let doc = parse_doc(text, file, format)?;
    // The spanned TOML document, parsed once and only if a diagnostic needs locating.
    let spans = std::cell::OnceCell::new();
    let locate = |mut d: Diagnostic| {
        let off = match format {
            Format::Toml => spans
                .get_or_init(|| toml::de::DeTable::parse(text).ok())
                .as_ref()
                .map(|doc| toml_offset_in(doc, &d.path)),
            Format::Json => json_offset(text, &d.path),
        };
        d.locate_offset(file, text, off.unwrap_or(0));
        d
    };
    match validate(doc) {
        Ok((scenario, warnings)) => Ok(Loaded {
            scenario,
            warnings: warnings.into_iter().map(locate).collect(),
        }),
        Err(diags) => Err(LoadError {
            diagnostics: diags.into_iter().map(locate).collect(),
        }),
    }
}

/// Validates a document built in memory (e.g. by an importer). Diagnostics carry paths
/// but no line numbers.
pub fn load_doc(doc: ScenarioDoc, origin: &str) -> Result<Loaded, LoadError> {
    match validate(doc) {
        Ok((scenario, warnings)) => Ok(Loaded { scenario, warnings }),
        Err(mut diagnostics) => {
            for d in &mut diagnostics {
                d.file = Some(origin.to_string());
            }
            Err(LoadError { diagnostics })
        }
    }
}

/// Writes a document as TOML.
pub fn to_toml(doc: &ScenarioDoc) -> Result<String, toml::ser::Error> {
    toml::to_string_pretty(doc)
}

/// Writes a document as pretty JSON.
pub fn to_json(doc: &ScenarioDoc) -> Result<String, serde_json::Error> {
    serde_json::to_string_pretty(doc)
}
