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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let loss = (summed_loss(model, &x, &y, cores) / counted as f64) as f32;
    Ok(EvalReport {
        loss,
        perplexity: loss.exp(),
        tokens: counted,
    })
}

/// The summed cross-entropy of every window of `x` (next tokens `y`), the
/// windows shared out among up to `threads` threads.
///
/// Each window's loss is computed on its own and the window sums are added in
/// window order, so the result has the same bits whatever the number of
/// cores: an evaluation (and what a run decides from it) repeats exactly on
/// another machine.
fn summed_loss(model: &Model, x: &[u32], y: &[u32], threads: usize) -> f64 {
    let t = model.config.context_len;
    let windows = x.len() / t;
    let per_thread = windows.div_ceil(threads.max(1)).max(1) * t;
    let window_losses = |xs: &[u32], ys: &[u32]| -> Vec<f64> {
        let mut ws = Workspace::new(model.config, 1, t, Precision::F32);
        xs.chunks(t)
            .zip(ys.chunks(t))
            .map(|(xw, yw)| ws.loss(&model.params, xw, yw))
            .collect()
    };
    std::thread::scope(|scope| {
        let parts: Vec<_> = x
            .chunks(per_thread)
            .zip(y.chunks(per_thread))
            .map(|(xs, ys)| scope.spawn(move || window_losses(xs, ys)))
            .collect();
        parts
            .into_iter()
            .flat_map(|part| part.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .sum()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ModelConfig;

    #[test]
    fn the_summed_loss_has_the_same_bits_on_any_number_of_threads() {
        let model = Model::new(ModelConfig::tiny(300), 3).unwrap();
        let t = model.config.context_len;
        let x: Vec<u32> = (0..7 * t as u32).map(|i| (i * 7 + i / 5) % 300).collect();
        let y: Vec<u32> = x.iter().map(|&i| (i * 13 + 1) % 300).collect();
        let one = summed_loss(&model, &x, &y, 1);
        for threads in [2, 3, 4, 7, 64] {
            assert_eq!(
                summed_loss(&model, &x, &y, threads).to_bits(),
                one.to_bits(),
                "{threads} threads"
            );
        }
        // The check can fail: the same losses summed thread by thread (part sums, then their
        // sum) give other bits for these windows.
        let mut ws = Workspace::new(model.config, 1, t, Precision::F32);
        let windows: Vec<f64> = x
            .chunks(t)
            .zip(y.chunks(t))
            .map(|(xw, yw)| ws.loss(&model.params, xw, yw))
            .collect();
        let by_parts: f64 = windows.chunks(3).map(|part| part.iter().sum::<f64>()).sum();
        assert_ne!(by_parts.to_bits(), one.to_bits());
        assert!((by_parts - one).abs() < 1e-9 * one);
    }
}
