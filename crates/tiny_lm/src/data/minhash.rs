//! Step 5, deduplication: exact duplicates by hash, near duplicates by MinHash.
//!
//! Teaches: repeated text makes a model memorise instead of generalise. Exact copies are found
//! by hashing a normalised text. Near copies (a few words changed) are found by comparing sets
//! of word shingles: the Jaccard similarity |A ∩ B| / |A ∪ B|. Comparing every pair is slow
//! on a real crawl, so MinHash summarises each set in a short signature whose agreement rate
//! estimates the Jaccard similarity, and LSH banding only compares documents that share a band.

use std::collections::{HashMap, HashSet};

use super::filter::words;
use super::hash::{fnv1a64, mix64};
use super::{Document, Reason, Removed, StepOutput};

/// Counts from exact deduplication.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExactDedupStats {
    /// Documents removed because an earlier one had the same normalised text.
    pub duplicates: usize,
}

/// Step 5a: removes documents whose text, lower-cased with whitespace collapsed, hashes the
/// same as an earlier one (the texts are compared too, so a hash collision never removes
/// anything).
///
/// ```
/// use tiny_lm::data::{dedup_exact, Document};
/// let docs = vec![Document::new("a#1", "Hello  world."), Document::new("a#2", "hello world.")];
/// let out = dedup_exact(docs);
/// assert_eq!((out.kept.len(), out.stats.duplicates), (1, 1));
/// ```
pub fn dedup_exact(docs: Vec<Document>) -> StepOutput<ExactDedupStats> {
    let mut seen: HashMap<u64, Vec<(String, String)>> = HashMap::new();
    let mut kept = Vec::with_capacity(docs.len());
    let mut removed = Vec::new();
    for doc in docs {
        let normal = doc
            .text
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let bucket = seen.entry(fnv1a64(normal.as_bytes())).or_default();
        if let Some((of, _)) = bucket.iter().find(|(_, text)| *text == normal) {
            let of = of.clone();
            removed.push(Removed {
                doc,
                reason: Reason::ExactDuplicate { of },
            });
        } else {
            bucket.push((doc.id.clone(), normal));
            kept.push(doc);
        }
    }
    let stats = ExactDedupStats {
        duplicates: removed.len(),
    };
    StepOutput {
        kept,
        removed,
        stats,
    }
}

/// Settings for near-duplicate removal.
#[derive(Debug, Clone, PartialEq)]
pub struct NearDedupConfig {
    /// Documents whose estimated Jaccard similarity with a kept one is at least this are removed.
    /// 0.7 catches "a few words changed" in a paragraph and nothing in distinct prose.
    pub threshold: f64,
    /// Words per shingle: 3 makes word order matter without being brittle.
    pub shingle_words: usize,
    /// Hash functions in a signature: more means a closer estimate (error about 1/sqrt(n)).
    pub num_hashes: usize,
    /// LSH bands; `num_hashes / bands` rows each. Two documents are compared only if a whole band
    /// agrees, which becomes likely once their similarity passes about (1/bands)^(1/rows):
    /// 0.42 for 32 bands of 4 rows, well below the threshold, so few true pairs are missed.
    pub bands: usize,
    /// Seed of the hash family, so results are the same on every run.
    pub seed: u64,
}

impl Default for NearDedupConfig {
    fn default() -> Self {
        NearDedupConfig {
            threshold: 0.7,
            shingle_words: 3,
            num_hashes: 128,
            bands: 32,
            seed: 0x5eed,
        }
    }
}

/// Counts from near-duplicate removal.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NearDedupStats {
    /// Documents removed as near duplicates of an earlier one.
    pub near_duplicates: usize,
    /// Pairs LSH put in the same bucket and that were therefore compared.
    pub candidate_pairs: usize,
}

/// Hashes of a text's word shingles (`k` consecutive words; a shorter text is one shingle).
fn shingles(text: &str, k: usize) -> HashSet<u64> {
    let words = words(text);
    let k = k.max(1);
    if words.is_empty() {
        return HashSet::new();
    }
    if words.len() <= k {
        return std::iter::once(fnv1a64(words.join(" ").as_bytes())).collect();
    }
    words
        .windows(k)
        .map(|w| fnv1a64(w.join(" ").as_bytes()))
        .collect()
}

/// Exact Jaccard similarity of two texts' word shingles: what MinHash estimates.
///
/// ```
/// let a = "the quick brown fox jumps over the lazy dog";
/// assert_eq!(tiny_lm::data::jaccard(a, a, 3), 1.0);
/// assert!(tiny_lm::data::jaccard(a, "the quick brown fox jumps over the lazy cat", 3) > 0.7);
/// ```
pub fn jaccard(a: &str, b: &str, shingle_words: usize) -> f64 {
    let (a, b) = (shingles(a, shingle_words), shingles(b, shingle_words));
    let union = a.union(&b).count();
    if union == 0 {
        return 0.0;
    }
    a.intersection(&b).count() as f64 / union as f64
}

/// Computes MinHash signatures: for each of `num_hashes` hash functions, the smallest hash of
/// any shingle. Two signatures agree at one position with probability equal to the Jaccard
/// similarity of the shingle sets.
#[derive(Debug, Clone)]
pub struct MinHasher {
    seeds: Vec<u64>,
    shingle_words: usize,
}

impl MinHasher {
    /// A hasher with `num_hashes` functions derived from `seed`.
    pub fn new(num_hashes: usize, shingle_words: usize, seed: u64) -> Self {
        let seeds = (0..num_hashes as u64)
            .map(|i| mix64(seed ^ mix64(i)))
            .collect();
        MinHasher {
            seeds,
            shingle_words,
        }
    }

    /// The signature of `text`.
    pub fn signature(&self, text: &str) -> Vec<u64> {
        let shingles = shingles(text, self.shingle_words);
        self.seeds
            .iter()
            .map(|&s| {
                shingles
                    .iter()
                    .map(|&h| mix64(h ^ s))
                    .min()
                    .unwrap_or(u64::MAX)
            })
            .collect()
    }

    /// Share of positions where two signatures agree: the Jaccard estimate.
    ///
    /// ```
    /// use tiny_lm::data::{jaccard, MinHasher};
    /// let (a, b) = ("one two three four five six seven eight", "one two three four five six seven nine");
    /// let m = MinHasher::new(256, 3, 1);
    /// let estimate = MinHasher::similarity(&m.signature(a), &m.signature(b));
    /// assert!((estimate - jaccard(a, b, 3)).abs() < 0.15);
    /// ```
    pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
        // A text without words has nothing to compare; the quality filter deals with it.
        if a.is_empty() || a.iter().all(|&v| v == u64::MAX) {
            return 0.0;
        }
        a.iter().zip(b).filter(|(x, y)| x == y).count() as f64 / a.len() as f64
    }
}

/// Step 5b: removes documents that are near copies of an earlier kept one.
///
/// ```
/// use tiny_lm::data::{dedup_near, Document, NearDedupConfig};
/// let a = "The river trail between the old mill and the railway bridge has reopened after three \
///          months of repairs, and volunteers have added two benches facing the water near the weir.";
/// let b = a.replace("three", "four");
/// let docs = vec![Document::new("x#1", a), Document::new("x#2", b)];
/// let out = dedup_near(docs, &NearDedupConfig::default());
/// assert_eq!(out.stats.near_duplicates, 1);
/// ```
pub fn dedup_near(docs: Vec<Document>, config: &NearDedupConfig) -> StepOutput<NearDedupStats> {
    let hasher = MinHasher::new(config.num_hashes, config.shingle_words, config.seed);
    let bands = config.bands.clamp(1, config.num_hashes.max(1));
    let rows = (config.num_hashes / bands).max(1);
    let mut buckets: HashMap<(usize, u64), Vec<usize>> = HashMap::new();
    let mut signatures: Vec<(String, Vec<u64>)> = Vec::new();
    let mut stats = NearDedupStats::default();
    let mut kept = Vec::with_capacity(docs.len());
    let mut removed = Vec::new();
    for doc in docs {
        let sig = hasher.signature(&doc.text);
        let keys: Vec<(usize, u64)> = sig
            .chunks(rows)
            .take(bands)
            .enumerate()
            .map(|(band, chunk)| {
                (
                    band,
                    fnv1a64(
                        &chunk
                            .iter()
                            .flat_map(|v| v.to_le_bytes())
                            .collect::<Vec<u8>>(),
                    ),
                )
            })
            .collect();
        let mut candidates: Vec<usize> = keys
            .iter()
            .filter_map(|k| buckets.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        stats.candidate_pairs += candidates.len();
        let best = candidates
            .iter()
            .map(|&c| (c, MinHasher::similarity(&sig, &signatures[c].1)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((c, similarity)) if similarity >= config.threshold => {
                removed.push(Removed {
                    doc,
                    reason: Reason::NearDuplicate {
                        of: signatures[c].0.clone(),
                        jaccard: similarity,
                    },
                });
            }
            _ => {
                let index = signatures.len();
                for key in keys {
                    buckets.entry(key).or_default().push(index);
                }
                signatures.push((doc.id.clone(), sig));
                kept.push(doc);
            }
        }
    }
    stats.near_duplicates = removed.len();
    StepOutput {
        kept,
        removed,
        stats,
    }
}
