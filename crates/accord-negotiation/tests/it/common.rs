//! Shared helpers: scenarios built in code, a scripted agent.

use std::fmt::Write as _;
use std::sync::Arc;

use accord_model::{Format, load_str};
use accord_negotiation::{Action, Agent, Domain, DomainOptions, Turn};

/// One party of a generated scenario.
#[derive(Debug, Clone)]
pub struct PartySpec {
    pub id: String,
    pub rv: f64,
    pub weights: Vec<f64>,
    pub values: Vec<Vec<f64>>,
    /// Single-issue red lines: (issue, level).
    pub red_lines: Vec<(usize, usize)>,
    pub discount: Option<f64>,
}

/// A generated additive scenario.
#[derive(Debug, Clone)]
pub struct Spec {
    pub levels: Vec<usize>,
    pub ordered: bool,
    pub parties: Vec<PartySpec>,
}

/// A small deterministic generator (tests must not depend on rand's stream).
pub struct Lcg(u64);
impl Lcg {
    pub fn new(seed: u64) -> Self {
        Lcg(seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407))
    }
    pub fn next(&mut self) -> f64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        #[allow(clippy::cast_precision_loss)]
        let x = (self.0 >> 11) as f64 / (1u64 << 53) as f64;
        x
    }
}

/// Random values and weights; `opposed`: each later party's values are `1 - first's`.
pub fn random_spec(seed: u64, n_parties: usize, levels: &[usize], opposed: bool) -> Spec {
    let mut r = Lcg::new(seed);
    let first: Vec<Vec<f64>> = levels
        .iter()
        .map(|&k| (0..k).map(|_| r.next()).collect())
        .collect();
    let parties = (0..n_parties)
        .map(|p| {
            let values = if p == 0 || !opposed {
                if p == 0 {
                    first.clone()
                } else {
                    levels
                        .iter()
                        .map(|&k| (0..k).map(|_| r.next()).collect())
                        .collect()
                }
            } else {
                first
                    .iter()
                    .map(|row| row.iter().map(|v| 1.0 - v).collect())
                    .collect()
            };
            PartySpec {
                id: format!("p{p}"),
                rv: 0.0,
                weights: levels.iter().map(|_| r.next() + 0.05).collect(),
                values,
                red_lines: Vec::new(),
                discount: None,
            }
        })
        .collect();
    Spec {
        levels: levels.to_vec(),
        ordered: false,
        parties,
    }
}

/// The scenario as TOML.
pub fn toml(spec: &Spec, id: &str) -> String {
    let mut s = format!("[scenario]\nid = \"{id}\"\ntitle = \"generated\"\n\n");
    for p in &spec.parties {
        let _ = write!(
            s,
            "[[parties]]\nid = \"{0}\"\nname = \"{0}\"\nrole = \"principal\"\ncapability = 1\n\n",
            p.id
        );
    }
    for (i, &k) in spec.levels.iter().enumerate() {
        let opts: Vec<String> = (0..k).map(|l| format!("\"o{l}\"")).collect();
        let _ = write!(
            s,
            "[[issues]]\nid = \"i{i}\"\nname = \"Issue {i}\"\noptions = [{}]\nordered = {}\n\n",
            opts.join(", "),
            spec.ordered
        );
    }
    for p in &spec.parties {
        let _ = writeln!(
            s,
            "[preferences.{}]\nreservation = {:?}\nnormalize = true",
            p.id, p.rv
        );
        if let Some(d) = p.discount {
            let _ = writeln!(s, "discount = {d:?}");
        }
        let ws: Vec<String> = p
            .weights
            .iter()
            .enumerate()
            .map(|(i, w)| format!("i{i} = {w:?}"))
            .collect();
        let _ = writeln!(s, "weights = {{ {} }}", ws.join(", "));
        for (i, row) in p.values.iter().enumerate() {
            let vs: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(l, v)| format!("o{l} = {v:?}"))
                .collect();
            let _ = writeln!(s, "values.i{i} = {{ {} }}", vs.join(", "));
        }
        if !p.red_lines.is_empty() {
            let rl: Vec<String> = p
                .red_lines
                .iter()
                .map(|(i, l)| format!("{{ issue = \"i{i}\", option = \"o{l}\" }}"))
                .collect();
            let _ = writeln!(s, "red_lines = [{}]", rl.join(", "));
        }
        s.push('\n');
    }
    s
}

pub fn domain_with(spec: &Spec, opts: &DomainOptions) -> Arc<Domain> {
    let text = toml(spec, "generated");
    let sc = match load_str(&text, "generated.toml", Format::Toml) {
        Ok(l) => l.scenario,
        Err(e) => panic!("generated scenario does not load: {e}\n{text}"),
    };
    Arc::new(Domain::with_options(sc, opts).expect("domain"))
}

pub fn domain(spec: &Spec) -> Arc<Domain> {
    domain_with(spec, &DomainOptions::default())
}

/// One issue with `n` ordered levels; seat 0 wants level 0, seat 1 level n-1; values linear.
pub fn line(n: usize, rv: f64) -> Arc<Domain> {
    #[allow(clippy::cast_precision_loss)]
    let up: Vec<f64> = (0..n).map(|l| l as f64 / (n - 1) as f64).collect();
    let down: Vec<f64> = up.iter().map(|v| 1.0 - v).collect();
    let spec = Spec {
        levels: vec![n],
        ordered: true,
        parties: vec![
            PartySpec {
                id: "a".into(),
                rv,
                weights: vec![1.0],
                values: vec![down],
                red_lines: vec![],
                discount: None,
            },
            PartySpec {
                id: "b".into(),
                rv,
                weights: vec![1.0],
                values: vec![up],
                red_lines: vec![],
                discount: None,
            },
        ],
    };
    domain(&spec)
}

/// A large 4-party scenario (4^7 * 5^7 ~ 1.3e9 packages) with red lines and an
/// interaction, like the default scenario's shape.
pub fn big_text() -> String {
    let mut spec = random_spec(99, 4, &[4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5, 4, 5], false);
    for (p, party) in spec.parties.iter_mut().enumerate() {
        party.id = ["us", "ua", "ru", "eu"][p].into();
        party.rv = 0.3;
        party.red_lines = vec![(p, 0), (p + 4, 1)];
    }
    spec.ordered = true;
    let mut text = toml(&spec, "big");
    // A combination red line and an interaction for `ua`.
    text = text.replace(
        "[preferences.ua]\n",
        "[preferences.ua]\ninteractions = [{ when = { i2 = \"o1\", i3 = \"o2\" }, value = -0.05 }]\n",
    );
    text.push_str("");
    text
}

pub fn big() -> Arc<Domain> {
    let sc = load_str(&big_text(), "big.toml", Format::Toml)
        .expect("big loads")
        .scenario;
    Arc::new(Domain::new(sc).expect("big domain"))
}

/// Plays a fixed list of actions, then walks away.
pub struct Scripted {
    pub actions: Vec<Action>,
    pub i: usize,
}

impl Scripted {
    pub fn boxed(actions: Vec<Action>) -> Box<dyn Agent> {
        Box::new(Scripted { actions, i: 0 })
    }
}

impl Agent for Scripted {
    fn act(&mut self, _turn: &Turn) -> Action {
        let a = self.actions.get(self.i).copied().unwrap_or(Action::End);
        self.i += 1;
        a
    }
    fn aspiration(&self, _t: f64) -> f64 {
        0.0
    }
}
