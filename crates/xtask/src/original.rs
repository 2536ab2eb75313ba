//! What the main notebook must keep of the original: its headings and every paragraph of its
//! markdown cells, in order. A copy lives in this crate because a user's clone has no
//! `shared/seed/` beside it.

use crate::answer::text_of;
use serde_json::Value;

/// Every `#` and `##` heading of the original notebook, in order, copied from
/// `shared/seed/how_llms_are_trained.txt` (its markdown cells only: the `# ...` lines inside its
/// code cells are Python comments, and the `### Pre-training` inside a model answer is level 3).
/// Embedded because CI's clone must not depend on that file being beside it.
pub const ORIGINAL_HEADINGS: [&str; 9] = [
    "# 📖 Section 2: How Large Language Models Are Trained",
    "## 🏗️ Training Process Overview",
    "## 📚 Pre-training in Detail",
    "## 🎯 Fine-tuning in Detail",
    "## ⚠️ Challenges in Training LLMs",
    "## 📊 Training Data: What Goes Into LLMs?",
    "## 🔧 Training Techniques",
    "## ✅ Summary",
    "## 🎓 Try It Yourself!",
];

/// The notebook that must hold [`ORIGINAL_HEADINGS`].
pub const MAIN_NOTEBOOK: &str = "02_how_llms_are_trained.ipynb";

/// Every paragraph of the original's markdown cells, in order, one per line, with white space
/// folded (see [`fold_space`]). Taken from the seed's markdown (`shared/seed/how_llms_are_trained.txt`),
/// which a test compares it with when the seed is beside the clone.
const ORIGINAL_PARAGRAPHS_TEXT: &str = include_str!("original_paragraphs.txt");

pub fn original_paragraphs() -> Vec<&'static str> {
    ORIGINAL_PARAGRAPHS_TEXT
        .lines()
        .filter(|l| !l.is_empty())
        .collect()
}

/// Runs of white space become one space; leading and trailing space go. Markdown renders the
/// same either way, so a re-wrapped paragraph still counts as kept.
pub fn fold_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Markdown cells' paragraphs (blocks between blank lines), white space folded, in order.
fn markdown_paragraphs(cells: &[Value]) -> Vec<String> {
    cells
        .iter()
        .filter(|c| c.get("cell_type").and_then(Value::as_str) == Some("markdown"))
        .flat_map(|c| {
            let source = text_of(c.get("source"));
            let mut blocks = Vec::new();
            let mut current = String::new();
            for line in source.lines() {
                if line.trim().is_empty() {
                    blocks.push(std::mem::take(&mut current));
                } else {
                    current.push_str(line);
                    current.push('\n');
                }
            }
            blocks.push(current);
            blocks
        })
        .map(|block| fold_space(&block))
        .filter(|block| !block.is_empty())
        .collect()
}

/// One reason per paragraph of `required` that is missing, changed, or out of order.
pub fn check_paragraphs(cells: &[Value], required: &[&str]) -> Vec<String> {
    let found = markdown_paragraphs(cells);
    let mut reasons = Vec::new();
    let mut next = 0;
    for wanted in required {
        if let Some(pos) = found[next..].iter().position(|p| p == wanted) {
            next += pos + 1;
        } else if found.iter().any(|p| p == wanted) {
            reasons.push(format!(
                "paragraph of the original is out of order: \"{}\"",
                preview(wanted)
            ));
        } else {
            reasons.push(format!(
                "paragraph of the original is missing or changed: \"{}\"",
                preview(wanted)
            ));
        }
    }
    reasons
}

/// The first words of a paragraph, enough to find it.
fn preview(paragraph: &str) -> String {
    let mut short: String = paragraph.chars().take(80).collect();
    if short.len() < paragraph.len() {
        short.push('…');
    }
    short
}

/// Markdown `#` / `##` heading lines, outside fenced code blocks.
fn markdown_headings(cells: &[Value]) -> Vec<String> {
    let mut headings = Vec::new();
    for cell in cells {
        if cell.get("cell_type").and_then(Value::as_str) != Some("markdown") {
            continue;
        }
        let mut in_fence = false;
        for line in text_of(cell.get("source")).lines() {
            if line.trim_start().starts_with("```") {
                in_fence = !in_fence;
            } else if !in_fence && (line.starts_with("# ") || line.starts_with("## ")) {
                headings.push(line.trim_end().to_string());
            }
        }
    }
    headings
}

/// Letters and digits only: tells "the emoji differs" apart from "the heading is gone".
fn loose(heading: &str) -> String {
    heading
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect::<String>()
        .to_lowercase()
}

pub fn check_headings(cells: &[Value], required: &[&str]) -> Vec<String> {
    let found = markdown_headings(cells);
    let mut reasons = Vec::new();
    let mut next = 0;
    for wanted in required {
        if let Some(pos) = found[next..].iter().position(|h| h == wanted) {
            next += pos + 1;
        } else if found.iter().any(|h| h == wanted) {
            reasons.push(format!(
                "heading `{wanted}` is out of order (the original's order is kept)"
            ));
        } else if let Some(near) = found.iter().find(|h| loose(h) == loose(wanted)) {
            reasons.push(format!(
                "heading `{wanted}` of the original is changed to `{near}`"
            ));
        } else {
            reasons.push(format!("heading `{wanted}` of the original is missing"));
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The embedded copy is the original's text: every paragraph stands in the seed, in order.
    /// The seed sits beside the clone on the project's machines and in its CI.
    #[test]
    fn embedded_paragraphs_are_the_seeds_in_order() {
        let seed = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../../shared/seed/how_llms_are_trained.txt");
        let Ok(seed) = std::fs::read_to_string(&seed) else {
            eprintln!("shared/seed is not beside this clone; compared on the project's machines");
            return;
        };
        let seed = fold_space(&seed);
        let mut from = 0;
        for paragraph in original_paragraphs() {
            let at = seed[from..]
                .find(paragraph)
                .unwrap_or_else(|| panic!("not in the seed after byte {from}: {paragraph}"));
            from += at + paragraph.len();
        }
        assert!(original_paragraphs().len() >= 60);
    }
}
