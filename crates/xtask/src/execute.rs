//! Headless notebook runs: nbconvert executes each notebook on the `rust` kernel into
//! target/notebooks/, writes an HTML copy, and the checks judge the outputs.

use crate::checks::{self, CheckOptions, Failure};
use crate::paths::Paths;
use crate::proc::{self, Result};
use crate::secrets::{Secrets, KEY_VARS};
use crate::setup;
use std::path::Path;
use std::time::Instant;

/// A cold first cell compiles reqwest, tokio and tiny_lm; that is the longest a cell may take.
const CELL_TIMEOUT_SECS: u32 = 1200;

/// Which model the notebooks talk to.
#[derive(Debug, Clone)]
pub enum Provider {
    /// Whatever `.env` and the environment say (a student's real key, or offline without one).
    AsConfigured,
    /// The built-in offline model, whatever `.env` says: no key reaches the kernel.
    Offline,
    /// A local OpenAI-compatible server at this base URL, without a key.
    LocalServer(String),
}

impl Provider {
    pub fn label(&self) -> &'static str {
        match self {
            Provider::AsConfigured => "as configured",
            Provider::Offline => "offline",
            Provider::LocalServer(_) => "local server",
        }
    }

    /// Environment for the kernel. Keys are set to empty values rather than removed: the connector
    /// lets variables already set win over `.env`, so this hides a key a user keeps in `.env`.
    pub fn apply(&self, cmd: &mut std::process::Command) {
        let pinned: &[(&str, &str)] = match self {
            Provider::AsConfigured => return,
            Provider::Offline => &[("LLM_PROVIDER", "offline")],
            Provider::LocalServer(_) => &[("LLM_PROVIDER", "openai"), ("OPENAI_MODEL", "gpt-4o")],
        };
        for var in KEY_VARS {
            cmd.env(var, "");
        }
        cmd.env("LLM_CACHE", "off");
        for (var, value) in pinned {
            cmd.env(var, value);
        }
        if let Provider::LocalServer(url) = self {
            cmd.env("OPENAI_BASE_URL", url);
        }
    }
}

/// One notebook's run: its row in the table and what the checks found.
#[derive(Debug)]
pub struct Outcome {
    pub notebook: String,
    pub code_cells: usize,
    pub seconds: f64,
    /// Whether the notebook's evcxr build directory existed before the run.
    pub warm: bool,
    pub failures: Vec<Failure>,
    /// The run itself failed (nbconvert crashed, the kernel did not start).
    pub error: Option<String>,
}

impl Outcome {
    pub fn passed(&self) -> bool {
        self.error.is_none() && self.failures.is_empty()
    }

    fn status(&self) -> String {
        match (&self.error, self.failures.len()) {
            (Some(_), _) => "FAILED (run)".into(),
            (None, 0) => "ok".into(),
            (None, 1) => "FAILED (1 problem)".into(),
            (None, n) => format!("FAILED ({n} problems)"),
        }
    }
}

/// Executes `notebook` into `out_dir` (executed .ipynb, .html, .log) and checks the result.
pub fn run_notebook(
    paths: &Paths,
    notebook: &Path,
    provider: &Provider,
    out_dir: &Path,
    secrets: &Secrets,
) -> Outcome {
    let file_name = notebook
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("?")
        .to_string();
    let stem = file_name.trim_end_matches(".ipynb").to_string();
    let warm = paths.evcxr_builds().join(&stem).join("target").is_dir();
    println!(
        "==> running {file_name} ({} provider, {})",
        provider.label(),
        if warm {
            "warm"
        } else {
            "cold: the first cell compiles the crates, a few minutes"
        }
    );
    let started = Instant::now();
    let result = execute(paths, notebook, &stem, provider, out_dir);
    let seconds = started.elapsed().as_secs_f64();
    let executed = out_dir.join(format!("{stem}.ipynb"));
    let mut outcome = Outcome {
        notebook: file_name.clone(),
        code_cells: 0,
        seconds,
        warm,
        failures: Vec::new(),
        error: result.err(),
    };
    if outcome.error.is_some() {
        return outcome;
    }
    match read_json(&executed) {
        Ok(json) => {
            outcome.code_cells = count_code_cells(&json);
            let options = CheckOptions::for_notebook(&file_name, secrets);
            outcome.failures = checks::check_notebook(&file_name, &json, &options);
        }
        Err(e) => outcome.error = Some(e),
    }
    let html = out_dir.join(format!("{stem}.html"));
    match std::fs::read_to_string(&html) {
        Ok(text) => {
            outcome
                .failures
                .extend(checks::check_html(&format!("{stem}.html"), &text, secrets))
        }
        Err(e) => outcome.error = Some(format!("cannot read {}: {e}", html.display())),
    }
    outcome
}

fn execute(
    paths: &Paths,
    notebook: &Path,
    stem: &str,
    provider: &Provider,
    out_dir: &Path,
) -> Result<()> {
    std::fs::create_dir_all(out_dir)
        .map_err(|e| format!("cannot create {}: {e}", out_dir.display()))?;
    let log = out_dir.join(format!("{stem}.log"));
    let mut cmd = setup::jupyter(paths, "nbconvert");
    cmd.args(["--to", "notebook", "--execute", "--allow-errors"])
        .arg("--ExecutePreprocessor.kernel_name=rust")
        .arg(format!("--ExecutePreprocessor.timeout={CELL_TIMEOUT_SECS}"))
        .arg("--ExecutePreprocessor.startup_timeout=120")
        .arg("--output-dir")
        .arg(out_dir)
        .args(["--output", stem])
        .arg(notebook)
        // The kernel wrapper names the build directory after this, as JupyterLab does.
        .env("JPY_SESSION_NAME", notebook);
    provider.apply(&mut cmd);
    proc::run_logged(&mut cmd, &log)?;

    let html_log = out_dir.join(format!("{stem}.html.log"));
    let mut html = setup::jupyter(paths, "nbconvert");
    html.args(["--to", "html", "--output-dir"])
        .arg(out_dir)
        .arg(out_dir.join(format!("{stem}.ipynb")));
    proc::run_logged(&mut html, &html_log)
}

pub fn read_json(path: &Path) -> Result<serde_json::Value> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{} is not valid JSON: {e}", path.display()))
}

fn count_code_cells(notebook: &serde_json::Value) -> usize {
    notebook["cells"].as_array().map_or(0, |cells| {
        cells.iter().filter(|c| c["cell_type"] == "code").count()
    })
}

/// The table: notebook, code cells, seconds, build, status; then every problem, one per line.
pub fn print_table(title: &str, outcomes: &[Outcome]) {
    println!("\n{title}");
    println!(
        "{:<34} {:>6} {:>8}  {:<5}  status",
        "notebook", "cells", "seconds", "build"
    );
    for o in outcomes {
        let build = if o.warm { "warm" } else { "cold" };
        println!(
            "{:<34} {:>6} {:>8.1}  {:<5}  {}",
            o.notebook,
            o.code_cells,
            o.seconds,
            build,
            o.status()
        );
    }
    for o in outcomes {
        if let Some(error) = &o.error {
            println!("  {}: {error}", o.notebook);
        }
        for failure in &o.failures {
            println!("  {failure}");
        }
    }
}
