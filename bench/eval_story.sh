#!/bin/sh
# eval_story.sh: quality of the stories (src/story), against ../shared/eval/clustering.
#  - rpm2: 200 French articles, 10 topics x 2 events; `recoupe threads` (events) and
#    `recoupe threads --level topic` with the default settings, scored by score.py
#    (B-cubed F1), beside the scikit-learn TF-IDF + average-link baseline at its best
#    threshold (bench/baseline_sklearn.py; python3-sklearn is installed when missing).
#  - tgpairs: each crowd-labelled pair (English, Russian) in a folder with 20
#    unrelated articles (texts of other pairs); a pair is decided right when its two
#    texts share a thread (OK) or do not (BAD). The pair decision's weights are
#    learned on the *_train_pool files (bench/train_pairs.py), so the held-out pools
#    (exam, honey) are reported on their own, beside the train pools and the whole.
#  - the seed sample: examples/koursk is one story of five.
#  - incremental vs batch: `recoupe threads --incremental` (articles added one by
#    one to live stories, from an empty engine) against the batch result on the
#    same articles, as B-cubed F1 of one partition against the other.
# usage: bench/eval_story.sh BUILD_DIR
BUILD=${1:-build}
R="$BUILD/recoupe"
EVAL=../shared/eval
OUT=bench/out/story
if [ ! -d "$EVAL/clustering" ]; then echo "eval_story: $EVAL/clustering absent, skipped"; exit 0; fi
mkdir -p "$OUT"
RPM="$EVAL/clustering/rpm2"

"$R" threads --quiet "$RPM" > "$OUT/rpm2_events.json" || exit 1
"$R" threads --quiet --level topic "$RPM" > "$OUT/rpm2_topics.json" || exit 1
ev=$(python3 "$EVAL/score.py" clusters "$RPM" "$OUT/rpm2_events.json" --level event | sed -n 's/^bcubed_f1 //p')
tp=$(python3 "$EVAL/score.py" clusters "$RPM" "$OUT/rpm2_topics.json" --level topic | sed -n 's/^bcubed_f1 //p')
echo "rpm2 recoupe   event bcubed_f1 $ev   topic bcubed_f1 $tp   (default settings)"

if ! /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  echo "eval_story: installing python3-sklearn for the baseline"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends python3-sklearn >/dev/null 2>&1
fi
if /usr/bin/python3 -c 'import sklearn' 2>/dev/null; then
  /usr/bin/python3 bench/baseline_sklearn.py "$RPM" | sed 's/^/rpm2 sklearn   /'
else
  echo "rpm2 sklearn   baseline skipped (python3-sklearn not installable)"
fi

# tgpairs
tg_out=$(python3 - "$R" "$EVAL/clustering/tgpairs" "$OUT/tgpairs" <<'PY'
import csv, json, os, shutil, subprocess, sys
recoupe, src, work = sys.argv[1:4]
csv.field_size_limit(10**9)
pairs = []
for name in sorted(os.listdir(src)):
    if not name.endswith(".tsv"):
        continue
    for row in csv.DictReader(open(os.path.join(src, name), encoding="utf-8"), delimiter="\t"):
        q = (row.get("GOLDEN:quality") or "").strip()
        if q not in ("OK", "BAD"):
            continue
        a = (row.get("INPUT:first_title") or "") + "\n" + (row.get("INPUT:first_text") or "")
        b = (row.get("INPUT:second_title") or "") + "\n" + (row.get("INPUT:second_text") or "")
        pairs.append((name[:-4], q, a, b))
right = {}
total = {}
n = len(pairs)
for i, (pool, q, a, b) in enumerate(pairs):
    d = os.path.join(work, "%03d" % i)
    shutil.rmtree(d, ignore_errors=True)
    os.makedirs(d)
    open(os.path.join(d, "pair_a.txt"), "w", encoding="utf-8").write(a)
    open(os.path.join(d, "pair_b.txt"), "w", encoding="utf-8").write(b)
    for k in range(20):  # unrelated: the first text of 20 other pairs
        j = (i + 1 + k * 7) % n
        if j == i:
            j = (j + 1) % n
        open(os.path.join(d, "other_%02d.txt" % k), "w", encoding="utf-8").write(pairs[j][2])
    out = subprocess.run([recoupe, "threads", "--quiet", d], capture_output=True, text=True).stdout
    threads = json.loads(out)
    together = any("pair_a.txt" in t["articles"] and "pair_b.txt" in t["articles"] for t in threads)
    ok = together == (q == "OK")
    part = "train" if pool.endswith("_train_pool") else "heldout"
    for key in (pool[:2], pool, "all", q, part, part + "_" + q):
        right[key] = right.get(key, 0) + ok
        total[key] = total.get(key, 0) + 1
print("tgpairs  " + "  ".join("%s %.3f (%d)" % (k, right[k] / total[k], total[k]) for k in sorted(total)))
print("tgpairs_share %.3f" % (right["all"] / total["all"]))
print("tgpairs_heldout %.3f" % (right["heldout"] / total["heldout"]))
print("tgpairs_train %.3f" % (right["train"] / total["train"]))
PY
) || exit 1
echo "$tg_out"
tg=$(echo "$tg_out" | sed -n 's/^tgpairs_share //p')
tgh=$(echo "$tg_out" | sed -n 's/^tgpairs_heldout //p')
tgt=$(echo "$tg_out" | sed -n 's/^tgpairs_train //p')
"$R" threads --quiet examples/koursk > "$OUT/koursk.json"
k=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(1 if len(d)==1 and len(d[0]["articles"])==5 else 0)' "$OUT/koursk.json")
echo "koursk one story of five: $k"

# incremental vs batch: B-cubed F1 of the incremental partition against the batch one
agree() { # GOLD_JSON PRED_JSON: B-cubed F1 of PRED against GOLD (both threads shapes)
  python3 - "$1" "$2" <<'PY'
import collections, json, sys
def lab(p):
    return {a: i for i, t in enumerate(json.load(open(p))) for a in t["articles"]}
g, p = lab(sys.argv[1]), lab(sys.argv[2])
names = sorted(g)
joint = collections.Counter((g[a], p.get(a, -1)) for a in names)
gs, ps = collections.Counter(g[a] for a in names), collections.Counter(p.get(a, -1) for a in names)
pr = sum(joint[(g[a], p.get(a, -1))] / ps[p.get(a, -1)] for a in names) / len(names)
rc = sum(joint[(g[a], p.get(a, -1))] / gs[g[a]] for a in names) / len(names)
print("%.3f" % (2 * pr * rc / (pr + rc)))
PY
}
"$R" threads --quiet --incremental "$RPM" > "$OUT/rpm2_events_incr.json" || exit 1
"$R" threads --quiet --incremental --level topic "$RPM" > "$OUT/rpm2_topics_incr.json" || exit 1
"$R" threads --quiet --incremental examples/koursk > "$OUT/koursk_incr.json" || exit 1
ie=$(agree "$OUT/rpm2_events.json" "$OUT/rpm2_events_incr.json")
it=$(agree "$OUT/rpm2_topics.json" "$OUT/rpm2_topics_incr.json")
ik=$(agree "$OUT/koursk.json" "$OUT/koursk_incr.json")
echo "incremental vs batch (B-cubed F1 of one partition against the other): rpm2 events $ie topics $it, koursk $ik"

echo "FIGURE story_rpm2_event_bcubed $ev 0.65"
echo "FIGURE story_rpm2_topic_bcubed $tp 0.98"
echo "FIGURE story_tgpairs_share $tg 0.79"
echo "FIGURE story_tgpairs_heldout_share $tgh 0.76"
echo "FIGURE story_tgpairs_train_share $tgt 0.88"
echo "FIGURE story_koursk_one_story $k 1"
echo "FIGURE story_incremental_rpm2_events $ie 0.97"
echo "FIGURE story_incremental_rpm2_topics $it 0.97"
echo "FIGURE story_incremental_koursk $ik 0.99"
