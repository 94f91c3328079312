#!/usr/bin/env bash
# `make bench`: what a buyer downloads and how fast the home page is served,
# next to nginx serving the same HTML as a static file. Not a test: it prints figures.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${BENCH_DURATION:-10s}"
CONNECTIONS="${BENCH_CONNECTIONS:-32}"
APP_PORT=3322
NGINX_PORT=3323

need() {
  for bin in "$@"; do
    command -v "$bin" >/dev/null || {
      echo "==> installing $bin"
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || {
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
      }
      return
    }
  done
}
need wrk brotli
command -v nginx >/dev/null || need nginx-light

WORK="$(mktemp -d)"
cleanup() {
  [ -n "${APP:-}" ] && kill -TERM "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  [ -n "${PGAPP:-}" ] && kill -TERM "$PGAPP" 2>/dev/null && wait "$PGAPP" 2>/dev/null || true
  [ -n "${PG_DB:-}" ] && psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $PG_DB WITH (FORCE)" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

echo "== First-load JS + WASM of the home page (release, wasm-opt applied)"
printf '%-34s %10s %10s %10s\n' file raw gzip brotli
total_raw=0; total_gz=0; total_br=0
for f in target/site/pkg/peken*.js target/site/pkg/peken*.wasm; do
  case "$f" in *.br|*.gz) continue ;; esac
  raw=$(stat -c %s "$f")
  gz=$(gzip -9 -c "$f" | wc -c)
  br=$(brotli -q 11 -c "$f" | wc -c)
  total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
  printf '%-34s %10d %10d %10d\n' "$(basename "$f")" "$raw" "$gz" "$br"
done
printf '%-34s %10d %10d %10d   (%.1f KB brotli)\n' total "$total_raw" "$total_gz" "$total_br" "$(awk -v b="$total_br" 'BEGIN{print b/1024}')"

echo
echo "== Home page throughput: peken vs nginx static file, wrk -t2 -c$CONNECTIONS -d$DURATION on loopback"
DATABASE_URL="sqlite://$WORK/bench.db" PEKEN_MEDIA_DIR="$WORK/media" PEKEN_ADDR="127.0.0.1:$APP_PORT" \
  RUST_LOG=warn ./target/release/peken serve --demo >"$WORK/app.log" 2>&1 &
APP=$!
for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
mkdir -p "$WORK/static"
# nginx workers run as nobody: let them into mktemp's private directory.
chmod 755 "$WORK" "$WORK/static"
curl -fsS "http://127.0.0.1:$APP_PORT/" -o "$WORK/static/index.html"
chmod 644 "$WORK/static/index.html"
echo "home page HTML: $(stat -c %s "$WORK/static/index.html") bytes"

cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    root $WORK/static;
    location / { try_files /index.html =404; }
  }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK"
sleep 0.5

run() {
  local name=$1 url=$2
  wrk -t2 -c"$CONNECTIONS" -d1s "$url" >/dev/null 2>&1 # warm up
  local out
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "$url")
  local rps p99 errors
  rps=$(awk '/Requests\/sec/ {print $2}' <<<"$out")
  p99=$(awk '$1=="99%" {print $2}' <<<"$out")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' <<<"$out")
  printf '%-22s %12s req/s   p99 %10s   %s\n' "$name" "$rps" "$p99" "${errors:-no errors}"
}
run "peken (SSR, SQLite)" "http://127.0.0.1:$APP_PORT/"
run "nginx (static file)" "http://127.0.0.1:$NGINX_PORT/"

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  PG_PORT=3324
  PG_DB=peken_bench_$$
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $PG_DB"
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$PG_DB" PEKEN_MEDIA_DIR="$WORK/pgmedia" PEKEN_ADDR="127.0.0.1:$PG_PORT" \
    RUST_LOG=warn ./target/release/peken serve --demo >"$WORK/pg.log" 2>&1 &
  PGAPP=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$PG_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
  run "peken (SSR, PostgreSQL)" "http://127.0.0.1:$PG_PORT/"
else
  echo "peken on PostgreSQL: skipped (no server on 127.0.0.1:5432)"
fi
echo "(servers, database and wrk all share this machine's $(nproc) cores)"
