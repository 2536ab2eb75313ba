//! Validation loss and perplexity.
//!
//! Teaches: training loss says how well the model fits text it has seen;
//! *validation* loss, on held-out text, says whether it learned something
//! general. Perplexity `exp(loss)` reads as "the model is as unsure as if it
//! chose uniformly among this many tokens": a random model's perplexity is the
//! vocabulary size.

use std::fmt;

use crate::error::{Error, Result};
use crate::model::{Model, Workspace};
use crate::precision::Precision;

/// Mean next-token loss of a model on some text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct EvalReport {
    /// Mean cross-entropy in nats per token.
    pub loss: f32,
    /// `exp(loss)`.
    pub perplexity: f32,
    /// Tokens predicted.
    pub tokens: usize,
}

impl EvalReport {
    /// Rich notebook output (evcxr): the same text as `Display`.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/plain\n{self}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for EvalReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "loss {:.4} nats/token, perplexity {:.1} ({} tokens)",
            self.loss, self.perplexity, self.tokens
        )
    }
}

/// Evaluate on up to `max_windows` non-overlapping context-length windows,
/// evenly spread over `tokens` (deterministic: no sampling).
///
/// ```
/// use tiny_lm::{eval::evaluate, Model, ModelConfig};
/// let model = Model::new(ModelConfig::tiny(300), 0).unwrap();
/// let tokens: Vec<u32> = (0..200).map(|i| i % 300).collect();
/// let report = evaluate(&model, &tokens, 4).unwrap();
/// assert!((report.perplexity - 300.0).abs() < 30.0); // untrained: about uniform
/// ```
pub fn evaluate(model: &Model, tokens: &[u32], max_windows: usize) -> Result<EvalReport> {
    let t = model.config.context_len;
    let available = tokens.len().saturating_sub(1) / t;
    if available == 0 {
        return Err(Error::NotEnoughData(format!(
            "need more than {} tokens to evaluate a model with context {t}, got {}",
            t,
            tokens.len()
        )));
    }
    model.check_tokens(tokens)?;
    let windows = available.min(max_windows.max(1));
    let stride = available / windows;
    let mut x = Vec::with_capacity(windows * t);
    let mut y = Vec::with_capacity(windows * t);
    for w in 0..windows {
        let start = w * stride * t;
        x.extend_from_slice(&tokens[start..start + t]);
        y.extend_from_slice(&tokens[start + 1..start + t + 1]);
    }
    let mut ws = Workspace::new(model.config, windows, t, Precision::F32);
    let loss = (ws.loss(&model.params, &x, &y) / (windows * t) as f64) as f32;
    Ok(EvalReport {
        loss,
        perplexity: loss.exp(),
        tokens: windows * t,
    })
}

/// Mean loss (nats per token) on `tokens` of a *unigram* model: one that
/// ignores the context and always predicts each token with its frequency in
/// `train` (add-one smoothed, so unseen tokens are not infinitely surprising).
/// A language model that does not beat this has learned nothing about order.
///
/// ```
/// use tiny_lm::eval::unigram_loss;
/// let train = [0, 0, 0, 1]; // token 0 three times as often as token 1
/// let loss = unigram_loss(&train, &[0, 1], 2).unwrap();
/// let (p0, p1) = (4.0f32 / 6.0, 2.0f32 / 6.0); // (3 + 1) / (4 + 2), (1 + 1) / (4 + 2)
/// assert!((loss - -(p0.ln() + p1.ln()) / 2.0).abs() < 1e-6);
/// ```
pub fn unigram_loss(train: &[u32], tokens: &[u32], vocab_size: usize) -> Result<f32> {
    if tokens.is_empty() {
        return Err(Error::NotEnoughData(
            "no tokens to measure the unigram loss on".into(),
        ));
    }
    if let Some(&id) = train
        .iter()
        .chain(tokens)
        .find(|&&t| t as usize >= vocab_size)
    {
        return Err(Error::UnknownToken { id, vocab_size });
    }
    let mut counts = vec![1.0f64; vocab_size];
    for &t in train {
        counts[t as usize] += 1.0;
    }
    let total: f64 = counts.iter().sum();
    let loss: f64 = tokens
        .iter()
        .map(|&t| -(counts[t as usize] / total).ln())
        .sum();
    Ok((loss / tokens.len() as f64) as f32)
}
