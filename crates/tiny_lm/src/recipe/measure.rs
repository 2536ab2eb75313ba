//! Measuring the two models on questions they never saw: the figures of the
//! model card's "Measured" section.

use std::collections::HashSet;
use std::time::Instant;

use super::quality::{words, HeldOut, QualityReport};
use super::SampleAnswer;
use crate::chat::{Role, Turn, DEFAULT_SYSTEM, ONE_SENTENCE_SYSTEM};
use crate::error::Result;
use crate::generate::{drafts, generate, SampleConfig};
use crate::pretrained::{Origin, Pretrained, Reply, ANSWER_SAMPLING};

/// What [`measure`] found.
#[derive(Debug, Clone, PartialEq)]
pub struct Measured {
    /// Held-out quality: base, and instruct as [`Answering`] says.
    pub quality: Qualities,
    /// The first six questions answered by both.
    pub samples: Vec<SampleAnswer>,
    /// Mean milliseconds per held-out answer as the offline provider answers.
    pub offline_answer_ms: f64,
    /// Mean words per written instruct answer: (default system prompt, "Answer in one sentence.").
    pub mean_words: (f64, f64),
    /// Milliseconds for instruct to write 100 tokens (KV cache, one thread).
    pub hundred_token_ms: f64,
    /// Milliseconds for a whole answer of 100 tokens (best of
    /// [`ANSWER_SAMPLING`]`.candidates` drafts).
    pub hundred_token_answer_ms: f64,
}

/// How `instruct` is asked to answer when measured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answering {
    /// The model writes every answer itself ([`Pretrained::write_answer`]).
    Written,
    /// As the offline provider answers ([`Pretrained::answer`]): recalled
    /// when a tuned question is near, else written.
    Offline,
}

/// Held-out quality of `base` and of `instruct` answering both ways.
#[derive(Debug, Clone, PartialEq)]
pub struct Qualities {
    /// `base` (it cannot recall: it has no tuning set).
    pub base: QualityReport,
    /// `instruct`, [`Answering::Written`].
    pub written: QualityReport,
    /// `instruct`, [`Answering::Offline`].
    pub offline: QualityReport,
    /// How many of the offline answers were recalled.
    pub recalled: usize,
}

/// Answer each question with `lm` (question `i` with seed `i`,
/// [`ANSWER_SAMPLING`], the default system prompt) and measure the answers.
///
/// ```
/// use tiny_lm::recipe::{answer_quality, quality::HeldOut, Answering};
/// let lm = tiny_lm::pretrained::load_instruct()?;
/// let english = ["a", "the", "token"].iter().map(|w| w.to_string()).collect();
/// let questions = [HeldOut::new("What is a token?")];
/// let (report, replies) = answer_quality(&lm, &questions, &english, Answering::Offline);
/// assert_eq!((report.answers, replies.len()), (1, 1));
/// # Ok::<(), tiny_lm::Error>(())
/// ```
pub fn answer_quality(
    lm: &Pretrained,
    questions: &[HeldOut],
    english: &HashSet<String>,
    how: Answering,
) -> (QualityReport, Vec<Reply>) {
    let replies: Vec<_> = questions
        .iter()
        .enumerate()
        .map(|(i, ex)| match how {
            Answering::Written => lm.write_answer(&ex.question, i as u64),
            Answering::Offline => lm.answer(&ex.question, i as u64),
        })
        .collect();
    let report = QualityReport::measure(
        questions
            .iter()
            .zip(&replies)
            .map(|(ex, r)| (ex.terms(), r.text.as_str(), r.finished)),
        english,
    );
    (report, replies)
}

/// Answer every held-out question with both models (question `i` with seed
/// `i`, [`ANSWER_SAMPLING`]; `instruct` both ways, see [`Answering`]) and
/// measure English words and key-term use;
/// measure instruct's answer length under two system prompts and the time
/// it takes to write 100 tokens.
///
/// ```
/// use tiny_lm::pretrained::{load_base, load_instruct};
/// use tiny_lm::recipe::{measure, quality::HeldOut};
/// let english = ["a", "the", "is", "token"].iter().map(|w| w.to_string()).collect();
/// let m = measure(&load_base()?, &load_instruct()?, &[HeldOut::new("What is a token?")], &english)?;
/// assert_eq!(m.quality.offline.answers, 1);
/// # Ok::<(), tiny_lm::Error>(())
/// ```
pub fn measure(
    base: &Pretrained,
    instruct: &Pretrained,
    held_out: &[HeldOut],
    english: &HashSet<String>,
) -> Result<Measured> {
    let answer_all = |lm: &Pretrained, how| answer_quality(lm, held_out, english, how);
    let (written, written_replies) = answer_all(instruct, Answering::Written);
    let start = Instant::now();
    let (offline, offline_replies) = answer_all(instruct, Answering::Offline);
    let offline_answer_ms = start.elapsed().as_secs_f64() * 1e3 / held_out.len().max(1) as f64;
    let (base_quality, base_replies) = answer_all(base, Answering::Written);
    let samples = held_out
        .iter()
        .zip(
            base_replies
                .iter()
                .zip(&written_replies)
                .zip(&offline_replies),
        )
        .take(6)
        .map(|(ex, ((b, w), o))| SampleAnswer {
            question: ex.question.clone(),
            base: b.text.clone(),
            written: w.text.clone(),
            offline: o.clone(),
        })
        .collect();
    let quality = Qualities {
        base: base_quality,
        written,
        offline,
        recalled: offline_replies
            .iter()
            .filter(|r| r.origin != Origin::Drafted)
            .count(),
    };
    let mean_words = |system: &str| {
        let total: usize = held_out
            .iter()
            .enumerate()
            .map(|(i, ex)| {
                let turns = [
                    Turn::new(Role::System, system),
                    Turn::new(Role::User, ex.question.clone()),
                ];
                let cfg = SampleConfig {
                    seed: i as u64,
                    recall: None,
                    ..ANSWER_SAMPLING
                };
                words(&instruct.chat(&turns, &cfg).text).len()
            })
            .sum();
        total as f64 / held_out.len().max(1) as f64
    };
    // No stop token: exactly 100 tokens are written.
    let hundred = SampleConfig {
        max_new_tokens: 100,
        ..ANSWER_SAMPLING
    };
    let turns = [Turn::new(Role::User, "Explain pre-training.")];
    let prompt = instruct.chat.prompt(&instruct.tokenizer, &turns, 16);
    let start = Instant::now();
    generate(&instruct.model, &prompt, &hundred, |_| false, true)?;
    let hundred_token_ms = start.elapsed().as_secs_f64() * 1e3;
    let seeds = hundred.draft_seeds();
    let start = Instant::now();
    drafts(&instruct.model, &prompt, &[], &hundred, &seeds, |_| false)?;
    let hundred_token_answer_ms = start.elapsed().as_secs_f64() * 1e3;
    Ok(Measured {
        quality,
        samples,
        offline_answer_ms,
        mean_words: (mean_words(DEFAULT_SYSTEM), mean_words(ONE_SENTENCE_SYSTEM)),
        hundred_token_ms,
        hundred_token_answer_ms,
    })
}
