//! The client core below the [`crate::LLMConnector`] facade: configuration,
//! network engines, the request pipeline, the cache and the usage ledger.
//! It knows nothing of the facade; `builder`, `check`, `conversation` and
//! `display` sit on top of it.

use crate::cache::Cache;
use crate::config::Config;
use crate::error::LlmError;
use crate::pipeline::{batch, run, Sink};
use crate::provider::offline::{self, OfflineModel};
use crate::provider::Endpoint;
use crate::runtime::{Engine, EngineSlot};
use crate::transport::{probe, Probe};
use crate::types::{Completion, Message, Provider};
use crate::usage::{Ledger, UsageReport};
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// State shared by a client and every variant derived from it.
pub(crate) struct Shared {
    pub config: Config,
    engines: EngineSlot,
    pub ledger: Mutex<Ledger>,
    pub cache: Arc<Cache>,
    offline: OfflineModel,
}

impl Shared {
    pub fn offline_model(&self) -> &OfflineModel {
        &self.offline
    }
}

/// Per-call options; variants differ only here.
#[derive(Clone, Debug)]
pub(crate) struct Options {
    /// The model (on Azure: the deployment; empty when none is configured).
    pub model: String,
    pub temperature: Option<f32>,
    pub max_tokens: Option<u32>,
    pub system_prompt: Option<String>,
    /// The whole call's limit.
    pub timeout: Duration,
}

/// A configured client: shared state plus this variant's options.
#[derive(Clone)]
pub(crate) struct Client {
    shared: Arc<Shared>,
    options: Options,
}

impl Client {
    pub fn new(config: Config) -> Client {
        let options = Options {
            model: match config.provider {
                Provider::Offline => offline::MODEL_NAME.to_string(),
                _ => config.model.clone(),
            },
            temperature: config.temperature,
            max_tokens: config.max_tokens,
            system_prompt: config.system_prompt.clone(),
            timeout: config.timeout,
        };
        let shared = Shared {
            engines: EngineSlot::new(config.connect_timeout),
            ledger: Mutex::new(Ledger::default()),
            cache: Arc::new(Cache::new(config.cache_dir.clone())),
            offline: OfflineModel::default(),
            config,
        };
        Client {
            shared: Arc::new(shared),
            options,
        }
    }

    pub fn config(&self) -> &Config {
        &self.shared.config
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    /// A variant sharing everything but the options.
    pub fn with_options(&self, change: impl FnOnce(&mut Options)) -> Client {
        let mut variant = self.clone();
        change(&mut variant.options);
        variant
    }

    fn engine(&self) -> Result<Arc<Engine>, LlmError> {
        self.shared.engines.get()
    }

    /// One request, ready to run on `engine`'s runtime.
    fn job(
        &self,
        engine: &Engine,
        messages: &[Message],
        sink: Option<Sink>,
    ) -> impl std::future::Future<Output = Result<Completion, LlmError>> + Send + 'static {
        run(
            self.shared.clone(),
            engine.client.clone(),
            self.options.clone(),
            messages.to_vec(),
            sink,
        )
    }

    pub fn chat(&self, messages: &[Message]) -> Result<Completion, LlmError> {
        let engine = self.engine()?;
        engine.runtime.block_on(self.job(&engine, messages, None))
    }

    pub async fn chat_async(&self, messages: &[Message]) -> Result<Completion, LlmError> {
        let engine = self.engine()?;
        engine.runtime.run(self.job(&engine, messages, None)).await
    }

    /// Streams on the runtime thread; `on_text` runs on this thread.
    pub fn stream_chat(
        &self,
        messages: &[Message],
        on_text: &mut dyn FnMut(&str),
    ) -> Result<Completion, LlmError> {
        let (tx, rx) = std::sync::mpsc::channel::<String>();
        let sink: Sink = Box::new(move |text| {
            let _ = tx.send(text.to_string());
        });
        let engine = self.engine()?;
        let job = self.job(&engine, messages, Some(sink));
        let (done_tx, done_rx) = std::sync::mpsc::channel();
        engine.runtime.handle().spawn(async move {
            let _ = done_tx.send(job.await);
        });
        // The text channel closes when the job (and its sink) is finished.
        for text in rx {
            on_text(&text);
        }
        done_rx
            .recv()
            .unwrap_or_else(|_| Err(LlmError::Internal("the stream task stopped".into())))
    }

    /// Dropping the returned future cancels the request. Generic so that the
    /// future is `Send` exactly when `on_text` is.
    pub async fn stream_chat_async(
        &self,
        messages: &[Message],
        mut on_text: impl FnMut(&str),
    ) -> Result<Completion, LlmError> {
        let (tx, mut rx) = tokio::sync::mpsc::unbounded_channel::<String>();
        let sink: Sink = Box::new(move |text| {
            let _ = tx.send(text.to_string());
        });
        let engine = self.engine()?;
        let task = engine
            .runtime
            .spawn(self.job(&engine, messages, Some(sink)));
        while let Some(text) = rx.recv().await {
            on_text(&text);
        }
        task.await
    }

    pub fn batch(
        &self,
        prompts: Vec<String>,
        concurrency: usize,
    ) -> Vec<Result<Completion, LlmError>> {
        let count = prompts.len();
        match self.engine() {
            Ok(engine) => engine
                .runtime
                .block_on(batch(
                    self.shared.clone(),
                    engine.client.clone(),
                    self.options.clone(),
                    prompts,
                    concurrency,
                ))
                .unwrap_or_else(|e| vec![Err(e); count]),
            Err(e) => vec![Err(e); count],
        }
    }

    pub async fn batch_async(
        &self,
        prompts: Vec<String>,
        concurrency: usize,
    ) -> Vec<Result<Completion, LlmError>> {
        let count = prompts.len();
        match self.engine() {
            Ok(engine) => engine
                .runtime
                .run(batch(
                    self.shared.clone(),
                    engine.client.clone(),
                    self.options.clone(),
                    prompts,
                    concurrency,
                ))
                .await
                .unwrap_or_else(|e| vec![Err(e); count]),
            Err(e) => vec![Err(e); count],
        }
    }

    /// The configuration check's `GET /models` at `endpoint`, bounded by `limit`.
    pub fn probe(&self, endpoint: Endpoint, limit: Duration) -> Result<Probe, LlmError> {
        let engine = self.engine()?;
        let client = engine.client.clone();
        engine
            .runtime
            .block_on(async move { Ok(probe(&client, &endpoint, limit).await) })
    }

    pub fn usage(&self) -> UsageReport {
        self.shared
            .ledger
            .lock()
            .map(|l| l.report())
            .unwrap_or_default()
    }

    pub fn warnings(&self) -> Vec<String> {
        self.shared.cache.warnings()
    }
}
