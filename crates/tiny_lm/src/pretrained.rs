//! The shipped models: `base`, pre-trained on the general corpus, and
//! `instruct`, `base` fine-tuned to answer questions. Both are embedded in
//! the crate.
//!
//! Teaches: pre-training is the expensive part, done once; everyone else
//! starts from the saved weights. Instruction tuning then turns a text
//! continuer into something that answers (see [`crate::chat`]). Both files
//! are rebuilt from `data/` by one command,
//! `cargo run --release -p tiny_lm --bin build_checkpoint`, which also writes
//! the model card `assets/MODEL_CARD.md`; they are embedded with
//! `include_bytes!`, so loading needs no file paths and takes milliseconds.
//! `instruct` is the offline provider's model in `llm_connector`.

use std::fmt;

use crate::chat::{ChatTemplate, Role, Turn, DEFAULT_SYSTEM, SPECIAL_TOKENS};
use crate::checkpoint::Checkpoint;
use crate::error::{Error, Result};
use crate::eval::{evaluate, EvalReport};
use crate::generate::{self, SampleConfig, StopReason, TopK};
use crate::model::Model;
use crate::tokenizer::Tokenizer;

/// The pre-trained checkpoint's bytes, compiled into the crate.
pub static BASE_BYTES: &[u8] = include_bytes!("../assets/base.tlm");
/// The instruction-tuned checkpoint's bytes, compiled into the crate.
pub static INSTRUCT_BYTES: &[u8] = include_bytes!("../assets/instruct.tlm");
/// The model card written by `build_checkpoint` with both checkpoints.
pub static MODEL_CARD: &str = include_str!("../assets/MODEL_CARD.md");

/// Sampling temperature for [`Pretrained::continue_text`]: 0.8 keeps the
/// tiny model's text readable without looping on one phrase.
pub const TEMPERATURE: f32 = 0.8;
/// Top-k for [`Pretrained::continue_text`]: only the 40 likeliest tokens.
pub const TOP_K: usize = 40;
/// Longest answer [`Pretrained::answer`] writes unless asked otherwise.
pub const ANSWER_TOKENS: usize = 120;

/// How answers are sampled: sharper than the model (temperature 0.5: a
/// tiny model's second choices are often wrong), the nucleus holding 90%
/// (top-p) of at most 40 tokens, recent answer tokens made 1.2 times less
/// likely so the answer does not loop, the words of the question made 10
/// times likelier until the answer has used them (`copy_boost`: the model
/// rarely copies from its prompt by itself), and best of 16 drafts, scored
/// by the model's own mean log-probability per token plus 3 times the share
/// of the question's key words used. These were chosen on the validation
/// questions with `try_finetune` (see the model card).
pub const ANSWER_SAMPLING: SampleConfig = SampleConfig {
    max_new_tokens: ANSWER_TOKENS,
    temperature: 0.5,
    top_k: 40,
    top_p: 0.9,
    repetition_penalty: 1.2,
    repetition_window: 32,
    copy_boost: 10.0,
    candidates: 16,
    topic_weight: 3.0,
    seed: 0,
};

/// A shipped model with its tokenizer and chat template.
#[derive(Debug, Clone, PartialEq)]
pub struct Pretrained {
    /// Weights and shape.
    pub model: Model,
    /// The tokenizer it was trained with.
    pub tokenizer: Tokenizer,
    /// Its special tokens (the model's vocabulary = tokenizer + these).
    pub chat: ChatTemplate,
}

/// Load the embedded `base` checkpoint (a few milliseconds): the model
/// after pre-training only. Same as [`load_base`].
///
/// ```
/// let lm = tiny_lm::pretrained::load().unwrap();
/// let text = lm.continue_text("The weather today is", 10, 0);
/// assert_eq!(text, lm.continue_text("The weather today is", 10, 0)); // deterministic
/// ```
pub fn load() -> Result<Pretrained> {
    load_base()
}

/// The pre-trained model: it continues text.
pub fn load_base() -> Result<Pretrained> {
    Pretrained::from_bytes(BASE_BYTES)
}

/// The instruction-tuned model: it answers questions.
///
/// ```
/// let lm = tiny_lm::pretrained::load_instruct().unwrap();
/// let reply = lm.answer("What is a token?", 0);
/// assert!(!reply.text.is_empty());
/// ```
pub fn load_instruct() -> Result<Pretrained> {
    Pretrained::from_bytes(INSTRUCT_BYTES)
}

/// An answer from [`Pretrained::chat`].
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The answer's text.
    pub text: String,
    /// Tokens of the prompt the model read (after the template and cropping).
    pub prompt_tokens: usize,
    /// Tokens the model wrote.
    pub completion_tokens: usize,
    /// Whether the model ended the answer itself (`<|end|>`) rather than
    /// reaching the token limit.
    pub finished: bool,
    /// What best of n ranked this draft by: the model's mean
    /// log-probability per token plus `topic_weight` times the share of the
    /// question's key words used.
    pub score: f32,
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl Pretrained {
    /// A checkpoint file's model, with checks that its tokenizer and chat
    /// tokens fit the model.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self> {
        let ckpt = Checkpoint::from_bytes(bytes)?;
        let tokenizer = ckpt
            .tokenizer
            .ok_or_else(|| Error::Corrupt("the checkpoint has no tokenizer".into()))?;
        if tokenizer.vocab_size() + SPECIAL_TOKENS != ckpt.model.config.vocab_size {
            return Err(Error::Corrupt(format!(
                "the tokenizer has {} tokens and the model {}; a chat model needs the tokenizer's plus {SPECIAL_TOKENS} special tokens",
                tokenizer.vocab_size(),
                ckpt.model.config.vocab_size
            )));
        }
        Ok(Pretrained {
            chat: ChatTemplate::for_tokenizer(&tokenizer),
            model: ckpt.model,
            tokenizer,
        })
    }

    /// Continue `prompt` with up to `max_new_tokens` tokens (temperature
    /// [`TEMPERATURE`], top-k [`TOP_K`]), stopping early at a special token.
    /// Returns only the new text, cut after its last full sentence when there
    /// is one. Same seed, same text.
    pub fn continue_text(&self, prompt: &str, max_new_tokens: usize, seed: u64) -> String {
        let cfg = SampleConfig {
            max_new_tokens,
            temperature: TEMPERATURE,
            top_k: TOP_K,
            seed,
            ..SampleConfig::default()
        };
        let mut ids = self.tokenizer.encode(prompt);
        if ids.is_empty() {
            ids = self.tokenizer.encode("\n");
        }
        // Cannot fail: the ids come from the tokenizer and are not empty.
        let out = generate::generate(&self.model, &ids, &cfg, |t| self.chat.is_special(t), true)
            .map(|g| self.tokenizer.decode(&g.tokens))
            .unwrap_or_default();
        trim_to_sentence(&out)
    }

    /// Answer one question with [`DEFAULT_SYSTEM`] as the system prompt.
    pub fn answer(&self, question: &str, seed: u64) -> Reply {
        let turns = [
            Turn::new(Role::System, DEFAULT_SYSTEM),
            Turn::new(Role::User, question),
        ];
        self.chat(
            &turns,
            &SampleConfig {
                seed,
                ..ANSWER_SAMPLING
            },
        )
    }

    /// The assistant's next turn in a conversation (system prompt, earlier
    /// turns, the latest user message), through the chat template. The
    /// prompt is cropped to leave room for `cfg.max_new_tokens` in the
    /// window (oldest turns first); generation stops at `<|end|>`. The reply
    /// is the best of `cfg.candidates` drafts (see [`SampleConfig::candidates`]).
    ///
    /// ```
    /// use tiny_lm::chat::{Role, Turn};
    /// use tiny_lm::pretrained::{load_instruct, ANSWER_SAMPLING};
    /// let lm = load_instruct().unwrap();
    /// let turns = [Turn::new(Role::System, "Answer in one sentence."),
    ///              Turn::new(Role::User, "What is overfitting?")];
    /// let reply = lm.chat(&turns, &ANSWER_SAMPLING);
    /// assert_eq!(reply, lm.chat(&turns, &ANSWER_SAMPLING)); // same seed, same answer
    /// ```
    pub fn chat(&self, turns: &[Turn], cfg: &SampleConfig) -> Reply {
        let window = self.model.config.context_len;
        let budget = window.saturating_sub(cfg.max_new_tokens).max(window / 2);
        let prompt = self.chat.prompt(&self.tokenizer, turns, budget);
        let question = turns.iter().rev().find(|t| t.role == Role::User);
        let question = question.map_or("", |t| t.text.as_str());
        let copy = self.word_tokens(question);
        let terms = crate::recipe::quality::key_terms(question);
        let seeds = cfg.draft_seeds();
        let is_stop = |t| self.chat.is_special(t);
        // Cannot fail: the prompt ends with the assistant marker and holds only known ids.
        let drafts =
            generate::drafts(&self.model, &prompt, &copy, cfg, &seeds, is_stop).unwrap_or_default();
        let replies = drafts.into_iter().map(|d| {
            let text = self.tokenizer.decode(&d.tokens).trim().to_string();
            Reply {
                score: d.mean_log_prob() + cfg.topic_weight * topic_share(&terms, &text),
                text,
                prompt_tokens: prompt.len(),
                completion_tokens: d.tokens.len(),
                finished: d.stop == StopReason::Stop,
            }
        });
        replies
            .reduce(|best, r| if r.score > best.score { r } else { best })
            .unwrap_or(Reply {
                text: String::new(),
                prompt_tokens: prompt.len(),
                completion_tokens: 0,
                finished: false,
                score: f32::NEG_INFINITY,
            })
    }

    /// The tokens of `text` that carry a word of three letters or more that
    /// is not a stop word: what [`SampleConfig::copy_boost`] boosts.
    fn word_tokens(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for id in self.tokenizer.encode(text) {
            let piece = self.tokenizer.decode(&[id]).trim().to_lowercase();
            let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
            let stop = crate::recipe::quality::STOP_WORDS.contains(&piece.as_str());
            if letters >= 3 && !stop && !out.contains(&id) {
                out.push(id);
            }
        }
        out
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

    /// Sample with full control over temperature, top-k, top-p, penalty and seed.
    pub fn sample(&self, prompt: &str, cfg: &SampleConfig) -> Result<String> {
        generate::sample(&self.model, &self.tokenizer, prompt, cfg)
    }

    /// Validation loss and perplexity on some text.
    pub fn evaluate(&self, text: &str) -> Result<EvalReport> {
        evaluate(&self.model, &self.tokenizer.encode(text), 64)
    }
}

/// Share of `terms` (a question's key words) that `answer` uses: how best of
/// n ([`SampleConfig::candidates`]) tells an answer on the question's topic
/// from one on another (1.0 when there are no terms).
fn topic_share(terms: &[String], answer: &str) -> f32 {
    if terms.is_empty() {
        return 1.0;
    }
    crate::recipe::quality::terms_used(terms, answer) as f32 / terms.len() as f32
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
    fn base_predicts_far_better_than_word_counts() {
        let lm = load_base().unwrap();
        let top = lm.top_k_next("The weather today is", 5);
        assert_eq!(top.len(), 5);
        assert!(top.windows(2).all(|w| w[0].1 >= w[1].1));
        // The unigram baseline is fitted on the very text it is scored on
        // (its best case); the model must still beat it by a wide margin.
        let tokens = lm.tokenizer.encode(&crate::corpus::general_text());
        let part = &tokens[..tokens.len().min(20_000)];
        let unigram = crate::recipe::unigram_loss(&tokens, part, lm.model.config.vocab_size);
        let model = crate::eval::evaluate(&lm.model, part, 64).unwrap();
        assert!(
            model.loss < unigram - 1.0,
            "model {model}, unigram {unigram:.3}"
        );
        // The bar can fail: an untrained model of the same shape does not pass it.
        let untrained = Model::new(lm.model.config, 0).unwrap();
        let untrained = crate::eval::evaluate(&untrained, part, 64).unwrap();
        assert!(untrained.loss > unigram - 1.0, "{untrained}");
    }

    #[test]
    fn shipped_models_fit_the_limit_share_a_tokenizer_and_match_their_card() {
        let (base, instruct) = (load_base().unwrap(), load_instruct().unwrap());
        assert!(BASE_BYTES.len() <= crate::recipe::MAX_CHECKPOINT_BYTES);
        assert!(INSTRUCT_BYTES.len() <= crate::recipe::MAX_CHECKPOINT_BYTES);
        assert_eq!(base.tokenizer, instruct.tokenizer);
        assert_eq!(base.model.config, instruct.model.config);
        assert_ne!(base.model.params, instruct.model.params);
        let row = format!("| parameters | {} per model |", base.model.num_params());
        assert!(
            MODEL_CARD.contains(&row),
            "the card describes another model"
        );
    }

    #[test]
    fn instruct_ends_its_answers_and_is_deterministic() {
        let lm = load_instruct().unwrap();
        let questions = [
            "What is a token?",
            "Why do we need validation data?",
            "What is a learning rate?",
        ];
        let replies: Vec<Reply> = questions.iter().map(|q| lm.answer(q, 0)).collect();
        assert_eq!(replies[0], lm.answer(questions[0], 0));
        assert!(replies.iter().all(|r| !r.text.is_empty()), "{replies:?}");
        assert!(replies.iter().any(|r| r.finished), "{replies:?}");
        assert!(
            replies.iter().all(|r| !r.text.contains("<|")),
            "{replies:?}"
        );
        let turns = [Turn::new(Role::User, "What is a token?")];
        let capped = lm.chat(
            &turns,
            &SampleConfig {
                max_new_tokens: 4,
                ..ANSWER_SAMPLING
            },
        );
        assert!(capped.completion_tokens <= 4 && !capped.finished || capped.completion_tokens < 4);
    }

    #[test]
    fn best_of_n_keeps_the_top_scoring_draft() {
        let lm = load_instruct().unwrap();
        let one = |q: &str, seed| {
            let turns = [
                Turn::new(Role::System, DEFAULT_SYSTEM),
                Turn::new(Role::User, q),
            ];
            let cfg = SampleConfig {
                seed,
                candidates: 1,
                ..ANSWER_SAMPLING
            };
            lm.chat(&turns, &cfg)
        };
        let mut changed = 0;
        for q in [
            "What is a token?",
            "Why do we need validation data?",
            "What is a learning rate?",
        ] {
            let best = lm.answer(q, 0);
            let drafts: Vec<Reply> = (0..ANSWER_SAMPLING.candidates as u64)
                .map(|s| one(q, s))
                .collect();
            let top = drafts.iter().map(|d| d.score).fold(f32::MIN, f32::max);
            assert_eq!(best.score, top, "{q}");
            assert!(
                drafts.contains(&best),
                "{q}: best of n is one of the drafts"
            );
            changed += usize::from(best != drafts[0]);
        }
        // The check can fail: one draft alone is not what best of n keeps.
        assert!(changed > 0, "best of n kept the first draft every time");
    }

    #[test]
    fn continue_text_is_deterministic_and_handles_odd_prompts() {
        let lm = load_base().unwrap();
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
