//! Memory and speed: bf16 versus f32, threads, and FLOP counting.

use std::fmt;
use std::time::Instant;

use super::{quiet, TextData};
use crate::error::{Error, Result};
use crate::model::{Model, ModelConfig};
use crate::precision::Precision;
use crate::train::{LossHistory, TrainConfig};

/// bf16 "trains as well as f32" when its final training loss is within this
/// fraction of f32's (5%: well above the run-to-run wobble of a 50-step run,
/// well below the gap between a trained and an untrained model).
pub const SAME_LOSS_TOLERANCE: f32 = 0.05;

/// One row of [`PrecisionReport`].
#[derive(Debug, Clone, PartialEq)]
pub struct PrecisionRow {
    /// Number format.
    pub precision: Precision,
    /// Bytes the forward pass's weights and the saved activations *would*
    /// take stored at this precision (a formula: values x bytes per value).
    pub would_store_bytes: usize,
    /// Heap bytes the trainer really holds ([`Trainer::allocated_bytes`](crate::Trainer::allocated_bytes), measured).
    pub allocated_bytes: usize,
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

impl PrecisionReport {
    /// bf16's measured allocation relative to f32's (1.1 = 10% more).
    pub fn allocated_ratio(&self) -> f64 {
        self.rows[1].allocated_bytes as f64 / self.rows[0].allocated_bytes as f64
    }

    /// bf16's final loss relative to f32's, minus one (0.01 = 1% higher).
    pub fn loss_change(&self) -> f32 {
        self.rows[1].final_loss / self.rows[0].final_loss - 1.0
    }

    /// What this run's measurements say, each with its threshold.
    pub fn verdict(&self) -> String {
        let ratio = self.allocated_ratio();
        let memory = if ratio > 1.0 {
            format!(
                "bf16 mode holds {:.0}% MORE memory than f32 here",
                (ratio - 1.0) * 100.0
            )
        } else {
            format!(
                "bf16 mode holds {:.0}% less memory than f32 here",
                (1.0 - ratio) * 100.0
            )
        };
        let change = self.loss_change();
        let loss = if change.abs() <= SAME_LOSS_TOLERANCE {
            format!(
                "it trained about as well: final loss {:+.1}% against f32, within the {:.0}% threshold",
                change * 100.0,
                SAME_LOSS_TOLERANCE * 100.0
            )
        } else {
            format!(
                "it trained measurably differently: final loss {:+.1}% against f32, beyond the {:.0}% threshold",
                change * 100.0,
                SAME_LOSS_TOLERANCE * 100.0
            )
        };
        format!("Measured: {memory}, and {loss}.")
    }
}

impl fmt::Display for PrecisionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| precision | weights + saved activations if stored at this precision (KB, formula) | allocated by this code (KB, measured) | final train loss | val loss | time (s) |")?;
        writeln!(f, "|---|---:|---:|---:|---:|---:|")?;
        for r in &self.rows {
            writeln!(
                f,
                "| {:?} | {:.0} | {:.0} | {:.4} | {} | {:.1} |",
                r.precision,
                r.would_store_bytes as f64 / 1024.0,
                r.allocated_bytes as f64 / 1024.0,
                r.final_loss,
                r.val_loss.map_or("-".into(), |v| format!("{v:.4}")),
                r.seconds
            )?;
        }
        write!(
            f,
            "\n{}\n\nThe formula column is what bf16 *would* take: 2 bytes per value instead of 4. This CPU has no bf16 \
             arithmetic, so tiny_lm emulates it: it rounds weights and activations to bf16 and keeps 16-bit copies, \
             but computes in f32 buffers besides the f32 master weights. The measured column counts all of it.",
            self.verdict()
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
            would_store_bytes: weight_bytes + activation_bytes,
            allocated_bytes: t.allocated_bytes(),
            final_loss: h.recent_loss(10).unwrap_or(f32::NAN),
            val_loss: t.validate(),
            seconds,
        });
    }
    Ok(PrecisionReport { rows })
}

/// Two threads count as "faster" when they process at least this many times
/// the tokens per second of one thread (1.2: beyond timing noise).
pub const SPEEDUP_THRESHOLD: f64 = 1.2;

/// One timed run of [`parallel_speedup`].
#[derive(Debug, Clone, PartialEq)]
pub struct ThroughputRun {
    /// Worker threads.
    pub threads: usize,
    /// Tokens trained on while timed.
    pub tokens: usize,
    /// Seconds the timed steps took.
    pub seconds: f64,
}

impl ThroughputRun {
    /// Tokens per second.
    pub fn tokens_per_sec(&self) -> f64 {
        self.tokens as f64 / self.seconds.max(1e-9)
    }
}

/// Result of [`parallel_speedup`].
#[derive(Debug, Clone, PartialEq)]
pub struct SpeedupReport {
    /// One run per thread count, 1 thread first.
    pub runs: Vec<ThroughputRun>,
    /// Cores the operating system reports.
    pub available_cores: usize,
}

impl SpeedupReport {
    /// Throughput with the most threads relative to one thread.
    pub fn speedup(&self) -> f64 {
        match (self.runs.first(), self.runs.last()) {
            (Some(a), Some(b)) => b.tokens_per_sec() / a.tokens_per_sec(),
            _ => 1.0,
        }
    }

    /// What this run measured, against [`SPEEDUP_THRESHOLD`].
    pub fn verdict(&self) -> String {
        let threads = self.runs.last().map_or(1, |r| r.threads);
        if self.speedup() >= SPEEDUP_THRESHOLD {
            format!(
                "{threads} threads were {:.2}x as fast as one (at least {SPEEDUP_THRESHOLD}x counts as a speed-up): the cores were free enough to share the work",
                self.speedup()
            )
        } else {
            format!(
                "{threads} threads were {:.2}x as fast as one, under the {SPEEDUP_THRESHOLD}x that counts as a speed-up: the cores were busy with other work, or the batch is too small to split",
                self.speedup()
            )
        }
    }

    /// Rich notebook output (evcxr): the same text as `Display`.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for SpeedupReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for r in &self.runs {
            writeln!(
                f,
                "{} thread(s): {:>8.0} tokens/s ({} tokens in {:.2} s)",
                r.threads,
                r.tokens_per_sec(),
                r.tokens,
                r.seconds
            )?;
        }
        write!(
            f,
            "{} ({} core(s) available; each thread takes a share of the batch, the gradients are summed)",
            self.verdict(),
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
        runs.push(ThroughputRun {
            threads,
            tokens: steps * config.tokens_per_step(model.context_len),
            seconds: start.elapsed().as_secs_f64(),
        });
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
