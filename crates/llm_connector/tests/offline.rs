//! The offline provider: deterministic, labelled, never on the network.

mod common;

use llm_connector::{Config, LLMConnector, Message, Provider};
use llm_test_server::TestServer;

fn offline() -> LLMConnector {
    LLMConnector::builder()
        .ignore_environment()
        .skip_check()
        .build()
}

const NOTE_START: &str = "ℹ️ Offline tiny model (built into this project,";

#[test]
fn answers_are_deterministic_and_labelled() {
    let a = offline()
        .get_completion("What does pre-training teach the model?")
        .unwrap();
    let b = offline()
        .get_completion("What does pre-training teach the model?")
        .unwrap();
    assert_eq!(
        a.content, b.content,
        "same prompt, same answer, even across connectors"
    );
    assert_eq!(a.provider, Provider::Offline);
    assert_eq!(a.model, "tiny_lm (built-in)");
    let first_line = a.content.lines().next().unwrap();
    assert!(first_line.starts_with(NOTE_START), "{first_line}");
    assert!(
        first_line.contains("OPENAI_API_KEY"),
        "says how to get a real model"
    );
    let body = a
        .content
        .split_once("\n\n")
        .expect("note, blank line, answer")
        .1;
    assert!(body.split_whitespace().count() >= 3, "{body:?}");
    let usage = a.usage.unwrap();
    assert!(usage.prompt_tokens > 0 && usage.completion_tokens > 0);
    let other = offline().get_completion("What is fine-tuning?").unwrap();
    assert_ne!(other.content, a.content);
    assert!(a.footer().contains("offline tiny model"));
}

#[test]
fn max_tokens_bounds_the_continuation() {
    let short = offline()
        .with_max_tokens(4)
        .get_completion("The data pipeline")
        .unwrap();
    assert!(
        short.usage.unwrap().completion_tokens <= 4,
        "{:?}",
        short.usage
    );
    let long = offline().get_completion("The data pipeline").unwrap();
    assert!(long.usage.unwrap().completion_tokens > short.usage.unwrap().completion_tokens);
}

#[test]
fn every_entry_point_works_offline() {
    let c = offline();
    let mut streamed = String::new();
    let s = c
        .stream_chat(&[Message::user("Tokens are")], |t| streamed.push_str(t))
        .unwrap();
    assert_eq!(streamed, s.content);
    assert_eq!(s.content, c.get_completion("Tokens are").unwrap().content);
    let batch = c.get_completions(&["One", "Two", "Three"], 2);
    assert!(batch
        .iter()
        .all(|r| r.as_ref().is_ok_and(|c| c.provider == Provider::Offline)));
    let mut chat = c.conversation();
    chat.ask("Hello").unwrap();
    chat.ask("And then?").unwrap();
    assert_eq!(chat.history().len(), 4);
    assert_eq!(c.usage().requests, 7);
    assert_eq!(c.usage().estimated_cost_usd, 0.0);
}

#[test]
fn offline_never_touches_the_network_even_with_a_server_configured() {
    let server = TestServer::start().unwrap();
    let dir = common::temp_dir("offline_net");
    let url = server.url();
    let config = Config::from_sources(&dir, |name| match name {
        "LLM_PROVIDER" => Some("offline".into()),
        "OPENAI_API_KEY" => Some("sk-unused-key-0000".into()),
        "OPENAI_BASE_URL" => Some(url.clone()),
        _ => None,
    });
    let connector = LLMConnector::from_config(config);
    let lines = connector.check_configuration();
    assert!(lines[1].contains("LLM_PROVIDER=offline"), "{lines:?}");
    assert!(
        lines.iter().any(|l| l.contains("not a real assistant")),
        "{lines:?}"
    );
    connector.get_completion("Is anyone there?").unwrap();
    connector.stream_completion("Is anyone there?").unwrap();
    assert_eq!(server.request_count(), 0);
}

#[test]
fn no_key_check_states_the_offline_choice() {
    let lines = offline().check_configuration();
    assert_eq!(lines[0], "🔑 LLM Configuration Check:");
    assert_eq!(lines[1], "❌ OpenAI API Details: NOT FOUND");
    assert_eq!(
        lines[2],
        "ℹ️ Using the built-in offline tiny model instead (no network)"
    );
    assert!(lines[3].contains("set OPENAI_API_KEY in .env"), "{lines:?}");
}

#[tokio::test]
async fn offline_inside_a_runtime() {
    let c = offline();
    let blocking = c.get_completion("Inside a runtime").unwrap();
    let via_async = c.get_completion_async("Inside a runtime").await.unwrap();
    assert_eq!(blocking.content, via_async.content);
}
