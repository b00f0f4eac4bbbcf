//! GENIUS XML and GeniusWeb JSON for accord.
//!
//! [GENIUS](https://ii.tudelft.nl/genius/) and GeniusWeb are the platforms of the Automated
//! Negotiating Agents Competition (ANAC); most public negotiation domains are in their
//! formats. This crate turns such domains into an accord [`ScenarioDoc`], so that they go
//! through the same validation and engines as TOML scenarios, and writes scenarios back.
//!
//! - [`load_folder`] reads a folder holding one domain and its profiles (files are recognised
//!   by content, not name); [`load_genius_files`] / [`load_geniusweb_files`] take explicit
//!   files; [`detect`] says what a path holds.
//! - [`Semantics`] chooses how GENIUS XML is evaluated: [`Semantics::Genius`] follows GENIUS
//!   10.4 (discrete evaluations divided by the issue maximum, integer evaluators
//!   `clamp01(offset + slope·(x − lowerbound))`, weights renormalised, ANAC 2014 profiles
//!   `min(1, F/maxutility)`); [`Semantics::Negmas`] reproduces what NegMAS 0.16 computes
//!   (raw evaluations, `offset + slope·x` unclamped, raw hyper-rectangle sums with strict
//!   bounds). NegMAS imports use `utility_scale = "raw"`.
//! - [`write_genius`] and [`write_geniusweb`] write a scenario as GENIUS XML or GeniusWeb
//!   JSON; the `*_texts` functions do the same in memory.
//! - [`Imported`] carries the document and every warning (a renormalised weight, an ignored
//!   stray weight, ...). Errors are [`FormatError`]s that name the file, line and column,
//!   and for deliberately unsupported constructs (`constraint` profiles, `EXCLUDES`
//!   rectangles, a binding utility cap, ...) [`FormatError::construct`] names the construct.
//!
//! Imported ids are sanitised names (`19'' LCD` becomes `19_LCD`); the original strings are
//! kept as option labels and issue names, and the writers use them. Per-profile details
//! (file, reservation and discount as written, `maxutility`, preference-uncertainty extras,
//! GeniusWeb reservation bids) are kept under `[scenario.metadata]`.
//!
//! # Decisions
//!
//! - **Exact, not approximate.** Evaluators become piecewise-linear value functions through
//!   their breakpoints, including the kinks where GENIUS clamps to [0, 1], so accord's
//!   utilities equal the platform's on every package (real issues: on accord's 101-point
//!   grid). Checked against NegMAS 0.16 on 15,600 sampled utilities and against the GENIUS
//!   test vectors and max-welfare oracle of the shared corpus.
//! - **The ANAC 2014 utility cap.** GENIUS computes `min(1, F/maxutility)`; accord's
//!   interaction terms are additive. The importer computes the exact maximum of `F`
//!   (maximum-weight clique of overlapping boxes) and imports the profile as interactions
//!   worth `utility/maxutility` only when the cap never binds; otherwise it fails with
//!   [`ErrorKind::Unsupported`] naming `utility cap min(1, F/maxutility)`. In the shared
//!   corpus the cap binds (e.g. `F` reaches 642 with `maxutility` 625), so those domains
//!   load only under NegMAS semantics, which has no cap.
//! - **GENIUS quirks.** A missing reservation is 0; `discount_factor` ≤ 0 or > 1 means none;
//!   stray weights (FitnessA) are ignored with a warning; weights are renormalised with a
//!   warning; items without an evaluation count 0 with a warning (NegMAS semantics rejects
//!   them, as NegMAS does); integer bounds in a `<range>` child and `parameter0/1` integer
//!   evaluators (old format) are accepted with a warning; `pareto.xml` (CSV) is kept as
//!   `metadata.genius_pareto`. No-agreement payoff (quirk 13) is left to the engines: the
//!   reservation is imported as written.
//! - **Unsupported, with a located error:** `constraint` profiles, nested objectives,
//!   `EXCLUDES` rectangles, `max`/`min` aggregation, `faratin` evaluators, discrete issues
//!   in hyper-rectangles; under NegMAS semantics also what NegMAS 0.16 itself rejects or
//!   misreads (issue indices not 1..n, `constant` evaluators, nested `ufun`s).
//! - **Writing.** Numeric issues whose step or value function the target format cannot
//!   hold are written as discrete issues (one value per grid point), which keeps every
//!   utility exact; profiles with interaction terms are written as GENIUS hyper-rectangles
//!   (numeric issues only) and cannot go to GeniusWeb; red lines are dropped with a
//!   warning. GENIUS divides discrete evaluations by their maximum, so a profile whose best
//!   option of an issue is worth less than 1 reads back exactly only under NegMAS semantics
//!   (the writer warns).
//!
//! # Example
//!
//! ```
//! use accord_formats::{Semantics, TextFile, genius_from_texts, genius_to_texts};
//!
//! let domain = TextFile::new("domain.xml", r#"<negotiation_template><utility_space>
//!   <objective index="0" name="root">
//!     <issue index="1" name="Price" type="discrete">
//!       <item index="1" value="low"/><item index="2" value="high"/>
//!     </issue>
//!     <issue index="2" name="Days" type="integer" lowerbound="1" upperbound="5"/>
//!   </objective></utility_space></negotiation_template>"#);
//! let buyer = TextFile::new("buyer.xml", r#"<utility_space><objective index="0" name="root">
//!     <issue index="1" name="Price" type="discrete">
//!       <item index="1" value="low" evaluation="10"/><item index="2" value="high" evaluation="5"/>
//!     </issue>
//!     <issue index="2" name="Days" type="integer" lowerbound="1" upperbound="5">
//!       <evaluator ftype="linear" offset="1.0" slope="-0.25"/>
//!     </issue>
//!     <weight index="1" value="0.6"/><weight index="2" value="0.6"/>
//!   </objective><reservation value="0.3"/></utility_space>"#);
//!
//! let imported = genius_from_texts(&domain, &[buyer], Semantics::Genius)?;
//! let scenario = accord_model::load_doc(imported.doc.clone(), "example")?.scenario;
//! // Weights renormalised to 0.5/0.5; "high" = 5/10; 3 days = 1 - 0.25 * (3 - 1).
//! let u = scenario.prefs(0).utility(&[1, 2]);
//! assert!((u - (0.5 * 0.5 + 0.5 * 0.5)).abs() < 1e-12);
//!
//! // And back to GENIUS XML: the domain file first, then one profile per party.
//! let (files, _warnings) = genius_to_texts(&imported.doc, Semantics::Genius)?;
//! assert_eq!(files.len(), 2);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod error;
mod genius;
mod geniusweb;
mod ids;
mod maxsum;
mod pwl;

use std::path::{Path, PathBuf};

use accord_model::{Scenario, ScenarioDoc, UtilityScale, load_doc};

pub use error::{ErrorKind, FormatError};
pub use geniusweb::{Bid, BidValue, bid_json, bid_levels, parse_bid};

/// How GENIUS XML profiles are evaluated.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub enum Semantics {
    /// GENIUS 10.4: discrete evaluations divided by the issue's maximum (all 0 when it is
    /// below 1e-5); integer `clamp01(offset + slope·(x − lowerbound))`; real
    /// `clamp01(parameter0 + parameter1·x)`; weights renormalised to sum 1 (stray weights
    /// ignored); `reservation`/`discount_factor` found at any depth; nonlinear profiles
    /// `min(1, F/maxutility)` with inclusive bounds (imported only when the cap never binds).
    #[default]
    Genius,
    /// NegMAS 0.16 (`Scenario.from_genius_folder`): raw evaluations times raw weights, a
    /// missing weight counts 1, stray weights add a constant; integer and real `offset +
    /// slope·x` on the absolute value, unclamped; nonlinear `Σ utility·ufun weight` over
    /// rectangles with *strict* bounds `min < x < max`, `maxutility` ignored; reservation and
    /// discount read only as children of the root; issues must be indexed 1..n. Utilities
    /// are raw (`utility_scale = "raw"`).
    Negmas,
}

impl Semantics {
    /// `genius` or `negmas`.
    pub fn as_str(self) -> &'static str {
        match self {
            Semantics::Genius => "genius",
            Semantics::Negmas => "negmas",
        }
    }

    /// Parses `genius` or `negmas`.
    pub fn parse(s: &str) -> Option<Semantics> {
        match s.to_ascii_lowercase().as_str() {
            "genius" => Some(Semantics::Genius),
            "negmas" => Some(Semantics::Negmas),
            _ => None,
        }
    }

    fn describe(self) -> &'static str {
        match self {
            Semantics::Genius => "GENIUS 10.4",
            Semantics::Negmas => "NegMAS 0.16",
        }
    }

    /// The semantics a document was imported with (its `semantics` metadata), else `Negmas`
    /// for raw-scale documents and `Genius` otherwise.
    pub fn of_doc(doc: &ScenarioDoc) -> Semantics {
        doc.scenario
            .metadata
            .get("semantics")
            .and_then(serde_json::Value::as_str)
            .and_then(Semantics::parse)
            .unwrap_or(match doc.scenario.utility_scale {
                UtilityScale::Raw => Semantics::Negmas,
                UtilityScale::Unit => Semantics::Genius,
            })
    }
}

impl std::fmt::Display for Semantics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Semantics {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Semantics::parse(s)
            .ok_or_else(|| format!("unknown semantics `{s}` (use `genius` or `negmas`)"))
    }
}

/// What a path holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A folder with a GENIUS domain XML and its profiles.
    GeniusFolder,
    /// A folder with GeniusWeb JSON files.
    GeniusWebFolder,
    /// A GENIUS domain file.
    GeniusDomain,
    /// A GENIUS profile file.
    GeniusProfile,
    /// A GeniusWeb domain file.
    GeniusWebDomain,
    /// A GeniusWeb profile file (it embeds its domain).
    GeniusWebProfile,
}

/// A file held in memory: a name (used in messages and as the written file name) and text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextFile {
    /// File name (or path).
    pub name: String,
    /// Contents.
    pub text: String,
}

impl TextFile {
    /// A file from a name and its text.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        TextFile {
            name: name.into(),
            text: text.into(),
        }
    }
}

/// An imported scenario: a document that passed accord's validation, and the warnings
/// raised on the way.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The scenario document (it is known to be valid).
    pub doc: ScenarioDoc,
    /// The same document validated into engines' indexed form, so callers need not
    /// validate it a second time.
    pub scenario: Scenario,
    /// Things that were accepted but deserve a look, each naming its file and place.
    pub warnings: Vec<String>,
    /// What was read.
    pub kind: Kind,
}

/// Files written by [`write_genius`] / [`write_geniusweb`].
#[derive(Debug, Clone)]
pub struct Written {
    /// The files, domain first.
    pub files: Vec<PathBuf>,
    /// Lossy conversions (dropped red lines, rescaled utilities, ...).
    pub warnings: Vec<String>,
}

/// Validates an imported document and collects the validator's warnings.
fn finish(
    doc: ScenarioDoc,
    mut warnings: Vec<String>,
    origin: &str,
    kind: Kind,
) -> Result<Imported, FormatError> {
    match load_doc(doc.clone(), origin) {
        Ok(loaded) => {
            warnings.extend(loaded.warnings.iter().map(ToString::to_string));
            Ok(Imported {
                doc,
                scenario: loaded.scenario,
                warnings,
                kind,
            })
        }
        Err(e) => Err(FormatError::new(
            ErrorKind::Validation,
            format!("the imported scenario is not valid:\n{e}"),
        )
        .in_file(Path::new(origin))),
    }
}

fn sniff_file(path: &Path) -> Option<Kind> {
    let bytes = std::fs::read(path).ok()?;
    let mut w = Vec::new();
    let text = genius::xml::decode(&bytes, &mut w, path);
    let t = text.trim_start();
    if t.starts_with('<') {
        let doc = genius::xml::parse_xml(&text, path).ok()?;
        let root = doc.root_element();
        if genius::xml::is_profile_root(root) {
            Some(Kind::GeniusProfile)
        } else if genius::xml::is_domain_root(root) {
            Some(Kind::GeniusDomain)
        } else {
            None
        }
    } else if t.starts_with('{') {
        let v: serde_json::Value = serde_json::from_str(t).ok()?;
        geniusweb::classify(&v)
    } else {
        None
    }
}

/// The files of a folder whose extension is `ext` (any case; every file when `None`),
/// sorted by path so that loading does not depend on the file system's order.
pub(crate) fn files_in(dir: &Path, ext: Option<&str>) -> std::io::Result<Vec<PathBuf>> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && ext.is_none_or(|want| {
                    p.extension()
                        .and_then(|e| e.to_str())
                        .is_some_and(|e| e.eq_ignore_ascii_case(want))
                })
        })
        .collect();
    entries.sort();
    Ok(entries)
}

/// Says what a path holds: a GENIUS or GeniusWeb folder, or a single domain or profile
/// file. Files are recognised by content (root element, top-level keys), not by name.
pub fn detect(path: &Path) -> Option<Kind> {
    if path.is_dir() {
        let entries = files_in(path, None).ok()?;
        let kinds: Vec<Kind> = entries.iter().filter_map(|p| sniff_file(p)).collect();
        if kinds.contains(&Kind::GeniusDomain) {
            Some(Kind::GeniusFolder)
        } else if kinds
            .iter()
            .any(|k| matches!(k, Kind::GeniusWebDomain | Kind::GeniusWebProfile))
        {
            Some(Kind::GeniusWebFolder)
        } else {
            None
        }
    } else {
        sniff_file(path)
    }
}

/// Loads a folder holding one GENIUS domain and its profiles, or GeniusWeb JSON files.
///
/// Each profile becomes a principal party whose id is derived from the file name.
pub fn load_folder(dir: &Path, semantics: Semantics) -> Result<Imported, FormatError> {
    match detect(dir) {
        Some(Kind::GeniusFolder) => genius::load_folder(dir, semantics),
        Some(Kind::GeniusWebFolder) => geniusweb::load_folder(dir, semantics),
        _ if !dir.is_dir() => Err(FormatError::new(ErrorKind::Io, "not a folder").in_file(dir)),
        _ => Err(FormatError::new(
            ErrorKind::NoDomain,
            "no GENIUS domain XML or GeniusWeb JSON in this folder",
        )
        .in_file(dir)),
    }
}

/// Loads a folder (see [`load_folder`]) or a single GeniusWeb profile file (which embeds
/// its domain).
pub fn load(path: &Path, semantics: Semantics) -> Result<Imported, FormatError> {
    if path.is_dir() {
        return load_folder(path, semantics);
    }
    match detect(path) {
        Some(Kind::GeniusWebProfile) => geniusweb::load_files(
            None,
            &[path.to_path_buf()],
            semantics,
            Kind::GeniusWebProfile,
        ),
        Some(Kind::GeniusProfile | Kind::GeniusDomain) => Err(FormatError::new(
            ErrorKind::NoDomain,
            "a single GENIUS file is not a scenario: load the folder with the domain and its profiles",
        )
        .in_file(path)),
        Some(Kind::GeniusWebDomain) => Err(FormatError::new(
            ErrorKind::Invalid,
            "a GeniusWeb domain alone has no preferences: load the folder with its profiles",
        )
        .in_file(path)),
        _ => Err(FormatError::new(
            ErrorKind::Invalid,
            "neither a GENIUS/GeniusWeb folder nor a GeniusWeb profile",
        )
        .in_file(path)),
    }
}

/// Loads a GENIUS domain file and profile files.
pub fn load_genius_files(
    domain: &Path,
    profiles: &[PathBuf],
    semantics: Semantics,
) -> Result<Imported, FormatError> {
    genius::load_files(domain, profiles, semantics)
}

/// Loads GeniusWeb profile files and, optionally, the domain file (profiles embed it).
pub fn load_geniusweb_files(
    domain: Option<&Path>,
    profiles: &[PathBuf],
    semantics: Semantics,
) -> Result<Imported, FormatError> {
    geniusweb::load_files(domain, profiles, semantics, Kind::GeniusWebFolder)
}

/// Reads GENIUS XML held in memory: a domain and its profiles.
pub fn genius_from_texts(
    domain: &TextFile,
    profiles: &[TextFile],
    semantics: Semantics,
) -> Result<Imported, FormatError> {
    let id = genius::scenario_id_for(&Path::new(&domain.name).with_extension(""));
    genius::from_texts(
        domain,
        profiles,
        semantics,
        &id,
        &domain.name,
        None,
        Kind::GeniusDomain,
    )
}

/// Reads GeniusWeb JSON held in memory: an optional domain and profiles.
pub fn geniusweb_from_texts(
    domain: Option<&TextFile>,
    profiles: &[TextFile],
    semantics: Semantics,
) -> Result<Imported, FormatError> {
    let base = domain
        .or(profiles.first())
        .map_or("imported", |f| f.name.as_str());
    let id = genius::scenario_id_for(&Path::new(base).with_extension(""));
    geniusweb::from_texts(
        domain,
        profiles,
        semantics,
        &id,
        base,
        Kind::GeniusWebFolder,
    )
}

/// Writes a scenario as GENIUS XML texts (domain first, then one profile per party with
/// preferences), for reading back under `semantics`. Returns the files and the warnings
/// about anything the format cannot hold.
pub fn genius_to_texts(
    doc: &ScenarioDoc,
    semantics: Semantics,
) -> Result<(Vec<TextFile>, Vec<String>), FormatError> {
    genius::write::to_texts(doc, semantics)
}

/// Writes a scenario as GeniusWeb JSON texts (domain first, then one profile per party).
pub fn geniusweb_to_texts(doc: &ScenarioDoc) -> Result<(Vec<TextFile>, Vec<String>), FormatError> {
    geniusweb::to_texts(doc)
}

fn write_all(
    dir: &Path,
    files: Vec<TextFile>,
    warnings: Vec<String>,
) -> Result<Written, FormatError> {
    std::fs::create_dir_all(dir).map_err(|e| FormatError::io(dir, &e))?;
    let mut out = Vec::with_capacity(files.len());
    for f in files {
        let p = dir.join(&f.name);
        std::fs::write(&p, f.text).map_err(|e| FormatError::io(&p, &e))?;
        out.push(p);
    }
    Ok(Written {
        files: out,
        warnings,
    })
}

/// Writes a scenario as GENIUS XML into `dir` (created if needed), under the semantics it
/// was imported with ([`Semantics::of_doc`]).
pub fn write_genius(doc: &ScenarioDoc, dir: &Path) -> Result<Written, FormatError> {
    write_genius_with(doc, dir, Semantics::of_doc(doc))
}

/// Writes a scenario as GENIUS XML into `dir`, for reading back under `semantics`
/// (NegMAS reads integer offsets on absolute values and hyper-rectangle bounds strictly).
pub fn write_genius_with(
    doc: &ScenarioDoc,
    dir: &Path,
    semantics: Semantics,
) -> Result<Written, FormatError> {
    let (files, warnings) = genius_to_texts(doc, semantics)?;
    write_all(dir, files, warnings)
}

/// Writes a scenario as GeniusWeb JSON into `dir` (created if needed).
pub fn write_geniusweb(doc: &ScenarioDoc, dir: &Path) -> Result<Written, FormatError> {
    let (files, warnings) = geniusweb_to_texts(doc)?;
    write_all(dir, files, warnings)
}
