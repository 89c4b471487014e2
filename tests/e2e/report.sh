# report.sh: `recoupe report` on the bundled sample and on hostile fixtures (markup,
# quotes and javascript: URLs in titles, outlets and URLs; Russian and Arabic
# titles; undated articles; a story of one article), a story of 5,000 articles,
# the limit, the language filter and bad usage; then the page in headless
# Chromium (skipped, saying so, when it cannot be installed).
. "$(dirname "$0")/lib.sh"
F="$FIXTURES/report"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
H="$TMP/h.html"

run "$RECOUPE" report --help
expect_rc "report --help exits 0" 0
expect_out "report --help names its options" "--limit N.*"

run "$RECOUPE" report --quiet -o "$TMP/k.html" "$ROOT/examples/koursk"
expect_rc "report of the sample exits 0" 0
cp "$TMP/k.html" "$TMP/out"
expect_out "the page is HTML" "^<!DOCTYPE html>"
# the sample's claims: one disputed group of soldiers' figures, from 1,500 to 12,000
expect_out "the sample's claims table is drawn" '<table class="claims">'
expect_out "its soldiers' figures are disputed" '<tr class="disputed first"><td dir="auto">soldats nord-cor'
expect_out "it holds the lowest figure (1500)" '<td class="num">1500</td>'
expect_out "it holds the highest figure (12000)" '<td class="num">12000</td>'
expect_out "the overview marks the story's figures disputed" '</a> <span class="badge">disputed figures</span></td>'
expect_out "the story lists its entities, Koursk among them" '<ul class="entities">.*<span dir="auto">Koursk</span>'
expect_out "the filter box finds the story by an entity" 'data-q="[^"]*\| Antony Blinken'
n=$(grep -c '<tr data-s=' "$TMP/k.html")
if [ "$n" = 1 ]; then ok "the sample is one story"; else notok "the sample is one story" "$n rows"; fi
expect_out "the story holds five articles from two sources (four of unknown outlet)" '<td>5</td><td>2 <span'
expect_out "the overview counts the articles" '<dd>5</dd>'
expect_out "no network: a CSP forbids every fetch" "default-src 'none'"
expect_no_out "no external asset" '(src|href)="(https?:)?//[^"]*\.(css|js|woff2?|png|svg)'

run "$RECOUPE" report --quiet -o "$H" "$F"
expect_rc "report of the hostile fixtures exits 0" 0
cp "$H" "$TMP/out"
expect_no_out "a title cannot close the script" '</script><script>alert'
expect_out "a title's markup shows as text" '&lt;/script&gt;&lt;script&gt;alert\(1\)&lt;/script&gt;'
expect_no_out "a title cannot add an element" '<img'
expect_out "quotes in titles are escaped" "&#39;river&#39;"
expect_out "an outlet's markup shows as text" 'Daily &lt;b&gt;Bugle&lt;/b&gt;'
expect_no_out "a javascript: URL is never a link" 'href="javascript'
expect_out "a javascript: URL is shown as text" '<code class="url">javascript:alert\(document.cookie\)</code>'
expect_no_out "a quote in a URL cannot open an attribute" 'href="[^"]*"onmouseover'
expect_out "a quote in a URL is escaped inside the link" 'href="https://wire.example/a&quot;onmouseover=&quot;alert\(3\)"'
expect_out "an ampersand in a URL is escaped" 'href="https://bugle.example/flood\?a=1&amp;b=2"'
expect_out "Russian titles are kept, in their language" 'lang="ru" dir="auto">Снегопад парализовал Новосибирск'
expect_out "Arabic titles read right to left (dir=auto)" 'dir="auto">افتتاح مستشفى جديد في إربد'
expect_out "undated articles say so" '<td class="none">undated</td>'
expect_out "a story of undated articles has no timeline, and says so" 'No article of this story is dated'
expect_out "a story of one article is drawn" 'Young grandmaster wins the Oslo chess final'
expect_out "duplicate groups mark their origin" '<strong>origin</strong>'
expect_out "a copy says how it copied" 'wire copy \(the same text\)'
expect_out "timelines carry a text alternative" '<desc id="s-[0-9a-f]*-d">[0-9]+ dated article'
n=$(grep -c '<tr data-s=' "$H")
if [ "$n" = 4 ]; then ok "four stories listed"; else notok "four stories listed" "$n rows"; fi

run "$RECOUPE" report --quiet --limit 2 -o "$TMP/l.html" "$F"
expect_rc "report --limit 2 exits 0" 0
cp "$TMP/l.html" "$TMP/out"
n=$(grep -c '<section class="story"' "$TMP/l.html")
if [ "$n" = 2 ]; then ok "--limit 2 draws two stories"; else notok "--limit 2 draws two stories" "$n sections"; fi
expect_out "the page says stories were left out" 'Only the 2 most important stories of 4 are drawn'

run "$RECOUPE" report --quiet --lang ru -o - "$F"
expect_rc "report --lang ru -o - exits 0" 0
expect_out "--lang ru keeps the Russian story" 'Снегопад'
expect_no_out "--lang ru drops the others" 'Oslo chess'
expect_out "-o - writes the page to standard output" '</html>'

run "$RECOUPE" report --quiet --title 'Desk <one> & "two"' -o - "$F"
expect_out "--title is escaped" '<title>Desk &lt;one&gt; &amp; &quot;two&quot;</title>'

run "$RECOUPE" report --limit 0 "$F"
expect_rc "--limit 0 is a usage error" 2
run "$RECOUPE" report --lang 'r"u' "$F"
expect_rc "a bad --lang is a usage error" 2
expect_err "a bad --lang says what is wrong" "--lang: a language code"
run "$RECOUPE" report --quiet -o "$TMP/no/such/dir/r.html" "$F"
expect_rc "an unwritable output exits 1" 1
expect_err "an unwritable output is named" "no/such/dir/r.html.tmp"

# one bad input among good ones: reported, skipped, counted on the page
printf '{"id":"bad","title":"broken\n' > "$TMP/bad.jsonl"
cp "$F/hostile.jsonl" "$TMP/good.jsonl"
run "$RECOUPE" report --quiet -o "$TMP/b.html" "$TMP/good.jsonl" "$TMP/bad.jsonl"
expect_rc "a bad input is reported (exit 1)" 1
expect_err "the bad input is named with its line" "bad.jsonl:1"
cp "$TMP/b.html" "$TMP/out"
expect_out "the page is still written, and counts the input skipped" '<div><dt>inputs skipped</dt><dd>1</dd></div>'

# a story of 5,000 articles: counted whole, its table cut at --max-articles
python3 - "$TMP/big.jsonl" <<'PY'
import json, random, sys
random.seed(1)
base = ("Heavy rain caused the Blue River to burst its banks in Riverton on Monday. Mayor Jane Holt said "
        "300 homes were evacuated and the Riverton bridge was closed. Emergency crews worked through the night.")
words = "alpha bravo charlie delta echo foxtrot golf hotel india juliet kilo lima mike november oscar papa".split()
with open(sys.argv[1], "w") as f:
    for i in range(5000):
        r = {"id": "big-%d" % i, "site": "Outlet %d" % (i % 40), "title": "Riverton flood update %d" % i,
             "text": base + " " + " ".join(random.choice(words) for _ in range(12)) + "."}
        if i % 7:
            r["date"] = "2024-03-%02dT%02d:00:00Z" % (4 + i % 3, i % 24)
        f.write(json.dumps(r) + "\n")
PY
run "$RECOUPE" report --quiet --max-articles 50 -o "$TMP/big.html" "$TMP/big.jsonl"
expect_rc "a story of 5,000 articles exits 0" 0
cp "$TMP/big.html" "$TMP/out"
expect_out "the big story counts all its articles" '<td>5000</td>'
expect_out "its table stops at --max-articles and says so" 'The 4950 less central articles are not listed \(limit 50\)'
n=$(grep -c '<circle class="ar"\|<rect class="cp"' "$TMP/big.html")
if [ "$n" -gt 0 ] && [ "$n" -le 2400 ]; then ok "its timeline has bounded marks ($n)"; else notok "its timeline has bounded marks" "$n marks"; fi
s=$(wc -c <"$TMP/big.html")
if [ "$s" -lt 400000 ]; then ok "the page stays small ($s bytes)"; else notok "the page stays small" "$s bytes"; fi

# the page in a browser
if sh "$ROOT/scripts/browser_deps.sh" >"$TMP/deps" 2>&1; then
  shot="$(dirname "$RECOUPE")/report-seeds.png"
  node "$ROOT/tests/browser/report.test.js" "$TMP/k.html" "$shot" 1 5
  node "$ROOT/tests/browser/report.test.js" "$H" "" 4 | sed 's/^\(not \)\{0,1\}ok - /&hostile: /'
else
  echo "ok - # skip browser tests: $(tail -1 "$TMP/deps")"
fi
