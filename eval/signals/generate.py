#!/usr/bin/env python3
"""Composes the Happy3 signal corpus from the hand-written fragments in fragments.py.

  python3 eval/signals/generate.py            # writes eval/signals/{train,test}.{threads,labels}.jsonl

Deterministic (fixed seed). Every fragment pool is split once, by fragment, into a train part and a
test part (every fourth fragment is held out); train threads are built only from train fragments and
test threads only from test fragments, so no held-out sentence was seen in training. Thread
structure (who speaks after whom) and slot fillers (product areas, error codes, names) are shared.
"""
import json
import os
import random
import re
import zlib

import fragments as fr

HERE = os.path.dirname(os.path.abspath(__file__))
SEED = 20261201
LONG = {"R": "resolution_proposed", "C": "customer_confirmed", "S": "still_broken", "P": "promise_made",
        "G": "gratitude"}

AREAS = ["the API", "SSO", "the webhooks endpoint", "the CSV export", "the billing portal", "the dashboard",
         "the sync job", "the deploy pipeline", "the audit log", "the admin console", "SCIM provisioning",
         "the search endpoint", "the mobile app", "the Slack integration", "the reporting page"]
ERRS = ["502 Bad Gateway", "a 500", "401 Unauthorized", "timeouts", "429 Too Many Requests", "'invalid audience'",
        "503s", "a blank page", "ERR_CONNECTION_RESET", "'signature mismatch'", "HTTP 504", "403 Forbidden"]
NAMES = ["Dana", "Priya", "Tom", "Jonas", "Maria", "Kenji", "Aisha", "Lukas", "Sofia", "Ben"]
AGENTS = ["agent.sam", "agent.lea", "agent.raj", "agent.ines"]
EMOJI_TO_CODE = {"👍": ":+1:", "🙏": ":pray:", "🎉": ":tada:", "😡": ":rage:", "🙄": ":face_with_rolling_eyes:",
                 "✅": ":white_check_mark:", "😞": ":disappointed:", "👀": ":eyes:"}
CODE_TO_EMOJI = {":+1:": "👍", ":pray:": "🙏", ":tada:": "🎉", ":rage:": "😡", ":white_check_mark:": "✅",
                 ":disappointed:": "😞", ":eyes:": "👀", ":wave:": "👋", ":raised_hands:": "🙌"}

DEV_FOLD = None


def split(pool, part):
    """The fragments of pool in part 'train' or 'test' (every fourth one is held out). For tuning without the test
    split, 'devtrain' and 'dev' divide the train fragments again: every eighth one goes to dev, or with --dev-fold K
    (0-3) every fourth one from the K-th, so that several folds can be compared."""
    if part == "test":
        return [f for i, f in enumerate(pool) if i % 4 == 3]
    train = [f for i, f in enumerate(pool) if i % 4 != 3]
    if part == "train":
        return train
    if DEV_FOLD is not None:
        return [f for i, f in enumerate(train) if (i % 4 == DEV_FOLD) == (part == "dev")]
    return [f for i, f in enumerate(train) if (i % 8 == 5) == (part == "dev")]


class Composer:
    def __init__(self, part, rng):
        self.rng = rng
        self.pools = {name: split(getattr(fr, name), part) or split(getattr(fr, name), "train")
                      for name in dir(fr) if name.isupper() and isinstance(getattr(fr, name), list)}

    def pick(self, pool):
        item = self.rng.choice(self.pools[pool])
        return item if isinstance(item, tuple) else (item, "", "")

    def fill(self, text):
        r = self.rng
        return (text.replace("{area}", r.choice(AREAS)).replace("{err}", r.choice(ERRS))
                .replace("{name}", r.choice(NAMES)))


def labels_of(code):
    return sorted({LONG[c] for c in code.split(",") if c})


def decorate(text, role, platform, rng):
    """Platform look: Slack shortcodes/mentions vs Teams unicode/<at>; label-neutral."""
    if platform == "slack":
        for emoji, code in EMOJI_TO_CODE.items():
            if emoji in text and rng.random() < 0.5:
                text = text.replace(emoji, code)
        text = re.sub(r"<at>([^<]+)</at>", lambda m: "<@U0" + str(zlib.crc32(m.group(1).encode()) % 99999) + ">", text)
        if role == "agent" and rng.random() < 0.15:
            text = "<@U0" + str(rng.randint(10000, 99999)) + "> " + text
    else:
        for code, emoji in CODE_TO_EMOJI.items():
            text = text.replace(code, emoji)
        text = re.sub(r"<@U[0-9A-Z]+>", "<at>" + rng.choice(NAMES) + "</at>", text)
        text = re.sub(r"<(https?://[^|>]+)\|([^>]+)>", r"\2 (\1)", text)
        if role == "agent" and rng.random() < 0.15:
            text = "<at>" + rng.choice(NAMES) + "</at> " + text
    if rng.random() < 0.08:
        text = text.lower()
    elif rng.random() < 0.05 and len(text) > 1:
        text = text[0].upper() + text[1:]
    return text


class Thread:
    def __init__(self, tid, platform, rng):
        self.tid, self.platform, self.rng = tid, platform, rng
        self.turns, self.labels = [], []
        self.customer = rng.choice(NAMES)
        self.colleague = rng.choice([n for n in NAMES if n != self.customer])
        self.agent = rng.choice(AGENTS)

    def add(self, role, author, text, code, note):
        self.turns.append({"role": role, "author": author, "text": decorate(text, role, self.platform, self.rng)})
        entry = {"id": self.tid, "turn": len(self.labels), "signals": labels_of(code)}
        if note:
            entry["note"] = note
        self.labels.append(entry)


def agent_turn(c, t):
    """One agent move; returns its kind so the customer can answer it."""
    r = c.rng.random()
    if r < 0.30:
        text, code, note = c.pick("FIX")
        kind = "fix"
        if c.rng.random() < 0.55:
            text = text + c.rng.choice([". ", ", ", " - ", "! "]) + c.rng.choice(c.pools["FIX_CHECK_SUFFIX"])
            kind = "fixcheck"
        if c.rng.random() < 0.12:
            text = text + ". " + c.rng.choice(c.pools["PROMISE_SUFFIX"])
            code = "R,P"
            note = (note + "; " if note else "") + "fix claim plus a committed follow-up"
    elif r < 0.52:
        text, code, note = c.pick("PROMISE")
        kind = "promise"
    elif r < 0.72:
        text, code, note = c.pick("DIAG")
        kind = "diag"
    elif r < 0.84:
        text, code, note = c.pick("CONDITIONAL")
        kind = "conditional"
    else:
        text, code, note = c.rng.choice([f for f in c.pools["NOT_RESOLUTION"] if "after the customer confirmed"
                                         not in f[2] and "closing" not in f[0]] or c.pools["NOT_RESOLUTION"])
        kind = "info"
    t.add("agent", t.agent, c.fill(text), code, note)
    return kind


def customer_answer(c, t, kind, author):
    rng = c.rng
    r = rng.random()
    if kind in ("fix", "fixcheck"):
        if kind == "fixcheck" and r < 0.22:
            pool = "BARE_YES"
        elif kind == "fixcheck" and r < 0.30:
            pool = "BARE_NO"
        elif r < 0.52:
            pool = "CONFIRM"
        elif r < 0.62:
            pool = "PARTIAL"
        elif r < 0.82:
            pool = "STILL"
        elif r < 0.90:
            pool = "THANKS"
        else:
            pool = "INFO"
    elif kind == "check":
        pool = "BARE_YES" if r < 0.35 else "BARE_NO" if r < 0.5 else "CONFIRM" if r < 0.75 else "STILL"
    elif kind == "diag":
        pool = "ANSWER_DIAG" if r < 0.75 else "INFO"
    elif kind == "info" and r < 0.2:
        pool = "CONFIRM"  # an instruction the customer followed: "that worked"
    elif kind == "promise":
        pool = "INFO" if r < 0.45 else "THANKS" if r < 0.75 else "STILL" if r < 0.85 else "SARCASM"
    elif kind == "conditional":
        pool = "INFO" if r < 0.7 else "ANSWER_DIAG" if r < 0.85 else "SARCASM"
    else:
        pool = "INFO" if r < 0.5 else "THANKS" if r < 0.8 else "SARCASM"
    text, code, note = c.pick(pool)
    if pool in ("CONFIRM", "PARTIAL", "STILL") and rng.random() < 0.3:
        text = text + rng.choice([", ", ". ", " - ", "! "]) + rng.choice(c.pools["THANKS_SUFFIX"])
        code = code + ",G"
        if pool == "STILL":
            note = (note + "; " if note else "") + "thanks next to a failure report is still gratitude"
    t.add("customer", author, c.fill(text), code, note)
    return pool


def thread(c, tid):
    rng = c.rng
    t = Thread(tid, rng.choice(["slack", "teams"]), rng)
    opener = "OPEN_STILL" if rng.random() < 0.22 else "OPEN"
    text, code, note = c.pick(opener)
    t.add("customer", t.customer, c.fill(text), code, note)
    if rng.random() < 0.2:
        text, code, note = c.pick("COLLEAGUE_CHAT")
        t.add("customer", t.colleague, c.fill(text), code, note)
    settled = False
    for _ in range(rng.randint(2, 5)):
        kind = agent_turn(c, t)
        if kind == "fix" and rng.random() < 0.3:
            text, code, note = c.pick("CHECK")
            t.add("agent", t.agent, text, code, note)
            kind = "check"
        if rng.random() < 0.08:
            continue  # the customer does not answer this one
        pool = customer_answer(c, t, kind, t.customer)
        if kind in ("fix", "fixcheck", "check") and rng.random() < 0.25:
            colleague = rng.choice(["COLLEAGUE_CONFIRM"] * 3 + ["COLLEAGUE_STILL"])
            text, code, note = c.pick(colleague)
            t.add("customer", t.colleague, c.fill(text), code, note)
        if pool in ("CONFIRM", "BARE_YES", "PARTIAL") or (pool == "THANKS" and kind.startswith("fix")):
            if rng.random() < 0.6:
                text, code, note = c.pick("AFTER_CONFIRM" if rng.random() < 0.7 else "NOT_RESOLUTION")
                t.add("agent", rng.choice([t.agent] + AGENTS), c.fill(text), code, note)
            if rng.random() < 0.35:
                text, code, note = c.pick("THANKS")
                t.add("customer", t.customer, c.fill(text), code, note)
            settled = pool != "PARTIAL"
        if settled:
            break
    if settled and rng.random() < 0.45:
        text, code, note = c.pick("CHECKIN")
        t.add("agent", t.agent, c.fill(text), code, note)
        pool = rng.choice(["RELAPSE", "RELAPSE", "CHECKIN_FINE", "CHECKIN_FINE", "THANKS"])
        text, code, note = c.pick(pool)
        t.add("customer", t.customer, c.fill(text), code, note)
        if pool == "RELAPSE":
            agent_turn(c, t)
    return t


def main():
    import sys
    global DEV_FOLD
    if "--dev-fold" in sys.argv:
        DEV_FOLD = int(sys.argv[sys.argv.index("--dev-fold") + 1])
        sys.argv.append("--dev")
    rng = random.Random(SEED)
    counts = {}
    parts = (("devtrain", 520), ("dev", 200)) if "--dev" in sys.argv else (("train", 520), ("test", 200))
    for part, threads in parts:
        c = Composer(part, rng)
        with open(os.path.join(HERE, part + ".threads.jsonl"), "w", encoding="utf-8") as tf, \
                open(os.path.join(HERE, part + ".labels.jsonl"), "w", encoding="utf-8") as lf:
            for n in range(threads):
                t = thread(c, "%s-%04d" % (part, n))
                tf.write(json.dumps({"id": t.tid, "platform": t.platform, "turns": t.turns}, ensure_ascii=False) + "\n")
                for label in t.labels:
                    lf.write(json.dumps(label, ensure_ascii=False) + "\n")
                    key = (part, tuple(label["signals"]) or ("none",))
                    for s in label["signals"] or ["none"]:
                        counts[(part, s)] = counts.get((part, s), 0) + 1
                    counts[(part, "turns")] = counts.get((part, "turns"), 0) + 1
    for key in sorted(counts):
        print("%-6s %-20s %5d" % (key[0], key[1], counts[key]))


if __name__ == "__main__":
    main()
