//! `accord show`: print a scenario for people (text) or machines (JSON).

use std::fmt::Write as _;
use std::path::Path;

use accord_model::{IssueKind, Scenario};

use crate::cli::OutputFormat;
use crate::commands::check::fmt_space;
use crate::input;
use crate::output::{CmdResult, json_string, print};

pub fn run(file: Option<&Path>, format: OutputFormat) -> CmdResult {
    let loaded = input::load(file)?;
    match format {
        OutputFormat::Json => print(&json_string(&loaded.scenario.doc)?),
        OutputFormat::Text => print(&render(&loaded.scenario)),
    }
}

fn render(s: &Scenario) -> String {
    let mut o = String::new();
    let meta = &s.doc.scenario;
    let _ = writeln!(o, "{}", meta.title);
    let _ = writeln!(
        o,
        "id: {}{}   outcome space: {} packages",
        meta.id,
        meta.as_of
            .as_ref()
            .map_or(String::new(), |d| format!("   as of: {d}")),
        fmt_space(s.space_size())
    );
    if let Some(d) = &meta.description {
        let _ = writeln!(o, "\n{}", d.trim());
    }

    let _ = writeln!(o, "\nPARTIES");
    for p in &s.parties {
        let members = if p.members.is_empty() {
            String::new()
        } else {
            format!("  members: {}", p.members.join(", "))
        };
        let res = p
            .preferences
            .as_ref()
            .map_or("-".to_string(), |pr| format!("{:.2}", pr.reservation));
        let _ = writeln!(
            o,
            "  {:<6} {:<28} {:<10} capability {:<6} veto {:<3} reservation {res}{members}",
            p.id,
            p.name,
            p.role.as_str(),
            format!("{:.2}", p.capability),
            if p.veto { "yes" } else { "no" },
        );
    }

    let prefs: Vec<usize> = s.parties_with_preferences();
    let _ = writeln!(o, "\nISSUES (value per party; weight in brackets)");
    for (ii, issue) in s.issues.iter().enumerate() {
        let kind = match issue.kind {
            IssueKind::Discrete if issue.ordered => "ordered",
            IssueKind::Discrete => "discrete",
            IssueKind::Integer => "integer",
            IssueKind::Real => "real",
        };
        let _ = writeln!(
            o,
            "  {} - {} ({kind}, {} options)",
            issue.id,
            issue.name,
            issue.len()
        );
        let mut header = format!("      {:<34}", "");
        for &p in &prefs {
            let w = s.prefs(p).weights[ii];
            header.push_str(&format!(" {:>12}", format!("{}[{w:.2}]", s.parties[p].id)));
        }
        let _ = writeln!(o, "{}", header.trim_end());
        let show_levels: Vec<usize> = if issue.len() <= 12 {
            (0..issue.len()).collect()
        } else {
            let n = issue.len();
            vec![0, n / 4, n / 2, 3 * n / 4, n - 1]
        };
        for l in show_levels {
            let lvl = &issue.levels[l];
            let mut line = format!("      {:<34}", truncate(&lvl.label, 34));
            for &p in &prefs {
                let pr = s.prefs(p);
                #[allow(clippy::cast_possible_truncation)]
                let mark = if pr.forbids(ii, l as u32) { "x" } else { " " };
                line.push_str(&format!(
                    " {:>11}{mark}",
                    format!("{:.2}", pr.values[ii][l])
                ));
            }
            let _ = writeln!(o, "{}", line.trim_end());
        }
    }
    let _ = writeln!(o, "  (x = forbidden by a red line of that party)");

    let _ = writeln!(o, "\nRED LINES");
    for &p in &prefs {
        for r in &s.prefs(p).red_lines {
            let prob = if r.probability < 1.0 {
                format!("  (p = {:.2})", r.probability)
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "  {:<6} {:<22} {}{prob}",
                s.parties[p].id, r.id, r.description
            );
        }
    }

    let _ = writeln!(o, "\nDRAFTS");
    for d in &s.drafts {
        let parent = d
            .parent
            .map_or(String::new(), |p| format!(", revises {}", s.drafts[p].id));
        let settled = d.package.iter().filter(|l| l.is_some()).count();
        let _ = writeln!(
            o,
            "  {} - {} ({}, {}, by {}{parent}; settles {settled} of {} issues)",
            d.id,
            d.title,
            d.date,
            d.status.as_str(),
            s.parties[d.author].id,
            s.issues.len()
        );
        for pt in &d.points {
            let map = if pt.settles.is_empty() {
                "unmapped".to_string()
            } else {
                pt.settles
                    .iter()
                    .map(|(ii, l)| match l {
                        Some(l) => format!("{}={}", s.issues[*ii].id, s.issues[*ii].level_id(*l)),
                        None => format!("{}=?", s.issues[*ii].id),
                    })
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let change = pt.change.map_or(String::new(), |c| {
                format!(" [{}]", format!("{c:?}").to_lowercase())
            });
            let _ = writeln!(
                o,
                "    {:>2}. {}{change}\n        -> {map}",
                pt.n,
                truncate(&pt.text, 100)
            );
        }
    }

    let _ = writeln!(o, "\nTIMELINE");
    let mut events: Vec<_> = s.doc.events.iter().collect();
    events.sort_by(|a, b| a.date.cmp(&b.date));
    for e in events {
        let place = e
            .place
            .as_deref()
            .map_or(String::new(), |p| format!(" ({p})"));
        let _ = writeln!(
            o,
            "  {} {:<10} {}{place}",
            e.date,
            e.kind,
            truncate(&e.summary, 110)
        );
    }
    let _ = writeln!(
        o,
        "\nSOURCES: {} (see `accord show --format json` for quotes and addresses)",
        s.doc.sources.len()
    );
    o
}

fn truncate(s: &str, n: usize) -> String {
    let s = s.trim().replace('\n', " ");
    if s.chars().count() <= n {
        s
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}
