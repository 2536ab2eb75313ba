#!/usr/bin/env python3
"""Start evcxr_jupyter on a persistent build directory that no other kernel is using.

evcxr compiles every cell inside a build directory. Keeping that directory
between sessions is what makes a second run fast: reqwest, tokio and tiny_lm
are compiled once, not every time a kernel starts. evcxr's default is a fresh
temporary directory per kernel; we hand it one under target/evcxr/ through
EVCXR_TMPDIR instead (notebooks/evcxr.toml must therefore not set `tmpdir`,
because evcxr prefers that key over the variable).

Only one evcxr process may use a build directory at a time, so the kernel takes
an exclusive flock on the directory before evcxr starts, trying in order:

1. the directory named after the notebook: Jupyter passes the notebook's path
   in JPY_SESSION_NAME, and `cargo xtask notebooks` sets it the same way, so a
   notebook opened in JupyterLab reuses the build the headless run left warm;
2. the first free slot of a small pool, when that directory is busy (the same
   notebook open twice, or a headless run in progress).

The lock lives on an open file descriptor that evcxr inherits through exec, so
it is released when the kernel exits, however it exits.

Before evcxr starts, tools/evcxr_cargo_config.toml is copied to
<build root>/.cargo/config.toml, where cargo finds it from every build directory:
it compiles the dependencies unoptimised and tiny_lm fully optimised (see that
file for why and what it saves). EVCXR_CARGO_CONFIG names another file to use
instead, or, set to an empty string, none (the benchmark's "before" variant).

Usage (written into the kernelspec by `cargo xtask setup`):
    python evcxr_kernel.py --evcxr /path/to/evcxr_jupyter {connection_file}
"""

import fcntl
import os
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
# EVCXR_BUILD_ROOT moves the whole pool (xtask's tests use a temporary one).
BUILD_ROOT = Path(os.environ.get("EVCXR_BUILD_ROOT") or REPO_ROOT / "target" / "evcxr")
POOL_SLOTS = 8
CARGO_CONFIG = REPO_ROOT / "tools" / "evcxr_cargo_config.toml"
# Where the project's kernel (patch tools/evcxr/0005-*) keeps the lock file of a build directory.
KEPT_LOCK = "Cargo.lock.evcxr-kept"


def try_lock(build_dir):
    """Return an inheritable fd holding an exclusive lock on build_dir, or None if busy."""
    build_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(build_dir / ".kernel.lock", os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        os.close(fd)
        return None
    os.set_inheritable(fd, True)
    return fd


def install_cargo_config():
    """Puts the crates' cargo profile where cargo looks from every build directory.

    Written only when it differs (kernels of other notebooks may be building), through a
    rename so a concurrent cargo never reads half a file. An empty EVCXR_CARGO_CONFIG
    removes it.
    """
    source = os.environ.get("EVCXR_CARGO_CONFIG", str(CARGO_CONFIG))
    target = BUILD_ROOT / ".cargo" / "config.toml"
    wanted = Path(source).read_text() if source else None
    current = target.read_text() if target.exists() else None
    if wanted == current:
        return
    if wanted is None:
        target.unlink()
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(f"config.toml.{os.getpid()}")
    partial.write_text(wanted)
    os.replace(partial, target)


def seed_lock_file(build_dir):
    """Gives a new build directory the versions the workspace's Cargo.lock pins.

    The project's kernel puts its kept lock file back before cargo reads a manifest (patch
    0005), so the first `:dep` of a fresh build directory compiles the dependency versions that
    `cargo test` built and tested, without resolving the graph from the registry index. Only a
    directory with neither a lock file nor a kept one is seeded: one that has built anything
    keeps its own versions.
    """
    if (build_dir / KEPT_LOCK).exists() or (build_dir / "Cargo.lock").exists():
        return
    partial = build_dir / f"{KEPT_LOCK}.{os.getpid()}"
    partial.write_bytes((REPO_ROOT / "Cargo.lock").read_bytes())
    os.replace(partial, build_dir / KEPT_LOCK)


def candidate_dirs():
    session = os.environ.get("JPY_SESSION_NAME", "")
    stem = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(session).stem) if session else ""
    if stem:
        yield BUILD_ROOT / stem
    for slot in range(POOL_SLOTS):
        yield BUILD_ROOT / f"pool-{slot}"


def main(argv):
    if len(argv) != 3 or argv[0] != "--evcxr":
        sys.exit("usage: evcxr_kernel.py --evcxr PATH_TO_EVCXR_JUPYTER CONNECTION_FILE")
    evcxr, connection_file = argv[1], argv[2]
    if not os.access(evcxr, os.X_OK):
        sys.exit(f"evcxr_kernel: {evcxr} is missing; run `cargo xtask setup` to install it")
    try:
        install_cargo_config()
    except (OSError, ValueError) as error:
        # The notebooks still run; whatever profile was installed before stays in place.
        print(f"evcxr_kernel: warning: cannot install the crates' cargo profile as "
              f"{BUILD_ROOT / '.cargo' / 'config.toml'} ({error}); without it every crate is "
              "compiled at the cells' opt_level, and tiny_lm trains many times slower",
              file=sys.stderr, flush=True)
    for build_dir in candidate_dirs():
        if try_lock(build_dir) is not None:
            break
    else:
        sys.exit(
            f"evcxr_kernel: all {POOL_SLOTS + 1} build directories under {BUILD_ROOT} are in use; "
            "shut down a running Rust kernel and try again"
        )
    try:
        seed_lock_file(build_dir)
    except OSError as error:
        print(f"evcxr_kernel: warning: cannot seed {build_dir / KEPT_LOCK} ({error}); the first "
              "`:dep` resolves the dependency versions from the registry index instead",
              file=sys.stderr, flush=True)
    env = dict(os.environ, EVCXR_TMPDIR=str(build_dir))
    # evcxr refreshes the kernelspec found through JUPYTER_PATH when its version
    # changes; ours has a different argv, so keep evcxr away from it.
    env.pop("JUPYTER_PATH", None)
    print(f"evcxr_kernel: build directory {build_dir}", file=sys.stderr, flush=True)
    os.execve(evcxr, [evcxr, "--control_file", connection_file], env)


if __name__ == "__main__":
    main(sys.argv[1:])
