//! Two checks of an answer that need no judge model: are its words English,
//! and does it talk about what the question asked?
//!
//! Teaches: evaluation is a measurement with a stated rule. A word is English
//! if it is in a word list (after lower-casing; a trailing `'s` or plural
//! `s` may be dropped). A question's *key terms* are its words that are not
//! in [`STOP_WORDS`] ("what", "is", "the", ...); an answer *uses* them if it
//! contains at least one (same matching rule).

use std::collections::HashSet;
use std::fmt;

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

/// Whether `answer` contains at least one of `question`'s key terms (a
/// question without key terms counts as used).
pub fn uses_key_terms(question: &str, answer: &str) -> bool {
    let terms = key_terms(question);
    let said: HashSet<String> = words(answer)
        .iter()
        .flat_map(|w| forms(w).map(str::to_string))
        .collect();
    terms.is_empty()
        || terms
            .iter()
            .any(|t| forms(t).iter().any(|f| said.contains(*f)))
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
    /// Measure `(question, answer, finished)` triples against a word list.
    pub fn measure<'a>(
        answers: impl IntoIterator<Item = (&'a str, &'a str, bool)>,
        english: &HashSet<String>,
    ) -> Self {
        let mut r = QualityReport {
            answers: 0,
            english_words: 0,
            total_words: 0,
            on_topic: 0,
            finished: 0,
        };
        for (question, answer, finished) in answers {
            let (known, total) = english_share(answer, english);
            r.answers += 1;
            r.english_words += known;
            r.total_words += total;
            r.on_topic += usize::from(uses_key_terms(question, answer));
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
        let q = "What is gradient clipping?";
        assert!(uses_key_terms(q, "Clipping limits the size of a step."));
        assert!(!uses_key_terms(q, "The weather is sunny today."));
        assert!(
            uses_key_terms("What is it?", "Anything."),
            "no key terms to use"
        );
        assert!(uses_key_terms(
            "What are tokens?",
            "A token is a piece of text."
        ));
    }

    #[test]
    fn report_fails_an_off_topic_gibberish_model() {
        let good = [(
            "What is gradient clipping?",
            "Gradient clipping limits the step.",
            true,
        )];
        let bad = [(
            "What is gradient clipping?",
            "A daveralthing cy-bitched huts.",
            false,
        )];
        let g = QualityReport::measure(good, &english());
        let b = QualityReport::measure(bad, &english());
        assert_eq!((g.english_pct(), g.on_topic_pct()), (100.0, 100.0));
        assert!(b.english_pct() < 50.0 && b.on_topic_pct() == 0.0, "{b}");
    }
}
