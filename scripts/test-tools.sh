#!/usr/bin/env bash
# What the test suite needs beyond the build tools: Debian's Chromium,
# playwright-core, axe-core and Lighthouse, and a running PostgreSQL when this machine has one.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '==> %s\n' "$*"; }

apt_install() {
  if [ "$(id -u)" -ne 0 ]; then
    echo "need root to apt-get install $*; install them and re-run" >&2
    exit 1
  fi
  if [ -z "$(find /var/lib/apt/lists -maxdepth 1 -name '*Packages*' -print -quit 2>/dev/null)" ]; then
    apt-get update -qq
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null || {
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
}

if [ ! -x /usr/bin/chromium ]; then
  say "installing Debian's chromium"
  apt_install chromium
fi

if [ ! -d end2end/node_modules/playwright-core ] || [ ! -d end2end/node_modules/axe-core ] \
  || [ ! -d end2end/node_modules/lighthouse ]; then
  say "installing end-to-end test dependencies"
  (cd end2end && npm ci --no-fund --no-audit)
fi

# Start the machine's PostgreSQL if it is installed but stopped.
if command -v pg_isready >/dev/null && ! pg_isready -q -h 127.0.0.1 -p 5432; then
  if command -v pg_ctlcluster >/dev/null && [ -d /etc/postgresql ]; then
    say "starting PostgreSQL"
    pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n1)" main start || true
    for _ in $(seq 1 20); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.5; done
  fi
fi
