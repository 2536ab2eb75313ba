//! Time for the shipped `instruct` model to write 100 tokens, with and
//! without the KV cache (median of 5 runs each; same tokens either way).
//!
//! Usage: `cargo run --release -p tiny_lm --bin bench_generate`

use std::time::Instant;

use tiny_lm::chat::{Role, Turn};
use tiny_lm::generate::{generate, SampleConfig};
use tiny_lm::pretrained::{load_instruct, ANSWER_SAMPLING};

fn main() -> Result<(), tiny_lm::Error> {
    let lm = load_instruct()?;
    let turns = [Turn::new(Role::User, "Explain pre-training.")];
    let prompt = lm.chat.prompt(&lm.tokenizer, &turns, 16);
    let cfg = SampleConfig {
        max_new_tokens: 100,
        ..ANSWER_SAMPLING
    };
    let mut outputs = Vec::new();
    for use_cache in [true, false] {
        let mut ms = Vec::new();
        for _ in 0..5 {
            let start = Instant::now();
            let out = generate(&lm.model, &prompt, &cfg, |_| false, use_cache)?;
            ms.push(start.elapsed().as_secs_f64() * 1e3);
            outputs.push(out);
        }
        ms.sort_by(f64::total_cmp);
        let label = if use_cache {
            "with KV cache"
        } else {
            "without cache"
        };
        println!(
            "100 tokens {label}: median {:.0} ms (min {:.0}, max {:.0}; {} parameters, context {})",
            ms[2],
            ms[0],
            ms[4],
            lm.model.num_params(),
            lm.model.config.context_len
        );
    }
    let same = outputs.windows(2).all(|w| w[0].tokens == w[1].tokens);
    println!("same tokens in every run and mode: {same}");
    Ok(())
}
