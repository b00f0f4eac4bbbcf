//! Forecasting engines for accord: what the parties will settle on, issue by issue.
//!
//! Two models, each with a CSV reader for its published input format and a result that is
//! plain serde data:
//!
//! * **EUM**, Bueno de Mesquita's expected-utility model on one axis: actors with a
//!   position, capability and salience challenge each other round by round; every round
//!   reports the positions, the c·s-weighted median (the forecast) and mean, the risk
//!   exponents and the offers taken. [`read_eum_csv`] → [`EumActor`]s → [`run_eum`] with
//!   [`EumOptions`] → [`EumResult`]. Every modelling switch on which the sources disagree
//!   is a field of [`EumVariant`]; [`EumOptions::scholz`] is the variant of Scholz,
//!   Calbert & Smith's code, which reproduces the published replication of the EC example.
//! * **SMP**, KTAB's spatial model of politics: actors with positions and saliences on
//!   several dimensions, inferred risk attitudes, challenges and bargains, until a step
//!   moves little compared to the first. [`read_smp_csv`] → [`SmpInput`] → [`run_smp`] with
//!   [`SmpOptions`] (KTAB's defaults) → [`SmpResult`].
//!
//! Inputs are plain structs ([`EumActor::new`], [`SmpActor::new`], [`SmpInput::new`]), so
//! callers can build them from a scenario instead of a file. Reading errors
//! ([`CsvError`]) name the line and column; running errors ([`InputError`]) name the actor
//! and field.
//!
//! # Example
//!
//! ```
//! use accord_forecast::{EumOptions, read_eum_csv, run_eum};
//!
//! let csv = "Actor,Capability,Position,Salience
//! Netherlands,0.08,4,0.8
//! Belgium,0.08,7,0.4
//! Luxembourg,0.03,4,0.2
//! Germany,0.16,4,0.8
//! France,0.16,10,0.6
//! Italy,0.16,10,0.6
//! UK,0.16,10,0.9
//! Ireland,0.05,7,0.1
//! Denmark,0.05,4,1.0
//! Greece,0.08,7,0.7
//! ";
//! let actors = read_eum_csv(csv)?;
//! let result = run_eum(&actors, &EumOptions::scholz())?;
//! assert_eq!(result.rounds.len(), 11); // round 0 (the input) and 10 rounds
//! let first = &result.rounds[0];
//! assert!((first.weighted_median - 7.0).abs() < 1e-12);
//! assert_eq!(result.describe(&first.moves[0]), "Belgium compromises with France");
//! for round in &result.rounds {
//!     println!("round {:2}: median {:.3}", round.round, round.weighted_median);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
#![warn(missing_docs)]

mod csv_util;
mod error;
mod eum;
mod montecarlo;
mod scenario;
mod smp;
mod votes;
mod weighted;

pub use error::{CsvError, InputError};
pub use eum::{
    Convergence, ConvergenceMeasure, EumActor, EumMove, EumOptions, EumOscillation, EumResult,
    EumRound, EumStop, EumStopRule, EumVariant, OfferChoice, OfferKind, Perspective,
    ProbabilityNorm, RangeRule, StateCycle, StatusQuoForecast, VoteUtility, read_eum_csv, run_eum,
};
pub use montecarlo::{
    DraftAcceptance, Estimate, IssueDistribution, MonteCarloOptions, MonteCarloResult, Sensitivity,
    run_monte_carlo,
};
pub use scenario::{
    ScenarioInputError, axis_issues, choose_issue, eum_actors_from_scenario,
    smp_input_from_scenario,
};
pub use smp::{
    BargainInterpolation, BigRAdjust, BigRRange, SmpActor, SmpChallenge, SmpInput, SmpOptions,
    SmpOutcome, SmpResult, SmpState, SmpStop, read_smp_csv, run_smp,
};
pub use weighted::{weighted_mean, weighted_median};
