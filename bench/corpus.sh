#!/bin/sh
# corpus.sh: makes bench/out/html10k, a folder of 10,000 uncompressed HTML pages
# built by copying the evaluation pages of ../shared/eval/extraction round-robin
# (about 780 distinct pages; copies get distinct names). Prints the folder.
# Exits 3 (and says so) when ../shared is not there.
set -e
SHARED=${SHARED:-../shared}
OUT=bench/out/html10k
N=${N:-10000}
if [ ! -d "$SHARED/eval/extraction" ]; then
  echo "bench: $SHARED/eval/extraction not found, skipping" >&2
  exit 3
fi
if [ -d "$OUT" ] && [ "$(ls "$OUT" | wc -l)" = "$N" ]; then echo "$OUT"; exit 0; fi
rm -rf "$OUT" bench/out/pages
mkdir -p "$OUT" bench/out/pages
i=0
for f in "$SHARED"/eval/extraction/scrapinghub/html/*.html.gz "$SHARED"/eval/extraction/trafilatura/html/*.html.gz \
         "$SHARED"/eval/extraction/readability/*/source.html.gz; do
  [ -f "$f" ] || continue
  gzip -dc "$f" > "bench/out/pages/$(printf %04d $i).html" 2>/dev/null || true
  i=$((i + 1))
done
python3 - "$N" <<'PY'
import os, sys, shutil
n = int(sys.argv[1])
pages = sorted(p for p in os.listdir("bench/out/pages") if os.path.getsize("bench/out/pages/" + p) > 0)
for k in range(n):
    src = "bench/out/pages/" + pages[k % len(pages)]
    shutil.copyfile(src, "bench/out/html10k/%05d.html" % k)
PY
echo "$OUT"
