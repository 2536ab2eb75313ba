//! The Chat Completions wire format, shared by OpenAI, Azure OpenAI and
//! compatible servers: request bodies, answers, stream chunks, error bodies.

use crate::error::{scrub, snippet, LlmError};
use crate::types::{Message, Usage};
use serde_json::{json, Value};

/// What one request asks for.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ChatRequest {
    pub messages: Vec<Message>,
    pub model: String,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
}

/// The useful part of an answer.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Decoded {
    pub content: String,
    pub model: Option<String>,
    pub finish_reason: Option<String>,
    pub usage: Option<Usage>,
}

/// The JSON body. Azure names the model in the URL, so `include_model` is false there.
pub(crate) fn request_body(
    req: &ChatRequest,
    include_model: bool,
    stream: bool,
) -> Result<Vec<u8>, LlmError> {
    let mut body = json!({ "messages": req.messages });
    if include_model {
        body["model"] = json!(req.model);
    }
    if let Some(t) = req.temperature {
        body["temperature"] = as_written(t).ok_or_else(|| LlmError::InvalidConfig {
            what: format!("temperature {t} is not a number"),
            hint: "Use a temperature between 0 and 2, e.g. with_temperature(0.7)".into(),
        })?;
    }
    if let Some(m) = req.max_tokens {
        body[max_tokens_field(&req.model)] = json!(m);
    }
    if stream {
        body["stream"] = json!(true);
        body["stream_options"] = json!({ "include_usage": true });
    }
    Ok(body.to_string().into_bytes())
}

/// `value` as the student wrote it: `0.7f32` widened to f64 is 0.699999988079071,
/// so go through f32's shortest decimal form instead. `None` for NaN and infinities.
fn as_written(value: f32) -> Option<Value> {
    let decimal: f64 = value.to_string().parse().ok()?;
    serde_json::Number::from_f64(decimal).map(Value::Number)
}

/// The name of the answer-length limit for `model`.
///
/// OpenAI's reasoning models (o1, o3, o4-mini, the gpt-5 family) reject `max_tokens` with a 400
/// and want `max_completion_tokens`; older Azure API versions and most OpenAI-compatible
/// servers know only `max_tokens`, which every other OpenAI model still accepts. On Azure the
/// "model" is the deployment name, so a deployment named after its model gets the same choice.
/// A fine-tuned model (`ft:o4-mini-...:org::id`) follows its base model.
fn max_tokens_field(model: &str) -> &'static str {
    let name = model
        .rsplit('/')
        .next()
        .unwrap_or(model)
        .to_ascii_lowercase();
    // Fine-tuned models are named `ft:<base model>:<org>:...`.
    let family = name.strip_prefix("ft:").unwrap_or(&name);
    let reasoning = ["o1", "o3", "o4", "gpt-5"].iter().any(|prefix| {
        family
            .strip_prefix(prefix)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '.', '_']))
    });
    if reasoning {
        "max_completion_tokens"
    } else {
        "max_tokens"
    }
}

fn usage_of(v: &Value) -> Option<Usage> {
    let u = v.get("usage").filter(|u| u.is_object())?;
    let get = |k: &str| u.get(k).and_then(Value::as_u64).unwrap_or(0);
    let (p, c) = (get("prompt_tokens"), get("completion_tokens"));
    let total = u
        .get("total_tokens")
        .and_then(Value::as_u64)
        .unwrap_or(p.saturating_add(c));
    Some(Usage {
        prompt_tokens: p,
        completion_tokens: c,
        total_tokens: total,
    })
}

fn decode_error(what: &str, body: &[u8], secret: Option<&str>) -> LlmError {
    LlmError::Decode {
        what: what.to_string(),
        snippet: snippet(body, secret),
    }
}

/// Decodes a non-streamed answer.
pub(crate) fn decode_completion(body: &[u8], secret: Option<&str>) -> Result<Decoded, LlmError> {
    let v: Value = serde_json::from_slice(body).map_err(|e| {
        let what = if body.trim_ascii_start().starts_with(b"<") {
            "the body is HTML, not JSON (a proxy or gateway page?)".to_string()
        } else {
            format!("the body is not valid JSON ({e})")
        };
        decode_error(&what, body, secret)
    })?;
    if let Some(err) = v.get("error").filter(|e| !e.is_null()) {
        let message = scrub(&error_text(err), secret);
        return Err(decode_error(
            &format!("the server sent an error with status 200: {message}"),
            body,
            secret,
        ));
    }
    let choice = match v.get("choices").and_then(Value::as_array) {
        Some(choices) if !choices.is_empty() => &choices[0],
        Some(_) => {
            return Err(decode_error(
                "the answer has no choices (\"choices\": [])",
                body,
                secret,
            ))
        }
        None => {
            return Err(decode_error(
                "the answer has no \"choices\" field",
                body,
                secret,
            ))
        }
    };
    let finish_reason = choice
        .get("finish_reason")
        .and_then(Value::as_str)
        .map(String::from);
    let message = &choice["message"];
    let content = match message.get("content").and_then(Value::as_str) {
        Some(text) => text.to_string(),
        None => {
            if let Some(refusal) = message.get("refusal").and_then(Value::as_str) {
                refusal.to_string()
            } else {
                let why = match finish_reason.as_deref() {
                    Some("content_filter") => "the provider's content filter removed the answer (\"content\": null)".to_string(),
                    Some("tool_calls") => "the model asked to call a tool, which this connector does not do (\"content\": null)".to_string(),
                    other => format!("the answer has no text (\"content\": null, finish_reason {other:?})"),
                };
                return Err(decode_error(&why, body, secret));
            }
        }
    };
    Ok(Decoded {
        content,
        model: v.get("model").and_then(Value::as_str).map(String::from),
        finish_reason,
        usage: usage_of(&v),
    })
}

/// One event of a stream.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum StreamEvent {
    /// Text and/or metadata.
    Chunk(Decoded),
    /// `[DONE]`.
    Done,
    /// An `{"error": ...}` event.
    Error(String),
}

/// Decodes one SSE `data:` payload.
pub(crate) fn decode_chunk(data: &str, secret: Option<&str>) -> Result<StreamEvent, LlmError> {
    let data = data.trim();
    if data == "[DONE]" {
        return Ok(StreamEvent::Done);
    }
    let v: Value = serde_json::from_str(data).map_err(|e| {
        decode_error(
            &format!("a stream event is not valid JSON ({e})"),
            data.as_bytes(),
            secret,
        )
    })?;
    if let Some(err) = v.get("error").filter(|e| !e.is_null()) {
        return Ok(StreamEvent::Error(scrub(&error_text(err), secret)));
    }
    let choice = v
        .get("choices")
        .and_then(Value::as_array)
        .and_then(|c| c.first());
    let text = choice
        .and_then(|c| c["delta"].get("content"))
        .and_then(Value::as_str)
        .unwrap_or("");
    Ok(StreamEvent::Chunk(Decoded {
        content: text.to_string(),
        model: v.get("model").and_then(Value::as_str).map(String::from),
        finish_reason: choice
            .and_then(|c| c.get("finish_reason"))
            .and_then(Value::as_str)
            .map(String::from),
        usage: usage_of(&v),
    }))
}

fn error_text(err: &Value) -> String {
    match err {
        Value::String(s) => s.clone(),
        _ => err
            .get("message")
            .and_then(Value::as_str)
            .map(String::from)
            .unwrap_or_else(|| err.to_string()),
    }
}

/// The server's message and error code from an error body (OpenAI's
/// `{"error": {...}}`, Ollama's `{"error": "..."}`, or anything else as a snippet).
pub(crate) fn error_details(body: &[u8], secret: Option<&str>) -> (String, Option<String>) {
    let Ok(v) = serde_json::from_slice::<Value>(body) else {
        let text = snippet(body, secret);
        let text = if text.is_empty() {
            "(empty body)".to_string()
        } else {
            text
        };
        return (text, None);
    };
    let err = v.get("error").unwrap_or(&v);
    let code = ["code", "type"]
        .iter()
        .filter_map(|k| err.get(*k).and_then(Value::as_str))
        .find(|c| *c == "insufficient_quota")
        .or_else(|| err.get("code").and_then(Value::as_str))
        .map(String::from);
    (scrub(&error_text(err), secret), code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_a_plain_answer() {
        let body = br#"{"model":"m","choices":[{"message":{"content":"hi"},"finish_reason":"stop"}],"usage":{"prompt_tokens":3,"completion_tokens":1,"total_tokens":4}}"#;
        let d = decode_completion(body, None).unwrap();
        assert_eq!(d.content, "hi");
        assert_eq!(d.usage.unwrap().total_tokens, 4);
    }

    #[test]
    fn null_content_with_refusal_is_the_refusal() {
        let body = br#"{"choices":[{"message":{"content":null,"refusal":"I can't help"},"finish_reason":"stop"}]}"#;
        assert_eq!(
            decode_completion(body, None).unwrap().content,
            "I can't help"
        );
    }

    #[test]
    fn quota_code_is_found_in_type_too() {
        let body =
            br#"{"error":{"message":"out of credit","type":"insufficient_quota","code":null}}"#;
        assert_eq!(
            error_details(body, None).1.as_deref(),
            Some("insufficient_quota")
        );
    }

    #[test]
    fn chunk_kinds() {
        assert_eq!(decode_chunk(" [DONE] ", None).unwrap(), StreamEvent::Done);
        assert!(
            matches!(decode_chunk(r#"{"error":"boom"}"#, None).unwrap(), StreamEvent::Error(m) if m == "boom")
        );
        assert!(decode_chunk("{not json", None).is_err());
    }
}
