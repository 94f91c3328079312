#!/usr/bin/env bash
# Every check Peken has, in the order that fails fastest.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '\n==> %s\n' "$*"; }

./scripts/tools.sh
./scripts/test-tools.sh

say "format"
cargo fmt --all -- --check

say "clippy (per package; the browser side for wasm32)"
cargo clippy -p app --features ssr --all-targets -- -D warnings
cargo clippy -p peken --all-targets -- -D warnings
cargo clippy -p app --features hydrate --target wasm32-unknown-unknown -- -D warnings
cargo clippy -p frontend --target wasm32-unknown-unknown -- -D warnings

say "unit tests"
cargo test -p app --features ssr --lib
cargo test -p peken

if pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null || psql -h 127.0.0.1 -U postgres -d postgres -Atc 'select 1' >/dev/null 2>&1; then
  export PEKEN_TEST_PG=require
  say "store suite on SQLite and PostgreSQL (127.0.0.1:5432)"
else
  export PEKEN_TEST_PG=skip
  say "store suite on SQLite only"
  echo "!!! PostgreSQL SKIPPED: no server answers on 127.0.0.1:5432. Set PEKEN_TEST_DATABASE_URL or start one to run it."
fi
cargo test -p app --features ssr --test store

say "release build"
cargo leptos build --release --precompress

say "first-load JS + WASM budget"
./scripts/budget.sh

say "end-to-end (Chromium: phone and desktop, JavaScript on and off)"
./scripts/e2e.sh

say "checkout race over HTTP (200 buyers, 10 units; SQLite and PostgreSQL)"
./scripts/race.sh
