//! Speed: threads, and FLOP counting.

use std::fmt;
use std::time::Instant;

use super::{quiet, TextData};
use crate::error::{Error, Result};
use crate::model::{Model, ModelConfig};
use crate::train::{LossHistory, TrainConfig};

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
