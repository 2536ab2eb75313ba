//! Retries, backoff and error classification against a misbehaving server.

mod common;

use common::{builder_for, connector_for};
use llm_connector::{LLMConnector, LlmError, TimeoutKind};
use llm_test_server::{Fault, TestServer};
use std::time::{Duration, Instant};

#[test]
fn rate_limit_with_retry_after_is_waited_out() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::rate_limited(1));
    let connector = connector_for(&server);
    let started = Instant::now();
    let answer = connector.get_completion("patience").unwrap();
    // The configured backoff is 10 ms; only Retry-After explains a 1 s wait.
    assert!(
        started.elapsed() >= Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
    assert!(answer.content.contains("patience"));
    assert_eq!(server.chat_request_count(), 2);
}

#[test]
fn retry_after_ms_is_honoured() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::rate_limited_ms(300));
    let connector = connector_for(&server);
    let started = Instant::now();
    connector.get_completion("ms").unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    assert_eq!(server.chat_request_count(), 2);
}

#[test]
fn server_errors_twice_then_success() {
    let server = TestServer::start().unwrap();
    server.push_fault(Fault::status(500));
    server.push_fault(Fault::status(502));
    let connector = connector_for(&server);
    assert!(connector.get_completion("third time lucky").is_ok());
    assert_eq!(server.chat_request_count(), 3);
}

#[test]
fn server_errors_forever_give_up_after_the_retries() {
    let server = TestServer::builder()
        .always(Fault::status(503))
        .start()
        .unwrap();
    let connector = builder_for(&server).max_retries(3).build();
    let err = connector.get_completion("never").unwrap_err();
    assert!(
        matches!(
            err,
            LlmError::Server {
                status: 503,
                attempts: 4,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(err.to_string().contains("after 4 attempt(s)"), "{err}");
    assert_eq!(server.chat_request_count(), 4);
}

#[test]
fn rate_limit_forever_is_rate_limited() {
    let server = TestServer::builder()
        .always(Fault::rate_limited_ms(1))
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("x").unwrap_err();
    assert!(
        matches!(err, LlmError::RateLimited { attempts: 3, .. }),
        "{err:?}"
    );
}

#[test]
fn unauthorized_is_not_retried() {
    let server = TestServer::builder()
        .always(Fault::status(401))
        .start()
        .unwrap();
    let err = connector_for(&server)
        .get_completion("who am i")
        .unwrap_err();
    assert!(
        matches!(err, LlmError::Authentication { status: 401, .. }),
        "{err:?}"
    );
    assert!(err.to_string().contains("OPENAI_API_KEY"));
    assert_eq!(server.chat_request_count(), 1);
}

#[test]
fn quota_exceeded_is_not_retried() {
    let server = TestServer::builder()
        .always(Fault::quota_exceeded())
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("pay").unwrap_err();
    assert!(matches!(err, LlmError::QuotaExceeded { .. }), "{err:?}");
    assert!(err.to_string().contains("billing"));
    assert_eq!(server.chat_request_count(), 1);
}

#[test]
fn bad_request_and_not_found_carry_the_server_message() {
    for code in [400, 404] {
        let server = TestServer::builder()
            .always(Fault::status(code))
            .start()
            .unwrap();
        let err = connector_for(&server).get_completion("bad").unwrap_err();
        assert_eq!(
            err,
            LlmError::BadRequest {
                status: code,
                message: format!("test server error {code}")
            }
        );
        assert_eq!(server.chat_request_count(), 1);
    }
}

#[test]
fn malformed_json_is_a_decode_error_with_a_snippet() {
    let server = TestServer::builder()
        .always(Fault::MalformedJson)
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("broken").unwrap_err();
    let LlmError::Decode { what, snippet } = &err else {
        panic!("{err:?}")
    };
    assert!(what.contains("not valid JSON"), "{what}");
    assert!(snippet.starts_with("{\"choices\""), "{snippet}");
}

#[test]
fn html_gateway_page_is_a_clear_error() {
    let server = TestServer::builder()
        .always(Fault::Html { status: 200 })
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("html").unwrap_err();
    assert!(
        matches!(&err, LlmError::Decode { what, .. } if what.contains("HTML")),
        "{err:?}"
    );
    // A 502 HTML page is a server error, retried, and its text is shown.
    let server = TestServer::builder()
        .always(Fault::Html { status: 502 })
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("html").unwrap_err();
    assert!(
        matches!(&err, LlmError::Server { status: 502, message, .. } if message.contains("Bad Gateway")),
        "{err:?}"
    );
}

#[test]
fn empty_choices_and_null_content_are_clear_errors() {
    let server = TestServer::builder()
        .always(Fault::EmptyChoices)
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("x").unwrap_err();
    assert!(
        matches!(&err, LlmError::Decode { what, .. } if what.contains("\"choices\": []")),
        "{err:?}"
    );
    let server = TestServer::builder()
        .always(Fault::NullContent)
        .start()
        .unwrap();
    let err = connector_for(&server).get_completion("x").unwrap_err();
    assert!(
        matches!(&err, LlmError::Decode { what, .. } if what.contains("content\": null")),
        "{err:?}"
    );
}

#[test]
fn a_hung_server_times_out_within_its_bound() {
    let server = TestServer::builder().always(Fault::Hang).start().unwrap();
    let connector = builder_for(&server)
        .timeout(Duration::from_millis(300))
        .max_retries(1)
        .build();
    let started = Instant::now();
    let err = connector.get_completion("hello?").unwrap_err();
    let elapsed = started.elapsed();
    // The total limit covers the whole call: spent, it is not retried.
    assert!(
        matches!(
            err,
            LlmError::Timeout {
                kind: TimeoutKind::Total,
                attempts: 1,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(elapsed >= Duration::from_millis(300), "{elapsed:?}");
    // Generous: one 300 ms limit, far from this bound.
    assert!(elapsed < Duration::from_secs(10), "{elapsed:?}");
    assert_eq!(server.chat_request_count(), 1);
}

#[test]
fn a_slow_stream_times_out_between_chunks() {
    let server = TestServer::builder()
        .chunk_delay(Duration::from_millis(500))
        .start()
        .unwrap();
    let connector = builder_for(&server)
        .idle_timeout(Duration::from_millis(150))
        .build();
    let err = connector.stream_completion("slow").unwrap_err();
    assert!(
        matches!(&err, LlmError::StreamInterrupted { reason, .. } if reason.contains("no data")),
        "{err:?}"
    );
}

#[test]
fn connection_refused_is_a_network_error_after_retries() {
    let base = common::unreachable_url();
    let connector = LLMConnector::builder()
        .ignore_environment()
        .base_url(base.clone())
        .backoff(Duration::from_millis(5), Duration::from_millis(10))
        .skip_check()
        .build();
    let err = connector.get_completion("anyone?").unwrap_err();
    let LlmError::Network {
        attempts,
        message,
        url,
    } = &err
    else {
        panic!("{err:?}")
    };
    assert_eq!(*attempts, 3);
    assert!(message.to_lowercase().contains("refused"), "{message}");
    assert_eq!(url, &format!("{base}/chat/completions"));
    assert!(err.to_string().contains("is the server running?"));
}
