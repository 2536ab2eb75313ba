//! Rebuild the shipped checkpoints `assets/base.tlm` and `assets/instruct.tlm`
//! and their model card `assets/MODEL_CARD.md` from `data/`, with
//! [`tiny_lm::recipe::run`] and [`tiny_lm::recipe::Recipe::shipped`].
//!
//! Deterministic: the data pipeline, tokenizer training, initialisation,
//! conversation mix and batch sampling are all seeded, and training uses a
//! fixed 2 worker threads, so the same `data/` gives the same weights (on CPUs
//! with the same SIMD support); the card's wall times differ between runs.
//!
//! Usage: `cargo run --release -p tiny_lm --bin build_checkpoint [-- OPTIONS]`
//!
//! Options (paths relative to the repository root by default; lists are
//! comma-separated): `--corpus DIRS` (`data/pretrain,data/general`),
//! `--instructions FILE` (`data/instruct/train.jsonl`), `--validation FILE`
//! (`data/instruct/validation.jsonl`; `none`: hold back 1 in 20 instead),
//! `--held-out FILE` (`data/eval/heldout.jsonl`), `--words FILES`
//! (`data/eval/english_words.txt,data/eval/course_words.txt`), `--out DIR`
//! (`crates/tiny_lm/assets`), `--pretrain-steps N`, `--finetune-steps N`,
//! `--layers N`, `--width N`, `--heads N` (to try another shape), and
//! `--tiny` for the few-second test configuration.

use std::path::{Path, PathBuf};

use tiny_lm::chat::load_instructions;
use tiny_lm::corpus::load_dir;
use tiny_lm::recipe::quality::load_held_out;
use tiny_lm::recipe::{load_words, run, Recipe, RecipeData};
use tiny_lm::{Error, Result};

#[path = "shared/args.rs"]
mod args;
use args::{arg, path, ROOT};

fn paths(args: &[String], name: &str, default: &str) -> Vec<PathBuf> {
    match arg(args, name) {
        Some(list) => list.split(',').map(PathBuf::from).collect(),
        None => default
            .split(',')
            .map(|p| Path::new(ROOT).join(p))
            .collect(),
    }
}

fn steps(args: &[String], name: &str) -> Result<Option<usize>> {
    arg(args, name)
        .map(|s| {
            s.parse().map_err(|_| {
                Error::InvalidConfig(format!("{name} needs a whole number, got {s:?}"))
            })
        })
        .transpose()
}

fn main() {
    if let Err(e) = build() {
        eprintln!("build_checkpoint: {e}");
        std::process::exit(1);
    }
}

fn build() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let mut recipe = if args.iter().any(|a| a == "--tiny") {
        Recipe::tiny()
    } else {
        Recipe::shipped()
    };
    if let Some(n) = steps(&args, "--pretrain-steps")? {
        recipe.pretrain.total_steps = n;
    }
    if let Some(n) = steps(&args, "--finetune-steps")? {
        recipe.finetune.total_steps = n;
    }
    if let Some(n) = steps(&args, "--layers")? {
        recipe.model.n_layers = n;
    }
    if let Some(n) = steps(&args, "--width")? {
        recipe.model.d_model = n;
    }
    if let Some(n) = steps(&args, "--heads")? {
        recipe.model.n_heads = n;
    }
    let corpus = paths(&args, "--corpus", "data/pretrain,data/general");
    let instructions = path(&args, "--instructions", "data/instruct/train.jsonl");
    let validation = path(&args, "--validation", "data/instruct/validation.jsonl");
    let held_out = path(&args, "--held-out", "data/eval/heldout.jsonl");
    let words = paths(
        &args,
        "--words",
        "data/eval/english_words.txt,data/eval/course_words.txt",
    );
    let out = path(&args, "--out", "crates/tiny_lm/assets");
    let mut files = Vec::new();
    for dir in &corpus {
        files.extend(load_dir(dir)?);
    }
    let mut english = std::collections::HashSet::new();
    for list in &words {
        english.extend(load_words(list)?);
    }
    let no_validation = validation.file_name().is_some_and(|n| n == "none");
    let show = |ps: &[PathBuf]| {
        ps.iter()
            .map(|p| display(p))
            .collect::<Vec<_>>()
            .join("`, `")
    };
    let data = RecipeData {
        corpus: files,
        instructions: load_instructions(&instructions)?,
        validation: if no_validation {
            Vec::new()
        } else {
            load_instructions(&validation)?
        },
        held_out: load_held_out(&held_out)?,
        english,
        provenance: format!(
            "Corpus: the `.txt` files of `{}`; instruction pairs: `{}` (validation pairs: `{}`); held-out questions: `{}`; English word lists: `{}`. How each was made is stated in `data/README.md`.",
            show(&corpus),
            display(&instructions),
            if no_validation { "1 in 20 of them".to_string() } else { display(&validation) },
            display(&held_out),
            show(&words)
        ),
    };
    let built = run(&recipe, &data, &mut |line| println!("{line}"))?;
    built.save(&out)?;
    println!("{}", built.card);
    println!(
        "wrote base.tlm, instruct.tlm and MODEL_CARD.md to {}",
        out.display()
    );
    Ok(())
}

/// A path as the card shows it: relative to the repository when inside it.
fn display(p: &Path) -> String {
    let root = Path::new(ROOT).canonicalize().unwrap_or_default();
    let p = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    p.strip_prefix(&root).unwrap_or(&p).display().to_string()
}
