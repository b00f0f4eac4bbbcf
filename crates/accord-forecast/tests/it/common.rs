//! Shared helpers: where the reference cases live and how to load them.

use std::path::PathBuf;

/// `/work/shared/reference`, found relative to this crate (`../../../shared/reference`).
pub fn reference_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/reference")
}

/// The parsed JSON of reference file `name`, or `None` (with a message saying the test is
/// skipped) when the file is absent.
pub fn load_reference(name: &str) -> Option<serde_json::Value> {
    let path = reference_dir().join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(serde_json::from_str(&text).expect("reference JSON parses")),
        Err(e) => {
            println!(
                "skipping: reference file `{}` is not readable ({e})",
                path.display()
            );
            None
        }
    }
}

/// The reference file `name` as text, or `None` with a skip message.
pub fn load_text(name: &str) -> Option<String> {
    let path = reference_dir().join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) => {
            println!(
                "skipping: reference file `{}` is not readable ({e})",
                path.display()
            );
            None
        }
    }
}

/// A JSON array of numbers as a vector.
pub fn numbers(v: &serde_json::Value) -> Vec<f64> {
    v.as_array()
        .expect("a JSON array")
        .iter()
        .map(|x| x.as_f64().expect("a number"))
        .collect()
}
