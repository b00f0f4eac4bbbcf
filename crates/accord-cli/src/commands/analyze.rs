//! `accord analyze`, `accord improve`, `accord diff`: render the analysis engine's results.
//!
//! Everything is computed before anything is printed, so an interrupted run leaves no
//! partial output.

use std::fmt::Write as _;
use std::path::Path;

use accord_analysis::{
    Analysis, AnalysisError, Analyzer, DraftDiff, ImprovedPackage, Improvement, Options, Package,
    PartyUtility, Solution, fmt_count,
};
use accord_model::Scenario;

use crate::cli::OutputFormat;
use crate::input;
use crate::output::{CmdResult, Failure, json_string, print};

fn failure(e: AnalysisError) -> Failure {
    Failure::BadInput(format!("error: {e}"))
}

fn analyzer(
    s: &Scenario,
    parties: Option<Vec<String>>,
    top: usize,
) -> Result<Analyzer<'_>, Failure> {
    let opts = Options {
        parties,
        top,
        ..Options::default()
    };
    Analyzer::with_options(s, opts).map_err(failure)
}

pub fn analyze(
    file: Option<&Path>,
    format: OutputFormat,
    parties: Option<Vec<String>>,
) -> CmdResult {
    let loaded = input::load(file)?;
    let s = &loaded.scenario;
    let an = analyzer(s, parties, Options::default().top)?;
    let a = an.analyze();
    match format {
        OutputFormat::Json => print(&json_string(&a)?),
        OutputFormat::Text => print(&render_analysis(s, &a)),
    }
}

pub fn improve(
    draft: &str,
    file: Option<&Path>,
    format: OutputFormat,
    parties: Option<Vec<String>>,
    top: usize,
) -> CmdResult {
    let loaded = input::load(file)?;
    let s = &loaded.scenario;
    let an = analyzer(s, parties, top)?;
    let imp = an.improve(draft).map_err(failure)?;
    match format {
        OutputFormat::Json => print(&json_string(&imp)?),
        OutputFormat::Text => print(&render_improvement(&imp)),
    }
}

pub fn diff(a: &str, b: &str, file: Option<&Path>, format: OutputFormat) -> CmdResult {
    let loaded = input::load(file)?;
    let s = &loaded.scenario;
    let an = analyzer(s, None, Options::default().top)?;
    let d = an.diff(a, b).map_err(failure)?;
    match format {
        OutputFormat::Json => print(&json_string(&d)?),
        OutputFormat::Text => print(&render_diff(&d)),
    }
}

fn pkg_line(p: &Package) -> String {
    p.entries()
        .iter()
        .map(|(i, o)| format!("{i}={o}"))
        .collect::<Vec<_>>()
        .join(", ")
}

fn utils_line(us: &[PartyUtility]) -> String {
    us.iter()
        .map(|u| format!("{} {:.3} ({:+.3})", u.party, u.utility, u.gain))
        .collect::<Vec<_>>()
        .join(", ")
}

fn render_analysis(s: &Scenario, a: &Analysis) -> String {
    let mut o = String::new();
    let _ = writeln!(o, "{}", a.verdict);
    let _ = writeln!(
        o,
        "\n{}: {} packages over {} issues ({} independent group{}); zone parties: {}",
        a.scenario,
        fmt_count(a.space.packages),
        a.space.issues,
        a.space.groups,
        if a.space.groups == 1 { "" } else { "s" },
        a.zopa.parties.join(", ")
    );

    // Drafts.
    if !a.drafts.is_empty() {
        let _ = writeln!(
            o,
            "\nDRAFTS (utility, or min-max over open issues; yes/no/depends = acceptable)"
        );
        let parties: Vec<&str> = a
            .drafts
            .first()
            .map(|d| d.scores.iter().map(|x| x.party.as_str()).collect())
            .unwrap_or_default();
        let mut header = format!("  {:<18} {:<16} {:>5}", "draft", "status", "open");
        for p in &parties {
            let _ = write!(header, "  {:>20}", p);
        }
        let _ = writeln!(o, "{header}");
        for d in &a.drafts {
            let mut line = format!("  {:<18} {:<10} {:>5}", d.id, d.status, d.open_issues.len());
            for sc in &d.scores {
                let u = if (sc.utility_max - sc.utility_min).abs() < 5e-4 {
                    format!("{:.3}", sc.utility_min)
                } else {
                    format!("{:.2}-{:.2}", sc.utility_min, sc.utility_max)
                };
                let mark = if sc.red_lines_crossed.is_empty() {
                    ""
                } else {
                    "*"
                };
                let _ = write!(
                    line,
                    "  {:>20}",
                    format!("{u} {}{mark}", sc.acceptable_status)
                );
            }
            let _ = writeln!(o, "{line}");
        }
        let _ = writeln!(o, "  (* = a red line is crossed)");
        for d in &a.drafts {
            for sc in &d.scores {
                for h in &sc.red_lines_crossed {
                    let pts = if h.points.is_empty() {
                        String::new()
                    } else {
                        format!(
                            " - point{} {}",
                            if h.points.len() == 1 { "" } else { "s" },
                            h.points
                                .iter()
                                .map(ToString::to_string)
                                .collect::<Vec<_>>()
                                .join(", ")
                        )
                    };
                    let _ = writeln!(
                        o,
                        "  {} crosses {}'s red line `{}`: {}{pts}",
                        d.id, sc.party, h.id, h.description
                    );
                }
            }
        }
    }

    // Zone.
    let z = &a.zopa;
    let _ = writeln!(o, "\nZONE OF POSSIBLE AGREEMENT ({})", z.parties.join(", "));
    if z.exists {
        let size = match (&z.count, &z.count_bounds) {
            (Some(c), _) => format!("{} packages (exact)", fmt_count(*c)),
            (None, Some([l, u])) => format!(
                "between {} and {} packages (bounds: the counting budget ran out)",
                fmt_count(*l),
                fmt_count(*u)
            ),
            _ => "unknown".into(),
        };
        let _ = writeln!(o, "  size: {size}, {:.3e} of the space", z.fraction);
        if let Some(w) = &z.witness {
            let _ = writeln!(o, "  witness (egalitarian package): {}", pkg_line(w));
        }
    } else {
        let _ = writeln!(o, "  empty: no package is acceptable to every zone party");
        if let Some(c) = &z.closest {
            let rl = if z.closest_respects_red_lines == Some(true) {
                "respecting every red line"
            } else {
                "ignoring red lines (no package respects them all)"
            };
            let short = if c.objective >= 0.0 {
                "meets every reservation".to_string()
            } else {
                format!("largest reservation shortfall {:.3}", -c.objective)
            };
            let _ = writeln!(
                o,
                "  closest package {rl}; it {short}:\n    {}\n    {}",
                pkg_line(&c.package),
                utils_line(&c.utilities)
            );
        }
    }

    // Blockers.
    if !z.exists {
        let _ = writeln!(
            o,
            "\nBLOCKERS (smallest sets of constraints whose relaxation opens the zone{})",
            if a.blockers_complete {
                ""
            } else {
                "; search budget ran out, list may be incomplete"
            }
        );
        if a.blockers.is_empty() {
            let _ = writeln!(o, "  none of up to 3 constraints");
        }
        for (i, b) in a.blockers.iter().take(15).enumerate() {
            let set = b
                .constraints
                .iter()
                .map(|c| {
                    if c.kind == "reservation" {
                        format!("{}'s reservation", c.party)
                    } else {
                        format!("{}'s `{}`", c.party, c.id)
                    }
                })
                .collect::<Vec<_>>()
                .join(" + ");
            let _ = writeln!(
                o,
                "  {:>2}. relax {set}\n      cost {:.3}{}, worst gain {:+.3}; opens with {}",
                i + 1,
                b.cost,
                if b.proven {
                    ""
                } else {
                    " (best found, not proven)"
                },
                b.worst_gain,
                pkg_line(&b.package)
            );
        }
        if a.blockers.len() > 15 {
            let _ = writeln!(
                o,
                "  ... and {} more (see --format json)",
                a.blockers.len() - 15
            );
        }
        if !a.reservation_cuts.is_empty() {
            let _ = writeln!(o, "\nSMALLEST RESERVATION CUT THAT ALONE OPENS THE ZONE");
            for c in &a.reservation_cuts {
                let keep = c
                    .cut
                    .map_or("impossible".to_string(), |x| format!("{x:.3}"));
                let drop = c
                    .cut_without_red_lines
                    .map_or("impossible".to_string(), |x| format!("{x:.3}"));
                let _ = writeln!(
                    o,
                    "  {:<8} reservation {:.3}: cut {keep} keeping its red lines, {drop} dropping them",
                    c.party, c.reservation
                );
            }
        }
    } else if !a.red_line_influence.is_empty() {
        let _ = writeln!(
            o,
            "\nRED LINES THAT SHAPE THE ZONE (gain if the line were dropped)"
        );
        let mut rows: Vec<_> = a.red_line_influence.iter().collect();
        rows.sort_by(|x, y| {
            y.count_gain
                .map_or(0.0, |c| c.as_f64())
                .total_cmp(&x.count_gain.map_or(0.0, |c| c.as_f64()))
        });
        for r in rows {
            let count = r
                .count_gain
                .map_or("?".to_string(), |c| format!("+{}", fmt_count(c)));
            let nash = r.nash_gain.map_or("?".to_string(), |x| format!("{x:+.4}"));
            let _ = writeln!(
                o,
                "  {:<8} {:<20} {}  packages {count}, Nash product {nash}",
                r.constraint.party,
                format!("`{}`", r.constraint.id),
                if r.binding {
                    "binding    "
                } else {
                    "not binding"
                },
            );
        }
    }

    // Solutions.
    let sol = &a.solutions;
    let named: Vec<(&str, &Option<Solution>)> = vec![
        ("nash", &sol.nash),
        ("kalai-smor.", &sol.kalai_smorodinsky),
        ("utilitarian", &sol.utilitarian),
        ("util.weighted", &sol.utilitarian_weighted),
        ("egalitarian", &sol.egalitarian),
    ];
    let _ = writeln!(o, "\nBARGAINING SOLUTIONS ({})", sol.parties.join(", "));
    if let Some(n) = &sol.note {
        let _ = writeln!(o, "  {n}");
    }
    if named.iter().any(|(_, x)| x.is_some()) {
        let w = 14;
        let mut header = format!("  {:<22}", "issue");
        for (name, _) in &named {
            let _ = write!(header, " {name:>w$}");
        }
        let _ = writeln!(o, "{header}");
        for issue in &s.issues {
            let mut line = format!("  {:<22}", trunc(&issue.id, 22));
            for (_, x) in &named {
                let v = x
                    .as_ref()
                    .and_then(|x| x.package.get(&issue.id))
                    .unwrap_or("-");
                let _ = write!(line, " {:>w$}", trunc(v, w));
            }
            let _ = writeln!(o, "{line}");
        }
        let parties: Vec<String> = sol
            .nash
            .as_ref()
            .map(|n| n.utilities.iter().map(|u| u.party.clone()).collect())
            .unwrap_or_default();
        for p in &parties {
            let mut line = format!("  {:<22}", format!("u({p})"));
            for (_, x) in &named {
                let v = x
                    .as_ref()
                    .and_then(|x| x.utilities.iter().find(|u| &u.party == p))
                    .map_or("-".to_string(), |u| format!("{:.3}", u.utility));
                let _ = write!(line, " {v:>w$}");
            }
            let _ = writeln!(o, "{line}");
        }
        for (name, x) in &named {
            if let Some(n) = x.as_ref().and_then(|x| x.note.as_ref()) {
                let _ = writeln!(o, "  note ({name}): {n}");
            }
        }
        for (name, x) in &named {
            if let Some(x) = x.as_ref().filter(|x| !x.red_lines_crossed.is_empty()) {
                let lines: Vec<String> = x
                    .red_lines_crossed
                    .iter()
                    .map(|c| format!("{}'s `{}`", c.party, c.id))
                    .collect();
                let _ = writeln!(o, "  {name} crosses {}", lines.join(", "));
            }
        }
    }

    // Pareto.
    let p = &a.pareto;
    let fmt = |size: Option<u64>, lb: Option<u64>| match (size, lb) {
        (Some(n), _) => format!("{n}"),
        (None, Some(l)) => format!("at least {l} (limit reached; points are a sample)"),
        _ => "?".into(),
    };
    let _ = writeln!(
        o,
        "\nPARETO FRONTIER over {}: {} distinct utility vectors in the whole space, {} in the zone",
        p.parties.join(", "),
        fmt(p.size, p.size_lower_bound),
        fmt(p.zone_size, p.zone_size_lower_bound)
    );
    let _ = writeln!(
        o,
        "\n(--format json gives every number; keys in docs/analysis-output.md)"
    );
    o
}

fn trunc(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn render_improved(o: &mut String, i: usize, p: &ImprovedPackage) {
    let _ = writeln!(o, "  {:>2}. smallest gain {:+.4}", i, p.min_gain);
    let _ = writeln!(o, "      {}", utils_line(&p.utilities));
    for c in &p.changes {
        let _ = writeln!(
            o,
            "      {}: {} -> {}",
            c.issue,
            c.from.as_deref().unwrap_or("(open)"),
            c.to.as_deref().unwrap_or("(open)")
        );
    }
}

fn render_improvement(imp: &Improvement) -> String {
    let mut o = String::new();
    let verdict = if imp.top.is_empty() {
        format!(
            "No package improves on `{}` for every zone party.",
            imp.draft
        )
    } else {
        format!(
            "`{}` can be improved: the best package raises every zone party's utility by at least {:+.4}.",
            imp.draft, imp.top[0].min_gain
        )
    };
    let _ = writeln!(o, "{verdict}");
    if let Some(n) = &imp.note {
        let _ = writeln!(o, "note: {n}");
    }
    let _ = writeln!(
        o,
        "\nBASELINE{}",
        if imp.complete {
            ""
        } else {
            " (worst case over open issues)"
        }
    );
    for b in &imp.baseline {
        let _ = writeln!(o, "  {:<8} {:.3}", b.party, b.utility);
    }
    if !imp.top.is_empty() {
        let _ = writeln!(
            o,
            "\nIMPROVEMENTS (ranked by the smallest gain; gains over the baseline)"
        );
        for (i, p) in imp.top.iter().enumerate() {
            render_improved(&mut o, i + 1, p);
        }
    }
    if let Some(n) = &imp.nash {
        let _ = writeln!(o, "\nNASH-BEST IMPROVEMENT (largest product of gains)");
        render_improved(&mut o, 1, n);
    }
    o
}

fn render_diff(d: &DraftDiff) -> String {
    let mut o = String::new();
    let gainers: Vec<&str> = d
        .parties
        .iter()
        .filter(|p| p.change[0] > 1e-9)
        .map(|p| p.party.as_str())
        .collect();
    let losers: Vec<&str> = d
        .parties
        .iter()
        .filter(|p| p.change[0] < -1e-9)
        .map(|p| p.party.as_str())
        .collect();
    let _ = writeln!(
        o,
        "`{}` -> `{}`: {} point(s) added, {} dropped, {} changed; {} issue(s) settled differently. Gains (worst case): {}; losses: {}.",
        d.a,
        d.b,
        d.points_added.len(),
        d.points_dropped.len(),
        d.points_changed.len(),
        d.issues.len(),
        if gainers.is_empty() {
            "none".into()
        } else {
            gainers.join(", ")
        },
        if losers.is_empty() {
            "none".into()
        } else {
            losers.join(", ")
        },
    );
    if !d.issues.is_empty() {
        let _ = writeln!(o, "\nISSUES");
        for c in &d.issues {
            let _ = writeln!(
                o,
                "  {:<24} {} -> {}",
                c.issue,
                c.from.as_deref().unwrap_or("(open)"),
                c.to.as_deref().unwrap_or("(open)")
            );
        }
    }
    let list = |o: &mut String, title: &str, pts: &[accord_analysis::PointRef]| {
        if !pts.is_empty() {
            let _ = writeln!(o, "\n{title}");
            for p in pts {
                let _ = writeln!(
                    o,
                    "  {:>2}. {}  [{}]",
                    p.n,
                    trunc(&p.text, 90),
                    p.settles.join(", ")
                );
            }
        }
    };
    list(&mut o, "POINTS ADDED", &d.points_added);
    list(&mut o, "POINTS DROPPED", &d.points_dropped);
    if !d.points_changed.is_empty() {
        let _ = writeln!(o, "\nPOINTS CHANGED");
        for p in &d.points_changed {
            let _ = writeln!(
                o,
                "  {:>2}. [{}] -> [{}]{}",
                p.n,
                p.settles_a.join(", "),
                p.settles_b.join(", "),
                if p.text_changed {
                    " (text changed)"
                } else {
                    ""
                }
            );
        }
    }
    let _ = writeln!(o, "\nUTILITY (min-max; acceptable)");
    for p in &d.parties {
        let _ = writeln!(
            o,
            "  {:<8} {:.3}-{:.3} {:<8} -> {:.3}-{:.3} {:<8} change {:+.3}",
            p.party, p.a[0], p.a[1], p.acceptable[0], p.b[0], p.b[1], p.acceptable[1], p.change[0]
        );
    }
    o
}
