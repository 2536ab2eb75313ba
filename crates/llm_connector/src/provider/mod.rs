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

/// Resolves the HTTP endpoint, or says which setting is missing or malformed.
/// `model` is the effective model (the deployment name on Azure). Each provider
/// gets only its own key.
pub(crate) fn endpoint(config: &Config, model: &str) -> Result<Endpoint, LlmError> {
    match config.provider {
        Provider::OpenAI | Provider::OpenAICompatible => {
            let base = &config.base_url;
            check_url("OPENAI_BASE_URL", base)?;
            if config.provider == Provider::OpenAI && config.openai_api_key.is_none() {
                return Err(LlmError::MissingConfig {
                    what: "OPENAI_API_KEY is not set".into(),
                    hint: "Set OPENAI_API_KEY in .env at the repository root (see .env.example), or unset LLM_PROVIDER to use the built-in offline model".into(),
                });
            }
            Ok(Endpoint {
                chat_url: format!("{base}/chat/completions"),
                models_url: format!("{base}/models"),
                auth: config.openai_api_key.clone().map(|k| ("authorization", k)),
                include_model: true,
            })
        }
        Provider::AzureOpenAI => {
            let azure = &config.azure;
            let mut missing = Vec::new();
            if azure.endpoint.is_none() {
                missing.push("AZURE_OPENAI_ENDPOINT");
            }
            if model.is_empty() {
                missing.push("AZURE_OPENAI_DEPLOYMENT (or with_model)");
            }
            if config.azure_api_key.is_none() {
                missing.push("AZURE_OPENAI_API_KEY");
            }
            if !missing.is_empty() {
                return Err(LlmError::MissingConfig {
                    what: format!("Azure OpenAI needs {}", missing.join(", ")),
                    hint: "Set them in .env (see .env.example); a key from the environment is sent only to the endpoint configured with it".into(),
                });
            }
            let endpoint = azure.endpoint.as_deref().unwrap_or_default();
            check_url("AZURE_OPENAI_ENDPOINT", endpoint)?;
            let version = &azure.api_version;
            let deployment = model;
            Ok(Endpoint {
                chat_url: format!("{endpoint}/openai/deployments/{deployment}/chat/completions?api-version={version}"),
                models_url: format!("{endpoint}/openai/models?api-version={version}"),
                auth: config.azure_api_key.clone().map(|k| ("api-key", k)),
                include_model: false,
            })
        }
        Provider::Offline => Err(LlmError::Internal(
            "the offline provider has no HTTP endpoint".into(),
        )),
    }
}

/// An `http(s)://host...` URL, or an error naming the variable that holds it.
fn check_url(variable: &str, url: &str) -> Result<(), LlmError> {
    let problem = match reqwest::Url::parse(url) {
        Err(e) => Some(e.to_string()),
        Ok(u) if !matches!(u.scheme(), "http" | "https") => Some(format!(
            "it must start with http:// or https://, not {}:",
            u.scheme()
        )),
        Ok(u) if u.host_str().is_none_or(str::is_empty) => Some("it names no host".into()),
        Ok(_) => None,
    };
    match problem {
        None => Ok(()),
        Some(why) => Err(LlmError::InvalidConfig {
            what: format!("{variable}={url:?} is not a usable URL ({why})"),
            hint: format!("Set {variable} to a full URL such as http://localhost:11434/v1 (in .env or the builder)"),
        }),
    }
}
