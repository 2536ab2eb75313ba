//! Recall: the answers a chat model was tuned on, found by the words of a
//! new question.
//!
//! Why: at about a million parameters the instruct model restates what it
//! was tuned on well, but a new request of two sentences gets a garbled
//! opening (measured in BENCHMARKS.md, "Issue 13"). So when a question it was
//! tuned on is near enough to the new one, the offline answer is that
//! question's tuned answer ([`crate::pretrained::Pretrained::chat`]). Near
//! means TF-IDF cosine similarity, the classic search-engine measure: words
//! that are rare in the tuning set weigh most. This is retrieval, and the
//! reply says so ([`crate::pretrained::Origin`]).

use std::collections::HashMap;

use super::Instruction;
use crate::recipe::quality::{words, STOP_WORDS};

/// How much the nearest of an answer's questions counts in
/// [`AnswerBank::nearest`]'s similarity; the answer's own words count the rest.
const QUESTION_WEIGHT: f32 = 0.7;

/// How much each earlier user message counts against the one after it in
/// [`AnswerBank::nearest_in`]: the previous message half as much as the
/// latest, the one before a quarter, and so on.
const EARLIER_WEIGHT: f32 = 0.5;

/// In [`AnswerBank::nearest_in`], how near an answer must be to the latest
/// message alone, as a share of the nearest answer's similarity, for the
/// earlier messages to choose it: they re-rank what the latest message
/// asks, they do not pull in an answer it barely touches.
const NEAR_BEST: f32 = 0.5;

/// A text as TF-IDF weights, scaled to length 1 (sorted by term).
type Vector = Vec<(String, f32)>;

/// One answer the model was tuned on, with the questions it was tuned to
/// give it for.
#[derive(Debug, Clone, PartialEq)]
struct Entry {
    answer: String,
    questions: Vec<String>,
    question_vectors: Vec<Vector>,
    answer_vector: Vector,
}

impl Entry {
    /// Whether `v` has a word of this answer or of one of its questions
    /// that says what it is about (not one of [`KEPT_STOP_WORDS`]).
    fn shares_a_topic_with(&self, v: &Vector) -> bool {
        v.iter().filter(|(t, _)| is_topic(t)).any(|(t, _)| {
            let has = |x: &Vector| x.binary_search_by(|(u, _)| u.cmp(t)).is_ok();
            has(&self.answer_vector) || self.question_vectors.iter().any(has)
        })
    }

    /// The similarity of [`AnswerBank::nearest`] to `asked`, and which of
    /// the questions is the most similar.
    fn similarity(&self, asked: &Vector) -> (f32, usize) {
        let (near, best) = self
            .question_vectors
            .iter()
            .enumerate()
            .map(|(i, v)| (cosine(asked, v), i))
            .fold((0.0, 0), |a, b| if b.0 > a.0 { b } else { a });
        let said = cosine(asked, &self.answer_vector);
        (
            QUESTION_WEIGHT * near + (1.0 - QUESTION_WEIGHT) * said,
            best,
        )
    }
}

/// Whether a compared word says what a text is about (all but
/// [`KEPT_STOP_WORDS`]).
fn is_topic(term: &str) -> bool {
    !KEPT_STOP_WORDS.contains(&term)
}

/// A tuned answer found for a new question.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Found<'a> {
    /// The tuned question most similar to the new one (read with the
    /// conversation before it, in [`AnswerBank::nearest_in`]).
    pub question: &'a str,
    /// The answer the model was tuned to give to it.
    pub answer: &'a str,
    /// 0 to 1: see [`AnswerBank::nearest`].
    pub similarity: f32,
}

/// The distinct answers of an instruction-tuning set, indexed by the words
/// of their questions and answers.
///
/// ```
/// use tiny_lm::chat::{AnswerBank, Instruction};
/// let bank = AnswerBank::new(&[
///     Instruction::new("What is a token?", "A token is a piece of text."),
///     Instruction::new("Define a token.", "A token is a piece of text."),
///     Instruction::new("What is a learning rate?", "The learning rate sets the step size."),
/// ]);
/// assert_eq!(bank.len(), 2);
/// let found = bank.nearest("How big is each step of the learning rate?")[0];
/// assert_eq!(found.question, "What is a learning rate?");
/// assert!(found.similarity > 0.5);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct AnswerBank {
    entries: Vec<Entry>,
    /// Inverse document frequency of each word, over the entries.
    idf: HashMap<String, f32>,
}

/// Words that say how to answer, not what about: those of the tuning set's
/// request wrappers and question templates ("Quick question: ...",
/// "Explain ... in one or two sentences.", "How would you describe ... to a
/// beginner?" in `data/scripts/make_instruct.py`), picked by hand from those
/// templates, not tuned on a measurement. Left out, so that "In two
/// sentences, what is X?" finds the questions about X, not those that also
/// ask for two sentences.
const FORM_WORDS: &[&str] = &[
    "answer",
    "beginner",
    "brief",
    "briefly",
    "define",
    "definition",
    "describe",
    "hearing",
    "keep",
    "meant",
    "new",
    "people",
    "plain",
    "please",
    "question",
    "quick",
    "say",
    "sentence",
    "short",
    "simple",
    "term",
    "two",
];

/// Words that tell two questions apart but say nothing of their topic. They
/// are compared ("use" and "used" are stop words elsewhere: without them
/// "What can fine-tuning be used for?" had the same words as "What is
/// fine-tuning?", and the definition lost to the list of uses), but an answer
/// is never found by them alone ([`is_topic`]).
const KEPT_STOP_WORDS: &[&str] = &["use", "used", "using"];

/// The words a similarity compares: lower case, a final `s` dropped from
/// words of four letters or more, no stop words (but [`KEPT_STOP_WORDS`])
/// and no [`FORM_WORDS`].
fn terms(text: &str) -> Vec<String> {
    words(text)
        .into_iter()
        .filter(|w| {
            w.len() > 1
                && (!STOP_WORDS.contains(&w.as_str()) || KEPT_STOP_WORDS.contains(&w.as_str()))
        })
        .map(|w| match w.strip_suffix('s') {
            Some(stem) if w.len() > 3 => stem.to_string(),
            _ => w,
        })
        .filter(|w| !FORM_WORDS.contains(&w.as_str()))
        .collect()
}

/// Weights scaled to length 1, sorted by term: a [`Vector`].
fn unit(weights: impl IntoIterator<Item = (String, f32)>) -> Vector {
    let mut v: Vector = weights.into_iter().collect();
    // Sorted first, so the norm adds up in the same order in every process.
    v.sort_by(|a, b| a.0.cmp(&b.0));
    let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
    for (_, w) in &mut v {
        *w /= norm.max(1e-12);
    }
    v
}

/// Cosine similarity of two vectors of length 1.
fn cosine(a: &Vector, b: &Vector) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

impl AnswerBank {
    /// The bank of the pairs a model was tuned on: `set` without the
    /// paraphrases [`super::hold_back_paraphrases`] held back for early
    /// stopping (`recall_every` as in the recipe that tuned it).
    pub fn tuned_on(set: &[Instruction], recall_every: usize) -> Self {
        AnswerBank::new(&super::hold_back_paraphrases(set, recall_every).0)
    }

    /// The distinct answers of `set`, each with all its questions.
    pub fn new(set: &[Instruction]) -> Self {
        let mut grouped: Vec<(String, Vec<String>)> = Vec::new();
        let mut index: HashMap<&str, usize> = HashMap::new();
        for ex in set {
            let i = *index.entry(ex.answer.trim()).or_insert_with(|| {
                grouped.push((ex.answer.trim().to_string(), Vec::new()));
                grouped.len() - 1
            });
            grouped[i].1.push(ex.question.trim().to_string());
        }
        let mut df: HashMap<String, usize> = HashMap::new();
        for (answer, questions) in &grouped {
            let mut seen: Vec<String> = terms(answer);
            seen.extend(questions.iter().flat_map(|q| terms(q)));
            seen.sort();
            seen.dedup();
            for w in seen {
                *df.entry(w).or_default() += 1;
            }
        }
        let n = grouped.len() as f32;
        let idf = df
            .into_iter()
            .map(|(w, d)| (w, ((n + 1.0) / (d as f32 + 1.0)).ln() + 1.0))
            .collect();
        let mut bank = AnswerBank {
            entries: Vec::new(),
            idf,
        };
        bank.entries = grouped
            .into_iter()
            .map(|(answer, questions)| Entry {
                question_vectors: questions.iter().map(|q| bank.vector(q)).collect(),
                answer_vector: bank.vector(&answer),
                answer,
                questions,
            })
            .collect();
        bank
    }

    /// `text` as TF-IDF weights of length 1 (a word no entry has counts as
    /// rarest of all).
    fn vector(&self, text: &str) -> Vector {
        let rarest = (self.entries.len() as f32 + 1.0).ln() + 1.0;
        let mut counts: HashMap<String, f32> = HashMap::new();
        for t in terms(text) {
            *counts.entry(t).or_default() += 1.0;
        }
        unit(counts.into_iter().map(|(t, c)| {
            let w = c * self.idf.get(&t).copied().unwrap_or(rarest);
            (t, w)
        }))
    }

    /// How many distinct answers it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every answer sharing a word with `question` (other than "use",
    /// "used" and "using", which only tell questions apart), most similar
    /// first, each with the most similar of its questions. Similarity, 0 to
    /// 1: 0.7 times the TF-IDF cosine with that question plus 0.3 times the
    /// cosine with the answer itself, so an answer can also be found by its
    /// own words. A rare word ("clipping") counts far more than a common one
    /// ("model").
    pub fn nearest(&self, question: &str) -> Vec<Found<'_>> {
        self.sharing_a_topic(&self.vector(question))
    }

    /// [`AnswerBank::nearest`] for the latest of a conversation's user
    /// `messages` (oldest first), read with the ones before it: each earlier
    /// message counts half as much as the one after it (`EARLIER_WEIGHT`) in
    /// the similarity, so "Why does it matter?" after a question on data
    /// licences finds the answer on why licences matter.
    ///
    /// The earlier messages only choose among the answers the latest one
    /// asks about: those whose similarity to it alone is at least half the
    /// nearest one's (`NEAR_BEST`). So a new question on another topic is
    /// answered on its own topic. A latest message with no word of its own to
    /// search by ("Why?", "Why is it used?": only stop words and "use",
    /// "used", "using") is a follow-up: it is searched by the earlier
    /// messages' words.
    ///
    /// ```
    /// use tiny_lm::chat::{AnswerBank, Instruction};
    /// let bank = AnswerBank::new(&[
    ///     Instruction::new("Why does the licence of data matter?", "Some text may not be used."),
    ///     Instruction::new("Which loss matters more?", "The validation loss."),
    /// ]);
    /// let follow_up = ["Must I check the licence of my data?", "Why does it matter?"];
    /// let licence = "Why does the licence of data matter?";
    /// assert_eq!(bank.nearest_in(&follow_up)[0].question, licence);
    /// assert_eq!(bank.nearest(follow_up[1])[0].question, "Which loss matters more?");
    /// let no_word_of_its_own = ["What is a data licence?", "Why is that?"];
    /// assert_eq!(bank.nearest_in(&no_word_of_its_own)[0].question, licence);
    /// let new_topic = bank.nearest_in(&["What is a data licence?", "Which loss is lower?"]);
    /// assert_eq!(new_topic.len(), 1);
    /// assert_eq!(new_topic[0].question, "Which loss matters more?");
    /// ```
    pub fn nearest_in(&self, messages: &[&str]) -> Vec<Found<'_>> {
        let Some((latest, earlier)) = messages.split_last() else {
            return Vec::new();
        };
        if earlier.is_empty() {
            return self.nearest(latest);
        }
        let mut weights: HashMap<String, f32> = HashMap::new();
        let mut weight = 1.0;
        for message in messages.iter().rev() {
            for (term, w) in self.vector(message) {
                *weights.entry(term).or_default() += weight * w;
            }
            weight *= EARLIER_WEIGHT;
        }
        let asked = unit(weights);
        let own = self.vector(latest);
        if !own.iter().any(|(t, _)| is_topic(t)) {
            return self.sharing_a_topic(&asked);
        }
        let near_own: Vec<(&Entry, f32)> = self
            .entries
            .iter()
            .filter(|e| e.shares_a_topic_with(&own))
            .map(|e| (e, e.similarity(&own).0))
            .collect();
        let best_own = near_own.iter().map(|&(_, s)| s).fold(0.0, f32::max);
        let asked_about = near_own
            .into_iter()
            .filter(|&(_, s)| s >= NEAR_BEST * best_own)
            .map(|(e, _)| e);
        ranked(&asked, asked_about)
    }

    /// Every answer sharing a topic word with `asked`, ranked.
    fn sharing_a_topic(&self, asked: &Vector) -> Vec<Found<'_>> {
        ranked(
            asked,
            self.entries.iter().filter(|e| e.shares_a_topic_with(asked)),
        )
    }
}

/// `entries` by their similarity to `asked`, most similar first (the first
/// of equals first).
fn ranked<'a>(asked: &Vector, entries: impl Iterator<Item = &'a Entry>) -> Vec<Found<'a>> {
    let mut ranked: Vec<Found> = entries
        .map(|e| {
            let (similarity, best) = e.similarity(asked);
            Found {
                question: &e.questions[best],
                answer: &e.answer,
                similarity,
            }
        })
        .collect();
    ranked.sort_by(|a, b| b.similarity.total_cmp(&a.similarity));
    ranked
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bank() -> AnswerBank {
        AnswerBank::new(&[
            Instruction::new(
                "What is gradient clipping?",
                "Gradient clipping caps the size of the gradient.",
            ),
            Instruction::new("What does a model learn?", "A model learns patterns."),
            Instruction::new(
                "Why does a model need data?",
                "A model learns from data and its patterns.",
            ),
            Instruction::new("Is rain wet?", "Rain is water, so it is wet."),
        ])
    }

    #[test]
    fn rare_words_outweigh_common_ones() {
        let bank = bank();
        let found = bank.nearest("Why clip a model's gradients?");
        assert_eq!(found[0].question, "What is gradient clipping?");
        assert_eq!(found.len(), 3, "the model answers share \"model\"");
        assert!(found[0].similarity > found[1].similarity, "{found:?}");
        assert!(found[1].similarity > 0.0, "{found:?}");
    }

    #[test]
    fn how_a_question_asks_to_be_answered_does_not_pull() {
        // The pair met in the connector notebook: without FORM_WORDS, "two
        // sentences" made the bias question the nearest.
        let bank = AnswerBank::new(&[
            Instruction::new(
                "Explain language bias in one or two sentences.",
                "Language bias is a model doing worse in languages it saw little of.",
            ),
            Instruction::new(
                "Tell me about a language model.",
                "A language model assigns probabilities to sequences of tokens.",
            ),
        ]);
        let found = bank.nearest("In two sentences, what is a language model?");
        assert_eq!(
            found[0].question, "Tell me about a language model.",
            "{found:?}"
        );
    }

    #[test]
    fn the_matching_question_is_named_not_the_first() {
        let bank = AnswerBank::new(&[
            Instruction::new("What is a token?", "A token is a piece of text."),
            Instruction::new("How long is a word piece?", "A token is a piece of text."),
        ]);
        let found = bank.nearest("How long can a word piece be?");
        assert_eq!(found[0].question, "How long is a word piece?");
        assert_eq!(found[0].answer, "A token is a piece of text.");
    }

    #[test]
    fn a_question_sharing_no_word_recalls_nothing() {
        assert!(bank().nearest("Which games do children play?").is_empty());
        assert!(AnswerBank::default().nearest("What is a model?").is_empty());
    }

    #[test]
    fn a_conversation_without_words_to_search_by_recalls_nothing() {
        let bank = bank();
        assert!(bank.nearest_in(&[]).is_empty());
        assert!(bank.nearest_in(&[""]).is_empty());
        assert!(bank.nearest_in(&["", "Why is it so?"]).is_empty());
        // "used" tells questions apart but is no topic: alone it finds nothing.
        let used = AnswerBank::new(&[Instruction::new(
            "What is a used car?",
            "A car someone else owned first.",
        )]);
        assert!(used.nearest("Why is it used?").is_empty());
        assert_eq!(used.nearest("Is a used car cheaper?").len(), 1);
    }

    #[test]
    fn earlier_messages_choose_only_among_what_the_latest_asks() {
        let bank = bank();
        // "model" is shared with the earlier question, but the latest asks
        // about rain: the model answers are far below the rain answer.
        let found = bank.nearest_in(&["What does a model learn?", "Is rain wet for a model?"]);
        assert_eq!(found[0].question, "Is rain wet?", "{found:?}");
        assert!(
            found.iter().all(|f| !f.answer.contains("learns")),
            "{found:?}"
        );
        // A follow-up with no word of its own is searched by the earlier one.
        let follow_up = bank.nearest_in(&["What is gradient clipping?", "Why?"]);
        assert_eq!(follow_up[0].question, "What is gradient clipping?");
    }
}
