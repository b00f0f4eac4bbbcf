//! Point markers and legends shared by the charts, drawn with plotters elements.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle};

use super::{Ctx, rgb};
use crate::error::ReportError;
use crate::palette::{BLACK, Rgb, WHITE};

/// A marker or line sample.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Mark {
    /// A solid line of this width (SVG units).
    Line(Rgb, f64),
    /// A dashed line.
    Dashed(Rgb, f64),
    /// A filled circle.
    Dot(Rgb),
    /// A hollow circle.
    Ring(Rgb),
    /// A hollow circle with a cross.
    Crossed(Rgb),
    /// A filled rectangle with this opacity.
    Swatch(Rgb, f64),
    /// A vertical bar with caps.
    Range(Rgb),
    /// A filled square.
    Square(Rgb),
    /// A filled diamond.
    Diamond(Rgb),
    /// A filled triangle pointing up.
    Up(Rgb),
    /// A filled triangle pointing down.
    Down(Rgb),
}

/// Vertices of a polygon marker around `at`, radius `r` output pixels.
fn polygon(m: Mark, at: (i32, i32), r: i32) -> Vec<(i32, i32)> {
    let v = match m {
        Mark::Diamond(_) => vec![(0, -r - 1), (r + 1, 0), (0, r + 1), (-r - 1, 0)],
        Mark::Up(_) => vec![(0, -r - 1), (r, r - 1), (-r, r - 1)],
        Mark::Down(_) => vec![(0, r + 1), (r, 1 - r), (-r, 1 - r)],
        _ => vec![(-r, -r), (r, -r), (r, r), (-r, r)],
    };
    v.into_iter().map(|(x, y)| (at.0 + x, at.1 + y)).collect()
}

/// Draws a marker centred at `at` (output pixels) with radius `r` (SVG units), and gives
/// it a tooltip when `tip` is set.
pub(crate) fn draw_mark<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    k: &mut Ctx,
    m: Mark,
    at: (i32, i32),
    r: f64,
    tip: Option<String>,
) -> Result<(), ReportError> {
    let e = ReportError::drawing;
    let rp = k.px(r);
    let ru = k.upx(r);
    let stroke = k.upx(2.0);
    match m {
        Mark::Line(c, w) | Mark::Dashed(c, w) => {
            let (x0, x1) = (at.0 - k.px(9.0), at.0 + k.px(9.0));
            let style = rgb(c).stroke_width(k.upx(w));
            if matches!(m, Mark::Line(..)) {
                root.draw(&PathElement::new(vec![(x0, at.1), (x1, at.1)], style))
                    .map_err(e)?;
            } else {
                for (a, b) in [
                    (x0, x0 + k.px(5.0)),
                    (x0 + k.px(8.0), x0 + k.px(13.0)),
                    (x1 - k.px(2.0), x1),
                ] {
                    root.draw(&PathElement::new(vec![(a, at.1), (b, at.1)], style))
                        .map_err(e)?;
                }
            }
        }
        Mark::Dot(c) => {
            root.draw(&Circle::new(at, ru, rgb(c).filled()))
                .map_err(e)?;
            if let Some(t) = tip {
                k.tip_circle(at, ru, t);
            }
        }
        Mark::Ring(c) | Mark::Crossed(c) => {
            root.draw(&Circle::new(at, ru, rgb(WHITE).filled()))
                .map_err(e)?;
            root.draw(&Circle::new(at, ru, rgb(c).stroke_width(stroke)))
                .map_err(e)?;
            if matches!(m, Mark::Crossed(_)) {
                let d = k.px(r * 0.6);
                for (a, b) in [((-d, -d), (d, d)), ((-d, d), (d, -d))] {
                    root.draw(&PathElement::new(
                        vec![(at.0 + a.0, at.1 + a.1), (at.0 + b.0, at.1 + b.1)],
                        rgb(c).stroke_width(stroke),
                    ))
                    .map_err(e)?;
                }
            }
            if let Some(t) = tip {
                k.tip_circle(at, ru, t);
            }
        }
        Mark::Swatch(c, alpha) => {
            let (a, b) = (
                (at.0 - k.px(9.0), at.1 - k.px(5.0)),
                (at.0 + k.px(9.0), at.1 + k.px(5.0)),
            );
            root.draw(&Rectangle::new([a, b], rgb(c).mix(alpha).filled()))
                .map_err(e)?;
        }
        Mark::Range(c) => {
            let h = k.px(7.0);
            let w = k.upx(1.5);
            root.draw(&PathElement::new(
                vec![(at.0, at.1 - h), (at.0, at.1 + h)],
                rgb(c).stroke_width(w),
            ))
            .map_err(e)?;
            for y in [at.1 - h, at.1 + h] {
                root.draw(&PathElement::new(
                    vec![(at.0 - k.px(4.0), y), (at.0 + k.px(4.0), y)],
                    rgb(c).stroke_width(w),
                ))
                .map_err(e)?;
            }
        }
        Mark::Square(c) => {
            let (a, b) = ((at.0 - rp, at.1 - rp), (at.0 + rp, at.1 + rp));
            root.draw(&Rectangle::new([a, b], rgb(c).filled()))
                .map_err(e)?;
            if let Some(t) = tip {
                k.tip_rect(a, b, t);
            }
        }
        Mark::Diamond(c) | Mark::Up(c) | Mark::Down(c) => {
            let pts = polygon(m, at, rp);
            root.draw(&Polygon::new(pts.clone(), rgb(c).filled()))
                .map_err(e)?;
            if let Some(t) = tip {
                k.tip_polygon(&pts, t);
            }
        }
    }
    Ok(())
}

/// Draws a legend box (marker, then label, one entry per line) with its top-left corner
/// at `at` (output pixels).
pub(crate) fn draw_legend<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    k: &mut Ctx,
    at: (i32, i32),
    entries: &[(Mark, String)],
) -> Result<(), ReportError> {
    if entries.is_empty() {
        return Ok(());
    }
    let e = ReportError::drawing;
    let font = k.font(12.0, BLACK);
    let line = k.px(19.0);
    let pad = k.px(7.0);
    let mark_w = k.px(26.0);
    let mut text_w = 0;
    for (_, label) in entries {
        let (w, _) = root.estimate_text_size(label, &font).map_err(e)?;
        text_w = text_w.max(i32::try_from(w).unwrap_or(0));
    }
    let n = i32::try_from(entries.len()).unwrap_or(0);
    let (w, h) = (pad * 2 + mark_w + text_w, pad * 2 + line * n);
    let x0 = at.0;
    root.draw(&Rectangle::new(
        [(x0, at.1), (x0 + w, at.1 + h)],
        rgb(WHITE).mix(0.88).filled(),
    ))
    .map_err(e)?;
    root.draw(&Rectangle::new(
        [(x0, at.1), (x0 + w, at.1 + h)],
        rgb(Rgb(0xcc, 0xcc, 0xcc)).stroke_width(1),
    ))
    .map_err(e)?;
    for (i, (mark, label)) in entries.iter().enumerate() {
        let y = at.1 + pad + line * i32::try_from(i).unwrap_or(0) + line / 2;
        draw_mark(
            root,
            k,
            *mark,
            (x0 + pad + mark_w / 2 - k.px(2.0), y),
            4.5,
            None,
        )?;
        root.draw(&Text::new(
            label.clone(),
            (x0 + pad + mark_w, y),
            font.clone().pos(Pos::new(HPos::Left, VPos::Center)),
        ))
        .map_err(e)?;
    }
    Ok(())
}

/// Width of a legend box in SVG units (text measured with the embedded font).
pub(crate) fn legend_width(entries: &[(Mark, String)]) -> f64 {
    let font = FontDesc::new(FontFamily::SansSerif, 12.0 * 1.24, FontStyle::Normal);
    let text = entries
        .iter()
        .map(|(_, l)| font.box_size(l).map_or(0, |(w, _)| w))
        .max()
        .unwrap_or(0);
    2.0 * 7.0 + 26.0 + f64::from(text)
}
