//! A mini-batch, and one forward-and-backward pass over it: the two pieces a
//! hand-written training loop needs besides the optimizer.
//!
//! Teaches: a batch is a few random windows of the training text; each
//! position's target is simply the next token (self-supervision: the text
//! labels itself). [`Workspace::backprop`] runs the model forward, measures
//! the mean cross-entropy and runs the backward pass, leaving the gradient of
//! that mean in [`Workspace::grads`]. Splitting a batch into micro-batches
//! ([`Batch::split`]) is what gradient accumulation does.

use crate::error::{Error, Result};
use crate::model::Workspace;
use crate::rng::Rng;

/// `rows` windows of `time` consecutive tokens, and for every position the
/// token that follows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Batch {
    /// Input token ids, `rows x time`, row after row.
    pub inputs: Vec<u32>,
    /// The next token for every input position (the inputs shifted by one).
    pub targets: Vec<u32>,
    /// Windows in the batch.
    pub rows: usize,
    /// Tokens per window.
    pub time: usize,
}

impl Batch {
    /// `rows` random windows of `time` tokens from `tokens`.
    ///
    /// ```
    /// use tiny_lm::{rng::Rng, train::Batch};
    /// let text: Vec<u32> = (0..100).collect();
    /// let batch = Batch::sample(&text, 4, 8, &mut Rng::new(0)).unwrap();
    /// assert_eq!(batch.num_tokens(), 32);
    /// assert_eq!(batch.targets[0], batch.inputs[0] + 1); // the next token
    /// ```
    pub fn sample(tokens: &[u32], rows: usize, time: usize, rng: &mut Rng) -> Result<Batch> {
        if rows == 0 || time == 0 {
            return Err(Error::InvalidConfig(format!(
                "a batch needs at least one window of at least one token (got {rows} x {time})"
            )));
        }
        if tokens.len() <= time {
            return Err(Error::NotEnoughData(format!(
                "a window of {time} tokens plus its next token needs more than {time} tokens of text, got {}; add more text",
                tokens.len()
            )));
        }
        let (mut inputs, mut targets) = (Vec::new(), Vec::new());
        for _ in 0..rows {
            let start = rng.below(tokens.len() - time);
            inputs.extend_from_slice(&tokens[start..start + time]);
            targets.extend_from_slice(&tokens[start + 1..start + time + 1]);
        }
        Ok(Batch {
            inputs,
            targets,
            rows,
            time,
        })
    }

    /// Positions predicted (`rows x time`).
    pub fn num_tokens(&self) -> usize {
        self.inputs.len()
    }

    /// Cut into `parts` micro-batches of equal size, in order (gradient
    /// accumulation runs them one after another through a smaller workspace).
    ///
    /// ```
    /// use tiny_lm::{rng::Rng, train::Batch};
    /// let text: Vec<u32> = (0..100).collect();
    /// let batch = Batch::sample(&text, 4, 8, &mut Rng::new(0)).unwrap();
    /// let micro = batch.split(2).unwrap();
    /// assert_eq!((micro.len(), micro[1].rows), (2, 2));
    /// assert_eq!(micro[1].inputs[..], batch.inputs[16..]);
    /// ```
    pub fn split(&self, parts: usize) -> Result<Vec<Batch>> {
        if parts == 0 || !self.rows.is_multiple_of(parts) {
            return Err(Error::InvalidConfig(format!(
                "cannot split a batch of {} windows into {parts} equal micro-batches; pick a divisor of {}",
                self.rows, self.rows
            )));
        }
        let rows = self.rows / parts;
        let len = rows * self.time;
        Ok(self
            .inputs
            .chunks(len)
            .zip(self.targets.chunks(len))
            .map(|(inputs, targets)| Batch {
                inputs: inputs.to_vec(),
                targets: targets.to_vec(),
                rows,
                time: self.time,
            })
            .collect())
    }
}

impl Workspace {
    /// Forward pass, loss, backward pass on `batch` (whose shape must be the
    /// workspace's): returns the batch's mean cross-entropy and *adds* the
    /// gradient of that mean to [`Workspace::grads`] (call
    /// [`Workspace::zero_grads`] first for a fresh gradient). A batch of
    /// another shape, or with ids outside the vocabulary, is an error that says so.
    ///
    /// ```
    /// use tiny_lm::{model::Workspace, rng::Rng, train::Batch, Model, ModelConfig, Precision};
    /// let model = Model::new(ModelConfig::tiny(300), 0).unwrap();
    /// let text: Vec<u32> = (0..1000).map(|i| i % 300).collect();
    /// let batch = Batch::sample(&text, 2, 32, &mut Rng::new(1)).unwrap();
    /// let mut ws = Workspace::new(model.config, 2, 32, Precision::F32);
    /// let loss = ws.backprop(&model.params, &batch).unwrap();
    /// assert!((loss - (300f32).ln()).abs() < 0.1); // an untrained model guesses uniformly
    /// assert!(ws.grads.iter().any(|g| *g != 0.0));
    /// ```
    pub fn backprop(&mut self, params: &[f32], batch: &Batch) -> Result<f32> {
        if (batch.rows, batch.time) != self.shape() {
            return Err(Error::InvalidConfig(format!(
                "the batch is {} x {} tokens but this workspace was made for {:?}; make the workspace with the batch's shape",
                batch.rows,
                batch.time,
                self.shape()
            )));
        }
        let vocab_size = self.config().vocab_size;
        if let Some(&id) = batch
            .inputs
            .iter()
            .chain(&batch.targets)
            .find(|&&t| t as usize >= vocab_size)
        {
            return Err(Error::UnknownToken { id, vocab_size });
        }
        let n = batch.num_tokens();
        let sum = self.forward_backward(params, &batch.inputs, &batch.targets, 1.0 / n as f32);
        Ok((sum / n as f64) as f32)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_are_followed_by_their_targets() {
        let text: Vec<u32> = (0..50).map(|i| i * 3).collect();
        let b = Batch::sample(&text, 3, 5, &mut Rng::new(4)).unwrap();
        assert_eq!((b.rows, b.time, b.inputs.len()), (3, 5, 15));
        for (row_in, row_out) in b.inputs.chunks(5).zip(b.targets.chunks(5)) {
            let start = text.iter().position(|t| *t == row_in[0]).unwrap();
            assert_eq!(row_in, &text[start..start + 5]);
            assert_eq!(row_out, &text[start + 1..start + 6]);
        }
    }

    #[test]
    fn too_little_text_or_a_bad_split_is_an_error() {
        let mut rng = Rng::new(0);
        assert!(matches!(
            Batch::sample(&[1, 2, 3], 2, 3, &mut rng),
            Err(Error::NotEnoughData(_))
        ));
        assert!(Batch::sample(&[1, 2, 3], 0, 1, &mut rng).is_err());
        let b = Batch::sample(&[1, 2, 3, 4, 5], 3, 2, &mut rng).unwrap();
        let err = b.split(2).unwrap_err().to_string();
        assert!(err.contains("divisor of 3"), "{err}");
        assert_eq!(b.split(3).unwrap().len(), 3);
    }

    #[test]
    fn backprop_rejects_a_batch_of_another_shape_or_vocabulary() {
        use crate::model::{Model, ModelConfig};
        use crate::precision::Precision;
        let model = Model::new(ModelConfig::tiny(50), 0).unwrap();
        let mut ws = Workspace::new(model.config, 2, 4, Precision::F32);
        let text: Vec<u32> = (0..40).collect();
        let wide = Batch::sample(&text, 4, 4, &mut Rng::new(0)).unwrap();
        assert!(ws
            .backprop(&model.params, &wide)
            .unwrap_err()
            .to_string()
            .contains("4 x 4"));
        let unknown = Batch::sample(&[70, 71, 72, 73, 74, 75], 2, 4, &mut Rng::new(0)).unwrap();
        assert!(matches!(
            ws.backprop(&model.params, &unknown),
            Err(Error::UnknownToken { vocab_size: 50, .. })
        ));
        let fine = Batch::sample(&text, 2, 4, &mut Rng::new(0)).unwrap();
        let loss = ws.backprop(&model.params, &fine).unwrap();
        assert!(
            (loss - 50f32.ln()).abs() < 0.2,
            "untrained: about uniform, got {loss}"
        );
    }
}
