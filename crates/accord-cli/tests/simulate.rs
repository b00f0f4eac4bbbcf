//! `accord simulate`, `accord tournament`, `accord merge` and `accord agents`, run as a user
//! would: exit codes, readable output, JSON that parses, reproducible runs, and shards that
//! merge into exactly what a single run writes.

mod common;
use common::*;

const SMALL: &str = "scenarios/examples/small.toml";

fn small() -> String {
    repo_root().join(SMALL).display().to_string()
}

// ---- simulate ----

#[test]
fn sao_on_the_small_scenario_shows_trace_and_outcome() {
    let o = accord(&[
        "simulate",
        SMALL,
        "--agents",
        "boulware,conceder",
        "--deadline",
        "30",
    ]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("SAO negotiation on `harbour-2026`"), "{out}");
    assert!(out.contains("union (boulware), port (conceder)"), "{out}");
    assert!(out.contains("TRACE:"), "{out}");
    assert!(out.contains("offer"), "{out}");
    assert!(out.contains("OUTCOME:"), "{out}");
    assert!(out.contains("advantage"), "{out}");
    assert!(out.contains("Welfare"), "{out}");
}

#[test]
fn sao_json_is_the_simulation_result() {
    let o = accord(&[
        "simulate",
        SMALL,
        "--agents",
        "boulware,conceder",
        "--deadline",
        "30",
        "--format",
        "json",
    ]);
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["result"]["utilities"].as_array().map(Vec::len), Some(2));
    assert!(v["result"]["end"]["kind"].is_string());
    assert!(v["metrics"]["welfare"].is_number());
    assert_eq!(v["texts"].as_array().map(Vec::len), Some(0));
}

#[test]
fn mediated_on_the_small_scenario_text_json_and_trace() {
    let dir = tempfile::tempdir().expect("temp dir");
    let trace = dir.path().join("run.jsonl");
    let trace_arg = trace.display().to_string();
    let o = accord(&[
        "simulate",
        SMALL,
        "--protocol",
        "mediated",
        "--deadline",
        "40",
        "--trace",
        &trace_arg,
    ]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("Mediated single-text negotiation"), "{out}");
    assert!(out.contains("Text 1 (round 1"), "{out}");
    assert!(out.contains("the opening text"), "{out}");
    assert!(out.contains("OUTCOME:"), "{out}");
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(&trace)
        .expect("trace written")
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert!(lines.len() >= 2);
    assert_eq!(lines[0]["type"], "text");
    assert_eq!(lines[lines.len() - 1]["type"], "end");

    let o = accord(&[
        "simulate",
        SMALL,
        "--protocol",
        "mediated",
        "--deadline",
        "40",
        "--format",
        "json",
    ]);
    assert_code(&o, 0);
    let v = json(&o);
    let texts = v["texts"].as_array().expect("texts");
    assert_eq!(
        texts.len(),
        lines.len() - 1,
        "one trace line per text, then the end"
    );
    assert!(texts[0]["accepted"].is_array());
    assert!(texts[0]["objections"].is_array());
}

#[test]
fn same_seed_same_output() {
    for protocol in ["sao", "mediated"] {
        let args = [
            "simulate",
            SMALL,
            "--protocol",
            protocol,
            "--agents",
            "random,conceder",
            "--deadline",
            "25",
            "--seed",
            "7",
        ];
        let a = accord(&args);
        let b = accord(&args);
        assert_code(&a, 0);
        assert_eq!(stdout(&a), stdout(&b), "{protocol}");
        let mut json_args = args.to_vec();
        json_args.extend(["--format", "json"]);
        let a = accord(&json_args);
        let b = accord(&json_args);
        assert_code(&a, 0);
        assert_eq!(json(&a), json(&b), "{protocol}");
    }
}

#[test]
fn every_one_shows_every_round() {
    let o = accord(&["simulate", SMALL, "--deadline", "40", "--every", "1"]);
    assert_code(&o, 0);
    assert!(!stdout(&o).contains("not shown"), "{}", stdout(&o));
    let o = accord(&[
        "simulate",
        SMALL,
        "--deadline",
        "100",
        "--agents",
        "hardliner",
    ]);
    assert_code(&o, 0);
    assert!(stdout(&o).contains("not shown"), "{}", stdout(&o));
}

#[test]
fn mediated_on_the_default_scenario_shows_texts_and_where_it_stalls() {
    let o = accord(&["simulate", "--protocol", "mediated", "--deadline", "40"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    for want in [
        "Mediated single-text negotiation on `ukraine-2025-11`",
        "Text 1 (round 1",
        "the opening text",
        "Text 2 (round 2",
        "asked by",
        "reject",
        "[red line ",
        "the new working text",
        "WHERE IT STALLS",
        "The best text was text",
        "What blocks it",
        "No common ground",
        "donetsk",
        "OUTCOME: no agreement",
    ] {
        assert!(out.contains(want), "missing {want:?} in:\n{out}");
    }
    // The stall comes before the outcome, the texts before the stall.
    let text = out.find("Text 1 (round 1").unwrap_or(usize::MAX);
    let stall = out.find("WHERE IT STALLS").unwrap_or(0);
    let outcome = out.find("OUTCOME:").unwrap_or(0);
    assert!(text < stall && stall < outcome, "{out}");
}

// ---- Bad input ----

#[test]
fn bad_agents_and_settings_exit_2_naming_the_bad_value() {
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["simulate", SMALL, "--agents", "nosuch"],
            &["`nosuch`", "boulware", "conceder", "accord agents"],
        ),
        (
            &["simulate", SMALL, "--agents", "boulware:e=-1"],
            &["`e`", "[0, "],
        ),
        (
            &["simulate", SMALL, "--agents", "boulware:zz=1"],
            &["`zz`", "`e`", "`tolerance`"],
        ),
        (
            &["simulate", SMALL, "--agents", "boulware,conceder,linear"],
            &["3 agents", "2 negotiating parties", "`union`", "`port`"],
        ),
        (
            &["simulate", SMALL, "--parties", "union,nobody"],
            &["`nobody`", "`union`", "`port`", "`mediator`"],
        ),
        (&["simulate", SMALL, "--deadline", "0"], &["--deadline"]),
        (
            &["simulate", SMALL, "--start", "port_offer"],
            &["--start", "mediated"],
        ),
        (
            &[
                "simulate",
                SMALL,
                "--protocol",
                "mediated",
                "--start",
                "nope",
            ],
            &["`nope`", "`port_offer`", "`mediator_text`"],
        ),
        (&["agents", "nosuch"], &["`nosuch`", "boulware"]),
        (&["simulate", "no/such/file.toml"], &["no/such/file.toml"]),
    ];
    for (args, wants) in cases {
        let o = accord(args);
        assert_code(&o, 2);
        let err = stderr(&o);
        assert!(err.starts_with("error: "), "{args:?}: {err}");
        for w in *wants {
            assert!(err.contains(w), "{args:?}: missing {w:?} in {err}");
        }
        assert!(stdout(&o).is_empty(), "{args:?}: {}", stdout(&o));
    }
}

#[test]
fn bad_shard_and_tournament_settings_exit_2() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = small();
    let cases: &[(&[&str], &str)] = &[
        (&["--shard", "4/3"], "4/3"),
        (&["--shard", "two"], "`two`"),
        (&["--shard", "0/3"], "0/3"),
        (&["--agents", "boulware,boulware"], "twice"),
        (&["--agents", "boulware,nosuch"], "`nosuch`"),
        (&["--repetitions", "0"], "repetitions"),
    ];
    for (extra, want) in cases {
        let mut args = vec!["tournament", s.as_str(), "--deadline", "5", "-o", "out"];
        args.extend_from_slice(extra);
        let o = accord_in(dir.path(), &args);
        assert_code(&o, 2);
        assert!(stderr(&o).contains(want), "{extra:?}: {}", stderr(&o));
        assert!(!dir.path().join("out").exists(), "{extra:?} wrote results");
    }
}

// ---- agents ----

#[test]
fn agents_lists_agents_with_parameters() {
    let o = accord(&["agents"]);
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("boulware"), "{out}");
    assert!(out.contains("tit-for-tat"), "{out}");
    assert!(out.contains("default 0.2"), "{out}");

    let o = accord(&["agents", "--format", "json"]);
    assert_code(&o, 0);
    let v = json(&o);
    let list = v.as_array().expect("array");
    let b = list
        .iter()
        .find(|a| a["name"] == "boulware")
        .expect("boulware listed");
    assert!(b["summary"].is_string());
    let e = b["params"]
        .as_array()
        .and_then(|ps| ps.iter().find(|p| p["name"] == "e"))
        .expect("parameter e");
    assert_eq!(e["kind"], "number");
    assert_eq!(e["default"], "0.2");
    assert!(e["min"].is_number() && e["max"].is_number() && e["doc"].is_string());

    let o = accord(&["agents", "micro"]);
    assert_code(&o, 0);
    assert!(stdout(&o).starts_with("micro"), "{}", stdout(&o));
}

// ---- tournament and merge ----

const RESULT_FILES: [&str; 4] = [
    "tournament.json",
    "negotiations.jsonl",
    "negotiations.csv",
    "summary.csv",
];

fn tournament_args<'a>(scenario: &'a str, out: &'a str) -> Vec<&'a str> {
    vec![
        "tournament",
        scenario,
        "--agents",
        "boulware,conceder,linear,tit-for-tat",
        "--deadline",
        "20",
        "--repetitions",
        "2",
        "--seed",
        "5",
        "--no-progress",
        "-o",
        out,
    ]
}

#[test]
fn shards_merge_into_exactly_the_unsharded_run() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let s = small();

    let o = accord_in(d, &tournament_args(&s, "full"));
    assert_code(&o, 0);
    let out = stdout(&o);
    assert!(out.contains("24 negotiations planned"), "{out}");
    assert!(out.contains("boulware"), "{out}");
    assert!(out.contains("rank"), "{out}");
    for f in RESULT_FILES {
        assert!(d.join("full").join(f).is_file(), "missing {f}");
    }

    for k in 1..=3 {
        let shard = format!("{k}/3");
        let name = format!("part{k}");
        let mut args = tournament_args(&s, &name);
        args.extend(["--shard", &shard]);
        let o = accord_in(d, &args);
        assert_code(&o, 0);
        assert!(
            stdout(&o).contains(&format!("shard {k} of 3: 8 here")),
            "{}",
            stdout(&o)
        );
    }

    let o = accord_in(d, &["merge", "part1", "part2", "part3", "-o", "merged"]);
    assert_code(&o, 0);
    for f in RESULT_FILES {
        let a = std::fs::read(d.join("full").join(f)).expect("full");
        let b = std::fs::read(d.join("merged").join(f)).expect("merged");
        assert!(a == b, "{f} differs after merging the shards");
    }
    // The summary and negotiation rows parse, with one CSV row per negotiation and party.
    let summary = std::fs::read_to_string(d.join("merged/summary.csv")).expect("summary");
    assert_eq!(summary.lines().count(), 1 + 4);
    let rows = std::fs::read_to_string(d.join("merged/negotiations.csv")).expect("rows");
    assert_eq!(rows.lines().count(), 1 + 24 * 2);
    let jsonl = std::fs::read_to_string(d.join("merged/negotiations.jsonl")).expect("jsonl");
    assert_eq!(jsonl.lines().count(), 24);

    // The merge prints the same summary table as the single run (but for the folder name).
    assert_eq!(
        stdout(&o).replace("merged", "full"),
        out,
        "merge and single run report differently"
    );

    // A partial merge works, and says what is missing.
    let o = accord_in(d, &["merge", "part1", "part3", "-o", "partial"]);
    assert_code(&o, 0);
    assert!(stderr(&o).contains("missing shard 2/3"), "{}", stderr(&o));

    // JSON summary.
    let o = accord_in(
        d,
        &[
            "merge", "part1", "part2", "part3", "-o", "merged2", "--format", "json",
        ],
    );
    assert_code(&o, 0);
    let v = json(&o);
    assert_eq!(v["manifest"]["complete"], true);
    assert_eq!(v["summary"].as_array().map(Vec::len), Some(4));
}

#[test]
fn merge_refuses_overlaps_and_other_tournaments_with_a_hint() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let s = small();
    let mut args = tournament_args(&s, "p1");
    args.extend(["--shard", "1/2"]);
    assert_code(&accord_in(d, &args), 0);
    let mut args = tournament_args(&s, "other");
    let seed = args.iter().position(|a| *a == "--seed").expect("seed") + 1;
    args[seed] = "6";
    args.extend(["--shard", "2/2"]);
    assert_code(&accord_in(d, &args), 0);
    let mut args = tournament_args(&s, "thirds");
    args.extend(["--shard", "2/3"]);
    assert_code(&accord_in(d, &args), 0);

    for (dirs, want) in [
        (["p1", "p1"], "given twice"),
        (["p1", "other"], "different tournaments"),
        (["p1", "thirds"], "shards"),
    ] {
        let o = accord_in(d, &["merge", dirs[0], dirs[1], "-o", "m"]);
        assert_code(&o, 2);
        let err = stderr(&o);
        assert!(err.contains(want), "{dirs:?}: {err}");
        assert!(err.contains("hint"), "{dirs:?}: {err}");
        assert!(!d.join("m").exists(), "{dirs:?}: wrote results");
    }
    let o = accord_in(d, &["merge", "nowhere", "-o", "m"]);
    assert_code(&o, 2);
    assert!(stderr(&o).contains("nowhere"), "{}", stderr(&o));
}

#[test]
fn results_are_not_overwritten_without_force() {
    let dir = tempfile::tempdir().expect("temp dir");
    let d = dir.path();
    let s = small();
    assert_code(&accord_in(d, &tournament_args(&s, "out")), 0);
    let o = accord_in(d, &tournament_args(&s, "out"));
    assert_code(&o, 2);
    assert!(stderr(&o).contains("--force"), "{}", stderr(&o));
    let mut args = tournament_args(&s, "out");
    args.push("--force");
    assert_code(&accord_in(d, &args), 0);
    // No temporary files are left behind.
    let names: Vec<String> = std::fs::read_dir(d.join("out"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(names.len(), RESULT_FILES.len(), "{names:?}");
}

#[test]
fn mediated_tournament_on_a_scenario_file_and_a_genius_folder() {
    let dir = tempfile::tempdir().expect("temp dir");
    let s = small();
    let genius = repo_root()
        .join("tests/fixtures/genius/camera_discount_child")
        .display()
        .to_string();
    let o = accord_in(
        dir.path(),
        &[
            "tournament",
            &s,
            &genius,
            "--protocol",
            "mediated",
            "--agents",
            "boulware,conceder",
            "--deadline",
            "10",
            "-o",
            "med",
        ],
    );
    assert_code(&o, 0);
    assert!(stdout(&o).contains("mediated"), "{}", stdout(&o));
    let v: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("med/tournament.json")).expect("manifest"),
    )
    .expect("JSON");
    assert_eq!(v["manifest"]["protocol"]["protocol"], "mediated");
    assert_eq!(v["manifest"]["scenarios"].as_array().map(Vec::len), Some(2));
    // Two seats per scenario, two agents, no self-play: two assignments each.
    assert_eq!(v["manifest"]["planned"], 4);
}
