//! Workloads shared by the criterion bench and the `sao_timing` example.
#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::PathBuf;
use std::sync::Arc;

use accord_model::{Format, load_str};
use accord_negotiation::{AgentSpec, Domain, Protocol, SaoConfig, Tournament};

/// The NegMAS reference domain with 10^4 outcomes (4 issues x 10 options, opposed).
pub fn fixture_domain(name: &str) -> Arc<Domain> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join(format!("../../tests/fixtures/negmas-sao/{name}.toml"));
    let text = std::fs::read_to_string(&p).expect("fixture");
    let sc = load_str(&text, name, Format::Toml).expect("loads").scenario;
    Arc::new(Domain::new(sc).expect("domain"))
}

/// An opposed bilateral domain (`issues` x `values`), deterministic from `seed`.
pub fn opposed_domain(seed: u64, issues: usize, values: usize) -> Arc<Domain> {
    Arc::new(
        Domain::new(
            load_str(
                &opposed_text(seed, issues, values),
                "bench.toml",
                Format::Toml,
            )
            .expect("loads")
            .scenario,
        )
        .expect("domain"),
    )
}

/// A 4-party scenario shaped like the default one: 14 issues of 4-5 options (1.3e9
/// packages, so offer pools instead of enumeration), reservations 0.3, two red lines each.
pub fn big_domain() -> Arc<Domain> {
    let mut x = 0x5EED_u64;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        #[allow(clippy::cast_precision_loss)]
        let r = (x >> 11) as f64 / (1u64 << 53) as f64;
        r
    };
    let parties = ["us", "ua", "ru", "eu"];
    let levels: Vec<usize> = (0..14).map(|i| 4 + i % 2).collect();
    let mut s = String::from("[scenario]\nid = \"big\"\ntitle = \"bench\"\n\n");
    for p in parties {
        let _ = write!(
            s,
            "[[parties]]\nid = \"{p}\"\nname = \"{p}\"\nrole = \"principal\"\ncapability = 1\n\n"
        );
    }
    for (i, &k) in levels.iter().enumerate() {
        let opts: Vec<String> = (0..k).map(|l| format!("\"o{l}\"")).collect();
        let _ = write!(
            s,
            "[[issues]]\nid = \"i{i}\"\nname = \"i{i}\"\noptions = [{}]\nordered = true\n\n",
            opts.join(", ")
        );
    }
    for (pi, p) in parties.iter().enumerate() {
        let _ = writeln!(s, "[preferences.{p}]\nreservation = 0.3\nnormalize = true");
        let ws: Vec<String> = (0..levels.len())
            .map(|i| format!("i{i} = {:?}", next() + 0.05))
            .collect();
        let _ = writeln!(s, "weights = {{ {} }}", ws.join(", "));
        for (i, &k) in levels.iter().enumerate() {
            let vs: Vec<String> = (0..k).map(|l| format!("o{l} = {:?}", next())).collect();
            let _ = writeln!(s, "values.i{i} = {{ {} }}", vs.join(", "));
        }
        let _ = writeln!(
            s,
            "red_lines = [{{ issue = \"i{pi}\", option = \"o0\" }}, {{ issue = \"i{}\", option = \"o1\" }}]\n",
            pi + 4
        );
    }
    let sc = load_str(&s, "big.toml", Format::Toml)
        .expect("loads")
        .scenario;
    Arc::new(Domain::new(sc).expect("domain"))
}

fn opposed_text(seed: u64, issues: usize, values: usize) -> String {
    let mut x = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        #[allow(clippy::cast_precision_loss)]
        let r = (x >> 11) as f64 / (1u64 << 53) as f64;
        r
    };
    let mut s = format!("[scenario]\nid = \"opposed_{seed}\"\ntitle = \"bench\"\n\n");
    for p in ["a", "b"] {
        let _ = write!(
            s,
            "[[parties]]\nid = \"{p}\"\nname = \"{p}\"\nrole = \"principal\"\ncapability = 1\n\n"
        );
    }
    for i in 0..issues {
        let opts: Vec<String> = (0..values).map(|l| format!("\"o{l}\"")).collect();
        let _ = write!(
            s,
            "[[issues]]\nid = \"i{i}\"\nname = \"i{i}\"\noptions = [{}]\n\n",
            opts.join(", ")
        );
    }
    let vals: Vec<Vec<f64>> = (0..issues)
        .map(|_| (0..values).map(|_| next()).collect())
        .collect();
    for (p, flip) in [("a", false), ("b", true)] {
        let _ = writeln!(s, "[preferences.{p}]\nnormalize = true");
        let ws: Vec<String> = (0..issues)
            .map(|i| format!("i{i} = {:?}", next() + 0.05))
            .collect();
        let _ = writeln!(s, "weights = {{ {} }}", ws.join(", "));
        for (i, row) in vals.iter().enumerate() {
            let vs: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(l, v)| format!("o{l} = {:?}", if flip { 1.0 - v } else { *v }))
                .collect();
            let _ = writeln!(s, "values.i{i} = {{ {} }}", vs.join(", "));
        }
    }
    s
}

/// The small tournament of the NegMAS anchor: 5 agents x 3 opposed 10^3-outcome scenarios,
/// every ordered pair (self-play included, so roles are rotated) x 2 repetitions = 150
/// negotiations of up to 1000 rounds.
pub fn small_tournament() -> Tournament {
    Tournament {
        agents: ["boulware", "conceder", "linear", "tit-for-tat", "micro"]
            .iter()
            .map(|s| AgentSpec::parse(s).expect("spec"))
            .collect(),
        scenarios: (1..=3).map(|s| opposed_domain(s, 3, 10)).collect(),
        protocol: Protocol::Sao(SaoConfig::rounds(1000)),
        repetitions: 2,
        self_play: true,
        seed: 0,
    }
}

/// NegMAS `BoulwareTBNegotiator` / `ConcederTBNegotiator` / hardheaded equivalents.
pub const NEGMAS_BOULWARE: &str = "time-based:e=0.25,offer=at-least,accept=target,tolerance=0.0001";
pub const NEGMAS_CONCEDER: &str = "time-based:e=4,offer=at-least,accept=target,tolerance=0.0001";
