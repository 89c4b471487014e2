#!/bin/sh
# The public headers: include/recoupe.h and each part it includes
# (include/recoupe/*.h) compile alone, in C17 and in C++, with every warning an
# error, so a program can include only the part it uses.
. "$(dirname "$0")/lib.sh"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
for h in "$ROOT"/include/recoupe.h "$ROOT"/include/recoupe/*.h; do
    name=${h#"$ROOT"/include/}
    printf '#include <%s>\n#include <%s>\nint main(void) { return 0; }\n' "$name" "$name" > "$TMP/h.c"
    if cc -std=c17 -Wall -Wextra -Werror -pedantic -I"$ROOT/include" -fsyntax-only "$TMP/h.c" 2> "$TMP/err"; then
        ok "$name compiles alone (C17, twice included)"
    else notok "$name compiles alone (C17, twice included)" "$(head -n 5 "$TMP/err")"; fi
    cp "$TMP/h.c" "$TMP/h.cc"
    if c++ -std=c++17 -Wall -Wextra -Werror -I"$ROOT/include" -fsyntax-only "$TMP/h.cc" 2> "$TMP/err"; then
        ok "$name compiles alone (C++17)"
    else notok "$name compiles alone (C++17)" "$(head -n 5 "$TMP/err")"; fi
done
n=$(grep -c '^#include "recoupe/' "$ROOT/include/recoupe.h")
m=$(ls "$ROOT"/include/recoupe/*.h | wc -l)
if [ "$n" = "$m" ]; then ok "recoupe.h includes every part ($m)"; else notok "recoupe.h includes every part" "$n of $m"; fi
