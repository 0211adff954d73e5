#!/usr/bin/env node
// The entity styles: WCAG contrast of every type's palette in light and dark (text on background
// at least 7:1, AA needs 4.5:1; underline on background at least 3:1), the same palette in both
// renderers, one underline style per type, the tooltip's contrast, and every class and highlight
// name prefixed "noor-". The colours are checked as Chromium computes them, in both schemes.
// Usage: node tests/browser/styles.test.mjs

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WWW, test, run, assert } from './harness.mjs';

const CSS_TEXT = readFileSync(join(WWW, 'styles.css'), 'utf8');
const TYPES = ['PER', 'ORG', 'LOC', 'MISC', 'DATE', 'TIME', 'NUM', 'MONEY', 'PERCENT'];

function luminance(color) {
  const m = /^#([0-9a-f]{6})$/i.exec(color) ?? /^rgba?\((\d+), (\d+), (\d+)/.exec(color);
  assert.ok(m, `cannot read colour ${color}`);
  const rgb = m.length === 2 ? [0, 2, 4].map((i) => parseInt(m[1].slice(i, i + 2), 16)) : m.slice(1, 4).map(Number);
  const [r, g, b] = rgb.map((v) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

function contrast(a, b) {
  const [x, y] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (x + 0.05) / (y + 0.05);
}

/** The palette in a piece of CSS: type -> {bg, line, style?, width?}. */
function palette(css) {
  const out = {};
  for (const t of TYPES) {
    const k = t.toLowerCase();
    const re = new RegExp(`\\.noor-${t}\\s*\\{[^}]*--noor-bg: var\\(--noor-${k}-bg, (#[0-9a-f]{6})\\);[^}]*--noor-line: var\\(--noor-${k}-line, (#[0-9a-f]{6})\\);([^}]*)\\}`, 'i');
    const m = re.exec(css);
    assert.ok(m, `no palette rule for ${t}`);
    const style = /--noor-line-style: (\w+)/.exec(m[3])?.[1];
    const width = /--noor-line-width: ([\d.]+em)/.exec(m[3])?.[1];
    out[t] = { bg: m[1], line: m[2], style, width };
  }
  return out;
}

function highlightPalette(css) {
  const out = {};
  for (const t of TYPES) {
    const k = t.toLowerCase();
    const re = new RegExp(`::highlight\\(noor-${t}\\)\\s*\\{[^}]*color: var\\(--noor-fg, (#[0-9a-f]{6})\\);[^}]*background-color: var\\(--noor-${k}-bg, (#[0-9a-f]{6})\\);[^}]*var\\(--noor-${k}-line, (#[0-9a-f]{6})\\)`, 'i');
    const m = re.exec(css);
    assert.ok(m, `no ::highlight rule for ${t}`);
    out[t] = { fg: m[1], bg: m[2], line: m[3] };
  }
  return out;
}

const darkStart = CSS_TEXT.indexOf('@media (prefers-color-scheme: dark)');
const hlStart = CSS_TEXT.indexOf('\n::highlight(noor-');
const darkHlStart = CSS_TEXT.indexOf('@media (prefers-color-scheme: dark)', hlStart);
const LIGHT = palette(CSS_TEXT.slice(0, darkStart));
const DARK = palette(CSS_TEXT.slice(darkStart, hlStart));
const FG = {
  light: /color: var\(--noor-fg, (#[0-9a-f]{6})\)/.exec(CSS_TEXT.slice(0, darkStart))[1],
  dark: /color: var\(--noor-fg, (#[0-9a-f]{6})\)/.exec(CSS_TEXT.slice(darkStart, hlStart))[1],
};

test('every type has AA contrast in light and dark: text 7:1, underline 3:1', async () => {
  const rows = [];
  for (const [scheme, pal] of [['light', LIGHT], ['dark', DARK]]) {
    for (const t of TYPES) {
      const text = contrast(FG[scheme], pal[t].bg);
      const line = contrast(pal[t].line, pal[t].bg);
      rows.push(`${scheme} ${t}: text ${text.toFixed(1)}:1, underline ${line.toFixed(1)}:1`);
      assert.ok(text >= 7, `${scheme} ${t}: text contrast ${text.toFixed(2)}`);
      assert.ok(line >= 3, `${scheme} ${t}: underline contrast ${line.toFixed(2)}`);
    }
  }
  const min = (k) => Math.min(...rows.map((r) => Number(new RegExp(`${k} ([\\d.]+)`).exec(r)[1])));
  console.log(`    lowest: text ${min('text')}:1, underline ${min('underline')}:1 over ${rows.length} type × scheme pairs`);
});

test('not colour alone: a distinct underline style + thickness per type', async () => {
  const keys = TYPES.map((t) => `${LIGHT[t].style} ${LIGHT[t].width}`);
  assert.equal(new Set(keys).size, TYPES.length, `duplicated underline styles: ${keys.join(', ')}`);
  for (const t of TYPES) assert.ok(LIGHT[t].style && LIGHT[t].width, `${t}: no underline style`);
});

test('the highlight-api rules use the same palette as the spans', async () => {
  const light = highlightPalette(CSS_TEXT.slice(hlStart, darkHlStart));
  for (const t of TYPES) {
    assert.deepEqual(light[t], { fg: FG.light, bg: LIGHT[t].bg, line: LIGHT[t].line }, `light ${t}`);
    const dark = new RegExp(`::highlight\\(noor-${t}\\)\\s*\\{[^}]*color: var\\(--noor-fg, (#[0-9a-f]{6})\\);[^}]*var\\(--noor-${t.toLowerCase()}-bg, (#[0-9a-f]{6})\\);[^}]*var\\(--noor-${t.toLowerCase()}-line, (#[0-9a-f]{6})\\)`, 'i').exec(CSS_TEXT.slice(darkHlStart));
    assert.ok(dark, `no dark ::highlight rule for ${t}`);
    assert.deepEqual([dark[1], dark[2], dark[3]], [FG.dark, DARK[t].bg, DARK[t].line], `dark ${t}`);
    const style = new RegExp(`::highlight\\(noor-${t}\\)\\s*\\{[^}]*text-decoration: underline (\\w+)[^}]*\\)\\s+([\\d.]+em)`).exec(CSS_TEXT);
    assert.deepEqual([style[1], style[2]], [LIGHT[t].style, LIGHT[t].width], `${t}: underline differs between renderers`);
  }
});

test('tooltip colours: text 7:1, secondary text 4.5:1, in light and dark', async () => {
  const src = readFileSync(join(WWW, 'src', 'tooltip.js'), 'utf8');
  const pick = (s, name) => [...s.matchAll(new RegExp(`var\\(--noor-tooltip-${name}, (#[0-9a-f]{6})\\)`, 'g'))].map((m) => m[1]);
  const [bgLight, bgDark] = pick(src, 'bg');
  const [fgLight, fgDark] = pick(src, 'fg');
  const mutedLight = pick(src, 'muted')[0];
  const mutedDark = pick(src, 'muted').at(-1);
  for (const [label, fg, bg, min] of [['light text', fgLight, bgLight, 7], ['dark text', fgDark, bgDark, 7],
    ['light secondary', mutedLight, bgLight, 4.5], ['dark secondary', mutedDark, bgDark, 4.5]]) {
    const c = contrast(fg, bg);
    assert.ok(c >= min, `tooltip ${label}: ${fg} on ${bg} is ${c.toFixed(2)}:1`);
  }
});

test('every class and highlight name is prefixed noor-', async () => {
  const sources = [readFileSync(join(WWW, 'noor.js'), 'utf8'),
    ...['collect', 'ranges', 'render-spans', 'render-highlight-api', 'observer', 'scheduler', 'styles', 'tooltip']
      .map((m) => readFileSync(join(WWW, 'src', `${m}.js`), 'utf8'))];
  const css = [CSS_TEXT, ...sources.flatMap((s) => [...s.matchAll(/const \w+_CSS = `([^`]*)`/g)].map((m) => m[1]))];
  const classes = new Set();
  for (const text of css) {
    const withoutValues = text.replace(/\{[^{}]*\}/g, '{}').replace(/\/\*[\s\S]*?\*\//g, '');
    for (const m of withoutValues.matchAll(/\.(-?[_a-zA-Z][\w-]*)/g)) classes.add(m[1]);
    for (const m of text.matchAll(/::highlight\(([\w-]+)\)/g)) classes.add(m[1]);
  }
  for (const s of sources) {
    for (const m of s.matchAll(/className = ['`]([^'`]+)['`]/g)) {
      for (const c of m[1].split(/\s+/)) classes.add(c.replace(/\$\{(p|prefix|this\.#prefix)\}/g, 'noor'));
    }
  }
  const bad = [...classes].filter((c) => !c.startsWith('noor-'));
  assert.deepEqual(bad, [], 'classes without the noor- prefix');
  assert.ok(classes.has('noor-entity') && classes.has('noor-tooltip') && classes.has('noor-LOC'), [...classes].join(' '));
  console.log(`    ${classes.size} names checked`);
});

test('Chromium computes the palette: spans in light and dark, highlights too', async ({ browser, baseUrl }) => {
  const html = `<!doctype html><html><head><meta charset="utf-8"><link rel="icon" href="data:,"></head>
    <body style="background:#fff"><p id="p">${TYPES.map((t) => `<span class="noor-entity noor-${t}">${t}</span>`).join(' ')}</p>
    <p id="h">${TYPES.join(' ')}</p></body></html>`;
  const results = {};
  for (const scheme of ['light', 'dark']) {
    const context = await browser.newContext({ colorScheme: scheme });
    try {
      await context.route('**/*', (route) => (route.request().url().endsWith('/__styles__.html')
        ? route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: html })
        : route.continue()));
      const page = await context.newPage();
      await page.goto(`${baseUrl}__styles__.html`);
      results[scheme] = await page.evaluate(async ({ types, base }) => {
        const { createHighlighter } = await import(`${base}noor.js`);
        const noor = await createHighlighter({ renderer: 'highlight-api' }); // installs the whole sheet
        const spans = Object.fromEntries([...document.querySelectorAll('#p span')].map((s) => {
          const cs = getComputedStyle(s);
          return [s.dataset.type ?? s.textContent, { fg: cs.color, bg: cs.backgroundColor, line: cs.textDecorationColor, style: cs.textDecorationStyle }];
        }));
        const hl = {};
        for (const t of types) {
          const cs = getComputedStyle(document.getElementById('h'), `::highlight(noor-${t})`);
          hl[t] = { fg: cs.color, bg: cs.backgroundColor };
        }
        noor.dispose();
        return { spans, hl };
      }, { types: TYPES, base: baseUrl });
    } finally {
      await context.close();
    }
  }
  const hex = (rgb) => `#${rgb.match(/\d+/g).slice(0, 3).map((v) => Number(v).toString(16).padStart(2, '0')).join('')}`;
  for (const [scheme, pal] of [['light', LIGHT], ['dark', DARK]]) {
    for (const t of TYPES) {
      const s = results[scheme].spans[t];
      assert.deepEqual([hex(s.fg), hex(s.bg), hex(s.line), s.style], [FG[scheme], pal[t].bg, pal[t].line, LIGHT[t].style], `${scheme} span ${t}`);
      const h = results[scheme].hl[t];
      assert.deepEqual([hex(h.fg), hex(h.bg)], [FG[scheme], pal[t].bg], `${scheme} ::highlight(noor-${t})`);
    }
  }
});

await run();
