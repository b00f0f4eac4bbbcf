//! Every party's utility in every draft: drafts across, one line per party.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::marks::{Mark, draw_legend, draw_mark, legend_width};
use super::{Ctx, clip, fmt_u, rgb};
use crate::data::DraftsChart;
use crate::error::ReportError;
use crate::palette::{BLACK, GREY, Rgb, WHITE};

pub(super) fn size(c: &DraftsChart) -> (u32, u32) {
    #[allow(clippy::cast_precision_loss)]
    let plot = (c.drafts.len() as f64 * 150.0 + 110.0).clamp(420.0, 900.0);
    let w = plot + 14.0 + legend_width(&legend_entries(c)) + 14.0;
    // A thousand pixels or so; the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (w.round() as u32, 460)
}

fn legend_entries(c: &DraftsChart) -> Vec<(Mark, String)> {
    let mut legend: Vec<(Mark, String)> = c
        .parties
        .iter()
        .map(|p| (Mark::Line(p.party.color, 2.5), clip(&p.party.name, 26)))
        .collect();
    legend.extend([
        (Mark::Dot(BLACK), "acceptable".to_string()),
        (Mark::Ring(BLACK), "depends on open issues".to_string()),
        (Mark::Crossed(BLACK), "not acceptable".to_string()),
        (Mark::Range(BLACK), "range over open issues".to_string()),
        (Mark::Dashed(GREY, 1.0), "reservation".to_string()),
    ]);
    legend
}

pub(super) fn draw<DB: DrawingBackend>(
    c: &DraftsChart,
    root: &DrawingArea<DB, Shift>,
    k: &mut Ctx,
) -> Result<(), ReportError> {
    let e = ReportError::drawing;
    let n = c.drafts.len();
    let (lo, hi) = c.range;
    #[allow(clippy::cast_precision_loss)]
    let xmax = n as f64 - 0.5;
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, k.font(17.0, BLACK))
        .margin(k.px(14.0))
        .margin_right(k.px(14.0 + legend_width(&legend_entries(c)) + 14.0))
        .x_label_area_size(k.px(48.0))
        .y_label_area_size(k.px(52.0))
        .build_cartesian_2d(-0.5..xmax, lo..hi)
        .map_err(e)?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_desc("Utility")
        .axis_desc_style(k.font(13.0, BLACK))
        .label_style(k.font(12.0, Rgb(0x44, 0x44, 0x44)))
        .bold_line_style(rgb(Rgb(0xe6, 0xe6, 0xe6)).stroke_width(1))
        .light_line_style(rgb(WHITE).mix(0.0))
        .axis_style(rgb(GREY).stroke_width(1))
        .y_labels(6)
        .y_label_formatter(&|v| fmt_u(*v))
        .draw()
        .map_err(e)?;

    // Draft names under the axis.
    for (i, d) in c.drafts.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let (x, y) = chart.backend_coord(&(i as f64, lo));
        let top = Pos::new(HPos::Center, VPos::Top);
        root.draw(&Text::new(
            clip(&d.id, 22),
            (x, y + k.px(8.0)),
            k.font(12.0, BLACK).pos(top),
        ))
        .map_err(e)?;
        let sub = if d.date.is_empty() {
            d.status.replace('_', " ")
        } else {
            format!("{} · {}", d.date, d.status.replace('_', " "))
        };
        root.draw(&Text::new(
            sub,
            (x, y + k.px(25.0)),
            k.font(11.0, GREY).pos(top),
        ))
        .map_err(e)?;
    }

    let np = c.parties.len();
    #[allow(clippy::cast_precision_loss)]
    let dodge = |pi: usize| (pi as f64 - (np as f64 - 1.0) / 2.0) * (0.32 / np.max(1) as f64);
    let w = k.upx(2.5);
    for (pi, series) in c.parties.iter().enumerate() {
        let col = rgb(series.party.color);
        // Reservation: a thin dashed line in the party's colour.
        if let Some(r) = series.party.reservation
            && (lo..=hi).contains(&r)
        {
            chart
                .draw_series(DashedLineSeries::new(
                    [(-0.5, r), (xmax, r)],
                    k.px(3.0),
                    k.px(5.0),
                    col.mix(0.7).stroke_width(k.upx(1.0)),
                ))
                .map_err(e)?;
        }
        #[allow(clippy::cast_precision_loss)]
        let pts: Vec<(f64, f64)> = series
            .values
            .iter()
            .enumerate()
            .filter_map(|(i, v)| {
                v.as_ref()
                    .map(|v| (i as f64 + dodge(pi), (v.min + v.max) / 2.0))
            })
            .collect();
        chart
            .draw_series(LineSeries::new(pts, col.stroke_width(w)))
            .map_err(e)?;
    }
    // Ranges and markers on top of every line.
    for (pi, series) in c.parties.iter().enumerate() {
        let col = rgb(series.party.color);
        for (i, v) in series.values.iter().enumerate() {
            let Some(v) = v else { continue };
            #[allow(clippy::cast_precision_loss)]
            let x = i as f64 + dodge(pi);
            let mid = (v.min + v.max) / 2.0;
            if v.max - v.min > 1e-9 {
                chart
                    .draw_series(LineSeries::new(
                        [(x, v.min), (x, v.max)],
                        col.stroke_width(k.upx(1.5)),
                    ))
                    .map_err(e)?;
                let cap = k.px(4.0);
                for y in [v.min, v.max] {
                    let (bx, by) = chart.backend_coord(&(x, y));
                    root.draw(&PathElement::new(
                        vec![(bx - cap, by), (bx + cap, by)],
                        col.stroke_width(k.upx(1.5)),
                    ))
                    .map_err(e)?;
                }
            }
            let at = chart.backend_coord(&(x, mid));
            let value = if v.max - v.min > 1e-9 {
                format!("{} to {}", fmt_u(v.min), fmt_u(v.max))
            } else {
                fmt_u(v.min)
            };
            let (mark, acc) = match v.acceptable.as_str() {
                "yes" => (Mark::Dot(series.party.color), "acceptable".to_string()),
                "no" if v.red_lines_crossed > 0 => (
                    Mark::Crossed(series.party.color),
                    format!(
                        "not acceptable: crosses {} red line{}",
                        v.red_lines_crossed,
                        if v.red_lines_crossed == 1 { "" } else { "s" }
                    ),
                ),
                "no" => (
                    Mark::Crossed(series.party.color),
                    "not acceptable: below its reservation".to_string(),
                ),
                _ => (
                    Mark::Ring(series.party.color),
                    "acceptable or not depending on the open issues".to_string(),
                ),
            };
            let res = series
                .party
                .reservation
                .map(|x| format!(" (reservation {})", fmt_u(x)))
                .unwrap_or_default();
            let tip = format!(
                "{} in {}: {value}{res}; {acc}",
                series.party.name, c.drafts[i].id
            );
            draw_mark(root, k, mark, at, 5.0, Some(tip))?;
        }
    }

    let legend = legend_entries(c);
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    draw_legend(root, k, (xr.end + k.px(14.0), yr.start), &legend)?;
    Ok(())
}
