//! Reading GENIUS XML into a faithful intermediate form (no semantics applied yet).
//!
//! Everything the two semantics (GENIUS 10.4, NegMAS 0.16) need is kept: where each
//! `reservation` / `discount_factor` sits, which spelling an evaluator used, stray weights,
//! and the position of every element for error messages.

use std::path::{Path, PathBuf};

use roxmltree::{Document, Node, ParsingOptions};

use crate::error::{ErrorKind, FormatError};

/// Line and column of an element (from 1).
pub(crate) type Pos = Option<(u32, u32)>;

/// A parsed GENIUS domain file.
#[derive(Debug, Clone)]
pub(crate) struct Domain {
    pub path: PathBuf,
    /// The objective's name (or the file stem when it is `root` or empty).
    pub name: String,
    /// The objective's `index` attribute, as written.
    pub objective_index: Option<String>,
    pub issues: Vec<DomIssue>,
    pub warnings: Vec<String>,
}

/// An issue of a domain.
#[derive(Debug, Clone)]
pub(crate) struct DomIssue {
    pub index: i64,
    pub name: String,
    pub kind: DomKind,
    pub pos: Pos,
}

/// Issue type and values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum DomKind {
    /// Value strings, in file order (duplicates dropped).
    Discrete(Vec<String>),
    /// Inclusive integer bounds.
    Integer { lo: i64, hi: i64 },
    /// Real bounds.
    Real { lo: f64, hi: f64 },
}

/// `utility_space/@type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProfileType {
    /// Additive (no type, or `linear`).
    Linear,
    /// ANAC 2014 hyper-rectangles.
    Nonlinear,
    /// Additive plus preference-uncertainty extras.
    Uncertain,
}

impl ProfileType {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            ProfileType::Linear => "linear",
            ProfileType::Nonlinear => "nonlinear",
            ProfileType::Uncertain => "uncertain",
        }
    }
}

/// A parsed GENIUS profile file.
#[derive(Debug, Clone)]
pub(crate) struct Profile {
    pub path: PathBuf,
    pub ptype: ProfileType,
    pub root_pos: Pos,
    pub issues: Vec<ProfIssue>,
    /// `weight` elements directly under the objective: (index, value, pos).
    pub weights: Vec<(i64, f64, Pos)>,
    /// Every `reservation` value in document order, with whether it is a child of the root.
    pub reservations: Vec<(f64, bool, Pos)>,
    /// Every `discount_factor` value in document order, with whether it is a child of the root
    /// and whether it used a `<value>` child instead of the attribute.
    pub discounts: Vec<(f64, bool, bool, Pos)>,
    /// The nonlinear `utility` element, when present.
    pub utility: Option<Utility>,
    /// Preference-uncertainty extras (`comparisons`, `errors`, ...): name -> trimmed text.
    pub extras: Vec<(String, String)>,
    pub warnings: Vec<String>,
}

/// An issue as a profile describes it.
#[derive(Debug, Clone)]
pub(crate) struct ProfIssue {
    pub index: i64,
    pub name: Option<String>,
    /// `type` attribute, lowercased (default `discrete`).
    pub itype: String,
    pub items: Vec<Item>,
    pub evaluator: Option<Evaluator>,
    pub pos: Pos,
}

/// A discrete item: value string and evaluation (None when absent or `null`).
#[derive(Debug, Clone)]
pub(crate) struct Item {
    pub value: Option<String>,
    pub evaluation: Option<f64>,
    pub pos: Pos,
}

/// An `evaluator` element.
#[derive(Debug, Clone)]
pub(crate) struct Evaluator {
    /// `ftype`, lowercased.
    pub ftype: String,
    pub offset: Option<f64>,
    pub slope: Option<f64>,
    pub p0: Option<f64>,
    pub p1: Option<f64>,
    pub p2: Option<f64>,
    pub pos: Pos,
}

/// The nonlinear `utility` (or `utility_function`) element.
#[derive(Debug, Clone)]
pub(crate) struct Utility {
    pub maxutility: Option<f64>,
    pub ufuns: Vec<Ufun>,
    pub pos: Pos,
}

/// A `ufun` element.
#[derive(Debug, Clone)]
pub(crate) struct Ufun {
    pub utype: String,
    pub weight: f64,
    pub aggregation: String,
    pub rects: Vec<Rect>,
    pub children: Vec<Ufun>,
    pub pos: Pos,
}

/// A `hyperRectangle`.
#[derive(Debug, Clone)]
pub(crate) struct Rect {
    pub utility: f64,
    pub weight: f64,
    pub bounds: Vec<Bound>,
    pub pos: Pos,
}

/// An `INCLUDES` / `EXCLUDES` bound.
#[derive(Debug, Clone)]
pub(crate) struct Bound {
    pub include: bool,
    pub index: i64,
    pub min: f64,
    pub max: f64,
    pub pos: Pos,
}

/// Decodes file bytes: UTF-8 (BOM stripped), else Latin-1 with a warning.
pub(crate) fn decode(bytes: &[u8], warnings: &mut Vec<String>, path: &Path) -> String {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(_) => {
            warnings.push(format!(
                "{}: not valid UTF-8; read as Latin-1",
                path.display()
            ));
            bytes.iter().map(|&b| char::from(b)).collect()
        }
    }
}

pub(crate) fn parse_xml<'a>(text: &'a str, path: &Path) -> Result<Document<'a>, FormatError> {
    let opts = ParsingOptions {
        allow_dtd: true,
        nodes_limit: 5_000_000,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, opts).map_err(|e| {
        let p = e.pos();
        FormatError::new(ErrorKind::Syntax, format!("not well-formed XML: {e}"))
            .in_file(path)
            .at(Some((p.row, p.col)))
    })
}

pub(crate) fn pos_of(doc: &Document, node: Node) -> Pos {
    let p = doc.text_pos_at(node.range().start);
    Some((p.row, p.col))
}

fn elements<'a, 'i>(node: Node<'a, 'i>) -> impl Iterator<Item = Node<'a, 'i>> {
    node.children().filter(Node::is_element)
}

fn named<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    elements(node).find(|n| n.tag_name().name() == name)
}

struct Ctx<'d, 'i> {
    doc: &'d Document<'i>,
    path: &'d Path,
}

impl<'i> Ctx<'_, 'i> {
    fn pos(&self, n: Node) -> Pos {
        pos_of(self.doc, n)
    }

    fn invalid(&self, n: Node, msg: impl Into<String>) -> FormatError {
        FormatError::invalid(self.path, self.pos(n), msg)
    }

    fn unsupported(
        &self,
        n: Node,
        construct: impl Into<String>,
        msg: impl Into<String>,
    ) -> FormatError {
        FormatError::unsupported(self.path, self.pos(n), construct, msg)
    }

    fn f64_attr(&self, n: Node, name: &str) -> Result<Option<f64>, FormatError> {
        match n.attribute(name) {
            None => Ok(None),
            Some(s) => parse_f64(s).map(Some).ok_or_else(|| {
                self.invalid(
                    n,
                    format!(
                        "attribute `{name}` of <{}> is `{s}`, not a finite number",
                        n.tag_name().name()
                    ),
                )
            }),
        }
    }

    fn i64_attr(&self, n: Node, name: &str) -> Result<Option<i64>, FormatError> {
        match n.attribute(name) {
            None => Ok(None),
            Some(s) => parse_i64(s).map(Some).ok_or_else(|| {
                self.invalid(
                    n,
                    format!(
                        "attribute `{name}` of <{}> is `{s}`, not a whole number",
                        n.tag_name().name()
                    ),
                )
            }),
        }
    }

    fn index(&self, n: Node) -> Result<i64, FormatError> {
        self.i64_attr(n, "index")?.ok_or_else(|| {
            self.invalid(
                n,
                format!("<{}> has no `index` attribute", n.tag_name().name()),
            )
        })
    }
}

/// Parses a number the way Java's `Double.parseDouble` would accept it (after trimming).
pub(crate) fn parse_f64(s: &str) -> Option<f64> {
    let t = s.trim();
    let t = t
        .strip_suffix(['d', 'D', 'f', 'F'])
        .filter(|r| {
            r.chars()
                .last()
                .is_some_and(|c| c.is_ascii_digit() || c == '.')
        })
        .unwrap_or(t);
    t.parse::<f64>().ok().filter(|x| x.is_finite())
}

/// Parses a whole number (also `5.0`).
pub(crate) fn parse_i64(s: &str) -> Option<i64> {
    let t = s.trim();
    if let Ok(v) = t.parse::<i64>() {
        return Some(v);
    }
    let x = parse_f64(t)?;
    #[allow(clippy::cast_possible_truncation, clippy::cast_precision_loss)]
    (x.fract().abs() < f64::EPSILON && x.abs() < 9.0e15).then_some(x as i64)
}

/// Whether a document is a GENIUS domain (a root with a `utility_space` child).
pub(crate) fn is_domain_root(root: Node) -> bool {
    root.tag_name().name() != "utility_space" && named(root, "utility_space").is_some()
}

/// Whether a document is a GENIUS profile (root `utility_space`).
pub(crate) fn is_profile_root(root: Node) -> bool {
    root.tag_name().name() == "utility_space"
}

/// Parses a domain file's text.
pub(crate) fn parse_domain(text: &str, path: &Path) -> Result<Domain, FormatError> {
    let doc = parse_xml(text, path)?;
    let cx = Ctx { doc: &doc, path };
    let root = doc.root_element();
    if is_profile_root(root) {
        return Err(cx.invalid(
            root,
            "this is a GENIUS profile (root <utility_space>), not a domain",
        ));
    }
    let Some(us) = named(root, "utility_space") else {
        return Err(cx.invalid(
            root,
            format!(
                "root <{}> has no <utility_space> child, so this is not a GENIUS domain (GENIUS: \"incorrect format of file\")",
                root.tag_name().name()
            ),
        ));
    };
    let Some(obj) = named(us, "objective") else {
        return Err(cx.invalid(us, "<utility_space> has no <objective> child"));
    };
    let mut warnings = Vec::new();
    let mut issues: Vec<DomIssue> = Vec::new();
    for n in elements(obj) {
        match n.tag_name().name() {
            "issue" => {
                let issue = parse_dom_issue(&cx, n, &mut warnings)?;
                if let Some(prev) = issues.iter().find(|i| i.index == issue.index) {
                    return Err(cx.invalid(
                        n,
                        format!(
                            "two issues have index {} (`{}` and `{}`); profiles refer to issues by index",
                            issue.index, prev.name, issue.name
                        ),
                    ));
                }
                issues.push(issue);
            }
            "objective" => {
                return Err(cx.unsupported(
                    n,
                    "nested <objective>",
                    "objective trees deeper than one level are not supported; flatten the issues under one objective",
                ));
            }
            _ => {}
        }
    }
    if issues.is_empty() {
        return Err(cx.invalid(obj, "the domain's objective has no <issue>"));
    }
    let stem = file_stem(path);
    let name = match obj.attribute("name") {
        Some(n) if !n.trim().is_empty() && n != "root" => n.to_string(),
        _ => stem,
    };
    Ok(Domain {
        path: path.to_path_buf(),
        name,
        objective_index: obj.attribute("index").map(str::to_string),
        issues,
        warnings,
    })
}

pub(crate) fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn issue_type(cx: &Ctx, n: Node, warnings: &mut Vec<String>) -> String {
    let ty = n.attribute("type").map(str::to_ascii_lowercase);
    let vty = n.attribute("vtype").map(str::to_ascii_lowercase);
    if let (Some(t), Some(v)) = (&ty, &vty)
        && t != v
    {
        let (l, c) = cx.pos(n).unwrap_or((0, 0));
        warnings.push(format!(
            "{}:{l}:{c}: issue has type=\"{t}\" but vtype=\"{v}\"; using type (as GENIUS does)",
            cx.path.display()
        ));
    }
    ty.unwrap_or_else(|| "discrete".to_string())
}

fn parse_dom_issue(cx: &Ctx, n: Node, warnings: &mut Vec<String>) -> Result<DomIssue, FormatError> {
    let index = cx.index(n)?;
    let name = n
        .attribute("name")
        .ok_or_else(|| cx.invalid(n, "<issue> has no `name` attribute"))?
        .to_string();
    let ty = issue_type(cx, n, warnings);
    let kind = match ty.as_str() {
        "discrete" => {
            let mut values: Vec<String> = Vec::new();
            for item in elements(n).filter(|c| c.tag_name().name() == "item") {
                match item.attribute("value") {
                    Some(v) if values.iter().any(|x| x == v) => {
                        let (l, c) = cx.pos(item).unwrap_or((0, 0));
                        warnings.push(format!(
                            "{}:{l}:{c}: issue `{name}` lists value `{v}` twice; the repeat is ignored",
                            cx.path.display()
                        ));
                    }
                    Some(v) => values.push(v.to_string()),
                    None => {
                        let (l, c) = cx.pos(item).unwrap_or((0, 0));
                        warnings.push(format!(
                            "{}:{l}:{c}: an <item> of issue `{name}` has no `value`; ignored",
                            cx.path.display()
                        ));
                    }
                }
            }
            if values.is_empty() {
                return Err(cx.invalid(n, format!("discrete issue `{name}` has no <item> values")));
            }
            DomKind::Discrete(values)
        }
        "integer" => {
            let (mut lo, mut hi) = (cx.i64_attr(n, "lowerbound")?, cx.i64_attr(n, "upperbound")?);
            if (lo.is_none() || hi.is_none())
                && let Some(r) = named(n, "range")
            {
                let (l, c) = cx.pos(r).unwrap_or((0, 0));
                warnings.push(format!(
                        "{}:{l}:{c}: integer issue `{name}` gives its bounds in a <range> child (old GENIUS format; GENIUS 10.4 reads attributes only); accepted",
                        cx.path.display()
                    ));
                lo = lo.or(cx.i64_attr(r, "lowerbound")?);
                hi = hi.or(cx.i64_attr(r, "upperbound")?);
            }
            let (Some(lo), Some(hi)) = (lo, hi) else {
                return Err(cx.invalid(
                    n,
                    format!("integer issue `{name}` needs `lowerbound` and `upperbound`"),
                ));
            };
            if lo > hi {
                return Err(cx.invalid(
                    n,
                    format!("integer issue `{name}` has lowerbound {lo} > upperbound {hi}"),
                ));
            }
            DomKind::Integer { lo, hi }
        }
        "real" => {
            let r = named(n, "range");
            let lo = match r {
                Some(r) => cx.f64_attr(r, "lowerbound")?,
                None => None,
            }
            .or(cx.f64_attr(n, "lowerbound")?);
            let hi = match r {
                Some(r) => cx.f64_attr(r, "upperbound")?,
                None => None,
            }
            .or(cx.f64_attr(n, "upperbound")?);
            let (Some(lo), Some(hi)) = (lo, hi) else {
                return Err(cx.invalid(
                    n,
                    format!("real issue `{name}` needs <range lowerbound=.. upperbound=..>"),
                ));
            };
            if lo > hi {
                return Err(cx.invalid(
                    n,
                    format!("real issue `{name}` has lowerbound {lo} > upperbound {hi}"),
                ));
            }
            DomKind::Real { lo, hi }
        }
        other => {
            return Err(cx.unsupported(
                n,
                format!("issue type=\"{other}\""),
                "only discrete, integer and real issues are supported",
            ));
        }
    };
    Ok(DomIssue {
        index,
        name,
        kind,
        pos: cx.pos(n),
    })
}

/// Parses a profile file's text.
pub(crate) fn parse_profile(text: &str, path: &Path) -> Result<Profile, FormatError> {
    let doc = parse_xml(text, path)?;
    let cx = Ctx { doc: &doc, path };
    let root = doc.root_element();
    if !is_profile_root(root) {
        return Err(cx.invalid(
            root,
            format!(
                "root <{}> is not <utility_space>, so this is not a GENIUS profile{}",
                root.tag_name().name(),
                if is_domain_root(root) {
                    " (it is a domain)"
                } else {
                    ""
                }
            ),
        ));
    }
    let ptype = match root
        .attribute("type")
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("" | "linear") => ProfileType::Linear,
        Some("nonlinear") => ProfileType::Nonlinear,
        Some("uncertain") => ProfileType::Uncertain,
        Some("constraint") => {
            return Err(cx.unsupported(
                root,
                "utility_space type=\"constraint\"",
                "constraint-based profiles (rank/rating items) have no additive utility and are not supported",
            ));
        }
        Some(other) => {
            return Err(cx.unsupported(
                root,
                format!("utility_space type=\"{other}\""),
                "only linear (additive), nonlinear (hyper-rectangle) and UNCERTAIN profiles are supported",
            ));
        }
    };
    let mut warnings = Vec::new();

    // reservation / discount_factor at any depth, in document order.
    let mut reservations = Vec::new();
    let mut discounts = Vec::new();
    for n in root.descendants().filter(Node::is_element) {
        let at_root = n.parent() == Some(root);
        match n.tag_name().name() {
            "reservation" => {
                let v = match cx.f64_attr(n, "value")? {
                    Some(v) => v,
                    None => child_number(&cx, n)?
                        .ok_or_else(|| cx.invalid(n, "<reservation> has no `value`"))?,
                };
                reservations.push((v, at_root, cx.pos(n)));
            }
            "discount_factor" => {
                let (v, child) = match cx.f64_attr(n, "value")? {
                    Some(v) => (v, false),
                    None => (
                        child_number(&cx, n)?.ok_or_else(|| {
                            cx.invalid(
                                n,
                                "<discount_factor> has no `value` attribute or <value> child",
                            )
                        })?,
                        true,
                    ),
                };
                discounts.push((v, at_root, child, cx.pos(n)));
            }
            _ => {}
        }
    }

    let obj = named(root, "objective").unwrap_or(root);
    let mut issues: Vec<ProfIssue> = Vec::new();
    let mut weights = Vec::new();
    let mut utility = None;
    for n in elements(obj) {
        match n.tag_name().name() {
            "issue" => {
                let issue = parse_prof_issue(&cx, n, &mut warnings)?;
                if issues.iter().any(|i| i.index == issue.index) {
                    return Err(cx.invalid(
                        n,
                        format!("two issues of the profile have index {}", issue.index),
                    ));
                }
                issues.push(issue);
            }
            "weight" => {
                let idx = cx.index(n)?;
                let v = cx
                    .f64_attr(n, "value")?
                    .ok_or_else(|| cx.invalid(n, "<weight> has no `value`"))?;
                weights.push((idx, v, cx.pos(n)));
            }
            "utility" | "utility_function" => {
                if utility.is_some() {
                    return Err(cx.unsupported(
                        n,
                        "several <utility> elements",
                        "a nonlinear profile has one <utility> element",
                    ));
                }
                utility = Some(parse_utility(&cx, n)?);
            }
            "objective" if obj != root => {
                return Err(cx.unsupported(
                    n,
                    "nested <objective>",
                    "objective trees deeper than one level are not supported",
                ));
            }
            _ => {}
        }
    }
    if utility.is_none() && obj != root {
        for n in
            elements(root).filter(|n| matches!(n.tag_name().name(), "utility" | "utility_function"))
        {
            utility = Some(parse_utility(&cx, n)?);
        }
    }
    let mut extras = Vec::new();
    for n in elements(root) {
        let name = n.tag_name().name();
        if matches!(
            name,
            "comparisons" | "errors" | "fixed_seed" | "experimental" | "elicitation_cost"
        ) {
            let text = n.text().unwrap_or("").trim().to_string();
            extras.push((name.to_string(), text));
        }
    }
    Ok(Profile {
        path: path.to_path_buf(),
        ptype,
        root_pos: cx.pos(root),
        issues,
        weights,
        reservations,
        discounts,
        utility,
        extras,
        warnings,
    })
}

fn child_number(cx: &Ctx, n: Node) -> Result<Option<f64>, FormatError> {
    let text = match named(n, "value") {
        Some(v) => v.text().unwrap_or(""),
        None => n.text().unwrap_or(""),
    };
    if text.trim().is_empty() {
        return Ok(None);
    }
    parse_f64(text).map(Some).ok_or_else(|| {
        cx.invalid(
            n,
            format!(
                "<{}> holds `{}`, not a finite number",
                n.tag_name().name(),
                text.trim()
            ),
        )
    })
}

fn parse_prof_issue(
    cx: &Ctx,
    n: Node,
    warnings: &mut Vec<String>,
) -> Result<ProfIssue, FormatError> {
    let index = cx.index(n)?;
    let itype = issue_type(cx, n, warnings);
    let mut items = Vec::new();
    let mut evaluator = None;
    for c in elements(n) {
        match c.tag_name().name() {
            "item" => {
                let raw = c.attribute("evaluation");
                let evaluation = match raw {
                    None => None,
                    Some(s) if s.trim().eq_ignore_ascii_case("null") => None,
                    Some(_) => cx.f64_attr(c, "evaluation")?,
                };
                items.push(Item {
                    value: c.attribute("value").map(str::to_string),
                    evaluation,
                    pos: cx.pos(c),
                });
            }
            "evaluator" if evaluator.is_none() => {
                let ftype = c
                    .attribute("ftype")
                    .map(str::to_ascii_lowercase)
                    .ok_or_else(|| cx.invalid(c, "<evaluator> has no `ftype`"))?;
                evaluator = Some(Evaluator {
                    ftype,
                    offset: cx.f64_attr(c, "offset")?,
                    slope: cx.f64_attr(c, "slope")?,
                    p0: cx.f64_attr(c, "parameter0")?,
                    p1: cx.f64_attr(c, "parameter1")?,
                    p2: cx.f64_attr(c, "parameter2")?,
                    pos: cx.pos(c),
                });
            }
            _ => {}
        }
    }
    Ok(ProfIssue {
        index,
        name: n.attribute("name").map(str::to_string),
        itype,
        items,
        evaluator,
        pos: cx.pos(n),
    })
}

fn parse_utility(cx: &Ctx, n: Node) -> Result<Utility, FormatError> {
    let mut ufuns = Vec::new();
    for c in elements(n) {
        if c.tag_name().name() == "ufun" {
            ufuns.push(parse_ufun(cx, c, 0)?);
        }
    }
    if ufuns.is_empty() {
        return Err(cx.invalid(n, format!("<{}> has no <ufun> child", n.tag_name().name())));
    }
    Ok(Utility {
        maxutility: cx.f64_attr(n, "maxutility")?,
        ufuns,
        pos: cx.pos(n),
    })
}

fn parse_ufun(cx: &Ctx, n: Node, depth: usize) -> Result<Ufun, FormatError> {
    if depth > 32 {
        return Err(cx.unsupported(
            n,
            "<ufun> nested more than 32 deep",
            "flatten the ufun tree",
        ));
    }
    let mut rects = Vec::new();
    let mut children = Vec::new();
    for c in elements(n) {
        match c.tag_name().name() {
            "hyperRectangle" => {
                let mut bounds = Vec::new();
                for b in elements(c) {
                    let include = match b.tag_name().name() {
                        "INCLUDES" => true,
                        "EXCLUDES" => false,
                        other => {
                            return Err(cx.unsupported(
                                b,
                                format!("<{other}> in a hyperRectangle"),
                                "only INCLUDES and EXCLUDES bounds exist",
                            ));
                        }
                    };
                    let need = |name: &str| -> Result<f64, FormatError> {
                        cx.f64_attr(b, name)?.ok_or_else(|| {
                            cx.invalid(b, format!("<{}> has no `{name}`", b.tag_name().name()))
                        })
                    };
                    bounds.push(Bound {
                        include,
                        index: cx.index(b)?,
                        min: need("min")?,
                        max: need("max")?,
                        pos: cx.pos(b),
                    });
                }
                rects.push(Rect {
                    utility: cx.f64_attr(c, "utility")?.unwrap_or(0.0),
                    weight: cx.f64_attr(c, "weight")?.unwrap_or(1.0),
                    bounds,
                    pos: cx.pos(c),
                });
            }
            "ufun" => children.push(parse_ufun(cx, c, depth + 1)?),
            _ => {}
        }
    }
    Ok(Ufun {
        utype: n.attribute("type").unwrap_or("PlainUfun").to_string(),
        weight: cx.f64_attr(n, "weight")?.unwrap_or(1.0),
        aggregation: n
            .attribute("aggregation")
            .unwrap_or("sum")
            .to_ascii_lowercase(),
        rects,
        children,
        pos: cx.pos(n),
    })
}
