//! Configuration: environment + `.env` -> [`Config`]. Every default lives here.

use crate::types::Provider;
use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// OpenAI's public API; any other base URL is treated as an OpenAI-compatible server.
pub const DEFAULT_BASE_URL: &str = "https://api.openai.com/v1";
/// The model the original notebook used.
pub const DEFAULT_MODEL: &str = "gpt-4o";
/// Azure's current GA Chat Completions API version.
pub const DEFAULT_AZURE_API_VERSION: &str = "2024-10-21";
/// Whole-request limit. Shorter than openai-python's 600 s: a student should not
/// stare at a busy cell for ten minutes. Long streams are bounded per chunk instead.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// TCP + TLS set-up limit, as in openai-python (5 s).
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// openai-python retries twice by default.
pub const DEFAULT_MAX_RETRIES: u32 = 2;
/// First backoff (doubles each retry), openai-python's 0.5 s.
pub const DEFAULT_BACKOFF_INITIAL: Duration = Duration::from_millis(500);
/// Backoff ceiling, openai-python's 8 s.
pub const DEFAULT_BACKOFF_MAX: Duration = Duration::from_secs(8);
/// A server's `Retry-After` is honoured up to this long; beyond it we back off normally.
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
#[derive(Clone, Debug)]
pub struct Config {
    /// Which backend answers.
    pub provider: Provider,
    /// Why that provider was chosen (shown by the configuration check).
    pub provider_reason: String,
    /// Key for OpenAI or Azure; optional for compatible servers.
    pub api_key: Option<ApiKey>,
    /// `OPENAI_BASE_URL` without a trailing slash.
    pub base_url: String,
    /// `OPENAI_MODEL`, or the Azure deployment name.
    pub model: String,
    /// Azure settings (used when `provider` is Azure).
    pub azure: AzureConfig,
    /// Sampling temperature; `None` leaves the server's default.
    pub temperature: Option<f32>,
    /// Answer length limit; `None` leaves the server's default.
    pub max_tokens: Option<u32>,
    /// A system message sent before every prompt.
    pub system_prompt: Option<String>,
    /// `LLM_TIMEOUT_SECS`: whole request (non-streaming) or gap between chunks (streaming).
    pub timeout: Duration,
    /// TCP + TLS set-up limit.
    pub connect_timeout: Duration,
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
    /// The `.env` file that was read, if any.
    pub dotenv_path: Option<PathBuf>,
    /// Problems found while reading the configuration (bad numbers, unknown names).
    pub warnings: Vec<String>,
}

impl Default for Config {
    /// Defaults with no environment at all: the offline provider.
    fn default() -> Self {
        Config::from_lookup(|_| None, None, PathBuf::from(DEFAULT_CACHE_DIR_NAME))
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
        let mut warnings = Vec::new();
        let dotenv_path = find_upwards(dir, ".env", false);
        let mut file_vars = HashMap::new();
        if let Some(path) = &dotenv_path {
            match dotenvy::from_path_iter(path) {
                Ok(iter) => {
                    for (i, item) in iter.enumerate() {
                        match item {
                            Ok((k, v)) => {
                                file_vars.insert(k, v);
                            }
                            // The line may hold a key: report its position only.
                            Err(_) => warnings.push(format!(
                                "skipped entry {} of {} (not NAME=value)",
                                i + 1,
                                path.display()
                            )),
                        }
                    }
                }
                Err(_) => warnings.push(format!("could not read {}", path.display())),
            }
        }
        let lookup = |name: &str| {
            process(name)
                .or_else(|| file_vars.get(name).cloned())
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let cache_dir = match lookup("LLM_CACHE_DIR") {
            Some(dir) => PathBuf::from(dir),
            None => repo_root(dir, dotenv_path.as_deref()).join(DEFAULT_CACHE_DIR_NAME),
        };
        let mut config = Config::from_lookup(lookup, dotenv_path, cache_dir);
        warnings.append(&mut config.warnings);
        config.warnings = warnings;
        config
    }

    fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
        dotenv_path: Option<PathBuf>,
        cache_dir: PathBuf,
    ) -> Config {
        let mut warnings = Vec::new();
        let mut seconds = |name: &str, default: Duration| match lookup(name) {
            None => default,
            Some(v) => match v.parse::<f64>() {
                Ok(s) if s > 0.0 && s.is_finite() => Duration::from_secs_f64(s),
                _ => {
                    warnings.push(format!(
                        "{name}={v} is not a positive number of seconds; using {}",
                        default.as_secs()
                    ));
                    default
                }
            },
        };
        let timeout = seconds("LLM_TIMEOUT_SECS", DEFAULT_TIMEOUT);
        let max_retries = match lookup("LLM_MAX_RETRIES") {
            None => DEFAULT_MAX_RETRIES,
            Some(v) => v.parse().unwrap_or_else(|_| {
                warnings.push(format!(
                    "LLM_MAX_RETRIES={v} is not a whole number; using {DEFAULT_MAX_RETRIES}"
                ));
                DEFAULT_MAX_RETRIES
            }),
        };
        let cache_mode = match lookup("LLM_CACHE")
            .map(|v| v.to_ascii_lowercase())
            .as_deref()
        {
            None | Some("off") => CacheMode::Off,
            Some("on") => CacheMode::On,
            Some("replay") => CacheMode::Replay,
            Some(other) => {
                warnings.push(format!(
                    "LLM_CACHE={other} is not off, on or replay; cache is off"
                ));
                CacheMode::Off
            }
        };
        let base_url = lookup("OPENAI_BASE_URL")
            .unwrap_or_else(|| DEFAULT_BASE_URL.to_string())
            .trim_end_matches('/')
            .to_string();
        let openai_key = lookup("OPENAI_API_KEY").map(ApiKey);
        let azure_key = lookup("AZURE_OPENAI_API_KEY").map(ApiKey);
        let azure = AzureConfig {
            endpoint: lookup("AZURE_OPENAI_ENDPOINT").map(|e| e.trim_end_matches('/').to_string()),
            deployment: lookup("AZURE_OPENAI_DEPLOYMENT"),
            api_version: lookup("OPENAI_API_VERSION")
                .unwrap_or_else(|| DEFAULT_AZURE_API_VERSION.to_string()),
        };
        let compatible = base_url != DEFAULT_BASE_URL;
        let (provider, provider_reason) = match lookup("LLM_PROVIDER")
            .map(|v| v.to_ascii_lowercase())
            .as_deref()
        {
            Some("openai") => (
                Provider::openai_for(&base_url),
                "LLM_PROVIDER=openai".to_string(),
            ),
            Some("azure") => (Provider::AzureOpenAI, "LLM_PROVIDER=azure".to_string()),
            Some("offline") => (Provider::Offline, "LLM_PROVIDER=offline".to_string()),
            other => {
                if let Some(v) = other {
                    warnings.push(format!(
                        "LLM_PROVIDER={v} is not openai, azure or offline; choosing automatically"
                    ));
                }
                if openai_key.is_some() {
                    (
                        Provider::openai_for(&base_url),
                        "OPENAI_API_KEY is set".to_string(),
                    )
                } else if azure_key.is_some() && azure.endpoint.is_some() {
                    (
                        Provider::AzureOpenAI,
                        "AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT are set".to_string(),
                    )
                } else if compatible {
                    (
                        Provider::OpenAICompatible,
                        "OPENAI_BASE_URL points at an OpenAI-compatible server".to_string(),
                    )
                } else {
                    (Provider::Offline, "no API key is configured".to_string())
                }
            }
        };
        let (api_key, model) = match provider {
            Provider::AzureOpenAI => (
                azure_key,
                azure
                    .deployment
                    .clone()
                    .unwrap_or_else(|| DEFAULT_MODEL.to_string()),
            ),
            // The offline provider names its own model; this one is kept for
            // a builder that switches provider.
            Provider::Offline => (
                None,
                lookup("OPENAI_MODEL").unwrap_or_else(|| DEFAULT_MODEL.to_string()),
            ),
            _ => (
                openai_key,
                lookup("OPENAI_MODEL").unwrap_or_else(|| DEFAULT_MODEL.to_string()),
            ),
        };
        Config {
            provider,
            provider_reason,
            api_key,
            base_url,
            model,
            azure,
            temperature: None,
            max_tokens: None,
            system_prompt: None,
            timeout,
            connect_timeout: DEFAULT_CONNECT_TIMEOUT,
            max_retries,
            backoff_initial: DEFAULT_BACKOFF_INITIAL,
            backoff_max: DEFAULT_BACKOFF_MAX,
            cache_mode,
            cache_dir,
            dotenv_path,
            warnings,
        }
    }
}

/// The nearest `name` in `dir` or its parents.
fn find_upwards(dir: &Path, name: &str, want_dir: bool) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(name))
        .find(|p| if want_dir { p.is_dir() } else { p.is_file() })
}

/// Where `.llm_cache/` belongs: next to an existing one up the tree, else next
/// to `.env`, else at the git root, else in `dir`.
fn repo_root(dir: &Path, dotenv: Option<&Path>) -> PathBuf {
    if let Some(existing) = find_upwards(dir, DEFAULT_CACHE_DIR_NAME, true) {
        return existing.parent().unwrap_or(dir).to_path_buf();
    }
    if let Some(parent) = dotenv.and_then(Path::parent) {
        return parent.to_path_buf();
    }
    dir.ancestors()
        .find(|d| d.join(".git").exists())
        .unwrap_or(dir)
        .to_path_buf()
}
