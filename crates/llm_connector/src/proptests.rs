//! Property tests: whatever bytes a server sends, the SSE parser and the
//! decoders return values or errors, never panic; and how a stream is split
//! into chunks never changes what is parsed.

use crate::provider::openai::{decode_chunk, decode_completion, error_details};
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
