//! Keys go only to the provider they were configured for (issue 12, item 1), the
//! configuration check names the `.env` it read, Azure's deployment can come from
//! `with_model`, and a key never survives in an error, even at a truncation boundary.

mod common;

use common::temp_dir;
use llm_connector::{LLMConnector, LlmError, Provider};
use llm_test_server::{Fault, TestServer};
use std::path::PathBuf;

/// A fresh directory holding a `.env` with `contents`.
fn dir_with_env(name: &str, contents: &str) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::write(dir.join(".env"), contents).unwrap();
    dir
}

/// Every header value any request to `server` carried that contains `key`.
fn requests_carrying(server: &TestServer, key: &str) -> Vec<String> {
    server
        .requests()
        .iter()
        .flat_map(|r| r.headers.clone())
        .filter(|(_, v)| v.contains(key))
        .map(|(k, _)| k)
        .collect()
}

const OPENAI_KEY: &str = concat!("sk-", "openai-OnlyForOpenAI-0123456789");
const AZURE_KEY: &str = "azureOnlyForAzure0123456789abcdef";

#[test]
fn an_openai_key_from_the_environment_is_never_sent_to_an_azure_endpoint() {
    let server = TestServer::start().unwrap();
    let dir = dir_with_env("openai_to_azure", &format!("OPENAI_API_KEY={OPENAI_KEY}\n"));
    let connector = LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .azure(server.azure_endpoint(), "my-deployment")
        .skip_check()
        .build();
    assert_eq!(connector.provider(), Provider::AzureOpenAI);
    let err = connector.get_completion("hello").unwrap_err();
    assert!(matches!(err, LlmError::MissingConfig { .. }), "{err:?}");
    assert!(err.to_string().contains("AZURE_OPENAI_API_KEY"), "{err}");
    connector.check_configuration();
    assert_eq!(requests_carrying(&server, OPENAI_KEY), Vec::<String>::new());
}

#[test]
fn an_azure_key_from_the_environment_never_follows_a_builder_switch_to_openai() {
    let server = TestServer::start().unwrap();
    let env = format!(
        "AZURE_OPENAI_API_KEY={AZURE_KEY}\nAZURE_OPENAI_ENDPOINT={}\nAZURE_OPENAI_DEPLOYMENT=dep\nOPENAI_BASE_URL={}\n",
        server.azure_endpoint(),
        server.url()
    );
    let dir = dir_with_env("azure_to_openai", &env);
    // The environment alone chooses Azure and sends its key there.
    let azure = LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .skip_check()
        .build();
    assert_eq!(azure.provider(), Provider::AzureOpenAI);
    azure.get_completion("to azure").unwrap();
    assert_eq!(requests_carrying(&server, AZURE_KEY), vec!["api-key"]);

    // A builder that switches to an OpenAI-compatible server, with or without its own key.
    let own_key = "local-server-key-42";
    let switched = LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .base_url(server.url())
        .api_key(own_key)
        .skip_check()
        .build();
    switched.get_completion("with my key").unwrap();
    let keyless = LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .base_url(server.url())
        .skip_check()
        .build();
    keyless.get_completion("without a key").unwrap();
    keyless.check_configuration();
    let chosen = LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .provider(Provider::OpenAI)
        .skip_check()
        .build();
    let _ = chosen.get_completion("openai chosen");
    assert_eq!(
        requests_carrying(&server, AZURE_KEY),
        vec!["api-key"],
        "only the Azure request carried the Azure key"
    );
    assert_eq!(requests_carrying(&server, own_key), vec!["authorization"]);
}

#[test]
fn an_openai_key_goes_only_to_the_base_url_it_was_configured_with() {
    let server = TestServer::start().unwrap();
    // Configured together: the key goes to that server.
    let dir = dir_with_env(
        "openai_same_url",
        &format!(
            "OPENAI_API_KEY={OPENAI_KEY}\nOPENAI_BASE_URL={}\n",
            server.url()
        ),
    );
    LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .skip_check()
        .build()
        .get_completion("configured together")
        .unwrap();
    assert_eq!(
        requests_carrying(&server, OPENAI_KEY),
        vec!["authorization"]
    );

    // A key for api.openai.com is not sent to another URL chosen in the builder.
    let other = TestServer::start().unwrap();
    let dir = dir_with_env(
        "openai_other_url",
        &format!("OPENAI_API_KEY={OPENAI_KEY}\n"),
    );
    LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .base_url(other.url())
        .skip_check()
        .build()
        .get_completion("elsewhere")
        .unwrap();
    assert_eq!(requests_carrying(&other, OPENAI_KEY), Vec::<String>::new());
}

#[test]
fn a_key_cut_at_the_truncation_boundary_leaks_no_prefix() {
    // Azure keys have no `sk-` shape for a pattern to catch; only scrubbing the
    // exact key before truncating the server's text hides it.
    let key = "K3yQ9zW7xV2mP8rT4nB6hJ5dL1cF0gS";
    for at in [190, 195, 199, 200, 201] {
        let server = TestServer::builder()
            .always(Fault::EchoKeyInPage { at })
            .start()
            .unwrap();
        let connector = LLMConnector::builder()
            .ignore_environment()
            .azure(server.azure_endpoint(), "dep")
            .api_key(key)
            .max_retries(0)
            .skip_check()
            .build();
        let err = connector.get_completion("echo").unwrap_err();
        let text = format!("{err} {err:?}");
        assert!(text.contains("upstream error"), "{text}");
        assert!(
            !text.contains(&key[..5]),
            "key prefix leaked at {at}: {text}"
        );
    }
}

#[test]
fn the_check_names_the_env_file_it_read() {
    let server = TestServer::start().unwrap();
    let dir = dir_with_env("check_env", &format!("OPENAI_BASE_URL={}\n", server.url()));
    let lines = LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .skip_check()
        .build()
        .check_configuration();
    let path = dir.join(".env").display().to_string();
    assert!(lines.iter().any(|l| l.contains(&path)), "{lines:?}");

    let lines = LLMConnector::builder()
        .ignore_environment()
        .base_url(server.url())
        .skip_check()
        .build()
        .check_configuration();
    assert!(
        lines
            .iter()
            .any(|l| l.contains(".env") && l.contains("ignored")),
        "{lines:?}"
    );
}

#[test]
fn with_model_supplies_the_azure_deployment() {
    let server = TestServer::start().unwrap();
    let env = format!(
        "AZURE_OPENAI_API_KEY={AZURE_KEY}\nAZURE_OPENAI_ENDPOINT={}\n",
        server.azure_endpoint()
    );
    let dir = dir_with_env("azure_with_model", &env);
    let connector = LLMConnector::builder()
        .env_dir(&dir)
        .ignore_process_environment()
        .skip_check()
        .build();
    assert_eq!(connector.provider(), Provider::AzureOpenAI);
    let err = connector.get_completion("no deployment").unwrap_err();
    assert!(err.to_string().contains("AZURE_OPENAI_DEPLOYMENT"), "{err}");
    connector
        .with_model("chosen-later")
        .get_completion("deployment from with_model")
        .unwrap();
    assert_eq!(
        server.requests()[0].path,
        "/openai/deployments/chosen-later/chat/completions"
    );
}
