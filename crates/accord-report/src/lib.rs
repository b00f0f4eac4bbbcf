//! Reports and charts for accord: the shell that turns a scenario and its analysis into
//! pictures and one self-contained HTML page.
//!
//! - [`render_report`] writes the whole report as one HTML file: the verdict first ("Is a
//!   deal possible?"), the parties and their red lines, what each party values, every draft
//!   scored point by point, what changed between drafts, the zone of possible agreement and
//!   the smallest concessions that would open it, the bargaining solutions side by side, the
//!   timeline with its sources. It loads nothing from outside (inline CSS and SVG, a
//!   Content-Security-Policy that forbids loading anything), escapes all scenario text, and
//!   prints well. [`ReportOptions::extra_sections`] takes further [`Section`]s built with
//!   [`Html`], which escapes everything it is given: [`forecast_section`] renders
//!   `accord-forecast`'s Monte Carlo result (the probability of a deal, a tornado chart of
//!   what moves it, the chance each party accepts each draft).
//! - [`Chart`] is any chart, drawn with plotters as SVG ([`Chart::svg`], with tooltips) or
//!   PNG ([`Chart::png`], twice the size, with the embedded DejaVu Sans font). Its data is
//!   built separately, so it can be tested and filled by other engines:
//!   [`UtilitySpace`] (two parties' utilities over every package, or a seeded sample of
//!   large spaces, with the Pareto frontier, reservations, drafts and bargaining solutions),
//!   [`DraftsChart`] (every party's utility in every draft), [`Heatmap`] (option values and
//!   issue weights per party), [`Timeline`] (events and drafts, one lane per party) and
//!   [`Tornado`] (the swing of an output over `(label, low, high)` inputs).
//! - Every party keeps one colour in every chart and table ([`PartyColors`], the
//!   Okabe–Ito palette, safe for the common forms of colour blindness); values use viridis.
//!
//! The crate renders; it computes nothing an engine should. The frontier of the utility
//! space comes from `accord-analysis` (exact) and is computed from the cloud, and labelled
//! approximate, only if the engine cannot give it.
//!
//! # Example
//!
//! ```
//! use accord_analysis::synthetic::{Params, generate};
//! use accord_report::{Chart, ReportOptions, SpaceOptions, UtilitySpace, render_report};
//!
//! let scenario = generate(&Params { issues: 4, options: 3, parties: 2, ..Params::default() });
//! let analysis = accord_analysis::analyze(&scenario)?;
//!
//! let html = render_report(&scenario, &analysis, &ReportOptions::default());
//! assert!(html.starts_with("<!DOCTYPE html>"));
//! assert!(html.contains("Is a deal possible?"));
//!
//! let space = UtilitySpace::build(&scenario, &analysis, &SpaceOptions::default())?;
//! assert_eq!(space.cloud.len(), 81); // 3^4 packages, all drawn
//! let svg = Chart::UtilitySpace(space).svg()?;
//! assert!(svg.starts_with("<svg"));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod charts;
mod data;
mod dates;
mod error;
mod forecast;
mod html;
mod palette;
mod report;

pub use charts::{Chart, PNG_SCALE};
pub use data::{
    CloudKind, DraftAxis, DraftMark, DraftValue, DraftsChart, HEATMAP_NUMERIC_ROWS, HeatGroup,
    HeatRow, Heatmap, ItemKind, Lane, PartyRef, PartySeries, SolutionMark, SpaceOptions, Timeline,
    TimelineItem, Tornado, TornadoRow, UtilitySpace,
};
pub use error::ReportError;
pub use forecast::{TORNADO_ROWS, forecast_section};
pub use html::{Html, anchor, escape, safe_url};
pub use palette::{PARTY_PALETTE, PartyColors, Rgb, viridis};
pub use report::{CSP, ReportOptions, Section, render_report};
