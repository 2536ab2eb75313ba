//! A local OpenAI-compatible Chat Completions server that can be told to misbehave.
//!
//! Tests start one in-process on `127.0.0.1:0`; notebooks and benchmarks run the
//! `llm_test_server` binary and point `OPENAI_BASE_URL` at it. It needs no key,
//! answers deterministically (a Markdown heading echoing the prompt and a short
//! list), streams over SSE when asked, and plays scripted faults in order:
//! status codes with `Retry-After` (any text) and `x-should-retry`, malformed JSON,
//! an HTML gateway page, empty choices, an `"error"` chunk, a cut stream, a stream
//! without `[DONE]`, an echoed key, a body that trickles in, a JSON answer to a
//! stream request, a hang. [`FullBacklog`] is a port where connecting times out.
//!
//! ```
//! use llm_test_server::{Fault, TestServer};
//!
//! let server = TestServer::builder().answer_words(20).start().unwrap();
//! server.push_fault(Fault::status(503)); // the first chat request gets a 503
//! assert!(server.url().starts_with("http://127.0.0.1:"));
//! assert_eq!(server.chat_request_count(), 0);
//! ```

#![warn(missing_docs)]

mod answer;
mod backlog;
mod http;
mod serve;

pub use answer::answer_for;
pub use backlog::FullBacklog;
pub use http::RecordedRequest;

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// What the server does with one chat request.
#[derive(Clone, Debug, PartialEq)]
pub enum Fault {
    /// Answer normally: JSON, or SSE when the request has `"stream": true`.
    None,
    /// Reply with `code` and an OpenAI-style error body.
    Status {
        /// HTTP status.
        code: u16,
        /// The `error.code` field, e.g. `insufficient_quota`.
        error_code: Option<String>,
        /// The `error.message` field.
        message: String,
        /// Sent as the `Retry-After` header when set (seconds or an HTTP date).
        retry_after: Option<String>,
        /// Sent as the `retry-after-ms` header when set.
        retry_after_ms: Option<u64>,
        /// Sent as the `x-should-retry` header (`true`/`false`) when set.
        should_retry: Option<bool>,
    },
    /// 401 whose message echoes the `Authorization`/`api-key` header it got, as
    /// some servers do; the client must scrub it.
    EchoKey401,
    /// 200 with a body cut off in the middle of the JSON.
    MalformedJson,
    /// `status` with an HTML body, like a proxy's error page.
    Html {
        /// HTTP status to send with the page.
        status: u16,
    },
    /// 200 with `"choices": []`.
    EmptyChoices,
    /// 200 with `"content": null` (as for a refusal or a tool call).
    NullContent,
    /// Streams `after_words` words, then an `{"error": ...}` event.
    ErrorChunk {
        /// Words streamed before the error event.
        after_words: usize,
    },
    /// Streams `after_words` words, then drops the connection mid-body.
    CutStream {
        /// Words streamed before the connection drops.
        after_words: usize,
    },
    /// Streams the whole answer and ends the body cleanly, but without `[DONE]`
    /// (llama.cpp's server and TGI have shipped versions that do this).
    MissingDone,
    /// Streams `after_words` words, then ends the body cleanly: no `finish_reason`, no `[DONE]`.
    EndWithoutFinish {
        /// Words streamed before the body ends.
        after_words: usize,
    },
    /// Accepts the request and never answers (for timeout tests).
    Hang,
    /// Sends the response head at once, then the body in ten pieces with `gap` between
    /// them (a slow network or a server that stalls mid-answer).
    Trickle {
        /// Pause before each piece of the body.
        gap: Duration,
    },
    /// Answers with one JSON body even when the request asked for a stream.
    JsonAnswer,
    /// 502 with an HTML page that holds the key the request carried, `at` characters
    /// into the page (where a client that truncates before scrubbing cuts it).
    EchoKeyInPage {
        /// Characters of the page before the key.
        at: usize,
    },
    /// A normal answer whose usage claims `u64::MAX` tokens.
    HugeUsage,
}

impl Fault {
    /// `code` with a generic OpenAI-style error body.
    pub fn status(code: u16) -> Fault {
        Fault::Status {
            code,
            error_code: None,
            message: format!("test server error {code}"),
            retry_after: None,
            retry_after_ms: None,
            should_retry: None,
        }
    }

    /// This fault with a `Retry-After` header holding exactly `value` (any text: seconds,
    /// an HTTP date, garbage). Only `Fault::Status` carries headers; other faults are unchanged.
    ///
    /// ```
    /// let f = llm_test_server::Fault::status(503).with_retry_after("1e20");
    /// assert!(matches!(f, llm_test_server::Fault::Status { retry_after: Some(v), .. } if v == "1e20"));
    /// ```
    pub fn with_retry_after(mut self, value: &str) -> Fault {
        if let Fault::Status { retry_after, .. } = &mut self {
            *retry_after = Some(value.to_string());
        }
        self
    }

    /// This fault with an `x-should-retry: true|false` header (only `Fault::Status`).
    pub fn with_should_retry(mut self, value: bool) -> Fault {
        if let Fault::Status { should_retry, .. } = &mut self {
            *should_retry = Some(value);
        }
        self
    }

    /// 429 with `Retry-After: <seconds>`.
    pub fn rate_limited(retry_after_secs: u64) -> Fault {
        Fault::Status {
            code: 429,
            error_code: Some("rate_limit_exceeded".into()),
            message: "Rate limit reached for requests".into(),
            retry_after: Some(retry_after_secs.to_string()),
            retry_after_ms: None,
            should_retry: None,
        }
    }

    /// 429 with `retry-after-ms: <ms>`.
    pub fn rate_limited_ms(retry_after_ms: u64) -> Fault {
        Fault::Status {
            code: 429,
            error_code: Some("rate_limit_exceeded".into()),
            message: "Rate limit reached for requests".into(),
            retry_after: None,
            retry_after_ms: Some(retry_after_ms),
            should_retry: None,
        }
    }

    /// 429 `insufficient_quota`: billing, not speed; must not be retried.
    pub fn quota_exceeded() -> Fault {
        Fault::Status {
            code: 429,
            error_code: Some("insufficient_quota".into()),
            message: "You exceeded your current quota, please check your plan and billing details."
                .into(),
            retry_after: None,
            retry_after_ms: None,
            should_retry: None,
        }
    }
}

/// Settings for a server; defaults answer instantly with about 50 words.
#[derive(Clone, Debug)]
pub struct ServerConfig {
    /// Wait before each chat answer (simulates model latency).
    pub delay: Duration,
    /// Wait between streamed pieces.
    pub chunk_delay: Duration,
    /// Approximate answer length in words.
    pub answer_words: usize,
    /// Status of `GET .../models` (200 normally).
    pub models_status: u16,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            delay: Duration::ZERO,
            chunk_delay: Duration::ZERO,
            answer_words: 50,
            models_status: 200,
        }
    }
}

pub(crate) struct State {
    pub config: ServerConfig,
    pub script: Mutex<VecDeque<Fault>>,
    pub default_fault: Mutex<Fault>,
    pub requests: Mutex<Vec<RecordedRequest>>,
}

impl State {
    pub fn next_fault(&self) -> Fault {
        let scripted = self.script.lock().unwrap().pop_front();
        scripted.unwrap_or_else(|| self.default_fault.lock().unwrap().clone())
    }
}

/// Configures and starts a [`TestServer`].
#[derive(Clone, Debug, Default)]
pub struct ServerBuilder {
    config: ServerConfig,
    script: Vec<Fault>,
    default_fault: Option<Fault>,
    addr: Option<SocketAddr>,
}

impl ServerBuilder {
    /// Wait before each chat answer.
    pub fn delay(mut self, delay: Duration) -> Self {
        self.config.delay = delay;
        self
    }
    /// Wait between streamed pieces.
    pub fn chunk_delay(mut self, delay: Duration) -> Self {
        self.config.chunk_delay = delay;
        self
    }
    /// Approximate answer length in words.
    pub fn answer_words(mut self, words: usize) -> Self {
        self.config.answer_words = words;
        self
    }
    /// Status for `GET .../models`.
    pub fn models_status(mut self, status: u16) -> Self {
        self.config.models_status = status;
        self
    }
    /// Queue a fault for the next chat request not yet scripted.
    pub fn then(mut self, fault: Fault) -> Self {
        self.script.push(fault);
        self
    }
    /// What every chat request gets once the script is used up.
    pub fn always(mut self, fault: Fault) -> Self {
        self.default_fault = Some(fault);
        self
    }
    /// Listen on `addr` instead of `127.0.0.1:0`.
    pub fn bind(mut self, addr: SocketAddr) -> Self {
        self.addr = Some(addr);
        self
    }
    /// Binds and serves on a background thread until the server is dropped.
    pub fn start(self) -> std::io::Result<TestServer> {
        let state = Arc::new(State {
            config: self.config,
            script: Mutex::new(self.script.into()),
            default_fault: Mutex::new(self.default_fault.unwrap_or(Fault::None)),
            requests: Mutex::new(Vec::new()),
        });
        let addr = self.addr.unwrap_or_else(|| ([127, 0, 0, 1], 0).into());
        let listener = std::net::TcpListener::bind(addr)?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let (stop_tx, stop_rx) = tokio::sync::oneshot::channel::<()>();
        let thread_state = state.clone();
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let thread = std::thread::Builder::new()
            .name("llm_test_server".into())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => return eprintln!("llm_test_server: {e}"),
                    };
                    tokio::spawn(serve::accept_loop(listener, thread_state));
                    // Serve until the TestServer is dropped; leaving block_on
                    // then drops the runtime and every connection with it.
                    let _ = stop_rx.await;
                });
            })?;
        Ok(TestServer {
            addr,
            state,
            stop: Some(stop_tx),
            thread: Some(thread),
        })
    }
}

/// A running server; stops when dropped.
pub struct TestServer {
    addr: SocketAddr,
    state: Arc<State>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl TestServer {
    /// A builder with the default settings.
    pub fn builder() -> ServerBuilder {
        ServerBuilder::default()
    }

    /// Starts a server with the default settings.
    pub fn start() -> std::io::Result<TestServer> {
        ServerBuilder::default().start()
    }

    /// The socket address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The base URL to use as `OPENAI_BASE_URL`, e.g. `http://127.0.0.1:4321/v1`.
    pub fn url(&self) -> String {
        format!("http://{}/v1", self.addr)
    }

    /// The endpoint to use as `AZURE_OPENAI_ENDPOINT`.
    pub fn azure_endpoint(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Queue a fault for the next chat request not yet scripted.
    pub fn push_fault(&self, fault: Fault) {
        self.state.script.lock().unwrap().push_back(fault);
    }

    /// What every chat request gets once the script is used up.
    pub fn set_default_fault(&self, fault: Fault) {
        *self.state.default_fault.lock().unwrap() = fault;
    }

    /// Every request received so far, in order.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.state.requests.lock().unwrap().clone()
    }

    /// How many requests of any kind arrived.
    pub fn request_count(&self) -> usize {
        self.state.requests.lock().unwrap().len()
    }

    /// How many chat completion requests arrived.
    pub fn chat_request_count(&self) -> usize {
        self.state
            .requests
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.path.ends_with("/chat/completions"))
            .count()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}
