//! The error type of the negotiation engines.

/// Why a negotiation, an agent or a tournament could not be set up or run.
///
/// Messages follow accord's voice: lowercase, names in backticks, and a hint where one helps.
#[derive(Debug, thiserror::Error)]
pub enum NegotiationError {
    /// The scenario cannot be negotiated as asked (too few parties, no issues, ...).
    #[error("{0}")]
    Scenario(String),
    /// The outcome space does not fit the engine (more than 2^64 packages or 64 issues).
    #[error(
        "the outcome space of `{scenario}` has about {size:.3e} packages; the negotiation engine handles at most 2^64 packages and {max_issues} issues"
    )]
    SpaceTooLarge {
        /// Scenario id.
        scenario: String,
        /// Approximate number of packages.
        size: f64,
        /// Most issues supported.
        max_issues: usize,
    },
    /// An agent name that is not in the registry.
    #[error("unknown agent `{name}`; known agents: {known}")]
    UnknownAgent {
        /// The name asked for.
        name: String,
        /// Comma-separated list of known agents.
        known: String,
    },
    /// A bad agent parameter.
    #[error("agent `{agent}`: {message}")]
    AgentParam {
        /// The agent.
        agent: String,
        /// What is wrong.
        message: String,
    },
    /// A bad protocol or tournament setting.
    #[error("{0}")]
    Config(String),
    /// Shards that cannot be merged.
    #[error("cannot merge: {0}")]
    Merge(String),
    /// Reading or writing results.
    #[error("{context}: {source}")]
    Io {
        /// What was being done ("writing `out/negotiations.csv`").
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// Malformed results file.
    #[error("{context}: {message}")]
    Parse {
        /// The file and line.
        context: String,
        /// What is wrong.
        message: String,
    },
    /// Something that should not happen; please report it.
    #[error("internal error (please report): {0}")]
    PotentialBug(String),
}

impl NegotiationError {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        NegotiationError::Io {
            context: context.into(),
            source,
        }
    }
}
