#!/bin/sh
# eval_text.sh: the number parser against the hand-annotated quantity claims of the
# five seed articles (../shared/eval/claims/seeds.json): recall = share of (claim,
# article) pairs whose value text_numbers finds in that article as a quantity (not
# a year or date). Also prints how many quantities it finds in all, and every
# missed claim. Skips (saying so) when ../shared is not there.
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
if [ ! -f "$SHARED/eval/claims/seeds.json" ] || [ ! -d "$SHARED/seeds" ]; then
  echo "eval_text: $SHARED/eval/claims/seeds.json not found, skipping"
  exit 0
fi
mkdir -p bench/out
make -s BUILD="$BUILD" "$BUILD/bench/eval_text_numbers" || { echo "eval_text: cannot build"; exit 1; }
"$BUILD/bench/eval_text_numbers" fr "$SHARED"/seeds/*.txt > bench/out/text_numbers.tsv || exit 1
python3 - "$SHARED/eval/claims/seeds.json" bench/out/text_numbers.tsv <<'PY'
import json, sys
claims = json.load(open(sys.argv[1]))["claims"]
found = {}
n_quant = 0
for line in open(sys.argv[2], encoding="utf-8"):
    f, v, year, approx, unit, span = line.rstrip("\n").split("\t")
    if year == "0":
        n_quant += 1
        found.setdefault(f, set()).add(float(v))
pairs = [(c["value"], a, c["thing"]) for c in claims for a in c["articles"]]
hit = [p for p in pairs if float(p[0]) in found.get(p[1], set())]
for v, a, t in pairs:
    if float(v) not in found.get(a, set()):
        print("eval_text: missed %s (%s) in %s" % (v, t, a))
r = len(hit) / len(pairs)
print("text numbers: %d/%d claim values found in their article (recall %.3f); %d quantities found in the 5 seeds"
      % (len(hit), len(pairs), r, n_quant))
print("FIGURE text_numbers_claim_recall %.3f 0.9" % r)
PY
