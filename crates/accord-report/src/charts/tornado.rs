//! Tornado chart: the swing of an output as each input goes from low to high.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle};

use super::marks::{Mark, draw_legend, legend_width};
use super::{Ctx, clip, fmt_u, rgb};
use crate::data::{Tornado, TornadoRow};
use crate::error::ReportError;
use crate::palette::{BLACK, GREY, Rgb, WHITE};

/// Bar colours: input at its low end, at its high end (neutral greys, so that no party
/// colour is reused for something else).
const LOW: Rgb = Rgb(0xa6, 0xa6, 0xa6);
const HIGH: Rgb = Rgb(0x40, 0x40, 0x40);
const ROW_H: u32 = 30;

fn legend_entries(c: &Tornado) -> Vec<(Mark, String)> {
    vec![
        (Mark::Range(BLACK), format!("base {}", fmt_u(c.base))),
        (Mark::Swatch(LOW, 1.0), "input at its low end".to_string()),
        (Mark::Swatch(HIGH, 1.0), "input at its high end".to_string()),
    ]
}

/// Width of the row labels (SVG units), measured with the embedded font.
fn label_width(c: &Tornado) -> f64 {
    let font = FontDesc::new(FontFamily::SansSerif, 12.0 * 1.24, FontStyle::Normal);
    let w = c
        .rows
        .iter()
        .map(|r| font.box_size(&clip(&r.label, 48)).map_or(0, |(w, _)| w))
        .max()
        .unwrap_or(0);
    (f64::from(w) + 24.0).clamp(80.0, 420.0)
}

pub(super) fn size(c: &Tornado) -> (u32, u32) {
    let rows = u32::try_from(c.rows.len().max(1)).unwrap_or(u32::MAX);
    // A thousand pixels or so; the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let w = (540.0 + label_width(c) + legend_width(&legend_entries(c)) + 28.0).round() as u32;
    (w, rows.saturating_mul(ROW_H).saturating_add(130))
}

/// Rows sorted by swing, widest first (ties: input order).
pub(crate) fn sorted(rows: &[TornadoRow]) -> Vec<&TornadoRow> {
    let mut v: Vec<&TornadoRow> = rows.iter().collect();
    v.sort_by(|a, b| (b.high - b.low).abs().total_cmp(&(a.high - a.low).abs()));
    v
}

pub(super) fn draw<DB: DrawingBackend>(
    c: &Tornado,
    root: &DrawingArea<DB, Shift>,
    k: &mut Ctx,
) -> Result<(), ReportError> {
    let e = ReportError::drawing;
    let rows = sorted(&c.rows);
    let vals = rows
        .iter()
        .flat_map(|r| [r.low, r.high])
        .chain([c.base])
        .filter(|v| v.is_finite());
    let (lo, hi) = vals.fold((f64::INFINITY, f64::NEG_INFINITY), |(l, h), v| {
        (l.min(v), h.max(v))
    });
    let (lo, hi) = if lo.is_finite() && hi > lo {
        let pad = (hi - lo) * 0.12;
        (lo - pad, hi + pad)
    } else {
        (c.base - 1.0, c.base + 1.0)
    };
    #[allow(clippy::cast_precision_loss)]
    let n = rows.len().max(1) as f64;
    let mut chart = ChartBuilder::on(root)
        .caption(&c.title, k.font(17.0, BLACK))
        .margin(k.px(14.0))
        .margin_right(k.px(legend_width(&legend_entries(c)) + 28.0))
        .x_label_area_size(k.px(44.0))
        .y_label_area_size(k.px(label_width(c)))
        .build_cartesian_2d(lo..hi, -0.5..n - 0.5)
        .map_err(e)?;
    chart
        .configure_mesh()
        .disable_y_mesh()
        .y_labels(0)
        .x_labels(7)
        .x_desc(c.output.clone())
        .x_label_formatter(&|v| fmt_u(*v))
        .axis_desc_style(k.font(13.0, BLACK))
        .label_style(k.font(12.0, Rgb(0x44, 0x44, 0x44)))
        .bold_line_style(rgb(Rgb(0xe6, 0xe6, 0xe6)).stroke_width(1))
        .light_line_style(rgb(WHITE).mix(0.0))
        .axis_style(rgb(GREY).stroke_width(1))
        .draw()
        .map_err(e)?;
    let half = 0.32;
    for (i, r) in rows.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let y = n - 1.0 - i as f64;
        for (v, col) in [(r.low, LOW), (r.high, HIGH)] {
            if !v.is_finite() {
                continue;
            }
            let (a, b) = (c.base.min(v), c.base.max(v));
            let ul = chart.backend_coord(&(a, y + half));
            let br = chart.backend_coord(&(b, y - half));
            root.draw(&Rectangle::new([ul, br], rgb(col).filled()))
                .map_err(e)?;
            k.tip_rect(
                ul,
                br,
                format!(
                    "{}: {} at the {} end of the input (base {})",
                    r.label,
                    fmt_u(v),
                    if col == LOW { "low" } else { "high" },
                    fmt_u(c.base)
                ),
            );
        }
        let (bx, by) = chart.backend_coord(&(lo, y));
        root.draw(&Text::new(
            clip(&r.label, 48),
            (bx - k.px(10.0), by),
            k.font(12.0, BLACK).pos(Pos::new(HPos::Right, VPos::Center)),
        ))
        .map_err(e)?;
    }
    chart
        .draw_series(std::iter::once(PathElement::new(
            vec![(c.base, -0.5), (c.base, n - 0.5)],
            rgb(BLACK).stroke_width(k.upx(1.5)),
        )))
        .map_err(e)?;
    let (xr, yr) = chart.plotting_area().get_pixel_range();
    draw_legend(root, k, (xr.end + k.px(14.0), yr.start), &legend_entries(c))?;
    Ok(())
}
