//! llm_connector: the Rust twin of the notebook helper `utils_llm_connector`.
//!
//! ```no_run
//! use llm_connector::LLMConnector;
//! let connector = LLMConnector::new(); // prints the configuration check
//! let answer = connector.get_completion("Explain pre-training in two sentences.").unwrap();
//! println!("{}", answer.content);
//! ```
//!
//! Providers: OpenAI and compatible servers (Ollama, vLLM, LM Studio, llama.cpp),
//! Azure OpenAI, and a built-in offline tiny model used when no key is set.
//! Configuration comes from the environment and `.env` (see `.env.example`).
//!
//! In an evcxr notebook a connector made in one cell works in later cells,
//! before and after the session used `.await`: network work runs on the
//! connector's own thread, one per cell's copy of the crate (evcxr links a
//! fresh copy of each dependency into every cell). This crate asks for the same
//! tokio features that evcxr adds on a first `.await` and that `llm_test_server`
//! uses, so neither rebuilds it, and evcxr keeps the variables holding a
//! connector.

#![warn(missing_docs)]

mod builder;
mod cache;
mod check;
mod client;
mod config;
mod connector;
mod conversation;
mod display;
mod error;
mod pipeline;
#[cfg(test)]
mod proptests;
mod provider;
mod resolve;
mod retry;
mod runtime;
mod sse;
mod transport;
mod types;
mod usage;

pub use builder::ConnectorBuilder;
pub use config::{
    ApiKey, AzureConfig, CacheMode, Config, DEFAULT_AZURE_API_VERSION, DEFAULT_BASE_URL,
    DEFAULT_CONNECT_TIMEOUT, DEFAULT_IDLE_TIMEOUT, DEFAULT_MODEL, DEFAULT_TIMEOUT,
};
pub use connector::LLMConnector;
pub use conversation::Conversation;
pub use error::{LlmError, TimeoutKind};
pub use types::{Completion, Message, Provider, Role, Usage};
pub use usage::{price_per_million, UsageReport, PRICES, PRICES_AS_OF};
