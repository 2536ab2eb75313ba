//! Inference one token at a time, remembering every earlier position's keys
//! and values (the "KV cache").
//!
//! Teaches: when a model writes token number `t`, the keys and values of
//! positions `0..t` are the same as they were one step earlier, because
//! attention is causal (no position looks ahead). Recomputing them every step
//! makes generating `n` tokens cost about `n²` token-forwards; caching them
//! makes each new token cost one forward through the blocks plus an attention
//! read over the cache. The result is the same; `generate`'s tests check it.

use super::ops::{self, gelu_forward, layernorm_forward, linear_forward};
use super::{ModelConfig, Tensors};
use crate::kernels::{dot, softmax_in_place};

/// Keys and values of the positions seen so far, for every block, plus the
/// scratch buffers one new position needs.
#[derive(Debug, Clone)]
pub struct KvCache {
    cfg: ModelConfig,
    /// Per block: `context_len x d_model` keys, then values, filled up to `len`.
    keys: Vec<Vec<f32>>,
    values: Vec<Vec<f32>>,
    len: usize,
    x: Vec<f32>,
    ln: Vec<f32>,
    qkv: Vec<f32>,
    atty: Vec<f32>,
    scores: Vec<f32>,
    fc: Vec<f32>,
    gelu: Vec<f32>,
    out: Vec<f32>,
}

impl KvCache {
    /// An empty cache for a model of shape `cfg`.
    ///
    /// ```
    /// use tiny_lm::model::{KvCache, Model, ModelConfig};
    /// let model = Model::new(ModelConfig::tiny(300), 1).unwrap();
    /// let mut cache = KvCache::new(model.config);
    /// cache.push(&model.params, 5);
    /// let probs = cache.push(&model.params, 6);
    /// let direct = model.next_token_probs(&[5, 6]).unwrap();
    /// assert!(probs.iter().zip(&direct).all(|(a, b)| (a - b).abs() < 1e-5));
    /// ```
    pub fn new(cfg: ModelConfig) -> Self {
        let (c, t) = (cfg.d_model, cfg.context_len);
        KvCache {
            cfg,
            keys: vec![vec![0.0; t * c]; cfg.n_layers],
            values: vec![vec![0.0; t * c]; cfg.n_layers],
            len: 0,
            x: vec![0.0; c],
            ln: vec![0.0; c],
            qkv: vec![0.0; 3 * c],
            atty: vec![0.0; c],
            scores: vec![0.0; t],
            fc: vec![0.0; cfg.d_mlp()],
            gelu: vec![0.0; cfg.d_mlp()],
            out: vec![0.0; cfg.d_mlp().max(c)],
        }
    }

    /// Positions cached so far.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether nothing is cached.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Whether the context window is full (no further [`KvCache::push`] fits).
    pub fn is_full(&self) -> bool {
        self.len == self.cfg.context_len
    }

    /// Forget every position (the window starts again at position 0).
    pub fn clear(&mut self) {
        self.len = 0;
    }

    /// Feed `token` at the next position; returns the probabilities of the
    /// token after it. The caller keeps the window from overflowing (see
    /// [`KvCache::is_full`]) and the token in the vocabulary.
    pub fn push(&mut self, params: &[f32], token: u32) -> Vec<f32> {
        assert!(!self.is_full(), "the KV cache is full; clear it first");
        let cfg = self.cfg;
        let (c, pos) = (cfg.d_model, self.len);
        let (heads, hs) = (cfg.n_heads, cfg.d_model / cfg.n_heads);
        let scale = 1.0 / (hs as f32).sqrt();
        let w = Tensors::split(params, &cfg);
        let (te, pe) = (&w.wte[token as usize * c..][..c], &w.wpe[pos * c..][..c]);
        for (x, (a, b)) in self.x.iter_mut().zip(te.iter().zip(pe)) {
            *x = a + b;
        }
        let (mut mean, mut rstd) = ([0.0], [0.0]);
        for (l, lw) in w.layers.iter().enumerate() {
            // Attention: this position's query against every cached key.
            layernorm_forward(
                &mut self.ln,
                &mut mean,
                &mut rstd,
                &self.x,
                lw.ln1_w,
                lw.ln1_b,
                c,
            );
            linear_forward(&mut self.qkv, &self.ln, lw.qkv_w, lw.qkv_b, c, 3 * c);
            let (keys, values) = (&mut self.keys[l], &mut self.values[l]);
            keys[pos * c..][..c].copy_from_slice(&self.qkv[c..2 * c]);
            values[pos * c..][..c].copy_from_slice(&self.qkv[2 * c..]);
            for h in 0..heads {
                let q = &self.qkv[h * hs..][..hs];
                let scores = &mut self.scores[..=pos];
                for (j, s) in scores.iter_mut().enumerate() {
                    *s = dot(q, &keys[j * c + h * hs..][..hs]) * scale;
                }
                softmax_in_place(scores);
                let y = &mut self.atty[h * hs..][..hs];
                y.fill(0.0);
                for (j, &a) in scores.iter().enumerate() {
                    for (yi, vi) in y.iter_mut().zip(&values[j * c + h * hs..][..hs]) {
                        *yi += a * vi;
                    }
                }
            }
            linear_forward(&mut self.out[..c], &self.atty, lw.proj_w, lw.proj_b, c, c);
            ops::add_into(&mut self.x, &self.out[..c]);
            // MLP.
            let f = cfg.d_mlp();
            layernorm_forward(
                &mut self.ln,
                &mut mean,
                &mut rstd,
                &self.x,
                lw.ln2_w,
                lw.ln2_b,
                c,
            );
            linear_forward(&mut self.fc, &self.ln, lw.fc_w, lw.fc_b, c, f);
            gelu_forward(&mut self.gelu, &self.fc);
            linear_forward(
                &mut self.out[..c],
                &self.gelu,
                lw.fcproj_w,
                lw.fcproj_b,
                f,
                c,
            );
            ops::add_into(&mut self.x, &self.out[..c]);
        }
        self.len += 1;
        layernorm_forward(
            &mut self.ln,
            &mut mean,
            &mut rstd,
            &self.x,
            w.lnf_w,
            w.lnf_b,
            c,
        );
        let mut probs: Vec<f32> = w
            .wte
            .chunks_exact(c)
            .map(|row| dot(&self.ln, row))
            .collect();
        softmax_in_place(&mut probs);
        probs
    }
}
