//! Fine-tuning a copy of a model on a domain, and what it did to the model's
//! loss on that domain and on everything else.

use std::fmt;

use super::TextData;
use crate::error::Result;
use crate::eval::evaluate;
use crate::model::Model;
use crate::train::{LossHistory, TrainConfig, Trainer};

/// A validation loss "changed" when it moved by more than this many nats per
/// token. The evaluation is deterministic (the same windows every time), so
/// this is not noise: 0.01 nats is a 1% change in perplexity, the smallest
/// change worth a sentence.
pub const LOSS_CHANGE_THRESHOLD: f32 = 0.01;

/// Result of [`fine_tune`].
#[derive(Debug, Clone)]
pub struct FineTuneReport {
    /// The fine-tuned model.
    pub model: Model,
    /// Its training record on the domain text.
    pub history: LossHistory,
    /// Loss on the domain's held-out examples before and after.
    pub domain_val: (f32, f32),
    /// Loss on general held-out text before and after (rising = forgetting).
    pub general_val: (f32, f32),
}

impl FineTuneReport {
    /// Whether the domain's validation loss fell by more than
    /// [`LOSS_CHANGE_THRESHOLD`].
    pub fn learned_domain(&self) -> bool {
        self.domain_val.0 - self.domain_val.1 > LOSS_CHANGE_THRESHOLD
    }

    /// Whether the general text's validation loss rose by more than
    /// [`LOSS_CHANGE_THRESHOLD`]: catastrophic forgetting, measured.
    pub fn forgot_general(&self) -> bool {
        self.general_val.1 - self.general_val.0 > LOSS_CHANGE_THRESHOLD
    }

    /// What this run measured, in words, with the threshold.
    pub fn verdict(&self) -> String {
        let domain = self.domain_val.1 - self.domain_val.0;
        let general = self.general_val.1 - self.general_val.0;
        let t = LOSS_CHANGE_THRESHOLD;
        let first = if self.learned_domain() {
            format!("The domain's held-out loss fell by {:.3} nats: the model got better at the domain.", -domain)
        } else {
            format!("The domain's held-out loss changed by {domain:+.3} nats, not a fall of more than {t}: no gain measured on the domain.")
        };
        let second = if self.forgot_general() {
            format!("General text's loss rose by {general:.3} nats (more than {t}): it got worse at everything else, catastrophic forgetting in miniature.")
        } else {
            format!("General text's loss changed by {general:+.3} nats (not a rise of more than {t}): no forgetting measured in this run.")
        };
        format!("{first} {second}")
    }

    /// Rich notebook output: the Markdown table and the verdict.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/markdown\n{self}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for FineTuneReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "| validation loss | before | after |")?;
        writeln!(f, "|---|---:|---:|")?;
        writeln!(
            f,
            "| domain examples | {:.3} | {:.3} |",
            self.domain_val.0, self.domain_val.1
        )?;
        writeln!(
            f,
            "| general text (forgetting if it rises) | {:.3} | {:.3} |",
            self.general_val.0, self.general_val.1
        )?;
        write!(f, "\n{}", self.verdict())
    }
}

/// Fine-tune a copy of `base` on `domain` for `steps` steps and measure
/// validation loss on the domain and on `general_val` before and after.
pub fn fine_tune(
    base: &Model,
    domain: &TextData,
    general_val: &[u32],
    config: TrainConfig,
    steps: usize,
) -> Result<FineTuneReport> {
    let windows = config.eval_windows;
    let loss = |m: &Model, tokens: &[u32]| evaluate(m, tokens, windows).map(|r| r.loss);
    let before = (loss(base, &domain.val)?, loss(base, general_val)?);
    let mut trainer = Trainer::new(
        base.clone(),
        config,
        domain.train.clone(),
        domain.val.clone(),
    )?;
    let history = trainer.train(steps);
    let after = (
        loss(&trainer.model, &domain.val)?,
        loss(&trainer.model, general_val)?,
    );
    Ok(FineTuneReport {
        model: trainer.model,
        history,
        domain_val: (before.0, after.0),
        general_val: (before.1, after.1),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report(domain_val: (f32, f32), general_val: (f32, f32)) -> FineTuneReport {
        FineTuneReport {
            model: Model::new(crate::ModelConfig::tiny(10), 0).unwrap(),
            history: LossHistory::default(),
            domain_val,
            general_val,
        }
    }

    #[test]
    fn verdicts_follow_the_measured_losses_and_threshold() {
        let forgot = report((3.0, 2.5), (4.0, 4.2));
        assert!(forgot.learned_domain() && forgot.forgot_general());
        assert!(
            forgot.to_string().contains("catastrophic forgetting"),
            "{forgot}"
        );
        let kept = report((3.0, 2.5), (4.0, 4.005));
        assert!(!kept.forgot_general());
        assert!(
            kept.verdict().contains("no forgetting measured"),
            "{}",
            kept.verdict()
        );
        let nothing = report((3.0, 2.995), (4.0, 3.9));
        assert!(!nothing.learned_domain());
        assert!(nothing.verdict().contains("no gain measured"));
    }
}
