//! tools/evcxr_kernel.py, run for real with a stand-in for evcxr_jupyter: a notebook gets its own
//! build directory, a second kernel for the same notebook gets a pool slot while the first holds
//! the lock, and the lock goes away with the kernel.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("xtask-wrapper-test-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A fake evcxr_jupyter that reports its build directory and arguments, then keeps running
/// (holding the inherited lock) until its stdin closes.
fn fake_evcxr(dir: &Path) -> PathBuf {
    let path = dir.join("fake_evcxr");
    std::fs::write(
        &path,
        "#!/bin/sh\necho \"$EVCXR_TMPDIR $1 $2\"\ncat > /dev/null\n",
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn start_kernel(dir: &Path, evcxr: &Path, notebook: &str) -> (Child, String) {
    let wrapper = crate::paths::Paths::discover().kernel_wrapper();
    let mut child = Command::new("python3")
        .arg(wrapper)
        .arg("--evcxr")
        .arg(evcxr)
        .arg("kernel-1.json")
        .env("EVCXR_BUILD_ROOT", dir.join("builds"))
        .env("JPY_SESSION_NAME", notebook)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("python3 runs the wrapper");
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut line)
        .unwrap();
    (child, line.trim().to_string())
}

fn stop(mut kernel: Child) {
    drop(kernel.stdin.take());
    kernel.wait().unwrap();
}

#[test]
fn kernels_get_exclusive_persistent_build_directories() {
    let dir = scratch_dir();
    let evcxr = fake_evcxr(&dir);
    let builds = dir.join("builds");

    let (first, first_line) = start_kernel(&dir, &evcxr, "notebooks/02_demo.ipynb");
    assert_eq!(
        first_line,
        format!(
            "{} --control_file kernel-1.json",
            builds.join("02_demo").display()
        )
    );

    let (second, second_line) = start_kernel(&dir, &evcxr, "/abs/path/02_demo.ipynb");
    assert!(
        second_line.starts_with(&builds.join("pool-0").display().to_string()),
        "{second_line}"
    );

    let (other, other_line) = start_kernel(&dir, &evcxr, "utils demo.ipynb");
    assert!(
        other_line.starts_with(&builds.join("utils_demo").display().to_string()),
        "{other_line}"
    );

    stop(first);
    let (again, again_line) = start_kernel(&dir, &evcxr, "02_demo.ipynb");
    assert!(
        again_line.starts_with(&builds.join("02_demo").display().to_string()),
        "{again_line}"
    );

    for kernel in [second, other, again] {
        stop(kernel);
    }
    let _ = std::fs::remove_dir_all(&dir);
}
