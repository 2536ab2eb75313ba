//! Configuration: `.env` discovery and precedence, provider choice, Azure
//! requests, key masking, and the configuration check's honesty.

mod common;

use common::{builder_for, temp_dir};
use llm_connector::{CacheMode, Config, LLMConnector, LlmError, Provider};
use llm_test_server::{Fault, TestServer};
use std::collections::HashMap;
use std::time::Duration;

fn env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |name| map.get(name).cloned()
}

#[test]
fn dotenv_is_found_in_a_parent_and_process_variables_win() {
    let root = temp_dir("dotenv");
    std::fs::write(
        root.join(".env"),
        "OPENAI_API_KEY=sk-from-file\nOPENAI_MODEL=gpt-4o-mini\nLLM_TIMEOUT_SECS=12\n",
    )
    .unwrap();
    let notebooks = root.join("notebooks");
    std::fs::create_dir_all(&notebooks).unwrap();

    let cfg = Config::from_sources(&notebooks, env(&[("OPENAI_MODEL", "gpt-4.1")]));
    assert_eq!(
        cfg.dotenv_path.as_deref(),
        Some(root.join(".env").as_path())
    );
    assert_eq!(cfg.provider, Provider::OpenAI);
    assert_eq!(cfg.model, "gpt-4.1", "the process environment wins");
    assert_eq!(
        cfg.timeout,
        Duration::from_secs(12),
        "the file fills the rest"
    );
    assert_eq!(
        cfg.openai_api_key,
        Some(llm_connector::ApiKey::new("sk-from-file"))
    );
    assert_eq!(
        cfg.cache_dir,
        root.join(".llm_cache"),
        "cache sits next to .env"
    );
}

#[test]
fn no_key_means_offline_and_bad_values_warn() {
    let dir = temp_dir("nokey");
    let cfg = Config::from_sources(
        &dir,
        env(&[("LLM_TIMEOUT_SECS", "soon"), ("LLM_CACHE", "maybe")]),
    );
    assert_eq!(cfg.provider, Provider::Offline);
    assert_eq!(cfg.timeout, llm_connector::Config::default().timeout);
    assert_eq!(cfg.cache_mode, CacheMode::Off);
    assert_eq!(cfg.warnings.len(), 2, "{:?}", cfg.warnings);
    assert!(cfg.warnings[0].contains("LLM_TIMEOUT_SECS=soon"));
}

#[test]
fn provider_choice() {
    let dir = temp_dir("choice");
    let pick = |pairs: &[(&str, &str)]| Config::from_sources(&dir, env(pairs)).provider;
    assert_eq!(
        pick(&[("OPENAI_BASE_URL", "http://localhost:11434/v1")]),
        Provider::OpenAICompatible
    );
    assert_eq!(
        pick(&[
            ("AZURE_OPENAI_API_KEY", "k"),
            ("AZURE_OPENAI_ENDPOINT", "https://x.openai.azure.com")
        ]),
        Provider::AzureOpenAI
    );
    assert_eq!(
        pick(&[("OPENAI_API_KEY", "k"), ("LLM_PROVIDER", "offline")]),
        Provider::Offline
    );
    assert_eq!(pick(&[("LLM_PROVIDER", "OpenAI")]), Provider::OpenAI);
    assert_eq!(pick(&[("LLM_CACHE", "replay")]), Provider::Offline);
}

#[test]
fn explicit_openai_without_key_is_a_missing_config_error() {
    let connector = LLMConnector::builder()
        .ignore_environment()
        .provider(Provider::OpenAI)
        .skip_check()
        .build();
    let err = connector.get_completion("hi").unwrap_err();
    assert!(matches!(err, LlmError::MissingConfig { .. }), "{err:?}");
    assert!(
        err.to_string().contains("Set OPENAI_API_KEY in .env"),
        "{err}"
    );
}

#[test]
fn azure_uses_the_deployment_url_and_api_key_header() {
    let server = TestServer::start().unwrap();
    let connector = LLMConnector::builder()
        .ignore_environment()
        .azure(server.azure_endpoint(), "my-gpt4o")
        .api_version("2024-10-21")
        .api_key("azure-secret-key")
        .skip_check()
        .build();
    assert_eq!(connector.provider(), Provider::AzureOpenAI);
    let answer = connector.get_completion("Hello Azure").unwrap();
    assert_eq!(answer.provider, Provider::AzureOpenAI);
    let request = &server.requests()[0];
    assert_eq!(
        request.path,
        "/openai/deployments/my-gpt4o/chat/completions"
    );
    assert_eq!(request.query, "api-version=2024-10-21");
    assert_eq!(request.header("api-key"), Some("azure-secret-key"));
    assert!(request.header("authorization").is_none());
    assert!(
        request.json().get("model").is_none(),
        "Azure takes the model from the URL"
    );
    assert_eq!(
        connector
            .with_model("other")
            .get_completion("x")
            .map(|_| ()),
        Ok(())
    );
    assert_eq!(
        server.requests()[1].path,
        "/openai/deployments/other/chat/completions"
    );
}

#[test]
fn azure_with_missing_settings_names_them() {
    let connector = LLMConnector::builder()
        .ignore_environment()
        .provider(Provider::AzureOpenAI)
        .skip_check()
        .build();
    let err = connector.get_completion("x").unwrap_err().to_string();
    assert!(
        err.contains("AZURE_OPENAI_ENDPOINT") && err.contains("AZURE_OPENAI_API_KEY"),
        "{err}"
    );
}

#[test]
fn the_key_never_appears_in_errors_or_debug_output() {
    let key = concat!("sk-", "proj-SuperSecretKey1234567890");
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server).api_key(key).max_retries(1).build();
    // The bearer token is sent...
    connector.get_completion("ok").unwrap();
    assert_eq!(
        server.requests()[0].header("authorization"),
        Some(format!("Bearer {key}").as_str())
    );
    // ...but never shown, even when the server echoes it back.
    let mut texts = vec![
        format!("{connector:?}"),
        format!("{:?}", connector.config()),
    ];
    for fault in [
        Fault::EchoKey401,
        Fault::status(400),
        Fault::status(500),
        Fault::MalformedJson,
        Fault::Html { status: 502 },
        Fault::EmptyChoices,
    ] {
        server.set_default_fault(fault);
        let err = connector.get_completion("fail").unwrap_err();
        texts.push(err.to_string());
        texts.push(format!("{err:?}"));
    }
    server.set_default_fault(Fault::ErrorChunk { after_words: 1 });
    let err = connector.stream_completion("stream").unwrap_err();
    texts.push(format!("{err} {err:?}"));
    texts.extend(connector.check_configuration());
    let joined = texts.join("\n");
    assert!(
        joined.contains("Incorrect API key provided"),
        "the echo test really ran"
    );
    assert!(!joined.contains(key), "key leaked:\n{joined}");
    assert!(
        !joined.contains("SuperSecret"),
        "partial key leaked:\n{joined}"
    );
}

#[test]
fn check_reports_a_reachable_compatible_server() {
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server).build();
    let lines = connector.check_configuration();
    assert_eq!(lines[0], "🔑 LLM Configuration Check:");
    assert!(
        lines[1].starts_with("✅ OpenAI-compatible server API Details:"),
        "{lines:?}"
    );
    assert!(lines[1].contains("API key not needed"));
    assert_eq!(
        lines[2],
        "✅ Connected to OpenAI-compatible server (model: test-model)"
    );
    let probe = &server.requests()[0];
    assert_eq!(
        (probe.method.as_str(), probe.path.as_str()),
        ("GET", "/v1/models")
    );
}

#[test]
fn check_says_honestly_when_it_cannot_connect() {
    let connector = LLMConnector::builder()
        .ignore_environment()
        .base_url(common::unreachable_url())
        .skip_check()
        .build();
    let lines = connector.check_configuration();
    assert!(
        lines[2].starts_with("❌ Could not reach OpenAI-compatible server at http://127.0.0.1:"),
        "{lines:?}"
    );
    assert!(!lines.iter().any(|l| l.contains("Connected")));

    let server = TestServer::builder().models_status(401).start().unwrap();
    let lines = builder_for(&server)
        .api_key("bad")
        .build()
        .check_configuration();
    assert!(
        lines[2].contains("rejected the API key (HTTP 401)"),
        "{lines:?}"
    );
}

#[test]
fn check_without_a_key_states_the_offline_choice_and_touches_no_network() {
    let connector = LLMConnector::builder()
        .ignore_environment()
        .skip_check()
        .build();
    assert_eq!(connector.provider(), Provider::Offline);
    let lines = connector.check_configuration();
    assert_eq!(lines[1], "❌ OpenAI API Details: NOT FOUND");
    assert!(lines[2].contains("offline tiny model"), "{lines:?}");
    // No probe was made: nothing says it reached or failed to reach a server.
    assert!(
        !lines
            .iter()
            .any(|l| l.contains("reach") || l.contains("Connected")),
        "{lines:?}"
    );
}
