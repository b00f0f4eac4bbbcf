//! Colours: the Okabe–Ito palette for parties (safe for the common forms of colour
//! blindness), and viridis for values.

use accord_model::Scenario;

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#rrggbb`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// Relative luminance (sRGB, WCAG), in [0, 1].
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.0) + 0.7152 * lin(self.1) + 0.0722 * lin(self.2)
    }

    /// Black or white, whichever reads better on this colour.
    pub fn text_on(self) -> Rgb {
        if self.luminance() > 0.18 {
            BLACK
        } else {
            WHITE
        }
    }

    /// This colour mixed with white (`t` = 0: unchanged, 1: white).
    pub fn tint(self, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let m = |c: u8| lerp_u8(c, 255, t);
        Rgb(m(self.0), m(self.1), m(self.2))
    }
}

/// Black.
pub const BLACK: Rgb = Rgb(0, 0, 0);
/// White.
pub const WHITE: Rgb = Rgb(255, 255, 255);
/// The grey of outcome clouds and secondary ink.
pub const GREY: Rgb = Rgb(0x77, 0x77, 0x77);

/// Party colours in the order they are handed out: the Okabe–Ito palette, strongest
/// colours first, yellow (hard to see on white) last, black reserved for ink.
pub const PARTY_PALETTE: [Rgb; 7] = [
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0xD5, 0x5E, 0x00), // vermillion
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0xB8, 0xA9, 0x00), // yellow, darkened to be seen on white
];

/// One colour per party of a scenario, in file order, used by every chart and table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyColors {
    ids: Vec<String>,
}

impl PartyColors {
    /// Colours for the parties of a scenario.
    pub fn new(s: &Scenario) -> Self {
        PartyColors {
            ids: s.parties.iter().map(|p| p.id.clone()).collect(),
        }
    }

    /// The colour of the party at this index (parties beyond seven reuse the palette).
    pub fn of(&self, party: usize) -> Rgb {
        PARTY_PALETTE[party % PARTY_PALETTE.len()]
    }

    /// The colour of the party with this id (grey if unknown).
    pub fn of_id(&self, id: &str) -> Rgb {
        self.ids
            .iter()
            .position(|p| p == id)
            .map_or(GREY, |i| self.of(i))
    }
}

fn lerp_u8(a: u8, b: u8, t: f64) -> u8 {
    let v = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
    // In [0, 255] by construction; the cast cannot truncate.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let v = v.round().clamp(0.0, 255.0) as u8;
    v
}

/// Viridis, sampled at nine points (from matplotlib's table).
const VIRIDIS: [Rgb; 9] = [
    Rgb(0x44, 0x01, 0x54),
    Rgb(0x47, 0x2c, 0x7a),
    Rgb(0x3b, 0x51, 0x8b),
    Rgb(0x2c, 0x71, 0x8e),
    Rgb(0x21, 0x90, 0x8d),
    Rgb(0x27, 0xad, 0x81),
    Rgb(0x5c, 0xc8, 0x63),
    Rgb(0xaa, 0xdc, 0x32),
    Rgb(0xfd, 0xe7, 0x25),
];

/// The viridis colour of a value in [0, 1] (clamped; NaN maps to 0).
pub fn viridis(x: f64) -> Rgb {
    let x = if x.is_nan() { 0.0 } else { x.clamp(0.0, 1.0) };
    let pos = x * (VIRIDIS.len() - 1) as f64;
    // pos is in [0, 8]; the casts are exact.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = (pos.floor() as usize).min(VIRIDIS.len() - 2);
    let t = pos - i as f64;
    let (a, b) = (VIRIDIS[i], VIRIDIS[i + 1]);
    Rgb(
        lerp_u8(a.0, b.0, t),
        lerp_u8(a.1, b.1, t),
        lerp_u8(a.2, b.2, t),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viridis_ends_and_clamps() {
        assert_eq!(viridis(0.0), VIRIDIS[0]);
        assert_eq!(viridis(1.0), VIRIDIS[8]);
        assert_eq!(viridis(7.0), VIRIDIS[8]);
        assert_eq!(viridis(f64::NAN), VIRIDIS[0]);
    }

    #[test]
    fn text_contrast() {
        assert_eq!(viridis(0.0).text_on(), WHITE);
        assert_eq!(viridis(1.0).text_on(), BLACK);
    }
}
