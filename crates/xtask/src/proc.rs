//! Running other programs: every command is announced before it runs, and a failure says which
//! command failed and how.

use std::path::Path;
use std::process::{Command, Stdio};

pub type Result<T> = std::result::Result<T, String>;

/// The command line as a user could paste it (environment overrides are not shown).
pub fn describe(cmd: &Command) -> String {
    let mut words = vec![cmd.get_program().to_string_lossy().into_owned()];
    words.extend(cmd.get_args().map(|a| {
        let a = a.to_string_lossy();
        if a.contains(' ') || a.is_empty() {
            format!("'{a}'")
        } else {
            a.into_owned()
        }
    }));
    words.join(" ")
}

/// Runs `cmd` with the terminal's stdout/stderr and fails unless it exits with status 0.
pub fn run(cmd: &mut Command) -> Result<()> {
    let line = describe(cmd);
    println!("    $ {line}");
    let status = cmd
        .stdin(Stdio::null())
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` failed ({status})"))
    }
}

/// Runs `cmd` quietly and returns its stdout; on failure the error carries its stderr.
pub fn output(cmd: &mut Command) -> Result<String> {
    let line = describe(cmd);
    let out = cmd
        .stdin(Stdio::null())
        .output()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "`{line}` failed ({}): {}",
            out.status,
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

/// Runs `cmd` with stdout and stderr appended to `log`; on failure the error quotes the log's tail.
pub fn run_logged(cmd: &mut Command, log: &Path) -> Result<()> {
    let line = describe(cmd);
    println!("    $ {line}  (log: {})", log.display());
    let file =
        std::fs::File::create(log).map_err(|e| format!("cannot write {}: {e}", log.display()))?;
    let err_file = file.try_clone().map_err(|e| e.to_string())?;
    let status = cmd
        .stdin(Stdio::null())
        .stdout(file)
        .stderr(err_file)
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!(
            "`{line}` failed ({status}); last lines of {}:\n{}",
            log.display(),
            tail(log, 15)
        ))
    }
}

/// The last `lines` lines of a text file, for error messages.
pub fn tail(path: &Path, lines: usize) -> String {
    let text = std::fs::read_to_string(path).unwrap_or_default();
    let all: Vec<&str> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The cargo that runs this xtask (cargo sets `CARGO` for `cargo run`), so child builds use the
/// same toolchain.
pub fn cargo() -> Command {
    Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
}

/// `npm ci` in `dir` from its committed lockfile. A copy of the lockfile in node_modules/ records
/// what is installed, so an unchanged lockfile skips the step.
pub fn npm_ci(dir: &Path, label: &str) -> Result<()> {
    let lock_file = dir.join("package-lock.json");
    let lock = std::fs::read_to_string(&lock_file)
        .map_err(|e| format!("cannot read {}: {e}", lock_file.display()))?;
    let stamp = dir.join("node_modules").join("xtask-package-lock.json");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(lock.as_str()) {
        println!("  - {label} ({}): ok", dir.display());
        return Ok(());
    }
    println!("  - {label} ({}): npm ci", dir.display());
    run(Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(dir))?;
    std::fs::write(&stamp, lock).map_err(|e| e.to_string())
}
