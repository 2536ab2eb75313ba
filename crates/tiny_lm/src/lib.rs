//! tiny_lm: a small language model trained in plain Rust, one concept per module.
//!
//! Read in this order: [`tokenizer`] (text to numbers), [`model`] (the
//! transformer and its hand-written backward pass), [`kernels`] (the matrix
//! multiply), [`train`] (AdamW, schedule, accumulation, clipping, threads,
//! bf16), [`eval`], [`checkpoint`], [`generate`], [`plot`], [`pretrained`].

pub mod checkpoint;
pub mod codec;
pub mod corpus;
pub mod data;
pub mod error;
pub mod eval;
pub mod experiments;
pub mod generate;
pub mod kernels;
pub mod model;
pub mod plot;
pub mod precision;
pub mod pretrained;
pub mod rng;
pub mod tokenizer;
pub mod train;

pub use error::{Error, Result};
pub use model::{Model, ModelConfig};
pub use precision::Precision;
pub use tokenizer::Tokenizer;
pub use train::{LossHistory, TrainConfig, Trainer};
