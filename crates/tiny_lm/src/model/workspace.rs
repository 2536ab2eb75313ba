//! The forward pass, and the backward pass that walks it in reverse.
//!
//! Teaches: backpropagation is bookkeeping. The forward pass saves what each
//! step needs later (its input, LayerNorm statistics, attention weights); the
//! backward pass visits the steps in reverse order and applies each one's
//! chain rule from [`super::ops`]. A [`Workspace`] owns those saved
//! activations and the gradient buffer, so several threads can each have one
//! and share the same read-only weights.

use super::ops::{self, AttnShape};
use super::{ModelConfig, Tensors};
use crate::kernels::dot;
use crate::precision::{self, Precision};

/// What one transformer block saves during the forward pass.
#[derive(Debug, Clone)]
struct LayerActs {
    x_in: Vec<f32>,
    ln1: Vec<f32>,
    ln1_mean: Vec<f32>,
    ln1_rstd: Vec<f32>,
    qkv: Vec<f32>,
    att: Vec<f32>,
    atty: Vec<f32>,
    res2: Vec<f32>,
    ln2: Vec<f32>,
    ln2_mean: Vec<f32>,
    ln2_rstd: Vec<f32>,
    fc: Vec<f32>,
    gelu: Vec<f32>,
}

impl LayerActs {
    fn new(cfg: &ModelConfig, batch: usize, time: usize) -> Self {
        let n = batch * time;
        let (c, f) = (cfg.d_model, cfg.d_mlp());
        LayerActs {
            x_in: vec![0.0; n * c],
            ln1: vec![0.0; n * c],
            ln1_mean: vec![0.0; n],
            ln1_rstd: vec![0.0; n],
            qkv: vec![0.0; n * 3 * c],
            att: vec![0.0; batch * cfg.n_heads * time * time],
            atty: vec![0.0; n * c],
            res2: vec![0.0; n * c],
            ln2: vec![0.0; n * c],
            ln2_mean: vec![0.0; n],
            ln2_rstd: vec![0.0; n],
            fc: vec![0.0; n * f],
            gelu: vec![0.0; n * f],
        }
    }

    fn buffers(&self) -> [&Vec<f32>; 13] {
        [
            &self.x_in,
            &self.ln1,
            &self.ln1_mean,
            &self.ln1_rstd,
            &self.qkv,
            &self.att,
            &self.atty,
            &self.res2,
            &self.ln2,
            &self.ln2_mean,
            &self.ln2_rstd,
            &self.fc,
            &self.gelu,
        ]
    }

    fn buffers_mut(&mut self) -> [&mut Vec<f32>; 13] {
        [
            &mut self.x_in,
            &mut self.ln1,
            &mut self.ln1_mean,
            &mut self.ln1_rstd,
            &mut self.qkv,
            &mut self.att,
            &mut self.atty,
            &mut self.res2,
            &mut self.ln2,
            &mut self.ln2_mean,
            &mut self.ln2_rstd,
            &mut self.fc,
            &mut self.gelu,
        ]
    }

    fn len(&self) -> usize {
        self.buffers().iter().map(|b| b.len()).sum()
    }
}

/// Buffers for one model shape and batch shape: saved activations, gradient
/// scratch and the accumulated weight gradients.
#[derive(Debug, Clone)]
pub struct Workspace {
    cfg: ModelConfig,
    batch: usize,
    time: usize,
    precision: Precision,
    training: bool,
    /// f32 training: one entry per block. Otherwise a single reused scratch.
    layers: Vec<LayerActs>,
    /// bf16 training: each block's saved activations, packed to 16 bits.
    stash: Vec<Vec<Vec<u16>>>,
    resid: Vec<f32>,
    lnf: Vec<f32>,
    lnf_mean: Vec<f32>,
    lnf_rstd: Vec<f32>,
    logits: Vec<f32>,
    d_resid: Vec<f32>,
    d_res2: Vec<f32>,
    d_ln: Vec<f32>,
    d_qkv: Vec<f32>,
    d_atty: Vec<f32>,
    d_fc: Vec<f32>,
    d_gelu: Vec<f32>,
    w_t: Vec<f32>,
    datt_row: Vec<f32>,
    /// Gradient of the loss for every weight, same layout as `Model::params`.
    pub grads: Vec<f32>,
}

impl Workspace {
    /// Buffers for training on batches of `batch` sequences of `time` tokens.
    pub fn new(cfg: ModelConfig, batch: usize, time: usize, precision: Precision) -> Self {
        let n = batch * time;
        let (c, f, v) = (cfg.d_model, cfg.d_mlp(), cfg.vocab_size);
        let kept = if precision == Precision::F32 {
            cfg.n_layers
        } else {
            1
        };
        let stash_len = if precision == Precision::Bf16 {
            cfg.n_layers
        } else {
            0
        };
        Workspace {
            cfg,
            batch,
            time,
            precision,
            training: true,
            layers: vec![LayerActs::new(&cfg, batch, time); kept],
            stash: vec![Vec::new(); stash_len],
            resid: vec![0.0; n * c],
            lnf: vec![0.0; n * c],
            lnf_mean: vec![0.0; n],
            lnf_rstd: vec![0.0; n],
            logits: vec![0.0; n * v],
            d_resid: vec![0.0; n * c],
            d_res2: vec![0.0; n * c],
            d_ln: vec![0.0; n * c],
            d_qkv: vec![0.0; n * 3 * c],
            d_atty: vec![0.0; n * c],
            d_fc: vec![0.0; n * f],
            d_gelu: vec![0.0; n * f],
            w_t: vec![0.0; (v * c).max(f * c)],
            datt_row: vec![0.0; time],
            grads: vec![0.0; cfg.num_params()],
        }
    }

    /// Minimal buffers for predicting the next token of one sequence.
    pub fn for_inference(cfg: ModelConfig, time: usize) -> Self {
        let c = cfg.d_model;
        Workspace {
            cfg,
            batch: 1,
            time,
            precision: Precision::F32,
            training: false,
            layers: vec![LayerActs::new(&cfg, 1, time)],
            stash: Vec::new(),
            resid: vec![0.0; time * c],
            lnf: vec![0.0; time * c],
            lnf_mean: vec![0.0; time],
            lnf_rstd: vec![0.0; time],
            logits: Vec::new(),
            d_resid: Vec::new(),
            d_res2: Vec::new(),
            d_ln: Vec::new(),
            d_qkv: Vec::new(),
            d_atty: Vec::new(),
            d_fc: Vec::new(),
            d_gelu: Vec::new(),
            w_t: Vec::new(),
            datt_row: Vec::new(),
            grads: Vec::new(),
        }
    }

    /// `(batch, time)` this workspace was built for.
    pub fn shape(&self) -> (usize, usize) {
        (self.batch, self.time)
    }

    /// Bytes of activations kept for the backward pass (what bf16 halves).
    pub fn saved_activation_bytes(&self) -> usize {
        let per_layer = self.layers[0].len();
        let final_ln = self.lnf.len() + self.lnf_mean.len() + self.lnf_rstd.len();
        match self.precision {
            Precision::F32 => (per_layer * self.cfg.n_layers + final_ln) * 4,
            Precision::Bf16 => (per_layer * self.cfg.n_layers + final_ln) * 2,
        }
    }

    /// Set all gradients to zero.
    pub fn zero_grads(&mut self) {
        self.grads.fill(0.0);
    }

    fn round(&self, xs: &mut [f32]) {
        if self.precision == Precision::Bf16 {
            precision::round_to_bf16(xs);
        }
    }

    /// Run the blocks and the final LayerNorm on `tokens` (`batch x time` ids).
    fn forward_trunk(&mut self, params: &[f32], tokens: &[u32]) {
        let cfg = self.cfg;
        let (c, time) = (cfg.d_model, self.time);
        assert_eq!(
            tokens.len(),
            self.batch * time,
            "token count must be batch x time"
        );
        let w = Tensors::split(params, &cfg);
        // Embedding: token vector + position vector.
        for (i, &tok) in tokens.iter().enumerate() {
            let t = i % time;
            let (te, pe) = (&w.wte[tok as usize * c..][..c], &w.wpe[t * c..][..c]);
            for (j, r) in self.resid[i * c..(i + 1) * c].iter_mut().enumerate() {
                *r = te[j] + pe[j];
            }
        }
        let mut resid = std::mem::take(&mut self.resid);
        self.round(&mut resid);
        let shape = AttnShape {
            batch: self.batch,
            time,
            c,
            heads: cfg.n_heads,
        };
        let mut layers = std::mem::take(&mut self.layers);
        for (l, lw) in w.layers.iter().enumerate() {
            let a = if layers.len() > 1 {
                &mut layers[l]
            } else {
                &mut layers[0]
            };
            self.layer_forward(lw, a, &mut resid, shape);
            if self.training && self.precision == Precision::Bf16 {
                let stash = &mut self.stash[l];
                stash.resize(13, Vec::new());
                for (dst, src) in stash.iter_mut().zip(a.buffers()) {
                    precision::pack(dst, src);
                }
            }
        }
        self.layers = layers;
        ops::layernorm_forward(
            &mut self.lnf,
            &mut self.lnf_mean,
            &mut self.lnf_rstd,
            &resid,
            w.lnf_w,
            w.lnf_b,
            c,
        );
        let mut lnf = std::mem::take(&mut self.lnf);
        self.round(&mut lnf);
        self.lnf = lnf;
        self.resid = resid;
    }

    fn layer_forward(
        &self,
        w: &super::LayerTensors<&[f32]>,
        a: &mut LayerActs,
        resid: &mut [f32],
        s: AttnShape,
    ) {
        let (c, f) = (s.c, 4 * s.c);
        a.x_in.copy_from_slice(resid);
        ops::layernorm_forward(
            &mut a.ln1,
            &mut a.ln1_mean,
            &mut a.ln1_rstd,
            &a.x_in,
            w.ln1_w,
            w.ln1_b,
            c,
        );
        self.round(&mut a.ln1);
        ops::linear_forward(&mut a.qkv, &a.ln1, w.qkv_w, w.qkv_b, c, 3 * c);
        self.round(&mut a.qkv);
        ops::attention_forward(&mut a.atty, &mut a.att, &a.qkv, s);
        self.round(&mut a.att);
        self.round(&mut a.atty);
        ops::linear_forward(&mut a.res2, &a.atty, w.proj_w, w.proj_b, c, c);
        ops::add_into(&mut a.res2, &a.x_in);
        self.round(&mut a.res2);
        ops::layernorm_forward(
            &mut a.ln2,
            &mut a.ln2_mean,
            &mut a.ln2_rstd,
            &a.res2,
            w.ln2_w,
            w.ln2_b,
            c,
        );
        self.round(&mut a.ln2);
        ops::linear_forward(&mut a.fc, &a.ln2, w.fc_w, w.fc_b, c, f);
        self.round(&mut a.fc);
        ops::gelu_forward(&mut a.gelu, &a.fc);
        self.round(&mut a.gelu);
        ops::linear_forward(resid, &a.gelu, w.fcproj_w, w.fcproj_b, f, c);
        ops::add_into(resid, &a.res2);
        self.round(resid);
    }

    /// Probabilities for the token after the last position (inference).
    pub fn last_token_probs(&mut self, params: &[f32], tokens: &[u32]) -> Vec<f32> {
        self.forward_trunk(params, tokens);
        let (c, v) = (self.cfg.d_model, self.cfg.vocab_size);
        let wte = Tensors::split(params, &self.cfg).wte;
        let last = &self.lnf[(tokens.len() - 1) * c..][..c];
        let mut probs: Vec<f32> = (0..v)
            .map(|i| dot(last, &wte[i * c..(i + 1) * c]))
            .collect();
        ops::softmax_rows(&mut probs, v);
        probs
    }

    /// Forward pass over a training batch; leaves next-token probabilities in
    /// the logits buffer and returns the summed cross-entropy.
    fn forward_probs(&mut self, params: &[f32], tokens: &[u32], targets: &[u32]) -> f64 {
        self.forward_trunk(params, tokens);
        let (c, v, n) = (self.cfg.d_model, self.cfg.vocab_size, tokens.len());
        let wte = Tensors::split(params, &self.cfg).wte;
        // Tied output layer: logits = lnf · wteᵀ.
        crate::kernels::transpose(&mut self.w_t[..v * c], wte, v, c);
        crate::kernels::matmul(&mut self.logits, &self.lnf, &self.w_t, n, c, v, false);
        ops::softmax_rows(&mut self.logits, v);
        targets
            .iter()
            .enumerate()
            .map(|(i, &t)| -(self.logits[i * v + t as usize].max(1e-30) as f64).ln())
            .sum()
    }

    /// Summed cross-entropy of predicting `targets` from `tokens`, no gradients.
    pub fn loss(&mut self, params: &[f32], tokens: &[u32], targets: &[u32]) -> f64 {
        self.forward_probs(params, tokens, targets)
    }

    /// Forward and backward pass: returns the summed cross-entropy and adds
    /// `scale x d(sum of losses)/d(weight)` into [`Workspace::grads`]. With
    /// `scale = 1 / tokens in the whole batch`, gradients of several
    /// workspaces or micro-batches simply add up to the mean's gradient.
    pub fn forward_backward(
        &mut self,
        params: &[f32],
        tokens: &[u32],
        targets: &[u32],
        scale: f32,
    ) -> f64 {
        assert!(
            self.training,
            "an inference workspace cannot compute gradients"
        );
        let loss = self.forward_probs(params, tokens, targets);
        let cfg = self.cfg;
        let (c, v, n, time) = (cfg.d_model, cfg.vocab_size, tokens.len(), self.time);
        let mut probs = std::mem::take(&mut self.logits);
        let mut grads = std::mem::take(&mut self.grads);
        // d loss / d logits = (probs - onehot) * scale, in place.
        ops::cross_entropy_backward_in_place(&mut probs, targets, v, scale);
        let w = Tensors::split(params, &cfg);
        let g = Tensors::split(grads.as_mut_slice(), &cfg);
        let (gwte, gwpe, glayers, glnf_w, glnf_b) = (g.wte, g.wpe, g.layers, g.lnf_w, g.lnf_b);
        // Output layer (shares wte with the embedding).
        crate::kernels::matmul(&mut self.d_ln, &probs, w.wte, n, v, c, false);
        crate::kernels::matmul_tn(gwte, &probs, &self.lnf, v, n, c);
        self.d_resid.fill(0.0);
        ops::layernorm_backward(
            &mut self.d_resid,
            glnf_w,
            glnf_b,
            &self.d_ln,
            &self.resid,
            w.lnf_w,
            &self.lnf_mean,
            &self.lnf_rstd,
            c,
        );
        let shape = AttnShape {
            batch: self.batch,
            time,
            c,
            heads: cfg.n_heads,
        };
        for (l, gl) in glayers.into_iter().enumerate().rev() {
            let slot = if self.layers.len() > 1 { l } else { 0 };
            if self.precision == Precision::Bf16 {
                let stash = std::mem::take(&mut self.stash[l]);
                for (dst, src) in self.layers[slot].buffers_mut().into_iter().zip(&stash) {
                    precision::unpack(dst, src);
                }
                self.stash[l] = stash;
            }
            self.layer_backward(&w.layers[l], gl, slot, shape);
        }
        // Embedding backward: each position's gradient goes to its token row and position row.
        for (i, &tok) in tokens.iter().enumerate() {
            let t = i % time;
            let d = &self.d_resid[i * c..(i + 1) * c];
            ops::add_into(&mut gwte[tok as usize * c..][..c], d);
            ops::add_into(&mut gwpe[t * c..][..c], d);
        }
        self.logits = probs;
        self.grads = grads;
        loss
    }

    fn layer_backward(
        &mut self,
        w: &super::LayerTensors<&[f32]>,
        g: super::LayerTensors<&mut [f32]>,
        slot: usize,
        s: AttnShape,
    ) {
        let (c, f) = (s.c, 4 * s.c);
        let a = &self.layers[slot];
        // out = res2 + fcproj(gelu(fc(ln2(res2))))
        self.d_res2.copy_from_slice(&self.d_resid);
        self.d_gelu.fill(0.0);
        ops::linear_backward(
            &mut self.d_gelu,
            g.fcproj_w,
            g.fcproj_b,
            &mut self.w_t,
            &self.d_resid,
            &a.gelu,
            w.fcproj_w,
            f,
            c,
        );
        self.d_fc.fill(0.0);
        ops::gelu_backward(&mut self.d_fc, &a.fc, &self.d_gelu);
        self.d_ln.fill(0.0);
        ops::linear_backward(
            &mut self.d_ln,
            g.fc_w,
            g.fc_b,
            &mut self.w_t,
            &self.d_fc,
            &a.ln2,
            w.fc_w,
            c,
            f,
        );
        ops::layernorm_backward(
            &mut self.d_res2,
            g.ln2_w,
            g.ln2_b,
            &self.d_ln,
            &a.res2,
            w.ln2_w,
            &a.ln2_mean,
            &a.ln2_rstd,
            c,
        );
        // res2 = x_in + proj(attention(qkv(ln1(x_in))))
        self.d_resid.copy_from_slice(&self.d_res2);
        self.d_atty.fill(0.0);
        ops::linear_backward(
            &mut self.d_atty,
            g.proj_w,
            g.proj_b,
            &mut self.w_t,
            &self.d_res2,
            &a.atty,
            w.proj_w,
            c,
            c,
        );
        self.d_qkv.fill(0.0);
        ops::attention_backward(
            &mut self.d_qkv,
            &self.d_atty,
            &a.qkv,
            &a.att,
            &mut self.datt_row,
            s,
        );
        self.d_ln.fill(0.0);
        ops::linear_backward(
            &mut self.d_ln,
            g.qkv_w,
            g.qkv_b,
            &mut self.w_t,
            &self.d_qkv,
            &a.ln1,
            w.qkv_w,
            c,
            3 * c,
        );
        ops::layernorm_backward(
            &mut self.d_resid,
            g.ln1_w,
            g.ln1_b,
            &self.d_ln,
            &a.x_in,
            w.ln1_w,
            &a.ln1_mean,
            &a.ln1_rstd,
            c,
        );
    }
}
