//! Validation: turns a [`ScenarioDoc`] into a [`Scenario`], or explains what is wrong.
//!
//! Every check records a [`Diagnostic`] with the document path of the offending value;
//! validation goes on after an error so a user sees all problems at once.

use std::collections::{HashMap, HashSet};

use crate::diag::{Diagnostic, DocPath};
use crate::doc::{
    ConditionDoc, IssueKind, Judgement, PointDoc, PreferencesDoc, RedLineDoc, Role, ScenarioDoc,
    UtilityScale, ValuesDoc,
};
use crate::model::{
    Condition, Draft, EPS_WEIGHT_SUM, Interaction, Issue, Level, LevelInfo, LevelSet, Party, Point,
    Preferences, RedLine, Scenario,
};

/// Most levels a numeric issue may have on its grid.
pub const MAX_LEVELS: usize = 100_000;

/// Grid points a real issue without `step` is analysed on.
pub const DEFAULT_REAL_INTERVALS: usize = 100;

/// Tolerance for a numeric draft value or bound to count as on the grid.
const EPS_GRID: f64 = 1e-9;

/// Validates a document. Returns the scenario and its warnings, or every diagnostic
/// (errors and warnings) when there is at least one error.
pub fn validate(doc: ScenarioDoc) -> Result<(Scenario, Vec<Diagnostic>), Vec<Diagnostic>> {
    let mut v = Validator {
        diags: Vec::new(),
        raw: doc.scenario.utility_scale == UtilityScale::Raw,
    };
    let built = v.run(&doc);
    if v.diags.iter().any(Diagnostic::is_error) {
        return Err(v.diags);
    }
    match built {
        Some((issues, parties, drafts)) => Ok((
            Scenario {
                doc: std::sync::Arc::new(doc),
                issues,
                parties,
                drafts,
            },
            v.diags,
        )),
        None => Err(v.diags),
    }
}

struct Validator {
    diags: Vec<Diagnostic>,
    raw: bool,
}

type Built = (Vec<Issue>, Vec<Party>, Vec<Draft>);

/// Whether an id is short snake_case-ish: letters, digits, `_`, `-`, `.`; not empty.
fn valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// Checks a `YYYY-MM-DD` date (a real calendar day).
pub fn parse_date(s: &str) -> Option<(i32, u32, u32)> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if it.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    // Digits only: `parse` would also take a sign (`+025`, `2025-+1-01`).
    if ![y, m, d]
        .iter()
        .all(|p| p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let y: i32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    let d: u32 = d.parse().ok()?;
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

fn fmt_num(x: f64) -> String {
    if x.fract().abs() < 1e-12 && x.abs() < 1e15 {
        format!("{x:.0}")
    } else {
        let s = format!("{x:.6}");
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    }
}

impl Validator {
    fn err(&mut self, path: DocPath, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::error(path, msg));
        let n = self.diags.len() - 1;
        &mut self.diags[n]
    }

    fn warn(&mut self, path: DocPath, msg: impl Into<String>) -> &mut Diagnostic {
        self.diags.push(Diagnostic::warning(path, msg));
        let n = self.diags.len() - 1;
        &mut self.diags[n]
    }

    fn check_id(&mut self, path: DocPath, what: &str, id: &str) {
        if !valid_id(id) {
            let d = self.err(path, format!("{what} id `{id}` is not a valid id"));
            d.hint = Some(
                "use a short id of letters, digits, `_`, `-` or `.` (e.g. `ukraine`, `us_28`)"
                    .into(),
            );
            d.id = Some(id.to_string());
        }
    }

    fn check_date(&mut self, path: DocPath, what: &str, date: &str) {
        if parse_date(date).is_none() {
            let d = self.err(
                path,
                format!("{what} has date `{date}`, which is not a valid date"),
            );
            d.hint = Some("write dates as YYYY-MM-DD, e.g. `2025-11-23`".into());
        }
    }

    fn unique<'a>(&mut self, base: &DocPath, what: &str, ids: impl Iterator<Item = &'a str>) {
        let mut seen = HashSet::new();
        for (i, id) in ids.enumerate() {
            self.check_id(base.index(i).key("id"), what, id);
            if !seen.insert(id) {
                let d = self.err(
                    base.index(i).key("id"),
                    format!("duplicate {what} id `{id}`"),
                );
                d.hint = Some(format!("every {what} needs its own id; rename one of them"));
                d.id = Some(id.to_string());
            }
        }
    }

    fn finite_in(&mut self, path: DocPath, what: &str, x: f64, lo: f64, hi: f64) -> bool {
        if !x.is_finite() {
            let d = self.err(path, format!("{what} is not a finite number"));
            d.hint = Some("write an ordinary number such as 0.5 (not nan or inf)".into());
            return false;
        }
        if !self.raw && (x < lo || x > hi) {
            let d = self.err(
                path,
                format!(
                    "{what} is {}, outside [{}, {}]",
                    fmt_num(x),
                    fmt_num(lo),
                    fmt_num(hi)
                ),
            );
            d.hint = Some(
                "values and reservations are on a 0-1 scale; rescale it (or set `utility_scale = \"raw\"` in [scenario] for imported raw domains)"
                    .into(),
            );
            return false;
        }
        true
    }

    fn check_judgement_range(&mut self, path: DocPath, what: &str, j: &Judgement) {
        if let Some([lo, hi]) = j.range() {
            if !(lo.is_finite() && hi.is_finite()) || lo > hi {
                let d = self.err(
                    path.key("range"),
                    format!("{what} has range [{lo}, {hi}], which is not an interval"),
                );
                d.hint = Some("write `range = [low, high]` with low <= value <= high".into());
            } else if j.value < lo - 1e-12 || j.value > hi + 1e-12 {
                let d = self.err(
                    path.key("range"),
                    format!(
                        "{what} is {} but its range is [{lo}, {hi}]",
                        fmt_num(j.value)
                    ),
                );
                d.hint = Some("the value must lie inside its own range".into());
            }
        }
    }

    fn run(&mut self, doc: &ScenarioDoc) -> Option<Built> {
        let root = DocPath::root();
        let meta = root.key("scenario");
        self.check_id(meta.key("id"), "scenario", &doc.scenario.id);
        if let Some(d) = &doc.scenario.as_of {
            self.check_date(meta.key("as_of"), "the scenario", d);
        }

        // Evidence ids: sources and events.
        let src_base = root.key("sources");
        self.unique(
            &src_base,
            "source",
            doc.sources.iter().map(|s| s.id.as_str()),
        );
        for (i, s) in doc.sources.iter().enumerate() {
            if let Some(d) = &s.date {
                self.check_date(
                    src_base.index(i).key("date"),
                    &format!("source `{}`", s.id),
                    d,
                );
            }
        }
        let ev_base = root.key("events");
        self.unique(&ev_base, "event", doc.events.iter().map(|e| e.id.as_str()));
        let mut evidence_ids: HashSet<&str> = doc.sources.iter().map(|s| s.id.as_str()).collect();
        for (ei, e) in doc.events.iter().enumerate() {
            if !evidence_ids.insert(e.id.as_str()) && doc.sources.iter().any(|s| s.id == e.id) {
                let d = self.warn(
                    ev_base.index(ei).key("id"),
                    format!(
                        "event id `{}` is also a source id; evidence naming it is ambiguous",
                        e.id
                    ),
                );
                d.hint = Some("give events and sources distinct ids".into());
            }
        }

        // Parties.
        let p_base = root.key("parties");
        self.unique(&p_base, "party", doc.parties.iter().map(|p| p.id.as_str()));
        let party_idx: HashMap<&str, usize> = doc
            .parties
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.as_str(), i))
            .collect();
        if doc.parties.is_empty() {
            let d = self.err(p_base.clone(), "the scenario has no parties");
            d.hint = Some("add at least two `[[parties]]` tables".into());
        }
        for (i, p) in doc.parties.iter().enumerate() {
            let path = p_base.index(i).key("capability");
            let c = p.capability.value;
            if !c.is_finite() || c <= 0.0 {
                let d = self.err(
                    path.clone(),
                    format!(
                        "party `{}` has capability {}; it must be > 0",
                        p.id,
                        fmt_num(c)
                    ),
                );
                d.hint =
                    Some("capability is relative power: any positive number (e.g. 0.3)".into());
                d.id = Some(p.id.clone());
            }
            self.check_judgement_range(
                path.clone(),
                &format!("capability of `{}`", p.id),
                &p.capability,
            );
            self.check_evidence(&path, p.capability.sources(), &evidence_ids);
        }

        // Issues.
        let i_base = root.key("issues");
        self.unique(&i_base, "issue", doc.issues.iter().map(|i| i.id.as_str()));
        if doc.issues.is_empty() {
            let d = self.err(i_base.clone(), "the scenario has no issues");
            d.hint = Some("add at least one `[[issues]]` table with `options`".into());
        }
        let mut issues = Vec::with_capacity(doc.issues.len());
        for (ii, idoc) in doc.issues.iter().enumerate() {
            let path = i_base.index(ii);
            issues.push(self.build_issue(&path, idoc));
        }
        let issue_idx: HashMap<&str, usize> = doc
            .issues
            .iter()
            .enumerate()
            .map(|(i, x)| (x.id.as_str(), i))
            .collect();

        // Preferences.
        let pref_base = root.key("preferences");
        for pid in doc.preferences.keys() {
            if !party_idx.contains_key(pid.as_str()) {
                let d = self.err(
                    pref_base.key(pid),
                    format!("preferences for unknown party `{pid}`"),
                );
                d.hint = Some(format!(
                    "declare a `[[parties]]` entry with id = \"{pid}\", or fix the name"
                ));
                d.id = Some(pid.clone());
            }
        }
        let mut parties = Vec::with_capacity(doc.parties.len());
        for (pi, pdoc) in doc.parties.iter().enumerate() {
            let prefs = match doc.preferences.get(&pdoc.id) {
                Some(pr) => self.build_prefs(
                    &pref_base.key(&pdoc.id),
                    &pdoc.id,
                    pr,
                    &issues,
                    &issue_idx,
                    &evidence_ids,
                ),
                None => {
                    if pdoc.veto.unwrap_or(pdoc.role == Role::Principal) {
                        let d = self.err(
                            p_base.index(pi).key("id"),
                            format!("party `{}` has a veto but no preferences", pdoc.id),
                        );
                        d.hint = Some(format!(
                            "add a `[preferences.{}]` table with weights and values, or set `veto = false`",
                            pdoc.id
                        ));
                        d.id = Some(pdoc.id.clone());
                    }
                    None
                }
            };
            parties.push(Party {
                id: pdoc.id.clone(),
                name: pdoc.name.clone(),
                role: pdoc.role,
                capability: pdoc.capability.value,
                veto: pdoc.veto.unwrap_or(pdoc.role == Role::Principal),
                members: pdoc.members.clone(),
                preferences: prefs,
            });
        }

        // Drafts.
        let d_base = root.key("drafts");
        self.unique(&d_base, "draft", doc.drafts.iter().map(|d| d.id.as_str()));
        let draft_idx: HashMap<&str, usize> = doc
            .drafts
            .iter()
            .enumerate()
            .map(|(i, d)| (d.id.as_str(), i))
            .collect();
        let mut drafts = Vec::with_capacity(doc.drafts.len());
        for (di, ddoc) in doc.drafts.iter().enumerate() {
            let path = d_base.index(di);
            let author = party_idx.get(ddoc.author.as_str()).copied();
            if author.is_none() {
                let d = self.err(
                    path.key("author"),
                    format!("draft `{}` names unknown author `{}`", ddoc.id, ddoc.author),
                );
                d.hint = Some("the author must be one of the party ids".into());
                d.id = Some(ddoc.author.clone());
            }
            self.check_date(
                path.key("date"),
                &format!("draft `{}`", ddoc.id),
                &ddoc.date,
            );
            let parent = match &ddoc.parent {
                Some(p) => {
                    let idx = draft_idx.get(p.as_str()).copied();
                    if idx.is_none() {
                        let d = self.err(
                            path.key("parent"),
                            format!("draft `{}` names unknown parent `{p}`", ddoc.id),
                        );
                        d.hint = Some("the parent must be the id of another draft".into());
                        d.id = Some(p.clone());
                    }
                    idx
                }
                None => None,
            };
            if ddoc.inherits && ddoc.parent.is_none() {
                let d = self.err(
                    path.key("inherits"),
                    format!("draft `{}` inherits but has no parent", ddoc.id),
                );
                d.hint = Some("set `parent = \"...\"` or remove `inherits`".into());
            }
            self.check_evidence(&path, &ddoc.sources, &evidence_ids);
            let (points, package) = self.build_points(
                &path,
                &ddoc.id,
                &ddoc.points,
                &issues,
                &issue_idx,
                &evidence_ids,
            );
            drafts.push(Draft {
                id: ddoc.id.clone(),
                title: ddoc.title.clone(),
                author: author.unwrap_or(0),
                date: ddoc.date.clone(),
                status: ddoc.status,
                parent,
                package,
                points,
            });
        }
        // Cycles in the parent chain.
        for start in 0..drafts.len() {
            let mut seen = HashSet::new();
            let mut cur = Some(start);
            while let Some(c) = cur {
                if !seen.insert(c) {
                    if c == start {
                        let d = self.err(
                            d_base.index(start).key("parent"),
                            format!(
                                "draft `{}` is its own ancestor (the parent chain forms a cycle)",
                                drafts[start].id
                            ),
                        );
                        d.hint = Some(
                            "one draft in the cycle must have no parent, or another parent".into(),
                        );
                        d.id = Some(drafts[start].id.clone());
                    }
                    break;
                }
                cur = drafts[c].parent;
            }
        }
        if !self.diags.iter().any(Diagnostic::is_error) {
            resolve_inheritance(
                &mut drafts,
                &doc.drafts.iter().map(|d| d.inherits).collect::<Vec<_>>(),
            );
        }

        // Events.
        for (ei, e) in doc.events.iter().enumerate() {
            let path = ev_base.index(ei);
            self.check_date(path.key("date"), &format!("event `{}`", e.id), &e.date);
            for (k, p) in e.participants.iter().enumerate() {
                if !party_idx.contains_key(p.as_str()) {
                    let d = self.err(
                        path.key("participants").index(k),
                        format!("event `{}` names unknown participant `{p}`", e.id),
                    );
                    d.hint = Some("participants are party ids".into());
                    d.id = Some(p.clone());
                }
            }
            for (k, dr) in e.drafts.iter().enumerate() {
                if !draft_idx.contains_key(dr.as_str()) {
                    let d = self.err(
                        path.key("drafts").index(k),
                        format!("event `{}` names unknown draft `{dr}`", e.id),
                    );
                    d.hint = Some("`drafts` lists draft ids".into());
                    d.id = Some(dr.clone());
                }
            }
            for (k, s) in e.sources.iter().enumerate() {
                if !doc.sources.iter().any(|x| &x.id == s) {
                    let d = self.err(
                        path.key("sources").index(k),
                        format!("event `{}` cites unknown source `{s}`", e.id),
                    );
                    d.hint = Some("add a `[[sources]]` entry with this id".into());
                    d.id = Some(s.clone());
                }
            }
        }
        Some((issues, parties, drafts))
    }

    fn check_evidence(&mut self, path: &DocPath, ids: &[String], known: &HashSet<&str>) {
        for (k, s) in ids.iter().enumerate() {
            if !known.contains(s.as_str()) {
                let d = self.err(
                    path.key("sources").index(k),
                    format!("evidence cites unknown source `{s}`"),
                );
                d.hint = Some(
                    "add a `[[sources]]` (or `[[events]]`) entry with this id, or fix the id"
                        .into(),
                );
                d.id = Some(s.clone());
            }
        }
    }

    fn build_issue(&mut self, path: &DocPath, idoc: &crate::doc::IssueDoc) -> Issue {
        let mut levels = Vec::new();
        match idoc.kind {
            IssueKind::Discrete => {
                if idoc.min.is_some() || idoc.max.is_some() || idoc.step.is_some() {
                    let bound = if idoc.min.is_some() {
                        "min"
                    } else if idoc.max.is_some() {
                        "max"
                    } else {
                        "step"
                    };
                    let d = self.err(
                        path.key(bound),
                        format!("discrete issue `{}` has `min`/`max`/`step`", idoc.id),
                    );
                    d.hint = Some("set `kind = \"integer\"` or `\"real\"` for a numeric issue, or remove the bounds".into());
                }
                if idoc.options.is_empty() {
                    let d = self.err(
                        path.key("options"),
                        format!("issue `{}` has no options", idoc.id),
                    );
                    d.hint = Some("list its options: `options = [\"a\", \"b\"]`".into());
                    d.id = Some(idoc.id.clone());
                } else if idoc.options.len() == 1 {
                    let d = self.warn(
                        path.key("options"),
                        format!(
                            "issue `{}` has a single option; it cannot be negotiated",
                            idoc.id
                        ),
                    );
                    d.id = Some(idoc.id.clone());
                }
                let mut seen = HashSet::new();
                for (k, o) in idoc.options.iter().enumerate() {
                    if !valid_id(&o.id) {
                        let d = self.err(
                            path.key("options").index(k),
                            format!(
                                "option id `{}` of issue `{}` is not a valid id",
                                o.id, idoc.id
                            ),
                        );
                        d.hint = Some("use letters, digits, `_`, `-` or `.`".into());
                    }
                    if !seen.insert(o.id.as_str()) {
                        let d = self.err(
                            path.key("options").index(k),
                            format!("issue `{}` lists option `{}` twice", idoc.id, o.id),
                        );
                        d.hint = Some("every option of an issue needs its own id".into());
                        d.id = Some(o.id.clone());
                    }
                    levels.push(LevelInfo {
                        id: o.id.clone(),
                        label: o.label.clone().unwrap_or_else(|| o.id.clone()),
                        x: None,
                    });
                }
            }
            IssueKind::Integer | IssueKind::Real => {
                if !idoc.options.is_empty() {
                    let d = self.err(
                        path.key("options"),
                        format!("numeric issue `{}` lists options", idoc.id),
                    );
                    d.hint = Some("a numeric issue has `min`, `max` and optional `step`; remove `options` or make it discrete".into());
                }
                let (Some(lo), Some(hi)) = (idoc.min, idoc.max) else {
                    let d = self.err(
                        path.clone(),
                        format!("numeric issue `{}` needs `min` and `max`", idoc.id),
                    );
                    d.hint = Some("add e.g. `min = 0` and `max = 100`".into());
                    d.id = Some(idoc.id.clone());
                    return Issue {
                        id: idoc.id.clone(),
                        name: idoc.name.clone(),
                        kind: idoc.kind,
                        ordered: true,
                        levels: vec![LevelInfo {
                            id: "0".into(),
                            label: "0".into(),
                            x: Some(0.0),
                        }],
                    };
                };
                let integer = idoc.kind == IssueKind::Integer;
                #[allow(clippy::cast_precision_loss)]
                let step = idoc.step.unwrap_or(if integer {
                    1.0
                } else {
                    (hi - lo) / DEFAULT_REAL_INTERVALS as f64
                });
                let bad_bounds = !lo.is_finite() || !hi.is_finite() || lo > hi;
                if bad_bounds {
                    let d = self.err(
                        path.key("max"),
                        format!(
                            "issue `{}` has min {} > max {}",
                            idoc.id,
                            fmt_num(lo),
                            fmt_num(hi)
                        ),
                    );
                    d.hint = Some("swap the bounds".into());
                } else if integer
                    && (lo.fract().abs() > 0.0
                        || hi.fract().abs() > 0.0
                        || step.fract().abs() > 0.0)
                {
                    let d = self.err(
                        path.clone(),
                        format!(
                            "integer issue `{}` has a non-integer bound or step",
                            idoc.id
                        ),
                    );
                    d.hint = Some("use whole numbers, or `kind = \"real\"`".into());
                } else if hi > lo && !(step.is_finite() && step > 0.0) {
                    let d = self.err(
                        path.key("step"),
                        format!(
                            "issue `{}` has step {}; it must be > 0",
                            idoc.id,
                            fmt_num(step)
                        ),
                    );
                    d.hint = Some("set a positive `step`".into());
                } else {
                    let n = if hi > lo {
                        ((hi - lo) / step + EPS_GRID).floor() + 1.0
                    } else {
                        1.0
                    };
                    #[allow(clippy::cast_precision_loss)]
                    if n > MAX_LEVELS as f64 {
                        let d = self.err(
                            path.key("step"),
                            format!(
                                "issue `{}` has {} grid points; at most {MAX_LEVELS} are supported",
                                idoc.id,
                                fmt_num(n)
                            ),
                        );
                        d.hint = Some("set a coarser `step`".into());
                    } else {
                        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                        let n = n as usize;
                        for k in 0..n {
                            #[allow(clippy::cast_precision_loss)]
                            let x = lo + step * k as f64;
                            let x = if (x - hi).abs() < step * EPS_GRID {
                                hi
                            } else {
                                x
                            };
                            let id = fmt_num(x);
                            levels.push(LevelInfo {
                                label: match &idoc.unit {
                                    Some(u) => format!("{id} {u}"),
                                    None => id.clone(),
                                },
                                id,
                                x: Some(x),
                            });
                        }
                    }
                }
                if levels.is_empty() {
                    levels.push(LevelInfo {
                        id: fmt_num(lo),
                        label: fmt_num(lo),
                        x: Some(lo),
                    });
                }
            }
        }
        Issue {
            id: idoc.id.clone(),
            name: idoc.name.clone(),
            kind: idoc.kind,
            ordered: idoc.ordered || idoc.kind != IssueKind::Discrete,
            levels,
        }
    }

    /// Resolves `{issue -> condition}` to compiled conditions.
    fn build_conditions<'a>(
        &mut self,
        path: &DocPath,
        who: &str,
        conds: impl Iterator<Item = (&'a str, &'a ConditionDoc, DocPath)>,
        issues: &[Issue],
        issue_idx: &HashMap<&str, usize>,
    ) -> Option<Vec<Condition>> {
        let mut out = Vec::new();
        let mut ok = true;
        for (iid, c, cpath) in conds {
            let Some(&ii) = issue_idx.get(iid) else {
                let d = self.err(cpath, format!("{who} names unknown issue `{iid}`"));
                d.hint = Some("use one of the issue ids".into());
                d.id = Some(iid.to_string());
                ok = false;
                continue;
            };
            let issue = &issues[ii];
            let mut set = LevelSet::empty(issue.len());
            match c {
                ConditionDoc::Option(o) => match self.level_of(&cpath, who, issue, issues, o) {
                    Some(l) => set.insert(l),
                    None => ok = false,
                },
                ConditionDoc::Options(os) => {
                    for (k, o) in os.iter().enumerate() {
                        match self.level_of(&cpath.index(k), who, issue, issues, o) {
                            Some(l) => set.insert(l),
                            None => ok = false,
                        }
                    }
                }
                ConditionDoc::Interval { at_least, at_most } => {
                    if issue.kind == IssueKind::Discrete && !issue.ordered {
                        let d = self.err(
                            cpath,
                            format!("{who} uses a numeric bound on unordered issue `{iid}`"),
                        );
                        d.hint = Some("name options instead, or mark the issue `ordered = true` to compare by position".into());
                        ok = false;
                        continue;
                    }
                    if at_least.is_some_and(|a| !a.is_finite())
                        || at_most.is_some_and(|b| !b.is_finite())
                    {
                        let d = self.err(
                            cpath,
                            format!("{who} has a bound that is not a finite number"),
                        );
                        d.hint = Some(
                            "write `at_least = X` or `at_most = X` with an ordinary number".into(),
                        );
                        ok = false;
                        continue;
                    }
                    if at_least.is_none() && at_most.is_none() {
                        let d = self.err(
                            cpath,
                            format!("{who} gives neither `at_least` nor `at_most`"),
                        );
                        d.hint = Some("give one bound or both".into());
                        ok = false;
                        continue;
                    }
                    for (k, lvl) in issue.levels.iter().enumerate() {
                        #[allow(clippy::cast_precision_loss)]
                        let x = lvl.x.unwrap_or(k as f64);
                        let lo_ok = at_least.is_none_or(|a| x >= a - EPS_GRID);
                        let hi_ok = at_most.is_none_or(|b| x <= b + EPS_GRID);
                        if lo_ok && hi_ok {
                            set.insert(Level::try_from(k).unwrap_or(Level::MAX));
                        }
                    }
                    if set.count() == 0 {
                        let d = self.warn(
                            cpath,
                            format!("{who}: the bound on `{iid}` matches no value of the issue"),
                        );
                        d.hint = Some("check the bound against the issue's min and max".into());
                    }
                }
            }
            out.push(Condition {
                issue: ii,
                levels: set,
            });
        }
        if out.is_empty() && ok {
            let d = self.err(path.clone(), format!("{who} has no condition"));
            d.hint = Some("write `{ issue = \"x\", option = \"y\" }` or `{ when = { x = \"y\", z = \"w\" } }`".into());
            return None;
        }
        ok.then_some(out)
    }

    fn level_of(
        &mut self,
        path: &DocPath,
        who: &str,
        issue: &Issue,
        issues: &[Issue],
        option: &str,
    ) -> Option<Level> {
        if let Some(l) = issue.level_index(option) {
            return Some(l);
        }
        let elsewhere = issues
            .iter()
            .find(|i| i.id != issue.id && i.level_index(option).is_some());
        let d = self.err(
            path.clone(),
            format!(
                "{who} names option `{option}`, which issue `{}` does not have",
                issue.id
            ),
        );
        d.id = Some(option.to_string());
        d.hint = Some(match elsewhere {
            Some(other) => format!(
                "`{option}` is an option of issue `{}`; did you mean that issue?",
                other.id
            ),
            None => format!(
                "options of `{}`: {}",
                issue.id,
                issue
                    .levels
                    .iter()
                    .take(12)
                    .map(|l| format!("`{}`", l.id))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        });
        None
    }

    fn build_prefs(
        &mut self,
        path: &DocPath,
        pid: &str,
        pr: &PreferencesDoc,
        issues: &[Issue],
        issue_idx: &HashMap<&str, usize>,
        evidence: &HashSet<&str>,
    ) -> Option<Preferences> {
        let errors_before = self.diags.iter().filter(|d| d.is_error()).count();
        let res = pr.reservation.value;
        self.finite_in(
            path.key("reservation"),
            &format!("reservation of `{pid}`"),
            res,
            0.0,
            1.0,
        );
        self.check_judgement_range(
            path.key("reservation"),
            &format!("reservation of `{pid}`"),
            &pr.reservation,
        );
        self.check_evidence(&path.key("reservation"), pr.reservation.sources(), evidence);

        // Weights.
        let mut weights = vec![0.0; issues.len()];
        for (iid, w) in &pr.weights {
            let wpath = path.key("weights").key(iid);
            let Some(&ii) = issue_idx.get(iid.as_str()) else {
                let d = self.err(wpath, format!("party `{pid}` weighs unknown issue `{iid}`"));
                d.hint = Some("use one of the issue ids".into());
                d.id = Some(iid.clone());
                continue;
            };
            if !w.value.is_finite() || w.value < 0.0 {
                let d = self.err(
                    wpath.clone(),
                    format!(
                        "weight of `{iid}` for party `{pid}` is {}; it must be >= 0",
                        fmt_num(w.value)
                    ),
                );
                d.hint = Some(
                    "weights are shares of importance: non-negative numbers summing to 1".into(),
                );
            }
            self.check_judgement_range(wpath.clone(), &format!("weight of `{iid}` for `{pid}`"), w);
            self.check_evidence(&wpath, w.sources(), evidence);
            weights[ii] = w.value;
        }
        let sum: f64 = weights.iter().sum();
        if pr.normalize {
            if sum > 0.0 && sum.is_finite() {
                for w in &mut weights {
                    *w /= sum;
                }
            } else {
                let d = self.err(
                    path.key("weights"),
                    format!(
                        "weights of party `{pid}` sum to {}; nothing to normalise",
                        fmt_num(sum)
                    ),
                );
                d.hint = Some("give at least one issue a positive weight".into());
            }
        } else if (sum - 1.0).abs() > EPS_WEIGHT_SUM && !pr.weights.is_empty() {
            let d = self.err(
                path.key("weights"),
                format!(
                    "weights of party `{pid}` sum to {}; they must sum to 1",
                    fmt_num(sum)
                ),
            );
            d.hint = Some("adjust them, or set `normalize = true` to rescale them".into());
            d.id = Some(pid.to_string());
        } else if pr.weights.is_empty() {
            let d = self.err(path.clone(), format!("party `{pid}` has no weights"));
            d.hint = Some(format!(
                "add `weights = {{ issue_id = 0.5, ... }}` under [preferences.{pid}]"
            ));
        }

        // Values.
        let mut values: Vec<Vec<f64>> = issues.iter().map(|i| vec![0.0; i.len()]).collect();
        let mut given = vec![false; issues.len()];
        for (iid, vdoc) in &pr.values {
            let vpath = path.key("values").key(iid);
            let Some(&ii) = issue_idx.get(iid.as_str()) else {
                let d = self.err(
                    vpath,
                    format!("party `{pid}` gives values for unknown issue `{iid}`"),
                );
                d.hint = Some("use one of the issue ids".into());
                d.id = Some(iid.clone());
                continue;
            };
            let issue = &issues[ii];
            given[ii] = true;
            match (vdoc, issue.kind) {
                (ValuesDoc::Options(map), IssueKind::Discrete) => {
                    for (oid, val) in map {
                        let opath = vpath.key(oid);
                        match issue.level_index(oid) {
                            Some(l) => {
                                self.finite_in(
                                    opath.clone(),
                                    &format!("value of `{iid}.{oid}` for `{pid}`"),
                                    val.value,
                                    0.0,
                                    1.0,
                                );
                                self.check_judgement_range(
                                    opath.clone(),
                                    &format!("value of `{iid}.{oid}` for `{pid}`"),
                                    val,
                                );
                                self.check_evidence(&opath, val.sources(), evidence);
                                values[ii][l as usize] = val.value;
                            }
                            None => {
                                self.level_of(
                                    &opath,
                                    &format!("party `{pid}`'s values"),
                                    issue,
                                    issues,
                                    oid,
                                );
                            }
                        }
                    }
                    if weights[ii] > 0.0 {
                        let missing: Vec<&str> = issue
                            .levels
                            .iter()
                            .filter(|l| !map.contains_key(&l.id))
                            .map(|l| l.id.as_str())
                            .collect();
                        if !missing.is_empty() {
                            let d = self.err(
                                vpath.clone(),
                                format!(
                                    "party `{pid}` gives no value to option(s) {} of issue `{iid}`",
                                    missing
                                        .iter()
                                        .map(|m| format!("`{m}`"))
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ),
                            );
                            d.hint = Some(
                                "every option of a weighted issue needs a value in [0, 1]".into(),
                            );
                        }
                    }
                }
                (ValuesDoc::Points(p), IssueKind::Integer | IssueKind::Real) => {
                    if p.points.is_empty() {
                        let d = self.err(
                            vpath.clone(),
                            format!("value function of `{iid}` for `{pid}` has no points"),
                        );
                        d.hint = Some("write `[[x1, v1], [x2, v2]]`".into());
                        continue;
                    }
                    for (k, w) in p.points.windows(2).enumerate() {
                        if w[1][0] <= w[0][0] {
                            let d = self.err(vpath.key("points").index(k + 1), format!("value function of `{iid}` for `{pid}`: x values must increase ({} then {})", fmt_num(w[0][0]), fmt_num(w[1][0])));
                            d.hint = Some("sort the points by x and drop duplicates".into());
                        }
                    }
                    for (k, pt) in p.points.iter().enumerate() {
                        if !pt[0].is_finite() {
                            let d = self.err(
                                vpath.key("points").index(k),
                                format!(
                                    "value function of `{iid}` for `{pid}` has x = {}, which is not a finite number",
                                    fmt_num(pt[0])
                                ),
                            );
                            d.hint = Some(
                                "write each point as `[x, value]` with ordinary numbers".into(),
                            );
                        }
                        self.finite_in(
                            vpath.key("points").index(k),
                            &format!("value at x = {} of `{iid}` for `{pid}`", fmt_num(pt[0])),
                            pt[1],
                            0.0,
                            1.0,
                        );
                    }
                    self.check_evidence(&vpath, &p.sources, evidence);
                    for (k, lvl) in issue.levels.iter().enumerate() {
                        values[ii][k] = piecewise_linear(&p.points, lvl.x.unwrap_or(0.0));
                    }
                }
                (ValuesDoc::Options(_), _) => {
                    let d = self.err(
                        vpath,
                        format!("numeric issue `{iid}` is given option values by `{pid}`"),
                    );
                    d.hint = Some("give a value function: `[[x1, v1], [x2, v2], ...]`".into());
                }
                (ValuesDoc::Points(_), IssueKind::Discrete) => {
                    let d = self.err(
                        vpath,
                        format!("discrete issue `{iid}` is given a value function by `{pid}`"),
                    );
                    d.hint = Some(
                        "give a value per option: `{ option_a = 1.0, option_b = 0.0 }`".into(),
                    );
                }
            }
        }
        for (ii, issue) in issues.iter().enumerate() {
            if weights[ii] > 0.0 && !given[ii] {
                let d = self.err(
                    path.key("weights").key(&issue.id),
                    format!(
                        "party `{pid}` weighs issue `{}` but gives it no values",
                        issue.id
                    ),
                );
                d.hint = Some(format!(
                    "add `values.{} = {{ ... }}` under [preferences.{pid}]",
                    issue.id
                ));
            }
        }

        // Red lines.
        let mut red_lines = Vec::new();
        for (k, rl) in pr.red_lines.iter().enumerate() {
            let rpath = path.key("red_lines").index(k);
            if let Some(r) = self.build_red_line(&rpath, pid, k, rl, issues, issue_idx, evidence) {
                red_lines.push(r);
            }
        }
        // Interactions.
        let mut interactions = Vec::new();
        for (k, it) in pr.interactions.iter().enumerate() {
            let ipath = path.key("interactions").index(k);
            let who = format!("interaction {} of `{pid}`", k + 1);
            if !it.value.value.is_finite() {
                let d = self.err(
                    ipath.key("value"),
                    format!("{who} has a value that is not a finite number"),
                );
                d.hint = Some("write an ordinary number such as 0.1 (not nan or inf)".into());
            }
            self.check_judgement_range(ipath.key("value"), &who, &it.value);
            self.check_evidence(&ipath.key("value"), it.value.sources(), evidence);
            let conds = self.build_conditions(
                &ipath,
                &who,
                it.when
                    .iter()
                    .map(|(i, c)| (i.as_str(), c, ipath.key("when").key(i))),
                issues,
                issue_idx,
            );
            if let Some(conditions) = conds {
                interactions.push(Interaction {
                    description: it
                        .description
                        .clone()
                        .unwrap_or_else(|| describe_conditions(&conditions, issues)),
                    conditions,
                    value: it.value.value,
                });
            }
        }
        let discount = pr.discount.unwrap_or(1.0);
        if !(discount > 0.0 && discount <= 1.0) {
            let d = self.err(
                path.key("discount"),
                format!(
                    "discount of `{pid}` is {}; it must be in (0, 1]",
                    fmt_num(discount)
                ),
            );
            d.hint = Some("1 means no discounting".into());
        }
        let errors_after = self.diags.iter().filter(|d| d.is_error()).count();
        (errors_after == errors_before)
            .then(|| Preferences::new(res, weights, values, red_lines, interactions, discount))
    }

    #[allow(clippy::too_many_arguments)]
    fn build_red_line(
        &mut self,
        rpath: &DocPath,
        pid: &str,
        k: usize,
        rl: &RedLineDoc,
        issues: &[Issue],
        issue_idx: &HashMap<&str, usize>,
        evidence: &HashSet<&str>,
    ) -> Option<RedLine> {
        let who = format!("red line {} of `{pid}`", k + 1);
        let shorthand = rl.option.is_some()
            || !rl.options.is_empty()
            || rl.at_least.is_some()
            || rl.at_most.is_some();
        if rl.issue.is_some() && !rl.when.is_empty() {
            let d = self.err(
                rpath.key("when"),
                format!("{who} has both `issue` and `when`"),
            );
            d.hint = Some("use `issue` + `option` for one issue, or `when = { ... }` for a combination, not both".into());
            return None;
        }
        if rl.issue.is_none() && shorthand {
            let d = self.err(
                rpath.clone(),
                format!("{who} gives an option or bound but no `issue`"),
            );
            d.hint = Some("add `issue = \"...\"`".into());
            return None;
        }
        let kinds = usize::from(rl.option.is_some())
            + usize::from(!rl.options.is_empty())
            + usize::from(rl.at_least.is_some() || rl.at_most.is_some());
        if kinds > 1 {
            let d = self.err(
                rpath.clone(),
                format!("{who} mixes `option`, `options` and bounds"),
            );
            d.hint = Some("use one of them".into());
            return None;
        }
        if let Some(p) = rl.probability
            && !(0.0..=1.0).contains(&p)
        {
            let d = self.err(
                rpath.key("probability"),
                format!("{who} has probability {}; it must be in [0, 1]", fmt_num(p)),
            );
            d.hint = Some("1 = certain the line holds".into());
        }
        self.check_evidence(rpath, &rl.sources, evidence);
        let conditions = if let Some(iid) = &rl.issue {
            let c = if let Some(o) = &rl.option {
                ConditionDoc::Option(o.clone())
            } else if !rl.options.is_empty() {
                ConditionDoc::Options(rl.options.clone())
            } else if rl.at_least.is_some() || rl.at_most.is_some() {
                ConditionDoc::Interval {
                    at_least: rl.at_least,
                    at_most: rl.at_most,
                }
            } else {
                let d = self.err(
                    rpath.clone(),
                    format!("{who} names issue `{iid}` but no forbidden option"),
                );
                d.hint = Some(
                    "add `option = \"...\"`, `options = [...]`, `at_most = X` or `at_least = X`"
                        .into(),
                );
                return None;
            };
            let cpath = if rl.option.is_some() {
                rpath.key("option")
            } else if rl.options.is_empty() {
                rpath.clone()
            } else {
                rpath.key("options")
            };
            let ipath = rpath.key("issue");
            let conds = [(
                iid.as_str(),
                &c,
                if issue_idx.contains_key(iid.as_str()) {
                    cpath
                } else {
                    ipath
                },
            )];
            self.build_conditions(rpath, &who, conds.into_iter(), issues, issue_idx)?
        } else {
            self.build_conditions(
                rpath,
                &who,
                rl.when
                    .iter()
                    .map(|(i, c)| (i.as_str(), c, rpath.key("when").key(i))),
                issues,
                issue_idx,
            )?
        };
        Some(RedLine {
            id: rl.id.clone().unwrap_or_else(|| format!("{pid}/{}", k + 1)),
            description: rl
                .description
                .clone()
                .unwrap_or_else(|| describe_conditions(&conditions, issues)),
            conditions,
            probability: rl.probability.unwrap_or(1.0),
        })
    }

    fn build_points(
        &mut self,
        path: &DocPath,
        did: &str,
        pts: &[PointDoc],
        issues: &[Issue],
        issue_idx: &HashMap<&str, usize>,
        evidence: &HashSet<&str>,
    ) -> (Vec<Point>, Vec<Option<Level>>) {
        let mut package: Vec<Option<Level>> = vec![None; issues.len()];
        let mut settled_by: Vec<Option<u32>> = vec![None; issues.len()];
        let mut numbers = HashSet::new();
        let mut points = Vec::with_capacity(pts.len());
        for (k, p) in pts.iter().enumerate() {
            let ppath = path.key("points").index(k);
            if !numbers.insert(p.n) {
                let d = self.err(
                    ppath.key("n"),
                    format!("draft `{did}` has two points numbered {}", p.n),
                );
                d.hint = Some("number each point once".into());
            }
            self.check_evidence(&ppath, &p.sources, evidence);
            let mut settles = Vec::new();
            let mut maps = Vec::new();
            if let Some(iid) = &p.issue {
                maps.push((iid.as_str(), p.option.as_deref(), p.value, ppath.clone()));
            } else if p.option.is_some() || p.value.is_some() {
                let d = self.err(
                    ppath.clone(),
                    format!(
                        "point {} of draft `{did}` gives an option but no issue",
                        p.n
                    ),
                );
                d.hint = Some("add `issue = \"...\"`".into());
            }
            for (a, s) in p.also.iter().enumerate() {
                maps.push((
                    s.issue.as_str(),
                    s.option.as_deref(),
                    s.value,
                    ppath.key("also").index(a),
                ));
            }
            if maps.is_empty() && !p.unmapped {
                let d = self.err(
                    ppath.clone(),
                    format!("point {} of draft `{did}` is not mapped to an issue", p.n),
                );
                d.hint = Some("add `issue = \"...\"` and `option = \"...\"`, or set `unmapped = true` for text outside the issue space".into());
            }
            if !maps.is_empty() && p.unmapped {
                let d = self.err(
                    ppath.key("unmapped"),
                    format!(
                        "point {} of draft `{did}` is both mapped and `unmapped`",
                        p.n
                    ),
                );
                d.hint = Some("remove `unmapped = true` or the mapping".into());
            }
            for (iid, option, value, mpath) in maps {
                let Some(&ii) = issue_idx.get(iid) else {
                    let d = self.err(
                        mpath.key("issue"),
                        format!("point {} of draft `{did}` names unknown issue `{iid}`", p.n),
                    );
                    d.hint = Some("use one of the issue ids".into());
                    d.id = Some(iid.to_string());
                    continue;
                };
                let issue = &issues[ii];
                let level = match (option, value, issue.kind) {
                    (Some(o), None, IssueKind::Discrete) => self.level_of(
                        &mpath.key("option"),
                        &format!("point {} of draft `{did}`", p.n),
                        issue,
                        issues,
                        o,
                    ),
                    (None, Some(x), IssueKind::Integer | IssueKind::Real) => {
                        let found = issue.levels.iter().position(|l| {
                            // (`inf` would match any level: inf - lx <= EPS * inf.)
                            x.is_finite()
                                && l.x
                                    .is_some_and(|lx| (lx - x).abs() <= EPS_GRID * (1.0 + x.abs()))
                        });
                        if found.is_none() {
                            let d = self.err(mpath.key("value"), format!("point {} of draft `{did}` sets `{iid}` to {}, which is not on the issue's grid", p.n, fmt_num(x)));
                            let nearest = issue
                                .levels
                                .iter()
                                .filter_map(|l| l.x.map(|lx| ((lx - x).abs(), &l.id)))
                                .min_by(|a, b| a.0.total_cmp(&b.0))
                                .map_or(String::new(), |(_, id)| id.clone());
                            d.hint = Some(format!(
                                "use a value on the issue's grid (from min to max by step); the nearest is {nearest}"
                            ));
                        }
                        found.and_then(|f| Level::try_from(f).ok())
                    }
                    (None, None, _) => {
                        settles.push((ii, None));
                        continue;
                    }
                    (Some(_), _, _) => {
                        let d = self.err(mpath.key("option"), format!("point {} of draft `{did}` gives an option for numeric issue `{iid}`", p.n));
                        d.hint = Some("use `value = X` for numeric issues".into());
                        None
                    }
                    (None, Some(_), IssueKind::Discrete) => {
                        let d = self.err(mpath.key("value"), format!("point {} of draft `{did}` gives a number for discrete issue `{iid}`", p.n));
                        d.hint = Some("use `option = \"...\"` for discrete issues".into());
                        None
                    }
                };
                let Some(level) = level else { continue };
                if let (Some(prev), Some(prev_n)) = (package[ii], settled_by[ii])
                    && prev != level
                {
                    let d = self.err(mpath.clone(), format!("draft `{did}` settles `{iid}` twice: `{}` in point {prev_n} and `{}` in point {}", issue.level_id(prev), issue.level_id(level), p.n));
                    d.hint = Some("a draft settles each issue once; fix one of the points".into());
                }
                if p.change != Some(crate::doc::PointChange::Dropped) {
                    package[ii] = Some(level);
                    settled_by[ii] = Some(p.n);
                }
                settles.push((ii, Some(level)));
            }
            points.push(Point {
                n: p.n,
                text: p.text.clone(),
                settles,
                change: p.change,
            });
        }
        (points, package)
    }
}

/// Fills open issues of inheriting drafts from their parents (parents first).
fn resolve_inheritance(drafts: &mut [Draft], inherits: &[bool]) {
    fn resolve(i: usize, drafts: &mut [Draft], inherits: &[bool], done: &mut [bool]) {
        if done[i] {
            return;
        }
        done[i] = true;
        if let (true, Some(p)) = (inherits[i], drafts[i].parent) {
            resolve(p, drafts, inherits, done);
            // Issues a point of this draft addresses (even with unknown settlement) stay as the draft says.
            let addressed: HashSet<usize> = drafts[i]
                .points
                .iter()
                .flat_map(|pt| pt.settles.iter().map(|(ii, _)| *ii))
                .collect();
            let parent_pkg = drafts[p].package.clone();
            for (ii, slot) in drafts[i].package.iter_mut().enumerate() {
                if slot.is_none() && !addressed.contains(&ii) {
                    *slot = parent_pkg[ii];
                }
            }
        }
    }
    let mut done = vec![false; drafts.len()];
    for i in 0..drafts.len() {
        resolve(i, drafts, inherits, &mut done);
    }
}

/// Evaluates a piecewise-linear function through sorted points (flat outside the range).
pub fn piecewise_linear(points: &[[f64; 2]], x: f64) -> f64 {
    let Some(first) = points.first() else {
        return 0.0;
    };
    if x <= first[0] {
        return first[1];
    }
    for w in points.windows(2) {
        let ([x0, y0], [x1, y1]) = (w[0], w[1]);
        if x <= x1 {
            let t = if x1 > x0 { (x - x0) / (x1 - x0) } else { 1.0 };
            return y0 + t * (y1 - y0);
        }
    }
    points.last().map_or(0.0, |p| p[1])
}

fn describe_conditions(conds: &[Condition], issues: &[Issue]) -> String {
    conds
        .iter()
        .map(|c| {
            let issue = &issues[c.issue];
            let ids: Vec<&str> = c.levels.iter().map(|l| issue.level_id(l)).collect();
            if ids.len() == 1 {
                format!("{} = {}", issue.id, ids[0])
            } else if issue.kind != IssueKind::Discrete && ids.len() > 3 {
                format!("{} in [{}, {}]", issue.id, ids[0], ids[ids.len() - 1])
            } else {
                format!("{} in {{{}}}", issue.id, ids.join(", "))
            }
        })
        .collect::<Vec<_>>()
        .join(" and ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        for ok in [
            "a",
            "us_28",
            "ukraine-2025-11",
            "v1.2",
            "A9",
            &"x".repeat(64),
        ] {
            assert!(valid_id(ok), "{ok}");
        }
        for bad in ["", "a b", "ä", "a/b", "x\n", "\"q\"", &"x".repeat(65)] {
            assert!(!valid_id(bad), "{bad}");
        }
    }

    #[test]
    fn dates() {
        assert_eq!(parse_date("2025-11-23"), Some((2025, 11, 23)));
        assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)), "leap year");
        assert_eq!(
            parse_date("2000-02-29"),
            Some((2000, 2, 29)),
            "leap century"
        );
        assert_eq!(parse_date("2025-12-31"), Some((2025, 12, 31)));
        for bad in [
            "2025-02-29",
            "2100-02-29",
            "2025-02-30",
            "2025-04-31",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "2025-1-01",
            "25-01-01",
            "2025-01-01-01",
            "2025/01/01",
            "",
            "2025-01",
            "+025-01-01",
            "2025-+1-01",
            "2025-01-+1",
            "-001-01-01",
            "２０２５-01-01",
            "2025-01-1 ",
        ] {
            assert_eq!(parse_date(bad), None, "{bad}");
        }
    }

    #[test]
    fn numbers_in_messages() {
        assert_eq!(fmt_num(1.0), "1");
        assert_eq!(fmt_num(-3.0), "-3");
        assert_eq!(fmt_num(0.5), "0.5");
        assert_eq!(fmt_num(1.1), "1.1");
        assert_eq!(fmt_num(1.0 / 3.0), "0.333333");
        assert_eq!(fmt_num(250_000.0), "250000");
        assert_eq!(fmt_num(f64::NAN), "NaN");
        assert_eq!(fmt_num(f64::INFINITY), "inf");
    }

    #[test]
    fn piecewise_linear_is_flat_outside_and_linear_inside() {
        let pts = [[10.0, 0.2], [20.0, 1.0], [40.0, 0.0]];
        let close = |a: f64, b: f64| (a - b).abs() < 1e-12;
        assert!(close(piecewise_linear(&pts, -5.0), 0.2));
        assert!(close(piecewise_linear(&pts, 10.0), 0.2));
        assert!(close(piecewise_linear(&pts, 15.0), 0.6));
        assert!(close(piecewise_linear(&pts, 20.0), 1.0));
        assert!(close(piecewise_linear(&pts, 30.0), 0.5));
        assert!(close(piecewise_linear(&pts, 40.0), 0.0));
        assert!(close(piecewise_linear(&pts, 1e9), 0.0));
        assert!(
            close(piecewise_linear(&[[3.0, 0.7]], 0.0), 0.7),
            "one point: constant"
        );
        assert!(close(piecewise_linear(&[[3.0, 0.7]], 9.0), 0.7));
        assert!(close(piecewise_linear(&[], 1.0), 0.0), "no points: 0");
    }
}
