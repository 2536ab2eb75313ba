//! `cargo xtask setup`: everything the notebooks need, installed on demand. Each step checks
//! first and says "ok" when there is nothing to do, so running it again costs a second.

use crate::kernel_build;
use crate::paths::Paths;
use crate::proc::{self, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs every set-up step in order and returns where evcxr_jupyter is installed.
pub fn setup(paths: &Paths) -> Result<PathBuf> {
    println!("==> set-up (each step is skipped when already done)");
    ensure_rust_src()?;
    let evcxr = kernel_build::ensure_kernel(paths)?;
    ensure_venv(paths)?;
    ensure_kernelspec(paths, &evcxr)?;
    std::fs::create_dir_all(paths.evcxr_builds()).map_err(|e| e.to_string())?;
    Ok(evcxr)
}

fn step(name: &str, state: &str) {
    println!("  - {name}: {state}");
}

/// evcxr type-checks cells with rust-analyzer, which needs the standard library's source.
fn ensure_rust_src() -> Result<()> {
    let sysroot = proc::output(Command::new("rustc").args(["--print", "sysroot"]))?;
    let library = Path::new(sysroot.trim()).join("lib/rustlib/src/rust/library");
    if library.is_dir() {
        step("rust-src component", "ok");
        return Ok(());
    }
    step("rust-src component", "installing with rustup");
    proc::run(Command::new("rustup").args(["component", "add", "rust-src"])).map_err(|e| {
        format!("{e}\nrust-src is needed by evcxr; install it with `rustup component add rust-src`")
    })
}

fn system_python() -> Result<String> {
    for candidate in ["python3", "python"] {
        let check = Command::new(candidate)
            .args([
                "-c",
                "import sys, venv; sys.exit(0 if sys.version_info >= (3, 9) else 1)",
            ])
            .status();
        if matches!(check, Ok(status) if status.success()) {
            return Ok(candidate.to_string());
        }
    }
    Err(
        "no Python 3.9+ with the venv module found (tried python3, python); install Python 3"
            .into(),
    )
}

/// `.venv/` at the repository root, with the pinned tools/requirements.txt. A copy of the
/// requirements inside the venv records what was installed, so a changed pin reinstalls.
fn ensure_venv(paths: &Paths) -> Result<()> {
    let python = paths.venv_bin("python");
    if !python.is_file() {
        step(".venv", "creating the project's Python virtual environment");
        proc::run(
            Command::new(system_python()?)
                .arg("-m")
                .arg("venv")
                .arg(paths.venv()),
        )?;
    }
    let wanted = std::fs::read_to_string(paths.requirements())
        .map_err(|e| format!("cannot read {}: {e}", paths.requirements().display()))?;
    let stamp = paths.venv().join("xtask-requirements.txt");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        step("JupyterLab, nbconvert, nbclient in .venv", "ok");
        return Ok(());
    }
    step(
        "JupyterLab, nbconvert, nbclient in .venv",
        "installing the pinned tools/requirements.txt (about a minute)",
    );
    proc::run(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(paths.requirements()),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| e.to_string())
}

/// The kernelspec JupyterLab and nbconvert use: evcxr started through tools/evcxr_kernel.py, which
/// picks a persistent build directory. Installed into the venv, so it is project-local.
pub fn kernel_json(paths: &Paths, evcxr: &Path) -> String {
    let spec = serde_json::json!({
        "argv": [
            paths.venv_bin("python"),
            paths.kernel_wrapper(),
            "--evcxr",
            evcxr,
            "{connection_file}",
        ],
        "display_name": "Rust",
        "language": "rust",
        "interrupt_mode": "message",
    });
    serde_json::to_string_pretty(&spec).expect("a JSON value always serialises") + "\n"
}

fn ensure_kernelspec(paths: &Paths, evcxr: &Path) -> Result<()> {
    let dir = paths.kernel_dir();
    let spec_file = dir.join("kernel.json");
    let wanted = kernel_json(paths, evcxr);
    let current = std::fs::read_to_string(&spec_file).ok();
    if current.as_deref() == Some(wanted.as_str()) && dir.join("version.txt").is_file() {
        step("rust kernelspec in .venv", "ok");
        return Ok(());
    }
    step(
        "rust kernelspec in .venv",
        &format!("writing {}", dir.display()),
    );
    // evcxr's installer writes the logo and the editor support files; JUPYTER_PATH points it at
    // the venv instead of the user's global Jupyter folder. Then our argv replaces its own.
    proc::output(
        Command::new(evcxr)
            .arg("--install")
            .env("JUPYTER_PATH", paths.jupyter_data()),
    )?;
    std::fs::write(&spec_file, wanted)
        .map_err(|e| format!("cannot write {}: {e}", spec_file.display()))
}

/// A `jupyter` subcommand from the venv, with the environment every Jupyter process here gets.
pub fn jupyter(paths: &Paths, subcommand: &str) -> Command {
    let mut cmd = Command::new(paths.venv_bin("jupyter"));
    cmd.arg(subcommand);
    jupyter_env(cmd, paths)
}

/// The environment every Jupyter process of the project gets (also papermill's).
pub fn jupyter_env(mut cmd: Command, paths: &Paths) -> Command {
    cmd.env("JUPYTER_PATH", paths.jupyter_data())
        // Keep Jupyter's runtime files (connection files, server info) inside the clone.
        .env(
            "JUPYTER_RUNTIME_DIR",
            paths.target().join("jupyter-runtime"),
        )
        .env("PYTHONUNBUFFERED", "1");
    cmd
}
