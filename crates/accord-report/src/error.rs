//! Errors of chart and report rendering.

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ReportError {
    /// A party id that the scenario does not have, or that has no preferences.
    #[error("unknown party `{id}` (parties with preferences: {known})")]
    UnknownParty {
        /// The id asked for.
        id: String,
        /// The ids that would work, comma-separated.
        known: String,
    },
    /// A chart needs something the scenario does not have.
    #[error("{0}")]
    Unavailable(String),
    /// The drawing library failed (a bug: please report it).
    #[error("cannot draw the chart: {0} (this is a bug in accord; please report it)")]
    Drawing(String),
}

impl ReportError {
    pub(crate) fn drawing<E: std::fmt::Display>(e: E) -> Self {
        ReportError::Drawing(e.to_string())
    }
}
