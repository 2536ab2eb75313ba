//! The corpora shipped under `data/`, embedded so notebooks need no paths.
//!
//! Teaches: a model is only as good as the text it reads. Three kinds of text live here:
//! a general pre-training corpus (many topics of plain prose), small fine-tuning sets of
//! prompt/response pairs for three domains, and "planted" text with known problems for the
//! data pipeline ([`crate::data`]) to catch. Provenance and licences: `data/README.md`.
//!
//! Everything is compiled into the crate with `include_str!`, so `:dep tiny_lm` from any
//! folder works. [`load_dir`] and [`load_jsonl`] read a student's own files from disk.
//!
//! ```
//! use tiny_lm::corpus::{self, Domain};
//! let docs = corpus::general();
//! assert!(docs.len() >= 10);
//! let medical = corpus::finetune(Domain::Medical);
//! assert!(medical[0].prompt.ends_with('?'));
//! ```

use std::fmt;
use std::path::Path;

use crate::{Error, Result};

mod jsonl;

pub use jsonl::{parse_jsonl, parse_records, read_records, JsonValue, Record};

/// Lists files under one `data/` folder and embeds each one as `(name, text)`.
macro_rules! embed {
    ($dir:literal: $($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("../../../data/", $dir, "/", $name)))),*]
    };
}

/// The general pre-training corpus: one file per topic, paragraphs separated by blank lines.
/// A test checks this list against the files present in `data/general/`.
const GENERAL: &[(&str, &str)] = embed!("general":
    "a_cooking_food.txt",
    "a_everyday_inventions.txt",
    "a_gardening.txt",
    "a_geography_travel.txt",
    "a_human_body_health.txt",
    "a_natural_history.txt",
    "a_small_town_life.txt",
    "a_weather_seasons.txt",
    "b_astronomy.txt",
    "b_fables_stories.txt",
    "b_how_machines_learn.txt",
    "b_language_writing.txt",
    "b_money_markets.txt",
    "b_music.txt",
    "b_oceans_rivers.txt",
    "b_sports_games.txt",
);

const MEDICAL: &str = include_str!("../../../data/finetune/medical.jsonl");
const CODE: &str = include_str!("../../../data/finetune/code.jsonl");
const LEGAL: &str = include_str!("../../../data/finetune/legal.jsonl");

/// A simulated web scrape with planted duplicates, boilerplate, junk lines and personal data.
pub const WEB_SCRAPE: &str = include_str!("../../../data/planted/web_scrape.txt");
/// "The nurse said that she ..." sentences with a stereotyped pronoun 18 times out of 20.
pub const BIAS_SKEWED: &str = include_str!("../../../data/planted/bias_skewed.txt");
/// The same sentence pattern with "he" and "she" 10 times each for every profession.
pub const BIAS_BALANCED: &str = include_str!("../../../data/planted/bias_balanced.txt");

/// The professions used in [`BIAS_SKEWED`] and [`BIAS_BALANCED`], with the pronoun the skewed
/// file over-represents for each.
pub const BIAS_PROFESSIONS: &[(&str, &str)] = &[
    ("nurse", "she"),
    ("secretary", "she"),
    ("receptionist", "she"),
    ("librarian", "she"),
    ("engineer", "he"),
    ("pilot", "he"),
    ("mechanic", "he"),
    ("programmer", "he"),
];

/// The general corpus as `(file name, text)` pairs, in file-name order.
///
/// ```
/// let total: usize = tiny_lm::corpus::general().iter().map(|(_, t)| t.len()).sum();
/// assert!(total > 50_000);
/// ```
pub fn general() -> Vec<(&'static str, &'static str)> {
    GENERAL.to_vec()
}

/// The whole general corpus as one string, files separated by a blank line: what
/// pre-training reads.
///
/// ```
/// assert!(tiny_lm::corpus::general_text().contains("\n\n"));
/// ```
pub fn general_text() -> String {
    let parts: Vec<&str> = GENERAL.iter().map(|(_, text)| text.trim_end()).collect();
    parts.join("\n\n") + "\n"
}

/// The planted files as `(file name, text)` pairs: input for the data pipeline demo.
///
/// ```
/// let names: Vec<&str> = tiny_lm::corpus::planted().iter().map(|(n, _)| *n).collect();
/// assert!(names.contains(&"web_scrape.txt"));
/// ```
pub fn planted() -> Vec<(&'static str, &'static str)> {
    vec![
        ("web_scrape.txt", WEB_SCRAPE),
        ("bias_skewed.txt", BIAS_SKEWED),
        ("bias_balanced.txt", BIAS_BALANCED),
    ]
}

/// The three fine-tuning scenarios of the original notebook.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Domain {
    /// Medical questions with careful, general-knowledge answers (no dosing advice).
    Medical,
    /// Code generation (Python, Rust, JavaScript) and "what does this code do?".
    Code,
    /// Plain-English summaries of contract clauses and fictional court cases.
    Legal,
}

impl Domain {
    /// All domains, in the order the original notebook lists them.
    pub const ALL: [Domain; 3] = [Domain::Medical, Domain::Code, Domain::Legal];

    /// The data file's stem: `medical`, `code` or `legal`.
    pub fn name(self) -> &'static str {
        match self {
            Domain::Medical => "medical",
            Domain::Code => "code",
            Domain::Legal => "legal",
        }
    }

    fn jsonl(self) -> &'static str {
        match self {
            Domain::Medical => MEDICAL,
            Domain::Code => CODE,
            Domain::Legal => LEGAL,
        }
    }
}

impl fmt::Display for Domain {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// One supervised fine-tuning example: what the user asks and what the model should answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The instruction or question.
    pub prompt: String,
    /// The answer the model should learn to give.
    pub response: String,
}

impl Example {
    /// Builds an example; handy for students writing their own set (exercise 4).
    ///
    /// ```
    /// let ex = tiny_lm::corpus::Example::new("What is a fever?", "A rise in body temperature.");
    /// assert_eq!(ex.to_text(), "Q: What is a fever?\nA: A rise in body temperature.\n");
    /// ```
    pub fn new(prompt: impl Into<String>, response: impl Into<String>) -> Self {
        Example {
            prompt: prompt.into(),
            response: response.into(),
        }
    }

    /// The example as one training text, `Q: <prompt>\nA: <response>\n`, so a next-token model
    /// learns to continue `Q: ...\nA:` with an answer.
    pub fn to_text(&self) -> String {
        format!("Q: {}\nA: {}\n", self.prompt, self.response)
    }
}

/// The embedded fine-tuning set for `domain`.
///
/// ```
/// use tiny_lm::corpus::{finetune, Domain};
/// assert!(finetune(Domain::Legal).len() > 150);
/// ```
pub fn finetune(domain: Domain) -> Vec<Example> {
    // The embedded files are checked by this module's tests, so parsing cannot fail here.
    parse_jsonl(domain.jsonl()).unwrap_or_default()
}

/// Reads every `.txt` and `.md` file directly inside `dir` as `(file name, text)`, sorted by
/// name: the "collection" step for a student's own files.
///
/// ```
/// let dir = std::env::temp_dir().join("tiny_lm_doc_load_dir");
/// std::fs::create_dir_all(&dir).unwrap();
/// std::fs::write(dir.join("notes.txt"), "First paragraph.\n\nSecond one.").unwrap();
/// let files = tiny_lm::corpus::load_dir(&dir).unwrap();
/// assert_eq!(files[0].0, "notes.txt");
/// ```
pub fn load_dir(dir: impl AsRef<Path>) -> Result<Vec<(String, String)>> {
    let dir = dir.as_ref();
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
    let mut files = Vec::new();
    for entry in entries {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        let is_text = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("txt") | Some("md")
        );
        if !is_text || !path.is_file() {
            continue;
        }
        let bytes = std::fs::read(&path).map_err(|e| Error::io(&path, e))?;
        let text = String::from_utf8(bytes).map_err(|_| {
            Error::Corrupt(format!(
                "{} is not valid UTF-8; save it as UTF-8 text",
                path.display()
            ))
        })?;
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        files.push((name.into_owned(), text));
    }
    if files.is_empty() {
        return Err(Error::NotEnoughData(format!(
            "no .txt or .md files in {}; put some text files there first",
            dir.display()
        )));
    }
    files.sort();
    Ok(files)
}

/// Reads a JSON Lines file of `{"prompt": ..., "response": ...}` objects, one per line.
///
/// ```
/// let path = std::env::temp_dir().join("tiny_lm_doc_examples.jsonl");
/// std::fs::write(&path, "{\"prompt\": \"Hi?\", \"response\": \"Hello.\"}\n").unwrap();
/// let examples = tiny_lm::corpus::load_jsonl(&path).unwrap();
/// assert_eq!(examples[0].response, "Hello.");
/// ```
pub fn load_jsonl(path: impl AsRef<Path>) -> Result<Vec<Example>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    parse_jsonl(&text).map_err(|e| match e {
        Error::Corrupt(msg) => Error::Corrupt(format!("{}: {msg}", path.display())),
        other => other,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_in_data_general_is_embedded() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../data/general");
        let mut on_disk: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".txt"))
            .collect();
        on_disk.sort();
        let embedded: Vec<String> = GENERAL.iter().map(|(n, _)| n.to_string()).collect();
        assert_eq!(embedded, on_disk, "update GENERAL in corpus.rs");
    }

    #[test]
    fn embedded_finetune_sets_parse_with_a_few_hundred_examples() {
        for domain in Domain::ALL {
            let examples = parse_jsonl(domain.jsonl()).unwrap();
            let lines = domain
                .jsonl()
                .lines()
                .filter(|l| !l.trim().is_empty())
                .count();
            assert_eq!(examples.len(), lines, "{domain}");
            assert!(examples.len() >= 150, "{domain}: {}", examples.len());
            assert!(examples
                .iter()
                .all(|e| !e.prompt.is_empty() && !e.response.is_empty()));
        }
    }

    #[test]
    fn code_examples_keep_their_newlines_and_quotes() {
        let code = finetune(Domain::Code);
        assert!(code.iter().any(|e| e.response.contains("```rust\nfn ")));
        assert!(code.iter().any(|e| e.response.contains("\"FizzBuzz\"")));
    }

    #[test]
    fn load_dir_reports_a_missing_folder_and_an_empty_one() {
        let missing = load_dir("/definitely/not/here").unwrap_err();
        assert!(missing.to_string().contains("/definitely/not/here"));
        let empty = std::env::temp_dir().join("tiny_lm_corpus_empty_dir_test");
        std::fs::create_dir_all(&empty).unwrap();
        let err = load_dir(&empty).unwrap_err();
        assert!(matches!(err, Error::NotEnoughData(_)), "{err}");
    }
}
