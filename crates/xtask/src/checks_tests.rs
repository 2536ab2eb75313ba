use super::*;
use serde_json::json;

fn no_secrets() -> Secrets {
    Secrets::new(Vec::new())
}

fn code(source: &str, outputs: Value) -> Value {
    json!({"cell_type": "code", "execution_count": 3, "metadata": {}, "source": source, "outputs": outputs})
}

fn markdown(source: &str) -> Value {
    json!({"cell_type": "markdown", "metadata": {}, "source": source})
}

fn stdout(text: &str) -> Value {
    json!({"output_type": "stream", "name": "stdout", "text": text})
}

fn stderr(text: &str) -> Value {
    json!({"output_type": "stream", "name": "stderr", "text": text})
}

fn display(mime: &str, text: &str) -> Value {
    json!({"output_type": "display_data", "metadata": {}, "data": {mime: text}})
}

fn notebook(cells: Vec<Value>) -> Value {
    json!({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})
}

fn check(cells: Vec<Value>) -> Vec<Failure> {
    let secrets = no_secrets();
    let options = CheckOptions {
        secrets: &secrets,
        required_headings: &[],
        required_paragraphs: Vec::new(),
    };
    check_notebook("nb.ipynb", &notebook(cells), &options)
}

fn reasons(failures: &[Failure]) -> Vec<String> {
    failures.iter().map(|f| f.to_string()).collect()
}

#[test]
fn a_healthy_notebook_passes() {
    let failures = check(vec![
        markdown("# Title"),
        code(
            ":dep x = { path = \"../x\" }\nprintln!(\"ready\");",
            json!([stdout("ready\n")]),
        ),
        code(
            "let answer = connector.get_completion(\"hi\")?;\nanswer",
            json!([display("text/markdown", "**Pre-training** is like school.")]),
        ),
        code("", json!([])),
    ]);
    assert_eq!(failures, Vec::<Failure>::new());
}

#[test]
fn error_output_names_notebook_cell_and_reason() {
    let failures = check(vec![
        markdown("intro"),
        code(
            "let x: u8 = \"no\";",
            json!([{"output_type": "error", "ename": "Error", "evalue": "mismatched types\nexpected `u8`", "traceback": []}]),
        ),
    ]);
    assert_eq!(
        reasons(&failures),
        ["nb.ipynb: cells[1] (In [3]): error output: Error: mismatched types"]
    );
}

#[test]
fn panics_and_compile_errors_in_any_stream_fail() {
    let failures = check(vec![
        code(
            "f()",
            json!([
                stdout("start\n"),
                stderr("thread '<unnamed>' panicked at src/lib.rs:3:5:\nboom\n")
            ]),
        ),
        code(
            "g()",
            json!([stderr(
                "error[E0425]: cannot find value `y` in this scope\n"
            )]),
        ),
        code(
            "h()",
            json!([display(
                "text/plain",
                "error: could not compile `ctx` (lib)"
            )]),
        ),
    ]);
    let all = reasons(&failures).join("\n");
    assert_eq!(failures.len(), 3, "{all}");
    assert!(
        all.contains("cells[0] (In [3]): output contains \"panicked at\""),
        "{all}"
    );
    assert!(
        all.contains("cells[1] (In [3]): output contains \"error[E\""),
        "{all}"
    );
    assert!(
        all.contains("cells[2] (In [3]): output contains \"could not compile\""),
        "{all}"
    );
}

#[test]
fn a_code_cell_without_output_fails_but_an_empty_cell_does_not() {
    let failures = check(vec![
        code("let x = 1;", json!([])),
        code("let y = 2;", json!([stdout("   \n")])),
        code("  \n", json!([])),
    ]);
    assert_eq!(
        reasons(&failures),
        [
            "nb.ipynb: cells[0] (In [3]): code cell produced no output",
            "nb.ipynb: cells[1] (In [3]): code cell produced no output",
        ]
    );
}

#[test]
fn asking_the_model_needs_an_answer_beyond_the_banner() {
    let banner_only = code(
        "println!(\"{rule}\");\nprintln!(\"🎯 Hands-on Example\");\nlet c = connector.get_completion(p);",
        json!([stdout("============\n🎯 Hands-on Example\n")]),
    );
    let empty_markdown = code(
        "connector.get_completion(p)?",
        json!([stdout("banner\n"), display("text/markdown", "  \n")]),
    );
    let failures = check(vec![banner_only, empty_markdown]);
    assert_eq!(failures.len(), 2, "{:?}", reasons(&failures));
    assert!(failures.iter().all(|f| f
        .reason
        .starts_with("cell asks the model but shows no answer")));
}

#[test]
fn a_streamed_answer_on_stdout_counts() {
    let failures = check(vec![code(
        "println!(\"Streaming:\");\nlet done = connector.stream_completion(\"Say hi\")?;",
        json!([stdout(
            "Streaming:\nHello there, student.\nHow can I help?\n"
        )]),
    )]);
    assert_eq!(failures, Vec::<Failure>::new());
}

#[test]
fn a_comment_that_mentions_the_api_asks_nothing() {
    let failures = check(vec![code(
        "// next we call get_completion\nprintln!(\"hi\");",
        json!([stdout("hi\n")]),
    )]);
    assert_eq!(failures, Vec::<Failure>::new());
}

#[test]
fn raises_exception_tag_allows_an_error_but_not_a_panic() {
    let mut tagged_error = code(
        "connector.get_completion(\"x\")?",
        json!([{"output_type": "error", "ename": "Error", "evalue": "Authentication failed", "traceback": []}]),
    );
    tagged_error["metadata"] = json!({"tags": ["raises-exception"]});
    let mut tagged_panic = code(
        "boom()",
        json!([stderr("thread 'main' panicked at x.rs:1:1\n")]),
    );
    tagged_panic["metadata"] = json!({"tags": ["raises-exception"]});
    let failures = check(vec![tagged_error, tagged_panic]);
    assert_eq!(reasons(&failures), ["nb.ipynb: cells[1] (In [3]): output contains \"panicked at\": thread 'main' panicked at x.rs:1:1"]);
}

#[test]
fn configured_key_and_key_shaped_strings_fail_without_being_printed() {
    let secrets = Secrets::new(vec![(
        "OPENAI_API_KEY".into(),
        "my-very-secret-key-42".into(),
    )]);
    let options = CheckOptions {
        secrets: &secrets,
        required_headings: &[],
        required_paragraphs: Vec::new(),
    };
    let nb = notebook(vec![
        code(
            "show()",
            json!([stdout("using key my-very-secret-key-42\n")]),
        ),
        code(
            "show2()",
            json!([display(
                "text/plain",
                concat!(
                    "Authorization: Bearer sk-",
                    "proj-abcdefghijklmnopqrstuvwxyz012\n"
                )
            )]),
        ),
    ]);
    let failures = check_notebook("nb.ipynb", &nb, &options);
    let all = reasons(&failures).join("\n");
    assert_eq!(failures.len(), 2, "{all}");
    assert!(
        all.contains("cells[0] (In [3]): output contains the configured API key (OPENAI_API_KEY)")
    );
    assert!(all.contains("cells[1] (In [3]): output contains a string shaped like an API key"));
    assert!(
        !all.contains("my-very-secret") && !all.contains("abcdefghij"),
        "{all}"
    );

    let html = check_html("nb.html", "<pre>my-very-secret-key-42</pre>", &secrets);
    assert_eq!(
        reasons(&html),
        ["nb.html: the HTML copy contains the configured API key (OPENAI_API_KEY)"]
    );
    assert!(check_html("nb.html", "<pre>clean</pre>", &secrets).is_empty());
}

fn heading_check(cells: Vec<Value>) -> Vec<String> {
    let secrets = no_secrets();
    let options = CheckOptions {
        secrets: &secrets,
        required_headings: &["# 📖 Title", "## 🏗️ One", "## ✅ Two"],
        required_paragraphs: Vec::new(),
    };
    reasons(&check_notebook("main.ipynb", &notebook(cells), &options))
}

#[test]
fn headings_of_the_original_must_all_be_there_in_order() {
    assert!(heading_check(vec![
        markdown("# 📖 Title\n\ntext"),
        markdown("## 🏗️ One\n### sub\n```\n## not a heading\n```"),
        markdown("## 🧪 Added section (Rust addition)"),
        markdown("---\n\n## ✅ Two"),
    ])
    .is_empty());

    assert_eq!(
        heading_check(vec![
            markdown("# 📖 Title"),
            markdown("```\n## 🏗️ One\n```\n## ✅ Two")
        ]),
        ["main.ipynb: heading `## 🏗️ One` of the original is missing"]
    );
    assert_eq!(
        heading_check(vec![markdown("# 📖 Title\n## One\n## ✅ Two")]),
        ["main.ipynb: heading `## 🏗️ One` of the original is changed to `## One`"]
    );
    assert_eq!(
        heading_check(vec![markdown("# 📖 Title\n## ✅ Two\n## 🏗️ One")]),
        ["main.ipynb: heading `## ✅ Two` is out of order (the original's order is kept)"]
    );
}

#[test]
fn the_main_notebook_is_held_to_the_original_headings() {
    let secrets = no_secrets();
    let main = CheckOptions::for_notebook(crate::original::MAIN_NOTEBOOK, &secrets);
    assert_eq!(main.required_headings.len(), ORIGINAL_HEADINGS.len());
    let failures = check_notebook(
        crate::original::MAIN_NOTEBOOK,
        &notebook(vec![markdown("# Something else")]),
        &main,
    );
    let heading_failures = failures.iter().filter(|f| f.reason.contains("heading `"));
    assert_eq!(heading_failures.count(), ORIGINAL_HEADINGS.len());
    let paragraph_failures = failures
        .iter()
        .filter(|f| f.reason.contains("paragraph of"));
    assert_eq!(
        paragraph_failures.count(),
        crate::original::original_paragraphs().len()
    );
    assert!(
        CheckOptions::for_notebook("utils_llm_connector.ipynb", &secrets)
            .required_headings
            .is_empty()
    );
}

#[test]
fn source_as_list_of_lines_is_read_like_a_string() {
    let cell = json!({"cell_type": "code", "execution_count": 1, "metadata": {},
        "source": ["let a = 1;\n", "connector.get_completion(\"q\")?"],
        "outputs": [{"output_type": "execute_result", "execution_count": 1, "metadata": {},
                     "data": {"text/plain": ["An answer\n", "in two lines"]}}]});
    assert_eq!(check(vec![cell]), Vec::<Failure>::new());
}

#[test]
fn something_that_is_not_a_notebook_is_reported() {
    let secrets = no_secrets();
    let options = CheckOptions {
        secrets: &secrets,
        required_headings: &[],
        required_paragraphs: Vec::new(),
    };
    let failures = check_notebook("x.ipynb", &json!({"hello": 1}), &options);
    assert_eq!(
        reasons(&failures),
        ["x.ipynb: not a notebook: no `cells` array"]
    );
}

#[test]
fn stderr_text_fails_an_untagged_cell_only() {
    let warns = code(
        "eprintln!(\"careful\");",
        json!([stdout("ok\n"), stderr("careful\n")]),
    );
    let mut tagged = warns.clone();
    tagged["metadata"] = json!({"tags": ["raises-exception"]});
    let failures = check(vec![warns, tagged]);
    assert_eq!(
        reasons(&failures),
        ["nb.ipynb: cells[0] (In [3]): writes to stderr (tag the cell `raises-exception` if it shows an error on purpose): careful"]
    );
}

#[test]
fn a_rendered_answer_that_is_only_the_footer_is_no_answer() {
    let footer_only = code(
        "conversation.ask(\"Hi\")?",
        json!([{"output_type": "execute_result", "execution_count": 3, "metadata": {},
                "data": {"text/markdown": "\n\n*gpt-4o · OpenAI-compatible server · 0.01 s · 9 tokens*",
                         "text/plain": "\n\n[gpt-4o · OpenAI-compatible server · 0.01 s · 9 tokens]"}}]),
    );
    let answered = code(
        "connector.stream_chat(&messages)?",
        json!([display(
            "text/markdown",
            "Tokens are pieces of words.\n\n*gpt-4o · OpenAI · 1.00 s*"
        )]),
    );
    let failures = check(vec![footer_only, answered]);
    assert_eq!(failures.len(), 1, "{:?}", reasons(&failures));
    assert_eq!(failures[0].cell, Some(0));
    assert!(failures[0]
        .reason
        .starts_with("cell asks the model but shows no answer"));
}

/// An executed copy from crates/xtask/fixtures/recorded/, recorded through the project's kernel
/// by `cargo xtask fixtures` from the notebooks in crates/xtask/fixtures/notebooks/.
fn recorded(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/recorded")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (record with `cargo xtask fixtures`)",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap()
}

fn recorded_reasons(name: &str) -> Vec<String> {
    let options = CheckOptions {
        secrets: &no_secrets(),
        required_headings: &[],
        required_paragraphs: Vec::new(),
    };
    reasons(&check_notebook(name, &recorded(name), &options))
}

#[test]
fn recorded_question_mark_error_after_a_printed_line_is_caught() {
    assert_eq!(
        recorded_reasons("question_mark.ipynb"),
        ["question_mark.ipynb: cells[2] (In [3]): error output: core::num::error::ParseIntError: invalid digit found in string"]
    );
}

#[test]
fn recorded_panic_is_caught() {
    let found = recorded_reasons("panic.ipynb");
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0],
        "panic.ipynb: cells[2] (In [3]): error output: panic: index out of bounds: the len is 0 but the index is 0"
    );
    assert!(
        found[1].starts_with("panic.ipynb: cells[2] (In [3]): output contains \"panicked at\""),
        "{found:?}"
    );
}

#[test]
fn recorded_tagged_error_passes() {
    assert_eq!(recorded_reasons("tagged_error.ipynb"), Vec::<String>::new());
}

#[test]
fn recorded_stderr_warning_is_caught() {
    assert_eq!(
        recorded_reasons("stderr.ipynb"),
        ["stderr.ipynb: cells[1] (In [2]): writes to stderr (tag the cell `raises-exception` if it shows an error on purpose): warning: the cache folder is missing"]
    );
}

#[test]
fn recorded_footer_only_answer_is_caught() {
    let found = recorded_reasons("footer_only.ipynb");
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].starts_with(
            "footer_only.ipynb: cells[3] (In [4]): cell asks the model but shows no answer"
        ),
        "{found:?}"
    );
}

#[test]
fn recorded_deleted_paragraph_is_caught() {
    let secrets = no_secrets();
    let main = CheckOptions::for_notebook(crate::original::MAIN_NOTEBOOK, &secrets);
    let failures = check_notebook(
        crate::original::MAIN_NOTEBOOK,
        &recorded("deleted_paragraph.ipynb"),
        &main,
    );
    assert_eq!(
        reasons(&failures),
        ["02_how_llms_are_trained.ipynb: paragraph of the original is missing or changed: \"- **Efficiency**: Pre-training builds general knowledge once, fine-tuning adapts…\""]
    );
}
