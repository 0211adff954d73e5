#!/usr/bin/env node
// Unit tests of the modules under www/src, one test per module, in Chromium and without the wasm
// core: collect (what is read and how it is cut into blocks), ranges (offsets -> text-node
// parts), scheduler (slices), render-spans, render-highlight-api, observer, styles, tooltip.
// Usage: node tests/browser/modules.test.mjs

import { test, run, assert } from './harness.mjs';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<title>modules</title></head><body><main id="t"></main></body></html>`;

async function openBlank(open) {
  return open('/__modules__.html', { html: PAGE });
}

/** Sets #t's HTML (a test-owned constant) and runs fn(t, modules) in the page. */
function inPage(page, fn, arg) {
  return page.evaluate(async ({ src, arg }) => {
    const load = (name) => import(`/src/${name}.js`);
    const mods = {
      collect: await load('collect'), ranges: await load('ranges'), scheduler: await load('scheduler'),
      spans: await load('render-spans'), hl: await load('render-highlight-api'), observer: await load('observer'),
      styles: await load('styles'), tooltip: await load('tooltip'),
    };
    const t = document.getElementById('t');
    const set = (html) => {
      t.innerHTML = html; // fixed test markup, not page text
      return t;
    };
    // eslint-disable-next-line no-new-func
    return new Function('t', 'set', 'mods', 'arg', `return (async () => { ${src} })();`)(t, set, mods, arg);
  }, { src: fn, arg });
}

test('collect: document order, inline joins, blocks separate, skipped content is not read', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { collectBlocks, walkBlocks, TICK, isEligible, SKIP_SELECTOR } = mods.collect;
    const texts = (root, o) => collectBlocks(root, o).map((b) => b.text.replace(/\\s+/g, ' ').trim());
    const out = {};
    set('<p>Vla<b>di</b>mir <a href="#">Pu<i>tin</i></a> spoke.</p>');
    const [b] = collectBlocks(t);
    out.joined = b.text;
    out.tiles = b.pieces.every((p) => p.node.data === b.text.slice(p.start, p.end) && p.nodeStart === 0);
    out.pieces = b.pieces.length;
    out.container = b.container.localName;
    set('<div>one<p>two</p>three<br>four<table><tr><td>five</td><td>six</td></tr></table>'
      + '<ul><li>seven</li></ul><span style="display:inline-block">eight</span>nine'
      + '<span style="display:block">ten</span><span style="display:contents">el<b>even</b></span></div>');
    out.blocks = texts(t);
    set('<p>keep <script>x</script><style>p{}</style><noscript>n</noscript><template>t</template>'
      + '<textarea>ta</textarea><input value="in"><select><option>op</option></select><code>co</code>'
      + '<pre>pr</pre><kbd>kb</kbd><samp>sa</samp><svg><text>sv</text></svg><math><mi>ma</mi></math>'
      + '<iframe srcdoc="if"></iframe><span contenteditable>ce</span><span contenteditable="false">cf</span>'
      + '<span aria-hidden="true">ah</span><span hidden>hi</span><span style="display:none">dn</span>'
      + '<span style="visibility:hidden">vh<b style="visibility:visible">vv</b></span>'
      + '<span class="noor-entity">own</span> end</p>');
    out.skipped = texts(t, { ownSelector: 'span.noor-entity' });
    set('<code><span id="in-code">x</span></code><p id="ok">y</p>');
    out.eligible = [isEligible(document.getElementById('in-code')), isEligible(document.getElementById('ok'))];
    out.selector = SKIP_SELECTOR.includes('[contenteditable]') && SKIP_SELECTOR.includes('iframe');
    set('<p>' + 'This is a sentence about Cairo. '.repeat(200) + '</p>');
    const long = collectBlocks(t);
    out.longCount = long.length;
    out.longMax = Math.max(...long.map((x) => x.text.length));
    out.longEnds = long.slice(0, -1).every((x) => x.text.endsWith('.'));
    out.longTiles = long.every((x) => x.pieces.every((p) => p.data.slice(p.nodeStart, p.nodeStart + p.end - p.start) === x.text.slice(p.start, p.end)));
    out.longJoin = long.map((x) => x.text).join('') === t.textContent;
    let ticks = 0;
    for (const item of walkBlocks(t, { tickEvery: 1 })) if (item === TICK) ticks++;
    out.ticks = ticks;
    set('<div id="host"></div>');
    const shadow = document.getElementById('host').attachShadow({ mode: 'open' });
    shadow.append(Object.assign(document.createElement('p'), { textContent: 'in the shadow' }));
    const seen = [];
    out.shadowOff = texts(t);
    out.shadowOn = texts(t, { shadowRoots: true, onShadowRoot: (s) => seen.push(s === shadow) });
    out.shadowSeen = seen;
    return out;
  `);
  assert.equal(r.joined, 'Vladimir Putin spoke.');
  assert.ok(r.tiles, 'pieces do not tile the text');
  assert.equal(r.pieces, 6);
  assert.equal(r.container, 'p');
  assert.deepEqual(r.blocks, ['one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven']);
  assert.deepEqual(r.skipped, ['keep', 'vv', 'end']);
  assert.deepEqual(r.eligible, [false, true]);
  assert.ok(r.selector);
  assert.ok(r.longCount >= 4 && r.longMax <= 2000, `long block cut into ${r.longCount}, longest ${r.longMax}`);
  assert.ok(r.longEnds && r.longTiles && r.longJoin, 'long block cut badly');
  assert.ok(r.ticks >= 2, `${r.ticks} ticks`);
  assert.deepEqual(r.shadowOff, []);
  assert.deepEqual(r.shadowOn, ['in the shadow']);
  assert.deepEqual(r.shadowSeen, [true]);
});

test('ranges: offsets map to text-node parts; stale parts are detected', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { collectBlocks } = mods.collect;
    const { entityRanges, partIsCurrent, partsByNode, containsComposed } = mods.ranges;
    set('<p>Flights from <b>Bei</b>rut and <b>Ca</b><a>iro</a>.</p>');
    const [block] = collectBlocks(t);
    const items = entityRanges(block, [
      { start: 13, end: 19, text: 'Beirut' }, { start: 24, end: 29, text: 'Cairo' },
      { start: 3, end: 2 }, { start: 0, end: 999 }, { start: 1.5, end: 3 },
    ]);
    const parts = items.map((it) => it.parts.map((p) => p.node.data.slice(p.startInNode, p.endInNode)));
    const byNode = [...partsByNode(items).values()].map((l) => l.length);
    const current = partIsCurrent(items[0].parts[0]);
    t.querySelector('b').firstChild.data = 'Bey';
    const stale = partIsCurrent(items[0].parts[0]);
    const detached = document.createElement('div');
    const host = document.createElement('div');
    t.append(host);
    const s = host.attachShadow({ mode: 'open' });
    s.append(detached);
    return { parts, byNode, current, stale, composed: [containsComposed(t, detached), containsComposed(detached, t)] };
  `);
  assert.deepEqual(r.parts, [['Bei', 'rut'], ['Ca', 'iro']]);
  assert.deepEqual(r.byNode, [1, 1, 1, 1]);
  assert.equal(r.current, true);
  assert.equal(r.stale, false);
  assert.deepEqual(r.composed, [true, false]);
});

test('scheduler: slices end on time, yield to the page, and let frames render', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { Slicer, yieldToPage } = mods.scheduler;
    const slice = new Slicer(4, 20);
    let frames = 0;
    let on = true;
    const count = () => { if (on) { frames++; requestAnimationFrame(count); } };
    requestAnimationFrame(count);
    const t0 = performance.now();
    const lengths = [];
    let start = performance.now();
    while (performance.now() - t0 < 300) {
      let x = 0;
      for (let i = 0; i < 1000; i++) x += Math.sqrt(i);
      if (slice.expired()) {
        lengths.push(performance.now() - start);
        await slice.yield();
        start = performance.now();
      }
    }
    // Wall-clock: another process may take the CPU in the middle of a slice, so look at the median.
    lengths.sort((a, b) => a - b);
    const longest = lengths[Math.floor(lengths.length / 2)];
    on = false;
    const saved = globalThis.scheduler;
    let fallback = false;
    try {
      Object.defineProperty(globalThis, 'scheduler', { value: { yield: 'not a function' }, configurable: true, writable: true });
      await yieldToPage();
      fallback = true;
    } finally {
      Object.defineProperty(globalThis, 'scheduler', { value: saved, configurable: true, writable: true });
    }
    return { yields: slice.yields, waitedForFrames: slice.frames, frames, longest, fallback };
  `);
  assert.ok(r.yields > 20, `only ${r.yields} yields in 300 ms`);
  assert.ok(r.longest < 8, `the median slice lasted ${r.longest.toFixed(1)} ms (4 ms asked)`);
  assert.ok(r.waitedForFrames >= 5 && r.frames >= 5, `${r.frames} frames rendered, ${r.waitedForFrames} waited for`);
  assert.ok(r.fallback);
});

test('render-spans: one span per part, the page node stays, exact restore, repair', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { collectBlocks } = mods.collect;
    const { entityRanges } = mods.ranges;
    const { SpansRenderer } = mods.spans;
    const R = new SpansRenderer({ prefix: 'noor' });
    set('<p>Flights from <b>Bei</b>rut and Cairo to Cairo.</p>');
    const before = t.cloneNode(true);
    const head = t.querySelector('p').firstChild;
    const bNode = t.querySelector('b').firstChild;
    const ent = (start, end, text, extra = {}) => ({ start, end, text, type: 'LOC', id: 'geonames:1', group: 0, canonical: text, ...extra });
    const [block] = collectBlocks(t);
    const items = entityRanges(block, [ent(13, 19, 'Beirut'), ent(24, 29, 'Cairo'), ent(33, 38, 'Cairo', { id: undefined, group: 1 })]);
    const done = R.render(items);
    const spans = [...t.querySelectorAll('span.noor-entity')].map((s) => [s.textContent, s.className, s.dataset.entityType, s.dataset.entityId ?? null, s.dataset.entityGroup, s.parentElement.localName]);
    const headStays = head.parentNode === t.querySelector('p') && head.data === 'Flights from ';
    const bStays = bNode.parentNode === t.querySelector('b') && bNode.data === '';
    const again = R.render(items).length; // nodes changed since read: nothing rendered
    const hasMarks = R.hasMarks(t);
    const removed = R.clearWithin(t);
    const restored = t.isEqualNode(before) && t.querySelector('p').firstChild === head;
    // The page rewrites a node that was cut: the stale pieces go.
    const [block2] = collectBlocks(t);
    R.render(entityRanges(block2, [ent(24, 29, 'Cairo')]));
    const textNode = [...t.querySelector('p').childNodes].find((n) => n.nodeType === 3 && n.data.startsWith('rut'));
    textNode.data = 'rut, then home.';
    const repaired = R.repair([{ type: 'characterData', target: textNode }]);
    const after = t.textContent;
    return { done: done.length, spans, headStays, bStays, again, hasMarks, removed, restored, repaired, after, left: R.hasMarks(t) };
  `);
  assert.equal(r.done, 3);
  assert.deepEqual(r.spans, [
    ['Bei', 'noor-entity noor-LOC', 'LOC', 'geonames:1', '0', 'b'],
    ['rut', 'noor-entity noor-LOC', 'LOC', 'geonames:1', '0', 'p'],
    ['Cairo', 'noor-entity noor-LOC', 'LOC', 'geonames:1', '0', 'p'],
    ['Cairo', 'noor-entity noor-LOC', 'LOC', null, '1', 'p'],
  ]);
  assert.ok(r.headStays && r.bStays, 'a page text node moved');
  assert.equal(r.again, 0);
  assert.equal(r.hasMarks, true);
  assert.equal(r.removed, 4);
  assert.ok(r.restored, 'not restored exactly');
  assert.equal(r.repaired, 1);
  assert.equal(r.after, 'Flights from Beirut, then home.');
  assert.equal(r.left, false);
});

test('render-highlight-api: ranges per type, painted at flush(), no DOM change, lookup from a point, clean registry', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { collectBlocks } = mods.collect;
    const { entityRanges } = mods.ranges;
    const { HighlightApiRenderer, highlightApiSupported, caretAt } = mods.hl;
    set('<p style="font: 20px sans-serif">Flights from <b>Bei</b>rut and Cairo.</p>');
    const before = t.cloneNode(true);
    const R = new HighlightApiRenderer({ doc: document, prefix: 'noor' });
    const [block] = collectBlocks(t);
    const items = entityRanges(block, [{ start: 13, end: 19, type: 'LOC', text: 'Beirut' }, { start: 24, end: 29, type: 'ORG', text: 'Cairo' }]);
    const done = R.render(items).length;
    const twice = R.render(items).length; // already covered
    const beforeFlush = [...CSS.highlights.keys()];
    const painted = R.flush();
    const names = [...CSS.highlights.keys()].sort();
    const sizes = names.map((n) => CSS.highlights.get(n).size);
    const range = [...R.entries()].find((e) => e.entity.text === 'Cairo').range;
    const rect = range.getBoundingClientRect();
    const hit = R.entityAt(rect.left + rect.width / 2, rect.top + rect.height / 2);
    const miss = R.entityAt(rect.right + 40, rect.top + rect.height / 2);
    const saved = HighlightRegistry.prototype.highlightsFromPoint;
    delete HighlightRegistry.prototype.highlightsFromPoint;
    const hitByCaret = R.entityAt(rect.left + 3, rect.top + rect.height / 2);
    const caret = caretAt(document, rect.left + 3, rect.top + rect.height / 2);
    HighlightRegistry.prototype.highlightsFromPoint = saved;
    const same = t.isEqualNode(before);
    const removed = R.clearWithin(t);
    // A range removed before it was painted is never painted.
    R.render(items);
    const removedUnpainted = R.clearWithin(t);
    const paintedAfter = R.flush();
    return { supported: highlightApiSupported(window), done, twice, beforeFlush, painted, removedUnpainted, paintedAfter, names, sizes, hit: hit?.entity.text, miss, hitByCaret: hitByCaret?.entity.text, caretNode: caret?.node.data, same, removed, after: [...CSS.highlights.keys()] };
  `);
  assert.equal(r.supported, true);
  assert.equal(r.done, 2);
  assert.equal(r.twice, 0);
  assert.deepEqual(r.beforeFlush, [], 'ranges painted before flush()');
  assert.equal(r.painted, 3, 'Beirut in two parts, Cairo in one');
  assert.equal(r.removedUnpainted, 2);
  assert.equal(r.paintedAfter, 0, 'a removed range was painted');
  assert.deepEqual(r.names, ['noor-LOC', 'noor-ORG']);
  assert.deepEqual(r.sizes, [2, 1]);
  assert.equal(r.hit, 'Cairo');
  assert.equal(r.miss, null);
  assert.equal(r.hitByCaret, 'Cairo');
  assert.equal(r.caretNode, 'rut and Cairo.');
  assert.ok(r.same, 'the DOM changed');
  assert.equal(r.removed, 2);
  assert.deepEqual(r.after, [], 'empty highlights left in CSS.highlights');
});

test('observer: own changes are not reported, page changes are, and map to what to read again', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { Watcher, changedNodes, outermost } = mods.observer;
    set('<div id="feed"><p id="p1">one <b>two</b></p><p id="p2">three</p></div>');
    const seen = [];
    const w = new Watcher(window, (records) => seen.push(...records));
    w.watch(t);
    const p1 = document.getElementById('p1');
    p1.append(' page'); // the page's change, made before ours
    w.mutate(() => { p1.append(' ours'); document.getElementById('p2').firstChild.data = 'ours'; });
    await Promise.resolve();
    await new Promise((r) => setTimeout(r, 0));
    const reported = seen.map((m) => m.type + ':' + [...m.addedNodes].map((n) => n.textContent).join());
    seen.length = 0;
    const feed = document.getElementById('feed');
    const p3 = document.createElement('p');
    p3.textContent = 'new block';
    feed.append(p3);
    p1.querySelector('b').firstChild.data = 'TWO';
    p1.append(document.createElement('i'));
    document.getElementById('p2').remove();
    w.deliver();
    const changed = changedNodes(seen).map(({ node, self }) => (node.id || node.nodeName) + (self ? '*' : ''));
    const outer = outermost([p1, feed, p3, p1]).map((e) => e.id);
    w.disconnect();
    return { reported, changed, outer };
  `);
  assert.deepEqual(r.reported, ['childList: page'], 'own mutations were reported, or the page\'s were lost');
  assert.deepEqual(r.changed, ['P*', '#text', 'p1']);
  assert.deepEqual(r.outer, ['feed']);
});

test('styles: the spans sheet has no ::highlight() rules; installed once per tree, removable', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { loadStyles, withoutHighlightRules, StyleInstaller } = mods.styles;
    const css = await loadStyles();
    const spansCss = withoutHighlightRules(css);
    const inst = new StyleInstaller(spansCss);
    inst.installFor(document);
    inst.installFor(document.body);
    const host = document.createElement('div');
    t.append(host);
    const shadow = host.attachShadow({ mode: 'open' });
    const inner = document.createElement('span');
    shadow.append(inner);
    inst.installFor(inner);
    const counts = [document.adoptedStyleSheets.length, shadow.adoptedStyleSheets.length];
    inst.uninstallAll();
    return {
      loaded: css.length > 1000, fullHas: css.includes('::highlight(noor-LOC)'),
      spansHas: spansCss.includes('::highlight'), spansKeepsDark: spansCss.includes('prefers-color-scheme: dark'),
      counts, after: [document.adoptedStyleSheets.length, shadow.adoptedStyleSheets.length],
    };
  `);
  assert.ok(r.loaded && r.fullHas);
  assert.equal(r.spansHas, false);
  assert.ok(r.spansKeepsDark);
  assert.deepEqual(r.counts, [1, 1]);
  assert.deepEqual(r.after, [0, 0]);
});

test('tooltip: type, name and ID in one overlay under <html>, removable', async ({ open }) => {
  const page = await openBlank(open);
  const r = await inPage(page, `
    const { Tooltip, HoverWatcher, describe, TYPE_LABELS } = mods.tooltip;
    const tip = new Tooltip(document);
    const e = { type: 'LOC', text: 'بموسكو', canonical: 'Moscow', id: 'geonames:524901' };
    tip.show(e, new DOMRect(100, 100, 50, 20));
    tip.show(e, new DOMRect(100, 100, 50, 20));
    const hosts = document.querySelectorAll('.noor-tooltip-host');
    const box = hosts[0].shadowRoot.querySelector('.noor-tooltip');
    const shown = { count: hosts.length, parent: hosts[0].parentNode.localName, lines: [...box.children].filter((c) => !c.hidden).map((c) => c.textContent), bodyText: document.body.textContent.includes('Moscow') };
    const w = new HoverWatcher(document, tip, (x, y) => (x < 10 ? { entity: { type: 'PER', text: 'Haftar' }, rect: new DOMRect(0, 50, 10, 10) } : null));
    const hit = w.check(5, 5, null)?.entity.text;
    const name = box.querySelector('.noor-tooltip-name').textContent;
    w.check(50, 50, null);
    const hidden = box.hidden;
    tip.remove();
    return { shown, hit, name, hidden, left: document.querySelectorAll('.noor-tooltip-host').length, label: describe({ type: 'XYZ' }).label, labels: Object.keys(TYPE_LABELS).length };
  `);
  assert.deepEqual(r.shown, { count: 1, parent: 'html', lines: ['Place · LOC', 'Moscow', 'geonames:524901'], bodyText: false });
  assert.equal(r.hit, 'Haftar');
  assert.equal(r.name, 'Haftar');
  assert.equal(r.hidden, true);
  assert.equal(r.left, 0);
  assert.equal(r.label, 'XYZ');
  assert.equal(r.labels, 9);
});

await run();
