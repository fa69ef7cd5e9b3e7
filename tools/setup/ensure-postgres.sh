#!/usr/bin/env bash
# Makes sure the PostgreSQL the README asks for answers on 127.0.0.1:5432. On a Debian machine
# whose own cluster is installed but stopped, starts it; otherwise says what is missing.
# With PG_ADMIN_URL set, that server is the caller's business and nothing is started.
set -euo pipefail

[ -n "${PG_ADMIN_URL:-}" ] && exit 0
pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null && exit 0

if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ] && [ -n "$(ls /etc/postgresql)" ]; then
  version="$(ls /etc/postgresql | sort -V | tail -1)"
  echo "[postgres] not answering on 127.0.0.1:5432; starting the machine's cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && exit 0; sleep 1; done
fi
echo "PostgreSQL 15+ must answer on 127.0.0.1:5432 as 'postgres' with trust auth (or set PG_ADMIN_URL): install Debian's 'postgresql' package or start your server, then run again." >&2
exit 1
