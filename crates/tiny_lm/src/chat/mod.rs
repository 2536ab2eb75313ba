//! The chat template: how a conversation becomes one token sequence.
//!
//! Teaches: an assistant model is still a next-token predictor. Instruction
//! tuning feeds it conversations written in a fixed layout, with *special
//! tokens* marking who speaks:
//!
//! ```text
//! <|system|>Answer in one sentence.<|user|>What is a token?<|assistant|>A token is a piece of text.<|end|>
//! ```
//!
//! At answer time the prompt ends with `<|assistant|>`, so the likeliest
//! continuation is an answer, and the model writes `<|end|>` when it is done.
//! The special tokens get ids after the tokenizer's own, so no typed text can
//! produce them (a user cannot fake a system turn). Training counts only the
//! assistant's tokens (and its `<|end|>`) in the loss.

mod instructions;
mod recall;

use std::fmt;

pub use instructions::{
    conversations, first_sentence, hold_back_paraphrases, load_instructions, parse_instructions,
    Instruction,
};
pub use recall::{AnswerBank, Found};

use crate::tokenizer::Tokenizer;
use crate::train::TokenStream;

/// Special tokens added after the tokenizer's vocabulary.
pub const SPECIAL_TOKENS: usize = 4;
/// Their text form, in id order (for display only; typing them is plain text).
pub const SPECIAL_NAMES: [&str; SPECIAL_TOKENS] =
    ["<|system|>", "<|user|>", "<|assistant|>", "<|end|>"];
/// The system prompt most instruction examples were trained with.
pub const DEFAULT_SYSTEM: &str = "You are a helpful assistant. Answer clearly in plain English.";
/// A system prompt the instruct model learned to obey: its training answers
/// under this prompt are cut to their first sentence.
pub const ONE_SENTENCE_SYSTEM: &str = "Answer in one sentence.";

/// Who speaks a turn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Instructions for the whole conversation.
    System,
    /// The person asking.
    User,
    /// The model.
    Assistant,
}

/// One message of a conversation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Turn {
    /// Who speaks.
    pub role: Role,
    /// What is said.
    pub text: String,
}

impl Turn {
    /// A turn of `role` saying `text`.
    pub fn new(role: Role, text: impl Into<String>) -> Self {
        Turn {
            role,
            text: text.into(),
        }
    }
}

/// The special token ids for one tokenizer.
///
/// ```
/// use tiny_lm::chat::{ChatTemplate, Role, Turn};
/// use tiny_lm::Tokenizer;
/// let tok = Tokenizer::train("what is a token? a piece of text.", 270).unwrap();
/// let chat = ChatTemplate::for_tokenizer(&tok);
/// assert_eq!(chat.model_vocab_size(), tok.vocab_size() + 4);
/// let prompt = chat.prompt(&tok, &[Turn::new(Role::User, "What is a token?")], 100);
/// assert_eq!(*prompt.last().unwrap(), chat.assistant);
/// assert_eq!(chat.render(&tok, &prompt), "<|user|>What is a token?<|assistant|>");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ChatTemplate {
    /// Starts the system turn.
    pub system: u32,
    /// Starts a user turn.
    pub user: u32,
    /// Starts an assistant turn.
    pub assistant: u32,
    /// Ends an assistant turn: generation stops here.
    pub end: u32,
}

impl ChatTemplate {
    /// Special ids right after `tok`'s vocabulary.
    pub fn for_tokenizer(tok: &Tokenizer) -> Self {
        let first = tok.vocab_size() as u32;
        ChatTemplate {
            system: first,
            user: first + 1,
            assistant: first + 2,
            end: first + 3,
        }
    }

    /// The vocabulary a chat model needs: the tokenizer's plus the special tokens.
    pub fn model_vocab_size(&self) -> usize {
        self.system as usize + SPECIAL_TOKENS
    }

    /// Whether `id` is one of the special tokens.
    pub fn is_special(&self, id: u32) -> bool {
        id >= self.system
    }

    fn marker(&self, role: Role) -> u32 {
        match role {
            Role::System => self.system,
            Role::User => self.user,
            Role::Assistant => self.assistant,
        }
    }

    /// Tokens of one turn, and for each whether it is trained on (the
    /// assistant's words and its `<|end|>`; never the role marker).
    fn encode_turn(&self, tok: &Tokenizer, turn: &Turn) -> (Vec<u32>, Vec<bool>) {
        let mut ids = vec![self.marker(turn.role)];
        ids.extend(tok.encode(turn.text.trim()));
        if turn.role == Role::Assistant {
            ids.push(self.end);
        }
        let answer = turn.role == Role::Assistant;
        let trained = (0..ids.len()).map(|i| answer && i > 0).collect();
        (ids, trained)
    }

    /// A whole conversation as tokens plus, per token, whether it is trained on.
    pub fn encode(&self, tok: &Tokenizer, turns: &[Turn]) -> (Vec<u32>, Vec<bool>) {
        let (mut ids, mut trained) = (Vec::new(), Vec::new());
        for turn in turns {
            let (i, t) = self.encode_turn(tok, turn);
            ids.extend(i);
            trained.extend(t);
        }
        (ids, trained)
    }

    /// The prompt for the next answer: the conversation followed by
    /// `<|assistant|>`, at most `budget` (at least 2) tokens. When it is too
    /// long, the oldest non-system turns are dropped first, then the system
    /// turn, then the latest question is cut from the front (keeping its
    /// `<|user|>` marker, its end and the assistant marker).
    pub fn prompt(&self, tok: &Tokenizer, turns: &[Turn], budget: usize) -> Vec<u32> {
        let encoded: Vec<(Role, Vec<u32>)> = turns
            .iter()
            .map(|t| (t.role, self.encode_turn(tok, t).0))
            .collect();
        let system: Vec<u32> = encoded
            .iter()
            .filter(|(r, _)| *r == Role::System)
            .flat_map(|(_, ids)| ids.clone())
            .collect();
        let mut rest: Vec<&Vec<u32>> = encoded
            .iter()
            .filter(|(r, _)| *r != Role::System)
            .map(|(_, ids)| ids)
            .collect();
        let length =
            |rest: &[&Vec<u32>]| system.len() + rest.iter().map(|i| i.len()).sum::<usize>() + 1;
        while rest.len() > 1 && length(&rest) > budget {
            rest.remove(0);
        }
        // A system prompt cut in the middle reads as noise to the model;
        // without one it is a conversation like a third of those it was tuned on.
        let mut ids = if length(&rest) > budget {
            Vec::new()
        } else {
            system
        };
        ids.extend(rest.into_iter().flatten());
        ids.push(self.assistant);
        let budget = budget.max(2);
        if ids.len() > budget {
            // Keep the turn's role marker, then the question's end.
            let tail = ids.split_off(ids.len() - (budget - 1));
            ids.truncate(1);
            ids.extend(tail);
        }
        ids
    }

    /// Tokens as readable text, special tokens by name.
    pub fn render(&self, tok: &Tokenizer, ids: &[u32]) -> String {
        let mut out = String::new();
        let mut run = Vec::new();
        for &id in ids {
            if self.is_special(id) {
                out += &tok.decode(&run);
                run.clear();
                out += SPECIAL_NAMES
                    .get((id - self.system) as usize)
                    .unwrap_or(&"<|?|>");
            } else {
                run.push(id);
            }
        }
        out + &tok.decode(&run)
    }

    /// Instruction-tuning data: each conversation's tokens one after
    /// another, only assistant tokens trained, windows starting where a
    /// conversation starts (or late enough to include its final `<|end|>`).
    /// Ends with `context_len` untrained `<|end|>`
    /// tokens so the last conversation still fills a whole window.
    pub fn stream(
        &self,
        tok: &Tokenizer,
        conversations: &[Vec<Turn>],
        context_len: usize,
    ) -> TokenStream {
        let mut s = TokenStream::default();
        for turns in conversations {
            let (ids, trained) = self.encode(tok, turns);
            // A conversation longer than the window loses its beginning, as
            // a long prompt does at answer time: the final answer stays whole.
            s.starts
                .push(s.tokens.len() + (ids.len() + 1).saturating_sub(context_len + 2));
            s.tokens.extend(ids);
            s.trained.extend(trained);
        }
        s.tokens.extend(std::iter::repeat_n(self.end, context_len));
        s.trained.extend(std::iter::repeat_n(false, context_len));
        s
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        })
    }
}

#[cfg(test)]
mod tests;
