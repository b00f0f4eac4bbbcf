//! Fuzz-style property tests: real GENIUS XML and GeniusWeb JSON files, mutated (lines
//! deleted, duplicated or swapped, characters and numbers changed, text truncated or
//! junk inserted), must never make the readers or writers panic.
//!
//! The number of executions is `FUZZ_CASES` (default 1500 for XML and 1000 for JSON) and
//! is printed by each test.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use accord_formats::{
    Semantics, TextFile, genius_from_texts, genius_to_texts, geniusweb_from_texts,
    geniusweb_to_texts,
};
use common::*;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// One folder: its files (the first is the domain when known).
type Set = Vec<TextFile>;

fn read_set(dir: &std::path::Path, ext: &str) -> Set {
    files(dir, ext)
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some(TextFile::new(
                name(&p),
                String::from_utf8_lossy(&bytes).into_owned(),
            ))
        })
        .collect()
}

fn genius_sets() -> Vec<Set> {
    let mut dirs = subdirs(&fixtures().join("genius"));
    if let Some(root) = shared_domains() {
        dirs.extend(subdirs(&root.join("genius")));
    }
    dirs.iter()
        .map(|d| read_set(d, "xml"))
        .filter(|s| s.len() >= 2)
        .collect()
}

fn geniusweb_sets() -> Vec<Set> {
    let mut sets: Vec<Set> = Vec::new();
    if let Some(root) = shared_domains() {
        sets.extend(
            subdirs(&root.join("geniusweb"))
                .iter()
                .map(|d| read_set(d, "json")),
        );
    }
    // A small built-in set so the test runs without the shared corpus.
    sets.push(vec![
        TextFile::new("d.json", r#"{"name":"t","issuesValues":{"a":{"values":["x","y"]},"n":{"range":{"low":1,"high":4,"step":1}},"r":{"range":[0.5,1.5,0.25]}}}"#),
        TextFile::new("p.json", r#"{"LinearAdditiveUtilitySpace":{"name":"p","issueUtilities":{"a":{"discreteutils":{"valueUtilities":{"x":0.3,"y":1}}},"n":{"NumberValueSetUtilities":{"lowValue":1,"lowUtility":0,"highValue":4,"highUtility":1}},"r":{"numberutils":{"lowValue":0.5,"lowUtility":1,"highValue":1.5,"highUtility":0.2}}},"issueWeights":{"a":0.5,"n":0.3,"r":0.2},"reservationBid":{"issuevalues":{"a":"x","n":2,"r":0.75}}}}"#),
    ]);
    sets
}

const JUNK: &[&str] = &[
    "<",
    ">",
    "\"",
    "/",
    "=",
    "&",
    "&amp;",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "{",
    "}",
    "[",
    "]",
    ",",
    ":",
    "null",
    "NaN",
    "-",
    "e",
    ".",
    " ",
    "\n",
    "\u{0}",
    "\u{feff}",
    "é",
    "<issue index=\"1\"/>",
    "<hyperRectangle utility=\"5\"/>",
    "<ufun>",
    "\"range\":[1,0,0]",
    "type=\"nonlinear\"",
];
const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "0.5",
    "-0.0",
    "1e308",
    "-1e308",
    "1e-320",
    "NaN",
    "Infinity",
    "99999999999999999999",
    "9223372036854775807",
    "-9223372036854775808",
    "100000",
    "3.5",
    "",
    "1e5",
    "0x10",
];

#[derive(Debug, Clone)]
enum Mutation {
    DeleteLine(usize),
    DuplicateLine(usize),
    SwapLines(usize, usize),
    ChangeChar(usize, usize),
    ChangeNumber(usize, usize),
    Truncate(usize),
    Insert(usize, usize),
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::SwapLines(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::ChangeChar(a, b)),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::ChangeNumber(a, b)),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), any::<usize>()).prop_map(|(a, b)| Mutation::Insert(a, b)),
    ]
}

fn floor_char(s: &str, i: usize) -> usize {
    let mut i = i.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn apply(text: &str, m: &Mutation) -> String {
    let mut lines: Vec<&str> = text.split_inclusive('\n').collect();
    if lines.is_empty() {
        return text.to_string();
    }
    let n = lines.len();
    match *m {
        Mutation::DeleteLine(i) => {
            lines.remove(i % n);
            lines.concat()
        }
        Mutation::DuplicateLine(i) => {
            lines.insert(i % n, lines[i % n]);
            lines.concat()
        }
        Mutation::SwapLines(a, b) => {
            lines.swap(a % n, b % n);
            lines.concat()
        }
        Mutation::ChangeChar(pos, c) => {
            if text.is_empty() {
                return text.to_string();
            }
            let i = floor_char(text, pos % text.len());
            let end = text[i..].chars().next().map_or(i, |ch| i + ch.len_utf8());
            format!("{}{}{}", &text[..i], JUNK[c % JUNK.len()], &text[end..])
        }
        Mutation::ChangeNumber(k, v) => {
            // Replace the k-th run of digits (with sign, dot and exponent) by another number.
            let bytes = text.as_bytes();
            let mut runs = Vec::new();
            let mut i = 0;
            while i < bytes.len() {
                if bytes[i].is_ascii_digit() {
                    let start = i;
                    while i < bytes.len()
                        && (bytes[i].is_ascii_digit()
                            || matches!(bytes[i], b'.' | b'e' | b'E' | b'-' | b'+'))
                    {
                        i += 1;
                    }
                    runs.push((start, i));
                } else {
                    i += 1;
                }
            }
            if runs.is_empty() {
                return text.to_string();
            }
            let (a, b) = runs[k % runs.len()];
            format!("{}{}{}", &text[..a], NUMBERS[v % NUMBERS.len()], &text[b..])
        }
        Mutation::Truncate(pos) => text[..floor_char(text, pos % (text.len() + 1))].to_string(),
        Mutation::Insert(pos, c) => {
            let i = floor_char(text, pos % (text.len() + 1));
            format!("{}{}{}", &text[..i], JUNK[c % JUNK.len()], &text[i..])
        }
    }
}

fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(default)
}

fn run(label: &str, sets: Vec<Set>, default_cases: u32, body: impl Fn(&[TextFile], Semantics)) {
    assert!(!sets.is_empty());
    let n = cases(default_cases);
    let executions = AtomicUsize::new(0);
    let ok = AtomicUsize::new(0);
    let mut runner = TestRunner::new(Config {
        cases: n,
        failure_persistence: None,
        ..Config::default()
    });
    let strategy = (
        0..sets.len(),
        any::<usize>(),
        prop::collection::vec(mutation(), 1..5),
        any::<bool>(),
    );
    let result = runner.run(&strategy, |(set, file, muts, negmas)| {
        executions.fetch_add(1, Ordering::Relaxed);
        let mut files = sets[set].clone();
        let k = file % files.len();
        for m in &muts {
            files[k].text = apply(&files[k].text, m);
        }
        let sem = if negmas {
            Semantics::Negmas
        } else {
            Semantics::Genius
        };
        body(&files, sem);
        ok.fetch_add(1, Ordering::Relaxed);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{label}: {e}");
    }
    println!(
        "{label}: {} executions ({} configured cases), no panic",
        executions.load(Ordering::Relaxed),
        n
    );
}

#[test]
fn mutated_genius_xml_never_panics() {
    run("GENIUS XML fuzz", genius_sets(), 1500, |files, sem| {
        // Try the domain with every other file as a profile (whichever parses as one).
        let Some(domain) = files
            .iter()
            .position(|f| f.text.contains("negotiation_template"))
        else {
            return;
        };
        let profiles: Vec<TextFile> = files
            .iter()
            .enumerate()
            .filter(|(i, f)| *i != domain && !f.name.ends_with("pareto.xml"))
            .map(|(_, f)| f.clone())
            .collect();
        if let Ok(imp) = genius_from_texts(&files[domain], &profiles, sem) {
            let _ = genius_to_texts(&imp.doc, sem);
            let small = imp.doc.issues.len() <= 8;
            if small {
                let _ = geniusweb_to_texts(&imp.doc);
            }
        }
    });
}

#[test]
fn mutated_geniusweb_json_never_panics() {
    run(
        "GeniusWeb JSON fuzz",
        geniusweb_sets(),
        1000,
        |files, sem| {
            let domain = files
                .iter()
                .find(|f| f.text.contains("issuesValues") && !f.text.contains("LinearAdditive"));
            let profiles: Vec<TextFile> = files
                .iter()
                .filter(|f| f.text.contains("UtilitySpace"))
                .cloned()
                .collect();
            if let Ok(imp) = geniusweb_from_texts(domain, &profiles, sem) {
                let _ = geniusweb_to_texts(&imp.doc);
                let _ = genius_to_texts(&imp.doc, sem);
            }
        },
    );
}
