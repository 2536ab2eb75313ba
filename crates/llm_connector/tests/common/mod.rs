//! Shared helpers: a connector pointed at a local test server, with short
//! backoffs so retry tests take milliseconds.

#![allow(dead_code)]

use llm_connector::LLMConnector;
use llm_test_server::TestServer;
use std::path::PathBuf;
use std::time::Duration;

pub fn connector_for(server: &TestServer) -> LLMConnector {
    builder_for(server).build()
}

pub fn builder_for(server: &TestServer) -> llm_connector::ConnectorBuilder {
    LLMConnector::builder()
        .ignore_environment()
        .base_url(server.url())
        .model("test-model")
        .max_retries(2)
        .backoff(Duration::from_millis(10), Duration::from_millis(40))
        .timeout(Duration::from_secs(10))
        .skip_check()
}

/// A fresh empty directory under the system temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicU32, Ordering};
    static N: AtomicU32 = AtomicU32::new(0);
    let dir = std::env::temp_dir().join(format!(
        "llm_connector_test_{}_{}_{}",
        std::process::id(),
        name,
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A base URL on 127.0.0.1 where nothing listens (the port was bound, then released).
pub fn unreachable_url() -> String {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    format!("http://127.0.0.1:{port}/v1")
}
