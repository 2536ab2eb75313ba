//! JupyterLab from the project's venv: in the foreground for `cargo xtask lab`, or in the
//! background, headless on 127.0.0.1 with a token, for the browser smoke test.

use crate::execute::Provider;
use crate::paths::Paths;
use crate::proc::{self, Result};
use crate::setup;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// `cargo xtask lab`: JupyterLab on the notebooks folder, until Ctrl-C.
pub fn run_foreground(paths: &Paths, extra_args: &[String]) -> Result<()> {
    let mut cmd = setup::jupyter(paths, "lab");
    cmd.arg("--ServerApp.ip=127.0.0.1")
        .arg(format!(
            "--ServerApp.root_dir={}",
            paths.notebooks().display()
        ))
        .args(root_flag())
        .args(extra_args);
    println!(
        "==> JupyterLab on {} (Ctrl-C to stop; the Rust kernel reuses target/evcxr/)",
        paths.notebooks().display()
    );
    let line = proc::describe(&cmd);
    let status = cmd
        .status()
        .map_err(|e| format!("could not start `{line}`: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("`{line}` exited with {status}"))
    }
}

/// A JupyterLab server running in the background; dropping it shuts the server (and its
/// kernels) down.
pub struct BackgroundLab {
    child: Child,
    pub url: String,
    pub token: String,
    pub log: PathBuf,
}

impl BackgroundLab {
    /// Starts JupyterLab headless on a free port, with settings and workspaces in `state_dir` so a
    /// user's own JupyterLab state cannot change what the test sees. Its kernels inherit the
    /// provider's environment: with [`Provider::Offline`] no key from `.env` reaches them.
    pub fn start(paths: &Paths, state_dir: &Path, provider: &Provider) -> Result<BackgroundLab> {
        let port = free_port()?;
        let token = random_token()?;
        let log = state_dir.join("jupyterlab.log");
        let log_file = std::fs::File::create(&log)
            .map_err(|e| format!("cannot write {}: {e}", log.display()))?;
        let mut cmd = headless_command(paths, state_dir, port, &token, provider);
        cmd.stdin(Stdio::null())
            .stdout(log_file.try_clone().map_err(|e| e.to_string())?)
            .stderr(log_file);
        println!(
            "    $ {}  (log: {})",
            proc::describe(&cmd).replace(&token, "<token>"),
            log.display()
        );
        let child = cmd
            .spawn()
            .map_err(|e| format!("cannot start JupyterLab: {e}"))?;
        let mut lab = BackgroundLab {
            child,
            url: format!("http://127.0.0.1:{port}"),
            token,
            log,
        };
        lab.wait_ready(Duration::from_secs(90))?;
        Ok(lab)
    }

    fn wait_ready(&mut self, limit: Duration) -> Result<()> {
        let started = Instant::now();
        while started.elapsed() < limit {
            if let Ok(Some(status)) = self.child.try_wait() {
                return Err(format!(
                    "JupyterLab exited ({status}); last lines of {}:\n{}",
                    self.log.display(),
                    proc::tail(&self.log, 15)
                ));
            }
            if http_status(&self.url, &format!("/api/status?token={}", self.token)) == Some(200) {
                return Ok(());
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        Err(format!(
            "JupyterLab did not answer on {} within {}s; last lines of {}:\n{}",
            self.url,
            limit.as_secs(),
            self.log.display(),
            proc::tail(&self.log, 15)
        ))
    }
}

impl Drop for BackgroundLab {
    fn drop(&mut self) {
        // SIGTERM lets Jupyter shut its kernels down; SIGKILL would orphan evcxr, which holds
        // a build-directory lock.
        let pid = self.child.id().to_string();
        let _ = Command::new("kill").args(["-TERM", &pid]).status();
        let started = Instant::now();
        while started.elapsed() < Duration::from_secs(20) {
            if let Ok(Some(_)) = self.child.try_wait() {
                return;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The headless JupyterLab of the browser test. Its kernels inherit this environment, so the
/// provider's pins (no key, offline model) hold for every kernel the page starts.
fn headless_command(
    paths: &Paths,
    state_dir: &Path,
    port: u16,
    token: &str,
    provider: &Provider,
) -> Command {
    let mut cmd = setup::jupyter(paths, "lab");
    cmd.arg("--no-browser")
        .arg("--ServerApp.ip=127.0.0.1")
        .arg(format!("--ServerApp.port={port}"))
        .arg("--ServerApp.port_retries=0")
        .arg(format!("--IdentityProvider.token={token}"))
        .arg(format!(
            "--ServerApp.root_dir={}",
            paths.notebooks().display()
        ))
        // No network from the test: no extension index, no news feed.
        .arg("--LabApp.extension_manager=readonly")
        .arg("--LabApp.news_url=None")
        // window.jupyterapp, so the test can run JupyterLab's own commands.
        .arg("--LabApp.expose_app_in_browser=True")
        .args(root_flag())
        .env("JUPYTERLAB_SETTINGS_DIR", state_dir.join("settings"))
        .env("JUPYTERLAB_WORKSPACES_DIR", state_dir.join("workspaces"));
    provider.apply(&mut cmd);
    cmd
}

/// Jupyter refuses to run as root without being told; CI and these machines run as root.
fn root_flag() -> Option<&'static str> {
    let uid = proc::output(Command::new("id").arg("-u")).unwrap_or_default();
    (uid.trim() == "0").then_some("--allow-root")
}

fn free_port() -> Result<u16> {
    let listener =
        TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free local port: {e}"))?;
    listener
        .local_addr()
        .map(|a| a.port())
        .map_err(|e| e.to_string())
}

fn random_token() -> Result<String> {
    let mut bytes = [0u8; 16];
    std::fs::File::open("/dev/urandom")
        .and_then(|mut f| f.read_exact(&mut bytes))
        .map_err(|e| format!("cannot read /dev/urandom: {e}"))?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The status code of a plain HTTP GET, or None when nothing answers.
fn http_status(base_url: &str, path: &str) -> Option<u16> {
    let host = base_url.strip_prefix("http://")?;
    let mut stream = TcpStream::connect(host).ok()?;
    stream.set_read_timeout(Some(Duration::from_secs(5))).ok()?;
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {host}\r\n\r\n").ok()?;
    let mut head = [0u8; 12];
    stream.read_exact(&mut head).ok()?;
    std::str::from_utf8(&head[9..12]).ok()?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::KEY_VARS;
    use std::ffi::OsStr;

    #[test]
    fn the_browser_tests_lab_hides_every_key_and_runs_offline() {
        let paths = Paths::discover();
        let cmd = headless_command(
            &paths,
            Path::new("/tmp/state"),
            8899,
            "t",
            &Provider::Offline,
        );
        let env: Vec<(&OsStr, Option<&OsStr>)> = cmd.get_envs().collect();
        let value = |name: &str| {
            env.iter()
                .find(|(k, _)| *k == OsStr::new(name))
                .and_then(|(_, v)| v.map(|v| v.to_string_lossy().into_owned()))
        };
        for var in KEY_VARS {
            assert_eq!(value(var).as_deref(), Some(""), "{var} must be set, empty");
        }
        assert_eq!(value("LLM_PROVIDER").as_deref(), Some("offline"));
    }
}
