//! [`ConnectorBuilder`]: every option of the connector, the check optional.

use crate::config::{ApiKey, CacheMode, Config};
use crate::connector::LLMConnector;
use crate::resolve::{resolve, Overrides, Variables};
use crate::types::Provider;
use std::path::PathBuf;
use std::time::Duration;

/// Builds an [`LLMConnector`]. Starts from the environment and `.env` (like
/// [`LLMConnector::new`]) unless told to ignore them; each setter overrides one
/// value. `build()` prints the configuration check unless `skip_check()`.
///
/// ```
/// use llm_connector::{LLMConnector, Provider};
/// use std::time::Duration;
/// let c = LLMConnector::builder()
///     .ignore_environment()
///     .base_url("http://127.0.0.1:11434/v1") // e.g. Ollama: no key needed
///     .model("llama3.2")
///     .temperature(0.2)
///     .timeout(Duration::from_secs(30))
///     .skip_check()
///     .build();
/// assert_eq!(c.provider(), Provider::OpenAICompatible);
/// ```
#[derive(Clone, Debug, Default)]
pub struct ConnectorBuilder {
    ignore_env: bool,
    ignore_process_env: bool,
    env_dir: Option<PathBuf>,
    skip_check: bool,
    overrides: Overrides,
}

impl ConnectorBuilder {
    /// Start from built-in defaults instead of the environment and `.env`.
    pub fn ignore_environment(mut self) -> Self {
        self.ignore_env = true;
        self
    }
    /// Read `.env` but not the process environment: what a `.env` says then holds even where a
    /// variable of the same name is set (to empty, say, as `cargo xtask test` does to hide keys).
    pub fn ignore_process_environment(mut self) -> Self {
        self.ignore_process_env = true;
        self
    }
    /// Look for `.env` from `dir` upwards instead of the current directory.
    pub fn env_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.env_dir = Some(dir.into());
        self
    }
    /// Do not print the configuration check (no network at build time).
    pub fn skip_check(mut self) -> Self {
        self.skip_check = true;
        self
    }
    /// Choose the provider explicitly.
    pub fn provider(mut self, provider: Provider) -> Self {
        self.overrides.provider = Some(provider);
        self
    }
    /// Use the built-in offline model.
    pub fn offline(self) -> Self {
        self.provider(Provider::Offline)
    }
    /// OpenAI-compatible base URL, e.g. `http://localhost:11434/v1`. Selects
    /// OpenAI (or a compatible server) unless a provider was chosen.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.overrides.base_url = Some(url.into());
        self
    }
    /// The API key for the provider this connector uses (OpenAI, Azure or a
    /// compatible server). It is sent only there; keys from the environment are
    /// not sent to an address chosen here.
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.overrides.api_key = Some(ApiKey::new(key));
        self
    }
    /// The model (the deployment on Azure).
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.overrides.model = Some(model.into());
        self
    }
    /// Azure OpenAI endpoint and deployment; selects Azure unless a provider was chosen.
    pub fn azure(mut self, endpoint: impl Into<String>, deployment: impl Into<String>) -> Self {
        self.overrides.azure_endpoint = Some(endpoint.into());
        self.overrides.azure_deployment = Some(deployment.into());
        self
    }
    /// Azure `api-version`.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.overrides.api_version = Some(version.into());
        self
    }
    /// Sampling temperature.
    pub fn temperature(mut self, temperature: f32) -> Self {
        self.overrides.temperature = Some(temperature);
        self
    }
    /// Answer length limit in tokens (sent as `max_completion_tokens` to reasoning models, see
    /// [`LLMConnector::with_max_tokens`]).
    pub fn max_tokens(mut self, max_tokens: u32) -> Self {
        self.overrides.max_tokens = Some(max_tokens);
        self
    }
    /// A system message sent before every prompt.
    pub fn system_prompt(mut self, prompt: impl Into<String>) -> Self {
        self.overrides.system_prompt = Some(prompt.into());
        self
    }
    /// Limit for the whole call, retries and waits included (`LLM_TIMEOUT_SECS`).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.overrides.timeout = Some(timeout);
        self
    }
    /// TCP + TLS set-up limit of one attempt (`LLM_CONNECT_TIMEOUT_SECS`).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.overrides.connect_timeout = Some(timeout);
        self
    }
    /// Longest gap between received bytes once an answer has begun (`LLM_IDLE_TIMEOUT_SECS`).
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.overrides.idle_timeout = Some(timeout);
        self
    }
    /// How many times a failed request is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.overrides.max_retries = Some(retries);
        self
    }
    /// First backoff and its ceiling (tests use milliseconds).
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.overrides.backoff = Some((initial, max));
        self
    }
    /// Response cache mode.
    pub fn cache(mut self, mode: CacheMode) -> Self {
        self.overrides.cache_mode = Some(mode);
        self
    }
    /// Where cached answers live.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.overrides.cache_dir = Some(dir.into());
        self
    }

    /// The configuration these settings describe, from the same resolver as
    /// [`Config::from_env`]: these settings win over the environment and `.env`.
    pub fn config(&self) -> Config {
        let variables = if self.ignore_env {
            Variables::ignored()
        } else {
            let dir = self
                .env_dir
                .clone()
                .unwrap_or_else(|| std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")));
            let from_process = !self.ignore_process_env;
            Variables::load(&dir, |name| {
                from_process.then(|| std::env::var(name).ok()).flatten()
            })
        };
        resolve(&variables, &self.overrides)
    }

    /// Builds the connector; prints the configuration check unless `skip_check()`.
    pub fn build(self) -> LLMConnector {
        let connector = LLMConnector::from_config(self.config());
        if !self.skip_check {
            for line in connector.check_configuration() {
                println!("{line}");
            }
        }
        connector
    }
}
