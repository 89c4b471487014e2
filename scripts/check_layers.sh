#!/bin/sh
# check_layers.sh [BUILD]: no folder of src/ includes or calls a folder above it.
#
# The order, bottom first (DESIGN.md, "A layout that shows it"): util, core, read,
# extract, text, classify, facts, dedup, story, process, emit, store. A folder may include
# and call only itself and the folders before it. Includes are read from the
# sources; calls from the objects of BUILD (default build): every symbol an
# object uses is looked up among the symbols the library's objects define.
# Prints each arrow that runs upward and exits 1 when there is one.
set -eu
cd "$(dirname "$0")/.."
BUILD=${1:-build}
ORDER="util core read extract text classify facts dedup story process emit store"
rank() {
    r=0
    for f in $ORDER; do
        [ "$f" = "$1" ] && { echo $r; return; }
        r=$((r + 1))
    done
    echo -1
}
bad=0
for dir in src/*/; do
    d=$(basename "$dir")
    if [ "$(rank "$d")" -lt 0 ]; then
        echo "check_layers: src/$d is not in the order ($ORDER): place it there" >&2
        bad=1
    fi
done
# includes
for f in src/*/*.c src/*/*.cc src/*/*.h; do
    [ -f "$f" ] || continue
    d=$(echo "$f" | cut -d/ -f2)
    rd=$(rank "$d")
    for inc in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([a-z_]*\)\/.*/\1/p' "$f" | sort -u); do
        [ -d "src/$inc" ] || continue
        ri=$(rank "$inc")
        if [ "$ri" -gt "$rd" ]; then
            echo "check_layers: $f includes $inc/, a folder above $d/" >&2
            bad=1
        fi
    done
done
# calls: from the objects, when built
if ls "$BUILD"/src/*/*.o > /dev/null 2>&1; then
    for o in "$BUILD"/src/*/*.o; do
        # an object left over from a source file since removed is not the code
        src=${o#$BUILD/}; src=${src%.o}
        [ -f "$src.c" ] || [ -f "$src.cc" ] || [ -f "$src.S" ] || continue
        d=$(echo "$o" | sed "s|^$BUILD/src/||; s|/.*||")
        nm -g "$o" 2>/dev/null | awk -v d="$d" -v o="${o#$BUILD/}" '
            NF == 3 && $2 != "U" && $2 != "w" {print "D", $3, d, o}
            NF == 2 && $1 == "U" {print "U", $2, d, o}'
    done | awk -v order="$ORDER" '
        BEGIN { n = split(order, f, " "); for (i = 1; i <= n; i++) rank[f[i]] = i }
        $1 == "D" { owner[$2] = $3; next }
        { use[++m] = $0 }
        END {
            for (i = 1; i <= m; i++) {
                split(use[i], u, " ")
                if ((u[2] in owner) && rank[owner[u[2]]] > rank[u[3]]) {
                    printf "check_layers: %s calls %s of %s/, a folder above %s/\n", u[4], u[2], owner[u[2]], u[3]
                    bad = 1
                }
            }
            exit bad
        }' >&2 || bad=1
fi
[ $bad -eq 0 ] && echo "check_layers: no folder includes or calls a folder above it ($ORDER)"
exit $bad
