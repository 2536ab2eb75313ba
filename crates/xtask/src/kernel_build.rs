//! The project's own evcxr_jupyter: the pinned release from crates.io with our patches
//! (tools/evcxr/*.patch, in name order) applied, built once into `.tools/` of this checkout.
//!
//! Why a patched build: evcxr_jupyter 0.22.0 replies `"status": "ok"` to a cell that panicked or
//! whose `?` returned an error, so "Run All", nbconvert and papermill go on past a failing cell;
//! 0001 makes the kernel report those failures as errors, like ipykernel does. 0002 shows a final
//! `expr?` with its `evcxr_display` (a rendered answer) instead of its Debug text. Each patch
//! says why in its header, written to be proposed upstream. A user's own
//! `evcxr_jupyter` (in ~/.cargo/bin or `CARGO_INSTALL_ROOT`) is never touched: nothing here runs
//! `cargo install`.

use crate::paths::Paths;
use crate::proc::{self, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Pinned so every machine runs the kernel the notebooks and the patch were written against.
pub const EVCXR_VERSION: &str = "0.22.0";

/// The two crates the patch changes, both fetched from crates.io at [`EVCXR_VERSION`].
const PATCHED_CRATES: [&str; 2] = ["evcxr", "evcxr_jupyter"];

/// The installed kernel binary for the current patch, building it first when it is missing.
pub fn ensure_kernel(paths: &Paths) -> Result<PathBuf> {
    let patches = patch_files(&paths.evcxr_patches())?;
    let mut all_patches = Vec::new();
    for patch in &patches {
        all_patches.extend(
            std::fs::read(patch).map_err(|e| format!("cannot read {}: {e}", patch.display()))?,
        );
    }
    let install = paths.kernel_install(&build_key(&all_patches));
    let binary = install.join("bin").join("evcxr_jupyter");
    if binary.is_file() {
        println!(
            "  - evcxr_jupyter {EVCXR_VERSION} (patched): ok ({})",
            binary.display()
        );
        return Ok(binary);
    }
    println!(
        "  - evcxr_jupyter {EVCXR_VERSION} (patched): building from crates.io sources into {} \
         (about 9 minutes on 2 cores, once)",
        install.display()
    );
    let work = paths.target().join("kernel-build");
    let sources = fetch_sources(&work)?;
    let tree = work.join("src");
    prepare_tree(&sources, &tree, &patches)?;
    let built = build(&tree, &work.join("target"))?;
    install_binary(&built, &binary)?;
    Ok(binary)
}

/// The patches to apply, in name order (`0001-…`, `0002-…`).
fn patch_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut patches: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| format!("cannot list {}: {e}", dir.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| path.extension().is_some_and(|ext| ext == "patch"))
        .collect();
    patches.sort();
    if patches.is_empty() {
        return Err(format!("no evcxr patches in {}", dir.display()));
    }
    Ok(patches)
}

/// Names the install folder after the version and the patches' content, so a changed patch
/// builds anew and an unchanged set is never rebuilt.
pub fn build_key(patch: &[u8]) -> String {
    format!("{EVCXR_VERSION}-{:016x}", fnv1a(patch))
}

/// FNV-1a, 64 bits: stable across Rust versions (std's hasher is not), enough for a cache key.
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |hash, &byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Downloads the pinned crates through cargo (so a user's registry mirror is honoured) and
/// returns their unpacked source folders, in the order of [`PATCHED_CRATES`].
fn fetch_sources(work: &Path) -> Result<Vec<PathBuf>> {
    let fetch = work.join("fetch");
    std::fs::create_dir_all(fetch.join("src")).map_err(|e| e.to_string())?;
    let deps: String = PATCHED_CRATES
        .iter()
        .map(|name| format!("{name} = \"={EVCXR_VERSION}\"\n"))
        .collect();
    let manifest = format!(
        "[package]\nname = \"evcxr-sources\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\
         publish = false\n\n[dependencies]\n{deps}\n[workspace]\n"
    );
    write(&fetch.join("Cargo.toml"), &manifest)?;
    write(&fetch.join("src").join("lib.rs"), "")?;
    let metadata = proc::output(
        proc::cargo()
            .args(["metadata", "--format-version", "1", "--manifest-path"])
            .arg(fetch.join("Cargo.toml")),
    )?;
    let metadata: serde_json::Value =
        serde_json::from_str(&metadata).map_err(|e| format!("cargo metadata: {e}"))?;
    PATCHED_CRATES
        .iter()
        .map(|name| source_dir(&metadata, name))
        .collect()
}

/// The folder of `name` at [`EVCXR_VERSION`] in `cargo metadata` output.
fn source_dir(metadata: &serde_json::Value, name: &str) -> Result<PathBuf> {
    metadata["packages"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|p| p["name"] == name && p["version"] == EVCXR_VERSION)
        .and_then(|p| p["manifest_path"].as_str())
        .and_then(|manifest| Path::new(manifest).parent().map(Path::to_path_buf))
        .ok_or_else(|| format!("cargo metadata did not list {name} {EVCXR_VERSION}"))
}

/// A fresh copy of the crates' sources with the patch applied, and evcxr_jupyter pointed at the
/// patched evcxr. Only evcxr's entry of evcxr_jupyter's shipped Cargo.lock changes: every other
/// dependency stays at the version that release was published with.
fn prepare_tree(sources: &[PathBuf], tree: &Path, patches: &[PathBuf]) -> Result<()> {
    if tree.exists() {
        std::fs::remove_dir_all(tree)
            .map_err(|e| format!("cannot remove {}: {e}", tree.display()))?;
    }
    for (name, source) in PATCHED_CRATES.iter().zip(sources) {
        copy_dir(source, &tree.join(name))?;
    }
    // git apply refuses a patch that does not match exactly (no fuzz); the copy is its own
    // repository so that git does not resolve paths against ours.
    proc::output(Command::new("git").args(["init", "-q"]).current_dir(tree))?;
    for patch in patches {
        proc::output(
            Command::new("git")
                .args(["apply", "--whitespace=nowarn", "-p1"])
                .arg(patch)
                .current_dir(tree),
        )
        .map_err(|e| {
            format!(
                "{} does not apply to the evcxr {EVCXR_VERSION} sources: {e}",
                patch.display()
            )
        })?;
    }
    let manifest = tree.join("evcxr_jupyter").join("Cargo.toml");
    let mut text = std::fs::read_to_string(&manifest).map_err(|e| e.to_string())?;
    text.push_str("\n[patch.crates-io]\nevcxr = { path = \"../evcxr\" }\n");
    write(&manifest, &text)
}

/// `cargo build --release` of the patched tree (not `cargo install`, which would ignore the
/// shipped Cargo.lock without `--locked`, and `--locked` refuses the changed evcxr entry).
fn build(tree: &Path, target_dir: &Path) -> Result<PathBuf> {
    proc::run(
        proc::cargo()
            .args([
                "build",
                "--release",
                "--bin",
                "evcxr_jupyter",
                "--manifest-path",
            ])
            .arg(tree.join("evcxr_jupyter").join("Cargo.toml"))
            .env("CARGO_TARGET_DIR", target_dir),
    )?;
    let built = target_dir.join("release").join("evcxr_jupyter");
    if built.is_file() {
        Ok(built)
    } else {
        Err(format!(
            "the build finished but {} is missing",
            built.display()
        ))
    }
}

/// Copies through a temporary name, so an interrupted copy never looks installed.
fn install_binary(built: &Path, binary: &Path) -> Result<()> {
    let bin_dir = binary.parent().expect("the binary sits in a bin folder");
    std::fs::create_dir_all(bin_dir).map_err(|e| e.to_string())?;
    let partial = bin_dir.join(".evcxr_jupyter.partial");
    std::fs::copy(built, &partial).map_err(|e| {
        format!(
            "cannot copy {} to {}: {e}",
            built.display(),
            partial.display()
        )
    })?;
    std::fs::rename(&partial, binary).map_err(|e| e.to_string())
}

fn copy_dir(from: &Path, to: &Path) -> Result<()> {
    std::fs::create_dir_all(to).map_err(|e| format!("cannot create {}: {e}", to.display()))?;
    let entries =
        std::fs::read_dir(from).map_err(|e| format!("cannot list {}: {e}", from.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| e.to_string())?;
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
            copy_dir(&path, &dest)?;
        } else {
            std::fs::copy(&path, &dest)
                .map_err(|e| format!("cannot copy {}: {e}", path.display()))?;
        }
    }
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<()> {
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_build_key_changes_with_the_patch_and_only_with_it() {
        let patch = b"--- a/x\n+++ b/x\n";
        assert_eq!(build_key(patch), build_key(patch));
        assert_ne!(build_key(patch), build_key(b"--- a/x\n+++ b/y\n"));
        assert!(build_key(patch).starts_with(EVCXR_VERSION));
    }

    #[test]
    fn the_shipped_patches_are_found_in_order() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tools/evcxr");
        let names: Vec<String> = patch_files(&dir)
            .unwrap()
            .iter()
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        assert!(names.len() >= 2, "{names:?}");
        assert!(
            names[0].starts_with("0001-") && names[1].starts_with("0002-"),
            "{names:?}"
        );
        let empty = std::env::temp_dir().join(format!("no-patches-{}", std::process::id()));
        std::fs::create_dir_all(&empty).unwrap();
        assert!(patch_files(&empty)
            .unwrap_err()
            .contains("no evcxr patches"));
        std::fs::remove_dir_all(&empty).unwrap();
    }

    #[test]
    fn fnv1a_matches_the_published_test_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[test]
    fn source_dir_finds_the_pinned_version_only() {
        let metadata = serde_json::json!({"packages": [
            {"name": "evcxr", "version": "0.21.0", "manifest_path": "/r/evcxr-0.21.0/Cargo.toml"},
            {"name": "evcxr", "version": EVCXR_VERSION,
             "manifest_path": format!("/r/evcxr-{EVCXR_VERSION}/Cargo.toml")},
        ]});
        let dir = source_dir(&metadata, "evcxr").unwrap();
        assert_eq!(dir, PathBuf::from(format!("/r/evcxr-{EVCXR_VERSION}")));
        let missing = source_dir(&metadata, "evcxr_jupyter").unwrap_err();
        assert!(missing.contains("did not list evcxr_jupyter"), "{missing}");
    }
}
