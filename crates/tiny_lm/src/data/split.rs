//! Step 7, train / validation split: hold some documents back to measure generalisation.
//!
//! Each document's place is decided by a hash of its text and the seed, so the split is the
//! same on every run and machine, and adding a document never moves the others.

use super::hash::{fnv1a64, mix64};
use super::Document;

/// Documents for training and documents held out for validation.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// Documents to train on, in their original order.
    pub train: Vec<Document>,
    /// Held-out documents, in their original order.
    pub validation: Vec<Document>,
}

impl Split {
    /// The training documents as one text, paragraphs separated by a blank line: ready for the
    /// tokenizer and the model.
    ///
    /// ```
    /// use tiny_lm::{corpus, data::Pipeline};
    /// let report = Pipeline::default().run(&[("web_scrape.txt", corpus::WEB_SCRAPE)]);
    /// let text = report.split.train_text();
    /// assert!(text.contains("[EMAIL]") || text.contains("[PHONE]"));
    /// assert!(!text.contains("We use cookies"));
    /// ```
    pub fn train_text(&self) -> String {
        join(&self.train)
    }

    /// The validation documents as one text, paragraphs separated by a blank line.
    pub fn validation_text(&self) -> String {
        join(&self.validation)
    }
}

fn join(docs: &[Document]) -> String {
    docs.iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Step 7: puts `round(n * validation_fraction)` documents in validation: those whose
/// seeded hash is smallest.
///
/// ```
/// use tiny_lm::data::{split, Document};
/// let docs: Vec<Document> = (0..10).map(|i| Document::new(format!("d#{i}"), format!("text {i}"))).collect();
/// let s = split(docs.clone(), 0.2, 42);
/// assert_eq!((s.train.len(), s.validation.len()), (8, 2));
/// assert_eq!(s, split(docs, 0.2, 42));
/// ```
pub fn split(docs: Vec<Document>, validation_fraction: f64, seed: u64) -> Split {
    let n = docs.len();
    let k = ((n as f64) * validation_fraction.clamp(0.0, 1.0)).round() as usize;
    let mut order: Vec<(u64, usize)> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (mix64(fnv1a64(d.text.as_bytes()) ^ mix64(seed)), i))
        .collect();
    order.sort_unstable();
    let mut is_validation = vec![false; n];
    for &(_, i) in order.iter().take(k) {
        is_validation[i] = true;
    }
    let mut out = Split::default();
    for (doc, val) in docs.into_iter().zip(is_validation) {
        if val {
            out.validation.push(doc);
        } else {
            out.train.push(doc);
        }
    }
    out
}
