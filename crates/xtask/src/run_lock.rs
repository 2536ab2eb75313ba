//! One xtask run at a time per checkout: two runs would share `.venv`, `target/notebooks` and the
//! kernels' build directories and overwrite each other's results. The lock is an OS file lock on
//! `target/xtask.lock`, so it goes away with the process however it ends; the file's text names
//! the run that holds it, for the message the second run prints.

use crate::proc::Result;
use std::fs::{File, TryLockError};
use std::io::{Read, Seek, Write};
use std::path::Path;

/// Held for as long as the run lasts; dropping it releases the lock.
#[derive(Debug)]
pub struct RunLock {
    _file: File,
}

/// Takes the lock in `lock_file`, or says which run holds it. `command` is what this run is
/// (`cargo xtask test`), written into the file for the next one to read.
pub fn acquire(lock_file: &Path, command: &str) -> Result<RunLock> {
    if let Some(dir) = lock_file.parent() {
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    }
    let mut file = File::options()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(lock_file)
        .map_err(|e| format!("cannot open {}: {e}", lock_file.display()))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(TryLockError::WouldBlock) => {
            let mut holder = String::new();
            let _ = file.read_to_string(&mut holder);
            let holder = holder.trim();
            let holder = if holder.is_empty() {
                "another xtask run (it has not written its name yet)".to_string()
            } else {
                holder.to_string()
            };
            return Err(format!(
                "another run is using this checkout: {holder}. Wait for it to finish, or stop it \
                 (kill its pid); two runs at once would overwrite each other's .venv, \
                 target/notebooks and kernel build directories (lock: {})",
                lock_file.display()
            ));
        }
        Err(TryLockError::Error(e)) => {
            return Err(format!("cannot lock {}: {e}", lock_file.display()))
        }
    }
    let holder = format!("`{command}` (pid {})", std::process::id());
    file.set_len(0)
        .and_then(|()| file.rewind())
        .and_then(|()| file.write_all(holder.as_bytes()))
        .map_err(|e| format!("cannot write {}: {e}", lock_file.display()))?;
    Ok(RunLock { _file: file })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_run_is_refused_with_the_first_ones_pid_and_command() {
        let dir = std::env::temp_dir().join(format!("xtask-lock-{}", std::process::id()));
        let lock_file = dir.join("target").join("xtask.lock");
        let first = acquire(&lock_file, "cargo xtask test").unwrap();
        let err = acquire(&lock_file, "cargo xtask notebooks").unwrap_err();
        let pid = std::process::id().to_string();
        assert!(
            err.contains("`cargo xtask test`") && err.contains(&pid),
            "{err}"
        );
        drop(first);
        let again = acquire(&lock_file, "cargo xtask notebooks").unwrap();
        drop(again);
        let _ = std::fs::remove_dir_all(dir);
    }
}
