//! `llm_test_server`: a key-less local OpenAI-compatible server for notebooks and
//! benchmarks. Prints its base URL on the first line of stdout, then serves
//! until killed.
//!
//! ```text
//! cargo run -p llm_test_server -- --port 0 --delay-ms 0 --answer-words 50
//! ```
//!
//! `--request-log FILE` appends one line per request: method, path, and which
//! credential header it carried (`credential=none`, `credential=authorization`,
//! `credential=api-key`), never the header's value. `cargo xtask test` reads it to
//! prove that no key reached the server.

use std::io::Write;
use std::time::Duration;

const USAGE: &str = "usage: llm_test_server [--host 127.0.0.1] [--port 0] [--delay-ms 0] [--chunk-delay-ms 0] [--answer-words 50] [--request-log FILE]";

/// Headers that carry an API key: OpenAI's and Azure's.
const CREDENTIAL_HEADERS: [&str; 2] = ["authorization", "api-key"];

fn main() {
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 0;
    let mut builder = llm_test_server::TestServer::builder();
    let mut request_log = None;
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            return;
        }
        let Some(value) = args.next() else {
            fail(&format!("{flag} needs a value"));
        };
        let number = || -> u64 {
            value
                .parse()
                .unwrap_or_else(|_| fail(&format!("{flag} expects a number, got {value:?}")))
        };
        match flag.as_str() {
            "--host" => host = value.clone(),
            "--port" => {
                port = u16::try_from(number()).unwrap_or_else(|_| fail("--port is 0..65535"))
            }
            "--delay-ms" => builder = builder.delay(Duration::from_millis(number())),
            "--chunk-delay-ms" => builder = builder.chunk_delay(Duration::from_millis(number())),
            "--answer-words" => builder = builder.answer_words(number() as usize),
            "--request-log" => request_log = Some(std::path::PathBuf::from(&value)),
            _ => fail(&format!("unknown option {flag}")),
        }
    }
    let addr = format!("{host}:{port}")
        .parse()
        .unwrap_or_else(|_| fail(&format!("bad host {host:?}")));
    let server = builder
        .bind(addr)
        .start()
        .unwrap_or_else(|e| fail(&format!("cannot listen on {addr}: {e}")));
    let mut log = request_log.map(|path| {
        std::fs::File::create(&path)
            .unwrap_or_else(|e| fail(&format!("cannot write {}: {e}", path.display())))
    });
    println!("{}", server.url());
    let _ = std::io::stdout().flush();
    eprintln!(
        "llm_test_server: OpenAI-compatible, no key needed; set OPENAI_BASE_URL={}",
        server.url()
    );
    let Some(log) = log.as_mut() else {
        loop {
            std::thread::park();
        }
    };
    let mut logged = 0;
    loop {
        std::thread::sleep(Duration::from_millis(100));
        let requests = server.requests();
        for request in &requests[logged..] {
            let credential = CREDENTIAL_HEADERS
                .iter()
                .find(|name| request.header(name).is_some())
                .unwrap_or(&"none");
            let _ = writeln!(
                log,
                "{} {} credential={credential}",
                request.method, request.path
            );
        }
        let _ = log.flush();
        logged = requests.len();
    }
}

fn fail(message: &str) -> ! {
    eprintln!("llm_test_server: {message}\n{USAGE}");
    std::process::exit(2);
}
