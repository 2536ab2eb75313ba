//! The browser smoke test: JupyterLab headless on 127.0.0.1, the main notebook opened in headless
//! Chromium (Debian's package, driven by playwright-core from tools/browser/), Run All, then a
//! rendered Markdown answer and an inline SVG plot must be on the page. Screenshots go to
//! target/browser/.

use crate::lab::BackgroundLab;
use crate::original::MAIN_NOTEBOOK;
use crate::paths::Paths;
use crate::proc::{self, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

const CHROMIUM: &str = "/usr/bin/chromium";

/// The throw-away notebook whose middle cell panics, copied under notebooks/ for the test.
const FAILING_NOTEBOOK: &str = "_smoke_failing_cell.ipynb";

/// Runs the smoke test on the main notebook (or `$SMOKE_NOTEBOOK`, a path under notebooks/).
pub fn smoke(paths: &Paths) -> Result<()> {
    ensure_chromium()?;
    ensure_playwright(paths)?;
    let state_dir = paths.target().join("browser");
    let _ = std::fs::remove_dir_all(state_dir.join("workspaces"));
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
    let lab = BackgroundLab::start(paths, &state_dir)?;
    println!("==> Chromium: open {notebook}, Run All, look for a Markdown answer and an SVG plot");
    let result = proc::run(
        Command::new("node")
            .arg(paths.browser_tools().join("smoke.mjs"))
            .env("LAB_URL", &lab.url)
            .env("LAB_TOKEN", &lab.token)
            .env("NOTEBOOK", &notebook)
            .env("FAILING_NOTEBOOK", FAILING_NOTEBOOK)
            .env("SCREENSHOT_DIR", &state_dir)
            .env("CHROMIUM", CHROMIUM),
    );
    let log = lab.log.clone();
    drop(lab);
    let _ = std::fs::remove_file(&failing);
    report_build_dir(&log, &notebook);
    result
}

fn is_root() -> bool {
    proc::output(Command::new("id").arg("-u")).is_ok_and(|uid| uid.trim() == "0")
}

/// Debian packages the test needs: the browser, its driver, and a colour emoji font so the
/// headings' emoji show in the screenshots instead of empty boxes.
const APT_PACKAGES: [(&str, &str); 3] = [
    ("chromium", CHROMIUM),
    ("chromium-driver", "/usr/bin/chromedriver"),
    (
        "fonts-noto-color-emoji",
        "/usr/share/fonts/truetype/noto/NotoColorEmoji.ttf",
    ),
];

fn ensure_chromium() -> Result<()> {
    let missing: Vec<&str> = APT_PACKAGES
        .iter()
        .filter(|(_, file)| !Path::new(file).is_file())
        .map(|(package, _)| *package)
        .collect();
    if missing.is_empty() {
        println!("  - chromium, chromium-driver, fonts-noto-color-emoji: ok");
        return Ok(());
    }
    if !is_root() {
        if !Path::new(CHROMIUM).is_file() {
            return Err(format!(
                "{CHROMIUM} is missing; install it with `sudo apt-get install {}`",
                missing.join(" ")
            ));
        }
        println!(
            "  - {}: missing (not root, going on without)",
            missing.join(", ")
        );
        return Ok(());
    }
    println!(
        "  - {}: installing with apt-get (a minute or two)",
        missing.join(", ")
    );
    proc::run(Command::new("apt-get").args(["update", "-qq"]))?;
    proc::run(
        Command::new("apt-get")
            .args(["install", "-y", "-qq", "--no-install-recommends"])
            .args(&missing)
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

/// `npm ci` from the committed lockfile; a copy of the lockfile in node_modules/ records what is
/// installed, so an unchanged lockfile skips the step.
fn ensure_playwright(paths: &Paths) -> Result<()> {
    let dir = paths.browser_tools();
    let lock = std::fs::read_to_string(dir.join("package-lock.json"))
        .map_err(|e| format!("cannot read tools/browser/package-lock.json: {e}"))?;
    let stamp = dir.join("node_modules").join("xtask-package-lock.json");
    if std::fs::read_to_string(&stamp).ok().as_deref() == Some(lock.as_str()) {
        println!("  - playwright-core (tools/browser): ok");
        return Ok(());
    }
    println!("  - playwright-core (tools/browser): npm ci");
    proc::run(
        Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
            .current_dir(&dir),
    )?;
    std::fs::write(&stamp, lock).map_err(|e| e.to_string())
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
