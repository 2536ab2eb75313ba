//! `cargo xtask <command>`: the project's set-up, notebook runs, checks and test pipeline.
//! See README.md ("Quick start") and `cargo xtask help`.

mod actionlint;
mod answer;
mod browser;
mod browser_deps;
mod checks;
mod execute;
mod failing_cells;
mod kernel_build;
mod lab;
mod notebook_list;
mod original;
mod paths;
mod prereqs;
mod proc;
mod run_lock;
mod secrets;
mod server;
mod setup;
mod steps;
mod test_cmd;
mod user_kernel;
mod versions;
#[cfg(test)]
mod wrapper_tests;

use execute::Provider;
use paths::Paths;
use secrets::Secrets;
use std::process::ExitCode;

const HELP: &str = "\
usage: cargo xtask <command>

  notebooks [--offline | --local-server] [NOTEBOOK.ipynb..]
                 set up, then execute every notebooks/*.ipynb (except _*.ipynb samples), or the
                 NOTEBOOKs given, headlessly into target/notebooks/
                 (executed .ipynb + HTML) and check the outputs. Default provider: as configured
                 in .env (the offline model without a key).
  test [--skip browser] [--skip actionlint]
                 the full test suite: cargo test, clippy, fmt, actionlint, notebook runs with
                 checks, browser smoke test; ends with `N passed, N failed, N skipped`.
                 XTASK_SKIP=browser,actionlint skips steps too (shown as skipped, never passed).
                 The browser is $CHROMIUM or $CHROME_PATH, else chromium, chromium-browser or
                 google-chrome on PATH.
  setup          check Rust, Python and cc, then install what is missing: clippy, rustfmt,
                 rust-src, .venv (JupyterLab), the patched evcxr_jupyter in .tools/, rust kernel
  kernel [--user | --sys-prefix ENV]
                 set up, then install the project's rust kernelspec into your own Jupyter (the
                 user's data folder, or the Python environment ENV)
  lab [ARGS..]   set up, then start JupyterLab on notebooks/ (extra ARGS go to jupyter lab)
  check FILE..   run the output checks on already executed notebooks
  browser        the browser smoke test alone
  failing-cells  prove on throw-away notebooks that nbconvert and papermill stop at a failing cell
  fixtures       re-record crates/xtask/fixtures/recorded/ (the check tests' fixtures) with the kernel
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let paths = Paths::discover();
    let lock = || {
        run_lock::acquire(
            &paths.run_lock(),
            &format!("cargo xtask {}", args.join(" ")),
        )
    };
    let result = match args.first().map(String::as_str) {
        Some("setup") => lock().and_then(|_lock| setup::setup(&paths).map(|_| ())),
        Some("notebooks") => lock().and_then(|_lock| notebooks(&paths, &args[1..])),
        Some("test") => test(&paths, &args[1..], lock),
        Some("kernel") => user_kernel::parse_args(&args[1..]).and_then(|destination| {
            lock().and_then(|_lock| user_kernel::install(&paths, &destination))
        }),
        // The lock covers set-up only: a JupyterLab left open must not block the next run.
        Some("lab") => lock()
            .and_then(|lock| setup::setup(&paths).map(|_| drop(lock)))
            .and_then(|()| lab::run_foreground(&paths, &args[1..])),
        Some("check") => check_files(&paths, &args[1..]),
        Some("fixtures") => lock().and_then(|_lock| failing_cells::record(&paths)),
        Some("failing-cells") => {
            lock().and_then(|_lock| setup::setup(&paths).and_then(|_| failing_cells::prove(&paths)))
        }
        Some("browser") => lock().and_then(|_lock| {
            setup::setup(&paths).and_then(|_| browser::smoke(&paths, &Secrets::configured(&paths)))
        }),
        Some("help" | "--help" | "-h") | None => {
            print!("{HELP}");
            Ok(())
        }
        Some(other) => Err(format!("unknown command {other:?}\n\n{HELP}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn test(
    paths: &Paths,
    args: &[String],
    lock: impl FnOnce() -> proc::Result<run_lock::RunLock>,
) -> proc::Result<()> {
    let skipped = steps::skipped_steps(args, std::env::var("XTASK_SKIP").ok().as_deref())?;
    let _lock = lock()?;
    if test_cmd::run(paths, &skipped) {
        Ok(())
    } else {
        Err("some steps failed (see the table above)".into())
    }
}

fn notebooks(paths: &Paths, args: &[String]) -> proc::Result<()> {
    let (options, chosen): (Vec<&String>, Vec<&String>) =
        args.iter().partition(|a| a.starts_with("--"));
    let mut server = None;
    let provider = match options.first().map(|o| o.as_str()) {
        None => Provider::AsConfigured,
        Some("--offline") => Provider::Offline,
        Some("--local-server") => {
            let started = server.insert(server::LocalServer::start(paths)?);
            Provider::LocalServer(started.url.clone())
        }
        Some(other) => return Err(format!("unknown option {other:?}\n\n{HELP}")),
    };
    let notebooks = if chosen.is_empty() {
        notebook_list::notebooks_to_run(paths)?
    } else {
        chosen.iter().map(|c| paths.root.join(c)).collect()
    };
    setup::setup(paths)?;
    let secrets = Secrets::configured(paths);
    let sources = secrets.sources();
    if !sources.is_empty() {
        println!(
            "    outputs are checked for the configured key ({})",
            sources.join(", ")
        );
    }
    let out_dir = match provider {
        Provider::LocalServer(_) => paths.executed_notebooks().join("local_server"),
        _ => paths.executed_notebooks(),
    };
    let outcomes: Vec<_> = notebooks
        .iter()
        .map(|nb| execute::run_notebook(paths, nb, &provider, &out_dir, &secrets))
        .collect();
    drop(server);
    execute::print_table(
        &format!("Notebook runs (executed copies in {})", out_dir.display()),
        &outcomes,
    );
    let failed = outcomes.iter().filter(|o| !o.passed()).count();
    if failed == 0 {
        Ok(())
    } else {
        Err(format!("{failed} of {} notebooks failed", outcomes.len()))
    }
}

fn check_files(paths: &Paths, files: &[String]) -> proc::Result<()> {
    if files.is_empty() {
        return Err("usage: cargo xtask check EXECUTED.ipynb...".into());
    }
    let secrets = Secrets::configured(paths);
    let mut failures = Vec::new();
    for file in files {
        let path = std::path::Path::new(file);
        let name = path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .into_owned();
        let json = execute::read_json(path)?;
        let options = checks::CheckOptions::for_notebook(&name, &secrets);
        failures.extend(checks::check_notebook(&name, &json, &options));
    }
    for failure in &failures {
        println!("{failure}");
    }
    if failures.is_empty() {
        println!("{} notebooks pass the checks", files.len());
        Ok(())
    } else {
        Err(format!("{} problems", failures.len()))
    }
}
