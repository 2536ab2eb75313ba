//! `cargo xtask test`: every check the project has, as a list of steps. A failing step does not
//! stop the others (a CI log should show everything that is wrong at once); the command ends with
//! a table of steps and the line `N passed, N failed, N skipped`.
//!
//! No step sees a real key: cargo's steps and every kernel get the key variables set to empty
//! values (which win over any `.env`), the notebooks run on the offline model or the key-less
//! local server, and the local server's request log must show no credential.

use crate::execute::{self, Outcome, Provider};
use crate::paths::Paths;
use crate::proc::{self, Result};
use crate::secrets::{Secrets, KEY_VARS};
use crate::server::LocalServer;
use crate::steps::Steps;
use crate::{actionlint, browser, failing_cells, notebook_list, setup};

/// The notebook that also runs against the local OpenAI-compatible server.
const CONNECTOR_NOTEBOOK: &str = "utils_llm_connector.ipynb";

/// A cargo command on the workspace, built in the default target/ as CI does (a CARGO_TARGET_DIR
/// in the caller's environment is ignored on purpose).
fn cargo_step(paths: &Paths, args: &[&str]) -> Result<()> {
    let mut cmd = proc::cargo();
    cmd.args(args)
        .current_dir(&paths.root)
        .env_remove("CARGO_TARGET_DIR");
    for var in KEY_VARS {
        cmd.env(var, "");
    }
    proc::run(&mut cmd)
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

/// Runs every step but those in `skipped`; true when none failed.
pub fn run(paths: &Paths, skipped: &[String]) -> bool {
    let mut steps = Steps::default();
    let skips = |name: &str| skipped.iter().any(|s| s == name);
    let set_up = steps.run(
        "set-up (versions, components, .venv, evcxr_jupyter, kernelspec)",
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
    const ACTIONLINT: &str = "actionlint on .github/workflows/";
    if skips("actionlint") {
        steps.skip(ACTIONLINT, "on request");
    } else {
        steps.run(ACTIONLINT, || actionlint::check(paths));
    }

    steps.run(
        "failing cells fail: nbconvert and papermill on throw-away notebooks",
        || {
            if !set_up {
                return Err("skipped: set-up failed".into());
            }
            failing_cells::prove(paths)
        },
    );

    let secrets = Secrets::configured(paths);
    let sources = secrets.sources();
    if !sources.is_empty() {
        println!(
            "\n==> keys configured here, kept from every run and searched for in every output: {}",
            sources.join(", ")
        );
    }
    let mut outcomes = Vec::new();
    let notebooks = notebook_list::notebooks_to_run(paths);
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
            let no_key = server.check_no_credentials();
            drop(server);
            let checked = notebook_step(outcome, &mut outcomes);
            checked.and(no_key)
        },
    );
    if !outcomes.is_empty() {
        execute::print_table(
            "Notebook runs (executed copies in target/notebooks/)",
            &outcomes,
        );
    }
    const BROWSER: &str = "browser smoke test (JupyterLab + headless Chromium)";
    if skips("browser") {
        steps.skip(BROWSER, "on request");
    } else {
        steps.run(BROWSER, || {
            if !set_up {
                return Err("skipped: set-up failed".into());
            }
            browser::smoke(paths, &secrets)
        });
    }
    steps.report()
}
