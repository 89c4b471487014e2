#!/bin/sh
# End-to-end test of the library as a program uses it: the README's example
# (examples/read_articles.c), linked statically with librecoupe.a beside a file that
# defines buf_init, json_str, html_attr and read_gunzip itself (tests/link/clash.c):
# it links, reads, and reports a bad input through on_error.
. "$(dirname "$0")/lib.sh"
BUILD=$(dirname "$RECOUPE")
EX=$BUILD/examples/read_articles
A=$BUILD/librecoupe.a

if [ ! -x "$EX" ]; then notok "the example is built (make check builds it)" "$EX is missing"; exit 0; fi
ok "a program with its own buf_init and json_str links statically with librecoupe.a"
bad=$(nm -g --defined-only "$A" 2>/dev/null | awk 'NF==3 && $3 !~ /^recoupe_/ {print $3}' | head -5)
if [ -z "$bad" ]; then ok "librecoupe.a defines no global name without the recoupe_ prefix"
else notok "librecoupe.a defines no global name without the recoupe_ prefix" "$bad"; fi
so=$BUILD/librecoupe.so
bad=$(nm -D --defined-only "$so" 2>/dev/null | awk 'NF==3 && $3 !~ /^recoupe_/ {print $3}' | head -5)
if [ -z "$bad" ]; then ok "librecoupe.so exports no name without the recoupe_ prefix"
else notok "librecoupe.so exports no name without the recoupe_ prefix" "$bad"; fi

run "$EX" "$FIXTURES/jsonl/paragraphs.jsonl"
expect_rc "the example reads JSON Lines" 0
expect_out "the example prints each title" "^Le budget de la défense en hausse$"
expect_lines "one line per article" 5
run "$EX" "$FIXTURES/jsonl/paragraphs.jsonl" "$TMP/missing.txt"
expect_rc "a bad input makes the example exit 1" 1
expect_err "on_error names the bad input" "missing.txt: No such file"
expect_lines "the good input is still read" 5
