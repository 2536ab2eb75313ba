//! The three time limits: connect, idle (gap between received bytes) and total,
//! each with its own error text and retry rule.

mod common;

use common::builder_for;
use llm_connector::{Config, LLMConnector, LlmError, Message};
use llm_test_server::{Fault, FullBacklog, TestServer};
use std::time::{Duration, Instant};

#[test]
fn a_connect_timeout_says_so_and_is_retried() {
    let port = FullBacklog::start().unwrap();
    let connector = LLMConnector::builder()
        .ignore_environment()
        .base_url(port.url())
        .connect_timeout(Duration::from_millis(300))
        .max_retries(1)
        .backoff(Duration::from_millis(10), Duration::from_millis(20))
        .skip_check()
        .build();
    let err = connector.get_completion("knock knock").unwrap_err();
    let text = err.to_string();
    assert!(
        matches!(err, LlmError::Timeout { attempts: 2, .. }),
        "{err:?}"
    );
    assert!(text.contains("LLM_CONNECT_TIMEOUT_SECS"), "{text}");
    assert!(!text.contains("raise LLM_TIMEOUT_SECS"), "{text}");
}

#[test]
fn the_total_limit_ends_the_call_and_is_not_retried() {
    // Ten pieces 150 ms apart: every gap is short, the whole body is not.
    let server = TestServer::builder()
        .always(Fault::Trickle {
            gap: Duration::from_millis(150),
        })
        .start()
        .unwrap();
    let connector = builder_for(&server)
        .timeout(Duration::from_millis(600))
        .idle_timeout(Duration::from_secs(5))
        .max_retries(3)
        .build();
    let started = Instant::now();
    let err = connector.get_completion("long answer").unwrap_err();
    assert!(
        matches!(err, LlmError::Timeout { attempts: 1, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("LLM_TIMEOUT_SECS"), "{err}");
    assert!(
        started.elapsed() < Duration::from_millis(1400),
        "{:?}",
        started.elapsed()
    );
    assert_eq!(server.chat_request_count(), 1);
}

#[test]
fn an_idle_body_is_retried_at_most_once() {
    let server = TestServer::builder()
        .always(Fault::Trickle {
            gap: Duration::from_millis(800),
        })
        .start()
        .unwrap();
    let connector = builder_for(&server)
        .idle_timeout(Duration::from_millis(200))
        .max_retries(5)
        .build();
    let err = connector.get_completion("stalls").unwrap_err();
    assert!(
        matches!(err, LlmError::Timeout { attempts: 2, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("LLM_IDLE_TIMEOUT_SECS"), "{err}");
    assert_eq!(server.chat_request_count(), 2);
}

#[test]
fn a_slow_but_steady_answer_is_not_cut() {
    // 3 s in all, never more than 300 ms without a byte: within the idle limit.
    let server = TestServer::builder()
        .always(Fault::Trickle {
            gap: Duration::from_millis(300),
        })
        .start()
        .unwrap();
    let connector = builder_for(&server)
        .idle_timeout(Duration::from_secs(1))
        .build();
    assert!(connector
        .get_completion("steady")
        .unwrap()
        .content
        .contains("steady"));
    let streamed = connector
        .stream_chat(&[Message::user("steady stream")], |_| {})
        .unwrap();
    assert!(streamed.content.contains("steady stream"));
    assert_eq!(server.chat_request_count(), 2);
}

#[test]
fn a_server_thinking_before_its_headers_is_bounded_by_the_total_limit_only() {
    let server = TestServer::builder()
        .delay(Duration::from_millis(700))
        .start()
        .unwrap();
    let connector = builder_for(&server)
        .idle_timeout(Duration::from_millis(200))
        .build();
    assert!(connector.get_completion("think first").is_ok());
}

#[test]
fn defaults_follow_openai_python() {
    let config = Config::default();
    assert_eq!(config.timeout, Duration::from_secs(600));
    assert_eq!(config.connect_timeout, Duration::from_secs(5));
    assert!(config.idle_timeout < config.timeout);
}
