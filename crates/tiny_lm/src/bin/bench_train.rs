//! Training throughput of one fixed configuration, single-thread and
//! data-parallel. `bench/torch_tiny_lm.py` trains the same model in PyTorch
//! with the same settings for comparison.
//!
//! Usage: `cargo run --release -p tiny_lm --bin bench_train [-- --steps 40 --threads N --json]`
//! (without `--threads`: 1 and 2 threads).

use std::time::Instant;

use tiny_lm::{corpus, Model, ModelConfig, Tokenizer, TrainConfig, Trainer};

/// The benchmark's model: the notebook's tiny model with a 512-token vocabulary.
const VOCAB: usize = 512;

fn main() -> Result<(), tiny_lm::Error> {
    let args: Vec<String> = std::env::args().collect();
    let steps = args
        .iter()
        .position(|a| a == "--steps")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(40usize);
    let json = args.iter().any(|a| a == "--json");
    let only_threads: Option<usize> = args
        .iter()
        .position(|a| a == "--threads")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok());
    let text = corpus::general_text();
    let tok = Tokenizer::train(&text, VOCAB)?;
    let tokens = tok.encode(&text);
    let model_cfg = ModelConfig::tiny(tok.vocab_size());
    let base = TrainConfig {
        log_every: 0,
        eval_every: 0,
        total_steps: steps,
        ..TrainConfig::default()
    };
    let params = model_cfg.num_params();
    if !json {
        println!(
            "config: vocab {} context {} d_model {} heads {} layers {} mlp {} | batch {} | params {params} | AdamW, tied embeddings, GELU(tanh), pre-LN",
            model_cfg.vocab_size, model_cfg.context_len, model_cfg.d_model, model_cfg.n_heads, model_cfg.n_layers,
            model_cfg.d_mlp(), base.batch_size
        );
    }
    let mut results = Vec::new();
    let thread_counts = only_threads.map_or(vec![1, 2], |t| vec![t]);
    for &threads in &thread_counts {
        let cfg = TrainConfig { threads, ..base };
        let mut trainer = Trainer::new(Model::new(model_cfg, 0)?, cfg, tokens.clone(), Vec::new())?;
        for _ in 0..3 {
            trainer.step(); // warm caches and page in buffers
        }
        let start = Instant::now();
        for _ in 0..steps {
            trainer.step();
        }
        let secs = start.elapsed().as_secs_f64();
        let tps = (steps * cfg.tokens_per_step(model_cfg.context_len)) as f64 / secs;
        let gflops = 6.0 * params as f64 * tps / 1e9;
        results.push((
            threads,
            tps,
            gflops,
            trainer.history.last_loss().unwrap_or(f32::NAN),
        ));
    }
    let speedup = results.last().map_or(1.0, |r| r.1) / results[0].1;
    if json {
        let rates: String = results
            .iter()
            .map(|(t, tps, _, _)| format!(",\"tokens_per_sec_{t}t\":{tps:.0}"))
            .collect();
        println!(
            "{{\"vocab\":{},\"context\":{},\"d_model\":{},\"heads\":{},\"layers\":{},\"batch\":{},\"params\":{params},\"steps\":{steps}{rates},\"speedup\":{speedup:.3}}}",
            model_cfg.vocab_size,
            model_cfg.context_len,
            model_cfg.d_model,
            model_cfg.n_heads,
            model_cfg.n_layers,
            base.batch_size
        );
    } else {
        for (threads, tps, gflops, loss) in &results {
            println!("threads {threads}: {tps:>8.0} tokens/s  ({gflops:.2} GFLOP/s by 6·N·D)  last loss {loss:.3}");
        }
        if results.len() > 1 {
            println!("data-parallel speed-up on 2 threads: {speedup:.2}x");
        }
    }
    Ok(())
}
