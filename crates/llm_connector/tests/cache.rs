//! Response cache: record with `on`, replay with no network, misses, corrupt
//! files, and no key on disk.

mod common;

use common::{builder_for, temp_dir, unreachable_url};
use llm_connector::{CacheMode, LLMConnector, LlmError, Message, Provider};
use llm_test_server::TestServer;
use std::path::Path;

fn all_cache_bytes(dir: &Path) -> Vec<u8> {
    let mut bytes = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        bytes.extend(std::fs::read(entry.unwrap().path()).unwrap());
    }
    bytes
}

/// The one answer file in `dir` (not the writers' lock file).
fn entry_file(dir: &Path) -> std::path::PathBuf {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .unwrap()
}

#[test]
fn record_then_replay_without_network() {
    let dir = temp_dir("cache_replay");
    let server = TestServer::start().unwrap();
    let recorder = builder_for(&server)
        .cache(CacheMode::On)
        .cache_dir(&dir)
        .build();
    let recorded = recorder.get_completion("What is fine-tuning?").unwrap();
    assert!(!recorded.from_cache);
    let again = recorder.get_completion("What is fine-tuning?").unwrap();
    assert!(again.from_cache);
    assert_eq!(again.content, recorded.content);
    assert_eq!(
        server.chat_request_count(),
        1,
        "the second answer came from disk"
    );
    assert_eq!(recorder.usage().cached_answers, 1);
    drop(server);

    // Same provider and model, server gone.
    let replayer = LLMConnector::builder()
        .ignore_environment()
        .base_url(unreachable_url())
        .model("test-model")
        .cache(CacheMode::Replay)
        .cache_dir(&dir)
        .skip_check()
        .build();
    let replayed = replayer.get_completion("What is fine-tuning?").unwrap();
    assert_eq!(replayed.content, recorded.content);
    assert!(replayed.from_cache);

    // A student with no key at all (offline provider) sees the recorded answer, labelled.
    let student = LLMConnector::builder()
        .ignore_environment()
        .cache(CacheMode::Replay)
        .cache_dir(&dir)
        .skip_check()
        .build();
    assert_eq!(student.provider(), Provider::Offline);
    let seen = student.get_completion("What is fine-tuning?").unwrap();
    assert_eq!(seen.content, recorded.content);
    assert_eq!(seen.provider, Provider::OpenAICompatible);
    assert_eq!(seen.model, "test-model");
    let mut streamed = String::new();
    student
        .stream_chat(&[Message::user("What is fine-tuning?")], |t| {
            streamed.push_str(t)
        })
        .unwrap();
    assert_eq!(streamed, recorded.content);
}

#[test]
fn replay_miss_names_the_prompt_and_sends_nothing() {
    let dir = temp_dir("cache_miss");
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server)
        .cache(CacheMode::Replay)
        .cache_dir(&dir)
        .build();
    let err = connector
        .get_completion("Never recorded question")
        .unwrap_err();
    assert_eq!(
        err,
        LlmError::CacheMiss {
            prompt: "Never recorded question".into()
        }
    );
    assert!(err.to_string().contains("\"Never recorded question\""));
    assert!(err.to_string().contains("LLM_CACHE=on"));
    // Neither the call nor the configuration check touched the server.
    let lines = connector.check_configuration();
    assert!(
        lines.iter().any(|l| l.contains("never uses the network")),
        "{lines:?}"
    );
    assert_eq!(server.request_count(), 0);
}

#[test]
fn options_are_part_of_the_key() {
    let dir = temp_dir("cache_options");
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server)
        .cache(CacheMode::On)
        .cache_dir(&dir)
        .build();
    connector.get_completion("Same words").unwrap();
    connector
        .with_max_tokens(3)
        .get_completion("Same words")
        .unwrap();
    connector
        .with_model("other-model")
        .get_completion("Same words")
        .unwrap();
    connector
        .with_system_prompt("Be brief")
        .get_completion("Same words")
        .unwrap();
    assert_eq!(
        server.chat_request_count(),
        4,
        "each variant is a different request"
    );
    connector
        .with_max_tokens(3)
        .get_completion("Same words")
        .unwrap();
    assert_eq!(server.chat_request_count(), 4);
}

#[test]
fn corrupt_cache_file_is_skipped_with_a_warning() {
    let dir = temp_dir("cache_corrupt");
    let server = TestServer::start().unwrap();
    let connector = builder_for(&server)
        .cache(CacheMode::On)
        .cache_dir(&dir)
        .build();
    connector.get_completion("Fragile").unwrap();
    let file = entry_file(&dir);
    let text = std::fs::read(&file).unwrap();
    std::fs::write(&file, &text[..text.len() / 3]).unwrap();

    // Replay: a miss, not a crash, and a warning naming the file.
    let replayer = builder_for(&server)
        .cache(CacheMode::Replay)
        .cache_dir(&dir)
        .build();
    assert!(matches!(
        replayer.get_completion("Fragile"),
        Err(LlmError::CacheMiss { .. })
    ));
    let warnings = replayer.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].contains("corrupt cache file"), "{warnings:?}");

    // On: asks the model again and repairs the file.
    let answer = connector.get_completion("Fragile").unwrap();
    assert!(!answer.from_cache);
    assert_eq!(server.chat_request_count(), 2);
    assert_eq!(connector.warnings().len(), 1);
    assert!(replayer.get_completion("Fragile").unwrap().from_cache);
}

#[test]
fn the_key_is_never_written_to_the_cache() {
    let dir = temp_dir("cache_key");
    let key = concat!("sk-", "test-NeverOnDisk-0123456789abcdef");
    let server = TestServer::start().unwrap();
    let openai = builder_for(&server)
        .api_key(key)
        .cache(CacheMode::On)
        .cache_dir(&dir)
        .build();
    openai.get_completion("Keep my secret").unwrap();
    openai.stream_completion("Streamed and cached").unwrap();
    let azure = LLMConnector::builder()
        .ignore_environment()
        .azure(server.azure_endpoint(), "dep")
        .api_key(key)
        .cache(CacheMode::On)
        .cache_dir(&dir)
        .skip_check()
        .build();
    azure.get_completion("Keep my secret").unwrap();
    assert_eq!(server.chat_request_count(), 3);
    let bytes = all_cache_bytes(&dir);
    assert!(!bytes.is_empty());
    let needle = key.as_bytes();
    assert!(
        !bytes.windows(needle.len()).any(|w| w == needle),
        "key found in the cache"
    );
    assert!(!bytes.windows(11).any(|w| w == b"NeverOnDisk"));
    // Atomic writes leave no temporary files behind (the writers' lock file stays).
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().into_string().unwrap();
        let entry_file = name.ends_with(".json") && !name.starts_with('.');
        assert!(entry_file || name == ".llm_cache.lock", "{name}");
    }
}
