//! What each chart shows, as plain data built from a scenario and its analysis.
//!
//! Building (this module) is separate from drawing (`charts`), so that the numbers can
//! be tested without pixels and other engines can fill a chart themselves (the tornado
//! chart takes rows from any sensitivity analysis).

use accord_analysis::{
    Analysis, AnalysisError, Analyzer, DraftScore, Options, PartyScore, synthetic::Rng,
};
use accord_model::{Level, Scenario, UtilityScale};

use crate::dates::day_number;
use crate::error::ReportError;
use crate::palette::{PartyColors, Rgb};

/// A party as a chart shows it.
#[derive(Debug, Clone, PartialEq)]
pub struct PartyRef {
    /// Id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Its colour (the same in every chart).
    pub color: Rgb,
    /// Its reservation (utility of no deal), when it has preferences.
    pub reservation: Option<f64>,
}

impl PartyRef {
    fn new(s: &Scenario, colors: &PartyColors, p: usize) -> Self {
        let party = &s.parties[p];
        PartyRef {
            id: party.id.clone(),
            name: party.name.clone(),
            color: colors.of(p),
            reservation: party.preferences.as_ref().map(|x| x.reservation),
        }
    }
}

// ---------------------------------------------------------------- utility space

/// How the utility-space cloud was obtained.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CloudKind {
    /// Every package of the outcome space.
    All,
    /// Packages drawn uniformly at random (with replacement), deterministic from a seed.
    Sample {
        /// The seed.
        seed: u64,
        /// Size of the outcome space.
        space: f64,
    },
}

/// Options of [`UtilitySpace::build`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpaceOptions {
    /// The two parties (x axis, y axis); `None` picks the two zone parties whose utilities
    /// are least correlated over the cloud (the most opposed pair).
    pub parties: Option<[String; 2]>,
    /// Spaces of at most this many packages are enumerated; larger ones are sampled.
    pub enumerate_limit: f64,
    /// Packages drawn when sampling.
    pub samples: usize,
    /// Seed of the sampler.
    pub seed: u64,
    /// Most frontier points asked of the analysis.
    pub frontier_points: usize,
}

impl Default for SpaceOptions {
    fn default() -> Self {
        SpaceOptions {
            parties: None,
            enumerate_limit: 1e6,
            samples: 20_000,
            seed: 1,
            frontier_points: 5_000,
        }
    }
}

/// A draft placed in utility space: a point for a complete draft, a box (each party's
/// range over the open issues) for a partial one.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftMark {
    /// Draft id.
    pub id: String,
    /// Title.
    pub title: String,
    /// `[min, max]` utility of the x party.
    pub x: [f64; 2],
    /// `[min, max]` utility of the y party.
    pub y: [f64; 2],
    /// Whether the draft already crosses a red line of the x or y party.
    pub crosses: bool,
}

/// A marked package: a bargaining solution, or the closest package to a deal.
#[derive(Debug, Clone, PartialEq)]
pub struct SolutionMark {
    /// Full name ("Nash").
    pub name: String,
    /// Utility of the x party.
    pub x: f64,
    /// Utility of the y party.
    pub y: f64,
}

/// The utility space of two parties: every package (or a sample) as a point, the Pareto
/// frontier, the reservations, the drafts and the bargaining solutions.
#[derive(Debug, Clone, PartialEq)]
pub struct UtilitySpace {
    /// Title.
    pub title: String,
    /// Party on the x axis.
    pub x: PartyRef,
    /// Party on the y axis.
    pub y: PartyRef,
    /// `(u_x, u_y, in_zone)` per package: `in_zone` when acceptable to every zone party.
    pub cloud: Vec<(f64, f64, bool)>,
    /// How the cloud was obtained.
    pub cloud_kind: CloudKind,
    /// Non-dominated `(u_x, u_y)` over the whole space, sorted by `u_x`.
    pub frontier: Vec<(f64, f64)>,
    /// Non-dominated points inside the zone, sorted by `u_x`.
    pub zone_frontier: Vec<(f64, f64)>,
    /// Whether the frontier is exact (else computed from the cloud, or a sample).
    pub frontier_exact: bool,
    /// The drafts.
    pub drafts: Vec<DraftMark>,
    /// Bargaining solutions (or, with an empty zone, the closest package).
    pub solutions: Vec<SolutionMark>,
    /// Ids of the parties whose acceptance defines the zone.
    pub zone_parties: Vec<String>,
    /// Axis range (both axes).
    pub range: (f64, f64),
}

impl UtilitySpace {
    /// Builds the utility space of two parties.
    pub fn build(s: &Scenario, a: &Analysis, opts: &SpaceOptions) -> Result<Self, ReportError> {
        let colors = PartyColors::new(s);
        let with_prefs = s.parties_with_preferences();
        let known = || {
            with_prefs
                .iter()
                .map(|&p| format!("`{}`", s.parties[p].id))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let zone: Vec<usize> = a
            .zopa
            .parties
            .iter()
            .filter_map(|id| s.party_index(id))
            .filter(|&p| s.parties[p].preferences.is_some())
            .collect();
        // The parties whose utilities the cloud records.
        let candidates: Vec<usize> = match &opts.parties {
            Some(ids) => {
                let mut v = Vec::new();
                for id in ids {
                    let p = s
                        .party_index(id)
                        .filter(|&p| s.parties[p].preferences.is_some())
                        .ok_or_else(|| ReportError::UnknownParty {
                            id: id.clone(),
                            known: known(),
                        })?;
                    v.push(p);
                }
                if v[0] == v[1] {
                    return Err(ReportError::Unavailable(format!(
                        "error: the utility space needs two different parties, got `{}` twice",
                        ids[0]
                    )));
                }
                v
            }
            None if zone.len() >= 2 => zone.clone(),
            None => with_prefs.clone(),
        };
        if candidates.len() < 2 {
            return Err(ReportError::Unavailable(
                "the utility space needs two parties with preferences".into(),
            ));
        }
        let (rows, kind) = cloud(s, &candidates, &zone, opts);
        let (i, j) = if opts.parties.is_some() {
            (0, 1)
        } else {
            least_correlated(&rows, candidates.len())
        };
        let (px, py) = (candidates[i], candidates[j]);
        let k = candidates.len();
        let cloud: Vec<(f64, f64, bool)> = rows
            .chunks_exact(k + 1)
            .map(|r| (r[i], r[j], r[k] > 0.5))
            .collect();
        let x = PartyRef::new(s, &colors, px);
        let y = PartyRef::new(s, &colors, py);

        let (mut frontier, mut zone_frontier, mut exact) =
            analysis_frontier(s, a, &x.id, &y.id, opts.frontier_points).unwrap_or_default();
        if frontier.is_empty() {
            frontier = frontier_of(cloud.iter().map(|&(a, b, _)| (a, b)));
            zone_frontier = frontier_of(cloud.iter().filter(|c| c.2).map(|&(a, b, _)| (a, b)));
            exact = matches!(kind, CloudKind::All);
        }

        let score = |scores: &[PartyScore], id: &str| {
            scores.iter().find(|p| p.party == id).map(|p| {
                (
                    [p.utility_min, p.utility_max],
                    !p.red_lines_crossed.is_empty(),
                )
            })
        };
        let drafts = a
            .drafts
            .iter()
            .filter_map(|d| {
                let (xr, xc) = score(&d.scores, &x.id)?;
                let (yr, yc) = score(&d.scores, &y.id)?;
                Some(DraftMark {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    x: xr,
                    y: yr,
                    crosses: xc || yc,
                })
            })
            .collect();

        let util = |us: &[accord_analysis::PartyUtility], id: &str| {
            us.iter().find(|u| u.party == id).map(|u| u.utility)
        };
        let mut solutions = Vec::new();
        let sol = &a.solutions;
        for (name, s) in [
            ("Nash", &sol.nash),
            ("Kalai-Smorodinsky", &sol.kalai_smorodinsky),
            ("Utilitarian", &sol.utilitarian),
            ("Egalitarian", &sol.egalitarian),
        ] {
            if let Some(s) = s
                && let (Some(ux), Some(uy)) = (util(&s.utilities, &x.id), util(&s.utilities, &y.id))
            {
                solutions.push(SolutionMark {
                    name: if sol.scope == "zone" {
                        name.into()
                    } else {
                        format!("{name}, red lines set aside")
                    },
                    x: ux,
                    y: uy,
                });
            }
        }
        if !a.zopa.exists
            && let Some(c) = &a.zopa.closest
            && let (Some(ux), Some(uy)) = (util(&c.utilities, &x.id), util(&c.utilities, &y.id))
        {
            solutions.push(SolutionMark {
                name: "Closest to a deal".into(),
                x: ux,
                y: uy,
            });
        }

        let range = match s.doc.scenario.utility_scale {
            UtilityScale::Unit => (0.0, 1.0),
            UtilityScale::Raw => {
                let xs = cloud
                    .iter()
                    .flat_map(|c| [c.0, c.1])
                    .chain(frontier.iter().flat_map(|f| [f.0, f.1]))
                    .chain([x.reservation, y.reservation].into_iter().flatten());
                let (lo, hi) = xs
                    .filter(|v| v.is_finite())
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                        (l.min(v), h.max(v))
                    });
                if lo.is_finite() && hi > lo {
                    let pad = (hi - lo) * 0.04;
                    (lo - pad, hi + pad)
                } else {
                    (0.0, 1.0)
                }
            }
        };
        Ok(UtilitySpace {
            title: format!("Utility space: {} and {}", x.name, y.name),
            x,
            y,
            cloud,
            cloud_kind: kind,
            frontier,
            zone_frontier,
            frontier_exact: exact,
            drafts,
            solutions,
            zone_parties: a.zopa.parties.clone(),
            range,
        })
    }

    /// One sentence saying what the cloud is ("all 27 packages", "a sample of ...").
    pub fn cloud_note(&self) -> String {
        match self.cloud_kind {
            CloudKind::All => format!("all {} packages", fmt_int(self.cloud.len())),
            CloudKind::Sample { seed, space } => format!(
                "a uniform sample of {} of the {} packages (seed {seed})",
                fmt_int(self.cloud.len()),
                fmt_big(space)
            ),
        }
    }
}

/// Flat rows `[u_0, .., u_{k-1}, in_zone]` for every package (or a sample).
fn cloud(
    s: &Scenario,
    parties: &[usize],
    zone: &[usize],
    o: &SpaceOptions,
) -> (Vec<f64>, CloudKind) {
    let counts = s.level_counts();
    let space = s.space_size();
    let k = parties.len();
    let mut rows = Vec::new();
    let push = |pkg: &[Level], rows: &mut Vec<f64>| {
        for &p in parties {
            rows.push(s.prefs(p).utility(pkg));
        }
        let in_zone = !zone.is_empty() && zone.iter().all(|&p| s.prefs(p).acceptable(pkg));
        rows.push(if in_zone { 1.0 } else { 0.0 });
    };
    if counts.is_empty() || counts.contains(&0) {
        return (rows, CloudKind::All);
    }
    if space <= o.enumerate_limit {
        // Odometer over every package, in lexicographic order.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        rows.reserve(space as usize * (k + 1));
        let mut pkg: Vec<Level> = vec![0; counts.len()];
        loop {
            push(&pkg, &mut rows);
            let mut i = counts.len();
            loop {
                if i == 0 {
                    return (rows, CloudKind::All);
                }
                i -= 1;
                pkg[i] += 1;
                if (pkg[i] as usize) < counts[i] {
                    break;
                }
                pkg[i] = 0;
            }
        }
    }
    let mut rng = Rng::new(o.seed);
    let mut pkg: Vec<Level> = vec![0; counts.len()];
    rows.reserve(o.samples * (k + 1));
    for _ in 0..o.samples {
        for (l, &n) in pkg.iter_mut().zip(&counts) {
            *l = Level::try_from(rng.below(n)).unwrap_or(0);
        }
        push(&pkg, &mut rows);
    }
    (
        rows,
        CloudKind::Sample {
            seed: o.seed,
            space,
        },
    )
}

/// The pair of columns with the lowest Pearson correlation (ties: the first pair).
fn least_correlated(rows: &[f64], k: usize) -> (usize, usize) {
    let n = rows.len() / (k + 1);
    if n < 2 {
        return (0, 1);
    }
    let col = |c: usize| rows.chunks_exact(k + 1).map(move |r| r[c]);
    #[allow(clippy::cast_precision_loss)]
    let nf = n as f64;
    let means: Vec<f64> = (0..k).map(|c| col(c).sum::<f64>() / nf).collect();
    let sd: Vec<f64> = (0..k)
        .map(|c| (col(c).map(|v| (v - means[c]).powi(2)).sum::<f64>() / nf).sqrt())
        .collect();
    let mut best = (0, 1);
    let mut best_r = f64::INFINITY;
    for i in 0..k {
        for j in i + 1..k {
            let cov = col(i)
                .zip(col(j))
                .map(|(a, b)| (a - means[i]) * (b - means[j]))
                .sum::<f64>()
                / nf;
            let r = if sd[i] > 1e-12 && sd[j] > 1e-12 {
                cov / (sd[i] * sd[j])
            } else {
                1.0
            };
            if r < best_r - 1e-12 {
                best_r = r;
                best = (i, j);
            }
        }
    }
    best
}

type Frontiers = (Vec<(f64, f64)>, Vec<(f64, f64)>, bool);

/// The two-party frontier from the analysis engine (exact unless it says "sample").
fn analysis_frontier(
    s: &Scenario,
    a: &Analysis,
    x: &str,
    y: &str,
    points: usize,
) -> Result<Frontiers, AnalysisError> {
    let opts = Options {
        parties: (!a.zopa.parties.is_empty()).then(|| a.zopa.parties.clone()),
        pareto_points: points,
        ..Options::default()
    };
    let an = Analyzer::with_options(s, opts)?;
    let p = an.pareto_over(&[x.to_string(), y.to_string()])?;
    let to_xy = |pts: &[Vec<f64>]| {
        let mut v: Vec<(f64, f64)> = pts
            .iter()
            .filter(|p| p.len() >= 2)
            .map(|p| (p[0], p[1]))
            .collect();
        v.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.total_cmp(&a.1)));
        v
    };
    let complete = p.size.is_some_and(|n| n as usize <= p.points.len())
        && p.zone_size
            .is_some_and(|n| n as usize <= p.zone_points.len());
    Ok((
        to_xy(&p.points),
        to_xy(&p.zone_points),
        p.points_kind == "exact" && complete,
    ))
}

/// Non-dominated points (maximising both), sorted by x ascending.
pub(crate) fn frontier_of(points: impl Iterator<Item = (f64, f64)>) -> Vec<(f64, f64)> {
    let mut v: Vec<(f64, f64)> = points
        .filter(|p| p.0.is_finite() && p.1.is_finite())
        .collect();
    // x descending, then y descending; keep points whose y beats every earlier y.
    v.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.total_cmp(&a.1)));
    let mut out: Vec<(f64, f64)> = Vec::new();
    let mut best_y = f64::NEG_INFINITY;
    for p in v {
        if p.1 > best_y + 1e-12 {
            best_y = p.1;
            out.push(p);
        }
    }
    out.reverse();
    out
}

// ---------------------------------------------------------------- drafts

/// One party's score of one draft.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftValue {
    /// Lowest utility over the completions of the open issues.
    pub min: f64,
    /// Highest utility.
    pub max: f64,
    /// `yes`, `no` or `depends`.
    pub acceptable: String,
    /// Red lines of the party the draft crosses.
    pub red_lines_crossed: usize,
}

/// One party's line across the drafts.
#[derive(Debug, Clone, PartialEq)]
pub struct PartySeries {
    /// The party.
    pub party: PartyRef,
    /// Its score of each draft, in [`DraftsChart::drafts`] order.
    pub values: Vec<Option<DraftValue>>,
}

/// A draft as an axis position.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftAxis {
    /// Id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Date.
    pub date: String,
    /// Status.
    pub status: String,
}

/// How every party scores every draft: drafts along the x axis (by date), one line per
/// party; partial drafts show each party's range over the open issues.
#[derive(Debug, Clone, PartialEq)]
pub struct DraftsChart {
    /// Title.
    pub title: String,
    /// The drafts, by date (file order for equal dates).
    pub drafts: Vec<DraftAxis>,
    /// One series per party with preferences.
    pub parties: Vec<PartySeries>,
    /// The y range.
    pub range: (f64, f64),
}

impl DraftsChart {
    /// Builds the chart from draft scores (`Analysis::drafts`, or `Analyzer::drafts`).
    pub fn build(s: &Scenario, scores: &[DraftScore]) -> Result<Self, ReportError> {
        if scores.is_empty() {
            return Err(ReportError::Unavailable(
                "the scenario has no drafts".into(),
            ));
        }
        let colors = PartyColors::new(s);
        let mut order: Vec<usize> = (0..scores.len()).collect();
        let date = |i: usize| {
            s.draft_index(&scores[i].id)
                .and_then(|d| day_number(&s.drafts[d].date))
                .unwrap_or(i64::MAX)
        };
        order.sort_by_key(|&i| (date(i), i));
        let drafts: Vec<DraftAxis> = order
            .iter()
            .map(|&i| {
                let d = &scores[i];
                DraftAxis {
                    id: d.id.clone(),
                    title: d.title.clone(),
                    date: s
                        .draft_index(&d.id)
                        .map(|x| s.drafts[x].date.clone())
                        .unwrap_or_default(),
                    status: d.status.clone(),
                }
            })
            .collect();
        let mut parties = Vec::new();
        for p in s.parties_with_preferences() {
            let id = &s.parties[p].id;
            let values = order
                .iter()
                .map(|&i| {
                    scores[i]
                        .scores
                        .iter()
                        .find(|x| &x.party == id)
                        .map(|x| DraftValue {
                            min: x.utility_min,
                            max: x.utility_max,
                            acceptable: x.acceptable_status.to_string(),
                            red_lines_crossed: x.red_lines_crossed.len(),
                        })
                })
                .collect();
            parties.push(PartySeries {
                party: PartyRef::new(s, &colors, p),
                values,
            });
        }
        let range = match s.doc.scenario.utility_scale {
            UtilityScale::Unit => (0.0, 1.0),
            UtilityScale::Raw => padded_range(parties.iter().flat_map(|p| {
                p.values
                    .iter()
                    .flatten()
                    .flat_map(|v| [v.min, v.max])
                    .chain(p.party.reservation)
            })),
        };
        Ok(DraftsChart {
            title: "How each party scores each draft".into(),
            drafts,
            parties,
            range,
        })
    }
}

fn padded_range(vals: impl Iterator<Item = f64>) -> (f64, f64) {
    let (lo, hi) = vals
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
            (l.min(v), h.max(v))
        });
    if lo.is_finite() && hi > lo {
        let pad = (hi - lo) * 0.05;
        (lo - pad, hi + pad)
    } else if lo.is_finite() {
        (lo - 1.0, lo + 1.0)
    } else {
        (0.0, 1.0)
    }
}

// ---------------------------------------------------------------- heatmap

/// One option row of the heatmap.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatRow {
    /// Option label.
    pub label: String,
    /// Value per column (party); `None` for a party without preferences.
    pub values: Vec<Option<f64>>,
    /// Whether a single-issue red line of the column's party forbids the option.
    pub red_line: Vec<bool>,
}

/// One issue: its weight per party and its option rows.
#[derive(Debug, Clone, PartialEq)]
pub struct HeatGroup {
    /// Issue name.
    pub issue: String,
    /// Weight (salience) per column.
    pub weights: Vec<Option<f64>>,
    /// Option rows (numeric issues: a few grid points, ends included).
    pub rows: Vec<HeatRow>,
    /// Number of levels left out of a numeric issue.
    pub omitted: usize,
}

/// What every party values: issues and options down, parties across, colour = value.
#[derive(Debug, Clone, PartialEq)]
pub struct Heatmap {
    /// Title.
    pub title: String,
    /// Columns: parties with preferences.
    pub columns: Vec<PartyRef>,
    /// Issue groups, in file order.
    pub groups: Vec<HeatGroup>,
    /// Range of the colour scale (`(0, 1)` for unit scenarios).
    pub range: (f64, f64),
}

/// Most rows a numeric issue gets in the heatmap.
pub const HEATMAP_NUMERIC_ROWS: usize = 6;

impl Heatmap {
    /// Builds the heatmap of option values.
    pub fn build(s: &Scenario) -> Result<Self, ReportError> {
        let colors = PartyColors::new(s);
        let cols = s.parties_with_preferences();
        if cols.is_empty() || s.issues.is_empty() {
            return Err(ReportError::Unavailable(
                "the heatmap needs issues and parties with preferences".into(),
            ));
        }
        let mut groups = Vec::new();
        for (i, issue) in s.issues.iter().enumerate() {
            let n = issue.len();
            let shown: Vec<usize> =
                if issue.kind == accord_model::IssueKind::Discrete || n <= HEATMAP_NUMERIC_ROWS {
                    (0..n).collect()
                } else {
                    let m = HEATMAP_NUMERIC_ROWS;
                    let mut v: Vec<usize> = (0..m)
                        .map(|j| (j * (n - 1) + (m - 1) / 2) / (m - 1))
                        .collect();
                    v.dedup();
                    v
                };
            let rows = shown
                .iter()
                .map(|&l| {
                    let level = Level::try_from(l).unwrap_or(0);
                    HeatRow {
                        label: issue.levels[l].label.clone(),
                        values: cols
                            .iter()
                            .map(|&p| Some(s.prefs(p).values[i][l]))
                            .collect(),
                        red_line: cols.iter().map(|&p| s.prefs(p).forbids(i, level)).collect(),
                    }
                })
                .collect();
            groups.push(HeatGroup {
                issue: issue.name.clone(),
                weights: cols.iter().map(|&p| Some(s.prefs(p).weights[i])).collect(),
                rows,
                omitted: n - shown.len(),
            });
        }
        let range = match s.doc.scenario.utility_scale {
            UtilityScale::Unit => (0.0, 1.0),
            UtilityScale::Raw => {
                let (lo, hi) = groups
                    .iter()
                    .flat_map(|g| {
                        g.rows
                            .iter()
                            .flat_map(|r| r.values.iter().flatten().copied())
                    })
                    .filter(|v| v.is_finite())
                    .fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
                        (l.min(v), h.max(v))
                    });
                if lo.is_finite() && hi > lo {
                    (lo, hi)
                } else {
                    (0.0, 1.0)
                }
            }
        };
        Ok(Heatmap {
            title: "What each party values: option values (colour) and issue weights".into(),
            columns: cols.iter().map(|&p| PartyRef::new(s, &colors, p)).collect(),
            groups,
            range,
        })
    }
}

// ---------------------------------------------------------------- timeline

/// What a timeline item is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemKind {
    /// An event (meeting, statement, ...).
    Event,
    /// A draft's date.
    Draft,
}

/// One mark on the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineItem {
    /// Day number (days since 1970-01-01).
    pub day: i64,
    /// The date as written.
    pub date: String,
    /// Lanes it appears in (indices into [`Timeline::lanes`]).
    pub lanes: Vec<usize>,
    /// Short label.
    pub label: String,
    /// Longer text for the tooltip.
    pub detail: String,
    /// Event or draft.
    pub kind: ItemKind,
}

/// One row of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Lane {
    /// Label.
    pub label: String,
    /// Colour (a party's, or grey).
    pub color: Rgb,
}

/// Events and drafts over time, one lane per party taking part (plus drafts and others).
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    /// Title.
    pub title: String,
    /// Lanes, top to bottom.
    pub lanes: Vec<Lane>,
    /// Items, by date.
    pub items: Vec<TimelineItem>,
    /// Items left out because their date does not parse.
    pub undated: usize,
}

impl Timeline {
    /// Builds the timeline of events and drafts.
    pub fn build(s: &Scenario) -> Result<Self, ReportError> {
        let colors = PartyColors::new(s);
        let doc = &s.doc;
        let mut used = vec![false; s.parties.len()];
        for e in &doc.events {
            for p in &e.participants {
                if let Some(i) = s.party_index(p) {
                    used[i] = true;
                }
            }
        }
        let mut lanes = vec![Lane {
            label: "Drafts".into(),
            color: crate::palette::BLACK,
        }];
        let mut lane_of = vec![None; s.parties.len()];
        for (i, p) in s.parties.iter().enumerate() {
            if used[i] {
                lane_of[i] = Some(lanes.len());
                lanes.push(Lane {
                    label: p.name.clone(),
                    color: colors.of(i),
                });
            }
        }
        let other = lanes.len();
        let mut items = Vec::new();
        let mut undated = 0;
        let mut other_used = false;
        for d in &s.drafts {
            match day_number(&d.date) {
                Some(day) => items.push(TimelineItem {
                    day,
                    date: d.date.clone(),
                    lanes: vec![0],
                    label: d.id.clone(),
                    detail: format!("{} ({}), {}", d.title, d.status.as_str(), d.date),
                    kind: ItemKind::Draft,
                }),
                None => undated += 1,
            }
        }
        for e in &doc.events {
            let Some(day) = day_number(&e.date) else {
                undated += 1;
                continue;
            };
            let mut l: Vec<usize> = e
                .participants
                .iter()
                .filter_map(|p| s.party_index(p).and_then(|i| lane_of[i]))
                .collect();
            l.sort_unstable();
            l.dedup();
            if l.is_empty() {
                l.push(other);
                other_used = true;
            }
            let place = e
                .place
                .as_deref()
                .map(|p| format!(", {p}"))
                .unwrap_or_default();
            items.push(TimelineItem {
                day,
                date: e.date.clone(),
                lanes: l,
                label: e.kind.clone(),
                detail: format!("{}{place} ({}): {}", e.date, e.kind, e.summary),
                kind: ItemKind::Event,
            });
        }
        if other_used {
            lanes.push(Lane {
                label: "Others".into(),
                color: crate::palette::GREY,
            });
        }
        if items.is_empty() {
            return Err(ReportError::Unavailable(
                "the scenario has no dated events or drafts".into(),
            ));
        }
        items.sort_by_key(|it| it.day);
        Ok(Timeline {
            title: "Timeline of events and drafts".into(),
            lanes,
            items,
            undated,
        })
    }
}

// ---------------------------------------------------------------- tornado

/// One input of a sensitivity analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct TornadoRow {
    /// What was varied.
    pub label: String,
    /// The output with the input at its low end.
    pub low: f64,
    /// The output with the input at its high end.
    pub high: f64,
}

/// A tornado chart: how far each input swings an output around its base value, widest
/// swing on top.
#[derive(Debug, Clone, PartialEq)]
pub struct Tornado {
    /// Title.
    pub title: String,
    /// What the output is ("probability of a deal").
    pub output: String,
    /// The output with every input at its base value.
    pub base: f64,
    /// The inputs (any order; drawn widest first).
    pub rows: Vec<TornadoRow>,
}

impl Tornado {
    /// A tornado chart from `(label, low, high)` triples.
    pub fn new(
        title: impl Into<String>,
        output: impl Into<String>,
        base: f64,
        rows: impl IntoIterator<Item = (String, f64, f64)>,
    ) -> Self {
        Tornado {
            title: title.into(),
            output: output.into(),
            base,
            rows: rows
                .into_iter()
                .map(|(label, low, high)| TornadoRow { label, low, high })
                .collect(),
        }
    }
}

// ---------------------------------------------------------------- numbers

/// `12,345`.
pub fn fmt_int(n: usize) -> String {
    let s = n.to_string();
    let mut out = String::new();
    for (i, ch) in s.chars().enumerate() {
        if i > 0 && (s.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(ch);
    }
    out
}

/// An integer-valued float for people: `2,096,160,768` below 10^10, else `2.10e15`.
pub fn fmt_big(x: f64) -> String {
    if (0.0..1e10).contains(&x) {
        // Below 10^10, so exact in usize on 64-bit targets.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let n = x.round() as usize;
        fmt_int(n)
    } else {
        format!("{x:.2e}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frontier_keeps_undominated_points() {
        let f = frontier_of(
            [
                (0.1, 0.9),
                (0.5, 0.5),
                (0.4, 0.4),
                (0.9, 0.1),
                (0.5, 0.5),
                (0.2, 0.9),
            ]
            .into_iter(),
        );
        assert_eq!(f, vec![(0.2, 0.9), (0.5, 0.5), (0.9, 0.1)]);
    }

    #[test]
    fn numbers_for_people() {
        assert_eq!(fmt_int(0), "0");
        assert_eq!(fmt_int(1234567), "1,234,567");
        assert_eq!(fmt_big(2_096_160_768.0), "2,096,160,768");
        assert_eq!(fmt_big(7.2e16), "7.20e16");
    }
}
