//! A failing cell fails: throw-away notebooks (crates/xtask/fixtures/notebooks/) run through the
//! project's kernel exactly as a user's CI runs notebooks, plain `jupyter nbconvert --execute` and
//! `papermill`, with the exit status and messages each must give (and a final `expr?` keeps its
//! rendered display). Also records those notebooks'
//! outputs as the fixtures the output checks are tested on (`cargo xtask fixtures`).

use crate::execute::{read_json, Provider};
use crate::paths::Paths;
use crate::proc::Result;
use crate::server::LocalServer;
use crate::setup;
use std::path::{Path, PathBuf};
use std::process::Command;

/// How a user's CI runs a notebook.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Runner {
    /// `jupyter nbconvert --to notebook --execute`
    Nbconvert,
    /// `jupyter nbconvert ... --allow-errors`
    NbconvertAllowErrors,
    /// `papermill IN OUT -k rust`
    Papermill,
}

/// One run and what it must show.
struct Case {
    notebook: &'static str,
    runner: Runner,
    succeeds: bool,
    /// Each must appear in the runner's output (stdout and stderr).
    log_contains: &'static [&'static str],
    /// Each must appear in the executed copy (when the run wrote one).
    executed_contains: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        notebook: "question_mark.ipynb",
        runner: Runner::Nbconvert,
        succeeds: false,
        // nbclient's error names the cell by its source, then the error's type and message.
        log_contains: &[
            "CellExecutionError",
            "let n: i32 = \"forty-two\".parse()?;",
            "core::num::error::ParseIntError",
            "invalid digit found in string",
        ],
        executed_contains: &[],
    },
    Case {
        notebook: "panic.ipynb",
        runner: Runner::Nbconvert,
        succeeds: false,
        log_contains: &[
            "CellExecutionError",
            "println!(\"first: {}\", empty[0]);",
            "index out of bounds",
        ],
        executed_contains: &[],
    },
    Case {
        notebook: "panic.ipynb",
        runner: Runner::NbconvertAllowErrors,
        succeeds: true,
        log_contains: &[],
        // The kernel lives on and keeps the first cell's variable.
        executed_contains: &["\"ename\": \"panic\"", "still here: 3"],
    },
    Case {
        notebook: "tagged_error.ipynb",
        runner: Runner::Nbconvert,
        succeeds: true,
        log_contains: &[],
        executed_contains: &["invalid digit found in string", "the next cell runs"],
    },
    Case {
        notebook: "final_question_mark.ipynb",
        runner: Runner::Nbconvert,
        succeeds: true,
        log_contains: &[],
        // evcxr_display's Markdown, not a Debug fallback (patch 0002).
        executed_contains: &["\"text/markdown\"", "**shown 7**"],
    },
    Case {
        notebook: "question_mark.ipynb",
        runner: Runner::Papermill,
        succeeds: false,
        log_contains: &["PapermillExecutionError", "invalid digit found in string"],
        executed_contains: &[],
    },
];

/// Runs every case; the error lists each case that did not behave.
pub fn prove(paths: &Paths) -> Result<()> {
    let out_dir = paths.target().join("failing_cells");
    let mut problems = Vec::new();
    for case in CASES {
        let label = format!("{} with {:?}", case.notebook, case.runner);
        println!("==> {label}");
        match run_case(paths, case, &out_dir) {
            Ok(()) => println!("    as expected"),
            Err(e) => {
                println!("    NOT as expected: {e}");
                problems.push(format!("{label}: {e}"));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(problems.join("\n"))
    }
}

fn run_case(paths: &Paths, case: &Case, out_dir: &Path) -> Result<()> {
    let source = fixtures(paths).join(case.notebook);
    let stem = case.notebook.trim_end_matches(".ipynb");
    let executed = out_dir.join(format!("{stem}.{:?}.ipynb", case.runner));
    let _ = std::fs::remove_file(&executed);
    std::fs::create_dir_all(out_dir).map_err(|e| e.to_string())?;
    let mut cmd = runner_command(paths, case.runner, &source, &executed);
    Provider::Offline.apply(&mut cmd);
    let out = cmd
        .output()
        .map_err(|e| format!("cannot start {:?}: {e}", case.runner))?;
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    std::fs::write(executed.with_extension("log"), &log).map_err(|e| e.to_string())?;
    let tail = || {
        log.lines()
            .rev()
            .take(12)
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .collect::<Vec<_>>()
            .join("\n")
    };
    if out.status.success() != case.succeeds {
        let wanted = if case.succeeds { "succeed" } else { "fail" };
        return Err(format!(
            "expected it to {wanted}, it exited with {}; last lines:\n{}",
            out.status,
            tail()
        ));
    }
    if let Some(missing) = case.log_contains.iter().find(|s| !log.contains(*s)) {
        return Err(format!(
            "its output lacks {missing:?}; last lines:\n{}",
            tail()
        ));
    }
    if !case.executed_contains.is_empty() {
        let text = std::fs::read_to_string(&executed)
            .map_err(|e| format!("no executed copy {}: {e}", executed.display()))?;
        if let Some(missing) = case.executed_contains.iter().find(|s| !text.contains(*s)) {
            return Err(format!("the executed notebook lacks {missing:?}"));
        }
    }
    Ok(())
}

fn runner_command(paths: &Paths, runner: Runner, source: &Path, executed: &Path) -> Command {
    let mut cmd = match runner {
        Runner::Papermill => {
            let mut cmd = setup::jupyter_env(Command::new(paths.venv_bin("papermill")), paths);
            cmd.arg(source)
                .arg(executed)
                .args(["-k", "rust", "--cwd"])
                .arg(source.parent().unwrap_or(Path::new(".")));
            cmd
        }
        Runner::Nbconvert | Runner::NbconvertAllowErrors => {
            let mut cmd = setup::jupyter(paths, "nbconvert");
            cmd.args(["--to", "notebook", "--execute"]);
            if runner == Runner::NbconvertAllowErrors {
                cmd.arg("--allow-errors");
            }
            let name = executed.file_stem().unwrap_or_default().to_owned();
            cmd.arg("--output-dir")
                .arg(executed.parent().unwrap_or(Path::new(".")))
                .arg("--output")
                .arg(name)
                .arg(source);
            cmd
        }
    };
    cmd.env("JPY_SESSION_NAME", source);
    cmd
}

fn fixtures(paths: &Paths) -> PathBuf {
    paths.root.join("crates/xtask/fixtures/notebooks")
}

/// Where `cargo xtask fixtures` writes the executed copies the check tests read.
pub fn recorded(paths: &Paths) -> PathBuf {
    paths.root.join("crates/xtask/fixtures/recorded")
}

/// Executes every fixture notebook with `--allow-errors` and keeps the executed copies as the
/// recorded fixtures of the output checks. Every notebook gets the local test server as its
/// provider; `footer_only.ipynb` asks it with a budget of 0 tokens, so its answer is only the footer.
pub fn record(paths: &Paths) -> Result<()> {
    setup::setup(paths)?;
    let server = LocalServer::start(paths)?;
    let out_dir = recorded(paths);
    std::fs::create_dir_all(&out_dir).map_err(|e| e.to_string())?;
    let mut names: Vec<PathBuf> = std::fs::read_dir(fixtures(paths))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ipynb"))
        .collect();
    names.sort();
    for source in names {
        let executed = out_dir.join(source.file_name().unwrap_or_default());
        let mut cmd = runner_command(paths, Runner::NbconvertAllowErrors, &source, &executed);
        Provider::LocalServer(server.url.clone()).apply(&mut cmd);
        println!("==> recording {}", executed.display());
        crate::proc::run(&mut cmd)?;
        // Proves the copy is a notebook before it becomes a fixture.
        read_json(&executed)?;
    }
    Ok(())
}
