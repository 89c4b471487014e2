#!/bin/sh
# End-to-end tests of `recoupe news` and `recoupe categories`: the tgnews shapes
# ({"articles": [...]} and the seven category blocks), on JSON Lines and on text files.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/classify
K=$(dirname "$0")/../../examples/koursk

run "$RECOUPE" news --help;        expect_rc "news --help exits 0" 0; expect_out "news --help tells the shape" "articles"
run "$RECOUPE" categories --help;  expect_rc "categories --help exits 0" 0; expect_out "categories --help names them" "entertainment"
run "$RECOUPE" --help;             expect_out "--help lists news" "^  news "; expect_out "--help lists categories" "^  categories "
run "$RECOUPE" news --bogus "$F";  expect_rc "an unknown option is a usage error" 2

run "$RECOUPE" news --quiet "$F/mixed.jsonl"
expect_rc "news exits 0" 0
expect_json "news: the tgnews shape, the horoscope left out, the three reports kept in input order" \
  "len(d)==1 and list(d[0].keys())==['articles'] and d[0]['articles']==['sp','ec','ru']"
expect_out "news: the three reports in input order" '^\{"articles": \["sp", "ec", "ru"\]\}$'

run "$RECOUPE" categories --quiet "$F/mixed.jsonl"
expect_rc "categories exits 0" 0
expect_json "categories: the seven blocks in the contest's order" \
  "[b['category'] for b in d]==['society','economy','technology','sports','entertainment','science','other']"
expect_json "categories: sports and economy, the horoscope in none" \
  "{b['category']: b['articles'] for b in d}['sports']==['sp','ru'] and {b['category']: b['articles'] for b in d}['economy']==['ec'] and 'hs' not in sum((b['articles'] for b in d), [])"

run "$RECOUPE" categories --quiet "$K"
expect_rc "categories on the French seed sample exits 0" 0
expect_json "the French seed sample: five news articles, all society" \
  "{b['category']: len(b['articles']) for b in d}=={'society':5,'economy':0,'technology':0,'sports':0,'entertainment':0,'science':0,'other':0}"

run "$RECOUPE" news --quiet "$F/mixed.jsonl" "$TMP/missing.txt"
expect_rc "a missing input: exit 1, the rest still answered" 1
expect_err "a missing input is named" "missing.txt"
expect_out "the rest still answered" '"sp"'

printf '' > "$TMP/empty.jsonl"
run "$RECOUPE" news --quiet "$TMP/empty.jsonl"
expect_rc "an empty file is skipped: exit 1" 1
expect_out "no articles: an empty list" '^\{"articles": \[\]\}$'

# the story commands: top per category, stories' category
run "$RECOUPE" top --quiet "$F/mixed.jsonl"
expect_json "top: the any block, then the seven categories" \
  "[b['category'] for b in d]==['any','society','economy','technology','sports','entertainment','science','other']"
expect_json "top: each thread in the block of its category, and the any block's threads carry it" \
  "all(t['category']==b['category'] for b in d[1:] for t in b['threads']) and sorted(t['category'] for t in d[0]['threads'] if t['articles']!=['hs'])==['economy','sports','sports']"
run "$RECOUPE" stories --quiet "$K"
expect_json "stories: the seed story is society" "len(d)==1 and d[0]['category']=='society'"
