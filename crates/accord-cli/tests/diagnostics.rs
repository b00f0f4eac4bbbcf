//! Every malformed scenario in `tests/fixtures/invalid/` is rejected by `accord check` with
//! exit code 2 and a diagnostic that names the file, the right line, the id involved and a
//! hint, in text and in JSON.
//!
//! The table below is the whole specification: one row per fixture, giving the line the
//! diagnostic must point at, the id it must name and a fragment of its message (or hint).

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Where the id involved must appear.
#[derive(Debug, Clone, Copy)]
enum Id {
    /// Nothing to name (pure syntax errors, an empty file).
    None,
    /// In the message, between backticks.
    Msg(&'static str),
    /// In the quoted source line (serde's type errors do not name the key).
    Snippet(&'static str),
}
use Id::{Msg, Snippet};

/// (fixture, expected line, id, expected fragment of the message or hint).
const CASES: &[(&str, usize, Id, &str)] = &[
    (
        "toml_syntax_error.toml",
        13,
        Id::None,
        r#"check the TOML syntax"#,
    ),
    (
        "toml_duplicate_key.toml",
        8,
        Snippet(r#"name"#),
        r#"duplicate key"#,
    ),
    (
        "unknown_field.toml",
        15,
        Msg(r#"capabilty"#),
        r#"unknown field `capabilty`"#,
    ),
    (
        "missing_field.toml",
        11,
        Msg(r#"name"#),
        r#"missing field `name`"#,
    ),
    (
        "wrong_type.toml",
        15,
        Snippet(r#"capability"#),
        r#"a number, or a table"#,
    ),
    (
        "wrong_type_bool.toml",
        21,
        Snippet(r#"ordered"#),
        r#"expected a boolean"#,
    ),
    (
        "unknown_enum_variant.toml",
        45,
        Msg(r#"propsed"#),
        r#"unknown variant `propsed`"#,
    ),
    (
        "duplicate_party_id.toml",
        12,
        Msg(r#"a"#),
        r#"duplicate party id `a`"#,
    ),
    (
        "duplicate_issue_id.toml",
        24,
        Msg(r#"price"#),
        r#"duplicate issue id `price`"#,
    ),
    (
        "duplicate_draft_id.toml",
        66,
        Msg(r#"d1"#),
        r#"duplicate draft id `d1`"#,
    ),
    (
        "duplicate_event_id.toml",
        66,
        Msg(r#"e1"#),
        r#"duplicate event id `e1`"#,
    ),
    (
        "duplicate_source_id.toml",
        66,
        Msg(r#"s1"#),
        r#"duplicate source id `s1`"#,
    ),
    (
        "invalid_id_chars.toml",
        12,
        Msg(r#"b c!"#),
        r#"party id `b c!` is not a valid id"#,
    ),
    (
        "invalid_option_id.toml",
        26,
        Msg(r#"new york"#),
        r#"option id `new york` of issue `venue` is not a valid id"#,
    ),
    (
        "capability_zero.toml",
        15,
        Msg(r#"b"#),
        r#"party `b` has capability 0; it must be > 0"#,
    ),
    (
        "capability_negative.toml",
        9,
        Msg(r#"a"#),
        r#"party `a` has capability -1.5; it must be > 0"#,
    ),
    (
        "weights_sum.toml",
        30,
        Msg(r#"a"#),
        r#"weights of party `a` sum to 0.9; they must sum to 1"#,
    ),
    (
        "weights_all_zero_normalize.toml",
        31,
        Msg(r#"a"#),
        r#"weights of party `a` sum to 0; nothing to normalise"#,
    ),
    (
        "negative_weight.toml",
        30,
        Msg(r#"price"#),
        r#"weight of `price` for party `a` is -0.2; it must be >= 0"#,
    ),
    (
        "value_out_of_range.toml",
        31,
        Msg(r#"price.low"#),
        r#"value of `price.low` for `a` is 1.5, outside [0, 1]"#,
    ),
    (
        "reservation_out_of_range.toml",
        35,
        Msg(r#"b"#),
        r#"reservation of `b` is 1.2, outside [0, 1]"#,
    ),
    (
        "weight_unknown_issue.toml",
        30,
        Msg(r#"venu"#),
        r#"party `a` weighs unknown issue `venu`"#,
    ),
    (
        "values_unknown_issue.toml",
        32,
        Msg(r#"venu"#),
        r#"party `a` gives values for unknown issue `venu`"#,
    ),
    (
        "value_unknown_option.toml",
        31,
        Msg(r#"free"#),
        r#"names option `free`, which issue `price` does not have"#,
    ),
    (
        "value_option_of_other_issue.toml",
        31,
        Msg(r#"geneva"#),
        r#"`geneva` is an option of issue `venue`; did you mean that issue?"#,
    ),
    (
        "missing_option_value.toml",
        31,
        Msg(r#"mid"#),
        r#"party `a` gives no value to option(s) `mid` of issue `price`"#,
    ),
    (
        "weighted_issue_without_values.toml",
        30,
        Msg(r#"venue"#),
        r#"party `a` weighs issue `venue` but gives it no values"#,
    ),
    (
        "numeric_issue_option_values.toml",
        41,
        Msg(r#"army"#),
        r#"numeric issue `army` is given option values by `a`"#,
    ),
    (
        "discrete_issue_value_function.toml",
        31,
        Msg(r#"price"#),
        r#"discrete issue `price` is given a value function by `a`"#,
    ),
    (
        "value_function_not_increasing.toml",
        44,
        Msg(r#"army"#),
        r#"value function of `army` for `a`: x values must increase (50 then 50)"#,
    ),
    (
        "value_function_out_of_range.toml",
        43,
        Msg(r#"army"#),
        r#"value at x = 100 of `army` for `a` is -0.5, outside [0, 1]"#,
    ),
    (
        "red_line_unknown_option.toml",
        39,
        Msg(r#"free"#),
        r#"red line 1 of `b` names option `free`, which issue `price` does not have"#,
    ),
    (
        "red_line_unknown_issue.toml",
        41,
        Msg(r#"cost"#),
        r#"red line 2 of `b` names unknown issue `cost`"#,
    ),
    (
        "red_line_issue_and_when.toml",
        43,
        Msg(r#"b"#),
        r#"red line 1 of `b` has both `issue` and `when`"#,
    ),
    (
        "red_line_without_issue.toml",
        40,
        Msg(r#"b"#),
        r#"red line 1 of `b` gives an option or bound but no `issue`"#,
    ),
    (
        "red_line_probability.toml",
        43,
        Msg(r#"b"#),
        r#"red line 1 of `b` has probability 1.5; it must be in [0, 1]"#,
    ),
    (
        "red_line_option_of_other_issue.toml",
        39,
        Msg(r#"high"#),
        r#"`high` is an option of issue `price`; did you mean that issue?"#,
    ),
    (
        "bound_on_unordered_issue.toml",
        39,
        Msg(r#"venue"#),
        r#"red line 1 of `b` uses a numeric bound on unordered issue `venue`"#,
    ),
    (
        "interaction_unknown_issue.toml",
        39,
        Msg(r#"place"#),
        r#"interaction 1 of `b` names unknown issue `place`"#,
    ),
    (
        "discount_out_of_range.toml",
        39,
        Msg(r#"b"#),
        r#"discount of `b` is 1.5; it must be in (0, 1]"#,
    ),
    (
        "numeric_issue_without_bounds.toml",
        28,
        Msg(r#"army"#),
        r#"numeric issue `army` needs `min` and `max`"#,
    ),
    (
        "min_greater_than_max.toml",
        33,
        Msg(r#"army"#),
        r#"issue `army` has min 100 > max 10"#,
    ),
    (
        "step_not_positive.toml",
        34,
        Msg(r#"army"#),
        r#"issue `army` has step 0; it must be > 0"#,
    ),
    (
        "step_negative_real.toml",
        34,
        Msg(r#"army"#),
        r#"issue `army` has step -2.5; it must be > 0"#,
    ),
    (
        "too_many_levels.toml",
        34,
        Msg(r#"army"#),
        r#"issue `army` has 1000001 grid points; at most 100000 are supported"#,
    ),
    (
        "integer_issue_fractional_step.toml",
        28,
        Msg(r#"army"#),
        r#"integer issue `army` has a non-integer bound or step"#,
    ),
    (
        "discrete_issue_with_bounds.toml",
        27,
        Msg(r#"venue"#),
        r#"discrete issue `venue` has `min`/`max`/`step`"#,
    ),
    (
        "issue_without_options.toml",
        26,
        Msg(r#"venue"#),
        r#"issue `venue` has no options"#,
    ),
    (
        "duplicate_option.toml",
        20,
        Msg(r#"mid"#),
        r#"issue `price` lists option `mid` twice"#,
    ),
    (
        "draft_unknown_author.toml",
        43,
        Msg(r#"c"#),
        r#"draft `d1` names unknown author `c`"#,
    ),
    (
        "draft_unknown_parent.toml",
        46,
        Msg(r#"d0"#),
        r#"draft `d1` names unknown parent `d0`"#,
    ),
    (
        "draft_parent_cycle.toml",
        46,
        Msg(r#"d1"#),
        r#"draft `d1` is its own ancestor (the parent chain forms a cycle)"#,
    ),
    (
        "draft_inherits_without_parent.toml",
        46,
        Msg(r#"d1"#),
        r#"draft `d1` inherits but has no parent"#,
    ),
    (
        "point_not_mapped.toml",
        47,
        Msg(r#"d1"#),
        r#"point 1 of draft `d1` is not mapped to an issue"#,
    ),
    (
        "point_mapped_and_unmapped.toml",
        52,
        Msg(r#"d1"#),
        r#"point 1 of draft `d1` is both mapped and `unmapped`"#,
    ),
    (
        "point_option_of_other_issue.toml",
        51,
        Msg(r#"geneva"#),
        r#"`geneva` is an option of issue `venue`; did you mean that issue?"#,
    ),
    (
        "point_unknown_issue.toml",
        50,
        Msg(r#"cost"#),
        r#"point 1 of draft `d1` names unknown issue `cost`"#,
    ),
    (
        "point_value_off_grid.toml",
        77,
        Msg(r#"army"#),
        r#"point 2 of draft `d1` sets `army` to 15, which is not on the issue's grid"#,
    ),
    (
        "point_option_for_numeric_issue.toml",
        77,
        Msg(r#"army"#),
        r#"point 2 of draft `d1` gives an option for numeric issue `army`"#,
    ),
    (
        "point_settles_issue_twice.toml",
        65,
        Msg(r#"price"#),
        r#"draft `d1` settles `price` twice: `mid` in point 1 and `high` in point 2"#,
    ),
    (
        "point_also_settles_twice.toml",
        71,
        Msg(r#"price"#),
        r#"draft `d1` settles `price` twice"#,
    ),
    (
        "duplicate_point_number.toml",
        66,
        Msg(r#"d1"#),
        r#"draft `d1` has two points numbered 1"#,
    ),
    (
        "date_bad_format.toml",
        44,
        Msg(r#"d1"#),
        r#"draft `d1` has date `18/11/2025`, which is not a valid date"#,
    ),
    (
        "date_impossible.toml",
        55,
        Msg(r#"e1"#),
        r#"event `e1` has date `2025-02-30`, which is not a valid date"#,
    ),
    (
        "date_as_of_invalid.toml",
        4,
        Msg(r#"2025-13-01"#),
        r#"the scenario has date `2025-13-01`, which is not a valid date"#,
    ),
    (
        "event_unknown_participant.toml",
        57,
        Msg(r#"c"#),
        r#"event `e1` names unknown participant `c`"#,
    ),
    (
        "event_unknown_source.toml",
        59,
        Msg(r#"s2"#),
        r#"event `e1` cites unknown source `s2`"#,
    ),
    (
        "event_unknown_draft.toml",
        59,
        Msg(r#"d9"#),
        r#"event `e1` names unknown draft `d9`"#,
    ),
    (
        "evidence_unknown_source.toml",
        15,
        Msg(r#"nowhere"#),
        r#"evidence cites unknown source `nowhere`"#,
    ),
    (
        "red_line_evidence_unknown_source.toml",
        43,
        Msg(r#"rumour"#),
        r#"evidence cites unknown source `rumour`"#,
    ),
    (
        "preferences_unknown_party.toml",
        65,
        Msg(r#"c"#),
        r#"preferences for unknown party `c`"#,
    ),
    (
        "principal_without_preferences.toml",
        18,
        Msg(r#"c"#),
        r#"party `c` has a veto but no preferences"#,
    ),
    (
        "range_excludes_value.toml",
        15,
        Msg(r#"b"#),
        r#"capability of `b` is 3 but its range is [1, 2]"#,
    ),
    (
        "range_reversed.toml",
        29,
        Msg(r#"a"#),
        r#"reservation of `a` has range [0.4, 0.2], which is not an interval"#,
    ),
    (
        "no_parties_no_issues.toml",
        1,
        Id::None,
        r#"the scenario has no parties"#,
    ),
    (
        "invalid_scenario_id.toml",
        2,
        Msg(r#"bad id"#),
        r#"scenario id `bad id` is not a valid id"#,
    ),
    (
        "json_syntax_error.json",
        16,
        Id::None,
        r#"expected `,` or `}`"#,
    ),
    (
        "json_duplicate_party_id.json",
        14,
        Msg(r#"a"#),
        r#"duplicate party id `a`"#,
    ),
    (
        "json_weight_unknown_issue.json",
        63,
        Msg(r#"venu"#),
        r#"party `b` weighs unknown issue `venu`"#,
    ),
    (
        "json_missing_field.json",
        11,
        Msg(r#"role"#),
        r#"missing field `role`"#,
    ),
    (
        "json_unknown_field.json",
        30,
        Msg(r#"orderd"#),
        r#"unknown field `orderd`"#,
    ),
    (
        "json_value_out_of_range.json",
        73,
        Msg(r#"venue.riyadh"#),
        r#"value of `venue.riyadh` for `b` is 2, outside [0, 1]"#,
    ),
    (
        "json_point_option_of_other_issue.json",
        90,
        Msg(r#"geneva"#),
        r#"`geneva` is an option of issue `venue`"#,
    ),
];

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn accord(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_accord"))
        .args(args)
        .current_dir(repo_root())
        .output()
        .expect("run accord")
}

/// The diagnostics of a text report, one string per `error:`/`warning:` block.
fn blocks(stderr: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("error: ") || line.starts_with("warning: ") || out.is_empty() {
            out.push(String::new());
        }
        let last = out.last_mut().expect("a block");
        last.push_str(line);
        last.push('\n');
    }
    out
}

/// The `(line, column)` of a block's `--> FILE:LINE:COL` line, if it has one for `file`.
fn location(block: &str, file: &str) -> Option<(usize, usize)> {
    let rest = block
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?
        .strip_prefix(file)?
        .strip_prefix(':')?;
    let (line, col) = rest.split_once(':')?;
    Some((line.parse().ok()?, col.trim().parse().ok()?))
}

/// Checks the text report of one fixture; returns what is wrong.
fn check_text(file: &str, line: usize, id: Id, fragment: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let out = accord(&["check", file]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() != Some(2) {
        bad.push(format!("exit code {:?}, expected 2", out.status.code()));
    }
    if !out.stdout.is_empty() {
        bad.push("printed to stdout on failure".into());
    }
    if stderr.contains("panicked") {
        bad.push("panicked".into());
    }
    let all = blocks(&stderr);
    let errors: Vec<&String> = all.iter().filter(|b| b.starts_with("error: ")).collect();
    if errors.is_empty() {
        bad.push("no `error:` diagnostic".into());
    }
    for b in &errors {
        if location(b, file).is_none() {
            bad.push(format!("diagnostic without {file}:LINE:COL:\n{b}"));
        }
    }
    let n = errors.len();
    let summary = format!("{n} error{} found", if n == 1 { "" } else { "s" });
    if !stderr.trim_end().ends_with(&summary) {
        bad.push(format!("does not end with `{summary}`"));
    }
    let Some(block) = all.iter().find(|b| b.contains(fragment)) else {
        bad.push(format!("no diagnostic contains `{fragment}`"));
        return bad;
    };
    match location(block, file) {
        Some((l, c)) => {
            if l != line {
                bad.push(format!("points at line {l}, expected {line}"));
            }
            if c == 0 {
                bad.push("column 0".into());
            }
        }
        None => bad.push("no location".into()),
    }
    if !block.contains("   = hint: ") {
        bad.push("no hint".into());
    }
    let message = block.lines().next().unwrap_or_default();
    match id {
        Id::None => {}
        Msg(id) => {
            if !message.contains(&format!("`{id}`")) {
                bad.push(format!("message does not name `{id}`"));
            }
        }
        Snippet(id) => {
            let snippet = block
                .lines()
                .find(|l| l.starts_with(&format!("{line} | ")))
                .unwrap_or_default();
            if !snippet.contains(id) {
                bad.push(format!("quoted line does not show `{id}`"));
            }
        }
    }
    if !bad.is_empty() {
        bad.push(format!("stderr was:\n{stderr}"));
    }
    bad
}

/// Checks the JSON report of one fixture; returns what is wrong.
fn check_json(file: &str, line: usize, fragment: &str) -> Vec<String> {
    let mut bad = Vec::new();
    let out = accord(&["check", "--format", "json", file]);
    if out.status.code() != Some(2) {
        bad.push(format!(
            "json: exit code {:?}, expected 2",
            out.status.code()
        ));
    }
    let v: serde_json::Value = match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => return vec![format!("json: stdout is not JSON: {e}")],
    };
    if v["valid"] != serde_json::Value::Bool(false) {
        bad.push("json: `valid` is not false".into());
    }
    let diags = v["diagnostics"].as_array().cloned().unwrap_or_default();
    for d in &diags {
        if d["location"]["line"].as_u64().is_none() || d["file"].as_str() != Some(file) {
            bad.push(format!("json: diagnostic without file and location: {d}"));
        }
    }
    let text = |d: &serde_json::Value, k: &str| d[k].as_str().unwrap_or_default().to_string();
    match diags
        .iter()
        .find(|d| text(d, "message").contains(fragment) || text(d, "hint").contains(fragment))
    {
        Some(d) => {
            if d["location"]["line"].as_u64() != u64::try_from(line).ok() {
                bad.push(format!(
                    "json: points at {}, expected line {line}",
                    d["location"]
                ));
            }
            if text(d, "hint").is_empty() {
                bad.push("json: no hint".into());
            }
            if d["severity"] != "error" {
                bad.push("json: not an error".into());
            }
        }
        None => bad.push(format!("json: no diagnostic contains `{fragment}`")),
    }
    bad
}

#[test]
fn every_invalid_fixture_is_rejected_at_the_right_line() {
    let mut failures = Vec::new();
    for &(name, line, id, fragment) in CASES {
        let file = format!("tests/fixtures/invalid/{name}");
        let mut bad = check_text(&file, line, id, fragment);
        bad.extend(check_json(&file, line, fragment));
        if !bad.is_empty() {
            failures.push(format!("--- {name}:\n{}", bad.join("\n")));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} fixtures fail:\n{}",
        failures.len(),
        CASES.len(),
        failures.join("\n")
    );
}

#[test]
fn the_table_and_the_fixture_folder_agree() {
    let dir = repo_root().join("tests/fixtures/invalid");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    on_disk.sort();
    let mut in_table: Vec<String> = CASES.iter().map(|c| c.0.to_string()).collect();
    in_table.sort();
    let before = in_table.len();
    in_table.dedup();
    assert_eq!(before, in_table.len(), "a fixture is listed twice");
    assert_eq!(
        on_disk, in_table,
        "fixtures on disk and rows of the table differ"
    );
    assert!(CASES.len() >= 30, "at least 30 kinds of malformed input");
    assert!(CASES.iter().filter(|c| c.0.ends_with(".json")).count() >= 3);
}

#[test]
fn every_valid_fixture_passes_without_warnings() {
    let dir = repo_root().join("tests/fixtures/valid");
    let mut n = 0;
    for entry in std::fs::read_dir(&dir).expect("fixture folder") {
        let name = entry
            .expect("entry")
            .file_name()
            .to_string_lossy()
            .into_owned();
        let file = format!("tests/fixtures/valid/{name}");
        let out = accord(&["check", &file]);
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{file}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(stdout.starts_with("ok: "), "{file}: {stdout}");
        assert!(stdout.contains(", 0 warnings"), "{file}: {stdout}");
        n += 1;
    }
    assert!(n >= 2);
}

#[test]
fn normalize_true_fixes_weights_that_do_not_sum_to_one() {
    let bad = accord(&["check", "tests/fixtures/invalid/weights_sum.toml"]);
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(stderr.contains("set `normalize = true`"), "{stderr}");
    // The same file with `normalize = true` (and another id and title) is valid.
    let fixed = std::fs::read_to_string(repo_root().join("tests/fixtures/valid/normalize.toml"))
        .expect("normalize fixture");
    assert!(fixed.contains("normalize = true\nweights = { price = 0.6, venue = 0.3 }"));
    let good = accord(&["check", "tests/fixtures/valid/normalize.toml"]);
    assert_eq!(
        good.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&good.stderr)
    );
}
