//! Checkpoints: save a training run and resume it exactly.
//!
//! Teaches: long training runs are interrupted (crashes, pre-emption, time
//! limits), so everything that determines the next step is saved: the
//! weights, the optimizer's moments and step count, the position in the
//! learning-rate schedule, the random generator's state (which batches come
//! next) and the loss record. Resuming then continues *bit for bit* the same
//! run. The format is versioned and ends with a CRC-32, so a truncated or
//! corrupted file is reported as such instead of silently loading garbage.
//!
//! Layout (little-endian): `"TLMCKPT\0"`, version `u32`, model config (5 x
//! `u32`), flags `u32`, weights, optional tokenizer, optional training state,
//! CRC-32 of everything before it.

use std::path::Path;

use crate::codec::{Reader, Writer};
use crate::error::{Error, Result};
use crate::model::{Model, ModelConfig};
use crate::precision::Precision;
use crate::rng::Rng;
use crate::tokenizer::Tokenizer;
use crate::train::{AdamW, LossHistory, TrainConfig, Trainer};

const MAGIC: &[u8; 8] = b"TLMCKPT\0";
/// Format version written and read by this build.
pub const VERSION: u32 = 1;
const HAS_TOKENIZER: u32 = 1;
const HAS_TRAIN_STATE: u32 = 2;

/// Everything needed to continue a training run (besides the text itself).
#[derive(Debug, Clone, PartialEq)]
pub struct TrainState {
    /// The run's settings.
    pub config: TrainConfig,
    /// AdamW moments and step count.
    pub optimizer: AdamW,
    /// Optimizer steps taken.
    pub step: usize,
    /// The batch-sampling generator.
    pub rng: Rng,
    /// Losses so far.
    pub history: LossHistory,
}

/// The contents of a checkpoint file.
#[derive(Debug, Clone, PartialEq)]
pub struct Checkpoint {
    /// Weights and shape.
    pub model: Model,
    /// The tokenizer the model was trained with, if saved.
    pub tokenizer: Option<Tokenizer>,
    /// Training state, if this is a resumable checkpoint (not just weights).
    pub train_state: Option<TrainState>,
}

impl Checkpoint {
    /// A resumable checkpoint of `trainer` (with its tokenizer, if given).
    pub fn of_trainer(trainer: &Trainer, tokenizer: Option<&Tokenizer>) -> Self {
        Checkpoint {
            model: trainer.model.clone(),
            tokenizer: tokenizer.cloned(),
            train_state: Some(TrainState {
                config: trainer.config,
                optimizer: trainer.optimizer.clone(),
                step: trainer.step,
                rng: trainer.rng.clone(),
                history: trainer.history.clone(),
            }),
        }
    }

    /// Continue training from this checkpoint on the given text.
    pub fn into_trainer(self, train_tokens: Vec<u32>, val_tokens: Vec<u32>) -> Result<Trainer> {
        let state = self.train_state.ok_or_else(|| {
            Error::InvalidConfig(
                "this checkpoint holds only weights, no training state to resume".into(),
            )
        })?;
        Trainer::restore(
            self.model,
            state.config,
            state.optimizer,
            state.step,
            state.rng,
            state.history,
            train_tokens,
            val_tokens,
        )
    }

    /// Serialise.
    ///
    /// ```
    /// use tiny_lm::{checkpoint::Checkpoint, Model, ModelConfig};
    /// let model = Model::new(ModelConfig::tiny(300), 0).unwrap();
    /// let ckpt = Checkpoint { model, tokenizer: None, train_state: None };
    /// assert_eq!(Checkpoint::from_bytes(&ckpt.to_bytes()).unwrap(), ckpt);
    /// ```
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::with_header(MAGIC, VERSION);
        let c = &self.model.config;
        for x in [
            c.vocab_size,
            c.context_len,
            c.d_model,
            c.n_heads,
            c.n_layers,
        ] {
            w.u32(x as u32);
        }
        let mut flags = 0;
        if self.tokenizer.is_some() {
            flags |= HAS_TOKENIZER;
        }
        if self.train_state.is_some() {
            flags |= HAS_TRAIN_STATE;
        }
        w.u32(flags);
        w.f32s(&self.model.params);
        if let Some(tok) = &self.tokenizer {
            w.blob(&tok.to_bytes());
        }
        if let Some(s) = &self.train_state {
            write_train_state(&mut w, s);
        }
        w.finish()
    }

    /// Parse and check a checkpoint.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let mut r = Reader::open(bytes, MAGIC, "tiny_lm checkpoint", VERSION)?;
        let mut dims = [0usize; 5];
        for d in &mut dims {
            *d = r.u32("model config")? as usize;
        }
        let config = ModelConfig {
            vocab_size: dims[0],
            context_len: dims[1],
            d_model: dims[2],
            n_heads: dims[3],
            n_layers: dims[4],
        };
        config
            .validate()
            .map_err(|e| Error::Corrupt(format!("model config: {e}")))?;
        let flags = r.u32("flags")?;
        let params = r.f32s("weights")?;
        if params.len() != config.num_params() {
            return Err(Error::Corrupt(format!(
                "{} weights stored, the config needs {}",
                params.len(),
                config.num_params()
            )));
        }
        let model = Model { config, params };
        let tokenizer = match flags & HAS_TOKENIZER {
            0 => None,
            _ => Some(Tokenizer::from_bytes(r.blob("tokenizer")?)?),
        };
        let train_state = match flags & HAS_TRAIN_STATE {
            0 => None,
            _ => Some(read_train_state(&mut r, &config)?),
        };
        r.finish()?;
        Ok(Checkpoint {
            model,
            tokenizer,
            train_state,
        })
    }

    /// Write to a file (via a temporary file and rename, so a crash never
    /// leaves a half-written checkpoint under the real name).
    pub fn save(&self, path: impl AsRef<Path>) -> Result<()> {
        let path = path.as_ref();
        let tmp = path.with_extension("tmp");
        std::fs::write(&tmp, self.to_bytes()).map_err(|e| Error::io(&tmp, e))?;
        std::fs::rename(&tmp, path).map_err(|e| Error::io(path, e))
    }

    /// Read a file written by [`Checkpoint::save`].
    pub fn load(path: impl AsRef<Path>) -> Result<Self> {
        let bytes = std::fs::read(path.as_ref()).map_err(|e| Error::io(path.as_ref(), e))?;
        Checkpoint::from_bytes(&bytes)
    }
}

fn write_train_state(w: &mut Writer, s: &TrainState) {
    let c = &s.config;
    for x in [
        c.batch_size,
        c.grad_accum_steps,
        c.total_steps,
        c.warmup_steps,
        c.threads,
        c.log_every,
        c.eval_every,
        c.eval_windows,
    ] {
        w.u64(x as u64);
    }
    for x in [
        c.learning_rate,
        c.min_lr,
        c.weight_decay,
        c.beta1,
        c.beta2,
        c.eps,
        c.grad_clip,
    ] {
        w.f32(x);
    }
    w.u32(match c.precision {
        Precision::F32 => 0,
        Precision::Bf16 => 1,
    });
    w.u64(c.seed);
    w.u64(s.step as u64);
    w.u64(s.rng.state());
    w.u64(s.optimizer.t);
    w.f32s(&s.optimizer.m);
    w.f32s(&s.optimizer.v);
    let h = &s.history;
    w.u64(h.tokens_seen as u64);
    w.f32s(&h.steps.iter().map(|&x| x as f32).collect::<Vec<_>>());
    w.f32s(&h.train_loss);
    w.f32s(&h.lr);
    w.f32s(&h.grad_norm);
    w.f32s(&h.val.iter().map(|v| v.0 as f32).collect::<Vec<_>>());
    w.f32s(&h.val.iter().map(|v| v.1).collect::<Vec<_>>());
}

fn read_train_state(r: &mut Reader, model: &ModelConfig) -> Result<TrainState> {
    let mut ints = [0usize; 8];
    for x in &mut ints {
        *x = r.u64("training config")? as usize;
    }
    let mut floats = [0f32; 7];
    for x in &mut floats {
        *x = r.f32("training config")?;
    }
    let precision = match r.u32("precision")? {
        0 => Precision::F32,
        1 => Precision::Bf16,
        p => return Err(Error::Corrupt(format!("unknown precision code {p}"))),
    };
    let config = TrainConfig {
        batch_size: ints[0],
        grad_accum_steps: ints[1],
        total_steps: ints[2],
        warmup_steps: ints[3],
        threads: ints[4],
        log_every: ints[5],
        eval_every: ints[6],
        eval_windows: ints[7],
        learning_rate: floats[0],
        min_lr: floats[1],
        weight_decay: floats[2],
        beta1: floats[3],
        beta2: floats[4],
        eps: floats[5],
        grad_clip: floats[6],
        precision,
        seed: r.u64("seed")?,
    };
    let step = r.u64("step")? as usize;
    let rng = Rng::from_state(r.u64("rng state")?);
    let t = r.u64("optimizer step")?;
    let (m, v) = (r.f32s("optimizer m")?, r.f32s("optimizer v")?);
    if m.len() != model.num_params() || v.len() != model.num_params() {
        return Err(Error::Corrupt(
            "optimizer state does not match the model size".into(),
        ));
    }
    let tokens_seen = r.u64("history")? as usize;
    let steps = r.f32s("history")?.into_iter().map(|x| x as usize).collect();
    let (train_loss, lr, grad_norm) = (r.f32s("history")?, r.f32s("history")?, r.f32s("history")?);
    let (val_steps, val_loss) = (r.f32s("history")?, r.f32s("history")?);
    let history = LossHistory {
        steps,
        train_loss,
        lr,
        grad_norm,
        val: val_steps
            .into_iter()
            .map(|s| s as usize)
            .zip(val_loss)
            .collect(),
        tokens_seen,
        elapsed_secs: 0.0,
    };
    Ok(TrainState {
        config,
        optimizer: AdamW::from_state(model, m, v, t),
        step,
        rng,
        history,
    })
}

#[cfg(test)]
mod tests;
