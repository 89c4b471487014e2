#!/bin/sh
# End-to-end tests of JSON Lines records of one, two and many paragraphs through every
# command: a record's `text` is the article's text, kept whole (its own title is not
# looked for in it), so two unrelated records that share one closing paragraph stay apart.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/jsonl/paragraphs.jsonl

run "$RECOUPE" extract --quiet --fields id,title,text,warnings "$F"
expect_rc "JSON Lines records extract" 0
expect_json "one paragraph kept" "d[0]['text']=='Premier paragraphe sur les municipales à Lyon avec des détails importants.'"
expect_json "two paragraphs kept, the short second one too" "d[1]['text'].endswith('\n\nLa circulation sera déviée.')"
expect_json "three paragraphs kept whole" \
  "d[2]['text'].count('\n\n')==2 and d[2]['text'].startswith('Premier paragraphe') and d[2]['text'].endswith('Troisième paragraphe final.')"
expect_json "the record's title is kept, not taken from the text" "d[2]['title']=='Municipales à Lyon'"
expect_json "no 'no main text' warning" "not any('no main text' in w for r in d for w in r['warnings'])"
expect_json "longer records keep their first paragraph" \
  "d[3]['text'].startswith('Le gouvernement présente') and d[4]['text'].startswith('Après quatre saisons')"

run "$RECOUPE" dups --quiet "$F"
expect_rc "dups runs on JSON Lines" 0
expect_no_out "a shared closing paragraph makes no duplicate or rewrite" "defense|football"

run "$RECOUPE" threads --quiet "$F"
expect_rc "threads runs on JSON Lines" 0
expect_json "defence and football are different stories" \
  "not any(('defense' in ' '.join(map(str,t['articles'])) and 'football' in ' '.join(map(str,t['articles']))) for t in d)"
