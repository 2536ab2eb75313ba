//! Stage 2 of the recipe on its own: instruction-tune a pre-trained model,
//! so `build_checkpoint` and the `try_finetune` experiment run the very
//! same code.

use super::Recipe;
use crate::chat::{conversations, hold_back_paraphrases, AnswerBank, Instruction};
use crate::error::Result;
use crate::pretrained::Pretrained;
use crate::train::{LossHistory, Trainer};

/// What instruction tuning produced.
#[derive(Debug, Clone)]
pub struct Tuned {
    /// The tuned model (the weights of the best validation step).
    pub model: Pretrained,
    /// Losses on answer tokens during tuning.
    pub history: LossHistory,
    /// The step whose weights were kept.
    pub best_step: usize,
    /// Pairs trained on.
    pub trained_on: usize,
    /// Pairs early stopping was measured on (held-back paraphrases, or `val`).
    pub stopped_on: usize,
}

/// Instruction-tune `base` on `train` (answer tokens only), validating every
/// `eval_every` steps and stopping after `patience` validations without
/// improvement ([`Recipe::finetune`], [`Recipe::patience`]). It validates on
/// paraphrases held back from `train` ([`Recipe::recall_every`]), or on
/// `val` when that is 0.
///
/// ```
/// use tiny_lm::chat::Instruction;
/// use tiny_lm::recipe::{instruction_tune, Recipe};
/// let base = tiny_lm::pretrained::load_base()?;
/// let mut recipe = Recipe::tiny();
/// recipe.finetune.total_steps = 2;
/// let pairs: Vec<_> = (0..20).map(|i| Instruction::new(format!("What is {i}?"), format!("{i} is a number."))).collect();
/// let tuned = instruction_tune(&base, &recipe, &pairs, &pairs[..2])?;
/// assert!(tuned.best_step <= 2);
/// # Ok::<(), tiny_lm::Error>(())
/// ```
pub fn instruction_tune(
    base: &Pretrained,
    recipe: &Recipe,
    train: &[Instruction],
    val: &[Instruction],
) -> Result<Tuned> {
    let (chat, tokenizer) = (base.chat, &base.tokenizer);
    let context = base.model.config.context_len;
    let stream =
        |pairs: &[Instruction], seed| chat.stream(tokenizer, &conversations(pairs, seed), context);
    let (train, stop_on) = match recipe.recall_every {
        0 => (train.to_vec(), val.to_vec()),
        every => hold_back_paraphrases(train, every),
    };
    let mut sft = Trainer::on_streams(
        base.model.clone(),
        recipe.finetune,
        stream(&train, recipe.seed),
        stream(&stop_on, recipe.seed + 1),
    )?;
    let best_step = sft.train_until_overfit(recipe.finetune.total_steps, recipe.patience);
    Ok(Tuned {
        model: Pretrained {
            model: sft.model.clone(),
            tokenizer: tokenizer.clone(),
            chat,
            answers: AnswerBank::new(&train),
        },
        history: sft.history.clone(),
        best_step,
        trained_on: train.len(),
        stopped_on: stop_on.len(),
    })
}
