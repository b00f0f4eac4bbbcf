//! Result types: plain serde data that every shell renders.

use accord_model::{Level, Scenario};
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

/// A complete package: one option per issue. Serialises as a JSON object
/// `{ "issue_id": "option_id", ... }` in issue order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Package {
    levels: Vec<Level>,
    entries: Vec<(String, String)>,
}

impl Package {
    /// A package from its levels.
    pub fn new(s: &Scenario, levels: &[Level]) -> Self {
        Package {
            levels: levels.to_vec(),
            entries: s
                .issues
                .iter()
                .zip(levels)
                .map(|(i, &l)| (i.id.clone(), i.level_id(l).to_string()))
                .collect(),
        }
    }

    /// Level per issue.
    pub fn levels(&self) -> &[Level] {
        &self.levels
    }

    /// `(issue id, option id)` pairs in issue order.
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }

    /// Option id of an issue.
    pub fn get(&self, issue: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(i, _)| i == issue)
            .map(|(_, o)| o.as_str())
    }
}

impl Serialize for Package {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(Some(self.entries.len()))?;
        for (k, v) in &self.entries {
            m.serialize_entry(k, v)?;
        }
        m.end()
    }
}

/// A number of packages: exact (as a JSON integer, possibly above 2^53) when the outcome
/// space fits in 128 bits, otherwise a float.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Count {
    /// An exact count.
    Exact(u128),
    /// An approximate count (spaces beyond 2^128 packages).
    Approx(f64),
}

impl Count {
    /// The count as a float.
    pub fn as_f64(&self) -> f64 {
        match *self {
            #[allow(clippy::cast_precision_loss)]
            Count::Exact(n) => n as f64,
            Count::Approx(x) => x,
        }
    }
}

impl std::fmt::Display for Count {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Count::Exact(n) => write!(f, "{n}"),
            Count::Approx(x) => write!(f, "{x:.3e}"),
        }
    }
}

/// A party's utility (and gain over its reservation) in some package.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PartyUtility {
    /// Party id.
    pub party: String,
    /// Utility.
    pub utility: f64,
    /// Utility minus reservation.
    pub gain: f64,
    /// Whether the package is acceptable to the party (no red line of its own crossed,
    /// utility at least its reservation).
    pub acceptable: bool,
}

/// Scores of one draft.
#[derive(Debug, Clone, Serialize)]
pub struct DraftScore {
    /// Draft id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Status (`proposed`, `leaked`, ...).
    pub status: String,
    /// Whether every issue is settled.
    pub complete: bool,
    /// Ids of the issues the draft leaves open.
    pub open_issues: Vec<String>,
    /// Number of completions of the open issues.
    pub completions: Count,
    /// One entry per party with preferences.
    pub scores: Vec<PartyScore>,
}

/// How one party scores one draft.
#[derive(Debug, Clone, Serialize)]
pub struct PartyScore {
    /// Party id.
    pub party: String,
    /// Whether the party's consent is needed.
    pub veto: bool,
    /// Lowest utility over every completion of the open issues.
    pub utility_min: f64,
    /// Highest utility over every completion of the open issues.
    pub utility_max: f64,
    /// Reservation (utility of no deal).
    pub reservation: f64,
    /// `[utility_min - reservation, utility_max - reservation]`.
    pub margin: [f64; 2],
    /// `true` if every completion is acceptable, `false` if none is, `null` if it depends
    /// on the open issues.
    pub acceptable: Option<bool>,
    /// `"yes"`, `"no"` or `"depends"`.
    pub acceptable_status: &'static str,
    /// Red lines of the party that the settled issues already cross.
    pub red_lines_crossed: Vec<RedLineHit>,
    /// Red lines not crossed yet that some completion of the open issues would cross.
    pub red_lines_possible: Vec<RedLineHit>,
}

/// A red line touched by a draft.
#[derive(Debug, Clone, Serialize)]
pub struct RedLineHit {
    /// Red line id.
    pub id: String,
    /// What it forbids.
    pub description: String,
    /// Ids of the issues it involves.
    pub issues: Vec<String>,
    /// Numbers of the draft points that settle those issues.
    pub points: Vec<u32>,
}

/// The zone of possible agreement.
#[derive(Debug, Clone, Serialize)]
pub struct Zopa {
    /// Parties whose acceptance defines the zone (the veto parties unless chosen).
    pub parties: Vec<String>,
    /// Whether some package is acceptable to every one of them.
    pub exists: bool,
    /// A package in the zone: the egalitarian one (largest smallest gain); `null` if empty.
    pub witness: Option<Package>,
    /// Exact number of packages in the zone, when it could be counted.
    pub count: Option<Count>,
    /// `[lower, upper]` bounds on the count when the counting budget ran out.
    pub count_bounds: Option<[Count; 2]>,
    /// Whether `count` is exact.
    pub count_exact: bool,
    /// When the count is not exact: a sampling estimate, labelled as such.
    pub count_estimate: Option<CountEstimate>,
    /// Number of packages in the whole outcome space.
    pub space: Count,
    /// Zone size divided by space size (from the count, or the midpoint of the bounds).
    pub fraction: f64,
    /// Search nodes spent counting.
    pub count_nodes: u64,
    /// When the zone is empty: the package (respecting every red line, if possible) that
    /// minimises the largest shortfall `max_p (r_p - u_p)`.
    pub closest: Option<Solution>,
    /// When the zone is empty: whether `closest` respects every red line of the parties.
    pub closest_respects_red_lines: Option<bool>,
}

/// An estimate of a count by sampling (never presented as exact).
#[derive(Debug, Clone, Serialize)]
pub struct CountEstimate {
    /// Point estimate.
    pub value: f64,
    /// 95% confidence interval (Wilson), clipped to the exact bounds.
    pub ci95: [f64; 2],
    /// Number of random packages drawn.
    pub samples: usize,
    /// Always `"sampling"`.
    pub method: &'static str,
}

/// One bargaining solution.
#[derive(Debug, Clone, Serialize)]
pub struct Solution {
    /// The package.
    pub package: Package,
    /// Utility of every party with preferences.
    pub utilities: Vec<PartyUtility>,
    /// The objective's value (see `docs/analysis-output.md` for each solution's objective).
    pub objective: f64,
    /// Whether the package is the lowest optimal one (the documented tie-break); false
    /// only when the tie-break search ran out of budget.
    pub lowest: bool,
    /// A note when the solution is degenerate.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The zone parties' red lines the package crosses (only when the solutions' scope
    /// sets red lines aside).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub red_lines_crossed: Vec<Constraint>,
}

/// Bargaining solutions over the zone.
#[derive(Debug, Clone, Serialize)]
pub struct Solutions {
    /// Parties the solutions bargain over.
    pub parties: Vec<String>,
    /// Which packages the solutions are chosen from: `"zone"` (acceptable to every zone
    /// party); `"red_lines_set_aside"` when the zone is empty (every zone party's
    /// reservation met, red lines ignored; each solution lists the red lines it crosses);
    /// `"none"` when there is no solution.
    pub scope: &'static str,
    /// Maximises the product of gains over reservations.
    pub nash: Option<Solution>,
    /// Maximises the smallest gain as a share of the party's ideal gain in the zone.
    pub kalai_smorodinsky: Option<Solution>,
    /// Maximises the sum of utilities.
    pub utilitarian: Option<Solution>,
    /// Maximises the capability-weighted sum of utilities.
    pub utilitarian_weighted: Option<Solution>,
    /// Maximises the smallest gain over reservation.
    pub egalitarian: Option<Solution>,
    /// Each party's best utility inside the zone (the Kalai-Smorodinsky ideal point).
    pub ideal: Vec<PartyUtility>,
    /// Why the solutions are missing, when they are.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One constraint of the zone: a red line or a reservation of a veto party.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Constraint {
    /// `"red_line"` or `"reservation"`.
    pub kind: &'static str,
    /// Party id.
    pub party: String,
    /// Red line id, or `reservation`.
    pub id: String,
    /// What it says.
    pub description: String,
}

/// A minimal set of constraints whose relaxation opens the zone.
#[derive(Debug, Clone, Serialize)]
pub struct Blocker {
    /// The constraints to relax.
    pub constraints: Vec<Constraint>,
    /// Number of constraints.
    pub size: usize,
    /// Largest reservation cut any party must accept at `package` (0 when only red lines
    /// are relaxed).
    pub cost: f64,
    /// Smallest gain over reservation at `package` (negative = a cut).
    pub worst_gain: f64,
    /// Whether `package` is proven to maximise the smallest gain. False when the search
    /// budget ran out first: the package still opens the zone, and `cost` is then only an
    /// upper bound on the smallest cost.
    pub proven: bool,
    /// The package that then opens the zone: among packages meeting every constraint
    /// not relaxed, the one with the largest smallest gain.
    pub package: Package,
    /// Utilities at `package`.
    pub utilities: Vec<PartyUtility>,
}

/// The smallest reservation cut of one party that alone opens the zone.
#[derive(Debug, Clone, Serialize)]
pub struct ReservationCut {
    /// Party id.
    pub party: String,
    /// Its reservation.
    pub reservation: f64,
    /// The cut keeping its own red lines: `r_p - max u_p` over packages acceptable to every
    /// other zone party and crossing none of p's red lines; `null` if there is none.
    pub cut: Option<f64>,
    /// Package attaining it.
    pub package: Option<Package>,
    /// The cut when p also drops its red lines; `null` if no package is acceptable to all others.
    pub cut_without_red_lines: Option<f64>,
}

/// How much one red line shapes a non-empty zone.
#[derive(Debug, Clone, Serialize)]
pub struct RedLineInfluence {
    /// The red line.
    pub constraint: Constraint,
    /// Packages the zone would gain if the line were dropped (exact, when counted).
    pub count_gain: Option<Count>,
    /// Gain in the Nash product (product of gains) if the line were dropped.
    pub nash_gain: Option<f64>,
    /// Whether the line excludes any package that is otherwise in the zone.
    pub binding: bool,
}

/// The Pareto frontier.
#[derive(Debug, Clone, Serialize)]
pub struct Pareto {
    /// Parties whose utilities span the frontier.
    pub parties: Vec<String>,
    /// Distinct non-dominated utility vectors over the whole outcome space (no red lines,
    /// no reservations); `null` when it exceeded the limit.
    pub size: Option<u64>,
    /// Same, inside the zone (red lines respected, every utility at least the reservation).
    pub zone_size: Option<u64>,
    /// A proven lower bound on `size` when the limit was hit.
    pub size_lower_bound: Option<u64>,
    /// A proven lower bound on `zone_size` when the limit was hit.
    pub zone_size_lower_bound: Option<u64>,
    /// First points of the whole-space frontier (utility vectors in `parties` order),
    /// sorted by the first party's utility, descending.
    pub points: Vec<Vec<f64>>,
    /// First points of the zone frontier.
    pub zone_points: Vec<Vec<f64>>,
    /// `"exact"` or `"sample"` (points found by weighted sums when the limit was hit).
    pub points_kind: &'static str,
    /// Largest sum of the parties' utilities over the whole space (read off the exact
    /// frontier; `null` when the frontier exceeded the limit).
    pub max_welfare: Option<f64>,
    /// The frontier point maximising the product of gains over reservations, negative
    /// factors allowed: the Nash point as GENIUS's `MultilateralAnalysis` defines it
    /// (unlike `solutions.nash`, it is not restricted to the zone). `null` when the frontier
    /// exceeded the limit.
    pub nash_frontier: Option<Vec<f64>>,
}

/// Everything `accord analyze` reports.
#[derive(Debug, Clone, Serialize)]
pub struct Analysis {
    /// Scenario id.
    pub scenario: String,
    /// One line saying whether a deal is possible and what blocks it.
    pub verdict: String,
    /// Size of the outcome space and how it was compiled.
    pub space: SpaceInfo,
    /// Draft scores.
    pub drafts: Vec<DraftScore>,
    /// The zone of possible agreement.
    pub zopa: Zopa,
    /// When the zone is empty: minimal sets of constraints whose relaxation opens it.
    pub blockers: Vec<Blocker>,
    /// Whether the blocker search covered every set up to the maximum size.
    pub blockers_complete: bool,
    /// When the zone is empty: each zone party's smallest reservation cut that alone opens it.
    pub reservation_cuts: Vec<ReservationCut>,
    /// When the zone is not empty: how much each red line shapes it.
    pub red_line_influence: Vec<RedLineInfluence>,
    /// Bargaining solutions.
    pub solutions: Solutions,
    /// Pareto frontier.
    pub pareto: Pareto,
}

/// Size of the outcome space and its compiled form.
#[derive(Debug, Clone, Serialize)]
pub struct SpaceInfo {
    /// Number of issues.
    pub issues: usize,
    /// Number of packages.
    pub packages: Count,
    /// log10 of the number of packages.
    pub packages_log10: f64,
    /// Number of independent issue groups after compiling interactions and combination red lines.
    pub groups: usize,
    /// Largest number of joint options of one group.
    pub largest_group: usize,
}

/// Packages that leave every zone party at least as well off as a draft.
#[derive(Debug, Clone, Serialize)]
pub struct Improvement {
    /// Draft id.
    pub draft: String,
    /// Whether the draft settles every issue (otherwise the baseline is each party's
    /// worst case over the open issues).
    pub complete: bool,
    /// What each party gets from the draft (its utility, or `utility_min` if incomplete).
    pub baseline: Vec<PartyUtility>,
    /// The best improvements, ranked by the smallest gain over the baseline (descending),
    /// then by package order.
    pub top: Vec<ImprovedPackage>,
    /// The improvement maximising the product of gains over the baseline.
    pub nash: Option<ImprovedPackage>,
    /// Set when no package improves on the draft, or to explain the ranking.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// One improvement on a draft.
#[derive(Debug, Clone, Serialize)]
pub struct ImprovedPackage {
    /// The package.
    pub package: Package,
    /// Smallest gain over the baseline among the zone parties.
    pub min_gain: f64,
    /// Utilities (gain = utility minus baseline).
    pub utilities: Vec<PartyUtility>,
    /// Issues whose setting differs from the draft (`issue`, from, to); `from` is `null`
    /// for an issue the draft leaves open.
    pub changes: Vec<IssueChange>,
}

/// One issue's change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct IssueChange {
    /// Issue id.
    pub issue: String,
    /// Option before (`null` = open).
    pub from: Option<String>,
    /// Option after (`null` = open).
    pub to: Option<String>,
}

/// What changed between two drafts.
#[derive(Debug, Clone, Serialize)]
pub struct DraftDiff {
    /// Earlier draft id.
    pub a: String,
    /// Later draft id.
    pub b: String,
    /// Point numbers only in `b`.
    pub points_added: Vec<PointRef>,
    /// Point numbers only in `a`.
    pub points_dropped: Vec<PointRef>,
    /// Points present in both with a different text or settlement.
    pub points_changed: Vec<PointChangeInfo>,
    /// Issues settled differently (including opened or closed).
    pub issues: Vec<IssueChange>,
    /// Each party's utility range in `a` and `b`.
    pub parties: Vec<PartyDelta>,
}

/// A point of a draft.
#[derive(Debug, Clone, Serialize)]
pub struct PointRef {
    /// Point number.
    pub n: u32,
    /// Text.
    pub text: String,
    /// `issue=option` settlements.
    pub settles: Vec<String>,
}

/// A point present in both drafts that changed.
#[derive(Debug, Clone, Serialize)]
pub struct PointChangeInfo {
    /// Point number.
    pub n: u32,
    /// Whether the text changed.
    pub text_changed: bool,
    /// Text in `a`.
    pub text_a: String,
    /// Text in `b`.
    pub text_b: String,
    /// Settlements in `a`.
    pub settles_a: Vec<String>,
    /// Settlements in `b`.
    pub settles_b: Vec<String>,
}

/// One party's utility change between drafts.
#[derive(Debug, Clone, Serialize)]
pub struct PartyDelta {
    /// Party id.
    pub party: String,
    /// `[min, max]` utility in `a`.
    pub a: [f64; 2],
    /// `[min, max]` utility in `b`.
    pub b: [f64; 2],
    /// `[b_min - a_min, b_max - a_max]`.
    pub change: [f64; 2],
    /// Acceptability status in `a` and `b` (`yes`, `no`, `depends`).
    pub acceptable: [&'static str; 2],
}
