//! HTTP: one request with its time limits, the retry policy of openai-python
//! (2 retries; 408, 409, 429, 5xx, connection errors and timeouts; backoff
//! 0.5 s * 2^n capped at 8 s with jitter; `Retry-After` / `retry-after-ms`
//! honoured up to 60 s), and reading SSE streams.

use crate::error::{scrub, LlmError};
use crate::provider::openai::{
    decode_chunk, decode_completion, error_details, Decoded, StreamEvent,
};
use crate::provider::{key_hint, Endpoint};
use crate::retry::{retry_after, retry_delay};
use crate::sse::SseParser;
use crate::types::Provider;
use reqwest::header::{HeaderValue, CONTENT_TYPE};
use std::time::Duration;
use tokio::time::{timeout, timeout_at, Instant};

/// Limits for one call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Policy {
    pub max_retries: u32,
    pub backoff_initial: Duration,
    pub backoff_max: Duration,
    /// Whole attempt (non-streaming) or gap between chunks (streaming).
    pub timeout: Duration,
}

/// How an attempt failed.
enum Failure {
    Retry {
        error: LlmError,
        retry_after: Option<Duration>,
    },
    Fatal(LlmError),
}

/// Sends `body` and decodes the answer, retrying per `policy`.
pub(crate) async fn complete(
    client: &reqwest::Client,
    endpoint: &Endpoint,
    provider: Provider,
    policy: Policy,
    body: Vec<u8>,
) -> Result<Decoded, LlmError> {
    match send_with_retries(client, endpoint, provider, policy, &body, false).await? {
        Sent::Body(bytes) => decode_completion(&bytes, endpoint.secret()),
        Sent::Stream(..) => Err(LlmError::Internal("expected a whole body".into())),
    }
}

/// Sends a streaming request and feeds each piece of text to `on_text`.
/// Only the request itself is retried: once text has arrived, a cut is an error.
pub(crate) async fn stream(
    client: &reqwest::Client,
    endpoint: &Endpoint,
    provider: Provider,
    policy: Policy,
    body: Vec<u8>,
    on_text: &mut (dyn FnMut(&str) + Send),
) -> Result<Decoded, LlmError> {
    let secret = endpoint.secret();
    let Sent::Stream(mut response, deadline) =
        send_with_retries(client, endpoint, provider, policy, &body, true).await?
    else {
        return Err(LlmError::Internal("expected a stream".into()));
    };
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("json"));
    if is_json {
        // Some servers ignore "stream": true and answer in one piece.
        let bytes = read_body(response, deadline, policy.timeout, secret).await?;
        let decoded = decode_completion(&bytes, secret)?;
        on_text(&decoded.content);
        return Ok(decoded);
    }
    let mut parser = SseParser::default();
    let mut result = Decoded::default();
    let interrupted = |reason: String, partial: &str| LlmError::StreamInterrupted {
        reason: scrub(&reason, secret),
        partial: partial.to_string(),
    };
    loop {
        let bytes = match timeout(policy.timeout, response.chunk()).await {
            Err(_) => {
                let reason = format!("no data for {:?}", policy.timeout);
                return Err(interrupted(reason, &result.content));
            }
            Ok(Err(e)) => {
                return Err(interrupted(
                    format!("connection lost: {}", error_chain(&e)),
                    &result.content,
                ))
            }
            Ok(Ok(None)) => {
                let reason = if parser.has_pending() {
                    "the connection closed in the middle of an event"
                } else {
                    "the stream ended without [DONE]"
                };
                return Err(interrupted(reason.into(), &result.content));
            }
            Ok(Ok(Some(bytes))) => bytes,
        };
        for data in parser.push(&bytes) {
            match decode_chunk(&data, secret)? {
                StreamEvent::Done => return Ok(result),
                StreamEvent::Error(message) => {
                    let reason = format!("the server sent an error: {message}");
                    return Err(interrupted(reason, &result.content));
                }
                StreamEvent::Chunk(chunk) => {
                    if !chunk.content.is_empty() {
                        on_text(&chunk.content);
                        result.content.push_str(&chunk.content);
                    }
                    result.model = chunk.model.or(result.model);
                    result.finish_reason = chunk.finish_reason.or(result.finish_reason);
                    result.usage = chunk.usage.or(result.usage);
                }
            }
        }
    }
}

/// Result of the configuration check's `GET /models`.
pub(crate) enum Probe {
    Reached,
    Status(u16, String),
    Failed(String),
}

/// One quick `GET` with a short limit and no retries.
pub(crate) async fn probe(client: &reqwest::Client, endpoint: &Endpoint, limit: Duration) -> Probe {
    let secret = endpoint.secret();
    let mut request = client.get(&endpoint.models_url);
    if let Some(value) = auth_header(endpoint) {
        request = request.header(value.0, value.1);
    }
    match timeout(limit, request.send()).await {
        Err(_) => Probe::Failed(format!("no answer within {} s", limit.as_secs_f32())),
        Ok(Err(e)) => Probe::Failed(scrub(&error_chain(&e), secret)),
        Ok(Ok(r)) if r.status().is_success() => Probe::Reached,
        Ok(Ok(r)) => {
            let status = r.status().as_u16();
            let body = timeout(limit, r.bytes())
                .await
                .ok()
                .and_then(Result::ok)
                .unwrap_or_default();
            Probe::Status(status, error_details(&body, secret).0)
        }
    }
}

fn auth_header(endpoint: &Endpoint) -> Option<(&'static str, HeaderValue)> {
    let (name, key) = endpoint.auth.as_ref()?;
    let text = if *name == "authorization" {
        format!("Bearer {}", key.expose())
    } else {
        key.expose().to_string()
    };
    let mut value = HeaderValue::from_str(&text).ok()?;
    value.set_sensitive(true);
    Some((name, value))
}

/// What a successful attempt hands back.
enum Sent {
    /// The whole body (non-streaming requests read it inside the attempt, so a
    /// slow or broken body is retried like any other failure).
    Body(Vec<u8>),
    /// Headers received; the body is read by the caller.
    Stream(reqwest::Response, Instant),
}

async fn send_with_retries(
    client: &reqwest::Client,
    endpoint: &Endpoint,
    provider: Provider,
    policy: Policy,
    body: &[u8],
    streaming: bool,
) -> Result<Sent, LlmError> {
    let mut retries = 0;
    loop {
        let attempts = retries + 1;
        match attempt(
            client, endpoint, provider, policy, body, attempts, streaming,
        )
        .await
        {
            Ok(ok) => return Ok(ok),
            Err(Failure::Fatal(error)) => return Err(error),
            Err(Failure::Retry { error, retry_after }) => {
                if retries >= policy.max_retries {
                    return Err(error);
                }
                tokio::time::sleep(retry_delay(policy, retries, retry_after)).await;
                retries += 1;
            }
        }
    }
}

async fn attempt(
    client: &reqwest::Client,
    endpoint: &Endpoint,
    provider: Provider,
    policy: Policy,
    body: &[u8],
    attempts: u32,
    streaming: bool,
) -> Result<Sent, Failure> {
    let secret = endpoint.secret();
    let deadline = Instant::now() + policy.timeout;
    let mut request = client
        .post(&endpoint.chat_url)
        .header(CONTENT_TYPE, "application/json")
        .body(body.to_vec());
    if streaming {
        request = request.header("accept", "text/event-stream");
    }
    if let Some((name, value)) = auth_header(endpoint) {
        request = request.header(name, value);
    }
    let timed_out = || Failure::Retry {
        error: LlmError::Timeout {
            after: policy.timeout,
            attempts,
        },
        retry_after: None,
    };
    let response = match timeout_at(deadline, request.send()).await {
        Err(_) => return Err(timed_out()),
        Ok(Err(e)) if e.is_timeout() => return Err(timed_out()),
        Ok(Err(e)) => {
            return Err(Failure::Retry {
                error: LlmError::Network {
                    url: url(endpoint),
                    attempts,
                    message: scrub(&error_chain(&e), secret),
                },
                retry_after: None,
            })
        }
        Ok(Ok(r)) => r,
    };
    let status = response.status().as_u16();
    if response.status().is_success() {
        if streaming {
            return Ok(Sent::Stream(response, deadline));
        }
        return match timeout_at(deadline, response.bytes()).await {
            Err(_) => Err(timed_out()),
            Ok(Err(e)) => Err(Failure::Retry {
                error: LlmError::Network {
                    url: url(endpoint),
                    attempts,
                    message: scrub(&error_chain(&e), secret),
                },
                retry_after: None,
            }),
            Ok(Ok(bytes)) => Ok(Sent::Body(bytes.to_vec())),
        };
    }
    let retry_after = retry_after(response.headers());
    let body = match timeout_at(deadline, response.bytes()).await {
        Ok(Ok(b)) => b.to_vec(),
        _ => Vec::new(),
    };
    let (message, code) = error_details(&body, secret);
    Err(match status {
        401 | 403 => Failure::Fatal(LlmError::Authentication {
            status,
            message,
            hint: key_hint(provider),
        }),
        429 if code.as_deref() == Some("insufficient_quota") => {
            Failure::Fatal(LlmError::QuotaExceeded { message })
        }
        429 => Failure::Retry {
            error: LlmError::RateLimited { attempts, message },
            retry_after,
        },
        408 | 409 | 500..=599 => Failure::Retry {
            error: LlmError::Server {
                status,
                attempts,
                message,
            },
            retry_after,
        },
        _ => Failure::Fatal(LlmError::BadRequest { status, message }),
    })
}

/// The chat URL without its query string, for messages.
fn url(endpoint: &Endpoint) -> String {
    endpoint
        .chat_url
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Reads a whole body that arrived instead of a stream.
async fn read_body(
    response: reqwest::Response,
    deadline: Instant,
    limit: Duration,
    secret: Option<&str>,
) -> Result<Vec<u8>, LlmError> {
    let url = response
        .url()
        .as_str()
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string();
    match timeout_at(deadline, response.bytes()).await {
        Err(_) => Err(LlmError::Timeout {
            after: limit,
            attempts: 1,
        }),
        Ok(Err(e)) => Err(LlmError::Network {
            url,
            attempts: 1,
            message: scrub(&error_chain(&e), secret),
        }),
        Ok(Ok(bytes)) => Ok(bytes.to_vec()),
    }
}

/// An error and its causes on one line ("connection refused" is deep inside).
fn error_chain(e: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = vec![e.to_string()];
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        source = s.source();
    }
    parts.join(": ")
}
