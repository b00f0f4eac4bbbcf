//! Piecewise-linear value functions: building them from GENIUS evaluators exactly, and
//! recognising which evaluator a piecewise-linear function is when writing.

use accord_model::piecewise_linear;

/// `clamp(x, 0, 1)`.
pub(crate) fn clamp01(x: f64) -> f64 {
    x.clamp(0.0, 1.0)
}

/// The points of `f(x) = y_lo + slope * (x - lo)` on `[lo, hi]`, clamped to `[0, 1]` when
/// `clamp` is set. The breakpoints are `lo`, `hi` and, when clamping, every point in
/// between where `f` crosses 0 or 1, so the piecewise-linear function through the points
/// equals the (clamped) line everywhere on `[lo, hi]` (and is flat outside, as accord's
/// value functions are).
pub(crate) fn line_points(y_lo: f64, slope: f64, lo: f64, hi: f64, clamp: bool) -> Vec<[f64; 2]> {
    let f = |x: f64| y_lo + slope * (x - lo);
    let cl = |y: f64| if clamp { clamp01(y) } else { y };
    if hi <= lo {
        return vec![[lo, cl(f(lo))]];
    }
    // (x, exact value at a crossing, whether x is `lo`)
    let mut xs = vec![(lo, None, true), (hi, None, false)];
    if clamp && slope != 0.0 {
        for target in [0.0, 1.0] {
            let x = lo + (target - y_lo) / slope;
            if x > lo && x < hi {
                xs.push((x, Some(target), false));
            }
        }
    }
    xs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut pts: Vec<[f64; 2]> = Vec::with_capacity(xs.len());
    for (x, exact, is_lo) in xs {
        if pts.last().is_some_and(|p| x <= p[0]) {
            continue;
        }
        let y = match exact {
            Some(t) => t,
            // At the end points use the end-point form, which is exact for y_lo.
            None if is_lo => cl(y_lo),
            None => cl(f(x)),
        };
        pts.push([x, y]);
    }
    pts
}

/// The points of GENIUS's triangular function: 0 at `lo`, 1 at `top`, 0 at `hi`.
pub(crate) fn triangle_points(lo: f64, top: f64, hi: f64) -> Option<Vec<[f64; 2]>> {
    (lo < top && top < hi).then(|| vec![[lo, 0.0], [top, 1.0], [hi, 0.0]])
}

/// A line `y = y_lo + slope * (x - lo)` recognised in a piecewise-linear function.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Line {
    /// Value at `lo` (before clamping).
    pub y_lo: f64,
    /// Slope.
    pub slope: f64,
    /// The `lo` the line is anchored at.
    pub lo: f64,
}

impl Line {
    /// The value at `x` (unclamped).
    pub(crate) fn at(&self, x: f64) -> f64 {
        self.y_lo + self.slope * (x - self.lo)
    }
}

fn close(a: f64, b: f64, scale: f64) -> bool {
    (a - b).abs() <= 1e-9 * scale.max(1.0)
}

/// Recognises `points`, restricted to `[lo, hi]`, as a line (when `clamp` is false) or a
/// line clamped to `[0, 1]` (when `clamp` is true). Returns `None` when the function has
/// some other shape.
pub(crate) fn recognise_line(points: &[[f64; 2]], lo: f64, hi: f64, clamp: bool) -> Option<Line> {
    let f = |x: f64| piecewise_linear(points, x);
    let mut knots = vec![lo];
    knots.extend(points.iter().map(|p| p[0]).filter(|&x| x > lo && x < hi));
    if hi > lo {
        knots.push(hi);
    }
    let vals: Vec<f64> = knots.iter().map(|&x| f(x)).collect();
    let scale = vals.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    if knots.len() == 1 {
        return Some(Line {
            y_lo: vals[0],
            slope: 0.0,
            lo,
        });
    }
    let flat_at = |y0: f64, y1: f64, t: f64| close(y0, t, 1.0) && close(y1, t, 1.0);
    // Candidate line: the first segment that is not clamped flat at 0 or 1 (any segment
    // when not clamping).
    let seg = (0..knots.len() - 1).find(|&j| {
        !clamp || !(flat_at(vals[j], vals[j + 1], 0.0) || flat_at(vals[j], vals[j + 1], 1.0))
    });
    let line = match seg {
        Some(j) => {
            let slope = (vals[j + 1] - vals[j]) / (knots[j + 1] - knots[j]);
            Line {
                y_lo: vals[j] + slope * (lo - knots[j]),
                slope,
                lo,
            }
        }
        None => Line {
            y_lo: vals[0],
            slope: 0.0,
            lo,
        },
    };
    if !line.y_lo.is_finite() || !line.slope.is_finite() {
        return None;
    }
    let model = |x: f64| {
        let y = line.at(x);
        if clamp { clamp01(y) } else { y }
    };
    let mut check = knots.clone();
    if clamp && line.slope != 0.0 {
        for t in [0.0, 1.0] {
            let x = lo + (t - line.y_lo) / line.slope;
            if x > lo && x < hi {
                check.push(x);
            }
        }
    }
    check
        .iter()
        .all(|&x| close(model(x), f(x), scale))
        .then_some(line)
}

/// Recognises GENIUS's triangular shape: exactly `[[a, 0], [top, 1], [b, 0]]`.
pub(crate) fn recognise_triangle(points: &[[f64; 2]]) -> Option<(f64, f64, f64)> {
    match points {
        [[a, ya], [t, yt], [b, yb]]
            if *ya == 0.0 && (*yt - 1.0).abs() < f64::EPSILON && *yb == 0.0 =>
        {
            Some((*a, *b, *t))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clamped_line_has_kinks() {
        // IntegerDomain-prof1 issue 1: 0.3 + 0.08 (x + 5) on [-5, 5] reaches 1 at x = 3.75.
        let pts = line_points(0.3, 0.08, -5.0, 5.0, true);
        assert_eq!(pts.len(), 3);
        assert!((pts[1][0] - 3.75).abs() < 1e-12);
        assert!((piecewise_linear(&pts, 5.0) - 1.0).abs() < 1e-15);
        assert!((piecewise_linear(&pts, 0.0) - 0.7).abs() < 1e-12);
        let line = recognise_line(&pts, -5.0, 5.0, true).expect("a clamped line");
        assert!((line.y_lo - 0.3).abs() < 1e-12 && (line.slope - 0.08).abs() < 1e-12);
        assert!(recognise_line(&pts, -5.0, 5.0, false).is_none());
    }

    #[test]
    fn triangle_is_not_a_line() {
        let pts = triangle_points(0.0, 4.0, 10.0).unwrap_or_default();
        assert!(recognise_line(&pts, 0.0, 10.0, true).is_none());
        assert_eq!(recognise_triangle(&pts), Some((0.0, 10.0, 4.0)));
    }

    #[test]
    fn constant_is_a_line() {
        let pts = vec![[0.0, 0.4], [9.0, 0.4]];
        let l = recognise_line(&pts, 0.0, 9.0, true).expect("constant");
        assert!(l.slope.abs() < 1e-15 && (l.y_lo - 0.4).abs() < 1e-15);
    }
}
