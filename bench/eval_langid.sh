#!/bin/sh
# eval_langid.sh BUILD: language identification on ../shared/eval/langid, honestly.
#
# The model shipped in the library (data/langid.bin) was trained on all of the
# data, so it cannot be scored on it. Here a model is trained on the odd lines of
# every file (scripts/train_langid.py --half odd) and recoupe is scored, through
# RECOUPE_LANGID_MODEL, on the even lines, which that model never saw. The peer,
# CLD2 with Debian's full tables and kCLDFlagBestEffort (recoupe lang --method
# cld2), is scored on the same lines in the same run. Figures: macro accuracy on
# sentences and on word pairs (score.py langid), and the smallest margin over the
# peer on fr en ru de es it pt nl pl uk ar zh (must not be negative). Long texts
# (which are judged on samples of their beginning) are scored too: "articles" of
# about 1 KB and 3 KB made by joining the even lines of each sentences file, one
# article per line. And "und" is reported: the share of word pairs left undecided
# and the accuracy of the answers given.
BUILD=${1:-build}
SHARED=${SHARED:-../shared}
DATA=$SHARED/eval/langid
if [ ! -d "$DATA/sentences" ]; then
  echo "eval_langid: $DATA not found: skipped"
  exit 0
fi
set -e
OUT=bench/out/langid
rm -rf "$OUT/gold" "$OUT/pred"
mkdir -p "$OUT"
python3 scripts/train_langid.py --half odd -o "$OUT/model-odd.bin" \
  "$DATA/sentences" "$DATA/word-pairs" "$DATA/single-words"
for set in sentences word-pairs; do
  mkdir -p "$OUT/gold/$set" "$OUT/pred/recoupe/$set" "$OUT/pred/cld2/$set"
  for f in "$DATA/$set"/*.txt; do
    name=$(basename "$f")
    awk 'NR % 2 == 0' "$f" > "$OUT/gold/$set/$name"
  done
  # two processes at a time
  ls "$OUT/gold/$set" | xargs -P2 -I{} sh -c "
    RECOUPE_LANGID_MODEL='$OUT/model-odd.bin' '$BUILD/recoupe' lang --lines -q -j1 '$OUT/gold/$set/{}' > '$OUT/pred/recoupe/$set/{}'
    '$BUILD/recoupe' lang --lines -q -j1 --method cld2 '$OUT/gold/$set/{}' > '$OUT/pred/cld2/$set/{}'"
done
# long texts: even lines of each sentences file joined into articles of ~1 KB and ~3 KB
python3 - "$DATA/sentences" "$OUT" <<'PY'
import os, sys
src, out = sys.argv[1], sys.argv[2]
for size in (1000, 3000):
    os.makedirs(f"{out}/gold/articles-{size}", exist_ok=True)
    for name in sorted(os.listdir(src)):
        lines = [l.strip() for i, l in enumerate(open(os.path.join(src, name), encoding="utf-8")) if i % 2 == 1]
        arts, cur, n = [], [], 0
        for l in lines:
            cur.append(l); n += len(l.encode()) + 1
            if n >= size:
                arts.append(" ".join(cur)); cur, n = [], 0
        if arts:  # (a file too short for one article is left out)
            open(f"{out}/gold/articles-{size}/{name}", "w", encoding="utf-8").write("".join(a + "\n" for a in arts))
PY
for set in articles-1000 articles-3000; do
  mkdir -p "$OUT/pred/recoupe/$set" "$OUT/pred/cld2/$set"
  ls "$OUT/gold/$set" | xargs -P2 -I{} sh -c "
    RECOUPE_LANGID_MODEL='$OUT/model-odd.bin' '$BUILD/recoupe' lang --lines -q -j1 '$OUT/gold/$set/{}' > '$OUT/pred/recoupe/$set/{}'
    '$BUILD/recoupe' lang --lines -q -j1 --method cld2 '$OUT/gold/$set/{}' > '$OUT/pred/cld2/$set/{}'"
done
python3 - "$SHARED/eval/score.py" "$OUT" <<'PY'
import os, subprocess, sys
score, out = sys.argv[1], sys.argv[2]
major = "fr en ru de es it pt nl pl uk ar zh".split()

def per_lang(gold, pred):
    acc = {}
    for name in sorted(os.listdir(gold)):
        g = open(os.path.join(gold, name), encoding="utf-8").read().split("\n")[:-1]
        p = open(os.path.join(pred, name), encoding="utf-8").read().split("\n")
        lang = name.split(".")[0]
        if g:
            acc[lang] = sum(1 for i in range(len(g)) if i < len(p) and p[i].strip() == lang) / len(g)
    return acc

fig = {}
margin = 1.0
for s, key in (("sentences", "sentences"), ("word-pairs", "word_pairs")):
    for who in ("recoupe", "cld2"):
        r = subprocess.run([sys.executable, score, "langid", f"{out}/gold/{s}", f"{out}/pred/{who}/{s}"],
                           capture_output=True, text=True, check=True).stdout
        print(f"--- {s}, {who}\n{r.strip()}")
        fig[(key, who)] = float(r.strip().split("\n")[-1].split()[-1])
    ours, peer = per_lang(f"{out}/gold/{s}", f"{out}/pred/recoupe/{s}"), per_lang(f"{out}/gold/{s}", f"{out}/pred/cld2/{s}")
    print(f"{s}: " + "  ".join(f"{l} {ours[l]:.3f}/{peer[l]:.3f}" for l in major) + "   (recoupe/cld2)")
    margin = min(margin, min(ours[l] - peer[l] for l in major))
for s, key in (("articles-1000", "articles_1k"), ("articles-3000", "articles_3k")):
    for who in ("recoupe", "cld2"):
        r = subprocess.run([sys.executable, score, "langid", f"{out}/gold/{s}", f"{out}/pred/{who}/{s}"],
                           capture_output=True, text=True, check=True).stdout
        fig[(key, who)] = float(r.strip().split("\n")[-1].split()[-1])
    print(f"langid {s}: recoupe {fig[(key, 'recoupe')]:.4f}  cld2-full {fig[(key, 'cld2')]:.4f}")
# und: how many word pairs are left undecided, and how often the answers given are right
n = und = right = 0
for name in sorted(os.listdir(f"{out}/gold/word-pairs")):
    g = open(f"{out}/gold/word-pairs/{name}", encoding="utf-8").read().split("\n")[:-1]
    p = open(f"{out}/pred/recoupe/word-pairs/{name}", encoding="utf-8").read().split("\n")
    lang = name.split(".")[0]
    for i in range(len(g)):
        a = p[i].strip() if i < len(p) else "und"
        n += 1
        und += a == "und"
        right += a == lang
print(f"langid word pairs: und {und / n:.4f} of the items; accuracy of the answers given {right / max(1, n - und):.4f}")
print(f"langid sentences: recoupe {fig[('sentences', 'recoupe')]:.4f}  cld2-full {fig[('sentences', 'cld2')]:.4f}")
print(f"langid word pairs: recoupe {fig[('word_pairs', 'recoupe')]:.4f}  cld2-full {fig[('word_pairs', 'cld2')]:.4f}")
print(f"FIGURE langid_sentences_macro {fig[('sentences', 'recoupe')]:.4f} 0.980")
print(f"FIGURE langid_word_pairs_macro {fig[('word_pairs', 'recoupe')]:.4f} 0.910")
print(f"FIGURE langid_sentences_minus_cld2 {fig[('sentences', 'recoupe')] - fig[('sentences', 'cld2')]:.4f} 0.020")
print(f"FIGURE langid_word_pairs_minus_cld2 {fig[('word_pairs', 'recoupe')] - fig[('word_pairs', 'cld2')]:.4f} 0.080")
print(f"FIGURE langid_major_min_margin_over_cld2 {margin:.4f} 0.0")
print(f"FIGURE langid_articles_1k_macro {fig[('articles_1k', 'recoupe')]:.4f} 0.995")
print(f"FIGURE langid_articles_3k_macro {fig[('articles_3k', 'recoupe')]:.4f} 0.998")
print(f"FIGURE langid_word_pairs_answered_accuracy {right / max(1, n - und):.4f} 0.920")
PY
