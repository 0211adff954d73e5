#!/usr/bin/env node
// End-to-end checks of the demo reader (www/index.html) against the real wasm core.
// Usage: node tests/browser/demo.test.mjs

import { test, run, assert, waitForNoor } from './harness.mjs';

const TYPES = ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'NUM', 'MONEY', 'PERCENT'];

async function openDemo(open) {
  const page = await open('/');
  await waitForNoor(page);
  return page;
}

/** Every entity span in the article, with the character just before and after it. */
function spansIn(page, articleId) {
  return page.evaluate((id) => {
    const article = document.getElementById(id);
    return [...article.querySelectorAll('span.noor-entity')].map((span) => {
      const before = document.createRange();
      before.setStart(article, 0);
      before.setEndBefore(span);
      const after = document.createRange();
      after.setStartAfter(span);
      after.setEnd(article, article.childNodes.length);
      return {
        text: span.textContent,
        type: span.dataset.entityType,
        className: span.className,
        id: span.dataset.entityId ?? null,
        group: span.dataset.entityGroup ?? null,
        before: before.toString().slice(-1),
        after: after.toString().slice(0, 1),
      };
    });
  }, articleId);
}

/** Compares the live articles with the same articles parsed from the served HTML. */
function compareWithSource(page) {
  return page.evaluate(async () => {
    const html = await (await fetch(location.href)).text();
    const source = new DOMParser().parseFromString(html, 'text/html');
    return ['article-ar', 'article-en'].map((id) => {
      const live = document.getElementById(id);
      const original = source.getElementById(id);
      return {
        id,
        equal: live.isEqualNode(original),
        sameText: live.textContent === original.textContent,
        spans: live.querySelectorAll('span.noor-entity').length,
      };
    });
  });
}

function checkSpanShape(spans) {
  for (const s of spans) {
    assert.ok(TYPES.includes(s.type), `unknown type ${s.type} on span "${s.text}"`);
    assert.equal(s.className, `noor-entity noor-${s.type}`, `class of span "${s.text}"`);
    assert.ok(s.group === null || /^\d+$/.test(s.group), `span "${s.text}": data-entity-group="${s.group}"`);
    assert.ok(s.id === null || /^[\w-]+:\S+$/.test(s.id), `span "${s.text}": data-entity-id="${s.id}"`);
  }
}

test('Arabic article: places are highlighted', async ({ open }) => {
  const page = await openDemo(open);
  const spans = await spansIn(page, 'article-ar');
  checkSpanShape(spans);
  const places = spans.filter((s) => s.type === 'LOC').map((s) => s.text);
  assert.ok(places.length >= 3, `expected at least 3 LOC spans, got ${JSON.stringify(places)}`);
  for (const name of ['القاهرة', 'مصر', 'الأردن', 'بغداد', 'دمشق', 'روسيا', 'موسكو', 'بيروت']) {
    assert.ok(places.includes(name), `no LOC span for ${name}; LOC spans: ${places.join('، ')}`);
  }
});

test('Arabic article: a span after an attached clitic covers the name only', async ({ open }) => {
  const page = await openDemo(open);
  const spans = await spansIn(page, 'article-ar');
  // بموسكو, بالقاهرة, لبيروت: the preposition stays outside the span.
  for (const [clitic, name] of [['ب', 'موسكو'], ['ب', 'القاهرة'], ['ل', 'بيروت']]) {
    const hit = spans.find((s) => s.text === name && s.before === clitic);
    assert.ok(hit, `no span "${name}" directly after "${clitic}"; spans: ${JSON.stringify(spans.map((s) => s.before + '|' + s.text))}`);
    assert.equal(hit.type, 'LOC');
    assert.ok(!/\p{L}/u.test(hit.after), `span "${name}" ends inside a word (next char "${hit.after}")`);
  }
});

test('English article: places are highlighted, also inside links and <em>', async ({ open }) => {
  const page = await openDemo(open);
  const spans = await spansIn(page, 'article-en');
  checkSpanShape(spans);
  const places = spans.filter((s) => s.type === 'LOC').map((s) => s.text);
  assert.ok(places.length >= 3, `expected at least 3 LOC spans, got ${JSON.stringify(places)}`);
  for (const name of ['Beirut', 'Cairo', 'Damascus', 'Baghdad', 'London', 'Paris', 'Moscow', 'Russia', 'Jordan', 'Egypt']) {
    assert.ok(places.includes(name), `no LOC span for ${name}; LOC spans: ${places.join(', ')}`);
  }
});

test('highlighting changes no text, and clear() restores the articles exactly', async ({ open }) => {
  const page = await openDemo(open);
  const highlighted = await compareWithSource(page);
  for (const a of highlighted) {
    assert.ok(a.spans > 0, `${a.id}: no spans after load`);
    assert.ok(a.sameText, `${a.id}: textContent differs from the source while highlighted`);
  }
  const bodyText = await page.evaluate(async () => {
    const before = document.body.textContent;
    for (const a of document.querySelectorAll('main article')) await window.noor.highlight(a);
    return { before, after: document.body.textContent };
  });
  assert.equal(bodyText.after, bodyText.before, 'document.body.textContent changed by highlighting');

  await page.evaluate(() => document.querySelectorAll('main article').forEach((a) => window.noor.clear(a)));
  for (const a of await compareWithSource(page)) {
    assert.equal(a.spans, 0, `${a.id}: spans left after clear()`);
    assert.ok(a.equal, `${a.id}: not isEqualNode to the source after clear()`);
  }
});

test('clear() after highlight() gives back a DOM equal to a clone taken before', async ({ open }) => {
  const page = await openDemo(open);
  const results = await page.evaluate(async () => {
    const out = [];
    for (const article of document.querySelectorAll('main article')) {
      window.noor.clear(article);
      const before = article.cloneNode(true);
      const nodesBefore = article.querySelectorAll('*').length;
      const { count } = await window.noor.highlight(article);
      const spans = article.querySelectorAll('span.noor-entity').length;
      window.noor.clear(article);
      out.push({ id: article.id, count, spans, nodesBefore, equal: article.isEqualNode(before) });
    }
    return out;
  });
  for (const r of results) {
    assert.ok(r.count > 0 && r.spans >= r.count, `${r.id}: ${r.count} entities, ${r.spans} spans`);
    assert.ok(r.equal, `${r.id}: highlight + clear is not isEqualNode to the clone`);
  }
});

test('highlighting twice equals highlighting once', async ({ open }) => {
  const page = await openDemo(open);
  const results = await page.evaluate(async () => {
    const out = [];
    for (const article of document.querySelectorAll('main article')) {
      const once = article.cloneNode(true);
      const { count } = await window.noor.highlight(article);
      out.push({ id: article.id, count, equal: article.isEqualNode(once) });
    }
    return out;
  });
  for (const r of results) {
    assert.ok(r.count > 0, `${r.id}: no entities the second time`);
    assert.ok(r.equal, `${r.id}: second highlight() differs from the first`);
  }
});

test('the "Show entities" switch clears and restores the highlights', async ({ open }) => {
  const page = await openDemo(open);
  const count = () => page.locator('main span.noor-entity').count();
  const initial = await count();
  assert.ok(initial > 0);
  await page.uncheck('#toggle');
  assert.equal(await count(), 0, 'spans remain with the switch off');
  for (const a of await compareWithSource(page)) assert.ok(a.equal, `${a.id} not restored by the switch`);
  await page.check('#toggle');
  await page.waitForFunction((n) => document.querySelectorAll('main span.noor-entity').length === n, initial);
  assert.equal(await count(), initial, 'switching back on gives a different number of spans');
  const legend = await page.textContent('[data-count-for="LOC"]');
  assert.match(legend, /^\(\d+\)$/, `legend count for LOC is "${legend}"`);
});

test('the CSS Highlight API renderer: same entities, no DOM change; switching renderers', async ({ open }) => {
  const page = await open('/?renderer=highlight-api');
  await waitForNoor(page);
  const r = await page.evaluate(async () => {
    const html = await (await fetch(location.href)).text();
    const source = new DOMParser().parseFromString(html, 'text/html');
    const out = { renderer: window.noor.renderer, select: document.getElementById('renderer').value, articles: {} };
    for (const id of ['article-ar', 'article-en']) {
      const live = document.getElementById(id);
      out.articles[id] = {
        equal: live.isEqualNode(source.getElementById(id)),
        marks: window.noor.marks(live).map((m) => m.range.toString()),
        highlights: [...CSS.highlights.keys()],
      };
    }
    return out;
  });
  assert.equal(r.renderer, 'highlight-api');
  assert.equal(r.select, 'highlight-api');
  for (const [id, a] of Object.entries(r.articles)) {
    assert.ok(a.equal, `${id}: the DOM changed`);
    assert.ok(a.highlights.includes('noor-LOC'), `${id}: no noor-LOC highlight registered`);
  }
  assert.ok(r.articles['article-en'].marks.includes('Moscow'));
  assert.ok(r.articles['article-ar'].marks.includes('موسكو'));
  // Switch back to spans: the same entities, as spans.
  await page.selectOption('#renderer', 'spans');
  await page.waitForFunction(() => window.noor.renderer === 'spans' && document.documentElement.dataset.noorState === 'done');
  const spans = await page.evaluate(() => ({
    en: [...document.querySelectorAll('#article-en span.noor-entity')].map((s) => s.textContent),
    highlights: [...CSS.highlights.keys()].filter((k) => k.startsWith('noor-')),
  }));
  assert.deepEqual(spans.en, r.articles['article-en'].marks, 'the two renderers mark different text');
  assert.deepEqual(spans.highlights, [], 'highlights left after switching renderer');
});

test('watchlist: addTerms marks a name everywhere, removeTerms takes it back', async ({ open }) => {
  const page = await openDemo(open);
  const r = await page.evaluate(async () => {
    const article = document.getElementById('article-en');
    const marked = () => [...article.querySelectorAll('span.noor-entity')].map((s) => [s.textContent, s.dataset.entityType, s.dataset.entityId ?? null]);
    const n = window.noor.addTerms([{ text: 'spring floods', type: 'MISC', id: 'me:floods', label: 'Spring floods' }]);
    await window.noor.highlight(article);
    const added = marked().filter(([, , id]) => id === 'me:floods');
    const removed = window.noor.removeTerms(['me:floods']);
    await window.noor.highlight(article);
    const after = marked().filter(([, , id]) => id === 'me:floods');
    return { n, added, removed, after, terms: window.noor.terms().length };
  });
  assert.equal(r.n, 1);
  assert.deepEqual(r.added, [['spring floods', 'MISC', 'me:floods']]);
  assert.equal(r.removed, 1);
  assert.deepEqual(r.after, []);
  assert.equal(r.terms, 0);
});

await run();
