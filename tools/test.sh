#!/usr/bin/env bash
# The full test suite: static checks, then every project's unit and integration tests against a
# real Kafka broker and a real PostgreSQL (the configured one, or the embedded one), which this script starts (or reuses) first.
set -euo pipefail
cd "$(dirname "$0")/.."
export NX_DAEMON=false NX_NO_CLOUD=true NX_TUI=false

# Each step says when it began (seconds into the run), so a slow CI run shows where its time went.
step() { printf '\n\033[1m== %s (at %d s)\033[0m\n' "$*" "$SECONDS"; }

step "client types from the committed OpenAPI documents (npm ci writes them too; a no-op when up to date)"
npm run --silent openapi:types

step "infrastructure"
# PG_ADMIN_URL (default 127.0.0.1:5432) when it answers, else the embedded PostgreSQL (tools/setup/postgres.mjs).
node tools/setup/postgres.mjs ensure
bash tools/setup/ensure-chromium.sh
bash infra/kafka/kafka.sh start
node infra/postgres/setup.mjs
# Every step below (tests, security suite, e2e, bench) uses this server, whatever is recorded meanwhile.
if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL="$(node tools/setup/postgres.mjs url "${RACKEVAL_TEST_DB:-rackeval_test}")"
fi
export TEST_DATABASE_URL

step "format, lint, module boundaries, type-check, event and HTTP contracts"
npm run --silent format:check
npx nx run-many -t lint typecheck --outputStyle=static
npm run --silent lint:boundaries
npm run --silent asyncapi:check
npm run --silent openapi:check
npm run --silent openapi:lint
npx tsc -p bench/tsconfig.json --noEmit
npx tsc -p tools/demo/tsconfig.json --noEmit
npx eslint bench

step "tests"
npx jest -c tools/jest.config.js
npx nx run-many -t test --outputStyle=static --parallel=2

step "security suite (black-box: policy × roles × JWT attacks, body fuzzing, CSV, logs, database and Kafka privileges)"
npm run --silent test:security

step "console end to end (headless Chromium against the whole stack)"
npm run --silent e2e -w @rackeval/console

step "benchmark harness smoke run (--quick: tiny sizes; checks every scenario runs, judges no figure)"
npm run --silent bench -- --quick

step "fault suite (its own broker on 19092 and PostgreSQL on 25432: nemeses, then a Jepsen-style checker)"
npm run --silent test:faults

step "cluster chaos (its own 3 brokers on 27092-27094 and PostgreSQL on 25532, two processes per service: the leading broker and one process of each service killed; its cluster stopped after, pass or fail)"
( trap 'KAFKA_CLUSTER_PORTS=27092,27093,27094 KAFKA_CLUSTER_CONTROLLER_PORTS=27192,27193,27194 KAFKA_CLUSTER_STATE_DIR=tools/faults/.state/cluster bash infra/kafka/kafka.sh cluster stop >/dev/null 2>&1' EXIT; npm run --silent test:faults -- --cluster --only=cluster --seed 20261129 --racks 12 )

step "all passed"
