#!/usr/bin/env python3
"""Runs every benchmark of issue 7 and writes the figures into BENCHMARKS.md.

    python3 bench/run_all.py                    # everything (about 30-60 min on 2 cores)
    python3 bench/run_all.py --only connector   # one part: connector, notebooks, training, linkers, profile, cells
    python3 bench/run_all.py --rounds 3 --cold-rounds 1 --no-write

Each comparison alternates the Rust side and its Python peer (A/B/A/B...) in the same run, on
the same local server, and reports the median with min-max and the median of the per-pair
ratios: absolute seconds drift on a shared machine, paired ratios much less. Results go to
target/bench/results.json; BENCHMARKS.md gets the generated part between its markers, the
hand-written reading around it is kept, and so are the figures of every part that neither this
run nor results.json measured (report.py parses them from the page). Needs: `cargo xtask setup` done (it is run if the
rust kernelspec is missing). Benchmarks report; they never fail on a figure.
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bench_notebooks  # noqa: E402
import bench_training  # noqa: E402
import report  # noqa: E402
from benchlib import (ROOT, client_env, local_server, log, machine, percentile,  # noqa: E402
                      run_measured, summary)

VENV_PY = ROOT / ".venv/bin/python"
TORCH_VENV = ROOT / "target/bench/venv-torch"
OUT = ROOT / "target/bench"
PARTS = ("connector", "notebooks", "training", "linkers", "profile", "cells")


def cargo_target():
    return Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def setup(parts, skip_torch):
    """Idempotent: builds the binaries, installs the Python peer (and torch) when missing."""
    OUT.mkdir(parents=True, exist_ok=True)
    kernelspec = ROOT / ".venv/share/jupyter/kernels/rust/kernel.json"
    # The training part needs neither the project venv nor the local server: only torch's venv.
    needs_peer = bool(set(parts) - {"training"})
    if needs_peer and (not VENV_PY.exists()
                       or (set(parts) & {"notebooks", "linkers", "profile", "cells"}) and not kernelspec.exists()):
        log("project venv or rust kernelspec missing: running `cargo xtask setup`")
        subprocess.run(["cargo", "xtask", "setup"], cwd=ROOT, check=True)
    if needs_peer:
        log("installing the Python peer's pinned requirements into .venv")
        subprocess.run([str(VENV_PY), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
                        "-r", str(ROOT / "bench/python_peer/requirements.txt")], check=True)
    if "training" in parts and not skip_torch and not (TORCH_VENV / "bin/python").exists():
        log("creating target/bench/venv-torch with the pinned CPU-run torch (~3 GB download)")
        subprocess.run([sys.executable, "-m", "venv", str(TORCH_VENV)], check=True)
        subprocess.run([str(TORCH_VENV / "bin/python"), "-m", "pip", "install", "--quiet",
                        "-r", str(ROOT / "bench/requirements-torch.txt")], check=True)
    if "linkers" in parts:
        unpack_linkers()
    if needs_peer:
        packages = ["-p", "llm_test_server", "-p", "bench_runner"]
        log("cargo build --release " + " ".join(packages))
        subprocess.run(["cargo", "build", "--release", "--quiet", *packages], cwd=ROOT, check=True)


def unpack_linkers():
    """mold and lld from Debian, unpacked under target/bench/tools/ and NOT installed: evcxr uses
    mold or lld automatically when it finds them on PATH, which would change every other notebook
    run on this machine. The linker variants put them on the kernel's PATH only."""
    tools, debs = OUT / "tools", OUT / "debs"
    for package, probe in (("mold", "mold/usr/bin/mold"), ("lld-14", "lld/usr/lib/llvm-14/bin/ld.lld")):
        if (tools / probe).exists():
            continue
        debs.mkdir(parents=True, exist_ok=True)
        log(f"apt-get download {package} (unpacked into target/bench/tools, not installed)")
        subprocess.run(["apt-get", "download", package], cwd=debs, check=True)
        deb = next(debs.glob(f"{package.split('-')[0]}*_amd64.deb"))
        subprocess.run(["dpkg", "-x", str(deb), str(tools / probe.split("/")[0])], check=True)
    # `mold -run` (how evcxr uses it) looks for mold-wrapper.so next to the binary or in the
    # libdir it was built for; unpacked elsewhere, it finds neither and refuses to start.
    wrapper = tools / "mold/usr/bin/mold-wrapper.so"
    if not wrapper.is_symlink():
        wrapper.symlink_to("../lib/x86_64-linux-gnu/mold/mold-wrapper.so")


def bench_connector(rounds, answer_words):
    """500 sequential calls at zero delay; a 64-prompt batch at 200 ms delay, concurrency 16."""
    rust = [str(cargo_target() / "release/bench_runner")]
    py = [str(VENV_PY), str(ROOT / "bench/py_connector_bench.py")]
    work = OUT / "connector"
    work.mkdir(parents=True, exist_ok=True)
    logf = work / "runs.log"
    runs = {"rust_seq": [], "py_seq": [], "rust_batch": [], "py_batch_seq": [], "py_batch_async": []}

    def one(name, cmd, env, r):
        out = work / f"{name}-{r}.json"
        wall, rss = run_measured([*cmd, "--out", str(out)], env=env, cwd=work, log_file=logf)
        data = json.loads(out.read_text())
        if data["errors"]:
            raise RuntimeError(f"{name}: {data['errors']} failed calls, first: {data['first_error']}")
        lat = data["latencies_ms"]
        runs[name].append({"process_s": wall, "peak_rss_mib": rss, "wall_s": data["wall_s"],
                           "p50_ms": percentile(lat, 50) if lat else None,
                           "p99_ms": percentile(lat, 99) if lat else None,
                           "first_call_ms": lat[0] if lat else None})
        log(f"  {name} round {r}: wall {data['wall_s']:.3f} s"
            + (f", p50 {runs[name][-1]['p50_ms']:.3f} ms, p99 {runs[name][-1]['p99_ms']:.3f} ms" if lat else "")
            + f", peak {rss:.1f} MiB")

    with local_server(cargo_target() / "release/llm_test_server", 0, answer_words) as url:
        env = client_env(url)
        log(f"connector: 500 sequential calls, server {url}, zero delay")
        for r in range(rounds):
            pair = [("rust_seq", [*rust, "sequential", "--calls", "500"]),
                    ("py_seq", [*py, "sequential", "--calls", "500"])]
            for name, cmd in (pair if r % 2 == 0 else pair[::-1]):
                one(name, cmd, env, r)
    with local_server(cargo_target() / "release/llm_test_server", 200, answer_words) as url:
        env = client_env(url)
        log(f"connector: 64-prompt batch, server {url}, 200 ms delay")
        trio = [("rust_batch", [*rust, "batch", "--prompts", "64", "--concurrency", "16"]),
                ("py_batch_async", [*py, "batch-async", "--prompts", "64", "--concurrency", "16"]),
                ("py_batch_seq", [*py, "batch-sequential", "--prompts", "64"])]
        for r in range(rounds):
            for name, cmd in trio[r % 3:] + trio[:r % 3]:
                one(name, cmd, env, r)

    def pair_ratio(a, b, key):
        return summary([x[key] / y[key] for x, y in zip(runs[a], runs[b])])

    return {
        "runs": runs,
        "answer_words": answer_words,
        "seq": {side: {k: summary([x[k] for x in runs[f"{side}_seq"]])
                       for k in ("p50_ms", "p99_ms", "wall_s", "peak_rss_mib", "first_call_ms")}
                for side in ("rust", "py")},
        "batch": {name: {k: summary([x[k] for x in runs[name]]) for k in ("wall_s", "peak_rss_mib")}
                  for name in ("rust_batch", "py_batch_seq", "py_batch_async")},
        "ratios": {
            "seq_p50_rust_over_py": pair_ratio("rust_seq", "py_seq", "p50_ms"),
            "seq_p99_rust_over_py": pair_ratio("rust_seq", "py_seq", "p99_ms"),
            "batch_speedup_vs_py_sequential": pair_ratio("py_batch_seq", "rust_batch", "wall_s"),
            "batch_speedup_vs_py_async": pair_ratio("py_batch_async", "rust_batch", "wall_s"),
        },
    }


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--only", help="comma-separated parts: " + ",".join(PARTS))
    p.add_argument("--rounds", type=int, default=5, help="A/B pairs for connector and warm notebooks")
    p.add_argument("--cold-rounds", type=int, default=2, help="A/B pairs of cold notebook runs")
    p.add_argument("--full-rounds", type=int, default=2, help="warm runs of the whole Rust notebook")
    p.add_argument("--profile-rounds", type=int, default=1, help="warm runs per profiled variant (after 1 cold)")
    p.add_argument("--answer-words", type=int, default=200)
    p.add_argument("--skip-torch", action="store_true")
    p.add_argument("--no-write", action="store_true", help="do not touch BENCHMARKS.md")
    a = p.parse_args()
    parts = a.only.split(",") if a.only else list(PARTS)
    unknown = set(parts) - set(PARTS)
    if unknown:
        p.error(f"unknown part(s) {sorted(unknown)}; choose from {PARTS}")

    setup(parts, a.skip_torch)
    results_file = OUT / "results.json"
    results = json.loads(results_file.read_text()) if results_file.exists() else {}
    results["machine"] = machine()
    results["command"] = "python3 bench/run_all.py " + " ".join(sys.argv[1:])
    started = time.time()

    def loadavg():
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])

    part_load = {"start": loadavg()}

    def provenance():
        return {"command": results["command"], "commit": results["machine"]["git_commit"],
                "finished": time.strftime("%Y-%m-%d %H:%M"), "loadavg": f"{part_load['start']} -> {loadavg()}",
                "machine": report.machine_summary(results["machine"])}

    def save(part=None):
        """After every part, so a failure in a later part keeps the figures already taken. A run
        of some parts keeps the others' figures, so each part records the run that measured it."""
        m = results["machine"]
        m["loadavg_end"] = loadavg().split()
        m["minutes"] = round((time.time() - started) / 60, 1)
        if part:
            results.setdefault("measured_by", {})[part] = provenance()
        results_file.write_text(json.dumps(results, indent=1) + "\n")
        part_load["start"] = loadavg()

    if set(parts) & {"notebooks", "linkers", "profile", "cells"}:
        bench_notebooks.use_snapshot(OUT / "snapshot")
        log(f"Rust notebooks run from a snapshot of HEAD ({results['machine']['git_commit']}) in target/bench/snapshot")
    if "connector" in parts:
        results["connector"] = bench_connector(a.rounds, a.answer_words)
        save("connector")
    if "notebooks" in parts and a.rounds == 0 and a.cold_rounds == 0:
        results.setdefault("notebooks", {}).update(bench_notebooks.run(
            OUT / "notebooks-full", cargo_target() / "release/llm_test_server", VENV_PY,
            0, 0, a.full_rounds, a.answer_words))
        save("notebooks")
    elif "notebooks" in parts:
        results.setdefault("notebooks", {}).update(bench_notebooks.run(
            OUT / "notebooks", cargo_target() / "release/llm_test_server", VENV_PY,
            a.rounds, a.cold_rounds, a.full_rounds, a.answer_words))
        save("notebooks")
    if "training" in parts:
        results["training"] = bench_training.run(OUT / "training", cargo_target(),
                                                 None if a.skip_torch else TORCH_VENV / "bin/python",
                                                 a.rounds)
        save("training")
    if "linkers" in parts:
        results["linkers"] = bench_notebooks.linkers(
            OUT / "linkers", cargo_target() / "release/llm_test_server", VENV_PY, a.rounds, a.answer_words)
        save("linkers")
    if "profile" in parts:
        measured = bench_notebooks.profile(
            OUT / "profile", cargo_target() / "release/llm_test_server", VENV_PY, a.profile_rounds, a.answer_words)
        for figures in measured.values():
            figures["measured_by"] = provenance()
        # Keep variants measured in an earlier run (BENCH_PROFILE_VARIANTS), drop retired ones.
        results["profile"] = {name: figures for name, figures in {**results.get("profile", {}), **measured}.items()
                              if name in bench_notebooks.PROFILE_VARIANTS}
        save("profile")
    if "cells" in parts:
        results["cells"] = bench_notebooks.cell_levels(
            OUT / "cells", cargo_target() / "release/llm_test_server", VENV_PY, min(a.rounds, 3), a.answer_words)
        save("cells")
    log(f"results: {results_file}")
    if not a.no_write:
        report.write(ROOT / "BENCHMARKS.md", results)
        log("BENCHMARKS.md updated (generated section)")
    shutil.rmtree(OUT / "tmp", ignore_errors=True)


if __name__ == "__main__":
    main()
