#!/usr/bin/env node
// Noor against its peer in the same run: compromise (npm) people()/places()/organizations() on the
// same English documents. Throughput ratio (Noor's wasm ÷ compromise, both in this Node process)
// and entity F1 on the CoNLL-2003 dev file, with compromise's matches mapped to BIO tags and
// scored by the native scorer (`noor eval --pred`). Writes target/bench/peers.{json,md} and the
// predicted files target/bench/{compromise,noor-wasm}-dev.conll.
//
//   node bench/peers.mjs          NOOR_BENCH_RUNS=5, NOOR_SHARED=../shared by default

import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import nlp from 'compromise';
import {
  OUT_DIR, ROOT, devCorpus, fail, fixed, int, measureInterleaved, ms, rate, repoPath, runCount, shown, spread, table, timed,
  verdict, writeResult,
} from './lib.mjs';
import { assertBuilt, loadNoor } from './load.mjs';

const TARGET_RATIO = 10;
/** Throughput is timed on every STRIDE-th document: compromise needs ~10 s per pass of the whole file. */
const STRIDE = 4;
/** The types compromise can find; MISC has no counterpart, so the fair comparison leaves it out. */
const SHARED_TYPES = ['PER', 'LOC', 'ORG'];
const NOOR_BIN = repoPath('target', 'release-native', 'noor');
const COMPROMISE_VERSION = JSON.parse(readFileSync(repoPath('node_modules', 'compromise', 'package.json'), 'utf8')).version;

// ---------------------------------------------------------------------------------------------
// Spans -> tokens -> BIO tags

/** Each token's [start, end) in the document text (JS string offsets; one separator between tokens: a space, or a line break between sentences). */
function tokenRanges(doc) {
  const ranges = [];
  let at = 0;
  for (const s of doc.sentences) {
    for (const t of s.tokens) {
      ranges.push([at, at + t.length]);
      at += t.length + 1;
    }
  }
  return ranges;
}

/**
 * BIO tags for the tokens from typed spans [type, start, end): every token a span touches takes its
 * type, B on the first and I after; a token already tagged keeps its tag. The same rule as the
 * core's own mapping (span_tags in src/eval/conll.rs).
 */
function spanTags(ranges, spans) {
  const tags = ranges.map(() => 'O');
  for (const [type, start, end] of spans) {
    let first = true;
    for (const [j, [a, b]] of ranges.entries()) {
      if (a < end && start < b && tags[j] === 'O') {
        tags[j] = `${first ? 'B' : 'I'}-${type}`;
        first = false;
      }
    }
  }
  return tags;
}

/** Tags per document -> a CoNLL file with the gold file's tokens and sentence breaks. */
function writeConll(path, docs, docTags) {
  const lines = [];
  docs.forEach((doc, i) => {
    let k = 0;
    for (const s of doc.sentences) {
      for (const t of s.tokens) lines.push(`${t}\t${docTags[i][k++]}`);
      lines.push('');
    }
  });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(path, lines.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// The two recognizers, each returning typed spans of one document

const JSON_OPTS = { offset: true, terms: { offset: true } };

/** compromise's people, places and organizations; a match spans its first to its last term
 * (term offsets leave out the punctuation compromise attaches to a match, as in "London ."). */
function compromiseSpans(text) {
  const doc = nlp(text);
  const spans = [];
  for (const [type, found] of [['PER', doc.people()], ['LOC', doc.places()], ['ORG', doc.organizations()]]) {
    for (const m of found.json(JSON_OPTS)) {
      const first = m.terms[0].offset;
      const last = m.terms[m.terms.length - 1].offset;
      spans.push([type, first.start, last.start + last.length]);
    }
  }
  return spans;
}

const NAME_TYPES = new Set(['PER', 'LOC', 'ORG', 'MISC']);
const noorSpans = (noor, text) => noor.annotate(text).filter((e) => NAME_TYPES.has(e.type)).map((e) => [e.type, e.start, e.end]);

// ---------------------------------------------------------------------------------------------
// Scoring with the native scorer

function ensureNoorBin() {
  if (existsSync(NOOR_BIN)) return;
  console.log(`${shown(NOOR_BIN)} missing: building it (nice cargo build --profile release-native --bin noor)`);
  const r = spawnSync('nice', ['-n', '10', 'cargo', 'build', '--profile', 'release-native', '--bin', 'noor'], { cwd: ROOT, stdio: 'inherit' });
  if (r.status !== 0 || !existsSync(NOOR_BIN)) fail(`could not build ${shown(NOOR_BIN)}`);
}

/**
 * Runs `noor eval --lang en GOLD [--pred PRED]` and parses its table: a line per type and one
 * "overall" line of `type prec recall F1 gold pred`. Correct counts are recovered from precision
 * (two decimals of a percentage are exact enough for counts below 10,000).
 */
function noorEval(gold, pred) {
  const args = ['eval', '--lang', 'en', gold, ...(pred ? ['--pred', pred] : [])];
  const r = spawnSync(NOOR_BIN, args, { cwd: ROOT, encoding: 'utf8' });
  if (r.status !== 0) fail(`noor ${args.join(' ')} failed:\n${r.stderr}`);
  const rows = {};
  for (const line of r.stdout.split('\n')) {
    const m = line.trim().match(/^(\S+)\s+(\S+)\s+(\S+)\s+(\S+)\s+(\d+)\s+(\d+)$/);
    if (!m || m[1] === 'type') continue;
    const [prec, recall, f1] = [m[2], m[3], m[4]].map((x) => Number(x) || 0);
    const [gold, predicted] = [Number(m[5]), Number(m[6])];
    rows[m[1]] = { prec, recall, f1, gold, pred: predicted, correct: Math.round((prec * predicted) / 100) };
  }
  if (!rows.overall) fail(`could not read the table of noor ${args.join(' ')}:\n${r.stdout}`);
  return { command: `noor ${args.map((a) => shown(a).startsWith('..') ? a : shown(a)).join(' ')}`, rows };
}

/** P/R/F1 over a set of types, from the per-type counts. */
function over(rows, types) {
  const c = { correct: 0, gold: 0, pred: 0 };
  for (const t of types) for (const k of Object.keys(c)) c[k] += rows[t]?.[k] ?? 0;
  const prec = c.pred ? (100 * c.correct) / c.pred : 0;
  const recall = c.gold ? (100 * c.correct) / c.gold : 0;
  return { ...c, prec, recall, f1: prec + recall ? (2 * prec * recall) / (prec + recall) : 0 };
}

// ---------------------------------------------------------------------------------------------

function markdown(r) {
  const L = ['## Peers (Node)', ''];
  L.push(
    `compromise ${r.compromise.version} (\`nlp(text)\`, then \`people()\`, \`places()\`, \`organizations()\` with ` +
      `\`.json({offset: true, terms: {offset: true}})\`) against Noor's wasm (\`annotate(text)\`), one document per call, ` +
      `both in the same Node ${process.version} process. English only: compromise has no Arabic. ` +
      `Load average at start ${r.load.start.map((x) => fixed(x, 2)).join(' / ')}, at end ${r.load.end.map((x) => fixed(x, 2)).join(' / ')} (${r.cores} cores).`,
    '',
  );
  L.push('### Throughput', '');
  L.push(
    `Timed on every ${STRIDE}th document of ${r.corpus.name} (${int(r.subset.docs)} documents, ${int(r.subset.tokens)} tokens, ` +
      `${int(r.subset.bytes)} bytes): median of ${r.runs} passes each (min–max), the two taking turns, after the untimed scoring pass over the whole file.`,
    '',
  );
  const row = (name, t) => [name, spread(t.tokensPerCpuS), spread(t.tokensPerS), `${ms(t.ms.median)} / ${ms(t.cpuMs.median)}`];
  L.push(
    table(
      ['recognizer', 'tokens per CPU-s', 'tokens/s (wall)', 'pass (wall / CPU)'],
      [row(`Noor ${r.noor.version} (wasm)`, r.noor.throughput), row(`compromise ${r.compromise.version}`, r.compromise.throughput)],
    ),
    '',
    `**Noor ÷ compromise: ${fixed(r.ratioCpu, 1)}× in CPU time** (medians; ${fixed(r.ratio.median, 1)}× in wall-clock time, ` +
      `${fixed(r.ratio.min, 1)}–${fixed(r.ratio.max, 1)}× from its extremes). Target ≥ ${TARGET_RATIO}×: ` +
      `${verdict(r.ratioCpu >= TARGET_RATIO, r.ratioCpu < TARGET_RATIO ? `${fixed(TARGET_RATIO / r.ratioCpu, 1)}× short` : '')}. ` +
      'CPU time is the steadier figure on a shared machine; compromise spends part of its CPU time in garbage collection threads.',
    '',
  );
  L.push('### Entity F1 on CoNLL-2003 English dev', '');
  L.push(
    `Each document's text is its sentences on their own lines, tokens joined by single spaces (${r.corpus.grouping}). A match covers the tokens its characters touch ` +
      `(B on the first, I after; first match wins a token), which gives a predicted file with the gold file's tokens and sentences, ` +
      `scored by the native scorer (conlleval semantics: type and both boundaries must match). compromise has no MISC, ` +
      `so the fair comparison is over ${SHARED_TYPES.join('/')} (gold MISC entities and predicted MISC entities left out on both sides).`,
    '',
  );
  const f = (x) => fixed(x, 2);
  const sys = [
    ['Noor (native `noor eval`: gold tokens, its own documents)', r.f1.noor],
    ['Noor (wasm `annotate` on each document text, same mapping as compromise)', r.f1.noorWasm],
    [`compromise ${r.compromise.version}`, r.f1.compromise],
  ];
  L.push(
    table(
      ['system', 'F1 PER/LOC/ORG', 'P', 'R', 'F1 all types', 'PER', 'LOC', 'ORG', 'MISC'],
      sys.map(([name, e]) => [name, `**${f(e.shared.f1)}**`, f(e.shared.prec), f(e.shared.recall), f(e.rows.overall.f1), ...['PER', 'LOC', 'ORG', 'MISC'].map((t) => (e.rows[t] ? f(e.rows[t].f1) : '—'))]),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    'Commands: ' + sys.map(([, e]) => `\`${e.command}\``).join(', ') + '.',
    '',
  );
  return L.join('\n');
}

async function main() {
  assertBuilt();
  ensureNoorBin();
  const runs = runCount();
  const load = { start: loadavg() };
  const corpus = devCorpus('en');
  const gold = corpus.source.path;
  const noor = await loadNoor({ lang: 'en' });

  // Scoring passes over the whole file (untimed; they also warm both up).
  console.log(`compromise ${COMPROMISE_VERSION}: one pass over ${corpus.docs.length} documents for F1`);
  const [compromisePassMs, compromiseTags] = timed(() => corpus.docs.map((d) => spanTags(tokenRanges(d), compromiseSpans(d.text))));
  const noorTags = corpus.docs.map((d) => spanTags(tokenRanges(d), noorSpans(noor, d.text)));
  const compromisePred = join(OUT_DIR, 'compromise-dev.conll');
  const noorPred = join(OUT_DIR, 'noor-wasm-dev.conll');
  writeConll(compromisePred, corpus.docs, compromiseTags);
  writeConll(noorPred, corpus.docs, noorTags);
  const f1 = { noor: noorEval(gold), noorWasm: noorEval(gold, noorPred), compromise: noorEval(gold, compromisePred) };
  for (const e of Object.values(f1)) e.shared = over(e.rows, SHARED_TYPES);

  const docs = corpus.docs.filter((_, i) => i % STRIDE === 0);
  const subset = { docs: docs.length, tokens: docs.reduce((n, d) => n + d.tokens, 0), bytes: docs.reduce((n, d) => n + d.bytes, 0) };
  console.log(`throughput: ${runs} passes over ${subset.docs} documents each, taking turns`);
  const [noorT, compromiseT] = measureInterleaved(
    [() => docs.forEach((d) => noor.annotate(d.text)), () => docs.forEach((d) => compromiseSpans(d.text))],
    { runs, warmup: 0 },
  ).map((t) => ({ ms: t.wall, cpuMs: t.cpu, tokensPerS: rate(subset.tokens, t.wall), tokensPerCpuS: rate(subset.tokens, t.cpu) }));
  const ratio = {
    median: noorT.tokensPerS.median / compromiseT.tokensPerS.median,
    min: noorT.tokensPerS.min / compromiseT.tokensPerS.max,
    max: noorT.tokensPerS.max / compromiseT.tokensPerS.min,
  };
  load.end = loadavg();

  const r = {
    runs,
    cores: cpus().length,
    load,
    corpus: { name: corpus.name, file: corpus.source.file, grouping: corpus.grouping, docs: corpus.docs.length, tokens: corpus.tokens },
    subset: { stride: STRIDE, ...subset },
    buildId: noor.buildId,
    noor: { version: noor.version, throughput: noorT },
    compromise: { version: COMPROMISE_VERSION, throughput: compromiseT, scoringPassMs: compromisePassMs },
    ratio,
    ratioCpu: noorT.tokensPerCpuS.median / compromiseT.tokensPerCpuS.median,
    f1,
    predictions: { compromise: shown(compromisePred), noorWasm: shown(noorPred) },
  };
  const [nF, cF] = [f1.noor.shared.f1, f1.compromise.shared.f1];
  r.headline = [
    {
      metric: 'throughput, Noor wasm ÷ compromise (English, Node, same documents; CPU time)',
      value: `${fixed(r.ratioCpu, 1)}× (wall clock: ${fixed(ratio.median, 1)}×)`,
      target: `≥ ${TARGET_RATIO}×`,
      met: r.ratioCpu >= TARGET_RATIO,
      ...(r.ratioCpu < TARGET_RATIO && { shortfall: `${fixed(TARGET_RATIO / r.ratioCpu, 1)}× short` }),
    },
    {
      metric: 'entity F1 PER/LOC/ORG on CoNLL-2003 dev, Noor vs compromise',
      value: `${fixed(nF, 2)} vs ${fixed(cF, 2)}`,
      target: 'Noor higher',
      met: nF > cF,
      ...(nF <= cF && { shortfall: `${fixed(cF - nF, 2)} points below` }),
    },
  ];
  console.log(`Noor ${int(noorT.tokensPerCpuS.median)} tokens per CPU-s, compromise ${int(compromiseT.tokensPerCpuS.median)}: ${fixed(r.ratioCpu, 1)}×`);
  console.log(`F1 PER/LOC/ORG: Noor ${fixed(nF, 2)} (wasm mapped ${fixed(f1.noorWasm.shared.f1, 2)}), compromise ${fixed(cF, 2)}`);
  writeResult('peers', r, markdown(r));
}

await main();
