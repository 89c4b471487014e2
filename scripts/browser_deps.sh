#!/bin/sh
# Makes the browser tests runnable: Debian's chromium (apt) and playwright-core
# (npm, pinned by tests/browser/package-lock.json, installed into
# tests/browser/node_modules). Says what it installs; quiet when all is there.
# Exit 0 when the tests can run, 3 (with the reason on stderr) when they cannot,
# so that a test skips with a message instead of failing.
cd "$(dirname "$0")/.." || exit 3
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
need=""
[ -x /usr/bin/chromium ] || need="$need chromium"
command -v node >/dev/null 2>&1 || need="$need nodejs"
command -v npm >/dev/null 2>&1 || need="$need npm"
if [ -n "$need" ]; then
  echo "recoupe: installing Debian packages for the browser tests:$need" >&2
  $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1 ||
    { $SUDO apt-get update -qq >/dev/null 2>&1 &&
      $SUDO apt-get install -y -qq --no-install-recommends $need >/dev/null 2>&1; } ||
    { echo "browser tests: could not install$need" >&2; exit 3; }
fi
if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "recoupe: installing playwright-core from npm into tests/browser/node_modules" >&2
  (cd tests/browser && npm ci --no-audit --no-fund --loglevel=error >/dev/null 2>&1) ||
    { echo "browser tests: npm could not install playwright-core" >&2; exit 3; }
fi
exit 0
