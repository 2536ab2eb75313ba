//! Two checks of an answer that need no judge model: are its words English,
//! and does it talk about what the question asked?
//!
//! Teaches: evaluation is a measurement with a stated rule. A word is English
//! if it is in a word list (after lower-casing; a plural `s` may be
//! dropped). A question's *key terms* are given with it (a term may be a
//! phrase such as "learning rate"), or else are its words that are not in
//! [`STOP_WORDS`] ("what", "is", "the", ...). An answer *uses* them if it
//! contains at least one term: every word of the term, plural `s` ignored.

use std::collections::HashSet;
use std::fmt;
use std::path::Path;

use crate::corpus::read_records;
use crate::error::Result;

/// A question the models never trained on, for measuring answers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldOut {
    /// The question.
    pub question: String,
    /// Terms an on-topic answer reuses (empty: derived with [`key_terms`]).
    pub key_terms: Vec<String>,
}

impl HeldOut {
    /// A question whose key terms are derived from its words.
    pub fn new(question: impl Into<String>) -> Self {
        HeldOut {
            question: question.into(),
            key_terms: Vec::new(),
        }
    }

    /// The given key terms, or the question's own.
    pub fn terms(&self) -> Vec<String> {
        if self.key_terms.is_empty() {
            key_terms(&self.question)
        } else {
            self.key_terms.clone()
        }
    }
}

/// Read `{"question": "...", "key_terms": ["...", ...]}` lines (`key_terms` optional).
pub fn load_held_out(path: impl AsRef<Path>) -> Result<Vec<HeldOut>> {
    read_records(path, |r| {
        let question = r
            .text("question")
            .ok_or_else(|| "each line needs a \"question\" string".to_string())?;
        Ok(HeldOut {
            question,
            key_terms: r.list("key_terms").unwrap_or_default(),
        })
    })
}

/// Words too common to say what a question is about.
pub const STOP_WORDS: &[&str] = &[
    "a", "about", "an", "and", "are", "as", "at", "be", "by", "can", "could", "did", "do", "does",
    "explain", "for", "from", "give", "happens", "has", "have", "how", "i", "if", "in", "is", "it",
    "its", "me", "mean", "means", "more", "most", "my", "of", "on", "one", "or", "should", "so",
    "some", "tell", "than", "that", "the", "their", "them", "there", "these", "they", "this", "to",
    "use", "used", "was", "we", "what", "when", "where", "which", "who", "why", "will", "with",
    "would", "you", "your",
];

/// Lower-case words of `text`: runs of letters, with inner apostrophes and
/// hyphens splitting the word (so "pre-training" is "pre" and "training").
pub fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// `word` and the forms the checks accept for it (plural `s` dropped).
fn forms(word: &str) -> [&str; 2] {
    [word, word.strip_suffix('s').unwrap_or(word)]
}

/// The words of a question that say what it is about.
///
/// ```
/// use tiny_lm::recipe::quality::key_terms;
/// assert_eq!(key_terms("What is gradient clipping?"), ["gradient", "clipping"]);
/// ```
pub fn key_terms(question: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for w in words(question) {
        if w.len() > 1 && !STOP_WORDS.contains(&w.as_str()) && !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// Share of `text`'s words found in `english` (1.0 for a text without words).
pub fn english_share(text: &str, english: &HashSet<String>) -> (usize, usize) {
    let ws = words(text);
    let known = ws
        .iter()
        .filter(|w| forms(w).iter().any(|f| english.contains(*f)))
        .count();
    (known, ws.len())
}

/// Whether `answer` contains at least one of `terms` (every word of a
/// multi-word term; no terms counts as used).
///
/// ```
/// use tiny_lm::recipe::quality::uses_key_terms;
/// let terms = ["learning rate".to_string()];
/// assert!(uses_key_terms(&terms, "The rate of learning sets the step."));
/// assert!(!uses_key_terms(&terms, "The rate sets the step."));
/// ```
pub fn uses_key_terms(terms: &[String], answer: &str) -> bool {
    terms.is_empty() || terms_used(terms, answer) > 0
}

/// How many of `terms` `answer` contains (every word of a multi-word term,
/// plural `s` ignored): the count behind [`uses_key_terms`].
///
/// ```
/// use tiny_lm::recipe::quality::terms_used;
/// let terms = ["token".to_string(), "learning rate".to_string()];
/// assert_eq!(terms_used(&terms, "Tokens are read at a learning rate."), 2);
/// ```
pub fn terms_used(terms: &[String], answer: &str) -> usize {
    let said: HashSet<String> = words(answer)
        .iter()
        .flat_map(|w| forms(w).map(str::to_string))
        .collect();
    let has = |w: &String| forms(w).iter().any(|f| said.contains(*f));
    terms.iter().filter(|t| words(t).iter().all(has)).count()
}

/// The two measurements over a set of answers.
#[derive(Debug, Clone, PartialEq)]
pub struct QualityReport {
    /// Questions answered.
    pub answers: usize,
    /// Answer words that are English words, over all answers.
    pub english_words: usize,
    /// All answer words.
    pub total_words: usize,
    /// Answers that use at least one of their question's key terms.
    pub on_topic: usize,
    /// Answers the model ended itself (`<|end|>`) before the token limit.
    pub finished: usize,
}

impl QualityReport {
    /// Measure `(key terms, answer, finished)` triples against a word list.
    pub fn measure<'a>(
        answers: impl IntoIterator<Item = (Vec<String>, &'a str, bool)>,
        english: &HashSet<String>,
    ) -> Self {
        let mut r = QualityReport {
            answers: 0,
            english_words: 0,
            total_words: 0,
            on_topic: 0,
            finished: 0,
        };
        for (terms, answer, finished) in answers {
            let (known, total) = english_share(answer, english);
            r.answers += 1;
            r.english_words += known;
            r.total_words += total;
            r.on_topic += usize::from(uses_key_terms(&terms, answer));
            r.finished += usize::from(finished);
        }
        r
    }

    /// Percentage of answer words that are English.
    pub fn english_pct(&self) -> f64 {
        100.0 * self.english_words as f64 / self.total_words.max(1) as f64
    }

    /// Percentage of answers that use their question's key terms.
    pub fn on_topic_pct(&self) -> f64 {
        100.0 * self.on_topic as f64 / self.answers.max(1) as f64
    }
}

impl fmt::Display for QualityReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:.1}% of {} answer words are English; {:.1}% of {} answers use the question's key terms; {} of them ended with <|end|>",
            self.english_pct(),
            self.total_words,
            self.on_topic_pct(),
            self.answers,
            self.finished
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> HashSet<String> {
        [
            "gradient", "clipping", "limits", "the", "size", "of", "a", "step", "model",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect()
    }

    #[test]
    fn english_share_counts_listed_words_and_plurals() {
        assert_eq!(
            english_share("Gradient clipping limits the steps.", &english()),
            (5, 5)
        );
        assert_eq!(
            english_share("A daveralthing cy-bitched", &english()),
            (1, 4)
        );
    }

    #[test]
    fn on_topic_needs_a_key_term_of_the_question() {
        let q = key_terms("What is gradient clipping?");
        assert!(uses_key_terms(&q, "Clipping limits the size of a step."));
        assert!(!uses_key_terms(&q, "The weather is sunny today."));
        assert!(
            uses_key_terms(&key_terms("What is it?"), "Anything."),
            "no key terms to use"
        );
        assert!(uses_key_terms(
            &key_terms("What are tokens?"),
            "A token is a piece of text."
        ));
        let phrase = vec!["embedding table".to_string(), "vocabulary size".to_string()];
        assert!(uses_key_terms(
            &phrase,
            "Each row of the embedding table is a token."
        ));
        assert!(!uses_key_terms(
            &phrase,
            "The table is large and the vocabulary is small."
        ));
    }

    #[test]
    fn held_out_file_gives_terms_or_derives_them() {
        let path =
            std::env::temp_dir().join(format!("tiny_lm_heldout_{}.jsonl", std::process::id()));
        std::fs::write(&path, "{\"question\": \"Why clip?\", \"key_terms\": [\"clip\"]}\n{\"question\": \"What is a tokenizer?\"}\n").unwrap();
        let set = load_held_out(&path).unwrap();
        assert_eq!(set[0].terms(), ["clip"]);
        assert_eq!(set[1].terms(), ["tokenizer"]);
        std::fs::write(&path, "{\"key_terms\": []}\n").unwrap();
        let err = load_held_out(&path).unwrap_err().to_string();
        assert!(err.contains("line 1") && err.contains("question"), "{err}");
    }

    #[test]
    fn report_fails_an_off_topic_gibberish_model() {
        let terms = || key_terms("What is gradient clipping?");
        let good = [(terms(), "Gradient clipping limits the step.", true)];
        let bad = [(terms(), "A daveralthing cy-bitched huts.", false)];
        let g = QualityReport::measure(good, &english());
        let b = QualityReport::measure(bad, &english());
        assert_eq!((g.english_pct(), g.on_topic_pct()), (100.0, 100.0));
        assert!(b.english_pct() < 50.0 && b.on_topic_pct() == 0.0, "{b}");
    }
}
