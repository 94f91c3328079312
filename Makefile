# Peken: `make run` serves the demo marketplace, `make test` runs every check.
SHELL := /bin/bash
export PATH := $(HOME)/.cargo/bin:$(PATH)

.PHONY: run test build tools bench fmt clean-db

## Build (release), migrate, load demo data on first start, serve on http://127.0.0.1:3000
run: build
	PEKEN_DEMO=1 ./target/release/peken serve

## Format check, clippy, unit tests, store suite (SQLite + PostgreSQL), browser tests
test:
	./scripts/test.sh

## Release build of server and wasm (hashed assets in target/site, each also written as .br and .gz)
build: tools
	cargo leptos build --release --precompress

tools:
	./scripts/tools.sh

## Bundle size and requests/second against nginx serving the same page
bench: build
	./scripts/bench.sh

fmt:
	cargo fmt --all

## Start over with an empty SQLite database and no media
clean-db:
	rm -f peken.db peken.db-wal peken.db-shm
	rm -rf media
