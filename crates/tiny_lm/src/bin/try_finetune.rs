//! An experiment, not a build: instruction-tune a shipped `base` on an
//! instruction file (or load a tuned model) and measure its answers on the
//! validation questions and the held-out questions, with the decoding
//! settings given. Used to choose data and decoding settings on the
//! validation set before a full `build_checkpoint` run.
//!
//! Usage: `cargo run --release -p tiny_lm --bin try_finetune -- [OPTIONS]`
//!
//! Options (paths relative to the repository root; defaults after "=" or
//! said in words):
//! - `--base FILE` = `crates/tiny_lm/assets/base.tlm`; `--instruct FILE`:
//!   skip tuning, measure this model;
//! - `--instructions FILE` = `data/instruct/train.jsonl` (also the answers
//!   recall draws on), `--validation FILE` = `data/instruct/validation.jsonl`,
//!   `--held-out FILE` = `data/eval/heldout.jsonl`;
//! - `--steps N`, `--patience N`, `--recall-every N` (0: stop on the
//!   validation pairs): the shipped recipe's by default; `--save FILE`;
//! - decoding, the shipped `ANSWER_SAMPLING` by default: `--temperature T`,
//!   `--top-k K`, `--top-p P`, `--penalty R`, `--window N`, `--copy-boost B`,
//!   `--candidates N`, `--topic-weight W`, `--recall S` (least similarity to
//!   recall a tuned answer, or `off`);
//! - `--show N` = 4 answers printed per set; `--validation-only` (choices are
//!   made on validation questions; the held-out ones only report);
//! - `--continue N` and `--qa-copies K`: pre-train `base` N more steps on the
//!   corpus plus K copies of the pairs as plain text first.

use std::collections::HashSet;
use std::path::Path;
use std::time::Instant;

use tiny_lm::chat::{load_instructions, AnswerBank, Role, Turn, DEFAULT_SYSTEM};
use tiny_lm::generate::SampleConfig;
use tiny_lm::pretrained::{Origin, Pretrained, ANSWER_SAMPLING};
use tiny_lm::recipe::quality::{load_held_out, HeldOut, QualityReport};
use tiny_lm::recipe::{instruction_tune, load_words, weights_file, Recipe};
use tiny_lm::{Error, Result};

#[path = "shared/args.rs"]
mod args;
use args::{arg, path, ROOT};

fn num<T: std::str::FromStr>(args: &[String], name: &str, default: T) -> Result<T> {
    match arg(args, name) {
        None => Ok(default),
        Some(s) => s
            .parse()
            .map_err(|_| Error::InvalidConfig(format!("{name} needs a number, got {s:?}"))),
    }
}

fn main() {
    if let Err(e) = run() {
        eprintln!("try_finetune: {e}");
        std::process::exit(1);
    }
}

/// Pre-train `base` for `steps` more steps on the corpus plus `copies`
/// copies of the instruction pairs as plain "Q: ... A: ..." text.
fn continue_pretraining(
    base: &mut Pretrained,
    pairs: &[tiny_lm::chat::Instruction],
    steps: usize,
    copies: usize,
) -> Result<()> {
    let start = Instant::now();
    let mut files = Vec::new();
    for dir in ["data/pretrain", "data/general"] {
        files.extend(tiny_lm::corpus::load_dir(Path::new(ROOT).join(dir))?);
    }
    let report = tiny_lm::data::Pipeline::default().run(&files);
    let mut train = base.tokenizer.encode(&report.split.train_text());
    let val = base.tokenizer.encode(&report.split.validation_text());
    let qa: String = pairs
        .iter()
        .map(|e| format!("Q: {}\nA: {}\n\n", e.question, e.answer))
        .collect();
    let qa = base.tokenizer.encode(&qa);
    for _ in 0..copies {
        train.extend(&qa);
    }
    let mut cfg = Recipe::shipped().pretrain;
    cfg.total_steps = steps;
    cfg.warmup_steps = 20;
    cfg.learning_rate = 1e-3;
    cfg.log_every = 0;
    let mut trainer = tiny_lm::train::Trainer::new(base.model.clone(), cfg, train, val)?;
    trainer.train(steps);
    println!(
        "continued pre-training {steps} steps ({copies} copies of {} QA tokens) in {:.0} s; validation loss {:?}",
        qa.len(),
        start.elapsed().as_secs_f64(),
        trainer.history.val.last()
    );
    base.model = trainer.model.clone();
    Ok(())
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let cfg = SampleConfig {
        temperature: num(&args, "--temperature", ANSWER_SAMPLING.temperature)?,
        top_k: num(&args, "--top-k", ANSWER_SAMPLING.top_k)?,
        top_p: num(&args, "--top-p", ANSWER_SAMPLING.top_p)?,
        repetition_penalty: num(&args, "--penalty", ANSWER_SAMPLING.repetition_penalty)?,
        repetition_window: num(&args, "--window", ANSWER_SAMPLING.repetition_window)?,
        copy_boost: num(&args, "--copy-boost", ANSWER_SAMPLING.copy_boost)?,
        candidates: num(&args, "--candidates", ANSWER_SAMPLING.candidates)?,
        topic_weight: num(&args, "--topic-weight", ANSWER_SAMPLING.topic_weight)?,
        recall: match arg(&args, "--recall").as_deref() {
            None => ANSWER_SAMPLING.recall,
            Some("off") => None,
            Some(_) => Some(num(&args, "--recall", 0.0)?),
        },
        ..ANSWER_SAMPLING
    };
    let show = num(&args, "--show", 4usize)?;
    let read = |p: &Path| {
        std::fs::read(p).map_err(|e| Error::InvalidConfig(format!("{}: {e}", p.display())))
    };
    let validation = load_instructions(path(
        &args,
        "--validation",
        "data/instruct/validation.jsonl",
    ))?;
    let train = load_instructions(path(&args, "--instructions", "data/instruct/train.jsonl"))?;
    let model = match arg(&args, "--instruct") {
        Some(p) => {
            let every = num(&args, "--recall-every", Recipe::shipped().recall_every)?;
            Pretrained::from_bytes(&read(Path::new(&p))?)?
                .with_answers(AnswerBank::tuned_on(&train, every))
        }
        None => {
            let base_file = path(&args, "--base", "crates/tiny_lm/assets/base.tlm");
            let mut base = Pretrained::from_bytes(&read(&base_file)?)?;
            let mut recipe = Recipe::shipped();
            recipe.finetune.total_steps = num(&args, "--steps", recipe.finetune.total_steps)?;
            recipe.patience = num(&args, "--patience", recipe.patience)?;
            recipe.recall_every = num(&args, "--recall-every", recipe.recall_every)?;
            recipe.finetune.log_every = 0;
            let more = num(&args, "--continue", 0usize)?;
            if more > 0 {
                continue_pretraining(&mut base, &train, more, num(&args, "--qa-copies", 0usize)?)?;
            }
            let start = Instant::now();
            let tuned = instruction_tune(&base, &recipe, &train, &validation)?;
            println!(
                "tuned on {} pairs in {:.0} s; kept step {}; validation losses {:?}",
                train.len(),
                start.elapsed().as_secs_f64(),
                tuned.best_step,
                tuned.history.val
            );
            if let Some(out) = arg(&args, "--save") {
                std::fs::write(&out, weights_file(&tuned.model))
                    .map_err(|e| Error::InvalidConfig(format!("{out}: {e}")))?;
            }
            tuned.model
        }
    };
    let mut english = HashSet::new();
    for list in ["data/eval/english_words.txt", "data/eval/course_words.txt"] {
        english.extend(load_words(Path::new(ROOT).join(list))?);
    }
    let val_questions: Vec<HeldOut> = validation
        .iter()
        .map(|e| HeldOut::new(e.question.clone()))
        .collect();
    let held_out = load_held_out(path(&args, "--held-out", "data/eval/heldout.jsonl"))?;
    println!("decoding {cfg:?}");
    let sets: &[(&str, &Vec<HeldOut>)] = if args.iter().any(|a| a == "--validation-only") {
        &[("validation", &val_questions)]
    } else {
        &[("validation", &val_questions), ("held-out", &held_out)]
    };
    for &(name, set) in sets {
        let replies: Vec<_> = set
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let turns = [
                    Turn::new(Role::System, DEFAULT_SYSTEM),
                    Turn::new(Role::User, q.question.clone()),
                ];
                model.chat(
                    &turns,
                    &SampleConfig {
                        seed: i as u64,
                        ..cfg
                    },
                )
            })
            .collect();
        for (q, r) in set.iter().zip(&replies).take(show) {
            println!("  Q: {}\n  A: {}\n     ({})", q.question, r.text, r.origin);
        }
        let recalled = replies.iter().filter(|r| r.origin != Origin::Drafted);
        println!(
            "{name}: {} of {} answers recalled",
            recalled.count(),
            replies.len()
        );
        let report = QualityReport::measure(
            set.iter()
                .zip(&replies)
                .map(|(q, r)| (q.terms(), r.text.as_str(), r.finished)),
            &english,
        );
        println!("{name}: {report}");
    }
    Ok(())
}
