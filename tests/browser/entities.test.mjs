#!/usr/bin/env node
// www/src/entities.js under Node (no browser needed): unpacking the core's packed output gives
// entity objects, and through the real wasm core they are exactly the entities the native
// pipeline prints (`noor annotate`, same JSON, key for key), on Arabic and English news text
// written for these tests, with characters outside the BMP before the names.
// Usage: node tests/browser/entities.test.mjs

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIELDS, annotateText, annotateTexts, unpackEntities } from '../../www/src/entities.js';
import { REPO, WWW } from './harness.mjs';

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

const TYPES = ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'NUM', 'MONEY', 'PERCENT'];

test('unpack: every field, strings outside the BMP, absent fields left out', () => {
  const texts = ['😀 Zürich, 5 مليون دولار', '', 'x'];
  const numbers = Float64Array.from([
    2,
    3, 9, 2, 0.95, 0, 16, 9, -1, // Zürich: id, canonical (with an emoji: 9 UTF-16 units), group
    11, 24, 7, 0.9, -1, -1, -1, 11, // 5 مليون دولار: value only
    0,
    0,
  ]);
  const strings = 'geonames:2657896Zürich 😀5000000 USD';
  const [a, b, c] = unpackEntities(texts, numbers, strings, TYPES);
  assert.deepEqual(a, [
    { start: 3, end: 9, type: 'LOC', text: 'Zürich', score: 0.95, id: 'geonames:2657896', canonical: 'Zürich 😀', group: 0 },
    { start: 11, end: 24, type: 'MONEY', text: '5 مليون دولار', score: 0.9, value: '5000000 USD' },
  ]);
  assert.deepEqual(Object.keys(a[0]), ['start', 'end', 'type', 'text', 'score', 'id', 'canonical', 'group']);
  assert.deepEqual([b, c], [[], []]);
  assert.equal(FIELDS, 8);
});

test('unpack: numbers or strings that do not fit the texts throw', () => {
  const one = Float64Array.from([1, 0, 1, 2, 0.5, -1, 3, -1, -1]);
  assert.deepEqual(unpackEntities(['x'], one, 'abc', TYPES)[0][0].id, 'abc');
  assert.throws(() => unpackEntities(['x'], one, 'abcd', TYPES), /do not fit/); // a string left over
  assert.throws(() => unpackEntities(['x', 'y'], one, 'abc', TYPES), /do not fit/); // numbers missing
  assert.throws(() => unpackEntities([], one, 'abc', TYPES), /do not fit/); // numbers left over
});

// Through the real core: the wasm build in www/pkg and the native CLI, both built by `make build`.
const PKG = join(WWW, 'pkg');
const CLI = join(REPO, 'target', 'release-native', 'noor');
const TEXTS = [
  '😀 وصل وزير الخارجية المصري إلى بِمُوسْكُو يوم الاثنين 17 سبتمبر 2023، والتقى نظيره في الكرملين بحضور 300 صحفي.',
  '👩‍👩‍👧 Flights from Beirut to Zürich resumed on Monday, the European Union said; fares rose 12% to $450.',
];

test('through the wasm core: the same entities as the native pipeline, key for key', async () => {
  assert.ok(existsSync(join(PKG, 'noor_bg.wasm')) && existsSync(CLI), 'run `make build` first');
  const pkg = await import(join(PKG, 'noor.js'));
  pkg.initSync({ module: readFileSync(join(PKG, 'noor_bg.wasm')) });
  const core = new pkg.Noor({ lang: 'auto' });
  for (const lang of ['ar', 'en']) core.loadPack(readFileSync(join(PKG, `noor-${lang}.pack`)));
  assert.deepEqual(pkg.Noor.entityTypes(), TYPES);
  for (const text of TEXTS) {
    const native = JSON.parse(execFileSync(CLI, ['annotate', '-'], { input: text, encoding: 'utf8' })).entities;
    const wasm = annotateText(core, text);
    assert.ok(native.length >= 4, `only ${native.length} entities in ${text}`);
    assert.equal(JSON.stringify(wasm), JSON.stringify(native));
    for (const e of wasm) assert.equal(text.slice(e.start, e.end), e.text);
  }
  // A batch is each text on its own, one call.
  const batch = annotateTexts(core, ['', ...TEXTS]);
  assert.deepEqual(batch.map((x) => x.length), [0, ...TEXTS.map((t) => annotateText(core, t).length)]);
  core.free();
});

let failed = 0;
for (const { name, fn } of tests) {
  try {
    await fn();
    console.log(`  ✓ ${name}`);
  } catch (err) {
    failed++;
    console.log(`  ✗ ${name}\n    ${String(err?.stack ?? err).split('\n').join('\n    ')}`);
  }
}
console.log(`tests/browser/entities.test.mjs: ${tests.length - failed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
