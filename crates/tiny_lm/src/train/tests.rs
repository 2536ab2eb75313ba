use super::*;
use crate::model::ModelConfig;

fn cfg_model() -> ModelConfig {
    ModelConfig {
        vocab_size: 40,
        context_len: 8,
        d_model: 16,
        n_heads: 2,
        n_layers: 1,
    }
}

/// Text with structure to learn: a repeating pattern with some noise.
fn tokens(n: usize, seed: u64) -> Vec<u32> {
    let mut rng = Rng::new(seed);
    (0..n)
        .map(|i| {
            if rng.below(10) == 0 {
                rng.below(40) as u32
            } else {
                (i % 13) as u32
            }
        })
        .collect()
}

fn quiet(batch: usize) -> TrainConfig {
    TrainConfig {
        batch_size: batch,
        total_steps: 40,
        warmup_steps: 5,
        log_every: 0,
        eval_every: 0,
        ..TrainConfig::default()
    }
}

fn trainer(cfg: TrainConfig) -> Trainer {
    let model = Model::new(cfg_model(), 11).unwrap();
    Trainer::new(model, cfg, tokens(3000, 1), tokens(500, 2)).unwrap()
}

fn max_rel_diff(a: &[f32], b: &[f32]) -> f32 {
    let scale = a.iter().map(|x| x.abs()).fold(0.0, f32::max).max(1e-12);
    a.iter()
        .zip(b)
        .map(|(x, y)| (x - y).abs())
        .fold(0.0, f32::max)
        / scale
}

#[test]
fn training_reduces_loss() {
    let cfg = TrainConfig {
        eval_every: 40,
        total_steps: 80,
        ..quiet(8)
    };
    let h = trainer(cfg).train(80);
    assert!(h.recent_loss(5).unwrap() < h.train_loss[0] - 1.5, "{h}");
    assert_eq!(h.val.len(), 2);
    assert!(h.last_val_loss().unwrap() < 2.2, "{h}");
}

#[test]
fn same_seed_same_run_bit_for_bit() {
    let a = trainer(quiet(4)).train(5);
    let b = trainer(quiet(4)).train(5);
    assert_eq!(a.train_loss, b.train_loss);
    let c = trainer(TrainConfig {
        seed: 99,
        ..quiet(4)
    })
    .train(5);
    assert_ne!(a.train_loss, c.train_loss);
}

#[test]
fn accumulating_k_micro_batches_equals_one_batch_of_k_times_b() {
    let mut big = trainer(quiet(8));
    let mut acc = trainer(TrainConfig {
        grad_accum_steps: 4,
        ..quiet(2)
    });
    for _ in 0..3 {
        let (l1, l2) = (big.step(), acc.step());
        assert!((l1 - l2).abs() < 1e-5, "{l1} vs {l2}");
        assert!(max_rel_diff(big.last_gradient(), acc.last_gradient()) < 1e-4);
    }
    assert!(max_rel_diff(&big.model.params, &acc.model.params) < 1e-4);
}

#[test]
fn data_parallel_equals_single_thread() {
    let mut one = trainer(quiet(8));
    let mut two = trainer(TrainConfig {
        threads: 2,
        ..quiet(8)
    });
    for _ in 0..3 {
        let (l1, l2) = (one.step(), two.step());
        assert!((l1 - l2).abs() < 1e-5);
        assert!(max_rel_diff(one.last_gradient(), two.last_gradient()) < 1e-4);
    }
    assert!(max_rel_diff(&one.model.params, &two.model.params) < 1e-4);
}

#[test]
fn bf16_trains_about_as_well_but_emulated_it_holds_more_memory() {
    let mut f = trainer(quiet(8));
    let mut b = trainer(TrainConfig {
        precision: Precision::Bf16,
        ..quiet(8)
    });
    let (hf, hb) = (f.train(30), b.train(30));
    // What real bf16 storage would take: half, by the formula ...
    let (wf, af) = f.working_memory_bytes();
    let (wb, ab) = b.working_memory_bytes();
    assert_eq!((wf, af), (2 * wb, 2 * ab));
    // ... while this emulation keeps f32 buffers besides its 16-bit copies
    // (`tests/allocation.rs` checks these figures against the allocator).
    assert!(
        b.allocated_bytes() > f.allocated_bytes(),
        "bf16 {} vs f32 {}",
        b.allocated_bytes(),
        f.allocated_bytes()
    );
    let (lf, lb) = (hf.recent_loss(5).unwrap(), hb.recent_loss(5).unwrap());
    assert!((lf - lb).abs() < 0.1 * lf, "f32 {lf} vs bf16 {lb}");
    assert_ne!(
        hf.train_loss, hb.train_loss,
        "bf16 must actually change the arithmetic"
    );
}

#[test]
fn schedule_warms_up_then_decays_to_min() {
    let cfg = TrainConfig::default();
    let lrs: Vec<f32> = (0..cfg.total_steps + 5)
        .map(|s| learning_rate(s, &cfg))
        .collect();
    assert!(lrs[..cfg.warmup_steps].windows(2).all(|w| w[0] < w[1]));
    assert!((lrs[cfg.warmup_steps - 1] - cfg.learning_rate).abs() < 1e-9);
    assert!(lrs[cfg.warmup_steps..].windows(2).all(|w| w[0] >= w[1]));
    assert_eq!(*lrs.last().unwrap(), cfg.min_lr);
}

#[test]
fn bad_settings_are_rejected_with_a_reason() {
    let model = Model::new(cfg_model(), 0).unwrap();
    let bad_threads = TrainConfig {
        threads: 3,
        ..quiet(8)
    };
    let err = Trainer::new(model.clone(), bad_threads, tokens(100, 0), vec![]).unwrap_err();
    assert!(err.to_string().contains("divisible"));
    assert!(matches!(
        Trainer::new(model.clone(), quiet(8), vec![1, 2, 3], vec![]),
        Err(Error::NotEnoughData(_))
    ));
    assert!(matches!(
        Trainer::new(model, quiet(8), vec![77; 100], vec![]),
        Err(Error::UnknownToken { id: 77, .. })
    ));
}

#[test]
fn the_notebooks_hand_written_loop_is_the_trainers_step() {
    use crate::model::Workspace;
    let cfg = quiet(8);
    let mut trainer = trainer(cfg);
    let mut model = Model::new(cfg_model(), 11).unwrap();
    let (text, context_len) = (tokens(3000, 1), cfg_model().context_len);
    let mut optimizer = AdamW::new(&model.config);
    let mut workspace = Workspace::new(model.config, cfg.batch_size, context_len, Precision::F32);
    let (mut rng, mut history) = (Rng::new(cfg.seed), LossHistory::default());
    for step in 0..10 {
        let batch = Batch::sample(&text, cfg.batch_size, context_len, &mut rng).unwrap();
        workspace.zero_grads();
        let loss = workspace.backprop(&model.params, &batch).unwrap();
        let grad_norm = clip_grad_norm(&mut workspace.grads, cfg.grad_clip);
        let lr = learning_rate(step, &cfg);
        optimizer.step(&mut model.params, &workspace.grads, cfg.adamw(lr));
        history.record(step + 1, loss, lr, grad_norm, batch.num_tokens());
        assert_eq!(loss, trainer.step(), "step {step}");
    }
    assert_eq!(model.params, trainer.model.params);
    assert_eq!(history.grad_norm, trainer.history.grad_norm);
    assert_eq!(history.tokens_seen, trainer.history.tokens_seen);
}

#[test]
fn early_stopping_keeps_the_best_validation_weights() {
    // Training on one pattern and validating on another: validation gets
    // worse as the model memorises, so training stops early and rewinds.
    let model = Model::new(cfg_model(), 3).unwrap();
    let train: Vec<u32> = (0..3000).map(|i| (i % 7) as u32).collect();
    let val: Vec<u32> = (0..600).map(|i| (i % 7 + 20) as u32).collect();
    let cfg = TrainConfig {
        eval_every: 10,
        learning_rate: 1e-2,
        ..quiet(8)
    };
    let mut t = Trainer::new(model, cfg, train, val).unwrap();
    let kept = t.train_until_overfit(400, 2);
    let vals = t.history.val.clone();
    let best = vals.iter().min_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    assert_eq!(kept, best.0, "{vals:?}");
    assert!(t.step < 400, "stopped early: {vals:?}");
    assert_eq!(
        vals.len(),
        vals.iter().position(|v| v == best).unwrap() + 3,
        "patience 2"
    );
    let now = crate::eval::evaluate(
        &t.model,
        &(0..600).map(|i| (i % 7 + 20) as u32).collect::<Vec<_>>(),
        16,
    )
    .unwrap();
    assert!(
        (now.loss - best.1).abs() < 1e-4,
        "weights rewound to the best step"
    );
}

#[test]
fn ignored_targets_add_neither_loss_nor_gradient() {
    use crate::model::ops::IGNORE;
    let model = Model::new(cfg_model(), 5).unwrap();
    let (x, y) = (tokens(16, 3), tokens(16, 4));
    let mut masked = y.clone();
    masked[..8].fill(IGNORE);
    let mut ws = Workspace::new(model.config, 2, 8, Precision::F32);
    let full = ws.loss(&model.params, &x, &y);
    let part = ws.loss(&model.params, &x, &masked);
    assert!(part < full && part > 0.0);
    // Gradient with the first row ignored equals the gradient of the second row alone
    // (the first row's loss does not reach the second: rows are separate sequences).
    ws.zero_grads();
    ws.forward_backward(&model.params, &x, &masked, 1.0);
    let g_masked = ws.grads.clone();
    let mut row = Workspace::new(model.config, 1, 8, Precision::F32);
    row.forward_backward(&model.params, &x[8..], &y[8..], 1.0);
    assert!(max_rel_diff(&g_masked, &row.grads) < 1e-5);
}
