# lib.sh: helpers for end-to-end tests, sourced by tests/e2e/*.sh.
# Each check prints "ok - NAME" or "not ok - NAME" (with what went wrong);
# tests/run.sh counts them. $RECOUPE is the built binary, $FIXTURES the fixture folder.
set -u
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
: "${RECOUPE:?RECOUPE must name the built binary}"
: "${FIXTURES:?FIXTURES must name tests/fixtures}"

ok() { echo "ok - $1"; }
notok() { echo "not ok - $1"; shift; [ $# -gt 0 ] && printf '    %s\n' "$@"; return 0; }

# run CMD...: runs it, keeping stdout in $TMP/out, stderr in $TMP/err, status in $RC
run() {
  "$@" >"$TMP/out" 2>"$TMP/err"
  RC=$?
}
# expect_rc NAME CODE: the last run exited with CODE
expect_rc() {
  if [ "$RC" = "$2" ]; then ok "$1"; else notok "$1" "exit $RC, wanted $2" "$(head -c 600 "$TMP/err")"; fi
}
# expect_out NAME PATTERN: the last run's stdout matches the grep -E pattern
expect_out() {
  if grep -Eq -- "$2" "$TMP/out"; then ok "$1"; else notok "$1" "stdout lacks /$2/" "$(head -c 600 "$TMP/out")"; fi
}
expect_no_out() {
  if grep -Eq -- "$2" "$TMP/out"; then notok "$1" "stdout has /$2/" "$(grep -E -- "$2" "$TMP/out" | head -3)"; else ok "$1"; fi
}
expect_err() {
  if grep -Eq -- "$2" "$TMP/err"; then ok "$1"; else notok "$1" "stderr lacks /$2/" "$(head -c 600 "$TMP/err")"; fi
}
# expect_lines NAME N: stdout has exactly N lines
expect_lines() {
  n=$(wc -l <"$TMP/out" | tr -d ' ')
  if [ "$n" = "$2" ]; then ok "$1"; else notok "$1" "$n lines, wanted $2"; fi
}
# expect_json NAME PYTHON_EXPR: python3 evaluates EXPR with `d` = parsed stdout
# (a JSON document when stdout starts with '[', else JSON Lines as a list); true passes.
expect_json() {
  if python3 - "$TMP/out" "$2" <<'PY'
import json, sys
raw = open(sys.argv[1], encoding="utf-8").read()
if raw.lstrip().startswith("["):
    d = json.loads(raw)
else:
    d = [json.loads(l) for l in raw.splitlines() if l.strip()]
sys.exit(0 if eval(sys.argv[2]) else 1)
PY
  then ok "$1"; else notok "$1" "JSON check failed: $2" "$(head -c 600 "$TMP/out")"; fi
}
