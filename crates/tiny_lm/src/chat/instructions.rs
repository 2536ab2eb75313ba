//! Instruction-tuning examples and the conversations made from them.

use std::path::Path;

use super::{Role, Turn, DEFAULT_SYSTEM, ONE_SENTENCE_SYSTEM};
use crate::corpus::{parse_records, read_records, Record};
use crate::error::{Error, Result};
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
    /// Which fact the answer states, if the file says (paraphrased
    /// questions of one fact share it).
    pub fact: Option<String>,
}

impl Instruction {
    /// An example without a system prompt.
    pub fn new(question: impl Into<String>, answer: impl Into<String>) -> Self {
        Instruction {
            system: None,
            question: question.into(),
            answer: answer.into(),
            fact: None,
        }
    }
}

/// Read a JSON Lines file of `{"question", "answer"}` objects (optional
/// `"system"` and `"fact"`; other string fields ignored).
///
/// ```
/// let path = std::env::temp_dir().join("tiny_lm_doc_instructions.jsonl");
/// std::fs::write(&path, "{\"system\": \"Be brief.\", \"question\": \"Hi?\", \"answer\": \"Hello.\"}\n").unwrap();
/// let set = tiny_lm::chat::load_instructions(&path).unwrap();
/// assert_eq!(set[0].system.as_deref(), Some("Be brief."));
/// ```
pub fn load_instructions(path: impl AsRef<Path>) -> Result<Vec<Instruction>> {
    read_records(path, instruction)
}

/// [`load_instructions`] for text already in memory (an embedded file).
pub fn parse_instructions(text: &str) -> Result<Vec<Instruction>> {
    let records = parse_records(text)?;
    records
        .iter()
        .map(|r| instruction(r).map_err(|m| Error::Corrupt(format!("line {}: {m}", r.line))))
        .collect()
}

fn instruction(r: &Record) -> std::result::Result<Instruction, String> {
    match (r.text("question"), r.text("answer")) {
        (Some(question), Some(answer)) => Ok(Instruction {
            system: r.text("system"),
            question,
            answer,
            fact: r.text("fact"),
        }),
        _ => Err("each line needs \"question\" and \"answer\" strings".to_string()),
    }
}

/// Split `set` into pairs to train on and held-back *paraphrases*: of every
/// `every`-th fact asked in at least three ways, the last question is held
/// back (`every` 0: nothing is). The model still learns each of those facts
/// from its other questions, so the loss on the held-back ones measures
/// what instruction tuning is for at this size: answering a question put in
/// words it has not seen with the answer it learned. (Validation pairs about
/// facts it never saw measure recall of unknown facts, which a million
/// parameters cannot do; their loss rises almost from the start.)
///
/// ```
/// use tiny_lm::chat::{hold_back_paraphrases, Instruction};
/// let ask = |q: &str, fact: &str| Instruction { fact: Some(fact.into()), ..Instruction::new(q, "A.") };
/// let set = [ask("a?", "x"), ask("b?", "x"), ask("c?", "x"), ask("d?", "y")];
/// let (train, held) = hold_back_paraphrases(&set, 1);
/// assert_eq!((train.len(), held[0].question.as_str()), (3, "c?"));
/// ```
pub fn hold_back_paraphrases(
    set: &[Instruction],
    every: usize,
) -> (Vec<Instruction>, Vec<Instruction>) {
    let mut facts: Vec<&str> = Vec::new();
    let mut last: std::collections::HashMap<&str, (usize, usize)> = Default::default();
    for (i, ex) in set.iter().enumerate() {
        if let Some(f) = ex.fact.as_deref() {
            let e = last.entry(f).or_insert_with(|| {
                facts.push(f);
                (0, i)
            });
            *e = (e.0 + 1, i);
        }
    }
    let held: std::collections::HashSet<usize> = facts
        .iter()
        .enumerate()
        .filter(|&(n, f)| every > 0 && n % every == 0 && last[f].0 >= 3)
        .map(|(_, f)| last[f].1)
        .collect();
    let (mut train, mut back) = (Vec::new(), Vec::new());
    for (i, ex) in set.iter().enumerate() {
        if held.contains(&i) {
            back.push(ex.clone())
        } else {
            train.push(ex.clone())
        }
    }
    (train, back)
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
