#!/usr/bin/env node
// What a user downloads: every file of bench/load.mjs's downloadFiles(lang) raw, gzip -9 and
// brotli 11, the total for one language and for both, what the wasm is made of (code, data,
// names), and the model files of models/. Writes target/bench/sizes.{json,md}. No timings.
//
//   node bench/sizes.mjs

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { OUT_DIR, bytesText, fixed, int, repoPath, shown, table, verdict, writeResult } from './lib.mjs';
import { PACKAGING, assertBuilt, buildId, downloadFiles } from './load.mjs';

/** One language's download (wasm, model, lexicon, JS), gzip. 1 MB read as 10^6 bytes, the stricter reading. */
const TARGET_GZIP = 1_000_000;
const LANGS = ['en', 'ar'];
const LANG_NAME = { en: 'English', ar: 'Arabic' };

// Brotli 11 runs at about 1 MB/s and the models rarely change: compressed sizes are kept in
// target/bench/sizes-cache.json by content hash, so only changed files are compressed again.
const CACHE_FILE = join(OUT_DIR, 'sizes-cache.json');
const SETTINGS = 'gzip-9/brotli-11';
const cache = existsSync(CACHE_FILE) ? JSON.parse(readFileSync(CACHE_FILE, 'utf8')) : {};

/** Raw, gzip (level 9, as `gzip -9n`) and brotli (quality 11, as servers precompress) sizes of a file. */
function sizes(path) {
  const buf = readFileSync(path);
  const key = `${SETTINGS}:${createHash('sha256').update(buf).digest('hex')}`;
  cache[key] ??= {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: buf.length },
    }).length,
  };
  return cache[key];
}

const sum = (items) =>
  items.reduce((t, x) => ({ raw: t.raw + x.raw, gzip: t.gzip + x.gzip, brotli: t.brotli + x.brotli }), { raw: 0, gzip: 0, brotli: 0 });

/** The byte size of each kind of section of a wasm module (the module's own section table). */
function wasmSections(path) {
  const b = readFileSync(path);
  const names = { 0: 'custom (names, producers)', 10: 'code', 11: 'data (static data compiled in)' };
  const out = {};
  let at = 8; // magic + version
  while (at < b.length) {
    const id = b[at++];
    let size = 0;
    for (let shift = 0; ; shift += 7) {
      const byte = b[at++];
      size |= (byte & 0x7f) << shift;
      if (!(byte & 0x80)) break;
    }
    size >>>= 0;
    const name = names[id] ?? 'other (types, imports, exports, tables, ...)';
    out[name] = (out[name] ?? 0) + size;
    at += size;
  }
  return out;
}

function main() {
  assertBuilt();
  const perLang = {};
  for (const lang of LANGS) {
    const files = downloadFiles(lang).map((f) => ({ file: shown(f.path), kind: f.kind, note: f.note ?? null, ...sizes(f.path) }));
    const byKind = {};
    for (const f of files) byKind[f.kind] = sum([byKind[f.kind] ?? { raw: 0, gzip: 0, brotli: 0 }, f]);
    perLang[lang] = { files, byKind, total: sum(files) };
  }
  // Both languages on one page: each distinct file once.
  const union = new Map();
  for (const lang of LANGS) for (const f of perLang[lang].files) union.set(f.file, f);
  const order = ['wasm', 'data', 'js', 'css'];
  const rank = (k) => (order.includes(k) ? order.indexOf(k) : order.length);
  const files = [...union.values()].sort((x, y) => rank(x.kind) - rank(y.kind)); // stable: insertion order within a kind
  const both = { files, total: sum(files) };

  const wasmFiles = both.files.filter((f) => f.kind === 'wasm').map((f) => ({ file: f.file, sections: wasmSections(repoPath(f.file)) }));
  const modelDir = repoPath('models');
  const models = readdirSync(modelDir)
    .filter((n) => n.endsWith('.bin'))
    .sort()
    .map((n) => ({ file: `models/${n}`, ...sizes(join(modelDir, n)) }));

  const headline = LANGS.map((lang) => {
    const g = perLang[lang].total.gzip;
    return {
      metric: `download for one language, ${LANG_NAME[lang]} (wasm, model, lexicon, JS, CSS), gzip`,
      value: bytesText(g),
      target: `≤ ${int(TARGET_GZIP)} B`,
      met: g <= TARGET_GZIP,
      ...(g > TARGET_GZIP && { shortfall: `${int(g - TARGET_GZIP)} B over, ${fixed(g / TARGET_GZIP, 2)}× the budget` }),
    };
  });
  headline.push({ metric: 'download for both languages, gzip', value: bytesText(both.total.gzip), target: '—', met: null });

  mkdirSync(OUT_DIR, { recursive: true });
  writeFileSync(CACHE_FILE, JSON.stringify(cache));
  const r = { buildId: buildId(), perLang, both, wasm: wasmFiles, models, targetGzip: TARGET_GZIP, headline };
  writeResult('sizes', r, markdown(r));
}

function markdown(r) {
  const L = ['## Sizes', ''];
  const three = (s) => [int(s.raw), int(s.gzip), int(s.brotli)];
  L.push(
    'Bytes of the files a page fetches (`downloadFiles(lang)` in `bench/load.mjs`): raw, gzip level 9 and brotli quality 11, ' +
      `each file compressed on its own as a server would send it. ${PACKAGING}`,
    '',
  );
  const langsSame = JSON.stringify(r.perLang.en.files.map((f) => f.file)) === JSON.stringify(r.perLang.ar.files.map((f) => f.file));
  L.push(`### Files${langsSame ? ' (the same for English and Arabic)' : ''}`, '');
  const langsOf = (file) => LANGS.filter((l) => r.perLang[l].files.some((f) => f.file === file)).map((l) => l).join(', ');
  L.push(
    table(
      ['file', 'kind', ...(langsSame ? [] : ['for']), 'raw', 'gzip', 'brotli'],
      r.both.files.map((f) => [`\`${f.file}\`${f.note ? ` (${f.note})` : ''}`, f.kind, ...(langsSame ? [] : [langsOf(f.file)]), ...three(f)]),
      ['l', 'l', ...(langsSame ? [] : ['l']), 'r', 'r', 'r'],
    ),
    '',
  );
  L.push('### Totals', '');
  const kinds = [...new Set(LANGS.flatMap((l) => Object.keys(r.perLang[l].byKind)))];
  const rows = [];
  for (const lang of LANGS) {
    for (const k of kinds) if (r.perLang[lang].byKind[k]) rows.push([LANG_NAME[lang], k, ...three(r.perLang[lang].byKind[k])]);
    rows.push([`**${LANG_NAME[lang]}**`, '**total**', ...three(r.perLang[lang].total).map((x) => `**${x}**`)]);
  }
  rows.push(['**both languages**', '**total**', ...three(r.both.total).map((x) => `**${x}**`)]);
  L.push(table(['download', 'kind', 'raw', 'gzip', 'brotli'], rows, ['l', 'l', 'r', 'r', 'r']), '');
  for (const lang of LANGS) {
    const g = r.perLang[lang].total.gzip;
    L.push(
      `- ${LANG_NAME[lang]}: ${bytesText(g)} gzip against the target of ${int(r.targetGzip)} B: ` +
        verdict(g <= r.targetGzip, g > r.targetGzip ? `${int(g - r.targetGzip)} B over, ${fixed(g / r.targetGzip, 2)}× the budget` : ''),
    );
  }
  L.push('');
  for (const w of r.wasm) {
    L.push(`### What \`${basename(w.file)}\` is made of`, '');
    const total = Object.values(w.sections).reduce((a, b) => a + b, 0);
    L.push(
      table(
        ['wasm section', 'bytes', 'share'],
        Object.entries(w.sections)
          .sort((a, b) => b[1] - a[1])
          .map(([k, v]) => [k, int(v), `${fixed((100 * v) / total, 1)}%`]),
      ),
      '',
    );
  }
  L.push('### Model files', '');
  L.push(
    'The sources in `models/` as `make train-*`, `make clusters` and `make lexicon` write them; the downloads above carry ' +
      'them as described at the top of this section.',
    '',
  );
  L.push(table(['file', 'raw', 'gzip', 'brotli'], [...r.models.map((m) => [`\`${m.file}\``, ...three(m)]), ['**all**', ...three(sum(r.models))]]), '');
  return L.join('\n');
}

main();
