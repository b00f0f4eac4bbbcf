//! A query's view of the compiled scenario: which options of each group are allowed.

use accord_model::Level;

use crate::compile::Compiled;

/// Per-issue restriction of the levels a package may take.
#[derive(Debug, Clone)]
pub(crate) struct Domain {
    /// `None` = every level allowed; otherwise one flag per level.
    pub allowed: Vec<Option<Vec<bool>>>,
}

impl Domain {
    /// No restriction.
    pub fn full(n_issues: usize) -> Self {
        Domain {
            allowed: vec![None; n_issues],
        }
    }

    /// Issues settled by a (partial) package are fixed to their level.
    pub fn from_partial(partial: &[Option<Level>], level_counts: &[usize]) -> Self {
        let allowed = partial
            .iter()
            .zip(level_counts)
            .map(|(l, &n)| {
                l.map(|l| {
                    let mut v = vec![false; n];
                    if let Some(x) = v.get_mut(l as usize) {
                        *x = true;
                    }
                    v
                })
            })
            .collect();
        Domain { allowed }
    }

    /// Fixes an issue to one level (intersecting with what was allowed).
    pub fn fix(&mut self, issue: usize, level: Level, n_levels: usize) {
        let mut v = vec![false; n_levels];
        let was = self.allows(issue, level);
        if let Some(x) = v.get_mut(level as usize) {
            *x = was;
        }
        self.allowed[issue] = Some(v);
    }

    /// Forbids one level of an issue.
    pub fn exclude(&mut self, issue: usize, level: Level, n_levels: usize) {
        let v = self.allowed[issue].get_or_insert_with(|| vec![true; n_levels]);
        if let Some(x) = v.get_mut(level as usize) {
            *x = false;
        }
    }

    /// Whether a level is allowed.
    pub fn allows(&self, issue: usize, level: Level) -> bool {
        self.allowed[issue]
            .as_ref()
            .is_none_or(|v| v.get(level as usize).copied().unwrap_or(false))
    }
}

/// One group's allowed options, ascending, with their utility rows.
#[derive(Debug, Clone)]
pub(crate) struct PGroup {
    /// Allowed option indices, ascending.
    pub opts: Vec<u32>,
    /// Utility rows of the allowed options (`opts.len() * k`).
    pub u: Vec<f64>,
}

impl PGroup {
    /// Utility row of the `i`-th allowed option.
    pub fn row(&self, i: usize, k: usize) -> &[f64] {
        &self.u[i * k..(i + 1) * k]
    }
}

/// The allowed options of every group for one query.
#[derive(Debug, Clone)]
pub(crate) struct Problem {
    /// Columns.
    pub k: usize,
    /// One entry per compiled group, in compiled order.
    pub groups: Vec<PGroup>,
}

impl Problem {
    /// Allowed options: consistent with the domain and crossing no active red line.
    pub fn new(c: &Compiled, active_lines: &[bool], domain: &Domain) -> Self {
        let k = c.k();
        let groups = c
            .groups
            .iter()
            .map(|g| {
                let mut opts = Vec::new();
                let mut u = Vec::new();
                // Fast path when no restriction touches the group.
                let restricted = g.issues.iter().any(|&i| domain.allowed[i].is_some());
                for o in 0..g.n {
                    if g.crossed(o).iter().any(|&l| active_lines[l as usize]) {
                        continue;
                    }
                    if restricted
                        && !g
                            .issues
                            .iter()
                            .enumerate()
                            .all(|(pos, &i)| domain.allows(i, g.level(o, pos)))
                    {
                        continue;
                    }
                    #[allow(clippy::cast_possible_truncation)]
                    opts.push(o as u32);
                    u.extend_from_slice(g.row(o, k));
                }
                PGroup { opts, u }
            })
            .collect();
        Problem { k, groups }
    }

    /// Whether every group has at least one allowed option.
    pub fn feasible(&self) -> bool {
        self.groups.iter().all(|g| !g.opts.is_empty())
    }

    /// Number of packages (product of allowed option counts), if it fits in a u128.
    pub fn size(&self) -> Option<u128> {
        self.groups
            .iter()
            .try_fold(1u128, |acc, g| acc.checked_mul(g.opts.len() as u128))
    }
}
