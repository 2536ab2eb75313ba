//! tiny_lm: a small language model trained in plain Rust, one concept per module.
//!
//! Read in this order: [`corpus`] and [`data`] (the text and its cleaning),
//! [`tokenizer`] (text to numbers), [`model`] (the transformer and its
//! hand-written backward pass), [`kernels`] (the matrix multiply), [`train`]
//! (AdamW, schedule, accumulation, clipping, threads, bf16), [`eval`],
//! [`checkpoint`], [`generate`] (sampling, KV cache), [`chat`] (the chat
//! template of instruction tuning), [`plot`], [`experiments`], [`recipe`]
//! (how the shipped `base` and `instruct` models are built and measured),
//! [`pretrained`] (those two models).
//!
//! The notebook's hands-on cells, each one or two calls (step counts cut
//! down here so the example runs in a second):
//!
//! ```
//! use tiny_lm::{experiments, generate, plot, ModelConfig, TrainConfig};
//!
//! // Data pipeline + BPE tokenizer on the general corpus.
//! let data = experiments::TextData::general(512)?;
//! println!("{}", data.tokenizer.tokenize("The weather today is sunny."));
//!
//! // Pre-train (a notebook uses ~300 steps: a few seconds on one core).
//! let model_cfg = ModelConfig::tiny(data.tokenizer.vocab_size());
//! let train_cfg = TrainConfig { total_steps: 20, log_every: 10, eval_every: 10, ..TrainConfig::default() };
//! let mut trainer = data.trainer(model_cfg, train_cfg, 0)?;
//! let history = trainer.train(20); // prints "step 10 | loss ... | tok/s" lines
//! let _chart = history.plot(); // `history` alone in a cell shows the loss curve
//!
//! // What does it predict now?
//! let top = generate::top_k_next(&trainer.model, &data.tokenizer, "The weather today is", 5)?;
//! println!("{top}");
//!
//! // Techniques, measured.
//! let _lr_chart = plot::lr_schedule(&train_cfg);
//! let acc = experiments::accumulation_vs_big_batch(&data, model_cfg, 4, 4, 1)?;
//! assert!(acc.weights.same());
//! println!("{}", experiments::FlopReport::from_history(&trainer.model, &history));
//!
//! // The shipped models: `base` continues text, `instruct` (the connector's
//! // offline provider) answers through the chat template.
//! let base = tiny_lm::pretrained::load_base()?;
//! println!("{}", base.continue_text("Explain pre-training", 20, 0));
//! let instruct = tiny_lm::pretrained::load_instruct()?;
//! println!("{}", instruct.answer("What is pre-training?", 0));
//! # Ok::<(), tiny_lm::Error>(())
//! ```

pub mod chat;
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
pub mod recipe;
pub mod rng;
pub mod tables;
pub mod tokenizer;
pub mod train;

pub use error::{Error, Result};
pub use model::{Model, ModelConfig};
pub use precision::Precision;
pub use tokenizer::Tokenizer;
pub use train::{LossHistory, TrainConfig, Trainer};
