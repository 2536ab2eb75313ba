//! The recipe behind the shipped checkpoints: pre-train `base` on the
//! corpus, instruction-tune `instruct` from it, measure both, write the
//! model card. `build_checkpoint` runs [`run`] with [`Recipe::shipped`]; a
//! test runs it with [`Recipe::tiny`].
//!
//! Teaches: the two stages of training an assistant, end to end. Stage 1
//! learns the language from plain text (every token is a target). Stage 2
//! uses the same loop on conversations in the chat template with only the
//! answer tokens as targets, and stops when the loss on held-back
//! conversations stops falling (early stopping).

mod card;
mod measure;
pub mod quality;
mod tune;

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

pub use card::{ModelCard, SampleAnswer};
pub use measure::{answer_quality, measure, Answering, Measured, Qualities};
pub use tune::{instruction_tune, Tuned};

use crate::chat::{conversations, ChatTemplate, Instruction};
use crate::checkpoint::Checkpoint;
use crate::data::Pipeline;
use crate::error::{Error, Result};
use crate::eval::evaluate_stream;
use crate::model::{Model, ModelConfig};
use crate::pretrained::Pretrained;
use crate::tokenizer::Tokenizer;
use crate::train::{TrainConfig, Trainer};
use quality::HeldOut;

/// Largest checkpoint file the project ships.
pub const MAX_CHECKPOINT_BYTES: usize = 8 * 1024 * 1024;

/// Every setting of a build.
#[derive(Debug, Clone, PartialEq)]
pub struct Recipe {
    /// BPE vocabulary (the model adds the chat template's special tokens).
    pub bpe_vocab: usize,
    /// Model shape; its `vocab_size` is replaced by the tokenizer's plus specials.
    pub model: ModelConfig,
    /// Pre-training settings (`total_steps` is the number of steps run).
    pub pretrain: TrainConfig,
    /// Instruction-tuning settings (`total_steps` is the most steps run).
    pub finetune: TrainConfig,
    /// Validations without improvement before instruction tuning stops.
    pub patience: usize,
    /// Instruction tuning stops on held-back paraphrases of training facts,
    /// one question of every `recall_every`-th fact
    /// ([`crate::chat::hold_back_paraphrases`]); 0 stops on the validation
    /// pairs instead.
    pub recall_every: usize,
    /// Seed of the weights' initialisation and of the conversation mix.
    pub seed: u64,
}

impl Recipe {
    /// The shipped models. Sized for the machine they were built on (2
    /// shared cores, 2,000-9,000 training tokens per second for this shape
    /// depending on what else runs): 4 blocks of width 128 with a 128-token context (a question
    /// and its answer fit) give 1.07M parameters, 4.3 MB as f32; 2,000
    /// pre-training steps of 16 x 128 tokens (4.1M tokens, about 3.4 passes
    /// over the corpus; the validation loss was still falling at 1,200) and
    /// at most 1,500 instruction-tuning steps keep both stages within about
    /// 30 minutes on a quiet machine. Validation loss tracks training loss
    /// in pre-training (no dropout needed); instruction tuning, which sees
    /// its small set many times, stops early on held-back paraphrases.
    /// (At 1,500 steps that loss was still falling slowly: 0.249 at 1,350,
    /// 0.230 at 1,500.)
    pub fn shipped() -> Self {
        let model = ModelConfig {
            vocab_size: 0,
            context_len: 128,
            d_model: 128,
            n_heads: 4,
            n_layers: 4,
        };
        Recipe {
            bpe_vocab: 2048,
            model,
            pretrain: TrainConfig {
                batch_size: 16,
                threads: 2,
                total_steps: 2000,
                learning_rate: 2e-3,
                min_lr: 2e-4,
                warmup_steps: 100,
                log_every: 100,
                eval_every: 250,
                eval_windows: 32,
                ..TrainConfig::default()
            },
            finetune: TrainConfig {
                batch_size: 16,
                threads: 2,
                total_steps: 1500,
                learning_rate: 1e-3,
                min_lr: 1e-4,
                warmup_steps: 30,
                log_every: 50,
                eval_every: 50,
                eval_windows: 48,
                seed: 7,
                ..TrainConfig::default()
            },
            patience: 3,
            recall_every: 4,
            seed: 1,
        }
    }

    /// A few-second version for tests: same pipeline, toy sizes.
    pub fn tiny() -> Self {
        let quiet = |steps| TrainConfig {
            batch_size: 8,
            total_steps: steps,
            warmup_steps: 5,
            log_every: 0,
            eval_every: 20,
            eval_windows: 16,
            ..TrainConfig::default()
        };
        Recipe {
            bpe_vocab: 400,
            model: ModelConfig {
                vocab_size: 0,
                context_len: 64,
                d_model: 32,
                n_heads: 2,
                n_layers: 1,
            },
            pretrain: quiet(60),
            finetune: quiet(100),
            patience: 2,
            recall_every: 0,
            seed: 1,
        }
    }
}

/// What a build reads.
#[derive(Debug, Clone, PartialEq)]
pub struct RecipeData {
    /// Pre-training documents `(name, text)`; cleaned by [`Pipeline`].
    pub corpus: Vec<(String, String)>,
    /// Question/answer pairs for instruction tuning.
    pub instructions: Vec<Instruction>,
    /// Pairs for early stopping (empty: 1 in 20 of `instructions` is held back).
    pub validation: Vec<Instruction>,
    /// Questions never trained on, for the quality measurement.
    pub held_out: Vec<HeldOut>,
    /// Known English words, lower case.
    pub english: HashSet<String>,
    /// Where the data came from, one line for the model card.
    pub provenance: String,
}

/// The two models and their card.
#[derive(Debug, Clone)]
pub struct Built {
    /// After pre-training.
    pub base: Pretrained,
    /// After instruction tuning.
    pub instruct: Pretrained,
    /// What was done and measured.
    pub card: ModelCard,
}

impl Built {
    /// Write `base.tlm`, `instruct.tlm` and `MODEL_CARD.md` into `dir`;
    /// errors if a checkpoint exceeds [`MAX_CHECKPOINT_BYTES`].
    pub fn save(&self, dir: impl AsRef<Path>) -> Result<()> {
        let dir = dir.as_ref();
        for (name, lm) in [("base", &self.base), ("instruct", &self.instruct)] {
            let bytes = weights_file(lm);
            if bytes.len() > MAX_CHECKPOINT_BYTES {
                return Err(Error::InvalidConfig(format!(
                    "{name} would be {} bytes, over the {MAX_CHECKPOINT_BYTES}-byte limit; make the model smaller",
                    bytes.len()
                )));
            }
            let path = dir.join(format!("{name}.tlm"));
            std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        }
        let path = dir.join("MODEL_CARD.md");
        std::fs::write(&path, self.card.to_string()).map_err(|e| Error::io(&path, e))
    }
}

/// A checkpoint file holding only weights and tokenizer.
pub fn weights_file(lm: &Pretrained) -> Vec<u8> {
    Checkpoint {
        model: lm.model.clone(),
        tokenizer: Some(lm.tokenizer.clone()),
        train_state: None,
    }
    .to_bytes()
}

/// Run the whole recipe. `log` receives one line per stage.
pub fn run(recipe: &Recipe, data: &RecipeData, log: &mut dyn FnMut(&str)) -> Result<Built> {
    let report = Pipeline::default().run(&data.corpus);
    let (train_text, val_text) = (report.split.train_text(), report.split.validation_text());
    let (pairs_train, pairs_val) = if data.validation.is_empty() {
        let (mut t, mut v) = (Vec::new(), Vec::new());
        for (i, ex) in data.instructions.iter().enumerate() {
            if i % 20 == 19 {
                v.push(ex.clone())
            } else {
                t.push(ex.clone())
            }
        }
        (t, v)
    } else {
        (data.instructions.clone(), data.validation.clone())
    };
    if pairs_val.is_empty() || data.held_out.is_empty() {
        return Err(Error::NotEnoughData(
            "need at least 20 instruction pairs and one held-out question".into(),
        ));
    }
    // The tokenizer sees the corpus and the instruction answers, so course
    // words such as "fine-tuning" get tokens of their own.
    let qa_text: String = pairs_train
        .iter()
        .map(|e| format!("{}\n{}\n", e.question, e.answer))
        .collect();
    let tok_start = Instant::now();
    let tokenizer = Tokenizer::train(&format!("{train_text}\n{qa_text}"), recipe.bpe_vocab)?;
    let chat = ChatTemplate::for_tokenizer(&tokenizer);
    let (train, val) = (tokenizer.encode(&train_text), tokenizer.encode(&val_text));
    log(&format!(
        "tokenizer: {} tokens + {} special in {:.0} s; corpus {} train / {} validation tokens",
        tokenizer.vocab_size(),
        crate::chat::SPECIAL_TOKENS,
        tok_start.elapsed().as_secs_f64(),
        train.len(),
        val.len()
    ));
    let config = ModelConfig {
        vocab_size: chat.model_vocab_size(),
        ..recipe.model
    };
    let unigram_loss = unigram_loss(&train, &val, config.vocab_size);

    let start = Instant::now();
    let model = Model::new(config, recipe.seed)?;
    log(&format!(
        "pre-training {config:?}, {} parameters",
        model.num_params()
    ));
    let mut pre = Trainer::new(model, recipe.pretrain, train.clone(), val.clone())?;
    pre.train(recipe.pretrain.total_steps);
    let pretrain_secs = start.elapsed().as_secs_f64();
    let base = Pretrained {
        model: pre.model.clone(),
        tokenizer: tokenizer.clone(),
        chat,
        answers: Default::default(),
    };

    let (sft_val, base_answer_loss) = {
        let val = chat.stream(
            &tokenizer,
            &conversations(&pairs_val, recipe.seed + 1),
            config.context_len,
        );
        let loss = evaluate_stream(&base.model, &val, 256)?.loss;
        (val, loss)
    };
    let start = Instant::now();
    log(&format!(
        "instruction tuning on {} conversations",
        pairs_train.len()
    ));
    let tuned = instruction_tune(&base, recipe, &pairs_train, &pairs_val)?;
    let finetune_secs = start.elapsed().as_secs_f64();
    let instruct = tuned.model;
    let instruct_answer_loss = evaluate_stream(&instruct.model, &sft_val, 256)?.loss;

    log("measuring answers to the held-out questions");
    let measured = measure(&base, &instruct, &data.held_out, &data.english)?;
    let val_questions: Vec<HeldOut> = pairs_val
        .iter()
        .map(|e| HeldOut::new(e.question.clone()))
        .collect();
    let validation_quality = [Answering::Written, Answering::Offline]
        .map(|how| answer_quality(&instruct, &val_questions, &data.english, how).0);
    let card = ModelCard {
        config,
        params: base.model.num_params(),
        bytes: weights_file(&instruct).len(),
        provenance: data.provenance.clone(),
        corpus_bytes: (train_text.len(), val_text.len()),
        corpus_tokens: (train.len(), val.len()),
        pairs: (
            tuned.trained_on,
            tuned.stopped_on,
            pairs_val.len(),
            data.held_out.len(),
        ),
        pretrain: recipe.pretrain,
        finetune: recipe.finetune,
        pretrain_history: pre.history.clone(),
        finetune_history: tuned.history,
        finetune_best_step: tuned.best_step,
        pretrain_secs,
        finetune_secs,
        unigram_loss,
        answer_loss: (base_answer_loss, instruct_answer_loss),
        quality: measured.quality,
        validation_quality,
        mean_words: measured.mean_words,
        hundred_token_ms: measured.hundred_token_ms,
        hundred_token_answer_ms: measured.hundred_token_answer_ms,
        offline_answer_ms: measured.offline_answer_ms,
        samples: measured.samples,
    };
    Ok(Built {
        base,
        instruct,
        card,
    })
}

/// A word list: one word per line (anything after the first whitespace
/// ignored), lower-cased.
pub fn load_words(path: impl AsRef<Path>) -> Result<HashSet<String>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    Ok(text
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .map(str::to_lowercase)
        .collect())
}

/// Loss of the best model that ignores context: each token predicted with
/// its frequency in the training tokens (add-one smoothed). A trained model
/// has to beat this to have learned anything beyond word counts.
///
/// ```
/// let loss = tiny_lm::recipe::unigram_loss(&[0, 0, 1], &[0, 1], 2);
/// assert!((loss - ((-(0.6f64).ln() - (0.4f64).ln()) / 2.0) as f32).abs() < 1e-6);
/// ```
pub fn unigram_loss(train: &[u32], val: &[u32], vocab: usize) -> f32 {
    let mut counts = vec![1.0f64; vocab];
    for &t in train {
        counts[t as usize] += 1.0;
    }
    let total: f64 = counts.iter().sum();
    let loss: f64 = val
        .iter()
        .map(|&t| -(counts[t as usize] / total).ln())
        .sum();
    (loss / val.len().max(1) as f64) as f32
}
