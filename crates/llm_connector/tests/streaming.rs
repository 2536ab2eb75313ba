//! SSE streaming against a real local server: `[DONE]`, error events, cuts.

mod common;

use common::connector_for;
use llm_connector::{LlmError, Message};
use llm_test_server::{Fault, TestServer};

#[test]
fn stream_delivers_pieces_then_the_whole_answer() {
    let server = TestServer::builder().answer_words(40).start().unwrap();
    let connector = connector_for(&server);
    let mut pieces = Vec::new();
    let answer = connector
        .stream_chat(&[Message::user("How does streaming work?")], |p| {
            pieces.push(p.to_string())
        })
        .unwrap();
    assert!(pieces.len() > 20, "{} pieces", pieces.len());
    assert_eq!(pieces.concat(), answer.content);
    assert_eq!(
        answer.content,
        llm_test_server::answer_for("How does streaming work?", 40)
    );
    assert_eq!(answer.finish_reason.as_deref(), Some("stop"));
    assert!(answer.usage.is_some(), "usage arrives in the last chunk");
    let body = server.requests()[0].json();
    assert_eq!(body["stream"], true);
    assert_eq!(body["stream_options"]["include_usage"], true);
    assert_eq!(connector.usage().requests, 1);
}

#[test]
fn stream_completion_returns_the_same_as_a_plain_call() {
    let server = TestServer::start().unwrap();
    let connector = connector_for(&server);
    let streamed = connector.stream_completion("Same answer?").unwrap();
    let plain = connector.get_completion("Same answer?").unwrap();
    assert_eq!(streamed.content, plain.content);
}

#[test]
fn error_event_mid_stream_is_an_error_with_the_partial_text() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::ErrorChunk { after_words: 4 });
    let connector = connector_for(&server);
    let err = connector
        .stream_chat(&[Message::user("hi there")], |_| {})
        .unwrap_err();
    match &err {
        LlmError::StreamInterrupted { reason, partial } => {
            assert!(reason.contains("server had an error"), "{reason}");
            assert_eq!(partial.split_whitespace().count(), 4);
        }
        other => panic!("expected StreamInterrupted, got {other:?}"),
    }
    assert!(err.to_string().contains("run the cell again"));
    assert_eq!(
        server.chat_request_count(),
        1,
        "a started stream is not retried"
    );
}

#[test]
fn stream_cut_mid_way_is_an_error_not_a_half_answer() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::CutStream { after_words: 6 });
    let connector = connector_for(&server);
    let mut received = String::new();
    let err = connector
        .stream_chat(&[Message::user("cut me")], |p| received.push_str(p))
        .unwrap_err();
    let LlmError::StreamInterrupted { partial, .. } = &err else {
        panic!("expected StreamInterrupted, got {err:?}");
    };
    assert_eq!(partial, &received);
    assert_eq!(received.split_whitespace().count(), 6);
}

#[test]
fn stream_ending_cleanly_after_a_finish_reason_without_done_is_complete() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::MissingDone);
    let connector = connector_for(&server);
    let answer = connector.stream_completion("no done").unwrap();
    assert_eq!(answer.content, llm_test_server::answer_for("no done", 50));
    assert_eq!(answer.finish_reason.as_deref(), Some("stop"));
}

#[test]
fn stream_ending_cleanly_before_a_finish_reason_is_an_error_keeping_the_text() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::EndWithoutFinish { after_words: 5 });
    let connector = connector_for(&server);
    let mut received = String::new();
    let err = connector
        .stream_chat(&[Message::user("unfinished")], |p| received.push_str(p))
        .unwrap_err();
    let LlmError::StreamInterrupted { partial, reason } = &err else {
        panic!("expected StreamInterrupted, got {err:?}");
    };
    assert_eq!(partial, &received);
    assert_eq!(partial.split_whitespace().count(), 5);
    assert!(reason.contains("finish"), "{reason}");
}

#[test]
fn a_json_answer_to_a_stream_request_is_used_whole() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::JsonAnswer);
    let connector = connector_for(&server);
    let mut pieces = Vec::new();
    let answer = connector
        .stream_chat(&[Message::user("one piece")], |p| {
            pieces.push(p.to_string())
        })
        .unwrap();
    assert_eq!(pieces, vec![answer.content.clone()]);
    assert_eq!(answer.content, llm_test_server::answer_for("one piece", 50));
}

#[test]
fn stream_request_failing_before_any_text_is_retried() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::status(503));
    let connector = connector_for(&server);
    let answer = connector.stream_completion("retry me").unwrap();
    assert!(answer.content.contains("retry me"));
    assert_eq!(server.chat_request_count(), 2);
}

#[tokio::test]
async fn async_stream_inside_a_runtime() {
    let server = TestServer::start().unwrap();
    let connector = connector_for(&server);
    let mut n = 0;
    let answer = connector
        .stream_chat_async(&[Message::user("async stream")], |_| n += 1)
        .await
        .unwrap();
    assert!(n > 5);
    assert!(answer.content.contains("async stream"));
    let printed = connector.stream_completion_async("printed").await.unwrap();
    assert!(printed.content.contains("printed"));
}
