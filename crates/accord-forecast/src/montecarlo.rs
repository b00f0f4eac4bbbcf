//! The probability of a deal when the judgements are uncertain.
//!
//! Every judgement a scenario marks as uncertain (a `range` on a weight, value, reservation
//! or capability; a `probability` on a red line) is drawn independently: uniform on its
//! range, or kept with its probability. Each draw is a complete scenario, analysed exactly
//! (zone of possible agreement, Nash package, draft acceptability). Sample `i` uses a
//! ChaCha8 stream seeded from `(seed, i)`, so results do not depend on the number of threads
//! and grow consistently with `samples`.
//!
//! Sensitivity is read off the same samples: for each judgement, the probability of a deal
//! when it lies in the upper half of its range (a red line: when it holds) minus the
//! probability when it lies in the lower half (the line is dropped). Positive means "a
//! higher value makes a deal more likely".

use std::sync::atomic::{AtomicBool, Ordering};

use accord_analysis::{Analyzer, Options};
use accord_model::{Level, Scenario, UncertainJudgement};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rayon::prelude::*;
use serde::Serialize;

/// Settings of a Monte Carlo run.
#[derive(Debug, Clone)]
pub struct MonteCarloOptions {
    /// Number of sampled scenarios.
    pub samples: usize,
    /// Seed of the sampler.
    pub seed: u64,
}

impl Default for MonteCarloOptions {
    fn default() -> Self {
        MonteCarloOptions {
            samples: 10_000,
            seed: 1,
        }
    }
}

/// A probability estimated from samples, with its standard error.
#[derive(Debug, Clone, Copy, Serialize, PartialEq)]
pub struct Estimate {
    /// The estimate (share of samples).
    pub p: f64,
    /// Its standard error, sqrt(p (1 - p) / n).
    pub standard_error: f64,
    /// Samples it rests on.
    pub n: usize,
}

impl Estimate {
    fn from_counts(hits: usize, n: usize) -> Self {
        if n == 0 {
            return Estimate {
                p: 0.0,
                standard_error: 0.0,
                n,
            };
        }
        #[allow(clippy::cast_precision_loss)]
        let p = hits as f64 / n as f64;
        #[allow(clippy::cast_precision_loss)]
        let standard_error = (p * (1.0 - p) / n as f64).sqrt();
        Estimate {
            p,
            standard_error,
            n,
        }
    }
}

/// How often each option of one issue is the Nash package's choice (among samples with a deal).
#[derive(Debug, Clone, Serialize)]
pub struct IssueDistribution {
    /// Issue id.
    pub issue: String,
    /// `(option id, share)` in option order.
    pub options: Vec<(String, f64)>,
}

/// How likely one party is to accept one draft.
#[derive(Debug, Clone, Serialize)]
pub struct DraftAcceptance {
    /// Draft id.
    pub draft: String,
    /// Party id.
    pub party: String,
    /// Probability that every completion of the draft is acceptable to the party.
    pub acceptable: Estimate,
    /// Probability that acceptability depends on the draft's open issues.
    pub depends: Estimate,
}

/// How much one judgement moves the probability of a deal.
#[derive(Debug, Clone, Serialize)]
pub struct Sensitivity {
    /// The judgement (e.g. `ru.red_line.ru_no_nato`).
    pub judgement: String,
    /// Its value in the file.
    pub nominal: f64,
    /// P(deal) when the judgement is in the lower half of its range (red line: dropped).
    pub p_deal_low: f64,
    /// P(deal) when it is in the upper half (red line: holds).
    pub p_deal_high: f64,
    /// `p_deal_high - p_deal_low`.
    pub effect: f64,
}

/// The answer to "how likely is a deal?".
#[derive(Debug, Clone, Serialize)]
pub struct MonteCarloResult {
    /// Scenario id.
    pub scenario: String,
    /// Samples drawn (fewer than asked when interrupted).
    pub samples: usize,
    /// Samples asked for.
    pub samples_requested: usize,
    /// Seed.
    pub seed: u64,
    /// Whether the run was interrupted before the end.
    pub interrupted: bool,
    /// Parties whose acceptance defines a deal.
    pub parties: Vec<String>,
    /// The uncertain judgements sampled.
    pub judgements: Vec<UncertainJudgement>,
    /// Whether the scenario as written (every judgement at its value, every red line held)
    /// has a zone of possible agreement.
    pub deal_at_nominal: bool,
    /// Probability that a zone of possible agreement exists.
    pub p_deal: Estimate,
    /// Distribution of the Nash package per issue, over samples with a deal.
    pub nash_distribution: Vec<IssueDistribution>,
    /// Probability that each draft is acceptable to each party.
    pub drafts: Vec<DraftAcceptance>,
    /// Judgements ranked by how much they move the probability of a deal (largest first).
    pub sensitivity: Vec<Sensitivity>,
    /// Samples whose analysis failed (counted as no deal; should be 0).
    pub failed_samples: usize,
}

/// What one sampled scenario gave.
struct SampleOutcome {
    quantiles: Vec<f64>,
    values: Vec<f64>,
    deal: bool,
    nash: Option<Vec<Level>>,
    /// Per draft, per party with preferences: Some(true) yes, Some(false) no, None depends.
    drafts: Vec<Vec<Option<bool>>>,
    failed: bool,
}

/// What the analysis of one scenario gives: a deal?, the Nash package, draft acceptability.
type Analysed = (bool, Option<Vec<Level>>, Vec<Vec<Option<bool>>>);

fn analyse(s: &Scenario, opts: &Options) -> Option<Analysed> {
    let a = Analyzer::with_options(s, opts.clone()).ok()?;
    let exists = a.zone_exists();
    let nash = if exists {
        a.nash().map(|n| n.package.levels().to_vec())
    } else {
        None
    };
    let drafts = a
        .drafts()
        .iter()
        .map(|d| d.scores.iter().map(|p| p.acceptable).collect())
        .collect();
    Some((exists, nash, drafts))
}

fn lean_options() -> Options {
    Options {
        count_budget: 1,
        ..Options::default()
    }
}

/// Runs the Monte Carlo analysis. `progress` is called with the number of samples done;
/// setting `stop` ends the run early with the samples finished so far.
pub fn run_monte_carlo(
    s: &Scenario,
    opts: &MonteCarloOptions,
    stop: &AtomicBool,
    progress: &(dyn Fn(usize) + Sync),
) -> MonteCarloResult {
    let judgements = s.uncertain();
    let aopts = lean_options();
    let nominal = analyse(s, &aopts);
    let done = std::sync::atomic::AtomicUsize::new(0);
    let outcomes: Vec<SampleOutcome> = (0..opts.samples)
        .into_par_iter()
        .filter_map(|i| {
            if stop.load(Ordering::Relaxed) {
                return None;
            }
            let mut rng = ChaCha8Rng::seed_from_u64(opts.seed);
            rng.set_stream(i as u64);
            let quantiles: Vec<f64> = judgements.iter().map(|_| rng.random::<f64>()).collect();
            let values: Vec<f64> = judgements
                .iter()
                .zip(&quantiles)
                .map(|(j, &q)| j.at_quantile(q))
                .collect();
            let sampled = s.with_judgements(&judgements, &values);
            let out = analyse(&sampled, &aopts);
            let n = done.fetch_add(1, Ordering::Relaxed) + 1;
            if n.is_multiple_of(64) {
                progress(n);
            }
            Some(match out {
                Some((deal, nash, drafts)) => SampleOutcome {
                    quantiles,
                    values,
                    deal,
                    nash,
                    drafts,
                    failed: false,
                },
                None => SampleOutcome {
                    quantiles,
                    values,
                    deal: false,
                    nash: None,
                    drafts: Vec::new(),
                    failed: true,
                },
            })
        })
        .collect();
    progress(outcomes.len());
    summarise(
        s,
        opts,
        judgements,
        nominal.is_some_and(|n| n.0),
        outcomes,
        stop.load(Ordering::Relaxed),
    )
}

fn summarise(
    s: &Scenario,
    opts: &MonteCarloOptions,
    judgements: Vec<UncertainJudgement>,
    deal_at_nominal: bool,
    outcomes: Vec<SampleOutcome>,
    interrupted: bool,
) -> MonteCarloResult {
    let n = outcomes.len();
    let deals = outcomes.iter().filter(|o| o.deal).count();

    let nash_distribution = s
        .issues
        .iter()
        .enumerate()
        .map(|(ii, issue)| {
            let mut counts = vec![0usize; issue.len()];
            let mut total = 0usize;
            for o in &outcomes {
                if let Some(pkg) = &o.nash {
                    counts[pkg[ii] as usize] += 1;
                    total += 1;
                }
            }
            IssueDistribution {
                issue: issue.id.clone(),
                options: issue
                    .levels
                    .iter()
                    .zip(&counts)
                    .map(|(l, &c)| {
                        #[allow(clippy::cast_precision_loss)]
                        let share = if total == 0 {
                            0.0
                        } else {
                            c as f64 / total as f64
                        };
                        (l.id.clone(), share)
                    })
                    .collect(),
            }
        })
        .collect();

    let pref_parties = s.parties_with_preferences();
    let mut drafts = Vec::new();
    for (di, d) in s.drafts.iter().enumerate() {
        for (k, &p) in pref_parties.iter().enumerate() {
            let scored: Vec<Option<bool>> = outcomes
                .iter()
                .filter_map(|o| o.drafts.get(di).and_then(|v| v.get(k)).copied())
                .collect();
            let yes = scored.iter().filter(|a| **a == Some(true)).count();
            let dep = scored.iter().filter(|a| a.is_none()).count();
            drafts.push(DraftAcceptance {
                draft: d.id.clone(),
                party: s.parties[p].id.clone(),
                acceptable: Estimate::from_counts(yes, scored.len()),
                depends: Estimate::from_counts(dep, scored.len()),
            });
        }
    }

    let mut sensitivity: Vec<Sensitivity> = judgements
        .iter()
        .enumerate()
        .map(|(k, j)| {
            let (mut lo_n, mut lo_hit, mut hi_n, mut hi_hit) = (0usize, 0usize, 0usize, 0usize);
            for o in &outcomes {
                let high = match j.spread {
                    accord_model::Spread::Bernoulli { .. } => o.values[k] >= 0.5,
                    accord_model::Spread::Uniform { .. } => o.quantiles[k] >= 0.5,
                };
                if high {
                    hi_n += 1;
                    hi_hit += usize::from(o.deal);
                } else {
                    lo_n += 1;
                    lo_hit += usize::from(o.deal);
                }
            }
            let p_deal_low = Estimate::from_counts(lo_hit, lo_n).p;
            let p_deal_high = Estimate::from_counts(hi_hit, hi_n).p;
            Sensitivity {
                judgement: j.label.clone(),
                nominal: j.nominal,
                p_deal_low,
                p_deal_high,
                effect: p_deal_high - p_deal_low,
            }
        })
        .collect();
    sensitivity.sort_by(|a, b| {
        b.effect
            .abs()
            .total_cmp(&a.effect.abs())
            .then_with(|| a.judgement.cmp(&b.judgement))
    });

    MonteCarloResult {
        scenario: s.doc.scenario.id.clone(),
        samples: n,
        samples_requested: opts.samples,
        seed: opts.seed,
        interrupted,
        parties: s
            .veto_parties()
            .iter()
            .map(|&p| s.parties[p].id.clone())
            .collect(),
        judgements,
        deal_at_nominal,
        p_deal: Estimate::from_counts(deals, n),
        nash_distribution,
        drafts,
        sensitivity,
        failed_samples: outcomes.iter().filter(|o| o.failed).count(),
    }
}
