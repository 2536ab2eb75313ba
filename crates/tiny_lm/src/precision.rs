//! bf16 ("brain float 16"): the 16-bit format large models are trained in.
//!
//! Teaches: bf16 keeps f32's 8-bit exponent (same range, so no loss scaling is
//! needed) but only 7 bits of mantissa (about 3 significant digits). Mixed
//! precision stores weights and activations in 16 bits, halving their memory,
//! while an f32 *master copy* of the weights receives the optimizer's small
//! updates, which would otherwise round away. Here a bf16 number is a `u16`:
//! the top half of an f32's bits, rounded to nearest-even.

/// Which number format training stores weights and saved activations in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Precision {
    /// 32-bit floats everywhere (the reference).
    #[default]
    F32,
    /// bf16 working weights and activations, f32 master weights and optimizer state.
    Bf16,
}

impl Precision {
    /// Bytes one stored value takes.
    pub fn bytes_per_value(self) -> usize {
        match self {
            Precision::F32 => 4,
            Precision::Bf16 => 2,
        }
    }
}

/// Round an f32 to the nearest bf16 (ties to even), returned as its bit pattern.
///
/// ```
/// use tiny_lm::precision::{bf16_to_f32, f32_to_bf16};
/// assert_eq!(bf16_to_f32(f32_to_bf16(1.0)), 1.0);
/// assert_eq!(bf16_to_f32(f32_to_bf16(1.0 + 1.0 / 512.0)), 1.0); // below bf16's precision
/// ```
pub fn f32_to_bf16(x: f32) -> u16 {
    let bits = x.to_bits();
    if x.is_nan() {
        return ((bits >> 16) as u16) | 0x0040; // keep it a (quiet) NaN
    }
    let round = 0x7FFF + ((bits >> 16) & 1);
    (bits.wrapping_add(round) >> 16) as u16
}

/// Widen a bf16 bit pattern back to f32 (exact).
pub fn bf16_to_f32(x: u16) -> f32 {
    f32::from_bits((x as u32) << 16)
}

/// Round every value of `xs` to bf16 precision in place: what a bf16 kernel's
/// output would hold. Keeps the f32 type so the same kernels can be reused.
pub fn round_to_bf16(xs: &mut [f32]) {
    for x in xs {
        *x = bf16_to_f32(f32_to_bf16(*x));
    }
}

/// Pack f32 values (already bf16-representable or not) into bf16 storage.
pub fn pack(dst: &mut Vec<u16>, src: &[f32]) {
    dst.clear();
    dst.extend(src.iter().map(|&x| f32_to_bf16(x)));
}

/// Unpack bf16 storage into f32 values.
pub fn unpack(dst: &mut [f32], src: &[u16]) {
    for (d, &s) in dst.iter_mut().zip(src) {
        *d = bf16_to_f32(s);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rounding_error_is_within_half_an_ulp_of_bf16() {
        let mut x = 0.001f32;
        while x < 1000.0 {
            let y = bf16_to_f32(f32_to_bf16(x));
            assert!(((y - x) / x).abs() <= 1.0 / 256.0, "{x} -> {y}");
            x *= 1.37;
        }
    }

    #[test]
    fn ties_round_to_even_and_specials_survive() {
        // 1 + 2^-8 is exactly halfway between two bf16 values: rounds to even (1.0).
        assert_eq!(bf16_to_f32(f32_to_bf16(1.0 + 1.0 / 256.0)), 1.0);
        assert_eq!(bf16_to_f32(f32_to_bf16(f32::INFINITY)), f32::INFINITY);
        assert!(bf16_to_f32(f32_to_bf16(f32::NAN)).is_nan());
        assert_eq!(bf16_to_f32(f32_to_bf16(-2.5)), -2.5);
    }
}
