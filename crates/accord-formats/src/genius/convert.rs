//! GENIUS intermediate form -> accord [`ScenarioDoc`], under GENIUS 10.4 or NegMAS 0.16 rules.

use std::path::Path;

use accord_model::{
    ConditionDoc, InteractionDoc, IssueDoc, IssueKind, Judgement, OptionDoc, PartyDoc, PointsDoc,
    PreferencesDoc, Role, ScenarioDoc, ScenarioMeta, UtilityScale, ValuesDoc,
};
use indexmap::IndexMap;
use serde_json::{Value, json};

use super::xml::{
    DomIssue, DomKind, Domain, Evaluator, Pos, ProfIssue, Profile, ProfileType, Ufun,
};
use crate::Semantics;
use crate::error::FormatError;
use crate::ids::IdAllocator;
use crate::maxsum::{BoxTerm, max_sum};
use crate::pwl::{line_points, triangle_points};

/// Grid points of a real issue without `step` (accord's default).
pub(crate) const REAL_GRID_INTERVALS: u32 = 100;

/// An issue as placed in the document.
#[derive(Debug, Clone)]
pub(crate) struct IssueInfo<'a> {
    pub dom: &'a DomIssue,
    pub id: String,
    /// Option ids, in domain order (discrete issues).
    pub option_ids: Vec<String>,
    /// Grid x values (numeric issues).
    pub grid: Vec<f64>,
}

impl IssueInfo<'_> {
    fn bounds(&self) -> (f64, f64) {
        match self.dom.kind {
            #[allow(clippy::cast_precision_loss)]
            DomKind::Integer { lo, hi } => (lo as f64, hi as f64),
            DomKind::Real { lo, hi } => (lo, hi),
            DomKind::Discrete(_) => (0.0, 0.0),
        }
    }
}

/// Grid of a numeric issue as accord's validator builds it.
pub(crate) fn numeric_grid(kind: &DomKind) -> Vec<f64> {
    match *kind {
        DomKind::Discrete(_) => Vec::new(),
        #[allow(clippy::cast_precision_loss)]
        DomKind::Integer { lo, hi } => {
            // Bounded so a hostile file cannot ask for billions of levels; validation
            // rejects issues above accord_model::MAX_LEVELS anyway.
            let n = hi.saturating_sub(lo).saturating_add(1);
            if n > i64::try_from(accord_model::MAX_LEVELS).unwrap_or(i64::MAX) {
                return Vec::new();
            }
            (lo..=hi).map(|x| x as f64).collect()
        }
        DomKind::Real { lo, hi } => {
            if hi <= lo {
                return vec![lo];
            }
            let step = (hi - lo) / f64::from(REAL_GRID_INTERVALS);
            let n = ((hi - lo) / step + 1e-9).floor() as u32 + 1;
            (0..n)
                .map(|k| {
                    let x = lo + step * f64::from(k);
                    if (x - hi).abs() < step * 1e-9 { hi } else { x }
                })
                .collect()
        }
    }
}

/// Per-issue values before they become a [`ValuesDoc`].
#[derive(Debug, Clone)]
enum Vals {
    /// One value per option, in domain order.
    Options(Vec<f64>),
    /// Piecewise-linear points.
    Points(Vec<[f64; 2]>),
}

impl Vals {
    fn scaled(&self, k: f64, add: f64) -> Vals {
        match self {
            Vals::Options(v) => Vals::Options(v.iter().map(|x| x * k + add).collect()),
            Vals::Points(p) => Vals::Points(p.iter().map(|&[x, y]| [x, y * k + add]).collect()),
        }
    }

    fn constant(issue: &IssueInfo, c: f64) -> Vals {
        match &issue.dom.kind {
            DomKind::Discrete(v) => Vals::Options(vec![c; v.len()]),
            _ => {
                let (lo, hi) = issue.bounds();
                if hi > lo {
                    Vals::Points(vec![[lo, c], [hi, c]])
                } else {
                    Vals::Points(vec![[lo, c]])
                }
            }
        }
    }
}

/// The additive part of a profile: per issue a weight and (maybe) values, plus a constant.
struct Additive {
    weights: Vec<f64>,
    values: Vec<Option<Vals>>,
    bias: f64,
}

struct Conv<'a> {
    sem: Semantics,
    issues: Vec<IssueInfo<'a>>,
    warnings: Vec<String>,
}

fn loc(path: &Path, pos: Pos) -> String {
    match pos {
        Some((l, c)) => format!("{}:{l}:{c}", path.display()),
        None => path.display().to_string(),
    }
}

/// Converts a domain and its profiles into a scenario document.
pub(crate) fn to_doc(
    domain: &Domain,
    profiles: &[Profile],
    sem: Semantics,
    scenario_id: &str,
    origin: &str,
    pareto: Option<Vec<Vec<f64>>>,
) -> Result<(ScenarioDoc, Vec<String>), FormatError> {
    let mut warnings = domain.warnings.clone();
    for p in profiles {
        warnings.extend(p.warnings.iter().cloned());
    }

    // Issue order: file order (GENIUS), index order with indices exactly 1..n (NegMAS).
    let mut order: Vec<&DomIssue> = domain.issues.iter().collect();
    if sem == Semantics::Negmas {
        order.sort_by_key(|i| i.index);
        for (k, i) in order.iter().enumerate() {
            let want = i64::try_from(k).unwrap_or(i64::MAX).saturating_add(1);
            if i.index != want {
                return Err(FormatError::unsupported(
                    &domain.path,
                    i.pos,
                    format!("issue index {} where NegMAS expects {want}", i.index),
                    format!(
                        "NegMAS 0.16 places issue `index` i at position i-1 and rejects gaps (\"No issue with index {} is found even though we have issues with higher indices\"); load this domain with GENIUS semantics instead",
                        want - 1
                    ),
                ));
            }
        }
        let mut names: Vec<&str> = order.iter().map(|i| i.name.as_str()).collect();
        names.sort_unstable();
        if let Some(w) = names.windows(2).find(|w| w[0] == w[1]) {
            return Err(FormatError::invalid(
                &domain.path,
                None,
                format!(
                    "two issues are named `{}`; NegMAS matches profile issues by name",
                    w[0]
                ),
            ));
        }
    }
    let mut issue_ids = IdAllocator::default();
    let mut issues = Vec::with_capacity(order.len());
    for (k, d) in order.iter().enumerate() {
        let id = issue_ids.alloc(&d.name, &format!("issue{}", k + 1));
        let mut opt_ids = IdAllocator::default();
        let option_ids = match &d.kind {
            DomKind::Discrete(vals) => vals
                .iter()
                .enumerate()
                .map(|(j, v)| opt_ids.alloc(v, &format!("v{}", j + 1)))
                .collect(),
            _ => Vec::new(),
        };
        issues.push(IssueInfo {
            dom: d,
            id,
            option_ids,
            grid: numeric_grid(&d.kind),
        });
    }
    let mut cv = Conv {
        sem,
        issues,
        warnings: Vec::new(),
    };

    let mut party_ids = IdAllocator::default();
    let mut parties = Vec::new();
    let mut preferences = IndexMap::new();
    let mut profile_meta = serde_json::Map::new();
    for (k, p) in profiles.iter().enumerate() {
        let stem = super::xml::file_stem(&p.path);
        let pid = party_ids.alloc(&stem, &format!("party{}", k + 1));
        let (prefs, meta) = cv.profile(p, &pid)?;
        parties.push(PartyDoc {
            id: pid.clone(),
            name: if stem.is_empty() { pid.clone() } else { stem },
            role: Role::Principal,
            capability: Judgement::plain(1.0),
            veto: None,
            members: Vec::new(),
            description: None,
        });
        preferences.insert(pid.clone(), prefs);
        profile_meta.insert(pid, meta);
    }
    warnings.append(&mut cv.warnings);

    let issue_docs: Vec<IssueDoc> = cv.issues.iter().map(issue_doc).collect();
    let mut meta = IndexMap::new();
    meta.insert("format".to_string(), json!("genius"));
    meta.insert("semantics".to_string(), json!(sem.as_str()));
    meta.insert("origin".to_string(), json!(origin));
    meta.insert("domain_file".to_string(), json!(file_name(&domain.path)));
    meta.insert("domain_name".to_string(), json!(domain.name));
    if let Some(oi) = domain
        .objective_index
        .as_deref()
        .filter(|i| i.trim() != "0")
    {
        meta.insert("objective_index".to_string(), json!(oi));
    }
    let idx: serde_json::Map<String, Value> = cv
        .issues
        .iter()
        .map(|i| (i.id.clone(), json!(i.dom.index)))
        .collect();
    meta.insert("issue_index".to_string(), Value::Object(idx));
    meta.insert("profiles".to_string(), Value::Object(profile_meta));
    if cv
        .issues
        .iter()
        .any(|i| matches!(i.dom.kind, DomKind::Real { .. }))
    {
        meta.insert(
            "notes".to_string(),
            json!([
                "real issues are continuous in GENIUS; accord analyses them on a 101-point grid"
            ]),
        );
    }
    if let Some(p) = pareto {
        meta.insert("genius_pareto".to_string(), json!(p));
    }
    let scale = match sem {
        Semantics::Genius => UtilityScale::Unit,
        Semantics::Negmas => UtilityScale::Raw,
    };
    let doc = ScenarioDoc {
        scenario: ScenarioMeta {
            id: scenario_id.to_string(),
            title: format!("GENIUS domain {}", domain.name),
            as_of: None,
            description: Some(format!(
                "Imported from {origin} with {} semantics.",
                sem.describe()
            )),
            utility_scale: scale,
            metadata: meta,
        },
        parties,
        issues: issue_docs,
        preferences,
        drafts: Vec::new(),
        events: Vec::new(),
        sources: Vec::new(),
    };
    Ok((doc, warnings))
}

/// NegMAS's position for a GENIUS index (`index - 1`), when it names one of `n` issues.
fn negmas_position(index: i64, n: usize) -> Option<usize> {
    usize::try_from(index.checked_sub(1)?)
        .ok()
        .filter(|k| *k < n)
}

pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn issue_doc(i: &IssueInfo) -> IssueDoc {
    let mut d = IssueDoc {
        id: i.id.clone(),
        name: i.dom.name.clone(),
        description: None,
        kind: IssueKind::Discrete,
        options: Vec::new(),
        ordered: false,
        min: None,
        max: None,
        step: None,
        unit: None,
    };
    match &i.dom.kind {
        DomKind::Discrete(vals) => {
            d.options = vals
                .iter()
                .zip(&i.option_ids)
                .map(|(v, id)| OptionDoc {
                    id: id.clone(),
                    label: (v != id).then(|| v.clone()),
                    description: None,
                })
                .collect();
        }
        #[allow(clippy::cast_precision_loss)]
        DomKind::Integer { lo, hi } => {
            d.kind = IssueKind::Integer;
            d.min = Some(*lo as f64);
            d.max = Some(*hi as f64);
        }
        DomKind::Real { lo, hi } => {
            d.kind = IssueKind::Real;
            d.min = Some(*lo);
            d.max = Some(*hi);
        }
    }
    d
}

fn vals_doc(issue: &IssueInfo, v: &Vals) -> ValuesDoc {
    match v {
        Vals::Options(vs) => ValuesDoc::Options(
            issue
                .option_ids
                .iter()
                .zip(vs)
                .map(|(id, &x)| (id.clone(), Judgement::plain(x)))
                .collect(),
        ),
        Vals::Points(p) => ValuesDoc::Points(PointsDoc {
            points: p.clone(),
            ..PointsDoc::default()
        }),
    }
}

fn extra_value(s: &str) -> Value {
    if let Ok(i) = s.parse::<i64>() {
        return json!(i);
    }
    if let Some(x) = super::xml::parse_f64(s) {
        return json!(x);
    }
    match s {
        "true" => json!(true),
        "false" => json!(false),
        _ => json!(s),
    }
}

impl Conv<'_> {
    fn warn(&mut self, path: &Path, pos: Pos, msg: impl AsRef<str>) {
        self.warnings
            .push(format!("{}: {}", loc(path, pos), msg.as_ref()));
    }

    fn issue_by_index(&self, index: i64) -> Option<usize> {
        self.issues.iter().position(|i| i.dom.index == index)
    }

    fn profile(&mut self, p: &Profile, pid: &str) -> Result<(PreferencesDoc, Value), FormatError> {
        let mut meta = serde_json::Map::new();
        meta.insert("file".into(), json!(file_name(&p.path)));
        meta.insert("type".into(), json!(p.ptype.as_str()));

        // Reservation and discount: GENIUS looks at every level (first found); NegMAS reads
        // only children of the root (the last one wins).
        let (res, disc) = match self.sem {
            Semantics::Genius => {
                if p.reservations.len() > 1 {
                    self.warn(
                        &p.path,
                        p.reservations[1].2,
                        "several <reservation> elements; the first is used",
                    );
                }
                (
                    p.reservations.first().map(|r| r.0),
                    p.discounts.first().map(|d| d.0),
                )
            }
            Semantics::Negmas => (
                p.reservations.iter().rev().find(|r| r.1).map(|r| r.0),
                p.discounts.iter().rev().find(|d| d.1).map(|d| d.0),
            ),
        };
        if let Some(r) = res {
            meta.insert("reservation".into(), json!(r));
        }
        if let Some(d) = disc {
            meta.insert("discount_factor".into(), json!(d));
        }
        // GENIUS validateDiscount: d <= 0 or d > 1 means no discount.
        let discount = disc.filter(|d| *d > 0.0 && *d < 1.0);

        let mut prefs = PreferencesDoc {
            reservation: Judgement::plain(res.unwrap_or(0.0)),
            discount,
            ..PreferencesDoc::default()
        };

        let mut additive = if p.ptype == ProfileType::Nonlinear {
            if self.sem == Semantics::Genius
                && p.issues
                    .iter()
                    .any(|i| i.evaluator.is_some() || !i.items.is_empty())
            {
                self.warn(&p.path, p.root_pos, "a nonlinear profile's issue evaluators are ignored (GENIUS evaluates only the hyper-rectangles)");
            }
            if self.sem == Semantics::Negmas
                && p.issues.iter().any(|i| {
                    i.evaluator.is_some() || i.items.iter().any(|it| it.evaluation.is_some())
                })
            {
                Some(self.additive(p)?)
            } else {
                None
            }
        } else {
            Some(self.additive(p)?)
        };

        let mut interactions = Vec::new();
        let mut constant = 0.0;
        if p.ptype == ProfileType::Nonlinear {
            let Some(u) = &p.utility else {
                return Err(FormatError::invalid(
                    &p.path,
                    p.root_pos,
                    "a nonlinear profile needs a <utility> element with <ufun> hyper-rectangles",
                ));
            };
            let (terms, c, m) = self.nonlinear(p, u)?;
            constant = c;
            interactions = terms;
            if let Some(m) = m {
                meta.insert("maxutility".into(), json!(m));
            }
            if self.sem == Semantics::Negmas {
                // NegMAS passes the stray-weight bias to both parts of a mixed ufun.
                let bias = self.negmas_bias(p);
                constant += bias;
            }
        } else if p.utility.is_some() {
            self.warn(
                &p.path,
                p.root_pos,
                "a <utility> element in a linear profile is ignored",
            );
        }
        if p.ptype == ProfileType::Uncertain || !p.extras.is_empty() {
            let extras: serde_json::Map<String, Value> = p
                .extras
                .iter()
                .map(|(k, v)| (k.clone(), extra_value(v)))
                .collect();
            meta.insert("uncertain".into(), Value::Object(extras));
        }

        // Assemble weights and values.
        let n = self.issues.len();
        let add = additive.take().unwrap_or(Additive {
            weights: vec![0.0; n],
            values: vec![None; n],
            bias: 0.0,
        });
        let (weights, values) = self.assemble(add, constant, pid)?;
        for (k, issue) in self.issues.iter().enumerate() {
            if weights[k] != 0.0 || values[k].is_some() {
                prefs
                    .weights
                    .insert(issue.id.clone(), Judgement::plain(weights[k]));
            }
            if let Some(v) = &values[k] {
                prefs.values.insert(issue.id.clone(), vals_doc(issue, v));
            }
        }
        prefs.interactions = interactions;
        Ok((prefs, Value::Object(meta)))
    }

    /// Weights with the constant folded in so that the document is valid: weights are
    /// non-negative and sum to 1; `w'_i v'_i = w_i v_i`.
    fn assemble(
        &self,
        add: Additive,
        constant: f64,
        pid: &str,
    ) -> Result<(Vec<f64>, Vec<Option<Vals>>), FormatError> {
        let n = self.issues.len();
        let bias = add.bias + constant;
        let total: f64 = add
            .weights
            .iter()
            .zip(&add.values)
            .filter(|(_, v)| v.is_some())
            .map(|(w, _)| w.abs())
            .sum();
        let mut weights = vec![0.0; n];
        let mut values: Vec<Option<Vals>> = vec![None; n];
        if total > 0.0 && total.is_finite() {
            let genius_exact = self.sem == Semantics::Genius && (total - 1.0).abs() < 1e-12;
            for k in 0..n {
                let Some(v) = &add.values[k] else { continue };
                let w = add.weights[k];
                if genius_exact {
                    weights[k] = w;
                    values[k] = Some(v.clone());
                } else {
                    weights[k] = w.abs() / total;
                    let sign = if w < 0.0 { -1.0 } else { 1.0 };
                    values[k] = Some(if w == 0.0 {
                        v.clone()
                    } else {
                        v.scaled(sign * total, 0.0)
                    });
                }
            }
            if bias != 0.0 {
                let (k, wk) = weights
                    .iter()
                    .copied()
                    .enumerate()
                    .max_by(|a, b| a.1.total_cmp(&b.1))
                    .unwrap_or((0, 0.0));
                if let Some(v) = values[k].as_mut() {
                    *v = v.scaled(1.0, bias / wk);
                }
            }
        } else {
            if n == 0 {
                return Err(FormatError::new(
                    crate::error::ErrorKind::Invalid,
                    format!("profile `{pid}` has no issues"),
                ));
            }
            // Nothing additive: weight 1 on the first issue, carrying the constant.
            weights[0] = 1.0;
            values[0] = Some(Vals::constant(&self.issues[0], bias));
        }
        Ok((weights, values))
    }

    fn negmas_bias(&self, p: &Profile) -> f64 {
        let n = i64::try_from(self.issues.len()).unwrap_or(i64::MAX);
        p.weights
            .iter()
            .filter(|(idx, _, _)| !(1..=n).contains(idx))
            .map(|w| w.1)
            .sum()
    }

    /// Matches each profile issue to a document issue.
    fn match_issues<'p>(
        &mut self,
        p: &'p Profile,
    ) -> Result<Vec<Option<&'p ProfIssue>>, FormatError> {
        let mut by_doc: Vec<Option<&ProfIssue>> = vec![None; self.issues.len()];
        for pi in &p.issues {
            let k = match self.sem {
                Semantics::Genius => self.issue_by_index(pi.index).ok_or_else(|| {
                    FormatError::invalid(
                        &p.path,
                        pi.pos,
                        format!(
                            "issue index {} of the profile is not an issue of the domain (profiles refer to domain issues by index)",
                            pi.index
                        ),
                    )
                })?,
                Semantics::Negmas => {
                    let name = pi.name.as_deref().ok_or_else(|| {
                        FormatError::invalid(&p.path, pi.pos, "<issue> has no `name` (NegMAS matches issues by name)")
                    })?;
                    self.issues.iter().position(|i| i.dom.name == name).ok_or_else(|| {
                        FormatError::invalid(
                            &p.path,
                            pi.pos,
                            format!("issue `{name}` is not in the domain (NegMAS matches profile issues to domain issues by name)"),
                        )
                    })?
                }
            };
            if by_doc[k].is_some() {
                return Err(FormatError::invalid(
                    &p.path,
                    pi.pos,
                    format!(
                        "issue `{}` is described twice in the profile",
                        self.issues[k].dom.name
                    ),
                ));
            }
            if self.sem == Semantics::Genius
                && let Some(name) = &pi.name
                && *name != self.issues[k].dom.name
            {
                let msg = format!(
                    "profile issue {} is named `{name}` but the domain calls it `{}`; matched by index",
                    pi.index, self.issues[k].dom.name
                );
                self.warn(&p.path, pi.pos, msg);
            }
            by_doc[k] = Some(pi);
        }
        Ok(by_doc)
    }

    fn additive(&mut self, p: &Profile) -> Result<Additive, FormatError> {
        let n = self.issues.len();
        let by_doc = self.match_issues(p)?;

        // Weights.
        let mut weights = vec![None::<f64>; n];
        for &(idx, w, pos) in &p.weights {
            let k = match self.sem {
                Semantics::Genius => by_doc
                    .iter()
                    .position(|pi| pi.is_some_and(|pi| pi.index == idx)),
                Semantics::Negmas => negmas_position(idx, n),
            };
            match k {
                Some(k) => {
                    if weights[k].is_some() {
                        self.warn(
                            &p.path,
                            pos,
                            format!("a second weight for issue index {idx}; it replaces the first"),
                        );
                    }
                    weights[k] = Some(w);
                }
                None => {
                    if self.sem == Semantics::Genius {
                        self.warn(&p.path, pos, format!(
                            "weight index {idx} matches no issue of the profile; ignored (as GENIUS does)"
                        ));
                    }
                    // NegMAS adds it to a constant bias (see negmas_bias).
                }
            }
        }

        let mut values: Vec<Option<Vals>> = vec![None; n];
        let mut out_w = vec![0.0; n];
        let all_numeric = self
            .issues
            .iter()
            .all(|i| !matches!(i.dom.kind, DomKind::Discrete(_)));
        for k in 0..n {
            let issue = self.issues[k].clone();
            let Some(pi) = by_doc[k] else {
                match self.sem {
                    Semantics::Genius => {
                        return Err(FormatError::invalid(
                            &p.path,
                            p.root_pos,
                            format!(
                                "the profile has no evaluator for issue `{}` (index {}); GENIUS cannot evaluate bids without one",
                                issue.dom.name, issue.dom.index
                            ),
                        ));
                    }
                    Semantics::Negmas if all_numeric => continue, // NegMAS: weight 0
                    Semantics::Negmas => {
                        return Err(FormatError::invalid(
                            &p.path,
                            p.root_pos,
                            format!(
                                "the profile has no values for issue `{}`; NegMAS 0.16 cannot evaluate such a profile",
                                issue.dom.name
                            ),
                        ));
                    }
                }
            };
            let w = match weights[k] {
                Some(w) => w,
                None => match self.sem {
                    Semantics::Genius => {
                        self.warn(
                            &p.path,
                            pi.pos,
                            format!("issue `{}` has no <weight>; it weighs 0", issue.dom.name),
                        );
                        0.0
                    }
                    Semantics::Negmas => 1.0,
                },
            };
            out_w[k] = w;
            values[k] = Some(self.issue_values(p, pi, &issue)?);
        }
        if self.sem == Semantics::Genius {
            let sum: f64 = out_w.iter().sum();
            if !(sum > 0.0 && sum.is_finite()) {
                return Err(FormatError::invalid(
                    &p.path,
                    p.root_pos,
                    format!(
                        "the profile's weights sum to {sum}; GENIUS needs a positive sum to normalise them"
                    ),
                ));
            }
            if (sum - 1.0).abs() > 1e-9 {
                self.warn(
                    &p.path,
                    p.root_pos,
                    format!("weights sum to {sum}; renormalised to 1 (as GENIUS does)"),
                );
            }
            for w in &mut out_w {
                *w /= sum;
            }
        }
        let bias = if self.sem == Semantics::Negmas {
            self.negmas_bias(p)
        } else {
            0.0
        };
        Ok(Additive {
            weights: out_w,
            values,
            bias,
        })
    }

    fn issue_values(
        &mut self,
        p: &Profile,
        pi: &ProfIssue,
        issue: &IssueInfo,
    ) -> Result<Vals, FormatError> {
        let dname = &issue.dom.name;
        match &issue.dom.kind {
            DomKind::Discrete(domvals) => {
                if pi.itype != "discrete" {
                    return Err(FormatError::invalid(
                        &p.path,
                        pi.pos,
                        format!(
                            "issue `{dname}` is discrete in the domain but `{}` in the profile",
                            pi.itype
                        ),
                    ));
                }
                let mut evals: Vec<Option<f64>> = vec![None; domvals.len()];
                for it in &pi.items {
                    let Some(v) = &it.value else {
                        self.warn(&p.path, it.pos, "an <item> without `value` is ignored");
                        continue;
                    };
                    let Some(j) = domvals.iter().position(|d| d == v) else {
                        return Err(FormatError::invalid(
                            &p.path,
                            it.pos,
                            format!(
                                "value `{v}` of issue `{dname}` is not a value of the domain (values must match exactly)"
                            ),
                        ));
                    };
                    match it.evaluation {
                        Some(e) => evals[j] = Some(e),
                        None if self.sem == Semantics::Negmas => {
                            return Err(FormatError::invalid(
                                &p.path,
                                it.pos,
                                format!(
                                    "item `{v}` of issue `{dname}` has no numeric evaluation (NegMAS 0.16 rejects this)"
                                ),
                            ));
                        }
                        None => {}
                    }
                }
                for (j, e) in evals.iter().enumerate() {
                    if e.is_some() {
                        continue;
                    }
                    if self.sem == Semantics::Negmas {
                        return Err(FormatError::invalid(
                            &p.path,
                            pi.pos,
                            format!(
                                "value `{}` of issue `{dname}` has no evaluation; NegMAS 0.16 cannot evaluate packages with it",
                                domvals[j]
                            ),
                        ));
                    }
                    self.warn(
                        &p.path,
                        pi.pos,
                        format!(
                            "value `{}` of issue `{dname}` has no evaluation; it counts as 0",
                            domvals[j]
                        ),
                    );
                }
                let raw: Vec<f64> = evals.iter().map(|e| e.unwrap_or(0.0)).collect();
                match self.sem {
                    Semantics::Negmas => Ok(Vals::Options(raw)),
                    Semantics::Genius => {
                        // EvaluatorDiscrete.normalize: divide by the maximum; below 1e-5 all 0.
                        let max = raw.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                        if max < 1e-5 {
                            Ok(Vals::Options(vec![0.0; raw.len()]))
                        } else {
                            Ok(Vals::Options(raw.iter().map(|e| e / max).collect()))
                        }
                    }
                }
            }
            DomKind::Integer { .. } | DomKind::Real { .. } => {
                let integer = matches!(issue.dom.kind, DomKind::Integer { .. });
                let (lo, hi) = issue.bounds();
                let Some(ev) = &pi.evaluator else {
                    return Err(FormatError::invalid(
                        &p.path,
                        pi.pos,
                        format!("numeric issue `{dname}` has no <evaluator>"),
                    ));
                };
                self.numeric_values(p, ev, integer, lo, hi, dname)
            }
        }
    }

    fn numeric_values(
        &mut self,
        p: &Profile,
        ev: &Evaluator,
        integer: bool,
        lo: f64,
        hi: f64,
        dname: &str,
    ) -> Result<Vals, FormatError> {
        let need = |v: Option<f64>, what: &str| {
            v.ok_or_else(|| {
                FormatError::invalid(
                    &p.path,
                    ev.pos,
                    format!("the {} evaluator of `{dname}` has no `{what}`", ev.ftype),
                )
            })
        };
        match (self.sem, ev.ftype.as_str()) {
            (Semantics::Genius, "linear") if integer => {
                let (offset, slope) = match (ev.offset, ev.slope) {
                    (Some(o), Some(s)) => (o, s),
                    _ if ev.p0.is_some() || ev.p1.is_some() => {
                        self.warn(&p.path, ev.pos, format!(
                            "integer evaluator of `{dname}` uses parameter0/parameter1 (old GENIUS format); read as offset/slope"
                        ));
                        (ev.p0.unwrap_or(0.0), ev.p1.unwrap_or(0.0))
                    }
                    _ => {
                        return Err(FormatError::invalid(
                            &p.path,
                            ev.pos,
                            format!(
                                "the integer evaluator of `{dname}` needs `offset` and `slope`"
                            ),
                        ));
                    }
                };
                // EvaluatorInteger: clamp01(offset + slope * (x - lowerbound)).
                Ok(Vals::Points(line_points(offset, slope, lo, hi, true)))
            }
            (Semantics::Genius, "linear") => {
                let (a, b) = (need(ev.p0, "parameter0")?, need(ev.p1, "parameter1")?);
                // EvaluatorReal: clamp01(parameter0 + parameter1 * x), x absolute.
                Ok(Vals::Points(line_points(a + b * lo, b, lo, hi, true)))
            }
            (Semantics::Genius, "constant") if !integer => {
                let a = need(ev.p0, "parameter0")?;
                Ok(Vals::Points(line_points(a, 0.0, lo, hi, false)))
            }
            (_, "triangular") if !integer => {
                let (a, b) = (ev.p0.unwrap_or(0.0), ev.p1.unwrap_or(1.0));
                let t = ev.p2.unwrap_or(1.0);
                let (a, b, t) = match self.sem {
                    Semantics::Genius => (
                        need(ev.p0, "parameter0")?,
                        need(ev.p1, "parameter1")?,
                        need(ev.p2, "parameter2")?,
                    ),
                    Semantics::Negmas => (a, b, t),
                };
                triangle_points(a, t, b).map(Vals::Points).ok_or_else(|| {
                    FormatError::unsupported(
                        &p.path,
                        ev.pos,
                        "degenerate triangular evaluator",
                        format!("`{dname}` needs parameter0 < parameter2 < parameter1 (got {a}, {t}, {b})"),
                    )
                })
            }
            (Semantics::Negmas, "linear") => {
                // make_fun_from_xml: offset (or parameter0, default 0) + slope (or parameter1,
                // default 1) * x, on absolute x, never clamped.
                let a = ev.offset.or(ev.p0).unwrap_or(0.0);
                let b = ev.slope.or(ev.p1).unwrap_or(1.0);
                Ok(Vals::Points(line_points(a + b * lo, b, lo, hi, false)))
            }
            (sem, other) => Err(FormatError::unsupported(
                &p.path,
                ev.pos,
                format!(
                    "evaluator ftype=\"{other}\" on {} issue `{dname}`",
                    if integer { "integer" } else { "real" }
                ),
                match sem {
                    Semantics::Genius => {
                        "GENIUS integer issues take `linear`; real issues `linear`, `constant` or `triangular` (faratin and others are not piecewise-linear)"
                    }
                    Semantics::Negmas => {
                        "under NegMAS semantics only `linear` and `triangular` evaluators are supported (NegMAS 0.16 also reads `quadratic`, which is not piecewise-linear)"
                    }
                },
            )),
        }
    }

    /// Hyper-rectangles -> interaction terms, an always-on constant, and maxutility.
    fn nonlinear(
        &mut self,
        p: &Profile,
        u: &super::xml::Utility,
    ) -> Result<(Vec<InteractionDoc>, f64, Option<f64>), FormatError> {
        // Flatten the ufun tree into (contribution, rect) pairs.
        let mut flat: Vec<(f64, &super::xml::Rect)> = Vec::new();
        fn walk<'u>(
            cv: &mut Conv,
            p: &Profile,
            f: &'u Ufun,
            factor: f64,
            out: &mut Vec<(f64, &'u super::xml::Rect)>,
        ) -> Result<(), FormatError> {
            if f.utype != "PlainUfun" {
                return Err(FormatError::unsupported(
                    &p.path,
                    f.pos,
                    format!("ufun type=\"{}\"", f.utype),
                    "only PlainUfun hyper-rectangle functions are supported",
                ));
            }
            if f.aggregation != "sum" {
                return Err(FormatError::unsupported(
                    &p.path,
                    f.pos,
                    format!("ufun aggregation=\"{}\"", f.aggregation),
                    "only `sum` aggregation is additive; `max` and `min` cannot be expressed as interaction terms",
                ));
            }
            let factor = factor * f.weight;
            for r in &f.rects {
                let w = match cv.sem {
                    Semantics::Genius => r.weight,
                    Semantics::Negmas => {
                        if (r.weight - 1.0).abs() > 0.0 {
                            cv.warn(
                                &p.path,
                                r.pos,
                                "NegMAS 0.16 ignores a hyperRectangle's `weight`",
                            );
                        }
                        1.0
                    }
                };
                out.push((r.utility * w * factor, r));
            }
            for c in &f.children {
                if cv.sem == Semantics::Negmas {
                    return Err(FormatError::unsupported(
                        &p.path,
                        c.pos,
                        "nested <ufun>",
                        "NegMAS 0.16 reads only top-level ufuns (it would misread a nested ufun as a hyper-rectangle)",
                    ));
                }
                walk(cv, p, c, factor, out)?;
            }
            Ok(())
        }
        for f in &u.ufuns {
            walk(self, p, f, 1.0, &mut flat)?;
        }

        let m = match self.sem {
            Semantics::Genius => match u.maxutility {
                Some(m) if m > 0.0 => Some(m),
                other => {
                    return Err(FormatError::unsupported(
                        &p.path,
                        u.pos,
                        format!(
                            "maxutility=\"{}\"",
                            other.map_or("(missing)".to_string(), |m| m.to_string())
                        ),
                        "GENIUS divides by maxutility, so it must be a positive number",
                    ));
                }
            },
            Semantics::Negmas => u.maxutility,
        };
        let scale = match self.sem {
            Semantics::Genius => m.unwrap_or(1.0),
            Semantics::Negmas => 1.0,
        };

        let mut constant = 0.0;
        let mut terms = Vec::new();
        let mut boxes = Vec::new();
        let mut never = 0usize;
        'rects: for (value, r) in flat {
            // Per issue: (first level, last level) of the grid inside the bound.
            let mut ranges: Vec<(usize, usize, usize)> = Vec::new();
            for b in &r.bounds {
                if !b.include {
                    return Err(FormatError::unsupported(
                        &p.path,
                        b.pos,
                        "EXCLUDES hyper-rectangle bound",
                        "accord's interaction terms hold when all conditions hold; an EXCLUDES rectangle (any bound violated) is not supported (NegMAS 0.16 misreads it as INCLUDES)",
                    ));
                }
                let k = match self.sem {
                    Semantics::Genius => self.issue_by_index(b.index),
                    Semantics::Negmas => negmas_position(b.index, self.issues.len()),
                };
                let Some(k) = k else {
                    return Err(FormatError::invalid(
                        &p.path,
                        b.pos,
                        format!(
                            "hyper-rectangle bound names issue index {}, which the domain does not have",
                            b.index
                        ),
                    ));
                };
                let issue = &self.issues[k];
                if matches!(issue.dom.kind, DomKind::Discrete(_)) {
                    return Err(FormatError::unsupported(
                        &p.path,
                        b.pos,
                        format!(
                            "hyper-rectangle bound on discrete issue `{}`",
                            issue.dom.name
                        ),
                        "bounds compare numbers, so they need an integer or real issue",
                    ));
                }
                let inside: Vec<usize> = issue
                    .grid
                    .iter()
                    .enumerate()
                    .filter(|(_, x)| match self.sem {
                        // GENIUS InclusiveHyperRectangle: min <= x <= max.
                        Semantics::Genius => **x >= b.min && **x <= b.max,
                        // NegMAS outcome_in_range: min < x < max (strict).
                        Semantics::Negmas => **x > b.min && **x < b.max,
                    })
                    .map(|(j, _)| j)
                    .collect();
                let (Some(&first), Some(&last)) = (inside.first(), inside.last()) else {
                    never += 1;
                    continue 'rects;
                };
                match ranges.iter_mut().find(|r| r.0 == k) {
                    Some(rg) => {
                        rg.1 = rg.1.max(first);
                        rg.2 = rg.2.min(last);
                        if rg.1 > rg.2 {
                            never += 1;
                            continue 'rects;
                        }
                    }
                    None => ranges.push((k, first, last)),
                }
            }
            // Conditions covering a whole issue always hold; drop them.
            ranges.retain(|&(k, a, b)| !(a == 0 && b + 1 == self.issues[k].grid.len()));
            let v = value / scale;
            if ranges.is_empty() {
                constant += v;
                continue;
            }
            boxes.push(BoxTerm {
                ranges: ranges.clone(),
                value,
            });
            let mut when = IndexMap::new();
            for &(k, a, b) in &ranges {
                let issue = &self.issues[k];
                when.insert(
                    issue.id.clone(),
                    ConditionDoc::Interval {
                        at_least: Some(issue.grid[a]),
                        at_most: Some(issue.grid[b]),
                    },
                );
            }
            if v != 0.0 {
                terms.push(InteractionDoc {
                    when,
                    value: Judgement::plain(v),
                    description: None,
                });
            }
        }
        if never > 0 {
            self.warn(&p.path, u.pos, format!("{never} hyper-rectangle(s) contain no point of the outcome space and are dropped"));
        }

        if self.sem == Semantics::Genius {
            let m = scale;
            let raw_constant = constant * m;
            let has_negative = boxes.iter().any(|b| b.value < 0.0);
            match max_sum(&boxes) {
                Some(best) => {
                    let fmax = raw_constant + best;
                    if fmax > m * (1.0 + 1e-12) {
                        return Err(FormatError::unsupported(
                            &p.path,
                            u.pos,
                            "utility cap min(1, F/maxutility)",
                            if has_negative {
                                format!(
                                    "the hyper-rectangles may sum to more than maxutility = {m} (upper bound {fmax}); GENIUS caps u at 1 there, which accord's additive interaction terms cannot express"
                                )
                            } else {
                                format!(
                                    "the hyper-rectangles sum to at most F = {fmax} > maxutility = {m}; GENIUS caps u = min(1, F/maxutility) at 1 there, which accord's additive interaction terms cannot express"
                                )
                            },
                        ));
                    }
                }
                None => {
                    return Err(FormatError::unsupported(
                        &p.path,
                        u.pos,
                        "utility cap min(1, F/maxutility)",
                        "could not decide within the search budget whether the cap binds",
                    ));
                }
            }
        }
        Ok((terms, constant, m))
    }
}
