//! "The same numbers, up to float rounding": a comparison with its threshold.

use std::fmt;

/// Two lists of numbers "are the same" when their largest difference is at
/// most this fraction of the largest value: summing in another order (micro-
/// batches, threads) moves f32 results by about 1e-7 of their size, while a
/// real difference (another batch, another learning rate) is thousands of
/// times larger.
pub const SAME_NUMBERS_TOLERANCE: f32 = 1e-4;

/// How far apart two equally long lists of numbers (gradients, weights) are,
/// and whether that is only float rounding.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Closeness {
    /// Largest absolute difference.
    pub max_diff: f32,
    /// Largest absolute value in the first list, for scale.
    pub scale: f32,
}

impl Closeness {
    /// Compare `a` with `b` position by position.
    ///
    /// ```
    /// use tiny_lm::experiments::Closeness;
    /// assert!(Closeness::of(&[1.0, -2.0], &[1.0, -2.0000001]).same());
    /// assert!(!Closeness::of(&[1.0, -2.0], &[1.0, -2.1]).same());
    /// ```
    pub fn of(a: &[f32], b: &[f32]) -> Self {
        Closeness {
            max_diff: a
                .iter()
                .zip(b)
                .map(|(x, y)| (x - y).abs())
                .fold(0.0, f32::max),
            scale: a.iter().fold(0.0, |m, x| m.max(x.abs())),
        }
    }

    /// Largest difference relative to the largest value.
    pub fn relative(&self) -> f32 {
        self.max_diff / self.scale.max(f32::MIN_POSITIVE)
    }

    /// Whether the difference is within [`SAME_NUMBERS_TOLERANCE`].
    pub fn same(&self) -> bool {
        self.relative() <= SAME_NUMBERS_TOLERANCE
    }
}

impl fmt::Display for Closeness {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "largest difference {:.1e} against values up to {:.2e} (relative {:.1e}): ",
            self.max_diff,
            self.scale,
            self.relative()
        )?;
        if self.same() {
            write!(
                f,
                "within the {SAME_NUMBERS_TOLERANCE:.0e} threshold, the same numbers up to float rounding"
            )
        } else {
            write!(
                f,
                "beyond the {SAME_NUMBERS_TOLERANCE:.0e} threshold, NOT the same numbers"
            )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_verdict_follows_the_measured_difference() {
        let same = Closeness::of(&[0.5, -0.25], &[0.500_000_1, -0.25]);
        assert!(same.same() && same.to_string().contains("the same numbers"));
        let apart = Closeness::of(&[0.5, -0.25], &[0.5, -0.2]);
        assert!(
            !apart.same() && apart.to_string().contains("NOT the same"),
            "{apart}"
        );
        assert!(Closeness::of(&[0.0], &[0.0]).same());
    }
}
