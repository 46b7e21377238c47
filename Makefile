# Crossroads — every set-up step lives here, so a fresh machine needs only
# `make run` or `make test`. Each install is skipped when the right version is present.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
export PATH := $(HOME)/.cargo/bin:$(PATH)
export CARGO_TARGET_DIR ?= $(CURDIR)/target

CARGO_LEPTOS_VERSION := 0.3.11
# The wasm-bindgen CLI must match the library exactly: read the version from Cargo.lock.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)

LISTEN ?= 127.0.0.1:3000
SITE_ROOT := $(CARGO_TARGET_DIR)/site
SERVER_BIN := $(CARGO_TARGET_DIR)/release/crossroads
# What the browser tests, benchmarks and system tests need to start the release server.
SERVER_ENV = SERVER_BIN=$(SERVER_BIN) SITE_ROOT=$(SITE_ROOT) CONTENT_DIR=$(CURDIR)/content

.PHONY: run test dev setup setup-test setup-postgres setup-deb setup-webhooks build deb test-unit test-postgres test-instances test-webhooks test-e2e test-binary test-deb test-full-disk bench crashtest fuzz setup-fuzz screenshots clean

## run: install what is missing, build release, serve on http://127.0.0.1:3000 (SQLite under ./data)
run: setup build
	mkdir -p data
	LEPTOS_SITE_ROOT=$(SITE_ROOT) CROSSROADS_LISTEN=$(LISTEN) \
	CROSSROADS_DATABASE_URL=$${CROSSROADS_DATABASE_URL:-sqlite://data/crossroads.db} \
	CROSSROADS_CONTENT_DIR=$${CROSSROADS_CONTENT_DIR:-content} \
	exec $(SERVER_BIN)

## test: install what is missing, run every test (unit, integration, browser)
test: setup setup-test test-unit test-postgres build test-binary test-e2e test-instances test-webhooks test-deb test-full-disk crashtest

## dev: rebuild and reload on change
dev: setup
	cargo leptos watch --split

## build: the self-contained release binary (it carries the site and the default content)
build: setup
	cargo leptos build --release --precompress --split

## deb: a Debian package of the release binary, with a hardened systemd unit (target/debian/)
deb: setup-deb build
	cargo deb -p server --no-build

CARGO_DEB_VERSION := 3.8.0
setup-deb:
	@cargo deb --version 2>/dev/null | grep -q "$(CARGO_DEB_VERSION)" || cargo install cargo-deb --version $(CARGO_DEB_VERSION) --locked
	@command -v dpkg-deb >/dev/null || { apt-get update && apt-get install -y dpkg; }

## test-binary: the release binary alone in an empty folder serves every page type and its assets
test-binary: build
	BIN=$(SERVER_BIN) python3 server/tests/single_binary.py

## test-deb: build the .deb, check its metadata, files and unit, run what it unpacks
test-deb: deb
	server/tests/deb.sh

test-unit:
	cargo test --release -p crossroads-domain
	cargo test --release -p app --features ssr --lib
	cargo test --release -p server

## test-postgres: the integration tests again, against a throwaway PostgreSQL cluster
test-postgres: setup-postgres
	server/tests/with-postgres.sh cargo test --release -p server --test it

test-e2e: build
	cd end2end && $(SERVER_ENV) \
	  node --test --test-concurrency=1 tests/

## screenshots: every page type at 390 and 1280 px, light and dark, into ./screenshots
screenshots: setup setup-test build
	cd end2end && $(SERVER_ENV) node screenshots.mjs

OHA_VERSION := 1.16.0
# Lighthouse 12 runs on the machine's Node.js 20 (13 needs 22).
LIGHTHOUSE_VERSION := 12.8.2
## bench: load test of a release build on loopback (wrk, oha) + criterion micro-benchmarks
bench: setup setup-test build
	@command -v wrk >/dev/null || { apt-get update && apt-get install -y wrk; }
	@oha --version 2>/dev/null | grep -q " $(OHA_VERSION)$$" || cargo install oha --version $(OHA_VERSION) --locked
	@[ -x end2end/node_modules/.bin/lighthouse ] || (cd end2end && npm install --no-save --no-audit --no-fund lighthouse@$(LIGHTHOUSE_VERSION))
	cd end2end && $(SERVER_ENV) node bench.mjs
	cargo bench -p crossroads-domain --bench scoring
	cargo bench -p server --bench guide
	cargo bench -p server --bench card

FUZZ_SECONDS ?= 600
FUZZ_TARGETS := answers questionnaire
## fuzz: run each fuzz target for FUZZ_SECONDS (default 600) with the nightly toolchain
fuzz: setup-fuzz
	cd app/domain/fuzz && for target in $(FUZZ_TARGETS); do \
	  mkdir -p corpus/$$target; \
	  CARGO_TARGET_DIR=$(CARGO_TARGET_DIR)/fuzz cargo +nightly fuzz run $$target corpus/$$target seeds/$$target \
	    -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -print_final_stats=1; \
	done

setup-fuzz:
	@rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal
	@cargo fuzz --version >/dev/null 2>&1 || cargo install cargo-fuzz --locked

## test-instances: two release servers on one throwaway PostgreSQL database share results and decisions
test-instances: setup-postgres build
	$(SERVER_ENV) \
	  server/tests/with-postgres.sh python3 server/tests/two_instances.py

## test-webhooks: signed deliveries verified by the spec's Python library, after SIGKILL and restarts,
## and exactly once from two instances on one throwaway PostgreSQL database
test-webhooks: setup-postgres setup-webhooks build
	$(SERVER_ENV) \
	  server/tests/with-postgres.sh $(WEBHOOKS_VENV)/bin/python server/tests/webhooks.py

# The receiver in test-webhooks verifies with the Standard Webhooks Python library, in a venv of its own.
WEBHOOKS_VENV := $(CARGO_TARGET_DIR)/webhooks-venv
STANDARDWEBHOOKS_VERSION := 1.1.0
setup-webhooks:
	@$(WEBHOOKS_VENV)/bin/python -c 'import importlib.metadata as m; assert m.version("standardwebhooks") == "$(STANDARDWEBHOOKS_VERSION)"' 2>/dev/null \
	  || { python3 -m venv $(WEBHOOKS_VENV) && $(WEBHOOKS_VENV)/bin/pip install --quiet standardwebhooks==$(STANDARDWEBHOOKS_VERSION); }

## test-full-disk: the release server on a small tmpfs filled up: nothing acknowledged lost, refusals fast (root)
test-full-disk: build
	$(SERVER_ENV) python3 server/tests/full_disk.py

## crashtest: SIGKILL the server while clients create results, 200 times; nothing acknowledged may be lost
crashtest: setup build
	$(SERVER_ENV) python3 server/tests/crashtest.py

setup:
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@if ! cargo leptos --version 2>/dev/null | grep -q " $(CARGO_LEPTOS_VERSION)$$"; then \
	  echo "installing cargo-leptos $(CARGO_LEPTOS_VERSION) (built with nightly; about 15 minutes)"; \
	  rustup toolchain list | grep -q '^nightly' || rustup toolchain install nightly --profile minimal; \
	  cargo +nightly install cargo-leptos --version $(CARGO_LEPTOS_VERSION) --locked; \
	fi
	@if ! wasm-bindgen --version 2>/dev/null | grep -q " $(WASM_BINDGEN_VERSION)$$"; then \
	  echo "installing wasm-bindgen-cli $(WASM_BINDGEN_VERSION)"; \
	  cargo install wasm-bindgen-cli --version $(WASM_BINDGEN_VERSION) --force; \
	fi
	@command -v wasm-opt >/dev/null || npm install -g binaryen

setup-test:
	@command -v chromium >/dev/null || { apt-get update && apt-get install -y chromium; }
	@[ -x /usr/sbin/nginx ] || command -v nginx >/dev/null || { apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nginx-light; }
	@if [ ! -d end2end/node_modules ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then \
	  cd end2end && npm ci --no-audit --no-fund; \
	fi

setup-postgres:
	@command -v initdb >/dev/null || ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 \
	  || { apt-get update && apt-get install -y postgresql; }

clean:
	cargo clean
