//! [`LlmError`]: every way a call can fail, each message saying what to do next.
//! No variant ever holds the API key: server text passes through [`scrub`] first.

use std::time::Duration;

/// Why a completion failed. Match on the variant; print it for the student.
///
/// ```
/// use llm_connector::LlmError;
/// let e = LlmError::CacheMiss { prompt: "What is a token?".into() };
/// assert!(e.to_string().contains("What is a token?"));
/// assert!(!e.is_retryable());
/// ```
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum LlmError {
    /// A required setting is absent.
    #[error("missing configuration: {what}. {hint}")]
    MissingConfig {
        /// What is missing.
        what: String,
        /// How to fix it.
        hint: String,
    },
    /// The server refused the key (401/403).
    #[error("authentication failed (HTTP {status}): {message}. {hint}")]
    Authentication {
        /// HTTP status.
        status: u16,
        /// The server's message, key removed.
        message: String,
        /// Which variable to check.
        hint: String,
    },
    /// 429 rate limit, still failing after the retries.
    #[error("rate limited (HTTP 429) after {attempts} attempt(s): {message}. Wait a minute, lower the batch concurrency, or raise LLM_MAX_RETRIES")]
    RateLimited {
        /// Requests sent, including retries.
        attempts: u32,
        /// The server's message.
        message: String,
    },
    /// The account's quota or credit is used up; retrying cannot help.
    #[error("quota exceeded: {message}. This is a billing limit, not a speed limit: check the plan and billing page of your provider, or use LLM_PROVIDER=offline")]
    QuotaExceeded {
        /// The server's message.
        message: String,
    },
    /// The server rejected the request (400, 404, 422, ...); not retried.
    #[error("bad request (HTTP {status}): {message}. Check the model name (OPENAI_MODEL or AZURE_OPENAI_DEPLOYMENT) and the options sent")]
    BadRequest {
        /// HTTP status.
        status: u16,
        /// The server's message.
        message: String,
    },
    /// 5xx (or 408/409) still failing after the retries.
    #[error("server error (HTTP {status}) after {attempts} attempt(s): {message}. The service is having trouble: try again in a minute, or raise LLM_MAX_RETRIES")]
    Server {
        /// HTTP status of the last attempt.
        status: u16,
        /// Requests sent, including retries.
        attempts: u32,
        /// The server's message, or the start of its body.
        message: String,
    },
    /// A time limit expired (which one is in `kind`).
    #[error("{}", timeout_text(*kind, *after, *attempts))]
    Timeout {
        /// Which limit expired.
        kind: TimeoutKind,
        /// The limit that expired.
        after: Duration,
        /// Requests sent, including retries.
        attempts: u32,
    },
    /// A setting has a value that cannot work (a malformed URL, say); not retried.
    #[error("invalid configuration: {what}. {hint}")]
    InvalidConfig {
        /// What is wrong.
        what: String,
        /// How to fix it.
        hint: String,
    },
    /// Could not connect, or the connection broke, after the retries.
    #[error("network error reaching {url} after {attempts} attempt(s): {message}. Check your connection and OPENAI_BASE_URL / AZURE_OPENAI_ENDPOINT (is the server running?)")]
    Network {
        /// Where we tried to go.
        url: String,
        /// Requests sent, including retries.
        attempts: u32,
        /// What went wrong.
        message: String,
    },
    /// The server answered something that is not a usable chat completion.
    #[error("could not use the server's answer: {what}. It began with: {snippet:?}. Check that OPENAI_BASE_URL is an OpenAI-compatible API (usually ending in /v1)")]
    Decode {
        /// What was wrong.
        what: String,
        /// The first characters of what came back.
        snippet: String,
    },
    /// A streamed answer stopped before `[DONE]`; the half answer is not returned as a success.
    #[error("the streamed answer stopped early ({reason}) after {} characters; run the cell again", partial.chars().count())]
    StreamInterrupted {
        /// Why it stopped.
        reason: String,
        /// What had arrived before it stopped.
        partial: String,
    },
    /// The built-in offline model could not answer.
    #[error("offline model unavailable: {message}. Set OPENAI_API_KEY in .env (see .env.example) to use a real model")]
    Offline {
        /// What went wrong.
        message: String,
    },
    /// `LLM_CACHE=replay` and this request was never recorded.
    #[error("no cached answer for prompt {prompt:?} (LLM_CACHE=replay never calls a model). Record it once with LLM_CACHE=on and a working provider, or set LLM_CACHE=off")]
    CacheMiss {
        /// The last user message of the missing request.
        prompt: String,
    },
    /// A bug or an unexpected failure inside the connector.
    #[error("internal error in llm_connector: {0}. Please report it")]
    Internal(String),
}

/// The three time limits of a call (see `.env.example`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeoutKind {
    /// TCP + TLS set-up of one attempt (`LLM_CONNECT_TIMEOUT_SECS`); retried.
    Connect,
    /// No byte for this long once an answer had begun (`LLM_IDLE_TIMEOUT_SECS`);
    /// a non-streamed request is retried at most once.
    Idle,
    /// The whole call, retries and waits included (`LLM_TIMEOUT_SECS`); never retried.
    Total,
}

fn timeout_text(kind: TimeoutKind, after: Duration, attempts: u32) -> String {
    match kind {
        TimeoutKind::Connect => format!("could not connect within {after:?} ({attempts} attempt(s)). Check OPENAI_BASE_URL / AZURE_OPENAI_ENDPOINT and your network (a firewall or VPN?); on a slow network raise LLM_CONNECT_TIMEOUT_SECS"),
        TimeoutKind::Idle => format!("the server sent nothing for {after:?} in the middle of its answer ({attempts} attempt(s)). It stalled, or a reasoning model is thinking silently: raise LLM_IDLE_TIMEOUT_SECS, or try again"),
        TimeoutKind::Total => format!("the call took longer than its total limit of {after:?} ({attempts} attempt(s)). Ask for a shorter answer, or raise LLM_TIMEOUT_SECS"),
    }
}

impl LlmError {
    /// Whether trying again later might succeed (rate limits, server errors,
    /// timeouts, network trouble, cut streams).
    pub fn is_retryable(&self) -> bool {
        matches!(
            self,
            LlmError::RateLimited { .. }
                | LlmError::Server { .. }
                | LlmError::Timeout { .. }
                | LlmError::Network { .. }
                | LlmError::StreamInterrupted { .. }
        )
    }
}

/// Removes `secret` (and anything shaped like an OpenAI key) from `text`.
pub(crate) fn scrub(text: &str, secret: Option<&str>) -> String {
    let mut out = match secret {
        Some(s) if s.len() >= 4 => text.replace(s, "<hidden key>"),
        _ => text.to_string(),
    };
    // Servers echo partial keys ("sk-abc***xyz"); hide every word starting with sk-.
    let mut from = 0;
    while let Some(found) = out[from..].find("sk-") {
        let start = from + found;
        let at_word_start = out[..start]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric() && c != '-' && c != '_');
        let end = out[start..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | ',' | ')' | '<'))
            .map_or(out.len(), |e| start + e);
        let end = if out[..end].ends_with('.') {
            end - 1
        } else {
            end
        };
        if at_word_start {
            out.replace_range(start..end, "<hidden key>");
            from = start + "<hidden key>".len();
        } else {
            from = start + 3;
        }
    }
    out
}

/// The first ~200 characters of a body, whitespace collapsed, key removed.
/// The key is removed before cutting: a key cut at the boundary would otherwise
/// leave its first characters behind, unrecognisable to `scrub`.
pub(crate) fn snippet(body: &[u8], secret: Option<&str>) -> String {
    let text = scrub(&String::from_utf8_lossy(body), secret);
    let collapsed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = collapsed.chars().take(200).collect();
    if collapsed.chars().count() > 200 {
        format!("{short}…")
    } else {
        short
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scrub_hides_the_key_and_sk_tokens() {
        let s = scrub(
            "bad key my-secret-key and sk-abc***xyz.",
            Some("my-secret-key"),
        );
        assert_eq!(s, "bad key <hidden key> and <hidden key>.");
        assert_eq!(scrub("a risk-free task-1", None), "a risk-free task-1");
    }

    #[test]
    fn snippet_is_short_and_single_line() {
        let body = format!("<html>\n<body>{}</body></html>", "x".repeat(500));
        let s = snippet(body.as_bytes(), None);
        assert!(s.chars().count() <= 201);
        assert!(!s.contains('\n'));
    }
}
