# threads.sh: the story commands on small fixture articles (two events; three weather
# reports, two of one day and one of another, for the pair decision) and the
# bundled sample: exit codes, and JSON in the tgnews shapes.
. "$(dirname "$0")/lib.sh"
F="$FIXTURES/story"

run "$RECOUPE" threads --help
expect_rc "threads --help exits 0" 0
expect_out "threads --help teaches" "usage: recoupe threads"

run "$RECOUPE" threads --quiet "$F"
expect_rc "threads exits 0" 0
expect_json "threads shape" 'isinstance(d, list) and all(set(t) == {"title", "articles"} and isinstance(t["title"], str) and all(isinstance(a, str) for a in t["articles"]) for t in d)'
expect_json "threads: every article once" 'sorted(a for t in d for a in t["articles"]) == ["a1.txt", "a2.txt", "a3.txt", "b1.txt", "b2.txt"]'
expect_json "threads: two events" 'sorted(sorted(t["articles"]) for t in d) == [["a1.txt", "a2.txt", "a3.txt"], ["b1.txt", "b2.txt"]]'

run "$RECOUPE" threads --quiet --jobs 1 "$F"
cp "$TMP/out" "$TMP/j1"
run "$RECOUPE" threads --quiet --jobs 2 "$F"
if cmp -s "$TMP/out" "$TMP/j1"; then ok "threads: same output whatever --jobs"; else notok "threads: same output whatever --jobs"; fi

run "$RECOUPE" top --quiet "$F"
expect_rc "top exits 0" 0
expect_json "top shape" 'isinstance(d, list) and [b["category"] for b in d] == ["any", "society", "economy", "technology", "sports", "entertainment", "science", "other"] and all(set(t) == {"title", "category", "articles"} for t in d[0]["threads"])'
expect_json "top: the bigger story first" 'len(d[0]["threads"][0]["articles"]) == 3'

run "$RECOUPE" languages --quiet "$F"
expect_rc "languages exits 0" 0
expect_json "languages shape" 'isinstance(d, list) and all(set(x) == {"lang_code", "articles"} for x in d) and [x["lang_code"] for x in d] == ["en"] and len(d[0]["articles"]) == 5'

run "$RECOUPE" stories --quiet "$F"
expect_rc "stories exits 0" 0
expect_json "stories records" 'all(s["size"] == len(s["articles"]) and s["independent_sources"] >= 1 and isinstance(s["importance"], (int, float)) and s["lang"] == "en" and len(s["id"]) == 16 for s in d)'

run "$RECOUPE" threads --quiet --level topic "$F"
expect_json "threads --level topic: same shape" 'all(set(t) == {"title", "articles"} for t in d)'

run "$RECOUPE" threads --threshold 7 "$F"
expect_rc "a bad threshold is a usage error" 2

if [ -d "$FIXTURES/../../examples/koursk" ]; then
  run "$RECOUPE" threads --quiet "$FIXTURES/../../examples/koursk"
  expect_json "koursk: one story of five" 'len(d) == 1 and len(d[0]["articles"]) == 5'
fi

# the pair decision: the same weather report for another day (same noun, another
# number in the title) is another story; with the same day in the title, one story
C="$FIXTURES/story_conflict"
run "$RECOUPE" threads --quiet "$C"
expect_json "threads: a title number conflict keeps two reports apart" 'sorted(sorted(t["articles"]) for t in d) == [["w08a.txt", "w08b.txt"], ["w16.txt"]]'
mkdir -p "$TMP/same_day"
cp "$C"/*.txt "$TMP/same_day/"
sed -i '1s/for 16 November/for 8 November/' "$TMP/same_day/w16.txt"
run "$RECOUPE" threads --quiet "$TMP/same_day"
expect_json "threads: the same reports for one day are one story" 'len(d) == 1 and len(d[0]["articles"]) == 3'

# selecting the stories printed: --limit (the most important), --min-size
run "$RECOUPE" top --quiet --limit 1 "$F"
expect_rc "top --limit exits 0" 0
expect_json "top --limit 1: the most important story only" 'len(d[0]["threads"]) == 1 and len(d[0]["threads"][0]["articles"]) == 3'
run "$RECOUPE" threads --quiet --min-size 3 "$F"
expect_json "threads --min-size 3: the story of three only" 'len(d) == 1 and sorted(d[0]["articles"]) == ["a1.txt", "a2.txt", "a3.txt"]'
run "$RECOUPE" stories --quiet --min-size 4 "$F"
expect_json "stories --min-size 4: none" 'd == []'
run "$RECOUPE" threads --quiet --level topic --limit 1 --min-size 2 "$C"
expect_json "threads --level topic --limit 1: one topic" 'len(d) == 1'
run "$RECOUPE" top --limit 0 "$F"
expect_rc "top --limit 0 is a usage error" 2
expect_err "top --limit 0 says why" "a whole number >= 1"
run "$RECOUPE" languages --min-size 2 "$F"
expect_rc "languages --min-size is a usage error" 2

# options that are not numbers in range: nan and inf pass a plain "v <= 0 || v > 1"
# test (every comparison with NaN is false) and would reach the engine
for v in nan inf -nan; do
  run "$RECOUPE" threads --threshold "$v" "$F"
  expect_rc "threads --threshold $v is a usage error" 2
  run "$RECOUPE" threads --topic-threshold "$v" "$F"
  expect_rc "threads --topic-threshold $v is a usage error" 2
  run "$RECOUPE" threads --window "$v" "$F"
  expect_rc "threads --window $v is a usage error" 2
done

# the sources a reader sees are outlets: the site, else the URL's host, else
# "unknown" (never a file name); the file stays in the articles
S=$FIXTURES/../../examples/koursk
run "$RECOUPE" stories --quiet "$S"
expect_json "sources: the outlet, else 'unknown', never a file name" \
  'd[0]["sources"] == ["unknown", "Libération"] and not any(x.endswith(".txt") for x in d[0]["sources"])'
expect_json "an article of unknown outlet still counts as a source of its own" 'd[0]["independent_sources"] == 5'
expect_json "the files stay in the articles" 'sum(a["name"].endswith(".txt") for a in d[0]["articles"]) == 5'
expect_json "first and last in the form of the article's date" 'd[0]["first"] == "2024-10-31T20:52:00" == d[0]["last"]'
printf '%s\n' '{"id":"o1","url":"https://news.example.org/a/1","title":"Flood in the valley","text":"The river flooded the valley town of Ardenne on Monday, officials said, and three hundred homes were evacuated.","date":"2024-03-01T10:00:00+02:00"}' \
  '{"id":"o2","site":"Valley Times","title":"Valley flood","text":"The river flooded the valley town of Ardenne on Monday and three hundred homes were evacuated, officials said.","date":"2024-03-02"}' > "$TMP/dated.jsonl"
run "$RECOUPE" stories --quiet --no-duplicates "$TMP/dated.jsonl"
expect_json "the URL's host when there is no site" 'any("news.example.org" in s["sources"] for s in d)'
expect_json "a date with its offset keeps it; a day alone stays a day" \
  'any(s["first"] == "2024-03-01T10:00:00+02:00" for s in d) and any(s["last"] == "2024-03-02" for s in d)'

# --help: one column for every option's description, in every command; every
# command that reads inputs says they are optional (standard input); each story
# command lists only the options it takes
if python3 - "$RECOUPE" > "$TMP/cols" <<'PY'
import re, subprocess, sys
bad = 0
for c in "read extract lang dups threads top languages stories facts claims news categories report serve".split():
    out = subprocess.run([sys.argv[1], c, "--help"], capture_output=True, text=True).stdout
    cols = set()
    for l in out.splitlines():
        m = re.match(r"^(  -\S+(?: \S+)?(?:, --\S+(?: \S+)?)?|      --\S+(?: \S+)?)( {2,})(\S)", l)
        if m: cols.add(len(m.group(1)) + len(m.group(2)))
    if len(cols) != 1: print(c, sorted(cols)); bad += 1
sys.exit(1 if bad else 0)
PY
then ok "every command's option descriptions start in one column"; else notok "every command's option descriptions start in one column" "$(cat "$TMP/cols")"; fi
for c in read extract lang dups threads top languages stories facts claims news categories report; do
  "$RECOUPE" $c --help > "$TMP/h" 2>&1
  grep -q "^usage: recoupe $c \[OPTIONS\] \[INPUT\.\.\.\]$" "$TMP/h" || echo "$c: $(head -n 1 "$TMP/h")"
done > "$TMP/usages"
if [ -s "$TMP/usages" ]; then notok "every usage line says [INPUT...]" "$(cat "$TMP/usages")"; else ok "every usage line says [INPUT...]"; fi
run "$RECOUPE" languages --help
expect_no_out "languages --help lists no story option" "not languages|--limit|--threshold|--level"
run "$RECOUPE" threads --help
expect_out "threads --help says what --jobs 0 means" "--jobs N .*0: all the cores"
run "$RECOUPE" top --help
expect_no_out "only threads lists --level" "--level"
run "$RECOUPE" languages --limit 3 "$S"
expect_rc "languages --limit is a usage error" 2
expect_err "languages says why --limit does not apply" "^recoupe languages: --limit: .*by its language"
run "$RECOUPE" top --level topic "$S"
expect_rc "top --level is a usage error" 2
run "$RECOUPE" threads --window -1 "$S"
expect_err "--window names the value refused" "--window: .*not '-1'"
run "$RECOUPE" threads --threshold 2 "$S"
expect_err "--threshold names the value refused" "--threshold: .*not '2'"

# the story commands say what they do after the reading: the summary line
# counts the stories and gives each phase's time and the whole time
run "$RECOUPE" threads "$S"
expect_err "threads: the phases and the whole time in the summary" \
  "^recoupe: 5 articles read, 0 inputs skipped, 1 story \(reading [0-9.]+ s, clustering [0-9.]+ s, writing [0-9.]+ s; [0-9.]+ s in all\)$"
run "$RECOUPE" report -o "$TMP/phases.html" "$S"
expect_err "report: the same summary" "^recoupe: 5 articles read, 0 inputs skipped, 1 story \(reading .*; [0-9.]+ s in all\)$"
run "$RECOUPE" threads --quiet "$S"
if [ -s "$TMP/err" ]; then notok "--quiet: no summary" "$(cat "$TMP/err")"; else ok "--quiet: no summary"; fi
run "$RECOUPE" languages "$S"
expect_err "languages: no clustering (the languages need no story)" "^recoupe: 5 articles read, 0 inputs skipped \(reading [0-9.]+ s, writing [0-9.]+ s; [0-9.]+ s in all\)$"
