//! The values callers hold: messages, completions, token usage, provider names.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Duration;

/// Who answers.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Provider {
    /// OpenAI's own API.
    OpenAI,
    /// A server that speaks OpenAI's protocol (Ollama, vLLM, LM Studio, llama.cpp, the test server).
    OpenAICompatible,
    /// Azure OpenAI.
    AzureOpenAI,
    /// The built-in tiny model; no network.
    Offline,
}

impl Provider {
    pub(crate) fn openai_for(base_url: &str) -> Provider {
        if base_url.trim_end_matches('/') == crate::config::DEFAULT_BASE_URL {
            Provider::OpenAI
        } else {
            Provider::OpenAICompatible
        }
    }

    /// Short stable name: `openai`, `openai-compatible`, `azure`, `offline`.
    ///
    /// ```
    /// assert_eq!(llm_connector::Provider::AzureOpenAI.as_str(), "azure");
    /// ```
    pub fn as_str(&self) -> &'static str {
        match self {
            Provider::OpenAI => "openai",
            Provider::OpenAICompatible => "openai-compatible",
            Provider::AzureOpenAI => "azure",
            Provider::Offline => "offline",
        }
    }
}

impl fmt::Display for Provider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Provider::OpenAI => "OpenAI",
            Provider::OpenAICompatible => "OpenAI-compatible server",
            Provider::AzureOpenAI => "Azure OpenAI",
            Provider::Offline => "offline tiny model",
        })
    }
}

/// The author of a chat message.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Instructions that frame the conversation.
    System,
    /// The student's words.
    User,
    /// The model's earlier answers.
    Assistant,
}

/// One chat message.
///
/// ```
/// use llm_connector::Message;
/// let chat = [Message::system("Answer in one sentence."), Message::user("What is a token?")];
/// assert_eq!(chat[1].content, "What is a token?");
/// ```
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Message {
    /// Who wrote it.
    pub role: Role,
    /// The text.
    pub content: String,
}

impl Message {
    /// A system message.
    pub fn system(content: impl Into<String>) -> Message {
        Message {
            role: Role::System,
            content: content.into(),
        }
    }
    /// A user message.
    pub fn user(content: impl Into<String>) -> Message {
        Message {
            role: Role::User,
            content: content.into(),
        }
    }
    /// An assistant message (an earlier answer).
    pub fn assistant(content: impl Into<String>) -> Message {
        Message {
            role: Role::Assistant,
            content: content.into(),
        }
    }
}

/// Token counts reported by the server.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Usage {
    /// Tokens in the request.
    pub prompt_tokens: u64,
    /// Tokens in the answer.
    pub completion_tokens: u64,
    /// Their sum.
    pub total_tokens: u64,
}

/// A model's answer.
///
/// `Display` prints the content; in a notebook, a cell ending with a
/// `Completion` renders it as Markdown (see [`Completion::evcxr_display`]).
///
/// ```
/// # let server = llm_test_server::TestServer::start().unwrap();
/// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
/// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build()
///     .get_completion("The model").unwrap();
/// assert_eq!(c.to_string(), c.content);
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Completion {
    /// The answer text.
    pub content: String,
    /// The model that answered, as the server named it.
    pub model: String,
    /// Who answered.
    pub provider: Provider,
    /// Why the answer ended: `stop`, `length` (hit max tokens), `content_filter`, ...
    pub finish_reason: Option<String>,
    /// Token counts, when the server sent them.
    pub usage: Option<Usage>,
    /// Time from sending the request to having the whole answer.
    pub latency: Duration,
    /// Whether the answer came from the response cache.
    pub from_cache: bool,
}
