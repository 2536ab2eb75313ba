"""Builds data/instruct/{train,validation}.jsonl, the instruction set, from hand-written facts.

Run from anywhere: python3 data/scripts/make_instruct.py   (Python 3 standard library only;
the output is identical on every run).

How an example is made:
- The facts are in instruct_course.py (how language models are trained) and
  instruct_everyday.py (everyday topics), written with a language model. A "T:" fact is a term
  and its definition; a "Q:" fact is two to four hand-written phrasings of one question and
  one answer.
- A term becomes QUESTIONS_PER_TERM questions, each phrasing picked (fixed seed) from
  TERM_TEMPLATES; all of them get the written definition as the answer.
- A question fact gives one example per hand-written phrasing, plus one more where a phrasing
  is wrapped in a request such as "Quick question: ...".
- Countries and capitals (instruct_everyday.CAPITALS) give three phrasings each.
- About a quarter of the examples carry a "system" prompt picked from SYSTEM_PROMPTS.
- A question that is a near duplicate of any string literal in notebooks/*.ipynb code cells
  (word-3-shingle Jaccard >= 0.4, below the 0.5 that the Rust test enforces) is dropped, so
  the notebooks' own prompts stay unseen.
- Split: every fact (with all its phrasings) goes either to train or to validation; the
  validation facts are the 5% whose key hashes lowest (SHA-256), so no validation fact is
  ever trained on. The facts in ALWAYS_TRAIN never go to validation: the main notebook's
  prompts are about them, and a model that never learned them cannot answer there.
"""

import glob
import hashlib
import json
import os
import random
import re

import instruct_course
import instruct_everyday
from instruct_restate import join, restate
from instruct_restated import RESTATED

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
OUT = os.path.join(ROOT, "data", "instruct")
SEED = 13
QUESTIONS_PER_TERM = 6
VALIDATION_SHARE = 0.05
NOTEBOOK_JACCARD_LIMIT = 0.4
ALWAYS_TRAIN = {"course/finetuning/What is the difference between pre-training and fine-tuning?"}

TERM_TEMPLATES = [
    "What {is} {a}?",
    "What is meant by the term {bare}?",
    "Can you explain what {a} {is}?",
    "Define the term {bare}.",
    "Tell me about {a}.",
    "In simple words, what {is} {a}?",
    "I keep hearing the term {bare}. What does it mean?",
    "Explain {a} in one or two sentences.",
    "What do people mean when they say {bare}?",
    "Give me a short definition of {bare}.",
    "How would you describe {a} to a beginner?",
    "Briefly, what {is} {a}?",
]

WRAPPERS = [
    "Quick question: {q}",
    "{q} Please keep it short.",
    "Can you tell me this: {q}",
    "{q} Answer in plain English.",
    "I am new to this. {q}",
    "{q} One or two sentences, please.",
]

CAPITAL_TEMPLATES = [
    "What is the capital of {c}?",
    "Which city is the capital of {c}?",
    "Tell me the capital city of {c}.",
    "Do you know the capital of {c}?",
]

SYSTEM_PROMPTS = [
    "You are a helpful assistant. Answer in one or two sentences.",
    "You are a friendly tutor for a course on how language models are trained.",
    "Answer briefly and in plain English.",
    "You are the built-in tiny model of this course. Be short and clear.",
]

PLURAL_TERMS = {"logits", "bacteria", "the lungs"}

STOPWORDS = set("""a an the and or of to in on for with by from at as is are was were be been
being it its this that these those what which who whom how why when where do does did can could
should would will shall may might must i you he she we they me my your our their them his her
not no yes if then than so too very about into over under between up down out more most less
tell explain give please one two some any much many make makes made get use used using mean
means meant good best simple way ways does thing things really actually help know new""".split())


def words(text):
    """Lower-cased words with punctuation trimmed from both ends (as tiny_lm's MinHash does)."""
    out = []
    for w in text.split():
        w = re.sub(r"^[^0-9A-Za-z]+|[^0-9A-Za-z]+$", "", w).lower()
        if w:
            out.append(w)
    return out


def shingles(text, k=3):
    ws = words(text)
    if not ws:
        return set()
    if len(ws) <= k:
        return {" ".join(ws)}
    return {" ".join(ws[i:i + k]) for i in range(len(ws) - k + 1)}


def jaccard(a, b):
    sa, sb = shingles(a), shingles(b)
    union = sa | sb
    return len(sa & sb) / len(union) if union else 0.0


def content_words(text):
    return {w for w in words(text) if len(w) > 2 and w not in STOPWORDS}


def stem(word):
    """First five letters after a plural "s" is dropped: "cats" and "cat" match."""
    return (word[:-1] if word.endswith("s") and len(word) > 3 else word)[:5]


def shares_key_term(question, answer):
    """True when a content word of the question (compared by stem()) is in the
    answer, or the question has no content word at all (such as "Thank you!")."""
    stems = {stem(w) for w in content_words(answer)}
    asked = content_words(question)
    return not asked or any(stem(w) in stems for w in asked)


def parse(text, source):
    """Parses the fact format of instruct_course.py into a list of fact dicts."""
    facts, topic, pending = [], None, None
    for raw in text.strip().splitlines():
        line = raw.strip()
        if not line:
            continue
        if line.startswith("@topic "):
            topic = line.split(None, 1)[1]
        elif line.startswith("T: "):
            term, definition = line[3:].split(" :: ")
            if term.split(" ", 1)[-1].lower() not in definition.lower():
                raise SystemExit(f"definition of {term!r} does not repeat the term")
            facts.append(dict(kind="term", topic=topic, term=term, answer=definition,
                              key=f"{source}/{topic}/{term}"))
        elif line.startswith("Q: "):
            pending = [q.strip() for q in line[3:].split(" | ")]
        elif line.startswith("A: "):
            facts.append(dict(kind="question", topic=topic, questions=pending, answer=line[3:],
                              key=f"{source}/{topic}/{pending[0]}"))
            pending = None
        else:
            raise SystemExit(f"cannot parse line: {line}")
    return facts


def term_questions(fact, rng):
    term = fact["term"]
    bare = re.sub(r"^(a|an|the) ", "", term)
    plural = term in PLURAL_TERMS
    fills = dict(a=term, bare=bare, is_="are" if plural else "is")
    templates = rng.sample(TERM_TEMPLATES, QUESTIONS_PER_TERM)
    return [t.replace("{is}", fills["is_"]).format(a=term, bare=bare) for t in templates]


def question_variants(fact, rng):
    """(question, the hand-written phrasing it comes from) pairs."""
    qs = [(q, q) for q in fact["questions"]]
    if fact["topic"] == "conversation":
        return qs
    wrapper = rng.choice(WRAPPERS)
    base = rng.choice(fact["questions"])
    qs.append((wrapper.format(q=base), base))
    return qs


def plain_words(facts):
    """Words the answers use in lower case after their first word: a first word found here
    may be lower-cased behind an opener ("Tokens ..." -> "...: tokens ..."), a name may not."""
    out = set()
    for fact in facts:
        out.update(w.strip(".,;:!?\"'()") for w in fact["answer"].split()[1:])
    return {w for w in out if w and w == w.lower()}


def notebook_literals():
    """Every string literal in the code cells of notebooks/*.ipynb (a superset of the prompts)."""
    literals = []
    for path in sorted(glob.glob(os.path.join(ROOT, "notebooks", "*.ipynb"))):
        with open(path, encoding="utf-8") as f:
            notebook = json.load(f)
        for cell in notebook["cells"]:
            if cell["cell_type"] != "code":
                continue
            source = "".join(cell["source"])
            source = re.sub(r"\\\n\s*", "", source)  # Rust line continuations inside literals
            literals += [m.group(1) for m in re.finditer(r'"((?:[^"\\]|\\.)*)"', source)]
    return [s.replace("\\n", "\n") for s in literals if words(s)]


def build():
    rng = random.Random(SEED)
    facts = (parse(instruct_course.FACTS, "course")
             + parse(instruct_everyday.FACTS, "everyday"))
    for country, city in instruct_everyday.CAPITALS:
        answer = f"The capital of {country} is {city}" + ("" if city.endswith(".") else ".")
        facts.append(dict(kind="capital", topic="geography", country=country, answer=answer,
                          key=f"everyday/capitals/{country}"))
    literals = notebook_literals()
    plain = plain_words(facts)
    examples, dropped, off_topic = [], [], []
    restated = 0
    for fact in facts:
        if fact["kind"] == "term":
            questions = [(q, None) for q in term_questions(fact, rng)]
        elif fact["kind"] == "question":
            questions = question_variants(fact, rng)
        else:
            questions = [(t.format(c=fact["country"]), None)
                         for t in rng.sample(CAPITAL_TEMPLATES, 3)]
        for question, phrasing in questions:
            clash = max((jaccard(question, lit) for lit in literals), default=0.0)
            if clash >= NOTEBOOK_JACCARD_LIMIT:
                dropped.append((question, clash))
                continue
            if (fact["kind"] == "question" and fact["topic"] != "conversation"
                    and question in fact["questions"]
                    and not shares_key_term(question, fact["answer"])):
                off_topic.append(question)
            answer = fact["answer"]
            opener = restate(phrasing, RESTATED) if phrasing else None
            if opener:
                answer = join(opener, answer, 
                              lambda w: w.lower() in plain and w[1:] == w[1:].lower())
                restated += 1
            example = {"question": question, "answer": answer, "topic": fact["topic"],
                       "fact": fact["key"]}
            if rng.random() < 0.25:
                example = {"system": rng.choice(SYSTEM_PROMPTS), **example}
            examples.append(example)
    if off_topic:
        raise SystemExit("answers share no key term with:\n" + "\n".join(off_topic))
    missing = ALWAYS_TRAIN - {f["key"] for f in facts}
    if missing:
        raise SystemExit(f"ALWAYS_TRAIN names facts that do not exist: {sorted(missing)}")
    keys = sorted({f["key"] for f in facts} - ALWAYS_TRAIN,
                  key=lambda k: hashlib.sha256(k.encode()).hexdigest())
    held_out = set(keys[:round(len(keys) * VALIDATION_SHARE)])
    train = [e for e in examples if e["fact"] not in held_out]
    validation = [e for e in examples if e["fact"] in held_out]
    return facts, train, validation, dropped, restated


def write(name, rows):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return os.path.getsize(path)


def main():
    os.makedirs(OUT, exist_ok=True)
    facts, train, validation, dropped, restated = build()
    sizes = write("train.jsonl", train), write("validation.jsonl", validation)
    kinds = {k: sum(f["kind"] == k for f in facts) for k in ("term", "question", "capital")}
    print(f"facts: {len(facts)} ({kinds['term']} terms, {kinds['question']} questions, "
          f"{kinds['capital']} capitals) in {len({f['topic'] for f in facts})} topics")
    print(f"train.jsonl:      {len(train):5d} examples, {sizes[0]:,} bytes")
    print(f"validation.jsonl: {len(validation):5d} examples, {sizes[1]:,} bytes")
    print(f"answers opening with a restated question: {restated}")
    print(f"distinct questions: {len({e['question'] for e in train + validation})}")
    for question, clash in dropped:
        print(f"dropped (Jaccard {clash:.2f} with a notebook string): {question}")


if __name__ == "__main__":
    main()
