//! Step 6, quality scoring: one number from 0 to 1 per document, to rank or threshold text.
//!
//! Real pipelines train a classifier for this; here the score is the mean of four readable
//! signals, so a student can see why a document scored low.

use super::filter::{symbol_ratio, words};
use super::{Document, Reason, Removed, StepOutput};

/// Scores from the scoring step, one per kept document, plus a summary.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ScoreStats {
    /// `(document id, score)` for every document that was scored, in order.
    pub scores: Vec<(String, f64)>,
    /// Mean score of all scored documents (0 if there were none).
    pub mean: f64,
    /// Documents removed for scoring below the threshold.
    pub below_threshold: usize,
}

/// The quality score of a text: the mean of
/// length (words / 50, capped at 1), letters (share of letters and spaces, rescaled so 0.75 or
/// less gives 0 and 0.95 or more gives 1), variety (distinct words / words, rescaled so 0.3
/// gives 0 and 0.6 gives 1) and form (starts with a capital or digit, ends with `.`, `!`, `?`
/// or a quote: 0.5 each).
///
/// ```
/// use tiny_lm::data::quality_score;
/// let good = quality_score("Bread is made from flour, water, salt and yeast. The yeast feeds on sugars in the flour and gives off gas, which makes the dough rise.");
/// let junk = quality_score("$$$ win win win $$$");
/// assert!(good > 0.7 && junk < 0.4, "{good} {junk}");
/// ```
pub fn quality_score(text: &str) -> f64 {
    let words = words(text);
    if words.is_empty() {
        return 0.0;
    }
    let length = (words.len() as f64 / 50.0).min(1.0);
    let letters = ((1.0 - symbol_ratio(text) - 0.75) / 0.2).clamp(0.0, 1.0);
    let mut distinct = words.clone();
    distinct.sort_unstable();
    distinct.dedup();
    let variety = ((distinct.len() as f64 / words.len() as f64 - 0.3) / 0.3).clamp(0.0, 1.0);
    let trimmed = text.trim();
    let starts = trimmed
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
    let ends = trimmed.ends_with(['.', '!', '?', '"', '\'']);
    let form = 0.5 * f64::from(u8::from(starts)) + 0.5 * f64::from(u8::from(ends));
    (length + letters + variety + form) / 4.0
}

/// Step 6: scores every document and removes those below `min_score`.
///
/// ```
/// use tiny_lm::data::{score_quality, Document};
/// let out = score_quality(vec![Document::new("a#1", "A fine sentence about rivers and the sea.")], 0.3);
/// assert_eq!(out.kept.len(), 1);
/// assert!(out.stats.scores[0].1 > 0.3);
/// ```
pub fn score_quality(docs: Vec<Document>, min_score: f64) -> StepOutput<ScoreStats> {
    let mut stats = ScoreStats::default();
    let mut kept = Vec::with_capacity(docs.len());
    let mut removed = Vec::new();
    for doc in docs {
        let score = quality_score(&doc.text);
        stats.scores.push((doc.id.clone(), score));
        if score < min_score {
            removed.push(Removed {
                doc,
                reason: Reason::LowScore { score },
            });
        } else {
            kept.push(doc);
        }
    }
    stats.below_threshold = removed.len();
    if !stats.scores.is_empty() {
        stats.mean = stats.scores.iter().map(|(_, s)| s).sum::<f64>() / stats.scores.len() as f64;
    }
    StepOutput {
        kept,
        removed,
        stats,
    }
}
