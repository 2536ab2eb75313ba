//! The configuration check `LLMConnector::new()` prints, in the original
//! notebook's words, saying only what really happened.

use crate::client::Client;
use crate::config::{CacheMode, Config, CHECK_TIMEOUT};
use crate::provider::{endpoint, offline};
use crate::transport::Probe;
use crate::types::Provider;

pub(crate) fn lines(client: &Client) -> Vec<String> {
    let config = client.config();
    let mut out = vec!["🔑 LLM Configuration Check:".to_string()];
    let model = client.options().model.clone();
    let replay = config.cache_mode == CacheMode::Replay;
    match config.provider {
        Provider::Offline => {
            if config.provider_reason.starts_with("LLM_PROVIDER") {
                out.push(format!(
                    "ℹ️ {}: using the built-in offline tiny model (no network)",
                    config.provider_reason
                ));
            } else {
                out.push("❌ OpenAI API Details: NOT FOUND".into());
                out.push("ℹ️ Using the built-in offline tiny model instead (no network)".into());
            }
            out.push(format!("ℹ️ {}", offline::check_line()));
        }
        provider => {
            let (name, found) = match provider {
                Provider::AzureOpenAI => ("Azure OpenAI", "FOUND".to_string()),
                Provider::OpenAICompatible => (
                    "OpenAI-compatible server",
                    format!(
                        "{} (API key {})",
                        config.base_url,
                        if config.api_key().is_some() {
                            "set"
                        } else {
                            "not needed"
                        }
                    ),
                ),
                _ => ("OpenAI", "FOUND".to_string()),
            };
            match endpoint(config, &model) {
                Err(e) => {
                    out.push(format!("❌ {name} API Details: NOT FOUND"));
                    out.push(format!("❌ {e}"));
                }
                Ok(ep) => {
                    out.push(format!("✅ {name} API Details: {found}"));
                    let place = match provider {
                        Provider::AzureOpenAI => config.azure.endpoint.clone().unwrap_or_default(),
                        _ => config.base_url.clone(),
                    };
                    let what = if provider == Provider::AzureOpenAI {
                        "deployment"
                    } else {
                        "model"
                    };
                    if replay {
                        out.push(format!("ℹ️ Not contacting {name}: LLM_CACHE=replay never uses the network ({what}: {model})"));
                    } else {
                        let result = client.probe(ep, CHECK_TIMEOUT);
                        out.push(match result {
                            Ok(Probe::Reached) => format!("✅ Connected to {name} ({what}: {model})"),
                            Ok(Probe::Status(s @ (401 | 403), msg)) => format!(
                                "❌ {name} at {place} rejected the API key (HTTP {s}): {msg}. {}",
                                crate::provider::key_hint(provider)
                            ),
                            Ok(Probe::Status(s, msg)) => format!(
                                "⚠️ Reached {name} at {place}, but GET /models answered HTTP {s} ({msg}); completions may still work ({what}: {model})"
                            ),
                            Ok(Probe::Failed(why)) => format!(
                                "❌ Could not reach {name} at {place}: {why}. Completions will be tried anyway ({what}: {model})"
                            ),
                            Err(e) => format!("❌ {e}"),
                        });
                    }
                }
            }
        }
    }
    match config.cache_mode {
        CacheMode::Off => {}
        CacheMode::On => out.push(format!(
            "💾 Response cache: on, answers are stored in {}",
            config.cache_dir.display()
        )),
        CacheMode::Replay => out.push(format!(
            "💾 Response cache: replay, answers come only from {}; the network is never used",
            config.cache_dir.display()
        )),
    }
    out.push(sources(config));
    for warning in &config.warnings {
        out.push(format!("⚠️ {warning}"));
    }
    out
}

/// Where the settings came from: which `.env` was read, or why none was.
fn sources(config: &Config) -> String {
    match (&config.env_dir, &config.dotenv_path) {
        (None, _) => "ℹ️ Settings: from the code only (environment and .env ignored)".into(),
        (Some(_), Some(path)) => {
            format!("ℹ️ Settings: process environment, then {}", path.display())
        }
        (Some(dir), None) => format!(
            "ℹ️ Settings: process environment only (no .env in {} or its parents)",
            dir.display()
        ),
    }
}
