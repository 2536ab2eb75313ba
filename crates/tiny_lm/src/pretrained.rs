//! The shipped model: pre-trained on the general corpus, embedded in the crate.
//!
//! Teaches: pre-training is the expensive part, done once; everyone else
//! starts from the saved weights. `assets/general.tlm` is rebuilt from `data/`
//! by `cargo run --release -p tiny_lm --bin build_checkpoint` and embedded with
//! `include_bytes!`, so loading needs no file paths and takes milliseconds.
//! It is also the offline provider's model in `llm_connector`.

use crate::checkpoint::Checkpoint;
use crate::error::{Error, Result};
use crate::eval::{evaluate, EvalReport};
use crate::generate::{self, SampleConfig, TopK};
use crate::model::Model;
use crate::tokenizer::Tokenizer;

/// The checkpoint file's bytes, compiled into the crate.
pub static CHECKPOINT_BYTES: &[u8] = include_bytes!("../assets/general.tlm");

/// Sampling temperature for [`Pretrained::continue_text`]: 0.8 keeps the
/// tiny model's text readable without looping on one phrase.
pub const TEMPERATURE: f32 = 0.8;
/// Top-k for [`Pretrained::continue_text`]: only the 40 likeliest tokens.
pub const TOP_K: usize = 40;

/// The pre-trained model with its tokenizer.
#[derive(Debug, Clone, PartialEq)]
pub struct Pretrained {
    /// Weights and shape.
    pub model: Model,
    /// The tokenizer it was trained with.
    pub tokenizer: Tokenizer,
}

/// Load the embedded checkpoint (a few milliseconds).
///
/// ```
/// let lm = tiny_lm::pretrained::load().unwrap();
/// let text = lm.continue_text("The weather today is", 10, 0);
/// assert_eq!(text, lm.continue_text("The weather today is", 10, 0)); // deterministic
/// ```
pub fn load() -> Result<Pretrained> {
    let ckpt = Checkpoint::from_bytes(CHECKPOINT_BYTES)?;
    let tokenizer = ckpt
        .tokenizer
        .ok_or_else(|| Error::Corrupt("the embedded checkpoint has no tokenizer".into()))?;
    if tokenizer.vocab_size() != ckpt.model.config.vocab_size {
        return Err(Error::Corrupt(
            "embedded tokenizer and model disagree on the vocabulary".into(),
        ));
    }
    Ok(Pretrained {
        model: ckpt.model,
        tokenizer,
    })
}

impl Pretrained {
    /// Continue `prompt` with up to `max_new_tokens` tokens (temperature
    /// [`TEMPERATURE`], top-k [`TOP_K`]). Returns only the new text, cut after
    /// its last full sentence when there is one. Same seed, same text.
    pub fn continue_text(&self, prompt: &str, max_new_tokens: usize, seed: u64) -> String {
        let cfg = SampleConfig {
            max_new_tokens,
            temperature: TEMPERATURE,
            top_k: TOP_K,
            seed,
        };
        // Cannot fail: the tokenizer only produces in-vocabulary ids and an
        // empty prompt is replaced by a line break.
        let text = generate::sample(&self.model, &self.tokenizer, prompt, &cfg).unwrap_or_default();
        trim_to_sentence(&text)
    }

    /// The `k` likeliest next tokens after `context`, with probabilities.
    pub fn top_k_next(&self, context: &str, k: usize) -> Vec<(String, f32)> {
        self.next_tokens(context, k)
            .map(|t| t.pairs())
            .unwrap_or_default()
    }

    /// Like [`Pretrained::top_k_next`], as a table that displays in a notebook.
    pub fn next_tokens(&self, context: &str, k: usize) -> Result<TopK> {
        generate::top_k_next(&self.model, &self.tokenizer, context, k)
    }

    /// Sample with full control over temperature, top-k and seed.
    pub fn sample(&self, prompt: &str, cfg: &SampleConfig) -> Result<String> {
        generate::sample(&self.model, &self.tokenizer, prompt, cfg)
    }

    /// Validation loss and perplexity on some text.
    pub fn evaluate(&self, text: &str) -> Result<EvalReport> {
        evaluate(&self.model, &self.tokenizer.encode(text), 64)
    }
}

/// Cut after the last `.`, `!` or `?` if that keeps at least half the text.
fn trim_to_sentence(text: &str) -> String {
    match text.rfind(['.', '!', '?']) {
        Some(i) if i + 1 >= text.len() / 2 => text[..=i].to_string(),
        _ => text.trim_end().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_checkpoint_loads_and_predicts_plausible_tokens() {
        let lm = load().unwrap();
        let top = lm.top_k_next("The weather today is", 5);
        assert_eq!(top.len(), 5);
        assert!(top.windows(2).all(|w| w[0].1 >= w[1].1));
        assert!(
            top[0].1 > 1.0 / lm.model.config.vocab_size as f32,
            "better than uniform"
        );
    }

    /// A model that learned something about word order beats a unigram model
    /// (each token at its frequency, context ignored) on text it never saw.
    const MARGIN_OVER_UNIGRAM: f32 = 0.5;

    #[test]
    fn embedded_checkpoint_beats_a_unigram_model_on_held_out_text_by_a_margin() {
        let lm = load().unwrap();
        let split = crate::data::Pipeline::default()
            .run(&crate::corpus::general())
            .split;
        let train = lm.tokenizer.encode(&split.train_text());
        let val = lm.tokenizer.encode(&split.validation_text());
        let vocab = lm.model.config.vocab_size;
        let model_loss = evaluate(&lm.model, &val, 64).unwrap().loss;
        let unigram = crate::eval::unigram_loss(&train, &val, vocab).unwrap();
        assert!(
            model_loss < unigram - MARGIN_OVER_UNIGRAM,
            "model {model_loss:.3} vs unigram {unigram:.3} nats/token"
        );
        // The bar can fail: an untrained model of the same shape does not pass it.
        let untrained = Model::new(lm.model.config, 0).unwrap();
        let untrained_loss = evaluate(&untrained, &val, 64).unwrap().loss;
        assert!(
            untrained_loss > unigram - MARGIN_OVER_UNIGRAM,
            "{untrained_loss}"
        );
    }

    #[test]
    fn continue_text_is_deterministic_and_handles_odd_prompts() {
        let lm = load().unwrap();
        let a = lm.continue_text("Explain pre-training", 20, 7);
        assert_eq!(a, lm.continue_text("Explain pre-training", 20, 7));
        assert!(!a.is_empty());
        assert_ne!(a, lm.continue_text("Explain pre-training", 20, 8));
        assert_eq!(lm.continue_text("anything", 0, 1), "");
        assert!(!lm.continue_text("", 5, 1).is_empty());
        let huge = "token ".repeat(1000);
        assert!(!lm.continue_text(&huge, 5, 1).is_empty());
        assert!(!lm.continue_text("日本語 🎉 \u{0} \t", 5, 1).is_empty());
    }

    #[test]
    fn trimming_keeps_whole_sentences() {
        assert_eq!(trim_to_sentence(" It rains. The sun"), " It rains.");
        assert_eq!(trim_to_sentence(" no end at all "), " no end at all");
        assert_eq!(
            trim_to_sentence("A. long tail without end"),
            "A. long tail without end"
        );
    }
}
