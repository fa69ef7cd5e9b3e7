#!/usr/bin/env bash
# Makes sure Debian's Chromium is at /usr/bin/chromium for the console's browser tests.
# Installs the `chromium` package when running as root (or with password-less sudo);
# otherwise stops with one sentence saying what to install.
set -euo pipefail

CHROMIUM="${CHROMIUM_PATH:-/usr/bin/chromium}"
[ -x "$CHROMIUM" ] && exit 0

if [ "$(id -u)" -eq 0 ]; then
  as_root=()
elif command -v sudo >/dev/null && sudo -n true 2>/dev/null; then
  as_root=(sudo -n)
else
  echo "The console's browser tests need Chromium at $CHROMIUM: install Debian's package with 'sudo apt-get install -y chromium' and run the tests again." >&2
  exit 1
fi
if ! command -v apt-get >/dev/null; then
  echo "The console's browser tests need Chromium at $CHROMIUM and this machine has no apt-get: install Chromium there (or set CHROMIUM_PATH) and run the tests again." >&2
  exit 1
fi

echo "[chromium] not found at $CHROMIUM; installing Debian's chromium package (once)"
# Package lists on a new machine may be stale: refresh them once before installing.
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends chromium
[ -x "$CHROMIUM" ] || { echo "apt-get installed chromium but $CHROMIUM is still missing" >&2; exit 1; }
echo "[chromium] installed: $("$CHROMIUM" --version 2>/dev/null || echo "$CHROMIUM")"
