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

# long texts are judged on samples of their beginning; the answers match the full
# treatment (RECOUPE_LANGID_FULL=1: every text scored whole, CLD2 always)
run "$RECOUPE" lang --quiet "$F/article_de_long.txt" "$F/article_el.txt" "$F/article_ja.txt"
expect_rc "lang on long articles exits 0" 0
expect_json "German, Greek (its script), Japanese (kana and kanji)" \
  "[r['lang'] for r in d]==['de','el','ja'] and all(r['confidence']>0.9 for r in d)"
"$RECOUPE" lang --quiet "$F"/article_*.txt > "$TMP/sampled.jsonl" 2>/dev/null
run env RECOUPE_LANGID_FULL=1 "$RECOUPE" lang --quiet "$F"/article_*.txt
expect_rc "lang with the full treatment exits 0" 0
if [ "$(grep -o '"lang":"[a-z]*"' "$TMP/out")" = "$(grep -o '"lang":"[a-z]*"' "$TMP/sampled.jsonl")" ] &&
   [ "$(grep -c '"lang":"' "$TMP/out")" = 5 ]; then ok "sampled answers equal the full treatment's"
else notok "sampled answers equal the full treatment's" "$(cat "$TMP/out" "$TMP/sampled.jsonl")"; fi
