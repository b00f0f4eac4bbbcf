//! Behaviour of the `accord` binary: help, exit codes, closed pipes, `new`, `export`,
//! `scenarios`, and the commands that are not built yet.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

mod common;
use common::*;

const BASIC: &str = "tests/fixtures/valid/basic.toml";

fn tempdir() -> tempfile::TempDir {
    tempfile::tempdir().expect("temp dir")
}

/// Names of the files in a folder.
fn files_in(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .expect("read dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

// ---- Help and usage ----

#[test]
fn help_mentions_examples_and_exit_codes() {
    let o = accord(&["--help"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("Examples:"), "{out}");
    assert!(out.contains("accord check my-talks.toml"), "{out}");
    assert!(out.contains("Exit codes"), "{out}");
    for cmd in ["check", "show", "export", "new", "scenarios"] {
        let o = accord(&[cmd, "--help"]);
        assert_code(&o, 0);
        assert!(
            stdout(&o).contains("Examples:"),
            "`accord {cmd} --help`:\n{}",
            stdout(&o)
        );
    }
}

#[test]
fn version_prints_the_crate_version() {
    let o = accord(&["--version"]);
    assert_code(&o, 0);
    assert_eq!(
        stdout(&o).trim(),
        format!("accord {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn bad_usage_exits_2() {
    for args in [
        &["frobnicate"][..],
        &[],
        &["show", "--format", "xml"],
        &["check", "--no-such-flag"],
        &["export", "--format", "json"],
        &["scenarios", "show"],
    ] {
        let o = accord(args);
        assert_code(&o, 2);
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
        assert!(!stderr(&o).is_empty(), "{args:?}");
    }
    let o = accord(&["frobnicate"]);
    assert!(
        stderr(&o).contains("unrecognized subcommand 'frobnicate'"),
        "{}",
        stderr(&o)
    );
}

#[test]
fn a_missing_file_exits_2_and_names_the_path() {
    let o = accord(&["check", "no/such/scenario.toml"]);
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(err.contains("cannot read `no/such/scenario.toml`"), "{err}");
    assert!(err.contains("hint:"), "{err}");
    for cmd in ["show", "export"] {
        let mut args = vec![cmd, "missing.json"];
        if cmd == "export" {
            args.extend(["--format", "toml", "-o", "-"]);
        }
        let o = accord(&args);
        assert_code(&o, 2);
        assert!(stderr(&o).contains("`missing.json`"), "{}", stderr(&o));
    }
}

#[test]
fn a_folder_is_not_a_scenario_file() {
    // (A folder may hold an importable domain; this one does not.)
    let o = accord(&["check", "tests/fixtures"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("tests/fixtures"), "{}", stderr(&o));
}

// ---- check and show ----

#[test]
fn check_reports_a_summary() {
    let o = accord(&["check", BASIC]);
    assert_code(&o, 0);
    assert_eq!(
        stdout(&o),
        "ok: `basic` is valid: 3 parties, 4 issues (135 packages), 2 drafts, 2 events, 1 sources, 0 warnings\n"
    );
    let o = accord(&["check", BASIC, "--format", "json"]);
    assert_code(&o, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(
        v,
        serde_json::json!({"valid": true, "scenario": "basic", "diagnostics": []})
    );
}

#[test]
fn warnings_go_to_stderr_with_their_location_and_do_not_fail() {
    let dir = tempdir();
    let text = std::fs::read_to_string(repo_root().join(BASIC)).expect("fixture");
    // A red-line bound that matches no value of its issue is a warning.
    let text = text.replace(
        "{ issue = \"price\", at_least = 175 }",
        "{ issue = \"price\", at_least = 500 }",
    );
    let file = dir.path().join("warn.toml");
    std::fs::write(&file, &text).expect("write");
    let line = text
        .lines()
        .position(|l| l.contains("at_least = 500"))
        .expect("line")
        + 1;
    let o = accord_in(dir.path(), &["check", "warn.toml"]);
    assert_code(&o, 0);
    assert!(stdout(&o).ends_with(", 1 warning\n"), "{}", stdout(&o));
    let err = stderr(&o);
    assert!(err.starts_with("warning: "), "{err}");
    assert!(err.contains(&format!("--> warn.toml:{line}:")), "{err}");
    assert!(err.contains("matches no value"), "{err}");
    let o = accord_in(dir.path(), &["check", "warn.toml", "--format", "json"]);
    assert_code(&o, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).expect("JSON");
    assert_eq!(v["diagnostics"][0]["severity"], "warning");
    assert_eq!(v["diagnostics"][0]["location"]["line"], line);
}

#[test]
fn show_renders_the_scenario_for_people() {
    let o = accord(&["show", BASIC]);
    assert_code(&o, 0);
    let out = stdout(&o);
    for want in [
        "Basic fixture: a supply contract",
        "id: basic   as of: 2025-11-20   outcome space: 135 packages",
        "PARTIES",
        "ISSUES",
        "RED LINES",
        "cheap_and_fast",
        "(p = 0.80)",
        "DRAFTS",
        "d2 - Seller's counter (2025-11-19, counter_proposal, by seller, revises d1; settles 3 of 4 issues)",
        "-> penalty=?",
        "-> unmapped",
        "TIMELINE",
        "SOURCES: 1",
    ] {
        assert!(out.contains(want), "missing `{want}` in:\n{out}");
    }
    // Forbidden options are marked: the buyer's red line on quarter delivery.
    let quarter = out
        .lines()
        .find(|l| l.trim_start().starts_with("quarter"))
        .expect("quarter row");
    assert!(quarter.contains("0.00x"), "{quarter}");
}

// ---- Closed pipes ----

/// A valid scenario whose `show` output is far larger than a pipe buffer.
fn big_scenario(dir: &Path) -> PathBuf {
    let mut text = std::fs::read_to_string(repo_root().join(BASIC)).expect("fixture");
    for i in 0..4000 {
        text.push_str(&format!(
            "\n[[events]]\nid = \"ev_{i}\"\ndate = \"2025-11-20\"\nkind = \"statement\"\nsummary = \"Statement number {i}: enough words to fill a pipe buffer quickly.\"\n"
        ));
    }
    let path = dir.join("big.toml");
    std::fs::write(&path, text).expect("write");
    path
}

/// Runs accord, reads one line of its output, closes the pipe and waits.
fn read_one_line_then_close(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn accord");
    let mut reader = BufReader::new(child.stdout.take().expect("stdout"));
    let mut line = String::new();
    reader.read_line(&mut line).expect("read a line");
    assert!(!line.is_empty(), "{args:?} printed nothing");
    drop(reader);
    let out = child.wait_with_output().expect("wait");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    let dir = tempdir();
    let big = big_scenario(dir.path());
    let big = big.to_str().expect("utf-8 path");
    // The output really is larger than a pipe buffer, so the pipe does break.
    let full = accord_in(dir.path(), &["show", big]);
    assert_code(&full, 0);
    assert!(
        full.stdout.len() > 256 * 1024,
        "{} bytes",
        full.stdout.len()
    );
    for args in [
        &["show", big][..],
        &["show", big, "--format", "json"],
        &["export", big, "--format", "json", "-o", "-"],
        &["export", big, "--format", "toml", "-o", "-"],
        &["show"],
        &["scenarios", "show", "ukraine-2025-11"],
    ] {
        let (code, err) = read_one_line_then_close(dir.path(), args);
        assert_eq!(code, Some(0), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(!err.contains("Broken pipe"), "{args:?}: {err}");
    }
}

// ---- new ----

#[test]
fn new_writes_a_valid_starter_and_does_not_overwrite() {
    let dir = tempdir();
    let o = accord_in(dir.path(), &["new", "demo"]);
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with("wrote demo.toml\n"),
        "{}",
        stdout(&o)
    );
    let path = dir.path().join("demo.toml");
    let text = std::fs::read_to_string(&path).expect("demo.toml");
    assert!(text.contains("id = \"demo\""), "{text}");
    assert!(!text.contains("{ID}") && !text.contains("{TITLE}"));
    let o = accord_in(dir.path(), &["check", "demo.toml"]);
    assert_code(&o, 0);
    assert!(
        stdout(&o).starts_with("ok: `demo` is valid"),
        "{}",
        stdout(&o)
    );
    assert!(stdout(&o).ends_with(", 0 warnings\n"), "{}", stdout(&o));

    // Refuses to overwrite, leaving the file as it was.
    std::fs::write(&path, "# my edits\n").expect("write");
    let o = accord_in(dir.path(), &["new", "demo"]);
    assert_code(&o, 2);
    assert!(
        stderr(&o).contains("`demo.toml` already exists"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        "# my edits\n"
    );
    // `--force` overwrites; `demo.toml` names the same file.
    let o = accord_in(dir.path(), &["new", "demo.toml", "--force"]);
    assert_code(&o, 0);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), text);
    assert_eq!(
        files_in(dir.path()),
        ["demo.toml"],
        "no temporary file left"
    );
}

#[test]
fn new_makes_a_valid_id_from_any_name() {
    let dir = tempdir();
    let o = accord_in(dir.path(), &["new", "My Talks 2"]);
    assert_code(&o, 0);
    let text = std::fs::read_to_string(dir.path().join("My Talks 2.toml")).expect("file");
    assert!(text.contains("id = \"my_talks_2\""), "{text}");
    assert!(text.contains("title = \"My Talks 2\""), "{text}");
    assert_code(&accord_in(dir.path(), &["check", "My Talks 2.toml"]), 0);
    // Into a folder that does not exist: an error, nothing written.
    let o = accord_in(dir.path(), &["new", "talks/round2"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("does not exist"), "{}", stderr(&o));
    assert!(!dir.path().join("talks").exists());
}

// ---- export ----

#[test]
fn export_into_a_missing_folder_fails_without_writing() {
    let o = accord(&[
        "export",
        BASIC,
        "--format",
        "json",
        "-o",
        "/nonexistent/dir/x.json",
    ]);
    assert_ne!(o.status.code(), Some(0));
    assert_code(&o, 2);
    assert!(
        stderr(&o).contains("/nonexistent/dir/x.json"),
        "{}",
        stderr(&o)
    );
    assert!(!Path::new("/nonexistent/dir/x.json").exists());
    assert!(!Path::new("/nonexistent").exists());
}

#[test]
fn a_failed_write_leaves_no_partial_file() {
    let dir = tempdir();
    // The output path is an existing folder: the final rename fails (exit 1), and the
    // temporary file is removed.
    std::fs::create_dir(dir.path().join("out.json")).expect("mkdir");
    let o = accord_in(
        dir.path(),
        &[
            "export",
            &repo_root().join(BASIC).to_string_lossy(),
            "--format",
            "json",
            "-o",
            "out.json",
        ],
    );
    assert_code(&o, 1);
    assert!(
        stderr(&o).contains("cannot write `out.json`"),
        "{}",
        stderr(&o)
    );
    assert_eq!(files_in(dir.path()), ["out.json"]);
    assert!(files_in(&dir.path().join("out.json")).is_empty());
    // An invalid input writes nothing either.
    let o = accord_in(
        dir.path(),
        &[
            "export",
            &repo_root()
                .join("tests/fixtures/invalid/weights_sum.toml")
                .to_string_lossy(),
            "--format",
            "toml",
            "-o",
            "x.toml",
        ],
    );
    assert_code(&o, 2);
    assert_eq!(files_in(dir.path()), ["out.json"]);
}

#[test]
fn export_replaces_an_existing_file_whole() {
    let dir = tempdir();
    let out = dir.path().join("x.json");
    std::fs::write(&out, "old contents that are longer than nothing").expect("write");
    let o = accord_in(
        dir.path(),
        &[
            "export",
            &repo_root().join(BASIC).to_string_lossy(),
            "--format",
            "json",
            "-o",
            "x.json",
        ],
    );
    assert_code(&o, 0);
    assert!(stdout(&o).is_empty());
    let text = std::fs::read_to_string(&out).expect("read");
    assert!(text.starts_with("{\n") && text.ends_with("}\n"), "{text}");
    serde_json::from_str::<serde_json::Value>(&text).expect("valid JSON");
    assert_eq!(files_in(dir.path()), ["x.json"], "no temporary file left");
    // `-o -` writes the same to stdout.
    let o = accord(&["export", BASIC, "--format", "json", "-o", "-"]);
    assert_code(&o, 0);
    assert_eq!(stdout(&o), text);
}

// ---- scenarios ----

#[test]
fn scenarios_lists_the_embedded_default() {
    for args in [&["scenarios"][..], &["scenarios", "list"]] {
        let o = accord(args);
        assert_code(&o, 0);
        let out = stdout(&o);
        let first = out.lines().next().unwrap_or_default();
        assert!(first.starts_with("ukraine-2025-11 "), "{out}");
        assert!(first.ends_with("(default)"), "{out}");
    }
}

#[test]
fn scenarios_show_prints_the_embedded_toml() {
    let o = accord(&["scenarios", "show", "ukraine-2025-11"]);
    assert_code(&o, 0);
    let text = stdout(&o);
    assert!(text.contains("id = \"ukraine-2025-11\""), "{text}");
    if !text.contains("[[parties]]") {
        println!("note: the embedded default is still a placeholder; not checking it loads");
        return;
    }
    // What it prints is a scenario file `accord check` accepts.
    let dir = tempdir();
    std::fs::write(dir.path().join("start.toml"), &text).expect("write");
    let o = accord_in(dir.path(), &["check", "start.toml"]);
    assert_code(&o, 0);
    assert!(stdout(&o).starts_with("ok: `ukraine-2025-11` is valid"));
}

#[test]
fn scenarios_show_of_an_unknown_id_exits_2() {
    let o = accord(&["scenarios", "show", "nope"]);
    assert_code(&o, 2);
    let err = stderr(&o);
    assert!(err.contains("no embedded scenario `nope`"), "{err}");
    assert!(
        err.contains("`ukraine-2025-11`"),
        "the hint lists the ids: {err}"
    );
    assert!(stdout(&o).is_empty());
}

// ---- Commands not built yet ----

#[test]
fn commands_not_built_yet_say_so() {
    let help = stdout(&accord(&["--help"]));
    let mut checked = 0;
    for cmd in ["simulate", "forecast", "report"] {
        let listed = help
            .lines()
            .find(|l| l.trim_start().starts_with(&format!("{cmd} ")))
            .unwrap_or_else(|| panic!("`{cmd}` is not listed in --help:\n{help}"));
        if !listed.contains("(not built yet)") {
            println!("note: `accord {cmd}` is built now; skipping its placeholder check");
            continue;
        }
        let o = accord(&[cmd, BASIC]);
        assert_code(&o, 1);
        let err = stderr(&o);
        assert!(
            err.contains(&format!("`accord {cmd}` is not built yet")),
            "{err}"
        );
        assert!(stdout(&o).is_empty());
        checked += 1;
    }
    println!("{checked} placeholder commands checked");
}
