//! Concurrent writers, with real files.
use super::*;
use crate::types::Message;

fn answer(model: &str) -> Completion {
    Completion {
        content: format!("answer of {model}"),
        model: model.to_string(),
        provider: Provider::OpenAICompatible,
        finish_reason: Some("stop".into()),
        usage: None,
        latency: Duration::ZERO,
        from_cache: false,
    }
}

/// Writers in separate `Cache` values (as in two kernels) storing answers of
/// different models for one request: every answer must survive.
#[test]
fn concurrent_writers_keep_every_answer() {
    let dir = std::env::temp_dir().join(format!("llm_cache_writers_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    const WRITERS: usize = 8;
    for round in 0..10 {
        let request = ChatRequest {
            messages: vec![Message::user(format!("round {round}"))],
            model: String::new(),
            temperature: None,
            max_tokens: None,
        };
        let threads: Vec<_> = (0..WRITERS)
            .map(|i| {
                let (dir, mut request) = (dir.clone(), request.clone());
                std::thread::spawn(move || {
                    request.model = format!("model-{i}");
                    Cache::new(dir).store(&request, &answer(&request.model));
                })
            })
            .collect();
        for t in threads {
            t.join().unwrap();
        }
        let cache = Cache::new(dir.clone());
        let file = cache
            .read(&cache.path_for(&key_of(&request)), true)
            .unwrap();
        assert_eq!(file.answers.len(), WRITERS, "round {round}");
        assert!(cache.warnings().is_empty());
    }
    let _ = std::fs::remove_dir_all(&dir);
}
