"""Two builds of the kernel (or two versions of the notebook) side by side, alternating A/B/A/B.

    python3 bench/ab_kernels.py --variant before=PATH/evcxr_jupyter@REV --variant after=PATH/evcxr_jupyter
    python3 bench/ab_kernels.py ... --whole --rounds 3     # the whole main notebook, offline model

Each variant is an evcxr_jupyter binary and, after `@`, optionally a git revision: the variant
then runs that revision's whole tree (a detached worktree under target/bench/ab_trees/), so its
notebook loads its own crates with `:dep` (default: the working tree). One binary with two
revisions measures a code change; two binaries with none, a kernel change. A binary of an
older patch set is what `cargo xtask setup` left in `.tools/evcxr_jupyter-0.22.0-<key>/bin/` at
that commit. Each variant gets a kernelspec `rust-ab-<label>` in the project venv (the project's
kernel wrapper, another binary) and its own warm build directory `target/evcxr/ab-<label>`,
seeded from the notebook's own build directory when there is one, then primed by one unmeasured
run. Measured: the ported cells (kernel start + the five code cells of the original, as in
bench_notebooks.py) against the local llm_test_server, or with `--whole` every code cell of the
main notebook on the offline model. Prints per-run lines, the medians, and the median of the
per-round ratios; raw runs go to target/bench/ab_kernels/.
"""

import argparse
import json
import os
import shutil
import subprocess
from pathlib import Path

import bench_notebooks as nb
from benchlib import ROOT, fmt, local_server, log, summary

KERNELS = ROOT / ".venv/share/jupyter/kernels"
WORK = ROOT / "target/bench/ab_kernels"
SERVER = ROOT / "target/release/llm_test_server"
TREES = ROOT / "target/bench/ab_trees"


def kernelspec(label, binary):
    spec = json.loads((KERNELS / "rust/kernel.json").read_text())
    spec["argv"][spec["argv"].index("--evcxr") + 1] = str(Path(binary).resolve())
    spec["display_name"] = f"Rust ({label})"
    name = f"rust-ab-{label}"
    (KERNELS / name).mkdir(parents=True, exist_ok=True)
    (KERNELS / name / "kernel.json").write_text(json.dumps(spec, indent=1))
    return name


def tree(rev):
    """The notebooks folder of a detached worktree at `rev`, made on first use."""
    commit = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short=12", rev],
                            check=True, capture_output=True, text=True).stdout.strip()
    path = TREES / commit
    if not path.exists():
        subprocess.run(["git", "-C", str(ROOT), "worktree", "prune"], check=True)
        subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", str(path), commit],
                       check=True, capture_output=True)
    return path / "notebooks"


def notebook(label, rev, whole):
    """(notebook to run, folder it runs in): the whole main notebook, or its ported cells."""
    folder = tree(rev) if rev else nb.NB_DIR
    source = folder / nb.RUST_NOTEBOOK.name
    if whole:
        return source, folder
    main_notebook, nb.RUST_NOTEBOOK = nb.RUST_NOTEBOOK, source
    try:
        return nb.ported_cells_notebook(WORK / f"{label}-ported.ipynb"), folder
    finally:
        nb.RUST_NOTEBOOK = main_notebook


def seed(session):
    target = nb.EVCXR_BUILDS / session
    warm = nb.EVCXR_BUILDS / "02_how_llms_are_trained"
    if not target.exists() and warm.exists():
        shutil.copytree(warm, target, symlinks=True)
        (target / ".kernel.lock").unlink(missing_ok=True)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--variant", action="append", required=True, help="LABEL=BINARY[@GIT_REV]")
    p.add_argument("--rounds", type=int, default=5)
    p.add_argument("--whole", action="store_true", help="whole main notebook, offline model")
    a = p.parse_args()
    shutil.rmtree(WORK, ignore_errors=True)
    WORK.mkdir(parents=True)
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "llm_test_server"], cwd=ROOT, check=True)
    variants = []
    for item in a.variant:
        label, _, rest = item.partition("=")
        binary, _, rev = rest.partition("@")
        session = f"ab-{label}" + ("-whole" if a.whole else "")
        seed(session)
        variants.append((label, kernelspec(label, binary), *notebook(label, rev, a.whole), session))
    extra = {"LLM_PROVIDER": "offline"} if a.whole else {}
    runs = {label: [] for label, *_ in variants}
    with local_server(SERVER, 0, 200) as url:
        runner = nb.Runner(WORK, ROOT / ".venv/bin/python", url)
        for label, kernel, book, folder, session in variants:
            runner.run(book, kernel, folder, session=session, extra_env=extra, label=f"{label} (priming)")
        for r in range(a.rounds):
            for label, kernel, book, folder, session in variants:
                runs[label].append(runner.run(book, kernel, folder, session=session, extra_env=extra,
                                              label=f"{label} round {r + 1}"))
    log(f"load average at the end: {os.getloadavg()}")
    first = variants[0][0]
    for label, *_ in variants:
        f = nb.figures(runs[label])
        cells = len(runs[label][0]["cells"])
        per_cell = [summary([run["cells"][i]["kernel_s"] for run in runs[label]]) for i in range(cells)]
        print(f"\n{label}: total {fmt(f['total_s'])}; kernel start {fmt(f['kernel_start_s'])}; "
              f"first cell {fmt(f['first_cell_s'])}; other cells {fmt(f['other_cells_s'])}; "
              f"runs with problems: {f['runs_with_problems']}")
        print("  per cell (median): " + ", ".join(f"{c['median']:.2f}" for c in per_cell))
        if label != first:
            ratio = summary([b["total_s"] / x["total_s"] for b, x in zip(runs[label], runs[first])])
            print(f"  total {label}/{first} per round: {ratio['median']:.2f}x "
                  f"({ratio['min']:.2f}-{ratio['max']:.2f}, n={ratio['n']})")
    (WORK / "runs.json").write_text(json.dumps(runs, indent=1))


if __name__ == "__main__":
    main()
