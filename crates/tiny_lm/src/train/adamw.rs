//! AdamW and gradient clipping.
//!
//! Teaches: plain gradient descent moves every weight by `lr x gradient`. Adam
//! keeps two running averages per weight, of the gradient (`m`, momentum) and
//! of its square (`v`), and moves by `m / sqrt(v)`: each weight gets its own
//! step size. AdamW applies weight decay *separately* ("decoupled"), shrinking
//! weights toward zero by `lr x wd x w` rather than adding `wd x w` to the
//! gradient, where Adam's scaling would distort it. Clipping rescales the whole
//! gradient when its length exceeds a limit, so one bad batch cannot wreck training.

use crate::model::ModelConfig;

/// The optimizer's memory: two moments per weight and the step count.
#[derive(Debug, Clone, PartialEq)]
pub struct AdamW {
    /// Running mean of gradients.
    pub m: Vec<f32>,
    /// Running mean of squared gradients.
    pub v: Vec<f32>,
    /// Updates applied so far (for bias correction).
    pub t: u64,
    /// `(start, end, decays)` for each weight tensor.
    decay_spans: Vec<(usize, usize, bool)>,
}

/// Hyper-parameters of one update.
#[derive(Debug, Clone, Copy)]
pub struct AdamWParams {
    /// Step size.
    pub lr: f32,
    /// Momentum decay.
    pub beta1: f32,
    /// Squared-gradient decay.
    pub beta2: f32,
    /// Avoids division by zero.
    pub eps: f32,
    /// Decoupled weight decay factor.
    pub weight_decay: f32,
}

impl AdamW {
    /// Fresh state for a model of this shape.
    pub fn new(cfg: &ModelConfig) -> Self {
        let mut decay_spans = Vec::new();
        let mut start = 0;
        for t in cfg.tensor_shapes() {
            decay_spans.push((start, start + t.len(), t.decay));
            start += t.len();
        }
        AdamW {
            m: vec![0.0; start],
            v: vec![0.0; start],
            t: 0,
            decay_spans,
        }
    }

    /// Rebuild from saved moments (checkpoint loading).
    pub fn from_state(cfg: &ModelConfig, m: Vec<f32>, v: Vec<f32>, t: u64) -> Self {
        AdamW {
            m,
            v,
            t,
            ..AdamW::new(cfg)
        }
    }

    /// Heap bytes of the optimizer state (both moments and the tensor table).
    pub fn allocated_bytes(&self) -> usize {
        (self.m.capacity() + self.v.capacity()) * size_of::<f32>()
            + self.decay_spans.capacity() * size_of::<(usize, usize, bool)>()
    }

    /// One update of `params` from `grads`.
    pub fn step(&mut self, params: &mut [f32], grads: &[f32], h: AdamWParams) {
        self.t += 1;
        let bias1 = 1.0 - h.beta1.powi(self.t as i32);
        let bias2 = 1.0 - h.beta2.powi(self.t as i32);
        for &(start, end, decays) in &self.decay_spans {
            let wd = if decays { h.weight_decay } else { 0.0 };
            for i in start..end {
                let g = grads[i];
                self.m[i] = h.beta1 * self.m[i] + (1.0 - h.beta1) * g;
                self.v[i] = h.beta2 * self.v[i] + (1.0 - h.beta2) * g * g;
                let m_hat = self.m[i] / bias1;
                let v_hat = self.v[i] / bias2;
                params[i] -= h.lr * (m_hat / (v_hat.sqrt() + h.eps) + wd * params[i]);
            }
        }
    }
}

/// Scale `grads` so their global L2 norm is at most `max_norm` (if `max_norm > 0`).
/// Returns the norm before clipping (worth logging: spikes mean trouble).
pub fn clip_grad_norm(grads: &mut [f32], max_norm: f32) -> f32 {
    let norm = grads
        .iter()
        .map(|&g| (g as f64) * (g as f64))
        .sum::<f64>()
        .sqrt() as f32;
    if max_norm > 0.0 && norm > max_norm {
        let scale = max_norm / norm;
        grads.iter_mut().for_each(|g| *g *= scale);
    }
    norm
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cfg() -> ModelConfig {
        ModelConfig {
            vocab_size: 4,
            context_len: 2,
            d_model: 2,
            n_heads: 1,
            n_layers: 1,
        }
    }

    #[test]
    fn first_step_moves_each_weight_by_lr_against_the_gradient_sign() {
        let cfg = cfg();
        let n = cfg.num_params();
        let mut opt = AdamW::new(&cfg);
        let mut params = vec![0.0; n];
        let grads: Vec<f32> = (0..n)
            .map(|i| if i % 2 == 0 { 0.5 } else { -2.0 })
            .collect();
        let h = AdamWParams {
            lr: 0.1,
            beta1: 0.9,
            beta2: 0.95,
            eps: 1e-8,
            weight_decay: 0.0,
        };
        opt.step(&mut params, &grads, h);
        for (p, g) in params.iter().zip(&grads) {
            assert!(
                (p + 0.1 * g.signum()).abs() < 1e-5,
                "bias-corrected Adam's first step is lr * sign(g)"
            );
        }
    }

    #[test]
    fn weight_decay_shrinks_only_matrices() {
        let cfg = cfg();
        let n = cfg.num_params();
        let mut opt = AdamW::new(&cfg);
        let mut params = vec![1.0; n];
        let h = AdamWParams {
            lr: 0.1,
            beta1: 0.9,
            beta2: 0.95,
            eps: 1e-8,
            weight_decay: 0.5,
        };
        opt.step(&mut params, &vec![0.0; n], h);
        let shapes = cfg.tensor_shapes();
        let mut i = 0;
        for t in shapes {
            let want = if t.decay { 0.95 } else { 1.0 };
            assert!((params[i] - want).abs() < 1e-6, "{}", t.name);
            i += t.len();
        }
    }

    #[test]
    fn clipping_caps_the_norm_and_reports_the_original() {
        let mut g = vec![3.0, 4.0];
        assert_eq!(clip_grad_norm(&mut g, 1.0), 5.0);
        assert!((g[0] - 0.6).abs() < 1e-6 && (g[1] - 0.8).abs() < 1e-6);
        let mut small = vec![0.3, 0.4];
        clip_grad_norm(&mut small, 1.0);
        assert_eq!(small, vec![0.3, 0.4]);
    }
}
