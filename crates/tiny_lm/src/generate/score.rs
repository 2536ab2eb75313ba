//! Judging text the model did not write: the log-probability it gives each
//! token of a given continuation.
//!
//! Teaches: the forward pass that generates can also *score*. Feed the
//! prompt, then the candidate's tokens one by one, and read off the
//! probability the model gave each token before it was fed (teacher
//! forcing, as in training). Evaluation suites rank multiple-choice answers
//! this way; recall uses it to decide where a recalled answer ends.

use crate::error::{Error, Result};
use crate::model::{KvCache, Model};

/// How likely the model finds one continuation of a prompt.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Natural log of the probability of each continuation token, given the
    /// prompt and the tokens before it. Shorter than the continuation when
    /// the window filled up: later tokens are not scored.
    pub token_log_probs: Vec<f32>,
    /// `stop_log_probs[i]`: log-probability of the stop token right after
    /// the first `i` continuation tokens: how likely the model is to end the
    /// text there. One more entry than `token_log_probs`, except when the
    /// window filled up (then the same number: the stop after the last
    /// scored token is unknown).
    pub stop_log_probs: Vec<f32>,
}

impl Scored {
    /// Mean log-probability per token of the first `n` continuation tokens
    /// followed by the stop token (which counts as one token), the measure
    /// [`super::Generated::mean_log_prob`] gives a draft. `None` if those
    /// tokens were not all scored.
    ///
    /// ```
    /// use tiny_lm::generate::Scored;
    /// let s = Scored { token_log_probs: vec![-1.0, -2.0], stop_log_probs: vec![-5.0, -4.0, -0.0] };
    /// assert_eq!(s.mean_log_prob_ending_after(2), Some(-1.0));
    /// assert_eq!(s.mean_log_prob_ending_after(1), Some(-2.5));
    /// assert_eq!(s.mean_log_prob_ending_after(3), None);
    /// ```
    pub fn mean_log_prob_ending_after(&self, n: usize) -> Option<f32> {
        let stop = *self.stop_log_probs.get(n)?;
        let sum: f32 = self.token_log_probs.get(..n)?.iter().sum();
        Some((sum + stop) / (n + 1) as f32)
    }
}

/// Score each of `continuations` after `prompt` (which must fit the window):
/// the prompt goes through the model once, and each continuation is fed from
/// a copy of its KV cache, each on its own thread. `stop` is the token whose
/// probability is recorded at every position (a chat model's `<|end|>`).
///
/// ```
/// use tiny_lm::generate::{generate, score_continuations, SampleConfig};
/// use tiny_lm::{Model, ModelConfig};
/// let model = Model::new(ModelConfig::tiny(50), 3).unwrap();
/// let cfg = SampleConfig { max_new_tokens: 6, ..SampleConfig::default() };
/// let written = generate(&model, &[1, 2, 3], &cfg, |_| false, true).unwrap();
/// let scored = score_continuations(&model, &[1, 2, 3], &[written.tokens.clone()], 0).unwrap();
/// let sum: f32 = scored[0].token_log_probs.iter().sum();
/// assert!((sum - written.log_prob).abs() < 1e-3); // the probabilities the model wrote it with
/// ```
pub fn score_continuations(
    model: &Model,
    prompt: &[u32],
    continuations: &[Vec<u32>],
    stop: u32,
) -> Result<Vec<Scored>> {
    let window = model.config.context_len;
    if prompt.is_empty() || prompt.len() > window {
        return Err(Error::NotEnoughData(format!(
            "the prompt has {} tokens; scoring needs 1 to {window} (the model's window)",
            prompt.len()
        )));
    }
    model.check_tokens(prompt)?;
    for c in continuations {
        model.check_tokens(c)?;
    }
    model.check_tokens(&[stop])?;
    let mut cache = KvCache::new(model.config);
    for &id in &prompt[..prompt.len() - 1] {
        cache.push(&model.params, id);
    }
    let last = prompt[prompt.len() - 1];
    let cache = &cache;
    Ok(std::thread::scope(|s| {
        let threads: Vec<_> = continuations
            .iter()
            .map(|tokens| s.spawn(move || score_one(model, cache.clone(), last, tokens, stop)))
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    }))
}

/// Feed `last` (the prompt's final token) and then `tokens`, reading each
/// probability before the token is fed, until the window is full.
fn score_one(model: &Model, mut cache: KvCache, last: u32, tokens: &[u32], stop: u32) -> Scored {
    let ln = |p: f32| p.max(1e-30).ln();
    let mut probs = cache.push(&model.params, last);
    let mut scored = Scored {
        token_log_probs: Vec::with_capacity(tokens.len()),
        stop_log_probs: vec![ln(probs[stop as usize])],
    };
    for &id in tokens {
        scored.token_log_probs.push(ln(probs[id as usize]));
        if cache.is_full() {
            break;
        }
        probs = cache.push(&model.params, id);
        scored.stop_log_probs.push(ln(probs[stop as usize]));
    }
    scored
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, SampleConfig};

    #[test]
    fn scores_are_the_probabilities_the_uncached_model_gives() {
        let model = crate::generate::scrambled();
        let (prompt, cont) = (vec![3, 1, 4], vec![1, 5, 9, 2]);
        let scored = score_continuations(&model, &prompt, std::slice::from_ref(&cont), 7).unwrap();
        let mut ids = prompt.clone();
        for (i, &id) in cont.iter().enumerate() {
            let probs = model.next_token_probs(&ids).unwrap();
            assert!((scored[0].token_log_probs[i] - probs[id as usize].ln()).abs() < 1e-4);
            assert!((scored[0].stop_log_probs[i] - probs[7].ln()).abs() < 1e-4);
            ids.push(id);
        }
        let probs = model.next_token_probs(&ids).unwrap();
        assert!((scored[0].stop_log_probs[4] - probs[7].ln()).abs() < 1e-4);
    }

    #[test]
    fn a_generated_text_scores_its_own_log_probability() {
        let model = crate::generate::scrambled();
        let cfg = SampleConfig {
            max_new_tokens: 6,
            ..SampleConfig::default()
        };
        let written = generate(&model, &[2, 2], &cfg, |t| t == 7, true).unwrap();
        let scored =
            score_continuations(&model, &[2, 2], std::slice::from_ref(&written.tokens), 7).unwrap();
        let sum: f32 = scored[0].token_log_probs.iter().sum();
        let stopped = written.stop == crate::generate::StopReason::Stop;
        let stop = if stopped {
            scored[0].stop_log_probs[written.tokens.len()]
        } else {
            0.0
        };
        assert!((sum + stop - written.log_prob).abs() < 1e-3);
    }

    #[test]
    fn text_past_the_window_is_not_scored_and_bad_input_is_an_error() {
        let model = crate::generate::scrambled();
        let long: Vec<u32> = (0..20).collect();
        let scored = score_continuations(&model, &[1, 2, 3], &[long, vec![]], 0).unwrap();
        // A 12-token window holds the 3 prompt tokens and 9 of these; the 10th is
        // predicted from them, the rest are not scored.
        assert_eq!(scored[0].token_log_probs.len(), 10);
        assert_eq!(scored[0].stop_log_probs.len(), 10);
        assert_eq!(scored[0].mean_log_prob_ending_after(10), None);
        assert_eq!(scored[1].stop_log_probs.len(), 1);
        assert!(score_continuations(&model, &[], &[], 0).is_err());
        assert!(score_continuations(&model, &[1], &[vec![99]], 0).is_err());
        assert!(score_continuations(&model, &[1], &[], 99).is_err());
    }
}
