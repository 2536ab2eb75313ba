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
use crate::train::TokenStream;

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
    evaluate_stream(model, &TokenStream::from(tokens.to_vec()), max_windows)
}

/// Like [`evaluate`], counting only the targets the stream trains on, in
/// windows that begin where the stream allows (for instruction data: the
/// loss on answer tokens only).
pub fn evaluate_stream(
    model: &Model,
    stream: &TokenStream,
    max_windows: usize,
) -> Result<EvalReport> {
    let t = model.config.context_len;
    let (x, y) = stream.eval_windows(t, max_windows).ok_or_else(|| {
        Error::NotEnoughData(format!(
            "need more than {} tokens to evaluate a model with context {t}, got {}",
            t,
            stream.len()
        ))
    })?;
    model.check_tokens(&stream.tokens)?;
    let counted = TokenStream::counted(&y);
    if counted == 0 {
        return Err(Error::NotEnoughData(
            "no target in the evaluation windows counts in the loss".into(),
        ));
    }
    let mut ws = Workspace::new(model.config, x.len() / t, t, Precision::F32);
    let loss = (ws.loss(&model.params, &x, &y) / counted as f64) as f32;
    Ok(EvalReport {
        loss,
        perplexity: loss.exp(),
        tokens: counted,
    })
}
