#!/usr/bin/env python3
"""check_circles.py [BUILD]: no circle of calls between the library's files.

Reads the symbols each object of BUILD/src defines and uses (nm), draws an arrow
from a file to every other file whose function or data it uses, and looks for
circles (strongly connected groups of more than one file, Tarjan's algorithm).
Prints each one and exits 1 when there is one. check_layers.sh checks the
folders; this checks the files inside them.
"""
import subprocess, glob, sys, collections
objs = sorted(glob.glob((sys.argv[1] if len(sys.argv) > 1 else "build") + "/src/**/*.o", recursive=True))
defs, uses = {}, collections.defaultdict(set)
for o in objs:
    out = subprocess.run(["nm", o], capture_output=True, text=True).stdout
    for l in out.splitlines():
        p = l.split()
        if len(p) == 3 and p[1] in "TDBRVW": defs.setdefault(p[2], o)
        elif len(p) == 2 and p[0] == "U": uses[o].add(p[1])
g = {o: {defs[s] for s in uses[o] if s in defs and defs[s] != o} for o in objs}
# Tarjan
idx, low, st, on, out, c = {}, {}, [], set(), [], [0]
def sc(v):
    idx[v] = low[v] = c[0]; c[0] += 1; st.append(v); on.add(v)
    for w in g[v]:
        if w not in idx: sc(w); low[v] = min(low[v], low[w])
        elif w in on: low[v] = min(low[v], idx[w])
    if low[v] == idx[v]:
        comp = []
        while True:
            w = st.pop(); on.discard(w); comp.append(w)
            if w == v: break
        if len(comp) > 1: out.append(comp)
sys.setrecursionlimit(10000)
for v in objs:
    if v not in idx: sc(v)
for comp in out:
    print("check_circles: circle between", " ".join(sorted(x.split("/src/")[1] for x in comp)))
if out:
    sys.exit(1)
print("check_circles: no circle of calls between the %d files of the library" % len(objs))
