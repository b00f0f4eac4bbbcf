//! The validated, indexed scenario that engines work on.
//!
//! Ids are resolved to indices once, at load time. A package (outcome) is a slice of
//! [`Level`]s, one per issue; evaluating a party's utility reads a flat table and never
//! allocates.

use std::sync::Arc;

use crate::doc::{DraftStatus, IssueKind, PointChange, Role, ScenarioDoc};

/// Index of an option (discrete issue) or grid point (numeric issue) within its issue.
pub type Level = u32;

/// Tolerance used when comparing utilities (sums of products of values in [0, 1]).
pub const EPS_UTILITY: f64 = 1e-9;

/// Tolerance on the sum of a party's weights.
pub const EPS_WEIGHT_SUM: f64 = 1e-6;

/// A validated scenario.
#[derive(Debug, Clone)]
pub struct Scenario {
    /// The document it was built from (after validation; round-trips to the same file).
    /// Shared, so that the scenarios an engine derives (e.g. by sampling judgements) are
    /// cheap to make.
    pub doc: Arc<ScenarioDoc>,
    /// Issues, in file order.
    pub issues: Vec<Issue>,
    /// Parties, in file order.
    pub parties: Vec<Party>,
    /// Drafts, in file order, each with its resolved (partial) package.
    pub drafts: Vec<Draft>,
}

/// One issue with its levels.
#[derive(Debug, Clone)]
pub struct Issue {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Discrete, integer or real.
    pub kind: IssueKind,
    /// Whether levels have a natural order.
    pub ordered: bool,
    /// The levels: options of a discrete issue, grid points of a numeric one.
    pub levels: Vec<LevelInfo>,
}

/// One option or grid point.
#[derive(Debug, Clone)]
pub struct LevelInfo {
    /// Option id, or the number formatted for a numeric issue.
    pub id: String,
    /// Display label.
    pub label: String,
    /// The number, for a numeric issue.
    pub x: Option<f64>,
}

impl Issue {
    /// Number of levels.
    pub fn len(&self) -> usize {
        self.levels.len()
    }

    /// Whether the issue has no levels (never true for a validated scenario).
    pub fn is_empty(&self) -> bool {
        self.levels.is_empty()
    }

    /// Index of the level with this id.
    pub fn level_index(&self, id: &str) -> Option<Level> {
        self.levels
            .iter()
            .position(|l| l.id == id)
            .and_then(|i| Level::try_from(i).ok())
    }

    /// The id of a level.
    pub fn level_id(&self, level: Level) -> &str {
        &self.levels[level as usize].id
    }
}

/// A party with its compiled preferences.
#[derive(Debug, Clone)]
pub struct Party {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Part played.
    pub role: Role,
    /// Relative power, > 0.
    pub capability: f64,
    /// Whether an agreement needs its consent.
    pub veto: bool,
    /// Bloc members.
    pub members: Vec<String>,
    /// What it wants; `None` for a party without stated preferences.
    pub preferences: Option<Preferences>,
}

/// A set of levels of one issue, as a bit mask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LevelSet {
    bits: Vec<u64>,
}

impl LevelSet {
    /// The empty set over an issue with `n` levels.
    pub fn empty(n: usize) -> Self {
        LevelSet {
            bits: vec![0; n.div_ceil(64).max(1)],
        }
    }

    /// Adds a level.
    pub fn insert(&mut self, level: Level) {
        let l = level as usize;
        if let Some(w) = self.bits.get_mut(l / 64) {
            *w |= 1 << (l % 64);
        }
    }

    /// Whether the set holds a level.
    #[inline]
    pub fn contains(&self, level: Level) -> bool {
        let l = level as usize;
        self.bits
            .get(l / 64)
            .is_some_and(|w| (w >> (l % 64)) & 1 == 1)
    }

    /// The levels in the set, ascending.
    pub fn iter(&self) -> impl Iterator<Item = Level> + '_ {
        self.bits.iter().enumerate().flat_map(|(wi, &w)| {
            let base = u32::try_from(wi * 64).unwrap_or(u32::MAX);
            (0..64u32)
                .filter(move |b| (w >> b) & 1 == 1)
                .map(move |b| base + b)
        })
    }

    /// Number of levels in the set.
    pub fn count(&self) -> usize {
        self.bits.iter().map(|w| w.count_ones() as usize).sum()
    }
}

/// "Issue `issue` is at one of `levels`".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Condition {
    /// Issue index.
    pub issue: usize,
    /// Levels that satisfy the condition.
    pub levels: LevelSet,
}

impl Condition {
    /// Whether a (complete) package satisfies the condition.
    #[inline]
    pub fn holds(&self, package: &[Level]) -> bool {
        self.levels.contains(package[self.issue])
    }
}

/// A red line: a package satisfying every condition is unacceptable.
#[derive(Debug, Clone)]
pub struct RedLine {
    /// Id (given in the file, or `PARTY/N` counting from 1).
    pub id: String,
    /// Human-readable description ("donbas = ceded_to_russia").
    pub description: String,
    /// All must hold for the line to be crossed.
    pub conditions: Vec<Condition>,
    /// Probability that the line is real (1 unless stated).
    pub probability: f64,
}

impl RedLine {
    /// Whether a complete package crosses the line.
    #[inline]
    pub fn crossed_by(&self, package: &[Level]) -> bool {
        self.conditions.iter().all(|c| c.holds(package))
    }

    /// Whether the line involves only one issue.
    pub fn is_single_issue(&self) -> bool {
        self.conditions.len() == 1
    }
}

/// A non-additive term of a utility function.
#[derive(Debug, Clone)]
pub struct Interaction {
    /// All must hold for the term to apply.
    pub conditions: Vec<Condition>,
    /// Added to the utility when it applies.
    pub value: f64,
    /// Human-readable description.
    pub description: String,
}

impl Interaction {
    /// Whether the term applies to a complete package.
    #[inline]
    pub fn applies(&self, package: &[Level]) -> bool {
        self.conditions.iter().all(|c| c.holds(package))
    }
}

/// A party's compiled preferences: u(o) = sum_i w_i v_i(o_i) + interaction terms.
#[derive(Debug, Clone)]
pub struct Preferences {
    /// Utility of no deal.
    pub reservation: f64,
    /// Weight per issue (sums to 1 after validation/normalisation).
    pub weights: Vec<f64>,
    /// Value per issue per level.
    pub values: Vec<Vec<f64>>,
    /// Red lines.
    pub red_lines: Vec<RedLine>,
    /// Interaction terms.
    pub interactions: Vec<Interaction>,
    /// Discount factor (1 = none).
    pub discount: f64,
    /// Flat table of weight * value, indexed by `offsets[issue] + level`.
    table: Vec<f64>,
    offsets: Vec<usize>,
}

impl Preferences {
    /// Builds preferences from per-issue weights and values.
    ///
    /// `values[i]` must have one entry per level of issue `i`.
    pub fn new(
        reservation: f64,
        weights: Vec<f64>,
        values: Vec<Vec<f64>>,
        red_lines: Vec<RedLine>,
        interactions: Vec<Interaction>,
        discount: f64,
    ) -> Self {
        let mut offsets = Vec::with_capacity(values.len());
        let mut table = Vec::new();
        for (w, vs) in weights.iter().zip(&values) {
            offsets.push(table.len());
            table.extend(vs.iter().map(|v| w * v));
        }
        Preferences {
            reservation,
            weights,
            values,
            red_lines,
            interactions,
            discount,
            table,
            offsets,
        }
    }

    /// Weighted value of one level of one issue (its additive contribution).
    #[inline]
    pub fn contribution(&self, issue: usize, level: Level) -> f64 {
        self.table[self.offsets[issue] + level as usize]
    }

    /// The additive part of the utility of a complete package.
    #[inline]
    pub fn additive_utility(&self, package: &[Level]) -> f64 {
        package
            .iter()
            .zip(&self.offsets)
            .map(|(&l, &off)| self.table[off + l as usize])
            .sum()
    }

    /// Utility of a complete package (additive part plus interaction terms).
    #[inline]
    pub fn utility(&self, package: &[Level]) -> f64 {
        let mut u = self.additive_utility(package);
        for t in &self.interactions {
            if t.applies(package) {
                u += t.value;
            }
        }
        u
    }

    /// Whether the utility function is purely additive (no interaction terms).
    pub fn is_additive(&self) -> bool {
        self.interactions.is_empty()
    }

    /// Index of the first red line the package crosses.
    #[inline]
    pub fn first_red_line_crossed(&self, package: &[Level]) -> Option<usize> {
        self.red_lines.iter().position(|r| r.crossed_by(package))
    }

    /// Indices of every red line the package crosses.
    pub fn red_lines_crossed<'a>(
        &'a self,
        package: &'a [Level],
    ) -> impl Iterator<Item = usize> + 'a {
        self.red_lines
            .iter()
            .enumerate()
            .filter(move |(_, r)| r.crossed_by(package))
            .map(|(i, _)| i)
    }

    /// Whether the package crosses no red line and meets the reservation.
    #[inline]
    pub fn acceptable(&self, package: &[Level]) -> bool {
        self.first_red_line_crossed(package).is_none()
            && self.utility(package) >= self.reservation - EPS_UTILITY
    }

    /// Whether a level of an issue is forbidden outright by a single-issue red line.
    pub fn forbids(&self, issue: usize, level: Level) -> bool {
        self.red_lines.iter().any(|r| {
            r.conditions.len() == 1
                && r.conditions[0].issue == issue
                && r.conditions[0].levels.contains(level)
        })
    }

    /// Highest and lowest additive contribution of each issue.
    pub fn contribution_bounds(&self, issue: usize) -> (f64, f64) {
        let n = self.values[issue].len();
        let slice = &self.table[self.offsets[issue]..self.offsets[issue] + n];
        let lo = slice.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = slice.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (lo, hi)
    }
}

/// A draft with its points resolved.
#[derive(Debug, Clone)]
pub struct Draft {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Author party index.
    pub author: usize,
    /// Date (YYYY-MM-DD).
    pub date: String,
    /// Status.
    pub status: DraftStatus,
    /// Parent draft index.
    pub parent: Option<usize>,
    /// Settled level per issue; `None` = open (not settled, or settlement unknown).
    pub package: Vec<Option<Level>>,
    /// The points.
    pub points: Vec<Point>,
}

impl Draft {
    /// Whether every issue is settled.
    pub fn is_complete(&self) -> bool {
        self.package.iter().all(Option::is_some)
    }

    /// Indices of the open issues.
    pub fn open_issues(&self) -> impl Iterator<Item = usize> + '_ {
        self.package
            .iter()
            .enumerate()
            .filter(|(_, l)| l.is_none())
            .map(|(i, _)| i)
    }
}

/// One point of a draft.
#[derive(Debug, Clone)]
pub struct Point {
    /// Number.
    pub n: u32,
    /// Text.
    pub text: String,
    /// (issue, level) pairs it settles; level `None` = addresses the issue, settlement unknown.
    pub settles: Vec<(usize, Option<Level>)>,
    /// Relation to the parent draft.
    pub change: Option<PointChange>,
}

impl Scenario {
    /// Index of a party by id.
    pub fn party_index(&self, id: &str) -> Option<usize> {
        self.parties.iter().position(|p| p.id == id)
    }

    /// Index of an issue by id.
    pub fn issue_index(&self, id: &str) -> Option<usize> {
        self.issues.iter().position(|i| i.id == id)
    }

    /// Index of a draft by id.
    pub fn draft_index(&self, id: &str) -> Option<usize> {
        self.drafts.iter().position(|d| d.id == id)
    }

    /// Number of levels per issue.
    pub fn level_counts(&self) -> Vec<usize> {
        self.issues.iter().map(Issue::len).collect()
    }

    /// Size of the outcome space (product of level counts), as a float (it may exceed u128).
    pub fn space_size(&self) -> f64 {
        #[allow(clippy::cast_precision_loss)]
        self.issues.iter().map(|i| i.len() as f64).product()
    }

    /// Size of the outcome space, when it fits in a u128.
    pub fn space_size_exact(&self) -> Option<u128> {
        self.issues
            .iter()
            .try_fold(1u128, |acc, i| acc.checked_mul(i.len() as u128))
    }

    /// Indices of the parties whose consent an agreement needs and that have preferences.
    pub fn veto_parties(&self) -> Vec<usize> {
        self.parties
            .iter()
            .enumerate()
            .filter(|(_, p)| p.veto && p.preferences.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// Indices of the parties with stated preferences.
    pub fn parties_with_preferences(&self) -> Vec<usize> {
        self.parties
            .iter()
            .enumerate()
            .filter(|(_, p)| p.preferences.is_some())
            .map(|(i, _)| i)
            .collect()
    }

    /// Preferences of a party (panics if it has none; check with [`Party::preferences`]).
    pub fn prefs(&self, party: usize) -> &Preferences {
        match &self.parties[party].preferences {
            Some(p) => p,
            None => panic!("party `{}` has no preferences", self.parties[party].id),
        }
    }

    /// Formats a complete package as `issue=option` pairs.
    pub fn describe_package(&self, package: &[Level]) -> String {
        self.issues
            .iter()
            .zip(package)
            .map(|(i, &l)| format!("{}={}", i.id, i.level_id(l)))
            .collect::<Vec<_>>()
            .join(", ")
    }
}
