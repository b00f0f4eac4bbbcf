//! `accord analyze DIR --format json` on the shared GENIUS corpus gives the Pareto frontier
//! size, Nash point and largest welfare that `shared/domains/genius/SOURCES.md` lists
//! (computed independently with GENIUS 10.4 semantics; Nash = argmax over the Pareto set of
//! the product of (u_i - rv_i), GENIUS's `MultilateralAnalysis` definition).

use std::path::PathBuf;
use std::process::Command;

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/domains/genius");
    p.is_dir().then_some(p)
}

struct Row {
    folder: String,
    rv: Vec<f64>,
    pareto: usize,
    nash: Vec<f64>,
    welfare: f64,
}

/// Reads the summary table of SOURCES.md: rows with all three oracle columns filled.
fn oracle_rows(text: &str) -> Vec<Row> {
    let mut rows = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("| ")) {
        let cells: Vec<&str> = line.trim_matches('|').split('|').map(str::trim).collect();
        if cells.len() < 12 {
            continue;
        }
        let (Ok(pareto), Ok(welfare)) = (cells[9].parse::<usize>(), cells[11].parse::<f64>())
        else {
            continue;
        };
        let nash: Vec<f64> = cells[10]
            .trim_matches(|c| c == '[' || c == ']')
            .split(',')
            .filter_map(|x| x.trim().parse().ok())
            .collect();
        let rv = cells[7]
            .split(',')
            .map(|x| x.trim().parse().unwrap_or(0.0))
            .collect();
        rows.push(Row {
            folder: cells[0].to_string(),
            rv,
            pareto,
            nash,
            welfare,
        });
    }
    rows
}

fn analyze(dir: &PathBuf, parties: Option<&str>) -> serde_json::Value {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_accord"));
    cmd.arg("analyze").arg(dir).args(["--format", "json"]);
    if let Some(p) = parties {
        cmd.args(["--parties", p]);
    }
    let out = match cmd.output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run accord: {e}"),
    };
    assert!(
        out.status.success(),
        "{}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    match serde_json::from_slice(&out.stdout) {
        Ok(v) => v,
        Err(e) => panic!("{}: bad JSON: {e}", dir.display()),
    }
}

/// Pareto sizes where the reference differs from accord, with the reason (see the issue note).
fn known_size_difference(folder: &str) -> Option<usize> {
    match folder {
        // The reference compared floating-point sums exactly; accord treats vectors within
        // 1e-12 as equal (they differ only by rounding).
        "SupermarketA" => Some(39),
        "Energy" => Some(204),
        // The reference lists 73; brute force over the imported domain and NegMAS 0.16
        // (tests/fixtures/negmas/CarA.json) both give 53.
        "CarA" => Some(53),
        _ => None,
    }
}

#[test]
fn pareto_nash_and_welfare_match_sources_md() {
    let Some(root) = shared() else {
        eprintln!("skipped: shared/domains/genius not found");
        return;
    };
    let text = match std::fs::read_to_string(root.join("SOURCES.md")) {
        Ok(t) => t,
        Err(e) => panic!("cannot read SOURCES.md: {e}"),
    };
    let rows = oracle_rows(&text);
    assert!(
        rows.len() >= 20,
        "expected the oracle table, found {} rows",
        rows.len()
    );
    let mut checked = 0;
    for row in &rows {
        // SOURCES.md: SmartEnergyGrid's oracle uses only the three linear `_utilN` profiles.
        let parties = (row.folder == "SmartEnergyGrid")
            .then_some("SmartEnergyGrid_util1,SmartEnergyGrid_util2,SmartEnergyGrid_util3");
        let v = analyze(&root.join(&row.folder), parties);
        let p = &v["pareto"];
        let size = p["size"].as_u64().map(|s| s as usize);
        let want = known_size_difference(&row.folder).unwrap_or(row.pareto);
        assert_eq!(size, Some(want), "{}: Pareto size", row.folder);
        let welfare = p["max_welfare"].as_f64().unwrap_or(f64::NAN);
        assert!(
            (welfare - row.welfare).abs() < 1e-6,
            "{}: max welfare {welfare} vs {}",
            row.folder,
            row.welfare
        );
        let nash: Vec<f64> = p["nash_frontier"]
            .as_array()
            .map(|a| a.iter().filter_map(serde_json::Value::as_f64).collect())
            .unwrap_or_default();
        assert_eq!(nash.len(), row.nash.len(), "{}: Nash point", row.folder);
        let same = nash
            .iter()
            .zip(&row.nash)
            .all(|(a, b)| (a - b).abs() < 1e-6);
        if !same {
            // Several frontier points may share the largest product (NiceOrDie: both
            // parties without a reservation, two mirror-image points); GENIUS breaks the tie
            // by its own order, accord by frontier order. Then the products must be equal.
            let rv = if row.folder == "SmartEnergyGrid" {
                &row.rv[3..]
            } else {
                &row.rv[..]
            };
            let product = |u: &[f64]| u.iter().zip(rv).map(|(x, r)| x - r).product::<f64>();
            assert!(
                (product(&nash) - product(&row.nash)).abs() < 1e-6,
                "{}: Nash {nash:?} vs {:?}",
                row.folder,
                row.nash
            );
        }
        checked += 1;
    }
    eprintln!("checked {checked} domains against SOURCES.md");
}
