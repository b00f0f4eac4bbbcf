//! The Pareto frontier, by merging groups and keeping only non-dominated partial sums.
//!
//! A package's utility vector is the sum of its groups' vectors, so a non-dominated
//! package has non-dominated partial sums at every stage: the frontier of the first `j`
//! groups plus group `j + 1` contains the frontier of the first `j + 1` groups. Vectors
//! within [`PARETO_EPS`] per coordinate count as equal. Points are sorted in decreasing
//! lexicographic order, so a point's dominators all come before it and a kept point is
//! never removed again; what differs by dimension is the query "does a kept point dominate
//! this one?". Two parties: a running maximum; three: a staircase of the last two
//! coordinates; four: a Fenwick tree over the ranks of the second coordinate whose nodes
//! are staircases of the last two (`O(n log^2 n)`); five or more: the same tree with flat
//! rows of the remaining coordinates in its nodes, scanned (quadratic in the worst case,
//! so those frontiers are capped lower). Partial sums that cannot reach a
//! reservation are dropped as they appear.

use std::collections::BTreeMap;

use crate::problem::Problem;
use crate::search::{Objective, Query, search};

/// Coordinates closer than this are treated as equal.
pub const PARETO_EPS: f64 = 1e-12;

/// Frontier limit with five or more dimensions (the filter is quadratic in the worst case).
pub(crate) const LIMIT_5D: usize = 20_000;

/// Most candidate sums (frontier so far x options of the next group) formed in one merge.
const CANDIDATE_LIMIT: usize = 16_000_000;

/// A computed frontier.
#[derive(Debug, Clone)]
pub(crate) struct ParetoResult {
    /// Frontier size (exact) or a proven lower bound.
    pub size: u64,
    pub exact: bool,
    pub points: Vec<Vec<f64>>,
}

/// Replaces each coordinate by the smallest value of its cluster (values chained by gaps
/// of at most `PARETO_EPS`), so that equality and dominance can be tested exactly.
fn canonicalize(points: &mut [Vec<f64>], dims: usize) {
    let n = points.len();
    let mut idx: Vec<usize> = (0..n).collect();
    for c in 0..dims {
        idx.sort_by(|&a, &b| points[a][c].total_cmp(&points[b][c]));
        let mut rep = f64::NEG_INFINITY;
        let mut prev = f64::NEG_INFINITY;
        for &i in &idx {
            let x = points[i][c];
            if x - prev > PARETO_EPS {
                rep = x;
            }
            prev = x;
            points[i][c] = rep;
        }
    }
}

/// The two-dimensional non-dominated set of some points, answering "does one of them
/// have y' >= y and z' >= z?". Keyed by y (order-preserving bits), valued by z; z
/// decreases as y grows, so the entry with the smallest y' >= y has the largest z.
#[derive(Debug, Clone, Default)]
struct Staircase(BTreeMap<u64, f64>);

impl Staircase {
    fn key(y: f64) -> u64 {
        let b = y.to_bits();
        if b >> 63 == 1 { !b } else { b | (1 << 63) }
    }

    fn dominates(&self, y: f64, z: f64) -> bool {
        self.0
            .range(Self::key(y)..)
            .next()
            .is_some_and(|(_, &zz)| zz >= z)
    }

    /// Adds (y, z) unless already dominated, removing the entries it dominates.
    fn insert(&mut self, y: f64, z: f64) {
        if self.dominates(y, z) {
            return;
        }
        let ky = Self::key(y);
        let gone: Vec<u64> = self
            .0
            .range(..=ky)
            .rev()
            .take_while(|&(_, &zz)| zz <= z)
            .map(|(&k, _)| k)
            .collect();
        for k in gone {
            self.0.remove(&k);
        }
        self.0.insert(ky, z);
    }
}

/// The distinct values of coordinate `c`, largest first: ranks for the Fenwick trees
/// (`y' >= y` is then a prefix of ranks).
fn descending_values(pts: &[Vec<f64>], c: usize) -> Vec<f64> {
    let mut ys: Vec<f64> = pts.iter().map(|p| p[c]).collect();
    ys.sort_by(|a, b| b.total_cmp(a));
    ys.dedup_by(|a, b| a.total_cmp(b).is_eq());
    ys
}

/// Keeps the non-dominated points (duplicates once). Points must be canonical.
fn filter(mut pts: Vec<Vec<f64>>, dims: usize) -> Vec<Vec<f64>> {
    pts.sort_by(|a, b| {
        for c in 0..dims {
            match b[c].total_cmp(&a[c]) {
                std::cmp::Ordering::Equal => {}
                o => return o,
            }
        }
        std::cmp::Ordering::Equal
    });
    let mut out: Vec<Vec<f64>> = Vec::new();
    match dims {
        0 => {
            pts.truncate(1);
            return pts;
        }
        1 => {
            pts.truncate(1);
            return pts;
        }
        2 => {
            let mut best = f64::NEG_INFINITY;
            for p in pts {
                if p[1] > best {
                    best = p[1];
                    out.push(p);
                }
            }
        }
        3 => {
            let mut stair = Staircase::default();
            for p in pts {
                if stair.dominates(p[1], p[2]) {
                    continue;
                }
                stair.insert(p[1], p[2]);
                out.push(p);
            }
        }
        4 => {
            // Kept points all have x >= p's; rank y descending, so "y' >= y" is a prefix
            // of ranks, and each Fenwick node keeps the (z, w) staircase of its ranks.
            let ys = descending_values(&pts, 1);
            let rank = |y: f64| ys.partition_point(|&v| v > y);
            let mut tree: Vec<Staircase> = vec![Staircase::default(); ys.len() + 1];
            for p in pts {
                let r = rank(p[1]) + 1;
                let mut i = r;
                let mut dominated = false;
                while i > 0 {
                    if tree[i].dominates(p[2], p[3]) {
                        dominated = true;
                        break;
                    }
                    i &= i - 1;
                }
                if dominated {
                    continue;
                }
                let mut i = r;
                while i < tree.len() {
                    tree[i].insert(p[2], p[3]);
                    i += i & i.wrapping_neg();
                }
                out.push(p);
            }
        }
        _ => {
            // As for four, a Fenwick tree over the ranks of the second coordinate, but its
            // nodes are flat rows of the remaining coordinates, scanned: a query reads only
            // the kept points with x' >= x and y' >= y, contiguously.
            let w = dims - 2;
            let ys = descending_values(&pts, 1);
            let rank = |y: f64| ys.partition_point(|&v| v > y);
            let mut tree: Vec<Vec<f64>> = vec![Vec::new(); ys.len() + 1];
            for p in pts {
                let r = rank(p[1]) + 1;
                let rest = &p[2..];
                let mut i = r;
                let mut dominated = false;
                'query: while i > 0 {
                    for row in tree[i].chunks_exact(w) {
                        if row.iter().zip(rest).all(|(a, b)| a >= b) {
                            dominated = true;
                            break 'query;
                        }
                    }
                    i &= i - 1;
                }
                if dominated {
                    continue;
                }
                let mut i = r;
                while i < tree.len() {
                    tree[i].extend_from_slice(rest);
                    i += i & i.wrapping_neg();
                }
                out.push(p);
            }
        }
    }
    out
}

/// The frontier over columns `cols` of the packages of `p`; with `lb`, only packages
/// meeting the bounds count (the zone).
pub(crate) fn frontier(
    p: &Problem,
    cols: &[usize],
    lb: Option<&[Option<f64>]>,
    limit: usize,
    npoints: usize,
) -> ParetoResult {
    let k = p.k;
    if !p.feasible() {
        return ParetoResult {
            size: 0,
            exact: true,
            points: Vec::new(),
        };
    }
    // Dimensions: the frontier columns, then constrained columns not among them.
    let mut dims: Vec<usize> = cols.to_vec();
    let lbv: Vec<(usize, f64)> = lb
        .map(|l| (0..k).filter_map(|c| l[c].map(|v| (c, v))).collect())
        .unwrap_or_default();
    for &(c, _) in &lbv {
        if !dims.contains(&c) {
            dims.push(c);
        }
    }
    let nd = dims.len();
    // Five or more dimensions are filtered by a quadratic scan: keep them smaller.
    let limit = if nd >= 5 { limit.min(LIMIT_5D) } else { limit };
    // Remaining maxima per dimension for reservation pruning.
    let ng = p.groups.len();
    let mut rest = vec![vec![0.0; nd]; ng + 1];
    for g in (0..ng).rev() {
        let grp = &p.groups[g];
        for (j, &c) in dims.iter().enumerate() {
            let m = (0..grp.opts.len())
                .map(|i| grp.u[i * k + c])
                .fold(f64::NEG_INFINITY, f64::max);
            rest[g][j] = rest[g + 1][j] + m;
        }
    }
    let bound_of: Vec<Option<f64>> = dims
        .iter()
        .map(|&c| lbv.iter().find(|&&(x, _)| x == c).map(|&(_, v)| v))
        .collect();
    let mut front: Vec<Vec<f64>> = vec![vec![0.0; nd]];
    for (g, grp) in p.groups.iter().enumerate() {
        let mut opts: Vec<Vec<f64>> = (0..grp.opts.len())
            .map(|i| dims.iter().map(|&c| grp.u[i * k + c]).collect())
            .collect();
        canonicalize(&mut opts, nd);
        let opts = filter(opts, nd);
        if front.len().saturating_mul(opts.len()) > limit.saturating_mul(64).min(CANDIDATE_LIMIT) {
            return sample(p, cols, lb, npoints);
        }
        let mut cand = Vec::with_capacity(front.len() * opts.len());
        for f in &front {
            'o: for o in &opts {
                let v: Vec<f64> = f.iter().zip(o).map(|(a, b)| a + b).collect();
                for (j, b) in bound_of.iter().enumerate() {
                    if let Some(b) = b
                        && v[j] + rest[g + 1][j] < b - PARETO_EPS
                    {
                        continue 'o;
                    }
                }
                cand.push(v);
            }
        }
        canonicalize(&mut cand, nd);
        front = filter(cand, nd);
        if front.len() > limit {
            return sample(p, cols, lb, npoints);
        }
    }
    // Zone: keep the points meeting every bound, then re-filter on the frontier columns.
    if !lbv.is_empty() {
        front.retain(|v| {
            bound_of
                .iter()
                .zip(v)
                .all(|(b, x)| b.is_none_or(|b| *x >= b))
        });
        let mut proj: Vec<Vec<f64>> = front.iter().map(|v| v[..cols.len()].to_vec()).collect();
        canonicalize(&mut proj, cols.len());
        front = filter(proj, cols.len());
    }
    let size = front.len() as u64;
    let mut points: Vec<Vec<f64>> = front
        .into_iter()
        .map(|v| v[..cols.len()].to_vec())
        .collect();
    points.sort_by(|a, b| {
        b.first()
            .zip(a.first())
            .map_or(std::cmp::Ordering::Equal, |(x, y)| x.total_cmp(y))
    });
    points.truncate(npoints);
    ParetoResult {
        size,
        exact: true,
        points,
    }
}

/// A proven lower bound on the frontier size: distinct maximisers of strictly positive
/// weighted sums (each is Pareto-optimal), with those points as a labelled sample.
fn sample(p: &Problem, cols: &[usize], lb: Option<&[Option<f64>]>, npoints: usize) -> ParetoResult {
    let k = p.k;
    let none = vec![None; k];
    let lb = lb.unwrap_or(&none);
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut found: Vec<Vec<f64>> = Vec::new();
    for _ in 0..100 {
        let mut w = vec![0.0; k];
        for &c in cols {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            #[allow(clippy::cast_precision_loss)]
            let x = ((seed >> 11) as f64) / ((1u64 << 53) as f64);
            w[c] = 0.05 + x;
        }
        let obj = Objective::Linear(w);
        let mut q = Query::new(&obj, lb);
        q.budget = 200_000;
        let (_, out) = search(p, &q);
        if !out.complete {
            continue;
        }
        if let Some(b) = out.best {
            let mut u = vec![0.0; k];
            for (g, &o) in p.groups.iter().zip(&b.choice) {
                if let Some(i) = g.opts.iter().position(|&x| x == o) {
                    for c in 0..k {
                        u[c] += g.u[i * k + c];
                    }
                }
            }
            let v: Vec<f64> = cols.iter().map(|&c| u[c]).collect();
            if !found
                .iter()
                .any(|f| f.iter().zip(&v).all(|(a, b)| (a - b).abs() <= PARETO_EPS))
            {
                found.push(v);
            }
        }
    }
    let size = found.len() as u64;
    found.sort_by(|a, b| b[0].total_cmp(&a[0]));
    found.truncate(npoints);
    ParetoResult {
        size,
        exact: false,
        points: found,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain definition: keep a point unless another kept or later point is at least
    /// as good everywhere (and, for duplicates, keep the first).
    fn brute(pts: &[Vec<f64>], dims: usize) -> Vec<Vec<f64>> {
        let mut out: Vec<Vec<f64>> = Vec::new();
        for (i, p) in pts.iter().enumerate() {
            let dominated = pts.iter().enumerate().any(|(j, q)| {
                j != i
                    && (0..dims).all(|c| q[c] >= p[c])
                    && ((0..dims).any(|c| q[c] > p[c]) || j < i)
            });
            if !dominated {
                out.push(p.clone());
            }
        }
        out.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
        out
    }

    proptest! {
        /// Every dimension's filter equals the definition, with many ties (coordinates
        /// from a few values) and duplicates.
        #[test]
        fn filter_equals_definition(
            dims in 2usize..6,
            raw in proptest::collection::vec(proptest::collection::vec(0u8..5, 5), 0..120),
        ) {
            let pts: Vec<Vec<f64>> = raw
                .iter()
                .map(|r| r[..dims].iter().map(|&x| f64::from(x)).collect())
                .collect();
            let mut got = filter(pts.clone(), dims);
            got.sort_by(|a, b| b.partial_cmp(a).unwrap_or(std::cmp::Ordering::Equal));
            prop_assert_eq!(got, brute(&pts, dims));
        }
    }
}
