//! tiny_lm: a small language model trained in plain Rust, one concept per module.

pub mod corpus;
pub mod data;
