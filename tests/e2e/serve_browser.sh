# serve_browser.sh: the web page of `recoupe serve` driven in headless Chromium
# (tests/browser/serve.test.js) against a server holding the seed sample.
# Skips, saying why, when Chromium or playwright-core cannot be installed.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/serve.lib"
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
sh "$ROOT/scripts/browser_deps.sh" 2>"$TMP/deps.err" || {
  echo "ok - # skip: browser test: $(tail -1 "$TMP/deps.err")"
  exit 0
}
serve_start "$TMP/page.db" || exit 0
client put "$URL" "$ROOT/examples/koursk" >/dev/null
node "$ROOT/tests/browser/serve.test.js" "$URL/"
serve_stop TERM
