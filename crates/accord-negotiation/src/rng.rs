//! Seeds: every random choice derives from one `u64` so runs are reproducible.

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

/// The random number generator agents and mediators use (ChaCha8: fast, portable, seedable).
pub type Rng = ChaCha8Rng;

/// SplitMix64 finaliser: a bijective mix of a 64-bit value.
#[inline]
pub(crate) fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Derives an independent seed for a sub-stream (`stream`) of a seed.
#[inline]
pub fn derive_seed(seed: u64, stream: u64) -> u64 {
    mix64(seed ^ mix64(stream.wrapping_add(0x5851_F42D_4C95_7F2D)))
}

/// A generator seeded from a seed and a stream.
pub(crate) fn rng_for(seed: u64, stream: u64) -> Rng {
    Rng::seed_from_u64(derive_seed(seed, stream))
}

/// 64-bit FNV-1a hasher, for fingerprints that must not change across platforms or releases.
#[derive(Debug, Clone)]
pub(crate) struct Fnv(u64);

impl Fnv {
    pub(crate) fn new() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
    pub(crate) fn bytes(&mut self, b: &[u8]) -> &mut Self {
        for &x in b {
            self.0 ^= u64::from(x);
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01B3);
        }
        self
    }
    pub(crate) fn str(&mut self, s: &str) -> &mut Self {
        self.bytes(s.as_bytes()).bytes(&[0xff])
    }
    pub(crate) fn u64(&mut self, v: u64) -> &mut Self {
        self.bytes(&v.to_le_bytes())
    }
    pub(crate) fn f64(&mut self, v: f64) -> &mut Self {
        self.u64(v.to_bits())
    }
    pub(crate) fn finish(&self) -> u64 {
        self.0
    }
}
