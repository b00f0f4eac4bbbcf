//! Drawing the charts with plotters: SVG for the report, PNG for slides.
//!
//! Every chart is drawn by one generic function over plotters' `DrawingBackend`, so the
//! SVG and the PNG show the same thing. The PNG is drawn at twice the size with the
//! embedded DejaVu Sans font (through `ab_glyph`), so it looks the same on every machine.
//! The SVG gets tooltips afterwards: plotters writes one element per line, and the
//! elements that carry a tooltip are found by their exact position and given a `<title>`.

mod drafts;
mod heatmap;
mod marks;
mod space;
mod timeline;
mod tornado;

use std::collections::HashMap;
use std::sync::OnceLock;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::{FontStyle, RGBColor, TextStyle};

use crate::data::{DraftsChart, Heatmap, Timeline, Tornado, UtilitySpace};
use crate::error::ReportError;
use crate::html::escape;
use crate::palette::Rgb;

/// DejaVu Sans 2.37 (Bitstream Vera licence, see `assets/DejaVuSans-LICENSE.txt`).
static FONT: &[u8] = include_bytes!("../../assets/DejaVuSans.ttf");

/// Registers the embedded font with plotters once; every chart calls it first.
fn ensure_fonts() -> Result<(), ReportError> {
    static DONE: OnceLock<Result<(), String>> = OnceLock::new();
    DONE.get_or_init(|| {
        for family in ["sans-serif", "serif", "monospace"] {
            plotters::style::register_font(family, FontStyle::Normal, FONT)
                .map_err(|_| "the embedded font does not load".to_string())?;
        }
        Ok(())
    })
    .clone()
    .map_err(ReportError::Drawing)
}

/// Any chart this crate draws.
#[derive(Debug, Clone, PartialEq)]
#[allow(clippy::large_enum_variant)] // a handful of charts per run; boxing buys nothing
pub enum Chart {
    /// Two parties' utilities over the packages.
    UtilitySpace(UtilitySpace),
    /// Every party's score of every draft.
    Drafts(DraftsChart),
    /// Option values per party.
    Heatmap(Heatmap),
    /// Events and drafts over time.
    Timeline(Timeline),
    /// Sensitivity of an output to its inputs.
    Tornado(Tornado),
}

/// Size of PNG pixels relative to SVG units.
pub const PNG_SCALE: f64 = 2.0;

impl Chart {
    /// The chart's title.
    pub fn title(&self) -> &str {
        match self {
            Chart::UtilitySpace(c) => &c.title,
            Chart::Drafts(c) => &c.title,
            Chart::Heatmap(c) => &c.title,
            Chart::Timeline(c) => &c.title,
            Chart::Tornado(c) => &c.title,
        }
    }

    /// Width and height in SVG units (CSS pixels).
    pub fn size(&self) -> (u32, u32) {
        // Legends are measured with the embedded font. If it failed to load, drawing
        // reports the error; the size is then only an estimate.
        let _ = ensure_fonts();
        match self {
            Chart::UtilitySpace(c) => space::size(c),
            Chart::Drafts(c) => drafts::size(c),
            Chart::Heatmap(c) => heatmap::size(c),
            Chart::Timeline(c) => timeline::size(c),
            Chart::Tornado(c) => tornado::size(c),
        }
    }

    fn draw<DB: DrawingBackend>(
        &self,
        root: &DrawingArea<DB, Shift>,
        k: &mut Ctx,
    ) -> Result<(), ReportError> {
        root.fill(&WHITE).map_err(ReportError::drawing)?;
        match self {
            Chart::UtilitySpace(c) => space::draw(c, root, k),
            Chart::Drafts(c) => drafts::draw(c, root, k),
            Chart::Heatmap(c) => heatmap::draw(c, root, k),
            Chart::Timeline(c) => timeline::draw(c, root, k),
            Chart::Tornado(c) => tornado::draw(c, root, k),
        }
    }

    /// The chart as a standalone SVG document (also embeddable in HTML), with tooltips.
    pub fn svg(&self) -> Result<String, ReportError> {
        ensure_fonts()?;
        let (w, h) = self.size();
        let mut buf = String::new();
        let mut k = Ctx::new(1.0);
        {
            let root = SVGBackend::with_string(&mut buf, (w, h)).into_drawing_area();
            self.draw(&root, &mut k)?;
            root.present().map_err(ReportError::drawing)?;
        }
        Ok(finish_svg(&buf, self.title(), &k.tips))
    }

    /// The chart as a PNG image, drawn at [`PNG_SCALE`] times the SVG size.
    pub fn png(&self) -> Result<Vec<u8>, ReportError> {
        ensure_fonts()?;
        let (w, h) = self.size();
        let (pw, ph) = (scaled(w), scaled(h));
        let mut rgb = vec![255u8; pw as usize * ph as usize * 3];
        let mut k = Ctx::new(PNG_SCALE);
        {
            let root = BitMapBackend::with_buffer(&mut rgb, (pw, ph)).into_drawing_area();
            self.draw(&root, &mut k)?;
            root.present().map_err(ReportError::drawing)?;
        }
        encode_png(&rgb, pw, ph)
    }
}

fn scaled(v: u32) -> u32 {
    // Chart sizes are a few thousand pixels at most.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let s = (f64::from(v) * PNG_SCALE).round() as u32;
    s
}

fn encode_png(rgb: &[u8], w: u32, h: u32) -> Result<Vec<u8>, ReportError> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        let mut writer = enc.write_header().map_err(ReportError::drawing)?;
        writer.write_image_data(rgb).map_err(ReportError::drawing)?;
        writer.finish().map_err(ReportError::drawing)?;
    }
    Ok(out)
}

/// How a tooltip finds its element in plotters' SVG output (one element per line).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum TipKey {
    /// The line starts with this text.
    Prefix(String),
    /// The line is a polygon with exactly these points.
    Polygon(String),
}

/// Drawing state: the pixel scale and the tooltips collected for the SVG.
pub(crate) struct Ctx {
    scale: f64,
    tips: Vec<(TipKey, String)>,
}

impl Ctx {
    fn new(scale: f64) -> Self {
        Ctx {
            scale,
            tips: Vec::new(),
        }
    }

    /// A length in output pixels.
    pub(crate) fn px(&self, v: f64) -> i32 {
        // Chart geometry is small; the cast cannot overflow.
        #[allow(clippy::cast_possible_truncation)]
        let p = (v * self.scale).round() as i32;
        p
    }

    /// The scale (output pixels per SVG unit).
    pub(crate) fn scale(&self) -> f64 {
        self.scale
    }

    /// A non-negative length in output pixels.
    pub(crate) fn upx(&self, v: f64) -> u32 {
        u32::try_from(self.px(v).max(0)).unwrap_or(0)
    }

    /// The sans-serif font, `size` CSS pixels to the em, in `color`. (plotters writes
    /// `font-size` as its size divided by 1.24 in SVG, and ab_glyph scales glyphs so that
    /// ascent minus descent, about 1.16 em for DejaVu Sans, fills the size.)
    pub(crate) fn font(&self, size: f64, color: Rgb) -> TextStyle<'static> {
        TextStyle {
            font: ("sans-serif", size * 1.24 * self.scale).into_font(),
            color: rgb(color).to_backend_color(),
            pos: plotters::style::text_anchor::Pos::default(),
        }
    }

    /// Tooltip for a circle drawn at `center` (output pixels) with radius `r`.
    pub(crate) fn tip_circle(&mut self, center: (i32, i32), r: u32, title: String) {
        self.tips.push((
            TipKey::Prefix(format!(
                "<circle cx=\"{}\" cy=\"{}\" r=\"{r}\" ",
                center.0, center.1
            )),
            title,
        ));
    }

    /// Tooltip for a rectangle with corners `a` (upper left) and `b` (output pixels).
    pub(crate) fn tip_rect(&mut self, a: (i32, i32), b: (i32, i32), title: String) {
        self.tips.push((
            TipKey::Prefix(format!(
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" ",
                a.0,
                a.1,
                b.0 - a.0,
                b.1 - a.1
            )),
            title,
        ));
    }

    /// Tooltip for a polygon with these vertices (output pixels).
    pub(crate) fn tip_polygon(&mut self, pts: &[(i32, i32)], title: String) {
        let mut s = String::new();
        for (x, y) in pts {
            s.push_str(&format!("{x},{y} "));
        }
        self.tips
            .push((TipKey::Polygon(format!("points=\"{s}\"")), title));
    }
}

/// plotters' colour of an [`Rgb`].
pub(crate) fn rgb(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

/// Adds the tooltips, a `<title>` and a class to plotters' SVG.
fn finish_svg(svg: &str, title: &str, tips: &[(TipKey, String)]) -> String {
    let mut prefix: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut poly: HashMap<&str, Vec<&str>> = HashMap::new();
    for (key, t) in tips {
        match key {
            TipKey::Prefix(p) => prefix.entry(p.as_str()).or_default().push(t),
            TipKey::Polygon(p) => poly.entry(p.as_str()).or_default().push(t),
        }
    }
    let mut out = String::with_capacity(svg.len() + tips.len() * 64 + 256);
    let mut first = true;
    // plotters escapes markup in text but keeps control characters, which XML forbids.
    let clean: String = svg
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\n' | '\t' | '\r'))
        .collect();
    for line in clean.lines() {
        if first && line.starts_with("<svg ") {
            first = false;
            out.push_str(&line.replacen("<svg ", "<svg class=\"chart\" role=\"img\" ", 1));
            out.push('\n');
            out.push_str("<title>");
            out.push_str(&escape(title));
            out.push_str("</title>\n");
            continue;
        }
        let titles = if line.starts_with("<circle ") || line.starts_with("<rect ") {
            line.split_once(" opacity=")
                .and_then(|(head, _)| prefix.get(format!("{head} ").as_str()))
        } else if line.starts_with("<polygon ") {
            line.find("points=\"")
                .and_then(|i| line.get(i..line.len().saturating_sub(2)))
                .and_then(|p| poly.get(p))
        } else {
            None
        };
        match (titles, line.strip_suffix("/>")) {
            (Some(ts), Some(head)) => {
                let tag = if line.starts_with("<circle ") {
                    "circle"
                } else if line.starts_with("<rect ") {
                    "rect"
                } else {
                    "polygon"
                };
                out.push_str(head);
                out.push_str("><title>");
                out.push_str(&escape(&ts.join("\n")));
                out.push_str("</title></");
                out.push_str(tag);
                out.push_str(">\n");
            }
            _ => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// A number for a chart label: two decimals on unit scales, fewer digits for large values.
pub(crate) fn fmt_u(v: f64) -> String {
    if v.abs() >= 100.0 {
        format!("{v:.0}")
    } else if v.abs() >= 10.0 {
        format!("{v:.1}")
    } else {
        format!("{v:.2}")
    }
}

/// Cuts text to at most `n` characters, with an ellipsis.
pub(crate) fn clip(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tooltips_attach_to_their_elements() {
        let svg = "<svg width=\"10\" height=\"10\" viewBox=\"0 0 10 10\" xmlns=\"http://www.w3.org/2000/svg\">\n\
<circle cx=\"1\" cy=\"2\" r=\"3\" opacity=\"1\" fill=\"#000000\" stroke=\"none\" stroke-width=\"1\"/>\n\
<circle cx=\"1\" cy=\"2\" r=\"30\" opacity=\"1\" fill=\"#000000\" stroke=\"none\" stroke-width=\"1\"/>\n\
<polygon opacity=\"1\" fill=\"#000000\" points=\"1,2 3,4 \"/>\n\
</svg>\n";
        let tips = vec![
            (
                TipKey::Prefix("<circle cx=\"1\" cy=\"2\" r=\"3\" ".into()),
                "a<b".to_string(),
            ),
            (
                TipKey::Polygon("points=\"1,2 3,4 \"".into()),
                "p".to_string(),
            ),
        ];
        let out = finish_svg(svg, "T&T", &tips);
        assert!(out.contains("<title>T&amp;T</title>"), "{out}");
        assert!(
            out.contains("stroke-width=\"1\"><title>a&lt;b</title></circle>"),
            "{out}"
        );
        assert!(
            out.contains(
                "r=\"30\" opacity=\"1\" fill=\"#000000\" stroke=\"none\" stroke-width=\"1\"/>"
            ),
            "{out}"
        );
        assert!(
            out.contains("points=\"1,2 3,4 \"><title>p</title></polygon>"),
            "{out}"
        );
    }
}
