//! Memory and speed: bf16 versus f32, threads, and FLOP counting.

use std::fmt;
use std::time::Instant;

use super::{quiet, TextData};
use crate::error::{Error, Result};
use crate::model::{Model, ModelConfig};
use crate::precision::Precision;
use crate::train::{LossHistory, TrainConfig};

/// One row of [`PrecisionReport`].
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionRow {
    /// Number format.
    pub precision: Precision,
    /// Bytes of the weights used by the forward pass.
    pub weight_bytes: usize,
    /// Bytes of activations saved for backward.
    pub activation_bytes: usize,
    /// Mean training loss of the last 10 steps.
    pub final_loss: f32,
    /// Validation loss at the end.
    pub val_loss: Option<f32>,
    /// Seconds the run took.
    pub seconds: f64,
}

/// Result of [`bf16_vs_f32`].
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionReport {
    /// f32 first, then bf16.
    pub rows: Vec<PrecisionRow>,
}

impl fmt::Display for PrecisionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| precision | weights (KB) | saved activations (KB) | final train loss | val loss | time (s) |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        for r in &self.rows {
            writeln!(
                f,
                "| {:?} | {:.0} | {:.0} | {:.4} | {} | {:.1} |",
                r.precision,
                r.weight_bytes as f64 / 1024.0,
                r.activation_bytes as f64 / 1024.0,
                r.final_loss,
                r.val_loss.map_or("-".into(), |v| format!("{v:.4}")),
                r.seconds
            )?;
        }
        write!(
            f,
            "\nbf16 stores weights and activations in 2 bytes instead of 4; the f32 master weights and AdamW state are unchanged. \
             On this CPU bf16 is emulated (rounded f32), so it saves memory, not time."
        )
    }
}

impl PrecisionReport {
    /// Rich notebook output: the Markdown table.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/markdown\n{self}\nEVCXR_END_CONTENT");
    }
}

/// Train the same model for `steps` steps in f32 and in bf16 mixed precision.
pub fn bf16_vs_f32(
    data: &TextData,
    model: ModelConfig,
    config: TrainConfig,
    steps: usize,
) -> Result<PrecisionReport> {
    let mut rows = Vec::new();
    for precision in [Precision::F32, Precision::Bf16] {
        let mut t = data.trainer(
            model,
            quiet(TrainConfig {
                precision,
                ..config
            }),
            0,
        )?;
        let start = Instant::now();
        let h = t.train(steps);
        let seconds = start.elapsed().as_secs_f64();
        let (weight_bytes, activation_bytes) = t.working_memory_bytes();
        rows.push(PrecisionRow {
            precision,
            weight_bytes,
            activation_bytes,
            final_loss: h.recent_loss(10).unwrap_or(f32::NAN),
            val_loss: t.validate(),
            seconds,
        });
    }
    Ok(PrecisionReport { rows })
}

/// Result of [`parallel_speedup`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedupReport {
    /// `(threads, tokens per second)`.
    pub runs: Vec<(usize, f64)>,
    /// Cores the operating system reports.
    pub available_cores: usize,
}

impl SpeedupReport {
    /// Throughput with the most threads relative to one thread.
    pub fn speedup(&self) -> f64 {
        match (self.runs.first(), self.runs.last()) {
            (Some(a), Some(b)) => b.1 / a.1,
            _ => 1.0,
        }
    }
}

impl SpeedupReport {
    /// Rich notebook output (evcxr): the same text as `Display`.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for SpeedupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (threads, tps) in &self.runs {
            writeln!(f, "{threads} thread(s): {tps:>8.0} tokens/s")?;
        }
        write!(
            f,
            "speed-up {:.2}x on {} available core(s) (each thread takes a share of the batch; gradients are summed)",
            self.speedup(),
            self.available_cores
        )
    }
}

/// Tokens per second for 1, 2, ... `max_threads` worker threads (same
/// batch, same results up to float rounding).
pub fn parallel_speedup(
    data: &TextData,
    model: ModelConfig,
    config: TrainConfig,
    max_threads: usize,
    steps: usize,
) -> Result<SpeedupReport> {
    let mut runs = Vec::new();
    for threads in 1..=max_threads.max(1) {
        if !config.batch_size.is_multiple_of(threads) {
            return Err(Error::InvalidConfig(format!(
                "batch_size {} is not divisible by {threads} threads",
                config.batch_size
            )));
        }
        let mut t = data.trainer(model, quiet(TrainConfig { threads, ..config }), 0)?;
        t.step(); // allocate and warm up before timing
        let start = Instant::now();
        for _ in 0..steps {
            t.step();
        }
        let tokens = steps * config.tokens_per_step(model.context_len);
        runs.push((threads, tokens as f64 / start.elapsed().as_secs_f64()));
    }
    Ok(SpeedupReport {
        runs,
        available_cores: std::thread::available_parallelism().map_or(1, |n| n.get()),
    })
}

/// Training compute: `6 x parameters x tokens` (2 FLOPs per weight per token
/// forward, 4 backward), for a famous model and for ours.
#[derive(Debug, Clone, PartialEq)]
pub struct FlopReport {
    /// Our model's parameters.
    pub params: usize,
    /// Tokens we trained on.
    pub tokens: usize,
    /// Seconds that took.
    pub seconds: f64,
}

/// GPT-3: 175 billion parameters trained on 300 billion tokens.
pub const GPT3_PARAMS: f64 = 175e9;
/// GPT-3's training tokens.
pub const GPT3_TOKENS: f64 = 300e9;

/// `6 x N x D` training FLOPs.
///
/// ```
/// let gpt3 = tiny_lm::experiments::training_flops(175e9, 300e9);
/// assert!((gpt3 - 3.15e23).abs() < 1e21);
/// ```
pub fn training_flops(params: f64, tokens: f64) -> f64 {
    6.0 * params * tokens
}

impl FlopReport {
    /// From a finished training run.
    pub fn from_history(model: &Model, history: &LossHistory) -> Self {
        FlopReport {
            params: model.num_params(),
            tokens: history.tokens_seen,
            seconds: history.elapsed_secs,
        }
    }

    /// FLOPs our run used.
    pub fn flops(&self) -> f64 {
        training_flops(self.params as f64, self.tokens as f64)
    }

    /// FLOPs per second we achieved.
    pub fn flops_per_sec(&self) -> f64 {
        self.flops() / self.seconds.max(1e-9)
    }
}

impl FlopReport {
    /// Rich notebook output (evcxr): the same text as `Display`.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for FlopReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let gpt3 = training_flops(GPT3_PARAMS, GPT3_TOKENS);
        let years = gpt3 / self.flops_per_sec() / (365.25 * 24.0 * 3600.0);
        writeln!(
            f,
            "GPT-3: 6 x 175e9 params x 300e9 tokens = {gpt3:.2e} FLOPs"
        )?;
        writeln!(
            f,
            "tiny model: 6 x {} params x {} tokens = {:.2e} FLOPs in {:.1} s = {:.2} GFLOP/s",
            self.params,
            self.tokens,
            self.flops(),
            self.seconds,
            self.flops_per_sec() / 1e9
        )?;
        write!(
            f,
            "at that speed GPT-3's training would take {years:.1e} years"
        )
    }
}
