//! Tables that put several results side by side, so notebook cells print
//! them with one `println!` instead of formatting columns themselves.

use std::fmt;

use crate::generate::TopK;
use crate::tokenizer::html_escape;

/// The likeliest next tokens for one context from several models, one
/// column per model.
///
/// ```
/// use tiny_lm::{generate::top_k_next, tables::NextTokenColumns, Model, ModelConfig, Tokenizer};
/// let tok = Tokenizer::train("the weather today is sunny", 260).unwrap();
/// let model = Model::new(ModelConfig::tiny(tok.vocab_size()), 0).unwrap();
/// let table = NextTokenColumns::new("The weather today is", "sunny")
///     .column("untrained", top_k_next(&model, &tok, "The weather today is", 3).unwrap());
/// assert!(table.to_string().contains("untrained"));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct NextTokenColumns {
    /// The context all columns continue.
    pub context: String,
    /// The word a person would expect next.
    pub expected: String,
    /// `(label, that model's candidates)`.
    pub columns: Vec<(String, TopK)>,
}

impl NextTokenColumns {
    /// An empty table for `context`, noting the `expected` word.
    pub fn new(context: &str, expected: &str) -> Self {
        NextTokenColumns {
            context: context.to_string(),
            expected: expected.to_string(),
            columns: Vec::new(),
        }
    }

    /// Add one model's candidates as a column.
    pub fn column(mut self, label: &str, top: TopK) -> Self {
        self.columns.push((label.to_string(), top));
        self
    }

    fn rows(&self) -> usize {
        self.columns
            .iter()
            .map(|(_, t)| t.tokens.len())
            .max()
            .unwrap_or(0)
    }

    /// Rich notebook output: an HTML table.
    pub fn evcxr_display(&self) {
        let mut html = format!(
            "<p><code>{}</code> (a person expects <i>{}</i>)</p><table><tr>",
            html_escape(&self.context),
            html_escape(&self.expected)
        );
        for (label, _) in &self.columns {
            html += &format!("<th colspan=\"2\">{}</th>", html_escape(label));
        }
        html += "</tr>";
        for i in 0..self.rows() {
            html += "<tr>";
            for (_, top) in &self.columns {
                html += &match top.tokens.get(i) {
                    Some(t) => format!(
                        "<td><code>{}</code></td><td>{:.1}%</td>",
                        html_escape(&t.text.replace(' ', "·")),
                        t.prob * 100.0
                    ),
                    None => "<td></td><td></td>".into(),
                };
            }
            html += "</tr>";
        }
        println!("EVCXR_BEGIN_CONTENT text/html\n{html}</table>\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for NextTokenColumns {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:?} (the example above says {:?})",
            self.context, self.expected
        )?;
        let header: Vec<String> = self
            .columns
            .iter()
            .map(|(label, _)| format!("{label:<22}"))
            .collect();
        writeln!(f, "  {}", header.join(" | "))?;
        for i in 0..self.rows() {
            let cells: Vec<String> = self
                .columns
                .iter()
                .map(|(_, top)| match top.tokens.get(i) {
                    Some(t) => format!("{:<15} {:>5.1}%", format!("{:?}", t.text), t.prob * 100.0),
                    None => " ".repeat(22),
                })
                .collect();
            writeln!(f, "  {}", cells.join(" | "))?;
        }
        Ok(())
    }
}

/// Several models' text for the same prompt, one row per model (base
/// against instruct, before against after fine-tuning).
///
/// ```
/// use tiny_lm::tables::Answers;
/// let table = Answers::new("What is a token?")
///     .add("base", " and a token is a")
///     .add("instruct", "A token is a piece of text.");
/// assert!(table.to_string().contains("instruct: A token is a piece of text."));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Answers {
    /// What every model was given.
    pub prompt: String,
    /// `(label, that model's text)`.
    pub rows: Vec<(String, String)>,
}

impl Answers {
    /// An empty table for `prompt`.
    pub fn new(prompt: &str) -> Self {
        Answers {
            prompt: prompt.to_string(),
            rows: Vec::new(),
        }
    }

    /// Add one model's text.
    pub fn add(mut self, label: &str, text: impl fmt::Display) -> Self {
        self.rows.push((label.to_string(), text.to_string()));
        self
    }

    /// Rich notebook output: an HTML table.
    pub fn evcxr_display(&self) {
        let mut html = format!(
            "<p><b>Prompt:</b> {}</p><table>",
            html_escape(&self.prompt).replace('\n', "<br>")
        );
        for (label, text) in &self.rows {
            html += &format!(
                "<tr><th style=\"text-align:left\">{}</th><td style=\"text-align:left\">{}</td></tr>",
                html_escape(label),
                html_escape(text.trim()).replace('\n', "<br>")
            );
        }
        println!("EVCXR_BEGIN_CONTENT text/html\n{html}</table>\nEVCXR_END_CONTENT");
    }
}

impl fmt::Display for Answers {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Prompt: {:?}", self.prompt)?;
        for (label, text) in &self.rows {
            writeln!(f, "  {label}: {}", text.trim())?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::NextToken;

    fn top(tokens: &[(&str, f32)]) -> TopK {
        TopK {
            context: "c".into(),
            tokens: tokens
                .iter()
                .enumerate()
                .map(|(i, (text, prob))| NextToken {
                    id: i as u32,
                    text: text.to_string(),
                    prob: *prob,
                })
                .collect(),
        }
    }

    #[test]
    fn columns_line_up_row_by_row() {
        let table = NextTokenColumns::new("The capital of France is", "Paris")
            .column("ours", top(&[(" the", 0.25), (" a", 0.125)]))
            .column("shipped", top(&[(" Paris", 0.5)]));
        let text = table.to_string();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 4, "{text}");
        assert!(lines[0].contains("\"Paris\""));
        assert_eq!(
            lines[2],
            "  \" the\"           25.0% | \" Paris\"         50.0%"
        );
        assert!(lines[3].starts_with("  \" a\"             12.5% | "));
    }
}
