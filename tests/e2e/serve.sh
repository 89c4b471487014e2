# serve.sh: `recoupe serve` end to end: options, the seed sample PUT and read
# back through every endpoint, restart keeping the stories and their ids, each
# bad request of the spec, idle clients, and a clean stop on SIGTERM.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.lib"
SEED="$(dirname "$0")/../../examples/koursk"

run "$RECOUPE" serve --help
expect_rc "serve --help exits 0" 0
expect_out "serve --help documents --max-body" "--max-body"
run "$RECOUPE" serve --port 99999
expect_rc "a bad --port is a usage error" 2
run "$RECOUPE" server
expect_rc "server without a port is a usage error" 2
run "$RECOUPE" serve --port 0 --bind not-an-address --db "$TMP/x.db"
expect_rc "a bad --bind fails" 1
expect_err "a bad --bind says why" "not a numeric"

DB="$TMP/seed.db"
serve_start "$DB" --max-body 1M --per-ip 40 --timeout 2 || exit 0
expect_url() { case "$URL" in http://127.0.0.1:[0-9]*) ok "$1" ;; *) notok "$1" "URL $URL" ;; esac; }
expect_url "serves on loopback by default and prints the URL"
client put "$URL" "$SEED"
get() { run curl -s "$URL$1"; }
get "/threads?period=2592000&lang_code=fr&category=any"
expect_json "the seed sample is one French thread of 5, in its articles' category" \
  'len(d[0]["threads"]) == 1 and len(d[0]["threads"][0]["articles"]) == 5 and d[0]["threads"][0]["category"] == "society"'
get "/threads?period=2592000&lang_code=fr&category=society"
expect_json "category=society gives the seed thread, without a category member" \
  'len(d[0]["threads"]) == 1 and len(d[0]["threads"][0]["articles"]) == 5 and "category" not in d[0]["threads"][0]'
get "/threads?period=2592000&lang_code=fr&category=other"
expect_json "category=other does not give a society thread" 'd[0] == {"threads": []}'
get "/threads?period=2592000&lang_code=en&category=any"
expect_json "no English thread" 'd[0] == {"threads": []}'
get "/threads?period=2592000&lang_code=fr&category=sports"
expect_json "a category without stories gives no thread" 'd[0] == {"threads": []}'
get "/api/stories"
expect_json "/api/stories lists the story, with its category" 'd[0]["stories"] == 1 and d[0]["results"][0]["size"] == 5 and d[0]["articles"] == 5 and d[0]["results"][0]["category"] == "society"'
ID=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["id"])' "$TMP/out")
get "/api/stories/$ID"
expect_json "/api/stories/ID has its articles and sources" \
  'len(d[0]["articles"]) == 5 and len(d[0]["sources"]) >= 2 and all(a["name"] for a in d[0]["articles"])'
get "/api/stories/12345"
expect_json "an unknown story id -> error" '"error" in d[0]'
get "/api/search?q=Koursk"
expect_json "search finds Koursk with snippets, best first" \
  'len(d[0]["results"]) >= 3 and "[Koursk]" in " ".join(r["snippet"] for r in d[0]["results"]) and [r["score"] for r in d[0]["results"]] == sorted([r["score"] for r in d[0]["results"]], reverse=True)'
get "/api/search?q=%22%29%20OR%20*"
expect_json "search words are never query syntax" 'd[0]["results"] == []'
get "/api/articles/000_8b6b17dbcdda0834.txt"
expect_json "/api/articles/NAME gives the extracted article" 'd[0]["id"] == "000_8b6b17dbcdda0834.txt" and len(d[0]["text"]) > 200'
run curl -s -X POST -H 'Content-Type: application/json' --data-binary \
  '{"id":"posted-1","title":"Les soldats nord-coréens à Koursk","text":"Des soldats nord-coréens sont déployés dans la région de Koursk, selon Washington.","date":"2024-10-31T12:00:00Z"}' \
  "$URL/api/articles"
expect_json "POST /api/articles takes a JSON Lines record" 'd[0]["name"] == "posted-1"'
get "/threads?period=2592000&lang_code=fr&category=any"
expect_json "the same /threads after a write is answered anew (no stale cached answer)" \
  'any("posted-1" in t["articles"] for t in d[0]["threads"])'
get "/api/search?q=Koursk&limit=50"
expect_json "the same search after a write is answered anew (no stale cached answer)" \
  'any(r["name"] == "posted-1" for r in d[0]["results"])'
cp "$TMP/out" "$TMP/search1"
get "/api/search?q=Koursk&limit=50"
if cmp -s "$TMP/out" "$TMP/search1"; then ok "a search asked twice gives the same answer"; else notok "a search asked twice gives the same answer"; fi
get "/api/search?q=Koursk&limit=1"
expect_json "the limit is part of the answer asked" 'len(d[0]["results"]) == 1'
get "/healthz"
expect_json "/healthz, the stories caught up with the writes" 'd[0]["status"] == "ok" and d[0]["articles"] == 6 and d[0]["backlog"] == 0'
get "/metrics"
expect_out "/metrics: articles" '^recoupe_articles 6$'
expect_out "/metrics: the placer's backlog" '^recoupe_backlog 0$'
expect_out "/metrics: a latency histogram by route" '^recoupe_request_seconds_bucket\{route="put",le="\+Inf"\} [0-9]+'
expect_out "/metrics: store size" '^recoupe_store_bytes [1-9]'
get "/"
expect_out "the web page is served" '<title>recoupe'
expect_no_out "the web page asks for no external asset" '(src|href)="(https?:)?//'
put_dated() { # NAME DATE MAX_AGE
  run curl -s -o /dev/null -w '%{http_code}' -X PUT -H "Cache-Control: max-age=$3" --data-binary \
    "<html><head><title>Note $1</title><meta property='article:published_time' content='$2'></head><body><p>Une note brève, numéro $1, sur la météo de la semaine à Lyon et dans la région.</p></body></html>" "$URL/$1"
}
put_dated old-note 2024-10-20T08:00:00Z 3600
put_dated new-note 2024-10-31T20:00:00Z 3600
run curl -s -o /dev/null -w '%{http_code}' "$URL/api/articles/old-note"
expect_out "an article expires once the newest date passes its date + max-age" '^404$'
run curl -s -o /dev/null -w '%{http_code}' "$URL/api/articles/new-note"
expect_out "the newest article does not expire" '^200$'
run curl -s -X DELETE -o /dev/null -w '%{http_code}' "$URL/new-note"
client bad "$URL" 000_8b6b17dbcdda0834.txt
client idle "$URL" 60 2
serve_stop TERM
if [ "$STOP_RC" = 0 ]; then ok "SIGTERM stops the server, exit 0"; else notok "SIGTERM stops the server, exit 0" "exit $STOP_RC"; fi

serve_start "$DB" || exit 0
get "/api/stories"
expect_json "restart: every article is back" 'd[0]["articles"] == 9 and d[0]["results"][0]["id"] == "'"$ID"'"'
run curl -s "$URL/api/stories/$ID"
expect_json "restart: the same story id" 'len(d[0]["articles"]) >= 5'
serve_stop INT
if [ "$STOP_RC" = 0 ]; then ok "SIGINT stops the server, exit 0"; else notok "SIGINT stops the server, exit 0" "exit $STOP_RC"; fi

# --sync full: acknowledged, then kill -9: still there
serve_start "$TMP/full.db" --sync full || exit 0
client put "$URL" "$SEED" >/dev/null
serve_stop KILL
serve_start "$TMP/full.db" --sync full || exit 0
get "/healthz"
expect_json "--sync full: every acknowledged PUT survives kill -9" 'd[0]["articles"] == 5'
serve_stop TERM
