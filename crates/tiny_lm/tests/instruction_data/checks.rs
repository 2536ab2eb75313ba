//! The checks on the shipped data, as functions that return what is wrong, so each can be run
//! on a planted bad fixture as well as on the real files.

use std::fs;
use std::path::Path;

use tiny_lm::data::MinHasher;

use super::json::{self, Json};

/// Pairs at or above this estimated Jaccard similarity are near duplicates (issue 13).
pub const NEAR_DUPLICATE: f64 = 0.5;
const NUM_HASHES: usize = 128;
const SHINGLE_WORDS: usize = 3;
const SEED: u64 = 0x13;

/// One instruction example.
#[derive(Debug, Clone)]
pub struct Example {
    pub line: usize,
    pub question: String,
    pub answer: String,
    pub system: Option<String>,
    pub fact: Option<String>,
}

/// One held-out evaluation question.
#[derive(Debug, Clone)]
pub struct EvalQuestion {
    pub question: String,
    pub key_terms: Vec<String>,
}

/// Parses instruction JSONL: each line an object with non-empty string "question" and
/// "answer", optional string "system", "topic" and "fact"; nothing else.
pub fn parse_examples(text: &str) -> Result<Vec<Example>, Vec<String>> {
    let mut examples = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let value = match json::parse(line) {
            Ok(value @ Json::Object(_)) => value,
            Ok(_) => {
                problems.push(format!("line {line_no}: not a JSON object"));
                continue;
            }
            Err(e) => {
                problems.push(format!("line {line_no}: {e}"));
                continue;
            }
        };
        if let Json::Object(fields) = &value {
            let known = ["question", "answer", "system", "topic", "fact"];
            let odd = fields
                .iter()
                .find(|(key, field)| !known.contains(&key.as_str()) || field.as_str().is_none());
            if let Some((key, _)) = odd {
                problems.push(format!("line {line_no}: {key:?} is not a known text field"));
                continue;
            }
        }
        let text_of = |key: &str| value.get(key).and_then(Json::as_str).map(str::to_string);
        let (question, answer) = (text_of("question"), text_of("answer"));
        match (question, answer) {
            (Some(q), Some(a)) if !q.trim().is_empty() && !a.trim().is_empty() => {
                examples.push(Example {
                    line: line_no,
                    question: q,
                    answer: a,
                    system: text_of("system"),
                    fact: text_of("fact"),
                })
            }
            _ => problems.push(format!(
                "line {line_no}: empty or missing question or answer"
            )),
        }
    }
    if problems.is_empty() {
        Ok(examples)
    } else {
        Err(problems)
    }
}

/// Parses the held-out questions: "question" and a non-empty "key_terms" array of strings,
/// each of which occurs in the question.
pub fn parse_eval(text: &str) -> Result<Vec<EvalQuestion>, Vec<String>> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let value = match json::parse(line) {
            Ok(value) => value,
            Err(e) => {
                problems.push(format!("line {}: {e}", n + 1));
                continue;
            }
        };
        let question = value.get("question").and_then(Json::as_str).unwrap_or("");
        let key_terms: Vec<String> = value
            .get("key_terms")
            .and_then(Json::as_array)
            .unwrap_or(&[])
            .iter()
            .filter_map(|t| t.as_str().map(str::to_string))
            .collect();
        if question.trim().is_empty() || key_terms.is_empty() {
            problems.push(format!("line {}: needs a question and key terms", n + 1));
        }
        for term in &key_terms {
            if !question.to_lowercase().contains(&term.to_lowercase()) {
                problems.push(format!(
                    "line {}: key term {term:?} is not in the question",
                    n + 1
                ));
            }
        }
        out.push(EvalQuestion {
            question: question.to_string(),
            key_terms,
        });
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// Sentences in `text`: words ending in `.`, `!` or `?` (a closing quote may follow), not
/// counting initials such as the "D." of "D.C." inside the text.
pub fn sentence_count(text: &str) -> usize {
    let words: Vec<&str> = text.split_whitespace().collect();
    let last = words.len().saturating_sub(1);
    words
        .iter()
        .enumerate()
        .filter(|&(i, w)| {
            let core = w.trim_end_matches('"');
            let ends = core.ends_with(['.', '!', '?']);
            let initial = core.trim_end_matches(['.', '!', '?']).chars().count() <= 1;
            ends && (i == last || !initial)
        })
        .count()
}

/// Answers longer than the 1-3 sentences (and `max_words` words) the instruction set promises.
pub fn long_answers(examples: &[Example], max_words: usize) -> Vec<String> {
    examples
        .iter()
        .filter(|e| {
            let sentences = sentence_count(&e.answer);
            !(1..=3).contains(&sentences) || e.answer.split_whitespace().count() > max_words
        })
        .map(|e| format!("line {}: {:?}", e.line, e.answer))
        .collect()
}

/// Lower-cased, whitespace-collapsed text, for exact comparisons.
pub fn normal(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Pairs `(a, b, estimate)` where a text of `texts` is a near duplicate of a text of `others`,
/// by the project's MinHash estimate of word-3-shingle Jaccard similarity.
pub fn near_duplicates(texts: &[String], others: &[String]) -> Vec<(String, String, f64)> {
    let hasher = MinHasher::new(NUM_HASHES, SHINGLE_WORDS, SEED);
    let other_signatures: Vec<Vec<u64>> = others.iter().map(|o| hasher.signature(o)).collect();
    let mut found = Vec::new();
    for text in texts {
        let signature = hasher.signature(text);
        for (other, other_signature) in others.iter().zip(&other_signatures) {
            let estimate = MinHasher::similarity(&signature, other_signature);
            if estimate >= NEAR_DUPLICATE {
                found.push((text.clone(), other.clone(), estimate));
            }
        }
    }
    found
}

/// The texts an example puts in front of the model: its question, and its system prompt
/// followed by the question when it has one.
pub fn example_inputs(examples: &[Example]) -> Vec<String> {
    let mut inputs = Vec::new();
    for e in examples {
        inputs.push(e.question.clone());
        if let Some(system) = &e.system {
            inputs.push(format!("{system} {}", e.question));
        }
    }
    inputs
}

/// What is shared between training and validation: equal questions, or equal fact keys.
pub fn overlap(train: &[Example], validation: &[Example]) -> Vec<String> {
    let mut problems = Vec::new();
    for v in validation {
        for t in train {
            if normal(&t.question) == normal(&v.question) {
                problems.push(format!(
                    "validation line {} repeats the question of train line {}",
                    v.line, t.line
                ));
            }
            if v.fact.is_some() && v.fact == t.fact {
                problems.push(format!(
                    "validation line {} and train line {} share fact {:?}",
                    v.line, t.line, v.fact
                ));
            }
        }
    }
    problems
}

/// Held-out questions that are in the instruction set, exactly or as a near duplicate.
pub fn eval_leaks(eval: &[EvalQuestion], instructions: &[Example]) -> Vec<String> {
    let questions: Vec<String> = instructions.iter().map(|e| e.question.clone()).collect();
    let mut problems: Vec<String> = eval
        .iter()
        .filter(|q| questions.iter().any(|t| normal(t) == normal(&q.question)))
        .map(|q| {
            format!(
                "held-out question is in the instruction set: {:?}",
                q.question
            )
        })
        .collect();
    let asked: Vec<String> = eval.iter().map(|q| q.question.clone()).collect();
    for (q, t, estimate) in near_duplicates(&asked, &questions) {
        problems.push(format!(
            "held-out {q:?} ~ instruction {t:?} ({estimate:.2})"
        ));
    }
    problems
}

/// Total bytes, file count and format problems of a corpus folder (paragraphs separated by
/// blank lines, no control characters but newlines).
pub fn corpus_report(dir: &Path) -> (u64, usize, Vec<String>) {
    let (mut total, mut files, mut problems) = (0, 0, Vec::new());
    for entry in fs::read_dir(dir).expect("corpus folder exists") {
        let path = entry.expect("entry").path();
        let text = fs::read_to_string(&path).expect("UTF-8 text");
        if !text.contains("\n\n") {
            problems.push(format!(
                "{}: no blank line between paragraphs",
                path.display()
            ));
        }
        if text.chars().any(|c| c.is_control() && c != '\n') {
            problems.push(format!("{}: control characters", path.display()));
        }
        total += text.len() as u64;
        files += 1;
    }
    (total, files, problems)
}

/// Problems of a word list: one lower-case a-z word a line, sorted, no repeats.
pub fn word_list_problems(text: &str) -> Vec<String> {
    let words: Vec<&str> = text.lines().collect();
    let mut problems: Vec<String> = words
        .iter()
        .filter(|w| w.is_empty() || !w.chars().all(|c| c.is_ascii_lowercase()))
        .map(|w| format!("not a lower-case word: {w:?}"))
        .collect();
    problems.extend(
        words
            .windows(2)
            .filter(|w| w[0] >= w[1])
            .map(|w| format!("out of order: {:?} then {:?}", w[0], w[1])),
    );
    problems
}

/// The questions of `listed` that are not among `prompts` (compared by [`normal`]): a copy of
/// the notebooks' prompts that has drifted from them.
pub fn not_sent(listed: &[EvalQuestion], prompts: &[String]) -> Vec<String> {
    let sent: Vec<String> = prompts.iter().map(|p| normal(p)).collect();
    listed
        .iter()
        .filter(|q| !sent.contains(&normal(&q.question)))
        .map(|q| q.question.clone())
        .collect()
}
