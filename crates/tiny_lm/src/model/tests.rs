//! Gradient checks: the hand-written backward pass against finite differences.

use super::*;
use crate::precision::Precision;

fn tiny() -> ModelConfig {
    ModelConfig {
        vocab_size: 11,
        context_len: 6,
        d_model: 8,
        n_heads: 2,
        n_layers: 2,
    }
}

/// A model whose weights are all random (including LayerNorm gains and
/// biases), so no gradient is trivially zero or one.
fn scrambled(cfg: ModelConfig, seed: u64) -> Model {
    let mut m = Model::new(cfg, seed).unwrap();
    let mut rng = Rng::new(seed + 1);
    for p in &mut m.params {
        *p += 0.3 * rng.normal();
    }
    m
}

fn batch(cfg: &ModelConfig, b: usize, t: usize, seed: u64) -> (Vec<u32>, Vec<u32>) {
    let mut rng = Rng::new(seed);
    let mut ids = || {
        (0..b * t)
            .map(|_| rng.below(cfg.vocab_size) as u32)
            .collect::<Vec<_>>()
    };
    (ids(), ids())
}

fn mean_loss(cfg: ModelConfig, params: &[f32], x: &[u32], y: &[u32], b: usize, t: usize) -> f64 {
    let mut ws = Workspace::new(cfg, b, t, Precision::F32);
    ws.loss(params, x, y) / (b * t) as f64
}

#[test]
fn backward_matches_finite_differences_for_every_weight() {
    let cfg = tiny();
    let (b, t) = (2, 5);
    let model = scrambled(cfg, 3);
    let (x, y) = batch(&cfg, b, t, 9);
    let mut ws = Workspace::new(cfg, b, t, Precision::F32);
    ws.forward_backward(&model.params, &x, &y, 1.0 / (b * t) as f32);
    let analytic = ws.grads.clone();

    let eps = 1e-3f32;
    let mut params = model.params.clone();
    let mut offset = 0;
    for info in cfg.tensor_shapes() {
        let (mut diff2, mut ref2) = (0.0f64, 0.0f64);
        for i in offset..offset + info.len() {
            let orig = params[i];
            params[i] = orig + eps;
            let plus = mean_loss(cfg, &params, &x, &y, b, t);
            params[i] = orig - eps;
            let minus = mean_loss(cfg, &params, &x, &y, b, t);
            params[i] = orig;
            let numeric = (plus - minus) / (2.0 * eps as f64);
            let a = analytic[i] as f64;
            assert!(
                (numeric - a).abs() < 1e-3 + 0.05 * numeric.abs(),
                "{} [{}]: analytic {a:.6} vs numeric {numeric:.6}",
                info.name,
                i - offset
            );
            diff2 += (numeric - a).powi(2);
            ref2 += numeric.powi(2);
        }
        let rel = (diff2 / ref2.max(1e-20)).sqrt();
        assert!(
            rel < 1e-2,
            "{}: relative gradient error {rel:.2e}",
            info.name
        );
        assert!(
            ref2 > 0.0,
            "{}: gradient is identically zero, the check proves nothing",
            info.name
        );
        offset += info.len();
    }
}

#[test]
fn gradients_add_up_across_calls() {
    let cfg = tiny();
    let model = scrambled(cfg, 5);
    let (x, y) = batch(&cfg, 1, 6, 2);
    let mut ws = Workspace::new(cfg, 1, 6, Precision::F32);
    ws.forward_backward(&model.params, &x, &y, 1.0);
    let once = ws.grads.clone();
    ws.forward_backward(&model.params, &x, &y, 1.0);
    for (twice, once) in ws.grads.iter().zip(&once) {
        assert!((twice - 2.0 * once).abs() <= 1e-5 * (1.0 + once.abs()));
    }
}

/// Largest gap between `inference`'s next-token probabilities for every
/// prefix of `x` and `training`'s training-forward-pass probabilities at the
/// same positions, over the whole vocabulary (as `|ln p - ln q|`).
fn inference_vs_training_gap(inference: &Model, training: &Model, x: &[u32]) -> f32 {
    let cfg = training.config;
    let mut ws = Workspace::new(cfg, 1, x.len(), Precision::F32);
    let mut gap = 0.0f32;
    for v in 0..cfg.vocab_size as u32 {
        let train_losses = ws.token_losses(&training.params, x, &vec![v; x.len()]);
        for (t, train_loss) in train_losses.iter().enumerate() {
            let p = inference.next_token_probs(&x[..=t]).unwrap()[v as usize];
            gap = gap.max((-p.ln() - train_loss).abs());
        }
    }
    gap
}

#[test]
fn inference_matches_training_forward_and_crops_long_context() {
    let cfg = tiny();
    let model = scrambled(cfg, 7);
    let (x, _) = batch(&cfg, 1, 6, 4);
    let gap = inference_vs_training_gap(&model, &model, &x);
    assert!(
        gap < 1e-4,
        "inference and training forward disagree by {gap}"
    );
    // The comparison can fail: another model's training pass is far off.
    let other = scrambled(cfg, 8);
    assert!(inference_vs_training_gap(&other, &model, &x) > 1e-2);
    let p = model.next_token_probs(&x).unwrap();
    assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    // A longer context sees only its last `context_len` tokens.
    let mut long = vec![1u32, 2, 3];
    long.extend(&x);
    assert_eq!(model.next_token_probs(&long).unwrap(), p);
    assert!(matches!(
        model.next_token_probs(&[]),
        Err(Error::NotEnoughData(_))
    ));
    assert!(matches!(
        model.next_token_probs(&[99]),
        Err(Error::UnknownToken { id: 99, .. })
    ));
}

#[test]
fn token_losses_reject_mismatched_or_too_long_input() {
    let model = scrambled(tiny(), 2);
    assert!(model.token_losses(&[1, 2], &[2]).is_err());
    assert!(model.token_losses(&[], &[]).is_err());
    let long = [1u32; 7];
    let err = model.token_losses(&long, &long).unwrap_err().to_string();
    assert!(err.contains("context of 6"), "{err}");
    assert!(matches!(
        model.token_losses(&[1], &[40]),
        Err(Error::UnknownToken { id: 40, .. })
    ));
}

#[test]
fn bf16_training_forward_is_close_to_f32() {
    let cfg = tiny();
    let model = scrambled(cfg, 8);
    let (x, y) = batch(&cfg, 2, 6, 5);
    let mut f32_ws = Workspace::new(cfg, 2, 6, Precision::F32);
    let mut bf16_ws = Workspace::new(cfg, 2, 6, Precision::Bf16);
    let l32 = f32_ws.forward_backward(&model.params, &x, &y, 1.0);
    let l16 = bf16_ws.forward_backward(&model.params, &x, &y, 1.0);
    assert!(((l32 - l16) / l32).abs() < 0.02, "{l32} vs {l16}");
    let dot: f64 = f32_ws
        .grads
        .iter()
        .zip(&bf16_ws.grads)
        .map(|(a, b)| (a * b) as f64)
        .sum();
    let n32: f64 = f32_ws.grads.iter().map(|a| (a * a) as f64).sum();
    let n16: f64 = bf16_ws.grads.iter().map(|a| (a * a) as f64).sum();
    assert!(
        dot / (n32 * n16).sqrt() > 0.99,
        "bf16 gradients point elsewhere"
    );
}
