//! The embedded scenarios load cleanly.

use accord_model::{BUILTIN_SCENARIOS, Format, load_str};

#[test]
fn every_builtin_scenario_is_valid_without_warnings() {
    for s in BUILTIN_SCENARIOS {
        match load_str(s.toml, s.file, Format::Toml) {
            Ok(loaded) => {
                let warnings: Vec<String> =
                    loaded.warnings.iter().map(ToString::to_string).collect();
                assert!(
                    warnings.is_empty(),
                    "{} has warnings:\n{}",
                    s.id,
                    warnings.join("\n")
                );
                assert_eq!(loaded.scenario.doc.scenario.id, s.id);
            }
            Err(e) => panic!("{} does not load:\n{e}", s.id),
        }
    }
}
