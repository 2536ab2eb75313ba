//! Completions against a real local server: happy path, options, chat,
//! batches, conversations, usage, and calls from inside a tokio runtime.

mod common;

use common::{builder_for, connector_for};
use llm_connector::{LlmError, Message, Provider};
use llm_test_server::{Fault, TestServer};

#[test]
fn happy_path_returns_content_and_metadata() {
    let server = TestServer::builder().answer_words(30).start().unwrap();
    let connector = connector_for(&server);
    let answer = connector.get_completion("What is pre-training?").unwrap();
    assert!(
        answer.content.starts_with("## About: What is pre-training"),
        "{}",
        answer.content
    );
    assert_eq!(
        answer.content,
        llm_test_server::answer_for("What is pre-training?", 30)
    );
    assert_eq!(answer.model, "test-model");
    assert_eq!(answer.provider, Provider::OpenAICompatible);
    assert_eq!(answer.finish_reason.as_deref(), Some("stop"));
    let usage = answer.usage.unwrap();
    assert_eq!(
        usage.total_tokens,
        usage.prompt_tokens + usage.completion_tokens
    );
    assert!(usage.completion_tokens >= 30);
    assert_eq!(answer.to_string(), answer.content);
    assert_eq!(server.chat_request_count(), 1);

    let request = &server.requests()[0];
    assert_eq!(request.path, "/v1/chat/completions");
    assert!(
        request.header("authorization").is_none(),
        "no key, no header"
    );
    let body = request.json();
    assert_eq!(body["model"], "test-model");
    assert_eq!(body["messages"][0]["role"], "user");
    assert_eq!(body["messages"][0]["content"], "What is pre-training?");
}

#[test]
fn options_and_variants_reach_the_server() {
    let server = TestServer::builder().answer_words(40).start().unwrap();
    let base = connector_for(&server);
    let variant = base
        .with_model("gpt-4o-mini")
        .with_temperature(0.25)
        .with_max_tokens(5)
        .with_system_prompt("Answer briefly.");
    let answer = variant.get_completion("Explain tokens").unwrap();
    assert_eq!(answer.finish_reason.as_deref(), Some("length"));
    assert_eq!(answer.content.split_whitespace().count(), 5);
    let body = server.requests()[0].json();
    assert_eq!(body["model"], "gpt-4o-mini");
    assert_eq!(body["temperature"], 0.25);
    assert_eq!(body["max_tokens"], 5);
    assert_eq!(body["messages"][0]["role"], "system");
    assert_eq!(body["messages"][0]["content"], "Answer briefly.");
    // The original is unchanged and the variants share usage totals.
    assert_eq!(base.model(), "test-model");
    base.get_completion("again").unwrap();
    assert_eq!(base.usage().requests, 2);
    assert_eq!(variant.usage().requests, 2);
}

#[test]
fn reasoning_models_get_max_completion_tokens() {
    let server = TestServer::builder().answer_words(40).start().unwrap();
    let base = connector_for(&server).with_max_tokens(4);
    for (model, field, other) in [
        ("o3-mini", "max_completion_tokens", "max_tokens"),
        ("gpt-5", "max_completion_tokens", "max_tokens"),
        ("O1", "max_completion_tokens", "max_tokens"),
        (
            "ft:o4-mini-2025-04-16:acme::abc123",
            "max_completion_tokens",
            "max_tokens",
        ),
        (
            "ft:gpt-4o-mini-2024-07-18:acme::abc123",
            "max_tokens",
            "max_completion_tokens",
        ),
        ("gpt-4o", "max_tokens", "max_completion_tokens"),
        ("o3ish-local-model", "max_tokens", "max_completion_tokens"),
        ("llama3.1:8b", "max_tokens", "max_completion_tokens"),
    ] {
        let answer = base
            .with_model(model)
            .get_completion("Explain tokens")
            .unwrap();
        assert_eq!(answer.content.split_whitespace().count(), 4, "{model}");
        let body = server.requests().last().unwrap().json();
        assert_eq!(body[field], 4, "{model}: {body}");
        assert!(body.get(other).is_none(), "{model}: {body}");
    }
}

#[test]
fn chat_sends_the_whole_conversation() {
    let server = TestServer::start().unwrap();
    let connector = connector_for(&server).with_system_prompt("ignored: chat has its own");
    let messages = [
        Message::system("You are a tutor."),
        Message::user("What is a token?"),
        Message::assistant("A piece of text."),
        Message::user("And a tokenizer?"),
    ];
    let answer = connector.chat(&messages).unwrap();
    assert!(answer.content.starts_with("## About: And a tokenizer"));
    let body = server.requests()[0].json();
    let sent = body["messages"].as_array().unwrap();
    assert_eq!(sent.len(), 4);
    assert_eq!(sent[0]["content"], "You are a tutor.");
    assert_eq!(sent[2]["role"], "assistant");
}

#[test]
fn conversation_keeps_history_and_drops_failed_questions() {
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server).max_retries(0).build();
    let mut chat = connector.conversation().with_system("Be brief.");
    let first = chat.ask("What is a token?").unwrap();
    assert_eq!(chat.history().len(), 3);
    assert_eq!(chat.history()[2].content, first.content);
    server.push_fault(Fault::status(500));
    assert!(chat.ask("This one fails").is_err());
    assert_eq!(chat.history().len(), 3, "a failed question leaves no trace");
    chat.ask("Follow-up?").unwrap();
    let body = server.requests().last().unwrap().json();
    assert_eq!(body["messages"].as_array().unwrap().len(), 4);
    chat.clear();
    assert_eq!(chat.history().len(), 1);
}

#[test]
fn batch_keeps_order_and_isolates_failures() {
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server).max_retries(0).build();
    // The third request to arrive fails with a 400 (not retried).
    server.push_fault(Fault::None);
    server.push_fault(Fault::None);
    server.push_fault(Fault::status(400));
    let prompts: Vec<String> = (0..6).map(|i| format!("Question number {i}")).collect();
    let results = connector.get_completions(&prompts, 1);
    assert_eq!(results.len(), 6);
    for (i, r) in results.iter().enumerate() {
        if i == 2 {
            assert!(
                matches!(r, Err(LlmError::BadRequest { status: 400, .. })),
                "{r:?}"
            );
        } else {
            let c = r.as_ref().unwrap();
            assert!(
                c.content.contains(&format!("Question number {i}")),
                "{i}: {}",
                c.content
            );
        }
    }
    // With more concurrency the order is still the input order.
    let results = connector.get_completions(&prompts, 4);
    for (i, r) in results.iter().enumerate() {
        assert!(r
            .as_ref()
            .unwrap()
            .content
            .contains(&format!("Question number {i}")));
    }
}

#[test]
fn usage_totals_add_up() {
    let server = TestServer::start().unwrap();
    let connector = connector_for(&server);
    let a = connector.get_completion("one").unwrap().usage.unwrap();
    let b = connector.get_completion("two").unwrap().usage.unwrap();
    let report = connector.usage();
    assert_eq!(report.requests, 2);
    assert_eq!(report.total_tokens, a.total_tokens + b.total_tokens);
    // A local compatible server is not priced.
    assert_eq!(report.estimated_cost_usd, 0.0);
    assert!(report.to_string().contains("2 request(s)"));
}

#[test]
fn blocking_call_inside_a_current_thread_runtime() {
    let server = TestServer::start().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    rt.block_on(async {
        // As in an evcxr cell after `.await`: blocking calls inside block_on.
        let connector = connector_for(&server);
        let answer = connector.get_completion("inside a runtime").unwrap();
        assert!(answer.content.contains("inside a runtime"));
        let answer = connector.get_completion_async("async twin").await.unwrap();
        assert!(answer.content.contains("async twin"));
        // Dropping the connector here must not panic.
        drop(connector);
    });
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn blocking_and_async_calls_inside_a_multi_thread_runtime() {
    let server = TestServer::start().unwrap();
    let connector = connector_for(&server);
    let blocking = connector.get_completion("blocking").unwrap();
    let via_async = connector.get_completion_async("blocking").await.unwrap();
    assert_eq!(blocking.content, via_async.content);
    let results = connector.get_completions_async(&["a", "b"], 2).await;
    assert!(results.iter().all(Result::is_ok));
    let mut chat = connector.conversation();
    chat.ask_async("hello").await.unwrap();
    assert_eq!(chat.history().len(), 2);
}

#[test]
fn connector_created_in_a_runtime_outlives_it() {
    let server = TestServer::start().unwrap();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let connector = rt.block_on(async { connector_for(&server) });
    drop(rt);
    assert!(connector
        .get_completion("after the runtime is gone")
        .is_ok());
}
