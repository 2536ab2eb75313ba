//! Every training default, in one place, with the reason for each value.

use crate::error::{Error, Result};
use crate::precision::Precision;

use super::AdamWParams;

/// How to train. `TrainConfig::default()` is the notebook's pre-training run.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// Sequences per micro-batch. 16 x 32 tokens = 512 tokens per step: big
    /// enough for a smooth loss curve, small enough for ~50 steps per second.
    pub batch_size: usize,
    /// Micro-batches whose gradients are summed before one update. 1 = off;
    /// k simulates a k times larger batch with the same memory.
    pub grad_accum_steps: usize,
    /// Length of the learning-rate schedule; the cosine reaches `min_lr` here.
    pub total_steps: usize,
    /// Peak learning rate. Tiny models tolerate large steps; 3e-3 is about
    /// the largest that stays stable for a width-64 transformer with AdamW.
    pub learning_rate: f32,
    /// Final learning rate: a tenth of the peak, as in Chinchilla / nanoGPT.
    pub min_lr: f32,
    /// Steps of linear warm-up: Adam's moment estimates are noisy at first,
    /// so early steps are kept small.
    pub warmup_steps: usize,
    /// Decoupled weight decay on matrices (nanoGPT's 0.1): mild regularisation.
    pub weight_decay: f32,
    /// Adam momentum decay (the usual 0.9).
    pub beta1: f32,
    /// Adam squared-gradient decay: 0.95 instead of 0.999 reacts faster to
    /// the loss landscape, which LLM training found more stable.
    pub beta2: f32,
    /// Adam's guard against dividing by zero.
    pub eps: f32,
    /// Gradient norm limit (1.0, as in GPT-3 and nanoGPT); 0 disables clipping.
    pub grad_clip: f32,
    /// Worker threads for data-parallel training; must divide `batch_size`.
    pub threads: usize,
    /// f32, or bf16 with an f32 master copy.
    pub precision: Precision,
    /// Seed of the batch-sampling generator: same seed, same run.
    pub seed: u64,
    /// Print a progress line every this many steps (0 = silent).
    pub log_every: usize,
    /// Measure validation loss every this many steps (0 = never).
    pub eval_every: usize,
    /// Windows of validation text per evaluation: 16 x 32 tokens is enough
    /// for a stable estimate and costs about one training step.
    pub eval_windows: usize,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            batch_size: 16,
            grad_accum_steps: 1,
            total_steps: 300,
            learning_rate: 3e-3,
            min_lr: 3e-4,
            warmup_steps: 20,
            weight_decay: 0.1,
            beta1: 0.9,
            beta2: 0.95,
            eps: 1e-8,
            grad_clip: 1.0,
            threads: 1,
            precision: Precision::F32,
            seed: 1337,
            log_every: 50,
            eval_every: 50,
            eval_windows: 16,
        }
    }
}

impl TrainConfig {
    /// Fine-tuning: a short run at a third of the pre-training peak rate
    /// (1e-3 against 3e-3), so the model adapts to the new domain without
    /// forgetting everything.
    pub fn fine_tune() -> Self {
        TrainConfig {
            total_steps: 100,
            learning_rate: 1e-3,
            min_lr: 1e-4,
            warmup_steps: 10,
            log_every: 25,
            eval_every: 25,
            ..TrainConfig::default()
        }
    }

    /// Check values; the message says which to change.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: &str| Err(Error::InvalidConfig(m.to_string()));
        if self.batch_size == 0 || self.grad_accum_steps == 0 || self.threads == 0 {
            return bad("batch_size, grad_accum_steps and threads must be at least 1");
        }
        if !self.batch_size.is_multiple_of(self.threads) {
            return Err(Error::InvalidConfig(format!(
                "batch_size ({}) must be divisible by threads ({}) so every worker gets the same share",
                self.batch_size, self.threads
            )));
        }
        if !(self.learning_rate > 0.0 && self.min_lr >= 0.0 && self.min_lr <= self.learning_rate) {
            return bad("need 0 <= min_lr <= learning_rate and learning_rate > 0");
        }
        if !(0.0..1.0).contains(&self.beta1) || !(0.0..1.0).contains(&self.beta2) {
            return bad("beta1 and beta2 must be in [0, 1)");
        }
        Ok(())
    }

    /// This run's AdamW settings for one update at learning rate `lr`.
    ///
    /// ```
    /// let cfg = tiny_lm::TrainConfig::default();
    /// assert_eq!(cfg.adamw(1e-3).lr, 1e-3);
    /// assert_eq!(cfg.adamw(1e-3).beta2, cfg.beta2);
    /// ```
    pub fn adamw(&self, lr: f32) -> AdamWParams {
        AdamWParams {
            lr,
            beta1: self.beta1,
            beta2: self.beta2,
            eps: self.eps,
            weight_decay: self.weight_decay,
        }
    }

    /// Tokens consumed by one optimizer step.
    pub fn tokens_per_step(&self, context_len: usize) -> usize {
        self.batch_size * self.grad_accum_steps * context_len
    }
}

/// Learning rate at `step`: linear warm-up, then cosine decay to `min_lr` at
/// `total_steps`, then flat.
///
/// ```
/// use tiny_lm::train::{learning_rate, TrainConfig};
/// let cfg = TrainConfig::default();
/// assert!(learning_rate(0, &cfg) < learning_rate(cfg.warmup_steps, &cfg));
/// assert_eq!(learning_rate(cfg.total_steps, &cfg), cfg.min_lr);
/// ```
pub fn learning_rate(step: usize, cfg: &TrainConfig) -> f32 {
    if step < cfg.warmup_steps {
        return cfg.learning_rate * (step + 1) as f32 / cfg.warmup_steps as f32;
    }
    if step >= cfg.total_steps {
        return cfg.min_lr;
    }
    let progress =
        (step - cfg.warmup_steps) as f32 / (cfg.total_steps - cfg.warmup_steps).max(1) as f32;
    let cosine = 0.5 * (1.0 + (std::f32::consts::PI * progress).cos());
    cfg.min_lr + cosine * (cfg.learning_rate - cfg.min_lr)
}
