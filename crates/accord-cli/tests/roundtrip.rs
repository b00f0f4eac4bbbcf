//! Round trips through the CLI: `export --format json`, then `check` and `show` of the
//! export, give the same scenario as the original; TOML -> JSON -> TOML -> JSON too. Run
//! on the fixtures, the small example (when present) and the embedded default (once it is
//! a real scenario).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn accord(args: &[&str]) -> Output {
    let o = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run accord");
    assert!(
        !String::from_utf8_lossy(&o.stderr).contains("panicked"),
        "{args:?} panicked"
    );
    o
}

/// Runs accord, requires success, returns stdout.
fn ok(args: &[&str]) -> String {
    let o = accord(args);
    assert_eq!(
        o.status.code(),
        Some(0),
        "accord {args:?} failed:\n{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8")
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

const TOP_LEVEL: [&str; 7] = [
    "scenario",
    "parties",
    "issues",
    "preferences",
    "drafts",
    "events",
    "sources",
];

/// The scenario files to round-trip (`None` = the embedded default).
fn sources() -> Vec<Option<String>> {
    let mut v = vec![
        Some("tests/fixtures/valid/basic.toml".to_string()),
        Some("tests/fixtures/valid/normalize.toml".to_string()),
    ];
    if repo_root().join("scenarios/examples/small.toml").is_file() {
        v.push(Some("scenarios/examples/small.toml".into()));
    } else {
        println!("note: scenarios/examples/small.toml does not exist yet");
    }
    if default_is_real() {
        v.push(None);
    }
    v
}

/// Whether the embedded default is a real scenario rather than a placeholder.
fn default_is_real() -> bool {
    let text = ok(&["scenarios", "show", "ukraine-2025-11"]);
    let real = text.contains("[[parties]]");
    if !real {
        println!("note: the embedded default is still a placeholder; skipping it");
    }
    real
}

fn with_file<'a>(args: &[&'a str], file: Option<&'a str>) -> Vec<&'a str> {
    let mut v = args.to_vec();
    if let Some(f) = file {
        v.insert(1, f);
    }
    v
}

#[test]
fn show_json_has_the_documented_top_level_keys() {
    for src in sources() {
        let out = ok(&with_file(&["show", "--format", "json"], src.as_deref()));
        let v = json(&out);
        let keys: Vec<&str> = v
            .as_object()
            .expect("an object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(keys, TOP_LEVEL, "{src:?}");
        assert!(v["parties"].as_array().is_some_and(|a| !a.is_empty()));
        assert!(v["preferences"].is_object());
    }
}

#[test]
fn json_export_checks_and_shows_the_same_scenario() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (k, src) in sources().into_iter().enumerate() {
        let x = dir.path().join(format!("x{k}.json"));
        let x = x.to_str().expect("utf-8 path");
        ok(&with_file(
            &["export", "--format", "json", "-o", x],
            src.as_deref(),
        ));
        let checked = ok(&["check", x]);
        assert!(checked.starts_with("ok: "), "{checked}");
        let original = ok(&with_file(&["show", "--format", "json"], src.as_deref()));
        let exported = ok(&["show", x, "--format", "json"]);
        assert_eq!(
            exported, original,
            "{src:?}: show of the JSON export differs"
        );
        // The text view agrees as well.
        let text = ok(&with_file(&["show"], src.as_deref()));
        assert_eq!(ok(&["show", x]), text, "{src:?}");
    }
}

#[test]
fn toml_json_toml_json_is_stable() {
    let dir = tempfile::tempdir().expect("temp dir");
    for (k, src) in sources().into_iter().enumerate() {
        let path = |name: &str| {
            dir.path()
                .join(format!("{k}-{name}"))
                .to_string_lossy()
                .into_owned()
        };
        let (j1, t2, j3) = (path("1.json"), path("2.toml"), path("3.json"));
        ok(&with_file(
            &["export", "--format", "json", "-o", &j1],
            src.as_deref(),
        ));
        ok(&["export", &j1, "--format", "toml", "-o", &t2]);
        ok(&["check", &t2]);
        ok(&["export", &t2, "--format", "json", "-o", &j3]);
        let a = std::fs::read_to_string(&j1).expect("j1");
        let b = std::fs::read_to_string(&j3).expect("j3");
        // TOML writes a table's plain values before its sub-tables, so the key order of a
        // map such as a red line's `when` may change; the values may not.
        assert_eq!(
            json(&a),
            json(&b),
            "{src:?}: TOML -> JSON -> TOML -> JSON differs"
        );
        // And a second TOML export is byte-for-byte the first.
        let t4 = path("4.toml");
        ok(&["export", &j3, "--format", "toml", "-o", &t4]);
        assert_eq!(
            std::fs::read_to_string(&t2).expect("t2"),
            std::fs::read_to_string(&t4).expect("t4"),
            "{src:?}"
        );
        // The original TOML and its TOML export describe the same model.
        let original = json(&ok(&with_file(
            &["show", "--format", "json"],
            src.as_deref(),
        )));
        assert_eq!(
            json(&ok(&["show", &t2, "--format", "json"])),
            original,
            "{src:?}"
        );
    }
}

#[test]
fn the_embedded_default_round_trips() {
    // Named separately so that a placeholder default shows up as a skipped note here.
    if !default_is_real() {
        return;
    }
    let dir = tempfile::tempdir().expect("temp dir");
    let x = dir.path().join("default.json");
    let x = x.to_str().expect("utf-8 path");
    ok(&["export", "--format", "json", "-o", x]);
    assert!(ok(&["check", x]).starts_with("ok: `ukraine-2025-11` is valid"));
    assert_eq!(
        ok(&["show", x, "--format", "json"]),
        ok(&["show", "--format", "json"])
    );
}
