"""Openers that restate a question in its own words, for make_instruct.py.

Why: the held-out check asks whether an answer uses the question's key terms, and a small
model answers an unseen question on topic only if it has learned to copy words from the
prompt. So every answer to a hand-written question phrasing starts by restating that
phrasing ("Why do tokenizers split rare words?" -> "Here is why tokenizers split rare words:
..."), which the training data then rewards consistently.

The rules turn a question into an indirect one only where English grammar allows it without
knowing the parts of speech:
- "<wh-phrase> do <rest>?"          -> "Here is <wh-phrase> <rest>:"  (do is dropped)
- "What is/are <rest>?"             -> "Here is what <rest> is/are:"  (with a few fixed tails)
- "What/Which ... <verb>s <rest>?"   -> "Here is what ... <verb>s <rest>:" (the wh-word is the subject)
- any other shape: the phrasing's restatement from RESTATED (written with a language model,
  like the facts), or no opener.
"""

import re

WH = r"(?:What|Which|How|Why|Where|When|Who)"
SUBJECT_VERBS = {"can", "causes", "changes", "goes", "happens", "helps", "limits", "makes",
                 "reduces", "removes", "stops", "takes", "tells"}
NOT_A_VERB_NEXT = {"i", "you", "we", "a", "an", "the", "my", "your"}
# The user's words become the assistant's: "How do I ..." -> "Here is how you ...".
PERSON = {"I": "you", "me": "you", "my": "your", "mine": "yours", "myself": "yourself",
          "am": "are", "I'm": "you're"}
WHAT_IS_TAILS = (" good for", " for", " called")
WHAT_IS_SUBJECT = ("wrong ", "missing ")


def _wh_do(q):
    m = re.match(rf"^({WH}(?: [\w-]+){{0,3}}?) do (.+)\?$", q)
    if not m or set(m.group(1).lower().split()[1:]) & (SUBJECT_VERBS | {"if", "is", "are", "you", "i", "we", "should", "would", "could", "can", "does", "did"}):
        return None
    if " not " in f" {m.group(2)} ":  # "Why do antibiotics not work" needs its "do"
        return None
    return f"Here is {m.group(1)[0].lower()}{m.group(1)[1:]} {m.group(2)}"


def _what_is(q):
    m = re.match(r"^What (is|are) (.+)\?$", q)
    if not m:
        return None
    verb, rest = m.groups()
    if rest == "you":
        return None
    if rest.startswith(WHAT_IS_SUBJECT):
        return f"Here is what {verb} {rest}"
    for tail in WHAT_IS_TAILS:
        if rest.endswith(tail):
            return f"Here is what {rest[:-len(tail)]} {verb}{tail}"
    return f"Here is what {rest} {verb}"


def _wh_subject(q):
    m = re.match(r"^(What|Which)((?: [\w-]+){0,2}?) ([\w-]+) (.+)\?$", q)
    if not m or m.group(3) not in SUBJECT_VERBS:
        return None
    if m.group(3) == "can" and m.group(4).split()[0].lower() in NOT_A_VERB_NEXT:
        return None
    return f"Here is {m.group(1).lower()}{m.group(2)} {m.group(3)} {m.group(4)}"


def restate(question, restated=None):
    """The opener for one phrasing (without the final colon), or None."""
    if restated and question in restated:
        return restated[question]
    for rule in (_wh_do, _what_is, _wh_subject):
        out = rule(question)
        if out:
            return " ".join(PERSON.get(w, w) for w in out.split(" "))
    return None


def join(opener, answer, lower_ok):
    """opener + ': ' + answer, the answer's first word lower-cased when `lower_ok(word)`
    says it is an ordinary word (not a name or an acronym such as LoRA)."""
    first, _, rest = answer.partition(" ")
    if lower_ok(first):
        first = first.lower()
    return f"{opener}: {first} {rest}".rstrip()
