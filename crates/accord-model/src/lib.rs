//! The scenario model of accord.
//!
//! A *scenario* is one negotiation: parties, issues with their options, each party's
//! preferences (weights, values, red lines, reservation), drafts of the agreement point by
//! point, the timeline of events, and the sources every judgement rests on.
//!
//! - [`ScenarioDoc`] is the file as written (TOML for people, JSON for machines; one serde model).
//! - [`load_str`] parses and validates a file into a [`Scenario`], or returns a [`LoadError`]
//!   whose [`Diagnostic`]s name the file, line, column, id and a hint.
//! - [`Scenario`] is the indexed form engines use. A package is a slice of [`Level`]s, one
//!   per issue; [`Preferences::utility`] and [`Preferences::acceptable`] evaluate it without
//!   allocating.
//! - [`BUILTIN_SCENARIOS`] holds the scenarios shipped in the binary; the first is the
//!   default (the November 2025 talks on the US 28-point plan for Ukraine).
//!
//! # Example
//!
//! ```
//! use accord_model::{load_str, Format};
//!
//! let text = r#"
//! [scenario]
//! id = "toy"
//! title = "Two parties, one issue"
//!
//! [[parties]]
//! id = "a"
//! name = "A"
//! role = "principal"
//! capability = 1
//!
//! [[parties]]
//! id = "b"
//! name = "B"
//! role = "principal"
//! capability = 1
//!
//! [[issues]]
//! id = "price"
//! name = "Price"
//! options = ["low", "mid", "high"]
//! ordered = true
//!
//! [preferences.a]
//! reservation = 0.4
//! weights = { price = 1.0 }
//! values.price = { low = 1.0, mid = 0.6, high = 0.0 }
//!
//! [preferences.b]
//! reservation = 0.4
//! weights = { price = 1.0 }
//! values.price = { low = 0.0, mid = 0.5, high = 1.0 }
//! red_lines = [{ issue = "price", option = "low" }]
//! "#;
//! let scenario = load_str(text, "toy.toml", Format::Toml)?.scenario;
//! let b = scenario.prefs(1);
//! assert!(b.acceptable(&[1]));       // mid: 0.5 >= 0.4
//! assert!(!b.acceptable(&[0]));      // low: red line
//! assert!((scenario.prefs(0).utility(&[1]) - 0.6).abs() < 1e-12);
//! # Ok::<(), accord_model::LoadError>(())
//! ```
#![warn(missing_docs)]

mod builtin;
mod diag;
mod doc;
mod load;
mod model;
mod uncertainty;
mod validate;

pub use builtin::{BUILTIN_SCENARIOS, BuiltinScenario, DEFAULT_SCENARIO, builtin};
pub use diag::{Diagnostic, DocPath, Location, PathSeg, Severity};
pub use doc::{
    ConditionDoc, DraftDoc, DraftStatus, EventDoc, Evidence, InteractionDoc, IssueDoc, IssueKind,
    Judgement, JudgementDetail, OptionDoc, PartyDoc, PointChange, PointDoc, PointsDoc,
    PreferencesDoc, RedLineDoc, Role, ScenarioDoc, ScenarioMeta, SettlementDoc, SourceDoc,
    UtilityScale, ValuesDoc,
};
pub use load::{Format, LoadError, Loaded, load_doc, load_str, parse_doc, to_json, to_toml};
pub use model::{
    Condition, Draft, EPS_UTILITY, EPS_WEIGHT_SUM, Interaction, Issue, Level, LevelInfo, LevelSet,
    Party, Point, Preferences, RedLine, Scenario,
};
pub use uncertainty::{JudgementTarget, Spread, UncertainJudgement};
pub use validate::{MAX_LEVELS, parse_date, piecewise_linear};
