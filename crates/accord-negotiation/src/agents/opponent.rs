//! A frequency-based opponent model (as in HardHeaded and GENIUS `HardHeadedFrequencyModel`):
//! options an opponent offers often are worth more to it, and issues whose option it
//! rarely changes weigh more.

use accord_model::Level;

use crate::domain::{Domain, MAX_ISSUES, OutcomeId};
use crate::space::OfferSpace;

/// How much an issue's weight grows when the opponent keeps its option between two offers.
const LEARN_RATE: f64 = 0.2;

/// The model of one opponent.
#[derive(Debug, Clone)]
pub(crate) struct FrequencyModel {
    offsets: Vec<usize>,
    counts: Vec<u32>,
    max_count: Vec<u32>,
    weights: Vec<f64>,
    last: Option<OutcomeId>,
    offers: u32,
}

impl FrequencyModel {
    pub(crate) fn new(domain: &Domain) -> Self {
        let counts_per_issue = domain.level_counts();
        let n = counts_per_issue.len();
        let mut offsets = Vec::with_capacity(n);
        let mut total = 0usize;
        for &c in counts_per_issue {
            offsets.push(total);
            total += c as usize;
        }
        #[allow(clippy::cast_precision_loss)]
        let w = 1.0 / n.max(1) as f64;
        FrequencyModel {
            offsets,
            counts: vec![0; total],
            max_count: vec![0; n],
            weights: vec![w; n],
            last: None,
            offers: 0,
        }
    }

    /// Number of offers seen.
    pub(crate) fn offers(&self) -> u32 {
        self.offers
    }

    /// Learns from one offer.
    pub(crate) fn update(&mut self, domain: &Domain, x: OutcomeId) {
        let n = self.weights.len();
        let mut buf = [0 as Level; MAX_ISSUES];
        let pkg = &mut buf[..n];
        domain.decode_into(x, pkg);
        let mut prev_buf = [0 as Level; MAX_ISSUES];
        let prev = self.last.map(|p| {
            domain.decode_into(p, &mut prev_buf[..n]);
            &prev_buf[..n]
        });
        if let Some(prev) = prev {
            let mut changed = false;
            for i in 0..n {
                if prev[i] == pkg[i] {
                    self.weights[i] += LEARN_RATE / n as f64;
                    changed = true;
                }
            }
            if changed {
                let s: f64 = self.weights.iter().sum();
                for w in &mut self.weights {
                    *w /= s;
                }
            }
        }
        for (i, &l) in pkg.iter().enumerate() {
            let c = &mut self.counts[self.offsets[i] + l as usize];
            *c += 1;
            self.max_count[i] = self.max_count[i].max(*c);
        }
        self.last = Some(x);
        self.offers += 1;
    }

    /// Estimated utility of a package to the opponent, in [0, 1].
    pub(crate) fn utility(&self, domain: &Domain, x: OutcomeId) -> f64 {
        let n = self.weights.len();
        let mut buf = [0 as Level; MAX_ISSUES];
        let pkg = &mut buf[..n];
        domain.decode_into(x, pkg);
        self.utility_of(pkg.iter().map(|&l| l as usize))
    }

    /// Estimated utility of a package given by its levels.
    #[inline]
    pub(crate) fn utility_of(&self, levels: impl Iterator<Item = usize>) -> f64 {
        let mut u = 0.0;
        for (i, l) in levels.enumerate() {
            let c = self.counts[self.offsets[i] + l];
            u += self.weights[i] * (f64::from(c) + 1.0) / (f64::from(self.max_count[i]) + 1.0);
        }
        u
    }
}

/// Models of every other seat; `score` is the least-satisfied opponent's estimated utility.
#[derive(Debug, Clone)]
pub(crate) struct Opponents {
    me: usize,
    models: Vec<FrequencyModel>,
}

impl Opponents {
    pub(crate) fn new(domain: &Domain, me: usize) -> Self {
        Opponents {
            me,
            models: (0..domain.n_seats())
                .map(|_| FrequencyModel::new(domain))
                .collect(),
        }
    }

    pub(crate) fn update(&mut self, domain: &Domain, seat: usize, x: OutcomeId) {
        if seat != self.me {
            self.models[seat].update(domain, x);
        }
    }

    /// The lowest estimated utility among opponents (1 before any offer is seen).
    pub(crate) fn score(&self, domain: &Domain, x: OutcomeId) -> f64 {
        self.models
            .iter()
            .enumerate()
            .filter(|(s, m)| *s != self.me && m.offers() > 0)
            .map(|(_, m)| m.utility(domain, x))
            .fold(1.0, f64::min)
    }

    /// [`Opponents::score`] of offer-space entry `i` of `space`, using its cached levels
    /// when there are some.
    #[inline]
    pub(crate) fn score_entry(&self, domain: &Domain, space: &OfferSpace, i: usize) -> f64 {
        match space.levels(i) {
            Some(levels) => self
                .models
                .iter()
                .enumerate()
                .filter(|(s, m)| *s != self.me && m.offers() > 0)
                .map(|(_, m)| m.utility_of(levels.iter().map(|&l| usize::from(l))))
                .fold(1.0, f64::min),
            None => self.score(domain, space.id(i)),
        }
    }

    pub(crate) fn seen_any(&self) -> bool {
        self.models.iter().any(|m| m.offers() > 0)
    }
}
