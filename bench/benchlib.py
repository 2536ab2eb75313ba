"""Helpers for bench/run_all.py: processes with peak memory, the local server, statistics."""

import contextlib
import json
import os
import platform
import statistics
import subprocess
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def log(message):
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", flush=True)


def run_measured(cmd, env=None, cwd=None, log_file=None):
    """Runs cmd to completion; returns (wall seconds, peak RSS in MiB of the process).

    The peak comes from the kernel's rusage of the waited-for child (ru_maxrss), the same
    measurement for a Rust binary and a Python interpreter.
    """
    out = open(log_file, "ab") if log_file else subprocess.DEVNULL
    try:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, env=env, cwd=cwd, stdout=out, stderr=out)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
    finally:
        if log_file:
            out.close()
    if proc.returncode != 0:
        raise RuntimeError(f"{' '.join(map(str, cmd))} exited with {proc.returncode}"
                           + (f"; see {log_file}" if log_file else ""))
    return wall, usage.ru_maxrss / 1024


@contextlib.contextmanager
def local_server(binary, delay_ms, answer_words):
    """Starts llm_test_server on 127.0.0.1 (a free port); yields its base URL."""
    proc = subprocess.Popen([str(binary), "--port", "0", "--delay-ms", str(delay_ms),
                             "--answer-words", str(answer_words)],
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        url = proc.stdout.readline().strip()
        if not url.startswith("http://127.0.0.1:"):
            raise RuntimeError(f"llm_test_server printed {url!r} instead of its URL")
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def client_env(url):
    """The environment both connectors get: the local server, a dummy key, no Azure."""
    env = dict(os.environ)
    env.update({
        "OPENAI_BASE_URL": url,
        # The server ignores keys; openai-python refuses to start without one.
        "OPENAI_API_KEY": "bench-local-server-no-key",
        "OPENAI_MODEL": "gpt-4o",
        "LLM_PROVIDER": "openai",
        # Set but empty, so a developer's .env cannot switch the Python peer to Azure.
        "AZURE_OPENAI_API_KEY": "",
        "AZURE_OPENAI_ENDPOINT": "",
    })
    return env


def percentile(values, p):
    """Nearest-rank percentile (p in 0..100)."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * p // 100))
    return ordered[int(rank) - 1]


def summary(values):
    """{'median', 'min', 'max', 'n'} of a list of numbers, or None when empty."""
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "n": len(values)}


def fmt(s, unit="s", digits=2):
    """'1.23 s (1.10–1.40, n=5)' from a summary."""
    if s is None:
        return "not measured"
    d = digits
    return f"{s['median']:.{d}f} {unit} ({s['min']:.{d}f}–{s['max']:.{d}f}, n={s['n']})"


def fmt_ratio(s, digits=2):
    if s is None:
        return "not measured"
    d = digits
    return f"{s['median']:.{d}f}x ({s['min']:.{d}f}–{s['max']:.{d}f}, n={s['n']})"


def machine():
    model = "unknown"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    mem_gib = None
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_gib = round(int(line.split()[1]) / 1024 / 1024, 1)

    def output_lines(cmd):
        with contextlib.suppress(OSError, subprocess.CalledProcessError):
            return subprocess.check_output(cmd, text=True, stderr=subprocess.STDOUT).strip().splitlines()
        return []

    def version(cmd):
        return next(iter(output_lines(cmd)), "not found")

    def installed(crate):
        """evcxr_jupyter has no --version; cargo's list of installed binaries knows it."""
        return next((line.rstrip(":") for line in output_lines(["cargo", "install", "--list"])
                     if line.startswith(crate + " v")), f"{crate} not found")

    return {
        "nproc": os.cpu_count(), "cpu_model": model, "mem_gib": mem_gib,
        "kernel": platform.release(), "python": platform.python_version(),
        "rustc": version(["rustc", "--version"]),
        "evcxr": installed("evcxr_jupyter"),
        "linker_mold": version(["mold", "--version"]), "linker_lld": version(["ld.lld", "--version"]),
        "loadavg_start": Path("/proc/loadavg").read_text().split()[:3],
        "git_commit": version(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"]),
    }


def read_json(path):
    with open(path) as f:
        return json.load(f)
