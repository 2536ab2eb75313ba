//! Checks on an executed notebook. nbconvert "succeeds" even when a cell panicked or failed to
//! compile (evcxr reports both as output), so the outputs themselves are what we judge.
//!
//! A cell tagged `raises-exception` (nbclient's own tag for "an error is expected here") may show
//! an `error` output and need not produce a model answer; every other check still applies to it.

use crate::answer::{has_model_answer, literal_fragments, text_of};
use crate::original::{self, original_paragraphs, ORIGINAL_HEADINGS};
use crate::secrets::Secrets;
use serde_json::Value;
use std::fmt;

/// Text that only shows up when Rust code failed: a panic, or a compile error in a cell.
const FAILURE_MARKERS: [&str; 3] = ["panicked at", "error[E", "could not compile"];

/// Calls that ask the language model for an answer: every public asking method of llm_connector
/// (`LLMConnector::get_completion(s)`, `stream_completion`, `chat`, `stream_chat`, and
/// `Conversation::ask`, each with its `_async` twin). A code cell that makes one must show a
/// non-empty answer.
const ASKS_MODEL: [&str; 7] = [
    "get_completion",
    "stream_completion",
    "stream_chat",
    ".chat(",
    ".chat_async(",
    ".ask(",
    ".ask_async(",
];

/// The tag that allows an `error` output in a cell (nbclient's convention).
const EXPECTS_ERROR_TAG: &str = "raises-exception";

/// One problem found in a notebook: where, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Failure {
    pub notebook: String,
    /// Index into the notebook's `cells` array (0-based, as in the JSON), if the problem has a cell.
    pub cell: Option<usize>,
    /// The cell's `In [n]` number, when it was executed.
    pub execution_count: Option<u64>,
    pub reason: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.notebook)?;
        if let Some(cell) = self.cell {
            write!(f, ": cells[{cell}]")?;
            if let Some(n) = self.execution_count {
                write!(f, " (In [{n}])")?;
            }
        }
        write!(f, ": {}", self.reason)
    }
}

/// What to check besides the rules every notebook follows.
pub struct CheckOptions<'a> {
    pub secrets: &'a Secrets,
    /// Headings that must appear, in this order, as markdown lines (the main notebook's).
    pub required_headings: &'a [&'a str],
    /// Paragraphs that must appear, in this order, in the markdown cells (white space folded).
    pub required_paragraphs: Vec<&'a str>,
}

impl<'a> CheckOptions<'a> {
    pub fn for_notebook(file_name: &str, secrets: &'a Secrets) -> CheckOptions<'a> {
        let main = file_name == original::MAIN_NOTEBOOK;
        CheckOptions {
            secrets,
            required_headings: if main { &ORIGINAL_HEADINGS } else { &[] },
            required_paragraphs: if main {
                original_paragraphs()
            } else {
                Vec::new()
            },
        }
    }
}

/// Every problem in an executed notebook (empty when it passes).
pub fn check_notebook(name: &str, notebook: &Value, options: &CheckOptions) -> Vec<Failure> {
    let mut failures = Vec::new();
    let Some(cells) = notebook.get("cells").and_then(Value::as_array) else {
        return vec![Failure {
            notebook: name.to_string(),
            cell: None,
            execution_count: None,
            reason: "not a notebook: no `cells` array".into(),
        }];
    };
    let all_code: String = cells
        .iter()
        .filter(|c| c.get("cell_type").and_then(Value::as_str) == Some("code"))
        .map(|c| text_of(c.get("source")) + "\n")
        .collect();
    let fragments = literal_fragments(&all_code);
    for (index, cell) in cells.iter().enumerate() {
        let fail = |reason: String| Failure {
            notebook: name.to_string(),
            cell: Some(index),
            execution_count: cell.get("execution_count").and_then(Value::as_u64),
            reason,
        };
        failures.extend(
            check_cell(cell, options.secrets, &fragments)
                .into_iter()
                .map(fail),
        );
    }
    let original_kept = original::check_headings(cells, options.required_headings)
        .into_iter()
        .chain(original::check_paragraphs(
            cells,
            &options.required_paragraphs,
        ));
    failures.extend(original_kept.map(|reason| Failure {
        notebook: name.to_string(),
        cell: None,
        execution_count: None,
        reason,
    }));
    failures
}

/// The HTML copy gets the leak check too: it is what people attach to issues.
pub fn check_html(name: &str, html: &str, secrets: &Secrets) -> Vec<Failure> {
    secrets
        .leak_in(html)
        .map(|why| Failure {
            notebook: name.to_string(),
            cell: None,
            execution_count: None,
            reason: format!("the HTML copy {why}"),
        })
        .into_iter()
        .collect()
}

fn check_cell(cell: &Value, secrets: &Secrets, fragments: &[String]) -> Vec<String> {
    if cell.get("cell_type").and_then(Value::as_str) != Some("code") {
        return Vec::new();
    }
    let source = text_of(cell.get("source"));
    if source.trim().is_empty() {
        return Vec::new();
    }
    let outputs: &[Value] = cell
        .get("outputs")
        .and_then(Value::as_array)
        .map_or(&[], Vec::as_slice);
    let expects_error = has_tag(cell, EXPECTS_ERROR_TAG);
    let mut reasons = Vec::new();

    let errors: Vec<String> = outputs
        .iter()
        .filter(|o| o.get("output_type").and_then(Value::as_str) == Some("error"))
        .map(|o| {
            first_line(&format!(
                "{}: {}",
                text_of(o.get("ename")),
                text_of(o.get("evalue"))
            ))
        })
        .collect();
    if !errors.is_empty() && !expects_error {
        let more = match errors.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        reasons.push(format!("error output: {}{more}", errors[0]));
    }
    for output in outputs {
        let mut texts = Vec::new();
        collect_strings(output, &mut texts);
        for text in &texts {
            if let Some(marker) = FAILURE_MARKERS.iter().find(|m| text.contains(*m)) {
                let line = text.lines().find(|l| l.contains(marker)).unwrap_or(marker);
                reasons.push(format!("output contains {marker:?}: {}", first_line(line)));
            }
            if let Some(why) = secrets.leak_in(text) {
                reasons.push(format!("output {why}"));
            }
        }
    }
    // A panic or compile error above already says what the stderr text is.
    let explained = !reasons.is_empty();
    if !expects_error && !explained {
        if let Some(line) = outputs.iter().find_map(stderr_line) {
            reasons.push(format!(
                "writes to stderr (tag the cell `{EXPECTS_ERROR_TAG}` if it shows an error on purpose): {line}"
            ));
        }
    }
    if !outputs.iter().any(has_visible_content) {
        reasons.push("code cell produced no output".into());
    } else if asks_model(&source) && !expects_error && !has_model_answer(outputs, fragments) {
        reasons.push("cell asks the model but shows no answer (no Markdown/text display, no answer lines on stdout)".into());
    }
    reasons.dedup();
    reasons
}

/// The first non-blank line a `stderr` stream output holds, if any.
fn stderr_line(output: &Value) -> Option<String> {
    if output.get("name").and_then(Value::as_str) != Some("stderr") {
        return None;
    }
    let text = text_of(output.get("text"));
    (!text.trim().is_empty()).then(|| first_line(&text))
}

fn first_line(text: &str) -> String {
    let line = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim();
    let mut short: String = line.chars().take(160).collect();
    if short.len() < line.len() {
        short.push('…');
    }
    short
}

fn has_tag(cell: &Value, tag: &str) -> bool {
    cell.pointer("/metadata/tags")
        .and_then(Value::as_array)
        .is_some_and(|tags| tags.iter().any(|t| t.as_str() == Some(tag)))
}

/// Every string inside a JSON value (output text, data of every MIME type, tracebacks).
fn collect_strings<'v>(value: &'v Value, into: &mut Vec<&'v str>) {
    match value {
        Value::String(s) => into.push(s),
        Value::Array(items) => items.iter().for_each(|v| collect_strings(v, into)),
        Value::Object(map) => map.values().for_each(|v| collect_strings(v, into)),
        _ => {}
    }
}

fn has_visible_content(output: &Value) -> bool {
    let mut texts = Vec::new();
    match output.get("output_type").and_then(Value::as_str) {
        Some("stream") => collect_strings(output.get("text").unwrap_or(&Value::Null), &mut texts),
        Some("error") => return true,
        _ => collect_strings(output.get("data").unwrap_or(&Value::Null), &mut texts),
    }
    texts.iter().any(|t| !t.trim().is_empty())
}

/// Code lines of a cell, without `//` comments (a comment that mentions `chat(` asks nothing).
fn code_lines(source: &str) -> impl Iterator<Item = &str> {
    source.lines().filter(|l| !l.trim_start().starts_with("//"))
}

fn asks_model(source: &str) -> bool {
    code_lines(source).any(|line| ASKS_MODEL.iter().any(|call| line.contains(call)))
}

#[cfg(test)]
#[path = "checks_tests.rs"]
mod tests;
