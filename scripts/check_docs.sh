#!/bin/sh
# check_docs.sh: every public function of include/recoupe/*.h has its comment:
# a RECOUPE_API declaration follows a comment, maybe through the other
# declarations and typedefs of its group. Prints each one that does not and
# exits 1 when there is one.
set -eu
cd "$(dirname "$0")/.."
python3 - include/recoupe/*.h <<'PY'
import sys
bad = 0
for h in sys.argv[1:]:
    L = open(h, encoding="utf-8").read().split("\n")
    for i, l in enumerate(L):
        if not l.startswith("RECOUPE_API"):
            continue
        j = i - 1
        while j >= 0 and (L[j].startswith(("RECOUPE_API", "typedef ")) or
                          (L[j].startswith("    ") and not L[j].lstrip().startswith(("*", "/*")))):
            j -= 1
        if j < 0 or not L[j].rstrip().endswith("*/"):
            bad += 1
            print("check_docs: %s:%d: no comment for %s" % (h, i + 1, l.split("(")[0].split()[-1].lstrip("*")))
if bad:
    sys.exit(1)
print("check_docs: every public function of include/recoupe/ is documented")
PY
