//! The generation loop: predict, pick, append, until a stop token or the limit.
//!
//! Teaches: with a KV cache each new token costs one pass of *one* position
//! through the model; without it, the whole window is recomputed every time.
//! Both give the same tokens (a test checks it). When the text outgrows the
//! model's window, the oldest quarter is dropped and the rest read again
//! (learned position embeddings cannot slide), in both modes alike.

use super::SampleConfig;
use crate::error::{Error, Result};
use crate::model::{KvCache, Model};
use crate::rng::Rng;

/// Why generation ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StopReason {
    /// The model wrote a stop token (for a chat model: end of answer).
    Stop,
    /// `max_new_tokens` were written.
    Length,
}

/// What [`generate`] wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct Generated {
    /// The new tokens, without the stop token.
    pub tokens: Vec<u32>,
    /// Why it ended.
    pub stop: StopReason,
    /// Sum of the natural log of the model's own probability (before any
    /// sampling rule) of each token written, the stop token included: how
    /// likely the model finds this text.
    pub log_prob: f32,
}

impl Generated {
    /// Mean log-probability per token (the stop token counts as one).
    pub fn mean_log_prob(&self) -> f32 {
        let n = self.tokens.len() + usize::from(self.stop == StopReason::Stop);
        self.log_prob / n.max(1) as f32
    }
}

/// Pick the next token from `probs`: repetition penalty on the tokens in
/// `recent`, then temperature, top-k and top-p, then a draw from `rng`.
/// Temperature 0 takes the likeliest token (after the penalty).
///
/// ```
/// use tiny_lm::generate::{pick, SampleConfig};
/// use tiny_lm::rng::Rng;
/// let greedy = SampleConfig { temperature: 0.0, ..SampleConfig::default() };
/// let probs = [0.5, 0.4, 0.1];
/// assert_eq!(pick(&probs, &[], &greedy, &mut Rng::new(0)), 0);
/// let penalised = SampleConfig { repetition_penalty: 2.0, ..greedy };
/// assert_eq!(pick(&probs, &[0], &penalised, &mut Rng::new(0)), 1);
/// ```
pub fn pick(probs: &[f32], recent: &[u32], cfg: &SampleConfig, rng: &mut Rng) -> u32 {
    let mut p = probs.to_vec();
    if cfg.repetition_penalty != 1.0 {
        let mut seen = vec![false; p.len()];
        for &id in &recent[recent.len().saturating_sub(cfg.repetition_window)..] {
            if let Some(s) = seen.get_mut(id as usize) {
                if !*s {
                    *s = true;
                    p[id as usize] /= cfg.repetition_penalty;
                }
            }
        }
    }
    let mut order: Vec<usize> = (0..p.len()).collect();
    let likelier = |&a: &usize, &b: &usize| p[b].total_cmp(&p[a]).then(a.cmp(&b));
    let keep = match cfg.top_k {
        _ if cfg.temperature <= 0.0 => 1,
        0 => order.len(),
        k => k.min(order.len()),
    };
    // Only the `keep` likeliest need sorting (the order is total, so this is
    // the same as sorting all of them and cutting).
    if keep < order.len() {
        order.select_nth_unstable_by(keep, likelier);
        order.truncate(keep);
    }
    order.sort_by(likelier);
    if cfg.temperature <= 0.0 {
        return order[0] as u32;
    }
    // p^(1/T) is softmax(logits / T) up to normalisation.
    let mut weights: Vec<f64> = order
        .iter()
        .map(|&i| (p[i].max(1e-30) as f64).powf(1.0 / cfg.temperature as f64))
        .collect();
    if cfg.top_p < 1.0 {
        let total: f64 = weights.iter().sum();
        let mut cumulative = 0.0;
        let keep = weights
            .iter()
            .position(|w| {
                cumulative += w;
                cumulative >= cfg.top_p as f64 * total
            })
            .map_or(weights.len(), |i| i + 1);
        weights.truncate(keep);
    }
    let mut r = rng.uniform() as f64 * weights.iter().sum::<f64>();
    for (w, &i) in weights.iter().zip(&order) {
        r -= w;
        if r <= 0.0 {
            return i as u32;
        }
    }
    order[weights.len() - 1] as u32
}

/// Continue the token sequence `prompt` with up to `cfg.max_new_tokens`
/// tokens, stopping early at a token for which `is_stop` is true. With
/// `use_cache`, positions already seen are kept in a [`KvCache`]; without,
/// the window is recomputed for every token. Same inputs, same tokens.
///
/// ```
/// use tiny_lm::generate::{generate, SampleConfig, StopReason};
/// use tiny_lm::{Model, ModelConfig};
/// let model = Model::new(ModelConfig::tiny(50), 3).unwrap();
/// let cfg = SampleConfig { max_new_tokens: 40, ..SampleConfig::default() };
/// let cached = generate(&model, &[1, 2, 3], &cfg, |_| false, true).unwrap();
/// let plain = generate(&model, &[1, 2, 3], &cfg, |_| false, false).unwrap();
/// assert_eq!(cached, plain);
/// assert_eq!(cached.stop, StopReason::Length);
/// ```
pub fn generate(
    model: &Model,
    prompt: &[u32],
    cfg: &SampleConfig,
    is_stop: impl Fn(u32) -> bool,
    use_cache: bool,
) -> Result<Generated> {
    generate_copying(model, prompt, &[], cfg, is_stop, use_cache)
}

/// [`generate`], with the probability of each token of `copy` multiplied by
/// `cfg.copy_boost` until it has been written once.
///
/// ```
/// use tiny_lm::generate::{generate, generate_copying, SampleConfig};
/// use tiny_lm::{Model, ModelConfig};
/// let model = Model::new(ModelConfig::tiny(50), 3).unwrap();
/// let cfg = SampleConfig { max_new_tokens: 5, temperature: 0.0, copy_boost: 1e6, ..SampleConfig::default() };
/// let out = generate_copying(&model, &[1, 2, 3], &[42], &cfg, |_| false, true).unwrap();
/// assert_eq!(out.tokens[0], 42);
/// let plain = generate(&model, &[1, 2, 3], &cfg, |_| false, true).unwrap();
/// assert_ne!(plain.tokens[0], 42, "without the token to copy, no boost");
/// ```
pub fn generate_copying(
    model: &Model,
    prompt: &[u32],
    copy: &[u32],
    cfg: &SampleConfig,
    is_stop: impl Fn(u32) -> bool,
    use_cache: bool,
) -> Result<Generated> {
    check_prompt(model, prompt)?;
    let cache = KvCache::new(model.config);
    Ok(continue_from(
        model, cache, prompt, copy, cfg, &is_stop, use_cache,
    ))
}

/// Several answers to one prompt, one per seed (best of n drafts them): the
/// prompt goes through the model once, and each draft starts from a copy of
/// its KV cache, each on its own thread. Draft `i` is what
/// [`generate_copying`] writes with seed `seeds[i]`.
///
/// ```
/// use tiny_lm::generate::{drafts, generate_copying, SampleConfig};
/// use tiny_lm::{Model, ModelConfig};
/// let model = Model::new(ModelConfig::tiny(50), 3).unwrap();
/// let cfg = SampleConfig { max_new_tokens: 8, ..SampleConfig::default() };
/// let all = drafts(&model, &[1, 2, 3], &[], &cfg, &[5, 6], |_| false).unwrap();
/// let one = generate_copying(&model, &[1, 2, 3], &[], &SampleConfig { seed: 6, ..cfg }, |_| false, true).unwrap();
/// assert_eq!(all[1], one);
/// ```
pub fn drafts(
    model: &Model,
    prompt: &[u32],
    copy: &[u32],
    cfg: &SampleConfig,
    seeds: &[u64],
    is_stop: impl Fn(u32) -> bool + Sync,
) -> Result<Vec<Generated>> {
    check_prompt(model, prompt)?;
    let mut cache = KvCache::new(model.config);
    let read = prompt.len().min(model.config.context_len) - 1;
    for &id in &prompt[..read] {
        cache.push(&model.params, id);
    }
    let (cache, is_stop) = (&cache, &is_stop);
    Ok(std::thread::scope(|s| {
        let threads: Vec<_> = seeds
            .iter()
            .map(|&seed| {
                let cfg = SampleConfig { seed, ..*cfg };
                s.spawn(move || {
                    continue_from(model, cache.clone(), prompt, copy, &cfg, is_stop, true)
                })
            })
            .collect();
        threads
            .into_iter()
            .map(|t| t.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    }))
}

fn check_prompt(model: &Model, prompt: &[u32]) -> Result<()> {
    if prompt.is_empty() {
        return Err(Error::NotEnoughData(
            "the prompt has no tokens; give at least one".into(),
        ));
    }
    model.check_tokens(prompt)
}

/// The generation loop; `cache` may already hold the start of `prompt`.
fn continue_from(
    model: &Model,
    mut cache: KvCache,
    prompt: &[u32],
    copy: &[u32],
    cfg: &SampleConfig,
    is_stop: &impl Fn(u32) -> bool,
    use_cache: bool,
) -> Generated {
    let window = model.config.context_len;
    let keep = window - window / 4;
    let mut rng = Rng::new(cfg.seed);
    let mut ids = prompt.to_vec();
    let mut start = 0;
    let mut probs = Vec::new();
    let mut log_prob = 0.0;
    for _ in 0..cfg.max_new_tokens {
        if ids.len() - start > window {
            start = ids.len() - keep;
            cache.clear();
        }
        if use_cache {
            for &id in &ids[start + cache.len()..] {
                probs = cache.push(&model.params, id);
            }
        } else {
            // Cannot fail: the prompt was checked and every token added came from the model.
            probs = model.next_token_probs(&ids[start..]).unwrap_or_default();
        }
        let model_probs = (cfg.copy_boost != 1.0).then(|| probs.clone());
        if cfg.copy_boost != 1.0 {
            let written = &ids[prompt.len()..];
            for &id in copy {
                if !written.contains(&id) {
                    if let Some(p) = probs.get_mut(id as usize) {
                        *p *= cfg.copy_boost;
                    }
                }
            }
        }
        let next = pick(&probs, &ids[prompt.len()..], cfg, &mut rng);
        let p = model_probs.as_ref().unwrap_or(&probs)[next as usize];
        log_prob += p.max(1e-30).ln();
        if is_stop(next) {
            return Generated {
                tokens: ids.split_off(prompt.len()),
                stop: StopReason::Stop,
                log_prob,
            };
        }
        ids.push(next);
    }
    Generated {
        tokens: ids.split_off(prompt.len()),
        stop: StopReason::Length,
        log_prob,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn drafts_from_one_prefilled_cache_match_separate_generation() {
        let model = crate::generate::scrambled();
        let cfg = SampleConfig {
            max_new_tokens: 30,
            copy_boost: 5.0,
            ..SampleConfig::default()
        };
        // Prompts shorter and longer than the 12-token window.
        for prompt in [vec![3, 1, 4], (0..20).map(|i| i % 30).collect()] {
            let all = drafts(&model, &prompt, &[7], &cfg, &[0, 1, 2], |t| t == 9).unwrap();
            for (seed, d) in (0..3).zip(&all) {
                let cfg = SampleConfig { seed, ..cfg };
                let one = generate_copying(&model, &prompt, &[7], &cfg, |t| t == 9, true).unwrap();
                assert_eq!(d, &one, "seed {seed}, prompt of {}", prompt.len());
                let plain = generate_copying(&model, &prompt, &[7], &cfg, |t| t == 9, false);
                assert_eq!(
                    d.tokens,
                    plain.unwrap().tokens,
                    "seed {seed}, without cache"
                );
            }
            assert_ne!(all[0].tokens, all[1].tokens, "seeds differ");
        }
        assert!(drafts(&model, &[], &[], &cfg, &[0], |_| false).is_err());
    }

    #[test]
    fn cached_and_uncached_generation_agree_across_window_shifts() {
        let model = crate::generate::scrambled();
        for (temperature, seed) in [(0.0, 0), (1.0, 1), (0.8, 2)] {
            let cfg = SampleConfig {
                max_new_tokens: 50, // > 4 windows of 12
                temperature,
                top_k: 0,
                top_p: 0.95,
                repetition_penalty: 1.2,
                repetition_window: 8,
                copy_boost: 1.0,
                candidates: 1,
                topic_weight: 0.0,
                recall: None,
                seed,
            };
            let cached = generate(&model, &[3, 1, 4, 1, 5], &cfg, |_| false, true).unwrap();
            let plain = generate(&model, &[3, 1, 4, 1, 5], &cfg, |_| false, false).unwrap();
            assert_eq!(cached.tokens.len(), 50);
            assert_eq!(cached, plain, "temperature {temperature}");
        }
    }

    #[test]
    fn cache_gives_the_same_probabilities_as_the_full_forward() {
        let model = crate::generate::scrambled();
        let ids: Vec<u32> = (0..12).map(|i| (i * 7 % 30) as u32).collect();
        let mut cache = KvCache::new(model.config);
        for t in 0..ids.len() {
            let cached = cache.push(&model.params, ids[t]);
            let full = model.next_token_probs(&ids[..=t]).unwrap();
            let diff = cached
                .iter()
                .zip(&full)
                .map(|(a, b)| (a - b).abs())
                .fold(0.0, f32::max);
            assert!(diff < 1e-5, "position {t}: {diff}");
        }
        assert!(cache.is_full());
    }

    /// Greedy decoding of `max_new_tokens`, the other settings at their defaults.
    fn greedy(max_new_tokens: usize) -> SampleConfig {
        SampleConfig {
            max_new_tokens,
            temperature: 0.0,
            ..SampleConfig::default()
        }
    }

    #[test]
    fn stops_at_the_stop_token_without_emitting_it() {
        let model = crate::generate::scrambled();
        let greedy = greedy(30);
        let free = generate(&model, &[1, 2], &greedy, |_| false, true).unwrap();
        let stop_token = free.tokens[3];
        let first = free.tokens.iter().position(|&t| t == stop_token).unwrap();
        let stopped = generate(&model, &[1, 2], &greedy, |t| t == stop_token, true).unwrap();
        assert_eq!(stopped.stop, StopReason::Stop);
        assert_eq!(stopped.tokens, free.tokens[..first]);
    }

    #[test]
    fn copy_boost_favours_the_given_tokens_once_and_keeps_cache_agreement() {
        let model = crate::generate::scrambled();
        let greedy = greedy(12);
        let plain = generate(&model, &[3, 1, 4], &greedy, |_| false, true).unwrap();
        // A token greedy decoding never writes here, made 1e6 times likelier.
        let rare = (0..30).find(|t| !plain.tokens.contains(t)).unwrap();
        let boosted = SampleConfig {
            copy_boost: 1e6,
            ..greedy
        };
        let out = generate_copying(&model, &[3, 1, 4], &[rare], &boosted, |_| false, true).unwrap();
        assert_eq!(
            out.tokens.iter().filter(|&&t| t == rare).count(),
            1,
            "{out:?}"
        );
        let off = SampleConfig {
            copy_boost: 1.0,
            ..boosted
        };
        let unboosted =
            generate_copying(&model, &[3, 1, 4], &[rare], &off, |_| false, true).unwrap();
        assert_eq!(unboosted, plain, "a boost of 1 changes nothing");
        let uncached =
            generate_copying(&model, &[3, 1, 4], &[rare], &boosted, |_| false, false).unwrap();
        assert_eq!(out, uncached);
    }

    #[test]
    fn repetition_penalty_breaks_a_greedy_loop() {
        // A model that always prefers token 7 a little: greedy repeats it forever.
        let mut probs = vec![0.01f32; 20];
        probs[7] = 0.3;
        probs[8] = 0.25;
        let greedy = greedy(SampleConfig::default().max_new_tokens);
        let mut rng = Rng::new(0);
        assert_eq!(pick(&probs, &[7], &greedy, &mut rng), 7);
        let penalised = SampleConfig {
            repetition_penalty: 1.3,
            ..greedy
        };
        assert_eq!(pick(&probs, &[7], &penalised, &mut rng), 8);
        // Outside the window the penalty no longer applies.
        let short = SampleConfig {
            repetition_window: 1,
            ..penalised
        };
        assert_eq!(pick(&probs, &[7, 3], &short, &mut rng), 7);
    }

    #[test]
    fn top_p_keeps_only_the_nucleus() {
        let probs = [0.6, 0.3, 0.05, 0.05];
        let cfg = SampleConfig {
            temperature: 1.0,
            top_k: 0,
            top_p: 0.85,
            ..SampleConfig::default()
        };
        let mut rng = Rng::new(4);
        let drawn: Vec<u32> = (0..2000)
            .map(|_| pick(&probs, &[], &cfg, &mut rng))
            .collect();
        assert!(
            drawn.iter().all(|&t| t < 2),
            "only the two tokens holding 90%"
        );
        let zeros = drawn.iter().filter(|&&t| t == 0).count() as f32 / 2000.0;
        assert!((zeros - 2.0 / 3.0).abs() < 0.04, "{zeros}");
        let all = SampleConfig { top_p: 1.0, ..cfg };
        assert!((0..2000).any(|_| pick(&probs, &[], &all, &mut rng) >= 2));
    }

    #[test]
    fn empty_prompt_and_unknown_tokens_are_errors() {
        let model = crate::generate::scrambled();
        let cfg = SampleConfig::default();
        assert!(generate(&model, &[], &cfg, |_| false, true).is_err());
        assert!(generate(&model, &[99], &cfg, |_| false, true).is_err());
    }
}
