//! Output plumbing shared by the commands: failures with exit codes, a stdout that treats
//! a closed pipe as success, and all-or-nothing file writes.

use std::io::{self, Write};
use std::path::Path;

/// Why a command stopped.
#[derive(Debug)]
pub enum Failure {
    /// Bad usage or bad input (exit 2).
    BadInput(String),
    /// Failure while running (exit 1).
    Runtime(String),
    /// The reader of our output went away (exit 0, quietly).
    BrokenPipe,
}

impl From<io::Error> for Failure {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Failure::BrokenPipe
        } else {
            Failure::Runtime(format!("error: cannot write output: {e}"))
        }
    }
}

/// Result of a command.
pub type CmdResult = Result<(), Failure>;

/// Writes a whole string to stdout.
pub fn print(s: &str) -> CmdResult {
    let mut out = io::stdout().lock();
    out.write_all(s.as_bytes())?;
    out.flush()?;
    Ok(())
}

/// Writes `contents` to `path` atomically: a temporary file in the same folder, then a
/// rename, so a failure never leaves a partial file.
pub fn write_file_atomic(path: &Path, contents: &[u8]) -> CmdResult {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    if !dir.is_dir() {
        return Err(Failure::BadInput(format!(
            "error: cannot write `{}`: folder `{}` does not exist\n   = hint: create it first, or choose another path",
            path.display(),
            dir.display()
        )));
    }
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.accord-tmp-{}", std::process::id()));
    let result = std::fs::write(&tmp, contents).and_then(|()| std::fs::rename(&tmp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Failure::Runtime(format!(
            "error: cannot write `{}`: {e}",
            path.display()
        )));
    }
    Ok(())
}

/// Serialises a value as pretty JSON followed by a newline.
pub fn json_string<T: serde::Serialize>(value: &T) -> Result<String, Failure> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| Failure::Runtime(format!("error: cannot serialise JSON: {e}")))
}
