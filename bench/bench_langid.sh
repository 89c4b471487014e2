#!/bin/sh
# bench_langid.sh BUILD: speed and peak memory of language identification.
#  - per line: `recoupe lang --lines -j1` on every sentence of ../shared/eval/langid
#    (37,000 short lines: the worst case, every line judged alone);
#  - per article: `recoupe lang -j1` on articles of about 3 KB made by joining
#    those sentences (one file per article, written to bench/out/langid/articles).
# Each is run with the combined detector, the n-gram model alone and CLD2 alone.
# MB/s counts input text bytes over wall time on one thread; peak memory is the
# maximum resident set size of the process (/usr/bin/time).
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
DATA=$SHARED/eval/langid/sentences
if [ ! -d "$DATA" ]; then
  echo "bench_langid: $DATA not found: skipped"
  exit 0
fi
set -e
OUT=bench/out/langid
mkdir -p "$OUT"
cat "$DATA"/*.txt > "$OUT/all-sentences.txt"
rm -rf "$OUT/articles" && mkdir -p "$OUT/articles"
python3 - "$DATA" "$OUT/articles" <<'PY'
import os, sys
src, dst = sys.argv[1], sys.argv[2]
for name in sorted(os.listdir(src)):
    lines, size, k = [], 0, 0
    for line in open(os.path.join(src, name), encoding="utf-8"):
        lines.append(line.strip()); size += len(line.encode())
        if size >= 3000:
            open(os.path.join(dst, f"{name[:-4]}-{k:03d}.txt"), "w", encoding="utf-8").write(" ".join(lines) + "\n")
            lines, size, k = [], 0, k + 1
PY
bytes_lines=$(wc -c < "$OUT/all-sentences.txt")
bytes_articles=$(cat "$OUT/articles"/*.txt | wc -c)
n_articles=$(ls "$OUT/articles" | wc -l)
measure() { # label bytes args...
  label=$1; bytes=$2; shift 2
  /usr/bin/time -f "%e %M" -o "$OUT/time.txt" "$BUILD/recoupe" lang -q -j1 "$@" > /dev/null
  read -r secs kb < "$OUT/time.txt"
  python3 -c "import sys; b,s,k=float('$bytes'),float('$secs'),float('$kb'); print(f'  {\"$label\":<34} {b/1e6:6.1f} MB in {s:5.2f} s  {b/1e6/max(s,1e-3):6.1f} MB/s  peak {k/1024:5.0f} MiB')"
}
echo "language identification, one thread ($bytes_lines bytes of sentences; $n_articles articles)"
for m in best ngram cld2; do
  measure "per line, --method $m" "$bytes_lines" --lines --method "$m" "$OUT/all-sentences.txt"
done
for m in best ngram cld2; do
  measure "per article, --method $m" "$bytes_articles" --method "$m" "$OUT/articles"
done
