//! The self-contained HTML report.
//!
//! One file, no network: styles are inline, charts are inline SVG, nothing is loaded from
//! outside (a Content-Security-Policy `default-src 'none'` makes browsers refuse anything
//! that tried). Links to sources are plain `<a href>`s. The markup is also well-formed XML
//! (void elements are self-closed), so tests can parse the whole page.

use std::collections::BTreeMap;

use accord_analysis::{
    Analysis, Analyzer, Constraint, DraftDiff, DraftScore, Package, PartyUtility, Solution,
    fmt_count,
};
use accord_model::{PointChange, Role, Scenario, UtilityScale};

use crate::charts::Chart;
use crate::data::{DraftsChart, Heatmap, SpaceOptions, Timeline, UtilitySpace, fmt_int};
use crate::error::ReportError;
use crate::html::{Html, anchor, safe_url};
use crate::palette::PartyColors;

/// A section added to the report by another engine (a forecast, a simulation).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Short id, used as the anchor (`#id`).
    pub id: String,
    /// Heading, also listed in the table of contents.
    pub title: String,
    /// The content, built with [`Html`] (which escapes every text).
    pub body: Html,
}

/// Options of [`render_report`].
#[derive(Debug, Clone, PartialEq)]
pub struct ReportOptions {
    /// The utility-space chart: which two parties, how to sample.
    pub space: SpaceOptions,
    /// Sections added after the analysis (before the timeline and the sources), e.g.
    /// [`forecast_section`](crate::forecast_section).
    pub extra_sections: Vec<Section>,
    /// Who made the report, for the footer (no dates or times: the same input gives the
    /// same file).
    pub generator: String,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            space: SpaceOptions::default(),
            extra_sections: Vec::new(),
            generator: format!("accord-report {}", env!("CARGO_PKG_VERSION")),
        }
    }
}

const CSS: &str = include_str!("report.css");

/// The Content-Security-Policy of the report: nothing may be loaded.
pub const CSP: &str = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/// Renders the whole report as one HTML document.
///
/// Every section that can be drawn is; a chart that cannot (say, a timeline without dated
/// events) is replaced by a one-line note, so this never fails.
pub fn render_report(s: &Scenario, a: &Analysis, opts: &ReportOptions) -> String {
    let r = R::new(s, a);
    let doc = &s.doc;
    let mut sections: Vec<(String, String, Html)> = vec![
        (
            "verdict".into(),
            "Is a deal possible?".into(),
            r.verdict(&opts.space),
        ),
        (
            "parties".into(),
            "Parties and their red lines".into(),
            r.parties(),
        ),
        ("values".into(), "What each party values".into(), r.values()),
    ];
    if !s.drafts.is_empty() {
        sections.push((
            "drafts".into(),
            "The drafts, point by point".into(),
            r.drafts(),
        ));
    }
    if s.drafts.iter().any(|d| d.parent.is_some()) {
        sections.push((
            "changes".into(),
            "What changed between drafts".into(),
            r.changes(),
        ));
    }
    sections.push((
        "zone".into(),
        "Zone of possible agreement and what blocks it".into(),
        r.zone(),
    ));
    sections.push((
        "solutions".into(),
        "Bargaining solutions".into(),
        r.solutions(),
    ));
    for x in &opts.extra_sections {
        sections.push((x.id.clone(), x.title.clone(), x.body.clone()));
    }
    if !doc.events.is_empty() || !s.drafts.is_empty() {
        sections.push(("timeline".into(), "Timeline".into(), r.timeline()));
    }
    if !doc.sources.is_empty() {
        sections.push(("sources".into(), "Sources".into(), r.sources()));
    }

    let meta = &s.doc.scenario;
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n");
    h.void("meta", &[("charset", "utf-8")]);
    h.raw("\n");
    h.void(
        "meta",
        &[("http-equiv", "Content-Security-Policy"), ("content", CSP)],
    );
    h.raw("\n");
    h.void(
        "meta",
        &[
            ("name", "viewport"),
            ("content", "width=device-width, initial-scale=1"),
        ],
    );
    h.raw("\n");
    h.void(
        "meta",
        &[("name", "generator"), ("content", &opts.generator)],
    );
    h.raw("\n");
    h.elem("title", &[], &format!("{}: accord report", meta.title));
    h.raw("\n<style>\n")
        .raw(CSS)
        .raw("</style>\n</head>\n<body>\n");

    // Header.
    h.raw("<header class=\"top\"><div class=\"wrap\">");
    h.elem("p", &[("class", "kicker")], "accord report");
    h.elem("h1", &[], &meta.title);
    let mut facts = Vec::new();
    if let Some(d) = &meta.as_of {
        facts.push(format!("as of {d}"));
    }
    facts.push(format!("scenario {}", meta.id));
    facts.push(plural(s.parties.len(), "party", "parties"));
    facts.push(plural(s.issues.len(), "issue", "issues"));
    facts.push(format!("{} packages", fmt_count(a.space.packages)));
    facts.push(plural(s.drafts.len(), "draft", "drafts"));
    facts.push(plural(s.doc.events.len(), "event", "events"));
    facts.push(plural(s.doc.sources.len(), "source", "sources"));
    if meta.utility_scale == UtilityScale::Raw {
        facts.push("utilities on a raw scale, not [0, 1]".into());
    }
    h.elem("p", &[("class", "facts")], &facts.join(" · "));
    if let Some(d) = &meta.description {
        let (lede, rest) = split_lede(d, 240);
        h.raw("<p class=\"lede\">");
        ticked(&mut h, lede);
        h.raw("</p>");
        if !rest.is_empty() {
            h.raw("<details class=\"more\"><summary>More about this model</summary><p>");
            ticked(&mut h, rest);
            h.raw("</p></details>");
        }
    }
    h.raw("</div></header>\n");

    // Contents.
    h.raw("<nav class=\"toc\"><div class=\"wrap\"><ol>");
    for (id, title, _) in &sections {
        h.raw("<li>")
            .elem("a", &[("href", &format!("#{}", anchor("s", id)))], title)
            .raw("</li>");
    }
    h.raw("</ol></div></nav>\n<main class=\"wrap\">\n");
    for (id, title, body) in &sections {
        h.open("section", &[("id", &anchor("s", id))]);
        h.elem("h2", &[], title);
        h.push(body);
        h.raw("</section>\n");
    }
    h.raw("</main>\n<footer class=\"wrap\">");
    h.elem(
        "p",
        &[],
        &format!(
            "Made by {} from scenario {}. This file is self-contained: it loads nothing from the network; links go to the sources.",
            opts.generator, meta.id
        ),
    );
    h.raw("</footer>\n</body>\n</html>\n");
    h.into_string()
}

/// The first sentences of a text, up to about `n` characters, and the rest.
fn split_lede(text: &str, n: usize) -> (&str, &str) {
    let text = text.trim();
    if text.chars().count() <= n + n / 2 {
        return (text, "");
    }
    let mut cut = None;
    for (i, _) in text.match_indices(". ") {
        if text[..i].chars().count() > n && cut.is_some() {
            break;
        }
        cut = Some(i + 1);
    }
    match cut {
        Some(i) => (text[..i].trim(), text[i..].trim()),
        None => (text, ""),
    }
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", fmt_int(n), if n == 1 { one } else { many })
}

/// A utility for people: three decimals on unit scales.
fn u3(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.3}")
    }
}

/// A signed change: `+0.120`, `−0.300`.
fn signed(v: f64) -> String {
    if v > 5e-4 {
        format!("+{}", u3(v))
    } else if v < -5e-4 {
        format!("−{}", u3(-v))
    } else {
        "±0".to_string()
    }
}

/// The report's state: the scenario, its analysis and lookups.
struct R<'a> {
    s: &'a Scenario,
    a: &'a Analysis,
    colors: PartyColors,
}

impl<'a> R<'a> {
    fn new(s: &'a Scenario, a: &'a Analysis) -> Self {
        R {
            s,
            a,
            colors: PartyColors::new(s),
        }
    }

    fn party_name(&self, id: &str) -> String {
        self.s
            .party_index(id)
            .map_or_else(|| id.to_string(), |p| self.s.parties[p].name.clone())
    }

    /// A party's name with its colour swatch.
    fn chip(&self, h: &mut Html, id: &str) {
        let style = format!("background:{}", self.colors.of_id(id).hex());
        h.raw("<span class=\"party\">")
            .void("span", &[("class", "sw"), ("style", &style)])
            .text(&self.party_name(id))
            .raw("</span>");
    }

    fn issue_name(&self, id: &str) -> String {
        self.s
            .issue_index(id)
            .map_or_else(|| id.to_string(), |i| self.s.issues[i].name.clone())
    }

    fn option_label(&self, issue: &str, option: &str) -> String {
        self.s
            .issue_index(issue)
            .and_then(|i| {
                let is = &self.s.issues[i];
                is.level_index(option)
                    .map(|l| is.levels[l as usize].label.clone())
            })
            .unwrap_or_else(|| option.to_string())
    }

    /// `[3]`-style citations: links to the source's address when it has one, else to its
    /// row in the sources table (or to the event it names).
    fn cite(&self, h: &mut Html, ids: &[String]) {
        let doc = &self.s.doc;
        for id in ids {
            h.raw(" ");
            if let Some((n, src)) = doc.sources.iter().enumerate().find(|(_, x)| &x.id == id) {
                let mut title = src.title.clone();
                if let Some(p) = &src.publisher {
                    title.push_str(&format!(", {p}"));
                }
                if let Some(d) = &src.date {
                    title.push_str(&format!(", {d}"));
                }
                let label = format!("[{}]", n + 1);
                match src.url.as_deref().and_then(safe_url) {
                    Some(u) => h.elem(
                        "a",
                        &[
                            ("class", "cite"),
                            ("href", u),
                            ("title", &title),
                            ("rel", "noopener noreferrer"),
                        ],
                        &label,
                    ),
                    None => h.elem(
                        "a",
                        &[
                            ("class", "cite"),
                            ("href", &format!("#{}", anchor("src", id))),
                            ("title", &title),
                        ],
                        &label,
                    ),
                };
            } else if doc.events.iter().any(|e| &e.id == id) {
                h.elem(
                    "a",
                    &[
                        ("class", "cite"),
                        ("href", &format!("#{}", anchor("ev", id))),
                    ],
                    &format!("[{id}]"),
                );
            } else {
                h.elem("span", &[("class", "cite")], &format!("[{id}]"));
            }
        }
    }

    fn chart(&self, h: &mut Html, chart: Result<Chart, ReportError>, caption: &str) {
        match chart {
            Ok(c) => h.figure(&c, caption),
            Err(e) => h.elem("p", &[("class", "note")], &format!("Chart not drawn: {e}")),
        };
    }

    fn zone_parties(&self) -> &[String] {
        &self.a.zopa.parties
    }

    /// Whether every zone party finds the draft acceptable.
    fn acceptable_to_all(&self, d: &DraftScore) -> bool {
        let zone = self.zone_parties();
        !zone.is_empty()
            && zone.iter().all(|z| {
                d.scores
                    .iter()
                    .find(|p| &p.party == z)
                    .is_some_and(|p| p.acceptable == Some(true))
            })
    }

    // ------------------------------------------------------------ verdict

    fn verdict(&self, space: &SpaceOptions) -> Html {
        let (a, s) = (self.a, self.s);
        let z = &a.zopa;
        let mut h = Html::new();
        let (class, icon, head) = if z.parties.is_empty() {
            (
                "verdict ok",
                "✓",
                "Yes: no party has a veto, so any package is a possible deal.".to_string(),
            )
        } else if z.exists {
            ("verdict ok", "✓", "Yes: a deal is possible.".to_string())
        } else {
            (
                "verdict no",
                "✕",
                "No: no deal is possible under the current red lines and reservations.".to_string(),
            )
        };
        h.open("div", &[("class", class)]);
        h.elem("div", &[("class", "icon"), ("aria-hidden", "true")], icon);
        h.raw("<div>");
        h.elem("p", &[("class", "head")], &head);
        h.raw("<p>");
        ticked(&mut h, &a.verdict);
        h.raw("</p>");
        if !z.parties.is_empty() {
            h.raw("<p class=\"who\">A deal needs the consent of ");
            for (i, p) in z.parties.iter().enumerate() {
                if i > 0 {
                    h.text(if i + 1 == z.parties.len() {
                        " and "
                    } else {
                        ", "
                    });
                }
                self.chip(&mut h, p);
            }
            h.raw(".</p>");
        }
        h.raw("</div></div>");

        // Key figures.
        h.raw("<div class=\"stats\">");
        let mut stat = |big: &str, small: &str| {
            h.raw("<div class=\"stat\">")
                .elem("div", &[("class", "big")], big)
                .elem("div", &[("class", "small")], small)
                .raw("</div>");
        };
        stat(
            &fmt_count(a.space.packages),
            &format!(
                "packages: every way to settle the {} issues",
                s.issues.len()
            ),
        );
        let zone_big = match (&z.count, &z.count_bounds) {
            (Some(c), _) => fmt_count(*c),
            (None, Some([l, u])) => format!("{}–{}", fmt_count(*l), fmt_count(*u)),
            _ => "?".into(),
        };
        stat(
            &zone_big,
            &if z.exists {
                format!(
                    "packages acceptable to every party with a veto ({:.2}% of all)",
                    100.0 * z.fraction
                )
            } else {
                "packages acceptable to every party with a veto".to_string()
            },
        );
        if !a.drafts.is_empty() {
            let ok = a
                .drafts
                .iter()
                .filter(|d| self.acceptable_to_all(d))
                .count();
            stat(
                &format!("{ok} of {}", a.drafts.len()),
                "drafts acceptable to every party with a veto",
            );
        }
        if z.exists {
            stat(
                &a.pareto.zone_size.map_or_else(
                    || "many".into(),
                    |n| fmt_int(usize::try_from(n).unwrap_or(usize::MAX)),
                ),
                "efficient (Pareto-optimal) utility profiles inside the zone",
            );
        } else if let Some(b) = a.blockers.first() {
            let n = a.blockers.iter().filter(|x| x.size == b.size).count();
            stat(
                &plural(b.size, "concession", "concessions"),
                &format!(
                    "the fewest that would open a zone ({})",
                    plural(n, "way", "ways")
                ),
            );
        } else {
            stat("none", "set of up to three concessions opens a zone");
        }
        h.raw("</div>");

        // The utility space.
        let chart = UtilitySpace::build(s, a, space);
        let caption = match &chart {
            Ok(c) => format!(
                "Each grey mark is a package placed by what it gives {} (across) and {} (up): {}. {} Hover over a marker for its numbers.",
                c.x.name,
                c.y.name,
                c.cloud_note(),
                if space.parties.is_some() {
                    "The two parties were chosen for this report."
                } else {
                    "The two parties shown are the pair whose utilities are least correlated, the most opposed pair."
                }
            ),
            Err(_) => String::new(),
        };
        self.chart(&mut h, chart.map(Chart::UtilitySpace), &caption);
        h
    }

    // ------------------------------------------------------------ parties

    fn parties(&self) -> Html {
        let s = self.s;
        let mut h = Html::new();
        h.raw("<div class=\"cards\">");
        for (pi, p) in s.parties.iter().enumerate() {
            let doc = s.doc.parties.get(pi);
            let pref_doc = s.doc.preferences.get(&p.id);
            h.open(
                "div",
                &[
                    ("class", "card party-card"),
                    ("id", &anchor("party", &p.id)),
                ],
            );
            h.raw("<h3>");
            self.chip(&mut h, &p.id);
            h.raw("</h3>");
            let mut facts = vec![
                p.role.as_str().to_string(),
                format!("capability {}", u3(p.capability)),
            ];
            facts.push(if p.veto {
                "has a veto".into()
            } else {
                "no veto".into()
            });
            if !p.members.is_empty() {
                facts.push(format!("members: {}", p.members.join(", ")));
            }
            h.elem("p", &[("class", "meta")], &facts.join(" · "));
            if let Some(d) = doc.and_then(|d| d.description.as_ref()) {
                h.raw("<p class=\"desc\">");
                ticked(&mut h, d);
                h.raw("</p>");
            }
            let Some(pref) = &p.preferences else {
                h.elem(
                    "p",
                    &[("class", "note")],
                    if p.role == Role::Mediator {
                        "A mediator without stated preferences."
                    } else {
                        "No stated preferences."
                    },
                );
                h.raw("</div>");
                continue;
            };
            h.raw("<p>Reservation (utility of no deal): <b>")
                .text(&u3(pref.reservation))
                .raw("</b>");
            if let Some(r) = pref_doc.and_then(|d| d.reservation.range()) {
                h.text(&format!(" (plausible {}–{})", u3(r[0]), u3(r[1])));
            }
            if let Some(src) = pref_doc.map(|d| d.reservation.sources().to_vec()) {
                self.cite(&mut h, &src);
            }
            h.raw("</p>");
            // Top issues by weight.
            let mut w: Vec<(usize, f64)> = pref.weights.iter().copied().enumerate().collect();
            w.sort_by(|x, y| y.1.total_cmp(&x.1).then(x.0.cmp(&y.0)));
            let wmax = w.first().map_or(1.0, |x| x.1).max(1e-12);
            h.raw("<p class=\"label\">What matters most</p><ul class=\"weights\">");
            for &(i, wt) in w.iter().take(4).filter(|x| x.1 > 0.0) {
                let style = format!(
                    "width:{:.0}%;background:{}",
                    (100.0 * wt / wmax).clamp(2.0, 100.0),
                    self.colors.of(pi).hex()
                );
                h.raw("<li>")
                    .elem("span", &[("class", "wname")], &s.issues[i].name)
                    .raw("<span class=\"wbar\">")
                    .void("span", &[("style", &style)])
                    .raw("</span>")
                    .elem("span", &[("class", "num")], &format!("{:.2}", wt))
                    .raw("</li>");
            }
            h.raw("</ul>");
            if pref.red_lines.is_empty() {
                h.elem("p", &[("class", "note")], "No red lines stated.");
            } else {
                h.raw("<p class=\"label\">Red lines</p><ul class=\"redlines\">");
                for (ri, rl) in pref.red_lines.iter().enumerate() {
                    let rdoc = pref_doc.and_then(|d| d.red_lines.get(ri));
                    h.raw("<li>");
                    let text = rdoc
                        .and_then(|d| d.description.clone())
                        .unwrap_or_else(|| rl.description.clone());
                    h.elem("span", &[("class", "rl")], "✕");
                    h.text(" ").text(&text);
                    h.raw(" <code>").text(&rl.id).raw("</code>");
                    if rl.probability < 1.0 - 1e-12 {
                        h.elem(
                            "span",
                            &[("class", "prob")],
                            &format!(" firm with probability {:.0}%", 100.0 * rl.probability),
                        );
                    }
                    if let Some(d) = rdoc {
                        self.cite(&mut h, &d.sources);
                        if let Some(q) = &d.quote {
                            h.raw("<q>").text(q).raw("</q>");
                        }
                    }
                    h.raw("</li>");
                }
                h.raw("</ul>");
            }
            h.raw("</div>");
        }
        h.raw("</div>");
        h
    }

    // ------------------------------------------------------------ values

    fn values(&self) -> Html {
        let mut h = Html::new();
        h.elem(
            "p",
            &[],
            "Each row is one option of an issue; each column a party. The colour and the number are how much the party values the option (0 worst, 1 best); under each issue, the number and bar give the issue's weight for that party. Options a party's red lines forbid are framed and marked ✕.",
        );
        self.chart(
            &mut h,
            Heatmap::build(self.s).map(Chart::Heatmap),
            "Numeric issues show a few points of their grid; values between them follow the party's piecewise-linear value function.",
        );
        h
    }

    // ------------------------------------------------------------ drafts

    fn drafts(&self) -> Html {
        let (s, a) = (self.s, self.a);
        let mut h = Html::new();
        if s.drafts.is_empty() {
            h.elem("p", &[("class", "note")], "The scenario has no drafts.");
            return h;
        }
        h.elem(
            "p",
            &[],
            "How each party scores each draft: its utility (a range when the draft leaves issues open), against its reservation. A draft is acceptable to a party when it crosses none of the party's red lines and gives at least its reservation.",
        );
        self.chart(
            &mut h,
            DraftsChart::build(s, &a.drafts).map(Chart::Drafts),
            "Drafts in date order. A bar spans a party's lowest and highest utility over every way to settle the issues the draft leaves open; the marker sits at its middle.",
        );
        for ds in &a.drafts {
            let Some(di) = s.draft_index(&ds.id) else {
                continue;
            };
            let d = &s.drafts[di];
            let ddoc = s.doc.drafts.get(di);
            h.open(
                "div",
                &[("class", "card draft"), ("id", &anchor("draft", &d.id))],
            );
            h.raw("<h3>")
                .elem("code", &[], &d.id)
                .text(" ")
                .text(&d.title)
                .raw("</h3>");
            h.raw("<p class=\"meta\">");
            h.text("by ");
            self.chip(&mut h, &s.parties[d.author].id);
            h.text(&format!(
                " · {} · {}",
                d.date,
                d.status.as_str().replace('_', " ")
            ));
            if let Some(p) = d.parent {
                h.text(" · revises ");
                h.elem(
                    "a",
                    &[("href", &format!("#{}", anchor("draft", &s.drafts[p].id)))],
                    &s.drafts[p].id,
                );
            }
            let settled = d.package.iter().filter(|x| x.is_some()).count();
            h.text(&format!(
                " · settles {settled} of {} issues",
                s.issues.len()
            ));
            if let Some(dd) = ddoc {
                self.cite(&mut h, &dd.sources);
            }
            h.raw("</p>");
            if let Some(desc) = ddoc.and_then(|x| x.description.as_ref()) {
                h.raw("<p class=\"desc\">");
                ticked(&mut h, desc);
                h.raw("</p>");
            }
            if self.acceptable_to_all(ds) {
                h.elem(
                    "p",
                    &[("class", "good")],
                    "✓ Acceptable to every party with a veto.",
                );
            }
            // Scores.
            h.raw("<div class=\"scroll\"><table class=\"scores\"><thead><tr><th>Party</th><th class=\"num\">Utility</th><th class=\"num\">Reservation</th><th>Acceptable?</th><th>Red lines</th></tr></thead><tbody>");
            for p in &ds.scores {
                h.raw("<tr><td>");
                self.chip(&mut h, &p.party);
                h.raw("</td>");
                let u = if p.utility_max - p.utility_min > 1e-9 {
                    format!("{}–{}", u3(p.utility_min), u3(p.utility_max))
                } else {
                    u3(p.utility_min)
                };
                h.elem("td", &[("class", "num")], &u);
                h.elem("td", &[("class", "num")], &u3(p.reservation));
                h.raw("<td>");
                badge(&mut h, p.acceptable_status);
                h.raw("</td><td>");
                for hit in &p.red_lines_crossed {
                    h.raw("<div class=\"crossed\">");
                    h.elem("span", &[("class", "rl")], "✕");
                    h.text(" crosses ")
                        .elem("code", &[], &hit.id)
                        .text(": ")
                        .text(&hit.description);
                    if !hit.points.is_empty() {
                        h.text(&format!(
                            " (point{} {})",
                            if hit.points.len() == 1 { "" } else { "s" },
                            join_nums(&hit.points)
                        ));
                    }
                    h.raw("</div>");
                }
                if !p.red_lines_possible.is_empty() {
                    h.open("div", &[("class", "possible")]);
                    h.text(&format!(
                        "? could cross {} depending on open issues",
                        p.red_lines_possible
                            .iter()
                            .map(|x| x.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    h.raw("</div>");
                }
                if p.red_lines_crossed.is_empty() && p.red_lines_possible.is_empty() {
                    h.elem("span", &[("class", "muted")], "none");
                }
                if p.red_lines_crossed.is_empty() && p.acceptable == Some(false) {
                    h.elem("div", &[("class", "crossed")], "below its reservation");
                } else if p.red_lines_crossed.is_empty()
                    && p.acceptable.is_none()
                    && p.utility_min < p.reservation
                {
                    h.elem(
                        "div",
                        &[("class", "possible")],
                        "? below its reservation for some settlements of the open issues",
                    );
                }
                h.raw("</td></tr>");
            }
            h.raw("</tbody></table></div>");

            // Points, with the red lines they cross.
            let mut hits: BTreeMap<u32, Vec<(String, String, bool)>> = BTreeMap::new();
            for p in &ds.scores {
                for (list, crossed) in
                    [(&p.red_lines_crossed, true), (&p.red_lines_possible, false)]
                {
                    for hit in list {
                        for n in &hit.points {
                            hits.entry(*n).or_default().push((
                                p.party.clone(),
                                hit.id.clone(),
                                crossed,
                            ));
                        }
                    }
                }
            }
            let n_crossing = d
                .points
                .iter()
                .filter(|pt| hits.get(&pt.n).is_some_and(|v| v.iter().any(|x| x.2)))
                .count();
            h.raw("<details open=\"open\"><summary>");
            h.text(&format!(
                "{} ({} cross{} a red line)",
                plural(d.points.len(), "point", "points"),
                n_crossing,
                if n_crossing == 1 { "es" } else { "" }
            ));
            h.raw("</summary><div class=\"scroll\"><table class=\"points\"><thead><tr><th class=\"num\">#</th><th>Text</th><th>Settles</th></tr></thead><tbody>");
            for (pi, pt) in d.points.iter().enumerate() {
                let flags = hits.get(&pt.n);
                let class = match flags {
                    Some(v) if v.iter().any(|x| x.2) => "crossed",
                    Some(_) => "possible",
                    None => "",
                };
                h.open("tr", &[("class", class)]);
                h.elem("td", &[("class", "num")], &pt.n.to_string());
                h.raw("<td>").text(&pt.text);
                if let Some(ch) = pt.change {
                    let (cls, label) = match ch {
                        PointChange::Kept => ("chg kept", "kept"),
                        PointChange::Changed => ("chg changed", "changed"),
                        PointChange::New => ("chg new", "new"),
                        PointChange::Dropped => ("chg dropped", "dropped"),
                        PointChange::Unknown => ("chg unknown", "outcome unknown"),
                    };
                    h.text(" ").elem("span", &[("class", cls)], label);
                }
                if let Some(pd) = ddoc.and_then(|x| x.points.get(pi)) {
                    self.cite(&mut h, &pd.sources);
                }
                if let Some(v) = flags {
                    for (party, id, crossed) in v {
                        h.raw("<div class=\"flag\">");
                        h.text(if *crossed {
                            "✕ crosses "
                        } else {
                            "? may cross "
                        });
                        self.chip(&mut h, party);
                        h.text("’s red line ").elem("code", &[], id);
                        h.raw("</div>");
                    }
                }
                h.raw("</td><td>");
                if pt.settles.is_empty() {
                    h.elem("span", &[("class", "muted")], "not mapped to an issue");
                }
                for (k, (i, l)) in pt.settles.iter().enumerate() {
                    if k > 0 {
                        h.raw("<br/>");
                    }
                    let issue = &s.issues[*i];
                    h.elem("span", &[("class", "iss")], &issue.name);
                    match l {
                        Some(l) => {
                            h.text(" → ").text(&issue.levels[*l as usize].label);
                        }
                        None => {
                            h.elem(
                                "span",
                                &[("class", "muted")],
                                ": addressed, settlement unknown",
                            );
                        }
                    }
                }
                h.raw("</td></tr>");
            }
            h.raw("</tbody></table></div></details></div>");
        }
        h
    }

    // ------------------------------------------------------------ changes

    fn changes(&self) -> Html {
        let s = self.s;
        let mut h = Html::new();
        let pairs: Vec<(usize, usize)> = s
            .drafts
            .iter()
            .enumerate()
            .filter_map(|(i, d)| d.parent.map(|p| (p, i)))
            .collect();
        if pairs.is_empty() {
            h.elem(
                "p",
                &[("class", "note")],
                "No draft revises another, so there is nothing to compare.",
            );
            return h;
        }
        let an = match Analyzer::new(s) {
            Ok(an) => an,
            Err(e) => {
                h.elem("p", &[("class", "note")], &format!("Not compared: {e}"));
                return h;
            }
        };
        for (p, i) in pairs {
            let (pa, pb) = (&s.drafts[p], &s.drafts[i]);
            match an.diff(&pa.id, &pb.id) {
                Ok(diff) => self.diff(&mut h, &diff),
                Err(e) => {
                    h.elem(
                        "p",
                        &[("class", "note")],
                        &format!("{} against {}: not compared ({e})", pb.id, pa.id),
                    );
                }
            }
        }
        h
    }

    fn diff(&self, h: &mut Html, d: &DraftDiff) {
        h.raw("<div class=\"card\">");
        h.raw("<h3>")
            .elem("code", &[], &d.b)
            .text(" revises ")
            .elem("code", &[], &d.a)
            .raw("</h3>");
        let eps = 1e-9;
        let mut gained = Vec::new();
        let mut lost = Vec::new();
        let mut mixed = Vec::new();
        for p in &d.parties {
            let [lo, hi] = p.change;
            if lo >= -eps && hi >= -eps && (lo > eps || hi > eps) {
                gained.push(p.party.clone());
            } else if lo <= eps && hi <= eps && (lo < -eps || hi < -eps) {
                lost.push(p.party.clone());
            } else if lo.abs() > eps || hi.abs() > eps {
                mixed.push(p.party.clone());
            }
        }
        h.raw("<p class=\"whowins\">");
        for (label, list, cls) in [
            ("Gained: ", &gained, "up"),
            ("Lost: ", &lost, "down"),
            ("Mixed: ", &mixed, "mixed"),
        ] {
            if list.is_empty() {
                continue;
            }
            h.open("span", &[("class", cls)]).text(label).raw("</span>");
            for (k, p) in list.iter().enumerate() {
                if k > 0 {
                    h.text(", ");
                }
                self.chip(h, p);
            }
            h.text(". ");
        }
        if gained.is_empty() && lost.is_empty() && mixed.is_empty() {
            h.text("No party's utility changed.");
        }
        h.raw("</p>");
        h.raw("<div class=\"scroll\"><table><thead><tr><th>Party</th><th class=\"num\">Before</th><th class=\"num\">After</th><th class=\"num\">Change</th><th>Acceptable</th></tr></thead><tbody>");
        let range = |v: [f64; 2]| {
            if v[1] - v[0] > 1e-9 {
                format!("{}–{}", u3(v[0]), u3(v[1]))
            } else {
                u3(v[0])
            }
        };
        for p in &d.parties {
            h.raw("<tr><td>");
            self.chip(h, &p.party);
            h.raw("</td>");
            h.elem("td", &[("class", "num")], &range(p.a));
            h.elem("td", &[("class", "num")], &range(p.b));
            let [lo, hi] = p.change;
            let (cls, arrow) = if lo >= -eps && hi >= -eps && (lo > eps || hi > eps) {
                ("num up", "▲ ")
            } else if lo <= eps && hi <= eps && (lo < -eps || hi < -eps) {
                ("num down", "▼ ")
            } else {
                ("num", "")
            };
            let change = if (hi - lo).abs() > 1e-9 {
                format!("{arrow}{} / {}", signed(lo), signed(hi))
            } else {
                format!("{arrow}{}", signed(lo))
            };
            h.elem("td", &[("class", cls)], &change);
            h.raw("<td>");
            badge(h, p.acceptable[0]);
            h.text(" → ");
            badge(h, p.acceptable[1]);
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        if !d.issues.is_empty() {
            h.raw("<p class=\"label\">Issues settled differently</p><ul class=\"changes\">");
            for c in &d.issues {
                let show = |o: &Option<String>| {
                    o.as_ref()
                        .map_or_else(|| "open".to_string(), |x| self.option_label(&c.issue, x))
                };
                h.raw("<li>")
                    .elem("span", &[("class", "iss")], &self.issue_name(&c.issue))
                    .text(": ")
                    .text(&show(&c.from))
                    .text(" → ")
                    .elem("b", &[], &show(&c.to))
                    .raw("</li>");
            }
            h.raw("</ul>");
        }
        let counts = format!(
            "Points: {} added, {} dropped, {} changed.",
            d.points_added.len(),
            d.points_dropped.len(),
            d.points_changed.len()
        );
        h.elem("p", &[("class", "meta")], &counts);
        if !(d.points_added.is_empty()
            && d.points_dropped.is_empty()
            && d.points_changed.is_empty())
        {
            h.raw("<details><summary>The points that differ</summary><ul class=\"changes\">");
            for p in &d.points_added {
                h.raw("<li>")
                    .elem("span", &[("class", "chg new")], "added")
                    .text(&format!(" {}. {}", p.n, p.text))
                    .raw("</li>");
            }
            for p in &d.points_dropped {
                h.raw("<li>")
                    .elem("span", &[("class", "chg dropped")], "dropped")
                    .text(&format!(" {}. {}", p.n, p.text))
                    .raw("</li>");
            }
            for p in &d.points_changed {
                h.raw("<li>")
                    .elem("span", &[("class", "chg changed")], "changed")
                    .text(&format!(" {}. ", p.n));
                if p.text_changed {
                    h.elem("s", &[], &p.text_a).raw("<br/>").text(&p.text_b);
                } else {
                    h.text(&p.text_b);
                }
                if p.settles_a != p.settles_b {
                    h.elem(
                        "span",
                        &[("class", "muted")],
                        &format!(" ({} → {})", or_none(&p.settles_a), or_none(&p.settles_b)),
                    );
                }
                h.raw("</li>");
            }
            h.raw("</ul></details>");
        }
        h.raw("</div>");
    }

    // ------------------------------------------------------------ zone

    fn package_table(&self, h: &mut Html, cols: &[(String, &Package, &[PartyUtility])]) {
        let s = self.s;
        h.raw("<div class=\"scroll\"><table class=\"packages\"><thead><tr><th>Issue</th>");
        for (name, _, _) in cols {
            h.elem("th", &[], name);
        }
        h.raw("</tr></thead><tbody>");
        for (i, issue) in s.issues.iter().enumerate() {
            let vals: Vec<String> = cols
                .iter()
                .map(|(_, p, _)| {
                    p.levels()
                        .get(i)
                        .and_then(|&l| issue.levels.get(l as usize))
                        .map_or_else(|| "?".to_string(), |x| x.label.clone())
                })
                .collect();
            let differ = vals.iter().any(|v| v != &vals[0]);
            h.open(
                "tr",
                &[(
                    "class",
                    if differ && cols.len() > 1 {
                        "differ"
                    } else {
                        ""
                    },
                )],
            );
            h.elem("td", &[("class", "iss")], &issue.name);
            for v in &vals {
                h.elem("td", &[], v);
            }
            h.raw("</tr>");
        }
        // Utilities.
        for p in s.parties_with_preferences() {
            let id = &s.parties[p].id;
            h.raw("<tr class=\"util\"><td>");
            self.chip(h, id);
            h.raw("</td>");
            for (_, _, us) in cols {
                match us.iter().find(|u| &u.party == id) {
                    Some(u) => {
                        h.open(
                            "td",
                            &[("class", if u.acceptable { "num" } else { "num bad" })],
                        );
                        h.text(&u3(u.utility));
                        h.elem(
                            "span",
                            &[("class", "gain")],
                            &format!(" ({})", signed(u.gain)),
                        );
                        if !u.acceptable {
                            h.text(" ✕");
                        }
                        h.raw("</td>");
                    }
                    None => {
                        h.elem("td", &[], "");
                    }
                }
            }
            h.raw("</tr>");
        }
        h.raw("</tbody></table></div>");
    }

    fn constraints(&self, h: &mut Html, cs: &[Constraint]) {
        for (k, c) in cs.iter().enumerate() {
            if k > 0 {
                h.raw("<br/>");
            }
            self.chip(h, &c.party);
            if c.kind == "reservation" {
                h.text(" lowers its reservation");
            } else {
                h.text(" drops ")
                    .elem("code", &[], &c.id)
                    .text(": ")
                    .text(&c.description);
            }
        }
    }

    fn zone(&self) -> Html {
        let a = self.a;
        let z = &a.zopa;
        let mut h = Html::new();
        if z.parties.is_empty() {
            h.elem(
                "p",
                &[],
                "No party with stated preferences has a veto, so every package is a possible deal.",
            );
            return h;
        }
        if z.exists {
            let n = match (&z.count, &z.count_bounds) {
                (Some(c), _) => format!("{} packages", fmt_count(*c)),
                (None, Some([l, u])) => {
                    format!("between {} and {} packages", fmt_count(*l), fmt_count(*u))
                }
                _ => "some packages".into(),
            };
            h.elem(
                "p",
                &[],
                &format!(
                    "{n} ({:.3}% of the {}) are acceptable to every party with a veto. One of them, the package that maximises the smallest gain over the reservations:",
                    100.0 * z.fraction,
                    fmt_count(z.space)
                ),
            );
            if let Some(w) = &z.witness {
                let utils = a
                    .solutions
                    .egalitarian
                    .as_ref()
                    .map(|x| x.utilities.as_slice())
                    .unwrap_or(&[]);
                self.package_table(&mut h, &[("A package in the zone".into(), w, utils)]);
            }
            let binding: Vec<_> = a.red_line_influence.iter().filter(|r| r.binding).collect();
            if !binding.is_empty() {
                h.elem("h3", &[], "Red lines that shape the zone");
                h.raw("<div class=\"scroll\"><table><thead><tr><th>Red line</th><th class=\"num\">Packages it excludes</th><th class=\"num\">Nash product gained without it</th></tr></thead><tbody>");
                for r in binding {
                    h.raw("<tr><td>");
                    self.constraints(&mut h, std::slice::from_ref(&r.constraint));
                    h.raw("</td>");
                    h.elem(
                        "td",
                        &[("class", "num")],
                        &r.count_gain.map_or_else(|| "?".into(), fmt_count),
                    );
                    h.elem(
                        "td",
                        &[("class", "num")],
                        &r.nash_gain
                            .map_or_else(|| "?".into(), |g| format!("{g:.4}")),
                    );
                    h.raw("</tr>");
                }
                h.raw("</tbody></table></div>");
            }
            return h;
        }
        h.elem(
            "p",
            &[],
            "No package is acceptable to every party with a veto. The smallest sets of concessions that would open a zone, each with the package that then leaves the worst-off party best off:",
        );
        if a.blockers.is_empty() {
            h.elem(
                "p",
                &[("class", "note")],
                "No set of up to three concessions opens a zone.",
            );
        } else {
            h.raw("<div class=\"scroll\"><table class=\"blockers\"><thead><tr><th class=\"num\">#</th><th>Concessions</th><th class=\"num\">Largest reservation cut</th><th class=\"num\">Worst gain then</th></tr></thead><tbody>");
            for (i, b) in a.blockers.iter().enumerate() {
                h.raw("<tr>");
                h.elem("td", &[("class", "num")], &(i + 1).to_string());
                h.raw("<td>");
                self.constraints(&mut h, &b.constraints);
                h.raw("</td>");
                let cost = if b.proven {
                    u3(b.cost)
                } else {
                    format!("≤ {}", u3(b.cost))
                };
                h.elem("td", &[("class", "num")], &cost);
                h.elem("td", &[("class", "num")], &signed(b.worst_gain));
                h.raw("</tr>");
            }
            h.raw("</tbody></table></div>");
            if !a.blockers_complete {
                h.elem(
                    "p",
                    &[("class", "note")],
                    "The search stopped at its budget: there may be other sets of the same size.",
                );
            }
        }
        if !a.reservation_cuts.is_empty() {
            h.elem(
                "h3",
                &[],
                "How far one party alone would have to lower its reservation",
            );
            h.raw("<div class=\"scroll\"><table><thead><tr><th>Party</th><th class=\"num\">Reservation</th><th class=\"num\">Cut, keeping its red lines</th><th class=\"num\">Cut, dropping its red lines too</th></tr></thead><tbody>");
            for c in &a.reservation_cuts {
                h.raw("<tr><td>");
                self.chip(&mut h, &c.party);
                h.raw("</td>");
                h.elem("td", &[("class", "num")], &u3(c.reservation));
                h.elem(
                    "td",
                    &[("class", "num")],
                    &c.cut.map_or_else(|| "not enough".into(), u3),
                );
                h.elem(
                    "td",
                    &[("class", "num")],
                    &c.cut_without_red_lines
                        .map_or_else(|| "not enough".into(), u3),
                );
                h.raw("</tr>");
            }
            h.raw("</tbody></table></div>");
            h.elem(
                "p",
                &[("class", "meta")],
                "“Not enough”: no cut of that party's reservation alone opens a zone, because other parties' red lines or reservations still exclude every package.",
            );
        }
        h
    }

    // ------------------------------------------------------------ solutions

    fn solutions(&self) -> Html {
        let a = self.a;
        let sol = &a.solutions;
        let mut h = Html::new();
        let named: Vec<(&str, &Option<Solution>)> = vec![
            ("Nash", &sol.nash),
            ("Kalai-Smorodinsky", &sol.kalai_smorodinsky),
            ("Utilitarian", &sol.utilitarian),
            (
                "Utilitarian, capability-weighted",
                &sol.utilitarian_weighted,
            ),
            ("Egalitarian", &sol.egalitarian),
        ];
        let present: Vec<(String, &Solution)> = named
            .iter()
            .filter_map(|(n, s)| s.as_ref().map(|s| ((*n).to_string(), s)))
            .collect();
        if !present.is_empty() {
            let from = if sol.scope == "zone" {
                "from the zone"
            } else {
                h.raw("<p class=\"note\">");
                ticked(
                    &mut h,
                    "The zone is empty, so these solutions set the red lines aside: they are chosen from the packages that meet every reservation, and each crosses the red lines listed under the table. They show where a deal would lie if the red lines were negotiable; the concessions that open a real zone are in the previous section.",
                );
                h.raw("</p>");
                "from those packages"
            };
            h.elem(
                "p",
                &[],
                &format!("Four classic ways to pick one package {from}. Nash maximises the product of gains over the reservations; Kalai-Smorodinsky gives every party the same share of its best possible gain; utilitarian maximises the sum of utilities (or the capability-weighted sum); egalitarian maximises the smallest gain. Rows where they disagree are highlighted."),
            );
            let cols: Vec<(String, &Package, &[PartyUtility])> = present
                .iter()
                .map(|(n, s)| (n.clone(), &s.package, s.utilities.as_slice()))
                .collect();
            self.package_table(&mut h, &cols);
            for (n, s) in &present {
                if let Some(note) = &s.note {
                    h.elem("p", &[("class", "note")], &format!("{n}: {note}"));
                }
            }
            for (n, s) in &present {
                if !s.red_lines_crossed.is_empty() {
                    h.raw("<p class=\"note\">");
                    h.text(&format!("{n} crosses "));
                    for (i, c) in s.red_lines_crossed.iter().enumerate() {
                        if i > 0 {
                            h.text(", ");
                        }
                        self.chip(&mut h, &c.party);
                        h.text(" ").elem("code", &[], &c.id);
                    }
                    h.raw("</p>");
                }
            }
            return h;
        }
        h.raw("<p class=\"note\">");
        ticked(
            &mut h,
            sol.note
                .as_deref()
                .unwrap_or("There are no bargaining solutions: the zone is empty."),
        );
        h.raw("</p>");
        // What a deal could look like instead.
        let mut cols: Vec<(String, &Package, &[PartyUtility])> = Vec::new();
        if let Some(c) = &a.zopa.closest {
            cols.push((
                "Closest to a deal".into(),
                &c.package,
                c.utilities.as_slice(),
            ));
        }
        let smallest = a.blockers.first().map_or(0, |b| b.size);
        for (i, b) in a
            .blockers
            .iter()
            .enumerate()
            .filter(|(_, b)| b.size == smallest)
            .take(3)
        {
            cols.push((
                format!("Opens with concessions #{}", i + 1),
                &b.package,
                b.utilities.as_slice(),
            ));
        }
        if !cols.is_empty() {
            h.elem(
                "p",
                &[],
                "Side by side instead: the package that comes closest to a deal (the smallest largest shortfall below a reservation) and the packages that the smallest sets of concessions would make acceptable to all. ✕ marks a party for which the package is not acceptable as things stand.",
            );
            self.package_table(&mut h, &cols);
        }
        h
    }

    // ------------------------------------------------------------ timeline

    fn timeline(&self) -> Html {
        let s = self.s;
        let mut h = Html::new();
        self.chart(
            &mut h,
            Timeline::build(s).map(Chart::Timeline),
            "One lane per party taking part; diamonds are drafts. Hover over a mark for what happened.",
        );
        let doc = &s.doc;
        if doc.events.is_empty() {
            return h;
        }
        let mut order: Vec<usize> = (0..doc.events.len()).collect();
        order.sort_by(|&x, &y| doc.events[x].date.cmp(&doc.events[y].date).then(x.cmp(&y)));
        h.raw("<div class=\"scroll\"><table class=\"events\"><thead><tr><th>Date</th><th>What happened</th><th>Who</th></tr></thead><tbody>");
        for i in order {
            let e = &doc.events[i];
            h.open("tr", &[("id", &anchor("ev", &e.id))]);
            h.elem("td", &[("class", "date")], &e.date);
            h.raw("<td>");
            h.elem("span", &[("class", "kind")], &e.kind);
            if let Some(p) = &e.place {
                h.elem("span", &[("class", "muted")], &format!(" {p}"));
            }
            h.raw("<br/>").text(&e.summary);
            if !e.drafts.is_empty() {
                h.text(" Drafts:");
                for d in &e.drafts {
                    h.text(" ")
                        .elem("a", &[("href", &format!("#{}", anchor("draft", d)))], d);
                }
            }
            self.cite(&mut h, &e.sources);
            h.raw("</td><td>");
            for (k, p) in e.participants.iter().enumerate() {
                if k > 0 {
                    h.raw("<br/>");
                }
                self.chip(&mut h, p);
            }
            h.raw("</td></tr>");
        }
        h.raw("</tbody></table></div>");
        h
    }

    // ------------------------------------------------------------ sources

    fn sources(&self) -> Html {
        let doc = &self.s.doc;
        let mut h = Html::new();
        if doc.sources.is_empty() {
            h.elem("p", &[("class", "note")], "The scenario lists no sources.");
            return h;
        }
        h.raw("<ol class=\"sources\">");
        for src in &doc.sources {
            h.open("li", &[("id", &anchor("src", &src.id))]);
            h.link(src.url.as_deref(), &src.title);
            let mut bits = Vec::new();
            if let Some(p) = &src.publisher {
                bits.push(p.clone());
            }
            if let Some(d) = &src.date {
                bits.push(d.clone());
            }
            if !bits.is_empty() {
                h.text(&format!(" — {}", bits.join(", ")));
            }
            if let Some(r) = &src.reliability {
                h.text(" ")
                    .elem("span", &[("class", "rel")], &r.replace('_', " "));
            }
            h.text(" ").elem("code", &[("class", "muted")], &src.id);
            if let Some(q) = &src.quote {
                h.raw("<q>").text(q).raw("</q>");
            }
            h.raw("</li>");
        }
        h.raw("</ol>");
        h
    }
}

fn or_none(v: &[String]) -> String {
    if v.is_empty() {
        "nothing".into()
    } else {
        v.join(", ")
    }
}

fn join_nums(v: &[u32]) -> String {
    v.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `yes` / `no` / `depends` as a badge that does not rely on colour alone.
fn badge(h: &mut Html, status: &str) {
    let (cls, text) = match status {
        "yes" => ("badge yes", "✓ yes"),
        "no" => ("badge no", "✕ no"),
        _ => ("badge dep", "? depends"),
    };
    h.elem("span", &[("class", cls)], text);
}

/// Text in which `backticked` spans become `<code>`.
fn ticked(h: &mut Html, text: &str) {
    for (i, part) in text.split('`').enumerate() {
        if i % 2 == 1 {
            h.elem("code", &[], part);
        } else {
            h.text(part);
        }
    }
}
