//! The forecast section: the probability of a deal under the scenario's stated
//! uncertainty (`accord-forecast`'s Monte Carlo), what moves it, and how likely each party
//! is to accept each draft.

use accord_forecast::MonteCarloResult;
use accord_model::Scenario;

use crate::charts::Chart;
use crate::data::{Tornado, fmt_int};
use crate::html::Html;
use crate::palette::PartyColors;
use crate::report::Section;

/// Most judgements shown in the tornado chart.
pub const TORNADO_ROWS: usize = 12;

fn pct(p: f64) -> String {
    if p > 0.0 && p < 0.001 {
        "<0.1%".to_string()
    } else {
        format!("{:.1}%", 100.0 * p)
    }
}

/// A readable name of a judgement label (`ua.red_line.ua_no_nato` → "Ukraine: red line
/// ua_no_nato").
fn judgement_name(s: &Scenario, label: &str) -> String {
    let mut parts = label.splitn(3, '.');
    match (parts.next(), parts.next(), parts.next()) {
        (Some(p), Some(kind), rest) => {
            let party = s
                .party_index(p)
                .map_or_else(|| p.to_string(), |i| s.parties[i].name.clone());
            let kind = kind.replace('_', " ");
            match rest {
                Some(r) => format!("{party}: {kind} {r}"),
                None => format!("{party}: {kind}"),
            }
        }
        _ => label.to_string(),
    }
}

/// The section "How likely is a deal?" for a Monte Carlo result.
pub fn forecast_section(s: &Scenario, r: &MonteCarloResult) -> Section {
    let colors = PartyColors::new(s);
    let mut h = Html::new();
    let chip = |h: &mut Html, id: &str| {
        let name = s
            .party_index(id)
            .map_or_else(|| id.to_string(), |i| s.parties[i].name.clone());
        let style = format!("background:{}", colors.of_id(id).hex());
        h.raw("<span class=\"party\">")
            .void("span", &[("class", "sw"), ("style", &style)])
            .text(&name)
            .raw("</span>");
    };
    h.elem(
        "p",
        &[],
        &format!(
            "Every judgement the scenario marks as uncertain (a range on a value, weight or reservation; a probability that a red line is real) was drawn at random {} times (seed {}), and each drawn scenario analysed exactly.",
            fmt_int(r.samples),
            r.seed
        ),
    );
    h.raw("<div class=\"stats\">");
    let stat = |h: &mut Html, big: &str, small: &str| {
        h.raw("<div class=\"stat\">")
            .elem("div", &[("class", "big")], big)
            .elem("div", &[("class", "small")], small)
            .raw("</div>");
    };
    stat(
        &mut h,
        &pct(r.p_deal.p),
        &format!(
            "probability that some package is acceptable to every party with a veto (± {:.1} points)",
            100.0 * r.p_deal.standard_error
        ),
    );
    stat(
        &mut h,
        if r.deal_at_nominal { "deal" } else { "no deal" },
        "with every judgement as written",
    );
    stat(
        &mut h,
        &fmt_int(r.judgements.len()),
        "uncertain judgements sampled",
    );
    h.raw("</div>");
    if r.interrupted {
        h.elem(
            "p",
            &[("class", "note")],
            &format!(
                "The run was interrupted after {} of {} samples.",
                fmt_int(r.samples),
                fmt_int(r.samples_requested)
            ),
        );
    }
    if r.failed_samples > 0 {
        h.elem(
            "p",
            &[("class", "note")],
            &format!(
                "{} samples could not be analysed and count as no deal.",
                fmt_int(r.failed_samples)
            ),
        );
    }

    // What moves it.
    let mut rows: Vec<_> = r
        .sensitivity
        .iter()
        .filter(|x| x.effect.abs() > 1e-12)
        .collect();
    rows.sort_by(|a, b| b.effect.abs().total_cmp(&a.effect.abs()));
    rows.truncate(TORNADO_ROWS);
    if rows.is_empty() {
        h.elem(
            "p",
            &[("class", "note")],
            "No single judgement moves the probability of a deal.",
        );
    } else {
        let chart = Chart::Tornado(Tornado::new(
            "What moves the probability of a deal",
            "Probability of a deal",
            r.p_deal.p,
            rows.iter()
                .map(|x| (judgement_name(s, &x.judgement), x.p_deal_low, x.p_deal_high)),
        ));
        h.figure(
            &chart,
            "For each judgement, the probability of a deal among the samples where it fell in the lower half of its range (a red line: where it was dropped) and the upper half (where it held). The widest swings come first; the line is the overall probability.",
        );
    }

    // Drafts.
    if !r.drafts.is_empty() {
        let mut drafts: Vec<&str> = Vec::new();
        let mut parties: Vec<&str> = Vec::new();
        for d in &r.drafts {
            if !drafts.contains(&d.draft.as_str()) {
                drafts.push(&d.draft);
            }
            if !parties.contains(&d.party.as_str()) {
                parties.push(&d.party);
            }
        }
        h.elem("h3", &[], "How likely each party is to accept each draft");
        h.raw("<div class=\"scroll\"><table><thead><tr><th>Draft</th>");
        for p in &parties {
            h.raw("<th class=\"num\">");
            chip(&mut h, p);
            h.raw("</th>");
        }
        h.raw("</tr></thead><tbody>");
        for d in &drafts {
            h.raw("<tr>").raw("<td>").elem("code", &[], d).raw("</td>");
            for p in &parties {
                match r.drafts.iter().find(|x| x.draft == *d && x.party == *p) {
                    Some(x) => {
                        h.raw("<td class=\"num\">").text(&pct(x.acceptable.p));
                        if x.depends.p > 0.0 {
                            h.elem(
                                "span",
                                &[("class", "gain")],
                                &format!(" +{} depends", pct(x.depends.p)),
                            );
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
        h.elem(
            "p",
            &[("class", "meta")],
            "“Depends”: acceptable for some settlements of the issues the draft leaves open.",
        );
    }

    // Where a deal would land.
    let dist: Vec<_> = r
        .nash_distribution
        .iter()
        .filter(|d| !d.options.is_empty())
        .collect();
    if !dist.is_empty() && r.p_deal.p > 0.0 {
        h.elem(
            "h3",
            &[],
            "Where a deal would land (Nash package, over samples with a deal)",
        );
        h.raw("<div class=\"scroll\"><table><thead><tr><th>Issue</th><th>Most often</th><th class=\"num\">Share</th><th>Next</th></tr></thead><tbody>");
        for d in dist {
            let Some(i) = s.issue_index(&d.issue) else {
                continue;
            };
            let issue = &s.issues[i];
            let label = |o: &str| {
                issue
                    .level_index(o)
                    .map_or_else(|| o.to_string(), |l| issue.levels[l as usize].label.clone())
            };
            let mut opts: Vec<&(String, f64)> = d.options.iter().collect();
            opts.sort_by(|a, b| b.1.total_cmp(&a.1));
            h.raw("<tr>").elem("td", &[("class", "iss")], &issue.name);
            h.elem("td", &[], &label(&opts[0].0));
            h.elem("td", &[("class", "num")], &pct(opts[0].1));
            match opts.get(1).filter(|x| x.1 > 0.0) {
                Some(n) => h.elem(
                    "td",
                    &[("class", "muted")],
                    &format!("{} ({})", label(&n.0), pct(n.1)),
                ),
                None => h.elem("td", &[], ""),
            };
            h.raw("</tr>");
        }
        h.raw("</tbody></table></div>");
    }
    Section {
        id: "forecast".into(),
        title: "How likely is a deal?".into(),
        body: h,
    }
}
