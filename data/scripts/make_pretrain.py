"""Builds data/pretrain/*.txt, the general English pre-training corpus, from registry packages.

Run: python3 data/scripts/make_pretrain.py   (needs `apt-get` and `pip` able to reach their
registries the first time; the packages are cached in ~/.cache/tiny_lm_data afterwards).

Output format (same as data/general/): one paragraph per line, paragraphs separated by a blank
line, UTF-8, ASCII punctuation. The output is identical on every run.

Sources (see data/README.md for editions and licences):
- Jane Austen's five novels other than Mansfield Park, from Debian's r-cran-janeaustenr 1.0.0-1.
- "Alice's Adventures in Wonderland" (Millennium Fulcrum Edition 2.9) and the Library of
  Congress "Workshop on Electronic Texts: Proceedings" (1992), from the Canterbury corpus files
  that the PyPI source distribution of brotli 1.2.1 ships as test data.
- Definitions of common nouns and verbs written out as sentences, from WordNet 3.0 as packaged
  by Debian (wordnet-base 1:3.0-37).
"""

import os
import re

import pretrain_sources as sources

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "pretrain")

# Mansfield Park is left out so that one author's early-1800s voice is under 70% of the corpus.
AUSTEN = [
    ("austen_pride_and_prejudice.txt", "prideprejudice"),
    ("austen_sense_and_sensibility.txt", "sensesensibility"),
    ("austen_emma.txt", "emma"),
    ("austen_persuasion.txt", "persuasion"),
    ("austen_northanger_abbey.txt", "northangerabbey"),
]

MIN_TAGS = 1

# WordNet senses of insults are left out: glosses that call themselves disparaging, offensive
# or slang, and words that are also ethnic slurs even where WordNet's sense is another one.
SLUR_SENSE = re.compile(r"\b(disparaging|derogatory|offensive term|slang|vulgar term)\b")
EXCLUDED_WORDS = {"coon"}

PHONE = re.compile(r"\(\d{3}\)\s*\d{3}-\d{4}|\b\d{3}-\d{4}\b")


def normalise(text):
    """ASCII punctuation, no italics underscores, single spaces."""
    for old, new in (("\u2019", "'"), ("\u2018", "'"), ("\u201c", '"'), ("\u201d", '"'),
                     ("\u2014", " - "), ("\u2013", "-"), ("\u00a0", " "), ("`", "'")):
        text = text.replace(old, new)
    text = text.replace("_", "")
    text = re.sub(r"--+", " - ", text)
    text = re.sub(r"\(\d{1,2}\)", "", text)  # footnote markers such as "(2)"
    text = re.sub(r"\s+", " ", text).strip()
    return re.sub(r"^\* ", "", text)  # list bullets


def paragraphs(lines):
    """Groups lines into paragraphs at blank lines."""
    out, current = [], []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            out.append(current)
            current = []
    if current:
        out.append(current)
    return out


def is_prose(text):
    """A paragraph of running prose: enough words, mostly letters, not a heading or a list."""
    words = text.split()
    if len(words) < 8:
        return False
    letters = sum(c.isalpha() for c in text)
    visible = sum(not c.isspace() for c in text)
    if letters < 0.75 * visible:
        return False
    if text.upper() == text:
        return False
    if PHONE.search(text) or "@" in text:
        return False
    return text[-1] in ".!?'\")"


def clean_paragraphs(raw_paragraphs):
    """Normalises, keeps prose only, and drops exact repeats (keeping the first)."""
    seen, kept = set(), []
    for lines in raw_paragraphs:
        text = normalise(" ".join(lines))
        if is_prose(text) and text not in seen:
            seen.add(text)
            kept.append(text)
    return kept


def austen(name):
    lines = sources.austen_novels()[name]
    # The title page ends at the first chapter heading.
    start = next(i for i, l in enumerate(lines) if re.match(r"^(CHAPTER|Chapter) (1|I)\b", l))
    return clean_paragraphs(paragraphs(lines[start:]))


def alice():
    text = sources.sdist_member(*sources.BROTLI_SDIST, "tests/testdata/alice29.txt")
    lines = text.replace("\r", "").split("\n")
    start = next(i for i, l in enumerate(lines) if l.strip() == "CHAPTER I")
    end = next(i for i, l in enumerate(lines) if l.strip() == "THE END")
    kept = []
    for para in paragraphs(lines[start:end]):
        # Verse is indented deeper than the two spaces that start a prose paragraph.
        if sum(l.startswith("    ") for l in para) > len(para) / 2:
            continue
        kept.append(para)
    return clean_paragraphs(kept)


def workshop():
    text = sources.sdist_member(*sources.BROTLI_SDIST, "tests/testdata/lcet10.txt")
    lines = text.replace("\r", "").split("\n")
    intro = next(i for i, l in enumerate(lines) if l.strip() == "INTRODUCTION")
    program = next(i for i, l in enumerate(lines) if l.strip() == "Appendix I:  PROGRAM")
    abstracts = next(i for i, l in enumerate(lines) if l.strip() == "Appendix II:  ABSTRACTS")
    directory = next(i for i, l in enumerate(lines)
                     if l.strip() == "Appendix III:  DIRECTORY OF PARTICIPANTS")
    body = lines[intro:program] + [""] + lines[abstracts:directory]
    # Each talk opens with a "+++" box of telegraphic notes ("NAME * point * point *"): drop it.
    without_boxes, in_box = [], False
    for line in body:
        if line.startswith("+++"):
            in_box = not in_box
            continue
        if not in_box:
            without_boxes.append(line)
    return clean_paragraphs(paragraphs(without_boxes))


def wordnet_sentences():
    """Definitions of frequent word senses, one sentence each, grouped by WordNet topic.

    A sense is kept when it was tagged at least MIN_TAGS times in the sense-tagged corpus WordNet
    ships (cntlist.rev), so rare and technical senses stay out; insults are left out too.
    Nouns become "A bicycle is a wheeled vehicle ...", verbs "To bake is to cook and make
    edible by putting in a hot oven.", and the first example sentence WordNet gives with a sense
    follows its definition.
    """
    counts = {}
    for line in sources.wordnet_file("cntlist.rev").splitlines():
        key, _, count = line.split(" ")
        counts[key] = int(count)
    groups = {}
    for pos, file_name in (("n", "data.noun"), ("v", "data.verb")):
        for line in sources.wordnet_file(file_name).splitlines():
            if line.startswith("  "):
                continue
            head, _, gloss = line.partition(" | ")
            fields = head.split()
            lexfile = int(fields[1])
            word, lex_id = fields[4], int(fields[5], 16)
            key = f"{word.lower()}%{1 if pos == 'n' else 2}:{lexfile:02d}:{lex_id:02d}::"
            if counts.get(key, 0) < MIN_TAGS or not word.isalpha() or word[0].isupper():
                continue
            parts = [p.strip() for p in gloss.strip().split(";")]
            definition = parts[0]
            if not definition or "(" in definition or SLUR_SENSE.search(definition):
                continue
            if word.lower() in EXCLUDED_WORDS:
                continue
            examples = [p.strip('"') for p in parts[1:] if p.startswith('"') and p.endswith('"')]
            groups.setdefault((pos, lexfile), []).append((word, definition, examples))
    out = []
    for (pos, lexfile), senses in sorted(groups.items()):
        sentences = []
        for word, definition, examples in senses:
            if pos == "v":
                sentence = f"To {word} is to {definition}."
            elif re.match(r"^(a|an|the|any|one|someone|something)\b", definition):
                article = "An" if word[0] in "aeiou" else "A"
                sentence = f"{article} {word} is {definition}."
            else:
                sentence = f"{word.capitalize()} is {definition}."
            sentences.append(sentence)
            for example in examples[:1]:
                if len(example.split()) >= 6 and word in example.lower():
                    sentences.append(example[0].upper() + example[1:].rstrip(".!?") + ".")
        # Paragraphs of eight sentences keep the one-paragraph-per-line format readable.
        for i in range(0, len(sentences), 8):
            out.append(normalise(" ".join(sentences[i:i + 8])))
    return out


def write(name, paras):
    path = os.path.join(OUT, name)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n\n".join(paras) + "\n")
    size = os.path.getsize(path)
    words = sum(len(p.split()) for p in paras)
    print(f"{name:40s} {size:>9,} bytes {len(paras):>6,} paragraphs {words:>8,} words")
    return size


def main():
    os.makedirs(OUT, exist_ok=True)
    total = 0
    for file_name, novel in AUSTEN:
        total += write(file_name, austen(novel))
    total += write("carroll_alice_in_wonderland.txt", alice())
    total += write("loc_workshop_on_electronic_texts.txt", workshop())
    total += write("wordnet_definitions.txt", wordnet_sentences())
    print(f"{'total':40s} {total:>9,} bytes")


if __name__ == "__main__":
    main()
