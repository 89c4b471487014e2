#!/bin/sh
# eval_extract.sh: extraction quality on the three shared sets, scored by
# ../shared/eval/score.py, single-threaded:
#   scrapinghub (181 news pages, main-text F1 over 4-gram shingles)
#   trafilatura (472 pages, snippets the text must / must not contain)
#   readability (130 pages, title / lang / site / date agreement)
# Prints each scorer's output and one FIGURE line per figure with its floor.
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
E=$SHARED/eval
if [ ! -d "$E/extraction" ]; then echo "eval_extract: $E/extraction not found (skipped)"; exit 0; fi
OUT=bench/out
mkdir -p $OUT
"$BUILD/recoupe" extract --quiet --jobs 1 --fields file,text "$E/extraction/scrapinghub/html" > $OUT/extract_scrapinghub.jsonl || exit 1
"$BUILD/recoupe" extract --quiet --jobs 1 --fields file,text "$E/extraction/trafilatura/html" > $OUT/extract_trafilatura.jsonl || exit 1
"$BUILD/recoupe" extract --quiet --jobs 1 --fields file,title,date,site,lang \
  $(ls -d "$E"/extraction/readability/*/source.html.gz) > $OUT/extract_readability.jsonl || exit 1
echo "-- scrapinghub"
sh_out=$(python3 "$E/score.py" scrapinghub $OUT/extract_scrapinghub.jsonl) || exit 1
echo "$sh_out"
echo "-- trafilatura"
tr_out=$(python3 "$E/score.py" trafilatura "$E/extraction/trafilatura/evaldata.json" $OUT/extract_trafilatura.jsonl) || exit 1
echo "$tr_out"
echo "-- metadata (readability set)"
md_out=$(python3 "$E/score.py" metadata "$E/extraction/readability" $OUT/extract_readability.jsonl) || exit 1
echo "$md_out"
echo "FIGURE extract_scrapinghub_f1 $(echo "$sh_out" | sed -n 's/^F1 //p') 0.974"
echo "FIGURE extract_trafilatura_f1 $(echo "$tr_out" | sed -n 's/^F1 //p') 0.938"
echo "FIGURE extract_metadata $(echo "$md_out" | sed -n 's/^metadata //p') 0.990"
