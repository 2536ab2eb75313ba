"""tiny_lm training throughput versus the same model in PyTorch on the CPU.

Runs tiny_lm's `bench_train --json` (single-thread and data-parallel on 2 threads) and its
PyTorch twin `bench/torch_tiny_lm.py --json` (both written by the tiny_lm side; this file only
drives them), alternating, and compares tokens per second.
"""

import json
import os
import subprocess

from benchlib import ROOT, log, summary

TORCH_TWIN = ROOT / "bench/torch_tiny_lm.py"


def last_json_line(text):
    for line in reversed(text.strip().splitlines()):
        line = line.strip()
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(f"no JSON line in output: {text[-500:]!r}")


def run(work, cargo_target, torch_python, rounds, steps=40):
    work.mkdir(parents=True, exist_ok=True)
    res = {"steps": steps}
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "tiny_lm", "--bin", "bench_train"],
                   cwd=ROOT, check=True)
    rust_cmd = [str(cargo_target / "release/bench_train"), "--steps", str(steps), "--json"]
    have_torch = torch_python is not None and TORCH_TWIN.exists()
    if not have_torch:
        res["torch_missing"] = ("bench/torch_tiny_lm.py is not in the repository" if not TORCH_TWIN.exists()
                                else "skipped (--skip-torch)")
    torch_cmd = [str(torch_python), str(TORCH_TWIN), "--steps", str(steps), "--json"] if have_torch else None
    rust, torch = [], []
    for i in range(rounds):
        order = [("rust", rust_cmd, rust), ("torch", torch_cmd, torch)]
        for side, cmd, bucket in (order if i % 2 == 0 else order[::-1]):
            if cmd is None:
                continue
            out = subprocess.run(cmd, cwd=ROOT, check=True, capture_output=True, text=True,
                                 env=dict(os.environ))
            data = last_json_line(out.stdout)
            bucket.append(data)
            log(f"  training {side} round {i}: " + ", ".join(
                f"{k} {v}" for k, v in data.items() if k.startswith("tokens_per_sec") or k == "speedup"))
    res["rust_runs"], res["torch_runs"] = rust, torch
    res["config"] = {k: v for k, v in (rust[0] if rust else {}).items() if not k.startswith("tokens")}
    for key in ("tokens_per_sec_1t", "tokens_per_sec_2t"):
        res[f"rust_{key}"] = summary([r.get(key) for r in rust])
        res[f"torch_{key}"] = summary([t.get(key) for t in torch])
        res[f"ratio_{key}"] = summary([r[key] / t[key] for r, t in zip(rust, torch)
                                       if r.get(key) and t.get(key)])
    return res
