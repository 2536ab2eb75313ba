//! The connector's own tokio runtime, on its own thread.
//!
//! Why: a notebook cell may run outside any runtime, or (in evcxr, once a
//! session used `.await`) inside one. Calling `block_on` there panics, and so
//! does dropping a runtime there. So all network work runs on this thread; a
//! blocking call waits on a plain channel, an async call awaits the task's
//! handle, and the runtime is dropped by its own thread, never by the caller.

use crate::error::LlmError;
use std::future::Future;
use tokio::runtime::Handle;

pub(crate) struct BackgroundRuntime {
    handle: Handle,
    /// Dropping this ends the thread's `block_on`; the thread then drops the runtime.
    _stop: tokio::sync::oneshot::Sender<()>,
}

impl BackgroundRuntime {
    pub fn start() -> std::io::Result<BackgroundRuntime> {
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
    pub async fn run<T: Send + 'static>(
        &self,
        future: impl Future<Output = Result<T, LlmError>> + Send + 'static,
    ) -> Result<T, LlmError> {
        self.handle
            .spawn(future)
            .await
            .unwrap_or_else(|_| Err(worker_stopped()))
    }

    pub fn handle(&self) -> &Handle {
        &self.handle
    }
}

fn worker_stopped() -> LlmError {
    LlmError::Internal("the connector's background task stopped unexpectedly".into())
}
