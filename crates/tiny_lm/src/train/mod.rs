//! The training loop: one readable function, [`Trainer::step`].
//!
//! Teaches: each step samples random windows of text (mini-batch), runs the
//! model forward and backward on them (split across threads: data
//! parallelism; optionally over several micro-batches: gradient
//! accumulation), clips the gradient, and lets AdamW update the weights at the
//! learning rate the schedule gives for this step. Everything random comes
//! from one seeded generator, so the same seed gives the same run, bit for bit.
//!
//! The same loop written out by hand, as the main notebook's pre-training
//! cell does (nanoGPT's `train.py` in a dozen lines; with one thread and no
//! accumulation it gives [`Trainer::step`]'s weights bit for bit):
//!
//! ```
//! use tiny_lm::model::Workspace;
//! use tiny_lm::train::{clip_grad_norm, learning_rate, AdamW, Batch};
//! use tiny_lm::{rng::Rng, LossHistory, Model, ModelConfig, Precision, TrainConfig};
//!
//! let text: Vec<u32> = (0..5000).map(|i| (i * 7 % 13) as u32).collect();
//! let config = TrainConfig { total_steps: 30, ..TrainConfig::default() };
//! let mut model = Model::new(ModelConfig::tiny(13), 0)?;
//! let mut optimizer = AdamW::new(&model.config);
//! let mut workspace = Workspace::new(model.config, config.batch_size, 32, Precision::F32);
//! let (mut rng, mut history) = (Rng::new(config.seed), LossHistory::default());
//! for step in 0..config.total_steps {
//!     let batch = Batch::sample(&text, config.batch_size, 32, &mut rng)?;
//!     workspace.zero_grads();
//!     let loss = workspace.backprop(&model.params, &batch)?; // forward, loss, backward
//!     let grad_norm = clip_grad_norm(&mut workspace.grads, config.grad_clip);
//!     let lr = learning_rate(step, &config);
//!     optimizer.step(&mut model.params, &workspace.grads, config.adamw(lr));
//!     history.record(step + 1, loss, lr, grad_norm, batch.num_tokens());
//! }
//! assert!(history.recent_loss(5).unwrap() < 0.5 * history.train_loss[0]);
//! # Ok::<(), tiny_lm::Error>(())
//! ```

mod adamw;
mod batch;
mod config;
mod history;
mod stream;

use std::io::Write;
use std::time::Instant;

pub use adamw::{clip_grad_norm, AdamW, AdamWParams};
pub use batch::Batch;
pub use config::{learning_rate, TrainConfig};
pub use history::LossHistory;
pub use stream::TokenStream;

use crate::error::{Error, Result};
use crate::eval::evaluate_stream;
use crate::model::{Model, Workspace};
use crate::precision::{self, Precision};
use crate::rng::Rng;

/// A model being trained, with everything needed to continue later.
#[derive(Debug, Clone)]
pub struct Trainer {
    /// The model; its weights are the f32 master copy.
    pub model: Model,
    /// How to train.
    pub config: TrainConfig,
    /// Optimizer state.
    pub optimizer: AdamW,
    /// Optimizer steps taken.
    pub step: usize,
    /// Batch-sampling generator.
    pub rng: Rng,
    /// Everything recorded so far.
    pub history: LossHistory,
    train: TokenStream,
    val: TokenStream,
    workers: Vec<Workspace>,
    /// bf16 working copy of the weights (bf16 mode only).
    bf16_weights: Vec<u16>,
    /// Those weights widened for the f32 kernels (bf16 mode only).
    compute_weights: Vec<f32>,
}

impl Trainer {
    /// Prepare to train `model` on `train_tokens`, measuring on `val_tokens`
    /// (may be empty: then no validation loss is recorded).
    ///
    /// ```
    /// use tiny_lm::{train::{TrainConfig, Trainer}, Model, ModelConfig};
    /// let tokens: Vec<u32> = (0..2000).map(|i| (i * 7 % 50) as u32).collect();
    /// let model = Model::new(ModelConfig::tiny(64), 0).unwrap();
    /// let cfg = TrainConfig { total_steps: 20, log_every: 0, ..TrainConfig::default() };
    /// let history = Trainer::new(model, cfg, tokens.clone(), tokens).unwrap().train(20);
    /// assert!(history.last_loss().unwrap() < history.train_loss[0]);
    /// ```
    pub fn new(
        model: Model,
        config: TrainConfig,
        train_tokens: Vec<u32>,
        val_tokens: Vec<u32>,
    ) -> Result<Self> {
        Trainer::on_streams(model, config, train_tokens.into(), val_tokens.into())
    }

    /// Like [`Trainer::new`], on streams that may say which targets count and
    /// where windows begin (instruction tuning: see [`crate::chat`]).
    pub fn on_streams(
        model: Model,
        config: TrainConfig,
        train: TokenStream,
        val: TokenStream,
    ) -> Result<Self> {
        config.validate()?;
        let t = model.config.context_len;
        if train.len() <= t + 1 {
            return Err(Error::NotEnoughData(format!(
                "training needs more than {} tokens (the context length + 1), got {}; add more text",
                t + 1,
                train.len()
            )));
        }
        model.check_tokens(&train.tokens)?;
        model.check_tokens(&val.tokens)?;
        let rows = config.batch_size / config.threads;
        let workers = (0..config.threads)
            .map(|_| Workspace::new(model.config, rows, t, config.precision))
            .collect();
        Ok(Trainer {
            optimizer: AdamW::new(&model.config),
            rng: Rng::new(config.seed),
            step: 0,
            history: LossHistory::default(),
            train,
            val,
            workers,
            bf16_weights: Vec::new(),
            compute_weights: Vec::new(),
            model,
            config,
        })
    }

    /// Run `steps` optimizer steps, printing progress lines, and return the
    /// whole history so far (it plots itself in a notebook).
    pub fn train(&mut self, steps: usize) -> LossHistory {
        let (mut interval_start, mut interval_tokens) = (Instant::now(), 0usize);
        let run_start = Instant::now();
        let tokens_per_step = self.config.tokens_per_step(self.model.config.context_len);
        for i in 0..steps {
            let loss = self.step();
            interval_tokens += tokens_per_step;
            let step = self.step;
            let eval_now = self.config.eval_every > 0
                && (step.is_multiple_of(self.config.eval_every) || i + 1 == steps);
            let val = if eval_now { self.validate() } else { None };
            let log_now = self.config.log_every > 0
                && (step.is_multiple_of(self.config.log_every) || i + 1 == steps);
            if log_now {
                let tps = interval_tokens as f64 / interval_start.elapsed().as_secs_f64().max(1e-9);
                let val_text = val.map_or(String::new(), |v| format!(" | val {v:.4}"));
                println!(
                    "step {step:>5} | loss {loss:.4}{val_text} | lr {:.2e} | {tps:>7.0} tok/s",
                    self.history.lr.last().copied().unwrap_or(0.0)
                );
                let _ = std::io::stdout().flush();
                (interval_start, interval_tokens) = (Instant::now(), 0);
            }
        }
        self.history.elapsed_secs += run_start.elapsed().as_secs_f64();
        self.history.clone()
    }

    /// Validation loss now (recorded in the history), if there is validation text.
    pub fn validate(&mut self) -> Option<f32> {
        let report = evaluate_stream(&self.model, &self.val, self.config.eval_windows).ok()?;
        self.history.val.push((self.step, report.loss));
        Some(report.loss)
    }

    /// One optimizer step; returns the mean training loss of its batch.
    pub fn step(&mut self) -> f32 {
        let cfg = self.config;
        let lr = learning_rate(self.step, &cfg);
        let t = self.model.config.context_len;
        let tokens_in_step = cfg.tokens_per_step(t);
        // Mixed precision: the forward/backward pass sees bf16-rounded weights.
        if cfg.precision == Precision::Bf16 {
            precision::pack(&mut self.bf16_weights, &self.model.params);
            self.compute_weights.resize(self.model.params.len(), 0.0);
            precision::unpack(&mut self.compute_weights, &self.bf16_weights);
        }
        let params = match cfg.precision {
            Precision::F32 => &self.model.params,
            Precision::Bf16 => &self.compute_weights,
        };
        self.workers.iter_mut().for_each(Workspace::zero_grads);
        let micro_batches: Vec<(Vec<u32>, Vec<u32>)> = (0..cfg.grad_accum_steps)
            .map(|_| {
                let (mut x, mut y) = (Vec::new(), Vec::new());
                self.train
                    .sample_batch(cfg.batch_size, t, &mut self.rng, &mut x, &mut y);
                (x, y)
            })
            .collect();
        // Scale by 1 / (all counted targets of the step): summing every worker's
        // and every micro-batch's gradient then gives the gradient of the mean loss.
        let counted = micro_batches
            .iter()
            .map(|(_, y)| TokenStream::counted(y))
            .sum::<usize>()
            .max(1);
        let scale = 1.0 / counted as f32;
        let mut loss_sum = 0.0f64;
        for (x, y) in &micro_batches {
            loss_sum += forward_backward_parallel(&mut self.workers, params, x, y, scale);
        }
        // All-reduce: sum the workers' gradients into worker 0, in a fixed order.
        let (first, rest) = self.workers.split_at_mut(1);
        for w in rest.iter() {
            for (g, h) in first[0].grads.iter_mut().zip(&w.grads) {
                *g += h;
            }
        }
        let grads = &mut self.workers[0].grads;
        let grad_norm = clip_grad_norm(grads, cfg.grad_clip);
        self.optimizer
            .step(&mut self.model.params, grads, cfg.adamw(lr));
        self.step += 1;
        let loss = (loss_sum / counted as f64) as f32;
        self.history
            .record(self.step, loss, lr, grad_norm, tokens_in_step);
        loss
    }

    /// What the weights used by the forward pass and the activations saved
    /// for backward *would* take stored at this precision: a formula (values
    /// x bytes per value), the memory a real bf16 implementation halves. This
    /// crate only rounds to bf16 and keeps f32 buffers besides the 16-bit
    /// copies; [`Trainer::allocated_bytes`] measures what it really holds.
    pub fn working_memory_bytes(&self) -> (usize, usize) {
        let weights = self.model.params.len() * self.config.precision.bytes_per_value();
        let activations = self
            .workers
            .iter()
            .map(Workspace::saved_activation_bytes)
            .sum();
        (weights, activations)
    }

    /// Heap bytes the training state really holds, measured from the buffers'
    /// capacities: f32 weights, AdamW moments, every worker's activations,
    /// scratch and gradients, and in bf16 mode the 16-bit and the widened f32
    /// copy of the weights. (The text and the loss record are not counted.)
    pub fn allocated_bytes(&self) -> usize {
        self.model.params.capacity() * size_of::<f32>()
            + self.optimizer.allocated_bytes()
            + self.workers.capacity() * size_of::<Workspace>()
            + self
                .workers
                .iter()
                .map(Workspace::allocated_bytes)
                .sum::<usize>()
            + self.bf16_weights.capacity() * size_of::<u16>()
            + self.compute_weights.capacity() * size_of::<f32>()
    }

    /// The gradient used by the latest step (summed over workers and
    /// micro-batches, after clipping).
    pub fn last_gradient(&self) -> &[f32] {
        &self.workers[0].grads
    }

    /// The text the trainer samples from (needed to resume from a checkpoint).
    pub fn train_tokens(&self) -> &[u32] {
        &self.train.tokens
    }

    /// Train until the validation loss has not improved for `patience`
    /// evaluations in a row (one every `eval_every` steps), or `max_steps`
    /// steps; then restore the weights of the best evaluation (early
    /// stopping: the steps after it only fitted the training text more
    /// closely). Without validation text it simply trains `max_steps`.
    /// Returns the step whose weights were kept.
    pub fn train_until_overfit(&mut self, max_steps: usize, patience: usize) -> usize {
        let every = self.config.eval_every.max(1);
        let mut best = (f32::INFINITY, self.step, self.model.params.clone());
        let mut worse_in_a_row = 0;
        let end = self.step + max_steps;
        while self.step < end && worse_in_a_row < patience.max(1) {
            self.train(every.min(end - self.step));
            let val = match self.history.val.last() {
                Some(&(step, loss)) if step == self.step => Some(loss),
                _ => self.validate(),
            };
            if val.is_none_or(|v| v < best.0) {
                best = (
                    val.unwrap_or(f32::INFINITY),
                    self.step,
                    self.model.params.clone(),
                );
                worse_in_a_row = 0;
            } else {
                worse_in_a_row += 1;
            }
        }
        self.model.params = best.2;
        best.1
    }

    /// Rebuild a trainer from saved state (used by [`crate::checkpoint`]).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn restore(
        model: Model,
        config: TrainConfig,
        optimizer: AdamW,
        step: usize,
        rng: Rng,
        history: LossHistory,
        train_tokens: Vec<u32>,
        val_tokens: Vec<u32>,
    ) -> Result<Self> {
        let mut trainer = Trainer::new(model, config, train_tokens, val_tokens)?;
        trainer.optimizer = optimizer;
        trainer.step = step;
        trainer.rng = rng;
        trainer.history = history;
        Ok(trainer)
    }
}

/// Fill `x` and `y` with `rows` random windows of `time` tokens; `y` is `x`
/// shifted by one (each position's target is the next token).
pub fn sample_batch(
    tokens: &[u32],
    rows: usize,
    time: usize,
    rng: &mut Rng,
    x: &mut Vec<u32>,
    y: &mut Vec<u32>,
) {
    x.clear();
    y.clear();
    for _ in 0..rows {
        let start = rng.below(tokens.len() - time);
        x.extend_from_slice(&tokens[start..start + time]);
        y.extend_from_slice(&tokens[start + 1..start + time + 1]);
    }
}

/// Split the batch's rows evenly across the workers and run them on scoped
/// threads (the first on this thread). Returns the summed loss.
fn forward_backward_parallel(
    workers: &mut [Workspace],
    params: &[f32],
    x: &[u32],
    y: &[u32],
    scale: f32,
) -> f64 {
    let per_worker = x.len() / workers.len();
    if workers.len() == 1 {
        return workers[0].forward_backward(params, x, y, scale);
    }
    std::thread::scope(|s| {
        let mut shards = workers
            .iter_mut()
            .zip(x.chunks(per_worker).zip(y.chunks(per_worker)));
        let (w0, (x0, y0)) = shards.next().expect("at least one worker");
        let handles: Vec<_> = shards
            .map(|(w, (xs, ys))| s.spawn(move || w.forward_backward(params, xs, ys, scale)))
            .collect();
        let mut loss = w0.forward_backward(params, x0, y0, scale);
        for h in handles {
            loss += h.join().expect("a training thread panicked");
        }
        loss
    })
}

#[cfg(test)]
mod tests;
