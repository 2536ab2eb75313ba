//! A small decoder-only transformer (a miniature GPT-2) with forward and
//! backward passes written out by hand.
//!
//! Teaches: what a language model *is*: token and position embeddings, a stack
//! of blocks (pre-LayerNorm, causal self-attention, GELU MLP, residual
//! connections), a final LayerNorm and an output layer that shares its weights
//! with the token embedding ("tied"), giving a probability for every next token.
//! All weights live in one flat `Vec<f32>`; [`Tensors`] names the pieces. The
//! backward pass is in [`workspace`], the arithmetic in [`ops`].

mod block;
mod flops;
mod kv_cache;
mod loss;
pub mod ops;
pub mod workspace;

use crate::error::{Error, Result};
use crate::rng::Rng;
pub use kv_cache::KvCache;
pub use workspace::Workspace;

/// The shape of a model. Every size lives here.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ModelConfig {
    /// Number of distinct tokens (must match the tokenizer).
    pub vocab_size: usize,
    /// Longest context the model can see; longer prompts are cropped to the end.
    pub context_len: usize,
    /// Width of every token's vector (the residual stream).
    pub d_model: usize,
    /// Attention heads; each works on `d_model / n_heads` channels.
    pub n_heads: usize,
    /// Transformer blocks.
    pub n_layers: usize,
}

impl ModelConfig {
    /// The notebook's model: 1 block, width 64, 4 heads, context 32. About 100k
    /// parameters with a 512-token vocabulary; a few seconds of training on
    /// one core already gives recognisable English fragments.
    ///
    /// ```
    /// let cfg = tiny_lm::model::ModelConfig::tiny(512);
    /// assert_eq!(cfg.d_model, 64);
    /// ```
    pub fn tiny(vocab_size: usize) -> Self {
        ModelConfig {
            vocab_size,
            context_len: 32,
            d_model: 64,
            n_heads: 4,
            n_layers: 1,
        }
    }

    /// The shipped checkpoint's model: 2 blocks, width 96, context 64. Small
    /// enough to train in minutes on 2 cores, big enough to write readable fragments.
    pub fn small(vocab_size: usize) -> Self {
        ModelConfig {
            vocab_size,
            context_len: 64,
            d_model: 96,
            n_heads: 4,
            n_layers: 2,
        }
    }

    /// Check sizes; returns a message saying which value to change.
    pub fn validate(&self) -> Result<()> {
        let bad = |m: String| Err(Error::InvalidConfig(m));
        if self.vocab_size < 2 {
            return bad(format!(
                "vocab_size must be at least 2, got {}",
                self.vocab_size
            ));
        }
        if self.context_len == 0 || self.d_model == 0 || self.n_heads == 0 || self.n_layers == 0 {
            return bad(format!(
                "context_len, d_model, n_heads and n_layers must be > 0: {self:?}"
            ));
        }
        if !self.d_model.is_multiple_of(self.n_heads) {
            return bad(format!(
                "d_model ({}) must be divisible by n_heads ({})",
                self.d_model, self.n_heads
            ));
        }
        Ok(())
    }

    /// Hidden width of the MLP (4 x d_model, as in GPT-2).
    pub fn d_mlp(&self) -> usize {
        4 * self.d_model
    }

    /// Every weight tensor in storage order: name, shape, and whether AdamW
    /// decays it (matrices yes; biases and LayerNorm gains no, as in nanoGPT).
    pub fn tensor_shapes(&self) -> Vec<TensorInfo> {
        let (c, f) = (self.d_model, self.d_mlp());
        let t = |name: String, shape: Vec<usize>| TensorInfo {
            decay: shape.len() > 1,
            name,
            shape,
        };
        let mut out = vec![
            t("wte".into(), vec![self.vocab_size, c]),
            t("wpe".into(), vec![self.context_len, c]),
        ];
        for l in 0..self.n_layers {
            let p = |s: &str| format!("h{l}.{s}");
            out.extend([
                t(p("ln1_w"), vec![c]),
                t(p("ln1_b"), vec![c]),
                t(p("qkv_w"), vec![c, 3 * c]),
                t(p("qkv_b"), vec![3 * c]),
                t(p("proj_w"), vec![c, c]),
                t(p("proj_b"), vec![c]),
                t(p("ln2_w"), vec![c]),
                t(p("ln2_b"), vec![c]),
                t(p("fc_w"), vec![c, f]),
                t(p("fc_b"), vec![f]),
                t(p("fcproj_w"), vec![f, c]),
                t(p("fcproj_b"), vec![c]),
            ]);
        }
        out.push(t("lnf_w".into(), vec![c]));
        out.push(t("lnf_b".into(), vec![c]));
        out
    }

    /// Total number of weights.
    pub fn num_params(&self) -> usize {
        self.tensor_shapes().iter().map(TensorInfo::len).sum()
    }
}

/// Name and shape of one weight tensor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TensorInfo {
    /// Like `h0.qkv_w`.
    pub name: String,
    /// Row-major shape.
    pub shape: Vec<usize>,
    /// Whether weight decay applies.
    pub decay: bool,
}

impl TensorInfo {
    /// Number of values.
    pub fn len(&self) -> usize {
        self.shape.iter().product()
    }

    /// Whether it holds no values.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// A slice that can be cut in two: lets one function name the tensors of a
/// flat buffer for both reading (`&[f32]`) and writing (`&mut [f32]`).
pub trait Splittable: Sized {
    /// First `n` values and the rest.
    fn cut(self, n: usize) -> (Self, Self);
}

impl Splittable for &[f32] {
    fn cut(self, n: usize) -> (Self, Self) {
        self.split_at(n)
    }
}

impl Splittable for &mut [f32] {
    fn cut(self, n: usize) -> (Self, Self) {
        self.split_at_mut(n)
    }
}

/// One transformer block's tensors.
pub struct LayerTensors<S> {
    pub ln1_w: S,
    pub ln1_b: S,
    pub qkv_w: S,
    pub qkv_b: S,
    pub proj_w: S,
    pub proj_b: S,
    pub ln2_w: S,
    pub ln2_b: S,
    pub fc_w: S,
    pub fc_b: S,
    pub fcproj_w: S,
    pub fcproj_b: S,
}

/// All tensors of a model, as views into one flat buffer (weights or gradients).
pub struct Tensors<S> {
    pub wte: S,
    pub wpe: S,
    pub layers: Vec<LayerTensors<S>>,
    pub lnf_w: S,
    pub lnf_b: S,
}

impl<S: Splittable> Tensors<S> {
    /// Name the pieces of `buf` (length [`ModelConfig::num_params`]) in storage order.
    pub fn split(buf: S, cfg: &ModelConfig) -> Self {
        let mut sizes = cfg.tensor_shapes().into_iter().map(|t| t.len());
        let mut rest = Some(buf);
        let mut take = || {
            let (head, tail) = rest
                .take()
                .expect("layout")
                .cut(sizes.next().expect("layout"));
            rest = Some(tail);
            head
        };
        let wte = take();
        let wpe = take();
        let layers = (0..cfg.n_layers)
            .map(|_| LayerTensors {
                ln1_w: take(),
                ln1_b: take(),
                qkv_w: take(),
                qkv_b: take(),
                proj_w: take(),
                proj_b: take(),
                ln2_w: take(),
                ln2_b: take(),
                fc_w: take(),
                fc_b: take(),
                fcproj_w: take(),
                fcproj_b: take(),
            })
            .collect();
        let lnf_w = take();
        let lnf_b = take();
        Tensors {
            wte,
            wpe,
            layers,
            lnf_w,
            lnf_b,
        }
    }
}

/// A transformer: its shape and its weights.
#[derive(Debug, Clone, PartialEq)]
pub struct Model {
    /// Shape.
    pub config: ModelConfig,
    /// All weights, in the order of [`ModelConfig::tensor_shapes`].
    pub params: Vec<f32>,
}

impl Model {
    /// A freshly initialised model (GPT-2's scheme: normal(0, 0.02) weights,
    /// residual projections scaled down by sqrt(2 x layers), LayerNorm gain 1).
    ///
    /// ```
    /// use tiny_lm::model::{Model, ModelConfig};
    /// let model = Model::new(ModelConfig::tiny(300), 42).unwrap();
    /// assert_eq!(model.params.len(), model.config.num_params());
    /// ```
    pub fn new(config: ModelConfig, seed: u64) -> Result<Self> {
        config.validate()?;
        let mut params = vec![0.0; config.num_params()];
        let mut rng = Rng::new(seed);
        let residual_std = 0.02 / (2.0 * config.n_layers as f32).sqrt();
        let t = Tensors::split(params.as_mut_slice(), &config);
        let mut normal =
            |xs: &mut [f32], std: f32| xs.iter_mut().for_each(|x| *x = rng.normal() * std);
        normal(t.wte, 0.02);
        normal(t.wpe, 0.02);
        for layer in t.layers {
            layer.ln1_w.fill(1.0);
            layer.ln2_w.fill(1.0);
            normal(layer.qkv_w, 0.02);
            normal(layer.fc_w, 0.02);
            normal(layer.proj_w, residual_std);
            normal(layer.fcproj_w, residual_std);
        }
        t.lnf_w.fill(1.0);
        Ok(Model { config, params })
    }

    /// Number of weights.
    pub fn num_params(&self) -> usize {
        self.params.len()
    }

    /// Named read-only views of the weights.
    pub fn tensors(&self) -> Tensors<&[f32]> {
        Tensors::split(self.params.as_slice(), &self.config)
    }

    /// Check that every token id fits the vocabulary.
    pub fn check_tokens(&self, tokens: &[u32]) -> Result<()> {
        match tokens
            .iter()
            .find(|&&t| t as usize >= self.config.vocab_size)
        {
            Some(&id) => Err(Error::UnknownToken {
                id,
                vocab_size: self.config.vocab_size,
            }),
            None => Ok(()),
        }
    }

    /// Probabilities of every possible next token after `tokens` (cropped to
    /// the last `context_len`). Errors on an empty context or unknown ids.
    ///
    /// ```
    /// use tiny_lm::model::{Model, ModelConfig};
    /// let model = Model::new(ModelConfig::tiny(300), 1).unwrap();
    /// let p = model.next_token_probs(&[5, 6, 7]).unwrap();
    /// assert!((p.iter().sum::<f32>() - 1.0).abs() < 1e-4);
    /// ```
    pub fn next_token_probs(&self, tokens: &[u32]) -> Result<Vec<f32>> {
        if tokens.is_empty() {
            return Err(Error::NotEnoughData(
                "the context has no tokens; give at least one".into(),
            ));
        }
        self.check_tokens(tokens)?;
        let ctx = &tokens[tokens.len().saturating_sub(self.config.context_len)..];
        let mut ws = Workspace::for_inference(self.config, ctx.len());
        Ok(ws.last_token_probs(&self.params, ctx))
    }
}

#[cfg(test)]
mod tests;
