"""Builds data/eval/: the held-out questions for the model card and the English word lists.

Run: python3 data/scripts/make_eval.py   (the first run fetches two Debian packages with
`apt-get download`; they are cached in ~/.cache/tiny_lm_data). Output is identical on every run.

- heldout.jsonl: HELDOUT below, written with a language model for this project: questions about
  training language models whose wording and facts are not in data/instruct/ (checked here:
  no held-out question has word-3-shingle Jaccard >= 0.3 with any instruction question).
  Each line: {"question", "key_terms", "topic"}; every key term appears in its question.
- english_words.txt: lower-cased words of Debian's wamerican and wbritish 2020.12.07-2 (SCOWL,
  size 50) that are made only of the letters a-z; possessives ("dog's") left out. Licence in
  english_words.COPYRIGHT (copied from the packages).
- course_words.txt: words the instruction set uses that this SCOWL list lacks, mostly technical
  ("tokenizer", "softmax", "RLHF", ...) and a few plain ones ("kilocalories"), written for this
  project; a checker may accept them as English too.
"""

import json
import os
import re
import shutil

import make_instruct
import pretrain_sources as sources

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "eval")
WORDLIST_DEBS = [("wamerican", "2020.12.07-2", "american-english"),
                 ("wbritish", "2020.12.07-2", "british-english")]
MAX_JACCARD_WITH_TRAINING = 0.3

# (question, key terms, topic). Key terms are the words of the question an on-topic answer
# should reuse.
HELDOUT = [
    ("Why do tokenizers split rare words into several pieces?", ["tokenizers", "rare words", "pieces"], "tokens"),
    ("What does a tokenizer do with punctuation marks?", ["tokenizer", "punctuation"], "tokens"),
    ("How does the vocabulary size affect the embedding table?", ["vocabulary size", "embedding table"], "tokens"),
    ("Why must the same tokenizer be used for training and for inference?", ["tokenizer", "training", "inference"], "tokens"),
    ("Why should web pages be filtered before they become training data?", ["web pages", "filtered", "training data"], "data"),
    ("Which kinds of boilerplate get stripped from crawled pages?", ["boilerplate", "crawled pages"], "data"),
    ("Why is MinHash quicker than comparing every pair of documents?", ["MinHash", "documents"], "data"),
    ("How can e-mail addresses be removed from a web crawl?", ["e-mail addresses", "web crawl"], "privacy"),
    ("Which qualities should an instruction dataset have?", ["instruction dataset", "qualities"], "finetuning"),
    ("What does the network predict at each position of the text during pre-training?", ["predict", "position", "pre-training"], "pretraining"),
    ("How many weeks can pre-training a large language model take?", ["pre-training", "large language model", "weeks"], "pretraining"),
    ("Why does a bigger batch size need more memory?", ["batch size", "memory"], "pretraining"),
    ("Besides the weights, what is saved in a training checkpoint?", ["weights", "checkpoint"], "pretraining"),
    ("What role does the optimizer play in training?", ["optimizer", "training"], "pretraining"),
    ("Why does the loss drop so fast at the start of training?", ["loss", "start", "training"], "loss"),
    ("Why does instruction tuning make an assistant more helpful?", ["instruction tuning", "helpful"], "finetuning"),
    ("How is a dataset for instruction tuning put together?", ["dataset", "instruction tuning"], "finetuning"),
    ("What do human raters compare when they collect preference data?", ["human raters", "preference data"], "finetuning"),
    ("Which weights stay frozen when you train with LoRA?", ["weights", "frozen", "LoRA"], "finetuning"),
    ("When is domain fine-tuning worth more than careful prompting?", ["domain", "fine-tuning", "prompting"], "finetuning"),
    ("What happens to a base model's general skills after heavy fine-tuning?", ["base model", "skills", "fine-tuning"], "finetuning"),
    ("Why does cross-entropy punish confident wrong predictions so much?", ["cross-entropy", "confident", "predictions"], "loss"),
    ("What does a falling validation loss tell you about training?", ["validation loss", "training"], "loss"),
    ("How can perplexity be used to compare two language models?", ["perplexity", "language models"], "loss"),
    ("Why is one benchmark score never the whole story?", ["benchmark score"], "loss"),
    ("Which learning rate schedule do large language models usually follow?", ["learning rate schedule", "language models"], "learning_rate"),
    ("Why can a learning rate that suits a small model break a large one?", ["learning rate", "small model", "large"], "learning_rate"),
    ("What does weight decay do to the parameters over time?", ["weight decay", "parameters"], "learning_rate"),
    ("How does early stopping pick the final model?", ["early stopping", "model"], "overfitting"),
    ("Why does memorising the training set hurt results on new text?", ["training set", "new text"], "overfitting"),
    ("How is model size linked to overfitting on a small corpus?", ["model size", "overfitting", "corpus"], "overfitting"),
    ("Why is dropout switched off when the model answers users?", ["dropout", "model", "users"], "overfitting"),
    ("Why do accelerators dominate the cost of training?", ["accelerators", "cost", "training"], "compute"),
    ("How does mixed precision change the memory a model needs?", ["mixed precision", "memory", "model"], "compute"),
    ("Why does writing a long answer get slower without caching?", ["long answer", "caching"], "compute"),
    ("Why are GPUs faster than CPUs at matrix multiplication?", ["GPUs", "CPUs", "matrix multiplication"], "compute"),
    ("How can a training dataset make a model unfair to some groups?", ["training dataset", "unfair", "groups"], "bias"),
    ("What should a team check for bias before releasing a model?", ["bias", "releasing", "model"], "bias"),
    ("Why might a chatbot repeat someone's phone number?", ["chatbot", "phone number"], "privacy"),
    ("What does setting the temperature to zero do when sampling?", ["temperature", "sampling"], "generation"),
    ("How does a chat model use the system prompt?", ["chat model", "system prompt"], "generation"),
    ("Why is deduplication done before the data is tokenized?", ["deduplication", "tokenized"], "data"),
]

COURSE_WORDS = """
activations adamw anonymization autoregressive backpropagation benchmark benchmarks bf bfloat
bpe chatbot chatbots checkpoint checkpoints cv dataset datasets deduplication detokenization
dpo embedding embeddings encodings gpu gpus hyperparameter hyperparameters jaccard kv llm llms
logit logits lora lsh micro minhash nan overfit overfits overfitting perplexity pii
placeholders pre quantization quantize recompute regularization rlhf sft softmax subword
subwords tokenization tokenize tokenized tokenizer tokenizers underfitting unigram vitae
warmup whitespace kl classifier classifiers datasheet quantized qlora bleu tpu tpus
checkpointing relu gelu utf rescales recomputing wi fi messaging kilocalories bicarbonate celled
"""


def heldout_rows():
    train_questions = []
    for name in ("train.jsonl", "validation.jsonl"):
        with open(os.path.join(make_instruct.OUT, name), encoding="utf-8") as f:
            train_questions += [json.loads(line)["question"] for line in f]
    rows, problems = [], []
    for question, key_terms, topic in HELDOUT:
        for term in key_terms:
            if term.lower() not in question.lower():
                problems.append(f"key term {term!r} is not in {question!r}")
        closest = max(train_questions, key=lambda t: make_instruct.jaccard(question, t))
        similarity = make_instruct.jaccard(question, closest)
        if similarity >= MAX_JACCARD_WITH_TRAINING:
            problems.append(f"{question!r} is close to {closest!r} ({similarity:.2f})")
        rows.append({"question": question, "key_terms": key_terms, "topic": topic})
    if problems:
        raise SystemExit("\n".join(problems))
    return rows


def english_words():
    words = set()
    for package, version, file_name in WORDLIST_DEBS:
        root = sources.deb_root(package, version)
        with open(os.path.join(root, "usr/share/dict", file_name), encoding="utf-8") as f:
            for line in f:
                word = line.strip().lower()
                if re.fullmatch(r"[a-z]+", word):
                    words.add(word)
    copyright_file = os.path.join(sources.deb_root(*WORDLIST_DEBS[0][:2]),
                                  "usr/share/doc/wamerican/copyright")
    return sorted(words), copyright_file


def main():
    os.makedirs(OUT, exist_ok=True)
    rows = heldout_rows()
    with open(os.path.join(OUT, "heldout.jsonl"), "w", encoding="utf-8", newline="\n") as f:
        for row in rows:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    words, copyright_file = english_words()
    with open(os.path.join(OUT, "english_words.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(words) + "\n")
    shutil.copyfile(copyright_file, os.path.join(OUT, "english_words.COPYRIGHT"))
    course = sorted(set(COURSE_WORDS.split()) - set(words))
    with open(os.path.join(OUT, "course_words.txt"), "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(course) + "\n")
    print(f"heldout.jsonl: {len(rows)} questions")
    print(f"english_words.txt: {len(words)} words; course_words.txt: {len(course)} words")


if __name__ == "__main__":
    main()
