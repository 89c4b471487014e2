#!/usr/bin/python3
"""The baseline a user would write first: scikit-learn TF-IDF + average-link
agglomerative clustering (cosine), at its best distance threshold for each level.

usage: baseline_sklearn.py GOLD_DIR   (files named Txx_Cy_zz.txt; line 1 is the title)
Prints one line per level: "baseline LEVEL bcubed_f1 X threshold T clusters N".
The score is the same B-cubed F1 as ../shared/eval/score.py clusters."""
import collections
import os
import sys

from sklearn.cluster import AgglomerativeClustering
from sklearn.feature_extraction.text import TfidfVectorizer


def bcubed(pred, gold):
    n = len(gold)
    joint = collections.Counter(zip(gold, pred))
    gs, ps = collections.Counter(gold), collections.Counter(pred)
    p = sum(joint[(g, q)] / ps[q] for g, q in zip(gold, pred)) / n
    r = sum(joint[(g, q)] / gs[g] for g, q in zip(gold, pred)) / n
    return 2 * p * r / (p + r) if p + r else 0.0


def main(gold_dir):
    names = sorted(f for f in os.listdir(gold_dir) if f.endswith(".txt"))
    texts = [open(os.path.join(gold_dir, f), encoding="utf-8-sig").read() for f in names]
    x = TfidfVectorizer(sublinear_tf=True).fit_transform(texts).toarray()
    gold = {"event": [f[:6] for f in names], "topic": [f[:3] for f in names]}
    best = {lvl: (0.0, 0.0, 0) for lvl in gold}
    for i in range(50, 100):
        t = i / 100
        labels = AgglomerativeClustering(n_clusters=None, metric="cosine", linkage="average",
                                         distance_threshold=t).fit_predict(x)
        for lvl, g in gold.items():
            f = bcubed(list(labels), g)
            if f > best[lvl][0]:
                best[lvl] = (f, t, len(set(labels)))
    for lvl in ("event", "topic"):
        f, t, k = best[lvl]
        print(f"baseline {lvl} bcubed_f1 {f:.3f} threshold {t:.2f} clusters {k}")


if __name__ == "__main__":
    main(sys.argv[1])
