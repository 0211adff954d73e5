// Shared helpers of the benchmark scripts: where things are, the run count, timing and
// statistics, the dev corpora as documents of tokens, number formatting, and writing one
// piece's result as target/bench/<name>.json (raw numbers + headline) and <name>.md (its section).
// Nothing here knows how the wasm is packaged or loaded: that is bench/load.mjs alone.

import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (the parent of bench/). */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** Where every piece writes its result. */
export const OUT_DIR = join(ROOT, 'target', 'bench');

/** A path inside the repository. */
export const repoPath = (...parts) => join(ROOT, ...parts);
/** A path relative to the repository root, for messages and reports. */
export const shown = (path) => relative(ROOT, path) || '.';

/** Prints a clear message and exits non-zero (a missing input is not a benchmark result). */
export function fail(message) {
  console.error(`bench: ${message}`);
  process.exit(1);
}

/** The shared data folder: $NOOR_SHARED or ../shared, relative to the repository root. */
export function sharedDir() {
  const dir = resolve(ROOT, process.env.NOOR_SHARED ?? '../shared');
  if (!existsSync(join(dir, 'data', 'ner'))) {
    fail(`${dir}/data/ner not found: set NOOR_SHARED to the shared data folder`);
  }
  return dir;
}

/** How many timed runs every measurement takes (NOOR_BENCH_RUNS, at least 5 by default). */
export function runCount() {
  const raw = process.env.NOOR_BENCH_RUNS;
  if (raw === undefined || raw === '') return 5;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) fail(`NOOR_BENCH_RUNS must be a positive integer, not ${JSON.stringify(raw)}`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Timing

/** A monotonic clock in milliseconds (process.hrtime.bigint, so no clock adjustments). */
export const nowMs = () => Number(process.hrtime.bigint()) / 1e6;

/** Runs fn once and returns [milliseconds, its result]. */
export function timed(fn) {
  const t0 = process.hrtime.bigint();
  const result = fn();
  return [Number(process.hrtime.bigint() - t0) / 1e6, result];
}

/** Milliseconds of CPU (user + system) this process has used; all its threads count. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/**
 * Times fn `runs` times after `warmup` untimed calls (the first calls run unoptimized code and
 * would otherwise pull the median of a short series). Returns stats of the wall-clock times and
 * of the CPU times in ms. Other jobs share this machine: when they take the cores, wall time
 * grows while CPU time barely moves, so the CPU figure is the steadier "one core" number.
 */
export function measure(fn, { runs = runCount(), warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) fn();
  const wall = [];
  const cpu = [];
  for (let i = 0; i < runs; i++) {
    const c0 = cpuMs();
    wall.push(timed(fn)[0]);
    cpu.push(cpuMs() - c0);
  }
  return { wall: stats(wall), cpu: stats(cpu) };
}

/**
 * Like measure() for several functions, taking turns run by run, so that a change in the
 * machine's load during the series hits all of them alike (their ratio is the result).
 */
export function measureInterleaved(fns, { runs = runCount(), warmup = 1 } = {}) {
  for (let i = 0; i < warmup; i++) fns.forEach((fn) => fn());
  const wall = fns.map(() => []);
  const cpu = fns.map(() => []);
  for (let i = 0; i < runs; i++) {
    fns.forEach((fn, k) => {
      const c0 = cpuMs();
      wall[k].push(timed(fn)[0]);
      cpu[k].push(cpuMs() - c0);
    });
  }
  return fns.map((_, k) => ({ wall: stats(wall[k]), cpu: stats(cpu[k]) }));
}

/** Median, min and max of the samples, and how many there were. */
export function stats(samples) {
  if (!samples.length) throw new Error('stats: no samples');
  const s = [...samples].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
  return { median, min: s[0], max: s[s.length - 1], runs: s.length };
}

/**
 * A rate (amount per second) from time samples in ms. The fastest time is the highest rate, so
 * min and max swap: {median, min, max} are rates, not times.
 */
export function rate(amount, msStats) {
  return {
    median: (amount * 1000) / msStats.median,
    min: (amount * 1000) / msStats.max,
    max: (amount * 1000) / msStats.min,
    runs: msStats.runs,
  };
}

// ---------------------------------------------------------------------------------------------
// Corpora

/**
 * Reads a CoNLL file (`token<TAB>tag`, blank line between sentences) into sentences
 * {tokens, tags, docStart}; a `-DOCSTART-` line marks the next sentence as a document start.
 * The same reading as the native scorer (src/eval/conll.rs), so sentence counts line up.
 */
export function readConll(path) {
  const sentences = [];
  let cur = { tokens: [], tags: [], docStart: false };
  let nextDoc = false;
  const flush = () => {
    if (cur.tokens.length) sentences.push(cur);
    cur = { tokens: [], tags: [], docStart: false };
  };
  for (const raw of readFileSync(path, 'utf8').split('\n')) {
    const line = raw.replace(/\r$/, '');
    if (!line.trim()) {
      flush();
      continue;
    }
    const cols = line.includes('\t') ? line.split('\t') : line.trim().split(/\s+/);
    if (cols[0] === '-DOCSTART-') {
      flush();
      nextDoc = true;
      continue;
    }
    if (!cur.tokens.length) {
      cur.docStart = nextDoc;
      nextDoc = false;
    }
    cur.tokens.push(cols[0]);
    if (cols.length >= 2) cur.tags.push(cols[cols.length - 1].trim());
  }
  flush();
  return sentences;
}

/**
 * Sentences per document when a file has no `-DOCSTART-` marks: the same as the native scorer's
 * (DOC_SENTENCES in src/eval/conll.rs), so both read the same documents.
 */
export const DOC_SENTENCES = 15;

/**
 * Groups sentences into documents: at the `-DOCSTART-` marks when the file has them, else
 * every `perDoc` sentences. A document's text is its sentences on their own lines, tokens joined by single spaces; its size is
 * its token count and the UTF-8 bytes of that text.
 */
export function toDocuments(sentences, perDoc = DOC_SENTENCES) {
  const marked = sentences.some((s) => s.docStart);
  const groups = [];
  for (const [i, s] of sentences.entries()) {
    const starts = marked ? s.docStart || i === 0 : i % perDoc === 0;
    if (starts) groups.push([]);
    groups[groups.length - 1].push(s);
  }
  return groups.map((group) => {
    const tokens = group.flatMap((s) => s.tokens);
    // Sentences on their own lines, as `noor eval` and a page's paragraphs give them: one
    // separator character either way, so token offsets are the same arithmetic.
    const text = group.map((s) => s.tokens.join(' ')).join('\n');
    return { sentences: group, tokens: tokens.length, text, bytes: Buffer.byteLength(text, 'utf8') };
  });
}

/** The two dev corpora of the benchmarks, as {lang, name, source, sentences, docs, tokens, bytes}. */
export function devCorpus(lang) {
  const ner = join(sharedDir(), 'data', 'ner');
  let sentences, source;
  if (lang === 'en') {
    const path = join(ner, 'conll2003_en', 'dev.txt');
    sentences = readConll(path);
    source = { path, slice: null };
  } else if (lang === 'ar') {
    // ANERcorp has no dev split: its last 10% of sentences is the dev set, cut exactly like
    // `noor eval --slice 0.9..1` (rounded sentence indexes) so the two read the same sentences.
    const path = join(ner, 'anercorp_camel_ar', 'train.txt');
    const all = readConll(path);
    sentences = all.slice(Math.round(all.length * 0.9), all.length);
    source = { path, slice: '0.9..1' };
  } else {
    throw new Error(`devCorpus: unknown language ${lang}`);
  }
  const docs = toDocuments(sentences);
  const grouping = sentences.some((s) => s.docStart)
    ? 'documents at the -DOCSTART- marks'
    : `${DOC_SENTENCES} sentences per document (no -DOCSTART- marks)`;
  const name = lang === 'en' ? 'CoNLL-2003 English dev' : 'ANERcorp (CAMeL split) last 10% of train';
  return {
    lang,
    name,
    source: { ...source, file: shown(source.path).startsWith('..') ? source.path : shown(source.path) },
    grouping,
    sentences,
    docs,
    tokens: docs.reduce((n, d) => n + d.tokens, 0),
    bytes: docs.reduce((n, d) => n + d.bytes, 0),
  };
}

/**
 * About `targetBytes` of text made by repeating the corpus's documents in order (joined by blank
 * lines, as paragraphs), stopping at the first document boundary at or past the target.
 */
export function repeatedText(corpus, targetBytes) {
  const parts = [];
  let bytes = 0;
  let tokens = 0;
  for (let i = 0; bytes < targetBytes; i = (i + 1) % corpus.docs.length) {
    const d = corpus.docs[i];
    parts.push(d.text);
    bytes += d.bytes + (parts.length > 1 ? 2 : 0);
    tokens += d.tokens;
  }
  const text = parts.join('\n\n');
  return { text, bytes: Buffer.byteLength(text, 'utf8'), tokens };
}

// ---------------------------------------------------------------------------------------------
// Environment and output

/** The current commit (short hash, "+dirty" with uncommitted changes), or null outside git. */
export function gitCommit() {
  try {
    const hash = execFileSync('git', ['rev-parse', '--short=12', 'HEAD'], { cwd: ROOT, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: ROOT, encoding: 'utf8' });
    return dirty.trim() ? `${hash}+dirty` : hash;
  } catch {
    return null;
  }
}

/**
 * Writes target/bench/<name>.json (the raw numbers plus when and at which commit they were
 * measured) and target/bench/<name>.md (the report section, starting with a `## ` heading).
 * `data.headline` is [{metric, value, target, met}]: what the report's headline table collects.
 */
export function writeResult(name, data, markdown) {
  mkdirSync(OUT_DIR, { recursive: true });
  const json = { name, measuredAt: new Date().toISOString(), commit: gitCommit(), ...data };
  writeFileSync(join(OUT_DIR, `${name}.json`), JSON.stringify(json, null, 2) + '\n');
  writeFileSync(join(OUT_DIR, `${name}.md`), markdown.trimEnd() + '\n');
  console.log(`wrote ${shown(join(OUT_DIR, `${name}.json`))} and ${name}.md`);
}

// ---------------------------------------------------------------------------------------------
// Formatting (reports show ratios as the headline; absolute numbers drift between machines)

/** An integer with thousands separators: 1234567 -> "1,234,567". */
export const int = (n) => Math.round(n).toLocaleString('en-US');
/** A number with `d` decimals. */
export const fixed = (n, d = 1) => n.toLocaleString('en-US', { minimumFractionDigits: d, maximumFractionDigits: d });
/** Milliseconds with a precision that suits their size. */
export const ms = (n) => (n >= 100 ? `${int(n)} ms` : n >= 10 ? `${fixed(n, 1)} ms` : `${fixed(n, 2)} ms`);
/** Bytes as "1,234,567 B (1.18 MiB)"; below 10 KiB just bytes. */
export function bytesText(n) {
  if (n < 10 * 1024) return `${int(n)} B`;
  const [v, unit] = n >= 1024 * 1024 ? [n / (1024 * 1024), 'MiB'] : [n / 1024, 'KiB'];
  return `${int(n)} B (${fixed(v, 2)} ${unit})`;
}
/** A stats object as "median (min–max)" with a formatter. */
export const spread = (s, f = int) => `${f(s.median)} (${f(s.min)}–${f(s.max)})`;

/** A markdown table from a header row and rows (cells are strings). */
export function table(header, rows, align) {
  const a = align ?? header.map((_, i) => (i === 0 ? 'l' : 'r'));
  const sep = a.map((x) => (x === 'r' ? '---:' : x === 'c' ? ':---:' : '---'));
  return [header, sep, ...rows].map((r) => `| ${r.join(' | ')} |`).join('\n');
}

/** "met" / "missed by …" text for a headline row. */
export const verdict = (met, by = '') => (met === null ? 'n/a' : met ? 'met' : `**missed**${by ? ` (${by})` : ''}`);
