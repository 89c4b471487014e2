# serve_checker.sh: the tgnews checker's sequence against `recoupe server PORT`
# (PUT a folder on one keep-alive connection, 16 GETs, kill -9, restart, 16 GETs,
# DELETE half, 16 GETs), then the durability test: a few thousand PUTs, kill -9
# at a random moment, restart, every acknowledged article is there.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.lib"
FOLDER="$TMP/folder"
mkdir -p "$FOLDER"
cp "$(dirname "$0")/../../examples/koursk/"* "$FOLDER/"
for f in "$FIXTURES"/extract/*.html "$FIXTURES"/story/*.txt; do cp "$f" "$FOLDER/$(basename "$f")"; done

# `server PORT` from another folder, as the contest starts it: the store is ./recoupe.db there
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
mkdir -p "$TMP/run"
start_server() {
  (cd "$TMP/run" && exec "$RECOUPE" server "$port" >"$TMP/server.out" 2>>"$TMP/serve.err") &
  SERVER_PID=$!
  URL="http://127.0.0.1:$port"
  i=0
  while [ $i -lt 100 ] && ! python3 "$CLIENT" ready "$URL" 2>/dev/null; do sleep 0.1; i=$((i + 1)); done
}
start_server
client checker "$URL" "$FOLDER" put
serve_stop KILL
start_server
client checker "$URL" "$FOLDER" restart
client checker "$URL" "$FOLDER" delete "$TMP/left.json"
serve_stop KILL
start_server
run curl -s "$URL/api/stories?limit=1000"
expect_json "after DELETE and kill -9 the deleted articles stay deleted" \
  "sum(s['size'] for s in d[0]['results']) == d[0]['articles'] == len(__import__('json').load(open('$TMP/left.json')))"
[ -f "$TMP/run/recoupe.db" ] && ok "server PORT keeps its store in the folder it runs in" || notok "server PORT keeps its store in the folder it runs in"
serve_stop TERM

# durability: kill -9 during a flood of PUTs
DB="$TMP/flood.db"
serve_start "$DB" || exit 0
client flood "$URL" 3000 "$TMP/acked" &
FLOOD=$!
sleep "$(python3 -c 'import random; print(round(random.uniform(1.0, 3.0), 2))')"
serve_stop KILL
wait $FLOOD
serve_start "$DB" || exit 0
client acked "$URL" "$TMP/acked"
serve_stop TERM
