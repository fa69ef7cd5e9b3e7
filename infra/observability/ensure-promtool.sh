#!/usr/bin/env bash
# Prints the path of a promtool, to check and unit-test the alert rules. Uses $PROMTOOL, one on the
# PATH, or one extracted earlier into infra/observability/.bin; otherwise extracts it from Debian's
# `prometheus` package with `apt-get download` + `dpkg -x` (installing the package would also start
# a Prometheus service). Exits 1 with one sentence when none can be had; the tests then parse only.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
local_bin="$here/.bin/promtool"

for candidate in "${PROMTOOL:-}" "$(command -v promtool || true)" "$local_bin"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ]; then echo "$candidate"; exit 0; fi
done

if ! command -v apt-get >/dev/null || ! command -v dpkg >/dev/null; then
  echo "promtool not found and this machine has no apt-get/dpkg: install Prometheus' promtool (or set PROMTOOL) to check the alert rules with it" >&2
  exit 1
fi

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
download() { (cd "$work" && apt-get download -q prometheus >/dev/null 2>&1); }
if ! download; then
  # Package lists on a new machine may be stale or missing: refresh them once when allowed to.
  if [ "$(id -u)" -eq 0 ]; then apt-get update -q >/dev/null 2>&1 || true; fi
  download || { echo "promtool not found and 'apt-get download prometheus' failed: install Prometheus' promtool (or set PROMTOOL)" >&2; exit 1; }
fi
dpkg -x "$work"/prometheus_*.deb "$work/root"
mkdir -p "$here/.bin"
cp "$work/root/usr/bin/promtool" "$local_bin"
echo "[promtool] extracted from Debian's prometheus package: $("$local_bin" --version 2>&1 | head -1)" >&2
echo "$local_bin"
