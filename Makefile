# Noor — two commands for a fresh machine: `make demo` and `make test`.
# Every target installs what it needs first (scripts/setup.sh is idempotent).

SHELL := /bin/bash
SHARED ?= ../shared
PORT ?= 8080
CARGO ?= cargo
WASM_TARGET := wasm32-unknown-unknown
WASM_OUT := www/pkg
WASM_OPT := node_modules/.bin/wasm-opt
# rustc 1.95's default wasm32 features; never -all (see ../shared/TOOLCHAIN.md §3). -O3, not -Oz:
# annotate() ran 4% faster under Node for the same gzip size (214.6 against 214.5 KB).
# -ocimfs 2000: wasm-opt inlines a function with one caller whatever its size (default -1), which
# merged the pipeline's stages back into one 71 KB `annotate` that V8's Liftoff took 10 ms to
# compile on the first call (see `Annotator::recognize`); capped, the largest function is 22 KB,
# and start-up in Node is about 5 ms shorter (30 fresh processes: median 43 against 48 ms) at the
# same annotate() throughput (CoNLL dev, tokens per CPU-second, 6 runs each taking turns).
WASM_OPT_FLAGS := -O3 -ocimfs 2000 --enable-bulk-memory --enable-sign-ext --enable-nontrapping-float-to-int \
	--enable-mutable-globals --enable-reference-types --enable-multivalue
NOOR := target/release-native/noor

.PHONY: all setup build cli demo test test-rust test-wasm test-browser test-shared lexicon eval check-eval train-ar train-en rules clusters screenshot clean bench bench-lexmatch

all: build cli

setup:
	@scripts/setup.sh

# The wasm module (code only) and its JS glue in www/pkg (wasm-bindgen --target web, then
# wasm-opt -Oz), and one language pack per language (lexicon, tagger, clusters) that
# www/noor.js fetches for the languages it needs.
build: setup cli
	$(CARGO) build --lib --release --target $(WASM_TARGET) --no-default-features
	wasm-bindgen --target web --out-dir $(WASM_OUT) target/$(WASM_TARGET)/release/noor.wasm
	$(WASM_OPT) $(WASM_OPT_FLAGS) $(WASM_OUT)/noor_bg.wasm -o $(WASM_OUT)/noor_bg.opt.wasm
	mv $(WASM_OUT)/noor_bg.opt.wasm $(WASM_OUT)/noor_bg.wasm
	$(NOOR) pack --lang ar --out $(WASM_OUT)/noor-ar.pack
	$(NOOR) pack --lang en --out $(WASM_OUT)/noor-en.pack
	@for f in noor_bg.wasm noor-ar.pack noor-en.pack; do \
		printf '%s: %s bytes, %s gzip\n' $$f $$(stat -c %s $(WASM_OUT)/$$f) $$(gzip -9nc $(WASM_OUT)/$$f | wc -c); done

# The native command line tool.
cli:
	$(CARGO) build --profile release-native --bin noor

# Builds everything and serves the demo reader on http://127.0.0.1:$(PORT)
demo: build
	PORT=$(PORT) node scripts/serve.mjs www

# Every test layer: Rust unit + integration + doc tests, wasm tests under Node, browser end-to-end.
test: setup test-rust test-wasm test-browser

test-rust:
	$(CARGO) test --all-targets
	$(CARGO) test --doc
	RUSTDOCFLAGS="-D warnings" $(CARGO) doc --no-deps --lib

# wasm-bindgen-test under Node, built like the browser module (no packs compiled in; the
# tests load them). Never `cargo test -q` here: the runner rejects --quiet.
test-wasm: setup
	CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
		$(CARGO) test --target $(WASM_TARGET) --no-default-features --test wasm

test-browser: build
	node tests/browser/run.mjs

# Checks that need ../shared; skipped with a message by the normal tests, mandatory here.
test-shared:
	NOOR_REQUIRE_SHARED=1 NOOR_SHARED=$(SHARED) $(CARGO) test --test shared -- --nocapture

# Regenerates src/rules/cldr_tables.rs from the CLDR names in ../shared.
rules: cli
	$(NOOR) rules tables --shared $(SHARED)

# Recompiles models/lexicon-{ar,en}.bin from the gazetteers in ../shared (writes models/MANIFEST.md).
# English keeps only the Latin-script names that English text uses (the unlabeled English news
# plus the training text), besides countries, regions, capitals, major subdivisions, demonyms and
# kb: 584 -> 203 KB gzip for CoNLL dev 92.19 -> 92.21 (tagger 93.00 -> 92.94), WikiGold 67.15 ->
# 66.85, what brings the English download under 1 MB (measured: EN_MIN_USES in src/lexicon/build.rs).
lexicon: cli
	$(NOOR) lexicon build --shared $(SHARED) --out-dir models

# Learns the word clusters of the unlabeled news (models/clusters-LANG.bin, models/CLUSTERS.md).
clusters: cli
	$(NOOR) clusters build --lang ar --shared $(SHARED)
	$(NOOR) clusters build --lang en --shared $(SHARED)

# Trains the taggers from ../shared/data/ner (writes models/ner-LANG.bin and .md).
# Arabic prunes weights below 2 (not 1): 0.3 F1 for 126 KB less gzip, what keeps the Arabic
# download under 1 MB (measured: BENCHMARKS.md, models/ner-ar.md).
train-ar: cli
	$(NOOR) train --lang ar --shared $(SHARED) --prune 2
# English keeps the default prune (|w| < 1): with the lexicon chosen by use the download is under
# 1 MB without it, and pruning costs accuracy (measured: --prune 1.5 saves 29 KB gzip for CoNLL
# dev pipeline 92.21 -> 92.05; --prune 2 saves 134 KB for 92.21 -> 91.55).
train-en: cli
	$(NOOR) train --lang en --shared $(SHARED)

# Entity-level P/R/F1 on the dev sets in ../shared.
eval: cli
	@test -d $(SHARED)/data/ner || { echo "eval: $(SHARED)/data/ner not found"; exit 1; }
	$(NOOR) eval --lang ar --slice 0.9..1 $(SHARED)/data/ner/anercorp_camel_ar/train.txt
	$(NOOR) eval --lang ar $(SHARED)/data/ner/aqmar_ar/dev.txt
	$(NOOR) eval --lang en $(SHARED)/data/ner/conll2003_en/dev.txt
	$(NOOR) eval --lang en $(SHARED)/data/ner/wikigold_en/dev.txt
	@echo "Languages no tagger of ours learned, as 'auto' reads them (see src/text/script.rs):"
	$(NOOR) eval --lang auto $(SHARED)/data/ner/conll2002_es/dev.txt
	$(NOOR) eval --lang auto $(SHARED)/data/ner/wikiann_de/dev.txt

# Fails if a dev F1 fell more than 1 point below the one recorded in models/ner-LANG.md.
check-eval: cli
	NOOR=$(NOOR) scripts/check-eval.sh $(SHARED)

screenshot: build
	node tests/browser/screenshot.mjs

clean:
	$(CARGO) clean
	rm -rf $(WASM_OUT)

# Benchmarks (issue 7): each piece writes target/bench/<name>.{json,md}; bench/report.mjs assembles
# BENCHMARKS.md. One piece at a time and niced: the machine is shared and timings must not overlap.
# NOOR_BENCH_RUNS (default 5) sets the runs of every timing.
bench: build cli
	NOOR_SHARED=$(SHARED) nice -n 10 node bench/sizes.mjs
	nice -n 10 $(NOOR) bench --shared $(SHARED) --runs $${NOOR_BENCH_RUNS:-5}
	NOOR_SHARED=$(SHARED) nice -n 10 node bench/node.mjs
	NOOR_SHARED=$(SHARED) nice -n 10 node bench/peers.mjs
	@if [ -f bench/pages.mjs ]; then NOOR_SHARED=$(SHARED) nice -n 10 node bench/pages.mjs; else echo 'bench: bench/pages.mjs not there yet, Chromium section skipped'; fi
	node bench/report.mjs

# fst against daachorse for the lexicon, in wasm and natively (issue 3's measurement; about 2 to 6
# minutes, its own crate and target dir). Its section joins BENCHMARKS.md at the next make bench.
bench-lexmatch: build
	NOOR_SHARED=$(SHARED) nice -n 10 bench/lexmatch/run.sh
	node bench/report.mjs
