//! Compiling a scenario into an additive multiple-choice problem.
//!
//! Issues are grouped with union-find: two issues share a group when an interaction term
//! or a combination red line of some party mentions both. A group's options are the
//! product of its issues' levels, numbered in lexicographic order of those levels (first
//! issue most significant). Each option carries every party's utility contribution (the
//! weighted values of its levels plus every interaction term internal to the group) and the
//! list of red lines it crosses. Every interaction term and red line is internal to one
//! group, so a package is one option per group, utilities add up over groups, and a set
//! of red lines is respected iff no chosen option crosses one of them.

use accord_model::{Level, Scenario};

use crate::error::AnalysisError;

/// Largest number of joint options a group may have.
pub const MAX_GROUP_OPTIONS: usize = 1_000_000;

/// A reference to one red line of one party.
#[derive(Debug, Clone)]
pub(crate) struct LineRef {
    /// Scenario party index.
    pub party: usize,
    /// Column of the party.
    pub col: usize,
    /// Index of the line in the party's preferences.
    pub index: usize,
    /// Group the line lives in.
    pub group: usize,
}

/// One group of issues with its joint options.
#[derive(Debug, Clone)]
pub(crate) struct Group {
    /// Issue indices, ascending.
    pub issues: Vec<usize>,
    /// Level count of each issue.
    pub radix: Vec<usize>,
    /// Number of joint options.
    pub n: usize,
    /// Utility contribution per option per column, row-major (`n * k`).
    pub util: Vec<f64>,
    /// Red lines crossed per option (CSR: `cross[cross_off[o]..cross_off[o + 1]]`).
    pub cross_off: Vec<u32>,
    /// Global red-line indices.
    pub cross: Vec<u32>,
}

impl Group {
    /// Level of the `pos`-th issue of the group in option `o`.
    pub fn level(&self, o: usize, pos: usize) -> Level {
        let stride: usize = self.radix[pos + 1..].iter().product();
        #[allow(clippy::cast_possible_truncation)]
        let l = ((o / stride) % self.radix[pos]) as Level;
        l
    }

    /// Writes the levels of option `o` into a full package.
    pub fn write(&self, o: usize, package: &mut [Level]) {
        let mut rest = o;
        for pos in (0..self.issues.len()).rev() {
            #[allow(clippy::cast_possible_truncation)]
            {
                package[self.issues[pos]] = (rest % self.radix[pos]) as Level;
            }
            rest /= self.radix[pos];
        }
    }

    /// The option that a full package selects.
    pub fn option_of(&self, package: &[Level]) -> usize {
        let mut o = 0;
        for (pos, &i) in self.issues.iter().enumerate() {
            o = o * self.radix[pos] + package[i] as usize;
        }
        o
    }

    /// Red lines crossed by option `o`.
    pub fn crossed(&self, o: usize) -> &[u32] {
        &self.cross[self.cross_off[o] as usize..self.cross_off[o + 1] as usize]
    }

    /// Utility row of option `o`.
    pub fn row(&self, o: usize, k: usize) -> &[f64] {
        &self.util[o * k..(o + 1) * k]
    }
}

/// A scenario compiled for every party with preferences.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    /// Scenario party index of each column.
    pub cols: Vec<usize>,
    /// Column of each scenario party, if it has preferences.
    pub col_of: Vec<Option<usize>>,
    /// Level count per issue.
    pub level_counts: Vec<usize>,
    /// Groups, ordered by their first issue.
    pub groups: Vec<Group>,
    /// Group of each issue.
    pub issue_group: Vec<usize>,
    /// Every red line of every party with preferences.
    pub lines: Vec<LineRef>,
    /// Reservation per column.
    pub reservation: Vec<f64>,
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

impl Compiled {
    /// Compiles a scenario.
    pub fn new(s: &Scenario) -> Result<Self, AnalysisError> {
        let cols = s.parties_with_preferences();
        if cols.is_empty() {
            return Err(AnalysisError::NoPreferences);
        }
        let k = cols.len();
        let mut col_of = vec![None; s.parties.len()];
        for (c, &p) in cols.iter().enumerate() {
            col_of[p] = Some(c);
        }
        let n_issues = s.issues.len();
        let level_counts = s.level_counts();
        let mut uf = UnionFind((0..n_issues).collect());
        for &p in &cols {
            let pr = s.prefs(p);
            let conds = pr
                .interactions
                .iter()
                .map(|t| &t.conditions)
                .chain(pr.red_lines.iter().map(|r| &r.conditions));
            for cs in conds {
                for w in cs.windows(2) {
                    uf.union(w[0].issue, w[1].issue);
                }
            }
        }
        let mut root_group = vec![usize::MAX; n_issues];
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut issue_group = vec![0; n_issues];
        for i in 0..n_issues {
            let r = uf.find(i);
            if root_group[r] == usize::MAX {
                root_group[r] = members.len();
                members.push(Vec::new());
            }
            issue_group[i] = root_group[r];
            members[root_group[r]].push(i);
        }
        // Size check before building anything.
        for m in &members {
            #[allow(clippy::cast_precision_loss)]
            let size: f64 = m.iter().map(|&i| level_counts[i] as f64).product();
            #[allow(clippy::cast_precision_loss)]
            if size > MAX_GROUP_OPTIONS as f64 {
                return Err(AnalysisError::GroupTooLarge {
                    issues: m.iter().map(|&i| s.issues[i].id.clone()).collect(),
                    options: size,
                    limit: MAX_GROUP_OPTIONS,
                });
            }
        }
        // Red lines, numbered globally.
        let mut lines = Vec::new();
        let mut lines_of_group: Vec<Vec<usize>> = vec![Vec::new(); members.len()];
        for (c, &p) in cols.iter().enumerate() {
            for (index, r) in s.prefs(p).red_lines.iter().enumerate() {
                let group = r.conditions.first().map_or(0, |c| issue_group[c.issue]);
                lines_of_group[group].push(lines.len());
                lines.push(LineRef {
                    party: p,
                    col: c,
                    index,
                    group,
                });
            }
        }
        let mut groups = Vec::with_capacity(members.len());
        for (g, issues) in members.into_iter().enumerate() {
            let radix: Vec<usize> = issues.iter().map(|&i| level_counts[i]).collect();
            let n: usize = radix.iter().product();
            let mut util = vec![0.0; n * k];
            let mut cross_off = Vec::with_capacity(n + 1);
            let mut cross = Vec::new();
            let mut package: Vec<Level> = vec![0; n_issues];
            // Interactions internal to this group, per column.
            let terms: Vec<Vec<&accord_model::Interaction>> = cols
                .iter()
                .map(|&p| {
                    s.prefs(p)
                        .interactions
                        .iter()
                        .filter(|t| {
                            t.conditions
                                .first()
                                .is_some_and(|c| issue_group[c.issue] == g)
                        })
                        .collect()
                })
                .collect();
            let group_lines = &lines_of_group[g];
            let mut digits = vec![0usize; issues.len()];
            for o in 0..n {
                for (pos, &i) in issues.iter().enumerate() {
                    #[allow(clippy::cast_possible_truncation)]
                    {
                        package[i] = digits[pos] as Level;
                    }
                }
                for (c, &p) in cols.iter().enumerate() {
                    let pr = s.prefs(p);
                    let mut u = 0.0;
                    for &i in &issues {
                        u += pr.contribution(i, package[i]);
                    }
                    for t in &terms[c] {
                        if t.applies(&package) {
                            u += t.value;
                        }
                    }
                    util[o * k + c] = u;
                }
                #[allow(clippy::cast_possible_truncation)]
                cross_off.push(cross.len() as u32);
                for &li in group_lines {
                    let l = &lines[li];
                    if s.prefs(l.party).red_lines[l.index].crossed_by(&package) {
                        #[allow(clippy::cast_possible_truncation)]
                        cross.push(li as u32);
                    }
                }
                // Next option: increment the mixed-radix counter (last issue fastest).
                for pos in (0..issues.len()).rev() {
                    digits[pos] += 1;
                    if digits[pos] < radix[pos] {
                        break;
                    }
                    digits[pos] = 0;
                }
            }
            #[allow(clippy::cast_possible_truncation)]
            cross_off.push(cross.len() as u32);
            groups.push(Group {
                issues,
                radix,
                n,
                util,
                cross_off,
                cross,
            });
        }
        let reservation = cols.iter().map(|&p| s.prefs(p).reservation).collect();
        Ok(Compiled {
            cols,
            col_of,
            level_counts,
            groups,
            issue_group,
            lines,
            reservation,
        })
    }

    /// Number of columns (parties with preferences).
    pub fn k(&self) -> usize {
        self.cols.len()
    }

    /// Number of issues.
    pub fn n_issues(&self) -> usize {
        self.level_counts.len()
    }

    /// The full package selecting option `choice[g]` of every group `g` (the inverse of
    /// [`Compiled::choice_of`]).
    pub fn package_of(&self, choice: &[u32]) -> Vec<Level> {
        let mut package = vec![0; self.n_issues()];
        for (g, &o) in self.groups.iter().zip(choice) {
            g.write(o as usize, &mut package);
        }
        package
    }

    /// The option of every group that a full package selects.
    pub fn choice_of(&self, package: &[Level]) -> Vec<u32> {
        #[allow(clippy::cast_possible_truncation)]
        self.groups
            .iter()
            .map(|g| g.option_of(package) as u32)
            .collect()
    }

    /// Utility of a full package per column, summed over groups.
    pub fn utilities(&self, package: &[Level]) -> Vec<f64> {
        let k = self.k();
        let mut u = vec![0.0; k];
        for g in &self.groups {
            let o = g.option_of(package);
            for (c, x) in u.iter_mut().enumerate() {
                *x += g.util[o * k + c];
            }
        }
        u
    }
}
