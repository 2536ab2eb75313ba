//! The data pipeline on the planted problems of `data/planted/`.
//!
//! Expected numbers come from how `data/scripts/make_planted.py` builds the files, as
//! documented in `data/README.md`, not from running the pipeline.

use tiny_lm::corpus::{self, BIAS_PROFESSIONS};
use tiny_lm::data::{
    self, clean, collect, dedup_exact, dedup_near, filter_quality, jaccard, pronoun_counts,
    score_quality, scrub_pii, split, NearDedupConfig, Pipeline, QualityConfig, Reason,
};

// data/README.md, "web_scrape.txt": construction.
const DOCS: usize = 64;
const CLEAN_BASE: usize = 20;
const PII_PARAGRAPHS: usize = 8;
const EXACT_DUPLICATES: usize = 8;
const NEAR_DUPLICATES: usize = 6;
const BOILERPLATE: usize = 10;
const TOO_SHORT: usize = 4;
const SYMBOL_SOUP: usize = 4;
const REPETITIVE: usize = 4;
const EMAILS: usize = 7;
const PHONES: usize = 7;
const CLEANING_DOCS: usize = 7; // 5 injected paragraphs + whitespace copy + curly-quote copy
const CURLY_QUOTES: usize = 5;
const DASHES: usize = 2;
const CONTROL_CHARS: usize = 3;

fn web_scrape() -> Vec<data::Document> {
    collect(&[("web_scrape.txt", corpus::WEB_SCRAPE)]).kept
}

/// The scrape after the steps that come before deduplication in the pipeline.
fn filtered() -> Vec<data::Document> {
    filter_quality(clean(web_scrape()).kept, &QualityConfig::default()).kept
}

#[test]
fn collection_splits_the_scrape_into_its_planted_paragraphs() {
    let docs = web_scrape();
    assert_eq!(docs.len(), DOCS);
    assert_eq!(
        DOCS,
        CLEAN_BASE
            + PII_PARAGRAPHS
            + EXACT_DUPLICATES
            + NEAR_DUPLICATES
            + BOILERPLATE
            + TOO_SHORT
            + SYMBOL_SOUP
            + REPETITIVE
    );
    assert_eq!(docs[0].id, "web_scrape.txt#1");
}

#[test]
fn cleaning_normalises_exactly_the_planted_characters() {
    let out = clean(web_scrape());
    assert_eq!(out.kept.len(), DOCS);
    assert_eq!(out.stats.docs_changed, CLEANING_DOCS);
    assert_eq!(out.stats.quotes, CURLY_QUOTES);
    assert_eq!(out.stats.dashes, DASHES);
    assert_eq!((out.stats.odd_spaces, out.stats.invisible), (1, 1));
    assert_eq!(out.stats.control_chars, CONTROL_CHARS);
    for doc in &out.kept {
        assert!(doc
            .text
            .chars()
            .all(|c| c == ' ' || !c.is_whitespace() && !c.is_control()));
        assert!(
            !doc.text.contains("  ") && !doc.text.contains(['\u{2014}', '\u{201c}', '\u{200b}'])
        );
    }
}

#[test]
fn quality_filter_catches_each_kind_of_junk() {
    let out = filter_quality(clean(web_scrape()).kept, &QualityConfig::default());
    assert_eq!(out.stats.boilerplate, BOILERPLATE);
    assert_eq!(out.stats.too_short, TOO_SHORT);
    assert_eq!(out.stats.symbols, SYMBOL_SOUP);
    assert_eq!(out.stats.repetitive, REPETITIVE);
    assert_eq!(
        out.kept.len(),
        DOCS - BOILERPLATE - TOO_SHORT - SYMBOL_SOUP - REPETITIVE
    );
    let nav = out
        .removed
        .iter()
        .find(|r| r.doc.text.starts_with("Home | News"));
    assert!(
        matches!(nav.map(|r| &r.reason), Some(Reason::Boilerplate { pattern }) if pattern == "navigation menu")
    );
}

#[test]
fn pii_scrubbing_replaces_every_planted_email_and_phone() {
    let out = scrub_pii(filtered());
    assert_eq!((out.stats.emails, out.stats.phones), (EMAILS, PHONES));
    assert_eq!(out.stats.docs_changed, PII_PARAGRAPHS);
    let all: String = out
        .kept
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(all.matches("[EMAIL]").count(), EMAILS);
    assert_eq!(all.matches("[PHONE]").count(), PHONES);
    assert!(!all.contains('@'));
    for leftover in ["7946", "867", "555-", "5554417392"] {
        assert!(!all.contains(leftover), "{leftover} survived");
    }
}

#[test]
fn exact_dedup_removes_copies_that_differ_only_in_case_space_and_quotes() {
    let out = dedup_exact(filtered());
    assert_eq!(out.stats.duplicates, EXACT_DUPLICATES);
    for r in &out.removed {
        let Reason::ExactDuplicate { of } = &r.reason else {
            panic!("{:?}", r.reason)
        };
        let original = out.kept.iter().find(|d| &d.id == of).unwrap();
        assert_eq!(original.text.to_lowercase(), r.doc.text.to_lowercase());
    }
}

#[test]
fn near_dedup_removes_the_edited_copies_and_estimates_jaccard_well() {
    let docs = dedup_exact(filtered()).kept;
    let out = dedup_near(docs, &NearDedupConfig::default());
    assert_eq!(out.stats.near_duplicates, NEAR_DUPLICATES);
    for r in &out.removed {
        let Reason::NearDuplicate {
            of,
            jaccard: estimate,
        } = &r.reason
        else {
            panic!()
        };
        let original = out.kept.iter().find(|d| &d.id == of).unwrap();
        let exact = jaccard(&original.text, &r.doc.text, 3);
        assert!(exact > 0.7 && exact < 1.0, "{exact}");
        assert!(
            (estimate - exact).abs() < 0.15,
            "estimate {estimate} vs exact {exact}"
        );
    }
}

#[test]
fn jaccard_threshold_is_a_real_knob() {
    let docs = dedup_exact(filtered()).kept;
    let strict = NearDedupConfig {
        threshold: 0.97,
        ..NearDedupConfig::default()
    };
    assert_eq!(dedup_near(docs.clone(), &strict).stats.near_duplicates, 0);
    let loose = NearDedupConfig {
        threshold: 0.5,
        ..NearDedupConfig::default()
    };
    assert_eq!(
        dedup_near(docs, &loose).stats.near_duplicates,
        NEAR_DUPLICATES
    );
}

#[test]
fn full_pipeline_counts_match_the_planted_construction() {
    let report = Pipeline::default().run(&[("web_scrape.txt", corpus::WEB_SCRAPE)]);
    let outs: Vec<usize> = report.steps.iter().map(|s| s.docs_out).collect();
    let after_filter = DOCS - BOILERPLATE - TOO_SHORT - SYMBOL_SOUP - REPETITIVE;
    let after_exact = after_filter - EXACT_DUPLICATES;
    let after_near = after_exact - NEAR_DUPLICATES;
    assert_eq!(
        outs,
        [
            DOCS,
            DOCS,
            after_filter,
            after_filter,
            after_exact,
            after_near,
            after_near,
            after_near
        ]
    );
    assert_eq!(after_near, CLEAN_BASE + PII_PARAGRAPHS);
    assert_eq!(report.removed.len(), DOCS - after_near);
    assert_eq!(report.scores.below_threshold, 0);
    // 10% of 28, rounded.
    assert_eq!(
        (report.split.train.len(), report.split.validation.len()),
        (25, 3)
    );
    let table = report.to_string();
    for step in [
        "Collection",
        "Cleaning",
        "Quality filter",
        "PII",
        "Exact dedup",
        "Near dedup",
        "scoring",
        "split",
    ] {
        assert!(table.contains(step), "{step} missing from\n{table}");
    }
    assert!(report
        .to_html()
        .contains("<td style=\"text-align:right\">64</td>"));
}

#[test]
fn general_prose_passes_every_step_untouched() {
    let files = corpus::general();
    let collected = collect(&files).kept;
    let n = collected.len();
    assert!(n > 50, "only {n} paragraphs");
    let report = Pipeline::default().run(&files);
    let removed: Vec<String> = report
        .removed
        .iter()
        .map(|r| format!("{}: {}", r.doc.id, r.reason))
        .collect();
    assert!(removed.is_empty(), "false positives: {removed:#?}");
    assert_eq!((report.pii.emails, report.pii.phones), (0, 0));
    assert_eq!(report.split.train.len() + report.split.validation.len(), n);
    let scores = score_quality(collected, 0.0).stats;
    let lowest = scores.scores.iter().map(|(_, s)| *s).fold(1.0, f64::min);
    assert!(
        lowest >= Pipeline::default().min_score,
        "lowest prose score {lowest}"
    );
}

#[test]
fn split_is_deterministic_disjoint_and_seed_dependent() {
    let docs = collect(&corpus::general()).kept;
    let a = split(docs.clone(), 0.1, 42);
    assert_eq!(a, split(docs.clone(), 0.1, 42));
    assert_eq!(
        a.validation.len(),
        (docs.len() as f64 * 0.1).round() as usize
    );
    let b = split(docs.clone(), 0.1, 43);
    assert_ne!(a.validation, b.validation);
    let mut ids: Vec<&str> = a
        .train
        .iter()
        .chain(&a.validation)
        .map(|d| d.id.as_str())
        .collect();
    ids.sort_unstable();
    let mut expected: Vec<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    expected.sort_unstable();
    assert_eq!(ids, expected);
}

#[test]
fn bias_files_have_the_documented_pronoun_skew() {
    let names: Vec<&str> = BIAS_PROFESSIONS.iter().map(|(p, _)| *p).collect();
    let skewed = pronoun_counts(corpus::BIAS_SKEWED, &names);
    let balanced = pronoun_counts(corpus::BIAS_BALANCED, &names);
    for (profession, stereotype) in BIAS_PROFESSIONS {
        let s = skewed.get(profession).unwrap();
        let (stereo, other) = if *stereotype == "she" {
            (s.she, s.he)
        } else {
            (s.he, s.she)
        };
        assert_eq!((stereo, other, s.they), (18, 2, 0), "{profession}");
        let b = balanced.get(profession).unwrap();
        assert_eq!((b.he, b.she), (10, 10), "{profession}");
        assert_eq!(b.she_share(), Some(0.5));
    }
}
