//! The building blocks of a transformer, each as a forward function and the
//! backward function that undoes it with the chain rule.
//!
//! Shapes use `n` for the number of token positions (batch x time), `c` for the
//! model width. Backward functions *add* into gradient buffers (`+=`), because
//! a tensor used twice (the residual stream, tied embeddings) receives the sum
//! of both gradients.

use crate::kernels::{exp_approx, matmul, matmul_tn, softmax_in_place, transpose, widest_simd};

const LN_EPS: f32 = 1e-5;

/// A target that is not trained on: its position adds nothing to the loss or
/// the gradient. Instruction tuning marks every prompt token this way, so the
/// model learns to write answers, not to imitate questions.
pub const IGNORE: u32 = u32::MAX;

/// LayerNorm over each row of `x[n x c]`: `out = (x - mean) / std * w + b`.
/// Saves each row's mean and 1/std for the backward pass.
pub fn layernorm_forward(
    out: &mut [f32],
    mean: &mut [f32],
    rstd: &mut [f32],
    x: &[f32],
    w: &[f32],
    b: &[f32],
    c: usize,
) {
    for (row, x_row) in x.chunks_exact(c).enumerate() {
        let m = x_row.iter().sum::<f32>() / c as f32;
        let var = x_row.iter().map(|v| (v - m) * (v - m)).sum::<f32>() / c as f32;
        let s = 1.0 / (var + LN_EPS).sqrt();
        let out_row = &mut out[row * c..(row + 1) * c];
        for i in 0..c {
            out_row[i] = (x_row[i] - m) * s * w[i] + b[i];
        }
        mean[row] = m;
        rstd[row] = s;
    }
}

/// Backward of [`layernorm_forward`].
#[allow(clippy::too_many_arguments)]
pub fn layernorm_backward(
    dx: &mut [f32],
    dw: &mut [f32],
    db: &mut [f32],
    dout: &[f32],
    x: &[f32],
    w: &[f32],
    mean: &[f32],
    rstd: &[f32],
    c: usize,
) {
    for row in 0..mean.len() {
        let (x_row, d_row) = (&x[row * c..(row + 1) * c], &dout[row * c..(row + 1) * c]);
        let (m, s) = (mean[row], rstd[row]);
        // Two means over the row that every element's gradient depends on.
        let mut dnorm_mean = 0.0;
        let mut dnorm_norm_mean = 0.0;
        for i in 0..c {
            let norm = (x_row[i] - m) * s;
            let dnorm = w[i] * d_row[i];
            dnorm_mean += dnorm;
            dnorm_norm_mean += dnorm * norm;
        }
        dnorm_mean /= c as f32;
        dnorm_norm_mean /= c as f32;
        let dx_row = &mut dx[row * c..(row + 1) * c];
        for i in 0..c {
            let norm = (x_row[i] - m) * s;
            let dnorm = w[i] * d_row[i];
            dx_row[i] += (dnorm - dnorm_mean - norm * dnorm_norm_mean) * s;
            dw[i] += d_row[i] * norm;
            db[i] += d_row[i];
        }
    }
}

/// Linear layer `out[n x oc] = x[n x c] · w[c x oc] + b`.
pub fn linear_forward(out: &mut [f32], x: &[f32], w: &[f32], b: &[f32], c: usize, oc: usize) {
    let n = x.len() / c;
    for row in out.chunks_exact_mut(oc) {
        row.copy_from_slice(b);
    }
    matmul(out, x, w, n, c, oc, true);
}

/// Backward of [`linear_forward`]: `dx = dout · wᵀ` (overwritten: every input
/// of a linear layer here feeds only that layer), `dw += xᵀ · dout`, `db += Σ dout`.
/// `w_t` is scratch space for `wᵀ` (`oc x c`).
#[allow(clippy::too_many_arguments)]
pub fn linear_backward(
    dx: &mut [f32],
    dw: &mut [f32],
    db: &mut [f32],
    w_t: &mut [f32],
    dout: &[f32],
    x: &[f32],
    w: &[f32],
    c: usize,
    oc: usize,
) {
    let n = x.len() / c;
    transpose(&mut w_t[..oc * c], w, c, oc);
    matmul(dx, dout, w_t, n, oc, c, false);
    matmul_tn(dw, x, dout, c, n, oc);
    for row in dout.chunks_exact(oc) {
        for (g, d) in db.iter_mut().zip(row) {
            *g += d;
        }
    }
}

/// Shape of the attention computation.
#[derive(Clone, Copy)]
pub struct AttnShape {
    /// Sequences in the batch.
    pub batch: usize,
    /// Positions per sequence.
    pub time: usize,
    /// Model width.
    pub c: usize,
    /// Number of heads; each sees `c / heads` channels.
    pub heads: usize,
}

/// Copy head `h` of sequence `b` out of `qkv` (`part` 0 = queries, 1 = keys,
/// 2 = values) into a contiguous `time x head_size` matrix.
fn gather_head(dst: &mut [f32], qkv: &[f32], s: AttnShape, b: usize, h: usize, part: usize) {
    let hs = s.c / s.heads;
    for t in 0..s.time {
        let src = &qkv[(b * s.time + t) * 3 * s.c + part * s.c + h * hs..][..hs];
        dst[t * hs..(t + 1) * hs].copy_from_slice(src);
    }
}

/// Add a `time x head_size` matrix into head `h` of sequence `b` of `dst`
/// (rows of width `row`, head block at `offset + h * head_size`).
#[allow(clippy::too_many_arguments)]
fn scatter_add_head(
    dst: &mut [f32],
    src: &[f32],
    s: AttnShape,
    b: usize,
    h: usize,
    row: usize,
    offset: usize,
) {
    let hs = s.c / s.heads;
    for t in 0..s.time {
        let d = &mut dst[(b * s.time + t) * row + offset + h * hs..][..hs];
        add_into(d, &src[t * hs..(t + 1) * hs]);
    }
}

/// Causal self-attention. `qkv[n x 3c]` holds queries, keys and values side by
/// side; `att[b x h x t x t]` saves the softmax weights; `out[n x c]` gets the
/// weighted sums of values. Position `t` only looks at positions `<= t`.
///
/// Per sequence and head: scores `S = Q Kᵀ / sqrt(head_size)` (two small
/// matrix products through the fast kernel), a softmax over each row's
/// allowed positions, then `Y = softmax(S) V`.
pub fn attention_forward(out: &mut [f32], att: &mut [f32], qkv: &[f32], s: AttnShape) {
    let (t_len, hs) = (s.time, s.c / s.heads);
    let scale = 1.0 / (hs as f32).sqrt();
    let (mut q, mut k, mut v) = (
        vec![0.0; t_len * hs],
        vec![0.0; t_len * hs],
        vec![0.0; t_len * hs],
    );
    let (mut k_t, mut y) = (vec![0.0; hs * t_len], vec![0.0; t_len * hs]);
    out.fill(0.0);
    for b in 0..s.batch {
        for h in 0..s.heads {
            gather_head(&mut q, qkv, s, b, h, 0);
            gather_head(&mut k, qkv, s, b, h, 1);
            gather_head(&mut v, qkv, s, b, h, 2);
            transpose(&mut k_t, &k, t_len, hs);
            let att_bh = &mut att[(b * s.heads + h) * t_len * t_len..][..t_len * t_len];
            matmul(att_bh, &q, &k_t, t_len, hs, t_len, false);
            for (t, row) in att_bh.chunks_exact_mut(t_len).enumerate() {
                row[..=t].iter_mut().for_each(|x| *x *= scale);
                softmax_in_place(&mut row[..=t]);
                row[t + 1..].fill(0.0); // the future is masked out
            }
            matmul(&mut y, att_bh, &v, t_len, t_len, hs, false);
            scatter_add_head(out, &y, s, b, h, s.c, 0);
        }
    }
}

/// Backward of [`attention_forward`]; adds into `dqkv`.
pub fn attention_backward(dqkv: &mut [f32], dout: &[f32], qkv: &[f32], att: &[f32], s: AttnShape) {
    let (t_len, hs, c) = (s.time, s.c / s.heads, s.c);
    let scale = 1.0 / (hs as f32).sqrt();
    let th = t_len * hs;
    let (mut q, mut k, mut v, mut dy) =
        (vec![0.0; th], vec![0.0; th], vec![0.0; th], vec![0.0; th]);
    let (mut v_t, mut dq, mut dk, mut dv) =
        (vec![0.0; th], vec![0.0; th], vec![0.0; th], vec![0.0; th]);
    let mut ds = vec![0.0; t_len * t_len];
    for b in 0..s.batch {
        for h in 0..s.heads {
            gather_head(&mut q, qkv, s, b, h, 0);
            gather_head(&mut k, qkv, s, b, h, 1);
            gather_head(&mut v, qkv, s, b, h, 2);
            for t in 0..t_len {
                dy[t * hs..(t + 1) * hs]
                    .copy_from_slice(&dout[(b * t_len + t) * c + h * hs..][..hs]);
            }
            let att_bh = &att[(b * s.heads + h) * t_len * t_len..][..t_len * t_len];
            // Y = A V  =>  dA = dY Vᵀ,  dV = Aᵀ dY
            transpose(&mut v_t, &v, t_len, hs);
            matmul(&mut ds, &dy, &v_t, t_len, hs, t_len, false);
            dv.fill(0.0);
            matmul_tn(&mut dv, att_bh, &dy, t_len, t_len, hs);
            // softmax backward, row by row: dS = A * (dA - Σ A dA), times the 1/sqrt scale
            for (a_row, d_row) in att_bh.chunks_exact(t_len).zip(ds.chunks_exact_mut(t_len)) {
                let weighted: f32 = a_row.iter().zip(d_row.iter()).map(|(a, d)| a * d).sum();
                for (d, a) in d_row.iter_mut().zip(a_row) {
                    *d = a * (*d - weighted) * scale;
                }
            }
            // S = Q Kᵀ  =>  dQ = dS K,  dK = dSᵀ Q
            matmul(&mut dq, &ds, &k, t_len, t_len, hs, false);
            dk.fill(0.0);
            matmul_tn(&mut dk, &ds, &q, t_len, t_len, hs);
            scatter_add_head(dqkv, &dq, s, b, h, 3 * c, 0);
            scatter_add_head(dqkv, &dk, s, b, h, 3 * c, c);
            scatter_add_head(dqkv, &dv, s, b, h, 3 * c, 2 * c);
        }
    }
}

const GELU_SCALE: f32 = 0.797_884_6; // sqrt(2 / pi)

/// `tanh` through one vectorisable `exp` (libm's `tanhf` is several times
/// slower); the limits come out exactly as 1 and -1.
#[inline(always)]
fn fast_tanh(x: f32) -> f32 {
    1.0 - 2.0 / (exp_approx(2.0 * x) + 1.0)
}

widest_simd! {
    /// GELU activation, tanh approximation (as in GPT-2).
    pub fn gelu_forward(out: &mut [f32], x: &[f32]) => gelu_forward_any_cpu
}

#[inline(always)]
fn gelu_forward_any_cpu(out: &mut [f32], x: &[f32]) {
    for (o, &v) in out.iter_mut().zip(x) {
        *o = 0.5 * v * (1.0 + fast_tanh(GELU_SCALE * (v + 0.044715 * v * v * v)));
    }
}

widest_simd! {
    /// Backward of [`gelu_forward`] (overwrites `dx`).
    pub fn gelu_backward(dx: &mut [f32], x: &[f32], dout: &[f32]) => gelu_backward_any_cpu
}

#[inline(always)]
fn gelu_backward_any_cpu(dx: &mut [f32], x: &[f32], dout: &[f32]) {
    for ((d, &v), &g) in dx.iter_mut().zip(x).zip(dout) {
        let inner = GELU_SCALE * (v + 0.044715 * v * v * v);
        let th = fast_tanh(inner);
        let sech2 = 1.0 - th * th;
        let local =
            0.5 * (1.0 + th) + 0.5 * v * sech2 * GELU_SCALE * (1.0 + 3.0 * 0.044715 * v * v);
        *d = local * g;
    }
}

/// Softmax of each row of `logits[n x v]`, written in place (numerically
/// stable: the row maximum is subtracted first).
pub fn softmax_rows(logits: &mut [f32], v: usize) {
    for row in logits.chunks_exact_mut(v) {
        softmax_in_place(row);
    }
}

/// Cross-entropy of each row's probabilities against its target. Returns the
/// sum of `-ln p(target)`; turns `probs` into `dlogits = (p - onehot) * scale`.
/// Rows whose target is [`IGNORE`] get a zero gradient and no loss.
pub fn cross_entropy_backward_in_place(
    probs: &mut [f32],
    targets: &[u32],
    v: usize,
    scale: f32,
) -> f64 {
    let mut loss = 0.0f64;
    for (row, &t) in probs.chunks_exact_mut(v).zip(targets) {
        if t == IGNORE {
            row.fill(0.0);
            continue;
        }
        loss -= (row[t as usize].max(1e-30) as f64).ln();
        row[t as usize] -= 1.0;
        for x in row.iter_mut() {
            *x *= scale;
        }
    }
    loss
}

/// Adds `src` into `dst` element-wise (the residual connection's backward).
pub fn add_into(dst: &mut [f32], src: &[f32]) {
    for (d, s) in dst.iter_mut().zip(src) {
        *d += s;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gelu_gives_the_same_bits_as_its_any_cpu_build() {
        // 1001 values from -9 to 9: the tails, zero, and a remainder after the vector width.
        let x: Vec<f32> = (0..1001).map(|i| i as f32 * 0.018 - 9.0).collect();
        let dout: Vec<f32> = x.iter().map(|v| (v * 3.1).cos()).collect();
        let (mut widest, mut any_cpu) = (vec![0.0; x.len()], vec![0.0; x.len()]);
        gelu_forward(&mut widest, &x);
        gelu_forward_any_cpu(&mut any_cpu, &x);
        assert_eq!(
            widest,
            any_cpu,
            "forward, on {:?}",
            crate::kernels::Isa::best()
        );
        gelu_backward(&mut widest, &x, &dout);
        gelu_backward_any_cpu(&mut any_cpu, &x, &dout);
        assert_eq!(widest, any_cpu, "backward");
        // The check can fail: the same formula with one fused multiply-add gives other bits.
        let fused: Vec<f32> = x
            .iter()
            .map(|&v| 0.5 * v * (1.0 + fast_tanh(GELU_SCALE * (0.044715 * v * v).mul_add(v, v))))
            .collect();
        gelu_forward_any_cpu(&mut any_cpu, &x);
        assert_ne!(fused, any_cpu);
    }
}
