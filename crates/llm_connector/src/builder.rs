//! [`ConnectorBuilder`]: every option of the connector, the check optional.

use crate::config::{ApiKey, CacheMode, Config};
use crate::connector::LLMConnector;
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
    env_dir: Option<PathBuf>,
    skip_check: bool,
    provider: Option<Provider>,
    base_url: Option<String>,
    api_key: Option<ApiKey>,
    model: Option<String>,
    azure_endpoint: Option<String>,
    azure_deployment: Option<String>,
    api_version: Option<String>,
    temperature: Option<f32>,
    max_tokens: Option<u32>,
    system_prompt: Option<String>,
    timeout: Option<Duration>,
    connect_timeout: Option<Duration>,
    max_retries: Option<u32>,
    backoff: Option<(Duration, Duration)>,
    cache_mode: Option<CacheMode>,
    cache_dir: Option<PathBuf>,
}

impl ConnectorBuilder {
    /// Start from built-in defaults instead of the environment and `.env`.
    pub fn ignore_environment(mut self) -> Self {
        self.ignore_env = true;
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
        self.provider = Some(provider);
        self
    }
    /// Use the built-in offline model.
    pub fn offline(self) -> Self {
        self.provider(Provider::Offline)
    }
    /// OpenAI-compatible base URL, e.g. `http://localhost:11434/v1`. Selects
    /// OpenAI (or a compatible server) unless a provider was chosen.
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = Some(url.into());
        self
    }
    /// The API key (OpenAI or Azure, whichever provider is used).
    pub fn api_key(mut self, key: impl Into<String>) -> Self {
        self.api_key = Some(ApiKey::new(key));
        self
    }
    /// The model (the deployment on Azure).
    pub fn model(mut self, model: impl Into<String>) -> Self {
        self.model = Some(model.into());
        self
    }
    /// Azure OpenAI endpoint and deployment; selects Azure unless a provider was chosen.
    pub fn azure(mut self, endpoint: impl Into<String>, deployment: impl Into<String>) -> Self {
        self.azure_endpoint = Some(endpoint.into());
        self.azure_deployment = Some(deployment.into());
        self
    }
    /// Azure `api-version`.
    pub fn api_version(mut self, version: impl Into<String>) -> Self {
        self.api_version = Some(version.into());
        self
    }
    /// Sampling temperature.
    pub fn temperature(mut self, temperature: f32) -> Self {
        self.temperature = Some(temperature);
        self
    }
    /// Answer length limit in tokens (sent as `max_completion_tokens` to reasoning models, see
    /// [`LLMConnector::with_max_tokens`]).
    pub fn max_tokens(mut self, max_tokens: u32) -> Self {
        self.max_tokens = Some(max_tokens);
        self
    }
    /// A system message sent before every prompt.
    pub fn system_prompt(mut self, prompt: impl Into<String>) -> Self {
        self.system_prompt = Some(prompt.into());
        self
    }
    /// Per-request time limit (whole request, or gap between streamed chunks).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }
    /// TCP + TLS set-up limit.
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = Some(timeout);
        self
    }
    /// How many times a failed request is retried.
    pub fn max_retries(mut self, retries: u32) -> Self {
        self.max_retries = Some(retries);
        self
    }
    /// First backoff and its ceiling (tests use milliseconds).
    pub fn backoff(mut self, initial: Duration, max: Duration) -> Self {
        self.backoff = Some((initial, max));
        self
    }
    /// Response cache mode.
    pub fn cache(mut self, mode: CacheMode) -> Self {
        self.cache_mode = Some(mode);
        self
    }
    /// Where cached answers live.
    pub fn cache_dir(mut self, dir: impl Into<PathBuf>) -> Self {
        self.cache_dir = Some(dir.into());
        self
    }

    /// The configuration these settings describe.
    pub fn config(&self) -> Config {
        let mut c = if self.ignore_env {
            Config::default()
        } else if let Some(dir) = &self.env_dir {
            Config::from_sources(dir, |name| std::env::var(name).ok())
        } else {
            Config::from_env()
        };
        let b = self.clone();
        if let Some(url) = b.base_url {
            c.base_url = url.trim_end_matches('/').to_string();
        }
        if b.azure_endpoint.is_some() {
            c.azure.endpoint = b
                .azure_endpoint
                .map(|e| e.trim_end_matches('/').to_string());
            c.azure.deployment = b.azure_deployment.clone();
            c.model = b.azure_deployment.unwrap_or_default();
        }
        if let Some(v) = b.api_version {
            c.azure.api_version = v;
        }
        let provider = b.provider.or_else(|| {
            if self.azure_endpoint.is_some() {
                Some(Provider::AzureOpenAI)
            } else if self.base_url.is_some() || self.api_key.is_some() {
                Some(Provider::openai_for(&c.base_url))
            } else {
                None
            }
        });
        if let Some(p) = provider {
            // "openai" with a non-default URL is a compatible server.
            c.provider = match p {
                Provider::OpenAI | Provider::OpenAICompatible => Provider::openai_for(&c.base_url),
                other => other,
            };
            c.provider_reason = "chosen in the builder".into();
            if c.provider == Provider::Offline {
                c.api_key = None;
            }
        }
        if b.api_key.is_some() {
            c.api_key = b.api_key;
        }
        if let Some(m) = b.model {
            c.model = m;
        }
        c.temperature = b.temperature.or(c.temperature);
        c.max_tokens = b.max_tokens.or(c.max_tokens);
        c.system_prompt = b.system_prompt.or(c.system_prompt);
        c.timeout = b.timeout.unwrap_or(c.timeout);
        c.connect_timeout = b.connect_timeout.unwrap_or(c.connect_timeout);
        c.max_retries = b.max_retries.unwrap_or(c.max_retries);
        if let Some((initial, max)) = b.backoff {
            c.backoff_initial = initial;
            c.backoff_max = max;
        }
        c.cache_mode = b.cache_mode.unwrap_or(c.cache_mode);
        c.cache_dir = b.cache_dir.unwrap_or(c.cache_dir);
        c
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
