//! All steps in order, with one report row per step.

use super::{
    clean, collect, dedup_exact, dedup_near, filter_quality, score_quality, scrub_pii, split,
    CleanStats, CollectStats, ExactDedupStats, FilterStats, NearDedupConfig, NearDedupStats,
    PiiStats, QualityConfig, Removed, ScoreStats, Split, StepOutput,
};

/// The data pipeline's settings. `Pipeline::default()` is tuned so the planted problems in
/// `data/planted/web_scrape.txt` are all caught and `data/general` passes untouched.
///
/// ```
/// use tiny_lm::{corpus, data::Pipeline};
/// let report = Pipeline::default().jaccard_threshold(0.8).seed(7).run(&corpus::general());
/// assert_eq!(report.steps.len(), 8);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Pipeline {
    /// Quality-filter thresholds.
    pub quality: QualityConfig,
    /// Near-duplicate settings (Jaccard threshold, shingles, MinHash size, LSH bands).
    pub near_dup: NearDedupConfig,
    /// Documents scoring below this are dropped. 0.5 removes only clearly broken text.
    pub min_score: f64,
    /// Share of documents held out for validation.
    pub validation_fraction: f64,
    /// Seed of the train / validation split.
    pub seed: u64,
}

impl Default for Pipeline {
    fn default() -> Self {
        Pipeline {
            quality: QualityConfig::default(),
            near_dup: NearDedupConfig::default(),
            min_score: 0.5,
            validation_fraction: 0.1,
            seed: 42,
        }
    }
}

/// One row of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepReport {
    /// Step name, as the original notebook lists them.
    pub step: &'static str,
    /// Documents that entered the step.
    pub docs_in: usize,
    /// Documents that left it.
    pub docs_out: usize,
    /// Documents it removed.
    pub removed: usize,
    /// What it caught, in words.
    pub caught: String,
}

/// Everything the pipeline did: the table of steps, each step's counts, every removed document
/// with its reason, and the final split.
#[derive(Debug, Clone)]
pub struct PipelineReport {
    /// One row per step, in order.
    pub steps: Vec<StepReport>,
    /// Collection counts.
    pub collect: CollectStats,
    /// Cleaning counts.
    pub clean: CleanStats,
    /// Quality-filter counts.
    pub filter: FilterStats,
    /// PII counts.
    pub pii: PiiStats,
    /// Exact-duplicate counts.
    pub exact: ExactDedupStats,
    /// Near-duplicate counts.
    pub near: NearDedupStats,
    /// Quality scores.
    pub scores: ScoreStats,
    /// Every removed document, in the order the steps removed them.
    pub removed: Vec<Removed>,
    /// The documents that survived, split into train and validation.
    pub split: Split,
}

impl Pipeline {
    /// Sets the near-duplicate Jaccard threshold.
    pub fn jaccard_threshold(mut self, threshold: f64) -> Self {
        self.near_dup.threshold = threshold;
        self
    }

    /// Sets the seed of the train / validation split.
    pub fn seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the share of documents held out for validation.
    pub fn validation_fraction(mut self, fraction: f64) -> Self {
        self.validation_fraction = fraction;
        self
    }

    /// Runs every step on `(file name, text)` pairs, as returned by [`crate::corpus::planted`],
    /// [`crate::corpus::general`] or [`crate::corpus::load_dir`].
    pub fn run<N: AsRef<str>, T: AsRef<str>>(&self, files: &[(N, T)]) -> PipelineReport {
        let mut steps = Vec::new();
        let mut removed = Vec::new();
        let collected = collect(files);
        let c = &collected.stats;
        let n = collected.kept.len();
        steps.push(row(
            "1. Collection",
            n,
            &collected,
            format!(
                "{} files, {:.1} KB, split into paragraphs",
                c.files,
                c.bytes as f64 / 1024.0
            ),
        ));
        let collect_stats = collected.stats.clone();

        let cleaned = clean(collected.kept);
        let s = &cleaned.stats;
        let caught = format!(
            "{} docs changed: {} quotes, {} dashes, {} odd spaces, {} invisible, {} control chars",
            s.docs_changed, s.quotes, s.dashes, s.odd_spaces, s.invisible, s.control_chars
        );
        let docs = take(&mut steps, &mut removed, "2. Cleaning", n, cleaned, caught);
        let clean_stats = docs.1;

        let filtered = filter_quality(docs.0, &self.quality);
        let s = &filtered.stats;
        let caught = format!(
            "{} boilerplate, {} too short, {} symbol soup, {} repetitive",
            s.boilerplate, s.too_short, s.symbols, s.repetitive
        );
        let n = docs_len(&steps);
        let docs = take(
            &mut steps,
            &mut removed,
            "3. Quality filter",
            n,
            filtered,
            caught,
        );
        let filter_stats = docs.1;

        let scrubbed = scrub_pii(docs.0);
        let s = &scrubbed.stats;
        let caught = format!(
            "{} emails -> [EMAIL], {} phones -> [PHONE] in {} docs",
            s.emails, s.phones, s.docs_changed
        );
        let n = docs_len(&steps);
        let docs = take(
            &mut steps,
            &mut removed,
            "4. PII scrubbing",
            n,
            scrubbed,
            caught,
        );
        let pii_stats = docs.1;

        let exact = dedup_exact(docs.0);
        let caught = format!(
            "{} exact duplicates (hash of normalised text)",
            exact.stats.duplicates
        );
        let n = docs_len(&steps);
        let docs = take(&mut steps, &mut removed, "5. Exact dedup", n, exact, caught);
        let exact_stats = docs.1;

        let near = dedup_near(docs.0, &self.near_dup);
        let caught = format!(
            "{} near duplicates (MinHash Jaccard >= {:.2}, {} candidate pairs)",
            near.stats.near_duplicates, self.near_dup.threshold, near.stats.candidate_pairs
        );
        let n = docs_len(&steps);
        let docs = take(&mut steps, &mut removed, "6. Near dedup", n, near, caught);
        let near_stats = docs.1;

        let scored = score_quality(docs.0, self.min_score);
        let caught = format!(
            "mean score {:.2}; {} below {:.2}",
            scored.stats.mean, scored.stats.below_threshold, self.min_score
        );
        let n = docs_len(&steps);
        let docs = take(
            &mut steps,
            &mut removed,
            "7. Quality scoring",
            n,
            scored,
            caught,
        );
        let score_stats = docs.1;

        let n = docs.0.len();
        let split = split(docs.0, self.validation_fraction, self.seed);
        steps.push(StepReport {
            step: "8. Train/val split",
            docs_in: n,
            docs_out: n,
            removed: 0,
            caught: format!(
                "{} train, {} validation (seed {})",
                split.train.len(),
                split.validation.len(),
                self.seed
            ),
        });

        PipelineReport {
            steps,
            collect: collect_stats,
            clean: clean_stats,
            filter: filter_stats,
            pii: pii_stats,
            exact: exact_stats,
            near: near_stats,
            scores: score_stats,
            removed,
            split,
        }
    }
}

fn row<S>(step: &'static str, docs_in: usize, out: &StepOutput<S>, caught: String) -> StepReport {
    StepReport {
        step,
        docs_in,
        docs_out: out.kept.len(),
        removed: out.removed.len(),
        caught,
    }
}

fn docs_len(steps: &[StepReport]) -> usize {
    steps.last().map_or(0, |s| s.docs_out)
}

/// Records a step's row and removed documents; hands back its kept documents and stats.
fn take<S>(
    steps: &mut Vec<StepReport>,
    removed: &mut Vec<Removed>,
    step: &'static str,
    docs_in: usize,
    out: StepOutput<S>,
    caught: String,
) -> (Vec<super::Document>, S) {
    steps.push(row(step, docs_in, &out, caught));
    removed.extend(out.removed);
    (out.kept, out.stats)
}
