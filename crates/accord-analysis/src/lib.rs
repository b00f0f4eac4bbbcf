//! Exact analysis of a negotiation model.
//!
//! [`Analyzer`] compiles a [`Scenario`](accord_model::Scenario) once and answers every
//! question of `accord analyze`, `accord improve` and `accord diff`; [`analyze`] does it
//! all with default [`Options`]. Results are plain serde data ([`Analysis`] and friends)
//! that the CLI, the report and later shells render.
//!
//! | question | method | result |
//! | --- | --- | --- |
//! | how does each party score each draft? | [`Analyzer::drafts`] | [`DraftScore`] |
//! | is a deal possible, and how large is the zone? | [`Analyzer::zopa`] | [`Zopa`] |
//! | what blocks it? | [`Analyzer::blockers`], [`Analyzer::reservation_cuts`] | [`Blocker`], [`ReservationCut`] |
//! | which red lines shape a non-empty zone? | [`Analyzer::red_line_influence`] | [`RedLineInfluence`] |
//! | which packages are fair and efficient? | [`Analyzer::solutions`] | [`Solutions`] |
//! | how large is the Pareto frontier? | [`Analyzer::pareto`], [`Analyzer::pareto_over`] | [`Pareto`] |
//! | can a draft be improved for all? | [`Analyzer::improve`] | [`Improvement`] |
//! | what changed between drafts? | [`Analyzer::diff`] | [`DraftDiff`] |
//!
//! [`synthetic`] generates scenarios of any size, deterministic from a seed, for
//! benchmarks and tests.
//!
//! # How it stays exact
//! The scenario is compiled into an *additive multiple-choice problem*: issues tied by an
//! interaction term or a combination red line form one group whose options are the
//! product of their levels (at most [`MAX_GROUP_OPTIONS`]); every utility is a sum over
//! groups and every red line lives inside one group. Every answer is then computed exactly
//! over groups: per-group minima and maxima for drafts, branch and bound with Lagrangian
//! and tangent (for Nash) bounds for the zone, the solutions and the blockers, counting by
//! branch and bound (whole subtrees inside or outside the zone are settled at once), and
//! the Pareto frontier by merging groups while keeping only non-dominated partial sums.
//! Nothing is sampled and presented as exact: a count whose budget ran out is reported as
//! bounds, a Pareto frontier above the limit as a proven lower bound with a labelled sample.
//!
//! Ties are broken deterministically: among packages whose objective is within
//! [`TIE_EPS`] of the optimum, the lowest in lexicographic level order (issue order, then
//! option order) is reported.
//!
//! # Example
//!
//! ```
//! use accord_analysis::{Analyzer, Count};
//! use accord_model::{load_str, Format};
//!
//! let text = r#"
//! [scenario]
//! id = "toy"
//! title = "Two parties, two issues"
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
//!
//! [[issues]]
//! id = "term"
//! name = "Term"
//! options = ["short", "long"]
//!
//! [preferences.a]
//! reservation = 0.4
//! weights = { price = 0.7, term = 0.3 }
//! values.price = { low = 1.0, mid = 0.6, high = 0.0 }
//! values.term = { short = 0.0, long = 1.0 }
//!
//! [preferences.b]
//! reservation = 0.5
//! weights = { price = 0.6, term = 0.4 }
//! values.price = { low = 0.0, mid = 0.5, high = 1.0 }
//! values.term = { short = 1.0, long = 0.0 }
//! red_lines = [{ issue = "price", option = "low" }]
//! "#;
//! let scenario = load_str(text, "toy.toml", Format::Toml)?.scenario;
//! let an = Analyzer::new(&scenario).expect("compiles");
//! let zopa = an.zopa();
//! // Only price=mid, term=short is acceptable to both: a gets 0.42, b 0.70.
//! assert!(zopa.exists);
//! assert_eq!(zopa.count, Some(Count::Exact(1)));
//! let nash = an.solutions().nash.expect("the zone is not empty");
//! assert_eq!(nash.package.get("price"), Some("mid"));
//! assert_eq!(nash.package.get("term"), Some("short"));
//! assert!((nash.utilities[0].utility - 0.42).abs() < 1e-12);
//! # Ok::<(), accord_model::LoadError>(())
//! ```
#![warn(missing_docs)]
// Numerical kernels index several parallel arrays by the same column or group index.
#![allow(clippy::needless_range_loop)]

mod analysis;
mod compile;
mod count;
mod error;
mod pareto;
mod problem;
mod results;
mod search;
pub mod synthetic;

pub use analysis::{Analyzer, ENUMERATION_LIMIT, Options, analyze, fmt_count};
pub use compile::MAX_GROUP_OPTIONS;
pub use error::AnalysisError;
pub use pareto::PARETO_EPS;
pub use results::{
    Analysis, Blocker, Constraint, Count, CountEstimate, DraftDiff, DraftScore, ImprovedPackage,
    Improvement, IssueChange, Package, Pareto, PartyDelta, PartyScore, PartyUtility,
    PointChangeInfo, PointRef, RedLineHit, RedLineInfluence, ReservationCut, Solution, Solutions,
    SpaceInfo, Zopa,
};
pub use search::TIE_EPS;
