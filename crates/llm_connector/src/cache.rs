//! Response cache (`LLM_CACHE=on|replay`): one JSON file per request under
//! `LLM_CACHE_DIR`, named by a hash of the messages and options, holding the
//! answers recorded for it by provider and model.
//!
//! Why per request and not per (provider, model): an instructor records real
//! answers with a key; a student or CI without a key has no provider to match,
//! yet should replay them. `on` reuses only an answer of the same provider and
//! model; `replay` prefers one, else takes any recorded answer for the request,
//! and the `Completion` says which model recorded it.
//!
//! Files are written to a temporary name and renamed (atomic on one file
//! system), under an exclusive lock on [`LOCK_FILE`] so two writers (two
//! connectors, two kernels) never lose each other's answers; unreadable files are
//! skipped with a warning on stdout. Requests carry no key, so none is ever
//! written. Every method does blocking file I/O: callers run it off the runtime.

use crate::provider::openai::ChatRequest;
use crate::types::{Completion, Message, Provider, Role, Usage};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Bumped if the file layout changes; other versions are skipped, not misread.
const FORMAT: u32 = 1;

/// The lock file in the cache folder that writers hold while they read, merge and replace an entry.
pub(crate) const LOCK_FILE: &str = ".llm_cache.lock";

/// The part of a request that decides the answer (the model is in the entry).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
struct RequestKey {
    messages: Vec<Message>,
    temperature: Option<f32>,
    max_tokens: Option<u32>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct Entry {
    provider: Provider,
    /// The model the request named (what `on` matches).
    requested_model: String,
    /// The model the server reported.
    model: String,
    content: String,
    finish_reason: Option<String>,
    usage: Option<Usage>,
    /// Seconds since 1970, for people reading the files.
    recorded_at: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
struct CacheFile {
    format: u32,
    request: RequestKey,
    answers: Vec<Entry>,
}

/// The outcome of a lookup.
pub(crate) enum Lookup {
    Hit(Completion),
    Miss,
}

pub(crate) struct Cache {
    dir: PathBuf,
    warnings: std::sync::Mutex<Vec<String>>,
}

impl Cache {
    pub fn new(dir: PathBuf) -> Cache {
        Cache {
            dir,
            warnings: Default::default(),
        }
    }

    /// Problems met so far (unreadable files), oldest first.
    pub fn warnings(&self) -> Vec<String> {
        self.warnings.lock().map(|w| w.clone()).unwrap_or_default()
    }

    fn warn(&self, message: String) {
        // stdout: a notebook flags a cell that writes to stderr as failing.
        println!("⚠️ llm_connector: {message}");
        if let Ok(mut w) = self.warnings.lock() {
            w.push(message);
        }
    }

    fn path_for(&self, key: &RequestKey) -> PathBuf {
        let canonical = serde_json::to_vec(key).unwrap_or_default();
        let a = fnv1a(&canonical, 0xcbf2_9ce4_8422_2325);
        let b = fnv1a(&canonical, 0x6c62_272e_07bb_0142);
        self.dir.join(format!("{a:016x}{b:016x}.json"))
    }

    /// Reads a cache file; problems are reported when `report` (a lookup has
    /// already reported them by the time the same file is rewritten).
    fn read(&self, path: &Path, report: bool) -> Option<CacheFile> {
        let warn = |message: String| {
            if report {
                self.warn(message)
            }
        };
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return None,
            Err(e) => {
                warn(format!("skipping cache file {}: {e}", path.display()));
                return None;
            }
        };
        match serde_json::from_slice::<CacheFile>(&bytes) {
            Ok(file) if file.format == FORMAT => Some(file),
            Ok(file) => {
                warn(format!(
                    "skipping cache file {} (format {}, expected {FORMAT})",
                    path.display(),
                    file.format
                ));
                None
            }
            Err(e) => {
                warn(format!("skipping corrupt cache file {} ({e}); it will be replaced when this request is recorded again", path.display()));
                None
            }
        }
    }

    /// Finds a recorded answer. `any_model` (replay) accepts an answer recorded
    /// by another provider or model when none matches exactly.
    pub fn lookup(&self, provider: Provider, request: &ChatRequest, any_model: bool) -> Lookup {
        let key = key_of(request);
        let Some(file) = self.read(&self.path_for(&key), true) else {
            return Lookup::Miss;
        };
        if file.request != key {
            return Lookup::Miss; // a hash collision: treat as never recorded
        }
        let exact = file
            .answers
            .iter()
            .find(|e| e.provider == provider && e.requested_model == request.model);
        let fallback = || {
            // Prefer a real model's answer over the offline model's, then the newest:
            // `store` appends, and `max_by_key` returns the last of equal keys.
            file.answers
                .iter()
                .max_by_key(|e| e.provider != Provider::Offline)
        };
        let entry = match exact {
            Some(e) => e,
            None if any_model => match fallback() {
                Some(e) => e,
                None => return Lookup::Miss,
            },
            None => return Lookup::Miss,
        };
        Lookup::Hit(Completion {
            content: entry.content.clone(),
            model: entry.model.clone(),
            provider: entry.provider,
            finish_reason: entry.finish_reason.clone(),
            usage: entry.usage,
            latency: Duration::ZERO,
            from_cache: true,
        })
    }

    /// Records `answer` for `request`, replacing an older answer of the same
    /// provider and model.
    pub fn store(&self, request: &ChatRequest, answer: &Completion) {
        let key = key_of(request);
        let path = self.path_for(&key);
        let _lock = match self.lock() {
            Ok(lock) => lock,
            Err(e) => {
                return self.warn(format!(
                    "could not lock the cache folder {}: {e}; answer not stored",
                    self.dir.display()
                ))
            }
        };
        let mut file = match self.read(&path, false) {
            Some(f) if f.request == key => f,
            _ => CacheFile {
                format: FORMAT,
                request: key,
                answers: Vec::new(),
            },
        };
        file.answers
            .retain(|e| !(e.provider == answer.provider && e.requested_model == request.model));
        file.answers.push(Entry {
            provider: answer.provider,
            requested_model: request.model.clone(),
            model: answer.model.clone(),
            content: answer.content.clone(),
            finish_reason: answer.finish_reason.clone(),
            usage: answer.usage,
            recorded_at: SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_secs()),
        });
        if let Err(e) = write_atomically(&path, &file) {
            self.warn(format!(
                "could not write cache file {}: {e}",
                path.display()
            ));
        }
    }
}

impl Cache {
    /// Holds the folder's write lock until the returned file is dropped.
    fn lock(&self) -> std::io::Result<std::fs::File> {
        std::fs::create_dir_all(&self.dir)?;
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(self.dir.join(LOCK_FILE))?;
        file.lock()?;
        Ok(file)
    }
}

fn key_of(request: &ChatRequest) -> RequestKey {
    RequestKey {
        messages: request.messages.clone(),
        temperature: request.temperature,
        max_tokens: request.max_tokens,
    }
}

/// The prompt a replay miss names: the last user message.
pub(crate) fn prompt_of(request: &ChatRequest) -> String {
    request
        .messages
        .iter()
        .rev()
        .find(|m| m.role == Role::User)
        .map(|m| m.content.clone())
        .unwrap_or_default()
}

fn write_atomically(path: &Path, file: &CacheFile) -> std::io::Result<()> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let tmp = dir.join(format!(
        ".{}.{}.{}.tmp",
        path.file_name().and_then(|n| n.to_str()).unwrap_or("entry"),
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed)
    ));
    let mut bytes = serde_json::to_vec_pretty(file).map_err(std::io::Error::other)?;
    bytes.push(b'\n');
    std::fs::write(&tmp, &bytes)?;
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}

/// FNV-1a, 64 bits: stable across platforms and versions, unlike `DefaultHasher`.
fn fnv1a(bytes: &[u8], basis: u64) -> u64 {
    bytes.iter().fold(basis, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

#[cfg(test)]
mod tests;
