//! Instruction-tuning examples and the conversations made from them.

use std::path::Path;

use super::{Role, Turn, DEFAULT_SYSTEM, ONE_SENTENCE_SYSTEM};
use crate::corpus::read_records;
use crate::error::Result;
use crate::rng::Rng;

/// One instruction-tuning example: an optional system prompt, a question
/// and the answer the model should learn to give.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Instruction {
    /// The system prompt it was written with, if any.
    pub system: Option<String>,
    /// What the user asks.
    pub question: String,
    /// What the assistant answers.
    pub answer: String,
}

impl Instruction {
    /// An example without a system prompt.
    pub fn new(question: impl Into<String>, answer: impl Into<String>) -> Self {
        Instruction {
            system: None,
            question: question.into(),
            answer: answer.into(),
        }
    }
}

/// Read a JSON Lines file of `{"question", "answer"}` objects (optional
/// `"system"`; other string fields ignored).
///
/// ```
/// let path = std::env::temp_dir().join("tiny_lm_doc_instructions.jsonl");
/// std::fs::write(&path, "{\"system\": \"Be brief.\", \"question\": \"Hi?\", \"answer\": \"Hello.\"}\n").unwrap();
/// let set = tiny_lm::chat::load_instructions(&path).unwrap();
/// assert_eq!(set[0].system.as_deref(), Some("Be brief."));
/// ```
pub fn load_instructions(path: impl AsRef<Path>) -> Result<Vec<Instruction>> {
    read_records(path, |r| match (r.text("question"), r.text("answer")) {
        (Some(question), Some(answer)) => Ok(Instruction {
            system: r.text("system"),
            question,
            answer,
        }),
        _ => Err("each line needs \"question\" and \"answer\" strings".to_string()),
    })
}

/// The conversations instruction tuning trains on (deterministic for a
/// seed). An example with its own system prompt keeps it; of the others, a
/// third get [`DEFAULT_SYSTEM`], a third [`ONE_SENTENCE_SYSTEM`] with the
/// answer cut to its first sentence, a third no system turn. One in four
/// first has another example as history.
///
/// ```
/// use tiny_lm::chat::{conversations, Instruction, Role};
/// let set = vec![Instruction::new("What is a token?", "A piece of text. Models read tokens.")];
/// let convs = conversations(&set, 0);
/// assert_eq!(convs.len(), 1);
/// assert_eq!(convs[0].last().unwrap().role, Role::Assistant);
/// ```
pub fn conversations(set: &[Instruction], seed: u64) -> Vec<Vec<Turn>> {
    let mut rng = Rng::new(seed);
    set.iter()
        .map(|ex| {
            let mut turns = Vec::new();
            let mut answer = ex.answer.trim().to_string();
            let mix = rng.below(3);
            match (&ex.system, mix) {
                (Some(system), _) => turns.push(Turn::new(Role::System, system.trim())),
                (None, 0) => turns.push(Turn::new(Role::System, DEFAULT_SYSTEM)),
                (None, 1) => {
                    turns.push(Turn::new(Role::System, ONE_SENTENCE_SYSTEM));
                    answer = first_sentence(&answer).to_string();
                }
                _ => {}
            }
            if rng.below(4) == 0 && set.len() > 1 {
                let earlier = &set[rng.below(set.len())];
                turns.push(Turn::new(Role::User, earlier.question.trim()));
                turns.push(Turn::new(Role::Assistant, earlier.answer.trim()));
            }
            turns.push(Turn::new(Role::User, ex.question.trim()));
            turns.push(Turn::new(Role::Assistant, answer));
            turns
        })
        .collect()
}

/// Text up to and including the first `.`, `!` or `?` that ends a sentence.
pub fn first_sentence(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        let ends = matches!(b, b'.' | b'!' | b'?');
        if ends && bytes.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) {
            return &text[..=i];
        }
    }
    text
}
