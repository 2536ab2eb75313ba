//! `llm_test_server`: a key-less local OpenAI-compatible server for notebooks and
//! benchmarks. Prints its base URL on the first line of stdout, then serves
//! until killed.
//!
//! ```text
//! cargo run -p llm_test_server -- --port 0 --delay-ms 0 --answer-words 50
//! ```

use std::time::Duration;

const USAGE: &str = "usage: llm_test_server [--host 127.0.0.1] [--port 0] [--delay-ms 0] [--chunk-delay-ms 0] [--answer-words 50]";

fn main() {
    let mut host = "127.0.0.1".to_string();
    let mut port: u16 = 0;
    let mut builder = llm_test_server::TestServer::builder();
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
    println!("{}", server.url());
    use std::io::Write;
    let _ = std::io::stdout().flush();
    eprintln!(
        "llm_test_server: OpenAI-compatible, no key needed; set OPENAI_BASE_URL={}",
        server.url()
    );
    loop {
        std::thread::park();
    }
}

fn fail(message: &str) -> ! {
    eprintln!("llm_test_server: {message}\n{USAGE}");
    std::process::exit(2);
}
