//! Where things live in a clone of the repository. Every path the xtask uses is named here once.

use std::path::{Path, PathBuf};

/// Paths of one checkout, all absolute.
#[derive(Debug, Clone)]
pub struct Paths {
    pub root: PathBuf,
}

impl Paths {
    /// The repository that this xtask was built from (`cargo xtask` always runs from a clone).
    pub fn discover() -> Paths {
        let manifest_dir = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = manifest_dir
            .ancestors()
            .nth(2)
            .expect("crates/xtask sits two levels below the repository root")
            .to_path_buf();
        Paths { root }
    }

    pub fn notebooks(&self) -> PathBuf {
        self.root.join("notebooks")
    }

    pub fn venv(&self) -> PathBuf {
        self.root.join(".venv")
    }

    pub fn venv_bin(&self, program: &str) -> PathBuf {
        self.venv().join("bin").join(program)
    }

    /// Handed to every Jupyter process as `JUPYTER_PATH`, so the project's `rust` kernelspec wins
    /// over one a user may have installed globally with `evcxr_jupyter --install`.
    pub fn jupyter_data(&self) -> PathBuf {
        self.venv().join("share").join("jupyter")
    }

    pub fn kernel_dir(&self) -> PathBuf {
        self.jupyter_data().join("kernels").join("rust")
    }

    pub fn requirements(&self) -> PathBuf {
        self.root.join("tools").join("requirements.txt")
    }

    pub fn kernel_wrapper(&self) -> PathBuf {
        self.root.join("tools").join("evcxr_kernel.py")
    }

    /// Our changes to evcxr (`*.patch`, applied in name order to its crates.io sources at
    /// set-up; see crates/xtask/src/kernel_build.rs).
    pub fn evcxr_patches(&self) -> PathBuf {
        self.root.join("tools").join("evcxr")
    }

    /// Where the patched evcxr_jupyter of one build key is installed: inside the checkout (not
    /// under target/, so `cargo clean` does not cost a 9-minute rebuild), git-ignored.
    pub fn kernel_install(&self, key: &str) -> PathBuf {
        self.root
            .join(".tools")
            .join(format!("evcxr_jupyter-{key}"))
    }

    pub fn browser_tools(&self) -> PathBuf {
        self.root.join("tools").join("browser")
    }

    pub fn target(&self) -> PathBuf {
        self.root.join("target")
    }

    /// evcxr build directories: one per notebook plus a pool (see tools/evcxr_kernel.py).
    pub fn evcxr_builds(&self) -> PathBuf {
        self.target().join("evcxr")
    }

    pub fn executed_notebooks(&self) -> PathBuf {
        self.target().join("notebooks")
    }

    /// Held by a running `cargo xtask` command (see crates/xtask/src/run_lock.rs).
    pub fn run_lock(&self) -> PathBuf {
        self.target().join("xtask.lock")
    }
}
