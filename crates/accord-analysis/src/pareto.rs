//! The Pareto frontier, by merging groups and keeping only non-dominated partial sums.
//!
//! A package's utility vector is the sum of its groups' vectors, so a non-dominated
//! package has non-dominated partial sums at every stage: the frontier of the first `j`
//! groups plus group `j + 1` contains the frontier of the first `j + 1` groups. Vectors
//! within [`PARETO_EPS`] per coordinate count as equal. Two parties: sort and sweep; three:
//! a staircase of the last two coordinates; more: a scan of the kept points. Partial sums
//! that cannot reach a reservation are dropped as they appear.

use std::collections::BTreeMap;

use crate::problem::Problem;
use crate::search::{Objective, Query, maximize, pool};

/// Coordinates closer than this are treated as equal.
pub const PARETO_EPS: f64 = 1e-12;

/// Frontier limit with four or more dimensions (the filter is quadratic there).
pub(crate) const LIMIT_4D: usize = 5_000;

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
            // Staircase over (y, z): key y (ordered bits), value z; z decreases as y grows.
            let mut stair: BTreeMap<u64, f64> = BTreeMap::new();
            let key = |y: f64| -> u64 {
                let b = y.to_bits();
                if b >> 63 == 1 { !b } else { b | (1 << 63) }
            };
            for p in pts {
                let (y, z) = (p[1], p[2]);
                let ky = key(y);
                if let Some((_, &zz)) = stair.range(ky..).next()
                    && zz >= z
                {
                    continue;
                }
                // Remove entries with y' <= y and z' <= z.
                let dominated: Vec<u64> = stair
                    .range(..=ky)
                    .rev()
                    .take_while(|&(_, &zz)| zz <= z)
                    .map(|(&k, _)| k)
                    .collect();
                for k in dominated {
                    stair.remove(&k);
                }
                stair.insert(ky, z);
                out.push(p);
            }
        }
        _ => {
            for p in pts {
                let dominated = out.iter().any(|q| (0..dims).all(|c| q[c] >= p[c]));
                if !dominated {
                    out.push(p);
                }
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
    // Four or more dimensions are filtered by a quadratic scan: keep them smaller.
    let limit = if nd >= 4 { limit.min(LIMIT_4D) } else { limit };
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
        if front.len().saturating_mul(opts.len()) > limit.saturating_mul(64) {
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
        let lins = pool(p, &q);
        let out = maximize(p, &q, &lins);
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
