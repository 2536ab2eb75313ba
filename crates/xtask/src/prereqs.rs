//! What set-up needs from the machine before it installs anything: a new enough Rust with the
//! components the tests use, a C linker, and a Python that can make a virtual environment with
//! pip. Each check says what to install when it fails.

use crate::proc::{self, Result};
use crate::versions::{self, MIN_PYTHON, MIN_RUSTC};
use std::path::Path;
use std::process::Command;

fn step(name: &str, state: &str) {
    println!("  - {name}: {state}");
}

/// rustc at least [`MIN_RUSTC`] (evcxr 0.22.0's rust-version).
pub fn check_rustc() -> Result<()> {
    let found = proc::output(Command::new("rustc").arg("--version"))
        .map_err(|e| format!("{e}\nRust is needed: install it from https://rustup.rs"))?;
    versions::require(
        "Rust",
        found.trim(),
        MIN_RUSTC,
        "evcxr 0.22.0, the notebooks' kernel, declares it; update with `rustup update stable`",
    )?;
    step("Rust", &format!("{} ok", found.trim()));
    Ok(())
}

/// A C compiler and linker: cargo links every notebook cell with it.
pub fn check_linker() -> Result<()> {
    proc::output(Command::new("cc").arg("--version")).map_err(|e| {
        format!("{e}\na C compiler and linker (`cc`) is needed to link Rust programs; install gcc (Debian/Ubuntu: `apt-get install gcc`) or Xcode's command line tools (macOS)")
    })?;
    step("C linker (cc)", "ok");
    Ok(())
}

/// rust-src (evcxr's rust-analyzer reads the standard library's source), clippy and rustfmt
/// (`cargo xtask test` runs them), each added with rustup when it is missing.
pub fn ensure_components() -> Result<()> {
    ensure_component("rust-src", has_rust_src, &mut rustup_add("rust-src"))?;
    ensure_component(
        "clippy",
        || proc::output(proc::cargo().args(["clippy", "--version"])).is_ok(),
        &mut rustup_add("clippy"),
    )?;
    ensure_component(
        "rustfmt",
        || proc::output(proc::cargo().args(["fmt", "--version"])).is_ok(),
        &mut rustup_add("rustfmt"),
    )
}

fn rustup_add(component: &str) -> Command {
    let mut cmd = Command::new("rustup");
    cmd.args(["component", "add", component]);
    cmd
}

fn has_rust_src() -> bool {
    proc::output(Command::new("rustc").args(["--print", "sysroot"])).is_ok_and(|sysroot| {
        Path::new(sysroot.trim())
            .join("lib/rustlib/src/rust/library")
            .is_dir()
    })
}

/// Adds `name` with `add` when `present` says it is missing, then checks again.
pub fn ensure_component(name: &str, present: impl Fn() -> bool, add: &mut Command) -> Result<()> {
    let label = format!("{name} component");
    if present() {
        step(&label, "ok");
        return Ok(());
    }
    step(&label, "missing, adding it");
    let how = proc::describe(add);
    proc::run(add).map_err(|e| {
        format!("{e}\n{name} is needed; install it with `{how}` (or your distribution's {name} package)")
    })?;
    if present() {
        Ok(())
    } else {
        Err(format!("`{how}` ran, but {name} is still missing"))
    }
}

/// Interpreters tried for the project's `.venv`: the usual names, then versioned ones (a machine
/// whose `python3` is too old often has a newer one beside it); `PYTHON` goes before all.
const PYTHON_NAMES: [&str; 6] = [
    "python3",
    "python",
    "python3.14",
    "python3.13",
    "python3.12",
    "python3.11",
];

/// Prints the version and fails when venv or ensurepip (which puts pip into a venv) is missing.
const PYTHON_PROBE: &str =
    "import sys, venv, ensurepip; print('Python %d.%d.%d' % sys.version_info[:3])";

/// The first interpreter that is new enough and can make a venv with pip; the error lists what
/// each candidate lacked.
pub fn system_python() -> Result<String> {
    let mut candidates: Vec<String> = std::env::var("PYTHON").into_iter().collect();
    candidates.extend(PYTHON_NAMES.iter().map(|n| n.to_string()));
    let mut notes = Vec::new();
    for candidate in candidates {
        match proc::output(Command::new(&candidate).args(["-c", PYTHON_PROBE])) {
            Ok(version) => match versions::require("Python", version.trim(), MIN_PYTHON, "the pins of tools/requirements.txt") {
                Ok(()) => {
                    step("Python for .venv", &format!("{candidate} ({})", version.trim()));
                    return Ok(candidate);
                }
                Err(_) => notes.push(format!("{candidate}: {} is too old", version.trim())),
            },
            Err(e) if e.contains("could not start") => {}
            Err(_) => notes.push(format!(
                "{candidate}: cannot make a virtual environment with pip (no venv/ensurepip; on Debian/Ubuntu install the python3-venv package)"
            )),
        }
    }
    Err(format!(
        "Python {}+ with venv and pip is needed for the project's .venv (JupyterLab, nbconvert); {}. \
         Install it (python.org, your package manager, or pyenv), or name one with PYTHON=/path/to/python3",
        versions::label(MIN_PYTHON),
        if notes.is_empty() { "none found".to_string() } else { format!("found: {}", notes.join("; ")) }
    ))
}

/// What is in `.venv/`.
#[derive(Debug, PartialEq)]
pub enum VenvState {
    Missing,
    /// There, but not usable (half made, no pip, too old): rebuilt, with the reason shown.
    Broken(String),
    Ready,
}

/// Looks at a venv the way set-up uses it: its python runs, has pip, and is new enough.
pub fn venv_state(venv: &Path) -> VenvState {
    let python = venv.join("bin").join("python");
    if !python.is_file() {
        return if venv.exists() {
            VenvState::Broken(format!("{} is missing", python.display()))
        } else {
            VenvState::Missing
        };
    }
    let probe = "import sys, pip; print('Python %d.%d.%d' % sys.version_info[:3])";
    match proc::output(Command::new(&python).args(["-c", probe])) {
        Err(e) => VenvState::Broken(
            e.lines()
                .rev()
                .find(|l| !l.trim().is_empty())
                .unwrap_or("its python does not run")
                .trim()
                .to_string(),
        ),
        Ok(version) => match versions::require("Python", version.trim(), MIN_PYTHON, "the pins") {
            Ok(()) => VenvState::Ready,
            Err(e) => VenvState::Broken(e),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(label: &str) -> std::path::PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-prereqs-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn a_venv_made_without_pip_is_broken_not_present() {
        let dir = temp_dir("nopip");
        let venv = dir.join(".venv");
        let python = system_python().expect("the tests need the Python set-up uses");
        proc::output(
            Command::new(python)
                .args(["-m", "venv", "--without-pip"])
                .arg(&venv),
        )
        .unwrap();
        match venv_state(&venv) {
            VenvState::Broken(reason) => assert!(reason.contains("pip"), "{reason}"),
            other => panic!("a venv without pip counted as {other:?}"),
        }
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_half_made_venv_is_broken_and_none_is_missing() {
        let dir = temp_dir("half");
        assert_eq!(venv_state(&dir.join("absent")), VenvState::Missing);
        std::fs::create_dir_all(dir.join("half/bin")).unwrap();
        assert!(matches!(
            venv_state(&dir.join("half")),
            VenvState::Broken(_)
        ));
    }

    #[test]
    fn a_component_that_cannot_be_added_is_an_actionable_error() {
        let err = ensure_component("clippy", || false, &mut Command::new("false")).unwrap_err();
        assert!(
            err.contains("clippy is needed") && err.contains("`false`"),
            "{err}"
        );
        let err = ensure_component("rustfmt", || false, &mut Command::new("true")).unwrap_err();
        assert!(err.contains("still missing"), "{err}");
        ensure_component("rust-src", || true, &mut Command::new("false")).unwrap();
    }
}
