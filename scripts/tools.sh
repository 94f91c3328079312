#!/usr/bin/env bash
# Installs the build tools Peken needs, each only when missing or at the wrong version.
set -euo pipefail

CARGO_LEPTOS_VERSION=0.3.10
# Must equal the wasm-bindgen pinned in Cargo.toml.
WASM_BINDGEN_VERSION=0.2.130
BINARYEN_VERSION=132

export PATH="$HOME/.cargo/bin:$PATH"

say() { printf '==> %s\n' "$*"; }

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q " ${CARGO_LEPTOS_VERSION}\$"; then
  say "installing cargo-leptos ${CARGO_LEPTOS_VERSION} (about 10 minutes on 2 cores)"
  cargo install cargo-leptos --version "${CARGO_LEPTOS_VERSION}" --locked
fi

if ! wasm-bindgen --version 2>/dev/null | grep -q " ${WASM_BINDGEN_VERSION}\$"; then
  say "installing wasm-bindgen-cli ${WASM_BINDGEN_VERSION}"
  # No --locked: the registry here lacks one locked dependency of this release.
  cargo install wasm-bindgen-cli --version "${WASM_BINDGEN_VERSION}"
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version ${BINARYEN_VERSION}"; then
  say "installing wasm-opt (binaryen ${BINARYEN_VERSION}) from npm"
  npm install -g --no-fund --no-audit "binaryen@${BINARYEN_VERSION}"
fi
