#!/usr/bin/env bash
# The first-load JS + WASM budget of pages with islands (home, a product),
# checked on the release build's files (brotli at its best level, as the
# build writes them with --precompress). Sizes are deterministic, so this
# is a test, not a benchmark. Pages without islands load no WASM at all
# (asserted by the HTTP test in server/src/tests/scale.rs).
set -euo pipefail
cd "$(dirname "$0")/.."
# The target is 60 KB (61,440 B); the budget is today's size with a little room, so it may not grow.
BUDGET="${PEKEN_JS_WASM_BUDGET:-58000}"
command -v brotli >/dev/null || {
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null 2>&1 || {
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq brotli >/dev/null
  }
}
total=0
for f in target/site/pkg/peken*.js target/site/pkg/peken*.wasm; do
  case "$f" in *.br|*.gz) continue ;; esac
  n=$(brotli -q 11 -c "$f" | wc -c)
  printf '  %-44s %7d B brotli\n' "$(basename "$f")" "$n"
  total=$((total + n))
done
if [ "$total" -gt "$BUDGET" ]; then
  echo "FAIL: first-load JS + WASM is $total B brotli, over the budget of $BUDGET B"
  exit 1
fi
echo "first-load JS + WASM: $total B brotli (budget $BUDGET B)"
for f in target/site/pkg/peken*.wasm; do
  case "$f" in *.br|*.gz) continue ;; esac
  [ -f "$f.br" ] || { echo "FAIL: $f.br missing: build with --precompress"; exit 1; }
done
