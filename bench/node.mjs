#!/usr/bin/env node
// Noor's wasm under Node: recognizer throughput on the dev texts (tokens/s, MB/s), start-up in a
// fresh process, linearity (one annotate() call on 1, 2, 4, 8 MB) and peak wasm linear memory
// for 1 MB and 10 MB. Writes target/bench/node.{json,md}.
//
//   node bench/node.mjs                      NOOR_BENCH_RUNS=5, NOOR_SHARED=../shared by default
//   NOOR_BENCH_SIZES=1,2 NOOR_BENCH_MEMORY_SIZES=1 node bench/node.mjs   smaller inputs (quick checks only)
//
// Start-up and memory run in child processes (this file with --child): a wasm module compiled
// twice in one process may reuse V8's code, and linear memory never shrinks, so only a fresh
// process gives a cold start and a clean peak.

import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import {
  bytesText, devCorpus, fail, fixed, int, ms, nowMs, rate, repeatedText, runCount, measure, measureInterleaved, spread,
  stats,
  table, timed, verdict, writeResult,
} from './lib.mjs';
import { assertBuilt, loadNoor as load } from './load.mjs';

/** Every build this run loaded (see buildId in load.mjs): more than one means a rebuild mid-run. */
const builds = new Set();
async function loadNoor(options) {
  const noor = await load(options);
  builds.add(noor.buildId);
  return noor;
}

const TARGET_TOKENS_PER_S = 500_000;
const TARGET_STARTUP_MS = 50;
/** Linear means time per MB stays flat; more than this factor from 1 MB to the largest input is not. */
const LINEAR_TOLERANCE = 1.25;
const LANGS = ['en', 'ar'];
const LANG_NAME = { en: 'English', ar: 'Arabic' };
const MB = 1e6;

/** Input sizes in MB from an environment variable like "1,2,4,8", or the defaults. */
function sizesFrom(name, defaults) {
  const raw = process.env[name];
  if (!raw) return defaults;
  const sizes = raw.split(',').map(Number);
  if (sizes.some((n) => !(n > 0))) fail(`${name} must be like 1,2,4,8, not ${raw}`);
  return sizes;
}

// ---------------------------------------------------------------------------------------------
// Child processes: one fresh instance, one measurement, one line of JSON on stdout.

async function child({ what, lang, mb }) {
  const noor = await loadNoor({ lang });
  if (what === 'startup') {
    return { startupMs: noor.startupMs, startupCpuMs: noor.startupCpuMs, parts: noor.startupParts, memoryBytes: noor.memoryBytes(), buildId: noor.buildId };
  }
  if (what === 'memory') {
    const input = repeatedText(devCorpus(lang), mb * MB);
    const baseline = noor.memoryBytes();
    const [time, entities] = timed(() => noor.annotate(input.text));
    const peak = noor.memoryBytes();
    return { baseline, peak, bytes: input.bytes, tokens: input.tokens, ms: time, entities: entities.length, buildId: noor.buildId };
  }
  throw new Error(`unknown child task ${what}`);
}

function runChild(task) {
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', JSON.stringify(task)], {
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (r.status !== 0) fail(`child ${JSON.stringify(task)} failed (${r.signal ?? `exit ${r.status}`}):\n${r.stderr}`);
  const out = JSON.parse(r.stdout.trim().split('\n').pop());
  builds.add(out.buildId);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Measurements

function startup(lang, runs) {
  runChild({ what: 'startup', lang }); // untimed: the first process also pays for cold file caches
  const samples = Array.from({ length: runs }, () => runChild({ what: 'startup', lang }));
  const of = (f) => stats(samples.map(f));
  return {
    lang,
    totalMs: of((s) => s.startupMs),
    cpuMs: of((s) => s.startupCpuMs),
    parts: Object.fromEntries(Object.keys(samples[0].parts).map((k) => [k, of((s) => s.parts[k])])),
    memoryBytes: samples[0].memoryBytes,
  };
}

/** One pass over the corpus's documents per run, in three ways a caller can use the core. */
async function throughput(corpus, runs) {
  const modes = [
    { call: 'annotate(document)', options: {}, pass: (n) => corpus.docs.reduce((k, d) => k + n.annotate(d.text).length, 0) },
    {
      call: 'annotateBatch(sentences of a document)',
      options: {},
      pass: (n) =>
        corpus.docs.reduce((k, d) => k + n.annotateBatch(d.sentences.map((s) => s.tokens.join(' '))).flat().length, 0),
    },
    {
      call: 'annotate(document), lexiconOnly',
      options: { lexiconOnly: true },
      pass: (n) => corpus.docs.reduce((k, d) => k + n.annotate(d.text).length, 0),
    },
  ];
  const out = [];
  for (const m of modes) {
    const noor = await loadNoor({ lang: corpus.lang, ...m.options });
    const entities = m.pass(noor);
    const time = measure(() => m.pass(noor), { runs, warmup: 1 });
    out.push({
      call: m.call,
      entities,
      ms: time.wall,
      cpuMs: time.cpu,
      tokensPerS: rate(corpus.tokens, time.wall),
      mbPerS: rate(corpus.bytes / MB, time.wall),
      tokensPerCpuS: rate(corpus.tokens, time.cpu),
    });
    console.log(`  ${corpus.lang} ${m.call}: ${int(out.at(-1).tokensPerS.median)} tokens/s`);
  }
  return out;
}

/**
 * One annotate() call on each size, in one instance. The sizes take turns run by run (1, 2, 4,
 * 8 MB, then again), so a burst of load from other jobs on this shared machine falls on all
 * sizes alike instead of on whichever size was being timed; each size is called once untimed
 * first, so the linear memory has grown to every size's need before any call is timed (growing
 * it is paid once per instance, not per byte).
 */
async function linearity(corpus, sizes, runs) {
  const noor = await loadNoor({ lang: corpus.lang });
  const inputs = sizes.map((mb) => ({ mb, ...repeatedText(corpus, mb * MB) }));
  const times = measureInterleaved(inputs.map((input) => () => noor.annotate(input.text)), { runs, warmup: 1 });
  const rows = inputs.map((input, k) => {
    const time = times[k];
    const row = { mb: input.mb, bytes: input.bytes, tokens: input.tokens, ms: time.wall, cpuMs: time.cpu, tokensPerS: rate(input.tokens, time.wall) };
    console.log(`  ${corpus.lang} ${input.mb} MB: ${ms(time.wall.median)} wall, ${ms(time.cpu.median)} CPU (${int(row.tokensPerS.median)} tokens/s)`);
    return row;
  });
  // CPU time per byte relative to the smallest input: 1.0 everywhere is perfectly linear. CPU
  // time, because the larger inputs take long enough for other jobs' load to come and go.
  const perByte = (r) => r.cpuMs.median / r.bytes;
  for (const r of rows) r.cpuPerByteVsSmallest = perByte(r) / perByte(rows[0]);
  const last = rows.at(-1);
  return { rows, growth: last.cpuPerByteVsSmallest, linear: last.cpuPerByteVsSmallest <= LINEAR_TOLERANCE };
}

function memory(lang, sizes) {
  return sizes.map((mb) => {
    const r = runChild({ what: 'memory', lang, mb });
    console.log(`  ${lang} ${mb} MB: peak ${bytesText(r.peak)}`);
    return { mb, ...r };
  });
}

// ---------------------------------------------------------------------------------------------
// Report

const shortBy = (value, target) => `${fixed(target / value, 1)}× too slow`;

const WATCHLIST_TERMS = 10_000;
const TARGET_WATCHLIST_MS = 50;

/**
 * 10,000 watched names made from the dev texts (distinct word bigrams, half Arabic, half English,
 * types in turn, every tenth with an id; as `noor bench` does natively), compiled by one
 * addTerms() call into a fresh recognizer each run.
 */
async function watchlist(corpora, runs) {
  const terms = [];
  const seen = new Set();
  for (const lang of ['ar', 'en']) {
    const want = lang === 'ar' ? WATCHLIST_TERMS / 2 : WATCHLIST_TERMS;
    for (const d of corpora[lang].docs) {
      const words = d.text.split(/\s+/).filter((w) => /^\p{L}+$/u.test(w));
      for (let i = 1; i < words.length && terms.length < want; i++) {
        const text = `${words[i - 1]} ${words[i]}`;
        if (seen.has(text)) continue;
        seen.add(text);
        const k = terms.length;
        terms.push({ text, type: ['PER', 'ORG', 'LOC'][k % 3], ...(k % 10 === 0 && { id: `bench:${k}` }) });
      }
      if (terms.length >= want) break;
    }
  }
  const samples = [];
  for (let r = 0; r <= runs; r++) {
    const noor = await loadNoor({ lang: 'auto', lexiconOnly: true });
    const t = nowMs();
    const n = noor.addTerms(terms);
    const elapsed = nowMs() - t;
    // A few bigrams differ only in what matching ignores (case, marks) and replace each other.
    if (n < 0.9 * terms.length) fail(`watchlist: ${n} terms compiled, ${terms.length} given`);
    if (r > 0) samples.push(elapsed); // the first run warms the engine up
  }
  return { terms: terms.length, ms: stats(samples) };
}

function headline(r) {
  const h = [];
  if (r.watchlist) {
    const w = r.watchlist.ms.median;
    h.push({
      metric: `watchlist: compiling ${int(r.watchlist.terms)} terms with one addTerms() call (wasm, Node)`,
      value: `${ms(w)} (min ${ms(r.watchlist.ms.min)}, max ${ms(r.watchlist.ms.max)})`,
      target: `< ${TARGET_WATCHLIST_MS} ms`,
      met: w < TARGET_WATCHLIST_MS,
      ...(w >= TARGET_WATCHLIST_MS && { shortfall: `${ms(w - TARGET_WATCHLIST_MS)} over` }),
    });
  }
  for (const lang of LANGS) {
    const wall = r.throughput[lang][0].tokensPerS.median;
    const t = r.throughput[lang][0].tokensPerCpuS.median;
    h.push({
      metric: `wasm throughput under Node, ${LANG_NAME[lang]} (annotate per document; per CPU-second)`,
      value: `${int(t)} tokens/s (wall clock: ${int(wall)})`,
      target: `≥ ${int(TARGET_TOKENS_PER_S)} tokens/s`,
      met: t >= TARGET_TOKENS_PER_S,
      ...(t < TARGET_TOKENS_PER_S && { shortfall: `${fixed((100 * t) / TARGET_TOKENS_PER_S, 0)}% of target, ${shortBy(t, TARGET_TOKENS_PER_S)}` }),
    });
  }
  for (const lang of LANGS) {
    const wall = r.startup[lang].totalMs;
    const s = wall.median;
    h.push({
      metric: `start-up in Node, ${LANG_NAME[lang]} (import + instantiate + load data + first annotate; wall clock)`,
      value: `${ms(s)} (min ${ms(wall.min)}; CPU ${ms(r.startup[lang].cpuMs.median)})`,
      target: `≤ ${TARGET_STARTUP_MS} ms`,
      met: s <= TARGET_STARTUP_MS,
      ...(s > TARGET_STARTUP_MS && { shortfall: `${ms(s - TARGET_STARTUP_MS)} over (${fixed(s / TARGET_STARTUP_MS, 2)}×)` }),
    });
  }
  for (const lang of LANGS) {
    const l = r.linearity[lang];
    const [a, b] = [l.rows[0], l.rows.at(-1)];
    h.push({
      metric: `linearity, ${LANG_NAME[lang]}: CPU time per MB at ${b.mb} MB ÷ at ${a.mb} MB (one annotate call)`,
      value: `${fixed(l.growth, 2)}×`,
      target: `≤ ${LINEAR_TOLERANCE}× (1.0 = linear)`,
      met: l.linear,
      ...(!l.linear && { shortfall: `${b.mb / a.mb}× the input took ${fixed(b.cpuMs.median / a.cpuMs.median, 1)}× the CPU time` }),
    });
  }
  for (const lang of LANGS) {
    const m = r.memory[lang].at(-1);
    h.push({ metric: `peak wasm memory, ${LANG_NAME[lang]}, ${m.mb} MB input`, value: bytesText(m.peak), target: '—', met: null });
  }
  return h;
}

function markdown(r) {
  const L = [];
  L.push('## Node (wasm)', '');
  L.push(
    `Noor ${r.version} as \`make build\` ships it, loaded by \`bench/load.mjs\`, in Node ${process.version}. ` +
      `Every timing is the median of ${r.runs} runs (min–max in parentheses) after a warm-up; MB = 10⁶ bytes of UTF-8. ` +
      `Load average at start ${r.load.start.map((x) => fixed(x, 2)).join(' / ')}, at end ${r.load.end.map((x) => fixed(x, 2)).join(' / ')} ` +
      `(1/5/15 min, ${r.cores} cores). The throughput target is compared with CPU time (of this process, all its threads): ` +
      'on a shared machine wall-clock time measures the other jobs as much as Noor, while CPU time is what one core spends. ' +
      'The start-up target is compared with wall-clock time: V8 compiles the wasm on several threads at once, so start-up ' +
      'CPU time exceeds the time a user waits.',
    '',
  );
  if (Math.max(r.load.start[0], r.load.end[0]) > r.cores * 0.75) {
    L.push(
      `> **The machine was busy** (load average above ${fixed(r.cores * 0.75, 1)} on ${r.cores} cores): other jobs took CPU ` +
        'while this ran, so wall-clock figures are pessimistic and noisy; the CPU-time figures are the steady ones.',
      '',
    );
  }
  if (r.builds.length > 1) {
    L.push(`> **The build changed during this run** (${r.builds.join(', ')}): \`make build\` ran meanwhile; run again.`, '');
  }
  L.push('### Corpora', '');
  L.push(
    table(
      ['language', 'text', 'documents', 'sentences', 'tokens', 'bytes'],
      LANGS.map((lang) => {
        const c = r.corpora[lang];
        return [LANG_NAME[lang], `${c.name} (\`${c.file}\`${c.slice ? `, slice ${c.slice}` : ''}; ${c.grouping})`, int(c.docs), int(c.sentences), int(c.tokens), int(c.bytes)];
      }),
      ['l', 'l', 'r', 'r', 'r', 'r'],
    ),
    '',
    "A document's text is its sentences on their own lines, tokens joined by single spaces; tokens/s counts the corpus tokens.",
    '',
  );
  L.push('### Throughput', '');
  L.push(
    table(
      ['language', 'call', 'tokens per CPU-s', 'tokens/s (wall)', 'MB/s (wall)', 'pass (wall / CPU)', 'entities', `CPU vs target ${int(TARGET_TOKENS_PER_S)} tokens/s`],
      LANGS.flatMap((lang) =>
        r.throughput[lang].map((t) => [
          LANG_NAME[lang],
          `\`${t.call}\``,
          spread(t.tokensPerCpuS),
          spread(t.tokensPerS),
          spread(t.mbPerS, (x) => fixed(x, 2)),
          `${ms(t.ms.median)} / ${ms(t.cpuMs.median)}`,
          int(t.entities),
          `${fixed(t.tokensPerCpuS.median / TARGET_TOKENS_PER_S, 2)}×`,
        ]),
      ),
      ['l', 'l', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    '`annotateBatch` is how the page shim calls the core (one call per ' +
      'batch of blocks); here each sentence of a document is one text of the batch.',
    '',
  );
  L.push('### Start-up', '');
  L.push(
    `A fresh \`node\` process per run (${r.runs} runs after one untimed process): import the glue and read the files, ` +
      "compile and instantiate the wasm, `new Noor({lang})`, load the language's data, then annotate one short sentence " +
      '(whatever the core builds lazily is built then). The files come from the local disk: no network time.',
    '',
  );
  const partNames = {
    importAndReadMs: 'import glue + read files',
    compileInstantiateMs: 'compile + instantiate',
    constructMs: 'new Noor',
    loadPacksMs: 'load pack(s)',
    firstAnnotateMs: 'first annotate',
  };
  const parts = Object.keys(r.startup.en.parts);
  L.push(
    table(
      ['language', 'wall clock', ...parts.map((p) => partNames[p] ?? p), 'CPU time', `vs target ${TARGET_STARTUP_MS} ms`, 'memory after'],
      LANGS.map((lang) => {
        const s = r.startup[lang];
        return [LANG_NAME[lang], spread(s.totalMs, ms), ...parts.map((p) => ms(s.parts[p].median)), spread(s.cpuMs, ms), `${fixed(s.totalMs.median / TARGET_STARTUP_MS, 2)}×`, bytesText(s.memoryBytes)];
      }),
    ),
    '',
  );
  L.push('### Linearity', '');
  L.push(
    'One `annotate(text)` call on the corpus repeated to each size (documents separated by blank lines), in one instance ' +
      'that has annotated every size once untimed; the sizes take turns run by run, so load from other jobs falls on all ' +
      'of them alike. The last column is the CPU time per byte relative to the smallest input: ' +
      '1.00 is linear, larger means the core slows down on longer texts.',
    '',
  );
  L.push(
    table(
      ['language', 'input', 'tokens', 'time (wall)', 'CPU time', 'tokens/s (wall)', 'CPU time per byte vs smallest'],
      LANGS.flatMap((lang) =>
        r.linearity[lang].rows.map((x) => [LANG_NAME[lang], `${x.mb} MB`, int(x.tokens), spread(x.ms, ms), ms(x.cpuMs.median), spread(x.tokensPerS), `${fixed(x.cpuPerByteVsSmallest, 2)}×`]),
      ),
    ),
    '',
  );
  if (r.watchlist) {
    L.push('### Watchlist', '');
    L.push(
      `Compiling ${int(r.watchlist.terms)} watched names (word bigrams of the dev texts, half Arabic, half English) with one ` +
        `\`addTerms()\` call into a fresh recognizer: ${ms(r.watchlist.ms.median)} (${ms(r.watchlist.ms.min)}–${ms(r.watchlist.ms.max)}), ` +
        `median of ${r.watchlist.ms.runs} runs.`,
      '',
    );
  }
  L.push('### Memory', '');
  L.push(
    'Wasm linear memory in a fresh process: after start-up, and after one `annotate(text)` call on the input ' +
      '(linear memory only grows, so that is the peak). The JS objects of the result are on the JS heap and not counted.',
    '',
  );
  L.push(
    table(
      ['language', 'input', 'tokens', 'after start-up', 'peak', 'peak − start-up', '÷ input bytes', 'entities', 'time (1 run)'],
      LANGS.flatMap((lang) =>
        r.memory[lang].map((m) => [LANG_NAME[lang], `${m.mb} MB`, int(m.tokens), bytesText(m.baseline), bytesText(m.peak), bytesText(m.peak - m.baseline), `${fixed((m.peak - m.baseline) / m.bytes, 1)}×`, int(m.entities), ms(m.ms)]),
      ),
    ),
    '',
  );
  const missed = r.headline.filter((h) => h.met === false);
  if (missed.length) {
    L.push('### Targets missed', '');
    for (const h of missed) L.push(`- ${h.metric}: ${h.value}, target ${h.target}: ${verdict(false, h.shortfall)}`);
    L.push('');
  }
  return L.join('\n');
}

async function main() {
  assertBuilt();
  const runs = runCount();
  const sizes = sizesFrom('NOOR_BENCH_SIZES', [1, 2, 4, 8]);
  const memorySizes = sizesFrom('NOOR_BENCH_MEMORY_SIZES', [1, 10]);
  const started = nowMs();
  const load = { start: loadavg() };
  const corpora = Object.fromEntries(LANGS.map((lang) => [lang, devCorpus(lang)]));
  const r = { runs, cores: cpus().length, version: (await loadNoor({ lang: 'en' })).version, corpora: {}, startup: {}, throughput: {}, linearity: {}, memory: {} };
  for (const lang of LANGS) {
    const c = corpora[lang];
    r.corpora[lang] = { name: c.name, file: c.source.file, slice: c.source.slice, grouping: c.grouping, docs: c.docs.length, sentences: c.sentences.length, tokens: c.tokens, bytes: c.bytes };
  }
  console.log('start-up (fresh processes)');
  for (const lang of LANGS) r.startup[lang] = startup(lang, runs);
  console.log('throughput');
  for (const lang of LANGS) r.throughput[lang] = await throughput(corpora[lang], runs);
  console.log('watchlist');
  r.watchlist = await watchlist(corpora, runs);
  console.log(`linearity (${sizes.join(', ')} MB, ${runs} runs each)`);
  for (const lang of LANGS) r.linearity[lang] = await linearity(corpora[lang], sizes, runs);
  console.log('memory (fresh processes)');
  for (const lang of LANGS) r.memory[lang] = memory(lang, memorySizes);
  load.end = loadavg();
  r.load = load;
  r.elapsedS = (nowMs() - started) / 1000;
  r.builds = [...builds];
  r.buildId = r.builds.length === 1 ? r.builds[0] : null;
  r.headline = headline(r);
  writeResult('node', r, markdown(r));
  console.log(`node bench took ${fixed(r.elapsedS, 0)} s`);
}

if (process.argv[2] === '--child') {
  console.log(JSON.stringify(await child(JSON.parse(process.argv[3]))));
} else {
  await main();
}
