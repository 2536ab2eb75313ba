//! The building blocks of a transformer, each as a forward function and the
//! backward function that undoes it with the chain rule.
//!
//! Shapes use `n` for the number of token positions (batch x time), `c` for the
//! model width. Backward functions *add* into gradient buffers (`+=`), because
//! a tensor used twice (the residual stream, tied embeddings) receives the sum
//! of both gradients.

use crate::kernels::{dot, matmul, matmul_tn, transpose};

const LN_EPS: f32 = 1e-5;

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

/// Causal self-attention. `qkv[n x 3c]` holds queries, keys and values side by
/// side; `att[b x h x t x t]` saves the softmax weights; `out[n x c]` gets the
/// weighted sums of values. Position `t` only looks at positions `<= t`.
pub fn attention_forward(out: &mut [f32], att: &mut [f32], qkv: &[f32], s: AttnShape) {
    let (t_len, c, hs) = (s.time, s.c, s.c / s.heads);
    let scale = 1.0 / (hs as f32).sqrt();
    for b in 0..s.batch {
        for h in 0..s.heads {
            for t in 0..t_len {
                let q = &qkv[(b * t_len + t) * 3 * c + h * hs..][..hs];
                let att_row = &mut att[((b * s.heads + h) * t_len + t) * t_len..][..t_len];
                let mut max = f32::NEG_INFINITY;
                for t2 in 0..=t {
                    let k = &qkv[(b * t_len + t2) * 3 * c + c + h * hs..][..hs];
                    att_row[t2] = dot(q, k) * scale;
                    max = max.max(att_row[t2]);
                }
                let mut sum = 0.0;
                for a in &mut att_row[..=t] {
                    *a = (*a - max).exp();
                    sum += *a;
                }
                for a in &mut att_row[..=t] {
                    *a /= sum;
                }
                att_row[t + 1..].fill(0.0);
                let o = &mut out[(b * t_len + t) * c + h * hs..][..hs];
                o.fill(0.0);
                for t2 in 0..=t {
                    let v = &qkv[(b * t_len + t2) * 3 * c + 2 * c + h * hs..][..hs];
                    for i in 0..hs {
                        o[i] += att_row[t2] * v[i];
                    }
                }
            }
        }
    }
}

/// Backward of [`attention_forward`]; `datt_row` is scratch of length `t`.
pub fn attention_backward(
    dqkv: &mut [f32],
    dout: &[f32],
    qkv: &[f32],
    att: &[f32],
    datt_row: &mut [f32],
    s: AttnShape,
) {
    let (t_len, c, hs) = (s.time, s.c, s.c / s.heads);
    let scale = 1.0 / (hs as f32).sqrt();
    for b in 0..s.batch {
        for h in 0..s.heads {
            for t in 0..t_len {
                let att_row = &att[((b * s.heads + h) * t_len + t) * t_len..][..t_len];
                let d_o = &dout[(b * t_len + t) * c + h * hs..][..hs];
                // out = Σ att · v  =>  d att = dout · v,  d v += att · dout
                for t2 in 0..=t {
                    let v_off = (b * t_len + t2) * 3 * c + 2 * c + h * hs;
                    datt_row[t2] = dot(d_o, &qkv[v_off..][..hs]);
                    for i in 0..hs {
                        dqkv[v_off + i] += att_row[t2] * d_o[i];
                    }
                }
                // softmax backward: d score = att * (d att - Σ att · d att)
                let weighted: f32 = (0..=t).map(|t2| att_row[t2] * datt_row[t2]).sum();
                let q_off = (b * t_len + t) * 3 * c + h * hs;
                for t2 in 0..=t {
                    let dscore = att_row[t2] * (datt_row[t2] - weighted) * scale;
                    let k_off = (b * t_len + t2) * 3 * c + c + h * hs;
                    for i in 0..hs {
                        dqkv[q_off + i] += dscore * qkv[k_off + i];
                        dqkv[k_off + i] += dscore * qkv[q_off + i];
                    }
                }
            }
        }
    }
}

const GELU_SCALE: f32 = 0.797_884_6; // sqrt(2 / pi)

/// `tanh` through one `exp` (libm's `tanhf` is several times slower). Exact
/// limits: `exp` overflowing to infinity gives 1, underflowing to 0 gives -1.
#[inline]
fn fast_tanh(x: f32) -> f32 {
    1.0 - 2.0 / ((2.0 * x).exp() + 1.0)
}

/// GELU activation, tanh approximation (as in GPT-2).
pub fn gelu_forward(out: &mut [f32], x: &[f32]) {
    for (o, &v) in out.iter_mut().zip(x) {
        *o = 0.5 * v * (1.0 + fast_tanh(GELU_SCALE * (v + 0.044715 * v * v * v)));
    }
}

/// Backward of [`gelu_forward`] (overwrites `dx`).
pub fn gelu_backward(dx: &mut [f32], x: &[f32], dout: &[f32]) {
    for i in 0..x.len() {
        let v = x[i];
        let inner = GELU_SCALE * (v + 0.044715 * v * v * v);
        let th = fast_tanh(inner);
        let sech2 = 1.0 - th * th;
        let local =
            0.5 * (1.0 + th) + 0.5 * v * sech2 * GELU_SCALE * (1.0 + 3.0 * 0.044715 * v * v);
        dx[i] = local * dout[i];
    }
}

/// Softmax of each row of `logits[n x v]`, written in place (numerically
/// stable: the row maximum is subtracted first).
pub fn softmax_rows(logits: &mut [f32], v: usize) {
    for row in logits.chunks_exact_mut(v) {
        let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let mut sum = 0.0;
        for x in row.iter_mut() {
            *x = (*x - max).exp();
            sum += *x;
        }
        for x in row.iter_mut() {
            *x /= sum;
        }
    }
}

/// Cross-entropy of each row's probabilities against its target. Returns the
/// sum of `-ln p(target)`; turns `probs` into `dlogits = (p - onehot) * scale`.
pub fn cross_entropy_backward_in_place(
    probs: &mut [f32],
    targets: &[u32],
    v: usize,
    scale: f32,
) -> f64 {
    let mut loss = 0.0f64;
    for (row, &t) in probs.chunks_exact_mut(v).zip(targets) {
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
