#!/bin/sh
# End-to-end tests of `recoupe dups`: the bundled sample (five different articles on
# one story: no group), a republished copy of one of them (new headline, new date,
# an added paragraph: `contains`, with the original as origin), the tram fixtures
# (copy, page with added paragraphs, excerpt, paraphrase, another article), options.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/dedup
SAMPLE="$FIXTURES/../../examples/koursk"

run "$RECOUPE" dups --help;                 expect_rc "dups --help exits 0" 0; expect_out "dups --help shows --relation" "--relation"
run "$RECOUPE" --help;                      expect_out "--help lists dups" "^  dups "
run "$RECOUPE" dups --threshold 2 "$F";     expect_rc "--threshold above 1 is a usage error" 2
run "$RECOUPE" dups --threshold x "$F";     expect_rc "--threshold not a number is a usage error" 2
run "$RECOUPE" dups --relation copies "$F"; expect_rc "unknown --relation is a usage error" 2
run "$RECOUPE" dups --quiet "$F/nope.txt";  expect_rc "a missing input gives exit 1" 1

run "$RECOUPE" dups --quiet "$SAMPLE"
expect_rc "sample runs cleanly" 0
expect_json "no false duplicate among the five sample articles" "d == []"

run "$RECOUPE" dups --quiet "$SAMPLE" "$F/koursk_000_republished.txt"
expect_rc "sample plus a republished copy runs cleanly" 0
expect_json "the copy forms one group of two" "len(d)==1 and len(d[0]['members'])==1"
expect_json "the original is the origin" "d[0]['origin'].endswith('000_8b6b17dbcdda0834.txt')"
expect_json "the copy contains it" \
  "d[0]['members'][0]['file'].endswith('koursk_000_republished.txt') and d[0]['members'][0]['relation']=='contains' and d[0]['members'][0]['score']>=0.95"

# the copy given first on the command line: the origin is still the earlier dated
run "$RECOUPE" dups --quiet "$F/koursk_000_republished.txt" "$SAMPLE/000_8b6b17dbcdda0834.txt"
expect_json "origin by date, not by input order" "d[0]['origin'].endswith('000_8b6b17dbcdda0834.txt')"

run "$RECOUPE" dups --quiet "$F/base.txt" "$F/copy_headline.txt" "$F/with_paragraphs.txt" "$F/excerpt.txt" "$F/rewrite.txt" "$F/other_topic.txt"
expect_rc "tram fixtures run cleanly" 0
expect_json "tram fixtures: one group of five, the other article left out" \
  "len(d)==1 and len(d[0]['members'])==4 and not any(m['file'].endswith('other_topic.txt') for m in d[0]['members']) and not d[0]['origin'].endswith('other_topic.txt')"
expect_json "tram fixtures: every relation is named with a score in (0, 1]" \
  "all(m['relation'] in ('duplicate','contains','contained','rewrite') and 0 < m['score'] <= 1 for m in d[0]['members'])"
expect_json "tram fixtures: the paraphrase is a rewrite of something in the group" \
  "any(m['file'].endswith('rewrite.txt') and m['relation']=='rewrite' for m in d[0]['members'])"

run "$RECOUPE" dups --quiet --relation duplicate "$F/base.txt" "$F/copy_headline.txt" "$F/with_paragraphs.txt" "$F/excerpt.txt" "$F/rewrite.txt"
expect_json "--relation duplicate keeps only the copy" \
  "len(d)==1 and len(d[0]['members'])==1 and d[0]['members'][0]['relation']=='duplicate'"
run "$RECOUPE" dups --quiet --relation duplicate "$F/base.txt" "$F/excerpt.txt"
expect_json "an excerpt is no duplicate at the default threshold" "d == []"
run "$RECOUPE" dups --quiet --relation duplicate --threshold 0.3 "$F/base.txt" "$F/excerpt.txt"
expect_json "--threshold 0.3: the excerpt is a duplicate" "len(d)==1 and d[0]['members'][0]['relation']=='duplicate' and d[0]['members'][0]['score']>=0.3"
run "$RECOUPE" dups --quiet --relation rewrite,contains "$F/base.txt" "$F/rewrite.txt"
expect_json "--relation takes a list" "len(d)==1 and d[0]['members'][0]['relation']=='rewrite'"
