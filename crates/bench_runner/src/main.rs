//! `bench_runner`: the Rust side of the connector-overhead benchmark.
//!
//! `bench/run_all.py` starts `llm_test_server`, points `OPENAI_BASE_URL` at it and runs
//! this binary and its Python twin (`bench/py_connector_bench.py`) in alternation, so
//! both measure the same server on the same machine in the same minutes.
//!
//! ```text
//! bench_runner sequential --calls 500 --out seq.json   # per-call latency of get_completion
//! bench_runner batch --prompts 64 --concurrency 16 --out batch.json   # get_completions
//! ```
//!
//! Each writes a small JSON file: per-call latencies in milliseconds (sequential), or the
//! wall time of the whole batch, and how many calls failed. Peak memory is read by the
//! driver from the process's rusage, the same way for the Python twin.

mod report;

use llm_connector::LLMConnector;
use std::time::Instant;

const USAGE: &str =
    "usage: bench_runner (sequential --calls N | batch --prompts N --concurrency N) --out FILE";

/// The prompt of call `i`; the Python twin builds the same strings.
fn prompt(i: usize) -> String {
    format!("Benchmark prompt {i}: explain pre-training of a language model in one paragraph.")
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(mode) = args.first().cloned() else {
        fail("missing mode");
    };
    let flag = |name: &str| -> Option<String> {
        args.iter()
            .position(|a| a == name)
            .and_then(|i| args.get(i + 1).cloned())
    };
    let number = |name: &str, default: usize| -> usize {
        flag(name).map_or(default, |v| {
            v.parse()
                .unwrap_or_else(|_| fail(&format!("{name} expects a number, got {v:?}")))
        })
    };
    let out = flag("--out").unwrap_or_else(|| fail("--out FILE is required"));

    // The same path a notebook takes: environment + .env, configuration check printed.
    let connector = LLMConnector::new();
    let json = match mode.as_str() {
        "sequential" => sequential(&connector, number("--calls", 500)),
        "batch" => batch(
            &connector,
            number("--prompts", 64),
            number("--concurrency", 16),
        ),
        other => fail(&format!("unknown mode {other:?}")),
    };
    if let Err(e) = std::fs::write(&out, json) {
        fail(&format!("cannot write {out}: {e}"));
    }
}

/// `calls` blocking `get_completion` calls, one after another, each timed.
fn sequential(connector: &LLMConnector, calls: usize) -> String {
    let mut latencies_ms = Vec::with_capacity(calls);
    let mut errors = 0;
    let mut first_error = None;
    let start = Instant::now();
    for i in 0..calls {
        let t = Instant::now();
        let result = connector.get_completion(&prompt(i));
        latencies_ms.push(t.elapsed().as_secs_f64() * 1e3);
        if let Err(e) = result {
            errors += 1;
            first_error.get_or_insert_with(|| e.to_string());
        }
    }
    report::Report {
        wall_s: start.elapsed().as_secs_f64(),
        latencies_ms,
        errors,
        first_error,
    }
    .to_json()
}

/// One `get_completions` batch of `prompts` prompts at the given concurrency.
fn batch(connector: &LLMConnector, prompts: usize, concurrency: usize) -> String {
    let batch: Vec<String> = (0..prompts).map(prompt).collect();
    let start = Instant::now();
    let results = connector.get_completions(&batch, concurrency);
    let wall_s = start.elapsed().as_secs_f64();
    let first_error = results
        .iter()
        .find_map(|r| r.as_ref().err().map(|e| e.to_string()));
    let errors = results.iter().filter(|r| r.is_err()).count();
    report::Report {
        wall_s,
        latencies_ms: Vec::new(),
        errors,
        first_error,
    }
    .to_json()
}

fn fail(message: &str) -> ! {
    eprintln!("bench_runner: {message}\n{USAGE}");
    std::process::exit(2);
}
