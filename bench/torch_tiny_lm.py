"""PyTorch twin of tiny_lm's benchmark model, for a side-by-side throughput check.

Same architecture and training step as `cargo run --release -p tiny_lm --bin bench_train`:
decoder-only transformer, learned position embeddings, pre-LayerNorm (eps 1e-5), causal
multi-head attention with a fused qkv projection, GELU (tanh approximation) MLP of width
4 x d_model, final LayerNorm, output layer tied to the token embedding; AdamW (betas 0.9/0.95,
eps 1e-8, weight decay 0.1 on matrices only), global-norm clipping at 1.0, mean cross-entropy.
Batches are random windows of random token ids (throughput does not depend on the text).

Usage: python bench/torch_tiny_lm.py [--steps 40] [--threads 1 2] [--json]
"""

import argparse
import json
import math
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

# Must match tiny_lm::ModelConfig::tiny(512) and TrainConfig::default().
CONFIG = dict(vocab=512, context=32, d_model=64, heads=4, layers=1, batch=16, lr=3e-3)


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


def bench(threads, steps, cfg):
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

    for _ in range(3):
        step()
    start = time.perf_counter()
    for _ in range(steps):
        step()
    return steps * b * t / (time.perf_counter() - start)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--steps", type=int, default=40)
    ap.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    params = sum(p.numel() for p in TinyLM(*(CONFIG[k] for k in ("vocab", "context", "d_model", "heads", "layers"))).parameters())
    results = {f"tokens_per_sec_{n}t": round(bench(n, args.steps, CONFIG)) for n in args.threads}
    if args.json:
        print(json.dumps(dict(CONFIG, params=params, steps=args.steps, torch=torch.__version__, **results)))
    else:
        print(f"config: {CONFIG} params {params} torch {torch.__version__}")
        for key, tps in results.items():
            print(f"{key}: {tps} tokens/s")


if __name__ == "__main__":
    main()
