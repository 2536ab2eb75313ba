//! How long the offline provider takes: connector creation, the first answer
//! (loads the embedded checkpoint) and a second answer.
//!
//! ```text
//! cargo run --release -p llm_connector --example offline_first_answer
//! ```

use llm_connector::LLMConnector;
use std::time::Instant;

fn main() {
    let t = Instant::now();
    let connector = LLMConnector::builder().offline().skip_check().build();
    let created = t.elapsed();
    let t = Instant::now();
    let first = connector.get_completion("Pre-training teaches a model");
    let first_time = t.elapsed();
    let t = Instant::now();
    let second = connector.get_completion("Fine-tuning adapts a model");
    let second_time = t.elapsed();
    println!("connector created in {:.1} ms", created.as_secs_f64() * 1e3);
    println!(
        "first offline answer (includes loading the model) in {:.1} ms",
        first_time.as_secs_f64() * 1e3
    );
    println!(
        "second offline answer in {:.1} ms",
        second_time.as_secs_f64() * 1e3
    );
    match (first, second) {
        (Ok(a), Ok(_)) => println!("\n{a}\n[{}]", a.footer()),
        (Err(e), _) | (_, Err(e)) => eprintln!("error: {e}"),
    }
}
