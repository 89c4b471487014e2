#!/usr/bin/env python3
"""Learns the weights of the "same story?" pair decision (src/story/pair.c).

Each crowd-labelled pair of the TRAINING pools (../shared/eval/clustering/tgpairs/
*_train_pool.tsv) is put in a folder with 20 unrelated articles (texts of other
training pairs), as bench/eval_story.sh does; bench/story_pairs.c reads each folder
the way `recoupe threads` does and prints the pair's signals; a logistic regression
(L2-penalised, fitted by Newton's method, standard library only) turns them into
weights, written to src/story/pair_weights.h.  The held-out pools (exam, honey) are
scored with the learned weights (pair decision alone, score >= 0.5) and reported
separately; they never enter the fit.

usage: bench/train_pairs.py [BUILD_DIR] [--write]   (without --write: report only; `make` first)
"""
import csv
import math
import os
import shutil
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "..", "shared", "eval", "clustering", "tgpairs")
L2_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)  # penalties on the weights (not the bias), per pair's log-likelihood
L2 = 1.0


def pools():
    csv.field_size_limit(10**9)
    out = {}
    for name in sorted(os.listdir(SRC)):
        if not name.endswith(".tsv"):
            continue
        rows = []
        for row in csv.DictReader(open(os.path.join(SRC, name), encoding="utf-8"), delimiter="\t"):
            q = (row.get("GOLDEN:quality") or "").strip()
            if q not in ("OK", "BAD"):
                continue
            a = (row.get("INPUT:first_title") or "") + "\n" + (row.get("INPUT:first_text") or "")
            b = (row.get("INPUT:second_title") or "") + "\n" + (row.get("INPUT:second_text") or "")
            rows.append((q == "OK", a, b))
        out[name[:-4]] = rows
    return out


def make_tool(build, tool):
    """builds bench/story_pairs.c against BUILD_DIR/librecoupe.a with the Makefile's own rule"""
    subprocess.run(["make", "-s", "-C", ROOT, "BUILD=" + os.path.relpath(build, ROOT),
                    os.path.join(os.path.relpath(build, ROOT), "bench", "story_pairs")], check=True)


def folders(pairs, fillers, work):
    """pair i in work/NNN with 20 unrelated texts: fillers[(i + 1 + 7k) mod n]"""
    dirs = []
    n = len(fillers)
    for i, (_, a, b) in enumerate(pairs):
        d = os.path.join(work, "%03d" % i)
        shutil.rmtree(d, ignore_errors=True)
        os.makedirs(d)
        open(os.path.join(d, "pair_a.txt"), "w", encoding="utf-8").write(a)
        open(os.path.join(d, "pair_b.txt"), "w", encoding="utf-8").write(b)
        for k in range(20):
            j = (i + 1 + k * 7) % n
            if fillers[j] in (a, b):
                j = (j + 1) % n
            open(os.path.join(d, "other_%02d.txt" % k), "w", encoding="utf-8").write(fillers[j])
        dirs.append(d)
    return dirs


def signals(tool, dirs):
    out = subprocess.run([tool] + dirs, capture_output=True, text=True, check=True).stdout.splitlines()
    head = out[0].split("\t")
    names = head[3:-1]
    rows = {}
    for line in out[1:]:
        f = line.split("\t")
        rows[f[0]] = [float(v) for v in f[3:-1]]
    return names, [rows[d] for d in dirs]


def fit(x, y, sw=None):
    """L2-penalised logistic regression by Newton's method, sw the pairs' weights;
    returns (bias, weights)."""
    m = len(x[0]) + 1
    w = [0.0] * m
    xs = [[1.0] + r for r in x]
    sw = sw or [1.0] * len(x)
    for _ in range(50):
        g = [0.0] * m
        h = [[0.0] * m for _ in range(m)]
        for r, t, c in zip(xs, y, sw):
            z = sum(a * b for a, b in zip(w, r))
            p = 1 / (1 + math.exp(-max(-30, min(30, z))))
            for i in range(m):
                g[i] += c * (p - t) * r[i]
                for j in range(m):
                    h[i][j] += c * p * (1 - p) * r[i] * r[j]
        for i in range(1, m):
            g[i] += L2 * w[i]
            h[i][i] += L2
        step = solve(h, g)
        w = [a - b for a, b in zip(w, step)]
        if max(abs(s) for s in step) < 1e-9:
            break
    return w[0], w[1:]


def solve(a, b):
    n = len(b)
    a = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(a[r][c]))
        a[c], a[p] = a[p], a[c]
        if abs(a[c][c]) < 1e-12:
            continue
        for r in range(n):
            if r != c:
                f = a[r][c] / a[c][c]
                a[r] = [u - f * v for u, v in zip(a[r], a[c])]
    return [a[i][n] / a[i][i] if abs(a[i][i]) > 1e-12 else 0.0 for i in range(n)]


def score(bias, w, r):
    z = bias + sum(a * b for a, b in zip(w, r))
    return 1 / (1 + math.exp(-max(-30, min(30, z))))


def main():
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    build = args[0] if args else "build"
    tool = os.path.join(build, "bench", "story_pairs")
    work = os.path.join(ROOT, "bench", "out", "story", "train_pairs")
    if not os.path.isdir(SRC):
        print("train_pairs: %s absent, skipped" % SRC)
        return 0
    make_tool(build, tool)
    p = pools()
    train = [r for k in sorted(p) if k.endswith("_train_pool") for r in p[k]]
    fill = [r[1] for r in train]
    names, x = signals(tool, folders(train, fill, os.path.join(work, "train")))
    y = [1.0 if r[0] else 0.0 for r in train]
    # each training pool weighs the same (the English pool has more pairs, the
    # decision must serve both languages); the conflict signal is a rule in
    # pair.c, not fitted (no training pair has one): its column is left out
    pool = [k for k in sorted(p) if k.endswith("_train_pool") for _ in p[k]]
    sw = [len(pool) / len(set(pool)) / pool.count(k) for k in pool]
    keep = [i for i, n in enumerate(names) if n != "conflict"]
    xs = [[r[i] for i in keep] for r in x]
    global L2
    best = None
    # the penalty by leave-one-out log-loss on the training pairs: the scores are
    # summed as evidence in the clustering, so they must be calibrated, not only
    # on the right side of 0.5
    for l2 in L2_GRID:
        L2 = l2
        right, loss = 0, 0.0
        for i in range(len(xs)):
            b, ww = fit(xs[:i] + xs[i + 1:], y[:i] + y[i + 1:], sw[:i] + sw[i + 1:])
            q = min(max(score(b, ww, xs[i]), 1e-6), 1 - 1e-6)
            right += (q >= 0.5) == bool(y[i])
            loss -= sw[i] * math.log(q if y[i] else 1 - q)
        print("L2 %.2f: leave-one-out right %.3f, log-loss %.4f" % (l2, right / len(xs), loss / len(xs)))
        if best is None or loss < best[0]:
            best = (loss, l2)
    L2 = best[1]
    bias, wk = fit(xs, y, sw)
    w = [0.0] * len(names)
    for i, v in zip(keep, wk):
        w[i] = v
    print("chosen L2 %.2f" % L2)
    print("weights: bias %.3f  " % bias + "  ".join("%s %.3f" % (n, v) for n, v in zip(names, w)))
    def decide(r):
        return r[names.index("conflict")] == 0 and score(bias, w, r) >= 0.5

    acc = sum(decide(r) == bool(t) for r, t in zip(x, y)) / len(y)
    print("train pools: %d pairs, pair decision right %.3f" % (len(y), acc))
    every = [r for k in sorted(p) for r in p[k]]
    for k in sorted(p):
        if k.endswith("_train_pool"):
            continue
        rows = p[k]
        _, xh = signals(tool, folders(rows, [r[1] for r in every], os.path.join(work, k)))
        ok = [decide(r) == t[0] for r, t in zip(xh, rows)]
        print("held out %s: %d pairs, pair decision right %.3f" % (k, len(rows), sum(ok) / len(ok)))
    if "--write" in sys.argv:
        path = os.path.join(ROOT, "src", "story", "pair_weights.h")
        with open(path, "w") as f:
            f.write("/* pair_weights.h: the weights of the pair decision (pair.c), in the order of\n"
                    " * story_pair_signal_names (%s), written by\n"
                    " * bench/train_pairs.py from the training pools of the crowd-labelled pairs\n"
                    " * (the train_pool files of ../shared/eval/clustering/tgpairs, %d pairs).\n"
                    " * Do not edit by hand: run the script. */\n" % (", ".join(names), len(y)))
            f.write("#ifndef RECOUPE_STORY_PAIR_WEIGHTS_H\n#define RECOUPE_STORY_PAIR_WEIGHTS_H\n")
            f.write("#define STORY_PAIR_BIAS %.4f\n" % bias)
            f.write("static const double story_pair_weights[] = {%s};\n" % ", ".join("%.4f" % v for v in w))
            f.write("#endif\n")
        print("wrote", path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
