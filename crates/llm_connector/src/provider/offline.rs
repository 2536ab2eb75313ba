//! The offline provider: the built-in tiny model (`tiny_lm`, trained in this
//! project) continues the prompt. No network, no key. The only place
//! llm_connector touches tiny_lm.
//!
//! It is honest about what it is: every answer starts with a one-line note,
//! and the same prompt always gives the same text (the sampling seed is a hash
//! of the prompt), so notebooks and CI outputs are reproducible.

use crate::error::LlmError;
use crate::provider::openai::{ChatRequest, Decoded};
use crate::types::{Role, Usage};
use std::sync::OnceLock;
use tiny_lm::pretrained::Pretrained;

/// The model name completions report.
pub const MODEL_NAME: &str = "tiny_lm (built-in)";

/// New tokens per answer when the request sets no limit: a few sentences,
/// generated in well under a second on a laptop CPU.
pub const DEFAULT_MAX_NEW_TOKENS: usize = 60;

/// Upper bound even when a request asks for more: the tiny model drifts off
/// topic long before, and a student should not wait for it.
pub const MAX_NEW_TOKENS: usize = 400;

/// The first line of every offline answer.
pub const NOTE: &str = "ℹ️ Offline tiny model (built into this project): it continues your prompt and is not a real assistant. For real answers set OPENAI_API_KEY in .env (see .env.example) and restart the kernel.";

/// What the configuration check says about this provider.
pub(crate) fn check_line() -> String {
    "Answers continue your prompt with the tiny model trained in this project; they are not a real assistant's. To use a real model, set OPENAI_API_KEY in .env (see .env.example) and restart the kernel".to_string()
}

/// The model, loaded on the first offline completion (not in `new()`, so a
/// connector that never answers offline pays nothing).
#[derive(Default)]
pub(crate) struct OfflineModel {
    model: OnceLock<Result<Pretrained, String>>,
}

impl OfflineModel {
    pub fn complete(&self, request: &ChatRequest) -> Result<Decoded, LlmError> {
        let lm = self
            .model
            .get_or_init(|| tiny_lm::pretrained::load().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| LlmError::Offline {
                message: format!("the embedded checkpoint could not be loaded ({e})"),
            })?;
        let prompt = request
            .messages
            .iter()
            .rev()
            .find(|m| m.role == Role::User)
            .map(|m| m.content.as_str())
            .unwrap_or_default();
        let max_new = request
            .max_tokens
            .map_or(DEFAULT_MAX_NEW_TOKENS, |m| m as usize)
            .min(MAX_NEW_TOKENS);
        let continuation = lm.continue_text(prompt, max_new, seed_for(prompt));
        let continuation = continuation.trim();
        let prompt_tokens = lm.tokenizer.encode(prompt).len() as u64;
        let completion_tokens = lm.tokenizer.encode(continuation).len() as u64;
        let content = if continuation.is_empty() {
            NOTE.to_string()
        } else {
            format!("{NOTE}\n\n…{continuation}")
        };
        Ok(Decoded {
            content,
            model: Some(MODEL_NAME.to_string()),
            // The tiny model has no end-of-answer token: it always stops at the limit.
            finish_reason: Some("length".into()),
            usage: Some(Usage {
                prompt_tokens,
                completion_tokens,
                total_tokens: prompt_tokens + completion_tokens,
            }),
        })
    }
}

/// Same prompt, same seed, same answer (FNV-1a of the prompt's bytes).
fn seed_for(prompt: &str) -> u64 {
    prompt.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
