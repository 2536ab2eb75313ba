//! Retry decisions against a real server: odd `Retry-After` values never kill a
//! request, `x-should-retry` is obeyed, and a bad URL is a configuration error.

mod common;

use common::connector_for;
use llm_connector::{LLMConnector, LlmError};
use llm_test_server::{Fault, TestServer};
use std::time::{Duration, Instant};

#[test]
fn any_retry_after_value_gives_a_bounded_wait_never_a_panic() {
    for value in [
        "1e20",
        "18446744073709551616",
        "Wed, 01 Jan 9999999999999 00:00:00 GMT",
        "Fri, 31 Dec 9999 23:59:59 GMT",
        "-5",
        "0",
        "NaN",
        "inf",
        "soon",
        "Wed, 21 Oct 2015 07:28:00 GMT",
        "",
    ] {
        let server = TestServer::start().unwrap();
        server.push_fault(Fault::status(503).with_retry_after(value));
        let started = Instant::now();
        let answer = connector_for(&server).get_completion("again");
        assert!(answer.is_ok(), "Retry-After {value:?}: {answer:?}");
        assert_eq!(server.chat_request_count(), 2, "Retry-After {value:?}");
        // None of these is a usable wait: the 10 ms backoff applies.
        assert!(
            started.elapsed() < Duration::from_secs(5),
            "Retry-After {value:?} waited {:?}",
            started.elapsed()
        );
    }
}

#[test]
fn x_should_retry_false_stops_retries_of_a_server_error() {
    let server = TestServer::builder()
        .always(Fault::status(500).with_should_retry(false))
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("once").unwrap_err();
    assert!(
        matches!(
            err,
            LlmError::Server {
                status: 500,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(server.chat_request_count(), 1);
}

#[test]
fn x_should_retry_true_retries_a_status_that_is_otherwise_final() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::status(400).with_should_retry(true));
    let answer = connector_for(&server).get_completion("twice").unwrap();
    assert!(answer.content.contains("twice"));
    assert_eq!(server.chat_request_count(), 2);
}

#[test]
fn a_malformed_base_url_is_a_configuration_error_not_a_network_retry() {
    for url in [
        "http://exa mple.com/v1",
        "localhost:11434/v1",
        "ftp://127.0.0.1/v1",
    ] {
        let connector = LLMConnector::builder()
            .ignore_environment()
            .base_url(url)
            .backoff(Duration::from_millis(200), Duration::from_millis(400))
            .skip_check()
            .build();
        let started = Instant::now();
        let err = connector.get_completion("where?").unwrap_err();
        let text = err.to_string();
        assert!(!text.contains("is the server running"), "{url}: {text}");
        assert!(text.contains("OPENAI_BASE_URL"), "{url}: {text}");
        assert!(!err.is_retryable(), "{url}: {err:?}");
        // Not retried: the 200 ms backoff never ran.
        assert!(started.elapsed() < Duration::from_millis(200), "{url}");
    }
}
