#!/bin/sh
# valgrind.sh: every command of the built binary under valgrind's memcheck, on
# real inputs (the bundled sample and the test fixtures: HTML, text, JSON Lines,
# .json, WARC, .gz, broken and binary files, standard input), and the
# incremental stories. Fails on any invalid read or write, use of an
# uninitialised value, or leak (definite or possible).
# usage: tests/valgrind.sh BUILD_DIR
BUILD=${1:-build}
R="$BUILD/recoupe"
VG="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=definite,possible"
F=tests/fixtures
pass=0
fail=0
check() { # NAME CMD...: one run (standard input from $IN); its exit status must not be valgrind's
  name=$1
  shift
  $VG "$@" > /dev/null 2> "$BUILD/valgrind.err" < "${IN:-/dev/null}"
  if [ $? -eq 99 ]; then
    echo "not ok - $name"
    sed 's/^/    /' "$BUILD/valgrind.err" | head -40
    fail=$((fail + 1))
  else
    echo "ok - $name"
    pass=$((pass + 1))
  fi
}
for c in read extract lang dups threads top languages stories; do
  check "$c examples/koursk" "$R" "$c" --quiet --jobs 2 examples/koursk
  check "$c fixtures" "$R" "$c" --quiet --jobs 2 "$F/read" "$F/read-json" "$F/extract" "$F/dedup"
done
check "lang --lines" "$R" lang --quiet --lines "$F/dedup/base.txt"
check "threads --incremental" "$R" threads --quiet --incremental examples/koursk "$F/dedup"
check "stories --level topic" "$R" stories --quiet --level topic examples/koursk "$F/dedup"
IN=$F/read/articles.jsonl check "threads - (JSON Lines on standard input)" "$R" threads --quiet -
# JSON Lines over one chunk (1 MiB) are streamed: 3,000 records, one bad, one over --max-bytes
python3 -c 'import json
for i in range(3000): print("{\"text\": oops}" if i == 1000 else json.dumps({"id": "r%d" % i, "text": "x" * (5000 if i == 2000 else 480)}))' > "$BUILD/valgrind-stream.jsonl"
IN=$BUILD/valgrind-stream.jsonl check "read - (a streamed JSON Lines input)" "$R" read --quiet --max-bytes 4K -
check "dups (a streamed JSON Lines file)" "$R" dups --quiet "$BUILD/valgrind-stream.jsonl"
python3 -c 'import base64, json, random
random.seed(3)
for i in range(1800): print(json.dumps({"id": "g%d" % i, "text": base64.b64encode(random.randbytes(600)).decode()}))' | gzip -c > "$BUILD/valgrind-stream.jsonl.gz"
head -c 1200000 "$BUILD/valgrind-stream.jsonl.gz" > "$BUILD/valgrind-cut.jsonl.gz"
i=0; while [ $i -lt 800 ]; do cat "$F/read/crawl.warc"; i=$((i + 1)); done > "$BUILD/valgrind-stream.warc"
cat "$F/read/broken.warc" >> "$BUILD/valgrind-stream.warc"
IN=$BUILD/valgrind-stream.warc check "read - (a streamed WARC input)" "$R" read --quiet -
check "read (a streamed gzip JSON Lines file, whole and cut short)" "$R" read --quiet "$BUILD/valgrind-stream.jsonl.gz" "$BUILD/valgrind-cut.jsonl.gz"
check "report examples/koursk and fixtures" "$R" report --quiet --jobs 2 -o - examples/koursk "$F/report" "$F/dedup"
check "report --limit 1 --lang ru" "$R" report --quiet --limit 1 --lang ru -o - "$F/report"
check "bad option" "$R" threads --no-such-option
check "missing input" "$R" threads --quiet /nonexistent
echo "valgrind: $pass passed, $fail failed"
[ "$fail" -eq 0 ]
