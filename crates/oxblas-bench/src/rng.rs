//! A small deterministic generator (SplitMix64) so that every child process
//! builds bit-identical inputs for a row from the row's name alone.

use oxblas::{RealScalar, Scalar};

pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [-1, 1).
    pub fn uniform(&mut self) -> f64 {
        let unit = (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64);
        2.0 * unit - 1.0
    }
}

/// FNV-1a of a string: turns a row label into a seed.
pub fn seed_of(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325u64, |h, b| {
        (h ^ b as u64).wrapping_mul(0x0100_0000_01B3)
    })
}

/// `len` elements with real (and imaginary) parts uniform in [-1, 1).
pub fn fill<T: Scalar>(seed: u64, len: usize) -> Vec<T> {
    let mut rng = SplitMix64::new(seed);
    (0..len)
        .map(|_| {
            let re = T::Real::from_f64(rng.uniform());
            let im = if T::IS_COMPLEX {
                T::Real::from_f64(rng.uniform())
            } else {
                T::Real::from_f64(0.0)
            };
            T::from_parts(re, im)
        })
        .collect()
}
