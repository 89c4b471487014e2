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
# peer on fr en ru de es it pt nl pl uk ar zh (must not be negative).
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
print(f"langid sentences: recoupe {fig[('sentences', 'recoupe')]:.4f}  cld2-full {fig[('sentences', 'cld2')]:.4f}")
print(f"langid word pairs: recoupe {fig[('word_pairs', 'recoupe')]:.4f}  cld2-full {fig[('word_pairs', 'cld2')]:.4f}")
print(f"FIGURE langid_sentences_macro {fig[('sentences', 'recoupe')]:.4f} 0.980")
print(f"FIGURE langid_word_pairs_macro {fig[('word_pairs', 'recoupe')]:.4f} 0.910")
print(f"FIGURE langid_sentences_minus_cld2 {fig[('sentences', 'recoupe')] - fig[('sentences', 'cld2')]:.4f} 0.020")
print(f"FIGURE langid_word_pairs_minus_cld2 {fig[('word_pairs', 'recoupe')] - fig[('word_pairs', 'cld2')]:.4f} 0.080")
print(f"FIGURE langid_major_min_margin_over_cld2 {margin:.4f} 0.0")
PY
