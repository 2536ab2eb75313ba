//! Property tests: whatever bytes a server sends, the SSE parser and the
//! decoders return values or errors, never panic; how a stream is split into
//! chunks never changes what is parsed, and the parser agrees with a simple
//! reference model; a key placed anywhere in server text never survives; any
//! `Retry-After` gives no wait or a bounded one.

use crate::error::{scrub, snippet};
use crate::provider::openai::{decode_chunk, decode_completion, error_details};
use crate::retry::retry_after;
use crate::sse::SseParser;
use proptest::prelude::*;

fn parse_all(chunks: &[&[u8]]) -> Vec<String> {
    let mut parser = SseParser::default();
    chunks.iter().flat_map(|c| parser.push(c)).collect()
}

/// Byte soup biased towards SSE syntax so the interesting paths are hit.
fn sse_like() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        Just(b"data: ".to_vec()),
        Just(b"data:".to_vec()),
        Just(b"\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\r".to_vec()),
        Just(b": comment".to_vec()),
        Just(b"[DONE]".to_vec()),
        Just("é€😀".as_bytes().to_vec()),
        Just(br#"{"choices":[{"delta":{"content":"x"}}]}"#.to_vec()),
        proptest::collection::vec(any::<u8>(), 0..8),
    ];
    proptest::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #[test]
    fn sse_parser_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = parse_all(&[&bytes]);
    }

    #[test]
    fn sse_split_points_do_not_matter(bytes in sse_like(), cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..6)) {
        let whole = parse_all(&[&bytes]);
        let mut points: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        points.sort_unstable();
        let mut chunks = Vec::new();
        let mut start = 0;
        for p in points {
            chunks.push(&bytes[start..p]);
            start = p;
        }
        chunks.push(&bytes[start..]);
        prop_assert_eq!(parse_all(&chunks), whole);
    }

    #[test]
    fn decoders_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        let _ = decode_completion(&bytes, Some("secret"));
        let _ = error_details(&bytes, Some("secret"));
        let _ = decode_chunk(&String::from_utf8_lossy(&bytes), Some("secret"));
    }

    #[test]
    fn decoders_never_panic_on_json_shaped_input(value in json_value(3)) {
        let text = value.to_string();
        let _ = decode_completion(text.as_bytes(), None);
        let _ = decode_chunk(&text, None);
        let wrapped = serde_json::json!({"choices": [value.clone()], "usage": value.clone(), "error": value});
        let _ = decode_completion(wrapped.to_string().as_bytes(), None);
        let _ = decode_chunk(&wrapped.to_string(), None);
    }
}

/// Arbitrary JSON using the field names the decoders look for.
fn json_value(depth: u32) -> impl Strategy<Value = serde_json::Value> {
    use serde_json::Value;
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "[a-z ]{0,8}".prop_map(Value::String),
    ];
    leaf.prop_recursive(depth, 64, 6, |inner| {
        let key = prop_oneof![
            Just("choices"),
            Just("message"),
            Just("delta"),
            Just("content"),
            Just("finish_reason"),
            Just("usage"),
            Just("prompt_tokens"),
            Just("error"),
            Just("refusal"),
            Just("model"),
            Just("code"),
        ];
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            proptest::collection::vec((key, inner), 0..5).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
            }),
        ]
    })
}

/// The SSE subset as the spec describes it, written the obvious way over the
/// whole input at once: normalise line ends, split into lines, and dispatch
/// `data` on blank lines. An unterminated last line is not yet a line.
fn reference_sse(bytes: &[u8]) -> Vec<String> {
    let mut normalised = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match (bytes[i], bytes.get(i + 1)) {
            (b'\r', Some(b'\n')) => {
                normalised.push(b'\n');
                i += 2;
            }
            (b'\r', _) => {
                normalised.push(b'\n');
                i += 1;
            }
            (b, _) => {
                normalised.push(b);
                i += 1;
            }
        }
    }
    let mut lines: Vec<&[u8]> = normalised.split(|&b| b == b'\n').collect();
    lines.pop(); // the text after the last line end is incomplete
    let mut events = Vec::new();
    let mut data: Option<String> = None;
    for line in lines {
        let line = String::from_utf8_lossy(line);
        if line.is_empty() {
            events.extend(data.take());
        } else if line.starts_with(':') {
            continue;
        } else {
            let (field, value) = match line.find(':') {
                Some(at) => {
                    let value = &line[at + 1..];
                    (&line[..at], value.strip_prefix(' ').unwrap_or(value))
                }
                None => (&line[..], ""),
            };
            if field == "data" {
                data = Some(match data.take() {
                    Some(before) => format!("{before}\n{value}"),
                    None => value.to_string(),
                });
            }
        }
    }
    events
}

/// Text a server might send, with `key` placed somewhere inside: at the start,
/// the end, a truncation boundary, inside JSON, after `Bearer `.
fn text_with_key() -> impl Strategy<Value = (String, String, String)> {
    let key = "[A-Za-z0-9_-]{8,48}";
    let filler = proptest::collection::vec(
        prop_oneof![
            "[ -~]{0,40}",
            Just("\n\t  ".to_string()),
            Just("é€😀".to_string()),
            Just("x".repeat(190)),
            Just("Bearer ".to_string()),
            Just("{\"error\":{\"message\":\"".to_string()),
            Just("\"}}".to_string()),
        ],
        0..6,
    )
    .prop_map(|v| v.concat());
    (filler.clone(), key, filler)
}

proptest! {
    #[test]
    fn sse_parser_matches_the_reference_model(bytes in sse_like(), cuts in proptest::collection::vec(any::<prop::sample::Index>(), 0..4)) {
        let expected = reference_sse(&bytes);
        let mut points: Vec<usize> = cuts.iter().map(|i| i.index(bytes.len() + 1)).collect();
        points.sort_unstable();
        let mut chunks = Vec::new();
        let mut start = 0;
        for p in points {
            chunks.push(&bytes[start..p]);
            start = p;
        }
        chunks.push(&bytes[start..]);
        prop_assert_eq!(parse_all(&chunks), expected);
    }

    #[test]
    fn a_key_placed_anywhere_never_survives((before, key, after) in text_with_key()) {
        let text = format!("{before}{key}{after}");
        let secret = Some(key.as_str());
        // Not even its first characters (a key cut at a truncation boundary), unless
        // the surrounding text happens to hold them too.
        let prefix = &key[..6];
        let prefix_elsewhere = before.contains(prefix) || after.contains(prefix);
        let outputs = [
            scrub(&text, secret),
            snippet(text.as_bytes(), secret),
            error_details(text.as_bytes(), secret).0,
            format!("{:?}", decode_completion(text.as_bytes(), secret)),
            format!("{:?}", decode_chunk(&text, secret)),
            error_details(serde_json::json!({"error": {"message": text}}).to_string().as_bytes(), secret).0,
            format!("{:?}", decode_completion(serde_json::json!({"error": text}).to_string().as_bytes(), secret)),
        ];
        for out in outputs {
            prop_assert!(!out.contains(&key), "key survived in {:?}", out);
            prop_assert!(prefix_elsewhere || !out.contains(prefix), "key prefix survived in {:?}", out);
        }
    }

    #[test]
    fn retry_after_is_none_or_a_bounded_positive_wait(
        value in prop_oneof![
            any::<f64>().prop_map(|f| f.to_string()),
            any::<i64>().prop_map(|i| i.to_string()),
            "[ -~]{0,40}",
            (0u32..7, 1i64..40, 0usize..12, -5i64..100_000, 0i64..30, 0i64..70, 0i64..70).prop_map(|(d, day, m, y, h, mi, s)| {
                const DAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
                const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
                format!("{}, {day:02} {} {y} {h:02}:{mi:02}:{s:02} GMT", DAYS[d as usize], MONTHS[m])
            }),
        ],
        as_ms in any::<bool>(),
    ) {
        let mut headers = reqwest::header::HeaderMap::new();
        if let Ok(v) = reqwest::header::HeaderValue::from_str(&value) {
            headers.insert(if as_ms { "retry-after-ms" } else { "retry-after" }, v);
        }
        if let Some(wait) = retry_after(&headers) {
            prop_assert!(!wait.is_zero() && wait <= crate::config::MAX_RETRY_AFTER, "{value:?} -> {wait:?}");
        }
    }
}
