//! The browser smoke test: JupyterLab headless on 127.0.0.1, the main notebook opened in headless
//! Chromium or Chrome (found by crates/xtask/src/browser_deps.rs, driven by playwright-core from
//! tools/browser/), Run All, then a rendered Markdown answer and an inline SVG plot must be on the
//! page. Screenshots go to target/browser/, each with the page's text beside it, which is scanned
//! for the configured keys. The Lab's kernels run on the offline model, never with a real key.

use crate::browser_deps;
use crate::execute::Provider;
use crate::lab::BackgroundLab;
use crate::original::MAIN_NOTEBOOK;
use crate::paths::Paths;
use crate::proc::{self, Result};
use crate::secrets::Secrets;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The throw-away notebook whose middle cell panics, copied under notebooks/ for the test.
const FAILING_NOTEBOOK: &str = "_smoke_failing_cell.ipynb";

/// Runs the smoke test on the main notebook (or `$SMOKE_NOTEBOOK`, a path under notebooks/).
pub fn smoke(paths: &Paths, secrets: &Secrets) -> Result<()> {
    browser_deps::check_node("the browser test")?;
    let browser = browser_deps::ensure_browser()?;
    proc::npm_ci(&paths.browser_tools(), "playwright-core")?;
    let state_dir = paths.target().join("browser");
    let _ = std::fs::remove_dir_all(state_dir.join("workspaces"));
    remove_page_texts(&state_dir)?;
    write_lab_settings(&state_dir)?;
    let notebook = std::env::var("SMOKE_NOTEBOOK").unwrap_or_else(|_| MAIN_NOTEBOOK.to_string());
    if !paths.notebooks().join(&notebook).is_file() {
        return Err(format!("notebooks/{notebook} is missing"));
    }
    // Under the Lab's root so the browser can open it; `_` keeps it out of notebook runs.
    let failing = paths.notebooks().join(FAILING_NOTEBOOK);
    std::fs::copy(
        paths
            .root
            .join("crates/xtask/fixtures/notebooks/panic.ipynb"),
        &failing,
    )
    .map_err(|e| format!("cannot write {}: {e}", failing.display()))?;
    println!("==> starting JupyterLab headless for the browser");
    let lab = BackgroundLab::start(paths, &state_dir, &Provider::Offline)?;
    println!("==> Chromium: open {notebook}, Run All, look for a Markdown answer and an SVG plot");
    let result = proc::run(
        Command::new("node")
            .arg(paths.browser_tools().join("smoke.mjs"))
            .env("LAB_URL", &lab.url)
            .env("LAB_TOKEN", &lab.token)
            .env("NOTEBOOK", &notebook)
            .env("FAILING_NOTEBOOK", FAILING_NOTEBOOK)
            .env("SCREENSHOT_DIR", &state_dir)
            .env("CHROMIUM", &browser),
    );
    let log = lab.log.clone();
    drop(lab);
    let _ = std::fs::remove_file(&failing);
    report_build_dir(&log, &notebook);
    result?;
    scan_page_texts(&state_dir, secrets)
}

/// Page texts of an earlier run must not stand in for this one's.
fn remove_page_texts(state_dir: &Path) -> Result<()> {
    for text in page_texts(state_dir) {
        std::fs::remove_file(&text)
            .map_err(|e| format!("cannot remove {}: {e}", text.display()))?;
    }
    Ok(())
}

/// The `page_*.txt` files smoke.mjs saves beside each screenshot: the text of the whole page.
fn page_texts(state_dir: &Path) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(state_dir)
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.starts_with("page_") && name.ends_with(".txt")
        })
        .collect();
    found.sort();
    found
}

/// Fails when a page the browser showed contains a configured key or a key-shaped string, or
/// when no page text was saved at all (then nothing was scanned).
pub fn scan_page_texts(state_dir: &Path, secrets: &Secrets) -> Result<()> {
    let texts = page_texts(state_dir);
    if texts.is_empty() {
        return Err(format!(
            "no page text (page_*.txt) in {}: the browser's pages were not scanned for keys",
            state_dir.display()
        ));
    }
    let mut leaks = Vec::new();
    for file in &texts {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("cannot read {}: {e}", file.display()))?;
        if let Some(reason) = secrets.leak_in(&text) {
            leaks.push(format!("{}: {reason}", file.display()));
        }
    }
    if leaks.is_empty() {
        println!(
            "    page texts scanned for keys: {} pages, none found",
            texts.len()
        );
        Ok(())
    } else {
        Err(leaks.join("\n"))
    }
}

/// JupyterLab settings for the test only: render every cell (no windowing), so the whole notebook
/// is in the page for the checks; no autosave, so the outputs never land in the committed notebook;
/// no news prompt over the screenshots.
fn write_lab_settings(state_dir: &Path) -> Result<()> {
    let settings = [
        (
            "notebook-extension",
            "tracker",
            r#"{"windowingMode": "none"}"#,
        ),
        ("docmanager-extension", "plugin", r#"{"autosave": false}"#),
        (
            "apputils-extension",
            "notification",
            r#"{"fetchNews": "false"}"#,
        ),
    ];
    for (extension, plugin, json) in settings {
        let dir: PathBuf = state_dir
            .join("settings")
            .join("@jupyterlab")
            .join(extension);
        std::fs::create_dir_all(&dir)
            .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        std::fs::write(dir.join(format!("{plugin}.jupyterlab-settings")), json)
            .map_err(|e| e.to_string())?;
    }
    Ok(())
}

/// Says which evcxr build directory the Lab kernel used, from the kernel wrapper's log line.
fn report_build_dir(lab_log: &Path, notebook: &str) {
    let text = std::fs::read_to_string(lab_log).unwrap_or_default();
    let stem = notebook.trim_end_matches(".ipynb");
    match text
        .lines()
        .find_map(|l| l.split("evcxr_kernel: build directory ").nth(1))
    {
        Some(dir) if dir.ends_with(stem) => println!(
            "    kernel build directory: {dir} (the notebook's own, warm from the headless run)"
        ),
        Some(dir) => println!("    kernel build directory: {dir} (the notebook's own was busy)"),
        None => println!(
            "    kernel build directory: not found in {}",
            lab_log.display()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn state_dir(label: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("xtask-pages-{label}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    fn secrets() -> Secrets {
        Secrets::new(vec![(
            "OPENAI_API_KEY in .env".into(),
            "test-key-0123456789".into(),
        )])
    }

    #[test]
    fn a_page_showing_the_key_fails_the_scan() {
        let dir = state_dir("leak");
        std::fs::write(
            dir.join("page_answer.txt"),
            "Answer\nBearer test-key-0123456789\n",
        )
        .unwrap();
        std::fs::write(dir.join("page_plot.txt"), "a plot").unwrap();
        let err = scan_page_texts(&dir, &secrets()).unwrap_err();
        assert!(
            err.contains("page_answer.txt") && err.contains("OPENAI_API_KEY in .env"),
            "{err}"
        );
        assert!(!err.contains("test-key-0123456789"));
    }

    #[test]
    fn clean_pages_pass_and_no_pages_at_all_fail() {
        let dir = state_dir("clean");
        assert!(
            scan_page_texts(&dir, &secrets()).is_err(),
            "nothing scanned must not pass"
        );
        std::fs::write(dir.join("page_answer.txt"), "an answer").unwrap();
        scan_page_texts(&dir, &secrets()).unwrap();
        remove_page_texts(&dir).unwrap();
        assert!(page_texts(&dir).is_empty());
    }
}
