#!/bin/sh
# same_outputs.sh BIN_A BIN_B [OUT]: every command's output of two recoupe
# binaries, compared byte for byte (sha256), for a change that must not change
# what recoupe prints: read, extract, lang, dups (two option sets), threads
# (events, topics, incremental, no duplicates), top, languages and stories
# (batch and incremental), with --jobs 2, on the bundled sample examples/koursk,
# on ../shared/eval/clustering/rpm2 and on the 10k stream of bench/gen_stream.py
# (bench/out/stream-10k, made by bench/bench_story.sh) when they are there.
# Prints one line per output that differs and the count; exits 1 when any does.
# Standard error is compared too (messages, summary lines with their timings
# dropped).
set -eu
A=$1
B=$2
OUT=${3:-bench/out/same}
cd "$(dirname "$0")/.."
sets="koursk:examples/koursk"
[ -d ../shared/eval/clustering/rpm2 ] && sets="$sets rpm2:../shared/eval/clustering/rpm2"
[ -d bench/out/stream-10k/articles ] && sets="$sets s10k:bench/out/stream-10k/articles"
mkdir -p "$OUT/a" "$OUT/b"
n=0
bad=0
for set in $sets; do
    name=${set%%:*}
    path=${set#*:}
    while read -r tag args; do
        for side in a b; do
            bin=$A
            [ $side = b ] && bin=$B
            # shellcheck disable=SC2086
            "$bin" $args --quiet --jobs 2 "$path" > "$OUT/$side/$name.$tag.out" 2> "$OUT/$side/$name.$tag.err" ||
                echo "exit $?" >> "$OUT/$side/$name.$tag.err"
            sed -i -e 's/ ([0-9.]* s)$//' -e 's/ (reading [^()]* s in all)$//' "$OUT/$side/$name.$tag.err"
        done
        n=$((n + 1))
        for ext in out err; do
            if ! cmp -s "$OUT/a/$name.$tag.$ext" "$OUT/b/$name.$tag.$ext"; then
                echo "same_outputs: $name $tag ($ext) differs"
                bad=$((bad + 1))
            fi
        done
    done <<'LIST'
read read
extract extract
lang lang
dups dups
dups-r dups --relation duplicate --threshold 0.9
threads threads
threads-topic threads --level topic
threads-incr threads --incremental
threads-nodup threads --no-duplicates
top top
languages languages
stories stories
stories-incr stories --incremental
LIST
done
(cd "$OUT/b" && sha256sum ./*.out) > "$OUT/sha256.txt"
echo "same_outputs: $n outputs compared ($sets), $bad differ; sha256s in $OUT/sha256.txt"
[ "$bad" -eq 0 ]
