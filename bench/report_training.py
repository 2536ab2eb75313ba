"""Renders the training part of BENCHMARKS.md: tiny_lm vs PyTorch, and both against the peak."""

from benchlib import fmt, fmt_ratio

# A per-pair ratio this far from 1 names a winner; closer is "within noise" (paired runs on
# this shared machine have differed by up to ~10% with nothing changed).
WIN_MARGIN = 1.10


def winner(ratio):
    if ratio is None:
        return "not measured"
    r = ratio["median"]
    if r >= WIN_MARGIN:
        return "tiny_lm"
    if r <= 1 / WIN_MARGIN:
        return "**PyTorch**"
    return f"neither (within {WIN_MARGIN:.2f}x)"


def machine_peak(peak, threads):
    """The peak the machine gave `threads` threads in this run: the best measured figure of the
    widest FMA it has at that thread count (never below the one-thread figure). Measured, not
    threads x one core: on this machine the second core is shared with other sessions' work
    (the kernel's autogroup scheduling splits the CPU between sessions whatever their nice
    level), so two threads get what is left of it, in the micro-benchmark as in training."""
    for isa in ("avx512", "avx2"):
        if peak.get(f"{isa}_1t"):
            return isa, max(peak.get(f"{isa}_{threads}t") or 0, peak[f"{isa}_1t"])
    return None, None


def gflops(tps, flops_per_token, peak):
    """'12.3 GFLOP/s, 15%' from a tokens/s summary."""
    if tps is None:
        return "not measured"
    achieved = tps["median"] * flops_per_token
    return f"{achieved / 1e9:.1f} GFLOP/s, {100 * achieved / peak:.0f}%" if peak else f"{achieved / 1e9:.1f} GFLOP/s"


def peak_lines(t):
    peak, theo = t.get("peak", {}), t.get("theoretical", {})
    lines = ["Peak f32 FLOP/s of this machine (`peak_flops`: 12 independent FMA chains in plain Rust, "
             "compiled per instruction set; best of 10 runs of 0.2 s, run before the comparison and after each "
             f"shape, best of those {len(t.get('peak_runs', [])) or '?'} kept). "
             f"Theoretical: 2 FLOPs x lanes x {theo.get('fma_units', '?')} FMA units per core x "
             f"{theo.get('mhz', '?')} MHz (the clock /proc/cpuinfo reports; flags {', '.join(theo.get('flags', []))}).",
             "", "The % columns above divide by the measured figure of the widest FMA at the same thread count. "
             "Implied clock = measured one-thread FLOP/s / (2 x lanes x FMA units).",
             "", "| instruction set | measured, 1 thread | measured, 2 threads (cores shared with other work) | "
             "theoretical per core | measured 1 thread / theoretical | implied clock |", "|---|---|---|---|---|---|"]
    units = theo.get("fma_units") or 2
    for isa, lanes in (("avx2", 8), ("avx512", 16)):
        one, two, th = peak.get(f"{isa}_1t"), peak.get(f"{isa}_2t"), theo.get(f"{isa}_per_core")
        if one is None and th is None:
            continue
        lines.append(f"| {isa} + FMA ({lanes} lanes) | {one / 1e9:.1f} GFLOP/s | {two / 1e9:.1f} GFLOP/s | "
                     f"{th / 1e9:.0f} GFLOP/s | {one / th:.2f} | {one / (2 * lanes * units) / 1e9:.2f} GHz |"
                     if one and two and th else
                     f"| {isa} ({lanes} lanes) | not measured | | {th / 1e9 if th else 0:.0f} GFLOP/s | | |")
    return lines + [""]


def shape_rows(s, threads, peak):
    cfg = s["config"]
    rows = []
    for t in threads:
        key = f"tokens_per_sec_{t}t"
        _, p = machine_peak(peak, t)
        rows.append(f"| {s['label']} (d {cfg['d_model']}, {cfg['layers']} layers, {cfg['params'] / 1e6:.2f}M) | "
                    f"{cfg['flops_per_token'] / 1e6:.1f} | {t} | {fmt(s.get(f'rust_{key}'), 'tok/s', 0)} | "
                    f"{fmt(s.get(f'torch_{key}'), 'tok/s', 0)} | {fmt_ratio(s.get(f'ratio_{key}'))} | "
                    f"{winner(s.get(f'ratio_{key}'))} | {gflops(s.get(f'rust_{key}'), cfg['flops_per_token'], p)} | "
                    f"{gflops(s.get(f'torch_{key}'), cfg['flops_per_token'], p)} |")
    return rows


def training_section(t):
    if "shapes" not in t:  # results.json from before the shape sweep
        return ["### tiny_lm training throughput vs PyTorch (CPU)", "",
                "(results.json predates the shipped-size comparison: run `python3 bench/run_all.py --only training`)", ""]
    shipped = t["shapes"][0]["config"]
    threads = t.get("threads", [1, 2])
    lines = ["### tiny_lm training throughput vs PyTorch (CPU), and the fraction of peak FLOP/s", "",
             f"Shipped shape (from `Recipe::shipped()`): vocab {shipped['vocab']}, context {shipped['context']}, "
             f"d_model {shipped['d_model']}, {shipped['heads']} heads, {shipped['layers']} layers, batch "
             f"{shipped['batch']} ({shipped['batch'] * shipped['context']} tokens per step), {shipped['params']} "
             f"parameters. Larger rows change one value of it. PyTorch {t.get('torch_version') or 'not measured'} "
             f"(its CPU kernels: {t.get('torch_cpu_capability') or '?'}; tiny_lm's matmul: {shipped.get('matmul_isa') or 'AVX2+FMA'}). "
             f"Each run: 2 untimed steps, then at least {t.get('min_secs', 3)} s of steps (forward, backward, "
             "clipping, AdamW).", ""]
    if t.get("torch_missing"):
        lines += [f"PyTorch side: **not measured** ({t['torch_missing']}).", ""]
    lines += ["FLOPs per token = 6 x (weights in matrix products: 12·d² per layer + vocab·d for the tied output) "
              "+ 12 x layers x context x d_model (attention scores and weighted sums, the whole T x T matrix); "
              "GFLOP/s = tokens/s x that; % = of the machine's measured peak at the same thread count "
              "(the widest FMA it has, table below).", "",
              "| shape | MFLOP/token | threads | tiny_lm | PyTorch | tiny_lm/PyTorch (per pair) | faster | "
              "tiny_lm GFLOP/s, % of peak | PyTorch GFLOP/s, % of peak |",
              "|---|---|---|---|---|---|---|---|---|"]
    for s in t["shapes"]:
        lines += shape_rows(s, threads, t.get("peak", {}))
    return lines + [""] + peak_lines(t)
