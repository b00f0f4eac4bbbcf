//! Option values per party: issues and options down, parties across.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::{Ctx, clip, fmt_u, rgb};
use crate::data::Heatmap;
use crate::error::ReportError;
use crate::palette::{BLACK, GREY, Rgb, viridis};

const MARGIN: f64 = 14.0;
const TITLE_H: f64 = 40.0;
const HEADER_H: f64 = 40.0;
const LABEL_W: f64 = 280.0;
const COL_W: f64 = 104.0;
const GROUP_H: f64 = 24.0;
const ROW_H: f64 = 19.0;
const LEGEND_H: f64 = 64.0;

fn to_u32(v: f64) -> u32 {
    // Chart sizes are small and positive.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let u = v.round().max(1.0) as u32;
    u
}

pub(super) fn size(c: &Heatmap) -> (u32, u32) {
    #[allow(clippy::cast_precision_loss)]
    let w = 2.0 * MARGIN + LABEL_W + c.columns.len() as f64 * COL_W;
    #[allow(clippy::cast_precision_loss)]
    let rows: f64 = c
        .groups
        .iter()
        .map(|g| GROUP_H + g.rows.len() as f64 * ROW_H)
        .sum();
    (
        to_u32(w.max(560.0)),
        to_u32(TITLE_H + HEADER_H + rows + LEGEND_H),
    )
}

pub(super) fn draw<DB: DrawingBackend>(
    c: &Heatmap,
    root: &DrawingArea<DB, Shift>,
    k: &mut Ctx,
) -> Result<(), ReportError> {
    let e = ReportError::drawing;
    let scale = k.scale();
    // Chart geometry is small; the cast cannot overflow.
    #[allow(clippy::cast_possible_truncation)]
    let px = move |v: f64| (v * scale).round() as i32;
    let left = Pos::new(HPos::Left, VPos::Center);
    let center = Pos::new(HPos::Center, VPos::Center);
    root.draw(&Text::new(
        c.title.clone(),
        (px(MARGIN), px(MARGIN)),
        k.font(17.0, BLACK).pos(Pos::new(HPos::Left, VPos::Top)),
    ))
    .map_err(e)?;

    let x0 = MARGIN + LABEL_W;
    #[allow(clippy::cast_precision_loss)]
    let col_x = |j: usize| x0 + j as f64 * COL_W;
    // Column headers: party names over a bar in the party's colour.
    let hy = TITLE_H;
    for (j, p) in c.columns.iter().enumerate() {
        let cx = col_x(j) + COL_W / 2.0;
        let lines = wrap2(&p.name, 15);
        #[allow(clippy::cast_precision_loss)]
        let top = hy + 21.0 - 6.5 * lines.len() as f64;
        for (li, line) in lines.into_iter().enumerate() {
            #[allow(clippy::cast_precision_loss)]
            let ly = top + 13.0 * li as f64;
            root.draw(&Text::new(
                line,
                (px(cx), px(ly)),
                k.font(12.0, BLACK).pos(center),
            ))
            .map_err(e)?;
        }
        root.draw(&Rectangle::new(
            [
                (px(col_x(j) + 4.0), px(hy + 30.0)),
                (px(col_x(j) + COL_W - 4.0), px(hy + 35.0)),
            ],
            rgb(p.color).filled(),
        ))
        .map_err(e)?;
    }

    let wmax = c
        .groups
        .iter()
        .flat_map(|g| g.weights.iter().flatten().copied())
        .fold(0.0f64, f64::max);
    let (lo, hi) = c.range;
    let norm = |v: f64| if hi > lo { (v - lo) / (hi - lo) } else { 0.5 };
    let mut y = TITLE_H + HEADER_H;
    for g in &c.groups {
        // Issue header: its name, and each party's weight as a number over a bar.
        let mut name = clip(&g.issue, 44);
        if g.omitted > 0 {
            name = format!(
                "{} ({} of {} points)",
                clip(&g.issue, 30),
                g.rows.len(),
                g.rows.len() + g.omitted
            );
        }
        root.draw(&Rectangle::new(
            [
                (px(MARGIN), px(y)),
                (px(col_x(c.columns.len())), px(y + GROUP_H - 1.0)),
            ],
            rgb(Rgb(0xf5, 0xf5, 0xf5)).filled(),
        ))
        .map_err(e)?;
        root.draw(&Text::new(
            name,
            (px(MARGIN + 4.0), px(y + GROUP_H / 2.0)),
            k.font(12.5, BLACK).pos(left),
        ))
        .map_err(e)?;
        for (j, w) in g.weights.iter().enumerate() {
            let Some(w) = w else { continue };
            let cx = col_x(j) + COL_W / 2.0;
            root.draw(&Text::new(
                format!("weight {}", fmt_u(*w)),
                (px(cx), px(y + 9.0)),
                k.font(11.0, Rgb(0x55, 0x55, 0x55)).pos(center),
            ))
            .map_err(e)?;
            let bw = if wmax > 0.0 {
                (COL_W - 16.0) * w / wmax
            } else {
                0.0
            };
            if bw > 0.5 {
                root.draw(&Rectangle::new(
                    [
                        (px(col_x(j) + 8.0), px(y + 17.0)),
                        (px(col_x(j) + 8.0 + bw), px(y + 21.0)),
                    ],
                    rgb(c.columns[j].color).filled(),
                ))
                .map_err(e)?;
            }
        }
        y += GROUP_H;
        for row in &g.rows {
            root.draw(&Text::new(
                clip(&row.label, 42),
                (px(MARGIN + 14.0), px(y + ROW_H / 2.0)),
                k.font(11.0, Rgb(0x33, 0x33, 0x33)).pos(left),
            ))
            .map_err(e)?;
            for (j, v) in row.values.iter().enumerate() {
                let Some(v) = *v else { continue };
                let fill = viridis(norm(v));
                let a = (px(col_x(j) + 1.0), px(y + 1.0));
                let b = (px(col_x(j) + COL_W - 1.0), px(y + ROW_H - 1.0));
                root.draw(&Rectangle::new([a, b], rgb(fill).filled()))
                    .map_err(e)?;
                let forbidden = row.red_line.get(j).copied().unwrap_or(false);
                let text = if forbidden {
                    format!("✕ {}", fmt_u(v))
                } else {
                    fmt_u(v)
                };
                if forbidden {
                    root.draw(&Rectangle::new([a, b], rgb(BLACK).stroke_width(k.upx(2.0))))
                        .map_err(e)?;
                }
                root.draw(&Text::new(
                    text,
                    (px(col_x(j) + COL_W / 2.0), px(y + ROW_H / 2.0)),
                    k.font(11.0, fill.text_on()).pos(center),
                ))
                .map_err(e)?;
                let mut tip = format!(
                    "{}: {} = {}: value {}",
                    c.columns[j].name,
                    g.issue,
                    row.label,
                    fmt_u(v)
                );
                if let Some(Some(w)) = g.weights.get(j) {
                    tip.push_str(&format!(" (issue weight {})", fmt_u(*w)));
                }
                if forbidden {
                    tip.push_str("; forbidden by a red line");
                }
                k.tip_rect(a, b, tip);
            }
            y += ROW_H;
        }
    }

    // Legend: the colour scale and the marks.
    let ly = y + 18.0;
    let sw = 22.0;
    root.draw(&Text::new(
        "value",
        (px(MARGIN), px(ly + 8.0)),
        k.font(11.0, BLACK).pos(left),
    ))
    .map_err(e)?;
    let gx = MARGIN + 44.0;
    for i in 0..10 {
        let t = f64::from(i) / 9.0;
        let xa = gx + f64::from(i) * sw;
        root.draw(&Rectangle::new(
            [(px(xa), px(ly)), (px(xa + sw), px(ly + 16.0))],
            rgb(viridis(t)).filled(),
        ))
        .map_err(e)?;
    }
    let below = Pos::new(HPos::Center, VPos::Top);
    root.draw(&Text::new(
        fmt_u(lo),
        (px(gx), px(ly + 19.0)),
        k.font(11.0, GREY).pos(below),
    ))
    .map_err(e)?;
    root.draw(&Text::new(
        fmt_u(hi),
        (px(gx + 10.0 * sw), px(ly + 19.0)),
        k.font(11.0, GREY).pos(below),
    ))
    .map_err(e)?;
    root.draw(&Text::new(
        "✕ forbidden by a red line of the party",
        (px(gx + 10.0 * sw + 24.0), px(ly + 1.0)),
        k.font(11.0, BLACK).pos(left),
    ))
    .map_err(e)?;
    root.draw(&Text::new(
        "bar under the weight: the issue's weight",
        (px(gx + 10.0 * sw + 24.0), px(ly + 17.0)),
        k.font(11.0, BLACK).pos(left),
    ))
    .map_err(e)?;
    Ok(())
}

/// A name on one line, or two lines split at the space nearest the middle.
fn wrap2(name: &str, width: usize) -> Vec<String> {
    if name.chars().count() <= width {
        return vec![name.to_string()];
    }
    let mid = name.chars().count() / 2;
    let split = name
        .char_indices()
        .filter(|(_, c)| *c == ' ')
        .map(|(i, _)| i)
        .min_by_key(|&i| name[..i].chars().count().abs_diff(mid));
    match split {
        Some(i) => vec![clip(&name[..i], width), clip(name[i..].trim_start(), width)],
        None => vec![clip(name, width)],
    }
}
