//! The offline provider: the built-in tiny model continues the prompt. No
//! network, no key. The only place llm_connector touches tiny_lm.

use crate::error::LlmError;
use crate::provider::openai::{ChatRequest, Decoded};

/// The model name completions report.
pub const MODEL_NAME: &str = "tiny_lm (built-in)";

/// What the configuration check says about this provider.
pub(crate) fn check_line() -> String {
    "completions will fail with a clear error: the built-in offline model is not available in this build yet. Set OPENAI_API_KEY in .env (see .env.example) to use a real model".to_string()
}

/// Loads the model on first use (not in `new()`, to keep the first cell fast).
#[derive(Default)]
pub(crate) struct OfflineModel {
    _not_loaded_yet: (),
}

impl OfflineModel {
    pub fn complete(&self, _request: &ChatRequest) -> Result<Decoded, LlmError> {
        Err(LlmError::Offline {
            message: "the built-in tiny model is not available in this build yet".into(),
        })
    }
}
