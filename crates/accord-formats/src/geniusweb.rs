//! GeniusWeb JSON: domains, `LinearAdditiveUtilitySpace` profiles and bids.
//!
//! Both spellings of per-issue utilities are read (`discreteutils` / `numberutils`, and
//! `DiscreteValueSetUtilities` / `NumberValueSetUtilities`), and both encodings of a number
//! range (`[low, high, step]` and `{"low":..,"high":..,"step":..}`). The writer uses the
//! older spelling, which GeniusWeb and NegMAS both read, and the object range encoding.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use accord_model::{
    IssueDoc, IssueKind, Judgement, Level, OptionDoc, PartyDoc, PointsDoc, PreferencesDoc, Role,
    Scenario, ScenarioDoc, ScenarioMeta, UtilityScale, ValuesDoc, load_doc,
};
use indexmap::IndexMap;
use serde_json::{Map, Value, json};

use crate::error::{ErrorKind, FormatError};
use crate::genius::write::{num, safe_file_name};
use crate::ids::IdAllocator;
use crate::pwl::recognise_line;
use crate::{Imported, Kind, Semantics, TextFile, finish};

/// A value in a bid: a discrete value (always a string in GeniusWeb) or a number.
#[derive(Debug, Clone, PartialEq)]
pub enum BidValue {
    /// A discrete value.
    Text(String),
    /// A number value.
    Number(f64),
}

/// A GeniusWeb bid: issue name -> value, in file order.
pub type Bid = IndexMap<String, BidValue>;

#[derive(Debug, Clone)]
enum ValueSet {
    Discrete(Vec<String>),
    Number { low: f64, high: f64, step: f64 },
}

#[derive(Debug, Clone)]
struct GwDomain {
    name: String,
    issues: Vec<(String, ValueSet)>,
}

#[derive(Debug, Clone)]
enum GwUtil {
    Discrete(Vec<(String, f64)>),
    Number { lv: f64, lu: f64, hv: f64, hu: f64 },
}

#[derive(Debug, Clone)]
struct GwProfile {
    path: PathBuf,
    name: Option<String>,
    domain: Option<GwDomain>,
    utils: Vec<(String, GwUtil)>,
    weights: Vec<(String, f64)>,
    reservation_bid: Option<Value>,
    reserved_value: Option<f64>,
    discount: Option<f64>,
}

/// Line and column of the first occurrence of `needle` in `text` (a best-effort location,
/// as JSON values carry no positions once parsed).
fn locate(text: &str, needle: &str) -> Option<(u32, u32)> {
    let off = text.find(needle)?;
    let before = &text[..off];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((u32::try_from(line).ok()?, u32::try_from(col).ok()?))
}

struct Src<'a> {
    path: &'a Path,
    text: &'a str,
}

impl Src<'_> {
    fn err(&self, near: &str, msg: impl Into<String>) -> FormatError {
        FormatError::invalid(self.path, locate(self.text, &format!("\"{near}\"")), msg)
    }
    fn unsupported(
        &self,
        near: &str,
        construct: impl Into<String>,
        msg: impl Into<String>,
    ) -> FormatError {
        FormatError::unsupported(
            self.path,
            locate(self.text, &format!("\"{near}\"")),
            construct,
            msg,
        )
    }
}

fn parse_json(text: &str, path: &Path) -> Result<Value, FormatError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| {
        FormatError::new(ErrorKind::Syntax, format!("not well-formed JSON: {e}"))
            .in_file(path)
            .at(Some((
                u32::try_from(e.line()).unwrap_or(0),
                u32::try_from(e.column()).unwrap_or(0),
            )))
    })
}

fn finite(v: &Value) -> Option<f64> {
    v.as_f64().filter(|x| x.is_finite())
}

fn parse_domain(v: &Value, src: &Src) -> Result<GwDomain, FormatError> {
    let obj = v
        .as_object()
        .ok_or_else(|| src.err("issuesValues", "a GeniusWeb domain is a JSON object"))?;
    let iv = obj
        .get("issuesValues")
        .and_then(Value::as_object)
        .ok_or_else(|| src.err("issuesValues", "the domain has no `issuesValues` object"))?;
    let mut issues = Vec::new();
    for (name, set) in iv {
        let set_obj = set.as_object().ok_or_else(|| {
            src.err(
                name,
                format!("the value set of issue `{name}` is not an object"),
            )
        })?;
        let vs = if let Some(vals) = set_obj.get("values") {
            let arr = vals.as_array().ok_or_else(|| {
                src.err(name, format!("`values` of issue `{name}` is not a list"))
            })?;
            let mut out: Vec<String> = Vec::new();
            for x in arr {
                let s = x.as_str().ok_or_else(|| {
                    src.err(
                        name,
                        format!("issue `{name}` lists {x}, but discrete values are strings"),
                    )
                })?;
                if out.iter().any(|o| o == s) {
                    return Err(src.err(name, format!("issue `{name}` lists value `{s}` twice")));
                }
                out.push(s.to_string());
            }
            if out.is_empty() {
                return Err(src.err(name, format!("issue `{name}` has no values")));
            }
            ValueSet::Discrete(out)
        } else if let Some(r) = set_obj.get("range") {
            let (low, high, step) = match r {
                Value::Array(a) if a.len() == 3 => (finite(&a[0]), finite(&a[1]), finite(&a[2])),
                Value::Object(o) => (
                    o.get("low").and_then(finite),
                    o.get("high").and_then(finite),
                    o.get("step").and_then(finite),
                ),
                _ => (None, None, None),
            };
            let (Some(low), Some(high), Some(step)) = (low, high, step) else {
                return Err(src.err(
                    name,
                    format!("`range` of issue `{name}` must be [low, high, step] or {{\"low\", \"high\", \"step\"}} with finite numbers"),
                ));
            };
            if high < low || step <= 0.0 {
                return Err(src.err(
                    name,
                    format!("issue `{name}` has range low {low}, high {high}, step {step}"),
                ));
            }
            ValueSet::Number { low, high, step }
        } else {
            return Err(src.unsupported(
                name,
                format!("value set of issue `{name}`"),
                "only `values` (discrete) and `range` (number) value sets exist",
            ));
        };
        issues.push((name.clone(), vs));
    }
    if issues.is_empty() {
        return Err(src.err("issuesValues", "the domain has no issues"));
    }
    Ok(GwDomain {
        name: obj
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string(),
        issues,
    })
}

const PROFILE_TYPES: [&str; 5] = [
    "LinearAdditiveUtilitySpace",
    "DefaultPartialOrdering",
    "SumOfGroupsUtilitySpace",
    "LinearAdditive",
    "DefaultProfile",
];

fn parse_profile(v: &Value, src: &Src) -> Result<GwProfile, FormatError> {
    let obj = v
        .as_object()
        .ok_or_else(|| src.err("", "a GeniusWeb profile is a JSON object"))?;
    let Some(body) = obj.get("LinearAdditiveUtilitySpace") else {
        let ty = obj.keys().next().cloned().unwrap_or_default();
        return Err(src.unsupported(
            &ty,
            format!("GeniusWeb profile type `{ty}`"),
            "only LinearAdditiveUtilitySpace profiles are supported",
        ));
    };
    let body = body.as_object().ok_or_else(|| {
        src.err(
            "LinearAdditiveUtilitySpace",
            "LinearAdditiveUtilitySpace is not an object",
        )
    })?;
    let domain = match body.get("domain") {
        Some(d) if !d.is_null() => Some(parse_domain(d, src)?),
        _ => None,
    };
    let mut utils = Vec::new();
    if let Some(iu) = body.get("issueUtilities") {
        let iu = iu
            .as_object()
            .ok_or_else(|| src.err("issueUtilities", "`issueUtilities` is not an object"))?;
        for (issue, u) in iu {
            let uo = u.as_object().ok_or_else(|| {
                src.err(issue, format!("utilities of `{issue}` are not an object"))
            })?;
            let (kind, inner) = uo
                .iter()
                .next()
                .ok_or_else(|| src.err(issue, format!("utilities of `{issue}` are empty")))?;
            let util = match kind.as_str() {
                "discreteutils" | "DiscreteValueSetUtilities" => {
                    let vu = inner
                        .get("valueUtilities")
                        .and_then(Value::as_object)
                        .ok_or_else(|| {
                            src.err(
                                issue,
                                format!("`{kind}` of `{issue}` has no `valueUtilities` object"),
                            )
                        })?;
                    let mut m = Vec::new();
                    for (val, x) in vu {
                        let x = finite(x).ok_or_else(|| {
                            src.err(
                                val,
                                format!("utility of `{issue}` = `{val}` is {x}, not a number"),
                            )
                        })?;
                        m.push((val.clone(), x));
                    }
                    GwUtil::Discrete(m)
                }
                "numberutils" | "NumberValueSetUtilities" => {
                    let g = |k: &str| inner.get(k).and_then(finite);
                    let (Some(lv), Some(lu), Some(hv), Some(hu)) = (
                        g("lowValue"),
                        g("lowUtility"),
                        g("highValue"),
                        g("highUtility"),
                    ) else {
                        return Err(src.err(
                            issue,
                            format!("`{kind}` of `{issue}` needs numbers lowValue, lowUtility, highValue, highUtility"),
                        ));
                    };
                    if hv <= lv {
                        return Err(src.err(
                            issue,
                            format!("`{kind}` of `{issue}`: highValue must exceed lowValue"),
                        ));
                    }
                    GwUtil::Number { lv, lu, hv, hu }
                }
                other => {
                    return Err(src.unsupported(
                        issue,
                        format!("value-set utilities `{other}`"),
                        "only discrete and number value-set utilities exist in LinearAdditiveUtilitySpace",
                    ));
                }
            };
            utils.push((issue.clone(), util));
        }
    }
    let mut weights = Vec::new();
    if let Some(w) = body.get("issueWeights") {
        let w = w
            .as_object()
            .ok_or_else(|| src.err("issueWeights", "`issueWeights` is not an object"))?;
        for (k, x) in w {
            let x = finite(x)
                .ok_or_else(|| src.err(k, format!("weight of `{k}` is {x}, not a number")))?;
            weights.push((k.clone(), x));
        }
    }
    let reservation_bid = match body.get("reservationBid") {
        Some(Value::Null) | None => None,
        Some(b) => Some(b.clone()),
    };
    let num_field = |k: &str| -> Result<Option<f64>, FormatError> {
        match body.get(k) {
            None | Some(Value::Null) => Ok(None),
            Some(x) => finite(x)
                .map(Some)
                .ok_or_else(|| src.err(k, format!("`{k}` is {x}, not a number"))),
        }
    };
    Ok(GwProfile {
        path: src.path.to_path_buf(),
        name: body.get("name").and_then(Value::as_str).map(str::to_string),
        domain,
        utils,
        weights,
        reservation_bid,
        reserved_value: num_field("reserved_value")?,
        discount: num_field("discount_factor")?,
    })
}

/// Parses a bid: `{"issuevalues": {...}}` or a bare `{issue: value}` object.
pub fn parse_bid(v: &Value) -> Result<Bid, FormatError> {
    let obj = v
        .get("issuevalues")
        .unwrap_or(v)
        .as_object()
        .ok_or_else(|| {
            FormatError::new(
                ErrorKind::Invalid,
                "a bid is an object {\"issuevalues\": {issue: value}}",
            )
        })?;
    let mut bid = Bid::new();
    for (k, x) in obj {
        let bv = match x {
            Value::String(s) => BidValue::Text(s.clone()),
            Value::Number(_) => BidValue::Number(finite(x).ok_or_else(|| {
                FormatError::new(
                    ErrorKind::Invalid,
                    format!("bid value of `{k}` is not a finite number"),
                )
            })?),
            other => {
                return Err(FormatError::new(
                    ErrorKind::Invalid,
                    format!("bid value of `{k}` is {other}; values are strings or numbers"),
                ));
            }
        };
        bid.insert(k.clone(), bv);
    }
    Ok(bid)
}

/// The levels of a complete bid in a scenario. Issues are matched by name (or id), discrete
/// values by label (or id), numbers by value.
pub fn bid_levels(sc: &Scenario, bid: &Bid) -> Result<Vec<Level>, FormatError> {
    let mut out = Vec::with_capacity(sc.issues.len());
    for (k, issue) in sc.issues.iter().enumerate() {
        let name = sc
            .doc
            .issues
            .get(k)
            .map_or(issue.name.as_str(), |d| d.name.as_str());
        let v = bid
            .get(name)
            .or_else(|| bid.get(&issue.id))
            .ok_or_else(|| {
                FormatError::new(
                    ErrorKind::Invalid,
                    format!("the bid has no value for issue `{name}`"),
                )
            })?;
        let level = match v {
            BidValue::Text(s) => issue
                .levels
                .iter()
                .position(|l| l.label == *s || l.id == *s)
                .or_else(|| {
                    // Numeric issues may be given as strings.
                    let x = crate::genius::xml::parse_f64(s)?;
                    issue.levels.iter().position(|l| {
                        l.x.is_some_and(|lx| (lx - x).abs() <= 1e-9 * x.abs().max(1.0))
                    })
                }),
            BidValue::Number(x) => issue.levels.iter().position(|l| {
                l.x.is_some_and(|lx| (lx - x).abs() <= 1e-9 * x.abs().max(1.0))
            }),
        };
        let level = level.and_then(|l| Level::try_from(l).ok()).ok_or_else(|| {
            FormatError::new(
                ErrorKind::Invalid,
                format!("`{}` is not a value of issue `{name}`", bid_value_text(v)),
            )
        })?;
        out.push(level);
    }
    Ok(out)
}

fn bid_value_text(v: &BidValue) -> String {
    match v {
        BidValue::Text(s) => s.clone(),
        BidValue::Number(x) => num(*x),
    }
}

/// A package as a GeniusWeb bid `{"issuevalues": {...}}`, using issue names and value labels.
pub fn bid_json(sc: &Scenario, package: &[Level]) -> Value {
    let mut m = Map::new();
    for ((k, issue), &l) in sc.issues.iter().enumerate().zip(package) {
        let name = sc
            .doc
            .issues
            .get(k)
            .map_or(issue.name.clone(), |d| d.name.clone());
        let Some(info) = issue.levels.get(l as usize) else {
            continue;
        };
        let v = match info.x {
            Some(x) => number_json(x),
            None => json!(
                sc.doc
                    .issues
                    .get(k)
                    .and_then(|d| d.options.get(l as usize))
                    .map_or(info.id.clone(), |o| o
                        .label
                        .clone()
                        .unwrap_or_else(|| o.id.clone()))
            ),
        };
        m.insert(name, v);
    }
    json!({ "issuevalues": m })
}

fn number_json(x: f64) -> Value {
    #[allow(clippy::cast_possible_truncation)]
    if x.fract().abs() < f64::EPSILON && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

fn numeric_grid(low: f64, high: f64, step: f64) -> Vec<f64> {
    let n = ((high - low) / step + 1e-9).floor();
    if !(n.is_finite() && n >= 0.0) || n > 1.0e6 {
        return Vec::new();
    }
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let n = n as usize + 1;
    #[allow(clippy::cast_precision_loss)]
    (0..n)
        .map(|k| {
            let x = low + step * k as f64;
            if (x - high).abs() < step * 1e-9 {
                high
            } else {
                x
            }
        })
        .collect()
}

/// Reads a GeniusWeb domain (optional when every profile embeds one) and profiles.
pub(crate) fn from_texts(
    domain: Option<&TextFile>,
    profiles: &[TextFile],
    sem: Semantics,
    scenario_id: &str,
    origin: &str,
    kind: Kind,
) -> Result<Imported, FormatError> {
    let mut warnings = Vec::new();
    let mut dom: Option<(GwDomain, PathBuf)> = None;
    if let Some(d) = domain {
        let path = Path::new(&d.name);
        let v = parse_json(&d.text, path)?;
        dom = Some((
            parse_domain(
                &v,
                &Src {
                    path,
                    text: &d.text,
                },
            )?,
            path.to_path_buf(),
        ));
    }
    let mut ps = Vec::new();
    for p in profiles {
        let path = Path::new(&p.name);
        let v = parse_json(&p.text, path)?;
        let src = Src {
            path,
            text: &p.text,
        };
        let prof = parse_profile(&v, &src)?;
        if let Some(pd) = &prof.domain {
            match &dom {
                None => dom = Some((pd.clone(), path.to_path_buf())),
                Some((d, dpath)) => {
                    let same = d.issues.len() == pd.issues.len()
                        && d.issues.iter().zip(&pd.issues).all(|(a, b)| {
                            a.0 == b.0
                                && match (&a.1, &b.1) {
                                    (ValueSet::Discrete(x), ValueSet::Discrete(y)) => x == y,
                                    (
                                        ValueSet::Number { low, high, step },
                                        ValueSet::Number {
                                            low: l2,
                                            high: h2,
                                            step: s2,
                                        },
                                    ) => {
                                        (low - l2).abs() < 1e-12
                                            && (high - h2).abs() < 1e-12
                                            && (step - s2).abs() < 1e-12
                                    }
                                    _ => false,
                                }
                        });
                    if !same {
                        return Err(src.err(
                            "domain",
                            format!(
                                "the profile's embedded domain differs from the domain in {}",
                                dpath.display()
                            ),
                        ));
                    }
                }
            }
        }
        ps.push((prof, p.text.clone()));
    }
    let Some((dom, dpath)) = dom else {
        return Err(FormatError::new(
            ErrorKind::NoDomain,
            "no GeniusWeb domain: give a domain file or profiles that embed one",
        ));
    };
    if ps.is_empty() {
        return Err(FormatError::new(
            ErrorKind::Invalid,
            "a GeniusWeb domain needs at least one profile to become a scenario",
        )
        .in_file(&dpath));
    }

    // Issues.
    let mut issue_ids = IdAllocator::default();
    let mut issue_docs = Vec::new();
    let mut option_ids: Vec<Vec<String>> = Vec::new();
    let mut grids: Vec<Vec<f64>> = Vec::new();
    for (k, (name, vs)) in dom.issues.iter().enumerate() {
        let id = issue_ids.alloc(name, &format!("issue{}", k + 1));
        let mut d = IssueDoc {
            id,
            name: name.clone(),
            description: None,
            kind: IssueKind::Discrete,
            options: Vec::new(),
            ordered: false,
            min: None,
            max: None,
            step: None,
            unit: None,
        };
        match vs {
            ValueSet::Discrete(vals) => {
                let mut oids = IdAllocator::default();
                let ids: Vec<String> = vals
                    .iter()
                    .enumerate()
                    .map(|(j, v)| oids.alloc(v, &format!("v{}", j + 1)))
                    .collect();
                d.options = vals
                    .iter()
                    .zip(&ids)
                    .map(|(v, id)| OptionDoc {
                        id: id.clone(),
                        label: (v != id).then(|| v.clone()),
                        description: None,
                    })
                    .collect();
                option_ids.push(ids);
                grids.push(Vec::new());
            }
            ValueSet::Number { low, high, step } => {
                let integral = |x: f64| x.fract().abs() < 1e-12;
                d.kind = if integral(*low) && integral(*high) && integral(*step) {
                    IssueKind::Integer
                } else {
                    IssueKind::Real
                };
                d.min = Some(*low);
                d.max = Some(*high);
                d.step = if d.kind == IssueKind::Integer && (step - 1.0).abs() < 1e-12 {
                    None
                } else {
                    Some(*step)
                };
                option_ids.push(Vec::new());
                grids.push(numeric_grid(*low, *high, *step));
            }
        }
        issue_docs.push(d);
    }

    let mut party_ids = IdAllocator::default();
    let mut parties = Vec::new();
    let mut preferences = IndexMap::new();
    let mut pmeta = Map::new();
    for (n, (p, text)) in ps.iter().enumerate() {
        let src = Src {
            path: &p.path,
            text,
        };
        let stem = crate::genius::xml::file_stem(&p.path);
        let pid = party_ids.alloc(&stem, &format!("party{}", n + 1));
        let n_issues = dom.issues.len();
        // Per issue: raw weight and raw values.
        let mut w = vec![0.0; n_issues];
        let mut wgiven = vec![false; n_issues];
        for (name, x) in &p.weights {
            let k = dom
                .issues
                .iter()
                .position(|i| &i.0 == name)
                .ok_or_else(|| {
                    src.err(
                        name,
                        format!("weight for `{name}`, which is not an issue of the domain"),
                    )
                })?;
            w[k] = *x;
            wgiven[k] = true;
        }
        let mut vals: Vec<Option<Vals>> = vec![None; n_issues];
        for (name, u) in &p.utils {
            let k = dom
                .issues
                .iter()
                .position(|i| &i.0 == name)
                .ok_or_else(|| {
                    src.err(
                        name,
                        format!("utilities for `{name}`, which is not an issue of the domain"),
                    )
                })?;
            vals[k] = Some(match (&dom.issues[k].1, u) {
                (ValueSet::Discrete(dv), GwUtil::Discrete(m)) => {
                    for (v, _) in m {
                        if !dv.contains(v) {
                            return Err(
                                src.err(v, format!("`{v}` is not a value of issue `{name}`"))
                            );
                        }
                    }
                    let out: Vec<f64> = dv
                        .iter()
                        .map(|v| {
                            m.iter().find(|(x, _)| x == v).map_or_else(
                                || {
                                    warnings.push(format!(
                                        "{}: value `{v}` of issue `{name}` has no utility; it counts as 0 (as in GeniusWeb)",
                                        p.path.display()
                                    ));
                                    0.0
                                },
                                |(_, u)| *u,
                            )
                        })
                        .collect();
                    Vals::Options(out)
                }
                (ValueSet::Number { .. }, GwUtil::Number { lv, lu, hv, hu }) => {
                    Vals::Points(number_points(&grids[k], *lv, *lu, *hv, *hu))
                }
                _ => {
                    return Err(src.err(
                        name,
                        format!("the utilities of `{name}` do not fit its value set (discrete vs number)"),
                    ));
                }
            });
        }
        for k in 0..n_issues {
            if vals[k].is_none() && w[k] != 0.0 {
                return Err(src.err(
                    &dom.issues[k].0,
                    format!("issue `{}` has a weight but no utilities", dom.issues[k].0),
                ));
            }
            if !wgiven[k] && vals[k].is_some() {
                warnings.push(format!(
                    "{}: issue `{}` has no weight; it weighs 0",
                    p.path.display(),
                    dom.issues[k].0
                ));
            }
        }
        let total: f64 = w.iter().map(|x| x.abs()).sum();
        if !(total > 0.0 && total.is_finite()) {
            return Err(src.err("issueWeights", "the weights are all zero"));
        }
        let (weights, values): (Vec<f64>, Vec<Option<Vals>>) = match sem {
            Semantics::Genius => {
                if (total - 1.0).abs() > 1e-6 || w.iter().any(|x| *x < 0.0) {
                    if w.iter().any(|x| *x < 0.0) {
                        return Err(src.err("issueWeights", "a weight is negative"));
                    }
                    warnings.push(format!(
                        "{}: weights sum to {total}, not 1; renormalised",
                        p.path.display()
                    ));
                    (w.iter().map(|x| x / total).collect(), vals)
                } else {
                    (w, vals)
                }
            }
            Semantics::Negmas => {
                let ws: Vec<f64> = w.iter().map(|x| x.abs() / total).collect();
                let vs = vals
                    .iter()
                    .zip(&w)
                    .map(|(v, x)| {
                        v.as_ref().map(|v| {
                            if *x == 0.0 {
                                v.clone()
                            } else {
                                v.scaled(x.signum() * total)
                            }
                        })
                    })
                    .collect();
                (ws, vs)
            }
        };
        // Reservation: the utility of the reservation bid.
        let mut meta = Map::new();
        meta.insert(
            "file".into(),
            json!(crate::genius::convert::file_name(&p.path)),
        );
        if let Some(nm) = &p.name {
            meta.insert("name".into(), json!(nm));
        }
        let reservation = match &p.reservation_bid {
            Some(b) => {
                meta.insert("reservation_bid".into(), b.clone());
                let bid = parse_bid(b).map_err(|e| src.err("reservationBid", e.message))?;
                let mut u = 0.0;
                for (name, bv) in &bid {
                    let k = dom
                        .issues
                        .iter()
                        .position(|i| &i.0 == name)
                        .ok_or_else(|| {
                            src.err(
                                "reservationBid",
                                format!("the reservation bid names unknown issue `{name}`"),
                            )
                        })?;
                    let Some(v) = &values[k] else { continue };
                    u += weights[k]
                        * value_at(&dom.issues[k].1, v, bv).ok_or_else(|| {
                            src.err(
                                "reservationBid",
                                format!(
                                    "`{}` is not a value of issue `{name}`",
                                    bid_value_text(bv)
                                ),
                            )
                        })?;
                }
                u
            }
            None => {
                if p.reserved_value.is_some() && sem == Semantics::Genius {
                    warnings.push(format!("{}: non-standard `reserved_value` (written by NegMAS) used as the reservation", p.path.display()));
                }
                p.reserved_value.unwrap_or(0.0)
            }
        };
        if let Some(d) = p.discount {
            meta.insert("discount_factor".into(), json!(d));
        }
        let mut prefs = PreferencesDoc {
            reservation: Judgement::plain(reservation),
            discount: p.discount.filter(|d| *d > 0.0 && *d < 1.0),
            ..PreferencesDoc::default()
        };
        for (k, d) in issue_docs.iter().enumerate() {
            if weights[k] != 0.0 || values[k].is_some() {
                prefs
                    .weights
                    .insert(d.id.clone(), Judgement::plain(weights[k]));
            }
            if let Some(v) = &values[k] {
                prefs.values.insert(
                    d.id.clone(),
                    match v {
                        Vals::Options(xs) => ValuesDoc::Options(
                            option_ids[k]
                                .iter()
                                .zip(xs)
                                .map(|(id, x)| (id.clone(), Judgement::plain(*x)))
                                .collect(),
                        ),
                        Vals::Points(pts) => ValuesDoc::Points(PointsDoc {
                            points: pts.clone(),
                            ..PointsDoc::default()
                        }),
                    },
                );
            }
        }
        parties.push(PartyDoc {
            id: pid.clone(),
            name: p.name.clone().unwrap_or(stem),
            role: Role::Principal,
            capability: Judgement::plain(1.0),
            veto: None,
            members: Vec::new(),
            description: None,
        });
        preferences.insert(pid.clone(), prefs);
        pmeta.insert(pid, Value::Object(meta));
    }
    let mut meta = IndexMap::new();
    meta.insert("format".to_string(), json!("geniusweb"));
    meta.insert("semantics".to_string(), json!(sem.as_str()));
    meta.insert("origin".to_string(), json!(origin));
    meta.insert(
        "domain_file".to_string(),
        json!(crate::genius::convert::file_name(&dpath)),
    );
    meta.insert("domain_name".to_string(), json!(dom.name));
    meta.insert("profiles".to_string(), Value::Object(pmeta));
    let doc = ScenarioDoc {
        scenario: ScenarioMeta {
            id: scenario_id.to_string(),
            title: format!(
                "GeniusWeb domain {}",
                if dom.name.is_empty() {
                    scenario_id
                } else {
                    &dom.name
                }
            ),
            as_of: None,
            description: Some(format!(
                "Imported from {origin} with {} semantics.",
                sem.describe()
            )),
            utility_scale: if sem == Semantics::Negmas {
                UtilityScale::Raw
            } else {
                UtilityScale::Unit
            },
            metadata: meta,
        },
        parties,
        issues: issue_docs,
        preferences,
        drafts: Vec::new(),
        events: Vec::new(),
        sources: Vec::new(),
    };
    finish(doc, warnings, origin, kind)
}

#[derive(Debug, Clone)]
enum Vals {
    Options(Vec<f64>),
    Points(Vec<[f64; 2]>),
}

impl Vals {
    fn scaled(&self, k: f64) -> Vals {
        match self {
            Vals::Options(v) => Vals::Options(v.iter().map(|x| x * k).collect()),
            Vals::Points(p) => Vals::Points(p.iter().map(|&[x, y]| [x, y * k]).collect()),
        }
    }
}

fn value_at(set: &ValueSet, v: &Vals, bv: &BidValue) -> Option<f64> {
    match (set, v, bv) {
        (ValueSet::Discrete(dv), Vals::Options(xs), BidValue::Text(s)) => {
            dv.iter().position(|d| d == s).map(|j| xs[j])
        }
        (ValueSet::Number { .. }, Vals::Points(p), BidValue::Number(x)) => {
            Some(accord_model::piecewise_linear(p, *x))
        }
        _ => None,
    }
}

/// GeniusWeb NumberValueSetUtilities: linear between (lowValue, lowUtility) and
/// (highValue, highUtility), 0 outside; exact on the issue's grid.
fn number_points(grid: &[f64], lv: f64, lu: f64, hv: f64, hu: f64) -> Vec<[f64; 2]> {
    let mut pts = Vec::new();
    if let Some(below) = grid.iter().copied().filter(|x| *x < lv).reduce(f64::max) {
        pts.push([below, 0.0]);
    }
    pts.push([lv, lu]);
    pts.push([hv, hu]);
    if let Some(above) = grid.iter().copied().filter(|x| *x > hv).reduce(f64::min) {
        pts.push([above, 0.0]);
    }
    pts
}

/// Reads GeniusWeb files.
pub(crate) fn load_files(
    domain: Option<&Path>,
    profiles: &[PathBuf],
    sem: Semantics,
    kind: Kind,
) -> Result<Imported, FormatError> {
    let read = |p: &Path| -> Result<TextFile, FormatError> {
        Ok(TextFile {
            name: p.display().to_string(),
            text: std::fs::read_to_string(p).map_err(|e| FormatError::io(p, &e))?,
        })
    };
    let d = domain.map(read).transpose()?;
    let ps: Vec<TextFile> = profiles.iter().map(|p| read(p)).collect::<Result<_, _>>()?;
    let base = domain
        .or(profiles.first().map(PathBuf::as_path))
        .unwrap_or(Path::new("imported"));
    let id = crate::genius::scenario_id_for(&base.with_extension(""));
    from_texts(d.as_ref(), &ps, sem, &id, &base.display().to_string(), kind)
}

/// What a JSON file is: a GeniusWeb domain, a profile, or neither.
pub(crate) fn classify(v: &Value) -> Option<Kind> {
    let o = v.as_object()?;
    if o.contains_key("issuesValues") {
        Some(Kind::GeniusWebDomain)
    } else if o.keys().any(|k| PROFILE_TYPES.contains(&k.as_str())) {
        Some(Kind::GeniusWebProfile)
    } else {
        None
    }
}

/// Loads a folder of GeniusWeb JSON files (one domain, profiles recognised by content).
pub(crate) fn load_folder(dir: &Path, sem: Semantics) -> Result<Imported, FormatError> {
    let entries = crate::files_in(dir, Some("json")).map_err(|e| FormatError::io(dir, &e))?;
    let mut domains = Vec::new();
    let mut profiles = Vec::new();
    for p in entries {
        let text = std::fs::read_to_string(&p).map_err(|e| FormatError::io(&p, &e))?;
        let v = parse_json(&text, &p)?;
        match classify(&v) {
            Some(Kind::GeniusWebDomain) => domains.push(p),
            Some(_) => profiles.push(p),
            None => {}
        }
    }
    if domains.len() > 1 {
        return Err(FormatError::new(
            ErrorKind::NoDomain,
            format!(
                "several GeniusWeb domain files: {}",
                domains
                    .iter()
                    .map(|d| d.display().to_string())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        )
        .in_file(dir));
    }
    let read = |p: &Path| -> Result<TextFile, FormatError> {
        Ok(TextFile {
            name: p.display().to_string(),
            text: std::fs::read_to_string(p).map_err(|e| FormatError::io(p, &e))?,
        })
    };
    let d = domains.first().map(|p| read(p)).transpose()?;
    let ps: Vec<TextFile> = profiles.iter().map(|p| read(p)).collect::<Result<_, _>>()?;
    let id = crate::genius::scenario_id_for(dir);
    from_texts(
        d.as_ref(),
        &ps,
        sem,
        &id,
        &dir.display().to_string(),
        Kind::GeniusWebFolder,
    )
}

/// Writes a scenario as GeniusWeb JSON texts: the domain first, then one profile per party.
pub(crate) fn to_texts(doc: &ScenarioDoc) -> Result<(Vec<TextFile>, Vec<String>), FormatError> {
    let loaded = load_doc(doc.clone(), &doc.scenario.id).map_err(|e| {
        FormatError::new(
            ErrorKind::Validation,
            format!("the scenario is not valid, so it cannot be written:\n{e}"),
        )
    })?;
    let sc = loaded.scenario;
    let mut warnings = Vec::new();
    let numeric_ok = |k: usize, d: &IssueDoc| -> bool {
        sc.parties.iter().all(|party| {
            let Some(prefs) = &party.preferences else {
                return true;
            };
            match doc
                .preferences
                .get(&party.id)
                .and_then(|p| p.values.get(&d.id))
            {
                Some(ValuesDoc::Points(p)) => {
                    recognise_line(&p.points, d.min.unwrap_or(0.0), d.max.unwrap_or(0.0), false)
                        .is_some()
                }
                _ => prefs.weights.get(k).is_none_or(|w| *w == 0.0),
            }
        })
    };
    let issues = crate::genius::write::writer_issues(
        doc,
        &sc,
        Semantics::Genius,
        &mut warnings,
        &numeric_ok,
    );
    let mut iv = Map::new();
    for (i, d) in issues.iter().zip(&doc.issues) {
        let set = match i.kind {
            IssueKind::Discrete => json!({ "values": i.labels }),
            IssueKind::Integer => {
                json!({ "range": { "low": number_json(i.min), "high": number_json(i.max), "step": number_json(d.step.unwrap_or(1.0)) } })
            }
            IssueKind::Real => {
                let step = d.step.unwrap_or((i.max - i.min) / 100.0);
                let step = if step > 0.0 { step } else { 1.0 };
                json!({ "range": { "low": number_json(i.min), "high": number_json(i.max), "step": number_json(step) } })
            }
        };
        iv.insert(i.name.clone(), set);
    }
    let dname = doc
        .scenario
        .metadata
        .get("domain_name")
        .and_then(Value::as_str)
        .filter(|s| !s.is_empty())
        .unwrap_or(&doc.scenario.id);
    let domain = json!({ "name": dname, "issuesValues": iv });
    let dfile = safe_file_name(
        doc.scenario
            .metadata
            .get("domain_file")
            .and_then(Value::as_str)
            .filter(|f| f.ends_with(".json"))
            .unwrap_or(""),
        &doc.scenario.id,
        ".json",
    );
    let mut used: HashSet<String> = HashSet::from([dfile.to_ascii_lowercase()]);
    let pretty = |v: &Value| serde_json::to_string_pretty(v).unwrap_or_default() + "\n";
    let mut files = vec![TextFile {
        name: dfile,
        text: pretty(&domain),
    }];
    let pmeta = doc
        .scenario
        .metadata
        .get("profiles")
        .and_then(Value::as_object);
    for (pi, party) in sc.parties.iter().enumerate() {
        let Some(prefs) = &party.preferences else {
            warnings.push(format!(
                "party `{}` has no preferences; no profile written",
                party.id
            ));
            continue;
        };
        let fname_hint = format!("{}.json", party.id);
        if !prefs.interactions.is_empty() {
            return Err(FormatError::unsupported(
                Path::new(&fname_hint),
                None,
                format!("interaction terms of party `{}`", party.id),
                "GeniusWeb LinearAdditiveUtilitySpace profiles are additive",
            ));
        }
        if !prefs.red_lines.is_empty() {
            warnings.push(format!(
                "party `{}` has red lines; GeniusWeb profiles have none, so they are dropped",
                party.id
            ));
        }
        let meta = pmeta
            .and_then(|m| m.get(&party.id))
            .and_then(Value::as_object);
        let mut utils = Map::new();
        let mut weights = Map::new();
        for (k, i) in issues.iter().enumerate() {
            let u = match i.kind {
                IssueKind::Discrete => {
                    let mut vu = Map::new();
                    for (l, lab) in i.labels.iter().enumerate() {
                        let v = prefs.values[k][l];
                        if !(0.0..=1.0).contains(&v) {
                            warnings.push(format!("party `{}`: utility {} of `{}` = `{lab}` is outside [0, 1], which GeniusWeb rejects", party.id, num(v), i.name));
                        }
                        vu.insert(lab.clone(), json!(v));
                    }
                    json!({ "discreteutils": { "valueUtilities": vu } })
                }
                IssueKind::Integer | IssueKind::Real => {
                    let points = match doc
                        .preferences
                        .get(&party.id)
                        .and_then(|p| p.values.get(&i.id))
                    {
                        Some(ValuesDoc::Points(p)) => p.points.clone(),
                        _ => vec![[i.min, 0.0]],
                    };
                    let line = recognise_line(&points, i.min, i.max, false).ok_or_else(|| {
                        FormatError::unsupported(
                            Path::new(&fname_hint),
                            None,
                            format!("value function of issue `{}` for party `{}`", i.id, party.id),
                            "GeniusWeb number utilities are linear between the range's low and high values",
                        )
                    })?;
                    let (lo, hi) = if i.max > i.min {
                        (i.min, i.max)
                    } else {
                        (i.min, i.min + 1.0)
                    };
                    json!({ "numberutils": { "lowValue": number_json(lo), "lowUtility": line.at(lo), "highValue": number_json(hi), "highUtility": line.at(hi) } })
                }
            };
            utils.insert(i.name.clone(), u);
            weights.insert(i.name.clone(), json!(prefs.weights[k]));
        }
        let mut body = Map::new();
        body.insert("issueUtilities".into(), Value::Object(utils));
        body.insert("issueWeights".into(), Value::Object(weights));
        body.insert("domain".into(), domain.clone());
        body.insert(
            "name".into(),
            json!(
                meta.and_then(|m| m.get("name"))
                    .and_then(Value::as_str)
                    .unwrap_or(&party.id)
            ),
        );
        if let Some(b) = reservation_bid(&sc, prefs, meta, &party.id, &mut warnings) {
            body.insert("reservationBid".into(), b);
        }
        if prefs.discount < 1.0 {
            body.insert("discount_factor".into(), json!(prefs.discount));
            warnings.push(format!("party `{}`: discount factor written as the non-standard `discount_factor` key (read by NegMAS)", party.id));
        }
        let mut fname = safe_file_name(
            meta.and_then(|m| m.get("file"))
                .and_then(Value::as_str)
                .unwrap_or(""),
            &party.id,
            ".json",
        );
        if !used.insert(fname.to_ascii_lowercase()) {
            fname = format!("{}-{}.json", party.id, pi + 1);
            used.insert(fname.to_ascii_lowercase());
        }
        files.push(TextFile {
            name: fname,
            text: pretty(&json!({ "LinearAdditiveUtilitySpace": body })),
        });
    }
    Ok((files, warnings))
}

/// A reservation bid whose utility is the party's reservation value: the original one when
/// it still fits, else one found by search.
fn reservation_bid(
    sc: &Scenario,
    prefs: &accord_model::Preferences,
    meta: Option<&Map<String, Value>>,
    pid: &str,
    warnings: &mut Vec<String>,
) -> Option<Value> {
    let r = prefs.reservation;
    if let Some(b) = meta.and_then(|m| m.get("reservation_bid"))
        && let Ok(bid) = parse_bid(b)
        && let Ok(levels) = bid_levels(sc, &bid)
        && (prefs.utility(&levels) - r).abs() <= 1e-9
    {
        return Some(b.clone());
    }
    if r == 0.0 {
        return None;
    }
    let counts = sc.level_counts();
    let size = sc.space_size_exact().unwrap_or(u128::MAX);
    if size > 2_000_000 {
        warnings.push(format!("party `{pid}`: reservation {} has no reservation bid and the outcome space is too large to search for one; omitted", num(r)));
        return None;
    }
    let mut pkg: Vec<Level> = vec![0; counts.len()];
    let mut best: Option<(f64, Vec<Level>)> = None;
    loop {
        let u = prefs.utility(&pkg);
        if (u - r).abs() <= 1e-9 {
            return Some(bid_json(sc, &pkg));
        }
        if u >= r && best.as_ref().is_none_or(|(bu, _)| u < *bu) {
            best = Some((u, pkg.clone()));
        }
        // Next package (mixed radix).
        let mut k = 0;
        loop {
            if k == counts.len() {
                let Some((u, p)) = best else {
                    warnings.push(format!("party `{pid}`: no bid reaches the reservation {}; no reservation bid written", num(r)));
                    return None;
                };
                warnings.push(format!("party `{pid}`: no bid has utility exactly {}; the reservation bid written has utility {}", num(r), num(u)));
                return Some(bid_json(sc, &p));
            }
            pkg[k] += 1;
            if (pkg[k] as usize) < counts[k] {
                break;
            }
            pkg[k] = 0;
            k += 1;
        }
    }
}
