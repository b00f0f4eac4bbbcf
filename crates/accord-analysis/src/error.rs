//! The one error type of the analysis engine.

/// Why an analysis could not be carried out.
#[derive(Debug, Clone, PartialEq)]
pub enum AnalysisError {
    /// Interaction terms or combination red lines tie so many issues together that their
    /// joint options cannot be listed.
    GroupTooLarge {
        /// Ids of the issues tied together.
        issues: Vec<String>,
        /// Number of joint options (product of their option counts).
        options: f64,
        /// The largest number supported.
        limit: usize,
    },
    /// No party has stated preferences, so there is nothing to analyse.
    NoPreferences,
    /// A draft id that the scenario does not have.
    UnknownDraft {
        /// The id asked for.
        id: String,
        /// The ids the scenario has.
        known: Vec<String>,
    },
    /// A party id that the scenario does not have, or one without preferences.
    UnknownParty {
        /// The id asked for.
        id: String,
        /// The ids of the parties with preferences.
        known: Vec<String>,
    },
}

impl std::error::Error for AnalysisError {}

impl std::fmt::Display for AnalysisError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AnalysisError::GroupTooLarge {
                issues,
                options,
                limit,
            } => write!(
                f,
                "issues {} are tied together by interaction terms or combination red lines into {options:.3e} joint options; at most {limit} are supported\n   = hint: split the combinations, or coarsen the numeric issues involved (a larger `step`)",
                issues
                    .iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            AnalysisError::NoPreferences => write!(
                f,
                "no party has preferences, so there is nothing to analyse\n   = hint: add a `[preferences.PARTY]` table with weights and values"
            ),
            AnalysisError::UnknownDraft { id, known } => write!(
                f,
                "unknown draft `{id}`\n   = hint: the drafts are {}",
                list_or_none(known)
            ),
            AnalysisError::UnknownParty { id, known } => write!(
                f,
                "unknown party `{id}` (or it has no preferences)\n   = hint: parties with preferences: {}",
                list_or_none(known)
            ),
        }
    }
}

fn list_or_none(ids: &[String]) -> String {
    if ids.is_empty() {
        "(none)".into()
    } else {
        ids.iter()
            .map(|i| format!("`{i}`"))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
