//! Configuration: what the connector needs, and every default with the reason for it.
//! [`crate::resolve`] fills a [`Config`] from the builder, the environment and `.env`.

use crate::resolve::{resolve, Overrides, Variables};
use crate::types::Provider;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// OpenAI's public API; any other base URL is treated as an OpenAI-compatible server.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
/// The model the original notebook used.
pub const DEFAULT_MODEL: &str = "gpt-4o";
/// Azure's current GA Chat Completions API version.
pub const DEFAULT_AZURE_API_VERSION: &str = "2024-10-21";
/// Whole-call limit (all attempts and waits included), openai-python's 600 s: a
/// reasoning model's long answer must not be cut, and a stalled one is caught
/// sooner by [`DEFAULT_IDLE_TIMEOUT`].
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(600);
/// Longest silence in the middle of an answer (between received bytes, once the
/// response has begun). Two minutes: a streaming server that sends nothing for
/// that long has stalled; a model that thinks silently longer needs it raised.
pub const DEFAULT_IDLE_TIMEOUT: Duration = Duration::from_secs(120);
/// TCP + TLS set-up limit, as in openai-python (5 s).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// openai-python retries twice by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// First backoff (doubles each retry), openai-python's 0.5 s.
pub const DEFAULT_BACKOFF_INITIAL: Duration = Duration::from_millis(500);
/// Backoff ceiling, openai-python's 8 s.
pub const DEFAULT_BACKOFF_MAX: Duration = Duration::from_secs(8);
/// A server's `Retry-After` is honoured up to this long (openai-python's 60 s);
/// beyond it, or when it is not a positive time, we back off normally.
pub const MAX_RETRY_AFTER: Duration = Duration::from_secs(60);
/// The configuration check's `GET /models` must not hold up the first cell.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(3);
/// Name of the cache folder at the repository root.
pub const DEFAULT_CACHE_DIR_NAME: &str = ".llm_cache";

/// An API key. Its `Debug` prints a mask; it has no `Display`, so it cannot end
/// up in a message by accident.
///
/// ```
/// let key = llm_connector::ApiKey::new("sk-secret-123");
/// assert!(!format!("{key:?}").contains("secret"));
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct ApiKey(String);

impl ApiKey {
    /// Wraps a key.
    pub fn new(key: impl Into<String>) -> ApiKey {
        ApiKey(key.into())
    }
    pub(crate) fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for ApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ApiKey(<{} chars, hidden>)", self.0.chars().count())
    }
}

/// Response cache mode, from `LLM_CACHE`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum CacheMode {
    /// No cache (default).
    #[default]
    Off,
    /// Answer from the cache when possible, store every new answer.
    On,
    /// Answer only from the cache; never touch the network or the model.
    Replay,
}

/// Azure OpenAI settings.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AzureConfig {
    /// `AZURE_OPENAI_ENDPOINT`, e.g. `https://my-resource.openai.azure.com`.
    pub endpoint: Option<String>,
    /// `AZURE_OPENAI_DEPLOYMENT`: the deployment name, used in the URL.
    pub deployment: Option<String>,
    /// `OPENAI_API_VERSION`.
    pub api_version: String,
}

/// Everything the connector needs, read once by [`crate::LLMConnector::new`].
///
/// Each provider's key is held apart and bound to the address it was configured
/// with: the OpenAI key goes only to `base_url`, the Azure key only to the Azure
/// endpoint, and a key from the environment is not sent to an address the
/// builder chose instead.
#[derive(Clone, Debug)]
pub struct Config {
    /// Which backend answers.
    pub provider: Provider,
    /// Why that provider was chosen (shown by the configuration check).
    pub provider_reason: String,
    /// The key for `base_url` (OpenAI, or a compatible server that wants one).
    pub openai_api_key: Option<ApiKey>,
    /// The key for the Azure endpoint.
    pub azure_api_key: Option<ApiKey>,
    /// `OPENAI_BASE_URL` without a trailing slash.
    pub base_url: String,
    /// `OPENAI_MODEL`, or the Azure deployment name (empty when none is set).
    pub model: String,
    /// Azure settings (used when `provider` is Azure).
    pub azure: AzureConfig,
    /// Sampling temperature; `None` leaves the server's default.
    pub temperature: Option<f32>,
    /// Answer length limit; `None` leaves the server's default.
    pub max_tokens: Option<u32>,
    /// A system message sent before every prompt.
    pub system_prompt: Option<String>,
    /// `LLM_TIMEOUT_SECS`: the whole call, retries and waits included.
    pub timeout: Duration,
    /// `LLM_CONNECT_TIMEOUT_SECS`: TCP + TLS set-up of one attempt.
    pub connect_timeout: Duration,
    /// `LLM_IDLE_TIMEOUT_SECS`: longest gap between received bytes once an answer has begun.
    pub idle_timeout: Duration,
    /// `LLM_MAX_RETRIES`.
    pub max_retries: u32,
    /// First backoff; doubles each retry.
    pub backoff_initial: Duration,
    /// Backoff ceiling.
    pub backoff_max: Duration,
    /// `LLM_CACHE`.
    pub cache_mode: CacheMode,
    /// `LLM_CACHE_DIR`, default `.llm_cache/` at the repository root.
    pub cache_dir: PathBuf,
    /// Where the search for `.env` started; `None` when the environment was ignored.
    pub env_dir: Option<PathBuf>,
    /// The `.env` file that was read, if any.
    pub dotenv_path: Option<PathBuf>,
    /// Problems found while reading the configuration (bad numbers, unknown names).
    pub warnings: Vec<String>,
}

impl Default for Config {
    /// Defaults with no environment at all: the offline provider.
    fn default() -> Self {
        resolve(&Variables::ignored(), &Overrides::default())
    }
}

impl Config {
    /// Reads the process environment and the nearest `.env` (current directory,
    /// then its parents). Process variables win over `.env`.
    pub fn from_env() -> Config {
        let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        Config::from_sources(&cwd, |name| std::env::var(name).ok())
    }

    /// Like [`Config::from_env`], with the search starting at `dir` and `process`
    /// standing in for the process environment (tests use this).
    ///
    /// ```
    /// let dir = std::env::temp_dir();
    /// let cfg = llm_connector::Config::from_sources(&dir, |name| {
    ///     (name == "OPENAI_MODEL").then(|| "gpt-4o-mini".to_string())
    /// });
    /// assert_eq!(cfg.model, "gpt-4o-mini");
    /// ```
    pub fn from_sources(dir: &Path, process: impl Fn(&str) -> Option<String>) -> Config {
        resolve(&Variables::load(dir, process), &Overrides::default())
    }

    /// The key of the chosen provider (`None` for the offline model and key-less servers).
    ///
    /// ```
    /// let dir = std::env::temp_dir();
    /// let cfg = llm_connector::Config::from_sources(&dir, |name| match name {
    ///     "AZURE_OPENAI_API_KEY" => Some("azure-key".into()),
    ///     "AZURE_OPENAI_ENDPOINT" => Some("https://x.openai.azure.com".into()),
    ///     "OPENAI_API_KEY" => Some("openai-key".into()),
    ///     "LLM_PROVIDER" => Some("azure".into()),
    ///     _ => None,
    /// });
    /// assert_eq!(cfg.api_key(), Some(&llm_connector::ApiKey::new("azure-key")));
    /// ```
    pub fn api_key(&self) -> Option<&ApiKey> {
        match self.provider {
            Provider::OpenAI | Provider::OpenAICompatible => self.openai_api_key.as_ref(),
            Provider::AzureOpenAI => self.azure_api_key.as_ref(),
            Provider::Offline => None,
        }
    }
}
