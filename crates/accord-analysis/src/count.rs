//! Counting the packages of a zone exactly, by branch and bound.
//!
//! A subtree whose every completion is inside (each party's partial utility plus the
//! remaining per-group minima meets its bound) counts as the product of its remaining
//! option counts; one that cannot reach the zone (a party's partial plus remaining maxima
//! falls short, or a Lagrangian bound on the smallest gain is negative) is skipped; the
//! rest is branched. Subtrees are counted in parallel. Under a node budget the count is
//! exact when the search completes, and otherwise `[inside found, inside found + size of
//! every unresolved subtree]`.

use std::sync::atomic::{AtomicU64, Ordering};

use rayon::prelude::*;

use crate::problem::Problem;
use crate::search::{Lin, PRUNE_TOL};

/// Result of counting.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CountResult {
    /// Packages proven inside.
    pub inside: f64,
    /// Same, exact, when the space fits in a u128.
    pub inside_exact: Option<u128>,
    /// Packages in subtrees left unresolved (0 when the count is exact).
    pub unresolved: f64,
    /// Same, exact.
    pub unresolved_exact: Option<u128>,
    /// Nodes visited.
    pub nodes: u64,
    /// When not exact: `[estimate, low, high]` of the count (95% interval), by sampling.
    pub estimate: Option<[f64; 3]>,
}

struct Counter<'a> {
    k: usize,
    n: usize,
    rows: Vec<Vec<f64>>,
    fv: Vec<Vec<f64>>,
    lins: &'a [Lin],
    suffix_f: Vec<f64>,
    smax: Vec<f64>,
    smin: Vec<f64>,
    /// Product of option counts of groups d.. (u128, saturating) and as f64.
    size: Vec<u128>,
    size_f: Vec<f64>,
    lb: Vec<(usize, f64)>,
    /// The zone needs `lins` bound >= this.
    gain_floor: f64,
    budget: u64,
    nodes: &'a AtomicU64,
}

#[derive(Default, Clone, Copy)]
struct Acc {
    inside: u128,
    inside_f: f64,
    unresolved: u128,
    unresolved_f: f64,
    nodes: u64,
}

impl Acc {
    fn add(mut self, o: Acc) -> Acc {
        self.inside = self.inside.saturating_add(o.inside);
        self.inside_f += o.inside_f;
        self.unresolved = self.unresolved.saturating_add(o.unresolved);
        self.unresolved_f += o.unresolved_f;
        self.nodes += o.nodes;
        self
    }
}

impl Counter<'_> {
    fn classify(&self, d: usize, p: &[f64], q: &[f64]) -> Option<bool> {
        let k = self.k;
        let mut inside = true;
        for &(c, v) in &self.lb {
            if p[c] + self.smax[d * k + c] < v - PRUNE_TOL {
                return Some(false);
            }
            if p[c] + self.smin[d * k + c] < v {
                inside = false;
            }
        }
        if inside {
            return Some(true);
        }
        let nf = self.lins.len();
        for (f, l) in self.lins.iter().enumerate() {
            if l.c + q[f] + self.suffix_f[d * nf + f] < self.gain_floor - PRUNE_TOL {
                return Some(false);
            }
        }
        None
    }

    fn count(&self, d: usize, p: &mut Vec<f64>, q: &mut Vec<f64>, acc: &mut Acc) {
        let (k, nf) = (self.k, self.lins.len());
        if self.nodes.fetch_add(1, Ordering::Relaxed) >= self.budget {
            acc.unresolved = acc.unresolved.saturating_add(self.size[d]);
            acc.unresolved_f += self.size_f[d];
            return;
        }
        acc.nodes += 1;
        match self.classify(d, &p[d * k..(d + 1) * k], &q[d * nf..(d + 1) * nf]) {
            Some(true) => {
                acc.inside = acc.inside.saturating_add(self.size[d]);
                acc.inside_f += self.size_f[d];
                return;
            }
            Some(false) => return,
            None => {}
        }
        if d + 1 == self.n {
            // Last group: test each option directly.
            let m = self.rows[d].len() / k;
            let mut c = 0u128;
            'opt: for i in 0..m {
                let row = &self.rows[d][i * k..(i + 1) * k];
                for &(col, v) in &self.lb {
                    if p[d * k + col] + row[col] < v {
                        continue 'opt;
                    }
                }
                c += 1;
            }
            acc.inside += c;
            #[allow(clippy::cast_precision_loss)]
            {
                acc.inside_f += c as f64;
            }
            return;
        }
        let m = self.rows[d].len() / k;
        for i in 0..m {
            for c in 0..k {
                p[(d + 1) * k + c] = p[d * k + c] + self.rows[d][i * k + c];
            }
            for f in 0..nf {
                q[(d + 1) * nf + f] = q[d * nf + f] + self.fv[d][i * nf + f];
            }
            self.count(d + 1, p, q, acc);
        }
    }
}

/// Counts the packages of `p` whose utility meets `lb` on every constrained column.
/// `lins` bound the smallest gain from above; `gain_floor` is the least smallest gain of
/// a zone package.
pub(crate) fn count_zone(
    p: &Problem,
    lb: &[Option<f64>],
    lins: &[Lin],
    gain_floor: f64,
    budget: u64,
) -> CountResult {
    let k = p.k;
    let lbv: Vec<(usize, f64)> = (0..k).filter_map(|c| lb[c].map(|v| (c, v))).collect();
    if !p.feasible() {
        return CountResult {
            inside: 0.0,
            inside_exact: Some(0),
            unresolved: 0.0,
            unresolved_exact: Some(0),
            nodes: 0,
            estimate: None,
        };
    }
    // Order: groups with the widest utility ranges on the constrained columns first.
    let mut order: Vec<(usize, f64)> = p
        .groups
        .iter()
        .enumerate()
        .map(|(gi, g)| {
            let m = g.opts.len();
            let spread: f64 = lbv
                .iter()
                .map(|&(c, _)| {
                    let hi = (0..m)
                        .map(|i| g.u[i * k + c])
                        .fold(f64::NEG_INFINITY, f64::max);
                    let lo = (0..m).map(|i| g.u[i * k + c]).fold(f64::INFINITY, f64::min);
                    hi - lo
                })
                .sum();
            (gi, spread)
        })
        .collect();
    order.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let n = order.len();
    let nf = lins.len();
    let rows: Vec<Vec<f64>> = order
        .iter()
        .map(|&(gi, _)| p.groups[gi].u.clone())
        .collect();
    let fv: Vec<Vec<f64>> = rows
        .iter()
        .map(|r| {
            let m = r.len() / k;
            let mut v = Vec::with_capacity(m * nf);
            for i in 0..m {
                for l in lins {
                    v.push(
                        r[i * k..(i + 1) * k]
                            .iter()
                            .zip(&l.w)
                            .map(|(a, b)| a * b)
                            .sum(),
                    );
                }
            }
            v
        })
        .collect();
    let mut suffix_f = vec![0.0; (n + 1) * nf];
    let mut smax = vec![0.0; (n + 1) * k];
    let mut smin = vec![0.0; (n + 1) * k];
    let mut size = vec![1u128; n + 1];
    let mut size_f = vec![1.0f64; n + 1];
    for d in (0..n).rev() {
        let m = rows[d].len() / k;
        for f in 0..nf {
            let b = (0..m)
                .map(|i| fv[d][i * nf + f])
                .fold(f64::NEG_INFINITY, f64::max);
            suffix_f[d * nf + f] = suffix_f[(d + 1) * nf + f] + b;
        }
        for c in 0..k {
            let hi = (0..m)
                .map(|i| rows[d][i * k + c])
                .fold(f64::NEG_INFINITY, f64::max);
            let lo = (0..m)
                .map(|i| rows[d][i * k + c])
                .fold(f64::INFINITY, f64::min);
            smax[d * k + c] = smax[(d + 1) * k + c] + hi;
            smin[d * k + c] = smin[(d + 1) * k + c] + lo;
        }
        size[d] = size[d + 1].saturating_mul(m as u128);
        #[allow(clippy::cast_precision_loss)]
        {
            size_f[d] = size_f[d + 1] * m as f64;
        }
    }
    let nodes = AtomicU64::new(0);
    let counter = Counter {
        k,
        n,
        rows,
        fv,
        lins,
        suffix_f,
        smax,
        smin,
        size,
        size_f,
        lb: lbv,
        gain_floor,
        budget,
        nodes: &nodes,
    };
    // Breadth first while the level fits in memory, so that the budget refines every part
    // of the tree evenly; then depth first below the last level, in parallel.
    let stride = k + nf;
    let mut level: Vec<f64> = vec![0.0; stride];
    let mut acc = Acc::default();
    let mut d = 0;
    match counter.classify(0, &level[..k], &level[k..]) {
        Some(true) => {
            return finish(p, counter.size[0], counter.size_f[0], 0, 0.0, 1, None);
        }
        Some(false) => return finish(p, 0, 0.0, 0, 0.0, 1, None),
        None => {}
    }
    acc.nodes = 1;
    while d + 1 < n {
        let m = counter.rows[d].len() / k;
        let nodes_now = level.len() / stride;
        if nodes_now.saturating_mul(m) > BFS_CAP || acc.nodes + (nodes_now * m) as u64 > budget / 2
        {
            break;
        }
        let (next, a) = level
            .par_chunks(stride * 64)
            .map(|chunk| {
                let mut out = Vec::new();
                let mut a = Acc::default();
                for node in chunk.chunks(stride) {
                    for i in 0..m {
                        let mut child = node.to_vec();
                        for c in 0..k {
                            child[c] += counter.rows[d][i * k + c];
                        }
                        for f in 0..nf {
                            child[k + f] += counter.fv[d][i * nf + f];
                        }
                        a.nodes += 1;
                        match counter.classify(d + 1, &child[..k], &child[k..]) {
                            Some(true) => {
                                a.inside = a.inside.saturating_add(counter.size[d + 1]);
                                a.inside_f += counter.size_f[d + 1];
                            }
                            Some(false) => {}
                            None => out.extend_from_slice(&child),
                        }
                    }
                }
                (out, a)
            })
            .reduce(
                || (Vec::new(), Acc::default()),
                |(mut v, a), (w, b)| {
                    v.extend_from_slice(&w);
                    (v, a.add(b))
                },
            );
        acc = acc.add(a);
        level = next;
        d += 1;
        if level.is_empty() {
            break;
        }
    }
    nodes.store(acc.nodes, Ordering::Relaxed);
    let frontier_nodes = level.len() / stride;
    #[allow(clippy::cast_precision_loss)]
    let frontier_mass = frontier_nodes as f64 * counter.size_f[d];
    let dfs = level
        .par_chunks(stride)
        .map(|node| {
            let mut p = vec![0.0; (n + 1) * k];
            let mut q = vec![0.0; (n + 1) * nf];
            p[d * k..(d + 1) * k].copy_from_slice(&node[..k]);
            q[d * nf..(d + 1) * nf].copy_from_slice(&node[k..]);
            let mut a = Acc::default();
            counter.count_below(d, &mut p, &mut q, &mut a);
            a
        })
        .reduce(Acc::default, Acc::add);
    let total = acc.add(dfs);
    let estimate = if total.unresolved_f > 0.0 && frontier_nodes > 0 {
        Some(counter.estimate(&level, d, stride, acc.inside_f, frontier_mass))
    } else {
        None
    };
    finish(
        p,
        total.inside,
        total.inside_f,
        total.unresolved,
        total.unresolved_f,
        total.nodes,
        estimate,
    )
}

/// Largest breadth-first level kept in memory (nodes).
const BFS_CAP: usize = 400_000;

/// Samples drawn for the estimate when the count is not exact.
pub(crate) const SAMPLES: usize = 200_000;

fn finish(
    p: &Problem,
    inside: u128,
    inside_f: f64,
    unresolved: u128,
    unresolved_f: f64,
    nodes: u64,
    estimate: Option<[f64; 3]>,
) -> CountResult {
    let exact = p.size().is_some();
    CountResult {
        inside: inside_f,
        inside_exact: exact.then_some(inside),
        unresolved: unresolved_f,
        unresolved_exact: exact.then_some(unresolved),
        nodes,
        estimate,
    }
}

impl Counter<'_> {
    /// Counts below a node at depth `d` (its partial sums set in `p`, `q`).
    fn count_below(&self, d: usize, p: &mut Vec<f64>, q: &mut Vec<f64>, acc: &mut Acc) {
        if d == self.n {
            acc.inside += 1;
            acc.inside_f += 1.0;
            return;
        }
        self.count(d, p, q, acc);
    }

    /// Estimates the zone size by sampling random completions of random frontier nodes:
    /// `inside + frontier mass * share of samples in the zone`, with a 95% Wilson interval.
    fn estimate(&self, level: &[f64], d: usize, stride: usize, inside: f64, mass: f64) -> [f64; 3] {
        let k = self.k;
        let nodes = level.len() / stride;
        let mut rng = crate::synthetic::Rng::new(0x00AC_C04D);
        let mut hits = 0usize;
        let mut u = vec![0.0; k];
        for _ in 0..SAMPLES {
            let node = rng.below(nodes);
            u.copy_from_slice(&level[node * stride..node * stride + k]);
            for g in d..self.n {
                let m = self.rows[g].len() / k;
                let i = rng.below(m);
                for c in 0..k {
                    u[c] += self.rows[g][i * k + c];
                }
            }
            if self.lb.iter().all(|&(c, v)| u[c] >= v) {
                hits += 1;
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let (n, ph) = (SAMPLES as f64, hits as f64 / SAMPLES as f64);
        let z = 1.96;
        let den = 1.0 + z * z / n;
        let centre = (ph + z * z / (2.0 * n)) / den;
        let half = z * (ph * (1.0 - ph) / n + z * z / (4.0 * n * n)).sqrt() / den;
        [
            inside + mass * ph,
            inside + mass * (centre - half).max(0.0),
            inside + mass * (centre + half).min(1.0),
        ]
    }
}
