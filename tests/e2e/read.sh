#!/bin/sh
# End-to-end tests of `recoupe read` and of the CLI's common behaviour.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/read

run "$RECOUPE" --version;                       expect_rc "--version exits 0" 0; expect_out "--version prints it" "^recoupe [0-9]+\.[0-9]+"
run "$RECOUPE" --help;                          expect_rc "--help exits 0" 0; expect_out "--help lists read" "^  read "
run "$RECOUPE";                                 expect_rc "no command is a usage error" 2
run "$RECOUPE" frobnicate;                      expect_rc "unknown command is a usage error" 2; expect_err "unknown command named" "frobnicate"
run "$RECOUPE" read --help;                     expect_rc "read --help exits 0" 0; expect_out "read --help shows options" "--max-bytes"
run "$RECOUPE" read --bogus x;                  expect_rc "unknown option is a usage error" 2
run "$RECOUPE" read --jobs many x;              expect_rc "bad --jobs is a usage error" 2
run "$RECOUPE" read --fields file,nope x;       expect_rc "unknown field is a usage error" 2
for v in -1 -5M 17179869185G 99999999999999999999 " 5" 0 12X; do
  run "$RECOUPE" read --max-bytes "$v" x;       expect_rc "--max-bytes '$v' is a usage error" 2
done
run "$RECOUPE" read --quiet --max-bytes 1k --fields bytes "$FIXTURES/read/plain.txt"; expect_json "--max-bytes with a suffix still parses" "d==[{'bytes':119}]"

# the bundled sample: five records
run "$RECOUPE" read --quiet "$FIXTURES/../../examples/koursk"
expect_rc "sample reads cleanly" 0
expect_lines "sample gives five records" 5
expect_json "sample records carry file, format, encoding and text" \
  "len(d)==5 and all(r['format']=='text' and r['encoding']=='utf-8' and 'Koursk' in r['text'] for r in d)"

# a folder full of trouble: every bad input reported and skipped, the rest read
run "$RECOUPE" read --quiet "$F"
expect_rc "skipped inputs give exit 1" 1
expect_err "truncated gzip reported" "truncated.html.gz: truncated or corrupt gzip"
expect_err "bad JSON line reported with its line" "articles.jsonl:2: bad JSON"
expect_err "JSON line without text reported" "articles.jsonl:3: no \"text\" or \"html\""
expect_err "empty file reported" "empty.txt: empty file"
expect_err "binary file reported" "binary.bin: binary data"
expect_err "broken WARC record reported with its number" "broken.warc:2: Content-Length"
run "$RECOUPE" read "$F"
expect_err "summary line counts read and skipped" "[0-9]+ articles read, 6 inputs skipped"
expect_json "good JSON lines read around the bad ones" \
  "[r['id'] for r in d if r['file'].endswith('articles.jsonl')]==['a1','4']"
expect_json "JSON Lines fields carried" \
  "[r for r in d if r['id']=='a1'][0]['title']=='First' and [r for r in d if r['id']=='a1'][0]['date']=='2024-10-31'"
run "$RECOUPE" read --quiet --keep-going "$F";   expect_rc "--keep-going exits 0" 0

# JSON documents (a pretty-printed object, an array of articles), beside JSON Lines
run "$RECOUPE" read --quiet "$FIXTURES/read-json"
expect_rc "a JSON file without article fields gives exit 1" 1
expect_err "a pretty-printed object without text is one error, at line 1" "metadata.json:1: no \"text\" or \"html\""
expect_err "an array item without text is reported with its number" "list.json:1: item 2: no \"text\""
expect_json "a pretty-printed object and the good items of an array are read" \
  "sorted(r['id'] for r in d)==['kursk-1','l1','l3'] and [r for r in d if r['id']=='kursk-1'][0]['date'].startswith('2024-10-31')"
run "$RECOUPE" read --quiet "$FIXTURES/read-json/metadata.json"
n=$(grep -c 'metadata.json' "$TMP/err")
if [ "$n" = 1 ]; then ok "one error for the whole file, not one per line"; else notok "one error for the whole file, not one per line" "$n error lines"; fi

# decoding
run "$RECOUPE" read --quiet --body --fields file,encoding,text "$F/latin1.html"
expect_json "Latin-1 page without a charset read as windows-1252" "d[0]['encoding']=='windows-1252' and 'Café de l\\'été' in d[0]['text']"
run "$RECOUPE" read --quiet --body --fields encoding,text "$F/cp1251.html"
expect_json "meta charset windows-1251 honoured" "d[0]['encoding']=='windows-1251' and 'Северная Корея' in d[0]['text']"
run "$RECOUPE" read --quiet --body --fields encoding,text "$F/liar.html"
expect_json "a charset that lies is overruled by valid UTF-8" "d[0]['encoding']=='utf-8' and 'arrivés' in d[0]['text']"
run "$RECOUPE" read --quiet --body --fields encoding,text "$F/utf16.html"
expect_json "UTF-16 with a BOM decoded" "d[0]['encoding']=='utf-16le' and 'Ünïcode' in d[0]['text']"
run "$RECOUPE" read --quiet --fields encoding,repaired,text "$F/broken-utf8.txt"
expect_json "stray bytes in UTF-8 repaired and counted" "d[0]['repaired']==2 and '\\ufffd' in d[0]['text'] and 'déjà' in d[0]['text']"

# WARC: response records with HTML only, target URI kept, HTTP charset used
for w in crawl.warc crawl.warc.gz; do
  run "$RECOUPE" read --quiet --body --fields url,format,encoding,text "$F/$w"
  expect_rc "$w reads cleanly" 0
  expect_json "$w gives the two HTML responses, not the image" \
    "[r['url'] for r in d]==['https://example.org/one','https://example.org/two'] and all(r['format']=='warc' for r in d)"
  expect_json "$w HTTP charset decodes Latin-1" "d[0]['encoding']=='windows-1252' and 'Première' in d[0]['text']"
done

# gzip, stdin, max-bytes
run "$RECOUPE" read --quiet "$F/article.txt.gz"
expect_json "gzip text file read" "'compressé' in d[0]['text']"
run sh -c "cat '$F/plain.txt' | '$RECOUPE' read --quiet -"
expect_json "stdin read as '-'" "d[0]['file']=='-' and 'nord-coréens' in d[0]['text']"
run "$RECOUPE" read --quiet --max-bytes 100 "$F/plain.txt"
expect_rc "over --max-bytes is skipped" 1; expect_err "over --max-bytes reported" "plain.txt: 119 bytes is over the limit of 100"
run "$RECOUPE" read --quiet "$F/does-not-exist.html" "$F/plain.txt"
expect_rc "missing file: exit 1" 1; expect_err "missing file reported" "does-not-exist.html: No such file"; expect_lines "other input still read" 1

# a directory with a symlink loop, and a second link to the same folder
mkdir -p "$TMP/tree/a/b"
cp "$F/plain.txt" "$TMP/tree/a/b/x.txt"
ln -s .. "$TMP/tree/a/b/up"
ln -s ../a "$TMP/tree/a/again"
run "$RECOUPE" read --quiet "$TMP/tree"
expect_rc "symlink loop does not fail the run" 0
expect_lines "symlink loop: each file read once" 1

# order is the input order whatever the jobs
i=0; while [ $i -lt 60 ]; do printf 'Article %d\n\nBody of article number %d.\n' $i $i > "$TMP/many_$(printf %03d $i).txt"; i=$((i+1)); done
"$RECOUPE" read --quiet --jobs 1 --fields id "$TMP"/many_*.txt > "$TMP/j1"
"$RECOUPE" read --quiet --jobs 7 --fields id "$TMP"/many_*.txt > "$TMP/j7"
if cmp -s "$TMP/j1" "$TMP/j7" && [ "$(wc -l < "$TMP/j1")" = 60 ]; then ok "output order independent of --jobs"; else notok "output order independent of --jobs"; fi

# --max-bytes near SIZE_MAX: the reader caps it (limit + 1 wrapped to 0 and stdin was read past its buffer)
run sh -c "yes abc | head -c 150000 | '$RECOUPE' read --quiet --fields bytes --max-bytes 18446744073709551615 -"
expect_rc "--max-bytes 2^64-1 on stdin reads" 0
expect_json "--max-bytes 2^64-1 on stdin keeps every byte" "d==[{'bytes':150000}]"

# a container on stdin larger than --max-bytes: stdin is read on, not read again (its head was lost)
printf '{"id":"a","text":"one one one one one one"}\n{"id":"b","text":"two two two two two"}\n{"id":"c","text":"three three three three"}\n' > "$TMP/three.jsonl"
gzip -c "$TMP/three.jsonl" > "$TMP/three.jsonl.gz"
run sh -c "'$RECOUPE' read --quiet --fields id --max-bytes 100 - < '$TMP/three.jsonl'"
expect_rc "JSON Lines over --max-bytes on redirected stdin reads" 0; expect_json "JSON Lines over --max-bytes on redirected stdin: every record" "[r['id'] for r in d]==['a','b','c']"
run sh -c "cat '$TMP/three.jsonl' | '$RECOUPE' read --quiet --fields id --max-bytes 100 -"
expect_rc "JSON Lines over --max-bytes on piped stdin reads" 0; expect_json "JSON Lines over --max-bytes on piped stdin: every record" "[r['id'] for r in d]==['a','b','c']"
run sh -c "cat '$TMP/three.jsonl.gz' | '$RECOUPE' read --quiet --fields id --max-bytes 50 -"
expect_json "gzip JSON Lines over --max-bytes on piped stdin: every record" "[r['id'] for r in d]==['a','b','c']"

# a file name that is no UTF-8: the record is still valid JSON (the byte was printed raw)
mkdir -p "$TMP/latin1name" && cp "$F/plain.txt" "$TMP/latin1name/caf$(printf '\351').txt"
run "$RECOUPE" read --quiet --fields file,id "$TMP/latin1name"
expect_json "a file name that is no UTF-8 prints as valid JSON" "d[0]['id']=='caf\\ufffd.txt'"
expect_json "... and its bytes, in hex, name the file again" \
  "__import__('os').path.isfile(bytes.fromhex(d[0]['file_bytes'])) and bytes.fromhex(d[0]['file_bytes']).endswith(b'caf\\xe9.txt')"
run "$RECOUPE" read --quiet --fields file "$F/plain.txt"
expect_json "a UTF-8 name has no file_bytes" "'file_bytes' not in d[0]"
run "$RECOUPE" lang --quiet "$TMP/latin1name"
expect_json "lang gives the name's bytes too" "bytes.fromhex(d[0]['file_bytes']).endswith(b'caf\\xe9.txt')"

# '-' given twice: stdin is read once (the second read found it empty: "empty file", exit 1)
run sh -c "cat '$F/plain.txt' | '$RECOUPE' read --quiet --fields file - '$F/plain.txt' -"
expect_rc "'-' given twice is read once, without an error" 0; expect_lines "'-' given twice: one record for stdin, one for the file" 2

# JSON Lines larger than a chunk (1 MiB) are streamed: a 3 MB file, the same piped in,
# every record once and in order, a bad line reported with its number, memory flat
python3 - "$TMP/big.jsonl" <<'PY'
import json, sys
with open(sys.argv[1], "w") as f:
    for i in range(6000):
        if i == 4321:
            f.write('{"id": "bad", "text": oops}\n')
        else:
            f.write(json.dumps({"id": "r%d" % i, "title": "t%d" % i, "text": "x" * 480}) + "\n")
PY
run "$RECOUPE" read --fields id,line "$TMP/big.jsonl"
expect_rc "a streamed JSON Lines file with a bad line exits 1" 1
expect_json "a streamed JSON Lines file: every good record, in order" "[r['id'] for r in d]==['r%d' % i for i in range(6000) if i != 4321] and d[4321]['line']==4323"
expect_err "a streamed JSON Lines file: the bad line is reported with its number" "big.jsonl:4322: bad JSON"
run sh -c "cat '$TMP/big.jsonl' | '$RECOUPE' read --quiet --fields id -"
expect_json "a JSON Lines stream on a pipe, larger than --max-bytes' default chunk: every record" "len(d)==5999 and d[-1]['id']=='r5999'"
run sh -c "cat '$TMP/big.jsonl' | '$RECOUPE' read --quiet --fields id --max-bytes 100 -"
expect_json "a piped JSON Lines stream with records over --max-bytes: none read" "d==[]"
expect_err "a piped JSON Lines stream with records over --max-bytes: each reported" "-:6000: record of [0-9]+ bytes is over the limit of 100"

# gzip JSON Lines over one compressed chunk are inflated as they are read: every record,
# and a file cut short gives the records before the cut and says so
python3 - "$TMP/rand.jsonl" <<'PY'
import base64, json, random, sys
random.seed(7)
with open(sys.argv[1], "w") as f:
    for i in range(3000):
        f.write(json.dumps({"id": "g%d" % i, "text": base64.b64encode(random.randbytes(600)).decode()}) + "\n")
PY
gzip -c "$TMP/rand.jsonl" > "$TMP/rand.jsonl.gz"
run "$RECOUPE" read --quiet --fields id "$TMP/rand.jsonl.gz"
expect_json "a streamed gzip JSON Lines file: every record, in order" "[r['id'] for r in d]==['g%d' % i for i in range(3000)]"
run sh -c "cat '$TMP/rand.jsonl.gz' | '$RECOUPE' read --quiet --fields id -"
expect_json "a streamed gzip JSON Lines pipe: every record" "len(d)==3000"
head -c 1300000 "$TMP/rand.jsonl.gz" > "$TMP/cut.jsonl.gz"
run "$RECOUPE" read --fields id "$TMP/cut.jsonl.gz"
expect_err "a streamed gzip JSON Lines file cut short: said" "cut.jsonl.gz: truncated or corrupt gzip data"
expect_json "a streamed gzip JSON Lines file cut short: the records before the cut" "len(d)>1000 and [r['id'] for r in d]==['g%d' % i for i in range(len(d))]"

# WARC over one chunk are streamed too: 3,000 copies of the crawl fixture, on a file and a pipe
run "$RECOUPE" read --quiet --fields id "$F/crawl.warc"
per=$(python3 -c 'import json,sys; print(sum(1 for l in open(sys.argv[1]) if l.strip()))' "$TMP/out")
i=0; while [ $i -lt 3000 ]; do cat "$F/crawl.warc"; i=$((i + 1)); done > "$TMP/big.warc"
cat "$F/broken.warc" >> "$TMP/big.warc"
run "$RECOUPE" read --fields id "$TMP/big.warc"
expect_json "a streamed WARC file: every response of every copy, then the broken one's first" "len(d)==3000*$per+1"
expect_err "a streamed WARC file: the broken record reported with its number" "big.warc:[0-9]+: Content-Length runs past the end of the file"
run sh -c "cat '$TMP/big.warc' | '$RECOUPE' read --quiet --fields id -"
expect_json "a streamed WARC on a pipe: every record" "len(d)==3000*$per+1"

# a pipe or a device named on the command line is read as a stream, like "-"
J=$FIXTURES/jsonl/paragraphs.jsonl
run sh -c "cat '$J' | '$RECOUPE' read --quiet /dev/stdin"
expect_rc "/dev/stdin on a pipe is read" 0
expect_lines "/dev/stdin gives every record" 5
mkfifo "$TMP/named.fifo"
cat "$J" >"$TMP/named.fifo" &
run "$RECOUPE" read --quiet "$TMP/named.fifo"
wait
expect_rc "a named pipe is read" 0
expect_lines "a named pipe gives every record" 5
gzip -c "$J" >"$TMP/day.jsonl.gz"
mkfifo "$TMP/gz.fifo"
gzip -dc "$TMP/day.jsonl.gz" >"$TMP/gz.fifo" &
run "$RECOUPE" read --quiet "$TMP/gz.fifo"
wait
expect_lines "a pipe fed by gzip (as <(zcat x.gz) is) gives every record" 5

# messages: one clear message for a bad option, common options before the command
run "$RECOUPE" read --jobs
expect_rc "read --jobs without its number is a usage error" 2
expect_err "read --jobs without its number: getopt's message under the command's name" "^recoupe read: option '--jobs' requires an argument"
if grep -q "unknown option" "$TMP/err"; then notok "read --jobs: no second, wrong message" "$(cat "$TMP/err")"; else ok "read --jobs: no second, wrong message"; fi
run "$RECOUPE" --jobs 2 -q read "$J"
expect_rc "common options before the command are taken" 0
expect_lines "common options before the command: every record" 5
run "$RECOUPE" --jobs 2
expect_rc "common options without a command are a usage error" 2
expect_err "common options without a command: says where they go" "options go with a command"

# -q prints no summary, even when inputs were skipped; the skipped inputs are still reported
M=$TMP/msg; mkdir "$M"
cp "$J" "$M/good.jsonl"
: >"$M/empty.txt"
: >"$M/$(printf 'evil\nrecoupe: forged.txt')"
ln -s self "$M/self"
ln -s nowhere "$M/broken"
run "$RECOUPE" read -q "$M"
expect_rc "skipped inputs: exit 1" 1
if grep -q "articles\? read" "$TMP/err"; then notok "-q prints no summary when inputs were skipped" "$(cat "$TMP/err")"; else ok "-q prints no summary when inputs were skipped"; fi
expect_err "a newline in a file name is escaped in the message" 'evil\\nrecoupe: forged.txt: empty file'
if grep -q "^recoupe: forged" "$TMP/err"; then notok "a file name cannot forge a message line" "$(cat "$TMP/err")"; else ok "a file name cannot forge a message line"; fi
expect_err "a self-referencing symbolic link is a loop" "self: symbolic link loop"
expect_err "a dangling symbolic link is broken" "broken: broken symbolic link"
expect_lines "the good file is read beside the bad ones" 5
