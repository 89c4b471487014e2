#!/bin/sh
# bench_report.sh: the report at scale. On the 100k-article stream of
# bench/gen_stream.py (bench/out/stream-100k, made by bench_story.sh or here),
# `recoupe report` draws the 200 most important stories; this prints the page's
# size, the CPU seconds of writing it (RECOUPE_TIMING's "report" line: the page
# alone, after clustering), the whole run's user+sys seconds and peak memory
# (/usr/bin/time), and the time headless Chromium takes to load it
# (bench/report_load.js: loadEventEnd, median of 5; the target is under 2 s).
# Skips, saying so, without ../shared or without a browser.
# usage: bench/bench_report.sh [BUILD_DIR]   (REPORT_SIZE=10k for a smaller stream)
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
BIN=$BUILD/recoupe
EVAL=../shared/eval
n=${REPORT_SIZE:-100k}
if [ ! -d "$EVAL" ]; then
    echo "bench_report: no evaluation data at $EVAL: skipped"
    exit 0
fi
dir=bench/out/stream-$n
if [ ! -f "$dir/labels.tsv" ] || [ ! -d "$dir/articles" ]; then
    python3 bench/gen_stream.py --eval "$EVAL" --out "$dir" "$n"
fi
out=bench/out/report-$n.html
RECOUPE_TIMING=1 /usr/bin/time -f "run user %U sys %S wall %e peak_kb %M" \
    "$BIN" report --quiet --jobs 2 -o "$out" "$dir/articles" 2> bench/out/report-$n.err
bytes=$(wc -c < "$out")
write=$(sed -n 's/.*timing: report *cpu *\([0-9.]*\) s.*/\1/p' bench/out/report-$n.err)
run=$(grep '^run user' bench/out/report-$n.err)
echo "report $n: $bytes bytes, $(grep -c '<section class="story"' "$out") stories drawn; writing the page: cpu $write s; $run"
if sh scripts/browser_deps.sh > /dev/null 2>&1; then
    echo "report $n: chromium $(NODE_PATH=tests/browser/node_modules node bench/report_load.js "$out" 5) (median min max)"
else
    echo "report $n: chromium load: skipped (no browser could be installed)"
fi
