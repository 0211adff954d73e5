#!/usr/bin/env node
// DOM edge cases for www/noor.js on small hand-written fixtures (tests/browser/fixtures.html):
// entities across inline markup, nested markup, block boundaries, skipped elements, exact
// restore after clear(), and idempotent highlight().   Usage: node tests/browser/fixtures.test.mjs

import { readFileSync } from 'node:fs';
import { test, run, assert, waitForNoor } from './harness.mjs';

const FIXTURES = readFileSync(new URL('./fixtures.html', import.meta.url), 'utf8');

async function openFixtures(open) {
  const page = await open('/__fixtures__.html', { html: FIXTURES });
  await waitForNoor(page);
  return page;
}

/**
 * Highlights one fixture section and reports what happened: the spans, the entities, and whether
 * the text stayed the same, a second highlight() changed nothing and clear() restored the section.
 */
function cycle(page, id) {
  return page.evaluate((id) => {
    const root = document.getElementById(id);
    const original = root.cloneNode(true);
    const text = root.textContent;
    const { entities, count } = window.noor.highlight(root);
    const spans = [...root.querySelectorAll('span.noor-entity')].map((span) => ({
      text: span.textContent,
      type: span.dataset.entityType,
      parent: span.parentElement.localName,
      before: span.previousSibling?.nodeType === 3 ? span.previousSibling.data.slice(-1) : '',
    }));
    const highlighted = root.cloneNode(true);
    const sameText = root.textContent === text;
    window.noor.highlight(root);
    const idempotent = root.isEqualNode(highlighted);
    window.noor.clear(root);
    return {
      count,
      entities: entities.map((e) => e.text),
      spans,
      sameText,
      idempotent,
      restored: root.isEqualNode(original),
      leftover: root.querySelectorAll('span.noor-entity').length,
    };
  }, id);
}

function checkCycle(r, id) {
  assert.ok(r.sameText, `${id}: textContent changed by highlight()`);
  assert.ok(r.idempotent, `${id}: highlighting twice differs from once`);
  assert.equal(r.leftover, 0, `${id}: spans left after clear()`);
  assert.ok(r.restored, `${id}: clear() did not restore the DOM (isEqualNode is false)`);
}

test('an entity across <b> and <a> boundaries gets one span per text node', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'cross-boundary');
  checkCycle(r, 'cross-boundary');
  assert.deepEqual(r.entities, ['Beirut', 'Cairo']);
  assert.deepEqual(r.spans.map((s) => [s.text, s.parent]), [['Bei', 'b'], ['rut', 'p'], ['Ca', 'b'], ['iro', 'a']]);
  assert.ok(r.spans.every((s) => s.type === 'LOC'));
});

test('an Arabic name split by <b> is still found', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'cross-boundary-ar');
  checkCycle(r, 'cross-boundary-ar');
  assert.deepEqual(r.entities, ['بيروت']);
  assert.deepEqual(r.spans.map((s) => s.text), ['بير', 'وت']);
});

test('nested inline markup joins into one text', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'nested');
  checkCycle(r, 'nested');
  assert.deepEqual(r.entities, ['Moscow', 'Paris', 'London']);
  assert.deepEqual(r.spans.map((s) => [s.text, s.parent]),
    [['Mo', 'b'], ['s', 'em'], ['cow', 'span'], ['Paris', 'u'], ['London', 'small']]);
});

test('Arabic clitics stay outside the span (بموسكو, لبيروت)', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'clitic');
  checkCycle(r, 'clitic');
  assert.deepEqual(r.spans.map((s) => [s.before, s.text]), [['ب', 'موسكو'], ['ل', 'بيروت']]);
});

test('names never join across blocks, <br> or table cells', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'blocks');
  checkCycle(r, 'blocks');
  assert.deepEqual(r.spans, [], `unexpected spans: ${JSON.stringify(r.spans)}`);
  const control = await cycle(page, 'blocks-control');
  checkCycle(control, 'blocks-control');
  assert.deepEqual(control.entities, ['Beirut', 'Cairo', 'Baghdad', 'Damascus']);
});

test('no spans inside code, form fields, scripts, hidden or editable content', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'skipped');
  checkCycle(r, 'skipped');
  assert.deepEqual(r.spans.map((s) => [s.text, s.parent]), [['Cairo', 'p']]);
  assert.equal(await page.evaluate(() => window.fixtureScriptRan), 'Cairo', 'the fixture script did not run');
});

test('text that looks like markup stays text', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'markup-as-text');
  checkCycle(r, 'markup-as-text');
  assert.deepEqual(r.entities, ['Cairo', 'Beirut']);
  const state = await page.evaluate(() => {
    window.noor.highlight(document.getElementById('markup-as-text'));
    return { imgs: document.querySelectorAll('#markup-as-text img').length, pwned: window.pwned ?? null };
  });
  assert.deepEqual(state, { imgs: 0, pwned: null });
});

test('clear() keeps text nodes that were separate before (no normalize())', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'adjacent-text-nodes');
  checkCycle(r, 'adjacent-text-nodes');
  assert.deepEqual(r.spans.map((s) => s.text), ['Paris', 'Lon', 'don']);
  const pieces = await page.evaluate(() =>
    [...document.querySelector('#adjacent-text-nodes p').childNodes].map((n) => n.data));
  assert.deepEqual(pieces, ['Paris', ' and ', 'Lon', 'don', '', ' met.']);
});

test('UTF-16 offsets: emoji and astral letters before a name', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'utf16');
  checkCycle(r, 'utf16');
  assert.deepEqual(r.spans.map((s) => s.text), ['Cairo', 'Beirut', 'Paris']);
  const sliced = await page.evaluate(() => {
    const text = '😀 Cairo, 👍🏽 Beirut and 𝒳 Paris';
    return window.noor.annotate(text).map((e) => [text.slice(e.start, e.end), e.text]);
  });
  assert.deepEqual(sliced, [['Cairo', 'Cairo'], ['Beirut', 'Beirut'], ['Paris', 'Paris']]);
});

test('the page\'s own text nodes are moved into spans, not recreated', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(() => {
    const p = document.querySelector('#identity p');
    const node = p.firstChild;
    window.noor.highlight(p);
    const wrapped = node.parentElement.classList.contains('noor-entity') && node.data === 'Cairo';
    window.noor.clear(p);
    return { wrapped, back: p.firstChild === node && node.data === 'Cairo is a big city.' && p.childNodes.length === 1 };
  });
  assert.ok(r.wrapped, 'the original text node is not the one inside the span');
  assert.ok(r.back, 'the original text node was not restored in place');
});

test('whole document: highlight(body) then clear(body) restores the body exactly', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(() => {
    const before = document.body.cloneNode(true);
    const { count } = window.noor.highlight();
    const spans = document.querySelectorAll('span.noor-entity').length;
    const again = window.noor.highlight(document).count;
    window.noor.clear();
    return { count, again, spans, restored: document.body.isEqualNode(before) };
  });
  assert.ok(r.count >= 15 && r.spans >= r.count, `only ${r.count} entities / ${r.spans} spans in the fixtures`);
  assert.equal(r.again, r.count, 'highlight(document) found a different number of entities');
  assert.ok(r.restored, 'document.body differs after clear()');
});

test('span attributes, and classPrefix', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const section = document.getElementById('blocks-control');
    window.noor.highlight(section);
    const attrs = [...section.querySelectorAll('span.noor-entity')].map((s) => ({
      className: s.className, type: s.dataset.entityType, title: s.title,
      id: s.getAttribute('data-entity-id'), canonical: s.getAttribute('data-entity-canonical'),
    }));
    window.noor.clear(section);
    const other = await window.createHighlighter({ classPrefix: 'hl' });
    other.highlight(section);
    const prefixed = [...section.querySelectorAll('span')].map((s) => s.className);
    window.noor.clear(section); // another prefix: not ours to remove
    const survived = section.querySelectorAll('span.hl-entity').length;
    other.clear(section);
    return { attrs, prefixed, survived, left: section.querySelectorAll('span').length };
  });
  for (const a of r.attrs) {
    assert.equal(a.className, `noor-entity noor-${a.type}`);
    assert.ok(a.title.length > 0, 'empty title');
    for (const key of ['id', 'canonical']) {
      assert.ok(a[key] === null || !['', 'undefined', 'null'].includes(a[key]), `data-entity-${key}="${a[key]}"`);
    }
  }
  assert.deepEqual(r.prefixed, ['hl-entity hl-LOC', 'hl-entity hl-LOC', 'hl-entity hl-LOC', 'hl-entity hl-LOC']);
  assert.equal(r.survived, 4, 'clear() with the default prefix removed spans of another prefix');
  assert.equal(r.left, 0);
});

await run();
