//! Where network work runs: the connector's own tokio runtime on its own
//! thread, with the HTTP client that belongs to it.
//!
//! Why a thread of our own: a notebook cell may run outside any runtime, or
//! (in evcxr, once a session used `.await`) inside one, where calling
//! `block_on` panics and so does dropping a runtime. So all network work runs
//! on this thread; a blocking call waits on a plain channel, an async call
//! awaits the task's handle, and the runtime is dropped by its own thread.
//!
//! Why one engine per copy of this code: evcxr links a fresh copy of every
//! dependency into each cell, and each copy has its own statics and
//! thread-locals (tokio's "current runtime" among them). A runtime or HTTP
//! client made by cell 1's copy cannot be driven by cell 2's code ("there is
//! no reactor running"). So a connector made in one cell and used in another
//! starts a fresh engine for the new copy; calls from the same copy share one
//! (and its connection pool).

use crate::error::LlmError;
use std::future::Future;
use std::sync::atomic::AtomicU8;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::runtime::Handle;

/// Its address identifies the copy of this crate's code that is running.
/// (A mutable static is never merged with another.)
static COPY_MARKER: AtomicU8 = AtomicU8::new(0);

fn copy_id() -> usize {
    &COPY_MARKER as *const AtomicU8 as usize
}

/// A runtime thread and the HTTP client whose connections live on it.
pub(crate) struct Engine {
    pub runtime: BackgroundRuntime,
    pub client: reqwest::Client,
}

/// The engine of the copy that last made calls; replaced when another copy calls.
pub(crate) struct EngineSlot {
    connect_timeout: Duration,
    slot: Mutex<Option<(usize, Arc<Engine>)>>,
}

impl EngineSlot {
    pub fn new(connect_timeout: Duration) -> EngineSlot {
        EngineSlot {
            connect_timeout,
            slot: Mutex::new(None),
        }
    }

    /// The engine for the running copy, started on first use.
    pub fn get(&self) -> Result<Arc<Engine>, LlmError> {
        self.get_for(copy_id())
    }

    fn get_for(&self, id: usize) -> Result<Arc<Engine>, LlmError> {
        let mut slot = self
            .slot
            .lock()
            .map_err(|_| LlmError::Internal("the engine lock was poisoned".into()))?;
        if let Some((owner, engine)) = slot.as_ref() {
            if *owner == id {
                return Ok(engine.clone());
            }
        }
        let client = reqwest::Client::builder()
            .connect_timeout(self.connect_timeout)
            .user_agent(concat!("llm_connector/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| LlmError::Internal(format!("could not create the HTTP client: {e}")))?;
        let runtime = BackgroundRuntime::start().map_err(|e| {
            LlmError::Internal(format!(
                "could not start the connector's network thread: {e}"
            ))
        })?;
        let engine = Arc::new(Engine { runtime, client });
        // The engine of another copy is dropped here; its thread then shuts down.
        *slot = Some((id, engine.clone()));
        Ok(engine)
    }
}

pub(crate) struct BackgroundRuntime {
    handle: Handle,
    /// Dropping this ends the thread's `block_on`; the thread then drops the runtime.
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl BackgroundRuntime {
    fn start() -> std::io::Result<BackgroundRuntime> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let handle = runtime.handle().clone();
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        std::thread::Builder::new()
            .name("llm_connector".into())
            .spawn(move || {
                runtime.block_on(async {
                    let _ = stopped.await;
                });
                drop(runtime);
            })?;
        Ok(BackgroundRuntime {
            handle,
            _stop: stop,
        })
    }

    /// Runs `future` on the runtime thread and waits for it on this thread.
    /// Safe inside or outside a tokio runtime.
    pub fn block_on<T: Send + 'static>(
        &self,
        future: impl Future<Output = Result<T, LlmError>> + Send + 'static,
    ) -> Result<T, LlmError> {
        let (tx, rx) = std::sync::mpsc::channel();
        self.handle.spawn(async move {
            let _ = tx.send(future.await);
        });
        rx.recv().unwrap_or_else(|_| Err(worker_stopped()))
    }

    /// Runs `future` on the runtime thread; awaitable from any executor.
    /// Dropping the returned future cancels `future`.
    pub async fn run<T: Send + 'static>(
        &self,
        future: impl Future<Output = Result<T, LlmError>> + Send + 'static,
    ) -> Result<T, LlmError> {
        self.spawn(future).await
    }

    /// Starts `future` on the runtime thread; dropping the task cancels it.
    pub fn spawn<T: Send + 'static>(
        &self,
        future: impl Future<Output = Result<T, LlmError>> + Send + 'static,
    ) -> Task<T> {
        Task(self.handle.spawn(future))
    }

    pub fn handle(&self) -> &Handle {
        &self.handle
    }
}

/// A spawned request that is cancelled when dropped: an async call whose future a
/// notebook drops (a timeout, a cancelled cell) must not go on running and billing.
pub(crate) struct Task<T>(tokio::task::JoinHandle<Result<T, LlmError>>);

impl<T: Send + 'static> Task<T> {
    /// Spawns on the current runtime (inside the connector's runtime thread).
    pub fn spawn(future: impl Future<Output = Result<T, LlmError>> + Send + 'static) -> Task<T> {
        Task(tokio::spawn(future))
    }
}

impl<T> Drop for Task<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

impl<T> Future for Task<T> {
    type Output = Result<T, LlmError>;
    fn poll(
        mut self: std::pin::Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Self::Output> {
        std::pin::Pin::new(&mut self.0)
            .poll(cx)
            .map(|joined| joined.unwrap_or_else(|_| Err(worker_stopped())))
    }
}

fn worker_stopped() -> LlmError {
    LlmError::Internal("the connector's background task stopped unexpectedly".into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_engine_per_copy_and_the_old_one_stops() {
        let slot = EngineSlot::new(Duration::from_secs(1));
        let first = slot.get_for(1).unwrap();
        assert!(Arc::ptr_eq(&first, &slot.get_for(1).unwrap()));
        let weak = Arc::downgrade(&first);
        drop(first);
        let second = slot.get_for(2).unwrap();
        assert!(
            weak.upgrade().is_none(),
            "the other copy's engine was released"
        );
        assert_eq!(second.runtime.block_on(async { Ok(7) }), Ok(7));
        assert_eq!(slot.get().unwrap().runtime.block_on(async { Ok(8) }), Ok(8));
    }
}
