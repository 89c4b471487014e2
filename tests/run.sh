#!/bin/sh
# Runs the unit tests (each build/tests/test_* is a cmocka binary) and the
# end-to-end tests (each tests/e2e/*.sh), then prints one closing line:
# "N passed, N failed". Exit status 1 when anything failed.
# usage: tests/run.sh BUILD_DIR [unit|e2e]
BUILD=${1:-build}
WHAT=${2:-all}
passed=0
failed=0
failed_names=""
if [ "$WHAT" != e2e ]; then
  for t in "$BUILD"/tests/test_*; do
    [ -x "$t" ] || continue
    out=$("$t" 2>&1); rc=$?
    n_ok=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    n_bad=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | awk '{s+=$1} END {print s+0}')
    passed=$((passed + n_ok)); failed=$((failed + n_bad))
    if [ $rc != 0 ]; then
      [ "$n_bad" = 0 ] && failed=$((failed + 1))
      failed_names="$failed_names $(basename "$t")"
      printf '%s\n' "$out" | grep -v '^\[ \(RUN\|       OK\) ' | tail -n 30
    fi
    printf 'unit %-28s %s passed, %s failed\n' "$(basename "$t")" "$n_ok" "$n_bad"
  done
fi
if [ "$WHAT" != unit ]; then
  for t in tests/e2e/*.sh; do
    [ "$(basename "$t")" = lib.sh ] && continue
    # a script that hangs is a failure, not a stalled run: each has E2E_TIMEOUT seconds
    out=$(RECOUPE="$PWD/$BUILD/recoupe" FIXTURES="$PWD/tests/fixtures" timeout -k 10 "${E2E_TIMEOUT:-900}" sh "$t" 2>&1); rc=$?
    [ $rc = 124 ] && out="$out
not ok - $(basename "$t") did not finish within ${E2E_TIMEOUT:-900} s"
    n_ok=$(printf '%s\n' "$out" | grep -c '^ok ')
    n_bad=$(printf '%s\n' "$out" | grep -c '^not ok ')
    passed=$((passed + n_ok)); failed=$((failed + n_bad))
    if [ $rc != 0 ] || [ "$n_bad" != 0 ]; then
      [ "$n_bad" = 0 ] && failed=$((failed + 1))
      failed_names="$failed_names $(basename "$t")"
      printf '%s\n' "$out" | grep -v '^ok ' | tail -n 40
    fi
    printf 'e2e  %-28s %s passed, %s failed\n' "$(basename "$t")" "$n_ok" "$n_bad"
  done
fi
[ -n "$failed_names" ] && echo "failing:$failed_names"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
