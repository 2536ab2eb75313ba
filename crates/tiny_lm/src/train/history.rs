//! What a training run records, for printing and plotting.

use std::fmt;

use crate::plot::{Chart, Series};

/// Per-step training loss, learning rate and gradient norm, plus occasional
/// validation losses. Shows itself as a loss-curve chart in a notebook.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LossHistory {
    /// Step number after each update (1, 2, ...).
    pub steps: Vec<usize>,
    /// Mean training loss of each step's batch.
    pub train_loss: Vec<f32>,
    /// Learning rate used at each step.
    pub lr: Vec<f32>,
    /// Gradient norm before clipping.
    pub grad_norm: Vec<f32>,
    /// `(step, validation loss)` pairs.
    pub val: Vec<(usize, f32)>,
    /// Tokens processed so far.
    pub tokens_seen: usize,
    /// Wall-clock seconds spent in `Trainer::train` (not saved in checkpoints).
    pub elapsed_secs: f64,
}

impl LossHistory {
    /// Record one optimizer step: its number (1, 2, ...), mean loss, learning
    /// rate, gradient norm before clipping, and tokens it consumed.
    ///
    /// ```
    /// let mut history = tiny_lm::LossHistory::default();
    /// history.record(1, 6.2, 1e-3, 0.8, 512);
    /// assert_eq!((history.last_loss(), history.tokens_seen), (Some(6.2), 512));
    /// ```
    pub fn record(&mut self, step: usize, loss: f32, lr: f32, grad_norm: f32, tokens: usize) {
        self.steps.push(step);
        self.train_loss.push(loss);
        self.lr.push(lr);
        self.grad_norm.push(grad_norm);
        self.tokens_seen += tokens;
    }

    /// Loss of the latest step.
    pub fn last_loss(&self) -> Option<f32> {
        self.train_loss.last().copied()
    }

    /// Latest validation loss.
    pub fn last_val_loss(&self) -> Option<f32> {
        self.val.last().map(|v| v.1)
    }

    /// Mean training loss over the last `n` steps (smoother than one step).
    pub fn recent_loss(&self, n: usize) -> Option<f32> {
        let tail = &self.train_loss[self.train_loss.len().saturating_sub(n.max(1))..];
        (!tail.is_empty()).then(|| tail.iter().sum::<f32>() / tail.len() as f32)
    }

    /// Training throughput over all `train` calls.
    pub fn tokens_per_sec(&self) -> f64 {
        self.tokens_seen as f64 / self.elapsed_secs.max(1e-9)
    }

    /// Training loss (and validation loss, if measured) against step.
    pub fn plot(&self) -> Chart {
        let mut chart = Chart::new(
            "Loss during training",
            "step",
            "cross-entropy loss (nats/token)",
        );
        let train = self
            .steps
            .iter()
            .zip(&self.train_loss)
            .map(|(&s, &l)| (s as f64, l as f64));
        chart.add(Series::new("train", train.collect()));
        if !self.val.is_empty() {
            chart.add(
                Series::new(
                    "validation",
                    self.val
                        .iter()
                        .map(|&(s, l)| (s as f64, l as f64))
                        .collect(),
                )
                .with_markers(),
            );
        }
        chart
    }

    /// Rich notebook output: the loss chart.
    pub fn evcxr_display(&self) {
        self.plot().evcxr_display();
    }
}

impl fmt::Display for LossHistory {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.train_loss.first(), self.recent_loss(10)) {
            (Some(first), Some(recent)) => {
                write!(
                    f,
                    "{} steps: loss {first:.3} -> {recent:.3}",
                    self.steps.len()
                )?;
                if let Some(v) = self.last_val_loss() {
                    write!(f, ", validation {v:.3}")?;
                }
                write!(f, ", {} tokens", self.tokens_seen)
            }
            _ => write!(f, "no steps yet"),
        }
    }
}
