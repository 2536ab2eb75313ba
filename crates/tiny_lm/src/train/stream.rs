//! The text a trainer learns from: tokens, which of them count in the loss,
//! and where a training window may begin.
//!
//! Teaches: pre-training and instruction tuning run the *same* loop; only the
//! data differs. Pre-training predicts every token of windows cut anywhere in
//! the corpus. Instruction tuning cuts windows at the start of a conversation
//! and trains only on the answer tokens: the prompt's targets are
//! [`IGNORE`]d, so the model learns to answer, not to write questions.

use crate::model::ops::IGNORE;
use crate::rng::Rng;

/// Tokens to train or evaluate on.
///
/// ```
/// use tiny_lm::train::TokenStream;
/// let plain = TokenStream::from(vec![1, 2, 3, 4, 5]);
/// assert!(plain.counts(0) && plain.counts(4));
/// let masked = TokenStream { trained: vec![false, false, true, true, true], ..plain };
/// assert!(!masked.counts(1) && masked.counts(2));
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TokenStream {
    /// The tokens, one after another.
    pub tokens: Vec<u32>,
    /// Per token: whether predicting it counts in the loss. Empty: every token counts.
    pub trained: Vec<bool>,
    /// Where windows may begin (for example where each conversation starts).
    /// Empty: anywhere.
    pub starts: Vec<usize>,
}

impl From<Vec<u32>> for TokenStream {
    fn from(tokens: Vec<u32>) -> Self {
        TokenStream {
            tokens,
            ..TokenStream::default()
        }
    }
}

impl TokenStream {
    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// Whether there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.tokens.is_empty()
    }

    /// Whether predicting token `i` counts in the loss.
    pub fn counts(&self, i: usize) -> bool {
        self.trained.get(i).copied().unwrap_or(true)
    }

    /// Targets that count in the loss among `y`.
    pub fn counted(y: &[u32]) -> usize {
        y.iter().filter(|&&t| t != IGNORE).count()
    }

    /// Append the window starting at `start`: inputs to `x`, next tokens to
    /// `y` (or [`IGNORE`] where the target does not count).
    fn push_window(&self, start: usize, time: usize, x: &mut Vec<u32>, y: &mut Vec<u32>) {
        x.extend_from_slice(&self.tokens[start..start + time]);
        y.extend((start + 1..start + time + 1).map(|i| {
            if self.counts(i) {
                self.tokens[i]
            } else {
                IGNORE
            }
        }));
    }

    /// Fill `x` and `y` with `rows` random windows of `time` tokens (each
    /// target is the next token). Needs more than `time` tokens.
    pub fn sample_batch(
        &self,
        rows: usize,
        time: usize,
        rng: &mut Rng,
        x: &mut Vec<u32>,
        y: &mut Vec<u32>,
    ) {
        x.clear();
        y.clear();
        let last_start = self.tokens.len() - time - 1;
        for _ in 0..rows {
            let start = if self.starts.is_empty() {
                rng.below(self.tokens.len() - time)
            } else {
                self.starts[rng.below(self.starts.len())].min(last_start)
            };
            self.push_window(start, time, x, y);
        }
    }

    /// Up to `max_windows` windows of `time` tokens spread evenly over the
    /// stream (deterministic), for measuring a loss. `None` when the stream
    /// is not longer than one window.
    pub fn eval_windows(&self, time: usize, max_windows: usize) -> Option<(Vec<u32>, Vec<u32>)> {
        let last_start = self.tokens.len().checked_sub(time + 1)?;
        let starts: Vec<usize> = if self.starts.is_empty() {
            let available = (self.tokens.len() - 1) / time;
            let windows = available.min(max_windows.max(1));
            let stride = available / windows;
            (0..windows).map(|w| w * stride * time).collect()
        } else {
            let windows = self.starts.len().min(max_windows.max(1));
            (0..windows)
                .map(|w| self.starts[w * self.starts.len() / windows].min(last_start))
                .collect()
        };
        let (mut x, mut y) = (Vec::new(), Vec::new());
        for start in starts {
            self.push_window(start, time, &mut x, &mut y);
        }
        Some((x, y))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn masked() -> TokenStream {
        TokenStream {
            tokens: (0..20).collect(),
            trained: (0..20).map(|i| i % 4 >= 2).collect(),
            starts: vec![0, 8, 16],
        }
    }

    #[test]
    fn windows_begin_only_at_starts_and_untrained_targets_are_ignored() {
        let s = masked();
        let mut rng = Rng::new(3);
        let (mut x, mut y) = (Vec::new(), Vec::new());
        s.sample_batch(50, 4, &mut rng, &mut x, &mut y);
        for (row_x, row_y) in x.chunks(4).zip(y.chunks(4)) {
            // 16 is too late for a 4-token window of 20 tokens: it moves back to 15.
            assert!([0, 8, 15].contains(&row_x[0]), "{row_x:?}");
            for (&xi, &yi) in row_x.iter().zip(row_y) {
                let next = xi + 1;
                let expect = if next % 4 >= 2 { next } else { IGNORE };
                assert_eq!(yi, expect);
            }
        }
        assert!(TokenStream::counted(&y) > 0 && TokenStream::counted(&y) < y.len());
    }

    #[test]
    fn plain_stream_counts_every_target() {
        let s = TokenStream::from((0..30).collect::<Vec<u32>>());
        let (x, y) = s.eval_windows(5, 3).unwrap();
        assert_eq!(x.len(), 15);
        assert_eq!(TokenStream::counted(&y), 15);
        assert!(TokenStream::from(vec![1, 2]).eval_windows(5, 3).is_none());
    }
}
