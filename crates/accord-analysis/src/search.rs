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
//! The multipliers are tuned at the root: mirror descent on the Lagrangian dual, then, for
//! problems with lower bounds or several max-min terms, the dual optimum itself (the LP
//! relaxation's dual, solved by `good_lp`'s pure-Rust simplex); Frank-Wolfe on the concave
//! relaxation for Nash. Any choice gives a valid bound, a good one a tight bound. Below the
//! root, each node re-tunes the multipliers it inherits from its parent with a few
//! subgradient steps (`Search::refine`), which is what keeps the search small when the
//! relaxation and the integer optimum are far apart (lower bounds that cannot all be met
//! once some groups are fixed). A local-search incumbent (`seed`), optionally from a known
//! package, prunes from the first node. Groups are searched in decreasing spread of the
//! root functional, options in decreasing value.
//!
//! Ties: phase 1 finds the optimum value `v*`; phase 2 walks packages in lexicographic
//! level order (issue 0 first, levels ascending) and returns the first whose objective is
//! at least `v* - TIE_EPS`: the lowest package among the optimal ones. Phase 2 has a tenth
//! of the node budget; if it runs out, phase 1's package is returned with `lowest: false`.

use accord_model::Level;

use crate::compile::Compiled;
use crate::problem::Problem;

/// Slack on pruning tests, absorbing floating-point noise in running sums.
pub(crate) const PRUNE_TOL: f64 = 1e-12;

/// Objective values within this distance of the optimum tie; the lowest package wins.
pub const TIE_EPS: f64 = 1e-9;

/// Default node budget of one optimisation.
pub(crate) const DEFAULT_BUDGET: u64 = 20_000_000;

/// Phase 2 gets this fraction of a query's budget: its lexicographic order searches with
/// weaker bounds than phase 1, and when it runs out the optimum is still known (only the
/// tie-break is then not proven: `lowest: false`).
const LEX_BUDGET_DIVISOR: u64 = 10;

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
    /// The Lagrange multipliers `w` was built from, when it is a Lagrangian functional:
    /// nodes re-tune them over their own subtree (see `Search::refine`).
    pub dual: Option<Dual>,
}

/// Multipliers of a Lagrangian functional: `mu` weighs the max-min terms (a point of the
/// simplex over the active columns), `lambda >= 0` the lower bounds.
#[derive(Debug, Clone)]
pub(crate) struct Dual {
    pub mu: Vec<f64>,
    pub lambda: Vec<f64>,
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
    /// A known package (option per compiled group) to start the incumbent heuristic from.
    pub start: Option<&'a [u32]>,
    /// Nodes searched before the exact LP dual is added (see [`search`]).
    pub easy_nodes: u64,
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
            start: None,
            easy_nodes: EASY_NODES,
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
const REFINE_MIN_DEPTH: usize = 11;

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
                dual: None,
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
                        best_lin = Some(Lin {
                            w,
                            c: cst,
                            dual: Some(Dual {
                                mu: vec![0.0; k],
                                lambda: lambda.clone(),
                            }),
                        });
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
                out.push(Lin {
                    w,
                    c: -s[c] * t[c],
                    dual: None,
                });
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
                            dual: None,
                        });
                    }
                    if cst + sv < best {
                        best = cst + sv;
                        best_lin = Some(Lin {
                            w,
                            c: cst,
                            dual: Some(Dual {
                                mu: mu.clone(),
                                lambda: lambda.clone(),
                            }),
                        });
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
                            best_lin = Some(Lin {
                                w,
                                c: cst,
                                dual: None,
                            });
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

/// Largest relaxation (allowed options over all groups) whose LP dual is solved exactly.
const EXACT_DUAL_MAX_OPTIONS: usize = 20_000;

/// Time limit of one LP dual solve.
const LP_DUAL_SECONDS: f64 = 2.0;

/// The bound a functional gives at the root.
fn root_bound(p: &Problem, l: &Lin) -> f64 {
    l.c + eval_dual(p, &l.w).0
}

/// Nodes a query searches with the root's mirror-descent functionals before the exact LP
/// dual is worth its cost (about a millisecond on 300 options).
pub(crate) const EASY_NODES: u64 = 20_000;

/// Phase 1 with the functionals it used: first with the mirror-descent functionals and a
/// small budget (most queries end there), then, if that did not settle it, with the exact
/// LP dual added and the rest of the budget. Deterministic: both passes are.
pub(crate) fn search(p: &Problem, q: &Query) -> (Vec<Lin>, Outcome) {
    let mut lins = pool(p, q);
    let mut easy = q.clone();
    easy.budget = q.budget.min(q.easy_nodes);
    let first = maximize(p, &easy, &lins);
    if first.complete || q.budget <= q.easy_nodes {
        return (lins, first);
    }
    add_exact_dual(p, q, &mut lins);
    let mut rest = q.clone();
    rest.budget = q.budget - first.nodes.min(q.budget);
    let mut out = maximize(p, &rest, &lins);
    out.nodes = out.nodes.saturating_add(first.nodes);
    (lins, out)
}

/// Puts the optimal Lagrangian functional first in `out` when it beats the best one there.
///
/// Mirror descent only approaches the dual optimum; the optimum itself (the LP relaxation's
/// value) is often markedly lower on problems with several lower bounds, and the search
/// below is exponential in the gap. A feasibility query whose root is already refuted does
/// not need it.
fn add_exact_dual(p: &Problem, q: &Query, out: &mut Vec<Lin>) {
    let has_dual = match q.objective {
        Objective::MaxMin { .. } => true,
        Objective::Linear(_) => q.lb.iter().any(Option::is_some),
        Objective::Nash { .. } => false,
    };
    if !has_dual {
        return;
    }
    let options: usize = p.groups.iter().map(|g| g.opts.len()).sum();
    if options > EXACT_DUAL_MAX_OPTIONS {
        return;
    }
    let best = out
        .iter()
        .map(|l| root_bound(p, l))
        .fold(f64::INFINITY, f64::min);
    if q.stop_at_first && best < q.threshold - PRUNE_TOL {
        return;
    }
    if let Some(l) = lp_dual(p, q)
        && root_bound(p, &l) < best
    {
        out.insert(0, l);
    }
}

/// The LP dual of a query's relaxation (one option per group relaxed to a convex
/// combination), solved by `good_lp`'s simplex:
///
/// minimise `sum_g pi_g - sum_p mu_p s_p t_p - sum_p lambda_p lb_p`
/// subject to `pi_g >= (a + s mu + lambda) . u(g, i)` for every option `i` of every group
/// `g`, `mu` in the simplex (max-min only), `lambda >= 0`.
///
/// Any `mu` in the simplex and `lambda >= 0` give a valid bound, so the solver's answer is
/// only used as multipliers (normalised and clipped) and the bound is recomputed from them:
/// an inexact solve costs tightness, never correctness. `None` when the solver fails (an
/// infeasible relaxation makes the dual unbounded).
pub(crate) fn lp_dual(p: &Problem, q: &Query) -> Option<Lin> {
    use good_lp::{
        Expression, ProblemVariables, Solution, SolverModel, Variable, WithTimeLimit, constraint,
        microlp, variable,
    };
    let k = p.k;
    let (s, t, a) = match q.objective {
        Objective::MaxMin { s, t } => (s.as_slice(), t.as_slice(), None),
        Objective::Linear(a) => (&[][..], &[][..], Some(a.as_slice())),
        Objective::Nash { .. } => return None,
    };
    let active = |c: usize| s.get(c).is_some_and(|&x| x > 0.0);
    let mut vars = ProblemVariables::new();
    let mu: Vec<Option<Variable>> = (0..k)
        .map(|c| active(c).then(|| vars.add(variable().min(0.0))))
        .collect();
    let lambda: Vec<Option<Variable>> = (0..k)
        .map(|c| q.lb[c].map(|_| vars.add(variable().min(0.0))))
        .collect();
    if mu.iter().all(Option::is_none) && lambda.iter().all(Option::is_none) {
        return None;
    }
    let pi: Vec<Variable> = p.groups.iter().map(|_| vars.add(variable())).collect();
    let mut objective = Expression::from(0.0);
    for &x in &pi {
        objective += x;
    }
    for c in 0..k {
        if let Some(x) = mu[c] {
            objective -= s[c] * t[c] * x;
        }
        if let (Some(x), Some(l)) = (lambda[c], q.lb[c]) {
            objective -= l * x;
        }
    }
    // The time limit only guards against a stalled simplex (microlp's docs warn it may
    // cycle on hard problems); these solves take milliseconds.
    let mut model = vars
        .minimise(objective)
        .using(microlp)
        .with_time_limit(LP_DUAL_SECONDS);
    if mu.iter().any(Option::is_some) {
        let total: Expression = mu.iter().flatten().copied().sum();
        model = model.with(constraint!(total == 1.0));
    }
    for (g, &x) in p.groups.iter().zip(&pi) {
        for i in 0..g.opts.len() {
            let row = g.row(i, k);
            let mut e = Expression::from(a.map_or(0.0, |a| dot(a, row)));
            for c in 0..k {
                if let Some(m) = mu[c] {
                    e += s[c] * row[c] * m;
                }
                if let Some(l) = lambda[c] {
                    e += row[c] * l;
                }
            }
            model = model.with(constraint!(x - e >= 0.0));
        }
    }
    let sol = model.solve().ok()?;
    let mut dual = Dual {
        mu: mu
            .iter()
            .map(|x| x.map_or(0.0, |x| sol.value(x).max(0.0)))
            .collect(),
        lambda: lambda
            .iter()
            .map(|x| x.map_or(0.0, |x| sol.value(x).max(0.0)))
            .collect(),
    };
    if mu.iter().any(Option::is_some) {
        let z: f64 = dual.mu.iter().sum();
        if !(z > 0.0 && z.is_finite()) {
            return None;
        }
        dual.mu.iter_mut().for_each(|m| *m /= z);
    }
    if dual.lambda.iter().any(|x| !x.is_finite()) {
        return None;
    }
    Some(lin_of(q, dual))
}

/// The functional of given multipliers.
fn lin_of(q: &Query, dual: Dual) -> Lin {
    let k = dual.mu.len();
    let mut w = vec![0.0; k];
    let mut c = 0.0;
    match q.objective {
        Objective::MaxMin { s, t } => {
            for p in 0..k {
                w[p] += dual.mu[p] * s[p];
                c -= dual.mu[p] * s[p] * t[p];
            }
        }
        Objective::Linear(a) => w.copy_from_slice(a),
        Objective::Nash { .. } => {}
    }
    for p in 0..k {
        if let Some(l) = q.lb[p] {
            w[p] += dual.lambda[p];
            c -= dual.lambda[p] * l;
        }
    }
    Lin {
        w,
        c,
        dual: Some(dual),
    }
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
    let seed = seed(p, q, lins).filter(|f| f.value >= q.threshold);
    if q.stop_at_first && seed.is_some() {
        return Outcome {
            best: seed,
            complete: true,
            nodes: 0,
        };
    }
    let mut s = Search::new(p, q, lins);
    if let Some(f) = &seed {
        s.best_val = f.value;
        s.seeded = true;
    }
    s.dfs(0);
    let complete = !s.exhausted;
    let best = match s.best {
        Some(choice_idx) => {
            let mut choice = vec![0u32; p.groups.len()];
            for (d, &i) in choice_idx.iter().enumerate() {
                choice[s.order[d]] = s.opts[d][i];
            }
            Some(Found {
                value: s.best_val,
                choice,
            })
        }
        None => seed,
    };
    Outcome {
        best,
        complete,
        nodes: s.nodes,
    }
}

/// Hill-climbing passes of the incumbent heuristic.
const SEED_PASSES: usize = 30;

/// Functionals whose argmax packages the incumbent heuristic starts from (the first ones
/// are the best: the tuned functional leads the pool).
const SEED_STARTS: usize = 4;

/// A good feasible package to start the search from (the incumbent prunes every subtree
/// whose bound does not beat it). From the argmax package of each functional, repeatedly
/// change the one group option that most improves (violation of the lower bounds, then
/// objective), until none does. Only a heuristic: the search proves the optimum.
fn seed(p: &Problem, q: &Query, lins: &[Lin]) -> Option<Found> {
    let k = p.k;
    let lb: Vec<(usize, f64)> = (0..k).filter_map(|c| q.lb[c].map(|v| (c, v))).collect();
    let score = |u: &[f64]| -> (f64, f64) {
        let violation: f64 = lb.iter().map(|&(c, v)| (v - u[c]).max(0.0)).sum();
        (violation, q.objective.value(u))
    };
    let better = |a: (f64, f64), b: (f64, f64)| -> bool {
        a.0 < b.0 - PRUNE_TOL || (a.0 <= b.0 + PRUNE_TOL && a.1 > b.1 + PRUNE_TOL)
    };
    let mut best: Option<Found> = None;
    let mut u = vec![0.0; k];
    let mut trial = vec![0.0; k];
    // Starts: the given package (if every option of it is allowed), then the argmax package
    // of each functional. Positions index each group's allowed options.
    let given: Option<Vec<usize>> = q.start.and_then(|start| {
        p.groups
            .iter()
            .zip(start)
            .map(|(g, o)| g.opts.binary_search(o).ok())
            .collect()
    });
    let argmax = lins.iter().take(SEED_STARTS).map(|l| {
        p.groups
            .iter()
            .map(|g| {
                (0..g.opts.len())
                    .max_by(|&a, &b| dot(g.row(a, k), &l.w).total_cmp(&dot(g.row(b, k), &l.w)))
                    .unwrap_or(0)
            })
            .collect::<Vec<usize>>()
    });
    for mut pos in given.into_iter().chain(argmax) {
        u.iter_mut().for_each(|x| *x = 0.0);
        for (g, &i) in p.groups.iter().zip(&pos) {
            for (x, r) in u.iter_mut().zip(g.row(i, k)) {
                *x += r;
            }
        }
        let mut cur = score(&u);
        for _ in 0..SEED_PASSES {
            let mut step: Option<(usize, usize, (f64, f64))> = None;
            for (gi, g) in p.groups.iter().enumerate() {
                let old = g.row(pos[gi], k);
                for i in 0..g.opts.len() {
                    if i == pos[gi] {
                        continue;
                    }
                    for c in 0..k {
                        trial[c] = u[c] - old[c] + g.row(i, k)[c];
                    }
                    let sc = score(&trial);
                    if better(sc, step.map_or(cur, |x| x.2)) {
                        step = Some((gi, i, sc));
                    }
                }
            }
            let Some((gi, i, sc)) = step else { break };
            let g = &p.groups[gi];
            for c in 0..k {
                u[c] += g.row(i, k)[c] - g.row(pos[gi], k)[c];
            }
            pos[gi] = i;
            cur = sc;
        }
        // Recompute the sum exactly as the search does before comparing.
        u.iter_mut().for_each(|x| *x = 0.0);
        for (g, &i) in p.groups.iter().zip(&pos) {
            for (x, r) in u.iter_mut().zip(g.row(i, k)) {
                *x += r;
            }
        }
        if lb.iter().any(|&(c, v)| u[c] < v) {
            continue;
        }
        let value = q.objective.value(&u);
        if value.is_finite() && best.as_ref().is_none_or(|b| value > b.value) {
            best = Some(Found {
                value,
                choice: p.groups.iter().zip(&pos).map(|(g, &i)| g.opts[i]).collect(),
            });
        }
    }
    best
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
    /// Columns of the max-min terms.
    active: Vec<usize>,
    /// Whether nodes re-tune multipliers (`refine`): a Lagrangian primary functional with
    /// something to tune.
    tunable: bool,
    /// Per depth, the multipliers `refine` left (`mu` then `lambda`, `2k` per depth); depth
    /// 0 holds the primary functional's.
    dstack: Vec<f64>,
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
    /// `best_val` is an incumbent found before the search (by `seed`).
    seeded: bool,
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
        let active: Vec<usize> = match q.objective {
            Objective::MaxMin { s, .. } => (0..k).filter(|&c| s[c] > 0.0).collect(),
            _ => Vec::new(),
        };
        let root_dual = lins.get(primary).and_then(|l| l.dual.as_ref());
        let tunable = root_dual.is_some() && (active.len() > 1 || !lb.is_empty());
        let mut dstack = vec![0.0; (n + 1) * 2 * k];
        if let Some(dual) = root_dual {
            dstack[..k].copy_from_slice(&dual.mu);
            dstack[k..2 * k].copy_from_slice(&dual.lambda);
        }
        Search {
            k,
            n,
            nf,
            order,
            opts,
            rows,
            fv,
            lins: lins.to_vec(),
            active,
            tunable,
            dstack,
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
            seeded: false,
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

    fn has_incumbent(&self) -> bool {
        self.best.is_some() || self.seeded
    }

    fn promising(&mut self, d: usize) -> bool {
        for &(c, v) in &self.lb {
            if self.pstack[d * self.k + c] + self.suffix_max[d * self.k + c] < v - PRUNE_TOL {
                return false;
            }
        }
        let b = self.bound(d);
        if b < self.threshold - PRUNE_TOL {
            return false;
        }
        if self.has_incumbent() && b <= self.best_val + PRUNE_TOL {
            return false;
        }
        if self.n - d >= REFINE_MIN_DEPTH && self.tunable {
            let floor = if self.has_incumbent() {
                self.best_val.max(self.threshold)
            } else {
                self.threshold
            };
            if floor > f64::NEG_INFINITY {
                if self.refine(d, floor) <= floor + PRUNE_TOL {
                    return false;
                }
            } else {
                // No floor to aim at: the children start from this node's parent.
                let k2 = 2 * self.k;
                self.dstack.copy_within((d - 1) * k2..d * k2, d * k2);
            }
        }
        true
    }

    /// A node's own Lagrangian bound: a few subgradient steps on the multipliers over the
    /// remaining groups (mirror descent for the max-min weights on their simplex, projected
    /// steps for the lower-bound multipliers), starting from the parent's best multipliers,
    /// so the multipliers keep improving down a path. Every iterate is a valid bound; stops
    /// as soon as one falls to `floor`. Leaves the best multipliers in `dstack[d]` for the
    /// children.
    fn refine(&mut self, d: usize, floor: f64) -> f64 {
        let k = self.k;
        let (s, t, a): (&[f64], &[f64], &[f64]) = match self.objective {
            Objective::MaxMin { s, t } => (s, t, &[]),
            Objective::Linear(a) => (&[], &[], a),
            Objective::Nash { .. } => return f64::INFINITY,
        };
        let act = &self.active;
        let parent = d.saturating_sub(1) * 2 * k;
        let mut mu = self.dstack[parent..parent + k].to_vec();
        let mut lambda = self.dstack[parent + k..parent + 2 * k].to_vec();
        let base = &self.pstack[d * k..(d + 1) * k];
        let mut best = f64::INFINITY;
        let mut best_x = (mu.clone(), lambda.clone());
        let mut w = vec![0.0; k];
        let mut u = vec![0.0; k];
        let (mut eta0, mut eta0_l) = (0.0, 0.0);
        for it in 0..REFINE_ITERS {
            w.iter_mut().for_each(|x| *x = 0.0);
            let mut val = 0.0;
            for &c in act {
                w[c] = mu[c] * s[c];
                val += w[c] * (base[c] - t[c]);
            }
            for (c, &ac) in a.iter().enumerate() {
                w[c] += ac;
                val += ac * base[c];
            }
            for &(c, v) in &self.lb {
                w[c] += lambda[c];
                val += lambda[c] * (base[c] - v);
            }
            u.copy_from_slice(base);
            for gr in d..self.n {
                let rows = &self.rows[gr];
                let m = rows.len() / k;
                let mut bv = f64::NEG_INFINITY;
                let mut bi = 0;
                for i in 0..m {
                    let v = dot(&rows[i * k..(i + 1) * k], &w);
                    if v > bv {
                        bv = v;
                        bi = i;
                    }
                }
                val += bv;
                for (x, r) in u.iter_mut().zip(&rows[bi * k..(bi + 1) * k]) {
                    *x += r;
                }
            }
            if val < best {
                best = val;
                best_x.0.copy_from_slice(&mu);
                best_x.1.copy_from_slice(&lambda);
            }
            if best <= floor + PRUNE_TOL {
                break;
            }
            if it == 0 {
                // Step sizes on the scale of this node's subgradient. Every active weight
                // is kept positive, so multiplicative steps can move it.
                let m = act
                    .iter()
                    .map(|&c| (s[c] * (u[c] - t[c])).abs())
                    .fold(0.0f64, f64::max);
                eta0 = 2.0 / m.max(1e-12);
                let m = self
                    .lb
                    .iter()
                    .map(|&(c, v)| (u[c] - v).abs())
                    .fold(0.0f64, f64::max);
                // A lower-bound multiplier moves on the scale of the objective weights.
                #[allow(clippy::cast_precision_loss)]
                let scale = if act.is_empty() {
                    a.iter().fold(0.0f64, |m, x| m.max(x.abs()))
                } else {
                    1.0 / act.len() as f64
                };
                eta0_l = scale / m.max(1e-12);
                if act.len() > 1 {
                    let z: f64 = act.iter().map(|&c| mu[c].max(1e-6)).sum();
                    for &c in act {
                        mu[c] = mu[c].max(1e-6) / z;
                    }
                }
            }
            #[allow(clippy::cast_precision_loss)]
            let decay = 1.0 / ((it + 1) as f64).sqrt();
            if act.len() > 1 {
                let mut z = 0.0;
                for &c in act {
                    let g = s[c] * (u[c] - t[c]);
                    mu[c] *= (-eta0 * decay * g).clamp(-30.0, 30.0).exp();
                    z += mu[c];
                }
                for &c in act {
                    mu[c] = (mu[c] / z).max(1e-12);
                }
            }
            for &(c, v) in &self.lb {
                lambda[c] = (lambda[c] - eta0_l * decay * (u[c] - v)).max(0.0);
            }
        }
        let at = d * 2 * k;
        self.dstack[at..at + k].copy_from_slice(&best_x.0);
        self.dstack[at + k..at + 2 * k].copy_from_slice(&best_x.1);
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
            if !self.has_incumbent() || val > self.best_val {
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
    let (lins, out) = search(p, q);
    let best = out.best?;
    let target = if best.value.is_finite() {
        best.value - TIE_EPS
    } else {
        f64::NEG_INFINITY
    };
    let reduced = fix_by_bounds(p, q, &lins, target);
    let lex_budget = q.budget / LEX_BUDGET_DIVISOR;
    let (package, lowest) = match lex_first(comp, &reduced, q, &lins, target, lex_budget) {
        Ok(Some(pk)) => (pk, true),
        _ => (comp.package_of(&best.choice), false),
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
