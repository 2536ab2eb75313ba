//! One transformer block, forward and backward.
//!
//! Teaches: the whole block in two readable functions. Forward:
//! `x + attention(LN(x))`, then `+ MLP(LN(.))`. Backward: the same steps in
//! reverse, each residual connection copying its gradient to both branches.

use super::ops::{self, AttnShape};
use super::{LayerTensors, ModelConfig};
use crate::precision::round_to_bf16;

/// What one transformer block saves during the forward pass.
#[derive(Debug, Clone)]
pub(super) struct BlockActs {
    pub(super) x_in: Vec<f32>,
    pub(super) ln1: Vec<f32>,
    pub(super) ln1_mean: Vec<f32>,
    pub(super) ln1_rstd: Vec<f32>,
    pub(super) qkv: Vec<f32>,
    pub(super) att: Vec<f32>,
    pub(super) atty: Vec<f32>,
    pub(super) res2: Vec<f32>,
    pub(super) ln2: Vec<f32>,
    pub(super) ln2_mean: Vec<f32>,
    pub(super) ln2_rstd: Vec<f32>,
    pub(super) fc: Vec<f32>,
    pub(super) gelu: Vec<f32>,
}

impl BlockActs {
    pub(super) fn new(cfg: &ModelConfig, batch: usize, time: usize) -> Self {
        let n = batch * time;
        let (c, f) = (cfg.d_model, cfg.d_mlp());
        BlockActs {
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

    pub(super) fn buffers(&self) -> [&Vec<f32>; 13] {
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

    pub(super) fn buffers_mut(&mut self) -> [&mut Vec<f32>; 13] {
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

    pub(super) fn len(&self) -> usize {
        self.buffers().iter().map(|b| b.len()).sum()
    }
}

/// Gradient buffers a block's backward pass writes into (reused by every block).
#[derive(Debug, Clone, Default)]
pub(super) struct BlockScratch {
    pub(super) d_res2: Vec<f32>,
    pub(super) d_ln: Vec<f32>,
    pub(super) d_qkv: Vec<f32>,
    pub(super) d_atty: Vec<f32>,
    pub(super) d_fc: Vec<f32>,
    pub(super) d_gelu: Vec<f32>,
    /// Transposed weights (also used by the output layer).
    pub(super) w_t: Vec<f32>,
}

impl BlockScratch {
    pub(super) fn new(cfg: &ModelConfig, batch: usize, time: usize) -> Self {
        let n = batch * time;
        let (c, f, v) = (cfg.d_model, cfg.d_mlp(), cfg.vocab_size);
        BlockScratch {
            d_res2: vec![0.0; n * c],
            d_ln: vec![0.0; n * c],
            d_qkv: vec![0.0; n * 3 * c],
            d_atty: vec![0.0; n * c],
            d_fc: vec![0.0; n * f],
            d_gelu: vec![0.0; n * f],
            w_t: vec![0.0; (v * c).max(f * c)],
        }
    }
}

/// Forward through one block: `resid` is the block's input and becomes its
/// output. With `bf16`, every saved activation is rounded to bf16 as it is made.
pub(super) fn block_forward(
    w: &LayerTensors<&[f32]>,
    a: &mut BlockActs,
    resid: &mut [f32],
    s: AttnShape,
    bf16: bool,
) {
    let round = |xs: &mut [f32]| {
        if bf16 {
            round_to_bf16(xs)
        }
    };
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
    round(&mut a.ln1);
    ops::linear_forward(&mut a.qkv, &a.ln1, w.qkv_w, w.qkv_b, c, 3 * c);
    round(&mut a.qkv);
    ops::attention_forward(&mut a.atty, &mut a.att, &a.qkv, s);
    round(&mut a.att);
    round(&mut a.atty);
    ops::linear_forward(&mut a.res2, &a.atty, w.proj_w, w.proj_b, c, c);
    ops::add_into(&mut a.res2, &a.x_in);
    round(&mut a.res2);
    ops::layernorm_forward(
        &mut a.ln2,
        &mut a.ln2_mean,
        &mut a.ln2_rstd,
        &a.res2,
        w.ln2_w,
        w.ln2_b,
        c,
    );
    round(&mut a.ln2);
    ops::linear_forward(&mut a.fc, &a.ln2, w.fc_w, w.fc_b, c, f);
    round(&mut a.fc);
    ops::gelu_forward(&mut a.gelu, &a.fc);
    round(&mut a.gelu);
    ops::linear_forward(resid, &a.gelu, w.fcproj_w, w.fcproj_b, f, c);
    ops::add_into(resid, &a.res2);
    round(resid);
}

/// Backward through one block: `d_resid` holds the gradient of the block's
/// output and becomes the gradient of its input; weight gradients are added to `g`.
pub(super) fn block_backward(
    w: &LayerTensors<&[f32]>,
    g: LayerTensors<&mut [f32]>,
    a: &BlockActs,
    d_resid: &mut [f32],
    sc: &mut BlockScratch,
    s: AttnShape,
) {
    let (c, f) = (s.c, 4 * s.c);
    // out = res2 + fcproj(gelu(fc(ln2(res2))))
    sc.d_res2.copy_from_slice(d_resid);
    ops::linear_backward(
        &mut sc.d_gelu,
        g.fcproj_w,
        g.fcproj_b,
        &mut sc.w_t,
        d_resid,
        &a.gelu,
        w.fcproj_w,
        f,
        c,
    );
    ops::gelu_backward(&mut sc.d_fc, &a.fc, &sc.d_gelu);
    ops::linear_backward(
        &mut sc.d_ln,
        g.fc_w,
        g.fc_b,
        &mut sc.w_t,
        &sc.d_fc,
        &a.ln2,
        w.fc_w,
        c,
        f,
    );
    ops::layernorm_backward(
        &mut sc.d_res2,
        g.ln2_w,
        g.ln2_b,
        &sc.d_ln,
        &a.res2,
        w.ln2_w,
        &a.ln2_mean,
        &a.ln2_rstd,
        c,
    );
    // res2 = x_in + proj(attention(qkv(ln1(x_in))))
    d_resid.copy_from_slice(&sc.d_res2);
    ops::linear_backward(
        &mut sc.d_atty,
        g.proj_w,
        g.proj_b,
        &mut sc.w_t,
        &sc.d_res2,
        &a.atty,
        w.proj_w,
        c,
        c,
    );
    sc.d_qkv.fill(0.0);
    ops::attention_backward(&mut sc.d_qkv, &sc.d_atty, &a.qkv, &a.att, s);
    ops::linear_backward(
        &mut sc.d_ln,
        g.qkv_w,
        g.qkv_b,
        &mut sc.w_t,
        &sc.d_qkv,
        &a.ln1,
        w.qkv_w,
        c,
        3 * c,
    );
    ops::layernorm_backward(
        d_resid,
        g.ln1_w,
        g.ln1_b,
        &sc.d_ln,
        &a.x_in,
        w.ln1_w,
        &a.ln1_mean,
        &a.ln1_rstd,
        c,
    );
}
