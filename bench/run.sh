#!/bin/sh
# run.sh: `make bench`: runs every bench/bench_*.sh with the build folder and
# keeps their output in bench/out/bench.txt. Benchmarks need ../shared for data;
# each one says when it skips.
BUILD=${1:-build}
mkdir -p bench/out
: > bench/out/bench.txt
for b in bench/bench_*.sh; do
  echo "== $b"
  sh "$b" "$BUILD" 2>&1 | tee -a bench/out/bench.txt
done
