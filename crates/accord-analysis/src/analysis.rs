//! The analyser: every question of `accord analyze`, `improve` and `diff`.

use std::cmp::Ordering;
use std::collections::BinaryHeap;

use accord_model::{Draft, EPS_UTILITY, Level, Scenario};

use crate::compile::Compiled;
use crate::count::count_zone;
use crate::error::AnalysisError;
use crate::pareto::{ParetoResult, frontier};
use crate::problem::{Domain, Problem};
use crate::results::{
    Analysis, Blocker, Constraint, Count, CountEstimate, DraftDiff, DraftScore, ImprovedPackage,
    Improvement, IssueChange, Package, Pareto, PartyDelta, PartyScore, PartyUtility,
    PointChangeInfo, PointRef, RedLineHit, RedLineInfluence, ReservationCut, Solution, Solutions,
    SpaceInfo, Zopa,
};
use rayon::prelude::*;

use crate::search::{Objective, Query, Solved, pool, search, solve};

/// Knobs of an analysis. `Options::default()` is what `accord analyze` uses.
#[derive(Debug, Clone)]
pub struct Options {
    /// Parties whose acceptance defines the zone (ids); `None` = the veto parties.
    pub parties: Option<Vec<String>>,
    /// Node budget for counting the zone (spaces of at most [`ENUMERATION_LIMIT`] packages
    /// are always counted exactly).
    pub count_budget: u64,
    /// Node budget of one optimisation.
    pub search_budget: u64,
    /// Node budget of the whole blocker search.
    pub blocker_budget: u64,
    /// Largest blocker set searched (1 to 3 is sensible).
    pub blocker_max_size: usize,
    /// Largest Pareto frontier computed exactly.
    pub pareto_limit: usize,
    /// Frontier points included in the result.
    pub pareto_points: usize,
    /// Number of improvements `improve` returns.
    pub top: usize,
    /// Nodes an optimisation searches with its mirror-descent bounds before it solves the
    /// exact LP dual (a millisecond or so) for tighter ones. Only speed depends on it.
    pub exact_dual_after: u64,
}

/// Spaces up to this many packages are always counted exactly.
pub const ENUMERATION_LIMIT: u128 = 10_000_000;

impl Default for Options {
    fn default() -> Self {
        Options {
            parties: None,
            count_budget: 10_000_000,
            search_budget: crate::search::DEFAULT_BUDGET,
            blocker_budget: 100_000_000,
            blocker_max_size: 3,
            pareto_limit: 1_000_000,
            pareto_points: 50,
            top: 5,
            exact_dual_after: crate::search::EASY_NODES,
        }
    }
}

/// The state of the zone, computed once.
#[derive(Debug, Clone)]
struct ZoneState {
    /// The egalitarian package over the red-line-respecting space (largest smallest gain),
    /// if any package respects every red line.
    egal: Option<Solved>,
    exists: bool,
}

/// An analyser bound to one scenario, compiled once.
///
/// ```
/// # use accord_analysis::{Analyzer, synthetic};
/// let scenario = synthetic::generate(&synthetic::Params { issues: 6, options: 3, ..Default::default() });
/// let an = Analyzer::new(&scenario)?;
/// let zopa = an.zopa();
/// assert_eq!(zopa.exists, zopa.witness.is_some());
/// # Ok::<(), accord_analysis::AnalysisError>(())
/// ```
#[derive(Debug)]
pub struct Analyzer<'a> {
    s: &'a Scenario,
    comp: Compiled,
    /// Columns of the zone parties.
    zone: Vec<usize>,
    opts: Options,
    state: std::sync::OnceLock<ZoneState>,
}

impl<'a> Analyzer<'a> {
    /// Compiles a scenario with default options.
    pub fn new(s: &'a Scenario) -> Result<Self, AnalysisError> {
        Self::with_options(s, Options::default())
    }

    /// Compiles a scenario with the given options.
    pub fn with_options(s: &'a Scenario, opts: Options) -> Result<Self, AnalysisError> {
        let comp = Compiled::new(s)?;
        let known = || {
            comp.cols
                .iter()
                .map(|&p| s.parties[p].id.clone())
                .collect::<Vec<_>>()
        };
        let zone = match &opts.parties {
            Some(ids) => {
                let mut z = Vec::new();
                for id in ids {
                    let col = s
                        .party_index(id)
                        .and_then(|p| comp.col_of[p])
                        .ok_or_else(|| AnalysisError::UnknownParty {
                            id: id.clone(),
                            known: known(),
                        })?;
                    if !z.contains(&col) {
                        z.push(col);
                    }
                }
                z.sort_unstable();
                z
            }
            None => s
                .veto_parties()
                .into_iter()
                .filter_map(|p| comp.col_of[p])
                .collect(),
        };
        Ok(Analyzer {
            s,
            comp,
            zone,
            opts,
            state: std::sync::OnceLock::new(),
        })
    }

    /// Ids of the parties whose acceptance defines the zone.
    pub fn zone_parties(&self) -> Vec<String> {
        self.zone.iter().map(|&c| self.pid(c).to_string()).collect()
    }

    fn pid(&self, col: usize) -> &str {
        &self.s.parties[self.comp.cols[col]].id
    }

    fn k(&self) -> usize {
        self.comp.k()
    }

    fn zone_lines(&self) -> Vec<bool> {
        self.comp
            .lines
            .iter()
            .map(|l| self.zone.contains(&l.col))
            .collect()
    }

    fn zone_lb(&self) -> Vec<Option<f64>> {
        (0..self.k())
            .map(|c| {
                self.zone
                    .contains(&c)
                    .then(|| self.comp.reservation[c] - EPS_UTILITY)
            })
            .collect()
    }

    fn egal_objective(&self, cols: &[usize], t: &[f64]) -> Objective {
        let k = self.k();
        let mut s = vec![0.0; k];
        for &c in cols {
            s[c] = 1.0;
        }
        Objective::MaxMin { s, t: t.to_vec() }
    }

    fn query<'q>(&self, objective: &'q Objective, lb: &'q [Option<f64>]) -> Query<'q> {
        let mut q = Query::new(objective, lb);
        q.budget = self.opts.search_budget;
        q.easy_nodes = self.opts.exact_dual_after;
        q
    }

    fn utilities(&self, package: &[Level], baseline: Option<&[f64]>) -> Vec<PartyUtility> {
        let u = self.comp.utilities(package);
        self.comp
            .cols
            .iter()
            .enumerate()
            .map(|(c, &p)| {
                let pr = self.s.prefs(p);
                let base = baseline.map_or(pr.reservation, |b| b[c]);
                PartyUtility {
                    party: self.s.parties[p].id.clone(),
                    utility: u[c],
                    gain: u[c] - base,
                    acceptable: pr.first_red_line_crossed(package).is_none()
                        && u[c] >= pr.reservation - EPS_UTILITY,
                }
            })
            .collect()
    }

    fn solution(&self, sol: &Solved, note: Option<String>) -> Solution {
        Solution {
            package: Package::new(self.s, &sol.package),
            utilities: self.utilities(&sol.package, None),
            objective: sol.value,
            lowest: sol.lowest,
            note: match (sol.complete, note) {
                (false, n) => Some(format!(
                    "search budget ran out: the package is the best found, not proven optimal{}",
                    n.map_or(String::new(), |n| format!("; {n}"))
                )),
                (true, n) => n,
            },
            red_lines_crossed: Vec::new(),
        }
    }

    fn state(&self) -> &ZoneState {
        self.state.get_or_init(|| {
            let p = Problem::new(
                &self.comp,
                &self.zone_lines(),
                &Domain::full(self.comp.n_issues()),
            );
            let obj = self.egal_objective(&self.zone, &self.comp.reservation);
            let lb = vec![None; self.k()];
            let egal = solve(&self.comp, &p, &self.query(&obj, &lb));
            let exists =
                egal.as_ref().is_some_and(|e| e.value >= -EPS_UTILITY) && !self.zone.is_empty();
            ZoneState { egal, exists }
        })
    }

    /// Size of the outcome space and of its compiled form.
    pub fn space(&self) -> SpaceInfo {
        SpaceInfo {
            issues: self.s.issues.len(),
            packages: match self.s.space_size_exact() {
                Some(n) => Count::Exact(n),
                None => Count::Approx(self.s.space_size()),
            },
            packages_log10: self.s.space_size().log10(),
            groups: self.comp.groups.len(),
            largest_group: self.comp.groups.iter().map(|g| g.n).max().unwrap_or(0),
        }
    }

    // ------------------------------------------------------------------ drafts

    /// Scores of every draft for every party with preferences.
    pub fn drafts(&self) -> Vec<DraftScore> {
        self.s.drafts.iter().map(|d| self.score_draft(d)).collect()
    }

    fn score_draft(&self, d: &Draft) -> DraftScore {
        let k = self.k();
        let domain = Domain::from_partial(&d.package, &self.comp.level_counts);
        let none = vec![false; self.comp.lines.len()];
        let all = Problem::new(&self.comp, &none, &domain);
        let mut lo = vec![0.0; k];
        let mut hi = vec![0.0; k];
        for g in &all.groups {
            let m = g.opts.len();
            for c in 0..k {
                lo[c] += (0..m).map(|i| g.u[i * k + c]).fold(f64::INFINITY, f64::min);
                hi[c] += (0..m)
                    .map(|i| g.u[i * k + c])
                    .fold(f64::NEG_INFINITY, f64::max);
            }
        }
        let scores = self
            .comp
            .cols
            .iter()
            .enumerate()
            .map(|(c, &p)| {
                let pr = self.s.prefs(p);
                let mut crossed = Vec::new();
                let mut possible = Vec::new();
                for r in &pr.red_lines {
                    let mut all_hold = true;
                    let mut can = true;
                    for cond in &r.conditions {
                        match d.package[cond.issue] {
                            Some(l) => {
                                if !cond.levels.contains(l) {
                                    all_hold = false;
                                    can = false;
                                }
                            }
                            None => {
                                all_hold = false;
                                if cond.levels.count() == 0 {
                                    can = false;
                                }
                            }
                        }
                    }
                    let hit = || RedLineHit {
                        id: r.id.clone(),
                        description: r.description.clone(),
                        issues: r
                            .conditions
                            .iter()
                            .map(|c| self.s.issues[c.issue].id.clone())
                            .collect(),
                        points: d
                            .points
                            .iter()
                            .filter(|pt| {
                                pt.settles
                                    .iter()
                                    .any(|(i, _)| r.conditions.iter().any(|c| c.issue == *i))
                            })
                            .map(|pt| pt.n)
                            .collect(),
                    };
                    if all_hold {
                        crossed.push(hit());
                    } else if can {
                        possible.push(hit());
                    }
                }
                // Best utility over completions crossing none of p's red lines.
                let mut own = vec![false; self.comp.lines.len()];
                for (li, l) in self.comp.lines.iter().enumerate() {
                    own[li] = l.col == c;
                }
                let safe = Problem::new(&self.comp, &own, &domain);
                let safe_max: Option<f64> = safe.feasible().then(|| {
                    safe.groups
                        .iter()
                        .map(|g| {
                            (0..g.opts.len())
                                .map(|i| g.u[i * k + c])
                                .fold(f64::NEG_INFINITY, f64::max)
                        })
                        .sum()
                });
                let r = pr.reservation;
                let status = if !crossed.is_empty() || safe_max.is_none_or(|m| m < r - EPS_UTILITY)
                {
                    "no"
                } else if possible.is_empty() && lo[c] >= r - EPS_UTILITY {
                    "yes"
                } else {
                    "depends"
                };
                PartyScore {
                    party: self.s.parties[p].id.clone(),
                    veto: self.zone.contains(&c),
                    utility_min: lo[c],
                    utility_max: hi[c],
                    reservation: r,
                    margin: [lo[c] - r, hi[c] - r],
                    acceptable: match status {
                        "yes" => Some(true),
                        "no" => Some(false),
                        _ => None,
                    },
                    acceptable_status: status,
                    red_lines_crossed: crossed,
                    red_lines_possible: possible,
                }
            })
            .collect();
        let open: Vec<usize> = d.open_issues().collect();
        let completions = open
            .iter()
            .try_fold(1u128, |a, &i| {
                a.checked_mul(self.comp.level_counts[i] as u128)
            })
            .map_or_else(
                || {
                    #[allow(clippy::cast_precision_loss)]
                    Count::Approx(
                        open.iter()
                            .map(|&i| self.comp.level_counts[i] as f64)
                            .product(),
                    )
                },
                Count::Exact,
            );
        DraftScore {
            id: d.id.clone(),
            title: d.title.clone(),
            status: d.status.as_str().to_string(),
            complete: d.is_complete(),
            open_issues: open.iter().map(|&i| self.s.issues[i].id.clone()).collect(),
            completions,
            scores,
        }
    }

    // ------------------------------------------------------------------ zone

    /// The zone of possible agreement: existence, witness, size.
    pub fn zopa(&self) -> Zopa {
        let st = self.state();
        let space = self.space().packages;
        let lines = self.zone_lines();
        let p = Problem::new(&self.comp, &lines, &Domain::full(self.comp.n_issues()));
        let lb = self.zone_lb();
        let mut estimate = None;
        let (count, count_bounds, count_exact, nodes, fraction) = if st.exists {
            let (c, mut b, exact, nodes, est) = self.count(&p, &lb);
            // The witness is in the zone: at least one package, even when no subtree was
            // settled inside within the budget.
            if let Some([lo, _]) = &mut b
                && lo.as_f64() < 1.0
            {
                *lo = match lo {
                    Count::Exact(_) => Count::Exact(1),
                    Count::Approx(_) => Count::Approx(1.0),
                };
            }
            if let (Some([e, lo, hi]), Some([l, u])) = (est, b) {
                let (l, u) = (l.as_f64(), u.as_f64());
                estimate = Some(CountEstimate {
                    value: e.clamp(l, u),
                    ci95: [lo.clamp(l, u), hi.clamp(l, u)],
                    samples: crate::count::SAMPLES,
                    method: "sampling",
                });
            }
            let frac = match (&c, &b) {
                (Some(c), _) => c.as_f64() / space.as_f64(),
                (None, Some([l, u])) => 0.5 * (l.as_f64() + u.as_f64()) / space.as_f64(),
                _ => 0.0,
            };
            (c, b, exact, nodes, frac)
        } else {
            (Some(Count::Exact(0)), None, true, 0, 0.0)
        };
        let (closest, closest_rl) = if st.exists {
            (None, None)
        } else if let Some(e) = &st.egal {
            (Some(self.solution(e, None)), Some(true))
        } else {
            // Red lines alone exclude every package: drop them.
            let none = vec![false; self.comp.lines.len()];
            let p = Problem::new(&self.comp, &none, &Domain::full(self.comp.n_issues()));
            let obj = self.egal_objective(&self.zone, &self.comp.reservation);
            let lbn = vec![None; self.k()];
            let e = solve(&self.comp, &p, &self.query(&obj, &lbn));
            (e.map(|e| self.solution(&e, None)), Some(false))
        };
        Zopa {
            parties: self.zone_parties(),
            exists: st.exists,
            witness: if st.exists {
                st.egal.as_ref().map(|e| Package::new(self.s, &e.package))
            } else {
                None
            },
            count,
            count_bounds,
            count_exact,
            count_estimate: estimate,
            space,
            fraction,
            count_nodes: nodes,
            closest,
            closest_respects_red_lines: closest_rl,
        }
    }

    /// Counts the packages of `p` meeting `lb`: (count, bounds, exact, nodes).
    #[allow(clippy::type_complexity)]
    fn count(
        &self,
        p: &Problem,
        lb: &[Option<f64>],
    ) -> (
        Option<Count>,
        Option<[Count; 2]>,
        bool,
        u64,
        Option<[f64; 3]>,
    ) {
        let obj = self.egal_objective(&self.zone, &self.comp.reservation);
        let none = vec![None; self.k()];
        let q = Query::new(&obj, &none);
        let lins = pool(p, &q);
        let small = p.size().is_some_and(|n| n <= ENUMERATION_LIMIT);
        let budget = if small {
            u64::MAX
        } else {
            self.opts.count_budget
        };
        let r = count_zone(p, lb, &lins, -EPS_UTILITY, budget);
        let exact = r.unresolved <= 0.0;
        let mk = |e: Option<u128>, f: f64| e.map_or(Count::Approx(f), Count::Exact);
        if exact {
            (
                Some(mk(r.inside_exact, r.inside)),
                None,
                true,
                r.nodes,
                None,
            )
        } else {
            let lo = mk(r.inside_exact, r.inside);
            let hi = mk(
                r.inside_exact
                    .zip(r.unresolved_exact)
                    .map(|(a, b)| a.saturating_add(b)),
                r.inside + r.unresolved,
            );
            (None, Some([lo, hi]), false, r.nodes, r.estimate)
        }
    }

    // ------------------------------------------------------------------ solutions

    /// Whether the zone of possible agreement is non-empty (no counting, no solutions:
    /// the cheap question, for callers that ask it many times).
    pub fn zone_exists(&self) -> bool {
        self.state().exists
    }

    /// The Nash package alone (`None` when the zone is empty); the same answer as
    /// `solutions().nash` without computing the other solutions.
    pub fn nash(&self) -> Option<Solution> {
        let st = self.state();
        let egal = st.egal.as_ref().filter(|_| st.exists)?;
        let p = Problem::new(
            &self.comp,
            &self.zone_lines(),
            &Domain::full(self.comp.n_issues()),
        );
        self.nash_over(egal, &p, &self.zone_lb())
    }

    /// Nash over the zone `p`, starting from the egalitarian package.
    fn nash_over(&self, egal: &Solved, p: &Problem, lb: &[Option<f64>]) -> Option<Solution> {
        let r = &self.comp.reservation;
        let mut on = vec![false; self.k()];
        for &c in &self.zone {
            on[c] = true;
        }
        if egal.value > 0.0 {
            let obj = Objective::Nash { t: r.clone(), on };
            let mut q = self.query(&obj, lb);
            q.nash_start = Some(&egal.u);
            solve(&self.comp, p, &q).map(|s| {
                let mut sol = self.solution(&s, None);
                sol.objective = s.value.exp();
                sol
            })
        } else {
            let mut sol = self.solution(egal, Some("every package in the zone leaves some party exactly at its reservation, so the Nash product is 0 everywhere; this is the egalitarian package".into()));
            sol.objective = 0.0;
            Some(sol)
        }
    }

    /// Nash, Kalai-Smorodinsky, utilitarian (plain and capability-weighted) and
    /// egalitarian packages over the zone; when the zone is empty, over the packages that
    /// meet every zone party's reservation with the red lines set aside (`scope` says
    /// which).
    pub fn solutions(&self) -> Solutions {
        let st = self.state();
        let parties = self.zone_parties();
        let empty = |note: &str| Solutions {
            parties: parties.clone(),
            scope: "none",
            nash: None,
            kalai_smorodinsky: None,
            utilitarian: None,
            utilitarian_weighted: None,
            egalitarian: None,
            ideal: Vec::new(),
            note: Some(note.to_string()),
        };
        if st.exists {
            let Some(egal) = &st.egal else {
                return empty("the zone is empty");
            };
            return self.solutions_over(&self.zone_lines(), egal, "zone", None);
        }
        if self.zone.is_empty() {
            return empty("no zone party has preferences");
        }
        // The zone is empty. If the reservations alone can all be met, the same solutions
        // over the packages that meet them, red lines set aside: where a deal would lie if
        // the red lines were negotiable (each package lists the ones it crosses).
        let none = vec![false; self.comp.lines.len()];
        let p = Problem::new(&self.comp, &none, &Domain::full(self.comp.n_issues()));
        let obj = self.egal_objective(&self.zone, &self.comp.reservation);
        // First the feasibility question (a threshold prunes far more than an optimum
        // with nothing to beat), then the egalitarian package from its witness.
        let free = vec![None; self.k()];
        let mut q = self.query(&obj, &free);
        q.threshold = -EPS_UTILITY;
        q.stop_at_first = true;
        let witness = search(&p, &q).1.best.map(|f| f.choice);
        let egal = witness.and_then(|w| {
            let lb = self.zone_lb();
            let mut q = self.query(&obj, &lb);
            q.start = Some(&w);
            solve(&self.comp, &p, &q)
        });
        match egal {
            Some(egal) if egal.value >= -EPS_UTILITY => self.solutions_over(
                &none,
                &egal,
                "red_lines_set_aside",
                Some("the zone is empty: no package is acceptable to every zone party. These solutions are over the packages that meet every zone party's reservation with the red lines set aside; each lists the red lines it crosses (see also `blockers`)".into()),
            ),
            _ => empty(
                "the zone is empty, and no package meets every zone party's reservation even with the red lines set aside (see `zopa.closest` and `blockers`)",
            ),
        }
    }

    /// The zone parties' red lines a package crosses.
    fn lines_crossed(&self, package: &[Level]) -> Vec<Constraint> {
        self.comp
            .lines
            .iter()
            .enumerate()
            .filter(|(_, l)| self.zone.contains(&l.col))
            .filter(|(_, l)| self.s.prefs(l.party).red_lines[l.index].crossed_by(package))
            .map(|(li, _)| self.describe(Con::Line(li)))
            .collect()
    }

    /// The solutions over the packages crossing none of `lines` and meeting every zone
    /// party's reservation, from their egalitarian package `egal`.
    fn solutions_over(
        &self,
        lines: &[bool],
        egal: &Solved,
        scope: &'static str,
        note: Option<String>,
    ) -> Solutions {
        let k = self.k();
        let parties = self.zone_parties();
        let p = Problem::new(&self.comp, lines, &Domain::full(self.comp.n_issues()));
        let lb = self.zone_lb();
        let r = &self.comp.reservation;
        // Every search starts from the egalitarian package: it is in the zone, so each has
        // an incumbent from the first node.
        let start = self.comp.choice_of(&egal.package);
        let solve_from = |obj: &Objective| {
            let mut q = self.query(obj, &lb);
            q.start = Some(&start);
            solve(&self.comp, &p, &q)
        };
        // Ideal point: each zone party's best utility inside the zone.
        let ideal_sols: Vec<Option<Solved>> = self
            .zone
            .par_iter()
            .map(|&c| {
                let mut a = vec![0.0; k];
                a[c] = 1.0;
                solve_from(&Objective::Linear(a))
            })
            .collect();
        let mut ideal = vec![0.0; k];
        let mut ideal_out = Vec::new();
        for (&c, sol) in self.zone.iter().zip(&ideal_sols) {
            if let Some(sol) = sol {
                ideal[c] = sol.value;
                ideal_out.push(PartyUtility {
                    party: self.pid(c).to_string(),
                    utility: sol.value,
                    gain: sol.value - r[c],
                    acceptable: true,
                });
            }
        }
        // Kalai-Smorodinsky scales gains by the ideal point.
        let mut s = vec![0.0; k];
        for &c in &self.zone {
            let range = ideal[c] - r[c];
            if range > EPS_UTILITY {
                s[c] = 1.0 / range;
            }
        }
        let mut a = vec![0.0; k];
        let mut aw = vec![0.0; k];
        for &c in &self.zone {
            a[c] = 1.0;
            aw[c] = self.s.parties[self.comp.cols[c]].capability;
        }
        let ((nash, ks), (util, utilw)) = rayon::join(
            || {
                rayon::join(
                    || self.nash_over(egal, &p, &lb),
                    || {
                        if s.iter().all(|&x| x <= 0.0) {
                            Some(self.solution(egal, Some("no zone party can gain over its reservation inside the zone; this is the egalitarian package".into())))
                        } else {
                            let obj = Objective::MaxMin {
                                s: s.clone(),
                                t: r.clone(),
                            };
                            solve_from(&obj).map(|s| self.solution(&s, None))
                        }
                    },
                )
            },
            || {
                rayon::join(
                    || solve_from(&Objective::Linear(a.clone())).map(|s| self.solution(&s, None)),
                    || solve_from(&Objective::Linear(aw.clone())).map(|s| self.solution(&s, None)),
                )
            },
        );
        let mut out = Solutions {
            parties,
            scope,
            nash,
            kalai_smorodinsky: ks,
            utilitarian: util,
            utilitarian_weighted: utilw,
            egalitarian: Some(self.solution(egal, None)),
            ideal: ideal_out,
            note,
        };
        if scope != "zone" {
            for s in [
                &mut out.nash,
                &mut out.kalai_smorodinsky,
                &mut out.utilitarian,
                &mut out.utilitarian_weighted,
                &mut out.egalitarian,
            ]
            .into_iter()
            .flatten()
            {
                s.red_lines_crossed = self.lines_crossed(s.package.levels());
            }
        }
        out
    }

    // ------------------------------------------------------------------ blockers

    /// Every constraint of the zone: each zone party's red lines, then its reservation.
    pub fn constraints(&self) -> Vec<Constraint> {
        self.constraint_list()
            .into_iter()
            .map(|c| self.describe(c))
            .collect()
    }

    fn constraint_list(&self) -> Vec<Con> {
        let mut out = Vec::new();
        for &c in &self.zone {
            for (li, l) in self.comp.lines.iter().enumerate() {
                if l.col == c {
                    out.push(Con::Line(li));
                }
            }
            out.push(Con::Reservation(c));
        }
        out
    }

    fn describe(&self, c: Con) -> Constraint {
        match c {
            Con::Line(li) => {
                let l = &self.comp.lines[li];
                let r = &self.s.prefs(l.party).red_lines[l.index];
                Constraint {
                    kind: "red_line",
                    party: self.s.parties[l.party].id.clone(),
                    id: r.id.clone(),
                    description: r.description.clone(),
                }
            }
            Con::Reservation(col) => Constraint {
                kind: "reservation",
                party: self.pid(col).to_string(),
                id: "reservation".into(),
                description: format!("utility at least {:.3}", self.comp.reservation[col]),
            },
        }
    }

    /// Whether relaxing `set` opens the zone, with a package that opens it (option per
    /// compiled group), and the nodes searched.
    fn opens(&self, set: &[Con], budget: u64) -> (Opens, u64) {
        let mut lines = self.zone_lines();
        let mut res: Vec<usize> = self.zone.clone();
        for &c in set {
            match c {
                Con::Line(li) => lines[li] = false,
                Con::Reservation(col) => res.retain(|&x| x != col),
            }
        }
        let p = Problem::new(&self.comp, &lines, &Domain::full(self.comp.n_issues()));
        if !p.feasible() {
            return (Opens::No, 0);
        }
        if res.is_empty() {
            let any = p.groups.iter().map(|g| g.opts[0]).collect();
            return (Opens::Yes(any), 0);
        }
        let obj = self.egal_objective(&res, &self.comp.reservation);
        let lb = vec![None; self.k()];
        let mut q = self.query(&obj, &lb);
        q.threshold = -EPS_UTILITY;
        q.stop_at_first = true;
        q.budget = budget;
        let (_, out) = search(&p, &q);
        match out.best {
            Some(f) => (Opens::Yes(f.choice), out.nodes),
            None if out.complete => (Opens::No, out.nodes),
            None => (Opens::Unknown, out.nodes),
        }
    }

    /// The package opening the zone once `set` is relaxed that maximises the smallest gain,
    /// searched from `witness` (a package known to open it).
    fn opening(&self, set: &[Con], witness: &[u32]) -> Option<Solved> {
        let mut lines = self.zone_lines();
        let mut lb = self.zone_lb();
        for &c in set {
            match c {
                Con::Line(li) => lines[li] = false,
                Con::Reservation(col) => lb[col] = None,
            }
        }
        let p = Problem::new(&self.comp, &lines, &Domain::full(self.comp.n_issues()));
        let obj = self.egal_objective(&self.zone, &self.comp.reservation);
        let mut q = self.query(&obj, &lb);
        q.start = Some(witness);
        solve(&self.comp, &p, &q)
    }

    /// When the zone is empty: every minimal set of up to `blocker_max_size` constraints
    /// whose relaxation opens it, ranked by size, then cost, then larger worst gain.
    /// The flag is false when the search budget ran out before every set was checked.
    pub fn blockers(&self) -> (Vec<Blocker>, bool) {
        if self.state().exists || self.zone.is_empty() {
            return (Vec::new(), true);
        }
        let cons = self.constraint_list();
        let mut found: Vec<Vec<usize>> = Vec::new();
        let mut witnesses: Vec<Vec<u32>> = Vec::new();
        let mut complete = true;
        let mut spent: u64 = 0;
        let max = self.opts.blocker_max_size.min(cons.len());
        for size in 1..=max {
            // The subsets of this size that are not supersets of a set already found; they
            // are checked in parallel (each check is deterministic, so the result does not
            // depend on the number of threads).
            let candidates: Vec<Vec<usize>> = combinations(cons.len(), size)
                .filter(|idx| !found.iter().any(|f| f.iter().all(|x| idx.contains(x))))
                .collect();
            let left = self.opts.blocker_budget.saturating_sub(spent);
            if left == 0 {
                complete = complete && candidates.is_empty();
                break;
            }
            let per_check = left.min(self.opts.search_budget);
            let results: Vec<(Opens, u64)> = candidates
                .par_iter()
                .map(|idx| {
                    let set: Vec<Con> = idx.iter().map(|&i| cons[i]).collect();
                    self.opens(&set, per_check)
                })
                .collect();
            for (idx, (o, nodes)) in candidates.into_iter().zip(results) {
                spent = spent.saturating_add(nodes);
                match o {
                    Opens::Yes(w) => {
                        found.push(idx);
                        witnesses.push(w);
                    }
                    Opens::No => {}
                    Opens::Unknown => complete = false,
                }
            }
            if spent > self.opts.blocker_budget {
                complete = false;
                break;
            }
        }
        // Each set's best opening package, in parallel (each search is deterministic). The
        // witness found above opens the zone too, so no set is ever dropped: if the search
        // does not finish, the best package found is reported with `proven: false`.
        let mut out: Vec<Blocker> = found
            .par_iter()
            .zip(witnesses.par_iter())
            .map(|(f, w)| {
                let set: Vec<Con> = f.iter().map(|&i| cons[i]).collect();
                let (package, proven) = match self.opening(&set, w) {
                    Some(sol) => (sol.package, sol.complete),
                    None => (self.comp.package_of(w), false),
                };
                let u = self.comp.utilities(&package);
                let worst = self
                    .zone
                    .iter()
                    .map(|&c| u[c] - self.comp.reservation[c])
                    .fold(f64::INFINITY, f64::min);
                Blocker {
                    constraints: set.iter().map(|&c| self.describe(c)).collect(),
                    size: set.len(),
                    cost: (-worst).max(0.0),
                    worst_gain: worst,
                    proven,
                    package: Package::new(self.s, &package),
                    utilities: self.utilities(&package, None),
                }
            })
            .collect();
        out.sort_by(|a, b| {
            a.size
                .cmp(&b.size)
                .then(a.cost.total_cmp(&b.cost))
                .then(b.worst_gain.total_cmp(&a.worst_gain))
        });
        (out, complete)
    }

    /// When the zone is empty: for each zone party, the smallest cut of its reservation
    /// that alone opens the zone.
    pub fn reservation_cuts(&self) -> Vec<ReservationCut> {
        if self.state().exists {
            return Vec::new();
        }
        let k = self.k();
        self.zone
            .iter()
            .map(|&c| {
                let mut lb = self.zone_lb();
                lb[c] = None;
                let mut a = vec![0.0; k];
                a[c] = 1.0;
                let obj = Objective::Linear(a);
                let r = self.comp.reservation[c];
                let lines = self.zone_lines();
                let p = Problem::new(&self.comp, &lines, &Domain::full(self.comp.n_issues()));
                let keep = solve(&self.comp, &p, &self.query(&obj, &lb));
                let mut lines2 = lines.clone();
                for (li, l) in self.comp.lines.iter().enumerate() {
                    if l.col == c {
                        lines2[li] = false;
                    }
                }
                let p2 = Problem::new(&self.comp, &lines2, &Domain::full(self.comp.n_issues()));
                let drop = solve(&self.comp, &p2, &self.query(&obj, &lb));
                ReservationCut {
                    party: self.pid(c).to_string(),
                    reservation: r,
                    cut: keep.as_ref().map(|s| (r - s.value).max(0.0)),
                    package: keep.as_ref().map(|s| Package::new(self.s, &s.package)),
                    cut_without_red_lines: drop.map(|s| (r - s.value).max(0.0)),
                }
            })
            .collect()
    }

    /// When the zone is not empty: for each red line of a zone party, whether it binds
    /// and how much the zone would grow without it.
    pub fn red_line_influence(
        &self,
        base_count: Option<Count>,
        base_nodes: u64,
    ) -> Vec<RedLineInfluence> {
        let st = self.state();
        if !st.exists {
            return Vec::new();
        }
        let k = self.k();
        let lb = self.zone_lb();
        let lines = self.zone_lines();
        let zone_lines: Vec<usize> = (0..lines.len()).filter(|&l| lines[l]).collect();
        let mut on = vec![false; k];
        for &c in &self.zone {
            on[c] = true;
        }
        let nash_obj = Objective::Nash {
            t: self.comp.reservation.clone(),
            on,
        };
        let nash_value = |p: &Problem, start: &[f64]| -> Option<f64> {
            let mut q = self.query(&nash_obj, &lb);
            q.nash_start = Some(start);
            let (_, out) = search(p, &q);
            out.best.map(|b| b.value.exp())
        };
        let egal = st.egal.as_ref();
        let base_nash = egal.filter(|e| e.value > 0.0).and_then(|e| {
            let p = Problem::new(&self.comp, &lines, &Domain::full(self.comp.n_issues()));
            nash_value(&p, &e.u)
        });
        let can_count = base_count.is_some_and(|c| matches!(c, Count::Exact(_)))
            && base_nodes.saturating_mul(zone_lines.len().max(1) as u64 * 2)
                <= self.opts.count_budget;
        zone_lines
            .iter()
            .map(|&li| {
                let mut l2 = lines.clone();
                l2[li] = false;
                let p = Problem::new(&self.comp, &l2, &Domain::full(self.comp.n_issues()));
                // Binding: some zone package of the relaxed problem crosses the line.
                let mut pc = p.clone();
                let g = self.comp.lines[li].group;
                let grp = &self.comp.groups[g];
                let keep: Vec<usize> = (0..pc.groups[g].opts.len())
                    .filter(|&i| {
                        #[allow(clippy::cast_possible_truncation)]
                        grp.crossed(pc.groups[g].opts[i] as usize)
                            .contains(&(li as u32))
                    })
                    .collect();
                pc.groups[g].opts = keep.iter().map(|&i| pc.groups[g].opts[i]).collect();
                pc.groups[g].u = keep
                    .iter()
                    .flat_map(|&i| p.groups[g].row(i, k).to_vec())
                    .collect();
                let obj = self.egal_objective(&self.zone, &self.comp.reservation);
                let none = vec![None; k];
                let mut q = self.query(&obj, &none);
                q.threshold = -EPS_UTILITY;
                q.stop_at_first = true;
                let binding = search(&pc, &q).1.best.is_some();
                let count_gain = if binding && can_count {
                    let (c, _, exact, _, _) = self.count(&p, &lb);
                    match (c, base_count) {
                        (Some(Count::Exact(a)), Some(Count::Exact(b))) if exact => {
                            Some(Count::Exact(a.saturating_sub(b)))
                        }
                        _ => None,
                    }
                } else if !binding {
                    Some(Count::Exact(0))
                } else {
                    None
                };
                let nash_gain = if !binding {
                    Some(0.0)
                } else {
                    match (base_nash, egal) {
                        (Some(b), Some(e)) => nash_value(&p, &e.u).map(|v| (v - b).max(0.0)),
                        _ => None,
                    }
                };
                RedLineInfluence {
                    constraint: self.describe(Con::Line(li)),
                    count_gain,
                    nash_gain,
                    binding,
                }
            })
            .collect()
    }

    // ------------------------------------------------------------------ pareto

    /// The Pareto frontier over the zone parties, over the whole space and in the zone.
    pub fn pareto(&self) -> Pareto {
        self.pareto_for(&self.zone)
    }

    /// The Pareto frontier over chosen parties (ids; parties with preferences).
    pub fn pareto_over(&self, parties: &[String]) -> Result<Pareto, AnalysisError> {
        let mut cols = Vec::new();
        for id in parties {
            let c = self
                .s
                .party_index(id)
                .and_then(|p| self.comp.col_of[p])
                .ok_or_else(|| AnalysisError::UnknownParty {
                    id: id.clone(),
                    known: self
                        .comp
                        .cols
                        .iter()
                        .map(|&p| self.s.parties[p].id.clone())
                        .collect(),
                })?;
            cols.push(c);
        }
        Ok(self.pareto_for(&cols))
    }

    fn pareto_for(&self, cols: &[usize]) -> Pareto {
        let none = vec![false; self.comp.lines.len()];
        let whole = Problem::new(&self.comp, &none, &Domain::full(self.comp.n_issues()));
        let mut w = frontier(&whole, cols, None, self.opts.pareto_limit, usize::MAX);
        // Read off the whole frontier before it is cut to the points reported: the largest
        // welfare and the GENIUS-style Nash point (argmax over the frontier of the product of
        // gains over reservations, negative factors allowed, as in GENIUS's analysis).
        let r = &self.comp.reservation;
        let (max_welfare, nash_frontier) = if w.exact && !w.points.is_empty() {
            let welfare = w
                .points
                .iter()
                .map(|u| u.iter().sum::<f64>())
                .fold(f64::NEG_INFINITY, f64::max);
            let product =
                |u: &Vec<f64>| cols.iter().zip(u).map(|(&c, x)| x - r[c]).product::<f64>();
            let nash = w
                .points
                .iter()
                .max_by(|a, b| product(a).total_cmp(&product(b)))
                .cloned();
            (Some(welfare), nash)
        } else {
            (None, None)
        };
        w.points.truncate(self.opts.pareto_points);
        let lines = self.zone_lines();
        let zp = Problem::new(&self.comp, &lines, &Domain::full(self.comp.n_issues()));
        // Within the zone only the zone parties' reservations apply.
        let lb: Vec<Option<f64>> = self.zone_lb();
        let z = frontier(
            &zp,
            cols,
            Some(&lb),
            self.opts.pareto_limit,
            self.opts.pareto_points,
        );
        let kind = if matches!(w, ParetoResult { exact: false, .. })
            || matches!(z, ParetoResult { exact: false, .. })
        {
            "sample"
        } else {
            "exact"
        };
        Pareto {
            parties: cols.iter().map(|&c| self.pid(c).to_string()).collect(),
            size: w.exact.then_some(w.size),
            zone_size: z.exact.then_some(z.size),
            size_lower_bound: (!w.exact).then_some(w.size),
            zone_size_lower_bound: (!z.exact).then_some(z.size),
            points: w.points,
            zone_points: z.points,
            points_kind: kind,
            max_welfare,
            nash_frontier,
        }
    }

    // ------------------------------------------------------------------ all

    /// Everything `accord analyze` reports.
    pub fn analyze(&self) -> Analysis {
        let drafts = self.drafts();
        let zopa = self.zopa();
        let (blockers, blockers_complete) = self.blockers();
        let reservation_cuts = self.reservation_cuts();
        let red_line_influence = self.red_line_influence(zopa.count, zopa.count_nodes);
        let solutions = self.solutions();
        let pareto = self.pareto();
        let verdict = self.verdict(&zopa, &blockers, blockers_complete);
        Analysis {
            scenario: self.s.doc.scenario.id.clone(),
            verdict,
            space: self.space(),
            drafts,
            zopa,
            blockers,
            blockers_complete,
            reservation_cuts,
            red_line_influence,
            solutions,
            pareto,
        }
    }

    fn verdict(&self, z: &Zopa, blockers: &[Blocker], complete: bool) -> String {
        let who = z.parties.join(", ");
        if z.parties.is_empty() {
            return "No party has a veto with preferences, so every package is a possible deal."
                .into();
        }
        if z.exists {
            let n = match (&z.count, &z.count_bounds) {
                (Some(c), _) => format!("{} packages", fmt_count(*c)),
                (None, Some([l, u])) => {
                    format!("between {} and {} packages", fmt_count(*l), fmt_count(*u))
                }
                _ => "some packages".into(),
            };
            return format!(
                "A deal exists: {n} ({}) of {} are acceptable to every party with a veto ({who}).",
                fmt_share(z.fraction),
                fmt_count(z.space)
            );
        }
        let rl_only = blockers
            .iter()
            .filter(|b| b.cost <= 0.0)
            .min_by_key(|b| b.size);
        match blockers.first() {
            None => format!(
                "No deal is possible under current red lines and reservations, and relaxing any {} constraints would not open one{}.",
                self.opts.blocker_max_size,
                if complete {
                    ""
                } else {
                    " (as far as the search budget allowed)"
                }
            ),
            Some(b) => {
                let smallest: Vec<&Blocker> =
                    blockers.iter().filter(|x| x.size == b.size).collect();
                let list = smallest
                    .iter()
                    .take(3)
                    .map(|x| describe_set(&x.constraints))
                    .collect::<Vec<_>>()
                    .join(", or ");
                let more = if smallest.len() > 3 {
                    format!(", or {} other set(s) of {}", smallest.len() - 3, b.size)
                } else {
                    String::new()
                };
                let rl = match rl_only {
                    Some(x) if x.size > b.size => format!(
                        " Without cutting any reservation it takes {} red lines.",
                        x.size
                    ),
                    _ => String::new(),
                };
                format!(
                    "No deal is possible under current red lines: blocked by {list}{more} (relaxing {} opens a zone).{rl}",
                    if b.size == 1 {
                        "this one constraint"
                    } else {
                        "all of one set"
                    }
                )
            }
        }
    }

    // ------------------------------------------------------------------ improve

    /// Packages that leave every zone party at least as well off as the draft (its
    /// utility, or its worst case over open issues for an incomplete draft), one strictly
    /// better, and cross no zone party's red line.
    pub fn improve(&self, draft: &str) -> Result<Improvement, AnalysisError> {
        let di = self.draft_index(draft)?;
        let d = &self.s.drafts[di];
        let score = self.score_draft(d);
        let k = self.k();
        let mut base = self.comp.reservation.clone();
        for (c, ps) in score.scores.iter().enumerate() {
            base[c] = ps.utility_min;
        }
        let baseline: Vec<PartyUtility> = self
            .zone
            .iter()
            .map(|&c| {
                let ps = &score.scores[c];
                PartyUtility {
                    party: ps.party.clone(),
                    utility: base[c],
                    gain: base[c] - ps.reservation,
                    acceptable: ps.acceptable == Some(true),
                }
            })
            .collect();
        let lines = self.zone_lines();
        let lb: Vec<Option<f64>> = (0..k)
            .map(|c| self.zone.contains(&c).then(|| base[c] - EPS_UTILITY))
            .collect();
        let obj = self.egal_objective(&self.zone, &base);
        let improves = |u: &[f64]| self.zone.iter().any(|&c| u[c] > base[c] + EPS_UTILITY);
        let mk = |sol: &Solved| ImprovedPackage {
            package: Package::new(self.s, &sol.package),
            min_gain: sol.value,
            utilities: self.utilities(&sol.package, Some(&base)),
            changes: self.changes(&d.package, &sol.package),
        };
        // Lawler's k-best partitioning over issue order.
        let n = self.comp.n_issues();
        let solve_in = |dom: &Domain| -> Option<Solved> {
            let p = Problem::new(&self.comp, &lines, dom);
            solve(&self.comp, &p, &self.query(&obj, &lb))
        };
        let mut heap: BinaryHeap<Cand> = BinaryHeap::new();
        if let Some(s) = solve_in(&Domain::full(n)) {
            heap.push(Cand {
                sol: s,
                dom: Domain::full(n),
            });
        }
        let mut top = Vec::new();
        let mut skipped = 0usize;
        const MAX_SKIPS: usize = 200;
        while let Some(Cand { sol, dom }) = heap.pop() {
            if top.len() >= self.opts.top || skipped > MAX_SKIPS {
                break;
            }
            if improves(&sol.u) {
                top.push(mk(&sol));
            } else {
                skipped += 1;
            }
            let mut prefix = dom.clone();
            for i in 0..n {
                let mut sub = prefix.clone();
                sub.exclude(i, sol.package[i], self.comp.level_counts[i]);
                if let Some(s) = solve_in(&sub) {
                    heap.push(Cand { sol: s, dom: sub });
                }
                prefix.fix(i, sol.package[i], self.comp.level_counts[i]);
            }
        }
        // Nash over gains.
        let nash = top.first().and_then(|best| {
            let start = self.comp.utilities(best.package.levels());
            if !self.zone.iter().all(|&c| start[c] > base[c]) {
                return None;
            }
            let mut on = vec![false; k];
            for &c in &self.zone {
                on[c] = true;
            }
            let nobj = Objective::Nash {
                t: base.clone(),
                on,
            };
            let p = Problem::new(&self.comp, &lines, &Domain::full(n));
            let mut q = self.query(&nobj, &lb);
            q.nash_start = Some(&start);
            solve(&self.comp, &p, &q).map(|s| {
                let mut ip = mk(&s);
                ip.min_gain = self
                    .zone
                    .iter()
                    .map(|&c| s.u[c] - base[c])
                    .fold(f64::INFINITY, f64::min);
                ip
            })
        });
        let note = if top.is_empty() {
            Some("no package leaves every zone party at least as well off and one better without crossing a red line".into())
        } else if top.first().is_some_and(|t| t.min_gain <= EPS_UTILITY) {
            Some("no package makes every zone party strictly better off; these leave some party exactly where the draft does".into())
        } else {
            None
        };
        let note = match (d.is_complete(), note) {
            (true, n) => n,
            (false, n) => Some(format!(
                "the draft leaves {} issue(s) open; each party's baseline is its worst case over them (utility_min){}",
                score.open_issues.len(),
                n.map_or(String::new(), |n| format!("; {n}"))
            )),
        };
        Ok(Improvement {
            draft: d.id.clone(),
            complete: d.is_complete(),
            baseline,
            top,
            nash,
            note,
        })
    }

    fn changes(&self, from: &[Option<Level>], to: &[Level]) -> Vec<IssueChange> {
        self.s
            .issues
            .iter()
            .enumerate()
            .filter(|(i, _)| from[*i] != Some(to[*i]))
            .map(|(i, issue)| IssueChange {
                issue: issue.id.clone(),
                from: from[i].map(|l| issue.level_id(l).to_string()),
                to: Some(issue.level_id(to[i]).to_string()),
            })
            .collect()
    }

    fn draft_index(&self, id: &str) -> Result<usize, AnalysisError> {
        self.s
            .draft_index(id)
            .ok_or_else(|| AnalysisError::UnknownDraft {
                id: id.to_string(),
                known: self.s.drafts.iter().map(|d| d.id.clone()).collect(),
            })
    }

    // ------------------------------------------------------------------ diff

    /// The points of a draft's text as it stands: its own points (less those marked
    /// `dropped`) and, when it inherits, its parent's points it does not restate.
    fn effective_points(&self, d: usize) -> Vec<&accord_model::Point> {
        let draft = &self.s.drafts[d];
        let mut out: Vec<&accord_model::Point> = draft
            .points
            .iter()
            .filter(|p| p.change != Some(accord_model::PointChange::Dropped))
            .collect();
        let inherits = self.s.doc.drafts.get(d).is_some_and(|x| x.inherits);
        if let (true, Some(parent)) = (inherits, draft.parent)
            && parent != d
        {
            for p in self.effective_points(parent) {
                if !draft.points.iter().any(|q| q.n == p.n) {
                    out.push(p);
                }
            }
            out.sort_by_key(|p| p.n);
        }
        out
    }

    /// What changed between two drafts, and who gains.
    pub fn diff(&self, a: &str, b: &str) -> Result<DraftDiff, AnalysisError> {
        let (ia, ib) = (self.draft_index(a)?, self.draft_index(b)?);
        let (da, db) = (&self.s.drafts[ia], &self.s.drafts[ib]);
        let settles = |pt: &accord_model::Point| -> Vec<String> {
            pt.settles
                .iter()
                .map(|(i, l)| {
                    let issue = &self.s.issues[*i];
                    format!(
                        "{}={}",
                        issue.id,
                        l.map_or("?".to_string(), |l| issue.level_id(l).to_string())
                    )
                })
                .collect()
        };
        let pref = |pt: &accord_model::Point| PointRef {
            n: pt.n,
            text: pt.text.clone(),
            settles: settles(pt),
        };
        // Compare the texts as they stand: a draft that inherits keeps its parent's points
        // unless it restates them, and a point marked `dropped` is not in the text.
        let (pa_all, pb_all) = (self.effective_points(ia), self.effective_points(ib));
        let points_added = pb_all
            .iter()
            .filter(|p| !pa_all.iter().any(|q| q.n == p.n))
            .map(|p| pref(p))
            .collect();
        let points_dropped = pa_all
            .iter()
            .filter(|p| !pb_all.iter().any(|q| q.n == p.n))
            .map(|p| pref(p))
            .collect();
        let points_changed = pa_all
            .iter()
            .filter_map(|pa| {
                let pb = pb_all.iter().find(|q| q.n == pa.n)?;
                let (sa, sb) = (settles(pa), settles(pb));
                let text_changed = pa.text.trim() != pb.text.trim();
                (text_changed || sa != sb).then(|| PointChangeInfo {
                    n: pa.n,
                    text_changed,
                    text_a: pa.text.clone(),
                    text_b: pb.text.clone(),
                    settles_a: sa,
                    settles_b: sb,
                })
            })
            .collect();
        let issues = self
            .s
            .issues
            .iter()
            .enumerate()
            .filter(|(i, _)| da.package[*i] != db.package[*i])
            .map(|(i, issue)| IssueChange {
                issue: issue.id.clone(),
                from: da.package[i].map(|l| issue.level_id(l).to_string()),
                to: db.package[i].map(|l| issue.level_id(l).to_string()),
            })
            .collect();
        let (sa, sb) = (self.score_draft(da), self.score_draft(db));
        let parties = sa
            .scores
            .iter()
            .zip(&sb.scores)
            .map(|(x, y)| PartyDelta {
                party: x.party.clone(),
                a: [x.utility_min, x.utility_max],
                b: [y.utility_min, y.utility_max],
                change: [y.utility_min - x.utility_min, y.utility_max - x.utility_max],
                acceptable: [x.acceptable_status, y.acceptable_status],
            })
            .collect();
        Ok(DraftDiff {
            a: da.id.clone(),
            b: db.id.clone(),
            points_added,
            points_dropped,
            points_changed,
            issues,
            parties,
        })
    }
}

/// Whether relaxing a set of constraints opens the zone.
enum Opens {
    /// Yes, with a package that opens it (option per compiled group).
    Yes(Vec<u32>),
    No,
    /// The search budget ran out.
    Unknown,
}

/// A constraint of the zone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Con {
    Line(usize),
    Reservation(usize),
}

struct Cand {
    sol: Solved,
    dom: Domain,
}

impl PartialEq for Cand {
    fn eq(&self, o: &Self) -> bool {
        self.cmp(o) == Ordering::Equal
    }
}
impl Eq for Cand {}
impl PartialOrd for Cand {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for Cand {
    /// Larger value first; among values within `TIE_EPS`, the lower package first.
    fn cmp(&self, o: &Self) -> Ordering {
        if (self.sol.value - o.sol.value).abs() <= crate::search::TIE_EPS {
            o.sol.package.cmp(&self.sol.package)
        } else {
            self.sol.value.total_cmp(&o.sol.value)
        }
    }
}

fn describe_set(cs: &[Constraint]) -> String {
    cs.iter()
        .map(|c| match c.kind {
            "reservation" => format!("the reservation of `{}`", c.party),
            _ => format!("`{}`", c.id),
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// Formats a count for people (`12,345`, or `1.2e15`).
pub fn fmt_count(c: Count) -> String {
    match c {
        Count::Exact(n) if n < 10_000_000_000 => {
            let s = n.to_string();
            let mut out = String::new();
            for (i, ch) in s.chars().enumerate() {
                if i > 0 && (s.len() - i) % 3 == 0 {
                    out.push(',');
                }
                out.push(ch);
            }
            out
        }
        c => format!("{:.2e}", c.as_f64()),
    }
}

fn fmt_share(f: f64) -> String {
    if f >= 0.001 {
        format!("{:.1}%", 100.0 * f)
    } else {
        format!("{:.2e} of the space", f)
    }
}

/// Analyses a scenario with default options (see [`Analyzer`] for the parts).
pub fn analyze(s: &Scenario) -> Result<Analysis, AnalysisError> {
    Ok(Analyzer::new(s)?.analyze())
}

/// The `k`-element subsets of `0..n`, in lexicographic order.
fn combinations(n: usize, k: usize) -> impl Iterator<Item = Vec<usize>> {
    let mut next = (k <= n).then(|| (0..k).collect::<Vec<usize>>());
    std::iter::from_fn(move || {
        let cur = next.take()?;
        let mut idx = cur.clone();
        let mut i = k;
        while i > 0 {
            i -= 1;
            if idx[i] < n - k + i {
                idx[i] += 1;
                for j in i + 1..k {
                    idx[j] = idx[j - 1] + 1;
                }
                next = Some(idx);
                break;
            }
        }
        Some(cur)
    })
}

#[cfg(test)]
mod tests {
    use super::combinations;

    #[test]
    fn combinations_are_every_subset_once_in_order() {
        let all: Vec<Vec<usize>> = combinations(5, 3).collect();
        assert_eq!(all.len(), 10);
        assert_eq!(all.first(), Some(&vec![0, 1, 2]));
        assert_eq!(all.last(), Some(&vec![2, 3, 4]));
        assert!(all.windows(2).all(|w| w[0] < w[1]));
        assert_eq!(combinations(3, 3).count(), 1);
        assert_eq!(combinations(4, 1).count(), 4);
        assert_eq!(combinations(2, 3).count(), 0);
    }
}
