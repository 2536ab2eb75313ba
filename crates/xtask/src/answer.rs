//! Telling a model's answer apart from the text a cell prints itself.
//!
//! A cell that asks the model shows its answer either as rich output (a `Completion` rendered
//! through `evcxr_display`) or as stdout lines (a streamed answer, or `println!("{answer}")`). A
//! cell also prints banners and labels. Those come from string literals in the notebook's code,
//! so a stdout line only counts as answer text when enough of it is left after removing every
//! literal fragment the notebook's code spells out (format strings split at their `{}` holes).

use serde_json::Value;

/// Letters and digits a line must keep, once the notebook's own literals are removed, to count as
/// answer text: more than a number or a short label, less than any real sentence.
const MIN_ANSWER_CHARS: usize = 12;

/// Literal fragments shorter than this (trimmed) are not removed: "1", ": " or "s" would eat
/// pieces of real answers.
const MIN_FRAGMENT_CHARS: usize = 3;

/// The first line of llm_connector's offline answers: a label, not an answer.
const OFFLINE_NOTE_PREFIX: &str = "ℹ️ Offline tiny model";

/// Pieces of text the code spells out: each string literal (normal or raw), decoded, split at
/// format placeholders and line breaks, trimmed, longest first.
pub fn literal_fragments(code: &str) -> Vec<String> {
    let mut fragments = Vec::new();
    for literal in string_literals(code) {
        for line in literal.split('\n') {
            for piece in split_placeholders(line) {
                let piece = piece.trim();
                if piece.chars().count() >= MIN_FRAGMENT_CHARS {
                    fragments.push(piece.to_string());
                }
            }
        }
    }
    fragments.sort_by_key(|f| std::cmp::Reverse(f.len()));
    fragments.dedup();
    fragments
}

/// Whether `outputs` hold a non-empty answer; `fragments` come from [`literal_fragments`].
pub fn has_model_answer(outputs: &[Value], fragments: &[String]) -> bool {
    let rich: Vec<String> = outputs
        .iter()
        .filter(|o| {
            matches!(
                o.get("output_type").and_then(Value::as_str),
                Some("display_data" | "execute_result")
            )
        })
        .filter_map(|o| o.get("data"))
        .map(|data| {
            let markdown = text_of(data.get("text/markdown"));
            if markdown.trim().is_empty() {
                text_of(data.get("text/plain"))
            } else {
                markdown
            }
        })
        // evcxr shows `()` for a cell that ends in a unit expression: that is not a display.
        .filter(|text| text.trim() != "()")
        .collect();
    if !rich.is_empty() {
        return rich.iter().any(|text| {
            text.lines()
                .filter(|l| !l.trim().starts_with(OFFLINE_NOTE_PREFIX) && !is_footer(l))
                .any(|l| l.chars().any(char::is_alphanumeric))
        });
    }
    outputs
        .iter()
        .filter(|o| o.get("name").and_then(Value::as_str) == Some("stdout"))
        .any(|o| {
            text_of(o.get("text"))
                .lines()
                .any(|l| is_answer_line(l, fragments))
        })
}

/// The line llm_connector puts under every rendered answer, `*gpt-4o · OpenAI · 1.23 s*` in
/// Markdown or `[gpt-4o · OpenAI · 1.23 s]` in plain text: where the answer came from, not an answer.
fn is_footer(line: &str) -> bool {
    let line = line.trim();
    let wrapped =
        |open: char, close: char| line.len() > 2 && line.starts_with(open) && line.ends_with(close);
    (wrapped('*', '*') || wrapped('[', ']')) && line.contains(" · ")
}

fn is_answer_line(line: &str, fragments: &[String]) -> bool {
    let line = line.trim();
    if line.starts_with(OFFLINE_NOTE_PREFIX) {
        return false;
    }
    let mut rest = line.to_string();
    for fragment in fragments {
        if rest.contains(fragment.as_str()) {
            rest = rest.replace(fragment.as_str(), " ");
        }
    }
    rest.chars().filter(|c| c.is_alphanumeric()).count() >= MIN_ANSWER_CHARS
}

pub fn text_of(value: Option<&Value>) -> String {
    match value {
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(parts)) => parts.iter().filter_map(Value::as_str).collect(),
        _ => String::new(),
    }
}

/// The decoded contents of the string literals in Rust code (good enough for cell code: char
/// literals like '"' and comments are skipped, escapes decoded, raw strings read as they are).
fn string_literals(code: &str) -> Vec<String> {
    let chars: Vec<char> = code.chars().collect();
    let mut literals = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '\'' => {
                // A char literal ('"', '\'') or a lifetime ('a): skip the quoted char only.
                if chars.get(i + 1) == Some(&'\\') && chars.get(i + 3) == Some(&'\'') {
                    i += 3;
                } else if chars.get(i + 2) == Some(&'\'') {
                    i += 2;
                }
            }
            'r' if matches!(chars.get(i + 1), Some('"' | '#'))
                && !is_ident(chars.get(i.wrapping_sub(1))) =>
            {
                let hashes = chars[i + 1..].iter().take_while(|&&c| c == '#').count();
                let open = i + 1 + hashes;
                if chars.get(open) == Some(&'"') {
                    let close: String = std::iter::once('"')
                        .chain(std::iter::repeat_n('#', hashes))
                        .collect();
                    let body: String = chars[open + 1..].iter().collect();
                    let end = body.find(&close).unwrap_or(body.len());
                    literals.push(body[..end].to_string());
                    i = open + 1 + body[..end].chars().count() + close.chars().count() - 1;
                }
            }
            '"' => {
                let (text, end) = read_escaped(&chars, i + 1);
                literals.push(text);
                i = end;
            }
            _ => {}
        }
        i += 1;
    }
    literals
}

fn is_ident(c: Option<&char>) -> bool {
    c.is_some_and(|c| c.is_alphanumeric() || *c == '_')
}

/// Reads a normal string literal starting after its opening quote; returns the decoded text and
/// the index of the closing quote.
fn read_escaped(chars: &[char], mut i: usize) -> (String, usize) {
    let mut text = String::new();
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' && i + 1 < chars.len() {
            i += 1;
            match chars[i] {
                'n' => text.push('\n'),
                't' => text.push('\t'),
                '\n' => {
                    // A line continuation: the newline and the next line's indentation vanish.
                    while i + 1 < chars.len() && chars[i + 1].is_whitespace() {
                        i += 1;
                    }
                }
                other => text.push(other),
            }
        } else {
            text.push(chars[i]);
        }
        i += 1;
    }
    (text, i)
}

/// Splits a format string at `{...}` placeholders (`{{` and `}}` stay literal braces).
fn split_placeholders(text: &str) -> Vec<String> {
    let mut pieces = vec![String::new()];
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '{' if chars.peek() == Some(&'{') => {
                chars.next();
                pieces.last_mut().expect("never empty").push('{');
            }
            '}' if chars.peek() == Some(&'}') => {
                chars.next();
                pieces.last_mut().expect("never empty").push('}');
            }
            '{' => {
                for inner in chars.by_ref() {
                    if inner == '}' {
                        break;
                    }
                }
                pieces.push(String::new());
            }
            _ => pieces.last_mut().expect("never empty").push(c),
        }
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn fragments_come_from_literals_split_at_placeholders() {
        let code = r##"
// a comment with "quotes" is ignored
println!("\n{i}. Context: '{context}'");
let prompt = "Give 5 analogies. \
              Keep them simple.";
let c = '"';
let svg = r#"<svg width="4">"#;
"##;
        let fragments = literal_fragments(code);
        assert!(
            fragments.contains(&". Context: '".to_string()),
            "{fragments:?}"
        );
        assert!(
            fragments.contains(&"Give 5 analogies. Keep them simple.".to_string()),
            "{fragments:?}"
        );
        assert!(
            fragments.contains(&"<svg width=\"4\">".to_string()),
            "{fragments:?}"
        );
        assert!(
            !fragments.iter().any(|f| f.contains("quotes")),
            "{fragments:?}"
        );
    }

    #[test]
    fn printed_literals_are_not_an_answer_but_new_text_is() {
        let code = r#"let examples = [("The weather today is", "sunny")];
for (i, (context, word)) in (1..).zip(examples) { println!("{i}. Context: '{context}'"); }
println!("{}", "=".repeat(60));"#;
        let fragments = literal_fragments(code);
        let banner = json!([{"output_type": "stream", "name": "stdout",
            "text": "============================================================\n1. Context: 'The weather today is'\n"}]);
        assert!(!has_model_answer(banner.as_array().unwrap(), &fragments));
        let streamed = json!([{"output_type": "stream", "name": "stdout",
            "text": "1. Context: 'The weather today is'\nThe weather today is sunny with a light breeze over the hills.\n"}]);
        assert!(has_model_answer(streamed.as_array().unwrap(), &fragments));
    }

    #[test]
    fn the_offline_note_and_a_unit_display_are_not_answers() {
        let note_only = json!([{"output_type": "execute_result", "metadata": {},
            "data": {"text/markdown": "ℹ️ Offline tiny model (built into this project): it continues your prompt.\n\n"}}]);
        assert!(!has_model_answer(note_only.as_array().unwrap(), &[]));
        let unit_then_stdout = json!([
            {"output_type": "stream", "name": "stdout", "text": "This answer comes from the local test server.\n"},
            {"output_type": "execute_result", "metadata": {}, "data": {"text/plain": "()"}}]);
        assert!(has_model_answer(unit_then_stdout.as_array().unwrap(), &[]));
        let note_and_answer = json!([{"output_type": "display_data", "metadata": {},
            "data": {"text/markdown": "ℹ️ Offline tiny model (built in).\n\n…the model learns which words follow."}}]);
        assert!(has_model_answer(note_and_answer.as_array().unwrap(), &[]));
    }
}
