//! Deterministic, plausible-looking answers: a Markdown heading that echoes the
//! prompt's first words, one sentence, then a bulleted list. Same prompt, same
//! answer, so notebooks and tests can rely on what they see.

/// Sentences the bullets cycle through; about LLM training, so a notebook that
/// talks to this server shows something on topic.
const POINTS: &[&str] = &[
    "Pre-training teaches a model to predict the next token on a large corpus.",
    "A tokenizer turns text into integer ids before the model ever sees it.",
    "The loss is the average negative log-probability of the correct next token.",
    "Fine-tuning on instruction data teaches the model to follow requests.",
    "Preference tuning nudges answers towards what people rated as helpful.",
    "Learning-rate warm-up and decay keep the early steps of training stable.",
    "Evaluation on held-out text shows whether the model generalises or memorises.",
    "Gradient clipping stops a single bad batch from wrecking the weights.",
];

/// The answer for `prompt`, about `words` words long (at least the heading and
/// one sentence).
pub fn answer_for(prompt: &str, words: usize) -> String {
    let prompt_words: Vec<&str> = prompt.split_whitespace().collect();
    let topic: Vec<&str> = prompt_words.iter().take(6).copied().collect();
    let topic = if topic.is_empty() {
        "your question".to_string()
    } else {
        topic.join(" ")
    };
    let heading = format!("## About: {}", topic.trim_end_matches(['?', '.', ':', ',']));
    let intro = format!(
        "This answer comes from the local test server, not a language model. You asked about \"{}\".",
        prompt_words.iter().take(10).copied().collect::<Vec<_>>().join(" ")
    );
    let mut text = format!("{heading}\n\n{intro}\n");
    let mut count = text.split_whitespace().count();
    let start = prompt.len() % POINTS.len();
    let mut i = 0;
    while count < words {
        let point = POINTS[(start + i) % POINTS.len()];
        if i == 0 {
            text.push('\n');
        }
        text.push_str("- ");
        text.push_str(point);
        text.push('\n');
        count += point.split_whitespace().count() + 1;
        i += 1;
    }
    text.trim_end().to_string()
}

/// Keeps the first `max_words` words of `text` (with their original spacing).
/// Returns the text and whether it was cut.
pub fn truncate_words(text: &str, max_words: usize) -> (String, bool) {
    let mut seen = 0;
    let mut in_word = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            in_word = false;
        } else if !in_word {
            in_word = true;
            if seen == max_words {
                return (text[..i].trim_end().to_string(), true);
            }
            seen += 1;
        }
    }
    (text.to_string(), false)
}

/// Splits `text` into stream pieces of one word each, whitespace kept with the
/// word before it, so the pieces concatenate back to `text`.
pub fn stream_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut prev_ws = false;
    for (i, c) in text.char_indices() {
        let ws = c.is_whitespace();
        if !ws && prev_ws {
            pieces.push(&text[start..i]);
            start = i;
        }
        prev_ws = ws;
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answer_is_deterministic_markdown_echoing_the_prompt() {
        let a = answer_for("What is pre-training in a language model?", 60);
        assert_eq!(
            a,
            answer_for("What is pre-training in a language model?", 60)
        );
        assert!(a.starts_with("## About: What is pre-training in a language"));
        assert!(a.contains("\n- "));
        let n = a.split_whitespace().count();
        assert!((60..90).contains(&n), "{n} words");
    }

    #[test]
    fn pieces_rebuild_the_text() {
        let a = answer_for("hello there", 40);
        assert_eq!(stream_pieces(&a).concat(), a);
        assert!(stream_pieces(&a).len() > 10);
    }

    #[test]
    fn truncation_keeps_whole_words() {
        assert_eq!(truncate_words("a bb  ccc d", 3), ("a bb  ccc".into(), true));
        assert_eq!(truncate_words("a bb", 3), ("a bb".into(), false));
    }
}
