//! Finds the prompts a notebook sends: string literals passed to an asking call, or bound to
//! a variable whose name says it is a prompt.
//!
//! The code cells are Rust. They are split into tokens (string literals, identifiers,
//! punctuation; comments and char literals skipped), and each string literal is traced
//! outwards through the brackets around it:
//! - an enclosing `(` right after an asking function (`get_completion(`, `chat(`,
//!   `Message::user(`, `continue_text(`, ...) makes it a prompt;
//! - reaching `let <name> =` (through `[`, `vec![`, `format!(` and the like) makes it a prompt
//!   when `<name>` contains "prompt", "question", "message" or "query";
//! - reaching `;`, `{` or `}` at the literal's own level ends the search: not a prompt.

use super::json::{self, Json};

/// Calls whose string arguments are sent to a model.
pub const ASKING_CALLS: &[&str] = &[
    "get_completion",
    "get_completions",
    "stream_completion",
    "chat",
    "stream_chat",
    "ask",
    "complete",
    "continue_text",
    "generate",
    "answer",
    "respond",
    "user",
    "system",
    "assistant",
];

/// Parts of a variable name that mark it as holding a prompt.
pub const PROMPT_NAMES: &[&str] = &["prompt", "question", "message", "query"];

#[derive(Debug, Clone, PartialEq)]
enum Token {
    Str(String),
    Ident(String),
    Punct(char),
}

/// The prompts in the code cells of one notebook (`.ipynb` JSON text).
pub fn notebook_prompts(notebook: &str) -> Result<Vec<String>, String> {
    let doc = json::parse(notebook)?;
    let cells = doc
        .get("cells")
        .and_then(Json::as_array)
        .ok_or("a notebook has a \"cells\" array")?;
    let mut prompts = Vec::new();
    for cell in cells {
        if cell.get("cell_type").and_then(Json::as_str) != Some("code") {
            continue;
        }
        let source = match cell.get("source") {
            Some(Json::Str(s)) => s.clone(),
            Some(Json::Array(lines)) => lines.iter().filter_map(Json::as_str).collect(),
            _ => continue,
        };
        prompts.extend(code_prompts(&source));
    }
    Ok(prompts)
}

/// The prompts in one piece of Rust code.
pub fn code_prompts(code: &str) -> Vec<String> {
    let tokens = tokenize(code);
    tokens
        .iter()
        .enumerate()
        .filter_map(|(i, token)| match token {
            Token::Str(text) if is_prompt(&tokens, i) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

fn is_prompt(tokens: &[Token], at: usize) -> bool {
    let mut depth = 0usize;
    for j in (0..at).rev() {
        match &tokens[j] {
            Token::Punct(')' | ']') => depth += 1,
            Token::Punct(open @ ('(' | '[')) => {
                if depth > 0 {
                    depth -= 1;
                } else if *open == '(' {
                    if let Some(Token::Ident(name)) = j.checked_sub(1).map(|k| &tokens[k]) {
                        if ASKING_CALLS.contains(&name.as_str()) {
                            return true;
                        }
                    }
                }
            }
            Token::Punct(';' | '{' | '}') if depth == 0 => return false,
            Token::Ident(word) if word == "let" && depth == 0 => {
                let name = tokens[j + 1..].iter().find_map(|t| match t {
                    Token::Ident(n) if n != "mut" => Some(n.to_lowercase()),
                    _ => None,
                });
                return name.is_some_and(|n| PROMPT_NAMES.iter().any(|p| n.contains(p)));
            }
            _ => {}
        }
    }
    false
}

fn tokenize(code: &str) -> Vec<Token> {
    let chars: Vec<char> = code.chars().collect();
    let mut tokens = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i] != '\n' {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i + 1 < chars.len() && !(chars[i] == '*' && chars[i + 1] == '/') {
                i += 1;
            }
            i += 2;
        } else if c == '"' {
            let (text, end) = string_literal(&chars, i + 1);
            tokens.push(Token::Str(text));
            i = end;
        } else if c == 'r' && matches!(next, Some('"' | '#')) && raw_string_start(&chars, i) {
            let (text, end) = raw_string(&chars, i + 1);
            tokens.push(Token::Str(text));
            i = end;
        } else if c == '\'' {
            i = skip_char_literal(&chars, i);
        } else if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(Token::Ident(chars[start..i].iter().collect()));
        } else {
            if !c.is_whitespace() {
                tokens.push(Token::Punct(c));
            }
            i += 1;
        }
    }
    tokens
}

/// Reads a `"..."` literal body from `i` (after the quote): escapes decoded, and a `\` at the
/// end of a line drops the line break and the next line's indentation, as Rust does.
fn string_literal(chars: &[char], mut i: usize) -> (String, usize) {
    let mut out = String::new();
    while i < chars.len() && chars[i] != '"' {
        if chars[i] == '\\' && i + 1 < chars.len() {
            i += 1;
            match chars[i] {
                'n' => out.push('\n'),
                't' => out.push('\t'),
                'r' => out.push('\r'),
                '0' => out.push('\0'),
                '\n' => {
                    while i + 1 < chars.len() && chars[i + 1].is_whitespace() {
                        i += 1;
                    }
                }
                other => out.push(other),
            }
        } else {
            out.push(chars[i]);
        }
        i += 1;
    }
    (out, i + 1)
}

/// True when `r` at `i` starts a raw string (`r"` or `r#..."`) rather than ending a name.
fn raw_string_start(chars: &[char], i: usize) -> bool {
    let after_name = i > 0 && (chars[i - 1].is_alphanumeric() || chars[i - 1] == '_');
    let mut j = i + 1;
    while chars.get(j) == Some(&'#') {
        j += 1;
    }
    !after_name && chars.get(j) == Some(&'"')
}

fn raw_string(chars: &[char], mut i: usize) -> (String, usize) {
    let mut hashes = 0;
    while chars[i] == '#' {
        hashes += 1;
        i += 1;
    }
    i += 1;
    let start = i;
    while i < chars.len() {
        if chars[i] == '"' && (1..=hashes).all(|k| chars.get(i + k) == Some(&'#')) {
            return (chars[start..i].iter().collect(), i + 1 + hashes);
        }
        i += 1;
    }
    (chars[start..].iter().collect(), chars.len())
}

/// Skips a char literal (`'a'`, `'\''`, `'"'`); a lifetime (`'a` with no closing quote) is
/// skipped as just its quote.
fn skip_char_literal(chars: &[char], i: usize) -> usize {
    if chars.get(i + 1) == Some(&'\\') {
        let mut j = i + 2;
        while j < chars.len() && chars[j] != '\'' {
            j += 1;
        }
        return j + 1;
    }
    if chars.get(i + 2) == Some(&'\'') {
        return i + 3;
    }
    i + 1
}
