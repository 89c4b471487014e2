#!/usr/bin/python3
"""train_categories.py: trains recoupe's news / category classifier.

One multinomial logistic regression over eight classes: the seven news
categories of the tgnews contest (society, economy, technology, sports,
entertainment, science, other) and not_news. An article is news when its best
class is not not_news; its category is its best news class.

Features (mirrored exactly by src/classify/classify.c, change both together):
  - w:TOKEN  the words of the headline and of the first TEXT_BYTES bytes of the
             text, lower-cased (ASCII and Cyrillic), cut to their first PREFIX
             code points (a crude stem that serves English and Russian alike),
             each counted once per article; numbers become "#";
  - t:TOKEN  the same for the headline alone;
  - s:WORD   the section words: the words of the URL path's segments but the
             last (/sport/, /economie/, /tech/), and of the page's declared
             section (article:section, JSON-LD articleSection, breadcrumb);
  - dense    log length of the text, a short-text flag, the share of numbers,
             the count of currency signs.
A text of which fewer than half the words are known (a language the labels do
not cover) is classed by the classes' log shares (stored in the model) and its
section words alone, and is news when it is not short.
Each sparse feature is stored by the 32-bit FNV-1a hash of its UTF-8 bytes.

The fit: full-batch gradient descent with Adam steps (400) on the weighted mean
cross-entropy plus L2 * |W|^2 / 2 (L2 = 1e-3). Classes are balanced: each
example weighs (n_max / n_class) ** E, n counted over the articles fitted, both
languages together (--balance E, default 1: not_news and the small categories
count as much as society; E = 0 is the unweighted fit of 2026-12-07). --l2-grid
chooses L2 per fit by an inner 4-fold cross-validation on the articles fitted
alone; it did not win on every fold (docs/BENCHMARKS.md) and is off by default.

Data: ../shared/eval/categories/tgcontest/{en,ru}_cat_*.tsv (url, title, text,
label). Evaluation is k-fold cross-validation per language: the model is fitted
on the other folds (both languages) and scored on the held-out fold, never on
the articles it saw.

    /usr/bin/python3 scripts/train_categories.py --cv 5 DIR     # figures only
    /usr/bin/python3 scripts/train_categories.py -o data/categories.bin DIR

(DIR: ../shared/eval/categories/tgcontest; data/categories.bin is the second
command's output with the defaults.)

Needs numpy (Debian python3-numpy); with scipy (python3-scipy, both installed by
scripts/deps.sh) the design matrices are sparse and the 5-fold cross-validation takes
about 4 s instead of about 60 to 70 s; without it the same fit runs on dense numpy arrays and
gives the same figures.
"""
import argparse
import csv
import math
import os
import re
import struct
import sys

import numpy as np

try:
    from scipy import sparse
except ImportError:  # numpy alone: the same fit on dense matrices, slower
    sparse = None

CLASSES = ["society", "economy", "technology", "sports", "entertainment", "science", "other", "not_news"]
MAGIC = b"RCCAT02\0"
PREFIX = 6
TEXT_BYTES = 6000
SHORT_TOKENS = 80
MIN_DF = 2
L2 = 1e-3
BALANCE = 1.0
L2_GRID = ""
N_DENSE = 4
CURRENCY = set("$€£¥₽₴₹")


def fnv1a32(data):
    h = 0x811C9DC5
    for b in data:
        h = ((h ^ b) * 0x01000193) & 0xFFFFFFFF
    return h


def is_word_cp(c):
    o = ord(c)
    if o < 0x80:
        return c.isalnum()
    if o < 0xC0 or 0x2000 <= o <= 0x2BFF or 0x3000 <= o <= 0x303F or 0xFE00 <= o <= 0xFE6F or 0xFF00 <= o <= 0xFF0F:
        return False
    return o != 0xD7 and o != 0xF7


def lower_cp(o):
    if 0x41 <= o <= 0x5A:
        return o + 0x20
    if 0x410 <= o <= 0x42F:
        return o + 0x20
    if 0x400 <= o <= 0x40F:
        return o + 0x50
    if o == 0x451:  # ё -> е
        return 0x435
    return o


def tokens(s):
    """the word tokens of s, lower-cased, cut to PREFIX code points ("#" for numbers)"""
    out = []
    cur = []
    for c in s + " ":
        if is_word_cp(c):
            cur.append(c)
            continue
        if cur:
            if all("0" <= x <= "9" for x in cur):
                out.append("#")
            else:
                w = "".join(chr(0x435 if lower_cp(ord(x)) == 0x451 else lower_cp(ord(x))) for x in cur[:PREFIX])
                if len(cur) >= 2:
                    out.append(w)
            cur = []
    return out


def section_words(url, section=""):
    words = []
    m = re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://[^/?#]*(/[^?#]*)?", url or "")
    path = m.group(1) or "" if m else ""
    segs = [p for p in path.split("/") if p]
    for seg in segs[:-1]:
        words += [w for w in tokens(seg) if w != "#"]
    words += [w for w in tokens(section or "") if w != "#"]
    return words


def features(url, title, text, section=""):
    """sparse feature names (a set) and the dense vector; the C side computes the same"""
    body = text.encode("utf-8")[:TEXT_BYTES].decode("utf-8", "ignore")
    tt = tokens(title)
    bt = tokens(body)
    sparse = set("w:" + w for w in tt + bt)
    sparse |= set("t:" + w for w in tt)
    sparse |= set("s:" + w for w in section_words(url, section))
    n = len(bt)
    nums = sum(1 for w in bt if w == "#")
    cur = sum(1 for c in body if c in CURRENCY)
    dense = [math.log1p(n) / 8.0, 1.0 if n < SHORT_TOKENS else 0.0, nums / n if n else 0.0, math.log1p(cur) / 3.0]
    return sparse, dense


def load(dirname):
    csv.field_size_limit(1 << 30)
    rows = []
    for lang in ("en", "ru"):
        for part in ("training", "exam", "honey"):
            path = os.path.join(dirname, "%s_cat_%s.tsv" % (lang, part))
            if not os.path.exists(path):
                continue
            with open(path, encoding="utf-8") as f:
                for r in csv.DictReader(f, delimiter="\t"):
                    lab = (r.get("GOLDEN:res") or "").strip()
                    if lab not in CLASSES:
                        continue
                    rows.append((lang, r.get("INPUT:url", ""), r.get("INPUT:title", ""), r.get("INPUT:text", ""), lab))
    return rows


def matrix(feats, vocab, groups):
    """the design matrix: scipy's CSR when scipy is there (the fit is about 8 times faster), else dense numpy"""
    rows, cols = [], []
    dense = np.zeros((len(feats), N_DENSE))
    for i, (sp, de) in enumerate(feats):
        for name in sp:
            j = vocab.get(name)
            if j is not None and name[0] in groups:
                rows.append(i)
                cols.append(j)
        if "d" in groups:
            dense[i] = de
    d = len(vocab) + N_DENSE
    if sparse is None:
        X = np.zeros((len(feats), d))
        X[rows, cols] = 1.0
        X[:, len(vocab):] = dense
        return X
    nz = np.nonzero(dense)
    rows = np.concatenate([np.asarray(rows, dtype=np.int64), nz[0]])
    cols = np.concatenate([np.asarray(cols, dtype=np.int64), nz[1] + len(vocab)])
    vals = np.concatenate([np.ones(len(rows) - len(nz[0])), dense[nz]])
    return sparse.csr_matrix((vals, (rows, cols)), shape=(len(feats), d))


def class_weights(y, balance):
    """each example's weight in the loss: (n_max / n_class) ** balance, n counted over the examples fitted"""
    n = np.bincount(y, minlength=len(CLASSES)).astype(float)
    w = np.zeros(len(CLASSES))
    w[n > 0] = (n.max() / n[n > 0]) ** balance
    return w[y]


def fit(X, y, l2=L2, balance=BALANCE, iters=400):
    """multinomial logistic regression, L2, by full-batch gradient descent with Adam steps; the loss is
    the weighted mean of the examples' cross-entropies (weights by class_weights)"""
    n, d = X.shape
    k = len(CLASSES)
    W = np.zeros((d, k))
    b = np.zeros(k)
    Y = np.eye(k)[y]
    sw = class_weights(y, balance)
    sw = (sw / sw.sum())[:, None]
    XT = X.T.tocsr() if sparse is not None and sparse.issparse(X) else X.T
    mw = np.zeros_like(W); vw = np.zeros_like(W); mb = np.zeros(k); vb = np.zeros(k)
    lr, b1, b2 = 0.05, 0.9, 0.999
    for t in range(1, iters + 1):
        Z = X @ W + b
        Z -= Z.max(axis=1, keepdims=True)
        P = np.exp(Z)
        P /= P.sum(axis=1, keepdims=True)
        G = (P - Y) * sw
        gW = XT @ G + l2 * W
        gb = G.sum(axis=0)
        mw = b1 * mw + (1 - b1) * gW; vw = b2 * vw + (1 - b2) * gW * gW
        mb = b1 * mb + (1 - b1) * gb; vb = b2 * vb + (1 - b2) * gb * gb
        c1, c2 = 1 - b1 ** t, 1 - b2 ** t
        W -= lr * (mw / c1) / (np.sqrt(vw / c2) + 1e-8)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + 1e-8)
    return W, b


def build_vocab(feats):
    df = {}
    for sp, _ in feats:
        for name in sp:
            df[name] = df.get(name, 0) + 1
    names = sorted(n for n, c in df.items() if c >= MIN_DF)
    return {n: i for i, n in enumerate(names)}


def f1s(gold, pred):
    out = {}
    for c in range(len(CLASSES)):
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        if tp + fp + fn == 0:
            continue
        out[CLASSES[c]] = 2 * tp / (2 * tp + fp + fn)
    return out


def news_f1(gold, pred, nn):
    """F1 of not_news against every news class merged"""
    tp = sum(1 for g, p in zip(gold, pred) if g == nn and p == nn)
    fp = sum(1 for g, p in zip(gold, pred) if g != nn and p == nn)
    fn = sum(1 for g, p in zip(gold, pred) if g == nn and p != nn)
    return 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else 1.0


def assign_folds(rows, y, sel, k, seed):
    """fold numbers (0..k-1) for the rows sel, stratified by language and class"""
    rng = np.random.RandomState(seed)
    fold = {}
    for lang in ("en", "ru"):
        for c in range(len(CLASSES)):
            idx = [i for i in sel if rows[i][0] == lang and y[i] == c]
            rng.shuffle(idx)
            for j, i in enumerate(idx):
                fold[i] = j % k
    return fold


def fit_predict(rows, feats, y, tr, te, groups, l2, balance):
    """fitted on the rows tr (their vocabulary alone), the predicted classes of the rows te"""
    vocab = build_vocab([feats[i] for i in tr])
    W, b = fit(matrix([feats[i] for i in tr], vocab, groups), y[tr], l2, balance)
    return np.asarray(matrix([feats[i] for i in te], vocab, groups) @ W + b).argmax(axis=1)


def lang_acc(rows, y, te, p):
    return {lang: float(np.mean([p[j] == y[i] for j, i in enumerate(te) if rows[i][0] == lang])) for lang in ("en", "ru")}


def choose_l2(rows, feats, y, tr, groups, balance, grid, k=4, seed=11):
    """the L2 of grid with the best mean of the English and Russian accuracies in a k-fold
    cross-validation inside the rows tr alone (ties: the strongest L2)"""
    fold = assign_folds(rows, y, tr, k, seed)
    best = None
    for l2 in sorted(grid, reverse=True):
        hits = {}
        for f in range(k):
            itr = [i for i in tr if fold[i] != f]
            ite = [i for i in tr if fold[i] == f]
            p = fit_predict(rows, feats, y, itr, ite, groups, l2, balance)
            for j, i in enumerate(ite):
                hits.setdefault(rows[i][0], []).append(p[j] == y[i])
        score = (np.mean(hits["en"]) + np.mean(hits["ru"])) / 2
        if best is None or score > best[0] + 1e-12:
            best = (score, l2)
    return best[1]


def crossval(rows, feats, k, groups, l2=L2, balance=BALANCE, l2_grid=None, seed=7):
    """k-fold cross-validation; with l2_grid, each fold's L2 is chosen by an inner cross-validation
    on its training folds alone (the held-out fold plays no part in the choice)"""
    y = np.array([CLASSES.index(r[4]) for r in rows])
    fold = assign_folds(rows, y, range(len(rows)), k, seed)
    pred = np.zeros(len(rows), dtype=int)
    per_fold = []
    for f in range(k):
        tr = [i for i in range(len(rows)) if fold[i] != f]
        te = [i for i in range(len(rows)) if fold[i] == f]
        fl2 = choose_l2(rows, feats, y, tr, groups, balance, l2_grid) if l2_grid else l2
        p = fit_predict(rows, feats, y, tr, te, groups, fl2, balance)
        pred[te] = p
        d = lang_acc(rows, y, te, p)
        d["l2"] = fl2
        per_fold.append(d)
    return y, pred, per_fold


def report(rows, y, pred, per_fold, label):
    nn = CLASSES.index("not_news")
    print("== %s" % label)
    for lang in ("en", "ru", "all"):
        sel = [i for i, r in enumerate(rows) if lang == "all" or r[0] == lang]
        g = [int(y[i]) for i in sel]
        p = [int(pred[i]) for i in sel]
        acc = sum(1 for a, b in zip(g, p) if a == b) / len(g)
        f = f1s(g, p)
        macro = sum(f.values()) / len(f)
        print("%-3s n=%d accuracy %.3f macro-F1 %.3f not_news-F1 %.3f" % (lang, len(g), acc, macro, news_f1(g, p, nn)))
        print("    " + " ".join("%s %.2f" % (c, v) for c, v in f.items()))
    print("    per fold: " + " ".join("en %.3f ru %.3f |" % (d["en"], d["ru"]) for d in per_fold))
    print("    per fold L2: " + " ".join("%g" % d["l2"] for d in per_fold))


def write_model(path, vocab, W, b, y):
    by_hash = {}
    for name, j in vocab.items():
        h = fnv1a32(name.encode("utf-8"))
        if h in by_hash:  # a collision: the two features share their weights' sum
            by_hash[h] = by_hash[h] + W[j]
        else:
            by_hash[h] = W[j].copy()
    hashes = sorted(by_hash)
    k = len(CLASSES)
    with open(path, "wb") as f:
        f.write(MAGIC)
        f.write(struct.pack("<IIII", k, N_DENSE, len(hashes), PREFIX))
        for c in CLASSES:
            f.write(c.encode().ljust(16, b"\0"))
        f.write(np.asarray(b, dtype="<f4").tobytes())
        f.write(np.asarray(W[len(vocab):], dtype="<f4").tobytes())
        # the classes' log shares of the labels: the prior of a text whose words the model does not know
        f.write(np.log(np.bincount(y, minlength=k) / len(y) + 1e-6).astype("<f4").tobytes())
        f.write(np.asarray(hashes, dtype="<u4").tobytes())
        f.write(np.asarray([by_hash[h] for h in hashes], dtype="<f4").tobytes())


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("data", help="the tgcontest folder ({en,ru}_cat_*.tsv)")
    ap.add_argument("--cv", type=int, default=0, help="k-fold cross-validation figures, no model written")
    ap.add_argument("--groups", default="wtsd", help="feature groups: w words, t title, s section, d dense")
    ap.add_argument("--ablate", action="store_true", help="with --cv: also each group left out, per fold")
    ap.add_argument("--balance", type=float, default=BALANCE,
                    help="class balancing: each example weighs (n_max / n_class) ** E in the loss (default %(default)g)")
    ap.add_argument("--l2", type=float, default=L2, help="L2 strength (default %(default)g)")
    ap.add_argument("--l2-grid", default=L2_GRID,
                    help="comma-separated L2 strengths, one chosen by an inner 4-fold cross-validation on the "
                    "articles fitted (overrides --l2; default %(default)s)")
    ap.add_argument("-o", "--output", help="write the model here (trained on every labelled article)")
    args = ap.parse_args()
    grid = [float(v) for v in args.l2_grid.split(",")] if args.l2_grid else None
    rows = load(args.data)
    if not rows:
        sys.exit("train_categories: no labelled rows in %s" % args.data)
    feats = [features(r[1], r[2], r[3]) for r in rows]
    setting = "balance %g, L2 %s, %s" % (args.balance, "by inner CV over " + args.l2_grid if grid else "%g" % args.l2,
                                         "scipy sparse" if sparse is not None else "numpy dense")
    if args.cv:
        y, pred, pf = crossval(rows, feats, args.cv, args.groups, args.l2, args.balance, grid)
        report(rows, y, pred, pf, "groups %s, %d-fold, %s" % (args.groups, args.cv, setting))
        if args.ablate:
            for g in args.groups:
                sub = args.groups.replace(g, "")
                y, pred, pf2 = crossval(rows, feats, args.cv, sub, args.l2, args.balance, grid)
                report(rows, y, pred, pf2, "without %s" % g)
                wins = all(a[l] >= b2[l] for a, b2 in zip(pf, pf2) for l in ("en", "ru"))
                print("    group %s %s on every fold" % (g, "wins or ties" if wins else "does NOT win"))
    if args.output:
        y = np.array([CLASSES.index(r[4]) for r in rows])
        every = list(range(len(rows)))
        l2 = choose_l2(rows, feats, y, every, args.groups, args.balance, grid) if grid else args.l2
        vocab = build_vocab(feats)
        W, b = fit(matrix(feats, vocab, args.groups), y, l2, args.balance)
        write_model(args.output, vocab, W, b, y)
        print("train_categories: %d features, %d articles, %s (L2 %g) -> %s"
              % (len(vocab), len(rows), setting, l2, args.output))


if __name__ == "__main__":
    main()
