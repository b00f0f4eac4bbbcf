//! The largest value a sum of hyper-rectangle bonuses can take.
//!
//! GENIUS's ANAC 2014 profiles define `u(b) = min(1, F(b) / maxutility)` where `F` sums the
//! utilities of the hyper-rectangles containing `b`. accord's interaction terms are additive,
//! so the import is exact only when the cap never binds, i.e. when `max F <= maxutility`.
//!
//! Boxes are axis-aligned, so a set of boxes has a common point exactly when every pair of
//! them overlaps (Helly's theorem in one dimension, issue by issue). The maximum of `F` over
//! the outcome space is therefore a maximum-weight clique of the "overlaps" graph when all
//! bonuses are positive; this module finds it by branch and bound.

/// One box: per constrained issue, an inclusive range of level indices; and its bonus.
#[derive(Debug, Clone)]
pub(crate) struct BoxTerm {
    /// `(issue, first level, last level)`, inclusive, non-empty.
    pub ranges: Vec<(usize, usize, usize)>,
    /// The bonus when a package lies in the box.
    pub value: f64,
}

fn overlaps(a: &BoxTerm, b: &BoxTerm) -> bool {
    a.ranges.iter().all(|&(i, lo, hi)| {
        b.ranges
            .iter()
            .filter(|r| r.0 == i)
            .all(|&(_, lo2, hi2)| lo.max(lo2) <= hi.min(hi2))
    })
}

/// Upper bound on `sum of bonuses` over all packages, exact when every bonus is positive.
///
/// Negative bonuses are ignored (they can only lower the sum), so the result is an upper
/// bound in general. Returns `None` when the search exceeds its budget.
pub(crate) fn max_sum(boxes: &[BoxTerm]) -> Option<f64> {
    let mut pos: Vec<&BoxTerm> = boxes.iter().filter(|b| b.value > 0.0).collect();
    pos.sort_by(|a, b| b.value.total_cmp(&a.value));
    let n = pos.len();
    if n == 0 {
        return Some(0.0);
    }
    let words = n.div_ceil(64);
    let mut adj = vec![vec![0u64; words]; n];
    for i in 0..n {
        for j in (i + 1)..n {
            if overlaps(pos[i], pos[j]) {
                adj[i][j / 64] |= 1 << (j % 64);
                adj[j][i / 64] |= 1 << (i % 64);
            }
        }
    }
    let weights: Vec<f64> = pos.iter().map(|b| b.value).collect();
    let mut search = Search {
        adj: &adj,
        weights: &weights,
        best: 0.0,
        budget: 2_000_000,
    };
    let mut all = vec![0u64; words];
    for i in 0..n {
        all[i / 64] |= 1 << (i % 64);
    }
    search.expand(&all, 0.0);
    (search.budget > 0).then_some(search.best)
}

struct Search<'a> {
    adj: &'a [Vec<u64>],
    weights: &'a [f64],
    best: f64,
    budget: u64,
}

impl Search<'_> {
    fn bound(&self, cand: &[u64]) -> f64 {
        let mut s = 0.0;
        for (w, &bits) in cand.iter().enumerate() {
            let mut b = bits;
            while b != 0 {
                let k = b.trailing_zeros() as usize;
                s += self.weights[w * 64 + k];
                b &= b - 1;
            }
        }
        s
    }

    fn expand(&mut self, cand: &[u64], current: f64) {
        if self.budget == 0 {
            return;
        }
        self.budget -= 1;
        if current > self.best {
            self.best = current;
        }
        let mut cand = cand.to_vec();
        loop {
            if current + self.bound(&cand) <= self.best {
                return;
            }
            // Highest-weight candidate first (nodes are sorted by weight).
            let Some(v) = cand
                .iter()
                .enumerate()
                .find(|(_, w)| **w != 0)
                .map(|(w, bits)| w * 64 + bits.trailing_zeros() as usize)
            else {
                return;
            };
            cand[v / 64] &= !(1 << (v % 64));
            let next: Vec<u64> = cand.iter().zip(&self.adj[v]).map(|(a, b)| a & b).collect();
            self.expand(&next, current + self.weights[v]);
            if self.budget == 0 {
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_the_best_compatible_set() {
        let b = |ranges: Vec<(usize, usize, usize)>, value| BoxTerm { ranges, value };
        let boxes = vec![
            b(vec![(0, 0, 3)], 5.0),
            b(vec![(0, 4, 9)], 7.0),
            b(vec![(0, 2, 5), (1, 0, 0)], 4.0),
            b(vec![(1, 1, 9)], 1.0),
        ];
        // {0, 2} -> 9 (issue 1 at 0); {1, 2} -> 11 (x0 in 4..5, x1 = 0); {1, 3} -> 8.
        assert_eq!(max_sum(&boxes).map(|v| (v * 10.0).round()), Some(110.0));
    }
}
