//! Step 3, quality filtering: cheap rules that throw out text no model should learn from.
//!
//! The rules are the classic web-crawl heuristics: boilerplate phrases and navigation menus,
//! too few words, too many symbols, and words that keep repeating. Each one is a number a
//! student can change in [`QualityConfig`] to see what slips through.

use super::{Document, Reason, Removed, StepOutput};

/// Phrases that mark site furniture rather than content (matched case-insensitively).
pub const BOILERPLATE_PATTERNS: &[&str] = &[
    "click here",
    "subscribe to our",
    "sign up for our newsletter",
    "we use cookies",
    "accept all cookies",
    "cookie settings",
    "all rights reserved",
    "share this article",
    "skip to main content",
    "privacy policy",
    "terms of use",
    "read more:",
    "continue reading below",
];

/// Thresholds for the quality filter. The defaults keep all of `data/general` and remove every
/// planted junk line in `data/planted/web_scrape.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct QualityConfig {
    /// Documents with fewer words are dropped: one-word comments carry no language to learn.
    pub min_words: usize,
    /// Highest allowed share of non-space characters that are not letters or digits. Prose
    /// sits near 0.03; symbol soup is above 0.5.
    pub max_symbol_ratio: f64,
    /// Highest allowed share of words equal to one of the two words before them. Prose is
    /// near 0; spam ("buy buy buy", "free money free money") is above 0.5.
    pub max_repetition: f64,
    /// A paragraph with this many ` | `-style separators is treated as a navigation menu.
    pub nav_separators: usize,
}

impl Default for QualityConfig {
    fn default() -> Self {
        QualityConfig {
            min_words: 5,
            max_symbol_ratio: 0.3,
            max_repetition: 0.3,
            nav_separators: 3,
        }
    }
}

/// How many documents each rule removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterStats {
    /// Boilerplate phrases and navigation menus.
    pub boilerplate: usize,
    /// Fewer than `min_words` words.
    pub too_short: usize,
    /// Symbol ratio above `max_symbol_ratio`.
    pub symbols: usize,
    /// Repetition above `max_repetition`.
    pub repetitive: usize,
}

impl QualityConfig {
    /// The first rule `text` breaks, checked in the order boilerplate, length, symbols,
    /// repetition; `None` if it passes.
    ///
    /// ```
    /// use tiny_lm::data::{QualityConfig, Reason};
    /// let q = QualityConfig::default();
    /// assert_eq!(q.check("The cat sat on the warm mat."), None);
    /// assert!(matches!(q.check("buy buy buy buy now now now"), Some(Reason::Repetitive { .. })));
    /// ```
    pub fn check(&self, text: &str) -> Option<Reason> {
        let lower = text.to_lowercase();
        if let Some(p) = BOILERPLATE_PATTERNS.iter().find(|p| lower.contains(*p)) {
            return Some(Reason::Boilerplate {
                pattern: p.to_string(),
            });
        }
        let separators = text
            .split_whitespace()
            .filter(|w| matches!(*w, "|" | "»" | "›" | "·" | "/"))
            .count();
        if separators >= self.nav_separators {
            return Some(Reason::Boilerplate {
                pattern: "navigation menu".to_string(),
            });
        }
        let words = text.split_whitespace().count();
        if words < self.min_words {
            return Some(Reason::TooShort { words });
        }
        let ratio = symbol_ratio(text);
        if ratio > self.max_symbol_ratio {
            return Some(Reason::TooManySymbols { ratio });
        }
        let ratio = repetition_ratio(text);
        if ratio > self.max_repetition {
            return Some(Reason::Repetitive { ratio });
        }
        None
    }
}

/// Share of non-whitespace characters that are neither letters nor digits.
pub(crate) fn symbol_ratio(text: &str) -> f64 {
    let (mut symbols, mut total) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_whitespace()) {
        total += 1;
        if !c.is_alphanumeric() {
            symbols += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        symbols as f64 / total as f64
    }
}

/// Lower-cased words with leading and trailing punctuation trimmed; empty ones dropped.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Share of words that equal one of the two words just before them: catches "buy buy buy"
/// (period one) and "free money free money" (period two) without flagging "the" in prose.
pub(crate) fn repetition_ratio(text: &str) -> f64 {
    let words = words(text);
    if words.is_empty() {
        return 0.0;
    }
    let repeats = (1..words.len())
        .filter(|&i| words[i] == words[i - 1] || (i >= 2 && words[i] == words[i - 2]))
        .count();
    repeats as f64 / words.len() as f64
}

/// Step 3: removes documents that break a rule of `config`.
///
/// ```
/// use tiny_lm::data::{filter_quality, Document, QualityConfig};
/// let docs = vec![
///     Document::new("w#1", "We use cookies to improve your experience."),
///     Document::new("w#2", "Rivers carry sand and silt down to the sea."),
/// ];
/// let out = filter_quality(docs, &QualityConfig::default());
/// assert_eq!((out.kept.len(), out.stats.boilerplate), (1, 1));
/// ```
pub fn filter_quality(docs: Vec<Document>, config: &QualityConfig) -> StepOutput<FilterStats> {
    let mut stats = FilterStats::default();
    let mut kept = Vec::with_capacity(docs.len());
    let mut removed = Vec::new();
    for doc in docs {
        match config.check(&doc.text) {
            None => kept.push(doc),
            Some(reason) => {
                match reason {
                    Reason::Boilerplate { .. } => stats.boilerplate += 1,
                    Reason::TooShort { .. } => stats.too_short += 1,
                    Reason::TooManySymbols { .. } => stats.symbols += 1,
                    _ => stats.repetitive += 1,
                }
                removed.push(Removed { doc, reason });
            }
        }
    }
    StepOutput {
        kept,
        removed,
        stats,
    }
}
