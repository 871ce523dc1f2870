#!/usr/bin/env python3
"""Draws the two disjoint real samples of issue 12's fifth round from the licensed Twitter support corpus.

E (analysis) and F (final measurement): threads shuffled with a fixed seed, then taken in order, E until it holds
at least 400 turns, F from the rest until it holds at least 400 turns. Prints the thread ids of each; with --write
DIR also writes DIR/E.threads.jsonl and DIR/F.threads.jsonl (the corpus' text: keep them OUTSIDE the repository,
the licence forbids copying it in). The label files in this folder hold ids, turn indexes, roles and signals only.

    python3 eval/real/sample.py ../shared/eval/support-threads.jsonl --write /tmp/real
"""
import json
import random
import sys

SEED = 20261205
TURNS = 400


def main(argv):
    corpus = argv[1]
    out = argv[argv.index("--write") + 1] if "--write" in argv else None
    threads = [json.loads(line) for line in open(corpus, encoding="utf-8") if line.strip()]
    threads.sort(key=lambda t: t["id"])
    random.Random(SEED).shuffle(threads)
    samples = {"E": [], "F": []}
    position = 0
    for name in ("E", "F"):
        turns = 0
        while turns < TURNS:
            thread = threads[position]
            position += 1
            samples[name].append(thread)
            turns += len(thread["turns"])
    for name, chosen in samples.items():
        print(name, len(chosen), "threads", sum(len(t["turns"]) for t in chosen), "turns:",
              " ".join(t["id"] for t in chosen))
        if out:
            with open(f"{out}/{name}.threads.jsonl", "w", encoding="utf-8") as f:
                for thread in chosen:
                    f.write(json.dumps(thread, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main(sys.argv)
