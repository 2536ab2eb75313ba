//! The cache under concurrency and in notebooks: replay picks the newest answer,
//! file I/O never stalls other requests, and warnings go to stdout (a notebook
//! flags a cell that writes to stderr as failing).

mod common;

use common::{builder_for, temp_dir};
use llm_connector::{CacheMode, LLMConnector};
use llm_test_server::TestServer;
use std::time::Duration;

#[test]
fn replay_returns_the_newest_recorded_answer() {
    let dir = temp_dir("cache_newest");
    let server = TestServer::start().unwrap();
    let recorder = builder_for(&server)
        .cache(CacheMode::On)
        .cache_dir(&dir)
        .build();
    recorder
        .with_model("older-model")
        .get_completion("Which one?")
        .unwrap();
    recorder
        .with_model("newer-model")
        .get_completion("Which one?")
        .unwrap();
    let student = LLMConnector::builder()
        .ignore_environment()
        .cache(CacheMode::Replay)
        .cache_dir(&dir)
        .skip_check()
        .build();
    let seen = student.get_completion("Which one?").unwrap();
    assert!(seen.from_cache);
    assert_eq!(seen.model, "newer-model");
}

/// A cache file that blocks whoever reads it (a FIFO nobody writes to) must not
/// stop the connector's other requests.
#[cfg(unix)]
#[test]
fn a_blocking_cache_file_does_not_stall_other_requests() {
    let server = TestServer::start().unwrap();
    let probe_dir = temp_dir("cache_fifo_name");
    builder_for(&server)
        .cache(CacheMode::On)
        .cache_dir(&probe_dir)
        .build()
        .get_completion("stuck")
        .unwrap();
    let name = std::fs::read_dir(&probe_dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .find(|n| n.to_string_lossy().ends_with(".json"))
        .unwrap();
    let dir = temp_dir("cache_fifo");
    let fifo = dir.join(&name);
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let connector = builder_for(&server)
        .cache(CacheMode::On)
        .cache_dir(&dir)
        .build();
    let stuck = {
        let c = connector.clone();
        std::thread::spawn(move || c.get_completion("stuck"))
    };
    std::thread::sleep(Duration::from_millis(200));
    let (tx, rx) = std::sync::mpsc::channel();
    {
        let c = connector.clone();
        std::thread::spawn(move || {
            let _ = tx.send(c.get_completion("free"));
        });
    }
    let free = rx.recv_timeout(Duration::from_secs(5));
    // Unblock the readers whatever happened, so the test ends: the lookup reads
    // the file, and so may the store before it replaces it. Non-blocking opens
    // succeed only while a reader waits.
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        let done = done.clone();
        std::thread::spawn(move || {
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                let opened = std::fs::OpenOptions::new()
                    .write(true)
                    .custom_flags(0o4000) // O_NONBLOCK
                    .open(&fifo);
                if let Ok(mut writer) = opened {
                    let _ = writer.write_all(b"not json");
                }
                std::thread::sleep(Duration::from_millis(20));
            }
        });
    }
    assert!(stuck.join().unwrap().is_ok());
    done.store(true, std::sync::atomic::Ordering::Relaxed);
    assert!(
        matches!(free, Ok(Ok(_))),
        "the other request waited for the blocked cache read: {free:?}"
    );
}

const CHILD: &str = "LLM_CONNECTOR_STDERR_CHILD";

#[test]
fn cache_warnings_go_to_stdout_not_stderr() {
    if std::env::var_os(CHILD).is_some() {
        let dir = temp_dir("cache_stderr");
        std::fs::create_dir_all(&dir).unwrap();
        let server = TestServer::start().unwrap();
        let recorder = builder_for(&server)
            .cache(CacheMode::On)
            .cache_dir(&dir)
            .build();
        recorder.get_completion("Fragile").unwrap();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|x| x == "json") {
                std::fs::write(path, b"{ corrupt").unwrap();
            }
        }
        recorder.get_completion("Fragile").unwrap();
        assert_eq!(recorder.warnings().len(), 1);
        return;
    }
    let out = std::process::Command::new(std::env::current_exe().unwrap())
        .args([
            "--exact",
            "cache_warnings_go_to_stdout_not_stderr",
            "--nocapture",
        ])
        .env(CHILD, "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout}\n{stderr}");
    assert!(
        stdout.contains("⚠️ llm_connector: skipping corrupt cache file"),
        "{stdout}"
    );
    assert!(!stderr.contains("llm_connector"), "stderr: {stderr}");
}
