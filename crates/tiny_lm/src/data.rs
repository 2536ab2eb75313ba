//! The data pipeline: collection, cleaning, filtering, PII scrubbing, deduplication, scoring, split.
