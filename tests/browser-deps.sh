#!/bin/sh
# What the browser tests need from Debian: chromium (driven by Playwright, which
# cannot download its own browsers here) and CJK fonts (readable screenshots of
# Chinese pages).  Installs them with apt-get when they are missing, as root or
# through sudo; otherwise says in one line what to run.  `make test` calls it.
set -eu

PACKAGES="chromium fonts-noto-cjk"
missing=""
[ -x /usr/bin/chromium ] || missing="$missing chromium"
dpkg-query -W -f='${Status}' fonts-noto-cjk 2>/dev/null | grep -q "ok installed" || missing="$missing fonts-noto-cjk"
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = "0" ]; then
    SUDO=""
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    SUDO="sudo -n"
else
    echo "error: the browser tests need Debian's$missing; install with: sudo apt-get install -y --no-install-recommends $PACKAGES" >&2
    exit 1
fi
if ! command -v apt-get >/dev/null 2>&1; then
    echo "error: the browser tests need Debian's$missing (no apt-get on this machine: install chromium at /usr/bin/chromium and Noto CJK fonts)" >&2
    exit 1
fi
echo "installing$missing for the browser tests (apt-get)" >&2
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends $PACKAGES >/dev/null
