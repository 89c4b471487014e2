#!/bin/sh
# bench_extract.sh: extraction speed against readability.js on the same pages, one
# thread each, in one run. The pages are every HTML page of the three shared
# extraction sets (scrapinghub, trafilatura, readability: 783 pages), cut to the
# first 1,000. recoupe's time is the whole `recoupe extract --jobs 1` run (reading,
# gunzip, decoding, extraction, JSON output), as wall clock and as CPU time;
# readability's is JSDOM parsing plus Readability.parse() (its file reading and
# gunzip are included too). Prints pages, MB of HTML, seconds, MB/s, the ratio,
# and recoupe's peak memory; then the extraction stage alone (bench/bench_extract.c:
# pages un-gzipped and decoded in memory first, CPU time of recoupe_article_extract
# only, best of 3) with a hash of its output.
# The peer is installed from npm into bench/node_modules (ignored by git) when missing;
# PEER=0 skips it (it takes a quarter of an hour).
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
X=$SHARED/eval/extraction
if [ ! -d "$X" ]; then echo "bench_extract: $X not found (skipped)"; exit 0; fi
OUT=bench/out
mkdir -p $OUT
ls -d "$X"/scrapinghub/html/*.html.gz "$X"/trafilatura/html/* "$X"/readability/*/source.html.gz | head -1000 > $OUT/extract_pages.txt
N=$(wc -l < $OUT/extract_pages.txt | tr -d ' ')
BYTES=$(while IFS= read -r f; do gzip -dc "$f"; done < $OUT/extract_pages.txt | wc -c)
# recoupe: best of 3, wall clock and CPU time (user + sys: on a shared machine the
# wall clock swings with the load, the CPU time much less)
best=""; bestcpu=""
for k in 1 2 3; do
  # names may hold spaces: one argument per line
  /usr/bin/time -f "%e %M %U %S" -o $OUT/time.txt xargs -d '\n' -a $OUT/extract_pages.txt \
    "$BUILD/recoupe" extract --quiet --keep-going --jobs 1 > /dev/null
  t=$(tail -1 $OUT/time.txt | cut -d' ' -f1); m=$(tail -1 $OUT/time.txt | cut -d' ' -f2)
  cpu=$(tail -1 $OUT/time.txt | awk '{print $3 + $4}')
  if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; mem=$m; fi
  if [ -z "$bestcpu" ] || [ "$(echo "$cpu < $bestcpu" | bc)" = 1 ]; then bestcpu=$cpu; fi
done
mbs=$(echo "scale=1; $BYTES/1000000/$best" | bc)
cmbs=$(echo "scale=1; $BYTES/1000000/$bestcpu" | bc)
echo "recoupe extract: $N pages, $(echo "scale=1; $BYTES/1000000" | bc) MB of HTML, 1 thread: $best s, $mbs MB/s; CPU $bestcpu s, $cmbs MB/s of CPU; peak $(echo "$mem/1024" | bc) MB"
make -s BUILD="$BUILD" "$BUILD/bench/bench_extract" && "$BUILD/bench/bench_extract" $OUT/extract_pages.txt 3
# readability.js
if [ "${PEER:-1}" = 0 ]; then exit 0; fi
if ! command -v node >/dev/null; then echo "bench_extract: node not found, peer skipped"; exit 0; fi
if [ ! -d bench/node_modules/@mozilla/readability ] || [ ! -d bench/node_modules/jsdom ]; then
  npm install --no-save --no-audit --no-fund --prefix bench @mozilla/readability jsdom >/dev/null 2>&1 ||
    { echo "bench_extract: npm install failed, peer skipped"; exit 0; }
fi
/usr/bin/time -f "%e %M" -o $OUT/time_node.txt node bench/readability/run.js $OUT/extract_pages.txt > $OUT/readability.txt || exit 1
rs=$(sed -n 's/.*seconds \([0-9.]*\).*/\1/p' $OUT/readability.txt)
rmem=$(tail -1 $OUT/time_node.txt | cut -d' ' -f2)
echo "readability.js + jsdom: $N pages, 1 thread: $rs s, $(echo "scale=1; $BYTES/1000000/$rs" | bc) MB/s, peak $(echo "$rmem/1024" | bc) MB"
echo "speed-up: $(echo "scale=1; $rs/$best" | bc)x"
