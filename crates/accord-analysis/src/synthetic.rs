//! Synthetic scenarios, deterministic from a seed, for benchmarks and tests.
//!
//! Every party's values lean one way on each issue (half the parties prefer the first
//! options of an issue, the other half the last ones, with noise), so the parties are in
//! real conflict. Weights are random and normalised. Red lines forbid a party's worst
//! option of an issue (single-issue lines) or the combination of its two worst options
//! on two issues (combination lines); interaction terms add or subtract a bonus when two
//! issues take given options together. Two drafts are added: a complete one and a
//! revision leaving a quarter of the issues open.
//!
//! ```
//! use accord_analysis::synthetic::{generate, Params};
//! let s = generate(&Params { issues: 5, options: 3, parties: 2, seed: 7, ..Params::default() });
//! assert_eq!(s.issues.len(), 5);
//! assert_eq!(s.space_size_exact(), Some(243));
//! ```

use accord_model::{
    ConditionDoc, DraftDoc, DraftStatus, InteractionDoc, IssueDoc, IssueKind, Judgement, OptionDoc,
    PartyDoc, PointDoc, PreferencesDoc, RedLineDoc, Role, Scenario, ScenarioDoc, ScenarioMeta,
    UtilityScale, ValuesDoc, load_doc,
};

/// What to generate.
#[derive(Debug, Clone, PartialEq)]
pub struct Params {
    /// Number of issues.
    pub issues: usize,
    /// Options per issue.
    pub options: usize,
    /// Number of parties (all principals, so all have a veto).
    pub parties: usize,
    /// Single-issue red lines per party.
    pub red_lines: usize,
    /// Two-issue combination red lines per party.
    pub combo_red_lines: usize,
    /// Two-issue interaction terms per party.
    pub interactions: usize,
    /// Every party's reservation.
    pub reservation: f64,
    /// Seed of the generator.
    pub seed: u64,
}

impl Default for Params {
    fn default() -> Self {
        Params {
            issues: 10,
            options: 4,
            parties: 3,
            red_lines: 1,
            combo_red_lines: 0,
            interactions: 0,
            reservation: 0.4,
            seed: 1,
        }
    }
}

/// A small deterministic generator (SplitMix64).
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed ^ 0x5DEE_CE66_D1CE_4E5B)
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A float in [0, 1).
    pub fn unit(&mut self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        let x = (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64;
        x
    }

    /// An integer in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        #[allow(clippy::cast_possible_truncation)]
        let x = (self.next_u64() % n.max(1) as u64) as usize;
        x
    }
}

/// Builds the scenario document.
pub fn generate_doc(p: &Params) -> ScenarioDoc {
    let mut rng = Rng::new(p.seed);
    let n = p.issues.max(1);
    let m = p.options.max(2);
    let issue_id = |i: usize| format!("i{i}");
    let opt_id = |l: usize| format!("o{l}");
    let issues: Vec<IssueDoc> = (0..n)
        .map(|i| IssueDoc {
            id: issue_id(i),
            name: format!("Issue {i}"),
            description: None,
            kind: IssueKind::Discrete,
            options: (0..m).map(|l| OptionDoc::new(opt_id(l))).collect(),
            ordered: true,
            min: None,
            max: None,
            step: None,
            unit: None,
        })
        .collect();
    let parties: Vec<PartyDoc> = (0..p.parties.max(1))
        .map(|k| PartyDoc {
            id: format!("p{k}"),
            name: format!("Party {k}"),
            role: Role::Principal,
            capability: Judgement::plain(0.5 + rng.unit()),
            veto: None,
            members: Vec::new(),
            description: None,
        })
        .collect();
    let mut preferences = Vec::new();
    for (k, party) in parties.iter().enumerate() {
        let mut values: Vec<Vec<f64>> = Vec::with_capacity(n);
        for _ in 0..n {
            let up = (k + rng.below(4)).is_multiple_of(2);
            #[allow(clippy::cast_precision_loss)]
            let vs: Vec<f64> = (0..m)
                .map(|l| {
                    let base = l as f64 / (m - 1) as f64;
                    let base = if up { base } else { 1.0 - base };
                    (0.8 * base + 0.2 * rng.unit()).clamp(0.0, 1.0)
                })
                .collect();
            values.push(vs);
        }
        let worst = |vs: &[f64]| -> usize {
            (0..vs.len())
                .min_by(|&a, &b| vs[a].total_cmp(&vs[b]))
                .unwrap_or(0)
        };
        let mut red_lines = Vec::new();
        for _ in 0..p.red_lines {
            let i = rng.below(n);
            red_lines.push(RedLineDoc {
                issue: Some(issue_id(i)),
                option: Some(opt_id(worst(&values[i]))),
                ..RedLineDoc::default()
            });
        }
        for _ in 0..p.combo_red_lines {
            if n < 2 {
                break;
            }
            let a = rng.below(n);
            let b = (a + 1 + rng.below(n - 1)) % n;
            let second_worst = |vs: &[f64]| -> Vec<String> {
                let mut idx: Vec<usize> = (0..vs.len()).collect();
                idx.sort_by(|&x, &y| vs[x].total_cmp(&vs[y]));
                idx.iter().take(2).map(|&l| opt_id(l)).collect()
            };
            red_lines.push(RedLineDoc {
                when: [
                    (issue_id(a), ConditionDoc::Options(second_worst(&values[a]))),
                    (issue_id(b), ConditionDoc::Options(second_worst(&values[b]))),
                ]
                .into_iter()
                .collect(),
                ..RedLineDoc::default()
            });
        }
        let mut interactions = Vec::new();
        for _ in 0..p.interactions {
            if n < 2 {
                break;
            }
            let a = rng.below(n);
            let b = (a + 1 + rng.below(n - 1)) % n;
            let sign = if rng.below(2) == 0 { 1.0 } else { -1.0 };
            interactions.push(InteractionDoc {
                when: [
                    (issue_id(a), ConditionDoc::Option(opt_id(rng.below(m)))),
                    (issue_id(b), ConditionDoc::Option(opt_id(rng.below(m)))),
                ]
                .into_iter()
                .collect(),
                value: Judgement::plain(sign * (0.02 + 0.04 * rng.unit())),
                description: None,
            });
        }
        let weights = (0..n)
            .map(|i| (issue_id(i), Judgement::plain(0.1 + rng.unit())))
            .collect();
        let values = values
            .iter()
            .enumerate()
            .map(|(i, vs)| {
                (
                    issue_id(i),
                    ValuesDoc::Options(
                        vs.iter()
                            .enumerate()
                            .map(|(l, &v)| (opt_id(l), Judgement::plain(v)))
                            .collect(),
                    ),
                )
            })
            .collect();
        preferences.push((
            party.id.clone(),
            PreferencesDoc {
                reservation: Judgement::plain(p.reservation),
                normalize: true,
                weights,
                values,
                red_lines,
                interactions,
                discount: None,
            },
        ));
    }
    let full: Vec<usize> = (0..n).map(|_| rng.below(m)).collect();
    let point = |i: usize, l: usize| PointDoc {
        n: u32::try_from(i + 1).unwrap_or(u32::MAX),
        text: format!("Issue {i} is settled at option {l}."),
        issue: Some(issue_id(i)),
        option: Some(opt_id(l)),
        ..PointDoc::default()
    };
    let d1 = DraftDoc {
        id: "d1".into(),
        title: "First draft".into(),
        author: parties[0].id.clone(),
        date: "2025-01-01".into(),
        status: DraftStatus::Proposed,
        parent: None,
        inherits: false,
        description: None,
        sources: Vec::new(),
        points: (0..n).map(|i| point(i, full[i])).collect(),
    };
    let d2 = DraftDoc {
        id: "d2".into(),
        title: "Revision".into(),
        author: parties[parties.len() - 1].id.clone(),
        date: "2025-01-02".into(),
        status: DraftStatus::Revised,
        parent: Some("d1".into()),
        inherits: false,
        description: None,
        sources: Vec::new(),
        points: (0..n)
            .filter(|i| i % 4 != 3)
            .map(|i| point(i, if i % 4 == 1 { rng.below(m) } else { full[i] }))
            .collect(),
    };
    ScenarioDoc {
        scenario: ScenarioMeta {
            id: format!("synthetic-{}x{}x{}-s{}", n, m, parties.len(), p.seed),
            title: "Synthetic scenario".into(),
            as_of: None,
            description: None,
            utility_scale: UtilityScale::Raw,
            metadata: Default::default(),
        },
        parties,
        issues,
        preferences: preferences.into_iter().collect(),
        drafts: vec![d1, d2],
        events: Vec::new(),
        sources: Vec::new(),
    }
}

/// Generates a validated scenario.
///
/// # Panics
/// Never for parameters with at least one issue, two options and one party (the
/// generator only writes valid documents); other parameters are clamped to those minima.
pub fn generate(p: &Params) -> Scenario {
    match load_doc(generate_doc(p), "synthetic") {
        Ok(l) => l.scenario,
        Err(e) => panic!("synthetic scenario is invalid (a bug in the generator): {e}"),
    }
}
