#!/usr/bin/env node
// Every saved real page in ../shared/pages (40 news and article pages, 16 languages, 9 of them
// Arabic or Persian), served read-only by the test server, in both renderers. For each page and
// each renderer: highlight the whole body, then
//   - document.body.textContent and innerText are unchanged,
//   - no mark sits inside an excluded element (script, style, code, svg, form fields, hidden ...),
//   - highlighting twice equals highlighting once,
//   - after clear() the body isEqualNode a clone taken before,
//   - no error comes from our code (the pages' own script errors are ignored),
// and print the highlight time (median of NOOR_PAGE_RUNS runs, default 3) and the longest task.
// On the largest pages (by bytes, by text, by visible text) the page's own tasks and animation
// frames must get turns while highlight() runs: the work is sliced, not one block. How long the
// tasks are is a speed figure: `make bench` measures and reports it (bench/pages.mjs); a timed
// assertion here would fail whenever the machine is busy.
// Every request that would leave 127.0.0.1 is aborted.
//
// Without ../shared/pages this prints SKIPPED and passes, unless NOOR_REQUIRE_SHARED=1.
// Usage: node tests/browser/pages.test.mjs [name-filter]

import { existsSync, readdirSync, statSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { FRAME_MS } from '../../www/src/scheduler.js';
import { PAGES_PREFIX, SHARED_PAGES, assert, newPage, run, test } from './harness.mjs';

const RUNS = Math.max(1, Number(process.env.NOOR_PAGE_RUNS ?? 3));
const RENDERERS = ['spans', 'highlight-api'];

// What the issue lists as never highlighted; written here independently of www/src/collect.js.
const EXCLUDED = [
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'code', 'pre',
  'kbd', 'samp', 'svg', 'math', 'iframe', '[contenteditable]', '[aria-hidden="true" i]', '[hidden]',
  '.noor-tooltip-host',
].join(',');

if (!existsSync(SHARED_PAGES)) {
  if (process.env.NOOR_REQUIRE_SHARED === '1') {
    console.error(`✗ ${SHARED_PAGES} is missing and NOOR_REQUIRE_SHARED=1`);
    process.exit(1);
  }
  console.log(`SKIPPED: ${SHARED_PAGES} not found; the 40-page browser suite did not run`);
  process.exit(0);
}

const filter = process.argv[2] ?? '';
const pages = readdirSync(SHARED_PAGES)
  .filter((d) => existsSync(join(SHARED_PAGES, d, 'source.html')) && d.includes(filter))
  .sort()
  .map((name) => ({ name, bytes: statSync(join(SHARED_PAGES, name, 'source.html')).size }));
if (!filter) assert.ok(pages.length >= 40, `expected 40 pages in ${SHARED_PAGES}, found ${pages.length}`);
const largestByBytes = pages.reduce((a, b) => (b.bytes > a.bytes ? b : a), pages[0])?.name;

/** Runs in the page: resolves once the body saw no text or node change for 400 ms (4 s at most). */
function settle() {
  return new Promise((resolve) => {
    let timer = 0;
    const done = () => {
      mo.disconnect();
      clearTimeout(cap);
      resolve();
    };
    const mo = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, 400);
    });
    mo.observe(document.body, { childList: true, characterData: true, subtree: true });
    timer = setTimeout(done, 400);
    const cap = setTimeout(done, 4000);
  });
}

/** Runs in the page: one renderer, highlight RUNS times. Self-contained (it is serialized). */
async function highlightPage({ base, renderer, runs }) {
  const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
  const { createHighlighter } = await import(`${base}noor.js`);
  const errors = [];
  const noor = await createHighlighter({ renderer, onError: (e) => errors.push(String(e?.stack ?? e)) });
  const body = document.body;
  const state = { noor, errors, before: body.cloneNode(true), text: body.textContent, inner: body.innerText };
  window.__noorTest = state;

  const tasks = [];
  const po = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) tasks.push({ start: e.startTime, end: e.startTime + e.duration, duration: e.duration });
  });
  po.observe({ type: 'longtask' });
  const times = [];
  const windows = [];
  for (let i = 0; i < runs; i++) {
    noor.clear(body);
    await frame();
    const t0 = performance.now();
    state.result = await noor.highlight(body);
    times.push(performance.now() - t0);
    await frame(); // the rendering of our changes belongs to the window too
    windows.push([t0, performance.now()]);
  }
  await new Promise((r) => setTimeout(r, 60)); // long task entries arrive asynchronously
  po.disconnect();
  const ours = tasks.filter((t) => windows.some(([a, b]) => t.start < b && t.end > a));

  // The first mark in view, for a hover.
  let target = null;
  for (const m of noor.marks(body)) {
    const rects = (m.node ?? m.range).getClientRects();
    const r = rects[0];
    if (r && r.width > 2 && r.height > 2 && r.top >= 0 && r.bottom <= innerHeight && r.left >= 0 && r.right <= innerWidth) {
      const el = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
      const holder = m.node ?? m.range.startContainer.parentElement;
      if (el && (el === holder || holder.contains(el) || el.contains(holder))) {
        target = { x: r.left + r.width / 2, y: r.top + r.height / 2, text: m.entity.text };
        break;
      }
    }
  }
  return { renderer: noor.renderer, times, longest: Math.max(0, ...ours.map((t) => t.duration)), longTasks: ours.length, target };
}

/** Runs in the page after highlightPage (and a hover): the integrity checks, then clear(). */
async function checkPage({ excluded }) {
  const { noor, errors, before, text, inner, result } = window.__noorTest;
  delete window.__noorTest;
  const body = document.body;
  const host = document.querySelector('.noor-tooltip-host');
  const tooltip = host ? {
    inBody: body.contains(host),
    shown: !host.shadowRoot.querySelector('.noor-tooltip').hidden,
    text: host.shadowRoot.querySelector('.noor-tooltip').textContent,
  } : null;

  const diff = (x, y) => {
    const a = document.createTreeWalker(x);
    const b = document.createTreeWalker(y);
    const show = (n) => `${n?.nodeName}:${String(n?.nodeValue ?? n?.outerHTML ?? '').slice(0, 100)}`;
    const attrs = (n) => (n.attributes ? [...n.attributes].map((t) => `${t.name}=${t.value}`).join(' ') : '');
    for (let n = a.currentNode, m = b.currentNode; n || m; n = a.nextNode(), m = b.nextNode()) {
      if (!n || !m || n.nodeName !== m.nodeName || (n.nodeType !== 1 && n.nodeValue !== m.nodeValue) || attrs(n) !== attrs(m)) {
        return `${show(n)} [${n ? attrs(n) : ''}] vs ${show(m)} [${m ? attrs(m) : ''}]`;
      }
    }
    return 'no difference found by the walker';
  };
  const hiddenAncestor = (el) => {
    for (let e = el; e; e = e.parentElement) if (getComputedStyle(e).display === 'none') return true;
    return false;
  };
  const marks = noor.marks(body);
  const bad = [];
  for (const m of marks) {
    const el = m.node ? m.node.parentElement : m.range.startContainer.parentElement;
    const where = el?.closest(excluded);
    if (!el || where || hiddenAncestor(el)) bad.push(`${m.entity?.text} in <${where?.localName ?? el?.localName}>`);
  }
  const fingerprint = () => noor.marks(body).map((m) => (m.node
    ? `${m.entity.type}:${m.node.textContent}`
    : `${m.entity.type}:${m.range.toString()}@${m.range.startOffset}`)).join('|');

  const textSame = body.textContent === text;
  const innerNow = body.innerText;
  const innerSame = innerNow === inner;
  let at = 0;
  while (at < inner.length && inner[at] === innerNow[at]) at++;
  const innerDiff = innerSame ? '' : `at ${at}: ${JSON.stringify(inner.slice(Math.max(0, at - 30), at + 30))} became ${JSON.stringify(innerNow.slice(Math.max(0, at - 30), at + 30))}`;
  const once = body.cloneNode(true);
  const printOnce = fingerprint();
  const again = await noor.highlight(body);
  const printTwice = fingerprint();
  const twiceSame = body.isEqualNode(once) && printTwice === printOnce && again.count === result.count;
  let twiceDiff = '';
  if (!twiceSame) {
    const a = printOnce.split('|');
    const b = printTwice.split('|');
    const i = a.findIndex((x, k) => x !== b[k]);
    twiceDiff = `counts ${result.count} vs ${again.count} (aborted ${again.aborted}), marks ${a.length} vs ${b.length},`
      + ` first difference at ${i}: ${a[i]} vs ${b[i]}; DOM: ${body.isEqualNode(once) ? 'equal' : diff(once, body)}`;
  }

  const cleared = noor.clear(body);
  const restored = body.isEqualNode(before);
  const firstDiff = restored ? '' : diff(before, body);
  const leftover = document.querySelectorAll('span.noor-entity').length
    + [...CSS.highlights.keys()].filter((k) => k.startsWith('noor-')).length
    + document.querySelectorAll('.noor-tooltip-host').length;
  noor.dispose();
  return {
    count: result.count, marks: marks.length, chars: text.length, inner: inner.length, bad, textSame, innerSame, innerDiff, twiceSame,
    restored, firstDiff, twiceDiff, leftover, cleared, errors, tooltip,
    types: [...new Set(result.entities.map((e) => e.type))],
  };
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows = [];

for (const { name, bytes } of pages) {
  test(name, async ({ open, baseUrl, blocked, page }) => {
    // Some pages never fire "load" (an <img onerror> loop on youm7): give it 5 s at most.
    await open(`${PAGES_PREFIX}${name}/source.html`, { waitUntil: 'domcontentloaded' });
    await page.waitForLoadState('load', { timeout: 5000 }).catch(() => {});
    // Let the page's own scripts finish changing the body (aktualne removes a teaser after load).
    await page.evaluate(settle);
    const row = { name, kb: Math.round(bytes / 1024), blocked: 0 };
    for (const renderer of RENDERERS) {
      const h = await page.evaluate(highlightPage, { base: baseUrl, renderer, runs: RUNS });
      if (h.target) {
        await page.mouse.move(h.target.x, h.target.y);
        await page.waitForFunction(() => {
          const host = document.querySelector('.noor-tooltip-host');
          return host && !host.shadowRoot.querySelector('.noor-tooltip').hidden;
        }, null, { timeout: 2000 }).catch(() => {});
      }
      const r = { ...h, ...(await page.evaluate(checkPage, { excluded: EXCLUDED })) };
      await page.mouse.move(0, 0);
      const label = `${name} [${renderer}]`;
      assert.equal(r.renderer, renderer, `${label}: fell back to ${r.renderer}`);
      assert.deepEqual(r.errors, [], `${label}: errors from noor`);
      assert.ok(r.textSame, `${label}: body.textContent changed`);
      assert.ok(r.innerSame, `${label}: body.innerText changed ${r.innerDiff}`);
      assert.deepEqual(r.bad, [], `${label}: marks inside excluded or hidden elements`);
      assert.ok(r.twiceSame, `${label}: highlighting twice differs from once: ${r.twiceDiff}`);
      assert.ok(r.restored, `${label}: body not isEqualNode its clone after clear(): ${r.firstDiff}`);
      assert.equal(r.leftover, 0, `${label}: marks or tooltip left after clear()`);
      assert.ok(r.marks >= r.count, `${label}: ${r.count} entities but ${r.marks} marks`);
      if (h.target) {
        assert.ok(r.tooltip?.shown, `${label}: no tooltip when hovering "${h.target.text}"`);
        assert.equal(r.tooltip.inBody, false, `${label}: the tooltip is inside <body>`);
      }
      row.chars = r.chars;
      row.inner = r.inner;
      row.hovered = (row.hovered ?? 0) + (h.target ? 1 : 0); // pages where a hover was checked
      row[renderer] = r;
    }
    row.blocked = blocked.length;
    rows.push(row);
    const s = row.spans;
    const h = row['highlight-api'];
    console.log(`    ${String(s.count).padStart(4)} entities, ${String(row.chars).padStart(7)} chars · spans ${median(s.times).toFixed(1)} ms`
      + ` · highlight-api ${median(h.times).toFixed(1)} ms · longest task ${Math.max(s.longest, h.longest).toFixed(0)} ms`
      + ` · ${row.blocked} remote requests blocked`);
  }, { offline: true, context: { bypassCSP: true, viewport: { width: 1280, height: 900 } } });
}

/**
 * Runs in a freshly loaded page: createHighlighter, a pause, then one highlight() of the body
 * while a chain of page tasks (setTimeout 0, each posting the next) and an animation-frame loop
 * count how often the page got the thread back. Long tasks are recorded for the log only.
 */
async function measureTurns({ base, renderer }) {
  const wait = (ms) => new Promise((r) => setTimeout(r, ms));
  const entries = [];
  const po = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  po.observe({ type: 'longtask' });
  const { createHighlighter } = await import(`${base}noor.js`);
  const noor = await createHighlighter({ renderer });
  await wait(300);
  let running = true;
  let tasks = 0;
  let frames = 0;
  const tick = () => {
    if (!running) return;
    tasks++;
    setTimeout(tick, 0);
  };
  const frame = () => {
    if (!running) return;
    frames++;
    requestAnimationFrame(frame);
  };
  const t0 = performance.now();
  setTimeout(tick, 0);
  requestAnimationFrame(frame);
  const result = await noor.highlight(document.body);
  running = false;
  const t1 = performance.now();
  await wait(100);
  po.disconnect();
  noor.dispose();
  const longest = Math.max(0, ...entries.filter((e) => e.startTime < t1 && e.startTime + e.duration > t0).map((e) => e.duration));
  return { renderer: noor.renderer, count: result.count, ms: t1 - t0, tasks, frames, longest };
}

test('the page keeps getting turns while the largest pages are highlighted', async ({ browser, baseUrl }) => {
  assert.ok(rows.length > 0, 'no page ran');
  const byText = rows.reduce((a, b) => (b.chars > a.chars ? b : a));
  const visible = rows.reduce((a, b) => ((b.inner ?? 0) > (a.inner ?? 0) ? b : a));
  const targets = [...new Set([largestByBytes, byText.name, visible.name])];
  let checked = 0;
  for (const name of targets) {
    for (const renderer of RENDERERS) {
      const { context, page, open } = await newPage(browser, baseUrl, { bypassCSP: true, viewport: { width: 1280, height: 900 } }, { offline: true });
      try {
        await open(`${PAGES_PREFIX}${name}/source.html`, { waitUntil: 'domcontentloaded' });
        await page.waitForLoadState('load', { timeout: 5000 }).catch(() => {});
        await page.evaluate(settle);
        const r = await page.evaluate(measureTurns, { base: baseUrl, renderer });
        console.log(`    ${name} [${renderer}]: highlight ${r.ms.toFixed(0)} ms, ${r.count} entities; the page ran`
          + ` ${r.tasks} tasks and ${r.frames} frames meanwhile (longest task ${r.longest.toFixed(0)} ms, load average ${loadavg()[0].toFixed(1)})`);
        assert.equal(r.renderer, renderer, `${name}: fell back to ${r.renderer}`);
        assert.ok(r.count > 0, `${name} [${renderer}]: nothing highlighted`);
        // The scheduler lets a frame render at least every FRAME_MS of work, and the page's
        // queued tasks run in those waits: a highlight twice that long must have let both in.
        if (r.ms >= 2 * FRAME_MS) {
          checked++;
          assert.ok(r.tasks >= 1, `${name} [${renderer}]: no page task ran during a ${r.ms.toFixed(0)} ms highlight`);
          assert.ok(r.frames >= 1, `${name} [${renderer}]: no frame rendered during a ${r.ms.toFixed(0)} ms highlight`);
        }
      } finally {
        await context.close();
      }
    }
  }
  assert.ok(checked > 0, `no highlight of the largest pages lasted ${2 * FRAME_MS} ms: the check above never ran`);
});

await run();

if (rows.length) {
  const pad = (s, n) => String(s).padEnd(n);
  const num = (s, n) => String(s).padStart(n);
  console.log(`\nHighlight time per page (median of ${RUNS} runs, wall clock incl. yields; longest task in ms)`);
  console.log(`${pad('page', 40)} ${num('KB', 5)} ${num('chars', 7)} ${num('ents', 5)} ${num('spans', 8)} ${num('hl-api', 8)} ${num('task', 5)}`);
  for (const r of rows) {
    const s = r.spans;
    const h = r['highlight-api'];
    console.log(`${pad(r.name, 40)} ${num(r.kb, 5)} ${num(r.chars, 7)} ${num(s.count, 5)} ${num(median(s.times).toFixed(1), 8)}`
      + ` ${num(median(h.times).toFixed(1), 8)} ${num(Math.max(s.longest, h.longest).toFixed(0), 5)}`);
  }
  const all = (k) => rows.map((r) => median(r[k].times));
  console.log(`total: ${rows.length} pages, ${rows.reduce((a, r) => a + r.spans.count, 0)} entities;`
    + ` median page spans ${median(all('spans')).toFixed(1)} ms, highlight-api ${median(all('highlight-api')).toFixed(1)} ms;`
    + ` slowest spans ${Math.max(...all('spans')).toFixed(1)} ms, highlight-api ${Math.max(...all('highlight-api')).toFixed(1)} ms;`
    + ` longest task ${Math.max(...rows.map((r) => Math.max(r.spans.longest, r['highlight-api'].longest))).toFixed(0)} ms`);
}
