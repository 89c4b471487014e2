#!/bin/sh
# bench_read.sh: how fast `recoupe read` reads and decodes a 10,000-file folder of
# HTML (bench/corpus.sh), with 1 and 2 jobs. Best of 3 runs (warm page cache).
# Prints MB/s of uncompressed HTML and peak memory.
BUILD=${1:-build}
DIR=$(sh bench/corpus.sh) || exit 0
BYTES=$(du -sb "$DIR" | cut -f1)
FILES=$(ls "$DIR" | wc -l)
for jobs in 1 2; do
  best=""
  for k in 1 2 3; do
    /usr/bin/time -f "%e %M" -o bench/out/time.txt "$BUILD/recoupe" read --quiet --jobs $jobs "$DIR" > /dev/null
    t=$(cut -d' ' -f1 bench/out/time.txt); m=$(cut -d' ' -f2 bench/out/time.txt)
    if [ -z "$best" ] || [ "$(echo "$t < $best" | bc)" = 1 ]; then best=$t; mem=$m; fi
  done
  echo "read: $FILES files, $(echo "$BYTES/1000000" | bc) MB of HTML, --jobs $jobs: $best s, $(echo "scale=0; $BYTES/1000000/$best" | bc) MB/s, peak $(echo "$mem/1024" | bc) MB"
done
