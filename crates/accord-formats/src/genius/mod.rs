//! GENIUS XML: domain and profile files, read under GENIUS 10.4 or NegMAS 0.16 rules, and
//! written back.

pub(crate) mod convert;
pub(crate) mod write;
pub(crate) mod xml;

use std::path::{Path, PathBuf};

use crate::error::{ErrorKind, FormatError};
use crate::ids::sanitize;
use crate::{Imported, Kind, Semantics, TextFile, finish};

/// Parses a GENIUS `pareto.xml` (which is comma-separated utility pairs, not XML).
pub(crate) fn parse_pareto_csv(text: &str) -> Option<Vec<Vec<f64>>> {
    let mut rows = Vec::new();
    for line in text.lines() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let row: Option<Vec<f64>> = line.split(',').map(xml::parse_f64).collect();
        rows.push(row.filter(|r| !r.is_empty())?);
    }
    (!rows.is_empty()).then_some(rows)
}

/// Reads GENIUS texts (a domain and its profiles) into an imported scenario.
pub(crate) fn from_texts(
    domain: &TextFile,
    profiles: &[TextFile],
    sem: Semantics,
    scenario_id: &str,
    origin: &str,
    pareto: Option<Vec<Vec<f64>>>,
    kind: Kind,
) -> Result<Imported, FormatError> {
    let d = xml::parse_domain(&domain.text, Path::new(&domain.name))?;
    let mut ps = Vec::with_capacity(profiles.len());
    for p in profiles {
        ps.push(xml::parse_profile(&p.text, Path::new(&p.name))?);
    }
    if ps.is_empty() {
        return Err(FormatError::new(
            ErrorKind::Invalid,
            "a GENIUS domain needs at least one profile to become a scenario",
        )
        .in_file(Path::new(&domain.name)));
    }
    let (doc, warnings) = convert::to_doc(&d, &ps, sem, scenario_id, origin, pareto)?;
    finish(doc, warnings, origin, kind)
}

pub(crate) fn scenario_id_for(path: &Path) -> String {
    let name = path
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let id = sanitize(&name);
    if id.is_empty() {
        "imported".to_string()
    } else {
        id
    }
}

fn read_text(path: &Path, warnings: &mut Vec<String>) -> Result<String, FormatError> {
    let bytes = std::fs::read(path).map_err(|e| FormatError::io(path, &e))?;
    Ok(xml::decode(&bytes, warnings, path))
}

/// Reads a domain file and profile files.
pub(crate) fn load_files(
    domain: &Path,
    profiles: &[PathBuf],
    sem: Semantics,
) -> Result<Imported, FormatError> {
    let mut warnings = Vec::new();
    let d = TextFile {
        name: domain.display().to_string(),
        text: read_text(domain, &mut warnings)?,
    };
    let mut ps = Vec::new();
    for p in profiles {
        ps.push(TextFile {
            name: p.display().to_string(),
            text: read_text(p, &mut warnings)?,
        });
    }
    let id = scenario_id_for(&domain.with_extension(""));
    let mut imp = from_texts(
        &d,
        &ps,
        sem,
        &id,
        &domain.display().to_string(),
        None,
        Kind::GeniusDomain,
    )?;
    warnings.append(&mut imp.warnings);
    imp.warnings = warnings;
    Ok(imp)
}

/// Loads a folder holding one GENIUS domain and its profiles. Files are recognised by
/// their root element (`utility_space` = profile; a root with a `utility_space` child =
/// domain), not by name; `pareto.xml` files (CSV) are kept as metadata.
pub(crate) fn load_folder(dir: &Path, sem: Semantics) -> Result<Imported, FormatError> {
    let entries = crate::files_in(dir, Some("xml")).map_err(|e| FormatError::io(dir, &e))?;
    let mut warnings = Vec::new();
    let mut domains = Vec::new();
    let mut profiles = Vec::new();
    let mut pareto = None;
    for path in entries {
        let text = read_text(&path, &mut warnings)?;
        let item = TextFile {
            name: path.display().to_string(),
            text,
        };
        match xml::parse_xml(&item.text, &path) {
            Ok(doc) => {
                let root = doc.root_element();
                if xml::is_profile_root(root) {
                    profiles.push(item);
                } else if xml::is_domain_root(root) {
                    domains.push(item);
                } else {
                    warnings.push(format!(
                        "{}: root <{}> is neither a GENIUS domain nor a profile; skipped",
                        path.display(),
                        root.tag_name().name()
                    ));
                }
            }
            Err(e) => match parse_pareto_csv(&item.text) {
                Some(rows) => {
                    if pareto.is_some() {
                        warnings.push(format!("{}: a second Pareto file; ignored", path.display()));
                    } else {
                        pareto = Some(rows);
                    }
                }
                None => return Err(e),
            },
        }
    }
    let domain = match domains.len() {
        1 => domains.remove(0),
        0 => {
            return Err(FormatError::new(
                ErrorKind::NoDomain,
                "no GENIUS domain file (an XML file whose root has a <utility_space> child) in this folder",
            )
            .in_file(dir));
        }
        _ => {
            return Err(FormatError::new(
                ErrorKind::NoDomain,
                format!(
                    "several GENIUS domain files in this folder: {}",
                    domains
                        .iter()
                        .map(|d| d.name.clone())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            )
            .in_file(dir));
        }
    };
    let id = scenario_id_for(dir);
    let mut imp = from_texts(
        &domain,
        &profiles,
        sem,
        &id,
        &dir.display().to_string(),
        pareto,
        Kind::GeniusFolder,
    )?;
    warnings.append(&mut imp.warnings);
    imp.warnings = warnings;
    Ok(imp)
}
