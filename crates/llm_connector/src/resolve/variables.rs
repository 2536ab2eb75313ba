//! The variables layer of the resolver: the process environment over one `.env`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The variables layer: the process environment over one `.env` file.
pub(crate) struct Variables {
    process: HashMap<String, String>,
    file: HashMap<String, String>,
    pub searched_from: Option<PathBuf>,
    pub dotenv_path: Option<PathBuf>,
    pub warnings: Vec<String>,
}

impl Variables {
    /// No variables at all (`ignore_environment()`).
    pub fn ignored() -> Variables {
        Variables {
            process: HashMap::new(),
            file: HashMap::new(),
            searched_from: None,
            dotenv_path: None,
            warnings: Vec::new(),
        }
    }

    /// `process` over the nearest `.env` found from `dir` upwards.
    pub fn load(dir: &Path, process: impl Fn(&str) -> Option<String>) -> Variables {
        let mut warnings = Vec::new();
        let dotenv_path = find_upwards(dir, ".env", false);
        let mut file = HashMap::new();
        if let Some(path) = &dotenv_path {
            match dotenvy::from_path_iter(path) {
                Ok(iter) => {
                    for (i, item) in iter.enumerate() {
                        match item {
                            Ok((k, v)) => {
                                file.insert(k, v);
                            }
                            // The line may hold a key: report its position only.
                            Err(_) => warnings.push(format!(
                                "skipped entry {} of {} (not NAME=value)",
                                i + 1,
                                path.display()
                            )),
                        }
                    }
                }
                Err(_) => warnings.push(format!("could not read {}", path.display())),
            }
        }
        // Read every variable now: the resolver must not see the process change under it.
        let snapshot = NAMES
            .iter()
            .filter_map(|&name| process(name).map(|v| (name.to_string(), v)))
            .collect();
        Variables {
            process: snapshot,
            file,
            searched_from: Some(dir.to_path_buf()),
            dotenv_path,
            warnings,
        }
    }

    /// A variable, trimmed; empty counts as unset.
    pub fn get(&self, name: &str) -> Option<String> {
        self.process
            .get(name)
            .or_else(|| self.file.get(name))
            .cloned()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }
}

/// Every variable the connector reads (documented in `.env.example`).
const NAMES: &[&str] = &[
    "LLM_PROVIDER",
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_MODEL",
    "AZURE_OPENAI_API_KEY",
    "AZURE_OPENAI_ENDPOINT",
    "AZURE_OPENAI_DEPLOYMENT",
    "OPENAI_API_VERSION",
    "LLM_TIMEOUT_SECS",
    "LLM_CONNECT_TIMEOUT_SECS",
    "LLM_IDLE_TIMEOUT_SECS",
    "LLM_MAX_RETRIES",
    "LLM_CACHE",
    "LLM_CACHE_DIR",
];

/// The nearest `name` in `dir` or its parents.
pub(crate) fn find_upwards(dir: &Path, name: &str, want_dir: bool) -> Option<PathBuf> {
    dir.ancestors()
        .map(|d| d.join(name))
        .find(|p| if want_dir { p.is_dir() } else { p.is_file() })
}
