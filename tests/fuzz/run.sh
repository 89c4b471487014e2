#!/bin/sh
# run.sh: `make fuzz`: builds each tests/fuzz/fuzz_*.c as a libFuzzer target under
# ASan+UBSan (clang) against the library's sources and runs it for FUZZ_SECONDS
# (default 60) on its corpus tests/fuzz/corpus/NAME/. Fails on the first crash.
set -e
SECS=${FUZZ_SECONDS:-60}
OUT=build-fuzz
mkdir -p "$OUT"
command -v clang >/dev/null || { echo "fuzz: installing clang"; sh scripts/deps.sh; apt-get install -y -qq clang libclang-rt-14-dev >/dev/null; }
PKGS=$(sed -n 's/^PKGS *:= *//p' Makefile)
EXTRA=$(sed -n 's/^EXTRALIBS *:= *//p' Makefile)
mkdir -p "$OUT/gen"
[ -f "$OUT/gen/facts_places.inc" ] || python3 scripts/gen_places.py "$OUT/gen/facts_places.inc"
CFLAGS="-std=c17 -g -O1 -D_GNU_SOURCE -DRECOUPE_VERSION=\"fuzz\" -Iinclude -Isrc -I$OUT/gen $(pkg-config --cflags $PKGS)"
SAN="-fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all"
objs=""
for c in src/*/*.c; do
  o="$OUT/$(echo "$c" | tr / _).o"
  clang $CFLAGS -fsanitize=fuzzer-no-link,address,undefined -c "$c" -o "$o"
  objs="$objs $o"
done
for c in src/*/*.cc; do
  [ -f "$c" ] || continue
  o="$OUT/$(echo "$c" | tr / _).o"
  clang++ -std=c++17 -g -O1 -Iinclude -Isrc -fsanitize=fuzzer-no-link,address,undefined -c "$c" -o "$o"
  objs="$objs $o"
done
for s in src/*/*.S; do
  [ -f "$s" ] || continue
  o="$OUT/$(echo "$s" | tr / _).o"
  clang -c "$s" -o "$o"
  objs="$objs $o"
done
for t in tests/fuzz/fuzz_${FUZZ_ONLY:-*}.c; do
  [ -f "$t" ] || continue
  name=$(basename "$t" .c)
  # compiled as C, linked as C++ (the CLD2 shim needs the C++ sanitizer runtime)
  clang $CFLAGS -fsanitize=fuzzer-no-link,address,undefined -c "$t" -o "$OUT/$name.o"
  clang++ $SAN "$OUT/$name.o" $objs -o "$OUT/$name" $(pkg-config --libs $PKGS) $EXTRA
  corpus="tests/fuzz/corpus/${name#fuzz_}"
  mkdir -p "$OUT/corpus-$name"
  echo "fuzz: $name for $SECS s"
  "$OUT/$name" -max_total_time="$SECS" -max_len=65536 -timeout=10 "$OUT/corpus-$name" $( [ -d "$corpus" ] && echo "$corpus" )
done
