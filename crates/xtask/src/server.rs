//! The key-less local OpenAI-compatible server (crates/llm_test_server), started for one notebook
//! run and stopped when the guard is dropped.

use crate::paths::Paths;
use crate::proc::{self, Result};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

/// A running llm_test_server; dropping it stops the server.
pub struct LocalServer {
    child: Child,
    pub url: String,
    /// One line per request the server got, naming the credential header it carried, if any.
    pub request_log: PathBuf,
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
        let request_log = paths.target().join("local_server_requests.log");
        let mut child = Command::new(&binary)
            .args(["--host", "127.0.0.1", "--port", "0", "--request-log"])
            .arg(&request_log)
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
            request_log,
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

impl LocalServer {
    /// Fails when a request reached the server with a credential header: the runs of
    /// `cargo xtask test` give the kernel no key, so any key that arrives came from somewhere it
    /// must not (a `.env` the kernel read, the caller's environment).
    pub fn check_no_credentials(&self) -> Result<()> {
        // The server appends its log every 100 ms; give it time to write the last requests.
        std::thread::sleep(Duration::from_millis(300));
        let (count, with_credential) = credentialed_requests(&self.request_log)?;
        if with_credential.is_empty() {
            println!("    the local server got {count} requests, none with a key");
            Ok(())
        } else {
            Err(format!(
                "{} of {count} requests to the local server carried a key:\n{}",
                with_credential.len(),
                with_credential.join("\n")
            ))
        }
    }
}

/// The number of logged requests and the lines of those that carried a credential header.
pub fn credentialed_requests(log: &Path) -> Result<(usize, Vec<String>)> {
    let text = std::fs::read_to_string(log).map_err(|e| {
        format!(
            "cannot read the server's request log {}: {e}",
            log.display()
        )
    })?;
    let lines: Vec<&str> = text.lines().collect();
    let with_credential = lines
        .iter()
        .filter(|l| !l.ends_with(" credential=none"))
        .map(|l| l.to_string())
        .collect();
    Ok((lines.len(), with_credential))
}

impl Drop for LocalServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_with_a_credential_header_is_reported() {
        let log = std::env::temp_dir().join(format!("xtask-requests-{}.log", std::process::id()));
        std::fs::write(
            &log,
            "GET /v1/models credential=none\nPOST /v1/chat/completions credential=authorization\n",
        )
        .unwrap();
        let (count, found) = credentialed_requests(&log).unwrap();
        assert_eq!(count, 2);
        assert_eq!(
            found,
            ["POST /v1/chat/completions credential=authorization"]
        );
        std::fs::write(&log, "GET /v1/models credential=none\n").unwrap();
        assert!(credentialed_requests(&log).unwrap().1.is_empty());
        let _ = std::fs::remove_file(log);
        assert!(credentialed_requests(Path::new("/nonexistent/log")).is_err());
    }
}
