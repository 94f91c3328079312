#!/usr/bin/env bash
# The merchant's figures for `make bench`: first-load bytes of a merchant
# page, the photo pipeline on a 12-megapixel photo, and the product list
# of a shop with 500 products (server time alone, then under load).
# Prints figures; not a test.
set -euo pipefail
cd "$(dirname "$0")/.."

PORT="${BENCH_MERCHANT_PORT:-3331}"
PRODUCTS="${BENCH_MERCHANT_PRODUCTS:-500}"
DURATION="${BENCH_DURATION:-10s}"
WORK="$(mktemp -d)"
cleanup() {
  [ -n "${APP:-}" ] && kill -TERM "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
BIN=./target/release/peken
DB="sqlite://$WORK/merchant.db"

echo "== The merchant's pages"
echo "-- first-load script of a merchant page (no WebAssembly there)"
for f in public/toko.js public/sw-register.js; do
  printf '  %-22s raw %6d B   brotli %6d B\n' "$f" "$(stat -c %s "$f")" "$(brotli -c -q 11 "$f" | wc -c)"
done

echo "-- photo pipeline (decode, orient, three JPEG variants), release build"
DATABASE_URL="$DB" RUST_LOG=warn "$BIN" bench-photo --width 4000 --height 3000 --rounds 5 | sed 's/^/  /'

echo "-- product list of a shop with $PRODUCTS products (SQLite)"
DATABASE_URL="$DB" RUST_LOG=warn "$BIN" migrate >/dev/null
FIXTURE=$(DATABASE_URL="$DB" RUST_LOG=warn "$BIN" merchant-fixture --products "$PRODUCTS" | tail -n 1)
COOKIE=$(printf '%s' "$FIXTURE" | sed -E 's/.*"cookie":"([^"]+)".*/\1/')
DATABASE_URL="$DB" PEKEN_MEDIA_DIR="$WORK/media" PEKEN_ADDR="127.0.0.1:$PORT" RUST_LOG=warn \
  "$BIN" serve >"$WORK/server.log" 2>&1 &
APP=$!
for _ in $(seq 1 120); do curl -fsS "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && break; sleep 0.25; done
for path in /toko-saya/produk "/toko-saya/produk?q=uji+04" /toko-saya/pesanan /toko-saya; do
  times=()
  for _ in $(seq 1 30); do
    times+=("$(curl -s -o /dev/null -H "Cookie: $COOKIE" -w '%{time_starttransfer}' "http://127.0.0.1:$PORT$path")")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)] * 1000}')
  status=$(curl -s -o /dev/null -H "Cookie: $COOKIE" -w '%{http_code}' "http://127.0.0.1:$PORT$path")
  printf '  %-30s HTTP %s  server time median %6s ms (30 requests, one at a time)\n' "$path" "$status" "$median"
done
if command -v wrk >/dev/null; then
  echo "-- /toko-saya/produk under load (wrk, 8 connections, $DURATION)"
  wrk -t1 -c8 -d"$DURATION" --latency -H "Cookie: $COOKIE" "http://127.0.0.1:$PORT/toko-saya/produk" \
    | grep -E "Requests/sec|50%|99%" | sed 's/^/  /'
fi
