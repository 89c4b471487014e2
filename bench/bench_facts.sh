#!/bin/sh
# bench_facts.sh [BUILD]: speed of the facts extractor (entities + claims) in MB/s
# of text per core (CPU time, one thread), on the bundled sample and, when
# ../shared is there, on the 200 rpm2 articles.
set -u
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
make -s -C "$ROOT" "$BUILD/bench/bench_facts" >/dev/null || exit 1
"$ROOT/$BUILD/bench/bench_facts" "$ROOT"/examples/koursk/*.txt
R="$ROOT/../shared/eval/clustering/rpm2"
if [ -d "$R" ]; then "$ROOT/$BUILD/bench/bench_facts" "$R"/*.txt; else echo "bench_facts: rpm2 skipped: $R is absent"; fi
