// The one place that knows how Noor's wasm is packaged and loaded in Node, and which files a
// page downloads. Every other bench script goes through loadNoor() and downloadFiles(), so a
// change of packaging (e.g. per-language data files) is an edit of this file alone.
//
// Today: `make build` writes www/pkg/noor.js (wasm-bindgen --target web glue), www/pkg/noor_bg.wasm
// (code only) and one language pack per language, www/pkg/noor-ar.pack and noor-en.pack (lexicon,
// tagger and clusters of that language), which the page shim fetches for the languages it needs
// and hands to `Noor.loadPack(bytes)`; 'auto' needs both.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { fail, nowMs, repoPath } from './lib.mjs';
import { annotateText, annotateTexts } from '../www/src/entities.js';

const PKG_DIR = repoPath('www', 'pkg');
const GLUE = join(PKG_DIR, 'noor.js');
const WASM = join(PKG_DIR, 'noor_bg.wasm');
const packPath = (lang) => join(PKG_DIR, `noor-${lang}.pack`);
/** The packs a recognizer for `lang` loads (as www/noor.js's packLanguages). */
const packLanguages = (lang) => (lang === 'auto' ? ['ar', 'en'] : [lang]);

/** How the files are split, in a sentence for the reports. */
export const PACKAGING =
  "The wasm is code only; each language's data (lexicon, tagger, word clusters) is one pack, `www/pkg/noor-LANG.pack` " +
  '(written by `noor pack` from `models/`), fetched only for the languages a page asks for.';
/** The page shim's entry point: its static and dynamic imports are what a page fetches. */
const SHIM = repoPath('www', 'noor.js');
/** The stylesheet the shim fetches by default (www/src/styles.js). */
const STYLES = repoPath('www', 'styles.css');

/** Exits with a clear message unless the wasm build is there. */
export function assertBuilt() {
  for (const f of [GLUE, WASM, packPath('ar'), packPath('en')]) {
    if (!existsSync(f)) fail(`${f} not found: run \`make build\` first`);
  }
}

// A short sentence per language for the first call. The first call is part of start-up: it is
// when whatever the core initialises lazily gets built, and it runs before the engine has
// optimised anything, as on a page.
const FIRST_TEXT = {
  en: 'Angela Merkel met Emmanuel Macron in Paris on Monday.',
  ar: 'التقى الرئيس الفرنسي إيمانويل ماكرون المستشارة أنغيلا ميركل في باريس يوم الاثنين.',
};

let instances = 0;

/**
 * A short hash of the built files (glue, wasm, packs). Every piece records it, so a rebuild in the
 * middle of a benchmark run, or sections measured on different builds, show in the report.
 */
export function buildId() {
  assertBuilt();
  const h = createHash('sha256');
  for (const f of [GLUE, WASM, packPath('ar'), packPath('en')]) h.update(readFileSync(f));
  return h.digest('hex').slice(0, 12);
}

/**
 * A fresh Noor instance: its own copy of the glue module and its own wasm instance and linear
 * memory (wasm-bindgen's glue keeps one instance per module, so each load imports the glue
 * under a new query string). `startupMs` runs from before the import to the end of the first
 * annotate() of a short sentence (import, read the files, compile and instantiate, construct,
 * load the packs, first call); `startupParts` splits it.
 *
 * Compiling the same wasm bytes twice in one process may reuse V8's compiled code, so a start-up
 * that means anything is measured in a fresh process (bench/node.mjs does that).
 */
export async function loadNoor({ lang = 'en', lexiconOnly = false } = {}) {
  const build = buildId(); // before the clock starts: hashing is not start-up
  const t0 = nowMs();
  const cpu0 = process.cpuUsage();
  const pkg = await import(`${pathToFileURL(GLUE).href}?instance=${++instances}`);
  const bytes = readFileSync(WASM);
  const packs = packLanguages(lang).map((l) => readFileSync(packPath(l)));
  const t1 = nowMs();
  const exports = pkg.initSync({ module: bytes });
  const t2 = nowMs();
  const noor = new pkg.Noor({ lang, lexiconOnly });
  const t3 = nowMs();
  for (const p of packs) noor.loadPack(p);
  const t4 = nowMs();
  const first = annotateText(noor, FIRST_TEXT[lang] ?? FIRST_TEXT.en);
  const t5 = nowMs();
  const cpu = process.cpuUsage(cpu0);
  // A recognizer without its data still runs (dates and numbers) and would make every number
  // here meaningless: a sentence with three well-known names must yield names.
  if (!first.some((e) => e.type === 'PER' || e.type === 'LOC')) {
    fail(`Noor (${lang}) found no names in ${JSON.stringify(FIRST_TEXT[lang] ?? FIRST_TEXT.en)}: is the language data loaded? (bench/load.mjs)`);
  }
  return {
    // The core's output unpacked into entity objects, as www/noor.js does: what a page pays.
    annotate: (text) => annotateText(noor, text),
    annotateBatch: (texts) => annotateTexts(noor, texts),
    addTerms: (terms) => noor.addTerms(terms),
    removeTerms: (which) => noor.removeTerms(which),
    /** The wasm linear memory now; it only grows, so after a call this is that call's peak. */
    memoryBytes: () => exports.memory.buffer.byteLength,
    startupMs: t5 - t0,
    /** CPU time of the start-up (all threads of the process, so V8's compile threads too). */
    startupCpuMs: (cpu.user + cpu.system) / 1000,
    startupParts: {
      importAndReadMs: t1 - t0,
      compileInstantiateMs: t2 - t1,
      constructMs: t3 - t2,
      loadPacksMs: t4 - t3,
      firstAnnotateMs: t5 - t4,
    },
    version: pkg.version(),
    buildId: build,
  };
}

/** The JS modules reachable from `entry` through relative static and dynamic imports. */
function jsClosure(entry) {
  const seen = new Set();
  const visit = (file) => {
    if (seen.has(file) || !existsSync(file)) return;
    seen.add(file);
    const src = readFileSync(file, 'utf8');
    for (const m of src.matchAll(/(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"](\.{1,2}\/[^'"]+)['"]/g)) {
      visit(resolve(dirname(file), m[1]));
    }
  };
  visit(entry);
  return [...seen];
}

/**
 * The files a page that highlights `lang` ('ar' or 'en') downloads, as {path, kind, note?} with
 * kind one of 'wasm', 'data', 'js', 'css'.
 */
export function downloadFiles(lang) {
  if (lang !== 'ar' && lang !== 'en') throw new Error(`downloadFiles: lang must be ar or en, not ${lang}`);
  assertBuilt();
  return [
    { path: WASM, kind: 'wasm', note: 'code only' },
    { path: packPath(lang), kind: 'data', note: `${lang} pack: lexicon, tagger, clusters` },
    ...jsClosure(SHIM).map((path) => ({ path, kind: 'js' })),
    { path: STYLES, kind: 'css' },
  ];
}
