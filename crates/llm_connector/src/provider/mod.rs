//! Where requests go: OpenAI and compatible servers, Azure OpenAI (same wire
//! format, different URL and header), or the offline model.

pub(crate) mod offline;
pub(crate) mod openai;

use crate::config::{ApiKey, Config};
use crate::error::LlmError;
use crate::types::Provider;

/// The resolved HTTP target of a provider. Holds the key, so no `Debug`.
pub(crate) struct Endpoint {
    pub chat_url: String,
    pub models_url: String,
    /// `Authorization: Bearer` (OpenAI) or `api-key` (Azure); `None` for key-less servers.
    pub auth: Option<(&'static str, ApiKey)>,
    /// Azure takes the model from the URL.
    pub include_model: bool,
}

impl Endpoint {
    pub fn secret(&self) -> Option<&str> {
        self.auth.as_ref().map(|(_, k)| k.expose())
    }
}

/// What to tell a student whose key was refused.
pub(crate) fn key_hint(provider: Provider) -> String {
    let var = match provider {
        Provider::AzureOpenAI => "AZURE_OPENAI_API_KEY",
        _ => "OPENAI_API_KEY",
    };
    format!("Check {var} in .env (see .env.example), then restart the kernel so the connector reads it again")
}

/// Resolves the HTTP endpoint, or says which setting is missing.
/// `model` is the effective model (the deployment name on Azure).
pub(crate) fn endpoint(config: &Config, model: &str) -> Result<Endpoint, LlmError> {
    match config.provider {
        Provider::OpenAI | Provider::OpenAICompatible => {
            let base = &config.base_url;
            if config.provider == Provider::OpenAI && config.api_key.is_none() {
                return Err(LlmError::MissingConfig {
                    what: "OPENAI_API_KEY is not set".into(),
                    hint: "Set OPENAI_API_KEY in .env at the repository root (see .env.example), or unset LLM_PROVIDER to use the built-in offline model".into(),
                });
            }
            Ok(Endpoint {
                chat_url: format!("{base}/chat/completions"),
                models_url: format!("{base}/models"),
                auth: config.api_key.clone().map(|k| ("authorization", k)),
                include_model: true,
            })
        }
        Provider::AzureOpenAI => {
            let azure = &config.azure;
            let mut missing = Vec::new();
            if azure.endpoint.is_none() {
                missing.push("AZURE_OPENAI_ENDPOINT");
            }
            if azure.deployment.is_none() {
                missing.push("AZURE_OPENAI_DEPLOYMENT");
            }
            if config.api_key.is_none() {
                missing.push("AZURE_OPENAI_API_KEY");
            }
            if !missing.is_empty() {
                return Err(LlmError::MissingConfig {
                    what: format!("Azure OpenAI needs {}", missing.join(", ")),
                    hint: "Set them in .env (see .env.example)".into(),
                });
            }
            let endpoint = azure.endpoint.as_deref().unwrap_or_default();
            let version = &azure.api_version;
            let deployment = model;
            Ok(Endpoint {
                chat_url: format!("{endpoint}/openai/deployments/{deployment}/chat/completions?api-version={version}"),
                models_url: format!("{endpoint}/openai/models?api-version={version}"),
                auth: config.api_key.clone().map(|k| ("api-key", k)),
                include_model: false,
            })
        }
        Provider::Offline => Err(LlmError::Internal(
            "the offline provider has no HTTP endpoint".into(),
        )),
    }
}
