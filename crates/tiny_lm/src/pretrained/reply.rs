//! How a chat model's answer is made: recalled, when a question it was
//! tuned on is near enough, or else written (the best of its drafts).

use std::fmt;

use super::Pretrained;
use crate::chat::{first_sentence, Role, Turn};
use crate::generate::{self, SampleConfig, StopReason};
use crate::recipe::quality::{key_terms, terms_used, STOP_WORDS};

/// An answer from [`Pretrained::chat`].
#[derive(Debug, Clone, PartialEq)]
pub struct Reply {
    /// The answer's text.
    pub text: String,
    /// Tokens of the prompt the model read (after the template and cropping).
    pub prompt_tokens: usize,
    /// Tokens of the answer (without `<|end|>`).
    pub completion_tokens: usize,
    /// Whether the answer ended by itself (`<|end|>`) rather than at the
    /// token limit.
    pub finished: bool,
    /// The model's mean log-probability per token of this text (its
    /// `<|end|>` included), plus, for a written answer, `topic_weight` times
    /// the share of the question's key words used: what best of n ranked
    /// the drafts by.
    pub score: f32,
    /// Whether the model wrote this text or recalled it.
    pub origin: Origin,
}

/// Where a reply's text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Origin {
    /// The model wrote it token by token (one of its best-of-n drafts).
    Drafted,
    /// A tuned answer, recalled word for word because a question it was
    /// tuned on is near the new one ([`SampleConfig::recall`]): retrieval,
    /// not writing.
    Recalled {
        /// The question the model was tuned on that was most similar to the
        /// new one; the answer is the one it was tuned to give to it.
        question: String,
        /// Only the answer's first sentence was kept: there the model found
        /// `<|end|>` likelier than going on, or only that sentence fitted
        /// the token limit. (Nearly every tuned answer is one sentence.)
        first_sentence: bool,
    },
}

impl fmt::Display for Reply {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Origin::Drafted => f.write_str("written by the model, token by token"),
            Origin::Recalled {
                question,
                first_sentence,
            } => {
                let part = if *first_sentence {
                    "the first sentence of the answer"
                } else {
                    "the answer"
                };
                write!(
                    f,
                    "recalled, not written: {part} it was tuned to give to \"{question}\""
                )
            }
        }
    }
}

impl Pretrained {
    /// The assistant's next turn in a conversation (system prompt, earlier
    /// turns, the latest user message), through the chat template. The
    /// prompt is cropped to leave room for `cfg.max_new_tokens` in the
    /// window (oldest turns first); generation stops at `<|end|>`. The reply
    /// is a recalled tuned answer when one is near enough to the latest user
    /// message read with the earlier ones ([`SampleConfig::recall`],
    /// [`crate::chat::AnswerBank::nearest_in`], [`Origin::Recalled`]), else the
    /// best-scoring of `cfg.candidates` drafts ([`SampleConfig::candidates`]).
    ///
    /// ```
    /// use tiny_lm::chat::{Role, Turn};
    /// use tiny_lm::pretrained::{load_instruct, ANSWER_SAMPLING};
    /// let lm = load_instruct().unwrap();
    /// let turns = [Turn::new(Role::System, "Answer in one sentence."),
    ///              Turn::new(Role::User, "What is overfitting?")];
    /// let reply = lm.chat(&turns, &ANSWER_SAMPLING);
    /// assert_eq!(reply, lm.chat(&turns, &ANSWER_SAMPLING)); // same seed, same answer
    /// println!("{} ({})", reply, reply.origin);
    /// ```
    pub fn chat(&self, turns: &[Turn], cfg: &SampleConfig) -> Reply {
        let window = self.model.config.context_len;
        let budget = window.saturating_sub(cfg.max_new_tokens).max(window / 2);
        let asked: Vec<&str> = turns
            .iter()
            .filter(|t| t.role == Role::User)
            .map(|t| t.text.as_str())
            .collect();
        let question = asked.last().copied().unwrap_or("");
        if let Some(recalled) = self.recall(turns, &asked, budget, cfg) {
            return recalled;
        }
        let prompt = self.chat.prompt(&self.tokenizer, turns, budget);
        let copy = self.word_tokens(question);
        let terms = key_terms(question);
        let is_stop = |t| self.chat.is_special(t);
        // Cannot fail: the prompt ends with the assistant marker and holds only known ids.
        let drafts = generate::drafts(
            &self.model,
            &prompt,
            &copy,
            cfg,
            &cfg.draft_seeds(),
            is_stop,
        )
        .unwrap_or_default();
        let replies = drafts.into_iter().map(|d| {
            let text = self.tokenizer.decode(&d.tokens).trim().to_string();
            Reply {
                score: d.mean_log_prob() + cfg.topic_weight * topic_share(&terms, &text),
                text,
                prompt_tokens: prompt.len(),
                completion_tokens: d.tokens.len(),
                finished: d.stop == StopReason::Stop,
                origin: Origin::Drafted,
            }
        });
        best(replies).unwrap_or(Reply {
            text: String::new(),
            prompt_tokens: prompt.len(),
            completion_tokens: 0,
            finished: false,
            score: f32::NEG_INFINITY,
            origin: Origin::Drafted,
        })
    }

    /// With `cfg.recall` set and a tuned question at least that similar to
    /// the latest of the user's messages `asked`, read with the earlier ones
    /// ([`crate::chat::AnswerBank::nearest_in`]): its answer, after the
    /// conversation (the prompt gets at most `budget` tokens, fewer if the
    /// answer needs the room). The answer
    /// ends after its first sentence if the model would end it there, or if
    /// only that fits `cfg.max_new_tokens`. `None` when nothing is near
    /// enough or nothing fits.
    fn recall(
        &self,
        turns: &[Turn],
        asked: &[&str],
        budget: usize,
        cfg: &SampleConfig,
    ) -> Option<Reply> {
        let least = cfg.recall?;
        let tuned = *self
            .answers
            .nearest_in(asked)
            .first()
            .filter(|f| f.similarity >= least)?;
        let whole = self.tokenizer.encode(tuned.answer);
        let room = self.model.config.context_len.checked_sub(whole.len() + 1)?;
        let prompt = self.chat.prompt(&self.tokenizer, turns, budget.min(room));
        // Cannot fail: the prompt fits the window and every id is the tokenizer's.
        let scored = generate::score_continuations(
            &self.model,
            &prompt,
            std::slice::from_ref(&whole),
            self.chat.end,
        )
        .ok()?;
        let first = first_sentence(tuned.answer);
        let first_tokens = self.tokenizer.encode(first);
        let cut = (first.len() < tuned.answer.len() && whole.starts_with(&first_tokens))
            .then_some(first_tokens.len());
        // Where the first sentence ends, the model stops as it would while
        // writing: if `<|end|>` is likelier there than the answer's next token.
        let s = &scored[0];
        let stops = cut.filter(|&n| {
            let (end, next) = (s.stop_log_probs.get(n), s.token_log_probs.get(n));
            end.zip(next).is_some_and(|(end, next)| end > next)
        });
        let whole_fits = whole.len() <= cfg.max_new_tokens;
        let n = match (stops, cut) {
            (Some(n), _) => n,
            (None, _) if whole_fits => whole.len(),
            (None, Some(n)) => n,
            (None, None) => return None,
        };
        if n > cfg.max_new_tokens {
            return None;
        }
        let first_sentence = n < whole.len();
        Some(Reply {
            score: s.mean_log_prob_ending_after(n)?,
            text: if first_sentence { first } else { tuned.answer }.to_string(),
            prompt_tokens: prompt.len(),
            completion_tokens: n,
            // A cut the token limit forced is not where the answer ends.
            finished: stops.is_some() || !first_sentence,
            origin: Origin::Recalled {
                question: tuned.question.to_string(),
                first_sentence,
            },
        })
    }

    /// The tokens of `text` that carry a word of three letters or more that
    /// is not a stop word: what [`SampleConfig::copy_boost`] boosts.
    fn word_tokens(&self, text: &str) -> Vec<u32> {
        let mut out = Vec::new();
        for id in self.tokenizer.encode(text) {
            let piece = self.tokenizer.decode(&[id]).trim().to_lowercase();
            let letters = piece.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 3 && !STOP_WORDS.contains(&piece.as_str()) && !out.contains(&id) {
                out.push(id);
            }
        }
        out
    }
}

/// The highest-scoring reply (the first of equals).
fn best(replies: impl Iterator<Item = Reply>) -> Option<Reply> {
    replies.reduce(|best, r| if r.score > best.score { r } else { best })
}

/// Share of `terms` (a question's key words) that `answer` uses: how the
/// choice ([`SampleConfig::topic_weight`]) tells an answer on the question's
/// topic from one on another (1.0 when there are no terms).
fn topic_share(terms: &[String], answer: &str) -> f32 {
    if terms.is_empty() {
        return 1.0;
    }
    terms_used(terms, answer) as f32 / terms.len() as f32
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chat::DEFAULT_SYSTEM;
    use crate::pretrained::{load_instruct, ANSWER_SAMPLING};

    /// The shipped model's offline reply to `asked`, the user's messages in
    /// order, each earlier one followed by the model's own offline answer
    /// (as a notebook conversation through the connector goes).
    fn converse(lm: &Pretrained, asked: &[&str]) -> Reply {
        let mut turns = vec![Turn::new(Role::System, DEFAULT_SYSTEM)];
        for (i, message) in asked.iter().enumerate() {
            turns.push(Turn::new(Role::User, *message));
            if i + 1 < asked.len() {
                let reply = lm.chat(&turns, &ANSWER_SAMPLING);
                turns.push(Turn::new(Role::Assistant, reply.text));
            }
        }
        lm.chat(&turns, &ANSWER_SAMPLING)
    }

    fn recalled(reply: &Reply) -> &str {
        match &reply.origin {
            Origin::Recalled { question, .. } => question,
            Origin::Drafted => panic!("written, not recalled: {reply:?}"),
        }
    }

    #[test]
    fn a_follow_up_is_answered_about_what_was_asked_before() {
        let lm = load_instruct().unwrap();
        // Before recall read the conversation (f8ad6d3), the first recalled
        // "Which loss matters more, training or validation?", the second the
        // definition of pre-training, and the third was written: "Interest is
        // the money paid for borrowing money, ...".
        let follow_ups = [
            (
                [
                    "Do I have to check the licence of the text I train on?",
                    "Why does it matter?",
                ],
                "licence",
            ),
            (
                [
                    "What is fine-tuning?",
                    "How is it different from pre-training?",
                ],
                "differ",
            ),
            (
                ["What is gradient clipping?", "Why is it used?"],
                "gradient clipping",
            ),
        ];
        for (asked, topic) in follow_ups {
            let reply = converse(&lm, &asked);
            let question = recalled(&reply);
            assert!(question.contains(topic), "{asked:?} recalled {question:?}");
            assert!(reply.text.to_lowercase().contains(topic), "{reply:?}");
        }
    }

    #[test]
    fn a_new_topic_is_not_pulled_back_to_the_old_one() {
        let lm = load_instruct().unwrap();
        let after_overfitting = |message| converse(&lm, &["What is overfitting?", message]);
        let next = after_overfitting("What is a learning rate?");
        assert!(recalled(&next).contains("learning rate"), "{next:?}");
        // At 2c3ba9d, any shared word let the earlier question choose: this
        // recalled "How can you tell that a model is overfitting?" (by
        // "model"), and the two below recalled the overfitting answer too.
        let prompt = after_overfitting("How does a chat model use the system prompt?");
        assert!(recalled(&prompt).contains("prompt"), "{prompt:?}");
        for new_topic in [
            "Which games do kids enjoy on a rainy afternoon?",
            "Who is Zorblax?",
        ] {
            let reply = after_overfitting(new_topic);
            assert_eq!(reply.origin, Origin::Drafted, "{new_topic:?}: {reply:?}");
        }
    }

    #[test]
    fn what_is_asks_for_the_definition_not_the_uses() {
        let lm = load_instruct().unwrap();
        // At f8ad6d3 this recalled "What can fine-tuning be used for?": with
        // "used" a stop word, both questions were just "fine tuning".
        let reply = converse(&lm, &["What is fine-tuning?"]);
        assert!(!recalled(&reply).contains("used"), "{reply:?}");
        assert!(reply.text.starts_with("Fine-tuning "), "{reply:?}");
    }
}
