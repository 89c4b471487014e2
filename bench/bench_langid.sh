#!/bin/sh
# bench_langid.sh BUILD: speed and peak memory of language identification.
#  - pages: text_language on the extracted text of the evaluation pages (scrapinghub,
#    trafilatura, readability: `recoupe extract --format text`, 783 texts, 4.6 MB,
#    many languages), timed in-process by bench/bench_langid.c: CPU time of one
#    thread, best of 5, per method; then the answers are compared with the full
#    treatment (RECOUPE_LANGID_FULL=1: every text scored whole, CLD2 always) to show
#    what the sampling of long texts changes;
#  - per line: `recoupe lang --lines -j1` on every sentence of ../shared/eval/langid
#    (37,000 short lines: the worst case, every line judged alone);
#  - per article: `recoupe lang -j1` on articles of about 3 KB made by joining
#    those sentences (one file per article, written to bench/out/langid/articles).
# The two CLI runs count input bytes over wall time (reading and extraction
# included) with peak memory from /usr/bin/time, for each method.
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
DATA=$SHARED/eval/langid/sentences
PAGES=$SHARED/eval/extraction
if [ ! -d "$DATA" ] || [ ! -d "$PAGES" ]; then
  echo "bench_langid: $DATA or $PAGES not found: skipped"
  exit 0
fi
set -e
OUT=bench/out/langid
mkdir -p "$OUT"

# --- pages
if [ ! -s "$OUT/pages.txt" ]; then
  "$BUILD/recoupe" extract --format text -q -k -j2 "$PAGES/scrapinghub/html" "$PAGES/trafilatura/html" \
    "$PAGES"/readability/*/source.html.gz > "$OUT/pages.txt" 2> /dev/null || true
fi
make -s BUILD="$BUILD" "$BUILD/bench/bench_langid" || { echo "bench_langid: cannot build the bench"; exit 1; }
echo "language identification of the extracted text of the evaluation pages, one thread (CPU time):"
"$BUILD/bench/bench_langid" "$OUT/pages.txt" 5 "$OUT/pages.codes"
RECOUPE_LANGID_FULL=1 "$BUILD/bench/bench_langid" "$OUT/pages.txt" 1 "$OUT/pages-full.codes" |
  sed -n 's/^  --method best/  full treatment (RECOUPE_LANGID_FULL=1), --method best/p'
paste "$OUT/pages.codes" "$OUT/pages-full.codes" |
  awk '{ n++; if ($1 == $2) same++ } END { printf "  same answer as the full treatment: %d of %d texts (%.4f)\n", same, n, same / n }'

# --- sentences, one per line, and articles joined from them
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
  /usr/bin/time -f "%e %U %M" -o "$OUT/time.txt" "$BUILD/recoupe" lang -q -j1 "$@" > /dev/null
  read -r secs user kb < "$OUT/time.txt"
  python3 -c "b,s,u,k=float('$bytes'),float('$secs'),float('$user'),float('$kb'); print(f'  {\"$label\":<34} {b/1e6:6.1f} MB in {s:5.2f} s ({u:5.2f} s user)  {b/1e6/max(s,1e-3):6.1f} MB/s  peak {k/1024:5.0f} MiB')"
}
echo "recoupe lang, one thread, wall time ($bytes_lines bytes of sentences; $n_articles articles)"
for m in best ngram cld2; do
  measure "per line, --method $m" "$bytes_lines" --lines --method "$m" "$OUT/all-sentences.txt"
done
for m in best ngram cld2; do
  measure "per article, --method $m" "$bytes_articles" --method "$m" "$OUT/articles"
done
