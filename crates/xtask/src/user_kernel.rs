//! `cargo xtask kernel`: the project's `rust` kernelspec (the kernel wrapper, the patched
//! evcxr_jupyter and the persistent build directories under target/evcxr/) installed into a
//! Jupyter the user already has, so plain `jupyter nbconvert --execute` and `papermill` find
//! the `rust` kernel there.

use crate::paths::Paths;
use crate::proc::{self, Result};
use crate::setup;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Where the kernelspec goes.
#[derive(Debug, PartialEq)]
pub enum Destination {
    /// The user's Jupyter data folder (`jupyter --data-dir`), seen by every Jupyter of the user.
    User,
    /// `PREFIX/share/jupyter/kernels/`, seen by the Jupyter installed in that Python environment.
    SysPrefix(PathBuf),
}

pub const USAGE: &str = "usage: cargo xtask kernel [--user | --sys-prefix PYTHON_ENVIRONMENT]";

pub fn parse_args(args: &[String]) -> Result<Destination> {
    match args {
        [] => Ok(Destination::User),
        [flag] if flag == "--user" => Ok(Destination::User),
        [flag, prefix] if flag == "--sys-prefix" => {
            Ok(Destination::SysPrefix(PathBuf::from(prefix)))
        }
        _ => Err(USAGE.into()),
    }
}

/// Sets up the project, then copies its kernelspec to `destination`.
pub fn install(paths: &Paths, destination: &Destination) -> Result<()> {
    if let Destination::SysPrefix(prefix) = destination {
        check_environment(prefix)?;
    }
    let evcxr = setup::setup(paths)?;
    let kernels = match destination {
        Destination::User => {
            // The venv's jupyter_core knows the user's data folder on every platform.
            let data_dir = proc::output(Command::new(paths.venv_bin("jupyter")).arg("--data-dir"))?;
            PathBuf::from(data_dir.trim()).join("kernels")
        }
        Destination::SysPrefix(prefix) => prefix.join("share").join("jupyter").join("kernels"),
    };
    let installed = copy_kernelspec(&paths.kernel_dir(), &kernels)?;
    println!(
        "==> installed the project's `rust` kernel as {}\n    it runs {} through {}, with build directories under {}\n    try: jupyter nbconvert --to notebook --execute notebooks/02_how_llms_are_trained.ipynb --output-dir target/notebooks",
        installed.display(),
        evcxr.display(),
        paths.kernel_wrapper().display(),
        paths.evcxr_builds().display()
    );
    Ok(())
}

/// A folder that is a Python environment: a venv (`pyvenv.cfg`), a conda environment
/// (`conda-meta/`) or an installation with `bin/python3`.
fn check_environment(prefix: &Path) -> Result<()> {
    let markers = ["pyvenv.cfg", "conda-meta", "bin/python3", "bin/python"];
    if markers.iter().any(|m| prefix.join(m).exists()) {
        Ok(())
    } else {
        Err(format!(
            "{} is not a Python environment (no pyvenv.cfg, conda-meta or bin/python3); give the \
             folder that `python -c 'import sys; print(sys.prefix)'` prints in that environment",
            prefix.display()
        ))
    }
}

/// Copies the files of `spec` into `kernels/rust`, replacing an older copy; returns that folder.
pub fn copy_kernelspec(spec: &Path, kernels: &Path) -> Result<PathBuf> {
    let dest = kernels.join("rust");
    std::fs::create_dir_all(&dest).map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
    let entries = std::fs::read_dir(spec).map_err(|e| {
        format!(
            "cannot read the project's kernelspec {}: {e}",
            spec.display()
        )
    })?;
    for entry in entries.filter_map(|e| e.ok()) {
        if entry.path().is_file() {
            let to = dest.join(entry.file_name());
            std::fs::copy(entry.path(), &to)
                .map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        }
    }
    if !dest.join("kernel.json").is_file() {
        return Err(format!(
            "{} has no kernel.json; run `cargo xtask setup`",
            spec.display()
        ));
    }
    Ok(dest)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn installs_the_projects_spec_into_a_python_environment() {
        let dir = std::env::temp_dir().join(format!("xtask-kernelspec-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        let spec = dir.join("spec");
        std::fs::create_dir_all(&spec).unwrap();
        let paths = Paths { root: dir.clone() };
        let json = setup::kernel_json(&paths, Path::new("/opt/evcxr_jupyter"));
        std::fs::write(spec.join("kernel.json"), &json).unwrap();
        std::fs::write(spec.join("logo-64x64.png"), "png").unwrap();
        let env = dir.join("env");
        assert!(
            check_environment(&env).is_err(),
            "an empty folder is no environment"
        );
        std::fs::create_dir_all(&env).unwrap();
        std::fs::write(env.join("pyvenv.cfg"), "home = /usr/bin\n").unwrap();
        check_environment(&env).unwrap();
        let installed = copy_kernelspec(&spec, &env.join("share/jupyter/kernels")).unwrap();
        let copied = std::fs::read_to_string(installed.join("kernel.json")).unwrap();
        assert_eq!(copied, json);
        assert!(copied.contains("evcxr_kernel.py") && copied.contains("/opt/evcxr_jupyter"));
        assert!(installed.join("logo-64x64.png").is_file());
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn reads_where_to_install() {
        assert_eq!(parse_args(&[]).unwrap(), Destination::User);
        assert_eq!(
            parse_args(&["--sys-prefix".into(), "/opt/env".into()]).unwrap(),
            Destination::SysPrefix("/opt/env".into())
        );
        assert!(parse_args(&["--sys-prefix".into()]).is_err());
    }
}
