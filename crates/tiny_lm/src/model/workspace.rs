//! The forward pass, and the backward pass that walks it in reverse.
//!
//! Teaches: backpropagation is bookkeeping. The forward pass saves what each
//! step needs later (its input, LayerNorm statistics, attention weights); the
//! backward pass visits the steps in reverse order and applies each one's
//! chain rule from [`super::ops`]. A [`Workspace`] owns those saved
//! activations and the gradient buffer, so several threads can each have one
//! and share the same read-only weights.

use super::block::{block_backward, block_forward, BlockActs, BlockScratch};
use super::ops::{self, AttnShape};
use super::{ModelConfig, Tensors};
use crate::kernels::dot;
use crate::precision::{self, Precision};

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
    layers: Vec<BlockActs>,
    /// bf16 training: each block's saved activations, packed to 16 bits.
    stash: Vec<Vec<Vec<u16>>>,
    resid: Vec<f32>,
    lnf: Vec<f32>,
    lnf_mean: Vec<f32>,
    lnf_rstd: Vec<f32>,
    logits: Vec<f32>,
    d_resid: Vec<f32>,
    scratch: BlockScratch,
    /// Gradient of the loss for every weight, same layout as `Model::params`.
    pub grads: Vec<f32>,
}

impl Workspace {
    /// Buffers for training on batches of `batch` sequences of `time` tokens.
    pub fn new(cfg: ModelConfig, batch: usize, time: usize, precision: Precision) -> Self {
        let n = batch * time;
        let (c, v) = (cfg.d_model, cfg.vocab_size);
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
            layers: vec![BlockActs::new(&cfg, batch, time); kept],
            stash: vec![Vec::new(); stash_len],
            resid: vec![0.0; n * c],
            lnf: vec![0.0; n * c],
            lnf_mean: vec![0.0; n],
            lnf_rstd: vec![0.0; n],
            logits: vec![0.0; n * v],
            d_resid: vec![0.0; n * c],
            scratch: BlockScratch::new(&cfg, batch, time),
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
            layers: vec![BlockActs::new(&cfg, 1, time)],
            stash: Vec::new(),
            resid: vec![0.0; time * c],
            lnf: vec![0.0; time * c],
            lnf_mean: vec![0.0; time],
            lnf_rstd: vec![0.0; time],
            logits: Vec::new(),
            d_resid: Vec::new(),
            scratch: BlockScratch::default(),
            grads: Vec::new(),
        }
    }

    /// `(batch, time)` this workspace was built for.
    pub fn shape(&self) -> (usize, usize) {
        (self.batch, self.time)
    }

    /// The model shape this workspace was built for.
    pub fn config(&self) -> ModelConfig {
        self.cfg
    }

    /// Bytes the activations kept for the backward pass would take stored at
    /// this precision: a formula (values x bytes per value), what bf16 *would*
    /// save. [`Workspace::allocated_bytes`] is what this code really holds.
    pub fn saved_activation_bytes(&self) -> usize {
        let per_layer = self.layers[0].len();
        let final_ln = self.lnf.len() + self.lnf_mean.len() + self.lnf_rstd.len();
        match self.precision {
            Precision::F32 => (per_layer * self.cfg.n_layers + final_ln) * 4,
            Precision::Bf16 => (per_layer * self.cfg.n_layers + final_ln) * 2,
        }
    }

    /// Heap bytes this workspace really holds: every buffer's capacity,
    /// including the f32 scratch and the 16-bit stash of bf16 training.
    pub fn allocated_bytes(&self) -> usize {
        let f32s = |v: &Vec<f32>| v.capacity() * size_of::<f32>();
        let activations: usize = self.layers.iter().flat_map(|l| l.buffers()).map(f32s).sum();
        let stash: usize = self
            .stash
            .iter()
            .map(|layer| {
                layer.capacity() * size_of::<Vec<u16>>()
                    + layer.iter().map(|v| v.capacity() * 2).sum::<usize>()
            })
            .sum();
        let s = &self.scratch;
        let buffers: usize = [
            &s.d_res2,
            &s.d_ln,
            &s.d_qkv,
            &s.d_atty,
            &s.d_fc,
            &s.d_gelu,
            &s.w_t,
            &self.resid,
            &self.lnf,
            &self.lnf_mean,
            &self.lnf_rstd,
            &self.logits,
            &self.d_resid,
            &self.grads,
        ]
        .into_iter()
        .map(f32s)
        .sum();
        let lists = self.layers.capacity() * size_of::<BlockActs>()
            + self.stash.capacity() * size_of::<Vec<Vec<u16>>>();
        activations + stash + buffers + lists
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
            block_forward(lw, a, &mut resid, shape, self.precision == Precision::Bf16);
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
        crate::kernels::transpose(&mut self.scratch.w_t[..v * c], wte, v, c);
        crate::kernels::matmul(
            &mut self.logits,
            &self.lnf,
            &self.scratch.w_t,
            n,
            c,
            v,
            false,
        );
        ops::softmax_rows(&mut self.logits, v);
        targets
            .iter()
            .enumerate()
            .filter(|&(_, &t)| t != ops::IGNORE)
            .map(|(i, &t)| -(self.logits[i * v + t as usize].max(1e-30) as f64).ln())
            .sum()
    }

    /// Summed cross-entropy of predicting `targets` from `tokens`, no gradients
    /// (targets equal to [`ops::IGNORE`] are skipped).
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
        crate::kernels::matmul(&mut self.scratch.d_ln, &probs, w.wte, n, v, c, false);
        crate::kernels::matmul_tn(gwte, &probs, &self.lnf, v, n, c);
        self.d_resid.fill(0.0);
        ops::layernorm_backward(
            &mut self.d_resid,
            glnf_w,
            glnf_b,
            &self.scratch.d_ln,
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
            block_backward(
                &w.layers[l],
                gl,
                &self.layers[slot],
                &mut self.d_resid,
                &mut self.scratch,
                shape,
            );
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

    /// The training forward pass's cross-entropy at every position, `-ln
    /// p(target)`, in order (what [`Workspace::loss`] sums).
    pub fn token_losses(&mut self, params: &[f32], tokens: &[u32], targets: &[u32]) -> Vec<f32> {
        self.forward_probs(params, tokens, targets);
        let v = self.cfg.vocab_size;
        targets
            .iter()
            .enumerate()
            .map(|(i, &t)| -self.logits[i * v + t as usize].max(1e-30).ln())
            .collect()
    }
}
