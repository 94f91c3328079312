#!/usr/bin/env bash
# Public pages under load, the figure speed is argued with: for each page,
# requests/second with p50 and p99 at 64 connections (wrk), rendered every
# time (page cache off) and as anonymous visitors get them (page cache on),
# next to nginx serving the same bytes as a static file in the same run; on
# SQLite and PostgreSQL, at demo size and with generated data 30 times
# larger (~6,700 shops, ~100,000 products, ~1,000,000 orders); and the
# instructions the server executes per request (valgrind's callgrind counts
# them: unlike req/s they repeat from run to run on a busy machine, so they
# are the figure to watch for regressions). Prints one table and writes it
# to bench/results/.
set -euo pipefail
cd "$(dirname "$0")/.."

DURATION="${BENCH_DURATION:-5s}"
CONNECTIONS="${BENCH_CONNECTIONS:-64}"
BIG_PRODUCTS="${BENCH_BIG_PRODUCTS:-100000}"
BIG_ORDERS="${BENCH_BIG_ORDERS:-1000000}"
ENGINES="${BENCH_ENGINES:-sqlite postgres}"
SIZES="${BENCH_SIZES:-demo big}"
# An already seeded 30x database to measure instead of seeding one (it is
# neither reseeded nor dropped): seeding PostgreSQL takes a while.
BIG_SQLITE_URL="${BENCH_BIG_SQLITE_URL:-}"
BIG_POSTGRES_URL="${BENCH_BIG_POSTGRES_URL:-}"
# Requests counted per page under callgrind (0: skip the count).
CG_REQUESTS="${BENCH_CALLGRIND_REQUESTS:-20}"
APP_PORT=3332
NGINX_PORT=3333

for bin in wrk nginx curl valgrind; do
  command -v "$bin" >/dev/null || {
    echo "==> installing $bin"
    pkg=$bin; [ "$bin" = nginx ] && pkg=nginx-light
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null 2>&1 || {
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$pkg" >/dev/null
    }
  }
done

WORK="$(mktemp -d)"
chmod 755 "$WORK"
APP=""
PG_DBS=()
cleanup() {
  [ -n "$APP" ] && kill -TERM "$APP" 2>/dev/null && wait "$APP" 2>/dev/null || true
  [ -f "$WORK/nginx.pid" ] && kill "$(cat "$WORK/nginx.pid")" 2>/dev/null || true
  for db in "${PG_DBS[@]}"; do
    psql -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" 2>/dev/null || true
  done
  rm -rf "$WORK"
}
trap cleanup EXIT

mkdir -p "$WORK/static" && chmod 755 "$WORK/static"
cat >"$WORK/nginx.conf" <<NGINX
worker_processes 1;
pid $WORK/nginx.pid;
error_log $WORK/nginx-error.log;
events { worker_connections 1024; }
http {
  access_log off;
  default_type text/html;
  server { listen 127.0.0.1:$NGINX_PORT; root $WORK/static; }
}
NGINX
nginx -c "$WORK/nginx.conf" -p "$WORK"

# wrk's latency as milliseconds.
ms() { awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) } else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 } printf "%.1f", v }' <<<"$1"; }
# 1234567 as 1,234,567 ("–" when not measured).
thousands() { if [ -n "$1" ]; then sed ':a;s/\B[0-9]\{3\}\>/,&/;ta' <<<"$1"; else echo "–"; fi; }
# "req/s p50 p99 errors" of one URL (as the session in cookie $2, if given).
load() {
  local auth=()
  [ -n "${2:-}" ] && auth=(-H "Cookie: $2")
  wrk -t1 -c"$CONNECTIONS" -d1s "${auth[@]}" "$1" >/dev/null 2>&1 || true
  local out
  out=$(wrk -t1 -c"$CONNECTIONS" -d"$DURATION" --latency "${auth[@]}" "$1")
  local rps p50 p99 bad
  rps=$(awk '/Requests\/sec/ {printf "%d", $2}' <<<"$out")
  p50=$(ms "$(awk '$1=="50%" {print $2}' <<<"$out")")
  p99=$(ms "$(awk '$1=="99%" {print $2}' <<<"$out")")
  bad=$(awk '/Non-2xx/ {print $NF}' <<<"$out")
  echo "$rps $p50 $p99 ${bad:-0}"
}

start() { # database-url cache-seconds
  DATABASE_URL="$1" PEKEN_PAGE_CACHE_SECONDS="$2" PEKEN_MEDIA_DIR="$WORK/media" \
    PEKEN_ADDR="127.0.0.1:$APP_PORT" RUST_LOG=warn ./target/release/peken serve >>"$WORK/app.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 600); do
    curl -fsS "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "peken did not start:"; tail -20 "$WORK/app.log"; exit 1
}
stop() { kill -TERM "$APP" 2>/dev/null; wait "$APP" 2>/dev/null || true; APP=""; }

# The server under callgrind, instrumenting nothing until told to.
cg_start() { # database-url cache-seconds
  rm -f "$WORK"/cg.out*
  DATABASE_URL="$1" PEKEN_PAGE_CACHE_SECONDS="$2" PEKEN_MEDIA_DIR="$WORK/media" \
    PEKEN_ADDR="127.0.0.1:$APP_PORT" RUST_LOG=warn \
    valgrind --tool=callgrind --instr-atstart=no --callgrind-out-file="$WORK/cg.out" \
    ./target/release/peken serve >>"$WORK/cg.log" 2>&1 &
  APP=$!
  for _ in $(seq 1 1200); do
    curl -fsS "http://127.0.0.1:$APP_PORT/healthz" >/dev/null 2>&1 && return
    sleep 0.5
  done
  echo "peken did not start under callgrind:"; tail -20 "$WORK/cg.log"; exit 1
}
# Instructions per request for one URL: three requests warm up, then
# CG_REQUESTS are counted (every thread of the server: the async workers
# and SQLite's; not the PostgreSQL server's own work).
cg_count() {
  local url=$1 before after
  for _ in 1 2 3; do curl -fsS -o /dev/null "$url"; done
  before=$(ls "$WORK"/cg.out.* 2>/dev/null | wc -l)
  callgrind_control -z "$APP" >/dev/null 2>&1
  callgrind_control -i on "$APP" >/dev/null 2>&1
  for _ in $(seq 1 "$CG_REQUESTS"); do curl -fsS -o /dev/null "$url"; done
  callgrind_control -i off "$APP" >/dev/null 2>&1
  callgrind_control -d "$APP" >/dev/null 2>&1
  for _ in $(seq 1 100); do
    after=$(ls "$WORK"/cg.out.* 2>/dev/null | wc -l)
    [ "$after" -gt "$before" ] && break
    sleep 0.2
  done
  awk -v n="$CG_REQUESTS" '/^totals:/ { printf "%d", $2 / n; exit }' "$(ls -t "$WORK"/cg.out.* | head -1)"
}

seed() { # database-url size
  local start=$SECONDS
  if [ "$2" = big ]; then
    DATABASE_URL="$1" RUST_LOG=warn ./target/release/peken seed --demo --products "$BIG_PRODUCTS" --orders "$BIG_ORDERS" --no-photos >"$WORK/seed.log" 2>&1
  else
    DATABASE_URL="$1" PEKEN_MEDIA_DIR="$WORK/media" RUST_LOG=warn ./target/release/peken seed --demo >"$WORK/seed.log" 2>&1
  fi
  echo "  seeded $2 in $((SECONDS - start)) s: $(grep -m1 "Data demo" "$WORK/seed.log" || tail -1 "$WORK/seed.log")" >&2
}

# The session cookie of demo account $2 (the demo's shared password).
sign_in() { # base-url id
  curl -fsS -D - -o /dev/null -X POST --data-urlencode "id=$2" \
    --data-urlencode "sandi=pekendemo2026" --data-urlencode "lanjut=/" "$1/masuk" \
    | tr -d '\r' | awk -F'[ ;]' 'tolower($1) == "set-cookie:" && $2 ~ /^peken_sesi=/ { print $2; exit }'
}
# The demo account the seed log names after "$1" (e.g. "akun penjual").
# Empty (not a failure, which `set -e` would stop on) when none is named.
account() { { grep -m1 "$1" "$WORK/seed.log" 2>/dev/null || true; } | sed -E 's/.*: ([^ ]+@[^ ]+).*/\1/'; }
SIGNED="$WORK/signed.md"
{
  echo
  echo "Signed-in pages (never cached; rendered on every request), as the demo's city officer, a seller and an ASN buyer:"
  echo
  echo "| engine | data | page | as | req/s | p50 | p99 | bytes |"
  echo "|---|---|---|---|---:|---:|---:|---:|"
} >"$SIGNED"

STAMP=$(date -u +%Y-%m-%dT%H%MZ)
OUT="bench/results/pages-$STAMP.md"
mkdir -p bench/results
{
  echo "# Public pages under load ($STAMP)"
  echo
  echo "wrk -t1 -c$CONNECTIONS -d$DURATION on loopback; release build; $(nproc) cores shared by peken, the database, nginx and wrk."
  echo "'rendered': page cache off (every request renders); 'cached': as anonymous visitors are served (PEKEN_PAGE_CACHE_SECONDS=10)."
  echo "nginx serves the same bytes as a static file. Latencies in ms."
  { [ -z "$BIG_SQLITE_URL" ] || [ -z "$BIG_POSTGRES_URL" ]; } && echo "big, where this run seeds it: --products $BIG_PRODUCTS --orders $BIG_ORDERS."
  [ -n "$BIG_SQLITE_URL$BIG_POSTGRES_URL" ] && echo "big on a given database, seeded beforehand (not by this run):${BIG_SQLITE_URL:+ SQLite ${BIG_SQLITE_URL%%\?*}}${BIG_POSTGRES_URL:+ PostgreSQL ${BIG_POSTGRES_URL%%\?*}}."
  echo
  if [ "$CG_REQUESTS" -gt 0 ]; then
    echo "Instructions per request: callgrind over $CG_REQUESTS requests after 3 to warm up, all of the server's threads (on PostgreSQL not the database server's)."
  else
    echo "Instructions per request: not counted in this run (BENCH_CALLGRIND_REQUESTS=0)."
  fi
  echo
  echo "| engine | data | page | rendered req/s | p50 | p99 | cached req/s | p50 | p99 | nginx req/s | p99 | rendered / nginx | instructions/request rendered | cached |"
  echo "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
} | tee "$OUT"

for engine in $ENGINES; do
  if [ "$engine" = postgres ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
    echo "| postgres | – | skipped: no server on 127.0.0.1:5432 | | | | | | | | | |" | tee -a "$OUT"
    continue
  fi
  for size in $SIZES; do
    given=""
    [ "$size" = big ] && [ "$engine" = sqlite ] && given=$BIG_SQLITE_URL
    [ "$size" = big ] && [ "$engine" = postgres ] && given=$BIG_POSTGRES_URL
    if [ -n "$given" ]; then
      url=$given
    elif [ "$engine" = sqlite ]; then
      url="sqlite://$WORK/$size.db"
    else
      db="peken_bench_pages_${size}_$$"
      psql -q -h 127.0.0.1 -U postgres -d postgres -c "CREATE DATABASE $db"
      PG_DBS+=("$db")
      url="postgres://postgres@127.0.0.1:5432/$db"
    fi
    if [ -n "$given" ]; then
      rm -f "$WORK/seed.log"
      echo "  measuring the given $size database: ${url%%\?*}" >&2
    else
      seed "$url" "$size"
    fi
    start "$url" 0
    base="http://127.0.0.1:$APP_PORT"
    home=$(curl -fsS "$base/")
    product=$(grep -o 'href="/produk/[0-9]*"' <<<"$home" | head -1 | cut -d'"' -f2)
    shop=$(grep -o 'href="/toko/[^"]*"' <<<"$home" | head -1 | cut -d'"' -f2)
    pages=(/ /kategori/sembako "/kategori/sembako?halaman=5" "/cari?q=kopi" "/cari?q=beras" /toko "$shop" "$product")
    declare -A rendered=() cached=() nginx=()
    i=0
    for p in "${pages[@]}"; do
      i=$((i + 1))
      curl -fsS "$base$p" -o "$WORK/static/page$i.html"
      chmod 644 "$WORK/static/page$i.html"
      rendered[$p]=$(load "$base$p")
      nginx[$p]=$(load "http://127.0.0.1:$NGINX_PORT/page$i.html")
    done
    # The merchant and admin pages, and a buyer's orders, signed in.
    officer=$(account "petugas Pemkot"); seller=$(account "akun penjual"); buyer=$(account "akun ASN")
    if [ -z "$officer" ] || [ -z "$seller" ] || [ -z "$buyer" ]; then
      echo "| $engine | $size | skipped: demo accounts unknown (database seeded beforehand) | | | | | |" >>"$SIGNED"
    else
      for who in officer seller buyer; do
        cookie=$(sign_in "$base" "${!who}" || true)
        case $who in
          officer) list=(/admin /admin/toko /admin/produk /admin/keluhan) ;;
          seller) list=(/toko-saya /toko-saya/produk /toko-saya/pesanan) ;;
          buyer) list=(/ /pesanan) ;;
        esac
        for p in "${list[@]}"; do
          read -r status bytes <<<"$(curl -sS -o /dev/null -w '%{http_code} %{size_download}' -H "Cookie: $cookie" "$base$p" || echo "000 0")"
          read -r s50 s_p50 s_p99 s_bad <<<"$(load "$base$p" "$cookie")"
          note=""; [ "$status" != 200 ] && note=" (HTTP $status)"
          [ "$s_bad" != 0 ] && note="$note (non-2xx: $s_bad)"
          printf '| %s | %s | `%s` | %s | %s | %s | %s | %s%s |\n' \
            "$engine" "$size" "$p" "$who" "$s50" "$s_p50" "$s_p99" "$bytes" "$note" >>"$SIGNED"
        done
      done
    fi
    stop
    start "$url" 10
    for p in "${pages[@]}"; do cached[$p]=$(load "$base$p"); done
    stop
    declare -A cg_rendered=() cg_cached=()
    if [ "$CG_REQUESTS" -gt 0 ]; then
      cg_start "$url" 0
      for p in "${pages[@]}"; do cg_rendered[$p]=$(cg_count "$base$p"); done
      stop
      cg_start "$url" 10
      for p in "${pages[@]}"; do cg_cached[$p]=$(cg_count "$base$p"); done
      stop
    fi
    for p in "${pages[@]}"; do
      read -r r50 r_p50 r_p99 r_bad <<<"${rendered[$p]}"
      read -r c50 c_p50 c_p99 c_bad <<<"${cached[$p]}"
      read -r n50 _ n_p99 _ <<<"${nginx[$p]}"
      name=$p
      [ "$p" = "$shop" ] && name="a shop"
      [ "$p" = "$product" ] && name="a product"
      note=""
      [ "$r_bad" != 0 ] || [ "$c_bad" != 0 ] && note=" (non-2xx: $r_bad / $c_bad)"
      printf '| %s | %s | `%s` | %s | %s | %s | %s | %s | %s | %s | %s | %s%%%s | %s | %s |\n' \
        "$engine" "$size" "$name" "$r50" "$r_p50" "$r_p99" "$c50" "$c_p50" "$c_p99" "$n50" "$n_p99" \
        "$(awk -v a="$r50" -v b="$n50" 'BEGIN { printf "%.1f", b ? 100 * a / b : 0 }')" "$note" \
        "$(thousands "${cg_rendered[$p]:-}")" "$(thousands "${cg_cached[$p]:-}")" | tee -a "$OUT"
    done
    unset rendered cached nginx cg_rendered cg_cached
  done
done
tee -a "$OUT" <"$SIGNED"
echo
echo "written to $OUT"
