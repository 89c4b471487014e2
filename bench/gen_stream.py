#!/usr/bin/env python3
"""gen_stream.py: a labelled stream of dated articles for the stories scale bench.

Real sentences come from the evaluation texts in ../shared/eval: the rpm2 articles
(French), the tgpairs and tgcontest texts (English, Russian), the scrapinghub
ground-truth bodies (English) and the readability expected bodies (mixed, kept
when their language is told by their script/stop words). Their titles become the
title pool.

The stream is grouped into synthetic stories (about N/20 of them, sizes drawn
from a heavy tail: many stories of 2-10 articles, a few of hundreds). A story has
its language, its own pool of sentences (8 drawn from that language's sentences),
2-3 entities of its own (two capitalised words of the language's texts joined:
"Maseko Hubei"), a figure ("8400 soldiers"), a headline taken from the title
pool, a start date somewhere in the stream's span and a life of 1-4 days. An
article of a story takes 4-7 sentences of the story's pool, each reworded
(a few words dropped, two swapped: outlets word one fact differently), 2-4 background
sentences of its language (shared by all stories: the noise of real news), one
sentence naming the story's entities and its figure, a title that is the story's
headline or a variant of it with an entity, a date inside the story's life, and
an outlet. About 5% of the articles are wire copies of another article of the
same story (a line changed), so near-duplicate groups occur as they do in news.

Output, in OUT_DIR (bench/out/stream-SIZE by default):
  articles/part-NNNN.jsonl  {"id","title","text","date","site","lang"}, 10,000 a file, by date
  labels.tsv       id <TAB> story
  meta.json        what was generated
The span of the stream grows with its size (365 days per million articles, at
least 7), so that the articles per day, and so per time window, stay the same:
what a news stream does as it grows longer. Deterministic (seeded).

usage: gen_stream.py [--eval DIR] [--out DIR] [--seed S] [--days D] N
   N: article count (10k, 100k, 1M, or a number)"""
import argparse
import csv
import gzip
import html
import json
import math
import os
import random
import re
import sys

csv.field_size_limit(1 << 30)

SENT_SPLIT = re.compile(r"(?<=[.!?»\"])\s+(?=[«\"A-ZÀ-ÖØ-ÞА-ЯЁ])")
CAP_WORD = re.compile(r"\b([A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё]{3,14})\b")
TAG = re.compile(r"<[^>]+>")
FIGURE_NOUN = {"en": ["soldiers", "votes", "dollars", "tonnes", "people", "passengers", "homes", "jobs"],
               "ru": ["человек", "рублей", "тонн", "голосов", "домов", "пассажиров", "военных", "мест"],
               "fr": ["soldats", "euros", "tonnes", "personnes", "voix", "emplois", "logements", "passagers"]}
SAID = {"en": "{a} and {b} said on the matter that {f} were concerned.",
        "ru": "{a} и {b} сообщили, что речь идет о {f}.",
        "fr": "{a} et {b} ont indiqué que {f} étaient concernés."}
FR_HINT = re.compile(r"\b(le|la|les|des|est|une|dans|pour)\b")
EN_HINT = re.compile(r"\b(the|and|of|to|is|that|for)\b")


def lang_of(text):
    cyr = sum(1 for c in text[:2000] if "а" <= c.lower() <= "я")
    if cyr > 100:
        return "ru"
    fr = len(FR_HINT.findall(text[:3000]))
    en = len(EN_HINT.findall(text[:3000]))
    if fr > 15 and fr > en:
        return "fr"
    if en > 15 and en > fr:
        return "en"
    return None


class Pools:
    def __init__(self):
        self.sent = {"en": set(), "ru": set(), "fr": set()}
        self.title = {"en": set(), "ru": set(), "fr": set()}
        self.names = {"en": set(), "ru": set(), "fr": set()}

    def text(self, lang, text, title=None):
        if lang not in self.sent or not text:
            return
        text = text.replace("\r", "")
        if title and 15 <= len(title) <= 160:
            self.title[lang].add(title.strip())
        for para in text.split("\n"):
            for s in SENT_SPLIT.split(para.strip()):
                s = " ".join(s.split())
                if 40 <= len(s) <= 300 and s[0].isupper() and s[-1] in ".!?»\"":
                    self.sent[lang].add(s)
                    for m in CAP_WORD.finditer(s):
                        if m.start() > 0:
                            self.names[lang].add(m.group(1))


def load(eval_dir):
    p = Pools()
    rpm2 = os.path.join(eval_dir, "clustering", "rpm2")
    if os.path.isdir(rpm2):
        for f in sorted(os.listdir(rpm2)):
            if f.endswith(".txt"):
                t = open(os.path.join(rpm2, f), encoding="utf-8-sig", errors="replace").read().replace("\r", "")
                title, _, body = t.partition("\n")
                p.text("fr", body, title)
    for sub in ("clustering/tgpairs", "categories/tgcontest"):
        d = os.path.join(eval_dir, sub)
        if not os.path.isdir(d):
            continue
        for f in sorted(os.listdir(d)):
            if not f.endswith(".tsv"):
                continue
            lang = f[:2]
            with open(os.path.join(d, f), encoding="utf-8", errors="replace", newline="") as fh:
                for row in csv.DictReader(fh, delimiter="\t"):
                    for tk, tt in (("INPUT:first_text", "INPUT:first_title"),
                                   ("INPUT:second_text", "INPUT:second_title"),
                                   ("INPUT:text", "INPUT:title")):
                        if row.get(tk):
                            p.text(lang, row[tk], row.get(tt))
    gt = os.path.join(eval_dir, "extraction", "scrapinghub", "ground-truth.json")
    if os.path.exists(gt):
        for v in json.load(open(gt, encoding="utf-8")).values():
            body = v.get("articleBody") or ""
            p.text(lang_of(body) or "xx", body)
    rd = os.path.join(eval_dir, "extraction", "readability")
    if os.path.isdir(rd):
        for f in sorted(os.listdir(rd)):
            ex = os.path.join(rd, f, "expected.html.gz")
            if not os.path.exists(ex):
                continue
            raw = gzip.open(ex, "rt", encoding="utf-8", errors="replace").read()
            body = html.unescape(TAG.sub("\n", raw))
            title = None
            meta = os.path.join(rd, f, "expected-metadata.json.gz")
            if os.path.exists(meta):
                try:
                    title = json.load(gzip.open(meta, "rt", encoding="utf-8")).get("title")
                except ValueError:
                    title = None
            p.text(lang_of(body) or "xx", body, title)
    out = {}
    for lang in p.sent:
        s = sorted(p.sent[lang])
        names = sorted(p.names[lang])
        titles = sorted(p.title[lang])
        if len(s) >= 200 and len(names) >= 50 and len(titles) >= 20:
            out[lang] = (s, names, titles)
    return out


def reword(rng, s):
    """An outlet's own wording of a fact of the story: the same words mostly, a few
    dropped, two neighbours swapped, so that articles of one story share their
    vocabulary, names and figures but rarely a whole sentence (a verbatim copy is
    a wire reprint, made separately)."""
    w = s.split()
    if len(w) < 6:
        return s
    keep = [w[0]] + [x for x in w[1:-1] if rng.random() > 0.15] + [w[-1]]
    if len(keep) > 4:
        i = rng.randrange(1, len(keep) - 2)
        keep[i], keep[i + 1] = keep[i + 1], keep[i]
    return " ".join(keep)


def parse_n(s):
    s = s.lower().replace(",", "").replace("_", "")
    mult = 1
    if s.endswith("k"):
        mult, s = 1000, s[:-1]
    elif s.endswith("m"):
        mult, s = 1000000, s[:-1]
    return int(float(s) * mult)


def story_sizes(rng, n):
    """Heavy-tailed sizes summing to n, mean about 20."""
    sizes = []
    total = 0
    while total < n:
        k = int(math.exp(rng.gauss(2.45, 0.95)))  # median ~12, mean ~20
        k = max(2, min(k, 400, n - total))
        if n - total - k == 1:
            k += 1
        sizes.append(k)
        total += k
    return sizes


def iso(t):
    import time
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(t))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    here = os.path.dirname(os.path.abspath(__file__))
    ap.add_argument("n")
    ap.add_argument("--eval", default=os.path.join(here, "..", "..", "shared", "eval"))
    ap.add_argument("--out")
    ap.add_argument("--seed", type=int, default=6)
    ap.add_argument("--days", type=float)
    ap.add_argument("--per-file", type=int, default=10000)
    a = ap.parse_args()
    n = parse_n(a.n)
    if not os.path.isdir(a.eval):
        print("gen_stream: no evaluation data at %s: skipped" % a.eval, file=sys.stderr)
        return 3
    pools = load(a.eval)
    if not pools:
        print("gen_stream: no usable text in %s" % a.eval, file=sys.stderr)
        return 3
    out = a.out or os.path.join(here, "out", "stream-" + a.n)
    arts_dir = os.path.join(out, "articles")
    os.makedirs(arts_dir, exist_ok=True)
    for f in os.listdir(arts_dir):
        if f.startswith("part-") and f.endswith(".jsonl"):
            os.remove(os.path.join(arts_dir, f))
    rng = random.Random(a.seed)
    days = a.days if a.days else max(7.0, 365.0 * n / 1e6)
    t0 = 1704067200  # 2024-01-01
    langs = sorted(pools)
    weights = {"en": 0.45, "ru": 0.4, "fr": 0.15}
    lw = [weights.get(l, 0.1) for l in langs]
    sites = ["news%03d.example" % i for i in range(600)]

    arts = []  # (ts, id-less record, story)
    sizes = story_sizes(rng, n)
    for sid, size in enumerate(sizes):
        lang = rng.choices(langs, lw)[0]
        sents, names, titles = pools[lang]
        own = rng.sample(sents, 8)
        ents = [rng.choice(names) + " " + rng.choice(names) for _ in range(rng.randint(2, 3))]
        fig = "%d %s" % (rng.randint(12, 99) * 100 + rng.randint(0, 99), rng.choice(FIGURE_NOUN[lang]))
        head = rng.choice(titles)
        start = t0 + rng.random() * days * 86400
        life = rng.uniform(1, 4) * 86400
        story_arts = []
        for j in range(size):
            if j > 0 and rng.random() < 0.05:
                ts, title, text, site = story_arts[rng.randrange(len(story_arts))]
                lines = text.split("\n\n")
                lines[rng.randrange(len(lines))] = rng.choice(sents)
                rec = (ts + rng.randint(600, 7200), title, "\n\n".join(lines), rng.choice(sites))
            else:
                body = [reword(rng, x) for x in rng.sample(own, rng.randint(4, 7))]
                body += [rng.choice(sents) for _ in range(rng.randint(2, 4))]
                rng.shuffle(body)
                e2 = rng.sample(ents, 2)
                body.insert(rng.randint(0, 2), SAID[lang].format(a=e2[0], b=e2[1], f=fig))
                r = rng.random()
                title = head if r < 0.4 else (e2[0] + ": " + head if r < 0.7 else head + " (" + e2[1] + ")")
                ts = int(start + rng.random() * life)
                rec = (ts, title, "\n\n".join(body), rng.choice(sites))
            story_arts.append(rec)
            arts.append((rec[0], rec[1], rec[2], rec[3], lang, sid))
    arts.sort(key=lambda x: x[0])
    width = len(str(len(arts)))
    f = None
    with open(os.path.join(out, "labels.tsv"), "w", encoding="utf-8") as lab:
        for i, (ts, title, text, site, lang, sid) in enumerate(arts):
            if i % a.per_file == 0:
                if f:
                    f.close()
                f = open(os.path.join(arts_dir, "part-%04d.jsonl" % (i // a.per_file)), "w", encoding="utf-8")
            aid = "a%0*d" % (width, i)
            f.write(json.dumps({"id": aid, "title": title, "text": text, "date": iso(ts), "site": site,
                                "lang": lang}, ensure_ascii=False) + "\n")
            lab.write("%s\t%d\n" % (aid, sid))
    if f:
        f.close()
    meta = {"articles": len(arts), "stories": len(sizes), "days": days, "seed": a.seed,
            "languages": {l: len(pools[l][0]) for l in langs}}
    json.dump(meta, open(os.path.join(out, "meta.json"), "w"), indent=1)
    print("gen_stream: %d articles, %d stories, %.0f days, sentences %s -> %s" %
          (len(arts), len(sizes), days, meta["languages"], out), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
