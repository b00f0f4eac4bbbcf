//! The utility space of two parties.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::marks::{Mark, draw_legend, draw_mark, legend_width};
use super::{Ctx, clip, fmt_u, rgb};
use crate::data::{CloudKind, UtilitySpace};
use crate::error::ReportError;
use crate::palette::{BLACK, GREY, Rgb, WHITE};

/// Width of everything left of the legend: margin, axis labels, the square plot.
const PLOT_W: f64 = 700.0;

pub(super) fn size(c: &UtilitySpace) -> (u32, u32) {
    let w = PLOT_W + 14.0 + legend_width(&legend_entries(c)) + 14.0;
    // A thousand pixels or so; the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (w.round() as u32, 620)
}

/// The legend, in drawing order: areas, packages, frontiers, reservations, drafts, solutions.
fn legend_entries(c: &UtilitySpace) -> Vec<(Mark, String)> {
    let mut v: Vec<(Mark, String)> = Vec::new();
    let (lo, hi) = c.range;
    if let (Some(rx), Some(ry)) = (c.x.reservation, c.y.reservation)
        && rx < hi
        && ry < hi
    {
        v.push((
            Mark::Swatch(QUADRANT_KEY, 1.0),
            "Both at or above their reservation".into(),
        ));
    }
    let sample = matches!(c.cloud_kind, CloudKind::Sample { .. });
    let has_zone = c.cloud.iter().any(|p| p.2);
    let has_out = c.cloud.iter().any(|p| !p.2);
    if c.cloud.len() <= DOTS_MAX {
        if has_out {
            let l = if sample {
                "Package (uniform sample)"
            } else {
                "Package"
            };
            v.push((Mark::Dot(Rgb(0xaa, 0xaa, 0xaa)), l.into()));
        }
        if has_zone {
            v.push((
                Mark::Dot(Rgb(0x33, 0x33, 0x33)),
                "Package acceptable to all in the zone".into(),
            ));
        }
    } else {
        if has_out {
            let l = if sample {
                "Sampled packages (darker: more)"
            } else {
                "Packages (darker: more)"
            };
            v.push((Mark::Swatch(GREY, 0.6), l.into()));
        }
        if has_zone {
            v.push((
                Mark::Swatch(BLACK, 0.6),
                "Packages acceptable to all in the zone".into(),
            ));
        }
    }
    let approx = if c.frontier_exact {
        ""
    } else {
        " (approximate)"
    };
    if !c.frontier.is_empty() {
        v.push((
            Mark::Dashed(BLACK, 1.2),
            format!("Pareto frontier, all packages{approx}"),
        ));
    }
    if !c.zone_frontier.is_empty() {
        v.push((
            Mark::Line(BLACK, 2.5),
            format!("Pareto frontier in the zone{approx}"),
        ));
    }
    for party in [&c.x, &c.y] {
        if let Some(r) = party.reservation
            && (lo..=hi).contains(&r)
        {
            v.push((
                Mark::Dashed(party.color, 2.0),
                format!("Reservation of {} ({})", clip(&party.name, 28), fmt_u(r)),
            ));
        }
    }
    if !c.drafts.is_empty() {
        v.push((
            Mark::Ring(BLACK),
            "Draft (box: range over open issues)".into(),
        ));
    }
    for s in &c.solutions {
        v.push((mark_of(&s.name), s.name.clone()));
    }
    v
}

/// The area where both parties are at least at their reservation, and its legend key.
const QUADRANT: Rgb = Rgb(0xee, 0xf3, 0xf7);
const QUADRANT_KEY: Rgb = Rgb(0xdc, 0xe6, 0xee);

/// Clouds with more points than this are drawn as a density grid.
const DOTS_MAX: usize = 4_000;
/// Cells per axis of the density grid.
const BINS: usize = 60;

/// The marker of a bargaining solution (or of the closest package).
fn mark_of(name: &str) -> Mark {
    match name {
        "Nash" => Mark::Square(BLACK),
        "Kalai-Smorodinsky" => Mark::Diamond(BLACK),
        "Utilitarian" => Mark::Up(BLACK),
        "Egalitarian" => Mark::Down(BLACK),
        _ => Mark::Crossed(BLACK),
    }
}

/// Short label of a solution on the chart.
fn short(name: &str) -> &str {
    match name {
        "Kalai-Smorodinsky" => "K-S",
        "Closest to a deal" => "closest",
        n => n,
    }
}

pub(super) fn draw<DB: DrawingBackend>(
    c: &UtilitySpace,
    root: &DrawingArea<DB, Shift>,
    k: &mut Ctx,
) -> Result<(), ReportError> {
    let e = ReportError::drawing;
    let (lo, hi) = c.range;
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, k.font(17.0, BLACK))
        .margin(k.px(14.0))
        .margin_right(k.px(f64::from(size(c).0) - PLOT_W))
        .x_label_area_size(k.px(46.0))
        .y_label_area_size(k.px(58.0))
        .build_cartesian_2d(lo..hi, lo..hi)
        .map_err(e)?;
    chart
        .configure_mesh()
        .x_desc(format!("Utility of {}", c.x.name))
        .y_desc(format!("Utility of {}", c.y.name))
        .axis_desc_style(k.font(13.0, BLACK))
        .label_style(k.font(12.0, Rgb(0x44, 0x44, 0x44)))
        .bold_line_style(rgb(Rgb(0xe8, 0xe8, 0xe8)).stroke_width(1))
        .light_line_style(rgb(WHITE).mix(0.0))
        .axis_style(rgb(GREY).stroke_width(1))
        .x_labels(6)
        .y_labels(6)
        .x_label_formatter(&|v| fmt_u(*v))
        .y_label_formatter(&|v| fmt_u(*v))
        .draw()
        .map_err(e)?;

    // Where both parties are at least at their reservation.
    if let (Some(rx), Some(ry)) = (c.x.reservation, c.y.reservation)
        && rx < hi
        && ry < hi
    {
        chart
            .draw_series(std::iter::once(Rectangle::new(
                [(rx.max(lo), ry.max(lo)), (hi, hi)],
                rgb(QUADRANT).filled(),
            )))
            .map_err(e)?;
    }

    // The packages.
    let outside = c.cloud.iter().filter(|p| !p.2).map(|p| (p.0, p.1));
    let inside = c.cloud.iter().filter(|p| p.2).map(|p| (p.0, p.1));
    if c.cloud.len() <= DOTS_MAX {
        let r = k.upx(1.8);
        chart
            .draw_series(outside.map(|p| Circle::new(p, r, rgb(GREY).mix(0.45).filled())))
            .map_err(e)?;
        if c.cloud.iter().any(|p| p.2) {
            chart
                .draw_series(inside.map(|p| Circle::new(p, r + 1, rgb(BLACK).mix(0.8).filled())))
                .map_err(e)?;
        }
    } else {
        let step = (hi - lo) / BINS as f64;
        for (pts, color) in [
            (density(outside, lo, hi), GREY),
            (density(inside, lo, hi), BLACK),
        ] {
            if pts.is_empty() {
                continue;
            }
            chart
                .draw_series(pts.into_iter().map(|(x, y, a)| {
                    Rectangle::new([(x, y), (x + step, y + step)], rgb(color).mix(a).filled())
                }))
                .map_err(e)?;
        }
    }

    // The Pareto frontiers.
    if !c.frontier.is_empty() {
        chart
            .draw_series(DashedLineSeries::new(
                c.frontier.iter().copied(),
                k.px(5.0),
                k.px(4.0),
                rgb(BLACK).stroke_width(k.upx(1.2)),
            ))
            .map_err(e)?;
    }
    if !c.zone_frontier.is_empty() {
        chart
            .draw_series(LineSeries::new(
                c.zone_frontier.iter().copied(),
                rgb(BLACK).stroke_width(k.upx(2.5)),
            ))
            .map_err(e)?;
        chart
            .draw_series(
                c.zone_frontier
                    .iter()
                    .map(|&p| Circle::new(p, k.upx(2.5), rgb(BLACK).filled())),
            )
            .map_err(e)?;
    }

    // Reservations.
    for (r, party, vertical) in [
        (c.x.reservation, &c.x, true),
        (c.y.reservation, &c.y, false),
    ] {
        let Some(r) = r else { continue };
        if !(lo..=hi).contains(&r) {
            continue;
        }
        let pts = if vertical {
            [(r, lo), (r, hi)]
        } else {
            [(lo, r), (hi, r)]
        };
        chart
            .draw_series(DashedLineSeries::new(
                pts,
                k.px(7.0),
                k.px(4.0),
                rgb(party.color).stroke_width(k.upx(2.0)),
            ))
            .map_err(e)?;
    }

    // Drafts: a box for each party's range over open issues, a ring at the centre.
    let mut placed: Vec<(i32, i32, i32, i32)> = Vec::new();
    let label_font = k.font(12.0, BLACK).pos(Pos::new(HPos::Left, VPos::Top));
    let range = |v: [f64; 2]| {
        if v[1] - v[0] > 1e-9 {
            format!("{} to {}", fmt_u(v[0]), fmt_u(v[1]))
        } else {
            fmt_u(v[0])
        }
    };
    let mut labels: Vec<((i32, i32), String)> = Vec::new();
    for d in &c.drafts {
        let (cx, cy) = ((d.x[0] + d.x[1]) / 2.0, (d.y[0] + d.y[1]) / 2.0);
        let partial = d.x[1] - d.x[0] > 1e-9 || d.y[1] - d.y[0] > 1e-9;
        if partial {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(d.x[0], d.y[0]), (d.x[1], d.y[1])],
                    rgb(BLACK).mix(0.5).stroke_width(k.upx(1.0)),
                )))
                .map_err(e)?;
        }
        let at = chart.backend_coord(&(cx, cy));
        let mut tip = format!(
            "Draft {}: {}\n{}: {}\n{}: {}",
            d.id,
            d.title,
            c.x.name,
            range(d.x),
            c.y.name,
            range(d.y)
        );
        if partial {
            tip.push_str("\n(box: each party's range over the issues the draft leaves open)");
        }
        if d.crosses {
            tip.push_str("\ncrosses a red line of one of these two parties");
        }
        draw_mark(root, k, Mark::Ring(BLACK), at, 5.0, Some(tip))?;
        labels.push((at, d.id.clone()));
    }

    // Bargaining solutions (or the closest package when there is no zone); solutions at
    // the same spot share one label.
    let mut groups: Vec<((i32, i32), Vec<&str>)> = Vec::new();
    for s in c.solutions.iter().rev() {
        let m = mark_of(&s.name);
        let at = chart.backend_coord(&(s.x, s.y));
        let tip = format!(
            "{}: {} {}, {} {}",
            s.name,
            c.x.name,
            fmt_u(s.x),
            c.y.name,
            fmt_u(s.y)
        );
        draw_mark(root, k, m, at, 5.5, Some(tip))?;
        match groups
            .iter_mut()
            .find(|(p, _)| (p.0 - at.0).abs() <= k.px(3.0) && (p.1 - at.1).abs() <= k.px(3.0))
        {
            Some((_, names)) => names.push(short(&s.name)),
            None => groups.push((at, vec![short(&s.name)])),
        }
    }
    for (at, mut names) in groups {
        names.reverse();
        labels.push((at, names.join(" = ")));
    }

    // Labels: right of the marker, else below, left, above.
    for (at, text) in labels {
        let label = clip(&text, 30);
        let (w, _) = root.estimate_text_size(&label, &label_font).map_err(e)?;
        let w = i32::try_from(w).unwrap_or(0);
        let h = k.px(14.0);
        let cands = [
            (k.px(8.0), -k.px(18.0)),
            (k.px(8.0), k.px(4.0)),
            (-k.px(8.0) - w, -k.px(18.0)),
            (-k.px(8.0) - w, k.px(4.0)),
        ];
        let pick = cands
            .iter()
            .map(|&(dx, dy)| (at.0 + dx, at.1 + dy))
            .find(|&(x, y)| {
                !placed
                    .iter()
                    .any(|&(a, b, c, d)| x < c && x + w > a && y < d && y + h > b)
            })
            .unwrap_or((at.0 + cands[0].0, at.1 + cands[0].1));
        placed.push((pick.0, pick.1, pick.0 + w, pick.1 + h));
        root.draw(&Text::new(label, pick, label_font.clone()))
            .map_err(e)?;
    }

    let legend = legend_entries(c);
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    draw_legend(root, k, (xr.end + k.px(14.0), yr.start), &legend)?;
    Ok(())
}

/// Occupied cells of a `BINS`×`BINS` grid: lower-left corner and opacity (log of the count).
fn density(points: impl Iterator<Item = (f64, f64)>, lo: f64, hi: f64) -> Vec<(f64, f64, f64)> {
    let mut counts = vec![0u32; BINS * BINS];
    let span = (hi - lo).max(1e-12);
    let cell = |v: f64| {
        let t = ((v - lo) / span * BINS as f64).floor();
        // Clamped to the grid; the cast is exact.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let i = t.clamp(0.0, (BINS - 1) as f64) as usize;
        i
    };
    for (x, y) in points {
        if x.is_finite() && y.is_finite() {
            counts[cell(y) * BINS + cell(x)] += 1;
        }
    }
    let max = counts.iter().copied().max().unwrap_or(0);
    if max == 0 {
        return Vec::new();
    }
    let lmax = f64::from(max).ln_1p();
    let step = span / BINS as f64;
    counts
        .iter()
        .enumerate()
        .filter(|(_, n)| **n > 0)
        .map(|(i, &n)| {
            let (row, col) = (i / BINS, i % BINS);
            let a = 0.12 + 0.68 * f64::from(n).ln_1p() / lmax;
            (
                lo + col as f64 * step,
                lo + row as f64 * step,
                (a * 100.0).round() / 100.0,
            )
        })
        .collect()
}
