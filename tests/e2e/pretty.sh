#!/bin/sh
# --pretty: every command that prints JSON prints the same documents indented
# (two spaces a level, one member a line); the text outputs and the HTML report
# are not JSON (extract --format text, lang --lines print as they are; report
# refuses the option).
. "$(dirname "$0")/lib.sh"
S=$(cd "$(dirname "$0")/../.." && pwd)/examples/koursk

# same_docs NAME: $TMP/compact and $TMP/pretty hold the same JSON values, and the
# pretty one is indented (some line starts with two spaces, no line over 2,000 bytes
# unless one string is)
same_docs() {
  if python3 - "$TMP/compact" "$TMP/pretty" <<'PY'
import json, sys
def docs(path):
    raw, out, i = open(path, encoding="utf-8").read(), [], 0
    dec = json.JSONDecoder()
    while True:
        while i < len(raw) and raw[i].isspace(): i += 1
        if i == len(raw): return out
        v, i = dec.raw_decode(raw, i)
        out.append(v)
a, b = docs(sys.argv[1]), docs(sys.argv[2])
lines = open(sys.argv[2], encoding="utf-8").read().splitlines()
indented = any(l.startswith("  ") for l in lines)
sys.exit(0 if a == b and a and indented else 1)
PY
  then ok "$1"; else notok "$1" "$(head -c 400 "$TMP/pretty")"; fi
}

for cmd in read extract lang dups threads top languages stories facts claims news categories; do
  in=$S
  [ $cmd = dups ] && in=$FIXTURES/dedup # groups to print
  "$RECOUPE" $cmd --quiet "$in" > "$TMP/compact" 2>/dev/null
  "$RECOUPE" $cmd --quiet --pretty "$in" > "$TMP/pretty" 2>"$TMP/err"
  same_docs "$cmd --pretty: the same JSON, indented"
done

run "$RECOUPE" read --quiet --pretty --fields id,warnings "$S"
expect_out "an empty array stays on its line" '^  "warnings": \[\]'
if [ "$(grep -c '^{' "$TMP/out")" = "$(ls "$S" | wc -l | tr -d ' ')" ]; then ok "one indented object per article"
else notok "one indented object per article" "$(grep -c '^{' "$TMP/out") objects"; fi

printf '{"id":"q","text":"He said \\"a, b: {c}\\" and left.\\n\\nSecond paragraph here."}\n' > "$TMP/q.jsonl"
run "$RECOUPE" read --quiet --pretty --fields id,text "$TMP/q.jsonl"
expect_out "commas, colons and braces inside a string are left alone" '"He said \\"a, b: \{c\}\\" and left'

run "$RECOUPE" extract --quiet --pretty --format text "$S"
expect_no_out "extract --format text is not re-indented" '^  "'
run "$RECOUPE" report --pretty -o "$TMP/r.html" "$S"
expect_rc "report --pretty is a usage error" 2
expect_err "report says why" "HTML page, not JSON"
run "$RECOUPE" threads --help
expect_out "threads --help lists --pretty" "^      --pretty "
