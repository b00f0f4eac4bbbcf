//! Each seat's offer space: the packages it may offer, sorted by its own utility, with
//! the inverse-utility queries agents need ("a package near utility x").
//!
//! On enumerated domains the list is exact: every package that crosses none of the
//! seat's red lines and meets its reservation. On larger domains it is a *pool* built
//! without enumerating: for targets spread evenly between the reservation and the best
//! utility, a local search from a random package (single-issue moves, red lines as hard
//! constraints) finds a package near each target. The pool is deterministic from the
//! domain seed, and every package in it is acceptable to the seat.

use std::ops::Range;

use accord_model::{EPS_UTILITY, Level, Preferences};
use rand::Rng as _;

use crate::domain::{Domain, MAX_ISSUES, OutcomeId};
use crate::rng::rng_for;

/// Distance below a target within which NegMAS's presorting inverter still picks an
/// outcome in `worst_in` (its `EPS`); [`OfferSpace::at_least`] mirrors it.
pub const NEGMAS_INVERSE_EPS: f64 = 1e-6;

/// The packages a seat may offer, sorted by the seat's utility (ascending; equal
/// utilities by ascending package index, so every query that returns "the first entry at
/// or above x" returns the lowest-index package among equals, as a stable sort in
/// enumeration order does).
#[derive(Debug, Clone, Default)]
pub struct OfferSpace {
    utils: Vec<f64>,
    ids: Vec<OutcomeId>,
    exact: bool,
    /// Levels of every entry (`n_issues` bytes each), when every issue has at most 256
    /// levels: opponent models read them instead of decoding indices.
    levels: Vec<u8>,
    n_issues: usize,
}

impl OfferSpace {
    pub(crate) fn from_entries(entries: &mut [(f64, OutcomeId)], exact: bool) -> OfferSpace {
        entries.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        OfferSpace {
            utils: entries.iter().map(|e| e.0).collect(),
            ids: entries.iter().map(|e| e.1).collect(),
            exact,
            levels: Vec::new(),
            n_issues: 0,
        }
    }

    /// Caches every entry's levels, if they fit in bytes.
    pub(crate) fn cache_levels(mut self, domain: &Domain) -> OfferSpace {
        let n = domain.n_issues();
        if domain.level_counts().iter().any(|&c| c > 256) {
            return self;
        }
        let mut buf = [0 as Level; MAX_ISSUES];
        let mut levels = Vec::with_capacity(self.ids.len() * n);
        for &id in &self.ids {
            domain.decode_into(id, &mut buf[..n]);
            levels.extend(buf[..n].iter().map(|&l| u8::try_from(l).unwrap_or(u8::MAX)));
        }
        self.levels = levels;
        self.n_issues = n;
        self
    }

    /// Levels of entry `i`, when cached (every issue has at most 256 levels).
    #[inline]
    pub fn levels(&self, i: usize) -> Option<&[u8]> {
        if self.levels.is_empty() {
            None
        } else {
            Some(&self.levels[i * self.n_issues..(i + 1) * self.n_issues])
        }
    }

    /// Number of packages.
    #[inline]
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    /// Whether the seat has no acceptable package at all.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// Whether this is every acceptable package (enumerated) rather than a sampled pool.
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    /// Utility of entry `i`.
    #[inline]
    pub fn utility(&self, i: usize) -> f64 {
        self.utils[i]
    }

    /// Package of entry `i`.
    #[inline]
    pub fn id(&self, i: usize) -> OutcomeId {
        self.ids[i]
    }

    /// Index of the best entry (the lowest-index package among equally good ones).
    #[inline]
    pub fn best(&self) -> Option<usize> {
        self.max_utility().map(|m| self.lower_bound(m))
    }

    /// Highest utility.
    #[inline]
    pub fn max_utility(&self) -> Option<f64> {
        self.utils.last().copied()
    }

    /// Lowest utility.
    #[inline]
    pub fn min_utility(&self) -> Option<f64> {
        self.utils.first().copied()
    }

    /// First entry with utility at least `x` (`len()` if none).
    #[inline]
    pub fn lower_bound(&self, x: f64) -> usize {
        self.utils.partition_point(|&u| u < x)
    }

    /// The entry whose utility is nearest `x` (GENIUS `getBidNearUtility`); on a tie, the higher one.
    pub fn nearest(&self, x: f64) -> Option<usize> {
        if self.is_empty() {
            return None;
        }
        let i = self.lower_bound(x);
        if i == self.len() {
            return Some(i - 1);
        }
        if i > 0 && x - self.utils[i - 1] < self.utils[i] - x {
            return Some(i - 1);
        }
        Some(i)
    }

    /// The lowest entry with utility at least `x`, or the best entry if none reaches `x`
    /// (NegMAS `worst_in` with presorting: an entry at most [`NEGMAS_INVERSE_EPS`] below
    /// `x` wins if it is strictly nearer).
    pub fn at_least(&self, x: f64) -> Option<usize> {
        if self.is_empty() {
            return None;
        }
        let i = self.lower_bound(x).min(self.len() - 1);
        if i > 0 {
            let below = x - self.utils[i - 1];
            if below <= NEGMAS_INVERSE_EPS && below < (self.utils[i] - x).abs() {
                return Some(i - 1);
            }
        }
        Some(i)
    }

    /// Indices of the entries with utility in `[lo, hi]`.
    pub fn range(&self, lo: f64, hi: f64) -> Range<usize> {
        let a = self.lower_bound(lo);
        let b = self.utils.partition_point(|&u| u <= hi);
        a..b.max(a)
    }
}

/// Builds a seat's offer pool on a domain too large to enumerate.
pub(crate) fn build_pool(domain: &Domain, seat: usize, size: usize, seed: u64) -> OfferSpace {
    let prefs = domain.prefs(seat);
    let counts = domain.level_counts();
    let n = counts.len();
    let allowed: Vec<Vec<Level>> = (0..n)
        .map(|i| (0..counts[i]).filter(|&l| !prefs.forbids(i, l)).collect())
        .collect();
    if allowed.iter().any(Vec::is_empty) {
        return OfferSpace::from_entries(&mut [], false);
    }
    let mut buf = [0 as Level; MAX_ISSUES];
    let pkg = &mut buf[..n];
    let mut entries: Vec<(f64, OutcomeId)> = Vec::with_capacity(size + 1);

    // The best package: per-issue best level, then a climb that also repairs red lines
    // and accounts for interaction terms.
    for (i, levels) in allowed.iter().enumerate() {
        pkg[i] = *levels
            .iter()
            .max_by(|&&a, &&b| {
                prefs
                    .contribution(i, a)
                    .total_cmp(&prefs.contribution(i, b))
                    .then(b.cmp(&a))
            })
            .unwrap_or(&0);
    }
    let search = Search {
        prefs,
        allowed: &allowed,
    };
    search.run(pkg, f64::INFINITY);
    let rv = prefs.reservation;
    let top = prefs.utility(pkg);
    if prefs.first_red_line_crossed(pkg).is_some() || top < rv - EPS_UTILITY {
        return OfferSpace::from_entries(&mut [], false);
    }
    push(domain, pkg, top, &mut entries);

    let mut rng = rng_for(seed, seat as u64 + 1);
    #[allow(clippy::cast_precision_loss)]
    let denom = size.max(1) as f64;
    for j in 0..size {
        #[allow(clippy::cast_precision_loss)]
        let target = rv + (top - rv) * (j as f64 + 0.5) / denom;
        for (i, levels) in allowed.iter().enumerate() {
            pkg[i] = levels[rng.random_range(0..levels.len())];
        }
        search.run(pkg, target);
        let u = prefs.utility(pkg);
        if u >= rv - EPS_UTILITY && prefs.first_red_line_crossed(pkg).is_none() {
            push(domain, pkg, u, &mut entries);
        }
    }
    entries.sort_by_key(|e| e.1);
    entries.dedup_by_key(|e| e.1);
    OfferSpace::from_entries(&mut entries, false).cache_levels(domain)
}

fn push(domain: &Domain, pkg: &[Level], u: f64, entries: &mut Vec<(f64, OutcomeId)>) {
    if let Some(id) = domain.encode(pkg) {
        entries.push((u, id));
    }
}

/// Steepest-descent local search on single-issue moves towards a target utility
/// (`f64::INFINITY` = maximise), with crossed red lines as a large penalty.
struct Search<'a> {
    prefs: &'a Preferences,
    allowed: &'a [Vec<Level>],
}

impl Search<'_> {
    const RED_LINE_PENALTY: f64 = 1e3;

    fn score(&self, pkg: &[Level], target: f64) -> f64 {
        let u = self.prefs.utility(pkg);
        let red = self.prefs.red_lines_crossed(pkg).count();
        #[allow(clippy::cast_precision_loss)]
        let penalty = Self::RED_LINE_PENALTY * red as f64;
        if target.is_infinite() {
            penalty - u
        } else {
            penalty + (u - target).abs()
        }
    }

    fn run(&self, pkg: &mut [Level], target: f64) {
        let max_iter = 4 * pkg.len() + 8;
        let mut cur = self.score(pkg, target);
        for _ in 0..max_iter {
            if target.is_finite() && cur < 1e-9 {
                break;
            }
            let mut best: Option<(usize, Level, f64)> = None;
            for (i, levels) in self.allowed.iter().enumerate() {
                let keep = pkg[i];
                for &l in levels {
                    if l == keep {
                        continue;
                    }
                    pkg[i] = l;
                    let s = self.score(pkg, target);
                    if s < best.map_or(cur - 1e-12, |b| b.2) {
                        best = Some((i, l, s));
                    }
                }
                pkg[i] = keep;
            }
            match best {
                Some((i, l, s)) => {
                    pkg[i] = l;
                    cur = s;
                }
                None => break,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn space(us: &[f64]) -> OfferSpace {
        let mut e: Vec<(f64, OutcomeId)> =
            us.iter().enumerate().map(|(i, &u)| (u, i as u64)).collect();
        OfferSpace::from_entries(&mut e, true)
    }

    #[test]
    fn queries() {
        // ids:          0    1    2    3    4
        let s = space(&[0.5, 0.1, 0.9, 0.5, 0.3]);
        // sorted: 0.1(1) 0.3(4) 0.5(0) 0.5(3) 0.9(2)
        assert_eq!(s.id(2), 0);
        assert_eq!(s.id(3), 3);
        assert_eq!(s.best(), Some(4));
        assert_eq!(s.nearest(0.42).map(|i| s.id(i)), Some(0));
        assert_eq!(s.nearest(0.38).map(|i| s.id(i)), Some(4));
        assert_eq!(s.nearest(0.4).map(|i| s.id(i)), Some(0), "a tie goes up");
        assert_eq!(s.nearest(2.0).map(|i| s.id(i)), Some(2));
        assert_eq!(s.nearest(-1.0).map(|i| s.id(i)), Some(1));
        assert_eq!(s.at_least(0.31).map(|i| s.id(i)), Some(0));
        assert_eq!(
            s.at_least(0.3000005).map(|i| s.id(i)),
            Some(4),
            "within 1e-6 below wins"
        );
        assert_eq!(s.at_least(0.95).map(|i| s.id(i)), Some(2));
        assert_eq!(s.range(0.3, 0.5), 1..4);
        assert!(s.range(0.6, 0.8).is_empty());
        let e = space(&[]);
        assert_eq!(
            (e.best(), e.nearest(0.5), e.at_least(0.5)),
            (None, None, None)
        );
        // Equal best utilities: the lowest index is the best entry.
        let t = space(&[0.2, 0.9, 0.9]);
        assert_eq!(t.best().map(|i| t.id(i)), Some(1));
    }
}
