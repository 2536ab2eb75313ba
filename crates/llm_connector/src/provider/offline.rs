//! The offline provider: the built-in tiny model `instruct` (`tiny_lm`,
//! pre-trained and instruction-tuned in this project) answers through its
//! chat template. No network, no key. The only place llm_connector touches tiny_lm.
//!
//! It is honest about what it is: every answer starts with a note on the
//! model and a line saying whether this answer was written by the model or
//! recalled from its tuning set (see `tiny_lm::pretrained::Origin`), and the
//! same conversation always gives the same text (the sampling seed is a hash
//! of every message), so notebooks and CI outputs are reproducible.

use crate::error::LlmError;
use crate::provider::openai::{ChatRequest, Decoded};
use crate::types::{Role, Usage};
use std::sync::OnceLock;
use tiny_lm::chat::{self, Turn};
use tiny_lm::generate::SampleConfig;
use tiny_lm::pretrained::{Origin, Pretrained, Reply, ANSWER_SAMPLING};

/// The model name completions report.
pub const MODEL_NAME: &str = "tiny_lm (built-in)";

/// New tokens per answer when the request sets no limit. The model usually
/// ends its answer itself before this; 120 tokens take well under a second
/// (see the model card's speed figure).
pub const DEFAULT_MAX_NEW_TOKENS: usize = tiny_lm::pretrained::ANSWER_TOKENS;

/// Upper bound even when a request asks for more: the tiny model drifts off
/// topic long before, and a student should not wait for it.
pub const MAX_NEW_TOKENS: usize = 400;

/// The first line of every offline answer.
pub const NOTE: &str = "ℹ️ Offline tiny model (built into this project, about a million parameters, pre-trained and instruction-tuned here); it is not a real assistant. For real answers set OPENAI_API_KEY in .env (see .env.example) and restart the kernel.";

/// The second line of an offline answer: where this answer's text comes from.
fn origin_line(reply: &Reply) -> String {
    match &reply.origin {
        Origin::Recalled { .. } => format!(
            "↳ This answer was {}. A model this small cannot yet write new text for a request it was not tuned on, so when a question it was tuned on is near yours in words, it answers with that question's tuned answer: retrieval, not writing.",
            reply.origin
        ),
        Origin::Drafted => format!(
            "↳ This answer was written by the model token by token, the best of {} drafts (no tuned answer was recalled); it can be fluent and still miss the question.",
            ANSWER_SAMPLING.candidates
        ),
    }
}

/// What the configuration check says about this provider.
pub(crate) fn check_line() -> String {
    "Answers come from the tiny model pre-trained and instruction-tuned in this project; it is not a real assistant. To use a real model, set OPENAI_API_KEY in .env (see .env.example) and restart the kernel".to_string()
}

/// The model, loaded on the first offline completion (not in `new()`, so a
/// connector that never answers offline pays nothing).
#[derive(Default)]
pub(crate) struct OfflineModel {
    model: OnceLock<Result<Pretrained, String>>,
}

/// The request's messages as chat-template turns; without a system message
/// the one the model was tuned with comes first.
fn turns(request: &ChatRequest) -> Vec<Turn> {
    let mut turns: Vec<Turn> = request
        .messages
        .iter()
        .map(|m| {
            let role = match m.role {
                Role::System => chat::Role::System,
                Role::User => chat::Role::User,
                Role::Assistant => chat::Role::Assistant,
            };
            Turn::new(role, m.content.as_str())
        })
        .collect();
    if !turns.iter().any(|t| t.role == chat::Role::System) {
        turns.insert(0, Turn::new(chat::Role::System, chat::DEFAULT_SYSTEM));
    }
    turns
}

impl OfflineModel {
    pub fn complete(&self, request: &ChatRequest) -> Result<Decoded, LlmError> {
        let lm = self
            .model
            .get_or_init(|| tiny_lm::pretrained::load_instruct().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| LlmError::Offline {
                message: format!("the embedded checkpoint could not be loaded ({e})"),
            })?;
        let turns = turns(request);
        let cfg = SampleConfig {
            max_new_tokens: request
                .max_tokens
                .map_or(DEFAULT_MAX_NEW_TOKENS, |m| m as usize)
                .min(MAX_NEW_TOKENS),
            temperature: request
                .temperature
                .map_or(ANSWER_SAMPLING.temperature, |t| t.clamp(0.0, 2.0)),
            seed: seed_for(&turns),
            ..ANSWER_SAMPLING
        };
        let reply = lm.chat(&turns, &cfg);
        let content = if reply.text.is_empty() {
            NOTE.to_string()
        } else {
            format!("{NOTE}\n{}\n\n{}", origin_line(&reply), reply.text)
        };
        let (prompt_tokens, completion_tokens) =
            (reply.prompt_tokens as u64, reply.completion_tokens as u64);
        Ok(Decoded {
            content,
            model: Some(MODEL_NAME.to_string()),
            finish_reason: Some(if reply.finished { "stop" } else { "length" }.into()),
            usage: Some(Usage {
                prompt_tokens,
                completion_tokens,
                total_tokens: prompt_tokens + completion_tokens,
            }),
        })
    }
}

/// Same conversation, same seed, same answer (FNV-1a of every turn's role
/// and text).
fn seed_for(turns: &[Turn]) -> u64 {
    let bytes = turns.iter().flat_map(|t| {
        t.role
            .to_string()
            .into_bytes()
            .into_iter()
            .chain(t.text.bytes())
            .chain([0])
    });
    bytes.fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::types::Message;

    fn request(messages: Vec<Message>) -> ChatRequest {
        ChatRequest {
            messages,
            model: MODEL_NAME.into(),
            temperature: None,
            max_tokens: None,
        }
    }

    fn answer(model: &OfflineModel, messages: Vec<Message>) -> (String, Usage) {
        let d = model.complete(&request(messages)).unwrap();
        let body = d.content.split_once("\n\n").map(|(_, b)| b.to_string());
        (body.unwrap_or_default(), d.usage.unwrap())
    }

    #[test]
    fn each_answer_says_whether_it_was_written_or_recalled() {
        let model = OfflineModel::default();
        let ask = |q: &str| model.complete(&request(vec![Message::user(q)])).unwrap();
        // A notebook prompt is near a tuned question; a rainy-day question is near none.
        let recalled = ask("Why would a company fine-tune a model instead of training a new one?");
        let written = ask("Which games do children play on a rainy afternoon?");
        let line = |d: &Decoded| d.content.lines().nth(1).unwrap_or_default().to_string();
        assert!(
            line(&recalled).contains("recalled, not written"),
            "{}",
            recalled.content
        );
        assert!(
            line(&recalled).contains("Why do companies fine-tune"),
            "{}",
            recalled.content
        );
        let drafts = format!("best of {} drafts", ANSWER_SAMPLING.candidates);
        assert!(line(&written).contains(&drafts), "{}", written.content);
    }

    #[test]
    fn answers_are_labelled_deterministic_and_end_by_themselves() {
        let model = OfflineModel::default();
        let ask = || request(vec![Message::user("What is a learning rate?")]);
        let a = model.complete(&ask()).unwrap();
        assert_eq!(a, model.complete(&ask()).unwrap());
        assert!(a.content.starts_with(NOTE), "{}", a.content);
        assert!(a.content.len() > NOTE.len() + 10, "{}", a.content);
        assert_eq!(a.model.as_deref(), Some(MODEL_NAME));
        let usage = a.usage.unwrap();
        assert!(usage.completion_tokens > 0);
        assert!(
            usage.completion_tokens < DEFAULT_MAX_NEW_TOKENS as u64
                || a.finish_reason.as_deref() == Some("length")
        );
    }

    #[test]
    fn the_system_prompt_reaches_the_model() {
        let model = OfflineModel::default();
        let q = Message::user("What is overfitting?");
        let default = turns(&request(vec![q.clone()]));
        assert_eq!(
            default[0],
            Turn::new(chat::Role::System, chat::DEFAULT_SYSTEM)
        );
        let given = turns(&request(vec![
            Message::system("Answer in one sentence."),
            q.clone(),
        ]));
        assert_eq!(given.len(), 2, "no second system turn is added");
        let (_, u_default) = answer(&model, vec![q.clone()]);
        let (_, u_short) = answer(
            &model,
            vec![Message::system("Answer in one sentence."), q.clone()],
        );
        let (_, u_long) = answer(
            &model,
            vec![
                Message::system(
                    "You explain machine learning to students who are new to it. Use short words, give one example from everyday life, and say what the student should remember.",
                ),
                q,
            ],
        );
        assert!(
            u_short.prompt_tokens < u_default.prompt_tokens,
            "{u_short:?} {u_default:?}"
        );
        assert!(
            u_long.prompt_tokens > u_default.prompt_tokens,
            "{u_long:?} {u_default:?}"
        );
    }

    #[test]
    fn history_is_part_of_the_prompt_and_changes_the_seed() {
        let model = OfflineModel::default();
        let q = Message::user("Why does it matter?");
        let alone = turns(&request(vec![q.clone()]));
        let history = vec![
            Message::user("What is a tokenizer?"),
            Message::assistant("A tokenizer cuts text into tokens."),
            q.clone(),
        ];
        let with = turns(&request(history.clone()));
        assert_eq!(with.len(), alone.len() + 2);
        assert_eq!(with[2].role, chat::Role::Assistant);
        assert_ne!(seed_for(&alone), seed_for(&with));
        let (_, u_alone) = answer(&model, vec![q]);
        let (_, u_with) = answer(&model, history);
        assert!(
            u_with.prompt_tokens > u_alone.prompt_tokens + 10,
            "{u_with:?} {u_alone:?}"
        );
    }

    #[test]
    fn max_tokens_and_temperature_are_honoured() {
        let model = OfflineModel::default();
        let mut r = request(vec![Message::user("Explain pre-training.")]);
        r.max_tokens = Some(3);
        let d = model.complete(&r).unwrap();
        assert!(d.usage.unwrap().completion_tokens <= 3);
        // A question the model was not tuned on: where it is unsure, the
        // temperature changes what it writes. (Where it recalls a tuned answer,
        // top-p leaves one candidate per token at any temperature.)
        r.messages = vec![Message::user(
            "Which games do children play on a rainy afternoon?",
        )];
        r.max_tokens = None;
        r.temperature = Some(0.0);
        let greedy = model.complete(&r).unwrap();
        r.temperature = Some(1.5);
        let hot = model.complete(&r).unwrap();
        assert_ne!(greedy.content, hot.content);
    }
}
