//! accord [`ScenarioDoc`] -> GENIUS XML (one domain file and one profile per party).

use std::collections::HashSet;
use std::fmt::Write as _;

use accord_model::{IssueKind, ScenarioDoc, ValuesDoc, load_doc};
use serde_json::Value;

use crate::error::{ErrorKind, FormatError};
use crate::maxsum::{BoxTerm, max_sum};
use crate::pwl::{recognise_line, recognise_triangle};
use crate::{Semantics, TextFile};

/// Escapes text for an XML attribute value.
pub(crate) fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\n' => o.push_str("&#10;"),
            '\r' => o.push_str("&#13;"),
            '\t' => o.push_str("&#9;"),
            c if (c as u32) < 0x20 => {}
            c => o.push(c),
        }
    }
    o
}

/// Shortest decimal that reads back as the same number (`1.0`, `0.1`, `1e-7`).
pub(crate) fn num(x: f64) -> String {
    // Tidy values that are integers up to rounding noise (e.g. 57.99999999999999).
    let r = x.round();
    if (x - r).abs() <= 1e-12 * x.abs().max(1.0) && r.abs() < 1e15 && (x - r).abs() > 0.0 {
        return format!("{r:?}");
    }
    format!("{x:?}")
}

fn meta_obj<'a>(doc: &'a ScenarioDoc, key: &str) -> Option<&'a serde_json::Map<String, Value>> {
    doc.scenario.metadata.get(key).and_then(Value::as_object)
}

/// A safe file name: the last path component of `name`, with `/`, `\` and `..` removed.
pub(crate) fn safe_file_name(name: &str, fallback: &str, ext: &str) -> String {
    let last = name.rsplit(['/', '\\']).next().unwrap_or("");
    let ok = !last.is_empty()
        && last != "."
        && last != ".."
        && last.to_ascii_lowercase().ends_with(ext)
        && !last.chars().any(|c| c.is_control() || c == ':');
    if ok {
        last.to_string()
    } else {
        format!("{fallback}{ext}")
    }
}

/// Everything the writers need about one issue.
pub(crate) struct WIssue {
    pub id: String,
    pub name: String,
    pub index: i64,
    pub kind: IssueKind,
    /// Value strings (discrete) or grid x values (numeric).
    pub labels: Vec<String>,
    pub xs: Vec<f64>,
    pub min: f64,
    pub max: f64,
}

/// Issues with unique GENIUS indices, names and value strings. A numeric issue for which
/// `numeric_ok` is false (its step or a value function has no counterpart in the target
/// format) is written as a discrete issue with one value per grid point, which keeps every
/// utility exact.
pub(crate) fn writer_issues(
    doc: &ScenarioDoc,
    sc: &accord_model::Scenario,
    sem: Semantics,
    warnings: &mut Vec<String>,
    numeric_ok: &dyn Fn(usize, &accord_model::IssueDoc) -> bool,
) -> Vec<WIssue> {
    let meta_idx = meta_obj(doc, "issue_index");
    let mut indices: Vec<i64> = sc
        .issues
        .iter()
        .enumerate()
        .map(|(k, i)| {
            meta_idx
                .and_then(|m| m.get(&i.id))
                .and_then(Value::as_i64)
                .unwrap_or(i64::try_from(k).unwrap_or(0) + 1)
        })
        .collect();
    let unique: HashSet<i64> = indices.iter().copied().collect();
    let sequential = indices
        .iter()
        .enumerate()
        .all(|(k, &x)| x == i64::try_from(k).unwrap_or(0) + 1);
    if unique.len() != indices.len()
        || indices.iter().any(|&x| x < 1)
        || (sem == Semantics::Negmas && !sequential)
    {
        indices = (1..=i64::try_from(sc.issues.len()).unwrap_or(0)).collect();
    }
    let names: Vec<&str> = doc.issues.iter().map(|i| i.name.as_str()).collect();
    let dup_names = names.iter().collect::<HashSet<_>>().len() != names.len()
        || names.iter().any(|n| n.is_empty());
    if dup_names {
        warnings.push("issue names are not unique; issue ids are written as GENIUS names".into());
    }
    sc.issues
        .iter()
        .zip(&doc.issues)
        .zip(indices)
        .enumerate()
        .map(|(k, ((i, d), index))| {
            let mut labels: Vec<String> = i.levels.iter().map(|l| l.id.clone()).collect();
            let mut kind = i.kind;
            if kind != IssueKind::Discrete && !numeric_ok(k, d) {
                warnings.push(format!(
                    "numeric issue `{}` is written as a discrete issue with one value per grid point (its step or a value function has no counterpart in the format); utilities stay exact",
                    i.id
                ));
                kind = IssueKind::Discrete;
            } else if kind == IssueKind::Discrete {
                labels = d
                    .options
                    .iter()
                    .map(|o| o.label.clone().unwrap_or_else(|| o.id.clone()))
                    .collect();
                let uniq = labels.iter().collect::<HashSet<_>>().len() == labels.len();
                if !uniq {
                    warnings.push(format!(
                        "option labels of issue `{}` are not unique; option ids are written instead",
                        i.id
                    ));
                    labels = i.levels.iter().map(|l| l.id.clone()).collect();
                }
            }
            WIssue {
                id: i.id.clone(),
                name: if dup_names { i.id.clone() } else { d.name.clone() },
                index,
                kind,
                labels,
                xs: i.levels.iter().filter_map(|l| l.x).collect(),
                min: d.min.unwrap_or(0.0),
                max: d.max.unwrap_or(0.0),
            }
        })
        .collect()
}

fn issue_open(i: &WIssue, close: bool) -> String {
    let ty = match i.kind {
        IssueKind::Discrete => "discrete",
        IssueKind::Integer => "integer",
        IssueKind::Real => "real",
    };
    let mut s = format!(
        "    <issue index=\"{}\" name=\"{}\" etype=\"{ty}\" type=\"{ty}\" vtype=\"{ty}\"",
        i.index,
        esc(&i.name)
    );
    if i.kind == IssueKind::Integer {
        #[allow(clippy::cast_possible_truncation)]
        let _ = write!(
            s,
            " lowerbound=\"{}\" upperbound=\"{}\"",
            i.min.round() as i64,
            i.max.round() as i64
        );
    }
    s.push_str(if close { "/>\n" } else { ">\n" });
    if i.kind == IssueKind::Real && !close {
        let _ = writeln!(
            s,
            "      <range lowerbound=\"{}\" upperbound=\"{}\"/>",
            num(i.min),
            num(i.max)
        );
    }
    s
}

/// The domain file's text.
pub(crate) fn domain_xml(name: &str, issues: &[WIssue]) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<negotiation_template>\n");
    let _ = writeln!(s, "  <utility_space number_of_issues=\"{}\">", issues.len());
    let _ = writeln!(
        s,
        "  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"{}\">",
        esc(name)
    );
    for i in issues {
        match i.kind {
            IssueKind::Discrete => {
                s.push_str(&issue_open(i, false));
                for (k, v) in i.labels.iter().enumerate() {
                    let _ = writeln!(
                        s,
                        "      <item index=\"{}\" value=\"{}\" cost=\"0\" description=\"{}\"/>",
                        k + 1,
                        esc(v),
                        esc(v)
                    );
                }
                s.push_str("    </issue>\n");
            }
            IssueKind::Integer => s.push_str(&issue_open(i, true)),
            IssueKind::Real => {
                s.push_str(&issue_open(i, false));
                s.push_str("    </issue>\n");
            }
        }
    }
    s.push_str("  </objective>\n  </utility_space>\n</negotiation_template>\n");
    s
}

fn unsupported(file: &str, construct: impl Into<String>, msg: impl Into<String>) -> FormatError {
    FormatError::unsupported(std::path::Path::new(file), None, construct, msg)
}

/// Writes the whole scenario as GENIUS XML texts: the domain first, then one profile per
/// party with preferences.
pub(crate) fn to_texts(
    doc: &ScenarioDoc,
    sem: Semantics,
) -> Result<(Vec<TextFile>, Vec<String>), FormatError> {
    let loaded = load_doc(doc.clone(), &doc.scenario.id).map_err(|e| {
        FormatError::new(
            ErrorKind::Validation,
            format!("the scenario is not valid, so it cannot be written:\n{e}"),
        )
    })?;
    let sc = loaded.scenario;
    let mut warnings = Vec::new();
    if sem == Semantics::Genius && doc.scenario.utility_scale == accord_model::UtilityScale::Raw {
        warnings.push(
            "the scenario uses raw utilities; GENIUS semantics will normalise them on reading"
                .into(),
        );
    }
    let numeric_ok = |k: usize, d: &accord_model::IssueDoc| -> bool {
        let step_ok = match d.kind {
            IssueKind::Integer => d.step.is_none_or(|s| (s - 1.0).abs() < 1e-12),
            IssueKind::Real => d.step.is_none_or(|s| {
                let (lo, hi) = (d.min.unwrap_or(0.0), d.max.unwrap_or(0.0));
                (s - (hi - lo) / 100.0).abs() <= 1e-12 * s.abs().max(1e-300)
            }),
            IssueKind::Discrete => true,
        };
        step_ok
            && sc.parties.iter().all(|party| {
                let Some(prefs) = &party.preferences else {
                    return true;
                };
                if !prefs.interactions.is_empty() {
                    return true; // written as hyper-rectangles, level by level
                }
                match doc
                    .preferences
                    .get(&party.id)
                    .and_then(|p| p.values.get(&d.id))
                {
                    Some(ValuesDoc::Points(p)) => {
                        let (lo, hi) = (d.min.unwrap_or(0.0), d.max.unwrap_or(0.0));
                        (d.kind == IssueKind::Real && recognise_triangle(&p.points).is_some())
                            || recognise_line(&p.points, lo, hi, sem == Semantics::Genius).is_some()
                    }
                    _ => prefs.weights.get(k).is_none_or(|w| *w == 0.0),
                }
            })
    };
    let issues = writer_issues(doc, &sc, sem, &mut warnings, &numeric_ok);
    let meta_domain = doc
        .scenario
        .metadata
        .get("domain_file")
        .and_then(Value::as_str)
        .unwrap_or("");
    let domain_name = doc
        .scenario
        .metadata
        .get("domain_name")
        .and_then(Value::as_str)
        .unwrap_or(&doc.scenario.id);
    let dfile = safe_file_name(meta_domain, &format!("{}-domain", doc.scenario.id), ".xml");
    let mut used: HashSet<String> = HashSet::from([dfile.to_ascii_lowercase()]);
    let mut files = vec![TextFile {
        name: dfile,
        text: domain_xml(domain_name, &issues),
    }];
    let profiles_meta = meta_obj(doc, "profiles");
    for (pi, party) in sc.parties.iter().enumerate() {
        let Some(prefs) = &party.preferences else {
            warnings.push(format!(
                "party `{}` has no preferences; no profile written",
                party.id
            ));
            continue;
        };
        let pmeta = profiles_meta
            .and_then(|m| m.get(&party.id))
            .and_then(Value::as_object);
        let mut fname = safe_file_name(
            pmeta
                .and_then(|m| m.get("file"))
                .and_then(Value::as_str)
                .unwrap_or(""),
            &party.id,
            ".xml",
        );
        if !used.insert(fname.to_ascii_lowercase()) {
            fname = format!("{}-{}.xml", party.id, pi + 1);
            used.insert(fname.to_ascii_lowercase());
        }
        if !prefs.red_lines.is_empty() {
            warnings.push(format!(
                "party `{}` has {} red line(s); GENIUS profiles have none, so they are dropped",
                party.id,
                prefs.red_lines.len()
            ));
        }
        let pdoc = doc.preferences.get(&party.id);
        let text = if prefs.interactions.is_empty() {
            additive_profile(
                &issues,
                prefs,
                pdoc,
                pmeta,
                sem,
                &party.id,
                &fname,
                &mut warnings,
            )?
        } else {
            nonlinear_profile(&issues, prefs, pmeta, sem, &party.id, &fname, &mut warnings)?
        };
        files.push(TextFile { name: fname, text });
    }
    Ok((files, warnings))
}

fn tail(
    prefs: &accord_model::Preferences,
    pmeta: Option<&serde_json::Map<String, Value>>,
    s: &mut String,
) {
    if prefs.discount < 1.0 {
        let _ = writeln!(s, "  <discount_factor value=\"{}\"/>", num(prefs.discount));
    }
    let _ = writeln!(s, "  <reservation value=\"{}\"/>", num(prefs.reservation));
    if let Some(extras) = pmeta
        .and_then(|m| m.get("uncertain"))
        .and_then(Value::as_object)
    {
        for (k, v) in extras {
            if !matches!(
                k.as_str(),
                "comparisons" | "errors" | "fixed_seed" | "experimental" | "elicitation_cost"
            ) {
                continue;
            }
            let text = match v {
                Value::String(t) => t.clone(),
                other => other.to_string(),
            };
            let _ = writeln!(s, "  <{k}>{}</{k}>", esc(&text));
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn additive_profile(
    issues: &[WIssue],
    prefs: &accord_model::Preferences,
    pdoc: Option<&accord_model::PreferencesDoc>,
    pmeta: Option<&serde_json::Map<String, Value>>,
    sem: Semantics,
    pid: &str,
    fname: &str,
    warnings: &mut Vec<String>,
) -> Result<String, FormatError> {
    let uncertain = pmeta
        .and_then(|m| m.get("type"))
        .and_then(Value::as_str)
        .is_some_and(|t| t == "uncertain");
    let mut s = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    s.push_str(if uncertain {
        "<utility_space type=\"UNCERTAIN\">\n"
    } else {
        "<utility_space>\n"
    });
    s.push_str("  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"root\">\n");
    for (k, i) in issues.iter().enumerate() {
        let w = prefs.weights[k];
        match i.kind {
            IssueKind::Discrete => {
                s.push_str(&issue_open(i, false));
                let vals = &prefs.values[k];
                let max = vals.iter().copied().fold(f64::NEG_INFINITY, f64::max);
                if sem == Semantics::Genius && w > 0.0 && max > 1e-5 && (max - 1.0).abs() > 1e-9 {
                    warnings.push(format!(
                        "party `{pid}`, issue `{}`: the best option is worth {} < 1, but GENIUS divides evaluations by their maximum, so this profile's utilities change",
                        i.id,
                        num(max)
                    ));
                }
                for (j, v) in i.labels.iter().enumerate() {
                    let _ = writeln!(
                        s,
                        "      <item index=\"{}\" value=\"{}\" evaluation=\"{}\"/>",
                        j + 1,
                        esc(v),
                        num(vals.get(j).copied().unwrap_or(0.0))
                    );
                }
            }
            IssueKind::Integer | IssueKind::Real => {
                s.push_str(&issue_open(i, false));
                let points = match pdoc.and_then(|p| p.values.get(&i.id)) {
                    Some(ValuesDoc::Points(p)) => p.points.clone(),
                    _ => vec![[i.min, 0.0]],
                };
                s.push_str(&evaluator(i, &points, sem, pid, fname)?);
            }
        }
        s.push_str("    </issue>\n");
    }
    for (k, i) in issues.iter().enumerate() {
        let _ = writeln!(
            s,
            "    <weight index=\"{}\" value=\"{}\"/>",
            i.index,
            num(prefs.weights[k])
        );
    }
    s.push_str("  </objective>\n");
    tail(prefs, pmeta, &mut s);
    s.push_str("</utility_space>\n");
    Ok(s)
}

fn evaluator(
    i: &WIssue,
    points: &[[f64; 2]],
    sem: Semantics,
    pid: &str,
    fname: &str,
) -> Result<String, FormatError> {
    let clamp = sem == Semantics::Genius;
    if i.kind == IssueKind::Real
        && let Some((a, b, t)) = recognise_triangle(points)
    {
        return Ok(format!(
            "      <evaluator ftype=\"triangular\" parameter0=\"{}\" parameter1=\"{}\" parameter2=\"{}\"/>\n",
            num(a),
            num(b),
            num(t)
        ));
    }
    let Some(line) = recognise_line(points, i.min, i.max, clamp) else {
        return Err(unsupported(
            fname,
            format!("value function of issue `{}` for party `{pid}`", i.id),
            format!(
                "its {} points do not form a {}line, and GENIUS {} evaluators are {}linear",
                points.len(),
                if clamp { "clamped " } else { "" },
                if i.kind == IssueKind::Integer {
                    "integer"
                } else {
                    "real"
                },
                if clamp { "(clamped) " } else { "" },
            ),
        ));
    };
    Ok(match (i.kind, sem) {
        // GENIUS 10.4: offset + slope * (x - lowerbound).
        (IssueKind::Integer, Semantics::Genius) => format!(
            "      <evaluator ftype=\"linear\" offset=\"{}\" slope=\"{}\"/>\n",
            num(line.at(i.min)),
            num(line.slope)
        ),
        // NegMAS 0.16: offset + slope * x.
        (IssueKind::Integer, Semantics::Negmas) => format!(
            "      <evaluator ftype=\"linear\" offset=\"{}\" slope=\"{}\"/>\n",
            num(line.at(0.0)),
            num(line.slope)
        ),
        _ => format!(
            "      <evaluator ftype=\"linear\" parameter0=\"{}\" parameter1=\"{}\"/>\n",
            num(line.at(0.0)),
            num(line.slope)
        ),
    })
}

/// Per bounded issue: (issue, first level, last level).
type Ranges = Vec<(usize, usize, usize)>;

/// A profile whose utility has interaction terms: written as ANAC 2014 hyper-rectangles.
fn nonlinear_profile(
    issues: &[WIssue],
    prefs: &accord_model::Preferences,
    pmeta: Option<&serde_json::Map<String, Value>>,
    sem: Semantics,
    pid: &str,
    fname: &str,
    warnings: &mut Vec<String>,
) -> Result<String, FormatError> {
    let m = pmeta
        .and_then(|m| m.get("maxutility"))
        .and_then(Value::as_f64)
        .filter(|m| *m > 0.0)
        .unwrap_or(1.0);
    let scale = if sem == Semantics::Genius { m } else { 1.0 };
    // (bounds as (issue k, first level, last level), value)
    let mut rects: Vec<(Ranges, f64)> = Vec::new();
    // Additive part: constant issues become one unbounded rectangle, numeric issues one
    // rectangle per level.
    let mut constant = 0.0;
    for (k, i) in issues.iter().enumerate() {
        let w = prefs.weights[k];
        let vals = &prefs.values[k];
        if w == 0.0 || vals.iter().all(|v| *v == 0.0) {
            continue;
        }
        let first = vals[0];
        if vals
            .iter()
            .all(|v| (v - first).abs() <= 1e-15 * first.abs().max(1.0))
        {
            constant += w * first;
            continue;
        }
        if i.kind == IssueKind::Discrete {
            return Err(unsupported(
                fname,
                format!("discrete issue `{}` in a nonlinear profile", i.id),
                format!(
                    "party `{pid}` has interaction terms, so its profile is written as GENIUS hyper-rectangles, which can only bound numeric issues"
                ),
            ));
        }
        for (l, v) in vals.iter().enumerate() {
            if *v != 0.0 {
                rects.push((vec![(k, l, l)], w * v));
            }
        }
    }
    for t in &prefs.interactions {
        let mut bounds = Vec::new();
        let mut never = false;
        for c in &t.conditions {
            let i = &issues[c.issue];
            if i.kind == IssueKind::Discrete {
                return Err(unsupported(
                    fname,
                    format!("interaction on discrete issue `{}`", i.id),
                    format!("party `{pid}`: GENIUS hyper-rectangles can only bound numeric issues"),
                ));
            }
            let levels: Vec<u32> = c.levels.iter().collect();
            let (Some(&a), Some(&b)) = (levels.first(), levels.last()) else {
                never = true;
                break;
            };
            if (b - a) as usize + 1 != levels.len() {
                return Err(unsupported(
                    fname,
                    format!("non-contiguous interaction condition on `{}`", i.id),
                    format!("party `{pid}`: a hyper-rectangle bounds each issue by one interval"),
                ));
            }
            bounds.push((c.issue, a as usize, b as usize));
        }
        if !never {
            rects.push((bounds, t.value));
        }
    }
    let boxes: Vec<BoxTerm> = rects
        .iter()
        .map(|(b, v)| BoxTerm {
            ranges: b.clone(),
            value: *v,
        })
        .collect();
    if sem == Semantics::Genius
        && let Some(best) = max_sum(&boxes)
        && constant + best > 1.0 + 1e-9
    {
        warnings.push(format!(
            "party `{pid}`: utilities reach {} > 1; GENIUS caps them at 1",
            num(constant + best)
        ));
    }

    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<utility_space type=\"nonlinear\">\n",
    );
    s.push_str("  <objective index=\"0\" etype=\"objective\" type=\"objective\" description=\"\" name=\"root\">\n");
    for i in issues {
        s.push_str(&issue_open(i, i.kind == IssueKind::Integer));
        if i.kind != IssueKind::Integer {
            s.push_str("    </issue>\n");
        }
    }
    let _ = writeln!(s, "    <utility maxutility=\"{}\">", num(m));
    s.push_str("      <ufun type=\"PlainUfun\" weight=\"1\" aggregation=\"sum\">\n");
    if constant != 0.0 {
        let _ = writeln!(
            s,
            "        <hyperRectangle utility=\"{}\"/>",
            num(constant * scale)
        );
    }
    for (bounds, v) in &rects {
        let _ = writeln!(s, "        <hyperRectangle utility=\"{}\">", num(v * scale));
        for &(k, a, b) in bounds {
            let i = &issues[k];
            let (xa, xb) = (i.xs[a], i.xs[b]);
            let (lo, hi) = match sem {
                Semantics::Genius => (xa, xb),
                Semantics::Negmas => {
                    // NegMAS tests min < x < max: widen by half a grid step (1 for integers).
                    let half = match i.kind {
                        IssueKind::Integer => 1.0,
                        _ => {
                            if i.xs.len() > 1 {
                                (i.xs[1] - i.xs[0]) / 2.0
                            } else {
                                1.0
                            }
                        }
                    };
                    (xa - half, xb + half)
                }
            };
            let _ = writeln!(
                s,
                "          <INCLUDES index=\"{}\" min=\"{}\" max=\"{}\"/>",
                i.index,
                num(lo),
                num(hi)
            );
        }
        s.push_str("        </hyperRectangle>\n");
    }
    s.push_str("      </ufun>\n    </utility>\n  </objective>\n");
    tail(prefs, pmeta, &mut s);
    s.push_str("</utility_space>\n");
    Ok(s)
}
