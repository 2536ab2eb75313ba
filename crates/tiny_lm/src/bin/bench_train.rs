//! Training throughput of one model shape, single-thread and data-parallel.
//! `bench/torch_tiny_lm.py` trains the same model in PyTorch with the same
//! settings; `bench/run_all.py --only training` runs both, alternating.
//!
//! The default shape is the shipped model's, read from
//! [`Recipe::shipped`] (vocabulary = its BPE size plus the chat template's
//! special tokens, context, width, heads, blocks, batch): when the recipe
//! changes, the benchmark follows. Flags override single values for the
//! sweep over larger models.
//!
//! Usage: `cargo run --release -p tiny_lm --bin bench_train -- [--threads N]
//! [--d-model D] [--layers L] [--heads H] [--context T] [--vocab V] [--batch B]
//! [--min-steps 5] [--min-secs 3] [--config-only] [--json]`
//! (without `--threads`: 1 thread and the recipe's thread count).
//!
//! Batches are random token ids, as in the PyTorch twin: a step's cost does
//! not depend on the text, and neither side has to tokenize a corpus first.

use std::time::Instant;

use tiny_lm::chat::SPECIAL_TOKENS;
use tiny_lm::recipe::Recipe;
use tiny_lm::rng::Rng;
use tiny_lm::{Model, ModelConfig, TrainConfig, Trainer};

/// Flags that take a number, and what each sets.
const NUMERIC_FLAGS: [&str; 9] = [
    "--threads",
    "--d-model",
    "--layers",
    "--heads",
    "--context",
    "--vocab",
    "--batch",
    "--min-steps",
    "--min-secs",
];

struct Args {
    values: Vec<(String, f64)>,
    json: bool,
    config_only: bool,
}

impl Args {
    fn parse() -> Result<Self, String> {
        let mut it = std::env::args().skip(1);
        let mut args = Args {
            values: Vec::new(),
            json: false,
            config_only: false,
        };
        while let Some(flag) = it.next() {
            match flag.as_str() {
                "--json" => args.json = true,
                "--config-only" => args.config_only = true,
                f if NUMERIC_FLAGS.contains(&f) => {
                    let raw = it.next().ok_or(format!("{f} needs a number"))?;
                    let v: f64 = raw
                        .parse()
                        .map_err(|_| format!("{f} needs a number, got {raw:?}"))?;
                    if v <= 0.0 {
                        return Err(format!("{f} must be positive, got {raw}"));
                    }
                    args.values.push((f.to_string(), v));
                }
                other => {
                    return Err(format!(
                        "unknown argument {other:?}; flags: --json --config-only {}",
                        NUMERIC_FLAGS.join(" ")
                    ))
                }
            }
        }
        Ok(args)
    }

    fn get(&self, flag: &str) -> Option<f64> {
        self.values
            .iter()
            .rev()
            .find(|(f, _)| f == flag)
            .map(|&(_, v)| v)
    }

    fn usize_or(&self, flag: &str, default: usize) -> usize {
        self.get(flag).map_or(default, |v| v as usize)
    }
}

/// The shipped shape with the flags' overrides applied.
fn configs(args: &Args) -> (ModelConfig, TrainConfig) {
    let recipe = Recipe::shipped();
    let m = recipe.model;
    let model = ModelConfig {
        vocab_size: args.usize_or("--vocab", recipe.bpe_vocab + SPECIAL_TOKENS),
        context_len: args.usize_or("--context", m.context_len),
        d_model: args.usize_or("--d-model", m.d_model),
        n_heads: args.usize_or("--heads", m.n_heads),
        n_layers: args.usize_or("--layers", m.n_layers),
    };
    let train = TrainConfig {
        batch_size: args.usize_or("--batch", recipe.pretrain.batch_size),
        threads: recipe.pretrain.threads,
        log_every: 0,
        eval_every: 0,
        ..recipe.pretrain
    };
    (model, train)
}

/// One thread count: tokens per second over at least `min_steps` steps and
/// `min_secs` seconds, after 2 untimed steps (allocation, caches).
struct Run {
    threads: usize,
    steps: usize,
    secs: f64,
    tokens_per_sec: f64,
}

fn measure(
    model: ModelConfig,
    train: TrainConfig,
    min_steps: usize,
    min_secs: f64,
) -> Result<Run, tiny_lm::Error> {
    let mut rng = Rng::new(0);
    let tokens: Vec<u32> = (0..200_000)
        .map(|_| rng.below(model.vocab_size) as u32)
        .collect();
    let mut trainer = Trainer::new(Model::new(model, 0)?, train, tokens, Vec::new())?;
    for _ in 0..2 {
        trainer.step();
    }
    let start = Instant::now();
    let mut steps = 0;
    while steps < min_steps || start.elapsed().as_secs_f64() < min_secs {
        trainer.step();
        steps += 1;
    }
    let secs = start.elapsed().as_secs_f64();
    Ok(Run {
        threads: train.threads,
        steps,
        secs,
        tokens_per_sec: (steps * train.tokens_per_step(model.context_len)) as f64 / secs,
    })
}

fn config_json(model: &ModelConfig, train: &TrainConfig) -> String {
    format!(
        "\"vocab\":{},\"context\":{},\"d_model\":{},\"heads\":{},\"layers\":{},\"batch\":{},\"lr\":{},\"params\":{},\"matmul_params\":{},\"flops_per_token\":{},\"matmul_isa\":\"{}\"",
        model.vocab_size,
        model.context_len,
        model.d_model,
        model.n_heads,
        model.n_layers,
        train.batch_size,
        train.learning_rate,
        model.num_params(),
        model.matmul_params(),
        model.training_flops_per_token(),
        tiny_lm::kernels::instruction_set()
    )
}

fn main() {
    let args = Args::parse().unwrap_or_else(|e| {
        eprintln!("bench_train: {e}");
        std::process::exit(2);
    });
    let (model, train) = configs(&args);
    if args.config_only {
        println!("{{{}}}", config_json(&model, &train));
        return;
    }
    let mut thread_counts = match args.get("--threads") {
        Some(t) => vec![t as usize],
        None => vec![1, train.threads],
    };
    thread_counts.dedup();
    let (min_steps, min_secs) = (
        args.usize_or("--min-steps", 5),
        args.get("--min-secs").unwrap_or(3.0),
    );
    let mut runs = Vec::new();
    for threads in thread_counts {
        match measure(model, TrainConfig { threads, ..train }, min_steps, min_secs) {
            Ok(run) => runs.push(run),
            Err(e) => {
                eprintln!("bench_train: {e}");
                std::process::exit(1);
            }
        }
    }
    if args.json {
        let rates: String = runs
            .iter()
            .map(|r| {
                format!(
                    ",\"tokens_per_sec_{t}t\":{:.1},\"steps_{t}t\":{},\"secs_{t}t\":{:.3}",
                    r.tokens_per_sec,
                    r.steps,
                    r.secs,
                    t = r.threads
                )
            })
            .collect();
        println!("{{{}{rates}}}", config_json(&model, &train));
        return;
    }
    println!(
        "config: vocab {} context {} d_model {} heads {} layers {} batch {} | {} params | {:.2} MFLOP per training token",
        model.vocab_size,
        model.context_len,
        model.d_model,
        model.n_heads,
        model.n_layers,
        train.batch_size,
        model.num_params(),
        model.training_flops_per_token() / 1e6
    );
    for r in &runs {
        println!(
            "threads {}: {:>8.0} tokens/s = {:.2} GFLOP/s ({} steps in {:.2} s)",
            r.threads,
            r.tokens_per_sec,
            r.tokens_per_sec * model.training_flops_per_token() / 1e9,
            r.steps,
            r.secs
        );
    }
}
