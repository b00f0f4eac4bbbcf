//! Events and drafts over time: one lane per party, drafts on top.

use std::collections::HashMap;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Ctx, clip, rgb};
use crate::data::{ItemKind, Timeline};
use crate::dates::short_label;
use crate::error::ReportError;
use crate::palette::{BLACK, GREY, Rgb};

/// Height of a lane (SVG units).
const LANE_H: f64 = 40.0;
/// Vertical distance between drafts of the same day, and between other same-day marks.
const DRAFT_STEP: f64 = 16.0;
const STEP: f64 = 9.0;

/// Height of each lane in units of `LANE_H`: the drafts lane grows to stack same-day drafts.
fn lane_units(c: &Timeline) -> Vec<f64> {
    let mut per_day: HashMap<i64, usize> = HashMap::new();
    for it in c.items.iter().filter(|i| i.kind == ItemKind::Draft) {
        *per_day.entry(it.day).or_default() += 1;
    }
    let most = per_day.values().copied().max().unwrap_or(1);
    #[allow(clippy::cast_precision_loss)]
    let drafts = ((most as f64 * DRAFT_STEP + 16.0) / LANE_H).max(1.0);
    (0..c.lanes.len())
        .map(|i| if i == 0 { drafts } else { 1.0 })
        .collect()
}

pub(super) fn size(c: &Timeline) -> (u32, u32) {
    let h = lane_units(c).iter().sum::<f64>() * LANE_H + 120.0;
    // A few hundred pixels; the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    (980, h.round() as u32)
}

pub(super) fn draw<DB: DrawingBackend>(
    c: &Timeline,
    root: &DrawingArea<DB, Shift>,
    k: &mut Ctx,
) -> Result<(), ReportError> {
    let e = ReportError::drawing;
    let first = c.items.iter().map(|i| i.day).min().unwrap_or(0);
    let last = c.items.iter().map(|i| i.day).max().unwrap_or(0);
    #[allow(clippy::cast_precision_loss)]
    let (x0, x1) = {
        let span = (last - first).max(1) as f64;
        let pad = (span * 0.03).max(1.0);
        (first as f64 - pad, last as f64 + pad)
    };
    let long_span = last - first > 120;
    #[allow(clippy::cast_precision_loss)]
    let units = lane_units(c);
    let ytop: f64 = units.iter().sum();
    // Centre and height of each lane, top to bottom.
    let lanes: Vec<(f64, f64)> = units
        .iter()
        .scan(ytop, |top, &h| {
            let centre = *top - h / 2.0;
            *top -= h;
            Some((centre, h))
        })
        .collect();
    let lane_y = |i: usize| lanes.get(i).map_or(0.0, |l| l.0);
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, k.font(17.0, BLACK))
        .margin(k.px(14.0))
        .margin_right(k.px(90.0))
        .x_label_area_size(k.px(34.0))
        .y_label_area_size(k.px(170.0))
        .build_cartesian_2d(x0..x1, 0.0..ytop)
        .map_err(e)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(9)
        .x_label_formatter(&|v| {
            // Day numbers are small; the cast cannot overflow.
            #[allow(clippy::cast_possible_truncation)]
            let d = v.round() as i64;
            short_label(d, long_span)
        })
        .label_style(k.font(12.0, Rgb(0x44, 0x44, 0x44)))
        .bold_line_style(rgb(Rgb(0xea, 0xea, 0xea)).stroke_width(1))
        .light_line_style(rgb(crate::palette::WHITE).mix(0.0))
        .axis_style(rgb(GREY).stroke_width(1))
        .draw()
        .map_err(e)?;

    // Lane bands and labels.
    for (i, lane) in c.lanes.iter().enumerate() {
        let (y, hgt) = lanes[i];
        if i % 2 == 0 {
            chart
                .draw_series(std::iter::once(Rectangle::new(
                    [(x0, y - hgt / 2.0), (x1, y + hgt / 2.0)],
                    rgb(Rgb(0xf7, 0xf7, 0xf7)).filled(),
                )))
                .map_err(e)?;
        }
        let (bx, by) = chart.backend_coord(&(x0, y));
        root.draw(&Rectangle::new(
            [
                (bx - k.px(166.0), by - k.px(6.0)),
                (bx - k.px(160.0), by + k.px(6.0)),
            ],
            rgb(lane.color).filled(),
        ))
        .map_err(e)?;
        root.draw(&Text::new(
            clip(&lane.label, 22),
            (bx - k.px(154.0), by),
            k.font(12.0, BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(e)?;
    }

    // Stack items that share a lane and a day.
    let mut total: HashMap<(usize, i64), usize> = HashMap::new();
    for it in &c.items {
        for &l in &it.lanes {
            *total.entry((l, it.day)).or_default() += 1;
        }
    }
    let mut seen: HashMap<(usize, i64), usize> = HashMap::new();
    let (step, cap) = (k.px(STEP), k.px(16.0));
    let draft_step = k.px(DRAFT_STEP);
    let offsets: Vec<Vec<i32>> = c
        .items
        .iter()
        .map(|it| {
            it.lanes
                .iter()
                .map(|&lane| {
                    let n = total.get(&(lane, it.day)).copied().unwrap_or(1);
                    let idx = seen.entry((lane, it.day)).or_default();
                    let i = *idx;
                    *idx += 1;
                    // A handful per day at most; the casts cannot overflow.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_possible_wrap)]
                    let twice = 2 * i as i32 - (n as i32 - 1);
                    if lane == 0 {
                        twice * draft_step / 2
                    } else {
                        (twice * step / 2).clamp(-cap, cap)
                    }
                })
                .collect()
        })
        .collect();

    // Draft dates: a faint line through every lane.
    for it in c.items.iter().filter(|i| i.kind == ItemKind::Draft) {
        #[allow(clippy::cast_precision_loss)]
        let x = it.day as f64;
        chart
            .draw_series(DashedLineSeries::new(
                [(x, 0.0), (x, ytop)],
                k.px(3.0),
                k.px(4.0),
                rgb(Rgb(0xbb, 0xbb, 0xbb)).stroke_width(1),
            ))
            .map_err(e)?;
    }

    let r = k.upx(5.0);
    let d = k.px(6.0);
    for (it, offs) in c.items.iter().zip(&offsets) {
        #[allow(clippy::cast_precision_loss)]
        let x = it.day as f64;
        let pts: Vec<(i32, i32, usize)> = it
            .lanes
            .iter()
            .zip(offs)
            .map(|(&l, &off)| {
                let (bx, by) = chart.backend_coord(&(x, lane_y(l)));
                (bx, by + off, l)
            })
            .collect();
        if pts.len() > 1 {
            let ys = pts.iter().map(|p| p.1);
            let (top, bottom) = (ys.clone().min().unwrap_or(0), ys.max().unwrap_or(0));
            root.draw(&PathElement::new(
                vec![(pts[0].0, top), (pts[0].0, bottom)],
                rgb(GREY).mix(0.6).stroke_width(k.upx(1.5)),
            ))
            .map_err(e)?;
        }
        for &(bx, by, l) in &pts {
            match it.kind {
                ItemKind::Event => {
                    let col = rgb(c.lanes[l].color);
                    root.draw(&Circle::new((bx, by), r, col.filled()))
                        .map_err(e)?;
                    k.tip_circle((bx, by), r, it.detail.clone());
                }
                ItemKind::Draft => {
                    let poly = vec![(bx, by - d), (bx + d, by), (bx, by + d), (bx - d, by)];
                    root.draw(&Polygon::new(poly.clone(), rgb(BLACK).filled()))
                        .map_err(e)?;
                    k.tip_polygon(&poly, format!("Draft {}: {}", it.label, it.detail));
                    // Label to the right of the diamond.
                    root.draw(&Text::new(
                        clip(&it.label, 20),
                        (bx + d + k.px(4.0), by),
                        k.font(11.0, BLACK).pos(Pos::new(HPos::Left, VPos::Center)),
                    ))
                    .map_err(e)?;
                }
            }
        }
    }
    Ok(())
}
