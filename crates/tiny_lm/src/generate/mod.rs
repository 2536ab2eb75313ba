//! Using a trained model: next-token probabilities, sampling, and how
//! fine-tuning shifted the predictions.
//!
//! Teaches: a language model outputs a probability for every token in its
//! vocabulary. Generation repeats "pick a next token, append it": *greedy*
//! picks the most likely one; *sampling* draws at random, with the
//! *temperature* sharpening (< 1) or flattening (> 1) the distribution and
//! *top-k* keeping only the k likeliest tokens so rare junk is never drawn,
//! *top-p* keeping the fewest tokens that together hold probability p, and a
//! *repetition penalty* making recently written tokens less likely so a small
//! model does not loop. A seed makes the draw reproducible. `decode.rs` holds the
//! generation loop itself, with or without a KV cache, stopping at an
//! end-of-answer token.

mod decode;
mod score;

pub use decode::{drafts, generate, generate_copying, pick, Generated, StopReason};
pub use score::{score_continuations, Scored};

use std::fmt;

use crate::error::Result;
use crate::model::Model;
use crate::rng::Rng;
use crate::tokenizer::{html_escape, Tokenizer};

/// Encode a prompt; an empty prompt becomes a line break, a neutral start.
fn encode_context(tok: &Tokenizer, context: &str) -> Vec<u32> {
    let ids = tok.encode(context);
    if ids.is_empty() {
        tok.encode("\n")
    } else {
        ids
    }
}

/// One candidate next token.
#[derive(Debug, Clone, PartialEq)]
pub struct NextToken {
    /// Token id.
    pub id: u32,
    /// Its text.
    pub text: String,
    /// Probability the model gives it.
    pub prob: f32,
}

/// The likeliest next tokens after a context.
#[derive(Debug, Clone, PartialEq)]
pub struct TopK {
    /// The context that was continued.
    pub context: String,
    /// Candidates, most likely first.
    pub tokens: Vec<NextToken>,
}

impl TopK {
    /// `(text, probability)` pairs, the shape the offline provider uses.
    pub fn pairs(&self) -> Vec<(String, f32)> {
        self.tokens
            .iter()
            .map(|t| (t.text.clone(), t.prob))
            .collect()
    }

    /// Rich notebook output: a table with probability bars.
    pub fn evcxr_display(&self) {
        let mut html = format!(
            "<p><b>After</b> <code>{}</code></p><table><tr><th>next token</th><th>probability</th><th></th></tr>",
            html_escape(&self.context)
        );
        for t in &self.tokens {
            html += &format!(
                "<tr><td><code>{}</code></td><td>{:.1}%</td><td><div style=\"background:#1f77b4;height:10px;width:{}px\"></div></td></tr>",
                html_escape(&t.text.replace(' ', "·")),
                t.prob * 100.0,
                (t.prob * 300.0).round()
            );
        }
        println!("EVCXR_BEGIN_CONTENT text/html\n{html}</table>\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for TopK {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "After {:?}:", self.context)?;
        for t in &self.tokens {
            writeln!(
                f,
                "  {:<14} {:>5.1}%",
                format!("{:?}", t.text),
                t.prob * 100.0
            )?;
        }
        Ok(())
    }
}

/// The `k` likeliest next tokens after `context`, with probabilities.
///
/// ```
/// use tiny_lm::{generate::top_k_next, Model, ModelConfig, Tokenizer};
/// let tok = Tokenizer::train("the weather today is sunny", 260).unwrap();
/// let model = Model::new(ModelConfig::tiny(tok.vocab_size()), 0).unwrap();
/// let top = top_k_next(&model, &tok, "The weather today is", 5).unwrap();
/// assert_eq!(top.tokens.len(), 5);
/// ```
pub fn top_k_next(model: &Model, tok: &Tokenizer, context: &str, k: usize) -> Result<TopK> {
    let probs = model.next_token_probs(&encode_context(tok, context))?;
    let mut order: Vec<usize> = (0..probs.len()).collect();
    order.sort_by(|&a, &b| probs[b].total_cmp(&probs[a]).then(a.cmp(&b)));
    let tokens = order
        .into_iter()
        .take(k)
        .map(|i| NextToken {
            id: i as u32,
            text: tok.token_str(i as u32),
            prob: probs[i],
        })
        .collect();
    Ok(TopK {
        context: context.to_string(),
        tokens,
    })
}

/// How to draw tokens.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SampleConfig {
    /// Tokens to add.
    pub max_new_tokens: usize,
    /// 0 = always the likeliest token; 0.8 = a little sharper than the model
    /// (readable but not repetitive); 1.0 = the model's own distribution.
    pub temperature: f32,
    /// Keep only this many candidates (0 = all). 40 removes the long tail of
    /// unlikely tokens that makes small models babble.
    pub top_k: usize,
    /// Nucleus sampling: keep the likeliest tokens until their probabilities
    /// (after temperature) add up to this (1.0 = off). Adapts to the model's
    /// certainty: one candidate when it is sure, many when it is not.
    pub top_p: f32,
    /// Divide the probability of every token among the last
    /// `repetition_window` ones by this (1.0 = off; 1.3 breaks the loops of
    /// a small model without banning the words a sentence needs twice).
    pub repetition_penalty: f32,
    /// How many recent tokens the penalty looks at.
    pub repetition_window: usize,
    /// Multiply the probability of each token given to
    /// [`generate_copying`] (the words of the user's question) by this until
    /// the answer has written it once (1.0 = off). A decoding rule, like the
    /// repetition penalty: it makes a small model that cannot yet copy from
    /// its prompt reuse the question's words.
    pub copy_boost: f32,
    /// Best of n: how many answers a chat model drafts (seeds `seed`,
    /// `seed + 1`, ...) before keeping the one the model itself finds most
    /// fluent, plus `topic_weight` times the share of the question's key
    /// words it uses (1 = draft once). Used by
    /// [`crate::pretrained::Pretrained::chat`].
    pub candidates: usize,
    /// Weight of the topic share against the mean log-probability per token
    /// when choosing among `candidates`.
    pub topic_weight: f32,
    /// Recall: `Some(s)` answers with the tuned answer nearest the question
    /// when their similarity is at least `s` (0 to 1, see
    /// [`crate::chat::AnswerBank::nearest`]), instead of drafting; the model
    /// only chooses whether to keep it whole or end after its first sentence.
    /// `None`: the model's own drafts only. Needs a model with an answer
    /// bank; see [`crate::pretrained::Origin`].
    pub recall: Option<f32>,
    /// Same seed, same text.
    pub seed: u64,
}

impl SampleConfig {
    /// The seeds best of n drafts with: `seed`, `seed + 1`, ... (`candidates`
    /// of them, at least one).
    ///
    /// ```
    /// use tiny_lm::generate::SampleConfig;
    /// let cfg = SampleConfig { seed: 7, candidates: 3, ..SampleConfig::default() };
    /// assert_eq!(cfg.draft_seeds(), [7, 8, 9]);
    /// ```
    pub fn draft_seeds(&self) -> Vec<u64> {
        (0..self.candidates.max(1) as u64)
            .map(|i| self.seed.wrapping_add(i))
            .collect()
    }
}

impl Default for SampleConfig {
    fn default() -> Self {
        SampleConfig {
            max_new_tokens: 60,
            temperature: 0.8,
            top_k: 40,
            top_p: 1.0,
            repetition_penalty: 1.0,
            repetition_window: 64,
            copy_boost: 1.0,
            candidates: 1,
            topic_weight: 0.0,
            recall: None,
            seed: 0,
        }
    }
}

/// Pick one token id from `probs` by temperature and top-k (no top-p, no
/// repetition penalty; [`pick`] has every option).
pub fn sample_from(probs: &[f32], temperature: f32, top_k: usize, rng: &mut Rng) -> u32 {
    let cfg = SampleConfig {
        temperature,
        top_k,
        top_p: 1.0,
        repetition_penalty: 1.0,
        ..SampleConfig::default()
    };
    pick(probs, &[], &cfg, rng)
}

/// Continue `prompt`; returns only the new text. Longer contexts are cropped
/// to the model's window as generation proceeds.
///
/// ```
/// use tiny_lm::{generate::{sample, SampleConfig}, Model, ModelConfig, Tokenizer};
/// let tok = Tokenizer::train("abc abc abc", 258).unwrap();
/// let model = Model::new(ModelConfig::tiny(tok.vocab_size()), 0).unwrap();
/// let cfg = SampleConfig { max_new_tokens: 5, ..SampleConfig::default() };
/// assert_eq!(sample(&model, &tok, "abc", &cfg).unwrap(), sample(&model, &tok, "abc", &cfg).unwrap());
/// ```
pub fn sample(model: &Model, tok: &Tokenizer, prompt: &str, cfg: &SampleConfig) -> Result<String> {
    let out = generate(model, &encode_context(tok, prompt), cfg, |_| false, true)?;
    Ok(tok.decode(&out.tokens))
}

/// Probability that `context` continues with each of `candidates` (the product
/// of the model's probabilities for each candidate token in turn), for
/// comparing specific completions such as `" he"` versus `" she"`.
///
/// ```
/// use tiny_lm::{generate::continuation_probs, Model, ModelConfig, Tokenizer};
/// let tok = Tokenizer::train("the nurse said that he or she", 262).unwrap();
/// let model = Model::new(ModelConfig::tiny(tok.vocab_size()), 0).unwrap();
/// let probs = continuation_probs(&model, &tok, "The nurse said that", &[" he", " she"]).unwrap();
/// assert_eq!(probs.len(), 2);
/// ```
pub fn continuation_probs(
    model: &Model,
    tok: &Tokenizer,
    context: &str,
    candidates: &[&str],
) -> Result<Vec<(String, f32)>> {
    let base = encode_context(tok, context);
    candidates
        .iter()
        .map(|cand| {
            let mut ids = base.clone();
            let mut p = 1.0f64;
            for next in tok.encode(cand) {
                p *= model.next_token_probs(&ids)?[next as usize] as f64;
                ids.push(next);
            }
            Ok((cand.to_string(), p as f32))
        })
        .collect()
}

/// One row of a before/after comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ShiftRow {
    /// Token text.
    pub text: String,
    /// Probability under the first model.
    pub before: f32,
    /// Probability under the second model.
    pub after: f32,
}

/// How the next-token distribution for one prompt changed between two models
/// (for example before and after fine-tuning).
#[derive(Debug, Clone, PartialEq)]
pub struct DistributionShift {
    /// The prompt.
    pub context: String,
    /// Union of both models' top-k tokens, ordered by probability after.
    pub rows: Vec<ShiftRow>,
}

/// Compare the top-`k` next tokens of `before` and `after` for `context`.
pub fn compare_next(
    before: &Model,
    after: &Model,
    tok: &Tokenizer,
    context: &str,
    k: usize,
) -> Result<DistributionShift> {
    let ids = encode_context(tok, context);
    let (p0, p1) = (
        before.next_token_probs(&ids)?,
        after.next_token_probs(&ids)?,
    );
    let top = |p: &[f32]| {
        let mut o: Vec<usize> = (0..p.len()).collect();
        o.sort_by(|&a, &b| p[b].total_cmp(&p[a]).then(a.cmp(&b)));
        o.truncate(k);
        o
    };
    let mut ids: Vec<usize> = top(&p1);
    ids.extend(
        top(&p0)
            .into_iter()
            .filter(|i| !ids.contains(i))
            .collect::<Vec<_>>(),
    );
    ids.sort_by(|&a, &b| p1[b].total_cmp(&p1[a]).then(a.cmp(&b)));
    let rows = ids
        .into_iter()
        .map(|i| ShiftRow {
            text: tok.token_str(i as u32),
            before: p0[i],
            after: p1[i],
        })
        .collect();
    Ok(DistributionShift {
        context: context.to_string(),
        rows,
    })
}

impl DistributionShift {
    /// As a Markdown table.
    pub fn to_markdown(&self) -> String {
        let mut md = format!(
            "Next token after `{}`\n\n| token | before | after | change |\n|---|---:|---:|---:|\n",
            self.context.replace('\n', "↵")
        );
        for r in &self.rows {
            md += &format!(
                "| `{}` | {:.1}% | {:.1}% | {:+.1} pts |\n",
                r.text
                    .replace(' ', "·")
                    .replace('\n', "↵")
                    .replace('|', "\\|"),
                r.before * 100.0,
                r.after * 100.0,
                (r.after - r.before) * 100.0
            );
        }
        md
    }

    /// Rich notebook output: the Markdown table.
    pub fn evcxr_display(&self) {
        println!(
            "EVCXR_BEGIN_CONTENT text/markdown\n{}\nEVCXR_END_CONTENT",
            self.to_markdown()
        );
    }
}

impl fmt::Display for DistributionShift {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_markdown())
    }
}

/// A small model with random weights far from its initialisation, so its
/// predictions differ from token to token (for the generation tests).
#[cfg(test)]
fn scrambled() -> Model {
    let cfg = crate::model::ModelConfig {
        vocab_size: 30,
        context_len: 12,
        d_model: 16,
        n_heads: 2,
        n_layers: 2,
    };
    let mut model = Model::new(cfg, 5).unwrap();
    let mut rng = Rng::new(9);
    for p in &mut model.params {
        *p += 0.2 * rng.normal();
    }
    model
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shift_table_keeps_one_line_per_row_when_tokens_hold_newlines() {
        let shift = DistributionShift {
            context: "Q: What is a fever?\nA:".to_string(),
            rows: vec![
                ShiftRow {
                    text: "\n".into(),
                    before: 0.2,
                    after: 0.1,
                },
                ShiftRow {
                    text: " a|b".into(),
                    before: 0.1,
                    after: 0.3,
                },
            ],
        };
        let md = shift.to_markdown();
        let table_rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| `")).collect();
        assert_eq!(table_rows.len(), 2, "{md}");
        assert!(table_rows[0].contains('↵'));
        assert!(table_rows[1].contains("·a\\|b"));
        assert!(md.starts_with("Next token after `Q: What is a fever?↵A:`"));
    }

    #[test]
    fn temperature_zero_is_greedy_and_top_k_one_too() {
        let probs = [0.1, 0.6, 0.3];
        let mut rng = Rng::new(1);
        assert_eq!(sample_from(&probs, 0.0, 0, &mut rng), 1);
        assert!((0..50).all(|_| sample_from(&probs, 1.0, 1, &mut rng) == 1));
    }

    #[test]
    fn sampling_follows_the_distribution_and_top_k_cuts_the_tail() {
        let probs = [0.7, 0.2, 0.1];
        let mut rng = Rng::new(2);
        let mut counts = [0usize; 3];
        for _ in 0..10_000 {
            counts[sample_from(&probs, 1.0, 0, &mut rng) as usize] += 1;
        }
        assert!(
            (counts[0] as f32 / 10_000.0 - 0.7).abs() < 0.02,
            "{counts:?}"
        );
        assert!(
            (counts[2] as f32 / 10_000.0 - 0.1).abs() < 0.02,
            "{counts:?}"
        );
        assert!((0..1000).all(|_| sample_from(&probs, 1.0, 2, &mut rng) != 2));
        // Low temperature concentrates on the favourite.
        let cold = (0..1000)
            .filter(|_| sample_from(&probs, 0.3, 0, &mut rng) == 0)
            .count();
        assert!(cold > 900, "{cold}");
    }

    #[test]
    fn empty_and_overlong_prompts_do_not_fail() {
        let tok = Tokenizer::train("some text here", 256).unwrap();
        let model = Model::new(crate::model::ModelConfig::tiny(256), 0).unwrap();
        assert_eq!(top_k_next(&model, &tok, "", 3).unwrap().tokens.len(), 3);
        let long = "word ".repeat(500);
        let cfg = SampleConfig {
            max_new_tokens: 3,
            ..SampleConfig::default()
        };
        assert!(sample(&model, &tok, &long, &cfg).is_ok());
    }

    #[test]
    fn continuation_probability_is_the_product_over_its_tokens() {
        let tok = Tokenizer::train("ab ab ab", 258).unwrap();
        let model = Model::new(crate::model::ModelConfig::tiny(tok.vocab_size()), 3).unwrap();
        let ids = tok.encode("xy");
        assert_eq!(ids.len(), 2);
        let p1 = model.next_token_probs(&tok.encode("c")).unwrap()[ids[0] as usize];
        let p2 = model.next_token_probs(&tok.encode("cx")).unwrap()[ids[1] as usize];
        let got = continuation_probs(&model, &tok, "c", &["xy"]).unwrap();
        assert!((got[0].1 - p1 * p2).abs() < 1e-9);
    }

    #[test]
    fn identical_models_show_no_shift() {
        let tok = Tokenizer::train("a b c", 256).unwrap();
        let model = Model::new(crate::model::ModelConfig::tiny(256), 0).unwrap();
        let shift = compare_next(&model, &model, &tok, "a b", 3).unwrap();
        assert_eq!(shift.rows.len(), 3);
        assert!(shift.rows.iter().all(|r| r.before == r.after));
        assert!(shift
            .to_markdown()
            .contains("| token | before | after | change |"));
    }
}
