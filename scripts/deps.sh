#!/bin/sh
# Checks each Debian package the build, the tests and the evaluation need (python3-numpy and
# python3-scipy train and cross-validate the categories model, scripts/train_categories.py),
# and installs the missing ones with apt-get (through sudo when not root), saying what it installs.
# Quiet and quick when everything is there.
set -e
PKGS="build-essential pkg-config libxml2-dev zlib1g-dev libdeflate-dev libutf8proc-dev libxxhash-dev
libsqlite3-dev libjansson-dev libcld2-dev libstemmer-dev libcmocka-dev python3 libsimdjson-dev
libmicrohttpd-dev unicode-cldr-core iso-codes tzdata clang-format python3-numpy python3-scipy"
missing=""
for p in $PKGS; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
[ -z "$missing" ] && exit 0
echo "recoupe: installing missing Debian packages:$missing"
if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $missing
