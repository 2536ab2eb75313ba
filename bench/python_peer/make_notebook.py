"""Rebuilds how_llms_are_trained.ipynb (the Python peer notebook) from the exported seed.

The seed is the original notebook exported as text: markdown, then `In [n]:` followed by the
cell's code and its output. Code and output are told apart by the first output line of each
cell (the outputs are known), the markdown resumes at the next `##` heading or rule. The only
change to the code: cell 1 runs `./utils_llm_connector.py` (this folder's rendition of the
helper) instead of the helper notebook. Run: python3 bench/python_peer/make_notebook.py
"""

import json
import re
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SEED = Path(sys.argv[1]) if len(sys.argv) > 1 else HERE.parents[2] / "shared/seed/how_llms_are_trained.txt"
OUT = HERE / "how_llms_are_trained.ipynb"
# First line of each cell's output in the seed; the code ends at the blank line before it.
OUTPUT_STARTS = [
    "🔑 LLM Configuration Check:",
    "Pre-training and fine-tuning are two key stages",
    "🎯 Hands-on Example: Next-Token Prediction",
    "🎯 Hands-on Example: Fine-tuning Scenarios",
    "⚠️ Understanding Training Challenges",
]


def lines_to_source(lines):
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return [line + "\n" for line in lines[:-1]] + lines[-1:]


def main():
    lines = SEED.read_text(encoding="utf-8").split("\n")
    cells, markdown, i, n = [], [], 0, 0
    while i < len(lines):
        if re.fullmatch(r"In \[\d+\]:", lines[i]):
            if markdown:
                cells.append(("markdown", markdown))
            start = OUTPUT_STARTS[n]
            j = i + 1 + next(k for k, line in enumerate(lines[i + 1:]) if line.startswith(start))
            code = lines[i + 1:j]
            cells.append(("code", code))
            # The output (which may hold `###` headings) runs until the next `##` section or rule.
            k = j
            while k < len(lines) and not re.match(r"(## |---$)", lines[k]):
                k += 1
            i, markdown, n = k, [], n + 1
            continue
        markdown.append(lines[i])
        i += 1
    if markdown:
        cells.append(("markdown", markdown))
    nb_cells = []
    for kind, body in cells:
        if kind == "code":
            body = [
                "%run ./utils_llm_connector.py" if line.startswith("%run ./utils_llm_connector") else line
                for line in body
            ]
            nb_cells.append({"cell_type": "code", "execution_count": None, "metadata": {},
                             "outputs": [], "source": lines_to_source(body)})
        else:
            nb_cells.append({"cell_type": "markdown", "metadata": {}, "source": lines_to_source(body)})
    assert n == len(OUTPUT_STARTS), f"found {n} code cells"
    nb = {
        "cells": nb_cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"},
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    for idx, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{idx}"
    OUT.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({len(nb_cells)} cells, {n} code)")


if __name__ == "__main__":
    main()
