#!/usr/bin/env bash
# Starts the release build on a fresh database with demo data and runs the
# Playwright tests against it. Expects `cargo leptos build --release` done.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${PEKEN_E2E_PORT:-3311}"
WORK="$(mktemp -d)"
LOG="$WORK/server.log"
cleanup() {
  if [ -n "${PID:-}" ] && kill -0 "$PID" 2>/dev/null; then
    kill -TERM "$PID"
    wait "$PID" || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# The tests sign in as the demo's one city officer more often than the
# per-account sign-in limit allows in 15 minutes (the limit itself is
# tested by the HTTP tests): that one limit is raised for this server.
DATABASE_URL="sqlite://$WORK/e2e.db" PEKEN_MEDIA_DIR="$WORK/media" PEKEN_ADDR="127.0.0.1:$PORT" \
  PEKEN_RATE_LIMITS="signin_account=100/900" \
  RUST_LOG=warn ./target/release/peken serve --demo >"$LOG" 2>&1 &
PID=$!

for _ in $(seq 1 240); do
  if curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1; then break; fi
  if ! kill -0 "$PID" 2>/dev/null; then
    echo "server exited early:" >&2
    cat "$LOG" >&2
    exit 1
  fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null

BIN="$(pwd)/target/release/peken"
cd end2end
PEKEN_E2E_BIN="$BIN" PEKEN_E2E_DB="sqlite://$WORK/e2e.db" PEKEN_MEDIA_DIR="$WORK/media" \
  PEKEN_E2E_URL="http://127.0.0.1:$PORT" node --test --test-concurrency=1 ${PEKEN_E2E_TESTS:-tests/} || {
  echo "--- server log ---" >&2
  tail -n 50 "$LOG" >&2
  exit 1
}
