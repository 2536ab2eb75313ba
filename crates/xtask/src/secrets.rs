//! API keys that must never show up in a notebook's outputs: the ones configured on this machine,
//! and anything shaped like an OpenAI key.

use crate::paths::Paths;
use std::path::PathBuf;

/// The variables llm_connector reads keys from (see .env.example).
pub const KEY_VARS: [&str; 2] = ["OPENAI_API_KEY", "AZURE_OPENAI_API_KEY"];

/// Values this short are placeholders ("x", "none"); searching for them would flag ordinary text.
const MIN_KEY_LEN: usize = 8;

/// The length of the random part after `sk-` from which a string counts as a real-looking key.
const SHAPED_KEY_MIN_TAIL: usize = 20;

/// Configured keys, each with the variable it came from. `Debug` names the variables only.
pub struct Secrets {
    keys: Vec<(String, String)>,
}

impl std::fmt::Debug for Secrets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names: Vec<&str> = self.keys.iter().map(|(var, _)| var.as_str()).collect();
        f.debug_struct("Secrets")
            .field("keys_from", &names)
            .finish()
    }
}

impl Secrets {
    /// `(variable, value)` pairs; short placeholder values are dropped.
    pub fn new(keys: Vec<(String, String)>) -> Secrets {
        let keys = keys
            .into_iter()
            .filter(|(_, value)| value.trim().len() >= MIN_KEY_LEN)
            .collect();
        Secrets { keys }
    }

    /// Keys from the process environment and from every `.env` a notebook kernel of this
    /// checkout could read: llm_connector reads the nearest `.env` from the kernel's working
    /// directory upwards, and kernels run in notebooks/ and in the fixtures' folder, so every
    /// `.env` from those folders up to the file system's root counts.
    pub fn configured(paths: &Paths) -> Secrets {
        let mut keys = Vec::new();
        for var in KEY_VARS {
            if let Ok(value) = std::env::var(var) {
                keys.push((var.to_string(), value));
            }
        }
        let kernel_dirs = [
            paths.notebooks(),
            paths.root.join("crates/xtask/fixtures/notebooks"),
        ];
        for dotenv in dotenv_files(&kernel_dirs) {
            let label = dotenv
                .strip_prefix(&paths.root)
                .unwrap_or(&dotenv)
                .display()
                .to_string();
            if let Ok(entries) = dotenvy::from_path_iter(&dotenv) {
                for (var, value) in entries.flatten() {
                    if KEY_VARS.contains(&var.as_str()) {
                        keys.push((format!("{var} in {label}"), value));
                    }
                }
            }
        }
        Secrets::new(keys)
    }

    /// Where the configured keys came from (variable names, never values).
    pub fn sources(&self) -> Vec<&str> {
        self.keys.iter().map(|(var, _)| var.as_str()).collect()
    }

    /// Why `text` leaks a key, or None. The answer never contains the key itself.
    pub fn leak_in(&self, text: &str) -> Option<String> {
        if let Some((var, _)) = self.keys.iter().find(|(_, key)| text.contains(key.trim())) {
            return Some(format!("contains the configured API key ({var})"));
        }
        key_shaped(text)
            .map(|len| format!("contains a string shaped like an API key (sk-…, {len} characters)"))
    }
}

/// Every `.env` file in `dirs` and their ancestors, each once, nearest first.
pub fn dotenv_files(dirs: &[PathBuf]) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = Vec::new();
    for dir in dirs {
        for candidate in dir.ancestors().map(|d| d.join(".env")) {
            if candidate.is_file() && !found.contains(&candidate) {
                found.push(candidate);
            }
        }
    }
    found
}

/// The length of the first `sk-` token followed by at least 20 key characters, if any.
pub fn key_shaped(text: &str) -> Option<usize> {
    let is_key_char = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(offset) = text[from..].find("sk-") {
        let start = from + offset;
        let preceded_by_key_char = start > 0 && is_key_char(bytes[start - 1]);
        let tail = bytes[start + 3..]
            .iter()
            .take_while(|&&b| is_key_char(b))
            .count();
        if !preceded_by_key_char && tail >= SHAPED_KEY_MIN_TAIL {
            return Some(3 + tail);
        }
        from = start + 3;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_configured_key_without_repeating_it() {
        let secrets = Secrets::new(vec![(
            "OPENAI_API_KEY".into(),
            "abc123-secret-value".into(),
        )]);
        let reason = secrets.leak_in("header: abc123-secret-value\n").unwrap();
        assert!(reason.contains("OPENAI_API_KEY"));
        assert!(!reason.contains("abc123"));
        assert_eq!(secrets.leak_in("nothing to see"), None);
    }

    #[test]
    fn ignores_placeholder_values() {
        let secrets = Secrets::new(vec![("OPENAI_API_KEY".into(), "x".into())]);
        assert!(secrets.sources().is_empty());
        assert_eq!(secrets.leak_in("x marks the spot"), None);
    }

    #[test]
    fn key_shape_needs_a_long_tail_and_a_word_boundary() {
        assert_eq!(
            key_shaped(concat!("key sk-", "proj-ABCDEFGHIJKLMNOPQRSTUV end")),
            Some(30)
        );
        assert_eq!(key_shaped("sk-short"), None);
        assert_eq!(
            key_shaped(concat!("risk-", "assessment-of-the-training-data")),
            None
        );
        assert_eq!(
            key_shaped(concat!("task-sk-", "ABCDEFGHIJKLMNOPQRSTUVWX")),
            None
        );
        assert_eq!(key_shaped("set OPENAI_API_KEY=sk-... in .env"), None);
    }

    #[test]
    fn reads_the_key_of_every_env_file_a_kernel_could_read() {
        let root = std::env::temp_dir().join(format!("xtask-secrets-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("notebooks")).unwrap();
        std::fs::write(root.join(".env"), "OPENAI_API_KEY=root-key-0123456789\n").unwrap();
        std::fs::write(
            root.join("notebooks/.env"),
            "AZURE_OPENAI_API_KEY=notebooks-key-0123456789\nOPENAI_MODEL=gpt-4o\n",
        )
        .unwrap();
        let paths = Paths { root: root.clone() };
        let secrets = Secrets::configured(&paths);
        let sources = secrets.sources();
        assert!(sources.contains(&"OPENAI_API_KEY in .env"), "{sources:?}");
        assert!(
            sources.contains(&"AZURE_OPENAI_API_KEY in notebooks/.env"),
            "{sources:?}"
        );
        assert!(secrets.leak_in("x notebooks-key-0123456789 y").is_some());
        assert!(secrets.leak_in("x root-key-0123456789 y").is_some());
        let _ = std::fs::remove_dir_all(root);
    }

    #[test]
    fn debug_names_variables_only() {
        let secrets = Secrets::new(vec![(
            "OPENAI_API_KEY".into(),
            "abc123-secret-value".into(),
        )]);
        let debug = format!("{secrets:?}");
        assert!(debug.contains("OPENAI_API_KEY") && !debug.contains("abc123"));
    }
}
