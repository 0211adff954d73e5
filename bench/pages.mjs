#!/usr/bin/env node
// pages.mjs owns the Chromium part of `make bench`: what Noor costs in a real browser.
//
//  1. start-up: import of www/noor.js -> createHighlighter() resolved (wasm instantiate, model
//     load, warm-up), cold, in a fresh context on a blank page, for lang ar, en and auto;
//  2. page cost: every saved page of ../shared/pages (the list in its SOURCES.md), each renderer
//     (spans, highlight-api): `await highlight(document.body)`, clear(), entities and marks,
//     long tasks (PerformanceObserver) and Noor's longest work slice; the wasm annotate time is
//     measured inside the same run (the shim's calls into the core are timed), so the time
//     Noor spends on the page itself (walk + wrap) can be told apart from recognition;
//  3. peer: mark.js 8.11.1 (node_modules, injected with a <script> from the local server) marks
//     the same entity strings Noor found on that page: mark(strings) until `done`, and unmark();
//     and, as the tougher peer, markRegExp() with one alternation of those strings.
//
// Every measurement is a fresh browser context with the page loaded anew (its own renderer
// process: no compiled wasm, no JIT state, no layout carried over from an earlier run).
// Rounds go over all pages in turn (round 1 of every page, then round 2 ...), so a burst of
// load from other processes on this shared machine spreads over many pages instead of
// spoiling every run of one page.
//
// Writes target/bench/chromium.json (raw numbers + "headline") and target/bench/chromium.md
// (the "Page cost in Chromium" section of BENCHMARKS.md).
//
//   node bench/pages.mjs [page-name-filter[,filter...]]   only pages whose name contains one of them
//   NOOR_BENCH_RUNS=5          start-up runs per language, and most runs per page (default 5)
//   NOOR_BENCH_PAGE_RUNS=n     most runs per page and contestant (default NOOR_BENCH_RUNS)
//   NOOR_BENCH_BUDGET_S=1200   time budget of the whole script (see the rounds in main())
//   NOOR_SHARED=/path          the shared folder (default ../shared from the repo root)

import { mkdirSync, readdirSync, readFileSync, existsSync, statSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { MARKJS_PREFIX, PAGES, REPO, freshPage, openSaved, preflight, startBench } from './browser.mjs';

const STARTED = Date.now();
const RUNS = Math.max(1, Number(process.env.NOOR_BENCH_RUNS ?? 5));
// A fresh load costs 1.5-2.5 s before anything is measured (a new renderer process, parsing and
// laying out the saved page, and for Noor a cold createHighlighter), whatever the page. With 40
// pages and 4 contestants that is 3.5-6 minutes per round on this shared 2-core machine: the
// budget of 20 minutes lets the five rounds a median of 5 runs needs finish on a quiet machine.
// Round 1 covers every page, and later rounds repeat the cheapest pages first, so on a busy
// machine the budget cuts the costliest pages' later runs (see main()).
const PAGE_RUNS = Math.max(1, Number(process.env.NOOR_BENCH_PAGE_RUNS ?? RUNS));
const BUDGET_S = Math.max(0, Number(process.env.NOOR_BENCH_BUDGET_S ?? 1200));
const LANGS = ['ar', 'en', 'auto'];
const RENDERERS = ['spans', 'highlight-api'];
const EVAL_TIMEOUT_MS = 240_000;
const BLANK_PREFIX = '/__bench__/blank/';
const BLANK = `${BLANK_PREFIX}blank.html`;
const OUT_DIR = join(REPO, 'target', 'bench');

// mark.js options, chosen so that it does the same job as Noor's wrapping and nothing more, and
// in its fastest form wherever there is a choice:
//  - separateWordSearch: false: one mark per whole name ("Bashar al-Assad"), not per word;
//  - acrossElements: true: a name may run across inline elements ("<b>Vladimir</b> Putin"), as
//    Noor's blocks do;
//  - diacritics: false: the default turns every letter into a class of accented variants (a much
//    slower regex, and it would match other strings than the ones Noor found);
//  - caseSensitive: true: exactly the strings Noor found ("May" the month is not "may"); also faster;
//  - accuracy 'partially' (default): the cheapest regex; 'exactly' needs white space around a
//    match, so "Cairo," would be missed;
//  - no `exclude` beyond mark.js's own (script, style, title, head): an exclude list of the
//    subtrees Noor never reads (code, pre, svg, form fields ...) made mark.js 2.5-7 times slower
//    on the Wikipedia page (it tests every text node against it, once per string), so mark.js is
//    spared that work, at the price of marking in a few places Noor leaves alone.
// Hidden text (display:none) is marked by mark.js too (it has no such option); Noor skips it.
const MARKJS_OPTIONS = { separateWordSearch: false, acrossElements: true, diacritics: false, caseSensitive: true, accuracy: 'partially' };

// mark.js's mark(array) walks the text and runs one regex per string, so its cost grows with
// strings x text. "mark.js, one regex" gives the same strings as one alternation (longest first)
// to markRegExp(): one walk, one pass; it shows mark.js at its best, which a careful user could get.
const CONTESTANTS = ['spans', 'highlight-api', 'markjs', 'markjs-regexp'];
const LABEL = { spans: 'spans', 'highlight-api': 'highlight-api', markjs: 'mark.js', 'markjs-regexp': 'mark.js, one regex' };

// A mark.js run that takes longer than this is not repeated on that page: it cannot be
// interrupted (one synchronous task), a run can take minutes on a large page, and one run is
// enough to say it is many times slower than Noor there.
const REPEAT_LIMIT_MS = 5000;

// ------------------------------------------------------------------ statistics

const sorted = (xs) => xs.filter((x) => Number.isFinite(x)).sort((a, b) => a - b);
/** Median (mean of the two middle values for an even count). */
function median(xs) {
  const s = sorted(xs);
  if (!s.length) return null;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
/** Nearest-rank percentile. */
function percentile(xs, p) {
  const s = sorted(xs);
  return s.length ? s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)] : null;
}
const stats = (xs) => {
  const s = sorted(xs);
  return { median: median(s), min: s[0] ?? null, max: s.at(-1) ?? null, n: s.length };
};
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);
const ms = (x, d = 0) => (x == null ? '–' : `${x.toFixed(d)}`);

// ------------------------------------------------------------------ the pages

/** Page folders listed in SOURCES.md that have a source.html, with the language column. */
function readPages(filter) {
  const sources = readFileSync(join(PAGES, 'SOURCES.md'), 'utf8');
  const listed = new Map();
  let inDev = false;
  for (const line of sources.split('\n')) {
    if (line.startsWith('## ')) inDev = /^## Development set/.test(line);
    const m = inDev && /^\| ([\w.-]+) \| ([^|]+) \| ([^|]+) \|/.exec(line);
    if (m && m[1] !== 'page') listed.set(m[1], { language: m[2].trim(), direction: m[3].trim() });
  }
  const onDisk = readdirSync(PAGES).filter((d) => existsSync(join(PAGES, d, 'source.html')));
  const missing = [...listed.keys()].filter((n) => !onDisk.includes(n));
  if (missing.length) console.warn(`warning: in SOURCES.md but not on disk: ${missing.join(', ')}`);
  const unlisted = onDisk.filter((n) => !listed.has(n));
  if (unlisted.length) console.warn(`warning: on disk but not in SOURCES.md (measured anyway): ${unlisted.join(', ')}`);
  return [...new Set([...listed.keys(), ...onDisk])]
    .filter((n) => onDisk.includes(n) && filter.split(',').some((f) => n.includes(f)))
    .sort()
    .map((name) => ({ name, ...(listed.get(name) ?? { language: '?', direction: '?' }), bytes: statSync(join(PAGES, name, 'source.html')).size }));
}

// ------------------------------------------------------------------ in-page functions
// These run inside the page (page.evaluate serializes them): self-contained, no closures.

/**
 * Installed in every measured page before it loads (page.addInitScript): watches long tasks and
 * long animation frames for the highlighters under test, so Noor and mark.js are judged by the
 * same code. `stop(t0, t2, base)` waits for late entries, then returns the long tasks between
 * t0 and t2 and the longest frame in that window, split into what made it long (scripts under
 * `base` are ours).
 */
function installWatch() {
  window.__noorBenchWatch = () => {
    const longTasks = [];
    const frames = [];
    const po = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) (e.entryType === 'longtask' ? longTasks : frames).push(e);
    });
    po.observe({ type: 'longtask' });
    po.observe({ type: 'long-animation-frame' });
    return {
      async stop(t0, t2, base) {
        await new Promise((r) => setTimeout(r, 60)); // long task entries arrive asynchronously
        po.disconnect();
        const inWindow = (e) => e.startTime < t2 && e.startTime + e.duration > t0;
        const loaf = frames.filter(inWindow).sort((a, b) => b.duration - a.duration)[0];
        const longestFrame = loaf ? {
          ms: loaf.duration,
          oursMs: loaf.scripts.filter((x) => x.sourceURL.startsWith(base)).reduce((a, x) => a + x.duration, 0),
          pageScriptMs: loaf.scripts.filter((x) => !x.sourceURL.startsWith(base)).reduce((a, x) => a + x.duration, 0),
          forcedStyleMs: loaf.scripts.reduce((a, x) => a + (x.forcedStyleAndLayoutDuration ?? 0), 0),
          styleLayoutMs: loaf.styleAndLayoutStart ? loaf.startTime + loaf.duration - loaf.styleAndLayoutStart : 0,
        } : null;
        return { during: longTasks.filter(inWindow), longestFrame };
      },
    };
  };
}

/** Start-up: import of noor.js until createHighlighter() resolves, on a blank page. */
async function inPageStartup({ base, lang }) {
  const longTasks = [];
  const po = new PerformanceObserver((list) => longTasks.push(...list.getEntries()));
  po.observe({ type: 'longtask' });
  const t0 = performance.now();
  const { createHighlighter } = await import(`${base}noor.js`);
  const t1 = performance.now();
  const noor = await createHighlighter({ lang });
  const t2 = performance.now();
  // One short text, to see that the instance works (and what a first call costs).
  const a0 = performance.now();
  const found = noor.annotate(lang === 'ar' ? 'زار الرئيس الفرنسي القاهرة يوم الاثنين.' : 'The French president visited Cairo on Monday.');
  const a1 = performance.now();
  await new Promise((r) => setTimeout(r, 60)); // long task entries arrive asynchronously
  po.disconnect();
  const resources = performance.getEntriesByType('resource').filter((e) => e.name.startsWith(base) && e.startTime < t2);
  const wasm = resources.filter((e) => /\.wasm(\?|$)/.test(e.name));
  noor.dispose();
  return {
    ms: t2 - t0, importMs: t1 - t0, createMs: t2 - t1, firstAnnotateMs: a1 - a0, entities: found.length,
    longestTask: Math.max(0, ...longTasks.filter((e) => e.startTime < t2 && e.startTime + e.duration > t0).map((e) => e.duration)),
    files: resources.length,
    bytes: resources.reduce((s, e) => s + (e.encodedBodySize || e.transferSize || 0), 0),
    wasmBytes: wasm.reduce((s, e) => s + (e.encodedBodySize || e.transferSize || 0), 0),
    wasmFetchMs: Math.max(0, ...wasm.map((e) => e.responseEnd - e.startTime)),
  };
}

/**
 * One Noor run on a freshly loaded page: createHighlighter, then highlight(body) timed, a
 * rendered frame, clear() timed. The core's annotateBatchPacked and the scheduler's Slicer.yield are
 * wrapped (same module instances as noor.js uses) to time recognition and the work slices;
 * if the lead changes those internals the extra figures come back null, the totals still work.
 */
async function inPageNoor({ base, renderer, wantStrings }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const c0 = performance.now();
  const { createHighlighter } = await import(`${base}noor.js`);
  const errors = [];
  const noor = await createHighlighter({ renderer, onError: (e) => errors.push(String(e?.stack ?? e)) });
  const createMs = performance.now() - c0;

  let annotate = null;
  try {
    const pkg = await import(`${base}pkg/noor.js`);
    const proto = pkg.Noor?.prototype;
    if (proto && typeof proto.annotateBatchPacked === 'function') {
      const orig = proto.annotateBatchPacked;
      annotate = { ms: 0, calls: 0, texts: 0, longest: 0 };
      proto.annotateBatchPacked = function timedAnnotateBatch(texts, ...rest) {
        const t = performance.now();
        try {
          return orig.call(this, texts, ...rest);
        } finally {
          const d = performance.now() - t;
          annotate.ms += d;
          annotate.longest = Math.max(annotate.longest, d);
          annotate.calls++;
          annotate.texts += texts?.length ?? 0;
        }
      };
    }
  } catch {
    annotate = null;
  }
  let slices = null;
  let sliceStart = 0;
  try {
    const sched = await import(`${base}src/scheduler.js`);
    const proto = sched.Slicer?.prototype;
    if (proto && typeof proto.yield === 'function') {
      const orig = proto.yield;
      slices = { longest: 0, busy: 0, count: 0, frames: 0, on: true };
      proto.yield = async function timedYield(...args) {
        if (!slices.on) return orig.apply(this, args); // only the timed highlight is recorded
        const d = performance.now() - sliceStart;
        slices.longest = Math.max(slices.longest, d);
        slices.busy += d;
        slices.count++;
        if (args[0]) slices.frames++;
        try {
          return await orig.apply(this, args);
        } finally {
          sliceStart = performance.now();
        }
      };
    }
  } catch {
    slices = null;
  }

  const watch = window.__noorBenchWatch();
  const body = document.body;
  await frame();
  await frame(); // start on a quiet page: earlier style work is not ours
  if (annotate) Object.assign(annotate, { ms: 0, calls: 0, texts: 0, longest: 0 });
  const t0 = performance.now();
  sliceStart = t0;
  const result = await noor.highlight(body);
  const t1 = performance.now();
  if (slices) {
    const d = t1 - sliceStart; // the last slice, from the last resume to the end
    slices.longest = Math.max(slices.longest, d);
    slices.busy += d;
    slices.on = false;
  }
  await frame(); // the rendering of the last changes
  const t2 = performance.now();
  const marks = noor.marks(body).length;
  const x0 = performance.now();
  const cleared = noor.clear(body);
  const x1 = performance.now();
  const { during, longestFrame } = await watch.stop(t0, t2, base);
  // A second highlight of the same page, after the timed one: the engine has compiled the hot
  // wasm and JS by now, so the difference to the first is the price of cold code.
  await frame();
  const first = annotate ? { ...annotate } : null;
  if (annotate) Object.assign(annotate, { ms: 0, calls: 0, texts: 0, longest: 0 });
  const w0 = performance.now();
  await noor.highlight(body);
  const warmMs = performance.now() - w0;
  const warmAnnotateMs = annotate?.ms ?? null;
  if (first) Object.assign(annotate, first);
  noor.clear(body);
  const out = {
    renderer: noor.renderer, createMs, ms: t1 - t0, paintedMs: t2 - t0, clearMs: x1 - x0, warmMs, warmAnnotateMs,
    count: result.count, marks, cleared, aborted: result.aborted,
    annotateMs: annotate?.ms ?? null, annotateCalls: annotate?.calls ?? null, annotateTexts: annotate?.texts ?? null,
    longestAnnotateCall: annotate?.longest ?? null,
    longestSlice: slices?.longest ?? null, busyMs: slices?.busy ?? null, yields: slices?.count ?? null,
    frameWaits: slices?.frames ?? null,
    longestTask: Math.max(0, ...during.map((e) => e.duration)), longTasks: during.length, longestFrame, errors,
  };
  if (wantStrings) {
    out.strings = [...new Set(result.entities.map((e) => e.text).filter((s) => typeof s === 'string' && s.trim()))];
    const text = body.textContent;
    out.stringsNotInText = out.strings.filter((s) => !text.includes(s)).length;
    out.chars = text.length;
    out.innerChars = body.innerText.length;
  }
  noor.dispose();
  return out;
}

/**
 * One mark.js run on a freshly loaded page: mark(strings) until `done` (or, with `regexp`,
 * markRegExp() of one alternation of the strings), a rendered frame, then unmark().
 */
async function inPageMarkjs({ base, prefix, strings, options, regexp }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  // mark.js is a UMD bundle: on a page that defines an AMD `define` it would register itself
  // there instead of as window.Mark, so hide that while it loads.
  const amd = Object.getOwnPropertyDescriptor(window, 'define');
  if (amd) window.define = undefined;
  try {
    await new Promise((resolve, reject) => {
      const s = document.createElement('script');
      s.src = `${base}${prefix.replace(/^\//, '')}mark.js`;
      s.onload = resolve;
      s.onerror = () => reject(new Error('mark.js did not load'));
      document.head.append(s);
    });
  } finally {
    if (amd) Object.defineProperty(window, 'define', amd);
  }
  const Mark = window.Mark;
  if (typeof Mark !== 'function') throw new Error('mark.js loaded but window.Mark is missing');
  const watch = window.__noorBenchWatch();
  const body = document.body;
  const instance = new Mark(body);
  await frame();
  await frame();
  const t0 = performance.now();
  let total = 0;
  await new Promise((resolve) => {
    const opts = { ...options, done: (n) => { total = n; resolve(); } };
    if (regexp) {
      // Building the regex is part of the job (mark() builds its regexes inside the timing too).
      const escaped = [...strings].sort((a, b) => b.length - a.length).map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      instance.markRegExp(new RegExp(escaped.join('|'), 'g'), { acrossElements: options.acrossElements, done: opts.done });
    } else {
      instance.mark(strings, opts);
    }
  });
  const t1 = performance.now();
  await frame();
  const t2 = performance.now();
  const marks = body.querySelectorAll('mark[data-markjs]').length;
  const u0 = performance.now();
  await new Promise((resolve) => instance.unmark({ done: resolve }));
  const u1 = performance.now();
  const { during, longestFrame } = await watch.stop(t0, t2, base);
  return {
    ms: t1 - t0, paintedMs: t2 - t0, clearMs: u1 - u0, count: total, marks,
    left: body.querySelectorAll('mark[data-markjs]').length,
    longestTask: Math.max(0, ...during.map((e) => e.duration)), longTasks: during.length, longestFrame,
  };
}

// ------------------------------------------------------------------ running

function withTimeout(promise, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: no answer after ${EVAL_TIMEOUT_MS / 1000} s`)), EVAL_TIMEOUT_MS);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** One fresh context: load `path` (a saved page, or the blank page), run `fn` in it. */
async function measure(env, { page: name, blank }, fn, arg) {
  const { context, page, open, problems } = await freshPage(env.browser, env.baseUrl);
  try {
    await page.addInitScript(installWatch);
    if (blank) await open(blank);
    else await openSaved(open, page, name);
    const result = await withTimeout(page.evaluate(fn, arg), name ?? 'start-up');
    if (problems.length) result.problems = problems;
    return result;
  } finally {
    await context.close();
  }
}

/** Start-up: RUNS cold runs per language on a blank page, languages interleaved. */
async function measureStartup(env, note) {
  // One untimed run first: the very first context of a browser also pays for starting
  // Chromium's helper processes and reading its files from disk, which is not Noor's cost.
  await measure(env, { blank: BLANK }, inPageStartup, { base: env.baseUrl, lang: 'auto' });
  const runs = Object.fromEntries(LANGS.map((l) => [l, []]));
  for (let r = 0; r < RUNS; r++) {
    for (const lang of LANGS) {
      const res = await measure(env, { blank: BLANK }, inPageStartup, { base: env.baseUrl, lang });
      note(`start-up ${lang}`, res.problems);
      runs[lang].push(res);
    }
  }
  const startup = Object.fromEntries(LANGS.map((lang) => {
    const list = runs[lang];
    const pick = (k) => stats(list.map((x) => x[k]));
    return [lang, {
      ...pick('ms'), importMs: pick('importMs'), createMs: pick('createMs'), firstAnnotateMs: pick('firstAnnotateMs'),
      longestTask: pick('longestTask'), bytes: list[0].bytes, files: list[0].files, wasmBytes: list[0].wasmBytes,
      wasmFetchMs: pick('wasmFetchMs'), runs: list,
    }];
  }));
  for (const lang of LANGS) {
    const s = startup[lang];
    console.log(`start-up ${lang.padEnd(4)} median ${ms(s.median)} ms (min ${ms(s.min)}, max ${ms(s.max)}); import ${ms(s.importMs.median)} ms,`
      + ` createHighlighter ${ms(s.createMs.median)} ms, longest task ${ms(s.longestTask.median)} ms, ${s.files} files, ${(s.bytes / 1e6).toFixed(2)} MB`);
  }
  return startup;
}

/** One round of one page: each contestant in its own fresh context. Returns the wall time spent. */
async function measurePage(env, row, r, note) {
  const started = Date.now();
  for (const who of CONTESTANTS) {
    const isMark = who.startsWith('markjs');
    if (isMark && !row.strings?.length) continue; // nothing found, nothing to give mark.js
    if (isMark && row[who].some((x) => x.ms > REPEAT_LIMIT_MS)) {
      row.notRepeated.add(who);
      continue;
    }
    const t = Date.now();
    try {
      const res = isMark
        ? await measure(env, { page: row.name }, inPageMarkjs, {
          base: env.baseUrl, prefix: MARKJS_PREFIX, strings: row.strings, options: MARKJS_OPTIONS,
          regexp: who === 'markjs-regexp',
        })
        : await measure(env, { page: row.name }, inPageNoor, {
          base: env.baseUrl, renderer: who, wantStrings: row.strings == null && who === 'spans',
        });
      note(`${row.name} [${LABEL[who]}]`, [...(res.problems ?? []), ...(res.errors ?? [])]);
      if (res.strings) {
        // mark.js gets the entity strings of the first spans run (the same on every run: the
        // core is deterministic and each run starts from the same page).
        Object.assign(row, { strings: res.strings, stringsNotInText: res.stringsNotInText, chars: res.chars, innerChars: res.innerChars });
        delete res.strings;
      }
      res.wallMs = Date.now() - t;
      row[who].push(res);
    } catch (err) {
      row.errors.push(`${LABEL[who]} run ${r + 1}: ${err.message.split('\n')[0]}`);
    }
  }
  return Date.now() - started;
}

async function main() {
  const filter = process.argv[2] ?? '';
  try {
    preflight();
  } catch (err) {
    console.error(`bench/pages.mjs: ${err.message}`);
    process.exit(1);
  }
  const pages = readPages(filter);
  if (!pages.length) {
    console.error(`bench/pages.mjs: no page matches ${JSON.stringify(filter)} in ${PAGES}`);
    process.exit(1);
  }

  // A blank same-origin page for the start-up runs (so that it can import ./noor.js).
  const blankDir = mkdtempSync(join(tmpdir(), 'noor-bench-'));
  writeFileSync(join(blankDir, 'blank.html'), '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>blank</title><body></body>\n');
  const env = await startBench({ extraMounts: { [BLANK_PREFIX]: blankDir } });
  const load0 = loadavg();
  console.log(`Chromium ${env.version}; ${pages.length} pages; start-up ${RUNS} runs per language; pages up to ${PAGE_RUNS} fresh loads`
    + ` per contestant within ${BUDGET_S} s; load average ${load0.map((x) => x.toFixed(2)).join(' ')}`);

  const problems = [];
  const note = (where, list) => {
    for (const p of list ?? []) problems.push(`${where}: ${p}`);
  };
  let startup = {};
  const rows = pages.map((p) => ({
    ...p, ...Object.fromEntries(CONTESTANTS.map((c) => [c, []])), strings: null, errors: [], notRepeated: new Set(), cost: 0, cut: false,
  }));
  let rounds = 0;
  try {
    startup = await measureStartup(env, note);

    // Round 1 goes over every page whatever the budget. Later rounds take the pages from the
    // cheapest to the dearest (by what round 1 cost) and stop adding pages once the next one
    // would overrun the budget: the heavy pages get fewer runs, never none.
    for (let r = 0; r < PAGE_RUNS; r++) {
      const roundStart = Date.now();
      const order = r === 0 ? rows : [...rows].sort((a, b) => a.cost - b.cost);
      let done = 0;
      for (const row of order) {
        if (r > 0 && (row.cut || (Date.now() - STARTED) / 1000 + row.cost / 1000 > BUDGET_S)) {
          row.cut = true;
          continue;
        }
        const wall = await measurePage(env, row, r, note);
        if (r === 0) row.cost = wall;
        done++;
        if (r === 0) {
          const last = (k) => row[k].at(-1);
          console.log(`  ${row.name.padEnd(40)} ${String(last('spans')?.count ?? '?').padStart(4)} entities · spans ${ms(last('spans')?.ms)} ms`
            + ` (annotate ${ms(last('spans')?.annotateMs)}) · highlight-api ${ms(last('highlight-api')?.ms)} ms · mark.js ${ms(last('markjs')?.ms)} ms`
            + ` · one regex ${ms(last('markjs-regexp')?.ms)} ms · ${(wall / 1000).toFixed(1)} s${row.errors.length ? ` · ERRORS ${row.errors.join('; ')}` : ''}`);
        }
      }
      if (!done) break;
      rounds = r + 1;
      console.log(`round ${r + 1}: ${done} pages in ${((Date.now() - roundStart) / 1000).toFixed(0)} s (load average ${loadavg()[0].toFixed(2)})`);
    }
  } finally {
    await env.stop();
    rmSync(blankDir, { recursive: true, force: true });
  }

  const per = rows.map((row) => summarizePage(row));
  const report = buildReport({ env, startup, per, problems, load0, rounds });
  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(join(OUT_DIR, 'chromium.json'), `${JSON.stringify(report, null, 1)}\n`);
  writeFileSync(join(OUT_DIR, 'chromium.md'), renderMarkdown(report));
  console.log(`\nwrote ${relative(process.cwd(), join(OUT_DIR, 'chromium.json'))} and chromium.md in ${((Date.now() - STARTED) / 1000).toFixed(0)} s`);
  for (const h of report.headline) console.log(`  ${h.metric}: ${h.value} (target ${h.target ?? '–'}; met ${h.met})`);
  if (problems.length) {
    console.log(`\n${problems.length} problem(s) from our code:`);
    for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
  }
  const failed = rows.filter((r) => r.errors.length);
  if (failed.length) {
    console.log(`\n${failed.length} page(s) with failed runs:`);
    for (const r of failed) console.log(`  ${r.name}: ${r.errors.join('; ')}`);
  }
  process.exitCode = failed.length || problems.length ? 1 : 0;
}

/** Per-page medians (with min/max) for each contestant, and the mark.js ratios. */
function summarizePage(row) {
  const sum = (runs) => {
    if (!runs.length) return null;
    const pick = (k) => stats(runs.map((x) => x[k]));
    return {
      ms: pick('ms'), paintedMs: pick('paintedMs'), clearMs: pick('clearMs'), annotateMs: pick('annotateMs'),
      wrapOnlyMs: stats(runs.map((x) => (x.annotateMs == null ? null : x.ms - x.annotateMs))),
      waitMs: stats(runs.map((x) => (x.busyMs == null ? null : x.ms - x.busyMs))),
      warmMs: pick('warmMs'), warmAnnotateMs: pick('warmAnnotateMs'),
      longestAnnotateCall: pick('longestAnnotateCall'), busyMs: pick('busyMs'), longestSlice: pick('longestSlice'), longestTask: pick('longestTask'), longTasks: pick('longTasks'),
      createMs: pick('createMs'),
      count: runs[0].count, marks: runs[0].marks, countsVary: new Set(runs.map((x) => x.count)).size > 1,
      runs,
    };
  };
  const out = {
    name: row.name, language: row.language, direction: row.direction, bytes: row.bytes, chars: row.chars ?? null,
    innerChars: row.innerChars ?? null, strings: row.strings?.length ?? 0, stringsNotInText: row.stringsNotInText ?? null,
    errors: row.errors, notRepeated: [...row.notRepeated], cut: row.cut, benchSeconds: round(row.cost / 1000),
  };
  for (const c of CONTESTANTS) out[c] = sum(row[c]);
  const ratio = (a, b) => (a?.median != null && b?.median ? a.median / b.median : null);
  out.ratio = {};
  for (const m of ['markjs', 'markjs-regexp']) {
    for (const n of RENDERERS) {
      out.ratio[`${m}/${n}`] = ratio(out[m]?.ms, out[n]?.ms);
      out.ratio[`${m}/${n} wrap-only`] = ratio(out[m]?.ms, out[n]?.wrapOnlyMs);
      out.ratio[`${m}/${n} painted`] = ratio(out[m]?.paintedMs, out[n]?.paintedMs);
      // mark.js works in one blocking stretch; Noor's wall time also holds the waits between
      // its slices, when the page is free (frames, other tasks). What the main thread pays:
      out.ratio[`${m}/${n} busy`] = ratio(out[m]?.ms, out[n]?.busyMs);
    }
  }
  out.ratio['unmark/clear spans'] = ratio(out.markjs?.clearMs, out.spans?.clearMs);
  return out;
}

function buildReport({ env, startup, per, problems, load0, rounds }) {
  const across = (get) => {
    const xs = per.map(get).filter((x) => Number.isFinite(x));
    return { median: median(xs), p90: percentile(xs, 90), max: xs.length ? Math.max(...xs) : null, n: xs.length };
  };
  const summary = {};
  for (const k of CONTESTANTS) {
    summary[k] = Object.fromEntries(['ms', 'paintedMs', 'clearMs', 'annotateMs', 'wrapOnlyMs', 'busyMs', 'waitMs', 'longestSlice', 'longestAnnotateCall', 'longestTask', 'createMs', 'warmMs', 'warmAnnotateMs']
      .map((key) => [key, across((p) => p[k]?.[key].median)]));
  }
  const ratios = {};
  for (const k of Object.keys(per[0]?.ratio ?? {})) {
    const xs = per.map((p) => p.ratio[k]).filter((x) => Number.isFinite(x));
    ratios[k] = { median: median(xs), p10: percentile(xs, 10), min: xs.length ? Math.min(...xs) : null, max: xs.length ? Math.max(...xs) : null, pagesAtLeast1: xs.filter((x) => x >= 1).length, n: xs.length };
  }
  const fmt = (x, unit = ' ms', d = 0) => (x == null ? 'n/a' : `${x.toFixed(d)}${unit}`);
  const met = (x, ok) => (x == null ? null : ok(x));
  const worstTask = Math.max(...per.map((p) => Math.max(p.spans?.longestTask.median ?? 0, p['highlight-api']?.longestTask.median ?? 0)));
  const worstPage = per.find((p) => Math.max(p.spans?.longestTask.median ?? 0, p['highlight-api']?.longestTask.median ?? 0) === worstTask);
  const ratioLine = (k, what) => ({
    metric: `${what} (median over ${ratios[k]?.n ?? 0} pages of the per-page ratio of medians; ≥ 1 = Noor no slower)`,
    value: `${fmt(ratios[k]?.median, '×', 2)} (${ratios[k]?.pagesAtLeast1 ?? 0}/${ratios[k]?.n ?? 0} pages ≥ 1)`,
    target: '≥ 1', met: met(ratios[k]?.median, (x) => x >= 1),
  });
  const headline = [
    ...LANGS.map((lang) => ({
      metric: `Chromium start-up, lang ${lang}: import of noor.js until createHighlighter() resolves, cold context (median of ${startup[lang]?.n ?? 0})`,
      value: `${fmt(startup[lang]?.median)} (min ${fmt(startup[lang]?.min)}, max ${fmt(startup[lang]?.max)})`, target: null, met: null,
    })),
    ...RENDERERS.map((r) => ({
      metric: `Page highlight time, ${r} renderer, lang auto: median over ${summary[r].ms.n} saved pages of the per-page median`,
      value: `${fmt(summary[r].ms.median)} (p90 ${fmt(summary[r].ms.p90)}, max ${fmt(summary[r].ms.max)})`, target: null, met: null,
    })),
    ratioLine('markjs/spans', 'mark.js mark(strings) time ÷ Noor spans highlight time, same entity strings, same pages'),
    ratioLine('markjs/highlight-api', 'mark.js mark(strings) time ÷ Noor highlight-api highlight time'),
    ratioLine('markjs/spans wrap-only', 'mark.js mark(strings) time ÷ Noor spans time without the wasm annotate calls'),
    ratioLine('markjs-regexp/spans', 'mark.js markRegExp(one alternation of the strings) time ÷ Noor spans highlight time'),
    {
      ...ratioLine('markjs-regexp/spans busy', 'mark.js markRegExp time ÷ Noor spans main-thread work (its slices: recognition, reading and wrapping; the waits between slices, when the page runs, left out)'),
      target: null, met: null,
    },
    {
      metric: 'Longest task (> 50 ms, longtask observer) while highlighting: worst page, per-page median, either renderer',
      value: `${fmt(worstTask)}${worstTask > 0 && worstPage ? ` (${worstPage.name})` : ''}`, target: '≤ 50 ms', met: worstTask <= 50,
    },
  ];
  return {
    generated: new Date().toISOString(),
    chromium: env.version,
    machine: { cpus: cpus().length, model: cpus()[0]?.model, loadavgStart: load0, loadavgEnd: loadavg() },
    config: {
      startupRuns: RUNS, pageRunsMax: PAGE_RUNS, rounds, budgetSeconds: BUDGET_S, repeatLimitMs: REPEAT_LIMIT_MS,
      root: 'document.body', lang: 'auto',
      markjs: { version: '8.11.1', file: 'node_modules/mark.js/dist/mark.js', options: MARKJS_OPTIONS },
      outsideRequestsRefused: env.refused(),
      seconds: Math.round((Date.now() - STARTED) / 1000),
    },
    headline, startup, summary, ratios, pages: per, problems,
  };
}

// ------------------------------------------------------------------ markdown

function renderMarkdown(rep) {
  const L = [];
  const f = (x, d = 0) => (x == null ? '–' : x.toFixed(d));
  const mmm = (s, d = 0) => (s?.median == null ? '–' : `${f(s.median, d)} (${f(s.min, d)}–${f(s.max, d)})`);
  const { startup, summary, ratios, config } = rep;
  const runsOf = (p) => Math.max(p.spans?.runs.length ?? 0, p['highlight-api']?.runs.length ?? 0);
  const runCounts = rep.pages.map(runsOf);
  L.push('## Page cost in Chromium', '');
  L.push(`Headless Chromium ${rep.chromium} (Debian), ${rep.machine.cpus} cores shared with other work (load average `
    + `${rep.machine.loadavgStart[0].toFixed(1)} at the start, ${rep.machine.loadavgEnd[0].toFixed(1)} at the end), driven by playwright-core `
    + `from \`bench/pages.mjs\` in ${config.seconds} s. Every measurement is a fresh browser context with the page loaded anew; requests `
    + `that would leave 127.0.0.1 go to a local sink and fail (${config.outsideRequestsRefused} refused). Times are wall clock, `
    + '`performance.now()` in the page.', '');

  L.push('### Start-up', '');
  L.push('From the start of `import(\'noor.js\')` until `createHighlighter({lang})` resolves (fetch and instantiate the wasm, load the '
    + `model, warm-up), on a blank page in a fresh context; ${config.startupRuns} runs per language after one untimed run. Median (min–max), ms.`, '');
  L.push('| lang | total | import of noor.js | createHighlighter | longest task | fetched |', '|---|---:|---:|---:|---:|---:|');
  for (const lang of LANGS) {
    const s = startup[lang];
    if (!s) continue;
    L.push(`| ${lang} | **${mmm(s)}** | ${mmm(s.importMs)} | ${mmm(s.createMs)} | ${f(s.longestTask.median)} | ${s.files} files, ${(s.bytes / 1e6).toFixed(2)} MB |`);
  }
  L.push('', '“longest task” counts only tasks over 50 ms (the `longtask` observer); 0 means none.', '');

  L.push(`### Highlighting the ${rep.pages.length} saved pages`, '');
  L.push('`await highlight(document.body)` with `lang: \'auto\'` on each page of `../shared/pages`, in both renderers. mark.js '
    + `${config.markjs.version} marks the same strings Noor found on that page (deduplicated), timed until its \`done\` callback; `
    + '“mark.js, one regex” gives those strings to `markRegExp()` as one alternation. '
    + `Runs per page and contestant: ${Math.min(...runCounts)}–${Math.max(...runCounts)} (median ${median(runCounts)}): `
    + `round 1 covers every page, later rounds (up to ${config.pageRunsMax}) go from the cheapest page up while the ${config.budgetSeconds} s `
    + `budget lasts; a mark.js run over ${config.repeatLimitMs / 1000} s is not repeated.`
    + `${Math.min(...runCounts) < 3 ? ' Pages with fewer than 3 runs have single (or two-run) figures, noisy on this shared machine: '
      + 'read the medians across pages; `NOOR_BENCH_BUDGET_S` buys more rounds.' : ''}`, '');
  L.push('Across pages, median / p90 of the per-page medians, ms:', '');
  L.push(`| | ${CONTESTANTS.map((c) => LABEL[c]).join(' | ')} |`, `|---|${CONTESTANTS.map(() => '---:').join('|')}|`);
  const row = (label, key, d = 0) => L.push(`| ${label} | ${CONTESTANTS.map((k) => {
    const s = summary[k]?.[key];
    return s?.median == null ? '–' : `${f(s.median, d)} / ${f(s.p90, d)}`;
  }).join(' | ')} |`);
  row('highlight (mark.js: until `done`)', 'ms');
  row('… until the next frame is rendered', 'paintedMs');
  row('wasm annotate calls inside it', 'annotateMs');
  row('highlight minus annotate (walk, wrap, yields)', 'wrapOnlyMs');
  row('Noor\'s own work (sum of its slices)', 'busyMs');
  row('waiting between slices (yields, frames, other processes)', 'waitMs');
  row('longest work slice', 'longestSlice');
  row('longest single annotate call', 'longestAnnotateCall');
  row('longest task over 50 ms (0 = none)', 'longestTask');
  row('clear() (mark.js: unmark)', 'clearMs', 1);
  row('a second highlight() on the same page (warm code)', 'warmMs');
  row('… its wasm annotate calls', 'warmAnnotateMs');
  L.push('');
  const rr = (k) => {
    const r = ratios[k];
    return r?.median == null ? '–' : `**${f(r.median, 2)}×** (p10 ${f(r.p10, 2)}×, lowest ${f(r.min, 2)}×; ${r.pagesAtLeast1} of ${r.n} pages ≥ 1)`;
  };
  L.push('mark.js time ÷ Noor time, median over pages of the per-page ratio of medians (above 1: Noor is faster):', '');
  L.push('| | ÷ Noor spans | ÷ Noor highlight-api |', '|---|---|---|');
  for (const [m, label] of [['markjs', 'mark.js `mark(strings)`'], ['markjs-regexp', 'mark.js, one regex']]) {
    L.push(`| ${label}, whole highlight (recognition included) | ${rr(`${m}/spans`)} | ${rr(`${m}/highlight-api`)} |`);
    L.push(`| ${label}, Noor without the annotate calls | ${rr(`${m}/spans wrap-only`)} | ${rr(`${m}/highlight-api wrap-only`)} |`);
    L.push(`| ${label}, both until the next rendered frame | ${rr(`${m}/spans painted`)} | ${rr(`${m}/highlight-api painted`)} |`);
    L.push(`| ${label}, Noor's main-thread work only (its slices, not the waits between them) | ${rr(`${m}/spans busy`)} | ${rr(`${m}/highlight-api busy`)} |`);
  }
  L.push('', `unmark ÷ clear() (spans): ${rr('unmark/clear spans')}`, '');

  L.push('### Where the time goes on the slowest pages', '');
  L.push('The five pages with the longest spans highlight (first run), ms: the wasm annotate calls, the rest of Noor\'s own work '
    + '(reading the DOM, ranges, wrapping), time spent waiting between slices (yields, rendered frames, and other processes on '
    + 'this machine), the longest slice and the longest single annotate call, the longest animation frame over 50 ms (our script '
    + 'in it / style and layout), and a second highlight() on the same page once the code is warm.', '');
  L.push('| page | highlight | annotate | other work | waiting | yields (frames) | longest slice | longest annotate call | longest frame: our script / style+layout | second highlight (annotate) |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
  const slowest = rep.pages.filter((p) => p.spans?.runs.length).sort((a, b) => b.spans.runs[0].ms - a.spans.runs[0].ms).slice(0, 5);
  for (const p of slowest) {
    const x = p.spans.runs[0];
    L.push(`| ${p.name} | ${f(x.ms)} | ${f(x.annotateMs)} | ${x.busyMs == null || x.annotateMs == null ? '–' : f(x.busyMs - x.annotateMs)} | `
      + `${x.busyMs == null ? '–' : f(x.ms - x.busyMs)} | ${x.yields ?? '–'} (${x.frameWaits ?? '–'}) | ${f(x.longestSlice)} | ${f(x.longestAnnotateCall)} | `
      + `${x.longestFrame ? `${f(x.longestFrame.ms)}: ${f(x.longestFrame.oursMs)} / ${f(x.longestFrame.styleLayoutMs)}` : 'none over 50'} | `
      + `${f(x.warmMs)} (${f(x.warmAnnotateMs)}) |`);
  }
  L.push('');

  L.push('### Per page', '');
  L.push('Medians in ms. ents: entities Noor found; ann: wasm annotate inside the spans highlight; slice: Noor\'s longest work slice '
    + '(spans); task: longest task over 50 ms in either renderer (0 = none); strs: distinct strings given to mark.js; marks: mark.js\'s '
    + 'marks; ×: mark.js time ÷ Noor spans time; n: runs (Noor / mark.js).', '');
  L.push('| page | lang | KB | ents | spans | ann | hl-api | clear | slice | task | strs | mark.js | marks | one regex | × | × one regex | n |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|');
  for (const p of rep.pages) {
    const s = p.spans;
    const h = p['highlight-api'];
    const m = p.markjs;
    const x = p['markjs-regexp'];
    const task = Math.max(s?.longestTask.median ?? 0, h?.longestTask.median ?? 0);
    L.push(`| ${p.name} | ${p.language} | ${Math.round(p.bytes / 1024)} | ${s?.count ?? '–'} | ${f(s?.ms.median)} | ${f(s?.annotateMs.median)} | `
      + `${f(h?.ms.median)} | ${f(s?.clearMs.median, 1)} | ${f(s?.longestSlice.median)} | ${f(task)} | ${p.strings} | ${f(m?.ms.median)} | `
      + `${m?.marks ?? '–'} | ${f(x?.ms.median)} | ${f(p.ratio['markjs/spans'], 1)} | ${f(p.ratio['markjs-regexp/spans'], 2)} | `
      + `${runsOf(p)} / ${m?.runs.length ?? 0} |`);
  }
  L.push('');
  L.push('### Method and fairness', '');
  L.push(`- mark.js options: \`${JSON.stringify(config.markjs.options)}\`. Whole names (no word splitting) that may cross inline `
    + 'elements, as Noor marks them; exactly the strings Noor found (case-sensitive, no diacritics expansion: that default builds a much '
    + 'slower regex that also matches other strings). No `exclude` list: giving it the elements Noor never reads (code, pre, svg, form '
    + 'fields, hidden attributes) made mark.js 2.5–7 times slower on the Wikipedia page, so it is spared that filtering and may mark '
    + 'in a few places Noor leaves alone, including text hidden by CSS. Its mark count can therefore be higher than Noor\'s.');
  L.push('- `mark(array)` walks the text and runs one regex per string, so its time grows with strings × text; the “one regex” '
    + 'variant is what a careful mark.js user could do instead, and is the tougher peer.');
  L.push('- Noor\'s time includes finding the entities: the wasm `annotateBatchPacked` calls are timed inside the same run (the shim\'s core '
    + 'method is wrapped), and “minus annotate” is what is left: reading the DOM, computing ranges, wrapping, and yielding. Noor yields '
    + 'to the page every ~8 ms and waits for a rendered frame every 33 ms, so its wall time includes frames rendered meanwhile; '
    + 'mark.js works in one synchronous task and renders after `done`: the “until the next rendered frame” rows count both alike.');
  L.push('- Each contestant runs in its own fresh context, so none profits from work another did before it (compiled code, style '
    + 'and layout caches).');
  L.push('- “longest work slice” is the longest stretch of Noor\'s own work between two yields (the scheduler\'s `Slicer.yield` is '
    + 'wrapped); style and layout that the browser runs afterwards are not in it. Long tasks come from the `longtask` observer, which '
    + 'only reports tasks over 50 ms; chromium.json also has the longest animation frame of each run, split into script (ours and '
    + 'the page\'s) and style and layout.');
  if (rep.problems.length) L.push(`- ${rep.problems.length} error(s) from our code were seen during the runs; see chromium.json.`);
  const errs = rep.pages.filter((p) => p.errors.length);
  if (errs.length) L.push(`- Runs that failed: ${errs.map((p) => `${p.name} (${p.errors.join('; ')})`).join(', ')}.`);
  L.push('');
  return L.join('\n');
}

await main();
