//! The key-less local OpenAI-compatible server (crates/llm_test_server), started for one notebook
//! run and stopped when the guard is dropped.

use crate::paths::Paths;
use crate::proc::{self, Result};
use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running llm_test_server; dropping it stops the server.
pub struct LocalServer {
    child: Child,
    pub url: String,
}

impl LocalServer {
    /// Builds the server in the workspace's default target/ and starts it on a free port.
    pub fn start(paths: &Paths) -> Result<LocalServer> {
        println!("==> starting the local OpenAI-compatible server (llm_test_server)");
        proc::run(
            proc::cargo()
                .args(["build", "--quiet", "-p", "llm_test_server"])
                .current_dir(&paths.root)
                .env_remove("CARGO_TARGET_DIR"),
        )?;
        let binary = paths.target().join("debug").join("llm_test_server");
        let mut child = Command::new(&binary)
            .args(["--host", "127.0.0.1", "--port", "0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", binary.display()))?;
        let stdout = child.stdout.take().expect("stdout is piped");
        let (sender, receiver) = mpsc::channel();
        std::thread::spawn(move || {
            let mut lines = BufReader::new(stdout).lines();
            let _ = sender.send(lines.next());
            // Keep draining so the server never blocks on a full pipe.
            for _ in lines {}
        });
        let first_line = receiver.recv_timeout(Duration::from_secs(30));
        let mut server = LocalServer {
            child,
            url: String::new(),
        };
        match first_line {
            Ok(Some(Ok(line))) if line.starts_with("http") => {
                server.url = line.trim().to_string();
                println!("    server at {}", server.url);
                Ok(server)
            }
            other => Err(format!(
                "llm_test_server did not print its URL on the first line (got {other:?})"
            )),
        }
    }
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
