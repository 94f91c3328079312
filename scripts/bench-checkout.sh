#!/usr/bin/env bash
# Checkouts per second and place-order latency (p50/p99) with 64 buyers at
# once over HTTP, on SQLite and PostgreSQL, with the oversell check in the
# same run. Expects the release build. Prints figures; not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

BUYERS="${BENCH_BUYERS:-64}"
SECONDS_EACH="${BENCH_CHECKOUT_SECONDS:-15}"
PORT=3327
WORK="$(mktemp -d)"
cleanup() {
  if [ -n "${PID:-}" ] && kill -0 "$PID" 2>/dev/null; then kill -TERM "$PID"; wait "$PID" || true; fi
  if [ -n "${PG_DB:-}" ]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

bench() {
  local label="$1" url="$2"
  DATABASE_URL="$url" RUST_LOG=error ./target/release/peken seed --demo --no-photos >/dev/null
  DATABASE_URL="$url" RUST_LOG=error ./target/release/peken load-fixture --buyers "$BUYERS" --stock 10000000 >"$WORK/fixture.json"
  # Buyers here check out far more often than a person can: lift their limit.
  DATABASE_URL="$url" PEKEN_MEDIA_DIR="$WORK/media" PEKEN_ADDR="127.0.0.1:$PORT" PEKEN_PAYMENTS=off \
    PEKEN_RATE_LIMITS="checkout_account=100000000/60" RUST_LOG=error \
    ./target/release/peken serve >"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  printf '%-12s ' "$label"
  (cd end2end && PEKEN_E2E_URL="http://127.0.0.1:$PORT" node load/checkout-bench.mjs "$WORK/fixture.json" "$SECONDS_EACH")
  kill -TERM "$PID"; wait "$PID" || true; PID=
}

echo "== Checkout under load: $BUYERS buyers at once, ${SECONDS_EACH}s each (server, database and load generator share $(nproc) cores)"
[ -n "${SKIP_SQLITE:-}" ] || bench "SQLite" "sqlite://$WORK/checkout.db"
if [ -z "${SKIP_PG:-}" ] && pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  PG_DB="peken_checkout_$$"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null
  bench "PostgreSQL" "postgres://postgres@127.0.0.1:5432/$PG_DB"
else
  echo "PostgreSQL: skipped (no server on 127.0.0.1:5432)"
fi
