#!/bin/sh
# eval_categories.sh [BUILD]: news / category quality.
#  - 5-fold cross-validation of the classifier (scripts/train_categories.py) over the
#    tgcontest labels, per language: accuracy, macro F1, not_news F1 (never scored on
#    the articles it was fitted on);
#  - the shipped model on French it was never trained on: the rpm2 articles are all
#    news, the five seed articles are news and society.
# Prints FIGURE lines for bench/eval.sh; skips, saying so, without ../shared.
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
D=$SHARED/eval/categories/tgcontest
if [ ! -d "$D" ]; then echo "eval_categories: $D not found (skipped)"; exit 0; fi
set -e
OUT=bench/out/categories_cv.txt
mkdir -p bench/out
/usr/bin/python3 scripts/train_categories.py --cv 5 "$D" > "$OUT"
cat "$OUT"
# floors: the figures reached on 2026-12-08 (--balance 1, the default), rounded down
awk '$1=="en"||$1=="ru" {print "FIGURE categories_cv_accuracy_" $1, $4; print "FIGURE categories_cv_macro_f1_" $1, $6;
     print "FIGURE categories_cv_not_news_f1_" $1, $8}' "$OUT" | while read -r f name v; do
  case $name in
    categories_cv_accuracy_en) fl=0.73 ;; categories_cv_accuracy_ru) fl=0.75 ;;
    categories_cv_macro_f1_en) fl=0.49 ;; categories_cv_macro_f1_ru) fl=0.75 ;;
    categories_cv_not_news_f1_en) fl=0.26 ;; categories_cv_not_news_f1_ru) fl=0.63 ;;
  esac
  echo "$f $name $v $fl"
done
R=$SHARED/eval/clustering/rpm2
if [ -d "$R" ]; then
  total=$(ls "$R" | wc -l)
  news=$("$BUILD/recoupe" news --quiet "$R" | python3 -c "import json,sys; print(len(json.load(sys.stdin)['articles']))")
  echo "rpm2 (French, all news): $news of $total called news"
  echo "FIGURE categories_rpm2_news_share $(python3 -c "print(round($news/$total, 3))") 0.95"
fi
society=$("$BUILD/recoupe" categories --quiet examples/koursk |
  python3 -c "import json,sys; print(len(next(b for b in json.load(sys.stdin) if b['category']=='society')['articles']))")
echo "seed sample (French, news and society): $society of 5 society"
echo "FIGURE categories_seed_society $society 5"
