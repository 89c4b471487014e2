#!/bin/sh
# eval_claims.sh [BUILD]: quantity claims against the hand annotations of
# ../shared/eval/claims (scored by ../shared/eval/score.py claims): the five seed
# articles and the 40 rpm2 articles of topics T02 and T06. Fails below the pinned
# floors; skips, saying so, when ../shared is absent.
set -u
BUILD=${1:-build}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
SHARED=${SHARED:-$ROOT/../shared}
if [ ! -f "$SHARED/eval/claims/seeds.json" ]; then
  echo "eval_claims: skipped: $SHARED/eval/claims is absent"
  exit 0
fi
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
fail=0
# name gold inputs... : precision and recall floors
score() {
  name=$1 gold=$2 pmin=$3 rmin=$4
  shift 4
  "$ROOT/$BUILD/recoupe" facts -q "$@" >"$TMP/$name.jsonl" || { echo "eval_claims: recoupe facts failed"; fail=1; return; }
  line=$(python3 "$SHARED/eval/score.py" claims "$gold" "$TMP/$name.jsonl" | grep '^gold ')
  p=$(echo "$line" | sed 's/.*precision \([0-9.]*\).*/\1/')
  r=$(echo "$line" | sed 's/.*recall \([0-9.]*\).*/\1/')
  echo "eval_claims: $name: $line"
  if python3 -c "import sys; sys.exit(0 if $p >= $pmin and $r >= $rmin else 1)"; then
    echo "eval_claims: $name: ok (floors precision $pmin, recall $rmin)"
  else
    echo "eval_claims: $name: BELOW the floors precision $pmin, recall $rmin"
    fail=1
  fi
}
score seeds "$SHARED/eval/claims/seeds.json" "${SEEDS_P:-1.00}" "${SEEDS_R:-0.92}" "$SHARED/seeds"
score rpm2-dev "$SHARED/eval/claims/rpm2-dev.json" "${RPM2_P:-0.77}" "${RPM2_R:-0.48}" \
  "$SHARED"/eval/clustering/rpm2/T02_*.txt "$SHARED"/eval/clustering/rpm2/T06_*.txt
exit $fail
