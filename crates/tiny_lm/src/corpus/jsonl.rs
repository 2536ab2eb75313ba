//! A small reader for the fine-tuning files: JSON Lines whose objects hold string fields.
//!
//! Written by hand to keep the crate free of a JSON dependency; it accepts exactly what the
//! data files need (objects of string values) and says which line and column is wrong otherwise.

use super::Example;
use crate::{Error, Result};

/// Parses JSON Lines text: one `{"prompt": "...", "response": "..."}` object per line (or
/// `{"question": "...", "answer": "..."}`, the instruction set's names), blank lines skipped,
/// other string fields ignored.
///
/// ```
/// let ex = tiny_lm::corpus::parse_jsonl("{\"prompt\": \"2+2?\", \"response\": \"4\\n\"}").unwrap();
/// assert_eq!(ex[0].response, "4\n");
/// let err = tiny_lm::corpus::parse_jsonl("{\"prompt\": \"no response\"}").unwrap_err();
/// assert!(err.to_string().contains("line 1"));
/// ```
pub fn parse_jsonl(text: &str) -> Result<Vec<Example>> {
    let records = parse_records(text).map_err(|e| match e {
        Error::Corrupt(msg) => Error::Corrupt(format!(
            "{msg}; each line must be {{\"prompt\": \"...\", \"response\": \"...\"}}"
        )),
        other => other,
    })?;
    records
        .iter()
        .map(|r| {
            let prompt = r.text("prompt").or_else(|| r.text("question"));
            let response = r.text("response").or_else(|| r.text("answer"));
            match (prompt, response) {
                (Some(p), Some(a)) => Ok(Example::new(p, a)),
                _ => Err(Error::Corrupt(format!(
                    "line {}: missing \"prompt\" or \"response\"; each line must be {{\"prompt\": \"...\", \"response\": \"...\"}}",
                    r.line
                ))),
            }
        })
        .collect()
}

/// A field value: the reader accepts strings and lists of strings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum JsonValue {
    /// `"text"`
    Text(String),
    /// `["a", "b"]`
    List(Vec<String>),
}

/// One JSON Lines object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Line number in the file (from 1), for error messages.
    pub line: usize,
    /// Fields in file order.
    pub fields: Vec<(String, JsonValue)>,
}

impl Record {
    /// The string field `key`, if present.
    pub fn text(&self, key: &str) -> Option<String> {
        self.fields.iter().find_map(|(k, v)| match v {
            JsonValue::Text(t) if k == key => Some(t.clone()),
            _ => None,
        })
    }

    /// The list-of-strings field `key`, if present.
    pub fn list(&self, key: &str) -> Option<Vec<String>> {
        self.fields.iter().find_map(|(k, v)| match v {
            JsonValue::List(l) if k == key => Some(l.clone()),
            _ => None,
        })
    }
}

/// Parses JSON Lines text of flat objects whose values are strings or lists
/// of strings; blank lines skipped; errors name the line and column.
///
/// ```
/// let r = tiny_lm::corpus::parse_records("{\"q\": \"Why?\", \"terms\": [\"a\", \"b c\"]}").unwrap();
/// assert_eq!(r[0].text("q").unwrap(), "Why?");
/// assert_eq!(r[0].list("terms").unwrap(), ["a", "b c"]);
/// ```
pub fn parse_records(text: &str) -> Result<Vec<Record>> {
    let mut records = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let fields = parse_object(line).map_err(|(col, msg)| {
            Error::Corrupt(format!("line {}, column {}: {msg}", n + 1, col + 1))
        })?;
        records.push(Record {
            line: n + 1,
            fields,
        });
    }
    Ok(records)
}

/// Reads a JSON Lines file and turns each record into a `T` with `each`,
/// which returns a message when a record lacks what it needs. Every error
/// names the file (and the line), so a caller reading several files knows
/// which one to fix.
///
/// ```
/// let path = std::env::temp_dir().join("tiny_lm_doc_read_records.jsonl");
/// std::fs::write(&path, "{\"q\": \"Hi?\"}\n{\"x\": \"no q\"}\n").unwrap();
/// let need_q = |r: &tiny_lm::corpus::Record| r.text("q").ok_or_else(|| "needs \"q\"".to_string());
/// let err = tiny_lm::corpus::read_records(&path, need_q).unwrap_err().to_string();
/// assert!(err.contains("tiny_lm_doc_read_records.jsonl: line 2: needs \"q\""), "{err}");
/// ```
pub fn read_records<T>(
    path: impl AsRef<std::path::Path>,
    mut each: impl FnMut(&Record) -> std::result::Result<T, String>,
) -> Result<Vec<T>> {
    let path = path.as_ref();
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let fail = |msg: String| Error::Corrupt(format!("{}: {msg}", path.display()));
    let records = parse_records(&text).map_err(|e| match e {
        Error::Corrupt(msg) => fail(msg),
        other => other,
    })?;
    records
        .iter()
        .map(|r| each(r).map_err(|msg| fail(format!("line {}: {msg}", r.line))))
        .collect()
}

type ParseError = (usize, &'static str);

/// Parses one flat object of string values into `(key, value)` pairs.
fn parse_object(line: &str) -> std::result::Result<Vec<(String, JsonValue)>, ParseError> {
    let chars: Vec<char> = line.chars().collect();
    let mut pos = 0;
    let mut fields = Vec::new();
    skip_ws(&chars, &mut pos);
    expect(&chars, &mut pos, '{')?;
    skip_ws(&chars, &mut pos);
    if chars.get(pos) == Some(&'}') {
        pos += 1;
    } else {
        loop {
            skip_ws(&chars, &mut pos);
            let key = parse_string(&chars, &mut pos)?;
            skip_ws(&chars, &mut pos);
            expect(&chars, &mut pos, ':')?;
            skip_ws(&chars, &mut pos);
            let value = if chars.get(pos) == Some(&'[') {
                JsonValue::List(parse_list(&chars, &mut pos)?)
            } else {
                JsonValue::Text(parse_string(&chars, &mut pos)?)
            };
            fields.push((key, value));
            skip_ws(&chars, &mut pos);
            match chars.get(pos) {
                Some(',') => pos += 1,
                Some('}') => {
                    pos += 1;
                    break;
                }
                _ => return Err((pos, "expected ',' or '}'")),
            }
        }
    }
    skip_ws(&chars, &mut pos);
    if pos != chars.len() {
        return Err((pos, "unexpected text after the object"));
    }
    Ok(fields)
}

/// `["a", "b"]` (possibly empty) into its strings.
fn parse_list(chars: &[char], pos: &mut usize) -> std::result::Result<Vec<String>, ParseError> {
    expect(chars, pos, '[')?;
    let mut items = Vec::new();
    skip_ws(chars, pos);
    if chars.get(*pos) == Some(&']') {
        *pos += 1;
        return Ok(items);
    }
    loop {
        skip_ws(chars, pos);
        items.push(parse_string(chars, pos)?);
        skip_ws(chars, pos);
        match chars.get(*pos) {
            Some(',') => *pos += 1,
            Some(']') => {
                *pos += 1;
                return Ok(items);
            }
            _ => return Err((*pos, "expected ',' or ']' in a list")),
        }
    }
}

fn skip_ws(chars: &[char], pos: &mut usize) {
    while chars.get(*pos).is_some_and(|c| c.is_whitespace()) {
        *pos += 1;
    }
}

fn expect(chars: &[char], pos: &mut usize, want: char) -> std::result::Result<(), ParseError> {
    if chars.get(*pos) == Some(&want) {
        *pos += 1;
        Ok(())
    } else {
        Err((*pos, "unexpected character"))
    }
}

fn parse_string(chars: &[char], pos: &mut usize) -> std::result::Result<String, ParseError> {
    if chars.get(*pos) != Some(&'"') {
        return Err((*pos, "expected a string in double quotes"));
    }
    *pos += 1;
    let mut out = String::new();
    loop {
        let c = *chars.get(*pos).ok_or((*pos, "unterminated string"))?;
        *pos += 1;
        match c {
            '"' => return Ok(out),
            '\\' => {
                let e = *chars.get(*pos).ok_or((*pos, "unterminated escape"))?;
                *pos += 1;
                match e {
                    '"' | '\\' | '/' => out.push(e),
                    'n' => out.push('\n'),
                    't' => out.push('\t'),
                    'r' => out.push('\r'),
                    'b' => out.push('\u{8}'),
                    'f' => out.push('\u{c}'),
                    'u' => out.push(parse_unicode_escape(chars, pos)?),
                    _ => return Err((*pos - 1, "unknown escape")),
                }
            }
            _ => out.push(c),
        }
    }
}

/// Reads the hex digits after `\u`, joining a UTF-16 surrogate pair when one follows.
fn parse_unicode_escape(chars: &[char], pos: &mut usize) -> std::result::Result<char, ParseError> {
    let hex4 = |pos: &mut usize| -> std::result::Result<u32, ParseError> {
        let digits: String = chars
            .get(*pos..*pos + 4)
            .ok_or((*pos, "short \\u escape"))?
            .iter()
            .collect();
        *pos += 4;
        u32::from_str_radix(&digits, 16).map_err(|_| (*pos - 4, "bad \\u escape"))
    };
    let first = hex4(pos)?;
    let code = if (0xD800..0xDC00).contains(&first) {
        if chars.get(*pos) != Some(&'\\') || chars.get(*pos + 1) != Some(&'u') {
            return Err((*pos, "lone surrogate in \\u escape"));
        }
        *pos += 2;
        let low = hex4(pos)?;
        if !(0xDC00..0xE000).contains(&low) {
            return Err((*pos - 4, "bad low surrogate"));
        }
        0x10000 + ((first - 0xD800) << 10) + (low - 0xDC00)
    } else {
        first
    };
    char::from_u32(code).ok_or((*pos - 4, "invalid code point"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_surrogate_pairs_decode() {
        let ex =
            parse_jsonl(r#"{"prompt": "a\"b\\c\u00e9\ud83d\ude00", "response": "x\ty"}"#).unwrap();
        assert_eq!(ex[0].prompt, "a\"b\\c\u{e9}\u{1F600}");
        assert_eq!(ex[0].response, "x\ty");
    }

    #[test]
    fn question_and_answer_fields_are_accepted_too() {
        let ex = parse_jsonl(r#"{"question": "What is a token?", "answer": "A piece of text."}"#)
            .unwrap();
        assert_eq!(ex[0].prompt, "What is a token?");
        assert_eq!(ex[0].response, "A piece of text.");
        assert!(parse_jsonl(r#"{"question": "only a question"}"#).is_err());
    }

    #[test]
    fn errors_name_the_line() {
        let err =
            parse_jsonl("{\"prompt\": \"a\", \"response\": \"b\"}\n\n{\"prompt\": 3}").unwrap_err();
        assert!(err.to_string().contains("line 3"), "{err}");
        let err = parse_jsonl("{\"prompt\": \"a\", \"response\": \"b\"").unwrap_err();
        assert!(err.to_string().contains("line 1"), "{err}");
    }
}
