//! tools/evcxr_kernel.py, run for real with a stand-in for evcxr_jupyter: a notebook gets its own
//! build directory, a second kernel for the same notebook gets a pool slot while the first holds
//! the lock, and the lock goes away with the kernel.

use std::io::{BufRead, BufReader};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

fn scratch_dir(test: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("xtask-wrapper-test-{}-{test}", std::process::id()));
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
    start_kernel_with(dir, evcxr, notebook, &[])
}

fn start_kernel_with(
    dir: &Path,
    evcxr: &Path,
    notebook: &str,
    env: &[(&str, &str)],
) -> (Child, String) {
    let wrapper = crate::paths::Paths::discover().kernel_wrapper();
    let mut child = Command::new("python3")
        .arg(wrapper)
        .arg("--evcxr")
        .arg(evcxr)
        .arg("kernel-1.json")
        .env("EVCXR_BUILD_ROOT", dir.join("builds"))
        .env("JPY_SESSION_NAME", notebook)
        .env_remove("EVCXR_CARGO_CONFIG")
        .envs(env.iter().copied())
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
    let dir = scratch_dir("dirs");
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

#[test]
fn kernels_install_the_crates_cargo_profile_where_cargo_reads_it() {
    let dir = scratch_dir("profile");
    let evcxr = fake_evcxr(&dir);
    let installed = dir.join("builds/.cargo/config.toml");
    let shipped = crate::paths::Paths::discover()
        .kernel_wrapper()
        .with_file_name("evcxr_cargo_config.toml");

    let (kernel, line) = start_kernel(&dir, &evcxr, "02_demo.ipynb");
    stop(kernel);
    assert!(line.contains("02_demo"), "{line}");
    assert_eq!(
        std::fs::read_to_string(&installed).unwrap(),
        std::fs::read_to_string(&shipped).unwrap()
    );

    // cargo, run from inside a build directory as evcxr runs it, sees the profile.
    let build_dir = dir.join("builds/02_demo");
    let shown = Command::new(env!("CARGO"))
        .args([
            "-Z",
            "unstable-options",
            "config",
            "get",
            "profile.dev.package",
        ])
        .env("RUSTC_BOOTSTRAP", "1")
        .current_dir(&build_dir)
        .output()
        .expect("cargo runs");
    let shown = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown.contains("tiny_lm") && shown.contains("opt-level = 3"),
        "cargo config from {}: {shown}",
        build_dir.display()
    );

    // An empty EVCXR_CARGO_CONFIG takes it away again (the benchmark's "before" set-up).
    let (kernel, _) =
        start_kernel_with(&dir, &evcxr, "02_demo.ipynb", &[("EVCXR_CARGO_CONFIG", "")]);
    stop(kernel);
    assert!(!installed.exists());

    // A profile that cannot be read costs a warning, not the kernel: evcxr still starts, and
    // the profile installed before stays.
    let (kernel, _) = start_kernel(&dir, &evcxr, "02_demo.ipynb");
    stop(kernel);
    assert!(installed.exists());
    let missing = dir.join("no-such-profile.toml");
    let (kernel, line) = start_kernel_with(
        &dir,
        &evcxr,
        "02_demo.ipynb",
        &[("EVCXR_CARGO_CONFIG", missing.to_str().unwrap())],
    );
    stop(kernel);
    assert!(line.ends_with("--control_file kernel-1.json"), "{line}");
    assert_eq!(
        std::fs::read_to_string(&installed).unwrap(),
        std::fs::read_to_string(&shipped).unwrap()
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_new_build_directory_gets_the_workspace_lock_file_and_an_old_one_keeps_its_own() {
    let dir = scratch_dir("lock");
    let evcxr = fake_evcxr(&dir);
    let workspace_lock = std::fs::read(crate::paths::Paths::discover().root.join("Cargo.lock"))
        .expect("the workspace's Cargo.lock");

    let (kernel, _) = start_kernel(&dir, &evcxr, "notebooks/02_demo.ipynb");
    stop(kernel);
    let kept = dir.join("builds/02_demo/Cargo.lock.evcxr-kept");
    assert_eq!(std::fs::read(&kept).unwrap(), workspace_lock);

    // A directory that has built something keeps the versions it resolved.
    std::fs::write(&kept, "version = 4\n").unwrap();
    let (kernel, _) = start_kernel(&dir, &evcxr, "notebooks/02_demo.ipynb");
    stop(kernel);
    assert_eq!(std::fs::read_to_string(&kept).unwrap(), "version = 4\n");

    let other = dir.join("builds/03_other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("Cargo.lock"), "version = 4\n").unwrap();
    let (kernel, _) = start_kernel(&dir, &evcxr, "notebooks/03_other.ipynb");
    stop(kernel);
    assert!(!other.join("Cargo.lock.evcxr-kept").exists());
    let _ = std::fs::remove_dir_all(&dir);
}
