#!/bin/sh
# End-to-end tests of `recoupe lang`: per article (JSON Lines) and per line (--lines).
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/langid

run "$RECOUPE" lang --help;                  expect_rc "lang --help exits 0" 0; expect_out "lang --help shows --lines" "--lines"
run "$RECOUPE" --help;                       expect_out "--help lists lang" "^  lang "
run "$RECOUPE" lang --method klingon "$F";   expect_rc "bad --method is a usage error" 2

run "$RECOUPE" lang --quiet "$F/article_fr.txt" "$F/article_ru.txt"
expect_rc "lang on two articles exits 0" 0
expect_lines "one record per article" 2
expect_json "French then Russian, with file and confidence" \
  "[r['lang'] for r in d]==['fr','ru'] and d[0]['file'].endswith('article_fr.txt') and all(0.5<r['confidence']<=1 for r in d)"

run "$RECOUPE" lang --quiet --lines "$F/lines.txt"
expect_rc "lang --lines exits 0" 0
expect_lines "one code per input line" 7
if [ "$(tr '\n' ' ' < "$TMP/out")" = "fr en ru de und und es " ]; then ok "codes per line, und for blank and letterless lines"
else notok "codes per line, und for blank and letterless lines" "$(tr '\n' ' ' < "$TMP/out")"; fi

run "$RECOUPE" lang --quiet --lines --method cld2 "$F/lines.txt"
expect_rc "lang --method cld2 exits 0" 0
expect_out "CLD2 alone answers Russian" "^ru$"

printf 'Guten Morgen, wie geht es Ihnen heute?\n' > "$TMP/de.txt"
run sh -c "\"$RECOUPE\" lang --quiet --lines - < \"$TMP/de.txt\""
expect_rc "lang reads standard input" 0
expect_out "German from standard input" "^de$"

# a model file that is not one: the built-in model is used, with a warning
printf 'not a model' > "$TMP/bad.bin"
run env RECOUPE_LANGID_MODEL="$TMP/bad.bin" "$RECOUPE" lang --quiet --lines "$F/lines.txt"
expect_rc "a bad model file still runs" 0
expect_err "a bad model file is reported" "cannot use the language model"
expect_out "and the built-in model answers" "^fr$"
