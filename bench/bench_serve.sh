#!/bin/sh
# bench_serve.sh: `recoupe serve` under load on loopback. N articles (100,000 by
# default; BENCH_SERVE_N) of the gen_stream.py stream PUT as HTML on 8 keep-alive
# connections (bench/bench_serve.py), while wrk (installed here when missing)
# keeps 64 connections on GET /threads and then GET /api/search; then, once the
# stories have caught up with the writes, the server's CPU time, memory and store
# size per article, and the restart time
# with everything stored (until the first 200 of /healthz). Needs ../shared for
# the stream; skips, saying so, without it. Only 127.0.0.1; bounded in time.
BUILD=${1:-build}
N=${BENCH_SERVE_N:-100000}
OUT=bench/out/serve
mkdir -p "$OUT"
[ -d ../shared/eval ] || { echo "bench_serve: skip: ../shared/eval is absent"; exit 0; }
command -v wrk >/dev/null 2>&1 || {
  echo "bench_serve: installing wrk (Debian) for the load"
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends wrk >/dev/null ||
    { echo "bench_serve: skip: wrk could not be installed"; exit 0; }
}
STREAM=bench/out/stream-100k
[ -f "$STREAM/meta.json" ] || python3 bench/gen_stream.py --out "$STREAM" 100k >/dev/null || exit 1
DB="$OUT/bench.db"
rm -f "$DB" "$DB-wal" "$DB-shm"
start() {
  "$BUILD/recoupe" serve --port 0 --db "$DB" >"$OUT/serve.out" 2>"$OUT/serve.err" &
  PID=$!
  T0=$(date +%s.%N)
  URL=""
  while :; do
    URL=$(sed -n 's/^recoupe: serving \(http:[^ ]*\)\/ .*/\1/p' "$OUT/serve.out")
    [ -n "$URL" ] && [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/healthz")" = 200 ] && break
    sleep 0.05
  done
  T1=$(date +%s.%N)
}
cpu() { awk '{printf "%.2f", ($14 + $15) / 100}' "/proc/$PID/stat"; }
rss() { awk '/VmRSS/ {print $2 * 1024}' "/proc/$PID/status"; }
start
python3 bench/bench_serve.py "$URL" "$STREAM" "$N" 8 >"$OUT/ingest.json" &
ING=$!
sleep 5
wrk -t2 -c64 -d15s --latency "$URL/threads?period=86400&lang_code=en&category=any" >"$OUT/wrk_threads.txt" 2>&1
wrk -t2 -c64 -d15s --latency "$URL/api/search?q=minister" >"$OUT/wrk_search.txt" 2>&1
wait $ING
# the stories follow the acknowledged writes: wait until they show all of them
# (the backlog of /healthz at 0; polled for 300 s at most), so that the CPU, memory and
# count below cover every article placed
health() { curl -s "$URL/healthz" | python3 -c "import json,sys; print(json.load(sys.stdin).get('$1', 0))"; }
T2=$(date +%s.%N)
BACKLOG=$(health backlog)
for _ in $(seq 2000); do
  [ "$(health backlog)" = 0 ] && break
  sleep 0.1
done
CAUGHT=$(awk -v a="$T2" -v b="$(date +%s.%N)" 'BEGIN {printf "%.1f", b - a}')
ART=$(health articles)
CPU=$(cpu)
RSS=$(rss)
kill -TERM $PID
wait $PID
STORE=$(stat -c %s "$DB")
start
RESTART=$(awk -v a="$T0" -v b="$T1" 'BEGIN {printf "%.2f", b - a}')
RCPU=$(cpu)
kill -TERM $PID
wait $PID
p99() { awk '$1 == "99%" {print $2}' "$1"; }
rps() { awk '/Requests\/sec/ {print $2}' "$1"; }
echo "bench_serve: $(cat "$OUT/ingest.json")"
echo "bench_serve: once the ingest and the GETs were over, $BACKLOG writes not yet in the stories; caught up $CAUGHT s later"
echo "bench_serve: server CPU (user+sys) over the ingest and the GETs: $CPU s; $ART articles held"
echo "bench_serve: GET /threads during ingest, 64 connections: p99 $(p99 "$OUT/wrk_threads.txt"), $(rps "$OUT/wrk_threads.txt") req/s"
echo "bench_serve: GET /api/search during ingest, 64 connections: p99 $(p99 "$OUT/wrk_search.txt"), $(rps "$OUT/wrk_search.txt") req/s"
echo "bench_serve: memory $RSS bytes RSS = $((RSS / ART)) bytes per article; store $STORE bytes = $((STORE / ART)) bytes per article"
echo "bench_serve: restart with $ART stored: first 200 after $RESTART s wall, $RCPU s CPU"
