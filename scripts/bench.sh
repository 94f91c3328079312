#!/usr/bin/env bash
# `make bench`: what a buyer downloads, Lighthouse on the buyer's pages, public
# pages under load next to nginx serving the same bytes and instructions per
# request (scripts/bench-pages.sh; both written to bench/results/), search,
# checkout and merchant figures. Not a test: it prints figures.
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

echo
echo "== What each buyer page loads on first visit (brotli -q 11 bytes; JS+WASM: the budget is 60 KB)"
br_of() { brotli -q 11 -c "$1" | wc -c; }
HOME_HTML="$WORK/static/index.html"
PRODUCT=$(grep -o 'href="/produk/[0-9]*"' "$HOME_HTML" | head -1 | cut -d'"' -f2)
SHOP=$(grep -o 'href="/toko/[^"]*"' "$HOME_HTML" | head -1 | cut -d'"' -f2)
printf '%-28s %9s %9s %9s %12s\n' page html css js+wasm "js+wasm KB"
for path in / "/cari?q=kopi" "/cari?kategori=sembako&urut=termurah" /kategori/sembako "$PRODUCT" "$SHOP" /offline /masuk; do
  curl -fsS "http://127.0.0.1:$APP_PORT$path" -o "$WORK/page.html"
  html=$(br_of "$WORK/page.html")
  css=0; code=0
  for asset in $(grep -o '/pkg/[^"]*' "$WORK/page.html" | sort -u); do
    f="target/site$asset"
    [ -f "$f" ] || continue
    case "$f" in
      *.css) css=$((css + $(br_of "$f"))) ;;
      *.js|*.wasm) code=$((code + $(br_of "$f"))) ;;
    esac
  done
  # The wasm is fetched by the hydration script, not named in a link tag.
  if ! grep -q '\.wasm' "$WORK/page.html" && grep -q '/pkg/.*\.js' "$WORK/page.html"; then
    for f in target/site/pkg/peken*.wasm; do case "$f" in *.br|*.gz) ;; *) code=$((code + $(br_of "$f"))) ;; esac; done
  fi
  printf '%-28s %9d %9d %9d %12.1f\n' "$path" "$html" "$css" "$code" "$(awk -v b="$code" 'BEGIN{print b/1024}')"
done

echo
echo "== Lighthouse, mobile (home, category, search, shop, product; cart and checkout signed in)"
./scripts/test-tools.sh >/dev/null
mkdir -p bench/results
LH_OUT="bench/results/lighthouse-$(date -u +%Y-%m-%dT%H%MZ).md"
echo "# Lighthouse on the demo (SQLite, page cache on as in production)" >"$LH_OUT"
(cd end2end && PEKEN_E2E_URL="http://127.0.0.1:$APP_PORT" node bench-lighthouse.mjs "../$LH_OUT")
echo "written to $LH_OUT"

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  PG_PORT=3324
  PG_DB=peken_bench_$$
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $PG_DB"
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$PG_DB" PEKEN_MEDIA_DIR="$WORK/pgmedia" PEKEN_ADDR="127.0.0.1:$PG_PORT" \
    RUST_LOG=warn ./target/release/peken serve --demo >"$WORK/pg.log" 2>&1 &
  PGAPP=$!
  for _ in $(seq 1 240); do curl -fsS "http://127.0.0.1:$PG_PORT/healthz" >/dev/null 2>&1 && break; sleep 0.5; done
fi

# ---------------------------------------------------------------------------
# Search: server time of /cari pages (full SSR: query, count, render), one
# request at a time, measured by curl on loopback. The query mix: partial
# words, two-word queries, a misspelling (corrected), no result, filters,
# sorts and deep pages.
SEARCH_ROUNDS="${BENCH_SEARCH_ROUNDS:-5}"
BIG_PRODUCTS="${BENCH_BIG_PRODUCTS:-100000}"
QUERIES=(
  "q=kopi" "q=kop" "q=KOPI%20bubuk" "q=beras" "q=beras%205%20kg" "q=gula%20pasir" "q=minyak%20goreng"
  "q=batik" "q=kue" "q=sambal" "q=keripik%20tempe" "q=teh" "q=susu" "q=sabun" "q=madu" "q=tahu"
  "q=es" "q=kopu" "q=sambel" "q=zzqqxx" "q=kerupuk&urut=termurah" "q=kopi&urut=terlaris"
  "q=beras&kecamatan=Tegalsari" "q=kue&jenis=umkm&mbr=1" "q=kopi&harga_min=10.000&harga_maks=20.000&stok=1"
  "kategori=sembako" "kategori=sembako&urut=termurah&halaman=3" "urut=terbaru" "urut=terlaris&halaman=20"
  "kecamatan=Rungkut&stok=1" "q=surabaya"
)
search_bench() {
  local name=$1 base=$2 times="$WORK/times-$RANDOM.txt"
  for q in "${QUERIES[@]}"; do curl -fsS -o /dev/null "$base/cari?$q"; done # warm up
  : >"$times"
  for _ in $(seq 1 "$SEARCH_ROUNDS"); do
    for q in "${QUERIES[@]}"; do
      curl -fsS -o /dev/null -w '%{time_total}\n' "$base/cari?$q" >>"$times"
    done
  done
  sort -g "$times" | awk -v name="$name" '{ t[NR] = $1 * 1000 } END {
    p50 = t[int(NR * 0.50 + 0.5)]; p95 = t[int(NR * 0.95 + 0.5)];
    printf "%-34s %5d requests   p50 %7.1f ms   p95 %7.1f ms   max %7.1f ms\n", name, NR, p50, p95, t[NR] }'
  # The slowest queries, to see what the tail is made of.
  for q in "${QUERIES[@]}"; do
    printf '%s %s\n' "$(curl -fsS -o /dev/null -w '%{time_total}' "$base/cari?$q")" "$q"
  done | sort -gr | head -3 | awk '{ printf "    slowest: %6.1f ms  /cari?%s\n", $1 * 1000, $2 }'
}
serve_on() { # port database-url log
  DATABASE_URL="$2" PEKEN_MEDIA_DIR="$WORK/media-$1" PEKEN_ADDR="127.0.0.1:$1" RUST_LOG=warn \
    ./target/release/peken serve >"$3" 2>&1 &
  echo $!
}
wait_up() { for _ in $(seq 1 600); do curl -fsS "http://127.0.0.1:$1/healthz" >/dev/null 2>&1 && return; sleep 0.5; done; echo "server on $1 did not start"; exit 1; }

echo
echo "== Search: server time per /cari request, ${#QUERIES[@]} queries x $SEARCH_ROUNDS rounds"
search_bench "demo catalog, SQLite" "http://127.0.0.1:$APP_PORT"
if [ -n "${PGAPP:-}" ]; then search_bench "demo catalog, PostgreSQL" "http://127.0.0.1:$PG_PORT"; fi

BIG_PORT=3325
echo "generating a $BIG_PRODUCTS-product catalog on SQLite…"
start=$(date +%s)
DATABASE_URL="sqlite://$WORK/big.db" RUST_LOG=warn ./target/release/peken seed --demo --products "$BIG_PRODUCTS" --no-photos >"$WORK/big-seed.log" 2>&1
echo "  $(grep -m1 "Data demo" "$WORK/big-seed.log") ($(( $(date +%s) - start )) s)"
BIG=$(serve_on $BIG_PORT "sqlite://$WORK/big.db" "$WORK/big.log"); wait_up $BIG_PORT
search_bench "$BIG_PRODUCTS products, SQLite" "http://127.0.0.1:$BIG_PORT"
kill -TERM "$BIG"; wait "$BIG" 2>/dev/null || true

if [ -n "${PGAPP:-}" ]; then
  BIG_DB=peken_bench_big_$$
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $BIG_DB"
  echo "generating a $BIG_PRODUCTS-product catalog on PostgreSQL…"
  start=$(date +%s)
  DATABASE_URL="postgres://postgres@127.0.0.1:5432/$BIG_DB" RUST_LOG=warn ./target/release/peken seed --demo --products "$BIG_PRODUCTS" --no-photos >"$WORK/bigpg-seed.log" 2>&1
  echo "  $(grep -m1 "Data demo" "$WORK/bigpg-seed.log") ($(( $(date +%s) - start )) s)"
  BIGPG=$(serve_on $((BIG_PORT + 1)) "postgres://postgres@127.0.0.1:5432/$BIG_DB" "$WORK/bigpg.log"); wait_up $((BIG_PORT + 1))
  search_bench "$BIG_PRODUCTS products, PostgreSQL" "http://127.0.0.1:$((BIG_PORT + 1))"
  kill -TERM "$BIGPG"; wait "$BIGPG" 2>/dev/null || true
  psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $BIG_DB WITH (FORCE)" || true
fi

echo
./scripts/bench-pages.sh

echo
./scripts/bench-checkout.sh

echo
./scripts/bench-merchant.sh
