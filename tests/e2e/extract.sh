#!/bin/sh
# End-to-end tests of `recoupe extract` on the bundled sample and on the extract fixtures.
. "$(dirname "$0")/lib.sh"
F=$FIXTURES/extract
SAMPLE=$FIXTURES/../../examples/koursk

run "$RECOUPE" extract --help;                  expect_rc "extract --help exits 0" 0; expect_out "extract --help shows --format" "--format"
run "$RECOUPE" --help;                          expect_out "--help lists extract" "^  extract "
run "$RECOUPE" extract --format xml "$F";       expect_rc "bad --format is a usage error" 2
run "$RECOUPE" extract --fields file,nope "$F"; expect_rc "unknown field is a usage error" 2

# the bundled sample: five clean texts, the dates the texts state
run "$RECOUPE" extract --quiet "$SAMPLE"
expect_rc "sample extracts cleanly" 0
expect_lines "sample gives five articles" 5
expect_json "every record has the documented members" \
  "all(set(r)=={'file','id','url','title','date','site','author','lang','description','text','chars','warnings'} for r in d)"
expect_json "first article dated 31 October 2024 20:52" "d[0]['date']=='2024-10-31T20:52:00'"
expect_json "first article titled from its first substantial line" "d[0]['title'].startswith('Russie : 8 000 soldats')"
expect_json "a ' – Libération' suffix is the site, not the title" \
  "d[3]['site']=='Libération' and not d[3]['title'].endswith('Libération')"
expect_json "noise lines are gone" \
  "not any(n in r['text'] for r in d for n in ('Menu\n','Commentaires','Aucun commentaire','Lire aussi','(nouvelle fenêtre)','Bouton retour en haut','Suivez la couverture','(Kim Won Jin/AFP)','©AFP'))"
expect_json "subheadings stay" "'Une « escalade significative » selon l’Otan' in d[4]['text']"
expect_json "texts are paragraphs with blank lines" "all('\n\n' in r['text'] and r['chars']>1500 for r in d)"

# HTML fixtures: metadata and cleanup through the CLI
run "$RECOUPE" extract --quiet --jobs 1 "$F/jsonld.html" "$F/boilerplate.html"
expect_rc "HTML extracts cleanly" 0
expect_json "JSON-LD metadata" \
  "d[0]['title']=='Harbour bridge reopens after repairs' and d[0]['date'].startswith('2023-05-04') and d[0]['site']=='The Daily Example' and d[0]['lang']=='en'"
expect_json "canonical url" "d[0]['url']=='https://news.example.org/2023/05/04/bridge'"
expect_json "boilerplate is gone" "'Share on' not in d[1]['text'] and 'Pool to close' not in d[1]['text'] and 'council voted' in d[1]['text']"

# --fields and --format text
run "$RECOUPE" extract --quiet --fields file,title "$F/jsonld.html"
expect_json "--fields picks members" "list(d[0])==['file','title']"
run "$RECOUPE" extract --quiet --format text "$F/jsonld.html"
expect_out "--format text prints the text" "^The harbour bridge reopened"
expect_no_out "--format text prints no JSON" "^\\{"

# not articles: a warning, never a failure
run "$RECOUPE" extract --quiet "$F/onlyjs.html" "$F/index.html"
expect_rc "non-articles do not fail" 0
expect_json "non-articles carry a warning" "all(r['warnings'] for r in d)"

# deeply nested pages keep their text; what lies past the depth the walks take is read
# flat, and said
python3 - "$TMP" <<'PY'
import sys
d = sys.argv[1]
para = "Le conseil municipal a voté le budget de l'année après un long débat sur les écoles du quartier."
for n in (250, 255, 1000, 100000):
    open(f"{d}/nest{n}.html", "w").write("<html><body>" + "<div>" * n + "<p>" + para + " " + para + " " + para + "</p>" + "</div>" * n + "</body></html>")
open(f"{d}/font.html", "w").write("<html><head><title>Vieux journal</title></head><body>" +
    "".join(f"<p><font size=2>Paragraphe {i} : {para}" for i in range(400)) + "</body></html>")
PY
for n in 250 255 1000 100000; do
  run "$RECOUPE" extract --quiet --fields text,warnings "$TMP/nest$n.html"
  expect_json "$n nested elements keep the text" "d[0]['text'] and d[0]['text'].count('Le conseil municipal')==3"
done
run "$RECOUPE" extract --quiet --fields text,warnings "$TMP/nest1000.html"
expect_json "1000 levels need no flattening and say nothing" "not d[0]['warnings']"
run "$RECOUPE" extract --quiet --fields text,warnings "$TMP/nest100000.html"
expect_json "100000 levels are read flat, and it is said" "any('nested deeper' in w for w in d[0]['warnings'])"
run "$RECOUPE" extract --quiet --fields text,warnings "$TMP/font.html"
expect_json "400 paragraphs with <font> never closed are all kept" \
  "all(f'Paragraphe {i} :' in d[0]['text'] for i in range(400))"

# deeply nested HTML keeps its text: N nested elements around prose, then an old page of
# 400 `<p><font size=2>` paragraphs whose <font> is never closed
for n in 250 255 1000 100000; do
  python3 -c "import sys; n=int(sys.argv[1]); print('<html><body>' + '<div>'*n + 'Deep text under many elements, with enough words to be prose. '*8 + '</div>'*n + '</body></html>')" $n >"$TMP/deep$n.html"
  run "$RECOUPE" extract --quiet --fields chars,text,warnings "$TMP/deep$n.html"
  expect_json "text under $n nested elements is kept" "d[0]['chars']>=490 and d[0]['text'].count('Deep text')==8 and ($n>=2000 or not d[0]['warnings'])"
done
python3 -c "print('<html><body>' + ''.join('<p><font size=2>Paragraph %d of an old page, which never closes its font tag.' % i for i in range(400)) + '</body></html>')" >"$TMP/font400.html"
run "$RECOUPE" extract --quiet --fields text,warnings "$TMP/font400.html"
expect_json "400 unclosed <font> paragraphs all kept, in order" \
  "[int(p.split()[1]) for p in d[0]['text'].split('\n\n')]==list(range(400))"

# JSON Lines: the record's text is the article's text, kept whole, whatever its length
J=$TMP/records.jsonl
cat >"$J" <<'JL'
{"id":"one","title":"Municipales à Lyon","text":"Premier paragraphe sur les municipales à Lyon avec des détails importants.","date":"2024-03-01"}
{"id":"two","title":"Municipales à Lyon","text":"Premier paragraphe sur les municipales à Lyon avec des détails importants.\n\nDeuxième paragraphe qui suit.","date":"2024-03-01"}
{"id":"many","title":"Municipales à Lyon","text":"Premier paragraphe sur les municipales à Lyon avec des détails importants.\n\nDeuxième paragraphe qui suit.\n\nTroisième paragraphe final.","date":"2024-03-01"}
{"id":"furniture","title":"Budget","text":"Menu\nPartager\nLe budget de la ville augmente de trois pour cent cette année, selon le maire.\nPublicité\nNewsletter"}
JL
run "$RECOUPE" extract --quiet --fields id,title,text,warnings "$J"
expect_json "JSON Lines texts of one, two, many paragraphs are kept whole" \
  "[r['text'].count('\n\n')+1 for r in d[:3]]==[1,2,3] and all(r['text'].startswith('Premier paragraphe') for r in d[:3])"
expect_json "the record's own title is kept" "all(r['title']=='Municipales à Lyon' for r in d[:3])"
expect_json "furniture lines at the ends of a record's text go" \
  "d[3]['text']=='Le budget de la ville augmente de trois pour cent cette année, selon le maire.'"
K=$TMP/two-stories.jsonl
cat >"$K" <<'JL'
{"id":"defence","title":"Le budget de la défense en hausse","text":"Le gouvernement a présenté mardi un budget de la défense en hausse de sept pour cent pour l'an prochain, avec de nouveaux crédits pour les frégates et les drones.\n\nLe ministre des armées a défendu devant les députés une loi de programmation militaire qui prévoit le recrutement de dix mille réservistes supplémentaires.\n\nSuivez toute l'actualité en direct sur notre site et dans notre application.","date":"2024-03-01"}
{"id":"coach","title":"Le club limoge son entraîneur","text":"Le club de football de la ville a limogé son entraîneur après une série de cinq défaites consécutives en championnat et une élimination en coupe.\n\nLes supporters réclamaient depuis des semaines le départ du technicien, arrivé l'été dernier avec l'ambition de jouer l'Europe.\n\nSuivez toute l'actualité en direct sur notre site et dans notre application.","date":"2024-03-01"}
JL
run "$RECOUPE" extract --quiet --fields id,text "$K"
expect_json "both records keep their three paragraphs" "all(r['text'].count('\n\n')==2 for r in d)"
run "$RECOUPE" dups --quiet "$K"
expect_json "two stories sharing a closing paragraph are not duplicates" "d==[]"
run "$RECOUPE" threads --quiet "$K"
expect_out "two stories sharing a closing paragraph are two threads" "defence"
cp "$TMP/out" "$TMP/threads.json"
if python3 -c "
import json,sys
raw=open(sys.argv[1]).read()
d=json.loads(raw) if raw.lstrip().startswith('[') else [json.loads(l) for l in raw.splitlines() if l.strip()]
s=json.dumps(d)
sys.exit(0 if len(d)==2 or ('\"defence\"' in s and '\"coach\"' in s and len(d)!=1) else 1)" "$TMP/threads.json"; then ok "threads keeps the two stories apart"; else notok "threads keeps the two stories apart" "$(head -c 400 "$TMP/threads.json")"; fi

# a declared UTF-8 with a few bad bytes stays UTF-8, the bad bytes replaced and counted;
# a declaration is overruled only when the bytes clearly say otherwise, with a warning
printf '<html><head><meta charset="utf-8"></head><body><p>The price is 5 \342\202\254, but \303\050 and \377 and \376 and \240 are broken bytes in this text, long enough to be prose.</p></body></html>' >"$TMP/badutf8.html"
run "$RECOUPE" extract --quiet --fields encoding,repaired,text,warnings "$TMP/badutf8.html"
expect_json "declared utf-8 with 4 bad bytes stays utf-8" \
  "d[0]['encoding']=='utf-8' and d[0]['repaired']==4 and '5 €' in d[0]['text'] and 'â‚¬' not in d[0]['text']"
printf '<html><head><meta charset="utf-8"></head><body><p>Le caf\351 de la f\352te, \340 la plage \351t\351 comme hiver, pr\350s du ch\342teau.</p></body></html>' >"$TMP/latin1.html"
run "$RECOUPE" extract --quiet --fields encoding,text,warnings "$TMP/latin1.html"
expect_json "declared utf-8 that is clearly windows-1252 is overruled, saying why" \
  "d[0]['encoding']=='windows-1252' and 'café' in d[0]['text'] and any('overruled' in w for w in d[0]['warnings'])"
printf '<html><head><meta charset="iso-8859-1"></head><body><p>Le caf\303\251 de la f\303\252te, long enough.</p></body></html>' >"$TMP/declared1252.html"
run "$RECOUPE" extract --quiet --fields encoding,warnings "$TMP/declared1252.html"
expect_json "a declared single-byte charset overruled by valid UTF-8 says so" \
  "d[0]['encoding']=='utf-8' and any('overruled' in w for w in d[0]['warnings'])"

# a plain text too short for a paragraph keeps its text (nothing is lost)
printf 'Un article compressé\n\nLe texte de l'"'"'article, en français.\n' > "$TMP/short.txt"
run "$RECOUPE" extract --quiet --fields text,warnings "$TMP/short.txt"
expect_json "a short plain text keeps its text" "d[0]['text'] == 'Un article compressé\\n\\nLe texte de l\\'article, en français.' and 'extract: no main text found' not in d[0]['warnings']"
printf 'Breaking news from the harbour today.\n' > "$TMP/oneline.txt"
run "$RECOUPE" extract --quiet --fields title,text "$TMP/oneline.txt"
expect_json "a one-line text is its title and its text" "d[0]['text'] == d[0]['title'] == 'Breaking news from the harbour today.'"
