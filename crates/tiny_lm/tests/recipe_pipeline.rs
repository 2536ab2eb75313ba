//! The command that builds the shipped checkpoints (`build_checkpoint`), run
//! end to end on a tiny configuration and on small fixture data.

use std::path::{Path, PathBuf};
use std::process::Command;

use tiny_lm::pretrained::Pretrained;

/// Fixture data in a fresh folder: the embedded general corpus, 200
/// templated question/answer pairs, two held-out questions, a word list.
fn fixture(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("tiny_lm_recipe_{name}_{}", std::process::id()));
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for (file, text) in tiny_lm::corpus::general() {
        std::fs::write(corpus.join(file), text).unwrap();
    }
    let topics = [
        "tokens",
        "loss",
        "data",
        "learning rate",
        "overfitting",
        "bias",
        "privacy",
        "compute",
    ];
    let asks = ["What is", "Tell me about", "Explain", "Define"];
    let pairs: String = (0..200)
        .map(|i| {
            let (t, ask) = (topics[i % topics.len()], asks[i / topics.len() % asks.len()]);
            format!("{{\"question\": \"{ask} {t}?\", \"answer\": \"The {t} is one part of training a language model.\"}}\n")
        })
        .collect();
    std::fs::write(dir.join("train.jsonl"), pairs).unwrap();
    std::fs::write(
        dir.join("heldout.jsonl"),
        "{\"question\": \"Why does overfitting matter?\", \"key_terms\": [\"overfitting\"]}\n{\"question\": \"What is bias?\"}\n",
    )
    .unwrap();
    let words: Vec<String> = tiny_lm::recipe::quality::words(&tiny_lm::corpus::general_text());
    std::fs::write(dir.join("words.txt"), words.join("\n")).unwrap();
    std::fs::create_dir_all(dir.join("out")).unwrap();
    dir
}

fn build(dir: &Path, extra: &[&str]) -> std::process::Output {
    let arg = |p: &str| dir.join(p).to_string_lossy().into_owned();
    Command::new(env!("CARGO_BIN_EXE_build_checkpoint"))
        .args([
            "--tiny",
            "--corpus",
            &arg("corpus"),
            "--instructions",
            &arg("train.jsonl"),
        ])
        .args([
            "--held-out",
            &arg("heldout.jsonl"),
            "--words",
            &arg("words.txt"),
            "--out",
            &arg("out"),
            "--validation",
            "none",
        ])
        .args(extra)
        .output()
        .unwrap()
}

#[test]
fn build_command_writes_two_loadable_models_and_a_measured_card() {
    let dir = fixture("ok");
    let out = build(&dir, &[]);
    let log = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{log}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let load = |name: &str| {
        Pretrained::from_bytes(&std::fs::read(dir.join("out").join(name)).unwrap()).unwrap()
    };
    let (base, instruct) = (load("base.tlm"), load("instruct.tlm"));
    assert_eq!(base.tokenizer, instruct.tokenizer);
    assert_ne!(
        base.model.params, instruct.model.params,
        "instruct was tuned"
    );
    let card = std::fs::read_to_string(dir.join("out/MODEL_CARD.md")).unwrap();
    let params_row = format!("| parameters | {} per model |", base.model.num_params());
    for needle in [
        params_row.as_str(),
        "Unigram baseline",
        "| `instruct`, written |",
        "| `instruct`, offline (",
        "**Q: Why does overfitting matter?**",
        "Early stopping",
    ] {
        assert!(card.contains(needle), "card lacks {needle:?}:\n{card}");
    }
    // Instruction tuning made the validation answers likelier than base found them.
    let losses = card
        .lines()
        .find(|l| l.starts_with("- Loss on the validation pairs' answers"))
        .unwrap();
    let nums: Vec<f32> = losses
        .split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .filter_map(|s| s.trim_end_matches('.').parse().ok())
        .collect();
    assert!(nums.len() == 2 && nums[1] < nums[0], "{losses}");
}

#[test]
fn build_command_reports_bad_input_clearly() {
    let dir = fixture("bad");
    std::fs::write(dir.join("train.jsonl"), "{\"question\": \"no answer\"}\n").unwrap();
    let out = build(&dir, &[]);
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("train.jsonl") && err.contains("line 1"),
        "{err}"
    );
    let out = build(&fixture("steps"), &["--pretrain-steps", "many"]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("--pretrain-steps needs a whole number"));
}
