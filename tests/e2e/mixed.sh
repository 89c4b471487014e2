#!/bin/sh
# Every command over one folder that mixes every input kind (HTML, plain text,
# JSON Lines of one, two and many paragraphs, WARC, WARC.gz, a gzipped text, a
# named pipe given on the command line) with every bad input a user meets (an
# empty file, a binary file, a symbolic link loop, a broken link, a pipe inside
# the folder, a newline and a non-UTF-8 byte in file names). Each bad input is
# reported once and skipped, every good article comes out, the output parses,
# and the exit status is 1 (0 with --keep-going).
. "$(dirname "$0")/lib.sh"
R=$FIXTURES/read
M=$TMP/in
mkdir -p "$M"
cp "$R/latin1.html" "$R/plain.txt" "$R/crawl.warc" "$R/crawl.warc.gz" "$R/article.txt.gz" "$R/empty.txt" "$R/binary.bin" "$M/"
printf '%s\n' \
  '{"id":"j1","title":"One paragraph","text":"A single paragraph about the harbour strike in Marseille, where dockers stopped work on Monday."}' \
  '{"id":"j2","title":"Two paragraphs","text":"The harbour strike in Marseille went on for a second day.\n\nShips waited off the coast as talks stalled."}' \
  '{"id":"j3","title":"Many paragraphs","text":"Dockers in Marseille voted to end the strike.\n\nThe union said pay talks would resume.\n\nShipping firms welcomed the vote.\n\nThe port expects a backlog for a week."}' \
  > "$M/feed.jsonl"
cp "$R/plain.txt" "$M/new
line.txt"
cp "$R/plain.txt" "$M/caf$(printf '\351').txt"
ln -s loop "$M/loop"
ln -s nowhere "$M/broken"
mkfifo "$M/fifo-in-folder"
PIPE=$TMP/pipe
mkfifo "$PIPE"
GOOD=13 # 5 files of one article, 2 WARCs of two, 3 JSON Lines records, and the pipe

# run_mixed CMD [OPTIONS]: CMD over the folder and the pipe (a writer feeds it)
run_mixed() {
  (cat "$R/plain.txt" > "$PIPE" &)
  run timeout 120 "$RECOUPE" "$@" "$M" "$PIPE"
}

# the skipped inputs and the notice, each once, with their file
expect_reports() {
  if python3 - "$TMP/err" "$1" <<'PY'
import re, sys
err = open(sys.argv[1], encoding="utf-8", errors="replace").read().splitlines()
want = {"broken": "broken symbolic link", "loop": "symbolic link loop", "binary.bin": "binary data",
        "empty.txt": "empty file", "fifo-in-folder": "inside a folder is not read"}
for name, what in want.items():
    hits = [l for l in err if l.startswith("recoupe: ") and "/" + name + ":" in l and what in l]
    if len(hits) != 1:
        print(name, "reported", len(hits), "times:", err[:8]); sys.exit(1)
if any(l.startswith("recoupe: line.txt") or l == "line.txt" for l in err):
    print("a file name broke a message line"); sys.exit(1)
PY
  then ok "$1: each bad input reported once, with its file"; else notok "$1: each bad input reported once, with its file" "$(head -c 600 "$TMP/err")"; fi
}

for cmd in read extract lang; do
  run_mixed $cmd
  expect_rc "$cmd: inputs skipped, exit 1" 1
  expect_reports "$cmd"
  expect_json "$cmd: every good article, one record each" "len(d) == $GOOD"
  expect_err "$cmd: the summary counts them" "^recoupe: $GOOD articles read, 4 inputs skipped"
done
run_mixed extract --fields id,text
expect_json "extract: the JSON Lines texts whole (1, 2 and 4 paragraphs)" \
  "[r['text'].count('\\n\\n') + 1 for r in d if r['id'] in ('j1','j2','j3')] == [1, 2, 4]"
run_mixed read --fields file
expect_json "read: the pipe and the odd names are there" \
  "any(r['file'].endswith('/pipe') for r in d) and any('new\\nline.txt' in r['file'] for r in d) and any('file_bytes' in r for r in d)"

for cmd in dups threads top languages stories facts claims news categories; do
  run_mixed $cmd
  expect_rc "$cmd: inputs skipped, exit 1" 1
  expect_reports "$cmd"
  if python3 -c 'import json,sys; json.loads(open(sys.argv[1]).read() or "null")' "$TMP/out" 2>/dev/null ||
     python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1]) if l.strip()]' "$TMP/out" 2>/dev/null; then
    ok "$cmd: the output parses"
  else notok "$cmd: the output parses" "$(head -c 300 "$TMP/out")"; fi
done
run_mixed threads
expect_json "threads: every good article in a story" "sum(len(t['articles']) for t in d) == $GOOD"
run_mixed languages
expect_json "languages: every good article under a language" "sum(len(l['articles']) for l in d) == $GOOD"
run_mixed dups
expect_json "dups: the WARC and its gzipped copy are duplicates" "any(g['origin'].endswith('crawl.warc') and any(m['file'].endswith('crawl.warc.gz') and m['relation'] == 'duplicate' for m in g['members']) for g in d)"

run_mixed report -o "$TMP/mixed.html"
expect_rc "report: inputs skipped, exit 1" 1
expect_reports "report"
if grep -q "</html>" "$TMP/mixed.html"; then ok "report: the page is written"; else notok "report: the page is written"; fi

run_mixed threads --keep-going
expect_rc "--keep-going: exit 0 with inputs skipped" 0
run_mixed threads --quiet
expect_rc "--quiet: still exit 1" 1
expect_reports "threads --quiet"
if grep -q "articles read" "$TMP/err"; then notok "--quiet: no summary" "$(cat "$TMP/err")"; else ok "--quiet: no summary"; fi
