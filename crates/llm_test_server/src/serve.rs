//! Routing and the fault modes.

use crate::answer::{answer_for, stream_pieces, truncate_words};
use crate::http::{self, RecordedRequest};
use crate::{Fault, State};
use serde_json::{json, Value};
use std::io;
use std::sync::Arc;
use tokio::net::{TcpListener, TcpStream};

/// The model name reported when the request names none (Azure requests).
const DEFAULT_MODEL: &str = "llm-test-server";

pub async fn accept_loop(listener: TcpListener, state: Arc<State>) {
    loop {
        let Ok((stream, _)) = listener.accept().await else {
            continue;
        };
        let _ = stream.set_nodelay(true);
        tokio::spawn(handle_connection(stream, state.clone()));
    }
}

/// Whether the connection may serve another request afterwards.
enum After {
    KeepAlive,
    Close,
}

async fn handle_connection(mut stream: TcpStream, state: Arc<State>) {
    let mut buf = Vec::new();
    loop {
        let request = match http::read_request(&mut stream, &mut buf).await {
            Ok(Some(r)) => r,
            Ok(None) | Err(_) => return,
        };
        state.requests.lock().unwrap().push(request.clone());
        let wants_close = request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        match route(&mut stream, &state, &request).await {
            Ok(After::KeepAlive) if !wants_close => continue,
            _ => return,
        }
    }
}

async fn route(stream: &mut TcpStream, state: &State, req: &RecordedRequest) -> io::Result<After> {
    if req.method == "GET" && req.path.ends_with("/models") {
        let status = state.config.models_status;
        let body = if status == 200 {
            json!({"object": "list", "data": [{"id": DEFAULT_MODEL, "object": "model", "owned_by": "llm_test_server"}]})
        } else {
            error_body(&format!("models endpoint answered {status}"), None)
        };
        return send_json(stream, status, &[], &body.to_string()).await;
    }
    if req.method == "POST" && req.path.ends_with("/chat/completions") {
        return chat(stream, state, req).await;
    }
    let body = error_body(&format!("no route for {} {}", req.method, req.path), None);
    send_json(stream, 404, &[], &body.to_string()).await
}

fn error_body(message: &str, code: Option<&str>) -> Value {
    json!({"error": {"message": message, "type": "test_server_error", "param": null, "code": code}})
}

/// The text of the last user message (what the answer echoes).
fn last_user_text(request: &Value) -> String {
    request["messages"]
        .as_array()
        .and_then(|m| m.iter().rev().find(|m| m["role"] == "user"))
        .and_then(|m| m["content"].as_str())
        .unwrap_or("")
        .to_string()
}

fn prompt_words(request: &Value) -> usize {
    request["messages"]
        .as_array()
        .map(|ms| {
            ms.iter()
                .filter_map(|m| m["content"].as_str())
                .map(|c| c.split_whitespace().count() + 4)
                .sum()
        })
        .unwrap_or(0)
}

async fn chat(stream: &mut TcpStream, state: &State, req: &RecordedRequest) -> io::Result<After> {
    let fault = state.next_fault();
    if !state.config.delay.is_zero() {
        tokio::time::sleep(state.config.delay).await;
    }
    let request = req.json();
    if request.is_null() {
        let body = error_body("We could not parse the JSON body of your request.", None);
        return send_json(stream, 400, &[], &body.to_string()).await;
    }
    let model = request["model"]
        .as_str()
        .unwrap_or(DEFAULT_MODEL)
        .to_string();
    let full = answer_for(&last_user_text(&request), state.config.answer_words);
    let (text, cut) = match request["max_tokens"]
        .as_u64()
        .or(request["max_completion_tokens"].as_u64())
    {
        Some(max) => truncate_words(&full, max as usize),
        None => (full, false),
    };
    let finish = if cut { "length" } else { "stop" };
    let usage = json!({
        "prompt_tokens": prompt_words(&request),
        "completion_tokens": text.split_whitespace().count(),
        "total_tokens": prompt_words(&request) + text.split_whitespace().count(),
    });
    let json_reply = |content: Value, choices: Option<Value>| {
        let choices = choices.unwrap_or_else(|| {
            json!([{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": finish}])
        });
        json!({"id": "chatcmpl-test", "object": "chat.completion", "created": 1_700_000_000,
               "model": model, "choices": choices, "usage": usage})
        .to_string()
    };
    let streaming = request["stream"].as_bool().unwrap_or(false);
    match fault {
        Fault::None if streaming => {
            let with_usage = request["stream_options"]["include_usage"].as_bool() == Some(true);
            let usage = with_usage.then(|| usage.clone());
            stream_answer(stream, state, &model, &text, finish, usage, StreamEnd::Done).await
        }
        Fault::None => send_json(stream, 200, &[], &json_reply(Value::String(text), None)).await,
        Fault::Status {
            code,
            error_code,
            message,
            retry_after,
            retry_after_ms,
            should_retry,
        } => {
            let mut headers = Vec::new();
            if let Some(v) = should_retry {
                headers.push(("x-should-retry".to_string(), v.to_string()));
            }
            if let Some(v) = retry_after {
                headers.push(("retry-after".to_string(), v));
            }
            if let Some(ms) = retry_after_ms {
                headers.push(("retry-after-ms".to_string(), ms.to_string()));
            }
            let body = error_body(&message, error_code.as_deref()).to_string();
            send_json(stream, code, &headers, &body).await
        }
        Fault::EchoKey401 => {
            let sent = req
                .header("authorization")
                .or(req.header("api-key"))
                .unwrap_or("");
            let key = sent.trim_start_matches("Bearer ");
            let body = error_body(
                &format!("Incorrect API key provided: {key}."),
                Some("invalid_api_key"),
            );
            send_json(stream, 401, &[], &body.to_string()).await
        }
        Fault::MalformedJson => {
            let body = json_reply(Value::String(text), None);
            send_json(stream, 200, &[], &body[..body.len() / 2]).await
        }
        Fault::Html { status } => {
            let body = format!("<html><head><title>{status} Bad Gateway</title></head><body><center><h1>{status} Bad Gateway</h1></center><hr><center>nginx</center></body></html>");
            http::write_response(stream, status, "text/html", &[], body.as_bytes()).await?;
            Ok(After::KeepAlive)
        }
        Fault::EmptyChoices => {
            send_json(stream, 200, &[], &json_reply(Value::Null, Some(json!([])))).await
        }
        Fault::NullContent => send_json(stream, 200, &[], &json_reply(Value::Null, None)).await,
        Fault::ErrorChunk { after_words } => {
            stream_answer(
                stream,
                state,
                &model,
                &text,
                finish,
                None,
                StreamEnd::Error(after_words),
            )
            .await
        }
        Fault::CutStream { after_words } => {
            stream_answer(
                stream,
                state,
                &model,
                &text,
                finish,
                None,
                StreamEnd::Cut(after_words),
            )
            .await
        }
        Fault::MissingDone => {
            stream_answer(
                stream,
                state,
                &model,
                &text,
                finish,
                None,
                StreamEnd::NoDone,
            )
            .await
        }
        Fault::EndWithoutFinish { after_words } => {
            stream_answer(
                stream,
                state,
                &model,
                &text,
                finish,
                None,
                StreamEnd::Clean(after_words),
            )
            .await
        }
        Fault::Hang => std::future::pending().await,
        Fault::Trickle { gap } => {
            let (content_type, body) = if streaming {
                let events: String = stream_pieces(&text)
                    .into_iter()
                    .map(|piece| {
                        let v = json!({"model": model, "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": null}]});
                        format!("data: {v}\n\n")
                    })
                    .collect();
                let last = json!({"model": model, "choices": [{"index": 0, "delta": {}, "finish_reason": finish}]});
                let body = format!("{events}data: {last}\n\ndata: [DONE]\n\n");
                ("text/event-stream", body)
            } else {
                ("application/json", json_reply(Value::String(text), None))
            };
            http::write_trickled(stream, content_type, body.as_bytes(), 10, gap).await?;
            Ok(After::KeepAlive)
        }
        Fault::JsonAnswer => {
            send_json(stream, 200, &[], &json_reply(Value::String(text), None)).await
        }
        Fault::EchoKeyInPage { at } => {
            let sent = req
                .header("authorization")
                .or(req.header("api-key"))
                .unwrap_or("");
            let key = sent.trim_start_matches("Bearer ");
            let head = "<html><body>upstream error: ";
            let filler = "x".repeat(at.saturating_sub(head.len()));
            let body = format!("{head}{filler}{key} rejected</body></html>");
            http::write_response(stream, 502, "text/html", &[], body.as_bytes()).await?;
            Ok(After::KeepAlive)
        }
        Fault::HugeUsage => {
            let body = json!({"id": "chatcmpl-test", "object": "chat.completion", "created": 1_700_000_000,
                "model": model,
                "choices": [{"index": 0, "message": {"role": "assistant", "content": text}, "finish_reason": finish}],
                "usage": {"prompt_tokens": u64::MAX, "completion_tokens": u64::MAX, "total_tokens": u64::MAX}});
            send_json(stream, 200, &[], &body.to_string()).await
        }
    }
}

async fn send_json(
    stream: &mut TcpStream,
    status: u16,
    headers: &[(String, String)],
    body: &str,
) -> io::Result<After> {
    http::write_response(stream, status, "application/json", headers, body.as_bytes()).await?;
    Ok(After::KeepAlive)
}

enum StreamEnd {
    /// Finish chunk, optional usage chunk, `[DONE]`.
    Done,
    /// An error event after this many words.
    Error(usize),
    /// Drop the connection after this many words.
    Cut(usize),
    /// Everything but `[DONE]`.
    NoDone,
    /// End the body cleanly after this many words: no finish chunk, no `[DONE]`.
    Clean(usize),
}

async fn stream_answer(
    stream: &mut TcpStream,
    state: &State,
    model: &str,
    text: &str,
    finish: &str,
    usage: Option<Value>,
    end: StreamEnd,
) -> io::Result<After> {
    let chunk = |delta: Value, finish: Value| {
        let v = json!({"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1_700_000_000,
                       "model": model, "choices": [{"index": 0, "delta": delta, "finish_reason": finish}]});
        format!("data: {v}\n\n")
    };
    http::start_event_stream(stream).await?;
    http::write_chunk(
        stream,
        chunk(json!({"role": "assistant", "content": ""}), Value::Null).as_bytes(),
    )
    .await?;
    let stop_after = match end {
        StreamEnd::Error(n) | StreamEnd::Cut(n) | StreamEnd::Clean(n) => n,
        _ => usize::MAX,
    };
    for (i, piece) in stream_pieces(text).into_iter().enumerate() {
        if i == stop_after {
            break;
        }
        if !state.config.chunk_delay.is_zero() {
            tokio::time::sleep(state.config.chunk_delay).await;
        }
        http::write_chunk(
            stream,
            chunk(json!({"content": piece}), Value::Null).as_bytes(),
        )
        .await?;
    }
    match end {
        StreamEnd::Cut(_) => return Ok(After::Close),
        StreamEnd::Clean(_) => {}
        StreamEnd::Error(_) => {
            let err = json!({"error": {"message": "The server had an error while processing your request.", "type": "server_error", "code": null}});
            http::write_chunk(stream, format!("data: {err}\n\n").as_bytes()).await?;
        }
        StreamEnd::Done | StreamEnd::NoDone => {
            http::write_chunk(
                stream,
                chunk(json!({}), Value::String(finish.to_string())).as_bytes(),
            )
            .await?;
            if let Some(usage) = usage {
                let v = json!({"id": "chatcmpl-test", "object": "chat.completion.chunk", "created": 1_700_000_000,
                               "model": model, "choices": [], "usage": usage});
                http::write_chunk(stream, format!("data: {v}\n\n").as_bytes()).await?;
            }
            if matches!(end, StreamEnd::Done) {
                http::write_chunk(stream, b"data: [DONE]\n\n").await?;
            }
        }
    }
    http::end_chunks(stream).await?;
    Ok(After::KeepAlive)
}
