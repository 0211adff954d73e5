// noor.js is the module pages import. It loads the wasm core once, and ties together the three
// DOM helpers: collect (DOM -> text blocks), ranges (entity offsets -> text-node pieces) and
// render-spans (pieces -> <span> elements and back).
//
//   import { createHighlighter } from './noor.js';
//   const noor = await createHighlighter({ lang: 'auto' });
//   const { count } = noor.highlight(document.querySelector('article'));
//   noor.clear(document.querySelector('article'));   // the DOM is exactly as before

import { collectBlocks } from './src/collect.js';
import { entityRanges } from './src/ranges.js';
import { wrap, unwrap } from './src/render-spans.js';

/** Human-readable names for the entity types, used in the span's title (tooltip). */
export const TYPE_LABELS = {
  PER: 'Person',
  ORG: 'Organization',
  LOC: 'Place',
  MISC: 'Other name',
  DATE: 'Date',
  TIME: 'Time',
  NUM: 'Number',
  MONEY: 'Money',
  PERCENT: 'Percent',
};

// wasm-bindgen's init() instantiates a single module per page, so one promise serves every caller
// (a wasmUrl passed after the first call is ignored). A failed load is forgotten, so it can be retried.
let loading = null;

function loadCore(wasmUrl) {
  loading ??= import('./pkg/noor.js')
    .then(async (pkg) => {
      // The object form avoids wasm-bindgen's "deprecated parameters" warning; undefined means
      // "noor_bg.wasm next to pkg/noor.js".
      await pkg.default({ module_or_path: wasmUrl });
      return pkg;
    })
    .catch((err) => {
      loading = null;
      throw err;
    });
  return loading;
}

/**
 * @param {{lang?: 'auto'|'ar'|'en', wasmUrl?: string|URL, classPrefix?: string}} [options]
 * @returns {Promise<Highlighter>}
 */
export async function createHighlighter(options = {}) {
  const { lang = 'auto', wasmUrl, classPrefix = 'noor' } = options;
  const pkg = await loadCore(wasmUrl);
  return new Highlighter(new pkg.Noor({ lang }), pkg.version(), classPrefix);
}

class Highlighter {
  #core;
  #prefix;
  #selector;

  constructor(core, version, classPrefix) {
    this.#core = core;
    this.#prefix = classPrefix;
    this.#selector = `span.${CSS.escape(`${classPrefix}-entity`)}`;
    /** Version string of the wasm core. */
    this.version = version;
  }

  /** Entities in a plain string: [{start, end, type, text, score, id?, canonical?, group?, value?}]. */
  annotate(text) {
    return this.#core.annotate(text);
  }

  /**
   * Wraps every entity under `root` in a span. Highlighting again first clears the old spans, so
   * twice is the same as once.
   * @returns {{entities: object[], count: number}} the entities in document order
   */
  highlight(root = document.body) {
    this.clear(root);
    const blocks = collectBlocks(root, { ownSelector: this.#selector })
      .filter((block) => block.text.trim() !== '');
    // One call across the wasm boundary for the whole page, not one per text node.
    const results = blocks.length ? this.#core.annotateBatch(blocks.map((b) => b.text)) : [];

    const entities = [];
    const jobs = [];
    blocks.forEach((block, i) => {
      for (const { entity, parts } of entityRanges(block, results[i] ?? [])) {
        entities.push(entity);
        for (const part of parts) jobs.push({ part, entity });
      }
    });
    // Right to left: wrapping a part only shortens its text node from the end, so the offsets of
    // parts further left in the same node stay valid.
    for (let j = jobs.length - 1; j >= 0; j--) {
      wrap(jobs[j].part, this.#spanFor(root.ownerDocument ?? root, jobs[j].entity));
    }
    return { entities, count: entities.length };
  }

  /** Removes the spans under `root` and restores the text nodes exactly as they were. */
  clear(root = document.body) {
    unwrap(root, this.#selector);
  }

  /** Frees the wasm-side annotator. The highlighter is unusable afterwards. */
  dispose() {
    this.#core.free();
  }

  #spanFor(doc, entity) {
    const span = doc.createElement('span');
    span.className = `${this.#prefix}-entity ${this.#prefix}-${entity.type}`;
    span.dataset.entityType = entity.type;
    if (entity.id != null && entity.id !== '') span.dataset.entityId = String(entity.id);
    if (entity.canonical != null && entity.canonical !== '') span.dataset.entityCanonical = entity.canonical;
    const label = TYPE_LABELS[entity.type] ?? entity.type;
    span.title = entity.canonical && entity.canonical !== entity.text ? `${label}: ${entity.canonical}` : label;
    return span;
  }
}
