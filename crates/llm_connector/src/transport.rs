//! HTTP: one call with its three time limits (connect per attempt, idle between
//! received bytes, total for the whole call), retries as [`crate::retry`]
//! decides, and reading SSE streams.

mod body;
mod stream;

use crate::error::{scrub, LlmError, TimeoutKind};
use crate::provider::openai::{decode_completion, error_details, Decoded};
use crate::provider::{key_hint, Endpoint};
use crate::retry::{classify, Decision, Refusal, RetryPolicy};
use crate::types::Provider;
use body::{read_body, BodyError};
use reqwest::header::{HeaderValue, CONTENT_TYPE};
use std::time::Duration;
use tokio::time::{timeout, timeout_at, Instant};

/// The time limits of one call.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    /// TCP + TLS set-up (enforced by the HTTP client; here for messages).
    pub connect: Duration,
    /// Longest gap between received bytes once the response has begun.
    pub idle: Duration,
    /// The whole call, retries and waits included.
    pub total: Duration,
}

/// One call: where, how to retry, how long.
pub(crate) struct Call<'a> {
    pub client: &'a reqwest::Client,
    pub endpoint: &'a Endpoint,
    pub provider: Provider,
    pub policy: RetryPolicy,
    pub limits: Limits,
}

/// How an attempt failed.
enum Failure {
    Retry {
        error: LlmError,
        wait: Option<Duration>,
        idle: bool,
    },
    Fatal(LlmError),
}

/// What a successful attempt hands back.
enum Sent {
    /// The whole body (non-streaming requests read it inside the attempt, so a
    /// stalled body is retried like any other failure).
    Body(Vec<u8>),
    /// Headers received; the body is read by the caller.
    Stream(reqwest::Response),
}

impl Call<'_> {
    /// Sends `body` and decodes the answer.
    pub async fn complete(&self, body: Vec<u8>) -> Result<Decoded, LlmError> {
        let deadline = Instant::now() + self.limits.total;
        match self.send_with_retries(&body, false, deadline).await? {
            Sent::Body(bytes) => decode_completion(&bytes, self.endpoint.secret()),
            Sent::Stream(..) => Err(LlmError::Internal("expected a whole body".into())),
        }
    }

    async fn send_with_retries(
        &self,
        body: &[u8],
        streaming: bool,
        deadline: Instant,
    ) -> Result<Sent, LlmError> {
        let mut retries = 0;
        let mut idle_retried = false;
        loop {
            match self.attempt(body, retries + 1, streaming, deadline).await {
                Ok(ok) => return Ok(ok),
                Err(Failure::Fatal(error)) => return Err(error),
                Err(Failure::Retry { error, wait, idle }) => {
                    // A stalled body may be a long answer being billed: retry it once only.
                    if retries >= self.policy.max_retries || (idle && idle_retried) {
                        return Err(error);
                    }
                    idle_retried |= idle;
                    let pause = self.policy.delay(retries, wait);
                    if Instant::now() + pause >= deadline {
                        return Err(error);
                    }
                    tokio::time::sleep(pause).await;
                    retries += 1;
                }
            }
        }
    }

    async fn attempt(
        &self,
        body: &[u8],
        attempts: u32,
        streaming: bool,
        deadline: Instant,
    ) -> Result<Sent, Failure> {
        let endpoint = self.endpoint;
        let secret = endpoint.secret();
        let mut request = self
            .client
            .post(&endpoint.chat_url)
            .header(CONTENT_TYPE, "application/json")
            .body(body.to_vec());
        if streaming {
            request = request.header("accept", "text/event-stream");
        }
        if let Some((name, value)) = auth_header(endpoint) {
            request = request.header(name, value);
        }
        let timed_out = |kind: TimeoutKind, after: Duration| LlmError::Timeout {
            kind,
            after,
            attempts,
        };
        let network = |message: String| LlmError::Network {
            url: url(endpoint),
            attempts,
            message: scrub(&message, secret),
        };
        // Waiting for the head is bounded by the total limit only: a server
        // working on a long non-streamed answer sends nothing until it is done.
        let response = match timeout_at(deadline, request.send()).await {
            Err(_) => {
                return Err(Failure::Fatal(timed_out(
                    TimeoutKind::Total,
                    self.limits.total,
                )))
            }
            Ok(Err(e)) if e.is_builder() => {
                return Err(Failure::Fatal(LlmError::InvalidConfig {
                    what: format!(
                        "the request could not be built: {}",
                        scrub(&error_chain(&e), secret)
                    ),
                    hint: "Check OPENAI_BASE_URL / AZURE_OPENAI_ENDPOINT and the deployment name"
                        .into(),
                }))
            }
            Ok(Err(e)) if e.is_connect() && is_timeout(&e) => {
                return Err(Failure::Retry {
                    error: timed_out(TimeoutKind::Connect, self.limits.connect),
                    wait: None,
                    idle: false,
                })
            }
            Ok(Err(e)) => {
                return Err(Failure::Retry {
                    error: network(error_chain(&e)),
                    wait: None,
                    idle: false,
                })
            }
            Ok(Ok(r)) => r,
        };
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        if response.status().is_success() && streaming {
            return Ok(Sent::Stream(response));
        }
        let bytes = match read_body(response, self.limits.idle, deadline).await {
            Ok(bytes) => bytes,
            Err(e) if (200..300).contains(&status) => {
                return Err(match e {
                    BodyError::Idle => Failure::Retry {
                        error: timed_out(TimeoutKind::Idle, self.limits.idle),
                        wait: None,
                        idle: true,
                    },
                    BodyError::Total => {
                        Failure::Fatal(timed_out(TimeoutKind::Total, self.limits.total))
                    }
                    BodyError::Network(message) => Failure::Retry {
                        error: network(message),
                        wait: None,
                        idle: false,
                    },
                })
            }
            // An error status whose body did not arrive is still that status.
            Err(_) => Vec::new(),
        };
        let refusal = match classify(status, &headers, &bytes) {
            Decision::Accept => return Ok(Sent::Body(bytes)),
            Decision::Retry { refusal, wait } => {
                let error = self.refusal_error(refusal, status, attempts, &bytes);
                return Err(Failure::Retry {
                    error,
                    wait,
                    idle: false,
                });
            }
            Decision::Stop(refusal) => refusal,
        };
        Err(Failure::Fatal(
            self.refusal_error(refusal, status, attempts, &bytes),
        ))
    }

    fn refusal_error(&self, refusal: Refusal, status: u16, attempts: u32, body: &[u8]) -> LlmError {
        let (message, _) = error_details(body, self.endpoint.secret());
        match refusal {
            Refusal::Authentication => LlmError::Authentication {
                status,
                message,
                hint: key_hint(self.provider),
            },
            Refusal::Quota => LlmError::QuotaExceeded { message },
            Refusal::RateLimit => LlmError::RateLimited { attempts, message },
            Refusal::Server => LlmError::Server {
                status,
                attempts,
                message,
            },
            Refusal::BadRequest => LlmError::BadRequest { status, message },
        }
    }

    fn body_error(&self, e: BodyError, attempts: u32) -> LlmError {
        match e {
            BodyError::Idle => LlmError::Timeout {
                kind: TimeoutKind::Idle,
                after: self.limits.idle,
                attempts,
            },
            BodyError::Total => LlmError::Timeout {
                kind: TimeoutKind::Total,
                after: self.limits.total,
                attempts,
            },
            BodyError::Network(message) => LlmError::Network {
                url: url(self.endpoint),
                attempts,
                message: scrub(&message, self.endpoint.secret()),
            },
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

/// The chat URL without its query string, for messages.
fn url(endpoint: &Endpoint) -> String {
    endpoint
        .chat_url
        .split('?')
        .next()
        .unwrap_or_default()
        .to_string()
}

/// Whether a timeout is anywhere in the error's causes.
fn is_timeout(e: &reqwest::Error) -> bool {
    if e.is_timeout() {
        return true;
    }
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if io.kind() == std::io::ErrorKind::TimedOut {
                return true;
            }
        }
        source = s.source();
    }
    false
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
