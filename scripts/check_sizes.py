#!/usr/bin/env python3
"""check_sizes.py: files stay small and functions short.

Every C file of src/, tools/ and include/ (generated data, *.inc, aside) is at
most 800 lines, and every function defined in src/ and tools/ at most 100 lines
(a top-level definition, from the line that opens it to its closing brace).
Prints each one over and exits 1 when there is one.
"""
import glob
import re
import sys

MAX_FILE, MAX_FUNC = 800, 100
files = sorted(glob.glob("src/*/*.[ch]") + glob.glob("src/*/*.cc") + glob.glob("tools/*/*.[ch]") +
               glob.glob("include/*.h") + glob.glob("include/*/*.h"))
bad = 0
for f in files:
    lines = open(f, encoding="utf-8", errors="replace").read().split("\n")
    if len(lines) - 1 > MAX_FILE:
        print("check_sizes: %s has %d lines (at most %d)" % (f, len(lines) - 1, MAX_FILE))
        bad += 1
    if f.endswith(".h"):
        continue
    i = 0
    while i < len(lines):
        line = lines[i]
        if (re.match(r"^[A-Za-z_].*\)\s*\{\s*$", line) and not line.startswith(("typedef", "struct", "enum", "union"))
                and "=" not in line.split("(")[0]):
            depth, j = 0, i
            while j < len(lines):
                depth += lines[j].count("{") - lines[j].count("}")
                if depth == 0 and j > i:
                    break
                j += 1
            if j - i + 1 > MAX_FUNC:
                name = re.sub(r"\(.*", "", line).split()[-1].lstrip("*")
                print("check_sizes: %s:%d: %s has %d lines (at most %d)" % (f, i + 1, name, j - i + 1, MAX_FUNC))
                bad += 1
            i = j
        i += 1
if bad:
    sys.exit(1)
print("check_sizes: %d files, none over %d lines, no function over %d" % (len(files), MAX_FILE, MAX_FUNC))
