//! The one configuration resolver: builder settings > process environment >
//! `.env` > defaults. It picks the provider first, then that provider's key, and
//! binds each key to the address it was configured with. `Config::from_env`,
//! `Config::from_sources`, `Config::default` and the builder all come through here.

mod variables;

use crate::config::*;
use crate::types::Provider;
use std::path::{Path, PathBuf};
use std::time::Duration;
use variables::find_upwards;
pub(crate) use variables::Variables;

/// Settings given in code (the builder); each one wins over every variable.
#[derive(Clone, Debug, Default)]
pub(crate) struct Overrides {
    pub provider: Option<Provider>,
    pub base_url: Option<String>,
    /// The key for whichever provider is chosen.
    pub api_key: Option<ApiKey>,
    pub model: Option<String>,
    pub azure_endpoint: Option<String>,
    pub azure_deployment: Option<String>,
    pub api_version: Option<String>,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub system_prompt: Option<String>,
    pub timeout: Option<Duration>,
    pub connect_timeout: Option<Duration>,
    pub idle_timeout: Option<Duration>,
    pub max_retries: Option<u32>,
    pub backoff: Option<(Duration, Duration)>,
    pub cache_mode: Option<CacheMode>,
    pub cache_dir: Option<PathBuf>,
}

fn trim_url(url: &str) -> String {
    url.trim().trim_end_matches('/').to_string()
}

/// The whole configuration from `vars` and the builder's `o`.
pub(crate) fn resolve(vars: &Variables, o: &Overrides) -> Config {
    let mut warnings = vars.warnings.clone();
    let mut seconds = |name: &str, default: Duration| match vars.get(name) {
        None => default,
        Some(v) => match v.parse::<f64>() {
            Ok(s) if s > 0.0 && s <= 1e9 => Duration::from_secs_f64(s),
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
    let connect_timeout = seconds("LLM_CONNECT_TIMEOUT_SECS", DEFAULT_CONNECT_TIMEOUT);
    let idle_timeout = seconds("LLM_IDLE_TIMEOUT_SECS", DEFAULT_IDLE_TIMEOUT);
    let max_retries = match vars.get("LLM_MAX_RETRIES") {
        None => DEFAULT_MAX_RETRIES,
        Some(v) => v.parse().unwrap_or_else(|_| {
            warnings.push(format!(
                "LLM_MAX_RETRIES={v} is not a whole number; using {DEFAULT_MAX_RETRIES}"
            ));
            DEFAULT_MAX_RETRIES
        }),
    };
    let cache_mode = match vars
        .get("LLM_CACHE")
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

    // Addresses: the environment's, then the builder's where it set one.
    let env_base_url = trim_url(
        &vars
            .get("OPENAI_BASE_URL")
            .unwrap_or_else(|| DEFAULT_BASE_URL.into()),
    );
    let base_url = o
        .base_url
        .as_deref()
        .map_or_else(|| env_base_url.clone(), trim_url);
    let env_endpoint = vars.get("AZURE_OPENAI_ENDPOINT").map(|e| trim_url(&e));
    let endpoint = o
        .azure_endpoint
        .as_deref()
        .map(trim_url)
        .or_else(|| env_endpoint.clone());
    let env_openai_key = vars.get("OPENAI_API_KEY").map(ApiKey::new);
    let env_azure_key = vars.get("AZURE_OPENAI_API_KEY").map(ApiKey::new);

    let (provider, provider_reason) = choose_provider(vars, o, &base_url, &mut warnings);
    let openai_family = matches!(provider, Provider::OpenAI | Provider::OpenAICompatible);
    // A key from the environment belongs to the environment's address; one given
    // in the builder belongs to the provider the builder ends up with.
    let openai_api_key = match &o.api_key {
        Some(key) if openai_family => Some(key.clone()),
        _ => env_openai_key.filter(|_| base_url == env_base_url),
    };
    let azure_api_key = match &o.api_key {
        Some(key) if provider == Provider::AzureOpenAI => Some(key.clone()),
        _ => env_azure_key.filter(|_| endpoint.is_some() && endpoint == env_endpoint),
    };
    let azure = AzureConfig {
        endpoint,
        deployment: o
            .azure_deployment
            .clone()
            .or_else(|| vars.get("AZURE_OPENAI_DEPLOYMENT")),
        api_version: o
            .api_version
            .clone()
            .or_else(|| vars.get("OPENAI_API_VERSION"))
            .unwrap_or_else(|| DEFAULT_AZURE_API_VERSION.to_string()),
    };
    let model = o.model.clone().unwrap_or_else(|| match provider {
        // On Azure the model is the deployment; none set stays empty and is reported.
        Provider::AzureOpenAI => azure.deployment.clone().unwrap_or_default(),
        _ => vars
            .get("OPENAI_MODEL")
            .unwrap_or_else(|| DEFAULT_MODEL.to_string()),
    });
    let cache_dir = o
        .cache_dir
        .clone()
        .or_else(|| vars.get("LLM_CACHE_DIR").map(PathBuf::from))
        .unwrap_or_else(|| match &vars.searched_from {
            Some(dir) => repo_root(dir, vars.dotenv_path.as_deref()).join(DEFAULT_CACHE_DIR_NAME),
            None => PathBuf::from(DEFAULT_CACHE_DIR_NAME),
        });
    let (backoff_initial, backoff_max) = o
        .backoff
        .unwrap_or((DEFAULT_BACKOFF_INITIAL, DEFAULT_BACKOFF_MAX));
    Config {
        provider,
        provider_reason,
        openai_api_key,
        azure_api_key,
        base_url,
        model,
        azure,
        temperature: o.temperature,
        max_tokens: o.max_tokens,
        system_prompt: o.system_prompt.clone(),
        timeout: o.timeout.unwrap_or(timeout),
        connect_timeout: o.connect_timeout.unwrap_or(connect_timeout),
        idle_timeout: o.idle_timeout.unwrap_or(idle_timeout),
        max_retries: o.max_retries.unwrap_or(max_retries),
        backoff_initial,
        backoff_max,
        cache_mode: o.cache_mode.unwrap_or(cache_mode),
        cache_dir,
        env_dir: vars.searched_from.clone(),
        dotenv_path: vars.dotenv_path.clone(),
        warnings,
    }
}

/// The provider: the builder's explicit choice, else what its settings imply,
/// else `LLM_PROVIDER`, else whichever provider has its key configured.
fn choose_provider(
    vars: &Variables,
    o: &Overrides,
    base_url: &str,
    warnings: &mut Vec<String>,
) -> (Provider, String) {
    let builder = |p: Provider| (p, "chosen in the builder".to_string());
    // "openai" with a non-default URL is a compatible server.
    let openai = Provider::openai_for(base_url);
    match o.provider {
        Some(Provider::OpenAI | Provider::OpenAICompatible) => return builder(openai),
        Some(p) => return builder(p),
        None if o.azure_endpoint.is_some() => return builder(Provider::AzureOpenAI),
        None if o.base_url.is_some() => return builder(openai),
        None => {}
    }
    let from_env = match vars
        .get("LLM_PROVIDER")
        .map(|v| v.to_ascii_lowercase())
        .as_deref()
    {
        Some("openai") => (openai, "LLM_PROVIDER=openai".to_string()),
        Some("azure") => (Provider::AzureOpenAI, "LLM_PROVIDER=azure".to_string()),
        Some("offline") => (Provider::Offline, "LLM_PROVIDER=offline".to_string()),
        other => {
            if let Some(v) = other {
                warnings.push(format!(
                    "LLM_PROVIDER={v} is not openai, azure or offline; choosing automatically"
                ));
            }
            if vars.get("OPENAI_API_KEY").is_some() {
                (openai, "OPENAI_API_KEY is set".to_string())
            } else if vars.get("AZURE_OPENAI_API_KEY").is_some()
                && vars.get("AZURE_OPENAI_ENDPOINT").is_some()
            {
                (
                    Provider::AzureOpenAI,
                    "AZURE_OPENAI_API_KEY and AZURE_OPENAI_ENDPOINT are set".to_string(),
                )
            } else if openai == Provider::OpenAICompatible {
                (
                    openai,
                    "OPENAI_BASE_URL points at an OpenAI-compatible server".to_string(),
                )
            } else {
                (Provider::Offline, "no API key is configured".to_string())
            }
        }
    };
    // A key given in the builder is for the provider in use; with none in use, OpenAI.
    if o.api_key.is_some() && from_env.0 == Provider::Offline {
        return builder(openai);
    }
    from_env
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
