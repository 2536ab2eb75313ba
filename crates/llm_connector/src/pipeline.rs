//! One request from start to [`Completion`], run on the connector's network
//! thread; batches; printing streamed text line by line.

use crate::cache::{prompt_of, Lookup};
use crate::client::{Options, Shared};
use crate::config::CacheMode;
use crate::error::LlmError;
use crate::provider::endpoint;
use crate::provider::openai::{request_body, ChatRequest, Decoded};
use crate::retry::RetryPolicy;
use crate::runtime::Task;
use crate::transport::{Call, Limits};
use crate::types::{Completion, Message, Provider, Role};
use std::io::Write;
use std::sync::Arc;
use std::time::Instant;

/// Called with each piece of streamed text.
pub(crate) type Sink = Box<dyn FnMut(&str) + Send>;

pub(crate) fn to_strings<S: AsRef<str>>(prompts: &[S]) -> Vec<String> {
    prompts.iter().map(|p| p.as_ref().to_string()).collect()
}

/// Many prompts, at most `concurrency` at a time; dropping this future cancels them all.
pub(crate) async fn batch(
    shared: Arc<Shared>,
    client: reqwest::Client,
    options: Options,
    prompts: Vec<String>,
    concurrency: usize,
) -> Result<Vec<Result<Completion, LlmError>>, LlmError> {
    let permits = Arc::new(tokio::sync::Semaphore::new(concurrency.max(1)));
    let tasks: Vec<_> = prompts
        .into_iter()
        .map(|prompt| {
            let permits = permits.clone();
            let job = run(
                shared.clone(),
                client.clone(),
                options.clone(),
                vec![Message::user(prompt)],
                None,
            );
            Task::spawn(async move {
                let _permit = permits.acquire_owned().await;
                job.await
            })
        })
        .collect();
    let mut results = Vec::with_capacity(tasks.len());
    for task in tasks {
        results.push(task.await);
    }
    Ok(results)
}

/// One request from start to `Completion`, on the network thread.
pub(crate) async fn run(
    shared: Arc<Shared>,
    client: reqwest::Client,
    options: Options,
    mut messages: Vec<Message>,
    mut sink: Option<Sink>,
) -> Result<Completion, LlmError> {
    let started = Instant::now();
    if let Some(system) = &options.system_prompt {
        if messages.first().is_none_or(|m| m.role != Role::System) {
            messages.insert(0, Message::system(system.clone()));
        }
    }
    let provider = shared.config.provider;
    let request = ChatRequest {
        messages,
        model: options.model.clone(),
        temperature: options.temperature,
        max_tokens: options.max_tokens,
    };
    let cache_mode = shared.config.cache_mode;
    if cache_mode != CacheMode::Off {
        let replay = cache_mode == CacheMode::Replay;
        // File I/O blocks: it runs off the runtime thread, which other requests share.
        let (cache, req) = (shared.cache.clone(), request.clone());
        let lookup = tokio::task::spawn_blocking(move || cache.lookup(provider, &req, replay))
            .await
            .unwrap_or(Lookup::Miss);
        match lookup {
            Lookup::Hit(mut hit) => {
                if let Some(sink) = sink.as_mut() {
                    sink(&hit.content);
                }
                hit.latency = started.elapsed();
                if let Ok(mut ledger) = shared.ledger.lock() {
                    ledger.record(hit.provider, &hit.model, hit.usage, true);
                }
                return Ok(hit);
            }
            Lookup::Miss if replay => {
                return Err(LlmError::CacheMiss {
                    prompt: prompt_of(&request),
                });
            }
            Lookup::Miss => {}
        }
    }
    let decoded: Decoded = if provider == Provider::Offline {
        let worker = shared.clone();
        let req = request.clone();
        let decoded = tokio::task::spawn_blocking(move || worker.offline_model().complete(&req))
            .await
            .unwrap_or_else(|_| Err(LlmError::Internal("the offline model stopped".into())))?;
        if let Some(sink) = sink.as_mut() {
            sink(&decoded.content);
        }
        decoded
    } else {
        let config = &shared.config;
        let endpoint = endpoint(config, &request.model)?;
        let call = Call {
            client: &client,
            endpoint: &endpoint,
            provider,
            policy: RetryPolicy {
                max_retries: config.max_retries,
                backoff_initial: config.backoff_initial,
                backoff_max: config.backoff_max,
            },
            limits: Limits {
                connect: config.connect_timeout,
                idle: config.idle_timeout,
                total: options.timeout,
            },
        };
        let body = request_body(&request, endpoint.include_model, sink.is_some())?;
        match sink.as_mut() {
            Some(sink) => call.stream(body, sink.as_mut()).await?,
            None => call.complete(body).await?,
        }
    };
    let completion = Completion {
        content: decoded.content,
        model: decoded.model.unwrap_or_else(|| request.model.clone()),
        provider,
        finish_reason: decoded.finish_reason,
        usage: decoded.usage,
        latency: started.elapsed(),
        from_cache: false,
    };
    if let Ok(mut ledger) = shared.ledger.lock() {
        ledger.record(provider, &completion.model, completion.usage, false);
    }
    // The offline model is local and deterministic: recording it would only
    // crowd out real answers in a committed cache.
    if cache_mode == CacheMode::On && provider != Provider::Offline {
        let (cache, answer) = (shared.cache.clone(), completion.clone());
        let _ = tokio::task::spawn_blocking(move || cache.store(&request, &answer)).await;
    }
    Ok(completion)
}

/// Prints streamed text one whole line at a time (evcxr forwards stdout by line).
#[derive(Default)]
pub(crate) struct LinePrinter {
    pending: String,
}

impl LinePrinter {
    pub fn push(&mut self, text: &str) {
        self.pending.push_str(text);
        if let Some(end) = self.pending.rfind('\n') {
            print!("{}", &self.pending[..=end]);
            let _ = std::io::stdout().flush();
            self.pending.drain(..=end);
        }
    }

    pub fn finish(&mut self) {
        if !self.pending.is_empty() {
            println!("{}", std::mem::take(&mut self.pending));
        }
    }
}
