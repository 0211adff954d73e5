#!/usr/bin/env node
// Arabic joining and bidi under highlighting, measured in Chromium. Wrapping part of a word (the
// name after an attached clitic: حفتر in لحفتر, موسكو in بموسكو) must not break cursive joining:
// the whole word must render with the same width (within 0.5 px), at the same place, with every
// letter where it was, in several fonts. Controls show that the measurement does catch a break
// (display:inline-block and unicode-bidi:isolate on the span both break the joining).
// Usage: node tests/browser/arabic.test.mjs

import { test, run, assert } from './harness.mjs';

const FONTS = ['Noto Sans Arabic', 'Noto Naskh Arabic', 'Noto Kufi Arabic', 'DejaVu Sans'];
// [word, clitic length]: the name is word.slice(clitic). وموسكو is a control whose clitic (و)
// never joins to the left, so it renders the same even when joining across the edge is broken.
const WORDS = [['لحفتر', 1], ['بحفتر', 1], ['بموسكو', 1], ['لبيروت', 1], ['بالقاهرة', 1], ['فطرابلس', 1], ['كبغداد', 1], ['وموسكو', 1]];
const TOLERANCE = 0.5;

const PAGE = `<!doctype html>
<html lang="ar" dir="rtl"><head><meta charset="utf-8"><link rel="icon" href="data:,">
<style>body { margin: 24px; } p { font-size: 28px; line-height: 2; margin: 0 0 8px; }</style></head>
<body><main id="out"></main>
<script type="module">
  import { createHighlighter } from './noor.js';
  import { SpansRenderer } from './src/render-spans.js';
  import { HighlightApiRenderer } from './src/render-highlight-api.js';
  import { collectBlocks } from './src/collect.js';
  import { entityRanges } from './src/ranges.js';
  window.noor = await createHighlighter(); // installs styles.css, as on any page
  window.noorApi = await createHighlighter({ renderer: 'highlight-api' });
  window.mods = { SpansRenderer, HighlightApiRenderer, collectBlocks, entityRanges };
  document.documentElement.dataset.noorState = 'done';
</script></body></html>`;

/** Runs in the page: measures every word in every font before and after wrapping its name. */
async function measure({ fonts, words, variants }) {
  const { SpansRenderer, HighlightApiRenderer, collectBlocks, entityRanges } = window.mods;
  const out = document.getElementById('out');
  // The text position (node, offset) of a character offset in p's text.
  const locate = (p, offset) => {
    const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      if (offset <= n.length) return [n, offset];
      offset -= n.length;
    }
    throw new Error('offset out of range');
  };
  const rangeOf = (p, start, end) => {
    const r = document.createRange();
    r.setStart(...locate(p, start));
    r.setEnd(...locate(p, end));
    return r;
  };
  const geometry = (p, start, end) => {
    const word = rangeOf(p, start, end).getBoundingClientRect();
    const letters = [];
    for (let i = start; i < end; i++) {
      const rect = rangeOf(p, i, i + 1).getBoundingClientRect();
      letters.push([rect.left, rect.right]);
    }
    return { width: word.width, left: word.left, right: word.right, letters };
  };
  const rows = [];
  for (const font of fonts) {
    await document.fonts.load(`28px "${font}"`, 'بموسكو');
    for (const [word, clitic] of words) {
      for (const variant of variants) {
        const p = document.createElement('p');
        p.style.fontFamily = `"${font}"`;
        p.textContent = `قال إن ${word} وصل أمس`;
        out.replaceChildren(p);
        const start = 'قال إن '.length;
        const end = start + word.length;
        const before = geometry(p, start, end);
        const entity = { start: start + clitic, end, type: 'PER', text: word.slice(clitic), id: 'test:1', group: 0 };
        // The test entity goes through the renderer classes the highlighter uses, with the real
        // stylesheet (the core does not know every name, and need not for this).
        let renderer = null;
        if (variant === 'highlight-api') {
          renderer = new HighlightApiRenderer({ doc: document, prefix: 'noor' });
          renderer.render(entityRanges(collectBlocks(p)[0], [entity]));
        } else {
          renderer = new SpansRenderer({ prefix: 'noor' });
          const block = collectBlocks(p)[0];
          const done = renderer.render(entityRanges(block, [entity]));
          if (done.length !== 1) throw new Error(`${word}: not wrapped`);
          // The controls use !important: the stylesheet pins entity spans to display:inline.
          if (variant !== 'spans') p.querySelector('span.noor-entity').style.cssText = `${variant} !important`;
        }
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        const after = geometry(p, start, end);
        const wrapped = variant === 'highlight-api' ? null : p.querySelector('span.noor-entity')?.textContent;
        const letterShift = Math.max(...before.letters.map(([l, r], i) => Math.max(Math.abs(l - after.letters[i][0]), Math.abs(r - after.letters[i][1]))));
        renderer.clearWithin(p);
        rows.push({
          font, word, variant, wrapped,
          before: +before.width.toFixed(2), after: +after.width.toFixed(2),
          delta: +(after.width - before.width).toFixed(2),
          moved: +Math.max(Math.abs(after.left - before.left), Math.abs(after.right - before.right)).toFixed(2),
          letterShift: +letterShift.toFixed(2),
          restored: p.textContent === `قال إن ${word} وصل أمس` && p.childNodes.length === 1,
        });
        if (variant === 'highlight-api') renderer.dispose();
      }
    }
  }
  out.replaceChildren();
  return rows;
}

function table(rows) {
  const pad = (s, n) => String(s).padEnd(n);
  const num = (s, n) => String(s).padStart(n);
  console.log(`    ${pad('font', 18)} ${pad('word', 9)} ${num('before', 7)} ${num('after', 7)} ${num('Δ px', 6)} ${num('moved', 6)} ${num('letters', 7)}`);
  for (const r of rows) {
    console.log(`    ${pad(r.font, 18)} ${pad(r.word, 9)} ${num(r.before.toFixed(2), 7)} ${num(r.after.toFixed(2), 7)} ${num(r.delta.toFixed(2), 6)} ${num(r.moved.toFixed(2), 6)} ${num(r.letterShift.toFixed(2), 7)}`);
  }
}

async function openPage(open) {
  const page = await open('/__arabic__.html', { html: PAGE });
  await page.waitForFunction(() => document.documentElement.dataset.noorState === 'done');
  return page;
}

test('the fonts are really there (each renders the word at its own width)', async ({ open }) => {
  const page = await openPage(open);
  const widths = await page.evaluate(async (fonts) => {
    const p = document.createElement('p');
    document.body.append(p);
    const out = {};
    for (const f of [...fonts, 'monospace']) {
      await document.fonts.load(`28px "${f}"`, 'بموسكو');
      p.style.fontFamily = f === 'monospace' ? f : `"${f}", monospace`;
      p.textContent = 'بموسكو لحفتر';
      const r = document.createRange();
      r.selectNodeContents(p);
      out[f] = r.getBoundingClientRect().width;
    }
    p.remove();
    return out;
  }, FONTS);
  const values = Object.values(widths).map((w) => w.toFixed(1));
  assert.equal(new Set(values).size, values.length, `two fonts render alike (one is missing?): ${JSON.stringify(widths)}`);
});

test('spans renderer: a clitic word keeps its width, place and letters when its name is wrapped', async ({ open }) => {
  const page = await openPage(open);
  const rows = await page.evaluate(measure, { fonts: FONTS, words: WORDS, variants: ['spans'] });
  table(rows);
  const worst = Math.max(...rows.map((r) => Math.max(Math.abs(r.delta), r.moved, r.letterShift)));
  console.log(`    ${rows.length} words × fonts; largest difference ${worst.toFixed(2)} px (tolerance ${TOLERANCE} px)`);
  for (const r of rows) {
    assert.equal(r.wrapped, r.word.slice(1), `${r.font} ${r.word}: wrapped "${r.wrapped}"`);
    assert.ok(Math.abs(r.delta) <= TOLERANCE, `${r.font} ${r.word}: width ${r.before} -> ${r.after} px`);
    assert.ok(r.moved <= TOLERANCE, `${r.font} ${r.word}: the word moved by ${r.moved} px`);
    assert.ok(r.letterShift <= TOLERANCE, `${r.font} ${r.word}: a letter moved by ${r.letterShift} px`);
    assert.ok(r.restored, `${r.font} ${r.word}: not restored`);
  }
});

test('highlight-api renderer: nothing moves either', async ({ open }) => {
  const page = await openPage(open);
  const rows = await page.evaluate(measure, { fonts: FONTS, words: WORDS, variants: ['highlight-api'] });
  for (const r of rows) {
    assert.ok(Math.abs(r.delta) <= TOLERANCE && r.moved <= TOLERANCE && r.letterShift <= TOLERANCE,
      `${r.font} ${r.word}: ${JSON.stringify(r)}`);
  }
});

test('controls: the measurement catches CSS that breaks joining (inline-block, bidi isolation)', async ({ open }) => {
  const page = await openPage(open);
  const variants = ['display: inline-block', 'unicode-bidi: isolate'];
  const rows = await page.evaluate(measure, { fonts: FONTS, words: WORDS, variants });
  for (const variant of variants) {
    const mine = rows.filter((r) => r.variant === variant);
    const joining = mine.filter((r) => !r.word.startsWith('و'));
    const broken = joining.filter((r) => Math.abs(r.delta) > TOLERANCE || r.letterShift > TOLERANCE);
    const control = mine.filter((r) => r.word.startsWith('و'));
    console.log(`    span {${variant}}: ${broken.length}/${joining.length} joining words change (largest Δ `
      + `${Math.max(...joining.map((r) => Math.abs(r.delta))).toFixed(2)} px); non-joining و: largest Δ `
      + `${Math.max(...control.map((r) => Math.abs(r.delta))).toFixed(2)} px`);
    assert.equal(broken.length, joining.length, `${variant}: the measurement missed a broken word`);
  }
});

await run();
