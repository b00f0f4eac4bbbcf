//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use accord_model::{Level, Scenario, load_doc};

/// `/work/shared/domains` (from CARGO_MANIFEST_DIR `../../../shared/domains`), when present.
pub fn shared_domains() -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/domains");
    if p.join("genius").is_dir() && p.join("geniusweb").is_dir() {
        Some(p)
    } else {
        eprintln!(
            "note: {} is absent; tests on the shared GENIUS/GeniusWeb corpus are skipped",
            p.display()
        );
        None
    }
}

/// The repository's `tests/fixtures` folder.
pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// Sub-folders of `dir`, sorted.
pub fn subdirs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_dir())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Files of `dir` with extension `ext`, sorted.
pub fn files(dir: &Path, ext: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

pub fn name(p: &Path) -> String {
    p.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A validated scenario from a document.
pub fn scenario(doc: &accord_model::ScenarioDoc) -> Scenario {
    match load_doc(doc.clone(), "test") {
        Ok(l) => l.scenario,
        Err(e) => panic!("document does not validate: {e}"),
    }
}

/// SplitMix64: a tiny deterministic generator for sampling packages.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// Every package when there are at most `limit`, else `samples` random ones.
pub fn packages(sc: &Scenario, limit: u128, samples: usize, seed: u64) -> Vec<Vec<Level>> {
    let counts = sc.level_counts();
    let size = sc.space_size_exact().unwrap_or(u128::MAX);
    if size <= limit {
        let mut out = Vec::new();
        let mut pkg = vec![0 as Level; counts.len()];
        loop {
            out.push(pkg.clone());
            let mut k = counts.len();
            loop {
                if k == 0 {
                    return out;
                }
                k -= 1;
                pkg[k] += 1;
                if (pkg[k] as usize) < counts[k] {
                    break;
                }
                pkg[k] = 0;
            }
        }
    }
    let mut rng = Rng(seed);
    (0..samples)
        .map(|_| counts.iter().map(|&c| rng.below(c) as Level).collect())
        .collect()
}

/// Utility of a package for party `p`.
pub fn utility(sc: &Scenario, p: usize, pkg: &[Level]) -> f64 {
    sc.prefs(p).utility(pkg)
}

/// Levels of a package given by issue name -> value string.
pub fn levels_by_name(sc: &Scenario, pairs: &[(&str, &str)]) -> Vec<Level> {
    let bid: accord_formats::Bid = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), accord_formats::BidValue::Text(v.to_string())))
        .collect();
    match accord_formats::bid_levels(sc, &bid) {
        Ok(l) => l,
        Err(e) => panic!("bad package {pairs:?}: {e}"),
    }
}
