//! The loss of each single prediction, as the training code computes it.

use super::{Model, Workspace};
use crate::error::{Error, Result};
use crate::precision::Precision;

impl Model {
    /// The loss of each prediction in one sequence, from the training forward
    /// pass: entry `i` is `-ln p(targets[i] | tokens[..=i])`. `tokens` and
    /// `targets` have the same length, at most the context length.
    ///
    /// ```
    /// use tiny_lm::model::{Model, ModelConfig};
    /// let model = Model::new(ModelConfig::tiny(300), 1).unwrap();
    /// let losses = model.token_losses(&[5, 6, 7], &[6, 7, 8]).unwrap();
    /// let p = model.next_token_probs(&[5, 6, 7]).unwrap()[8];
    /// assert!((losses[2] + p.ln()).abs() < 1e-4); // the same number, by hand
    /// ```
    pub fn token_losses(&self, tokens: &[u32], targets: &[u32]) -> Result<Vec<f32>> {
        if tokens.is_empty() || tokens.len() != targets.len() {
            return Err(Error::NotEnoughData(format!(
                "need one target per input token and at least one of each, got {} tokens and {} targets",
                tokens.len(),
                targets.len()
            )));
        }
        if tokens.len() > self.config.context_len {
            return Err(Error::InvalidConfig(format!(
                "{} tokens are more than the model's context of {}; pass at most that many",
                tokens.len(),
                self.config.context_len
            )));
        }
        self.check_tokens(tokens)?;
        self.check_tokens(targets)?;
        let mut ws = Workspace::new(self.config, 1, tokens.len(), Precision::F32);
        Ok(ws.token_losses(&self.params, tokens, targets))
    }
}
