#!/bin/sh
# bench_story.sh: the stories engine at scale. bench/gen_stream.py builds labelled
# streams of dated articles from the real sentences of ../shared/eval (10k, 100k
# and 1M articles by default, in bench/out/stream-SIZE/, made once and reused);
# `recoupe threads --jobs 2` clusters each; this prints the wall time, the peak
# memory (/usr/bin/time -f %M), the B-cubed F1 of the events against the
# generator's stories, and the growth from one size to the next (time per
# article, relative to the smallest: 1.0 is linear). Each run's phases (wall and
# CPU seconds of reading, the batch's parallel work, clustering, output; from
# RECOUPE_TIMING=1) and the load average before it are printed after the table,
# as the machine may be shared.
#
# usage: bench/bench_story.sh [BUILD_DIR]   (STORY_SIZES="10k 100k" to choose sizes)
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/recoupe
EVAL=../shared/eval
SIZES=${STORY_SIZES:-"10k 100k 1M"}
if [ ! -d "$EVAL" ]; then
    echo "bench_story: no evaluation data at $EVAL: skipped"
    exit 0
fi
if [ ! -x "$BIN" ]; then
    echo "bench_story: no $BIN (make first)" >&2
    exit 1
fi
if [ ! -x /usr/bin/time ]; then
    echo "bench_story: /usr/bin/time is needed (apt-get install time)" >&2
    exit 1
fi
mkdir -p bench/out
RES=bench/out/story-scale.tsv
: > "$RES"
: > "$RES.phases"
for n in $SIZES; do
    dir=bench/out/stream-$n
    if [ ! -f "$dir/labels.tsv" ] || [ ! -d "$dir/articles" ] || [ bench/gen_stream.py -nt "$dir/labels.tsv" ]; then
        python3 bench/gen_stream.py --eval "$EVAL" --out "$dir" "$n"
    fi
    # the generated files are read once first, so that every size starts warm
    cat "$dir"/articles/*.jsonl > /dev/null
    load=$(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo "?")
    if ! RECOUPE_TIMING=1 /usr/bin/time -f "%e %M %U %S" -o "$dir/time.txt" "$BIN" threads --jobs 2 --quiet \
        "$dir/articles" > "$dir/threads.json" 2> "$dir/timing.txt"; then
        grep -v '^recoupe: timing: ' "$dir/timing.txt" >&2
        exit 1
    fi
    { echo "$n (load average before: $load)"; sed -n 's/^recoupe: timing: /  /p' "$dir/timing.txt"; } >> "$RES.phases"
    read -r secs kb usr sys < "$dir/time.txt"
    python3 - "$dir/labels.tsv" "$dir/threads.json" "$n" "$secs" "$kb" "$usr" "$sys" >> "$RES" <<'EOF'
import collections, json, sys
labels = {}
for line in open(sys.argv[1], encoding="utf-8"):
    i, s = line.rstrip("\n").split("\t")
    labels[i] = s
threads = json.load(open(sys.argv[2], encoding="utf-8"))
clu = {}
for k, t in enumerate(threads):
    for a in t["articles"]:
        clu[a] = k
k = len(threads)
for a in labels:  # an article missing from the output is a story of its own
    if a not in clu:
        clu[a] = k
        k += 1
pair = collections.Counter((clu[a], labels[a]) for a in labels)
cs = collections.Counter(clu[a] for a in labels)
ls = collections.Counter(labels.values())
n = len(labels)
p = sum(c * c / cs[ci] for (ci, li), c in pair.items()) / n
r = sum(c * c / ls[li] for (ci, li), c in pair.items()) / n
f = 2 * p * r / (p + r) if p + r else 0
print("\t".join([sys.argv[3], str(n), str(len(ls)), str(len(threads)), sys.argv[4], sys.argv[5],
                 "%.1f" % (float(sys.argv[6]) + float(sys.argv[7])),
                 "%.4f" % p, "%.4f" % r, "%.4f" % f]))
EOF
done
python3 - "$RES" <<'EOF'
import sys
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
print("stories at scale: recoupe threads --jobs 2 on bench/gen_stream.py streams")
print("(wall: elapsed seconds; cpu: user + system seconds; growth: cpu per article over the first size's)")
print("%-6s %9s %8s %8s %8s %8s %8s %8s %7s %7s %7s %7s" % ("size", "articles", "stories", "events", "wall s",
      "cpu s", "peak MiB", "cpu us/a", "growth", "B3 P", "B3 R", "B3 F1"))
base = None
for size, n, st, ev, secs, kb, cpu, p, r, f in rows:
    per = float(cpu) / int(n) * 1e6
    base = base or per
    print("%-6s %9s %8s %8s %8.1f %8.1f %8.0f %8.0f %7.2f %7s %7s %7s" % (size, n, st, ev, float(secs), float(cpu),
          int(kb) / 1024, per, per / base, p, r, f))
EOF
echo "phases (wall / CPU seconds; cores = CPU / wall):"
cat "$RES.phases"
