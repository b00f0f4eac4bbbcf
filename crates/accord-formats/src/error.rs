//! Errors: what went wrong, in which file, at which line and column.

use std::fmt;
use std::path::{Path, PathBuf};

/// What kind of problem a [`FormatError`] reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A file or folder could not be read or written.
    Io,
    /// The file is not well-formed XML or JSON.
    Syntax,
    /// The file is well-formed but its content is wrong (a missing attribute, a value
    /// that names no issue, a number that does not parse, ...).
    Invalid,
    /// The file uses a construct this crate deliberately does not support (e.g. a
    /// `constraint` profile, an `EXCLUDES` hyper-rectangle, a `faratin` evaluator).
    Unsupported,
    /// A folder holds no domain file, or several.
    NoDomain,
    /// The imported scenario does not pass accord's own validation.
    Validation,
}

impl ErrorKind {
    fn label(self) -> &'static str {
        match self {
            ErrorKind::Io => "cannot read or write",
            ErrorKind::Syntax => "syntax error",
            ErrorKind::Invalid => "invalid content",
            ErrorKind::Unsupported => "unsupported",
            ErrorKind::NoDomain => "no domain",
            ErrorKind::Validation => "invalid scenario",
        }
    }
}

/// An import or export error, located in a file when possible.
///
/// Displayed as `file:line:column: kind: message` (line and column when known).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FormatError {
    /// The kind of problem.
    pub kind: ErrorKind,
    /// The file (or folder) concerned.
    pub file: Option<PathBuf>,
    /// Line and column (from 1), when the problem is at a known place in the file.
    pub location: Option<(u32, u32)>,
    /// For [`ErrorKind::Unsupported`]: the construct, e.g. `utility_space type="constraint"`.
    pub construct: Option<String>,
    /// What is wrong, in words.
    pub message: String,
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}", file.display())?;
            if let Some((l, c)) = self.location {
                write!(f, ":{l}:{c}")?;
            }
            write!(f, ": ")?;
        }
        write!(f, "{}: {}", self.kind.label(), self.message)
    }
}

impl std::error::Error for FormatError {}

impl FormatError {
    /// A new error of `kind` with a message.
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        FormatError {
            kind,
            file: None,
            location: None,
            construct: None,
            message: message.into(),
        }
    }

    /// Sets the file.
    #[must_use]
    pub fn in_file(mut self, file: &Path) -> Self {
        self.file = Some(file.to_path_buf());
        self
    }

    /// Sets the line and column.
    #[must_use]
    pub fn at(mut self, pos: Option<(u32, u32)>) -> Self {
        self.location = pos;
        self
    }

    /// An I/O error on `path`.
    pub fn io(path: &Path, err: &std::io::Error) -> Self {
        FormatError::new(ErrorKind::Io, err.to_string()).in_file(path)
    }

    /// Invalid content at a place in a file.
    pub(crate) fn invalid(file: &Path, pos: Option<(u32, u32)>, msg: impl Into<String>) -> Self {
        FormatError::new(ErrorKind::Invalid, msg)
            .in_file(file)
            .at(pos)
    }

    /// An unsupported construct at a place in a file.
    pub(crate) fn unsupported(
        file: &Path,
        pos: Option<(u32, u32)>,
        construct: impl Into<String>,
        msg: impl Into<String>,
    ) -> Self {
        let construct = construct.into();
        let msg = msg.into();
        FormatError {
            kind: ErrorKind::Unsupported,
            file: Some(file.to_path_buf()),
            location: pos,
            message: format!("{construct}: {msg}"),
            construct: Some(construct),
        }
    }

    /// Whether the error reports a deliberately unsupported construct.
    pub fn is_unsupported(&self) -> bool {
        self.kind == ErrorKind::Unsupported
    }
}
