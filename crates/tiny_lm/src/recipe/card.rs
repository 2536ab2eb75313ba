//! The model card: what the shipped models are, how they were made, and
//! what was measured, written by the build itself so no figure is typed by hand.

use std::fmt;

use super::measure::Qualities;
use super::quality::QualityReport;
use crate::model::ModelConfig;
use crate::pretrained::{Origin, Reply, ANSWER_SAMPLING, RECALL_SIMILARITY};
use crate::train::{LossHistory, TrainConfig};

/// One held-out question answered by both models.
#[derive(Debug, Clone, PartialEq)]
pub struct SampleAnswer {
    /// The question (never trained on).
    pub question: String,
    /// What `base` wrote.
    pub base: String,
    /// What `instruct` wrote itself (no recall).
    pub written: String,
    /// What the offline provider answers (recalled or written).
    pub offline: Reply,
}

/// Everything the card reports.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelCard {
    /// Shape of both models.
    pub config: ModelConfig,
    /// Weights per model.
    pub params: usize,
    /// Bytes of one checkpoint file.
    pub bytes: usize,
    /// Where the data came from.
    pub provenance: String,
    /// Corpus bytes after cleaning: (train, validation).
    pub corpus_bytes: (usize, usize),
    /// Corpus tokens: (train, validation).
    pub corpus_tokens: (usize, usize),

    /// Instruction pairs: (trained on, held back for early stopping,
    /// validation pairs about facts never trained on, held-out questions).
    pub pairs: (usize, usize, usize, usize),
    /// Pre-training settings.
    pub pretrain: TrainConfig,
    /// Instruction-tuning settings.
    pub finetune: TrainConfig,
    /// Pre-training record.
    pub pretrain_history: LossHistory,
    /// Instruction-tuning record.
    pub finetune_history: LossHistory,
    /// The instruction-tuning step whose weights were kept.
    pub finetune_best_step: usize,
    /// Wall-clock seconds of pre-training.
    pub pretrain_secs: f64,
    /// Wall-clock seconds of instruction tuning.
    pub finetune_secs: f64,
    /// Validation loss of the unigram baseline.
    pub unigram_loss: f32,
    /// Loss on held-back answers: (base, instruct).
    pub answer_loss: (f32, f32),
    /// Held-out quality.
    pub quality: Qualities,
    /// `instruct` on the validation questions (key terms derived from each
    /// question), written and as the offline provider answers: the figures
    /// data and decoding choices were made on.
    pub validation_quality: [QualityReport; 2],
    /// Mean words per written instruct answer: (default system prompt, "Answer in one sentence.").
    pub mean_words: (f64, f64),
    /// Milliseconds for instruct to write 100 tokens (KV cache, one thread).
    pub hundred_token_ms: f64,
    /// Milliseconds for a whole answer of 100 tokens (best of
    /// [`ANSWER_SAMPLING`]`.candidates` drafts).
    pub hundred_token_answer_ms: f64,
    /// Mean milliseconds per held-out answer as the offline provider answers.
    pub offline_answer_ms: f64,
    /// A few answers side by side.
    pub samples: Vec<SampleAnswer>,
}

fn one_line(text: &str) -> String {
    text.replace('\n', " ").replace('|', "\\|")
}

impl fmt::Display for ModelCard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = &self.config;
        let (pre, ft) = (&self.pretrain_history, &self.finetune_history);
        let q = &self.quality;
        writeln!(f, "# Model card: tiny_lm `base` and `instruct`\n")?;
        writeln!(f, "Written by `cargo run --release -p tiny_lm --bin build_checkpoint`, which rebuilds both")?;
        writeln!(
            f,
            "checkpoints from `data/` and measured every figure below during that run.\n"
        )?;
        writeln!(f, "## Model\n")?;
        writeln!(f, "| | |\n|---|---|")?;
        writeln!(f, "| architecture | decoder-only transformer (GPT-2 style: pre-LayerNorm, GELU MLP, tied embeddings) |")?;
        writeln!(
            f,
            "| blocks x width x heads | {} x {} x {} |",
            c.n_layers, c.d_model, c.n_heads
        )?;
        writeln!(f, "| context | {} tokens |", c.context_len)?;
        writeln!(f, "| vocabulary | {} (byte-level BPE + 4 chat tokens `<\\|system\\|>` `<\\|user\\|>` `<\\|assistant\\|>` `<\\|end\\|>`) |", c.vocab_size)?;
        writeln!(f, "| parameters | {} per model |", self.params)?;
        writeln!(
            f,
            "| file size | {} bytes per checkpoint (f32 weights + tokenizer) |\n",
            self.bytes
        )?;
        writeln!(f, "## Data\n")?;
        writeln!(f, "{}\n", self.provenance)?;
        writeln!(f, "- corpus after the cleaning pipeline: {} bytes train, {} bytes validation ({} / {} tokens)", self.corpus_bytes.0, self.corpus_bytes.1, self.corpus_tokens.0, self.corpus_tokens.1)?;
        writeln!(f, "- instruction pairs: {} trained on; {} held back for early stopping (paraphrased questions of facts the model trains on in other words, see `Recipe::recall_every`); {} validation pairs about facts never trained on (for choices: data, decoding); {} held-out questions for the quality check (never trained on)\n", self.pairs.0, self.pairs.1, self.pairs.2, self.pairs.3)?;
        writeln!(f, "## Training\n")?;
        writeln!(f, "| stage | steps | tokens per step | peak lr | wall time | train loss | validation loss |\n|---|---:|---:|---:|---:|---:|---:|")?;
        let row = |f: &mut fmt::Formatter<'_>,
                   name: &str,
                   h: &LossHistory,
                   cfg: &TrainConfig,
                   secs: f64| {
            writeln!(
                f,
                "| {name} | {} | {} | {:.0e} | {:.0} s | {:.3} | {:.3} |",
                h.steps.len(),
                cfg.tokens_per_step(c.context_len),
                cfg.learning_rate,
                secs,
                h.recent_loss(50).unwrap_or(f32::NAN),
                h.last_val_loss().unwrap_or(f32::NAN)
            )
        };
        row(
            f,
            "pre-training (`base`)",
            pre,
            &self.pretrain,
            self.pretrain_secs,
        )?;
        row(
            f,
            "instruction tuning (`instruct`)",
            ft,
            &self.finetune,
            self.finetune_secs,
        )?;
        writeln!(f)?;
        writeln!(f, "- Losses are mean cross-entropy in nats per token. Instruction-tuning losses count answer tokens only.")?;
        writeln!(f, "- Unigram baseline (each token predicted by its frequency alone) on the corpus validation text: **{:.3}**; `base` reaches **{:.3}**.", self.unigram_loss, pre.last_val_loss().unwrap_or(f32::NAN))?;
        writeln!(
            f,
            "- Loss on the validation pairs' answers (facts never trained on): `base` {:.3}, `instruct` {:.3}.",
            self.answer_loss.0, self.answer_loss.1
        )?;
        writeln!(f, "- Early stopping: validation every {} steps, kept the weights of step {} (the best loss on the held-back paraphrases) of {} run. The instruction-tuning row's validation loss is that loss.", self.finetune.eval_every, self.finetune_best_step, ft.steps.len())?;
        writeln!(
            f,
            "- Validation losses during pre-training: {}",
            series(&pre.val)
        )?;
        writeln!(
            f,
            "- Losses on the held-back paraphrases during instruction tuning: {}\n",
            series(&ft.val)
        )?;
        writeln!(f, "## Measured on held-out questions\n")?;
        writeln!(f, "Rule (`tiny_lm::recipe::quality`): a word is English if one of the word lists has it (a plural `s` may be dropped); an answer is on topic if it uses at least one of the question's key terms, as listed with each held-out question (a multi-word term needs every one of its words). Targets: >= 95% English words, >= 70% on topic.\n")?;
        writeln!(f, "Two ways `instruct` answers: **written**, every answer drafted token by token by the model (best of {} drafts); and **offline**, as the offline provider answers: when a tuned answer has a similarity of at least {RECALL_SIMILARITY} with the new question (0.7 x the TF-IDF cosine with the nearest of the questions it was tuned to answer + 0.3 x the cosine with the answer itself; `chat::AnswerBank`), that answer is *recalled* word for word, ending after its first sentence only where the model would end it or the token limit requires; otherwise it is written. Recall is retrieval, not writing: it reads well because the tuning set's answers do (they were written with a language model and checked by reading, see `data/README.md`). The on-topic rule counts shared key words, and recall finds answers by shared words, so the offline row flatters recall: a recalled answer can share the question's words and still answer a neighbouring question (see the samples below).\n", ANSWER_SAMPLING.candidates)?;
        writeln!(
            f,
            "| model | English words | on topic | ended with `<\\|end\\|>` |\n|---|---:|---:|---:|"
        )?;
        let offline = format!(
            "`instruct`, offline ({} of {} recalled)",
            q.recalled, q.offline.answers
        );
        for (name, r) in [
            ("`base`", &q.base),
            ("`instruct`, written", &q.written),
            (offline.as_str(), &q.offline),
        ] {
            writeln!(
                f,
                "| {name} | {:.1}% of {} | {:.1}% of {} | {} |",
                r.english_pct(),
                r.total_words,
                r.on_topic_pct(),
                r.answers,
                r.finished
            )?;
        }
        let [vw, vo] = &self.validation_quality;
        writeln!(f, "\nFor comparison, `instruct` on the {} validation questions (the set used for choices; key terms: the question's own words other than stop words): written {:.1}% of {} words English, {:.1}% on topic; offline {:.1}% of {} words English, {:.1}% on topic.", vw.answers, vw.english_pct(), vw.total_words, vw.on_topic_pct(), vo.english_pct(), vo.total_words, vo.on_topic_pct())?;
        writeln!(f, "\nSystem prompt, on written answers: mean answer length {:.1} words with the default system prompt, {:.1} with \"Answer in one sentence.\".", self.mean_words.0, self.mean_words.1)?;
        writeln!(f, "\nSpeed (measured during the build): one draft of 100 tokens takes {:.0} ms (KV cache, one thread); a whole written answer of 100 tokens, best of {} drafts on all cores, takes {:.0} ms; an offline answer to a held-out question takes {:.0} ms on average.\n", self.hundred_token_ms, ANSWER_SAMPLING.candidates, self.hundred_token_answer_ms, self.offline_answer_ms)?;
        writeln!(f, "## Sample answers (held-out questions)\n")?;
        for s in &self.samples {
            writeln!(f, "**Q: {}**\n", one_line(&s.question))?;
            writeln!(f, "- `base`: {}", one_line(&s.base))?;
            writeln!(f, "- `instruct`, written: {}", one_line(&s.written))?;
            let how = match &s.offline.origin {
                Origin::Drafted => "written".to_string(),
                recalled => recalled.to_string(),
            };
            writeln!(
                f,
                "- `instruct`, offline ({how}): {}\n",
                one_line(&s.offline.text)
            )?;
        }
        Ok(())
    }
}

fn series(val: &[(usize, f32)]) -> String {
    val.iter()
        .map(|(s, l)| format!("{s}: {l:.3}"))
        .collect::<Vec<_>>()
        .join(", ")
}
