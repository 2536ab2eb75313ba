//! The shipped pre-training corpus, instruction set and held-out questions (`data/pretrain`,
//! `data/instruct`, `data/eval`): sizes, format, the train/validation split, and that no
//! instruction example is a near duplicate of a prompt the notebooks send (issue 13).
//!
//! Every check runs on the real files and on a planted bad fixture it must catch.

mod checks;
mod json;
mod prompts;

use std::fs;
use std::path::{Path, PathBuf};

use checks::{
    corpus_report, eval_leaks, example_inputs, long_answers, near_duplicates, normal, not_sent,
    overlap, parse_eval, parse_examples, word_list_problems, Example,
};

// Targets from issue 13 and the data brief.
const MIN_CORPUS_BYTES: u64 = 2_000_000;
const MAX_CORPUS_BYTES: u64 = 6_500_000;
const MIN_INSTRUCTIONS: usize = 2_000;
const EVAL_QUESTIONS: std::ops::RangeInclusive<usize> = 35..=50;
const MIN_ENGLISH_WORDS: usize = 50_000;
const MAX_ANSWER_WORDS: usize = 60;

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/instruction_data/fixtures")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn read(relative: &str) -> String {
    let path = repo().join(relative);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn examples(relative: &str) -> Vec<Example> {
    parse_examples(&read(relative)).unwrap_or_else(|p| panic!("{relative}:\n{}", p.join("\n")))
}

fn notebook_prompts() -> Vec<String> {
    let mut prompts = Vec::new();
    let mut paths: Vec<PathBuf> = fs::read_dir(repo().join("notebooks"))
        .expect("notebooks/ exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ipynb"))
        .collect();
    paths.sort();
    for path in paths {
        let text = fs::read_to_string(&path).expect("readable notebook");
        prompts.extend(
            prompts::notebook_prompts(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
        );
    }
    prompts
}

fn all_instructions() -> Vec<Example> {
    let mut all = examples("data/instruct/train.jsonl");
    all.extend(examples("data/instruct/validation.jsonl"));
    all
}

#[test]
fn prompt_extraction_finds_asking_calls_and_prompt_variables_only() {
    let code = r##"
        // connector.get_completion("a prompt in a comment is not sent");
        let prompt = "Explain pre-training \
                      in two sentences.";
        let answer = connector.get_completion(prompt)?;
        println!("{answer} is printed, not sent");
        let prompts = ["First listed prompt?", "Second listed prompt?"];
        let messages = [Message::system("Be brief."), Message::user(&format!("Ask {}", 1))];
        if let Err(e) = strict.stream_completion(r#"raw "quoted" prompt"#) { println!("{e}"); }
        let quote = '"';
        let examples = vec![Example::new("A training example", "not a prompt")];
        let text = tok.decode(&model.continue_text("Once upon a time", 30, 0));
    "##;
    assert_eq!(
        prompts::code_prompts(code),
        [
            "Explain pre-training in two sentences.",
            "First listed prompt?",
            "Second listed prompt?",
            "Be brief.",
            "Ask {}",
            "raw \"quoted\" prompt",
            "Once upon a time",
        ]
    );
}

#[test]
fn the_notebooks_send_prompts_the_extractor_finds() {
    let prompts = notebook_prompts();
    // The two shipped notebooks ask a model more than a dozen times; finding fewer would mean
    // the extractor has gone blind and the near-duplicate check below proves nothing.
    assert!(
        prompts.len() >= 10,
        "only {} prompts found: {prompts:?}",
        prompts.len()
    );
}

#[test]
fn no_instruction_example_is_a_near_duplicate_of_a_notebook_prompt() {
    let inputs = example_inputs(&all_instructions());
    let clashes = near_duplicates(&inputs, &notebook_prompts());
    assert!(
        clashes.is_empty(),
        "near duplicates (example, prompt, MinHash estimate): {clashes:#?}"
    );
}

#[test]
fn a_planted_near_duplicate_of_a_notebook_prompt_is_caught() {
    let prompts = prompts::notebook_prompts(&fixture("planted_notebook.ipynb")).expect("valid");
    assert_eq!(prompts.len(), 2, "{prompts:?}");
    let planted = parse_examples(&fixture("planted_instructions.jsonl")).expect("valid fixture");
    let clashes = near_duplicates(&example_inputs(&planted), &prompts);
    // Line 1 rewords the notebook's prompt slightly; line 2 is about something else.
    assert_eq!(clashes.len(), 1, "{clashes:#?}");
    assert!(clashes[0].0.starts_with("Explain how gradient descent"));
    assert!(clashes[0].2 >= checks::NEAR_DUPLICATE);
}

#[test]
fn the_corpus_is_at_least_two_megabytes_of_paragraphs() {
    let (total, files, problems) = corpus_report(&repo().join("data/pretrain"));
    assert_eq!(problems, Vec::<String>::new());
    assert!(
        files >= 4,
        "{files} files: the corpus should mix several works"
    );
    assert!(
        (MIN_CORPUS_BYTES..=MAX_CORPUS_BYTES).contains(&total),
        "{total} bytes"
    );
}

#[test]
fn a_small_badly_formatted_corpus_is_caught() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/instruction_data/fixtures/corpus");
    let (total, files, problems) = corpus_report(&dir);
    assert_eq!(files, 1);
    assert!(total < MIN_CORPUS_BYTES);
    // The fixture runs its paragraphs together and holds a tab and a bell character.
    assert_eq!(problems.len(), 2, "{problems:#?}");
}

#[test]
fn the_instruction_set_is_large_enough_and_well_formed() {
    let all = all_instructions();
    assert!(all.len() >= MIN_INSTRUCTIONS, "{} examples", all.len());
    let validation = examples("data/instruct/validation.jsonl");
    assert!(!validation.is_empty() && validation.len() * 10 < all.len());
    let mut questions: Vec<String> = all.iter().map(|e| normal(&e.question)).collect();
    questions.sort();
    questions.dedup();
    assert_eq!(questions.len(), all.len(), "every question is asked once");
}

#[test]
fn answers_are_one_to_three_sentences() {
    assert_eq!(
        long_answers(&all_instructions(), MAX_ANSWER_WORDS),
        Vec::<String>::new()
    );
}

#[test]
fn a_long_answer_is_caught() {
    let planted = parse_examples(&fixture("long_answers.jsonl")).expect("valid fixture");
    let caught = long_answers(&planted, MAX_ANSWER_WORDS);
    // Line 1 has four sentences, line 2 runs past the word limit; line 3 is fine.
    assert_eq!(caught.len(), 2, "{caught:#?}");
    assert_eq!(checks::sentence_count("The capital is Washington, D.C."), 1);
}

#[test]
fn malformed_instruction_lines_are_rejected() {
    let problems = parse_examples(&fixture("malformed_instructions.jsonl")).unwrap_err();
    // One line each: not JSON, an empty answer, a missing question, a number as an answer.
    assert_eq!(problems.len(), 4, "{problems:#?}");
}

#[test]
fn train_and_validation_share_no_question_and_no_fact() {
    let train = examples("data/instruct/train.jsonl");
    let validation = examples("data/instruct/validation.jsonl");
    assert_eq!(overlap(&train, &validation), Vec::<String>::new());
}

#[test]
fn a_validation_example_leaked_into_training_is_caught() {
    let train = examples("data/instruct/train.jsonl");
    let leaked = Example {
        line: 1,
        question: train[0].question.to_uppercase(),
        ..train[0].clone()
    };
    let same_fact = train.iter().filter(|t| t.fact == train[0].fact).count();
    assert!(same_fact > 1, "a fact has several phrasings");
    // One clash for the repeated question, one for each training phrasing of its fact.
    assert_eq!(overlap(&train, &[leaked]).len(), 1 + same_fact);
}

#[test]
fn held_out_questions_are_not_in_the_instruction_set() {
    let eval = parse_eval(&read("data/eval/heldout.jsonl")).unwrap_or_else(|p| panic!("{p:#?}"));
    assert!(
        EVAL_QUESTIONS.contains(&eval.len()),
        "{} questions",
        eval.len()
    );
    assert!(eval.iter().all(|q| (1..=4).contains(&q.key_terms.len())));
    assert_eq!(eval_leaks(&eval, &all_instructions()), Vec::<String>::new());
}

/// `data/eval/notebook_prompts.jsonl` measures the offline model on what the main notebook
/// asks it (`try_finetune --held-out`); it must stay a copy of those prompts.
#[test]
fn the_notebook_prompt_set_is_what_the_notebooks_send() {
    let listed =
        parse_eval(&read("data/eval/notebook_prompts.jsonl")).unwrap_or_else(|p| panic!("{p:#?}"));
    assert_eq!(listed.len(), 5, "the main notebook asks the model 5 times");
    assert_eq!(not_sent(&listed, &notebook_prompts()), Vec::<String>::new());
}

#[test]
fn a_notebook_prompt_copy_that_drifted_is_caught() {
    let sent = prompts::notebook_prompts(&fixture("planted_notebook.ipynb")).expect("valid");
    let listed = parse_eval(&fixture("planted_notebook_prompts.jsonl")).expect("valid fixture");
    assert_eq!(
        not_sent(&listed, &sent),
        ["Explain how gradient descent lowers the loss of a network, step by step, with an example."]
    );
}

#[test]
fn a_held_out_question_copied_into_training_is_caught() {
    let mut eval = parse_eval(&read("data/eval/heldout.jsonl")).expect("valid");
    let instructions = all_instructions();
    eval.truncate(1);
    let mut leaked = instructions.clone();
    leaked[0].question = eval[0].question.trim_end_matches('?').to_string();
    let problems = eval_leaks(&eval, &leaked);
    assert!(
        !problems.is_empty(),
        "a copy without its question mark must be caught"
    );
    let bad_terms = parse_eval(r#"{"question": "What is a batch?", "key_terms": ["epoch"]}"#);
    assert!(
        bad_terms.is_err(),
        "a key term missing from its question is rejected"
    );
}

#[test]
fn the_english_word_list_is_large_sorted_and_lower_case() {
    let text = read("data/eval/english_words.txt");
    assert_eq!(word_list_problems(&text), Vec::<String>::new());
    let words: Vec<&str> = text.lines().collect();
    assert!(words.len() >= MIN_ENGLISH_WORDS, "{} words", words.len());
    for word in ["the", "model", "training", "colour", "color", "memorise"] {
        assert!(words.binary_search(&word).is_ok(), "{word} is missing");
    }
    assert_eq!(
        word_list_problems(&read("data/eval/course_words.txt")),
        Vec::<String>::new()
    );
}

#[test]
fn a_bad_word_list_is_caught() {
    // "Apple" is capitalised, "pear" comes after "zebra", and "zebra" repeats.
    let problems = word_list_problems("Apple\nbanana\nzebra\nzebra\npear\n");
    assert_eq!(problems.len(), 3, "{problems:#?}");
}
