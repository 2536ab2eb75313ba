//! How many floating-point operations one training token costs.
//!
//! Teaches: a transformer's training compute is almost all matrix products,
//! so it can be counted from the model's shape alone, without running it.
//! Dividing measured tokens per second by this count's inverse gives the
//! FLOP/s a training run reached, which can then be compared with what the
//! processor can do at most.
//!
//! The count (PaLM, Chowdhery et al. 2022, appendix B), per token:
//!
//! `6 · N_matmul + 12 · n_layers · context_len · d_model`
//!
//! - `N_matmul` = the weights that take part in a matrix product: per block
//!   the qkv (`d x 3d`), projection (`d x d`) and the two MLP matrices
//!   (`d x 4d`, `4d x d`), `12 d²` in all, plus the output layer (`d x vocab`,
//!   tied to the token embedding). A weight costs one multiply and one add
//!   (2 FLOPs) per token forward and twice that backward (the gradient with
//!   respect to the input and to the weight): 6 in all. Embedding look-ups,
//!   biases, LayerNorm, GELU, softmax and AdamW are left out: they grow with
//!   `d`, not `d²`, and are a few percent at these sizes.
//! - Attention: per layer each token's query meets `context_len` keys
//!   (`Q Kᵀ`, 2·T·d FLOPs) and weighs as many values (`A V`, 2·T·d), 4·T·d
//!   forward, times 3 with the backward pass. This counts the whole `T x T`
//!   score matrix, which is what tiny_lm computes (the causal mask is applied
//!   after the product); a kernel that skips the masked half does less work
//!   for the same tokens.

use super::ModelConfig;

impl ModelConfig {
    /// Weights that take part in a matrix product: `12·d²` per block plus the
    /// tied output layer `vocab·d` (see the module notes for what is left out).
    ///
    /// ```
    /// let cfg = tiny_lm::ModelConfig { vocab_size: 10, context_len: 4, d_model: 2, n_heads: 1, n_layers: 1 };
    /// assert_eq!(cfg.matmul_params(), 12 * 4 + 10 * 2);
    /// ```
    pub fn matmul_params(&self) -> usize {
        let d = self.d_model;
        self.n_layers * (3 * d * d + d * d + 2 * d * self.d_mlp()) + self.vocab_size * d
    }

    /// Training FLOPs per token (forward + backward):
    /// `6 · matmul_params + 12 · n_layers · context_len · d_model`.
    ///
    /// ```
    /// let cfg = tiny_lm::ModelConfig { vocab_size: 10, context_len: 4, d_model: 2, n_heads: 1, n_layers: 1 };
    /// assert_eq!(cfg.training_flops_per_token(), 6.0 * 68.0 + 12.0 * 4.0 * 2.0);
    /// ```
    pub fn training_flops_per_token(&self) -> f64 {
        6.0 * self.matmul_params() as f64
            + 12.0 * (self.n_layers * self.context_len * self.d_model) as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped shape counted by hand: 4 blocks x 12 x 128² = 786,432 block
    /// weights, 2,052 x 128 = 262,656 output weights, 1,049,088 in all;
    /// 6 x 1,049,088 = 6,294,528 plus 12 x 4 x 128 x 128 = 786,432 for
    /// attention gives 7,080,960 FLOPs per token.
    #[test]
    fn shipped_shape_matches_the_hand_count() {
        let cfg = ModelConfig {
            vocab_size: 2052,
            context_len: 128,
            d_model: 128,
            n_heads: 4,
            n_layers: 4,
        };
        assert_eq!(cfg.matmul_params(), 1_049_088);
        assert_eq!(cfg.training_flops_per_token(), 7_080_960.0);
    }

    /// The matrices counted are exactly the model's matrices: every 2-D tensor
    /// except the position table, which is looked up, not multiplied.
    #[test]
    fn matmul_params_are_the_models_matrices_but_wpe() {
        let cfg = ModelConfig::small(300);
        let matrices: usize = cfg
            .tensor_shapes()
            .iter()
            .filter(|t| t.shape.len() == 2 && t.name != "wpe")
            .map(|t| t.len())
            .sum();
        assert_eq!(cfg.matmul_params(), matrices);
    }
}
