//! Each training technique, measured: one call per notebook cell.
//!
//! Teaches: claims about training ("accumulation equals a bigger batch",
//! "a checkpoint resumes the same run", "bf16 halves memory", "threads speed
//! it up", "training costs 6 x parameters x tokens FLOPs") are checkable. Each
//! function here runs the experiment on a tiny model and returns a report that
//! prints as a sentence or shows as a table or chart.

use std::fmt;

use crate::checkpoint::Checkpoint;
use crate::corpus::Example;
use crate::data::Pipeline;
use crate::error::Result;
use crate::model::{Model, ModelConfig};
use crate::plot::{Chart, Series};
use crate::tokenizer::Tokenizer;
use crate::train::{LossHistory, TrainConfig, Trainer};

mod bias;
mod closeness;
mod compute;
mod fine_tune;
mod precision;
pub use bias::*;
pub use closeness::*;
pub use compute::*;
pub use fine_tune::*;
pub use precision::*;

/// A tokenizer with the training and validation text it encoded.
#[derive(Debug, Clone)]
pub struct TextData {
    /// The tokenizer.
    pub tokenizer: Tokenizer,
    /// Training tokens.
    pub train: Vec<u32>,
    /// Validation tokens.
    pub val: Vec<u32>,
}

impl TextData {
    /// The general corpus through the data pipeline, with a BPE tokenizer of
    /// `vocab_size` trained on its training split.
    ///
    /// ```
    /// let data = tiny_lm::experiments::TextData::general(300).unwrap();
    /// assert!(data.train.len() > 10 * data.val.len() / 2);
    /// ```
    pub fn general(vocab_size: usize) -> Result<Self> {
        let report = Pipeline::default().run(&crate::corpus::general());
        let (train_text, val_text) = (report.split.train_text(), report.split.validation_text());
        let tokenizer = Tokenizer::train(&train_text, vocab_size)?;
        Ok(TextData::encode(tokenizer, &train_text, &val_text))
    }

    /// Encode given texts with an existing tokenizer.
    pub fn encode(tokenizer: Tokenizer, train_text: &str, val_text: &str) -> Self {
        let (train, val) = (tokenizer.encode(train_text), tokenizer.encode(val_text));
        TextData {
            tokenizer,
            train,
            val,
        }
    }

    /// Fine-tuning examples as `Q: ... A: ...` text; every tenth example is
    /// held out for validation.
    pub fn from_examples(tokenizer: Tokenizer, examples: &[Example]) -> Self {
        let (mut train, mut val) = (String::new(), String::new());
        for (i, e) in examples.iter().enumerate() {
            let dst = if i % 10 == 9 { &mut val } else { &mut train };
            dst.push_str(&e.to_text());
            dst.push('\n');
        }
        TextData::encode(tokenizer, &train, &val)
    }

    /// A trainer for a fresh model of shape `model` on this data.
    pub fn trainer(&self, model: ModelConfig, config: TrainConfig, seed: u64) -> Result<Trainer> {
        Trainer::new(
            Model::new(model, seed)?,
            config,
            self.train.clone(),
            self.val.clone(),
        )
    }
}

fn quiet(cfg: TrainConfig) -> TrainConfig {
    TrainConfig {
        log_every: 0,
        eval_every: 0,
        ..cfg
    }
}

/// Result of [`accumulation_vs_big_batch`].
#[derive(Debug, Clone, PartialEq)]
pub struct AccumulationReport {
    /// `(micro-batch size, micro-batches)` of the accumulating run.
    pub micro: (usize, usize),
    /// Loss of each step with one big batch.
    pub big_batch_losses: Vec<f32>,
    /// Loss of each step with accumulation.
    pub accumulated_losses: Vec<f32>,
    /// The two runs' weights afterwards.
    pub weights: Closeness,
}

impl AccumulationReport {
    /// Rich notebook output (evcxr): the same text as `Display`.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for AccumulationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (b, k) = self.micro;
        writeln!(f, "step | batch of {} | {k} micro-batches of {b}", b * k)?;
        for (i, (x, y)) in self
            .big_batch_losses
            .iter()
            .zip(&self.accumulated_losses)
            .enumerate()
        {
            writeln!(f, "{:>4} | {x:>11.6} | {y:>11.6}", i + 1)?;
        }
        write!(f, "weights afterwards: {}", self.weights)
    }
}

/// Train `steps` steps with batches of `micro_batch * k`, and again with `k`
/// accumulated micro-batches of `micro_batch`; compare losses and weights.
pub fn accumulation_vs_big_batch(
    data: &TextData,
    model: ModelConfig,
    micro_batch: usize,
    k: usize,
    steps: usize,
) -> Result<AccumulationReport> {
    let base = quiet(TrainConfig::default());
    let mut big = data.trainer(
        model,
        TrainConfig {
            batch_size: micro_batch * k,
            ..base
        },
        0,
    )?;
    let mut acc = data.trainer(
        model,
        TrainConfig {
            batch_size: micro_batch,
            grad_accum_steps: k,
            ..base
        },
        0,
    )?;
    let big_batch_losses = (0..steps).map(|_| big.step()).collect();
    let accumulated_losses = (0..steps).map(|_| acc.step()).collect();
    Ok(AccumulationReport {
        micro: (micro_batch, k),
        big_batch_losses,
        accumulated_losses,
        weights: Closeness::of(&big.model.params, &acc.model.params),
    })
}

/// Result of [`checkpoint_resume`].
#[derive(Debug, Clone, PartialEq)]
pub struct ResumeReport {
    /// The uninterrupted run.
    pub straight: LossHistory,
    /// The run that was saved after `saved_at` steps, loaded, and continued.
    pub resumed: LossHistory,
    /// Step at which the checkpoint was written.
    pub saved_at: usize,
    /// Size of the checkpoint file.
    pub checkpoint_bytes: usize,
    /// Whether final weights match bit for bit.
    pub identical: bool,
    /// The final weights of both runs, compared.
    pub weights: Closeness,
}

impl ResumeReport {
    /// Compare an uninterrupted run with one resumed from a checkpoint
    /// written after `saved_at` steps (a file of `checkpoint_bytes`).
    pub fn new(
        straight: &Trainer,
        resumed: &Trainer,
        saved_at: usize,
        checkpoint_bytes: usize,
    ) -> Self {
        let bits = |m: &Model| m.params.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        ResumeReport {
            straight: straight.history.clone(),
            resumed: resumed.history.clone(),
            saved_at,
            checkpoint_bytes,
            identical: bits(&straight.model) == bits(&resumed.model),
            weights: Closeness::of(&straight.model.params, &resumed.model.params),
        }
    }

    /// Both loss curves on one chart: the resumed one lies exactly on top.
    pub fn plot(&self) -> Chart {
        let mut chart = Chart::new(
            "Save at step N, load, continue: the same curve",
            "step",
            "training loss",
        );
        let pts = |h: &LossHistory, from: usize| {
            h.steps
                .iter()
                .zip(&h.train_loss)
                .filter(|(&s, _)| s > from)
                .map(|(&s, &l)| (s as f64, l as f64))
                .collect()
        };
        chart.add(Series::new("uninterrupted", pts(&self.straight, 0)));
        chart.add(
            Series::new("resumed from checkpoint", pts(&self.resumed, self.saved_at))
                .with_markers(),
        );
        chart
    }

    /// Rich notebook output: the chart.
    pub fn evcxr_display(&self) {
        println!("{self}");
        self.plot().evcxr_display();
    }
}

impl fmt::Display for ResumeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "checkpoint at step {} ({} KB); final loss straight {:.6} vs resumed {:.6}",
            self.saved_at,
            self.checkpoint_bytes / 1024,
            self.straight.last_loss().unwrap_or(f32::NAN),
            self.resumed.last_loss().unwrap_or(f32::NAN),
        )?;
        if self.identical {
            write!(
                f,
                "final weights identical bit for bit: the resumed run is the uninterrupted run"
            )
        } else {
            write!(f, "final weights NOT identical: {}", self.weights)
        }
    }
}

/// Train `2n` steps straight; separately train `n`, save a checkpoint, load
/// it into a new trainer, and train `n` more.
pub fn checkpoint_resume(
    data: &TextData,
    model: ModelConfig,
    config: TrainConfig,
    n: usize,
) -> Result<ResumeReport> {
    let config = quiet(config);
    let mut straight = data.trainer(model, config, 0)?;
    straight.train(2 * n);
    let mut first = data.trainer(model, config, 0)?;
    first.train(n);
    let bytes = Checkpoint::of_trainer(&first, Some(&data.tokenizer)).to_bytes();
    drop(first);
    let mut resumed =
        Checkpoint::from_bytes(&bytes)?.into_trainer(data.train.clone(), data.val.clone())?;
    resumed.train(n);
    Ok(ResumeReport::new(&straight, &resumed, n, bytes.len()))
}

#[cfg(test)]
mod tests;
