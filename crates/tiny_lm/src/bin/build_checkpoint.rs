//! Rebuild the shipped checkpoint `assets/general.tlm` from the corpus in `data/`.
//!
//! Deterministic: the data pipeline, tokenizer training, initialisation and
//! batch sampling are all seeded, and training uses a fixed 2 worker threads,
//! so the same `data/` gives the same file (on CPUs with the same SIMD support).
//!
//! Usage: `cargo run --release -p tiny_lm --bin build_checkpoint [-- --steps N --out PATH]`

use std::time::Instant;

use tiny_lm::checkpoint::Checkpoint;
use tiny_lm::data::Pipeline;
use tiny_lm::pretrained::Pretrained;
use tiny_lm::{corpus, Model, ModelConfig, Tokenizer, TrainConfig, Trainer};

/// Vocabulary of the shipped model: with ~100 KB of text, 1024 tokens make
/// most common words a single token, which helps a small model write words.
const VOCAB: usize = 1024;
/// Optimizer steps (x 1024 tokens, about 22 passes over the 36k training
/// tokens). Validation loss stops improving around here; training longer
/// makes the model recite its training text (overfitting).
const STEPS: usize = 800;

fn arg(name: &str) -> Option<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1).cloned())
}

fn main() -> Result<(), tiny_lm::Error> {
    let steps = arg("--steps").and_then(|s| s.parse().ok()).unwrap_or(STEPS);
    let out = arg("--out")
        .unwrap_or_else(|| concat!(env!("CARGO_MANIFEST_DIR"), "/assets/general.tlm").to_string());
    let start = Instant::now();

    let report = Pipeline::default().run(&corpus::general());
    let (train_text, val_text) = (report.split.train_text(), report.split.validation_text());
    println!(
        "corpus: {} bytes train, {} bytes validation",
        train_text.len(),
        val_text.len()
    );

    let tok = Tokenizer::train(&train_text, VOCAB)?;
    let (train, val) = (tok.encode(&train_text), tok.encode(&val_text));
    println!(
        "tokenizer: {} tokens; {} train tokens, {} validation tokens",
        tok.vocab_size(),
        train.len(),
        val.len()
    );

    let model = Model::new(ModelConfig::small(tok.vocab_size()), 1)?;
    println!(
        "model: {:?}, {} parameters",
        model.config,
        model.num_params()
    );
    let cfg = TrainConfig {
        batch_size: 16,
        threads: 2,
        total_steps: steps,
        learning_rate: 2e-3,
        min_lr: 2e-4,
        warmup_steps: 100,
        log_every: 100,
        eval_every: 100,
        eval_windows: 32,
        ..TrainConfig::default()
    };
    let mut trainer = Trainer::new(model, cfg, train, val)?;
    let history = trainer.train(steps);
    println!("{history}");

    let ckpt = Checkpoint {
        model: trainer.model.clone(),
        tokenizer: Some(tok.clone()),
        train_state: None,
    };
    ckpt.save(&out)?;
    let size = std::fs::metadata(&out).map(|m| m.len()).unwrap_or(0);
    println!(
        "wrote {out} ({size} bytes) in {:.0} s",
        start.elapsed().as_secs_f64()
    );

    // What the offline provider will produce from this file.
    let load_start = Instant::now();
    let bytes =
        std::fs::read(&out).map_err(|e| tiny_lm::Error::InvalidConfig(format!("{out}: {e}")))?;
    let loaded = Checkpoint::from_bytes(&bytes)?;
    println!(
        "loading it back took {:.1} ms",
        load_start.elapsed().as_secs_f64() * 1e3
    );
    let lm = Pretrained {
        model: loaded.model,
        tokenizer: loaded.tokenizer.unwrap_or(tok),
    };
    for prompt in [
        "Explain pre-training",
        "The weather today is",
        "Once upon a time",
    ] {
        let gen_start = Instant::now();
        let text = lm.continue_text(prompt, 60, 0);
        println!(
            "{prompt:?} -> {text:?} ({:.0} ms)",
            gen_start.elapsed().as_secs_f64() * 1e3
        );
    }
    Ok(())
}
