"""Executes one notebook headlessly and reports timings (run with the project venv's python).

    python nb_exec.py NOTEBOOK --kernel rust --cwd notebooks --out result.json [--save executed.ipynb]

Times the kernel start (until it answers) and every code cell, from nbclient's
`record_timing` metadata (iopub.execute_input -> shell.execute_reply), and the total wall
time from launching the kernel to the last cell's reply. Also reports cells whose outputs
look like failures (error outputs, Rust panics or compile errors, Python tracebacks), so a
timing from a broken run is never taken for a real one.
"""

import argparse
import json
import time
from datetime import datetime

import nbformat
from nbclient import NotebookClient

BAD = ("panicked at", "error[E", "could not compile", "Traceback (most recent call last)")


def stamp(value):
    return datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp()


def cell_problems(cell):
    problems = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "error":
            problems.append(f"{out.get('ename')}: {out.get('evalue', '')[:200]}")
        text = out.get("text", "")
        if isinstance(text, list):
            text = "".join(text)
        text += json.dumps(out.get("data", {}))
        for marker in BAD:
            if marker in text:
                problems.append(f"{marker!r} in output: {text[text.find(marker):][:200]!r}")
    return problems


def main():
    p = argparse.ArgumentParser()
    p.add_argument("notebook")
    p.add_argument("--kernel", required=True)
    p.add_argument("--cwd", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--save")
    p.add_argument("--timeout", type=int, default=900)
    a = p.parse_args()

    nb = nbformat.read(a.notebook, as_version=4)
    client = NotebookClient(nb, timeout=a.timeout, kernel_name=a.kernel, record_timing=True, allow_errors=True,
                            resources={"metadata": {"path": a.cwd}})
    t0 = time.perf_counter()
    cells = []
    with client.setup_kernel():
        kernel_start_s = time.perf_counter() - t0
        for index, cell in enumerate(nb.cells):
            if cell.cell_type != "code":
                continue
            t = time.perf_counter()
            client.execute_cell(cell, index)
            wall = time.perf_counter() - t
            timing = cell.metadata.get("execution", {})
            try:
                kernel_s = stamp(timing["shell.execute_reply"]) - stamp(timing["iopub.execute_input"])
            except KeyError:
                kernel_s = None
            cells.append({"index": index, "first_line": cell.source.splitlines()[0] if cell.source else "",
                          "kernel_s": kernel_s, "wall_s": wall, "problems": cell_problems(cell)})
        total_s = time.perf_counter() - t0
    with open(a.out, "w") as f:
        json.dump({"notebook": a.notebook, "kernel_start_s": kernel_start_s, "total_s": total_s,
                   "cells": cells}, f, indent=1)
    if a.save:
        nbformat.write(nb, a.save)


if __name__ == "__main__":
    main()
