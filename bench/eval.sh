#!/bin/sh
# eval.sh: `make eval`: the quality gate. Runs every bench/eval_*.sh with the build
# folder; each prints its figures and, for each pinned floor, a line
#   FIGURE name value floor
# This script fails when any value is below its floor, or when a script fails.
# Without ../shared (the evaluation data) it says so and passes.
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
if [ ! -d "$SHARED/eval" ]; then
  echo "eval: $SHARED/eval not found: no evaluation data, nothing measured (skipped)"
  exit 0
fi
mkdir -p bench/out
status=0
: > bench/out/figures.txt
for e in bench/eval_*.sh; do
  [ -f "$e" ] || continue
  echo "== $e"
  SHARED=$SHARED sh "$e" "$BUILD" > bench/out/eval.log 2>&1
  rc=$?
  cat bench/out/eval.log
  grep '^FIGURE ' bench/out/eval.log >> bench/out/figures.txt
  if [ $rc != 0 ]; then echo "eval: $e failed (exit $rc)"; status=1; fi
done
echo
echo "== figures against their floors"
while read -r _ name value floor; do
  if python3 -c "import sys; sys.exit(0 if float('$value') >= float('$floor') else 1)"; then
    printf '  ok    %-40s %s (floor %s)\n' "$name" "$value" "$floor"
  else
    printf '  BELOW %-40s %s (floor %s)\n' "$name" "$value" "$floor"
    status=1
  fi
done < bench/out/figures.txt
n=$(wc -l < bench/out/figures.txt)
[ $status = 0 ] && echo "eval: $n figures at or above their floors" || echo "eval: FAILED"
exit $status
