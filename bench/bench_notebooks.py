"""Notebook-execution benchmarks: the Rust port's cells versus the Python original.

Every run is a fresh kernel driven by bench/nb_exec.py (nbclient, record_timing) against one
local llm_test_server. The Rust kernel is the project's kernelspec (tools/evcxr_kernel.py),
which picks its evcxr build directory from JPY_SESSION_NAME: a fixed name gives a warm
directory, a new name a cold one (deleted afterwards). The Python peer's "cold" is a fresh
bytecode cache (PYTHONPYCACHEPREFIX pointing at an empty folder); the OS page cache stays warm
for both, which we cannot drop here.
"""

import json
import os
import re
import shutil
from pathlib import Path

from benchlib import ROOT, client_env, local_server, log, summary

RUST_NOTEBOOK = ROOT / "notebooks/02_how_llms_are_trained.ipynb"
NB_DIR = ROOT / "notebooks"
PY_NOTEBOOK = ROOT / "bench/python_peer/how_llms_are_trained.ipynb"
EVCXR_BUILDS = ROOT / "target/evcxr"


# Kernel environment that goes with the snapshot (see use_snapshot).
SNAPSHOT_ENV = {}


def use_snapshot(snap):
    """Runs the Rust notebooks from `git archive HEAD` in `snap`, not the working tree: while
    others edit crates/ and data/, every run would recompile tiny_lm and llm_connector and no
    run would be warm. Uncommitted changes are therefore not measured."""
    global RUST_NOTEBOOK, NB_DIR
    import subprocess
    shutil.rmtree(snap, ignore_errors=True)
    snap.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "HEAD", "Cargo.toml", "Cargo.lock", "crates",
                              "data", "notebooks", "tools/evcxr_cargo_config.toml"],
                             check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(snap)], input=archive, check=True)
    RUST_NOTEBOOK = snap / "notebooks/02_how_llms_are_trained.ipynb"
    NB_DIR = snap / "notebooks"
    # The kernel wrapper (from the working tree) installs the crates' profile from HEAD too.
    SNAPSHOT_ENV["EVCXR_CARGO_CONFIG"] = str(snap / "tools/evcxr_cargo_config.toml")
# A distinctive piece of each prompt of the original's cells 2-5 (cell 1 has the `:dep`).
PORTED_PROMPTS = (
    "Explain the difference between pre-training and fine-tuning",
    "analogies to explain pre-training",
    "analogies to explain fine-tuning",
    "major challenges in training",
)


def ported_cells_notebook(dest):
    """A copy of the Rust main notebook with only the five ported code cells, in order."""
    nb = json.loads(RUST_NOTEBOOK.read_text())
    code = [c for c in nb["cells"] if c["cell_type"] == "code"]
    keep = [next(c for c in code if ":dep llm_connector" in "".join(c["source"]))]
    for marker in PORTED_PROMPTS:
        found = [c for c in code if marker in "".join(c["source"])]
        if len(found) != 1:
            raise RuntimeError(f"expected one cell with {marker!r} in {RUST_NOTEBOOK}, found {len(found)}")
        keep.append(found[0])
    nb["cells"] = [dict(c, outputs=[], execution_count=None) for c in keep]
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False))
    return dest


class Runner:
    """Runs notebooks through nb_exec.py with a shared server and environment."""

    def __init__(self, work, venv_py, url):
        self.work, self.venv_py, self.url = work, venv_py, url
        self.count = 0

    def run(self, notebook, kernel, cwd, session=None, pycache=None, extra_env=None, label=""):
        self.count += 1
        out = self.work / f"run-{self.count:03d}.json"
        env = client_env(self.url)
        env.update({
            "JUPYTER_PATH": str(ROOT / ".venv/share/jupyter"),
            "JUPYTER_RUNTIME_DIR": str(ROOT / "target/jupyter-runtime"),
            "PYTHONUNBUFFERED": "1",
        })
        env.update(SNAPSHOT_ENV)
        if session:
            env["JPY_SESSION_NAME"] = session
        if pycache:
            env["PYTHONPYCACHEPREFIX"] = str(pycache)
        env.update(extra_env or {})
        saved = self.work / f"run-{self.count:03d}.ipynb"
        import subprocess
        with open(self.work / "nb_exec.log", "ab") as logf:
            subprocess.run([str(self.venv_py), str(ROOT / "bench/nb_exec.py"), str(notebook),
                            "--kernel", kernel, "--cwd", str(cwd), "--out", str(out), "--save", str(saved)],
                           env=env, check=True, stdout=logf, stderr=logf)
        result = json.loads(out.read_text())
        problems = [(c["index"], p) for c in result["cells"] for p in c["problems"]]
        result["label"] = label
        first = result["cells"][0]["kernel_s"] if result["cells"] else None
        log(f"  {label}: total {result['total_s']:.1f} s (kernel start {result['kernel_start_s']:.1f} s, "
            f"first cell {first:.1f} s)" + (f"  PROBLEMS: {problems[:2]}" if problems else ""))
        result["problems"] = problems
        out.write_text(json.dumps(result, indent=1))
        return result


def figures(runs):
    """Summaries of one list of runs: total, kernel start, first cell, the other cells.

    Runs whose outputs show a failure are counted and listed, not dropped: a failing cell still
    pays evcxr's compile and link, which is what these figures are about; the report flags them.
    """
    clean = runs
    flagged = [r for r in runs if r["problems"]]
    return {
        "total_s": summary([r["total_s"] for r in clean]),
        "kernel_start_s": summary([r["kernel_start_s"] for r in clean]),
        "first_cell_s": summary([r["cells"][0]["kernel_s"] for r in clean]),
        "other_cells_s": summary([sum(c["kernel_s"] or 0 for c in r["cells"][1:]) for r in clean]),
        "runs_with_problems": len(flagged),
        "problems": [r["problems"][:2] for r in flagged][:2],
    }


def pair_ratios(rust, py):
    return summary([a["total_s"] / b["total_s"] for a, b in zip(rust, py)])


def run(work, server_bin, venv_py, rounds, cold_rounds, full_rounds, answer_words):
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    if rounds == 0 and cold_rounds == 0:
        return run_full_only(work, server_bin, venv_py, full_rounds, answer_words)
    ported = ported_cells_notebook(work / "ported_cells.ipynb")
    nb_dir, py_dir = NB_DIR, PY_NOTEBOOK.parent
    res = {}
    with local_server(server_bin, 0, answer_words) as url:
        r = Runner(work, venv_py, url)
        log("notebooks: priming the warm build directory (bench-ported-warm) and the Python kernel")
        res["prime_rust"] = r.run(ported, "rust", nb_dir, session="bench-ported-warm", label="prime rust")
        r.run(PY_NOTEBOOK, "python3", py_dir, label="prime python")
        warm_rust, warm_py = [], []
        for i in range(rounds):
            order = [("rust", warm_rust), ("py", warm_py)]
            for side, bucket in (order if i % 2 == 0 else order[::-1]):
                if side == "rust":
                    bucket.append(r.run(ported, "rust", nb_dir, session="bench-ported-warm",
                                        label=f"warm rust {i}"))
                else:
                    bucket.append(r.run(PY_NOTEBOOK, "python3", py_dir, label=f"warm python {i}"))
        cold_rust, cold_py = [], []
        for i in range(cold_rounds):
            session = f"bench-cold-{os.getpid()}-{i}"
            pycache = work / f"pycache-cold-{i}"
            order = ["rust", "py"] if i % 2 == 0 else ["py", "rust"]
            for side in order:
                if side == "rust":
                    shutil.rmtree(EVCXR_BUILDS / session, ignore_errors=True)
                    cold_rust.append(r.run(ported, "rust", nb_dir, session=session, label=f"cold rust {i}"))
                    shutil.rmtree(EVCXR_BUILDS / session, ignore_errors=True)
                else:
                    cold_py.append(r.run(PY_NOTEBOOK, "python3", py_dir, pycache=pycache,
                                         label=f"cold python {i}"))
                    shutil.rmtree(pycache, ignore_errors=True)
        full = []
        if full_rounds:
            # Seeded from the warm ported-cells directory (the crates the two share are not rebuilt);
            # the first run compiles what the whole notebook adds and is not counted as warm.
            log("notebooks: the whole Rust main notebook (build dir bench-full, seeded from bench-ported-warm)")
            shutil.rmtree(EVCXR_BUILDS / "bench-full", ignore_errors=True)
            shutil.copytree(EVCXR_BUILDS / "bench-ported-warm", EVCXR_BUILDS / "bench-full", symlinks=True,
                            ignore=shutil.ignore_patterns(".kernel.lock"))
            # The offline provider (tiny_lm) answers: the whole-notebook goal is about the notebook, and
            # this path does not go through the connector's HTTP runtime.
            offline = {"LLM_PROVIDER": "offline"}
            full_cold = r.run(RUST_NOTEBOOK, "rust", nb_dir, session="bench-full", extra_env=offline,
                              label="full rust first run")
            for i in range(full_rounds):
                full.append(r.run(RUST_NOTEBOOK, "rust", nb_dir, session="bench-full", extra_env=offline,
                                  label=f"full rust warm {i}"))
            res["full_cold"] = figures([full_cold])
            res["full_warm"] = figures(full)
            res["full_warm_cells"] = [
                {"index": c["index"], "first_line": c["first_line"],
                 "kernel_s": summary([f["cells"][k]["kernel_s"] for f in full])}
                for k, c in enumerate(full[0]["cells"])] if full else []
    if cold_rust:
        res.update({"cold_rust": figures(cold_rust), "cold_py": figures(cold_py),
                    "cold_ratio": pair_ratios(cold_rust, cold_py)})
    res.update({
        "warm_rust": figures(warm_rust), "warm_py": figures(warm_py),
        "warm_ratio": pair_ratios(warm_rust, warm_py),
        "warm_rust_cells": [summary([w["cells"][k]["kernel_s"] for w in warm_rust])
                            for k in range(len(warm_rust[0]["cells"]))] if warm_rust else [],
        "warm_py_cells": [summary([w["cells"][k]["kernel_s"] for w in warm_py])
                          for k in range(len(warm_py[0]["cells"]))] if warm_py else [],
    })
    return res


def run_full_only(work, server_bin, venv_py, full_rounds, answer_words):
    """Only the whole notebook (offline provider), on the existing bench-full build directory."""
    offline = {"LLM_PROVIDER": "offline"}
    with local_server(server_bin, 0, answer_words) as url:
        r = Runner(work, venv_py, url)
        first = r.run(RUST_NOTEBOOK, "rust", NB_DIR, session="bench-full", extra_env=offline, label="full first run")
        full = [r.run(RUST_NOTEBOOK, "rust", NB_DIR, session="bench-full", extra_env=offline, label=f"full warm {i}")
                for i in range(full_rounds)]
    return {"full_cold": figures([first]), "full_warm": figures(full),
            "full_warm_cells": [{"index": c["index"], "first_line": c["first_line"],
                                 "kernel_s": summary([f["cells"][k]["kernel_s"] for f in full])}
                                for k, c in enumerate(full[0]["cells"])] if full else []}


# Variants of the evcxr set-up tried on the ported cells (warm), each in its own build dir.
# `cells` rewrites the notebook: "merged" joins the four prompt cells into one.
LINKER_VARIANTS = {
    **({"lld 14 (Debian package)": {"linker": "lld", "path": "target/bench/tools/lld/usr/lib/llvm-14/bin"}}
       if os.environ.get("BENCH_LLD") == "1" else {}),
    "default (cc, which rustc 1.95 points at its bundled rust-lld)": {"linker": "system"},
    "mold 1.10 (Debian package)": {"linker": "mold", "path": "target/bench/tools/mold/usr/bin"},
    # lld changes RUSTFLAGS (-Clink-arg=-fuse-ld=lld), so its build directory cannot start from a
    # copy of a warm one: every crate is rebuilt. Opt in with BENCH_LLD=1 (adds one cold build).
    "default linker, cells 2-5 merged into one": {"linker": "system", "merge": True},
}


def variant_notebook(base, dest, linker, merge):
    nb = json.loads(base.read_text())
    cells = nb["cells"]
    if merge:
        # Each cell must still show its answer: print the Display of all but the last.
        body = []
        for c in cells[1:]:
            src = "".join(c["source"]).rstrip()
            last_nl = src.rfind("\n")
            head, last = src[:last_nl + 1], src[last_nl + 1:]
            body.append("{\n" + head + f"println!(\"{{}}\", {last});\n}}\n" if c is not cells[-1]
                        else "{\n" + src + "\n}\n")
        merged = dict(cells[1], source="".join(body))
        cells = [cells[0], merged]
    linker_cell = {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
                   "source": f":linker {linker}\n"}
    nb["cells"] = [linker_cell] + cells
    dest.write_text(json.dumps(nb, indent=1, ensure_ascii=False))
    return dest


def linkers(work, server_bin, venv_py, rounds, answer_words):
    """Warm ported cells under each variant, variants interleaved round by round."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    base = ported_cells_notebook(work / "ported_cells.ipynb")
    nb_dir = NB_DIR
    runs = {name: [] for name in LINKER_VARIANTS}
    notebooks = {}
    warm_dir = EVCXR_BUILDS / "bench-ported-warm"
    for k in range(len(LINKER_VARIANTS)):
        # Start from a copy of the warm build directory the notebooks part left (same RUSTFLAGS for
        # the default linker and mold, so only the cell crate rebuilds); round 0 is not counted.
        dest = EVCXR_BUILDS / f"bench-linker-{k}"
        shutil.rmtree(dest, ignore_errors=True)
        if warm_dir.is_dir():
            shutil.copytree(warm_dir, dest, symlinks=True, ignore=shutil.ignore_patterns(".kernel.lock"))
    with local_server(server_bin, 0, answer_words) as url:
        r = Runner(work, venv_py, url)
        for k, (name, v) in enumerate(LINKER_VARIANTS.items()):
            notebooks[name] = variant_notebook(base, work / f"variant-{k}.ipynb", v["linker"], v.get("merge"))
        for i in range(rounds + 1):  # round 0 primes each build directory
            for k, (name, v) in enumerate(LINKER_VARIANTS.items()):
                extra = {}
                if v.get("path"):
                    extra["PATH"] = str(ROOT / v["path"]) + os.pathsep + os.environ["PATH"]
                result = r.run(notebooks[name], "rust", nb_dir, session=f"bench-linker-{k}",
                               extra_env=extra, label=f"{name} round {i}")
                # The `:linker` cell is cell 0; the timings that matter start at the `:dep` cell.
                result["cells"] = result["cells"][1:]
                if i:
                    runs[name].append(result)
    return {name: dict(figures(rs), cells=[summary([x["cells"][j]["kernel_s"] for x in rs])
                                           for j in range(len(rs[0]["cells"]))] if rs else [])
            for name, rs in runs.items()}


CELL_OPT_LEVELS = ("0", "1", "3")


def cell_levels(work, server_bin, venv_py, rounds, answer_words):
    """The whole main notebook, warm, with the cells compiled at each of CELL_OPT_LEVELS (the
    crates keep their own profile), levels interleaved and their order rotated round by round.
    Round 0 fills each level's build directory and is not counted."""
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    dirs = {level: notebook_dir_with_opt_level(level) for level in CELL_OPT_LEVELS}
    runs = {level: [] for level in CELL_OPT_LEVELS}
    offline = {"LLM_PROVIDER": "offline"}
    with local_server(server_bin, 0, answer_words) as url:
        r = Runner(work, venv_py, url)
        for i in range(rounds + 1):
            k = i % len(CELL_OPT_LEVELS)
            order = CELL_OPT_LEVELS[k:] + CELL_OPT_LEVELS[:k]
            for level in order:
                session = f"bench-cells-opt{level}"
                if i == 0:
                    shutil.rmtree(EVCXR_BUILDS / session, ignore_errors=True)
                result = r.run(dirs[level] / RUST_NOTEBOOK.name, "rust", dirs[level], session=session,
                               extra_env=offline, label=f"cells at opt-level {level}, round {i}")
                if i:
                    runs[level].append(result)
    return {level: figures(rs) for level, rs in runs.items()}


def stamp_ns(iso):
    from datetime import datetime
    return int(datetime.fromisoformat(iso.replace("Z", "+00:00")).timestamp() * 1e9)


def read_profile_log(path):
    entries = []
    if path.exists():
        for line in path.read_text().splitlines():
            start, end, kind, name = line.split(" ", 3)
            entries.append((int(start), int(end), kind, name))
    return entries


# Kernel set-ups compared by the profile part, each in its own build root (the kernel wrapper
# writes the crates' cargo profile into <build root>/.cargo/config.toml). `cells_opt_level`
# runs the notebook from a copy of its folder whose evcxr.toml sets that level.
PROFILE_VARIANTS = {
    "before this session's change (fb2a079): cells and every crate at opt-level 3, no crate profile":
        {"env": {"EVCXR_CARGO_CONFIG": ""}, "cells_opt_level": "3"},
    "as shipped: cells at 0, crates at 0, tiny_lm at 3 (tools/evcxr_cargo_config.toml)":
        {"env": {}},
}


def notebook_dir_with_opt_level(level):
    """A copy of the notebooks folder (next to it, so `:dep` paths still resolve) whose
    evcxr.toml compiles the cells at `level`."""
    copy = NB_DIR.parent / f"notebooks_opt{level}"
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(NB_DIR, copy)
    toml = copy / "evcxr.toml"
    text, count = re.subn(r'^opt_level = "[^"]*"', f'opt_level = "{level}"', toml.read_text(), flags=re.M)
    if count != 1:
        raise RuntimeError(f"expected one `opt_level = \"...\"` line in {toml}, found {count}")
    toml.write_text(text)
    return copy


def profile_root(k):
    return ROOT / "target" / "evcxr-bench" / f"profile-{k}"


def profile(work, server_bin, venv_py, rounds, answer_words):
    """Where a cell's time goes, per PROFILE_VARIANTS entry, variants interleaved run by run.

    bench/profile/rustc_wrapper.sh (RUSTC_WRAPPER) and bench/profile/linker.sh (the target's
    linker) log every rustc and link with its start and end; each entry is assigned to the cell
    whose execute_input..execute_reply interval holds it. Run 0 starts from an empty build
    directory, so its `:dep` cell shows what compiling the crates costs, crate by crate.
    """
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
    base = ported_cells_notebook(work / "ported_cells.ipynb")
    # BENCH_PROFILE_VARIANTS=1 (indices, comma-separated) runs only some variants.
    picked = os.environ.get("BENCH_PROFILE_VARIANTS")
    variants = {name for k, name in enumerate(PROFILE_VARIANTS)
                if picked is None or str(k) in picked.split(",")}
    nb_dirs = {name: notebook_dir_with_opt_level(v["cells_opt_level"]) if v.get("cells_opt_level") else NB_DIR
               for name, v in PROFILE_VARIANTS.items() if name in variants}
    out = {name: {"cold_deps": None, "warm_cells": []} for name in variants}
    warm = {name: [] for name in variants}
    for k in range(len(PROFILE_VARIANTS)):
        shutil.rmtree(profile_root(k), ignore_errors=True)
    with local_server(server_bin, 0, answer_words) as url:
        r = Runner(work, venv_py, url)
        for i in range(rounds + 1):
            for k, (name, variant) in enumerate(PROFILE_VARIANTS.items()):
                if name not in variants:
                    continue
                log_path = work / f"profile-{k}-{i}.log"
                extra = {**variant["env"], "EVCXR_BUILD_ROOT": str(profile_root(k)),
                         "RUSTC_WRAPPER": str(ROOT / "bench/profile/rustc_wrapper.sh"),
                         "CARGO_TARGET_X86_64_UNKNOWN_LINUX_GNU_LINKER": str(ROOT / "bench/profile/linker.sh"),
                         "BENCH_PROFILE_LOG": str(log_path)}
                result = r.run(base, "rust", nb_dirs[name], session="bench-profile", extra_env=extra,
                               label=f"profile [{name}] {'cold' if i == 0 else 'warm'} {i}")
                cells = cell_breakdown(work / f"run-{r.count:03d}.ipynb", read_profile_log(log_path))
                if i == 0:
                    out[name]["cold_deps"] = cells[0]
                    out[name]["cold_total_s"] = result["total_s"]
                    out[name]["cold_problems"] = result["problems"][:2]
                else:
                    warm[name].append(cells)
    for name, runs in warm.items():
        n = len(runs[0]) if runs else 0
        out[name]["warm_cells"] = [
            {k: summary([run[j][k] for run in runs]) for k in ("total_s", "rustc_s", "link_s")}
            | {"entries": runs[-1][j]["entries"][:6]} for j in range(n)]
    return out


def cell_breakdown(executed, entries):
    saved = json.loads(executed.read_text())
    cells = []
    for c in (c for c in saved["cells"] if c["cell_type"] == "code"):
        t = c["metadata"].get("execution", {})
        lo, hi = stamp_ns(t["iopub.execute_input"]), stamp_ns(t["shell.execute_reply"])
        mine = [e for e in entries if lo <= e[0] <= hi]
        cells.append({
            "total_s": (hi - lo) / 1e9,
            "rustc_s": sum(e[1] - e[0] for e in mine if e[2] == "rustc") / 1e9,
            "link_s": sum(e[1] - e[0] for e in mine if e[2] == "link") / 1e9,
            "rustc_crates": len([e for e in mine if e[2] == "rustc"]),
            "entries": sorted(((e[1] - e[0]) / 1e9, e[2], e[3]) for e in mine)[::-1][:25],
        })
    return cells
