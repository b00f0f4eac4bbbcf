//! Scenarios shipped inside the binary.

/// A scenario embedded in the binary.
#[derive(Debug, Clone, Copy)]
pub struct BuiltinScenario {
    /// Id (also the `[scenario] id` in the file).
    pub id: &'static str,
    /// One-line description.
    pub title: &'static str,
    /// File name it is shown under.
    pub file: &'static str,
    /// The TOML text.
    pub toml: &'static str,
}

/// Id of the default scenario, loaded when no file is given.
pub const DEFAULT_SCENARIO: &str = "ukraine-2025-11";

/// Every embedded scenario; the first is the default.
pub const BUILTIN_SCENARIOS: &[BuiltinScenario] = &[BuiltinScenario {
    id: DEFAULT_SCENARIO,
    title: "Peace talks on the US 28-point plan for Ukraine, November 2025",
    file: "scenarios/ukraine-2025-11.toml",
    toml: include_str!("../../../scenarios/ukraine-2025-11.toml"),
}];

/// Looks up an embedded scenario by id.
pub fn builtin(id: &str) -> Option<&'static BuiltinScenario> {
    BUILTIN_SCENARIOS.iter().find(|s| s.id == id)
}
