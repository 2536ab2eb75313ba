"""Compose data/finetune/{medical,code,legal}.jsonl from the hand-written parts next to this file.

Deterministic: a fixed seed picks the phrasing of each prompt, so rerunning gives identical files.
Run from the repository root:  python3 data/scripts/make_finetune.py
"""

import json
import random
from pathlib import Path

import finetune_code as code
import finetune_legal as legal
import finetune_medical as med

OUT = Path(__file__).resolve().parent.parent / "finetune"
SEED = 2024


def cap(s):
    return s[:1].upper() + s[1:]


def medical(rng):
    out = []
    fields = [med.Q_WHAT, med.Q_SYMPTOMS, med.Q_CAUSES, med.Q_DOCTOR, med.Q_PREVENT, med.Q_SELFCARE]
    for name, *answers in med.TOPICS:
        for templates, answer in zip(fields, answers):
            prompt = rng.choice(templates).format(n=name)
            closing = rng.choice(med.CLOSINGS) if templates in (med.Q_SYMPTOMS, med.Q_SELFCARE) else ""
            out.append((prompt, answer + closing))
    for term, meaning in med.GLOSSARY:
        out.append((rng.choice(med.Q_TERM).format(t=term), meaning))
    out.extend(med.CAREFUL)
    out.extend(med.WELLNESS)
    return out


def code_examples(rng):
    out = []
    for task, params, solutions in code.TASKS:
        for p in params:
            for lang, src in solutions.items():
                text = src
                desc = task
                if p is not None:
                    if isinstance(p, str) and " to " in p:
                        lo, hi = p.split(" to ")
                        text = text.replace("{lo}", lo).replace("{hi}", hi)
                    text = text.replace("{p}", str(p))
                    desc = task.replace("{p}", str(p))
                fence = lang.lower()
                prompt = rng.choice(code.PROMPTS).format(lang=lang, task=desc)
                response = f"```{fence}\n{text}\n```\n{rng.choice(code.EXPLAIN[lang])}"
                out.append((prompt, response))
                if p is None:
                    out.append((f"What does this {lang} code do?\n```{fence}\n{text}\n```",
                                f"It {desc}."))
    return out


def legal_examples(rng):
    out = []
    seen = set()
    for kind, clause, summary in legal.CLAUSES:
        for i in range(8):
            a, b = legal.PARTIES[(i + len(kind)) % len(legal.PARTIES)]
            # Redraw the numbers a few times so each kept clause text is new; clauses with no
            # slots at all (e.g. severability) therefore appear once.
            for _ in range(10):
                slots = dict(
                    a=a, b=b, A=cap(a), B=cap(b),
                    days=rng.choice(legal.DAYS), amount=rng.choice(legal.AMOUNTS),
                    pct=rng.choice(legal.PERCENTS), place=rng.choice(legal.PLACES),
                    years=rng.choice(legal.YEARS), miles=rng.choice(legal.MILES),
                )
                text = cap(clause.format(**slots))
                if text not in seen:
                    break
            if text in seen:
                continue
            seen.add(text)
            out.append((rng.choice(legal.PROMPTS).format(text=text), cap(summary.format(**slots))))
    for i, (facts, holding) in enumerate(legal.CASES):
        for j in range(4):
            p = legal.PLAINTIFFS[(i + 3 * j) % len(legal.PLAINTIFFS)]
            d = legal.DEFENDANTS[(2 * i + j) % len(legal.DEFENDANTS)]
            text = f"{p} v {d}. {facts}"
            out.append((rng.choice(legal.CASE_PROMPTS).format(text=text), f"In {p} v {d}: {holding}"))
    return out


def write(name, pairs):
    prompts = [p for p, _ in pairs]
    assert len(set(prompts)) == len(prompts), f"{name}: duplicate prompts"
    path = OUT / f"{name}.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for prompt, response in pairs:
            f.write(json.dumps({"prompt": prompt, "response": response}, ensure_ascii=False) + "\n")
    print(f"{path.name}: {len(pairs)} examples, {path.stat().st_size} bytes")


def main():
    rng = random.Random(SEED)
    OUT.mkdir(parents=True, exist_ok=True)
    write("medical", medical(rng))
    write("code", code_examples(rng))
    write("legal", legal_examples(rng))


if __name__ == "__main__":
    main()
