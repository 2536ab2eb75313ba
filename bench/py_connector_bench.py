"""The Python side of the connector-overhead benchmark (twin of crates/bench_runner).

    python py_connector_bench.py sequential --calls 500 --out seq.json
    python py_connector_bench.py batch-sequential --prompts 64 --out b.json
    python py_connector_bench.py batch-async --prompts 64 --concurrency 16 --out b.json

`sequential` and `batch-sequential` go through the peer helper (`LLMConnector`, openai's
sync client), as the original notebook would; `batch-async` is what a careful Python user
would write instead: `AsyncOpenAI` with an `asyncio.Semaphore`. The server URL comes from
OPENAI_BASE_URL, as for the Rust side. Output: the same JSON shape as bench_runner.
"""

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "python_peer"))

from utils_llm_connector import LLMConnector  # noqa: E402


def prompt(i):
    return f"Benchmark prompt {i}: explain pre-training of a language model in one paragraph."


def sequential(calls):
    connector = LLMConnector()
    latencies, errors, first_error = [], 0, None
    start = time.perf_counter()
    for i in range(calls):
        t = time.perf_counter()
        try:
            connector.get_completion(prompt(i))
        except Exception as e:  # noqa: BLE001 - counted and reported, like the Rust side
            errors += 1
            first_error = first_error or repr(e)
        latencies.append((time.perf_counter() - t) * 1e3)
    return time.perf_counter() - start, latencies, errors, first_error


async def batch_async(prompts, concurrency):
    from openai import AsyncOpenAI

    connector = LLMConnector()  # same configuration check and model as the other runs
    client = AsyncOpenAI()
    gate = asyncio.Semaphore(concurrency)

    async def one(i):
        async with gate:
            r = await client.chat.completions.create(
                model=connector.model,
                messages=[{"role": "user", "content": prompt(i)}],
                temperature=0.7,
            )
            return r.choices[0].message.content

    start = time.perf_counter()
    results = await asyncio.gather(*(one(i) for i in range(prompts)), return_exceptions=True)
    wall = time.perf_counter() - start
    failures = [r for r in results if isinstance(r, BaseException)]
    await client.close()
    return wall, [], len(failures), repr(failures[0]) if failures else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument("mode", choices=["sequential", "batch-sequential", "batch-async"])
    p.add_argument("--calls", type=int, default=500)
    p.add_argument("--prompts", type=int, default=64)
    p.add_argument("--concurrency", type=int, default=16)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    if a.mode == "sequential":
        wall, lat, errors, first = sequential(a.calls)
    elif a.mode == "batch-sequential":
        wall, _, errors, first = sequential(a.prompts)
        lat = []
    else:
        wall, lat, errors, first = asyncio.run(batch_async(a.prompts, a.concurrency))
    Path(a.out).write_text(json.dumps(
        {"wall_s": wall, "errors": errors, "first_error": first, "latencies_ms": lat}) + "\n")


if __name__ == "__main__":
    main()
