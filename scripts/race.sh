#!/usr/bin/env bash
# Checkout race over real HTTP against the release server, on SQLite and
# (when a server answers) PostgreSQL: 200 buyers at once for 10 units.
# Expects `cargo leptos build --release` done.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PEKEN_RACE_PORT:-3312}"
WORK="$(mktemp -d)"
cleanup() {
  if [ -n "${PID:-}" ] && kill -0 "$PID" 2>/dev/null; then kill -TERM "$PID"; wait "$PID" || true; fi
  if [ -n "${PG_DB:-}" ]; then
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" >/dev/null 2>&1 || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# race <label> <database url>
race() {
  local label="$1" url="$2"
  echo "--- $label"
  DATABASE_URL="$url" RUST_LOG=error ./target/release/peken seed --demo --no-photos >/dev/null
  DATABASE_URL="$url" RUST_LOG=error ./target/release/peken load-fixture --buyers 201 --stock 10 >"$WORK/fixture.json"
  DATABASE_URL="$url" PEKEN_MEDIA_DIR="$WORK/media" PEKEN_ADDR="127.0.0.1:$PORT" PEKEN_PAYMENTS=off \
    RUST_LOG=warn ./target/release/peken serve >"$WORK/server.log" 2>&1 &
  PID=$!
  for _ in $(seq 1 120); do
    curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break
    kill -0 "$PID" 2>/dev/null || { cat "$WORK/server.log" >&2; exit 1; }
    sleep 0.5
  done
  (cd end2end && PEKEN_E2E_URL="http://127.0.0.1:$PORT" node load/checkout-race.mjs "$WORK/fixture.json") || {
    echo "--- server log ---" >&2; tail -n 50 "$WORK/server.log" >&2; exit 1
  }
  kill -TERM "$PID"; wait "$PID" || true; PID=
}

race "SQLite" "sqlite://$WORK/race.db"
if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  PG_DB="peken_race_$$"
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $PG_DB" >/dev/null
  race "PostgreSQL" "postgres://postgres@127.0.0.1:5432/$PG_DB"
else
  echo "!!! PostgreSQL race SKIPPED: no server on 127.0.0.1:5432"
fi
