use super::*;
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
    assert!(r.max_weight_diff < 1e-4 * r.max_weight.max(1.0));
    assert!(r.to_string().contains("3 micro-batches of 2"));
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
fn precision_report_halves_memory() {
    let r = bf16_vs_f32(data(), small_model(), cfg(), 5).unwrap();
    let (f, b) = (&r.rows[0], &r.rows[1]);
    assert_eq!(f.weight_bytes, 2 * b.weight_bytes);
    assert_eq!(f.activation_bytes, 2 * b.activation_bytes);
    assert!((f.final_loss - b.final_loss).abs() < 0.1 * f.final_loss);
    assert!(r.to_string().contains("| Bf16 |"));
}

#[test]
fn speedup_report_measures_each_thread_count() {
    let r = parallel_speedup(data(), small_model(), cfg(), 2, 2).unwrap();
    assert_eq!(r.runs.iter().map(|x| x.0).collect::<Vec<_>>(), vec![1, 2]);
    assert!(r.runs.iter().all(|x| x.1 > 0.0));
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
