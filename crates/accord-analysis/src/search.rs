//! Exact branch and bound over the groups of a [`Problem`].
//!
//! Every objective here is bounded above, on any subtree, by linear functionals
//! `c + w . u` whose maximum over the remaining groups is separable (a sum of per-group
//! maxima, precomputed as suffix sums), so a node's bound costs O(functionals):
//!
//! - linear `a . u` subject to `u_p >= lb_p`: `(a + lambda) . u - lambda . lb` for any
//!   `lambda >= 0` (Lagrangian relaxation);
//! - max-min `min_p s_p (u_p - t_p)`: `sum_p mu_p s_p (u_p - t_p)` for any `mu` in the
//!   simplex (plus constraint multipliers);
//! - Nash `sum_p ln(u_p - t_p)`: the tangent at any `g0 > 0`,
//!   `sum_p (ln g0_p - 1 + (u_p - t_p) / g0_p)`, and the product of per-party maxima.
//!
//! The multipliers are tuned once at the root (mirror descent on the Lagrangian dual;
//! Frank-Wolfe on the concave relaxation for Nash); any choice gives a valid bound, a good
//! one a tight bound. Groups are searched in decreasing spread of the root functional,
//! options in decreasing value.
//!
//! Ties: phase 1 finds the optimum value `v*`; phase 2 walks packages in lexicographic
//! level order (issue 0 first, levels ascending) and returns the first whose objective is
//! at least `v* - TIE_EPS`: the lowest package among the optimal ones.

use accord_model::Level;

use crate::compile::Compiled;
use crate::problem::Problem;

/// Slack on pruning tests, absorbing floating-point noise in running sums.
pub(crate) const PRUNE_TOL: f64 = 1e-12;

/// Objective values within this distance of the optimum tie; the lowest package wins.
pub const TIE_EPS: f64 = 1e-9;

/// Default node budget of one optimisation.
pub(crate) const DEFAULT_BUDGET: u64 = 20_000_000;

/// What to maximise, over columns (parties with preferences).
#[derive(Debug, Clone)]
pub(crate) enum Objective {
    /// `sum_p a_p u_p` (every `a_p >= 0`).
    Linear(Vec<f64>),
    /// `min over p with s_p > 0 of s_p (u_p - t_p)`.
    MaxMin { s: Vec<f64>, t: Vec<f64> },
    /// `sum over p with on_p of ln(u_p - t_p)` (minus infinity when a gain is not positive).
    Nash { t: Vec<f64>, on: Vec<bool> },
}

impl Objective {
    /// The objective of a utility vector.
    pub fn value(&self, u: &[f64]) -> f64 {
        match self {
            Objective::Linear(a) => a.iter().zip(u).map(|(a, u)| a * u).sum(),
            Objective::MaxMin { s, t } => {
                let mut m = f64::INFINITY;
                for p in 0..u.len() {
                    if s[p] > 0.0 {
                        m = m.min(s[p] * (u[p] - t[p]));
                    }
                }
                m
            }
            Objective::Nash { t, on } => {
                let mut v = 0.0;
                for p in 0..u.len() {
                    if on[p] {
                        let g = u[p] - t[p];
                        if g <= 0.0 {
                            return f64::NEG_INFINITY;
                        }
                        v += g.ln();
                    }
                }
                v
            }
        }
    }

    /// Columns the objective depends on.
    fn relevant(&self, k: usize) -> Vec<bool> {
        match self {
            Objective::Linear(a) => a.iter().map(|&x| x > 0.0).collect(),
            Objective::MaxMin { s, .. } => s.iter().map(|&x| x > 0.0).collect(),
            Objective::Nash { on, .. } => on.clone(),
        }
        .into_iter()
        .chain(std::iter::repeat(false))
        .take(k)
        .collect()
    }
}

/// A linear upper bound `c + w . u` on the objective over feasible packages.
#[derive(Debug, Clone)]
pub(crate) struct Lin {
    pub w: Vec<f64>,
    pub c: f64,
}

/// One optimisation query.
#[derive(Debug, Clone)]
pub(crate) struct Query<'a> {
    pub objective: &'a Objective,
    /// Lower bound per column (`u_p >= lb_p`), `None` = unconstrained.
    pub lb: &'a [Option<f64>],
    /// Only packages with an objective of at least this are of interest.
    pub threshold: f64,
    /// Stop at the first package reaching the threshold (feasibility questions).
    pub stop_at_first: bool,
    /// Node budget.
    pub budget: u64,
    /// Utility vector of some package whose Nash gains are all positive (tangent start).
    pub nash_start: Option<&'a [f64]>,
}

impl<'a> Query<'a> {
    /// A plain maximisation.
    pub fn new(objective: &'a Objective, lb: &'a [Option<f64>]) -> Self {
        Query {
            objective,
            lb,
            threshold: f64::NEG_INFINITY,
            stop_at_first: false,
            budget: DEFAULT_BUDGET,
            nash_start: None,
        }
    }
}

/// The best package found by phase 1.
#[derive(Debug, Clone)]
pub(crate) struct Found {
    pub value: f64,
    /// Option per compiled group.
    pub choice: Vec<u32>,
}

/// Result of phase 1.
#[derive(Debug, Clone)]
pub(crate) struct Outcome {
    pub best: Option<Found>,
    /// False when the node budget ran out (then `best` is only the best found).
    pub complete: bool,
    pub nodes: u64,
}

/// An optimum with its tie-broken package.
#[derive(Debug, Clone)]
pub(crate) struct Solved {
    pub value: f64,
    pub package: Vec<Level>,
    pub u: Vec<f64>,
    /// False when phase 2 ran out of budget and the package is phase 1's.
    pub lowest: bool,
    /// False when phase 1 ran out of budget (the value is then only a lower bound).
    pub complete: bool,
}

/// Sum over groups of the best `w . u`, and the utility vector of those choices.
fn eval_dual(p: &Problem, w: &[f64]) -> (f64, Vec<f64>) {
    let k = p.k;
    let mut total = 0.0;
    let mut u = vec![0.0; k];
    for g in &p.groups {
        if g.opts.is_empty() {
            return (f64::NEG_INFINITY, u);
        }
        let mut best = f64::NEG_INFINITY;
        let mut arg = 0;
        for i in 0..g.opts.len() {
            let row = g.row(i, k);
            let v: f64 = row.iter().zip(w).map(|(a, b)| a * b).sum();
            if v > best {
                best = v;
                arg = i;
            }
        }
        total += best;
        for (x, r) in u.iter_mut().zip(g.row(arg, k)) {
            *x += r;
        }
    }
    (total, u)
}

const DUAL_ITERS: usize = 120;

/// Mirror-descent steps of a node's own max-min bound.
const REFINE_ITERS: usize = 8;

/// Nodes with fewer remaining groups than this are not refined (their subtrees are small).
const REFINE_MIN_DEPTH: usize = 12;

/// Root functionals for an objective.
pub(crate) fn pool(p: &Problem, q: &Query) -> Vec<Lin> {
    if !p.feasible() {
        return Vec::new();
    }
    let k = p.k;
    let lb_cols: Vec<usize> = (0..k).filter(|&c| q.lb[c].is_some()).collect();
    let lbv = |c: usize| q.lb[c].unwrap_or(0.0);
    let mut out = Vec::new();
    match q.objective {
        Objective::Linear(a) => {
            out.push(Lin {
                w: a.clone(),
                c: 0.0,
            });
            if !lb_cols.is_empty() {
                let mut lambda = vec![0.0; k];
                let mut best = f64::INFINITY;
                let mut best_lin = None;
                let scale = a.iter().fold(0.0f64, |m, x| m.max(x.abs())).max(1e-9);
                for it in 0..DUAL_ITERS {
                    let w: Vec<f64> = (0..k).map(|c| a[c] + lambda[c]).collect();
                    let cst: f64 = -lb_cols.iter().map(|&c| lambda[c] * lbv(c)).sum::<f64>();
                    let (s, u) = eval_dual(p, &w);
                    if cst + s < best {
                        best = cst + s;
                        best_lin = Some(Lin { w, c: cst });
                    }
                    #[allow(clippy::cast_precision_loss)]
                    let eta = scale / ((it + 1) as f64).sqrt();
                    for &c in &lb_cols {
                        lambda[c] = (lambda[c] - eta * (u[c] - lbv(c))).max(0.0);
                    }
                }
                out.extend(best_lin);
            }
        }
        Objective::MaxMin { s, t } => {
            let active: Vec<usize> = (0..k).filter(|&c| s[c] > 0.0).collect();
            for &c in &active {
                let mut w = vec![0.0; k];
                w[c] = s[c];
                out.push(Lin { w, c: -s[c] * t[c] });
            }
            if active.len() > 1 || !lb_cols.is_empty() {
                #[allow(clippy::cast_precision_loss)]
                let mut mu: Vec<f64> = (0..k)
                    .map(|c| {
                        if s[c] > 0.0 {
                            1.0 / active.len() as f64
                        } else {
                            0.0
                        }
                    })
                    .collect();
                let mut lambda = vec![0.0; k];
                let mut best = f64::INFINITY;
                let mut best_lin = None;
                let mut eta0 = 0.0;
                let mut extra = Vec::new();
                for it in 0..DUAL_ITERS {
                    let w: Vec<f64> = (0..k).map(|c| mu[c] * s[c] + lambda[c]).collect();
                    let cst: f64 = -active.iter().map(|&c| mu[c] * s[c] * t[c]).sum::<f64>()
                        - lb_cols.iter().map(|&c| lambda[c] * lbv(c)).sum::<f64>();
                    let (sv, u) = eval_dual(p, &w);
                    if it % 8 == 7 {
                        extra.push(Lin {
                            w: w.clone(),
                            c: cst,
                        });
                    }
                    if cst + sv < best {
                        best = cst + sv;
                        best_lin = Some(Lin { w, c: cst });
                    }
                    let gmu: Vec<f64> = (0..k).map(|c| s[c] * (u[c] - t[c])).collect();
                    if it == 0 {
                        let m = active
                            .iter()
                            .map(|&c| gmu[c].abs())
                            .chain(lb_cols.iter().map(|&c| (u[c] - lbv(c)).abs()))
                            .fold(0.0f64, f64::max);
                        eta0 = 2.0 / m.max(1e-9);
                    }
                    #[allow(clippy::cast_precision_loss)]
                    let eta = eta0 / ((it + 1) as f64).sqrt();
                    let mut z = 0.0;
                    for &c in &active {
                        mu[c] *= (-eta * gmu[c]).clamp(-30.0, 30.0).exp();
                        z += mu[c];
                    }
                    if z > 0.0 && z.is_finite() {
                        for &c in &active {
                            mu[c] /= z;
                            mu[c] = mu[c].max(1e-12);
                        }
                    }
                    #[allow(clippy::cast_precision_loss)]
                    let eta_l = eta / (active.len().max(1) as f64);
                    for &c in &lb_cols {
                        lambda[c] = (lambda[c] - eta_l * (u[c] - lbv(c))).max(0.0);
                    }
                }
                // The best functional first (it orders the search), then a spread of
                // iterates: different subtrees are bounded best by different weights.
                out.splice(0..0, best_lin);
                out.extend(extra);
            }
        }
        Objective::Nash { t, on } => {
            if let Some(start) = q.nash_start {
                let mut g: Vec<f64> = (0..k)
                    .map(|c| if on[c] { start[c] - t[c] } else { 1.0 })
                    .collect();
                if (0..k).all(|c| !on[c] || g[c] > 0.0) {
                    let mut best = f64::INFINITY;
                    let mut best_lin = None;
                    for _ in 0..DUAL_ITERS / 2 {
                        let w: Vec<f64> = (0..k)
                            .map(|c| if on[c] { 1.0 / g[c] } else { 0.0 })
                            .collect();
                        let cst: f64 = (0..k)
                            .filter(|&c| on[c])
                            .map(|c| g[c].ln() - 1.0 - t[c] / g[c])
                            .sum();
                        let (sv, u) = eval_dual(p, &w);
                        if cst + sv < best {
                            best = cst + sv;
                            best_lin = Some(Lin { w, c: cst });
                        }
                        // Frank-Wolfe step towards the vertex, with an exact line search.
                        let d: Vec<f64> = (0..k)
                            .map(|c| if on[c] { u[c] - t[c] - g[c] } else { 0.0 })
                            .collect();
                        let mut hi = 1.0f64;
                        for c in 0..k {
                            if on[c] && d[c] < 0.0 {
                                hi = hi.min(-g[c] / d[c] * (1.0 - 1e-9));
                            }
                        }
                        let deriv = |gamma: f64| -> f64 {
                            (0..k)
                                .filter(|&c| on[c])
                                .map(|c| d[c] / (g[c] + gamma * d[c]))
                                .sum()
                        };
                        let gamma = if deriv(hi) >= 0.0 {
                            hi
                        } else {
                            let (mut lo, mut up) = (0.0, hi);
                            for _ in 0..40 {
                                let mid = 0.5 * (lo + up);
                                if deriv(mid) > 0.0 {
                                    lo = mid;
                                } else {
                                    up = mid;
                                }
                            }
                            lo
                        };
                        if gamma <= 0.0 {
                            break;
                        }
                        for c in 0..k {
                            if on[c] {
                                g[c] = (g[c] + gamma * d[c]).max(1e-300);
                            }
                        }
                    }
                    out.extend(best_lin);
                }
            }
        }
    }
    out
}

/// Phase 1: the optimum value (and a package reaching it).
pub(crate) fn maximize(p: &Problem, q: &Query, lins: &[Lin]) -> Outcome {
    if !p.feasible() {
        return Outcome {
            best: None,
            complete: true,
            nodes: 0,
        };
    }
    let mut s = Search::new(p, q, lins);
    s.dfs(0);
    let complete = !s.exhausted;
    let best = s.best.map(|choice_idx| {
        let mut choice = vec![0u32; p.groups.len()];
        for (d, &i) in choice_idx.iter().enumerate() {
            choice[s.order[d]] = s.opts[d][i];
        }
        Found {
            value: s.best_val,
            choice,
        }
    });
    Outcome {
        best,
        complete,
        nodes: s.nodes,
    }
}

struct Search<'a> {
    k: usize,
    n: usize,
    nf: usize,
    order: Vec<usize>,
    opts: Vec<Vec<u32>>,
    rows: Vec<Vec<f64>>,
    fv: Vec<Vec<f64>>,
    lins: Vec<Lin>,
    suffix_f: Vec<f64>,
    suffix_max: Vec<f64>,
    lb: Vec<(usize, f64)>,
    objective: &'a Objective,
    nash: Option<(Vec<usize>, Vec<f64>)>,
    threshold: f64,
    stop_at_first: bool,
    budget: u64,
    pstack: Vec<f64>,
    qstack: Vec<f64>,
    choice: Vec<usize>,
    best_val: f64,
    best: Option<Vec<usize>>,
    nodes: u64,
    stopped: bool,
    exhausted: bool,
}

/// Indices of options not dominated (on the relevant columns) by another option of the
/// group; of exact duplicates the lowest index is kept.
fn undominated(g: &crate::problem::PGroup, k: usize, rel: &[usize]) -> Vec<usize> {
    let n = g.opts.len();
    if n > 4096 || rel.is_empty() {
        return if rel.is_empty() {
            vec![0]
        } else {
            (0..n).collect()
        };
    }
    let mut keep = Vec::new();
    'outer: for i in 0..n {
        let ri = g.row(i, k);
        for j in 0..n {
            if i == j {
                continue;
            }
            let rj = g.row(j, k);
            let mut ge = true;
            let mut gt = false;
            for &c in rel {
                if rj[c] < ri[c] {
                    ge = false;
                    break;
                }
                if rj[c] > ri[c] {
                    gt = true;
                }
            }
            if ge && (gt || j < i) {
                continue 'outer;
            }
        }
        keep.push(i);
    }
    keep
}

impl<'a> Search<'a> {
    fn new(p: &Problem, q: &Query<'a>, lins: &[Lin]) -> Self {
        let k = p.k;
        let lb: Vec<(usize, f64)> = (0..k).filter_map(|c| q.lb[c].map(|v| (c, v))).collect();
        let monotone = match q.objective {
            Objective::Linear(a) => a.iter().all(|&x| x >= 0.0),
            _ => true,
        };
        let mut rel_mask = q.objective.relevant(k);
        for &(c, _) in &lb {
            rel_mask[c] = true;
        }
        let rel: Vec<usize> = (0..k).filter(|&c| rel_mask[c]).collect();
        let nf = lins.len();
        // Primary functional: the one with the lowest root bound.
        let root: Vec<f64> = lins.iter().map(|l| l.c + eval_dual(p, &l.w).0).collect();
        let primary = (0..nf)
            .min_by(|&a, &b| root[a].total_cmp(&root[b]))
            .unwrap_or(0);
        let mut groups: Vec<(usize, Vec<usize>, f64)> = Vec::with_capacity(p.groups.len());
        for (gi, g) in p.groups.iter().enumerate() {
            let mut idx: Vec<usize> = if monotone {
                undominated(g, k, &rel)
            } else {
                (0..g.opts.len()).collect()
            };
            let score = |i: usize| -> f64 {
                lins.get(primary).map_or(0.0, |l| {
                    g.row(i, k).iter().zip(&l.w).map(|(a, b)| a * b).sum()
                })
            };
            let scores: Vec<f64> = (0..g.opts.len()).map(score).collect();
            idx.sort_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
            let hi = idx
                .iter()
                .map(|&i| scores[i])
                .fold(f64::NEG_INFINITY, f64::max);
            let lo = idx.iter().map(|&i| scores[i]).fold(f64::INFINITY, f64::min);
            groups.push((gi, idx, hi - lo));
        }
        groups.sort_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
        let n = groups.len();
        let mut order = Vec::with_capacity(n);
        let mut opts = Vec::with_capacity(n);
        let mut rows = Vec::with_capacity(n);
        let mut fv = Vec::with_capacity(n);
        for (gi, idx, _) in &groups {
            let g = &p.groups[*gi];
            order.push(*gi);
            opts.push(idx.iter().map(|&i| g.opts[i]).collect::<Vec<u32>>());
            let mut r = Vec::with_capacity(idx.len() * k);
            let mut f = Vec::with_capacity(idx.len() * nf);
            for &i in idx {
                let row = g.row(i, k);
                r.extend_from_slice(row);
                for l in lins {
                    f.push(row.iter().zip(&l.w).map(|(a, b)| a * b).sum());
                }
            }
            rows.push(r);
            fv.push(f);
        }
        let mut suffix_f = vec![0.0; (n + 1) * nf];
        let mut suffix_max = vec![0.0; (n + 1) * k];
        for d in (0..n).rev() {
            let m = opts[d].len();
            for f in 0..nf {
                let best = (0..m)
                    .map(|i| fv[d][i * nf + f])
                    .fold(f64::NEG_INFINITY, f64::max);
                suffix_f[d * nf + f] = suffix_f[(d + 1) * nf + f] + best;
            }
            for c in 0..k {
                let best = (0..m)
                    .map(|i| rows[d][i * k + c])
                    .fold(f64::NEG_INFINITY, f64::max);
                suffix_max[d * k + c] = suffix_max[(d + 1) * k + c] + best;
            }
        }
        let nash = match q.objective {
            Objective::Nash { t, on } => Some(((0..k).filter(|&c| on[c]).collect(), t.clone())),
            _ => None,
        };
        Search {
            k,
            n,
            nf,
            order,
            opts,
            rows,
            fv,
            lins: lins.to_vec(),
            suffix_f,
            suffix_max,
            lb,
            objective: q.objective,
            nash,
            threshold: q.threshold,
            stop_at_first: q.stop_at_first,
            budget: q.budget,
            pstack: vec![0.0; (n + 1) * k],
            qstack: vec![0.0; (n + 1) * nf],
            choice: vec![0; n],
            best_val: f64::NEG_INFINITY,
            best: None,
            nodes: 0,
            stopped: false,
            exhausted: false,
        }
    }

    fn bound(&self, d: usize) -> f64 {
        let mut b = f64::INFINITY;
        for f in 0..self.nf {
            b = b.min(
                self.lins[f].c + self.qstack[d * self.nf + f] + self.suffix_f[d * self.nf + f],
            );
        }
        if let Some((on, t)) = &self.nash {
            let mut s = 0.0;
            for &c in on {
                let g = self.pstack[d * self.k + c] + self.suffix_max[d * self.k + c] - t[c];
                if g <= 0.0 {
                    return f64::NEG_INFINITY;
                }
                s += g.ln();
            }
            b = b.min(s);
        }
        b
    }

    fn promising(&self, d: usize) -> bool {
        for &(c, v) in &self.lb {
            if self.pstack[d * self.k + c] + self.suffix_max[d * self.k + c] < v - PRUNE_TOL {
                return false;
            }
        }
        let b = self.bound(d);
        if b < self.threshold - PRUNE_TOL {
            return false;
        }
        if self.best.is_some() && b <= self.best_val + PRUNE_TOL {
            return false;
        }
        if let Objective::MaxMin { s, t } = self.objective
            && self.n - d >= REFINE_MIN_DEPTH
        {
            let floor = if self.best.is_some() {
                self.best_val.max(self.threshold)
            } else {
                self.threshold
            };
            if floor > f64::NEG_INFINITY && self.refine_maxmin(d, s, t, floor) <= floor + PRUNE_TOL
            {
                return false;
            }
        }
        true
    }

    /// A node's own Lagrangian bound on a max-min objective: a few mirror-descent steps on
    /// the weights over the remaining groups, from the root's best weights. Stops as soon
    /// as the bound falls to `floor`.
    fn refine_maxmin(&self, d: usize, s: &[f64], t: &[f64], floor: f64) -> f64 {
        let k = self.k;
        let act: Vec<usize> = (0..k).filter(|&c| s[c] > 0.0).collect();
        if act.len() < 2 {
            return f64::INFINITY;
        }
        let base = &self.pstack[d * k..(d + 1) * k];
        let mut mu = vec![0.0; k];
        let mut z = 0.0;
        for &c in &act {
            mu[c] = self.lins.first().map_or(1.0, |l| (l.w[c] / s[c]).max(1e-6));
            z += mu[c];
        }
        for &c in &act {
            mu[c] /= z;
        }
        let mut best = f64::INFINITY;
        let mut eta0 = 0.0;
        let mut w = vec![0.0; k];
        let mut u = vec![0.0; k];
        for it in 0..REFINE_ITERS {
            for &c in &act {
                w[c] = mu[c] * s[c];
            }
            u.copy_from_slice(base);
            let mut val: f64 = act.iter().map(|&c| w[c] * (base[c] - t[c])).sum();
            for g in d..self.n {
                let rows = &self.rows[g];
                let m = rows.len() / k;
                let mut bv = f64::NEG_INFINITY;
                let mut bi = 0;
                for i in 0..m {
                    let row = &rows[i * k..(i + 1) * k];
                    let v: f64 = act.iter().map(|&c| w[c] * row[c]).sum();
                    if v > bv {
                        bv = v;
                        bi = i;
                    }
                }
                val += bv;
                for &c in &act {
                    u[c] += rows[bi * k + c];
                }
            }
            best = best.min(val);
            if best <= floor + PRUNE_TOL {
                return best;
            }
            let grad: Vec<f64> = (0..k).map(|c| s[c] * (u[c] - t[c])).collect();
            if it == 0 {
                let m = act.iter().map(|&c| grad[c].abs()).fold(0.0f64, f64::max);
                eta0 = 2.0 / m.max(1e-12);
            }
            #[allow(clippy::cast_precision_loss)]
            let eta = eta0 / ((it + 1) as f64).sqrt();
            let mut z = 0.0;
            for &c in &act {
                mu[c] *= (-eta * grad[c]).clamp(-30.0, 30.0).exp();
                z += mu[c];
            }
            for &c in &act {
                mu[c] = (mu[c] / z).max(1e-12);
            }
        }
        best
    }

    fn dfs(&mut self, d: usize) {
        self.nodes += 1;
        if self.nodes > self.budget {
            self.stopped = true;
            self.exhausted = true;
            return;
        }
        if d == self.n {
            let u = &self.pstack[d * self.k..(d + 1) * self.k];
            if self.lb.iter().any(|&(c, v)| u[c] < v) {
                return;
            }
            let val = self.objective.value(u);
            if val < self.threshold {
                return;
            }
            if self.best.is_none() || val > self.best_val {
                self.best_val = val;
                self.best = Some(self.choice.clone());
                if self.stop_at_first {
                    self.stopped = true;
                }
            }
            return;
        }
        let (k, nf) = (self.k, self.nf);
        for i in 0..self.opts[d].len() {
            for c in 0..k {
                self.pstack[(d + 1) * k + c] = self.pstack[d * k + c] + self.rows[d][i * k + c];
            }
            for f in 0..nf {
                self.qstack[(d + 1) * nf + f] = self.qstack[d * nf + f] + self.fv[d][i * nf + f];
            }
            if !self.promising(d + 1) {
                continue;
            }
            self.choice[d] = i;
            self.dfs(d + 1);
            if self.stopped {
                return;
            }
        }
    }
}

/// Phase 2: the lowest package (lexicographic level order) whose objective is at least
/// `target` and which meets the lower bounds. `Err(())` when the budget runs out.
pub(crate) fn lex_first(
    comp: &Compiled,
    p: &Problem,
    q: &Query,
    lins: &[Lin],
    target: f64,
    budget: u64,
) -> Result<Option<Vec<Level>>, ()> {
    if !p.feasible() {
        return Ok(None);
    }
    let k = p.k;
    let nf = lins.len();
    let m = nf + k;
    // Block maxima per group, per depth.
    let mut blocks: Vec<Vec<Vec<f64>>> = Vec::with_capacity(comp.groups.len());
    for (gi, g) in comp.groups.iter().enumerate() {
        let depth = g.issues.len();
        let mut st = vec![1usize; depth + 1];
        for j in (0..depth).rev() {
            st[j] = st[j + 1] * g.radix[j];
        }
        let mut per_depth = Vec::with_capacity(depth + 1);
        for &stride in &st {
            per_depth.push(vec![f64::NEG_INFINITY; (g.n / stride) * m]);
        }
        let pg = &p.groups[gi];
        for (i, &o) in pg.opts.iter().enumerate() {
            let row = pg.row(i, k);
            let mut meas = Vec::with_capacity(m);
            for l in lins {
                meas.push(row.iter().zip(&l.w).map(|(a, b)| a * b).sum::<f64>());
            }
            meas.extend_from_slice(row);
            for (j, &stride) in st.iter().enumerate() {
                let b = o as usize / stride;
                let slot = &mut per_depth[j][b * m..(b + 1) * m];
                for (s, v) in slot.iter_mut().zip(&meas) {
                    if *v > *s {
                        *s = *v;
                    }
                }
            }
        }
        blocks.push(per_depth);
    }
    let lb: Vec<(usize, f64)> = (0..k).filter_map(|c| q.lb[c].map(|v| (c, v))).collect();
    let nash = match q.objective {
        Objective::Nash { t, on } => Some(((0..k).filter(|&c| on[c]).collect::<Vec<_>>(), t)),
        _ => None,
    };
    let n = comp.n_issues();
    let mut sums = vec![0.0; (n + 1) * m];
    for b in &blocks {
        for (s, v) in sums[..m].iter_mut().zip(&b[0][..m]) {
            *s += v;
        }
    }
    let ok = |s: &[f64]| -> bool {
        for (f, l) in lins.iter().enumerate() {
            if l.c + s[f] < target - PRUNE_TOL {
                return false;
            }
        }
        for &(c, v) in &lb {
            if s[nf + c] < v - PRUNE_TOL {
                return false;
            }
        }
        if let Some((on, t)) = &nash
            && target > f64::NEG_INFINITY
        {
            let mut x = 0.0;
            for &c in on {
                let g = s[nf + c] - t[c];
                if g <= 0.0 {
                    return false;
                }
                x += g.ln();
            }
            if x < target - PRUNE_TOL {
                return false;
            }
        }
        true
    };
    if !ok(&sums[..m]) {
        return Ok(None);
    }
    struct St {
        depth: Vec<usize>,
        block: Vec<usize>,
        nodes: u64,
    }
    let mut st = St {
        depth: vec![0; comp.groups.len()],
        block: vec![0; comp.groups.len()],
        nodes: 0,
    };
    #[allow(clippy::too_many_arguments)]
    fn visit(
        i: usize,
        comp: &Compiled,
        blocks: &[Vec<Vec<f64>>],
        sums: &mut Vec<f64>,
        m: usize,
        st: &mut St,
        ok: &dyn Fn(&[f64]) -> bool,
        leaf: &dyn Fn(&[usize]) -> bool,
        budget: u64,
    ) -> Result<bool, ()> {
        st.nodes += 1;
        if st.nodes > budget {
            return Err(());
        }
        let n = comp.n_issues();
        if i == n {
            return Ok(leaf(&st.block));
        }
        let g = comp.issue_group[i];
        let grp = &comp.groups[g];
        let j = st.depth[g];
        let b = st.block[g];
        for l in 0..grp.radix[j] {
            let nb = b * grp.radix[j] + l;
            let new = &blocks[g][j + 1][nb * m..(nb + 1) * m];
            // A block without allowed options has no finite column maximum.
            if !new[m - 1].is_finite() {
                continue;
            }
            let old = &blocks[g][j][b * m..(b + 1) * m];
            for x in 0..m {
                sums[(i + 1) * m + x] = sums[i * m + x] - old[x] + new[x];
            }
            if !ok(&sums[(i + 1) * m..(i + 2) * m]) {
                continue;
            }
            st.depth[g] = j + 1;
            st.block[g] = nb;
            if visit(i + 1, comp, blocks, sums, m, st, ok, leaf, budget)? {
                return Ok(true);
            }
            st.depth[g] = j;
            st.block[g] = b;
        }
        Ok(false)
    }
    let leaf = |choice: &[usize]| -> bool {
        let mut u = vec![0.0; k];
        for (g, &o) in comp.groups.iter().zip(choice) {
            for (x, r) in u.iter_mut().zip(g.row(o, k)) {
                *x += r;
            }
        }
        if lb.iter().any(|&(c, v)| u[c] < v) {
            return false;
        }
        q.objective.value(&u) >= target
    };
    let found = visit(0, comp, &blocks, &mut sums, m, &mut st, &ok, &leaf, budget)?;
    if !found {
        return Ok(None);
    }
    let mut package = vec![0; n];
    for (g, &o) in comp.groups.iter().zip(&st.block) {
        g.write(o, &mut package);
    }
    Ok(Some(package))
}

/// Removes every option that no package reaching `target` can use: with the option
/// forced and every other group at its best, some functional (or a lower bound) already
/// falls short. Repeated while it removes something.
fn fix_by_bounds(p: &Problem, q: &Query, lins: &[Lin], target: f64) -> Problem {
    let k = p.k;
    let lb: Vec<(usize, f64)> = (0..k).filter_map(|c| q.lb[c].map(|v| (c, v))).collect();
    let mut cur = p.clone();
    for _round in 0..3 {
        let ng = cur.groups.len();
        // Per group: max of each functional and of each column.
        let gmax_f: Vec<Vec<f64>> = cur
            .groups
            .iter()
            .map(|g| {
                lins.iter()
                    .map(|l| {
                        (0..g.opts.len())
                            .map(|i| dot(g.row(i, k), &l.w))
                            .fold(f64::NEG_INFINITY, f64::max)
                    })
                    .collect()
            })
            .collect();
        let gmax_c: Vec<Vec<f64>> = cur
            .groups
            .iter()
            .map(|g| {
                (0..k)
                    .map(|c| {
                        (0..g.opts.len())
                            .map(|i| g.u[i * k + c])
                            .fold(f64::NEG_INFINITY, f64::max)
                    })
                    .collect()
            })
            .collect();
        let tot_f: Vec<f64> = (0..lins.len())
            .map(|f| (0..ng).map(|g| gmax_f[g][f]).sum())
            .collect();
        let tot_c: Vec<f64> = (0..k)
            .map(|c| (0..ng).map(|g| gmax_c[g][c]).sum())
            .collect();
        let mut removed = false;
        let mut next = cur.clone();
        for g in 0..ng {
            let grp = &cur.groups[g];
            let mut opts = Vec::with_capacity(grp.opts.len());
            let mut u = Vec::with_capacity(grp.u.len());
            for i in 0..grp.opts.len() {
                let row = grp.row(i, k);
                let mut ok = true;
                for (f, l) in lins.iter().enumerate() {
                    if l.c + tot_f[f] - gmax_f[g][f] + dot(row, &l.w) < target - PRUNE_TOL {
                        ok = false;
                        break;
                    }
                }
                if ok {
                    for &(c, v) in &lb {
                        if tot_c[c] - gmax_c[g][c] + row[c] < v - PRUNE_TOL {
                            ok = false;
                            break;
                        }
                    }
                }
                if ok {
                    opts.push(grp.opts[i]);
                    u.extend_from_slice(row);
                } else {
                    removed = true;
                }
            }
            next.groups[g].opts = opts;
            next.groups[g].u = u;
        }
        cur = next;
        if !removed || !cur.feasible() {
            break;
        }
    }
    cur
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// Phase 1 then phase 2: the optimum and the lowest package attaining it.
pub(crate) fn solve(comp: &Compiled, p: &Problem, q: &Query) -> Option<Solved> {
    if !p.feasible() {
        return None;
    }
    let lins = pool(p, q);
    let out = maximize(p, q, &lins);
    let best = out.best?;
    let target = if best.value.is_finite() {
        best.value - TIE_EPS
    } else {
        f64::NEG_INFINITY
    };
    let reduced = fix_by_bounds(p, q, &lins, target);
    let (package, lowest) = match lex_first(comp, &reduced, q, &lins, target, q.budget) {
        Ok(Some(pk)) => (pk, true),
        _ => {
            let mut pk = vec![0; comp.n_issues()];
            for (g, &o) in comp.groups.iter().zip(&best.choice) {
                g.write(o as usize, &mut pk);
            }
            (pk, false)
        }
    };
    let u = comp.utilities(&package);
    let value = q.objective.value(&u);
    Some(Solved {
        value,
        package,
        u,
        lowest,
        complete: out.complete,
    })
}
