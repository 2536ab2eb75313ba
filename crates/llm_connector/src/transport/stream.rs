//! Reading an SSE stream: text as it arrives, the end recognised as servers send it.

use super::body::{next_chunk, read_body, BodyError};
use super::{Call, Sent};
use crate::error::{scrub, LlmError};
use crate::provider::openai::{decode_chunk, decode_completion, Decoded, StreamEvent};
use crate::sse::SseParser;
use reqwest::header::CONTENT_TYPE;
use tokio::time::Instant;

impl Call<'_> {
    /// Sends a streaming request and feeds each piece of text to `on_text`. Only
    /// the request itself is retried: once the stream has begun, a cut is an error
    /// that keeps the text received so far.
    pub async fn stream(
        &self,
        body: Vec<u8>,
        on_text: &mut (dyn FnMut(&str) + Send),
    ) -> Result<Decoded, LlmError> {
        let secret = self.endpoint.secret();
        let deadline = Instant::now() + self.limits.total;
        let Sent::Stream(mut response) = self.send_with_retries(&body, true, deadline).await?
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
            let bytes = read_body(response, self.limits.idle, deadline)
                .await
                .map_err(|e| self.body_error(e, 1))?;
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
            let bytes = match next_chunk(&mut response, self.limits.idle, deadline).await {
                Err(BodyError::Idle) => {
                    let reason =
                        format!("no data for {:?}, LLM_IDLE_TIMEOUT_SECS", self.limits.idle);
                    return Err(interrupted(reason, &result.content));
                }
                Err(BodyError::Total) => {
                    let reason = format!(
                        "the total limit of {:?} ran out, LLM_TIMEOUT_SECS",
                        self.limits.total
                    );
                    return Err(interrupted(reason, &result.content));
                }
                Err(BodyError::Network(e)) => {
                    return Err(interrupted(
                        format!("connection lost: {e}"),
                        &result.content,
                    ))
                }
                // A clean end after a finish_reason is complete: llama.cpp's server,
                // TGI and others have shipped versions that never send [DONE].
                Ok(None) if result.finish_reason.is_some() => return Ok(result),
                Ok(None) => {
                    let reason = if parser.has_pending() {
                        "the connection closed in the middle of an event"
                    } else {
                        "the stream ended before the answer was finished (no finish_reason, no [DONE])"
                    };
                    return Err(interrupted(reason.into(), &result.content));
                }
                Ok(Some(bytes)) => bytes,
            };
            for data in parser.push(&bytes) {
                match decode_chunk(&data, secret) {
                    Ok(StreamEvent::Done) => return Ok(result),
                    Ok(StreamEvent::Error(message)) => {
                        let reason = format!("the server sent an error: {message}");
                        return Err(interrupted(reason, &result.content));
                    }
                    Ok(StreamEvent::Chunk(chunk)) => {
                        if !chunk.content.is_empty() {
                            on_text(&chunk.content);
                            result.content.push_str(&chunk.content);
                        }
                        result.model = chunk.model.or(result.model);
                        result.finish_reason = chunk.finish_reason.or(result.finish_reason);
                        result.usage = chunk.usage.or(result.usage);
                    }
                    Err(e) => return Err(interrupted(e.to_string(), &result.content)),
                }
            }
        }
    }
}
