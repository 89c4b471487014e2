#!/bin/sh
# eval_story_cv.sh: the stories' settings cross-validated across topics, so that a
# figure is never measured on the topics its settings were chosen on.
#  - rpm2 (../shared/eval/clustering/rpm2, 10 topics x 2 events): 5 folds of 2
#    topics. In each fold the event threshold (--threshold) and the pair gate
#    (RECOUPE_PAIR_GATE) are chosen on the 8 other topics (best event B-cubed F1
#    of `recoupe threads` on those 160 articles alone), then the 40 articles of the
#    2 held-out topics are clustered alone with them and scored; the same for the
#    topic threshold (--topic-threshold, `--level topic`). The held-out partitions
#    of the 5 folds make one partition of the 200 articles, scored by B-cubed F1
#    ("cross-validated"), beside the released defaults on the same held-out
#    folders ("defaults, per fold") and the best setting chosen on all 200 (an
#    in-sample oracle). A setting is worth changing only when it wins on every
#    fold: the per-fold table says whether it does.
#  - scrapinghub (../shared/eval/extraction/scrapinghub, 181 English pages of Nov
#    2019, mostly unrelated): the number of threads of more than one article with
#    the defaults, pinned as a ceiling (printed negated, since make eval checks
#    floors); which of them mix events was checked by hand (docs/BENCHMARKS.md).
# The copies of the articles go to a temporary folder, removed at the end.
# usage: bench/eval_story_cv.sh BUILD_DIR
BUILD=${1:-build}
R="$BUILD/recoupe"
EVAL=${SHARED:-../shared}/eval
if [ ! -d "$EVAL/clustering/rpm2" ]; then echo "eval_story_cv: $EVAL/clustering absent, skipped"; exit 0; fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
python3 - "$R" "$EVAL/clustering/rpm2" "$TMP" <<'PY' || exit 1
import collections, json, os, shutil, subprocess, sys
recoupe, src, tmp = sys.argv[1:4]
files = sorted(f for f in os.listdir(src) if f.endswith(".txt"))
topics = sorted({f[:3] for f in files})
EVENT_TH = (0.04, 0.06, 0.08, 0.10, 0.12)
GATES = (0.3, 0.5, 0.7)
TOPIC_TH = (0.01, 0.02, 0.03, 0.05, 0.08)
DEFAULT = (0.08, 0.5, 0.03)

def gold(name, level):
    return name[:6] if level == "event" else name[:3]

def bcubed(pred, level):
    """pred: article -> cluster label; B-cubed F1 against the file names' labels"""
    names = sorted(pred)
    g = {a: gold(a, level) for a in names}
    joint = collections.Counter((g[a], pred[a]) for a in names)
    gs, ps = collections.Counter(g.values()), collections.Counter(pred.values())
    p = sum(joint[(g[a], pred[a])] / ps[pred[a]] for a in names) / len(names)
    r = sum(joint[(g[a], pred[a])] / gs[g[a]] for a in names) / len(names)
    return 2 * p * r / (p + r)

def folder(ts):
    d = os.path.join(tmp, "_".join(ts))
    if not os.path.isdir(d):
        os.makedirs(d)
        for f in files:
            if f[:3] in ts:
                shutil.copy(os.path.join(src, f), d)
    return d

cache = {}
def run(ts, level, th, gate):
    key = (tuple(ts), level, th, gate)
    if key not in cache:
        args = [recoupe, "threads", "--quiet", "-j", "1", "--threshold", str(th), folder(ts)]
        if level == "topic":
            args = [recoupe, "threads", "--quiet", "-j", "1", "--level", "topic", "--topic-threshold", str(th), folder(ts)]
        env = dict(os.environ, RECOUPE_PAIR_GATE=str(gate))
        out = json.loads(subprocess.run(args, capture_output=True, text=True, env=env, check=True).stdout)
        cache[key] = {a: "%s/%d" % ("_".join(ts), i) for i, t in enumerate(out) for a in t["articles"]}
    return cache[key]

def grid(level):
    return [(th, g) for th in EVENT_TH for g in GATES] if level == "event" else [(th, 0.5) for th in TOPIC_TH]

for level in ("event", "topic"):
    dflt = (DEFAULT[0], DEFAULT[1]) if level == "event" else (DEFAULT[2], DEFAULT[1])
    cv, dp = {}, {}
    rows = []
    for k in range(5):
        test = topics[2 * k:2 * k + 2]
        train = [t for t in topics if t not in test]
        best = max(grid(level), key=lambda s: (bcubed(run(train, level, *s), level), s == dflt))
        held = run(test, level, *best)
        held_d = run(test, level, *dflt)
        cv.update(held)
        dp.update(held_d)
        rows.append("  fold %d (held out %s): chosen %s on the 8 others (train F1 %.3f, defaults %.3f); held out %.3f, defaults %.3f"
                    % (k + 1, "+".join(test), best, bcubed(run(train, level, *best), level),
                       bcubed(run(train, level, *dflt), level), bcubed(held, level), bcubed(held_d, level)))
    oracle = max(grid(level), key=lambda s: bcubed(run(topics, level, *s), level))
    print("rpm2 %s level, settings chosen by leave-2-topics-out (5 folds):" % level)
    print("\n".join(rows))
    print("rpm2 %s bcubed_f1: cross-validated %.3f   defaults on the same held-out folders %.3f   in-sample: defaults on all 200 %.3f, best setting on all 200 %s %.3f"
          % (level, bcubed(cv, level), bcubed(dp, level), bcubed(run(topics, level, *dflt), level), oracle,
             bcubed(run(topics, level, *oracle), level)))
    print("FIGURE story_rpm2_%s_bcubed_cv %.3f %s" % (level, bcubed(cv, level), "0.64" if level == "event" else "0.99"))
    print("FIGURE story_rpm2_%s_bcubed_defaults_per_fold %.3f %s" % (level, bcubed(dp, level), "0.33" if level == "event" else "0.99"))
PY
SH="$EVAL/extraction/scrapinghub/html"
if [ -d "$SH" ]; then
  "$R" threads --quiet "$SH" > "$TMP/sh.json" || exit 1
  n=$(python3 -c 'import json,sys; print(sum(len(t["articles"]) > 1 for t in json.load(open(sys.argv[1]))))' "$TMP/sh.json")
  echo "scrapinghub: $n threads of more than one article (defaults; which mix events: hand-checked, docs/BENCHMARKS.md)"
  echo "FIGURE story_scrapinghub_multi_threads_negated -$n -14"
fi
