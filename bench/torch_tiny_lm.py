"""PyTorch twin of tiny_lm's benchmark model, for a side-by-side throughput check.

Same architecture and training step as `cargo run --release -p tiny_lm --bin bench_train`:
decoder-only transformer, learned position embeddings, pre-LayerNorm (eps 1e-5), causal
multi-head attention with a fused qkv projection, GELU (tanh approximation) MLP of width
4 x d_model, final LayerNorm, output layer tied to the token embedding; AdamW (betas 0.9/0.95,
eps 1e-8, weight decay 0.1 on matrices only), global-norm clipping at 1.0, mean cross-entropy.
Batches are random windows of random token ids (throughput does not depend on the text).

Usage: python bench/torch_tiny_lm.py --config '{"vocab": 2052, ...}' [--threads 1 2] [--min-steps 5]
       [--min-secs 3] [--json]

The configuration comes from tiny_lm (`bench_train --config-only --json`, which reads the shipped
recipe), so the two sides cannot drift apart; bench/bench_training.py passes it. Timing matches
bench_train: 2 untimed steps, then at least --min-steps steps and --min-secs seconds.
"""

import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

KEYS = ("vocab", "context", "d_model", "heads", "layers", "batch", "lr")


class Block(nn.Module):
    def __init__(self, d, heads):
        super().__init__()
        self.heads = heads
        self.ln1 = nn.LayerNorm(d, eps=1e-5)
        self.qkv = nn.Linear(d, 3 * d)
        self.proj = nn.Linear(d, d)
        self.ln2 = nn.LayerNorm(d, eps=1e-5)
        self.fc = nn.Linear(d, 4 * d)
        self.fcproj = nn.Linear(4 * d, d)

    def forward(self, x):
        b, t, c = x.shape
        q, k, v = self.qkv(self.ln1(x)).split(c, dim=2)
        shape = (b, t, self.heads, c // self.heads)
        q, k, v = (z.view(shape).transpose(1, 2) for z in (q, k, v))
        y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        x = x + self.proj(y.transpose(1, 2).reshape(b, t, c))
        return x + self.fcproj(F.gelu(self.fc(self.ln2(x)), approximate="tanh"))


class TinyLM(nn.Module):
    def __init__(self, vocab, context, d_model, heads, layers):
        super().__init__()
        self.wte = nn.Embedding(vocab, d_model)
        self.wpe = nn.Embedding(context, d_model)
        self.blocks = nn.ModuleList(Block(d_model, heads) for _ in range(layers))
        self.lnf = nn.LayerNorm(d_model, eps=1e-5)
        for name, p in self.named_parameters():
            if p.dim() > 1:
                std = 0.02 / math.sqrt(2 * layers) if name.endswith("proj.weight") else 0.02
                nn.init.normal_(p, std=std)
            elif "ln" not in name:
                nn.init.zeros_(p)

    def forward(self, idx, targets):
        t = idx.shape[1]
        x = self.wte(idx) + self.wpe(torch.arange(t))
        for block in self.blocks:
            x = block(x)
        logits = self.lnf(x) @ self.wte.weight.T  # tied output layer
        return F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1))


def bench(threads, min_steps, min_secs, cfg):
    torch.manual_seed(0)
    torch.set_num_threads(threads)
    model = TinyLM(cfg["vocab"], cfg["context"], cfg["d_model"], cfg["heads"], cfg["layers"])
    decay = [p for p in model.parameters() if p.dim() > 1]
    no_decay = [p for p in model.parameters() if p.dim() <= 1]
    opt = torch.optim.AdamW(
        [{"params": decay, "weight_decay": 0.1}, {"params": no_decay, "weight_decay": 0.0}],
        lr=cfg["lr"], betas=(0.9, 0.95), eps=1e-8,
    )
    data = torch.randint(0, cfg["vocab"], (200_000,))
    b, t = cfg["batch"], cfg["context"]

    def step():
        ix = torch.randint(0, len(data) - t - 1, (b,))
        x = torch.stack([data[i : i + t] for i in ix])
        y = torch.stack([data[i + 1 : i + t + 1] for i in ix])
        loss = model(x, y)
        opt.zero_grad(set_to_none=True)
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        return loss.item()

    for _ in range(2):
        step()
    start = time.perf_counter()
    steps = 0
    while steps < min_steps or time.perf_counter() - start < min_secs:
        step()
        steps += 1
    secs = time.perf_counter() - start
    return steps, secs, steps * b * t / secs


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--config", required=True, help="JSON from `bench_train --config-only`")
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--min-steps", type=int, default=5)
    ap.add_argument("--min-secs", type=float, default=3.0)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    given = json.loads(args.config)
    missing = [k for k in KEYS if k not in given]
    if missing:
        ap.error(f"--config lacks {missing}")
    cfg = {k: given[k] for k in KEYS}
    params = sum(p.numel() for p in TinyLM(*(cfg[k] for k in KEYS[:5])).parameters())
    # Which SIMD kernels PyTorch picked on this CPU (e.g. AVX512); bench_train reports tiny_lm's.
    out = dict(cfg, params=params, torch=torch.__version__, cpu_capability=torch.backends.cpu.get_cpu_capability())
    for n in args.threads:
        steps, secs, tps = bench(n, args.min_steps, args.min_secs, cfg)
        out.update({f"tokens_per_sec_{n}t": round(tps, 1), f"steps_{n}t": steps, f"secs_{n}t": round(secs, 3)})
    if args.json:
        print(json.dumps(out))
    else:
        print(f"config: {cfg} params {params} torch {torch.__version__}")
        for n in args.threads:
            print(f"threads {n}: {out[f'tokens_per_sec_{n}t']} tokens/s")


if __name__ == "__main__":
    main()
