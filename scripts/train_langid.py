#!/usr/bin/env python3
"""train_langid.py: trains recoupe's character n-gram language model.

The model is a naive Bayes classifier with one multinomial per feature type:
character n-grams of 1..5 code points taken inside each lower-cased word padded
with spaces (" word "), and the whole word. Each feature is stored by a 64-bit
FNV-1a hash of its UTF-8 bytes: a bucket (low bits) and a 16-bit fingerprint
(high bits), followed by the languages that saw it with their counts, log-quantised
to one byte. The C side (src/text/langid_ngram.c) reads the same layout and computes
the same features, so any change here must be mirrored there.

Training text: the language-identification dev data (one file per language named
by its ISO 639-1 code, one item per line), e.g. ../shared/eval/langid/{sentences,
word-pairs,single-words}. --half odd keeps only the odd lines (1st, 3rd, ...) of
each file so that the even lines stay unseen for an honest evaluation; --half all
uses everything (the shipped model, data/langid.bin).

Python 3 standard library only.
    python3 scripts/train_langid.py --half all -o data/langid.bin ../shared/eval/langid/*/
"""
import argparse
import collections
import math
import os
import struct
import sys
import unicodedata

MAGIC = b"RCLID01\0"
N_TYPES = 6          # n-grams of 1..5 code points, whole words
MAX_WORD = 24        # longer "words" (CJK runs) get no whole-word feature
MAX_RUN = 256        # a run of letters is cut into pieces of this many code points
FNV_OFF = 0xcbf29ce484222325
FNV_PRIME = 0x100000001b3
MASK64 = (1 << 64) - 1
QSCALE = 21.0        # q = round(QSCALE * ln(1 + count)), clamped to 255

# smoothing and weight of each feature type (1..5-grams, words), stored in the model;
# tuned by coordinate search on lines 4:2 with a model trained on lines 4:0
ALPHA = [0.003, 0.003, 0.09, 0.03, 0.09, 0.003]
WEIGHT = [1.0, 0.7, 0.7, 0.4, 0.7, 1.6]


def fnv1a64(data):
    h = FNV_OFF
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK64
    return h


_lower_cache = {}


def is_letter(c):
    cat = unicodedata.category(c)
    return cat[0] == "L" or cat[0] == "M"


def lower(c):
    r = _lower_cache.get(c)
    if r is None:
        lc = c.lower()
        r = lc[0] if lc else c   # simple case mapping, as utf8proc_tolower
        _lower_cache[c] = r
    return r


def words_of(line):
    w = []
    for c in line:
        if is_letter(c):
            w.append(lower(c))
            if len(w) >= MAX_RUN:
                yield "".join(w)
                w = []
        elif w:
            yield "".join(w)
            w = []
    if w:
        yield "".join(w)


def features(word):
    """(type, feature string) pairs of one word, as the C side extracts them."""
    p = " " + word + " "
    out = []
    for n in range(1, 6):
        for i in range(len(p) - n + 1):
            g = p[i:i + n]
            if g != " ":
                out.append((n - 1, g))
    if len(word) <= MAX_WORD:
        out.append((5, "\x01" + word))
    return out


def read_words(dirs, half, keep=None):
    """{lang: Counter(word)} over every file of every directory."""
    words = collections.defaultdict(collections.Counter)
    for d in dirs:
        for name in sorted(os.listdir(d)):
            if not name.endswith(".txt"):
                continue
            lang = name.split(".")[0]
            with open(os.path.join(d, name), encoding="utf-8", errors="replace") as f:
                for i, line in enumerate(f):
                    if half == "odd" and i % 2 == 1:
                        continue
                    if half == "even" and i % 2 == 0:
                        continue
                    if keep and i % keep[0] != keep[1]:
                        continue
                    words[lang].update(words_of(line))
    return words


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("dirs", nargs="+", help="folders of LANG.txt files, one item per line")
    ap.add_argument("-o", "--output", required=True)
    ap.add_argument("--half", choices=("all", "odd", "even"), default="all")
    ap.add_argument("--keep", metavar="M:R", help="keep only lines whose 0-based index i has i %% M == R "
                    "(e.g. 4:0 to tune parameters on 4:2 inside the odd half)")
    ap.add_argument("--buckets", type=int, default=1 << 19)
    ap.add_argument("--min-count", type=int, default=1, help="drop features seen fewer times in all")
    args = ap.parse_args()

    keep = tuple(int(x) for x in args.keep.split(":")) if args.keep else None
    words = read_words(args.dirs, args.half, keep)
    langs = sorted(words)
    lid = {l: i for i, l in enumerate(langs)}
    counts = {}                       # (type, feature) -> {lang index: count}
    totals = [[0] * len(langs) for _ in range(N_TYPES)]
    for l in langs:
        li = lid[l]
        for w, c in words[l].items():
            for t, g in features(w):
                d = counts.get((t, g))
                if d is None:
                    d = counts[(t, g)] = {}
                d[li] = d.get(li, 0) + c
                totals[t][li] += c
    vocab = [0] * N_TYPES
    buckets = collections.defaultdict(dict)   # bucket -> {fp: (type, {lang: count})}
    nb = args.buckets
    assert nb & (nb - 1) == 0
    kept = 0
    for (t, g), d in counts.items():
        vocab[t] += 1
        if sum(d.values()) < args.min_count:
            continue
        h = fnv1a64(g.encode("utf-8"))
        b, fp = h & (nb - 1), h >> 48
        slot = buckets[b]
        if fp in slot:                        # a 64-bit near-collision: merge
            old = slot[fp]
            for k, v in d.items():
                old[k] = old.get(k, 0) + v
        else:
            slot[fp] = dict(d)
            kept += 1
    data = bytearray()
    starts = []
    for b in range(nb):
        starts.append(len(data))
        for fp, d in sorted(buckets.get(b, {}).items()):
            data += struct.pack("<HB", fp, len(d))
            for li in sorted(d):
                q = min(255, int(round(QSCALE * math.log1p(d[li]))))
                data += struct.pack("<BB", li, q)
    starts.append(len(data))

    with open(args.output, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<IIIII", 1, len(langs), N_TYPES, nb, len(data)))
        for l in langs:
            f.write(l.encode("ascii")[:7].ljust(8, b"\0"))
        f.write(struct.pack("<%df" % N_TYPES, *ALPHA))
        f.write(struct.pack("<%df" % N_TYPES, *WEIGHT))
        f.write(struct.pack("<f", QSCALE))
        for t in range(N_TYPES):
            f.write(struct.pack("<%dI" % len(langs), *totals[t]))
        f.write(struct.pack("<%dI" % N_TYPES, *vocab))
        f.write(struct.pack("<%dI" % (nb + 1), *starts))
        f.write(data)
    print(f"train_langid: {len(langs)} languages, {len(counts)} features, {kept} kept, "
          f"{os.path.getsize(args.output)} bytes -> {args.output}", file=sys.stderr)


if __name__ == "__main__":
    main()
