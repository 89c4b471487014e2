#!/bin/sh
# bench_dedup.sh BUILD: speed and memory of near-duplicate indexing on one core.
#
# bench/bench_dedup.c indexes 10k, 100k and 1M synthetic 500-word documents
# (Zipf vocabulary, one in ten a near-copy; the speed of hashing does not depend
# on which words they are) and prints, for each size, documents per second of
# CPU time (sign + query + relate + insert), resident memory per document and the
# index's own count, then removes half of them. Growth from 10k to 1M shows
# whether it is linear. Then the whole path from text (tokenise, stem, sign) on
# the texts of the labelled set of eval_dedup.sh, when it has been built.
# DEDUP_BENCH_SIZES overrides the sizes (e.g. "10000 100000" on a small machine;
# 1M documents take about 1.6 GB).
BUILD=${1:-build}
OUT=bench/out/dedup
mkdir -p "$OUT"
make -s BUILD="$BUILD" "$BUILD/bench/bench_dedup" || exit 1
for n in ${DEDUP_BENCH_SIZES:-10000 100000 1000000}; do
  "$BUILD/bench/bench_dedup" "$n" > "$OUT/bench_$n.txt" || exit 1
  cat "$OUT/bench_$n.txt"
done
if [ -s "$OUT/docs.jsonl" ]; then
  python3 -c "
import json, sys
with open('$OUT/texts.txt', 'w', encoding='utf-8') as out:
    for line in open('$OUT/docs.jsonl', encoding='utf-8'):
        out.write(json.loads(line)['text'] + '\n\n')
"
  "$BUILD/bench/bench_dedup" --text "$OUT/texts.txt"
else
  echo "bench_dedup: no labelled set yet (make eval builds it): text path not measured"
fi
# the peer: the npm package minhash (k-permutation MinHash and its LSH index),
# installed into bench/node_modules (ignored by git) with the other peers
if command -v node >/dev/null 2>&1; then
  if [ ! -d bench/node_modules/minhash ]; then
    npm install --no-save --no-audit --no-fund --prefix bench @mozilla/readability jsdom minhash@0.0.9 >/dev/null 2>&1 ||
      echo "bench_dedup: npm install failed, peer skipped"
  fi
  [ -d bench/node_modules/minhash ] && (cd bench && node bench_dedup_peer.js 2000)
fi
