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
//! `include_bytes!`, so loading needs no file paths and takes milliseconds
//! (the first `instruct` in a process about 50 ms more: it indexes its tuning
//! set for recall).
//! `instruct` is the offline provider's model in `llm_connector`.

mod reply;

pub use reply::{Origin, Reply};

use std::sync::OnceLock;

use crate::chat::{parse_instructions, AnswerBank, ChatTemplate, Role, Turn};
use crate::chat::{DEFAULT_SYSTEM, SPECIAL_TOKENS};
use crate::checkpoint::Checkpoint;
use crate::error::{Error, Result};
use crate::eval::{evaluate, EvalReport};
use crate::generate::{self, SampleConfig, TopK};
use crate::model::Model;
use crate::tokenizer::Tokenizer;

/// The pre-trained checkpoint's bytes, compiled into the crate.
pub static BASE_BYTES: &[u8] = include_bytes!("../assets/base.tlm");
/// The instruction-tuned checkpoint's bytes, compiled into the crate.
pub static INSTRUCT_BYTES: &[u8] = include_bytes!("../assets/instruct.tlm");
/// The instruction-tuning set `instruct` was tuned on: the answers it can
/// recall ([`SampleConfig::recall`]).
pub static TUNING_SET: &str = include_str!("../../../data/instruct/train.jsonl");
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
/// of the question's key words used; but when a tuned answer is at least
/// [`RECALL_SIMILARITY`] similar to the question, it is recalled instead (see
/// [`Origin::Recalled`]). These were chosen on the validation questions with
/// `try_finetune` (see the model card and BENCHMARKS.md).
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
    recall: Some(RECALL_SIMILARITY),
    seed: 0,
};

/// The least similarity ([`AnswerBank::nearest`]) at which the offline
/// answer recalls a tuned answer instead of drafting one: of 0.2 to 0.5,
/// the highest with the best on-topic share on the validation questions
/// (BENCHMARKS.md, "Issue 13, session 8").
pub const RECALL_SIMILARITY: f32 = 0.3;

/// A shipped model with its tokenizer and chat template.
#[derive(Debug, Clone, PartialEq)]
pub struct Pretrained {
    /// Weights and shape.
    pub model: Model,
    /// The tokenizer it was trained with.
    pub tokenizer: Tokenizer,
    /// Its special tokens (the model's vocabulary = tokenizer + these).
    pub chat: ChatTemplate,
    /// The tuned answers it may recall (empty for `base`).
    pub answers: AnswerBank,
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
    Ok(Pretrained::from_bytes(INSTRUCT_BYTES)?.with_answers(tuned_answers()?))
}

/// The answers `instruct` may recall: the pairs the build tuned on (the
/// held-back paraphrases left out), as `recipe::instruction_tune` gives the
/// model it measures for the card. Built once per process and copied after:
/// indexing the 824 KB tuning set takes about 50 ms, a copy about 2 ms, and a
/// notebook loads `instruct` more than once.
fn tuned_answers() -> Result<AnswerBank> {
    static TUNED: OnceLock<std::result::Result<AnswerBank, String>> = OnceLock::new();
    TUNED
        .get_or_init(|| {
            let set = parse_instructions(TUNING_SET).map_err(|e| e.to_string())?;
            let every = crate::recipe::Recipe::shipped().recall_every;
            Ok(AnswerBank::tuned_on(&set, every))
        })
        .clone()
        .map_err(|e| Error::Corrupt(format!("the embedded tuning set: {e}")))
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
            answers: AnswerBank::default(),
        })
    }

    /// The same model with `answers` to recall from.
    pub fn with_answers(self, answers: AnswerBank) -> Self {
        Pretrained { answers, ..self }
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

    /// Answer one question with [`DEFAULT_SYSTEM`] as the system prompt,
    /// as the offline provider does ([`ANSWER_SAMPLING`]: a tuned answer
    /// is recalled when its question is near enough, see [`Reply::origin`]).
    pub fn answer(&self, question: &str, seed: u64) -> Reply {
        self.answer_with(question, seed, ANSWER_SAMPLING.recall)
    }

    /// [`Pretrained::answer`] without recall: the model writes the answer
    /// itself, token by token (best of n drafts), whatever the question.
    pub fn write_answer(&self, question: &str, seed: u64) -> Reply {
        self.answer_with(question, seed, None)
    }

    fn answer_with(&self, question: &str, seed: u64, recall: Option<f32>) -> Reply {
        let turns = [
            Turn::new(Role::System, DEFAULT_SYSTEM),
            Turn::new(Role::User, question),
        ];
        let cfg = SampleConfig {
            seed,
            recall,
            ..ANSWER_SAMPLING
        };
        self.chat(&turns, &cfg)
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
                recall: None,
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
            let best = lm.write_answer(q, 0);
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

    /// The main notebook's prompts to the offline model, with their key terms.
    fn notebook_prompts() -> Vec<(String, Vec<String>)> {
        let text = include_str!("../../../data/eval/notebook_prompts.jsonl");
        let records = crate::corpus::parse_records(text).unwrap();
        let prompts: Vec<_> = records
            .iter()
            .map(|r| (r.text("question").unwrap(), r.list("key_terms").unwrap()))
            .collect();
        assert_eq!(prompts.len(), 5);
        prompts
    }

    #[test]
    fn the_notebook_prompts_are_recalled_on_topic_and_a_far_question_is_written() {
        let lm = load_instruct().unwrap();
        for (prompt, terms) in notebook_prompts() {
            let offline = lm.answer(&prompt, 0);
            let Origin::Recalled { question, .. } = &offline.origin else {
                panic!("{prompt:?} was not recalled: {offline:?}");
            };
            let used = crate::recipe::quality::terms_used(&terms, &offline.text);
            assert_eq!(
                used,
                terms.len(),
                "{prompt:?} recalled {question:?}: {offline:?}"
            );
            assert!(offline.finished && offline.completion_tokens > 0);
            // Without recall the same prompt is written, and reads differently.
            let written = lm.write_answer(&prompt, 0);
            assert_eq!(written.origin, Origin::Drafted);
            assert_ne!(written.text, offline.text);
        }
        // The check can fail: a question near nothing the model was tuned on is written.
        let far = lm.answer("Which games do children play on a rainy afternoon?", 0);
        assert_eq!(far.origin, Origin::Drafted, "{far:?}");
        assert!(!far.text.is_empty());
    }

    #[test]
    fn the_recall_bank_is_the_set_the_card_was_measured_with() {
        // Fails when data/instruct/train.jsonl is regenerated without a rebuild.
        let set = parse_instructions(TUNING_SET).unwrap();
        let every = crate::recipe::Recipe::shipped().recall_every;
        let tuned_on = crate::chat::hold_back_paraphrases(&set, every).0.len();
        let line = format!("- instruction pairs: {tuned_on} trained on;");
        assert!(MODEL_CARD.contains(&line), "the card does not say {line:?}");
    }

    #[test]
    fn recall_keeps_to_the_token_limit() {
        let lm = load_instruct().unwrap();
        let ask = |question: &str, max_new_tokens| {
            let turns = [Turn::new(Role::User, question)];
            let cfg = SampleConfig {
                max_new_tokens,
                ..ANSWER_SAMPLING
            };
            lm.chat(&turns, &cfg)
        };
        let first = |r: &Reply| match &r.origin {
            Origin::Recalled { first_sentence, .. } => *first_sentence,
            Origin::Drafted => panic!("not recalled: {r:?}"),
        };
        // "Hello! I am a small language model ...": two sentences, 35 tokens.
        let whole = ask("Hi there!", ANSWER_TOKENS);
        let short = ask("Hi there!", 5);
        assert!(!first(&whole) && first(&short), "{whole:?}\n{short:?}");
        assert!(
            whole.finished && !short.finished,
            "the limit, not the model, cut it"
        );
        assert!(whole.text.starts_with(&short.text) && short.completion_tokens <= 5);
        // A one-sentence answer longer than the limit is not cut: the model writes instead.
        let question = "What is overfitting?";
        assert!(!first(&ask(question, ANSWER_TOKENS)));
        let capped = ask(question, 3);
        assert_eq!(capped.origin, Origin::Drafted);
        assert!(capped.completion_tokens <= 3, "{capped:?}");
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
