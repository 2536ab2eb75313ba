use super::*;
use crate::precision::Precision;
use std::sync::OnceLock;

fn data() -> &'static TextData {
    static DATA: OnceLock<TextData> = OnceLock::new();
    DATA.get_or_init(|| TextData::general(300).unwrap())
}

fn small_model() -> ModelConfig {
    ModelConfig {
        vocab_size: 300,
        context_len: 8,
        d_model: 16,
        n_heads: 2,
        n_layers: 1,
    }
}

fn cfg() -> TrainConfig {
    TrainConfig {
        batch_size: 4,
        total_steps: 20,
        warmup_steps: 2,
        eval_windows: 4,
        ..TrainConfig::default()
    }
}

#[test]
fn general_data_has_disjoint_train_and_validation_text() {
    let d = data();
    assert_eq!(d.tokenizer.vocab_size(), 300);
    assert!(d.train.len() > 5 * d.val.len() && !d.val.is_empty());
}

#[test]
fn accumulation_report_shows_matching_runs() {
    let r = accumulation_vs_big_batch(data(), small_model(), 2, 3, 2).unwrap();
    for (a, b) in r.big_batch_losses.iter().zip(&r.accumulated_losses) {
        assert!((a - b).abs() < 1e-5);
    }
    assert!(r.weights.same(), "{r}");
    assert!(r.to_string().contains("3 micro-batches of 2"));
    assert!(r
        .to_string()
        .contains("the same numbers up to float rounding"));
}

#[test]
fn resume_report_is_bit_identical_and_plots_two_curves() {
    let r = checkpoint_resume(data(), small_model(), cfg(), 3).unwrap();
    assert!(r.identical);
    assert_eq!(r.straight.train_loss, r.resumed.train_loss);
    assert_eq!(r.plot().series.len(), 2);
    assert!(r.checkpoint_bytes > 4 * small_model().num_params());
}

#[test]
fn resume_report_says_when_the_runs_differ() {
    let quiet_cfg = TrainConfig {
        log_every: 0,
        eval_every: 0,
        ..cfg()
    };
    let mut a = data().trainer(small_model(), quiet_cfg, 0).unwrap();
    let mut b = data().trainer(small_model(), quiet_cfg, 0).unwrap();
    a.train(2);
    b.train(3);
    let r = ResumeReport::new(&a, &b, 1, 100);
    assert!(!r.identical && !r.weights.same());
    assert!(r.to_string().contains("NOT identical"), "{r}");
}

#[test]
fn precision_report_labels_the_formula_and_measures_allocation() {
    let r = bf16_vs_f32(data(), small_model(), cfg(), 5).unwrap();
    let (f, b) = (&r.rows[0], &r.rows[1]);
    // The formula column: what bf16 would store, half of f32.
    assert_eq!(f.would_store_bytes, 2 * b.would_store_bytes);
    // The measured column: this emulation holds more in bf16 mode, and says so.
    assert!(b.allocated_bytes > f.allocated_bytes);
    assert!(r.verdict().contains("MORE memory"), "{}", r.verdict());
    assert!(r.to_string().contains("| Bf16 |"));
    assert!(r.to_string().contains("(KB, formula)") && r.to_string().contains("(KB, measured)"));
}

#[test]
fn precision_verdict_compares_the_loss_change_with_its_threshold() {
    let row = |precision, allocated_bytes, final_loss| PrecisionRow {
        precision,
        would_store_bytes: 0,
        allocated_bytes,
        final_loss,
        val_loss: None,
        seconds: 0.0,
    };
    let close = PrecisionReport {
        rows: vec![row(Precision::F32, 100, 4.0), row(Precision::Bf16, 80, 4.1)],
    };
    assert!(
        close.verdict().contains("20% less memory"),
        "{}",
        close.verdict()
    );
    assert!(close.verdict().contains("about as well"));
    let far = PrecisionReport {
        rows: vec![
            row(Precision::F32, 100, 4.0),
            row(Precision::Bf16, 150, 4.4),
        ],
    };
    assert!(far.verdict().contains("50% MORE") && far.verdict().contains("measurably differently"));
}

#[test]
fn speedup_report_times_each_thread_count() {
    let outer = std::time::Instant::now();
    let r = parallel_speedup(data(), small_model(), cfg(), 2, 3).unwrap();
    let outer = outer.elapsed().as_secs_f64();
    assert_eq!(
        r.runs.iter().map(|x| x.threads).collect::<Vec<_>>(),
        vec![1, 2]
    );
    for run in &r.runs {
        // Every timed token is counted, and the time is what a stopwatch around the call allows.
        assert_eq!(
            run.tokens,
            3 * cfg().tokens_per_step(small_model().context_len)
        );
        assert!(
            run.seconds < outer,
            "{} s inside a {outer} s call",
            run.seconds
        );
        assert_eq!(run.tokens_per_sec(), run.tokens as f64 / run.seconds);
    }
    assert!(parallel_speedup(
        data(),
        small_model(),
        TrainConfig {
            batch_size: 3,
            ..cfg()
        },
        2,
        1
    )
    .is_err());
}

#[test]
fn speedup_verdict_uses_its_threshold() {
    let report = |two_thread_secs| SpeedupReport {
        runs: vec![
            ThroughputRun {
                threads: 1,
                tokens: 1000,
                seconds: 1.0,
            },
            ThroughputRun {
                threads: 2,
                tokens: 1000,
                seconds: two_thread_secs,
            },
        ],
        available_cores: 2,
    };
    assert!(report(0.5)
        .verdict()
        .contains("2.00x as fast as one (at least"));
    assert!(
        report(0.95).verdict().contains("under the 1.2x"),
        "{}",
        report(0.95).verdict()
    );
}

#[test]
fn flop_report_counts_six_n_d() {
    let r = FlopReport {
        params: 1000,
        tokens: 500,
        seconds: 2.0,
    };
    assert_eq!(r.flops(), 3.0e6);
    assert_eq!(r.flops_per_sec(), 1.5e6);
    assert!(r.to_string().contains("3.15e23"));
}

#[test]
fn examples_become_q_and_a_text_with_a_held_out_tenth() {
    let examples: Vec<Example> = (0..20)
        .map(|i| Example::new(format!("question {i}?"), "answer."))
        .collect();
    let d = TextData::from_examples(data().tokenizer.clone(), &examples);
    let val_text = d.tokenizer.decode(&d.val);
    assert!(val_text.contains("Q: question 9?\nA: answer.") && val_text.contains("question 19?"));
    assert!(!d.tokenizer.decode(&d.train).contains("question 9?"));
}

#[test]
fn fine_tuning_lowers_domain_loss() {
    let d = data();
    let mut pre = d
        .trainer(
            small_model(),
            TrainConfig {
                log_every: 0,
                eval_every: 0,
                ..cfg()
            },
            0,
        )
        .unwrap();
    pre.train(10);
    let examples = crate::corpus::finetune(crate::corpus::Domain::Medical);
    let domain = TextData::from_examples(d.tokenizer.clone(), &examples);
    let ft_cfg = TrainConfig {
        batch_size: 4,
        log_every: 0,
        eval_every: 0,
        eval_windows: 8,
        ..TrainConfig::fine_tune()
    };
    let r = fine_tune(&pre.model, &domain, &d.val, ft_cfg, 30).unwrap();
    assert!(r.domain_val.1 < r.domain_val.0, "{r}");
    assert_ne!(r.model, pre.model);
    assert!(r.to_string().contains("general text"));
}
