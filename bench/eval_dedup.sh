#!/bin/sh
# eval_dedup.sh BUILD: precision and recall of the duplicate relations.
#
# bench/gen_dedup.py builds a labelled set from the real article texts of
# ../shared/eval (2,000 sources; variants with known edits: duplicate, contains,
# rewrite; one same-topic negative each; see its header), written once into
# bench/out/dedup/ (rebuilt when the generator changes; about 3 minutes).
# bench/dedup_eval.c indexes every text through the public API and prints
# precision and recall per relation; false positives include every relation the
# engine finds between texts that share nothing by construction.
# The set also holds content-farm rewrites (light, medium, heavy) and same-event
# negatives, scored apart (dedup_farm_*, dedup_same_event_*), and the origin of each
# found rewrite (dated and undated families).
# Floors: the figures reached on 2026-11-22, rounded down a little (the issue asks
# duplicate >= 0.98, contains >= 0.95, rewrite >= 0.85).
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
if [ ! -d "$SHARED/eval" ]; then
  echo "eval_dedup: $SHARED/eval not found: skipped"
  exit 0
fi
set -e
OUT=bench/out/dedup
mkdir -p "$OUT"
# the rewrites draw synonyms from Debian's thesauri: install them when missing
missing=""
for p in mythes-fr mythes-en-us mythes-ru; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  echo "eval_dedup: installing the thesauri the labelled set needs:$missing"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1 ||
    { DEBIAN_FRONTEND=noninteractive $SUDO apt-get update -qq && \
      DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null 2>&1; }
fi
[ -d /usr/share/mythes ] || { echo "eval_dedup: no thesaurus could be installed: the labelled set cannot be built"; exit 1; }
if [ ! -s "$OUT/pairs.tsv" ] || [ bench/gen_dedup.py -nt "$OUT/pairs.tsv" ]; then
  echo "eval_dedup: building the labelled set (bench/gen_dedup.py)"
  python3 bench/gen_dedup.py "$SHARED/eval" "$OUT" 2000
fi
make -s BUILD="$BUILD" "$BUILD/bench/dedup_eval" || exit 1
"$BUILD/bench/dedup_eval" "$OUT/docs.jsonl" "$OUT/pairs.tsv" > "$OUT/eval.txt"
grep -v '^figure ' "$OUT/eval.txt"
floor() {
  case $1 in
    dedup_duplicate_precision) echo 0.99 ;;
    dedup_duplicate_recall) echo 0.985 ;;
    dedup_contains_precision) echo 0.975 ;;
    dedup_contains_recall) echo 0.99 ;;
    # 0.98 before the farm texts joined the set; 0.97 since the invariant keys (2026-12-07): the
    # 10 relations they added between texts that share nothing by construction are all between
    # the two halves of one long meal-plan page (s1426, s1427) that repeat the same menus
    dedup_rewrite_precision) echo 0.97 ;;
    dedup_rewrite_recall) echo 0.985 ;;
    # content-farm rewrites: 0.613 before the invariant keys, 0.932 with them (2026-12-07)
    dedup_farm_heavy_recall) echo 0.92 ;;
    dedup_farm_rewrite_precision) echo 0.98 ;;
    dedup_same_event_unrelated) echo 0.99 ;;
    dedup_rewrite_origin_dated) echo 0.99 ;;
    # undated origins: the classic rewrites 0.976, the content-farm ones 0.30 (their header,
    # footer and filler make the copy the longer text); the whole moved from 0.808 to 0.793
    # when the invariant keys found 300 more farm rewrites, whose origin is the weak part
    dedup_rewrite_origin_undated) echo 0.79 ;;
    dedup_rewrite_origin_undated_classic) echo 0.97 ;;
    dedup_rewrite_origin_undated_farm) echo 0.30 ;;
  esac
}
grep '^figure ' "$OUT/eval.txt" | while read -r _ name value; do
  echo "FIGURE $name $value $(floor "$name")"
done
