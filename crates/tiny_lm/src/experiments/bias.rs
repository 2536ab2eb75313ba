//! Which pronoun a model expects after "The nurse said that", measured for
//! models trained on differently balanced data.

use std::fmt;

use crate::error::Result;
use crate::generate::continuation_probs;
use crate::model::Model;
use crate::tokenizer::Tokenizer;

/// A model "has no skew left" when its [`PronounPreferences::skew`] is at most
/// this: on average the likelier pronoun gets at most 60% of the he/she
/// probability (0.2 on a scale where 0 is 50/50 and 1 is always one pronoun).
pub const NO_SKEW_THRESHOLD: f64 = 0.2;

/// One model's `(p(" she"), p(" he"))` after "The {profession} said that".
#[derive(Debug, Clone, PartialEq)]
pub struct PronounColumn {
    /// What the model was trained on, e.g. "skewed data".
    pub label: String,
    /// One pair per profession, in the table's order.
    pub probs: Vec<(f32, f32)>,
}

/// The next-word probability of "she" and "he" after "The {profession} said
/// that", for several models; shows as a table with a computed verdict.
#[derive(Debug, Clone, PartialEq)]
pub struct PronounPreferences {
    /// `(profession, pronoun the skewed data over-represents)`.
    pub professions: Vec<(String, String)>,
    /// One column per model.
    pub columns: Vec<PronounColumn>,
}

/// Measure `models` (label, model) on every profession of `professions`
/// (`(profession, stereotyped pronoun)` as in [`crate::corpus::BIAS_PROFESSIONS`]).
pub fn pronoun_preferences(
    tokenizer: &Tokenizer,
    professions: &[(&str, &str)],
    models: &[(&str, &Model)],
) -> Result<PronounPreferences> {
    let mut columns = Vec::new();
    for (label, model) in models {
        let mut probs = Vec::new();
        for (profession, _) in professions {
            let context = format!("The {profession} said that");
            let p = continuation_probs(model, tokenizer, &context, &[" she", " he"])?;
            probs.push((p[0].1, p[1].1));
        }
        columns.push(PronounColumn {
            label: label.to_string(),
            probs,
        });
    }
    Ok(PronounPreferences {
        professions: professions
            .iter()
            .map(|(p, s)| (p.to_string(), s.to_string()))
            .collect(),
        columns,
    })
}

/// Share of the he/she probability that goes to "she".
fn she_share((she, he): (f32, f32)) -> f64 {
    she as f64 / (she as f64 + he as f64).max(1e-30)
}

impl PronounPreferences {
    /// How one-sided column `c` is: the mean over professions of
    /// `|2 x she share - 1|` (0 = he and she equally likely, 1 = always one).
    pub fn skew(&self, c: usize) -> f64 {
        let probs = &self.columns[c].probs;
        probs
            .iter()
            .map(|&p| (2.0 * she_share(p) - 1.0).abs())
            .sum::<f64>()
            / probs.len().max(1) as f64
    }

    /// Professions for which column `c` prefers the pronoun the skewed data
    /// over-represents.
    pub fn follows_stereotype(&self, c: usize) -> usize {
        self.professions
            .iter()
            .zip(&self.columns[c].probs)
            .filter(|((_, stereotype), &p)| (she_share(p) > 0.5) == (stereotype == "she"))
            .count()
    }

    /// What the measurements say about the first column (skewed data) and
    /// the last (balanced data), against [`NO_SKEW_THRESHOLD`].
    pub fn verdict(&self) -> String {
        let (first, last) = (0, self.columns.len().saturating_sub(1));
        let (before, after) = (self.skew(first), self.skew(last));
        let n = self.professions.len();
        let mut text = format!(
            "Skew (0 = he and she equally likely, 1 = always one): {} {before:.2}, preferring the stereotyped pronoun for {} of {n} professions; {} {after:.2}, for {} of {n}. ",
            self.columns[first].label,
            self.follows_stereotype(first),
            self.columns[last].label,
            self.follows_stereotype(last),
        );
        text += &if after <= NO_SKEW_THRESHOLD && before > NO_SKEW_THRESHOLD {
            format!("In this run balancing the data removed the skew: {after:.2} is within the {NO_SKEW_THRESHOLD} threshold.")
        } else if after < before / 2.0 {
            format!("In this run balancing the data reduced the skew to less than half, but not within the {NO_SKEW_THRESHOLD} threshold.")
        } else {
            format!("In this run balancing the data did not reduce the skew to less than half ({before:.2} -> {after:.2}).")
        };
        text
    }

    /// Rich notebook output: the Markdown table and the verdict.
    pub fn evcxr_display(&self) {
        println!("EVCXR_BEGIN_CONTENT text/markdown\n{self}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for PronounPreferences {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "| next word after ... |")?;
        for c in &self.columns {
            write!(f, " {0}: she | {0}: he |", c.label)?;
        }
        write!(f, "\n|---|")?;
        for _ in &self.columns {
            write!(f, "---:|---:|")?;
        }
        writeln!(f)?;
        for (i, (profession, _)) in self.professions.iter().enumerate() {
            write!(f, "| The {profession} said that |")?;
            for c in &self.columns {
                let (she, he) = c.probs[i];
                write!(f, " {:.0}% | {:.0}% |", she * 100.0, he * 100.0)?;
            }
            writeln!(f)?;
        }
        write!(f, "\n{}", self.verdict())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(skewed: Vec<(f32, f32)>, balanced: Vec<(f32, f32)>) -> PronounPreferences {
        PronounPreferences {
            professions: vec![
                ("nurse".into(), "she".into()),
                ("pilot".into(), "he".into()),
            ],
            columns: vec![
                PronounColumn {
                    label: "skewed data".into(),
                    probs: skewed,
                },
                PronounColumn {
                    label: "balanced data".into(),
                    probs: balanced,
                },
            ],
        }
    }

    #[test]
    fn skew_and_verdict_are_computed_from_the_probabilities() {
        let removed = table(vec![(0.9, 0.1), (0.1, 0.9)], vec![(0.5, 0.45), (0.4, 0.5)]);
        assert!((removed.skew(0) - 0.8).abs() < 1e-6);
        assert_eq!(removed.follows_stereotype(0), 2);
        assert!(
            removed.verdict().contains("removed the skew"),
            "{}",
            removed.verdict()
        );
        let reduced = table(vec![(0.9, 0.1), (0.1, 0.9)], vec![(0.7, 0.3), (0.3, 0.7)]);
        assert!(
            reduced
                .verdict()
                .contains("reduced the skew to less than half"),
            "{}",
            reduced.verdict()
        );
        let kept = table(vec![(0.9, 0.1), (0.1, 0.9)], vec![(0.8, 0.2), (0.2, 0.8)]);
        assert!(
            kept.verdict().contains("did not reduce"),
            "{}",
            kept.verdict()
        );
        assert!(
            kept.to_string()
                .contains("| The nurse said that | 90% | 10% | 80% | 20% |"),
            "{kept}"
        );
    }
}
