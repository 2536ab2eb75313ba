//! The data pipeline: collection, cleaning, filtering, PII scrubbing, deduplication, scoring, split.
//!
//! Teaches: the "Data Processing Steps" of the original notebook, really done. Each step is a
//! plain function that takes documents and returns a [`StepOutput`]: the documents it kept,
//! the ones it removed with the reason, and counts of what it caught. [`Pipeline`] runs them
//! in order and returns a [`PipelineReport`] that shows as a table in a notebook.
//!
//! A document is a paragraph (text between blank lines): small enough that one duplicate or
//! one cookie banner can be removed without losing the page around it.
//!
//! ```
//! use tiny_lm::{corpus, data::Pipeline};
//! let report = Pipeline::default().run(&corpus::planted()[..1]); // web_scrape.txt
//! assert_eq!(report.pii.emails, 7);
//! println!("{report}");
//! ```

use std::fmt;

mod bias;
mod clean;
mod filter;
mod hash;
mod minhash;
mod pii;
mod pipeline;
mod report;
mod score;
mod split;

pub use bias::{pronoun_counts, PronounRow, PronounTable};
pub use clean::{clean, clean_text, CleanStats};
pub use filter::{filter_quality, FilterStats, QualityConfig, BOILERPLATE_PATTERNS};
pub use hash::fnv1a64;
pub use minhash::{
    dedup_exact, dedup_near, jaccard, ExactDedupStats, MinHasher, NearDedupConfig, NearDedupStats,
};
pub use pii::{scrub_pii, scrub_text, PiiStats};
pub use pipeline::{Pipeline, PipelineReport, StepReport};
pub use score::{quality_score, score_quality, ScoreStats};
pub use split::{split, Split};

/// One unit of text the pipeline keeps or removes: a paragraph with a name saying where it
/// came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// `file#n`: the source file and the paragraph's position in it (from 1).
    pub id: String,
    /// The paragraph's text.
    pub text: String,
}

impl Document {
    /// Builds a document from an id and its text.
    pub fn new(id: impl Into<String>, text: impl Into<String>) -> Self {
        Document {
            id: id.into(),
            text: text.into(),
        }
    }
}

/// Why a step removed a document.
#[derive(Debug, Clone, PartialEq)]
pub enum Reason {
    /// Nothing was left after cleaning.
    Empty,
    /// Fewer words than [`QualityConfig::min_words`].
    TooShort {
        /// Words in the document.
        words: usize,
    },
    /// Too large a share of characters that are neither letters, digits nor spaces.
    TooManySymbols {
        /// That share, 0..1.
        ratio: f64,
    },
    /// Too many words repeat one of the two words before them ("buy buy buy").
    Repetitive {
        /// Share of such words, 0..1.
        ratio: f64,
    },
    /// Matches a boilerplate pattern (cookie banner, navigation menu, "click here", ...).
    Boilerplate {
        /// The pattern that matched.
        pattern: String,
    },
    /// Same text as an earlier document once case and whitespace are normalised.
    ExactDuplicate {
        /// Id of the document that was kept.
        of: String,
    },
    /// MinHash estimates the Jaccard similarity with an earlier document above the threshold.
    NearDuplicate {
        /// Id of the document that was kept.
        of: String,
        /// Estimated Jaccard similarity of the word shingles.
        jaccard: f64,
    },
    /// Quality score below the pipeline's `min_score`.
    LowScore {
        /// The document's score, 0..1.
        score: f64,
    },
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Empty => write!(f, "empty after cleaning"),
            Reason::TooShort { words } => write!(f, "too short ({words} words)"),
            Reason::TooManySymbols { ratio } => {
                write!(f, "symbols ({:.0}% of characters)", ratio * 100.0)
            }
            Reason::Repetitive { ratio } => {
                write!(f, "repetitive ({:.0}% repeated words)", ratio * 100.0)
            }
            Reason::Boilerplate { pattern } => write!(f, "boilerplate (\"{pattern}\")"),
            Reason::ExactDuplicate { of } => write!(f, "exact duplicate of {of}"),
            Reason::NearDuplicate { of, jaccard } => {
                write!(f, "near duplicate of {of} (Jaccard ~{jaccard:.2})")
            }
            Reason::LowScore { score } => write!(f, "quality score {score:.2}"),
        }
    }
}

/// A document a step removed, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Removed {
    /// The document as it was when removed.
    pub doc: Document,
    /// Why.
    pub reason: Reason,
}

/// What every step returns: the documents kept, the ones removed, and the step's counts.
#[derive(Debug, Clone)]
pub struct StepOutput<S> {
    /// Documents that go on to the next step, in their original order.
    pub kept: Vec<Document>,
    /// Documents this step removed, with the reason.
    pub removed: Vec<Removed>,
    /// What the step caught, counted.
    pub stats: S,
}

/// Splits a file's text into paragraph documents (separated by blank lines), named `name#n`.
///
/// ```
/// let docs = tiny_lm::data::documents_from_text("notes.txt", "One.\n\n\nTwo,\nstill two.\n");
/// assert_eq!(docs.len(), 2);
/// assert_eq!(docs[1].id, "notes.txt#2");
/// assert_eq!(docs[1].text, "Two,\nstill two.");
/// ```
pub fn documents_from_text(name: &str, text: &str) -> Vec<Document> {
    let mut docs = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    let mut flush = |current: &mut Vec<&str>| {
        if !current.is_empty() {
            let id = format!("{name}#{}", docs.len() + 1);
            docs.push(Document::new(id, current.join("\n")));
            current.clear();
        }
    };
    for line in text.lines() {
        if line.trim().is_empty() {
            flush(&mut current);
        } else {
            current.push(line);
        }
    }
    flush(&mut current);
    docs
}

/// Counts from the collection step.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CollectStats {
    /// Files read.
    pub files: usize,
    /// Bytes of text read.
    pub bytes: usize,
}

/// Step 1, collection: turns `(file name, text)` pairs (from [`crate::corpus`] or
/// [`crate::corpus::load_dir`]) into paragraph documents.
///
/// ```
/// let out = tiny_lm::data::collect(&tiny_lm::corpus::planted()[..1]);
/// assert_eq!(out.kept.len(), 64);
/// ```
pub fn collect<N: AsRef<str>, T: AsRef<str>>(files: &[(N, T)]) -> StepOutput<CollectStats> {
    let mut kept = Vec::new();
    let mut bytes = 0;
    for (name, text) in files {
        bytes += text.as_ref().len();
        kept.extend(documents_from_text(name.as_ref(), text.as_ref()));
    }
    StepOutput {
        kept,
        removed: Vec::new(),
        stats: CollectStats {
            files: files.len(),
            bytes,
        },
    }
}
