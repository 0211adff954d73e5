#!/usr/bin/env node
// DOM edge cases for www/noor.js on small hand-written fixtures (tests/browser/fixtures.html), in
// both renderers: entities across inline markup, nested markup, block boundaries, skipped
// elements, RTL inside LTR and the reverse, exact restore after clear(), idempotent highlight(),
// content inserted in three waves while observing, a framework-like re-render in the middle of
// highlighting, shadow roots, the tooltip, the fallback to spans.
// Usage: node tests/browser/fixtures.test.mjs

import { readFileSync } from 'node:fs';
import { test, run, assert, waitForNoor } from './harness.mjs';

const FIXTURES = readFileSync(new URL('./fixtures.html', import.meta.url), 'utf8');
const RENDERERS = ['spans', 'highlight-api'];

async function openFixtures(open) {
  const page = await open('/__fixtures__.html', { html: FIXTURES });
  await waitForNoor(page);
  await page.evaluate(async () => {
    window.noorApi = await window.createHighlighter({ renderer: 'highlight-api' });
    window.pick = (renderer) => (renderer === 'spans' ? window.noor : window.noorApi);
    // Every mark under root: its text, type, and the element that holds its text.
    window.marksOf = (h, root) => h.marks(root).map((m) => {
      const holder = m.node ?? m.range.startContainer.parentElement;
      return {
        text: m.node ? m.node.textContent : m.range.toString(),
        type: m.entity.type,
        parent: m.node ? m.node.parentElement.localName : holder.localName,
        before: m.node
          ? (m.node.previousSibling?.nodeType === 3 ? m.node.previousSibling.data.slice(-1) : '')
          : m.range.startContainer.data.slice(0, m.range.startOffset).slice(-1),
      };
    });
    // Position and size of every character under root, in text order (for "nothing moved").
    window.glyphs = (root) => {
      const out = [];
      const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
      const range = document.createRange();
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        for (let i = 0; i < n.length; i++) {
          range.setStart(n, i);
          range.setEnd(n, i + 1);
          const r = range.getBoundingClientRect();
          out.push([r.left, r.top, r.width]);
        }
      }
      return out;
    };
  });
  return page;
}

/**
 * Highlights one fixture section with one renderer and reports what happened: the marks, the
 * entities, and whether the text stayed the same, a second highlight() changed nothing and
 * clear() restored the section.
 */
function cycle(page, id, renderer) {
  return page.evaluate(async ({ id, renderer }) => {
    const h = window.pick(renderer);
    const root = document.getElementById(id);
    const original = root.cloneNode(true);
    const text = root.textContent;
    const before = window.glyphs(root);
    const { entities, count } = await h.highlight(root);
    const spans = window.marksOf(h, root);
    const after = window.glyphs(root);
    const moved = Math.max(0, ...before.map((g, i) => Math.max(...g.map((v, k) => Math.abs(v - after[i][k])))));
    const highlighted = root.cloneNode(true);
    const sameText = root.textContent === text;
    await h.highlight(root);
    const idempotent = root.isEqualNode(highlighted) && JSON.stringify(window.marksOf(h, root)) === JSON.stringify(spans);
    h.clear(root);
    return {
      count,
      entities: entities.map((e) => e.text),
      groups: entities.map((e) => e.group),
      spans,
      sameText,
      idempotent,
      moved,
      restored: root.isEqualNode(original),
      leftover: h.marks(root).length + root.querySelectorAll('span.noor-entity').length,
    };
  }, { id, renderer });
}

function checkCycle(r, label) {
  assert.ok(r.sameText, `${label}: textContent changed by highlight()`);
  assert.ok(r.idempotent, `${label}: highlighting twice differs from once`);
  assert.equal(r.leftover, 0, `${label}: marks left after clear()`);
  assert.ok(r.restored, `${label}: clear() did not restore the DOM (isEqualNode is false)`);
  assert.ok(r.moved <= 0.5, `${label}: a character moved by ${r.moved.toFixed(2)} px when highlighted`);
}

for (const renderer of RENDERERS) {
  test(`[${renderer}] an entity across <b> and <a> boundaries gets one mark per text node`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'cross-boundary', renderer);
    checkCycle(r, 'cross-boundary');
    assert.deepEqual(r.entities, ['Beirut', 'Cairo']);
    assert.deepEqual(r.spans.map((s) => [s.text, s.parent]), [['Bei', 'b'], ['rut', 'p'], ['Ca', 'b'], ['iro', 'a']]);
    assert.ok(r.spans.every((s) => s.type === 'LOC'));
  });

  test(`[${renderer}] an Arabic name split by <b> is still found`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'cross-boundary-ar', renderer);
    checkCycle(r, 'cross-boundary-ar');
    assert.deepEqual(r.entities, ['بيروت']);
    assert.deepEqual(r.spans.map((s) => s.text), ['بير', 'وت']);
  });

  test(`[${renderer}] nested inline markup joins into one text`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'nested', renderer);
    checkCycle(r, 'nested');
    assert.deepEqual(r.entities, ['Moscow', 'Paris', 'London']);
    assert.deepEqual(r.spans.map((s) => [s.text, s.parent]),
      [['Mo', 'b'], ['s', 'em'], ['cow', 'span'], ['Paris', 'u'], ['London', 'small']]);
  });

  test(`[${renderer}] Arabic clitics stay outside the mark (بموسكو, لبيروت)`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'clitic', renderer);
    checkCycle(r, 'clitic');
    assert.deepEqual(r.spans.map((s) => [s.before, s.text]), [['ب', 'موسكو'], ['ل', 'بيروت']]);
  });

  test(`[${renderer}] names never join across blocks, <br> or table cells`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'blocks', renderer);
    checkCycle(r, 'blocks');
    assert.deepEqual(r.spans, [], `unexpected marks: ${JSON.stringify(r.spans)}`);
    const control = await cycle(page, 'blocks-control', renderer);
    checkCycle(control, 'blocks-control');
    assert.deepEqual(control.entities, ['Beirut', 'Cairo', 'Baghdad', 'Damascus']);
  });

  test(`[${renderer}] no marks inside code, form fields, scripts, hidden or editable content`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'skipped', renderer);
    checkCycle(r, 'skipped');
    assert.deepEqual(r.spans.map((s) => [s.text, s.parent]), [['Cairo', 'p']]);
    assert.equal(await page.evaluate(() => window.fixtureScriptRan), 'Cairo', 'the fixture script did not run');
  });

  test(`[${renderer}] RTL text inside LTR: found, and no character moves`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'rtl-in-ltr', renderer);
    checkCycle(r, 'rtl-in-ltr');
    assert.deepEqual(r.entities, ['Paris', 'موسكو', 'بيروت', 'القاهرة', 'بغداد', 'London']);
  });

  test(`[${renderer}] LTR text inside RTL: found, and no character moves`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'ltr-in-rtl', renderer);
    checkCycle(r, 'ltr-in-rtl');
    assert.deepEqual(r.entities, ['Paris', 'London', 'بيروت', 'Reuters', 'Cairo', 'عمّان']);
  });

  test(`[${renderer}] text that looks like markup stays text`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'markup-as-text', renderer);
    checkCycle(r, 'markup-as-text');
    assert.deepEqual(r.entities, ['Cairo', 'Beirut']);
    const state = await page.evaluate(async (renderer) => {
      await window.pick(renderer).highlight(document.getElementById('markup-as-text'));
      return { imgs: document.querySelectorAll('#markup-as-text img').length, pwned: window.pwned ?? null };
    }, renderer);
    assert.deepEqual(state, { imgs: 0, pwned: null });
  });

  test(`[${renderer}] UTF-16 offsets: emoji and astral letters before a name`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await cycle(page, 'utf16', renderer);
    checkCycle(r, 'utf16');
    assert.deepEqual(r.spans.map((s) => s.text), ['Cairo', 'Beirut', 'Paris']);
  });

  test(`[${renderer}] content inserted in three waves while observing; clear() restores the DOM`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await page.evaluate(async (renderer) => {
      const h = window.pick(renderer);
      const root = document.getElementById('waves');
      // The same three waves are applied to an unobserved copy: that is what clear() must give back.
      const expected = root.cloneNode(true);
      const waves = [
        // 1. new paragraphs appended (an infinite-scroll page growing)
        (r) => {
          for (const text of ['Aid convoys reached Damascus and Baghdad.', 'وصل الوفد إلى بموسكو ثم أقلع لبيروت.']) {
            const p = document.createElement('p');
            p.textContent = text;
            r.append(p);
          }
        },
        // 2. text and an inline element added to an existing paragraph: the name spans both
        (r) => {
          const p = r.querySelector('p');
          const b = document.createElement('b');
          b.textContent = 'Ca';
          p.append(' Delegates flew on to ', b, 'iro.');
        },
        // 3. a framework-style text update: the first text node gets a whole new value
        (r) => { r.querySelector('p').firstChild.data = 'Talks moved to Amman and Paris on Tuesday.'; },
      ];
      const counts = [];
      const first = await h.observe(root);
      counts.push(first.count);
      for (const wave of waves) {
        wave(root);
        wave(expected);
        await h.idle();
        counts.push(h.marks(root).map((m) => (m.node ? m.node.textContent : m.range.toString())).join('|'));
      }
      const sameText = root.textContent === expected.textContent;
      const cleared = h.clear(root);
      const restored = root.isEqualNode(expected);
      // clear() also stopped the observing: a fourth change is not highlighted.
      const p = document.createElement('p');
      p.textContent = 'A fourth wave about Beirut.';
      root.append(p);
      await h.idle();
      const after = h.marks(root).length;
      p.remove();
      return { counts, sameText, cleared, restored, after };
    }, renderer);
    assert.equal(r.counts[0], 1, 'the first pass found no Beirut');
    assert.equal(r.counts[1], 'Beirut|Damascus|Baghdad|موسكو|بيروت', 'wave 1 (appended paragraphs)');
    assert.equal(r.counts[2], 'Beirut|Ca|iro|Damascus|Baghdad|موسكو|بيروت', 'wave 2 (text added to a paragraph, name across <b>)');
    assert.equal(r.counts[3], 'Amman|Paris|Ca|iro|Damascus|Baghdad|موسكو|بيروت', 'wave 3 (text node rewritten)');
    assert.ok(r.sameText, 'the observed text differs from the unobserved copy');
    assert.ok(r.restored, 'after clear() the section is not isEqualNode the copy with the same three waves');
    assert.equal(r.after, 0, 'clear() did not stop observing');
  });

  test(`[${renderer}] a framework-like re-render in the middle of highlighting breaks nothing`, async ({ open }) => {
    const page = await openFixtures(open);
    const r = await page.evaluate(async (renderer) => {
      const PLACES = ['Beirut', 'Cairo', 'Damascus', 'Baghdad', 'Paris', 'London', 'Moscow', 'Amman'];
      // A tiny keyed-list "framework": it keeps references to its own elements and text nodes and
      // updates them in place (nodeValue, removeChild, insertBefore, replaceChild), as React does.
      class List {
        constructor(ul) { this.ul = ul; this.rows = new Map(); }
        render(items) {
          const keep = new Set(items.map((i) => i.key));
          for (const [key, row] of this.rows) {
            if (!keep.has(key)) { this.ul.removeChild(row.li); this.rows.delete(key); }
          }
          let next = null;
          for (let k = items.length - 1; k >= 0; k--) {
            const { key, label, text, swap } = items[k];
            let row = this.rows.get(key);
            if (!row) {
              const li = document.createElement('li');
              const b = document.createElement('b');
              const labelNode = document.createTextNode(label);
              const textNode = document.createTextNode(text);
              b.appendChild(labelNode);
              li.append(b, textNode);
              row = { li, labelNode, textNode, text };
              this.rows.set(key, row);
            } else {
              if (row.labelNode.nodeValue !== label) row.labelNode.nodeValue = label;
              if (swap) {
                const fresh = document.createTextNode(text);
                row.li.replaceChild(fresh, row.textNode); // throws if the node was moved
                row.textNode = fresh;
              } else if (row.text !== text) {
                row.textNode.nodeValue = text;
              }
              row.text = text;
            }
            if (row.li.nextSibling !== next || row.li.parentNode !== this.ul) this.ul.insertBefore(row.li, next);
            next = row.li;
          }
        }
      }
      const item = (i, gen) => ({
        key: `k${i}`, label: `${PLACES[i % 8]}: `,
        text: gen === 0 ? `delegates from ${PLACES[(i + 3) % 8]} met envoys in ${PLACES[(i + 5) % 8]}.` : `talks moved to ${PLACES[(i + 1) % 8]} (update ${gen}).`,
      });
      const section = document.getElementById('framework');
      const ul = document.createElement('ul');
      section.append(ul);
      const list = new List(ul);
      let state = Array.from({ length: 400 }, (_, i) => item(i, 0));
      list.render(state);

      const h = await window.createHighlighter({ renderer, sliceMs: 1 });
      const errors = [];
      const pending = h.highlight(section);
      // Let a few slices run, then re-render: remove rows in the middle, rewrite and swap text
      // nodes that may already be split, insert new rows, all while highlight() is running.
      let yields = 0;
      while (h.marks(section).length < 20 && yields < 200) { await new Promise((r) => setTimeout(r, 0)); yields++; }
      const marksBefore = h.marks(section).length;
      try {
        state = state.filter((_, i) => i < 100 || i >= 200)
          .map((it, i) => (i % 7 === 0 ? { ...item(Number(it.key.slice(1)), 1) } : i % 11 === 0 ? { ...item(Number(it.key.slice(1)), 2), swap: true } : it));
        state.splice(50, 0, ...Array.from({ length: 30 }, (_, i) => item(1000 + i, 0)));
        list.render(state);
      } catch (err) {
        errors.push(`first re-render: ${err.message}`);
      }
      const result = await pending;
      try {
        state = state.map((it, i) => (i % 5 === 0 ? { ...item(Number(it.key.slice(1)), 3) } : it));
        list.render(state);
      } catch (err) {
        errors.push(`second re-render: ${err.message}`);
      }
      await h.idle();
      const expectedText = state.map((s) => s.label + s.text).join('');
      const sameText = ul.textContent === expectedText;
      const rows = ul.children.length;
      const stale = [...ul.querySelectorAll('li')].filter((li) => li.textContent !== state[[...ul.children].indexOf(li)].label + state[[...ul.children].indexOf(li)].text).length;
      // What the page would look like without Noor: a fresh render of the final state.
      const fresh = document.createElement('ul');
      new List(fresh).render(state);
      h.clear(section);
      const restored = ul.isEqualNode(fresh);
      h.dispose();
      section.replaceChildren();
      return { errors, sameText, rows, expectedRows: state.length, stale, restored, marksBefore, aborted: result.aborted, count: result.count };
    }, renderer);
    assert.deepEqual(r.errors, [], 'the framework threw');
    assert.ok(r.marksBefore > 0, 'the re-render did not happen in the middle of highlighting');
    assert.equal(r.rows, r.expectedRows);
    assert.equal(r.stale, 0, 'rows show stale text');
    assert.ok(r.sameText, 'the list text is not what the framework rendered');
    assert.ok(r.restored, 'after clear() the list is not isEqualNode a fresh render of the same state');
    assert.equal(r.aborted, false);
  });
}

test('disconnect() stops observing; the marks stay, and stay consistent with page edits', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const root = document.getElementById('waves');
    const before = root.cloneNode(true);
    await window.noor.observe(root);
    const p = document.createElement('p');
    p.textContent = 'Observed: Damascus.';
    root.append(p);
    await window.noor.idle();
    const observed = window.noor.marks(root).length;
    window.noor.disconnect();
    const q = document.createElement('p');
    q.textContent = 'Not observed: Baghdad.';
    root.append(q);
    await window.noor.idle();
    const afterDisconnect = window.noor.marks(root).map((m) => m.node.textContent);
    root.querySelector('p').firstChild.data = 'Rewritten by the page.'; // still repaired
    await new Promise((r) => setTimeout(r, 0));
    const text = root.querySelector('p').textContent;
    window.noor.clear(root);
    p.remove();
    q.remove();
    root.querySelector('p').firstChild.data = 'Talks opened in Beirut on Monday.';
    return { observed, afterDisconnect, text, restored: root.isEqualNode(before) };
  });
  assert.equal(r.observed, 2);
  assert.deepEqual(r.afterDisconnect, ['Beirut', 'Damascus']);
  assert.equal(r.text, 'Rewritten by the page.');
  assert.ok(r.restored);
});

test('[spans] clear() keeps text nodes that were separate before (no normalize())', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await cycle(page, 'adjacent-text-nodes', 'spans');
  checkCycle(r, 'adjacent-text-nodes');
  assert.deepEqual(r.spans.map((s) => s.text), ['Paris', 'Lon', 'don']);
  const pieces = await page.evaluate(() =>
    [...document.querySelector('#adjacent-text-nodes p').childNodes].map((n) => n.data));
  assert.deepEqual(pieces, ['Paris', ' and ', 'Lon', 'don', '', ' met.']);
});

test('[spans] the page\'s own text nodes stay where they are (framework-safe), then get their text back', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const p = document.querySelector('#identity p');
    const node = p.firstChild;
    await window.noor.highlight(p);
    const stays = node.parentNode === p && p.firstChild === node && node.data === ''
      && node.nextSibling.matches('span.noor-entity') && node.nextSibling.textContent === 'Cairo';
    window.noor.clear(p);
    return { stays, back: p.firstChild === node && node.data === 'Cairo is a big city.' && p.childNodes.length === 1 };
  });
  assert.ok(r.stays, 'the original text node moved or was not cut at the entity');
  assert.ok(r.back, 'the original text node did not get its text back');
});

test('[spans] the page rewriting a split text node: the stale pieces are removed', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const p = document.querySelector('#identity p');
    const node = p.firstChild;
    await window.noor.highlight(p);
    node.nodeValue = 'Paris is big too.'; // what a framework does with "its" text node
    await new Promise((r) => setTimeout(r, 0));
    const text = p.textContent;
    const spans = p.querySelectorAll('span.noor-entity').length;
    window.noor.clear(p);
    const after = p.textContent;
    node.nodeValue = 'Cairo is a big city.';
    return { text, spans, after, nodes: p.childNodes.length };
  });
  assert.equal(r.text, 'Paris is big too.', 'stale text shown after the page rewrote its text node');
  assert.equal(r.spans, 0);
  assert.equal(r.after, 'Paris is big too.');
  assert.equal(r.nodes, 1);
});

test('whole document, both renderers: highlight(body) then clear(body) restores the body exactly', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const out = {};
    for (const renderer of ['spans', 'highlight-api']) {
      const h = window.pick(renderer);
      const before = document.body.cloneNode(true);
      const { count, entities } = await h.highlight();
      const marks = h.marks().length;
      const again = (await h.highlight(document)).count;
      const groups = {};
      for (const e of entities) (groups[e.id] ??= new Set()).add(e.group);
      h.clear();
      out[renderer] = {
        count, again, marks, restored: document.body.isEqualNode(before),
        groupsPerId: Math.max(...Object.values(groups).map((s) => s.size)),
        distinctGroups: new Set(entities.map((e) => e.group)).size, distinctIds: Object.keys(groups).length,
      };
    }
    return out;
  });
  for (const [renderer, x] of Object.entries(r)) {
    assert.ok(x.count >= 20 && x.marks >= x.count, `${renderer}: only ${x.count} entities / ${x.marks} marks in the fixtures`);
    assert.equal(x.again, x.count, `${renderer}: highlight(document) found a different number of entities`);
    assert.ok(x.restored, `${renderer}: document.body differs after clear()`);
    assert.equal(x.groupsPerId, 1, `${renderer}: one id has several groups across the page`);
    assert.equal(x.distinctGroups, x.distinctIds, `${renderer}: groups and ids do not match one to one`);
  }
  assert.equal(r.spans.count, r['highlight-api'].count, 'the renderers found different entities');
});

test('[spans] span attributes, and classPrefix', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const section = document.getElementById('blocks-control');
    await window.noor.highlight(section);
    const attrs = [...section.querySelectorAll('span.noor-entity')].map((s) => ({
      className: s.className, type: s.dataset.entityType,
      id: s.getAttribute('data-entity-id'), group: s.getAttribute('data-entity-group'),
      canonical: s.getAttribute('data-entity-canonical'), title: s.getAttribute('title'),
      style: s.getAttribute('style'),
    }));
    window.noor.clear(section);
    const other = await window.createHighlighter({ classPrefix: 'hl' });
    await other.highlight(section);
    const prefixed = [...section.querySelectorAll('span')].map((s) => s.className);
    window.noor.clear(section); // another prefix: not ours to remove
    const survived = section.querySelectorAll('span.hl-entity').length;
    other.clear(section);
    other.dispose();
    return { attrs, prefixed, survived, left: section.querySelectorAll('span').length };
  });
  for (const a of r.attrs) {
    assert.equal(a.className, `noor-entity noor-${a.type}`);
    assert.match(a.id, /^(geonames|iso3166-\d):/, `data-entity-id="${a.id}"`);
    assert.match(a.group, /^\d+$/, `data-entity-group="${a.group}"`);
    assert.ok(a.canonical === null || !['', 'undefined', 'null'].includes(a.canonical), `data-entity-canonical="${a.canonical}"`);
    assert.equal(a.style, null, 'inline style on a span');
  }
  assert.deepEqual(r.attrs.map((a) => a.group), ['0', '1', '2', '3']);
  assert.deepEqual(r.prefixed, ['hl-entity hl-LOC', 'hl-entity hl-LOC', 'hl-entity hl-LOC', 'hl-entity hl-LOC']);
  assert.equal(r.survived, 4, 'clear() with the default prefix removed spans of another prefix');
  assert.equal(r.left, 0);
});

test('open shadow roots are highlighted only on request, and styled inside', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const section = document.getElementById('shadow-host-section');
    const shadow = document.getElementById('shadow-host').shadowRoot;
    const before = [...shadow.childNodes].map((n) => n.cloneNode(true));
    const off = (await window.noor.highlight(section)).count;
    const out = { off };
    for (const renderer of ['spans', 'highlight-api']) {
      const h = await window.createHighlighter({ renderer, shadowRoots: true });
      const { entities } = await h.highlight(section);
      const span = shadow.querySelector('span.noor-entity');
      out[renderer] = {
        entities: entities.map((e) => e.text),
        spanBg: span ? getComputedStyle(span).backgroundColor : null,
        adopted: shadow.adoptedStyleSheets.length,
      };
      h.clear(section);
      out[renderer].restored = shadow.childNodes.length === before.length
        && [...shadow.childNodes].every((n, i) => n.isEqualNode(before[i]));
      h.dispose();
      out[renderer].adoptedAfterDispose = shadow.adoptedStyleSheets.length;
    }
    return out;
  });
  assert.equal(r.off, 0, 'shadow content highlighted without shadowRoots: true');
  for (const renderer of RENDERERS) {
    const x = r[renderer];
    assert.deepEqual(x.entities, ['Cairo', 'Damascus'], `${renderer}: entities in the shadow root`);
    assert.ok(x.adopted >= 1, `${renderer}: no stylesheet adopted by the shadow root`);
    assert.ok(x.restored, `${renderer}: the shadow root was not restored`);
    assert.equal(x.adoptedAfterDispose, 0, `${renderer}: stylesheet left in the shadow root after dispose()`);
  }
  assert.notEqual(r.spans.spanBg, 'rgba(0, 0, 0, 0)', 'spans inside the shadow root are unstyled');
});

for (const [renderer, lookup] of [['spans', 'span'], ['highlight-api', 'highlightsFromPoint'], ['highlight-api', 'caret position']]) {
  test(`[${renderer}] hovering a mark shows type, name and ID in one overlay outside <body> (${lookup})`, async ({ open }) => {
    const page = await openFixtures(open);
    const target = await page.evaluate(async ({ renderer, lookup }) => {
      if (lookup === 'caret position') delete HighlightRegistry.prototype.highlightsFromPoint;
      const h = window.pick(renderer);
      const root = document.getElementById('blocks-control');
      window.beforeHover = document.body.cloneNode(true);
      await h.highlight(root);
      const m = h.marks(root).find((x) => x.entity.text === 'Cairo');
      const rect = (m.node ?? m.range).getBoundingClientRect();
      return { x: rect.left + rect.width / 2, y: rect.top + rect.height / 2 };
    }, { renderer, lookup });
    await page.mouse.move(target.x, target.y);
    await page.waitForFunction(() => {
      const host = document.querySelector('.noor-tooltip-host');
      return host && !host.shadowRoot.querySelector('.noor-tooltip').hidden;
    }, null, { timeout: 3000 });
    const shown = await page.evaluate(() => {
      const host = document.querySelector('.noor-tooltip-host');
      const box = host.shadowRoot.querySelector('.noor-tooltip');
      return {
        lines: [...box.children].filter((c) => !c.hidden).map((c) => c.textContent),
        parent: host.parentNode === document.documentElement,
        inBody: document.body.contains(host),
        hosts: document.querySelectorAll('.noor-tooltip-host').length,
        role: box.getAttribute('role'),
      };
    });
    assert.deepEqual(shown.lines, ['Place · LOC', 'Cairo', 'geonames:360630']);
    assert.ok(shown.parent && !shown.inBody, 'the overlay is not a child of <html> outside <body>');
    assert.equal(shown.hosts, 1);
    assert.equal(shown.role, 'tooltip');
    await page.mouse.move(2, 2);
    await page.waitForFunction(() => document.querySelector('.noor-tooltip-host')?.shadowRoot.querySelector('.noor-tooltip').hidden);
    const after = await page.evaluate((renderer) => {
      window.pick(renderer).clear(document.getElementById('blocks-control'));
      return { hosts: document.querySelectorAll('.noor-tooltip-host').length, restored: document.body.isEqualNode(window.beforeHover) };
    }, renderer);
    assert.deepEqual(after, { hosts: 0, restored: true }, 'clear() left the overlay, or the body changed');
  });
}

test('highlight-api falls back to spans where the browser has no CSS Custom Highlight API', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const saved = window.Highlight;
    window.Highlight = undefined;
    try {
      const h = await window.createHighlighter({ renderer: 'highlight-api' });
      const root = document.getElementById('blocks-control');
      const { count } = await h.highlight(root);
      const spans = root.querySelectorAll('span.noor-entity').length;
      h.dispose();
      return { renderer: h.renderer, requested: h.requestedRenderer, count, spans };
    } finally {
      window.Highlight = saved;
    }
  });
  assert.deepEqual(r, { renderer: 'spans', requested: 'highlight-api', count: 4, spans: 4 });
  const bad = await page.evaluate(() => window.createHighlighter({ renderer: 'canvas' }).then(() => 'accepted', (e) => e.message));
  assert.match(bad, /unknown renderer "canvas"/);
});

test('highlight() works in slices; a clear() in the middle stops it and restores the DOM', async ({ open }) => {
  const page = await openFixtures(open);
  const r = await page.evaluate(async () => {
    const section = document.getElementById('framework');
    for (let i = 0; i < 300; i++) {
      const p = document.createElement('p');
      p.textContent = `Item ${i}: flights from Beirut to Cairo and on to Paris; وصل الوفد إلى بموسكو.`;
      section.append(p);
    }
    const before = section.cloneNode(true);
    const h = await window.createHighlighter({ sliceMs: 2 });
    // Frames keep coming while highlight() runs: it yields to the page between slices.
    let ticks = 0;
    let counting = true;
    const count = () => { if (counting) { ticks++; requestAnimationFrame(count); } };
    requestAnimationFrame(count);
    const t0 = performance.now();
    const full = await h.highlight(section);
    const ms = performance.now() - t0;
    counting = false;
    h.clear(section);
    const pending = h.highlight(section);
    while (!h.marks(section).length) await new Promise((r) => requestAnimationFrame(r));
    const cleared = h.clear(section);
    const aborted = await pending;
    const restored = section.isEqualNode(before);
    await h.idle();
    const left = section.querySelectorAll('span.noor-entity').length;
    h.dispose();
    let disposedError = null;
    try {
      await h.highlight(section);
    } catch (err) {
      disposedError = err.message;
    }
    section.replaceChildren();
    return { count: full.count, ticks, ms, aborted: aborted.aborted, restored, left, disposedError, cleared };
  });
  assert.equal(r.count, 1200);
  assert.ok(r.ticks >= Math.max(2, Math.floor(r.ms / 200)), `only ${r.ticks} frames were rendered during a ${r.ms.toFixed(0)} ms highlight()`);
  assert.equal(r.aborted, true, 'highlight() was not stopped by clear()');
  assert.ok(r.restored, 'the DOM is not restored after an interrupted highlight()');
  assert.equal(r.left, 0);
  assert.match(r.disposedError ?? '', /disposed/);
});

await run();
