//! [`LLMConnector`]: blocking and async completions, streaming, chat, batches.

use crate::client::Client;
use crate::config::Config;
use crate::error::LlmError;
use crate::pipeline::{to_strings, LinePrinter};
use crate::types::{Completion, Message, Provider};
use crate::usage::UsageReport;
use std::fmt;
use std::time::Duration;

/// The client notebooks use: `LLMConnector::new()` reads the configuration,
/// prints a check, and is then ready for `get_completion`.
///
/// Cloning and `with_*` variants are cheap: they share the HTTP client, the
/// network thread and the usage totals.
///
/// ```
/// use llm_connector::LLMConnector;
/// // Notebooks call LLMConnector::new(); here: the offline model, no check printed.
/// # let server = llm_test_server::TestServer::start().unwrap();
/// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
/// let connector = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build();
/// let answer = connector.get_completion("Pre-training teaches").unwrap();
/// println!("{answer}");
/// ```
#[derive(Clone)]
pub struct LLMConnector {
    client: Client,
}

impl fmt::Debug for LLMConnector {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("LLMConnector")
            .field("provider", &self.provider())
            .field("model", &self.model())
            .field("api_key", &self.config().api_key())
            .field("options", self.client.options())
            .finish()
    }
}

impl LLMConnector {
    /// Reads `.env` and the environment, prints the configuration check, and
    /// returns a connector. Never panics and never fails: problems are printed
    /// and come back as errors from the calls.
    ///
    /// ```no_run
    /// let connector = llm_connector::LLMConnector::new();
    /// // 🔑 LLM Configuration Check:
    /// // ✅ OpenAI API Details: FOUND
    /// // ✅ Connected to OpenAI (model: gpt-4o)
    /// ```
    pub fn new() -> LLMConnector {
        LLMConnector::builder().build()
    }

    /// A builder: every option, the check optional.
    pub fn builder() -> crate::builder::ConnectorBuilder {
        crate::builder::ConnectorBuilder::default()
    }

    /// A connector for `config`, without printing the check.
    pub fn from_config(config: Config) -> LLMConnector {
        LLMConnector {
            client: Client::new(config),
        }
    }

    /// The configuration read at start-up.
    pub fn config(&self) -> &Config {
        self.client.config()
    }

    /// Who answers.
    pub fn provider(&self) -> Provider {
        self.config().provider
    }

    /// The model requests name (the deployment on Azure).
    pub fn model(&self) -> &str {
        &self.client.options().model
    }

    /// Runs the configuration check again and returns its lines (nothing printed).
    pub fn check_configuration(&self) -> Vec<String> {
        crate::check::lines(&self.client)
    }

    /// A variant using `model` (on Azure: the deployment). Ignored by the offline provider.
    ///
    /// ```
    /// let c = llm_connector::LLMConnector::builder().base_url("http://127.0.0.1:9/v1").skip_check().build();
    /// assert_eq!(c.with_model("gpt-4o-mini").model(), "gpt-4o-mini");
    /// ```
    pub fn with_model(&self, model: impl Into<String>) -> LLMConnector {
        if self.provider() == Provider::Offline {
            return self.clone();
        }
        let model = model.into();
        self.variant(|o| o.model = model)
    }

    fn variant(&self, change: impl FnOnce(&mut crate::client::Options)) -> LLMConnector {
        LLMConnector {
            client: self.client.with_options(change),
        }
    }

    /// A variant with this sampling temperature (0 = most deterministic).
    pub fn with_temperature(&self, temperature: f32) -> LLMConnector {
        self.variant(|o| o.temperature = Some(temperature))
    }

    /// A variant whose answers stop after `max_tokens` tokens.
    ///
    /// Sent as `max_completion_tokens` to OpenAI's reasoning models (o1, o3, o4, gpt-5 and their
    /// variants), which reject `max_tokens`; as `max_tokens` to every other model and server.
    pub fn with_max_tokens(&self, max_tokens: u32) -> LLMConnector {
        self.variant(|o| o.max_tokens = Some(max_tokens))
    }

    /// A variant that sends `prompt` as a system message before each request
    /// (unless the messages already start with one).
    pub fn with_system_prompt(&self, prompt: impl Into<String>) -> LLMConnector {
        self.variant(|o| o.system_prompt = Some(prompt.into()))
    }

    /// A variant with another limit for the whole call (retries and waits included).
    pub fn with_timeout(&self, timeout: Duration) -> LLMConnector {
        self.variant(|o| o.timeout = timeout)
    }

    /// Asks for one completion of `prompt`, waiting for the answer. Works in any
    /// notebook cell, before or after the session used `.await`.
    ///
    /// ```
    /// # let server = llm_test_server::TestServer::start().unwrap();
    /// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
    /// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build();
    /// let answer = c.get_completion("The model learns").unwrap();
    /// assert!(!answer.content.is_empty());
    /// ```
    pub fn get_completion(&self, prompt: &str) -> Result<Completion, LlmError> {
        self.chat(&[Message::user(prompt)])
    }

    /// Async twin of [`LLMConnector::get_completion`], for code already in async.
    /// Dropping the future cancels the request.
    pub async fn get_completion_async(&self, prompt: &str) -> Result<Completion, LlmError> {
        self.chat_async(&[Message::user(prompt)]).await
    }

    /// Sends a whole conversation and waits for the next answer.
    ///
    /// ```
    /// use llm_connector::{LLMConnector, Message};
    /// # let server = llm_test_server::TestServer::start().unwrap();
    /// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
    /// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build();
    /// let answer = c.chat(&[Message::system("Be brief."), Message::user("A token is")]).unwrap();
    /// assert_eq!(answer.provider, llm_connector::Provider::OpenAICompatible);
    /// ```
    pub fn chat(&self, messages: &[Message]) -> Result<Completion, LlmError> {
        self.client.chat(messages)
    }

    /// Async twin of [`LLMConnector::chat`]. Dropping the future cancels the request.
    pub async fn chat_async(&self, messages: &[Message]) -> Result<Completion, LlmError> {
        self.client.chat_async(messages).await
    }

    /// Streams the answer, printing each complete line as it arrives, and
    /// returns the whole completion. A stream cut before its end is an error.
    pub fn stream_completion(&self, prompt: &str) -> Result<Completion, LlmError> {
        let mut printer = LinePrinter::default();
        let result = self.stream_chat(&[Message::user(prompt)], |text| printer.push(text));
        printer.finish();
        result
    }

    /// Async twin of [`LLMConnector::stream_completion`].
    pub async fn stream_completion_async(&self, prompt: &str) -> Result<Completion, LlmError> {
        let mut printer = LinePrinter::default();
        let result = self
            .stream_chat_async(&[Message::user(prompt)], |text| printer.push(text))
            .await;
        printer.finish();
        result
    }

    /// Streams a conversation's answer, calling `on_text` on this thread with
    /// each piece as it arrives.
    ///
    /// ```
    /// use llm_connector::{LLMConnector, Message};
    /// # let server = llm_test_server::TestServer::start().unwrap();
    /// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
    /// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build();
    /// let mut pieces = 0;
    /// let answer = c.stream_chat(&[Message::user("The loss")], |_| pieces += 1).unwrap();
    /// assert!(pieces >= 1 && !answer.content.is_empty());
    /// ```
    pub fn stream_chat(
        &self,
        messages: &[Message],
        mut on_text: impl FnMut(&str),
    ) -> Result<Completion, LlmError> {
        self.client.stream_chat(messages, &mut on_text)
    }

    /// Async twin of [`LLMConnector::stream_chat`]. Dropping the future cancels the request.
    pub async fn stream_chat_async(
        &self,
        messages: &[Message],
        on_text: impl FnMut(&str),
    ) -> Result<Completion, LlmError> {
        self.client.stream_chat_async(messages, on_text).await
    }

    /// Completes many prompts, at most `concurrency` at a time. Results come
    /// back in input order; one failure does not affect the others.
    ///
    /// ```
    /// # let server = llm_test_server::TestServer::start().unwrap();
    /// // A local OpenAI-compatible server (notebooks call LLMConnector::new()).
    /// let c = llm_connector::LLMConnector::builder().base_url(server.url()).skip_check().build();
    /// let results = c.get_completions(&["One", "Two", "Three"], 2);
    /// assert_eq!(results.len(), 3);
    /// ```
    pub fn get_completions<S: AsRef<str>>(
        &self,
        prompts: &[S],
        concurrency: usize,
    ) -> Vec<Result<Completion, LlmError>> {
        self.complete_batch(to_strings(prompts), concurrency)
    }

    /// The non-generic body of [`LLMConnector::get_completions`]: compiled once in this crate,
    /// not again in every notebook cell that calls the generic wrapper.
    fn complete_batch(
        &self,
        prompts: Vec<String>,
        concurrency: usize,
    ) -> Vec<Result<Completion, LlmError>> {
        self.client.batch(prompts, concurrency)
    }

    /// Async twin of [`LLMConnector::get_completions`].
    pub async fn get_completions_async<S: AsRef<str>>(
        &self,
        prompts: &[S],
        concurrency: usize,
    ) -> Vec<Result<Completion, LlmError>> {
        self.complete_batch_async(to_strings(prompts), concurrency)
            .await
    }

    /// The non-generic body of [`LLMConnector::get_completions_async`].
    async fn complete_batch_async(
        &self,
        prompts: Vec<String>,
        concurrency: usize,
    ) -> Vec<Result<Completion, LlmError>> {
        self.client.batch_async(prompts, concurrency).await
    }

    /// A conversation that remembers earlier questions and answers.
    pub fn conversation(&self) -> crate::conversation::Conversation {
        crate::conversation::Conversation::new(self.clone())
    }

    /// Problems met while running (for example cache files that could not be
    /// read and were skipped), oldest first. Each was also printed to stdout
    /// (never stderr, which a notebook treats as a failing cell).
    pub fn warnings(&self) -> Vec<String> {
        self.client.warnings()
    }

    /// Token totals and estimated cost for this session (all variants together).
    pub fn usage(&self) -> UsageReport {
        self.client.usage()
    }
}

impl Default for LLMConnector {
    fn default() -> Self {
        LLMConnector::new()
    }
}
