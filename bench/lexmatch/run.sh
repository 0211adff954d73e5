#!/usr/bin/env bash
# fst vs daachorse for Noor's lexicon: builds and measures everything from nothing.
# Usage: bench/lexmatch/run.sh        (RUNS=7 by default; NOOR_SHARED=path/to/shared if not ../shared)
# Writes target/bench/lexmatch.{json,md} in the main crate; intermediate files in bench/lexmatch/target.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
MAIN=$(cd "$HERE/../.." && pwd)
SHARED=${NOOR_SHARED:-$MAIN/../shared}
RUNS=${RUNS:-7}
export CARGO_TARGET_DIR="$HERE/target"
OUT="$CARGO_TARGET_DIR/out"
WASM_OPT="$MAIN/node_modules/.bin/wasm-opt"
# Same flags as the main Makefile's WASM_OPT_FLAGS (never -all; see ../shared/TOOLCHAIN.md).
WASM_OPT_FLAGS=(-Oz --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int
	--enable-mutable-globals --enable-reference-types --enable-multivalue)
NICE=(nice -n 10)

[ -d "$SHARED/data/ner" ] || { echo "run.sh: $SHARED/data/ner not found (set NOOR_SHARED)"; exit 1; }
[ -x "$WASM_OPT" ] || { echo "run.sh: $WASM_OPT missing: run 'make setup' in $MAIN first"; exit 1; }
wasm-bindgen --version | grep -q ' 0.2.130' || { echo "run.sh: wasm-bindgen CLI 0.2.130 needed"; exit 1; }
cd "$HERE"
mkdir -p "$OUT"

echo "== native: keys, texts, build, load, scan (the main crate compiles too the first time)"
"${NICE[@]}" cargo build --profile release-native --features native --bin lexmatch
# One lexicon (models/lexicon.bin), or one per language pack (models/lexicon-*.bin), merged.
if [ -f "$MAIN/models/lexicon.bin" ]; then LEX=("$MAIN/models/lexicon.bin"); else LEX=("$MAIN"/models/lexicon-*.bin); fi
"${NICE[@]}" "$CARGO_TARGET_DIR/release-native/lexmatch" "$SHARED" "$OUT" "$RUNS" "${LEX[@]}"

echo "== wasm: one module per structure, plus an empty baseline with the same exports"
for v in baseline fst daac daac-char; do
	feats=()
	[ "$v" != baseline ] && feats=(--features "$v")
	"${NICE[@]}" cargo build --lib --release --target wasm32-unknown-unknown --no-default-features "${feats[@]}"
	d="$OUT/wasm/$v"
	rm -rf "$d" && mkdir -p "$d"
	cp "$CARGO_TARGET_DIR/wasm32-unknown-unknown/release/lexmatch.wasm" "$d/rustc.wasm"
	wasm-bindgen --target web --out-dir "$d" --out-name lexmatch "$d/rustc.wasm"
	cp "$d/lexmatch_bg.wasm" "$d/bindgen.wasm"
	"$WASM_OPT" "${WASM_OPT_FLAGS[@]}" "$d/bindgen.wasm" -o "$d/lexmatch_bg.wasm"
	printf '%-10s %8s bytes after wasm-opt, %7s gzip\n' "$v" "$(stat -c %s "$d/lexmatch_bg.wasm")" "$(gzip -9nc "$d/lexmatch_bg.wasm" | wc -c)"
done

echo "== wasm under Node"
node wasm.mjs "$OUT" "$RUNS"

echo "== report"
node report.mjs "$OUT" "$MAIN/target/bench"
