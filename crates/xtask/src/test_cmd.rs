//! `cargo xtask test`: every check the project has, as a list of steps. A failing step does not
//! stop the others (a CI log should show everything that is wrong at once); the command ends with
//! a table of steps and the line `N passed, N failed`.

use crate::execute::{self, Outcome, Provider};
use crate::paths::Paths;
use crate::proc::{self, Result};
use crate::secrets::Secrets;
use crate::server::LocalServer;
use crate::{browser, failing_cells, setup};
use std::time::Instant;

/// The notebook that also runs against the local OpenAI-compatible server.
const CONNECTOR_NOTEBOOK: &str = "utils_llm_connector.ipynb";

struct StepResult {
    name: String,
    seconds: f64,
    outcome: Result<()>,
}

#[derive(Default)]
struct Steps {
    results: Vec<StepResult>,
}

impl Steps {
    fn run(&mut self, name: &str, body: impl FnOnce() -> Result<()>) -> bool {
        println!("\n==> step: {name}");
        let started = Instant::now();
        let outcome = body();
        let seconds = started.elapsed().as_secs_f64();
        match &outcome {
            Ok(()) => println!("==> step ok: {name} ({seconds:.1} s)"),
            Err(e) => println!("==> step FAILED: {name} ({seconds:.1} s)\n{e}"),
        }
        let passed = outcome.is_ok();
        self.results.push(StepResult {
            name: name.to_string(),
            seconds,
            outcome,
        });
        passed
    }

    fn report(&self) -> bool {
        println!("\n{:<62} {:>8}  result", "step", "seconds");
        for step in &self.results {
            let result = if step.outcome.is_ok() { "ok" } else { "FAILED" };
            println!("{:<62} {:>8.1}  {result}", step.name, step.seconds);
        }
        let failed = self.results.iter().filter(|s| s.outcome.is_err()).count();
        let passed = self.results.len() - failed;
        println!("{passed} passed, {failed} failed");
        failed == 0
    }
}

/// A cargo command on the workspace, built in the default target/ as CI does (a CARGO_TARGET_DIR
/// in the caller's environment is ignored on purpose).
fn cargo_step(paths: &Paths, args: &[&str]) -> Result<()> {
    proc::run(
        proc::cargo()
            .args(args)
            .current_dir(&paths.root)
            .env_remove("CARGO_TARGET_DIR"),
    )
}

fn notebook_step(outcome: Outcome, all: &mut Vec<Outcome>) -> Result<()> {
    let result = if outcome.passed() {
        Ok(())
    } else {
        let mut problems: Vec<String> = outcome.error.iter().cloned().collect();
        problems.extend(outcome.failures.iter().map(|f| f.to_string()));
        Err(problems.join("\n"))
    };
    all.push(outcome);
    result
}

/// Runs every step; true when all passed.
pub fn run(paths: &Paths) -> bool {
    let mut steps = Steps::default();
    let set_up = steps.run(
        "set-up (rust-src, evcxr_jupyter, .venv, rust kernelspec)",
        || setup::setup(paths).map(|_| ()),
    );
    steps.run("cargo test --workspace", || {
        cargo_step(paths, &["test", "--workspace"])
    });
    steps.run(
        "cargo clippy --workspace --all-targets -- -D warnings",
        || {
            cargo_step(
                paths,
                &[
                    "clippy",
                    "--workspace",
                    "--all-targets",
                    "--",
                    "-D",
                    "warnings",
                ],
            )
        },
    );
    steps.run("cargo fmt --all --check", || {
        cargo_step(paths, &["fmt", "--all", "--check"])
    });

    steps.run(
        "failing cells fail: nbconvert and papermill on throw-away notebooks",
        || {
            if !set_up {
                return Err("skipped: set-up failed".into());
            }
            failing_cells::prove(paths)
        },
    );

    let secrets = Secrets::configured(&paths.dotenv());
    let mut outcomes = Vec::new();
    let notebooks = execute::notebooks_to_run(paths);
    let notebooks = match notebooks {
        Ok(list) => list,
        Err(e) => {
            steps.run("notebooks", || Err(e));
            Vec::new()
        }
    };
    for notebook in &notebooks {
        let name = notebook
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        steps.run(
            &format!("notebook {name} (offline provider) + checks"),
            || {
                if !set_up {
                    return Err("skipped: set-up failed".into());
                }
                let out_dir = paths.executed_notebooks();
                let outcome =
                    execute::run_notebook(paths, notebook, &Provider::Offline, &out_dir, &secrets);
                notebook_step(outcome, &mut outcomes)
            },
        );
    }
    steps.run(
        &format!("notebook {CONNECTOR_NOTEBOOK} (local server) + checks"),
        || {
            if !set_up {
                return Err("skipped: set-up failed".into());
            }
            let notebook = paths.notebooks().join(CONNECTOR_NOTEBOOK);
            if !notebook.is_file() {
                return Err(format!("{} is missing", notebook.display()));
            }
            let server = LocalServer::start(paths)?;
            let out_dir = paths.executed_notebooks().join("local_server");
            let provider = Provider::LocalServer(server.url.clone());
            let outcome = execute::run_notebook(paths, &notebook, &provider, &out_dir, &secrets);
            drop(server);
            notebook_step(outcome, &mut outcomes)
        },
    );
    if !outcomes.is_empty() {
        execute::print_table(
            "Notebook runs (executed copies in target/notebooks/)",
            &outcomes,
        );
    }
    steps.run(
        "browser smoke test (JupyterLab + headless Chromium)",
        || {
            if !set_up {
                return Err("skipped: set-up failed".into());
            }
            browser::smoke(paths)
        },
    );
    steps.report()
}
