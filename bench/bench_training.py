"""tiny_lm training throughput versus the same model in PyTorch on the CPU, and both as a
fraction of the machine's peak f32 FLOP/s.

Drives tiny_lm's `bench_train --json` and its PyTorch twin `bench/torch_tiny_lm.py --json`
(written on the tiny_lm side; this file only runs them), alternating A/B/A/B per model shape:

- the shipped model's shape, which `bench_train --config-only` reads from
  `tiny_lm::recipe::Recipe::shipped()` (the single source of truth) and hands to PyTorch;
- a sweep of larger widths and depths (SWEEP: overrides of that shape), to show where each wins.

FLOPs per training token come from tiny_lm (`ModelConfig::training_flops_per_token`:
6 x matmul weights + 12 x layers x context x d_model); achieved FLOP/s = tokens/s x that.
Peak: tiny_lm's `peak_flops` micro-benchmark (independent FMA chains, AVX2 and AVX-512, 1 and
2 threads, best of 10 short runs) before, between and after the shapes, best kept; and the theoretical figure
from /proc/cpuinfo (see `theoretical_peak`).
"""

import json
import subprocess
from pathlib import Path

from benchlib import ROOT, log, summary

TORCH_TWIN = ROOT / "bench/torch_tiny_lm.py"
# Larger shapes than the shipped one, as overrides of it: wider (d_model), deeper (layers).
SWEEP = ({"d_model": 256}, {"d_model": 384}, {"layers": 8})
THREADS = (1, 2)
# FMA units per core assumed for the theoretical peak: two on every Intel core since Haswell
# and AMD core since Zen 2 (256-bit); two 512-bit units on Xeon Scalable Gold/Platinum and later
# (some Silver/Bronze parts have one; Zen 4 splits a 512-bit FMA into two 256-bit halves).
FMA_UNITS = 2


def last_json_line(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"no JSON line in output: {text[-500:]!r}")


def run_json(cmd):
    out = subprocess.run([str(c) for c in cmd], cwd=ROOT, check=True, capture_output=True, text=True)
    return last_json_line(out.stdout)


def shape_flags(overrides):
    return [x for k, v in overrides.items() for x in (f"--{k.replace('_', '-')}", str(v))]


def theoretical_peak(cpuinfo_text):
    """Peak f32 FLOP/s per core from the CPU's flags and clock: 2 FLOPs per FMA lane x lanes of
    the widest FMA vector x FMA_UNITS x the clock /proc/cpuinfo reports (under a hypervisor this
    is the nominal clock; turbo can be higher, which the measured figure then shows)."""
    flags, mhz = set(), None
    for line in cpuinfo_text.splitlines():
        key, _, value = line.partition(":")
        if key.strip() == "flags" and not flags:
            flags = set(value.split())
        elif key.strip() == "cpu MHz" and mhz is None:
            mhz = float(value)
    per_isa = {}
    if "fma" in flags and "avx2" in flags:
        per_isa["avx2"] = 8
    if "fma" in flags and "avx512f" in flags:
        per_isa["avx512"] = 16
    return {"mhz": mhz, "fma_units": FMA_UNITS,
            "flags": sorted(f for f in ("fma", "avx2", "avx512f") if f in flags),
            **{f"{isa}_per_core": 2 * lanes * FMA_UNITS * mhz * 1e6
               for isa, lanes in per_isa.items() if mhz}}


def best_of(runs):
    """Per key, the highest figure of several peak_flops runs (other work only lowers it)."""
    return {k: max(r[k] for r in runs) if isinstance(runs[0][k], float) else runs[0][k] for k in runs[0]}


def compare(rust_cmd, torch_cmd, rounds, label):
    """Alternating runs of one shape; per thread count the summaries and per-pair ratios."""
    rust, torch = [], []
    for i in range(rounds):
        order = [("rust", rust_cmd, rust), ("torch", torch_cmd, torch)]
        for side, cmd, bucket in (order if i % 2 == 0 else order[::-1]):
            if cmd is None:
                continue
            bucket.append(run_json(cmd))
            log(f"  training {label} {side} round {i}: " + ", ".join(
                f"{t}t {bucket[-1].get(f'tokens_per_sec_{t}t')}" for t in THREADS) + " tok/s")
    for x in torch:
        if rust and x.get("params") != rust[0].get("params"):
            raise RuntimeError(f"{label}: PyTorch's model has {x.get('params')} parameters, tiny_lm's "
                               f"{rust[0].get('params')}: the twins have drifted apart (bench/torch_tiny_lm.py)")
    res = {"rust_runs": rust, "torch_runs": torch}
    for t in THREADS:
        key = f"tokens_per_sec_{t}t"
        res[f"rust_{key}"] = summary([r.get(key) for r in rust])
        res[f"torch_{key}"] = summary([x.get(key) for x in torch])
        res[f"ratio_{key}"] = summary([r[key] / x[key] for r, x in zip(rust, torch) if r.get(key) and x.get(key)])
    return res


def run(work, cargo_target, torch_python, rounds, min_secs=3.0):
    work.mkdir(parents=True, exist_ok=True)
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "tiny_lm", "--bin", "bench_train",
                    "--bin", "peak_flops"], cwd=ROOT, check=True)
    bench = cargo_target / "release/bench_train"
    peak_bin = cargo_target / "release/peak_flops"
    have_torch = torch_python is not None and TORCH_TWIN.exists()
    res = {"threads": list(THREADS), "min_secs": min_secs,
           "theoretical": theoretical_peak(Path("/proc/cpuinfo").read_text())}
    if not have_torch:
        res["torch_missing"] = ("bench/torch_tiny_lm.py is not in the repository" if not TORCH_TWIN.exists()
                                else "skipped (--skip-torch)")
    log("training: peak f32 FLOP/s (FMA micro-benchmark), before the shapes")
    peaks = [run_json([peak_bin, "--json"])]
    shapes = [("shipped", {}, rounds)] + [(", ".join(f"{k} {v}" for k, v in o.items()), o, min(rounds, 3))
                                          for o in SWEEP]
    res["shapes"] = []
    for label, overrides, n in shapes:
        config = run_json([bench, "--config-only", *shape_flags(overrides)])
        # Larger shapes take seconds per step: fewer timed steps, same minimum time.
        timing = ["--min-steps", "5" if not overrides else "2", "--min-secs", str(min_secs)]
        rust_cmd = [bench, "--json", *shape_flags(overrides), *timing]
        torch_cmd = ([torch_python, TORCH_TWIN, "--json", "--config", json.dumps(config),
                      "--threads", *map(str, THREADS), *timing] if have_torch else None)
        log(f"training: {label}: d_model {config['d_model']}, layers {config['layers']}, "
            f"{config['params']} params, {config['flops_per_token'] / 1e6:.2f} MFLOP/token, {n} pairs")
        res["shapes"].append({"label": label, "overrides": overrides, "config": config,
                              **compare(rust_cmd, torch_cmd, n, label)})
        log("training: peak f32 FLOP/s, after this shape")
        peaks.append(run_json([peak_bin, "--json"]))
    res["peak"] = best_of(peaks)
    res["peak_runs"] = peaks
    first_torch = (res["shapes"][0]["torch_runs"] or [{}])[0]
    res["torch_version"] = first_torch.get("torch")
    res["torch_cpu_capability"] = first_torch.get("cpu_capability")
    return res
