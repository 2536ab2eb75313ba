//! `cargo xtask setup`: everything the notebooks need, installed on demand. Each step checks
//! first and says "ok" when there is nothing to do, so running it again costs a second.

use crate::kernel_build;
use crate::paths::Paths;
use crate::prereqs::{self, VenvState};
use crate::proc::{self, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs every set-up step in order and returns where evcxr_jupyter is installed. The machine's
/// tools are checked first and the venv made before the long kernel build, so a missing Python
/// shows in seconds, not after nine minutes of compiling.
pub fn setup(paths: &Paths) -> Result<PathBuf> {
    println!("==> set-up (each step is skipped when already done)");
    prereqs::check_rustc()?;
    prereqs::ensure_components()?;
    prereqs::check_linker()?;
    ensure_venv(paths)?;
    let evcxr = kernel_build::ensure_kernel(paths)?;
    ensure_kernelspec(paths, &evcxr)?;
    std::fs::create_dir_all(paths.evcxr_builds()).map_err(|e| e.to_string())?;
    Ok(evcxr)
}

fn step(name: &str, state: &str) {
    println!("  - {name}: {state}");
}

/// `.venv/` at the repository root, with the pinned tools/requirements.txt. A copy of the
/// requirements inside the venv records what was installed, so a changed pin reinstalls. A venv
/// that is there but unusable (made without pip, its Python gone or too old) is rebuilt.
fn ensure_venv(paths: &Paths) -> Result<()> {
    let python = paths.venv_bin("python");
    match prereqs::venv_state(&paths.venv()) {
        VenvState::Ready => step(".venv", "ok"),
        state => {
            if let VenvState::Broken(reason) = state {
                step(
                    ".venv",
                    &format!("unusable ({reason}); removing it to build it anew"),
                );
                std::fs::remove_dir_all(paths.venv())
                    .map_err(|e| format!("cannot remove {}: {e}", paths.venv().display()))?;
            }
            step(".venv", "creating the project's Python virtual environment");
            proc::run(
                Command::new(prereqs::system_python()?)
                    .arg("-m")
                    .arg("venv")
                    .arg(paths.venv()),
            )?;
            if let VenvState::Broken(reason) = prereqs::venv_state(&paths.venv()) {
                return Err(format!(
                    "the new .venv is not usable either ({reason}); on Debian/Ubuntu install the \
                     python3-venv package for your Python, then run set-up again"
                ));
            }
        }
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
