#!/usr/bin/env bash
# Installs, from nothing, every tool the build and the tests need, skipping what is already there.
# Idempotent: `make demo` and `make test` call it first. Versions are pinned where the toolchain
# requires it (see ../shared/TOOLCHAIN.md): wasm-bindgen CLI == the wasm-bindgen crate in Cargo.lock,
# binaryen from npm (Debian's is too old for wasm-bindgen 0.2.130 output).
set -euo pipefail
cd "$(dirname "$0")/.."

WASM_BINDGEN_VERSION=0.2.130
need_browser=${NOOR_NEED_BROWSER:-1}

log() { printf '[setup] %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# 1. Rust target for the wasm build.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "adding rust target wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 2. wasm-bindgen CLI, same version as the crate (without --locked: the mirror lacks one pinned dependency).
if ! command -v wasm-bindgen >/dev/null 2>&1 || [ "$(wasm-bindgen --version | awk '{print $2}')" != "$WASM_BINDGEN_VERSION" ]; then
  log "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 3 minutes)"
  cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force
fi

# 3. Headless Chromium + chromedriver from Debian, plus Arabic fonts for honest screenshots.
if [ "$need_browser" = 1 ]; then
  missing=()
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
  command -v chromedriver >/dev/null 2>&1 || missing+=(chromium-driver)
  [ -d /usr/share/fonts/truetype/noto ] || missing+=(fonts-noto-core)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]} from Debian"
    as_root apt-get update -qq
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi

# 4. JS tools (playwright-core drives Debian's Chromium; binaryen provides wasm-opt 132), pinned in package-lock.json.
# compromise and mark.js are the peers `make bench` measures against.
if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/compromise ] || [ ! -d node_modules/mark.js ]; then
  log "installing npm dev tools"
  npm ci --no-audit --no-fund --loglevel=error
fi
log "tools ready"
