#!/bin/sh
# check_format.sh: every C file the project keeps is as clang-format (.clang-format,
# clang-format 14) writes it. Prints each file that is not, with the first lines
# that would change, and exits 1 when there is one; `make format` fixes them.
set -eu
cd "$(dirname "$0")/.."
command -v clang-format >/dev/null 2>&1 || { echo "check_format: clang-format is missing (sh scripts/deps.sh installs it)"; exit 1; }
bad=0
for f in $(git ls-files '*.c' '*.h' 2>/dev/null || find src tools tests bench include examples -name '*.[ch]'); do
    if ! clang-format "$f" | cmp -s - "$f"; then
        echo "check_format: $f is not formatted (make format FILES=$f):"
        clang-format "$f" | diff "$f" - | head -n 8 || true
        bad=$((bad + 1))
    fi
done
[ $bad -eq 0 ] && echo "check_format: every C file is formatted" || { echo "check_format: $bad file(s) to format"; exit 1; }
