//! Measuring a bias in the data itself: which pronoun follows each profession.
//!
//! Teaches: "Nurses are typically women" is a pattern a model learns only if its data repeats
//! it. Counting the pronouns that follow each profession shows the skew before any training.

use std::fmt;

use super::filter::words;
use super::report::escape;

/// Pronoun counts for one profession.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PronounRow {
    /// The profession word, e.g. "nurse".
    pub profession: String,
    /// Sentences where the first pronoun after the profession is he / him / his.
    pub he: usize,
    /// ... she / her / hers.
    pub she: usize,
    /// ... they / them / their.
    pub they: usize,
}

impl PronounRow {
    /// Share of gendered pronouns that are "she" (0.5 when balanced; `None` with no pronouns).
    pub fn she_share(&self) -> Option<f64> {
        let total = self.he + self.she;
        (total > 0).then(|| self.she as f64 / total as f64)
    }
}

/// One row per profession; shows as a table.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PronounTable {
    /// Rows in the order the professions were given.
    pub rows: Vec<PronounRow>,
}

impl PronounTable {
    /// The row for `profession`, if it was counted.
    pub fn get(&self, profession: &str) -> Option<&PronounRow> {
        self.rows.iter().find(|r| r.profession == profession)
    }

    /// Shows the table as HTML in an evcxr notebook cell.
    pub fn evcxr_display(&self) {
        let mut html = String::from("<table>\n<thead><tr><th>Profession</th><th>he</th><th>she</th><th>they</th><th>she share</th></tr></thead>\n<tbody>\n");
        for r in &self.rows {
            let share = r
                .she_share()
                .map_or("-".to_string(), |s| format!("{:.0}%", s * 100.0));
            html.push_str(&format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>\n",
                escape(&r.profession),
                r.he,
                r.she,
                r.they,
                share
            ));
        }
        html.push_str("</tbody>\n</table>");
        println!("EVCXR_BEGIN_CONTENT text/html\n{html}\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for PronounTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let width = self
            .rows
            .iter()
            .map(|r| r.profession.len())
            .max()
            .unwrap_or(0)
            .max(10);
        writeln!(
            f,
            "{:<width$}  {:>4}  {:>4}  {:>4}  she share",
            "profession", "he", "she", "they"
        )?;
        for r in &self.rows {
            let share = r
                .she_share()
                .map_or("-".to_string(), |s| format!("{:.0}%", s * 100.0));
            writeln!(
                f,
                "{:<width$}  {:>4}  {:>4}  {:>4}  {share:>9}",
                r.profession, r.he, r.she, r.they
            )?;
        }
        Ok(())
    }
}

/// For each profession, counts the first pronoun that follows it in the same sentence.
/// Plurals ("nurses") count too.
///
/// ```
/// use tiny_lm::{corpus, data::pronoun_counts};
/// let table = pronoun_counts(corpus::BIAS_SKEWED, &["nurse", "engineer"]);
/// assert_eq!((table.rows[0].she, table.rows[0].he), (18, 2));
/// println!("{table}");
/// ```
pub fn pronoun_counts(text: &str, professions: &[&str]) -> PronounTable {
    let mut rows: Vec<PronounRow> = professions
        .iter()
        .map(|p| PronounRow {
            profession: p.to_string(),
            ..PronounRow::default()
        })
        .collect();
    for sentence in text.split(['.', '!', '?', '\n']) {
        let words = words(sentence);
        for row in rows.iter_mut() {
            let plural = format!("{}s", row.profession);
            let Some(at) = words
                .iter()
                .position(|w| *w == row.profession || *w == plural)
            else {
                continue;
            };
            let pronoun = words[at + 1..].iter().find_map(|w| match w.as_str() {
                "he" | "him" | "his" => Some(0),
                "she" | "her" | "hers" => Some(1),
                "they" | "them" | "their" => Some(2),
                _ => None,
            });
            match pronoun {
                Some(0) => row.he += 1,
                Some(1) => row.she += 1,
                Some(2) => row.they += 1,
                _ => {}
            }
        }
    }
    PronounTable { rows }
}
