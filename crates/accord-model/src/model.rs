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

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    fn set(n: usize, levels: &[Level]) -> LevelSet {
        let mut s = LevelSet::empty(n);
        for &l in levels {
            s.insert(l);
        }
        s
    }

    #[test]
    fn level_set_across_words() {
        let mut s = LevelSet::empty(130);
        assert_eq!(s.count(), 0);
        assert_eq!(s.iter().count(), 0);
        for l in [129, 0, 64, 63, 64] {
            s.insert(l);
        }
        assert_eq!(s.count(), 4, "inserting twice adds once");
        assert_eq!(s.iter().collect::<Vec<_>>(), [0, 63, 64, 129]);
        assert!(s.contains(63) && s.contains(64) && !s.contains(65) && !s.contains(1));
        // Beyond the last word: ignored on insert, absent on lookup.
        s.insert(200);
        assert_eq!(s.count(), 4);
        assert!(!s.contains(200) && !s.contains(Level::MAX));
        assert_eq!(s, set(130, &[0, 63, 64, 129]));
        // An empty issue still gets one word; any level is absent.
        let e = LevelSet::empty(0);
        assert!(!e.contains(0));
        assert_eq!(e.count(), 0);
        assert_eq!(set(64, &[63]).iter().collect::<Vec<_>>(), [63]);
    }

    /// Two issues: a (2 levels), b (3 levels); weights 0.4 / 0.6.
    fn prefs() -> Preferences {
        let red = RedLine {
            id: "r/1".into(),
            description: "a = 1 and b = 2".into(),
            conditions: vec![
                Condition {
                    issue: 0,
                    levels: set(2, &[1]),
                },
                Condition {
                    issue: 1,
                    levels: set(3, &[2]),
                },
            ],
            probability: 1.0,
        };
        let single = RedLine {
            id: "r/2".into(),
            description: "b = 1".into(),
            conditions: vec![Condition {
                issue: 1,
                levels: set(3, &[1]),
            }],
            probability: 0.3,
        };
        let bonus = Interaction {
            conditions: vec![Condition {
                issue: 0,
                levels: set(2, &[0]),
            }],
            value: 0.1,
            description: "a = 0".into(),
        };
        Preferences::new(
            0.45,
            vec![0.4, 0.6],
            vec![vec![1.0, 0.0], vec![0.0, 0.5, 1.0]],
            vec![red, single],
            vec![bonus],
            1.0,
        )
    }

    #[test]
    fn utility_from_the_flat_table() {
        let p = prefs();
        assert!(close(p.contribution(0, 0), 0.4));
        assert!(close(p.contribution(1, 1), 0.3));
        assert!(close(p.additive_utility(&[1, 2]), 0.6));
        assert!(close(p.utility(&[1, 2]), 0.6));
        assert!(close(p.additive_utility(&[0, 1]), 0.7));
        assert!(close(p.utility(&[0, 1]), 0.8), "0.7 + bonus 0.1");
        let (lo, hi) = p.contribution_bounds(1);
        assert!(close(lo, 0.0) && close(hi, 0.6));
        assert!(!p.is_additive());
    }

    #[test]
    fn acceptability_needs_no_red_line_and_the_reservation() {
        let p = prefs();
        // [1, 2]: 0.6 >= 0.45 but a = 1 with b = 2 crosses r/1.
        assert_eq!(p.first_red_line_crossed(&[1, 2]), Some(0));
        assert!(!p.acceptable(&[1, 2]));
        // [0, 2]: 0.4 + 0.6 + 0.1, no line.
        assert!(p.acceptable(&[0, 2]));
        // [0, 1]: crosses the single-issue r/2.
        assert_eq!(p.red_lines_crossed(&[0, 1]).collect::<Vec<_>>(), [1]);
        assert!(!p.acceptable(&[0, 1]));
        // [1, 0]: no line, utility 0 < 0.45.
        assert_eq!(p.first_red_line_crossed(&[1, 0]), None);
        assert!(!p.acceptable(&[1, 0]));
        assert!(p.forbids(1, 1) && !p.forbids(1, 2) && !p.forbids(0, 1));
        assert!(!p.red_lines[0].is_single_issue() && p.red_lines[1].is_single_issue());
    }

    fn scenario(issue_levels: &[usize]) -> Scenario {
        let doc: ScenarioDoc = toml::from_str("[scenario]\nid = \"s\"\ntitle = \"S\"\n")
            .unwrap_or_else(|e| panic!("{e}"));
        let issues = issue_levels
            .iter()
            .enumerate()
            .map(|(i, &n)| Issue {
                id: format!("i{i}"),
                name: format!("I{i}"),
                kind: IssueKind::Discrete,
                ordered: false,
                levels: (0..n)
                    .map(|k| LevelInfo {
                        id: format!("o{k}"),
                        label: format!("O{k}"),
                        x: None,
                    })
                    .collect(),
            })
            .collect();
        let party = |id: &str, veto: bool, preferences: Option<Preferences>| Party {
            id: id.into(),
            name: id.into(),
            role: Role::Principal,
            capability: 1.0,
            veto,
            members: Vec::new(),
            preferences,
        };
        Scenario {
            doc: Arc::new(doc),
            issues,
            parties: vec![
                party("a", true, None),
                party("b", false, Some(prefs())),
                party("c", true, Some(prefs())),
            ],
            drafts: vec![Draft {
                id: "d".into(),
                title: "D".into(),
                author: 0,
                date: "2025-11-20".into(),
                status: DraftStatus::Proposed,
                parent: None,
                package: vec![Some(1), None],
                points: Vec::new(),
            }],
        }
    }

    #[test]
    fn scenario_sizes_and_indices() {
        let s = scenario(&[2, 3]);
        assert_eq!(s.level_counts(), [2, 3]);
        assert_eq!(s.space_size_exact(), Some(6));
        assert!(close(s.space_size(), 6.0));
        assert_eq!(s.veto_parties(), [2], "a has a veto but no preferences");
        assert_eq!(s.parties_with_preferences(), [1, 2]);
        assert_eq!(s.issue_index("i1"), Some(1));
        assert_eq!(s.draft_index("d"), Some(0));
        assert_eq!(s.describe_package(&[1, 2]), "i0=o1, i1=o2");
        let d = &s.drafts[0];
        assert!(!d.is_complete());
        assert_eq!(d.open_issues().collect::<Vec<_>>(), [1]);
        // 40 issues of 10 levels: 1e40 packages, beyond u128.
        let big = scenario(&[10; 40]);
        assert_eq!(big.space_size_exact(), None);
        assert!((big.space_size() / 1e40 - 1.0).abs() < 1e-9);
    }

    #[test]
    #[should_panic(expected = "party `a` has no preferences")]
    fn prefs_of_a_party_without_preferences_panics() {
        let _ = scenario(&[2, 3]).prefs(0);
    }
}
