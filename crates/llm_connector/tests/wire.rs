//! What goes on the wire and what comes back: numbers as the student wrote them,
//! absurd token counts, and futures that are dropped.

mod common;

use common::{builder_for, connector_for};
use llm_test_server::{Fault, TestServer};
use std::time::Duration;

#[test]
fn temperature_is_sent_as_written() {
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server).temperature(0.7).build();
    connector.get_completion("warm").unwrap();
    connector
        .with_temperature(0.2)
        .get_completion("cool")
        .unwrap();
    let bodies: Vec<String> = server
        .requests()
        .iter()
        .map(|r| String::from_utf8_lossy(&r.body).to_string())
        .collect();
    assert!(bodies[0].contains(r#""temperature":0.7"#), "{}", bodies[0]);
    assert!(bodies[1].contains(r#""temperature":0.2"#), "{}", bodies[1]);
}

#[test]
fn absurd_token_counts_saturate_instead_of_overflowing() {
    let server = TestServer::builder()
        .always(Fault::HugeUsage)
        .start()
        .unwrap();
    let connector = connector_for(&server);
    for _ in 0..2 {
        let answer = connector.get_completion("count me").unwrap();
        assert_eq!(answer.usage.unwrap().total_tokens, u64::MAX);
    }
    let usage = connector.usage();
    assert_eq!(usage.requests, 2);
    assert_eq!(usage.total_tokens, u64::MAX);
    assert_eq!(usage.prompt_tokens, u64::MAX);
}

#[tokio::test]
async fn a_dropped_async_call_cancels_its_request() {
    let server = TestServer::builder()
        .delay(Duration::from_millis(600))
        .start()
        .unwrap();
    let connector = connector_for(&server);
    let plain = tokio::time::timeout(
        Duration::from_millis(150),
        connector.get_completion_async("dropped"),
    )
    .await;
    assert!(plain.is_err(), "the call should still be waiting");
    let streamed = tokio::time::timeout(
        Duration::from_millis(150),
        connector.stream_chat_async(&[llm_connector::Message::user("dropped")], |_| {}),
    )
    .await;
    assert!(streamed.is_err());
    let batch = tokio::time::timeout(
        Duration::from_millis(150),
        connector.get_completions_async(&["a", "b"], 2),
    )
    .await;
    assert!(batch.is_err());
    // Long enough for every request above to have been answered.
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert_eq!(server.chat_request_count(), 4, "all four were sent");
    assert_eq!(
        connector.usage().requests,
        0,
        "no dropped request ran to completion"
    );
}
