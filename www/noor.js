// noor.js is the module pages import. It loads the wasm core once and ties the parts together:
//
//   src/collect.js                DOM -> blocks of running text (what is read, what is skipped)
//   src/ranges.js                 entity offsets -> text-node parts
//   src/render-spans.js           parts -> <span> elements and back ("spans", the default)
//   src/render-highlight-api.js   parts -> CSS Custom Highlight API ranges ("highlight-api")
//   src/observer.js               the page's mutations -> what to read again
//   src/scheduler.js              ~8 ms slices, so no task blocks the page for long
//   src/tooltip.js, src/styles.js hover details; the stylesheet, adopted without DOM changes
//
// The wasm module is code only; each language's data (lexicon, tagger, clusters) is a pack,
// pkg/noor-ar.pack or pkg/noor-en.pack, fetched from next to this file (never from elsewhere)
// for the languages asked for, so an Arabic reader downloads the Arabic data only.
//
//   import { createHighlighter } from './noor.js';
//   const noor = await createHighlighter({ lang: 'auto', renderer: 'spans' });
//   const { count } = await noor.highlight(document.querySelector('article'));
//   noor.clear(document.querySelector('article'));   // the DOM is exactly as before
//   await noor.observe(document.body);                // and keep up with new content
//   noor.disconnect();

import { TICK, blockContainerOf, isEligible, walkBlocks } from './src/collect.js';
import { annotateText, annotateTexts } from './src/entities.js';
import { containsComposed, entityRanges } from './src/ranges.js';
import { SpansRenderer } from './src/render-spans.js';
import { HighlightApiRenderer, highlightApiSupported } from './src/render-highlight-api.js';
import { Watcher, changedNodes, outermost } from './src/observer.js';
import { SLICE_MS, Slicer, yieldToPage } from './src/scheduler.js';
import { HoverWatcher, TYPE_LABELS, Tooltip } from './src/tooltip.js';
import { StyleInstaller, loadStyles, withoutHighlightRules } from './src/styles.js';

export { TYPE_LABELS, highlightApiSupported };

/** The renderers createHighlighter() accepts. */
export const RENDERERS = Object.freeze(['spans', 'highlight-api']);

/**
 * How much text goes into one wasm call, in cost units: one per character, 3.5 per Arabic-script
 * character (the Arabic pipeline is about 3.5 times slower per character) and 40 per text. The
 * batches of a pass start small and grow by half up to BATCH_COST (about 5 ms once the engine has
 * optimized the core). A call cannot be cut short, and the first calls on a page run code the
 * engine has not optimized yet, three to five times slower: growing by half rather than doubling
 * keeps the fourth and fifth calls at 3,400 and 5,100 instead of 8,000 and 12,000, so the calls
 * are still small when the engine's optimized code arrives (measured on the largest saved pages:
 * cold calls of 8,000-12,000 took 10-45 ms, most of the longest work slices of a highlight).
 * The sizes depend only on the text, never on timing: the core reads the texts of one call as one
 * document (places are disambiguated by all of them, groups are shared), so the same page must
 * be cut into the same batches every time for highlight() twice to equal highlight() once.
 */
export const BATCH_COST = 12000;
const FIRST_BATCH_COST = 1000;
const BATCH_GROWTH = 1.5;

/**
 * The spans renderer changes at most this many blocks (paragraphs) between two rendered frames:
 * every changed paragraph is laid out and shaped again, which is costly for long Arabic or
 * Persian paragraphs (about 1.5 ms each, measured on the saved Persian pages).
 */
export const BLOCKS_PER_FRAME = 12;
const PER_TEXT = 40;

/**
 * How often a pass hands its new highlights to the browser to paint (renderer.flush(); only the
 * highlight-api renderer has anything to hand over), and it does at its end. In every frame in
 * which a registered highlight changed, Chromium paints all the highlights on the page again,
 * not only the new ones: on the largest saved page (readability-wikipedia) adding one range to
 * 900 made a frame of 36-47 ms, against about 20 ms for a frame that changes nothing of ours.
 * Painting as the ranges came made each of the six or seven frames of a pass there such a frame
 * (long tasks of 45-65 ms, a pass of 330 ms); painting every 250 ms and at the end leaves one or
 * two (the pass took 155 ms), and a long pass still shows its progress.
 */
export const PAINT_EVERY_MS = 250;
const ARABIC = /[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]/g;

function costOf(text) {
  ARABIC.lastIndex = 0;
  const arabic = text.match(ARABIC)?.length ?? 0;
  return text.length + 2.5 * arabic + PER_TEXT;
}

// Short bilingual texts that exercise the core's code paths once, so that the engine compiles
// them before the first real page text arrives.
const WARM_UP = [
  'Flights from Beirut and Cairo to Paris were delayed on Monday, 12 May 2020.',
  'وصل الوفد إلى بموسكو ثم أقلع لبيروت والقاهرة يوم الاثنين.',
  'Home', 'أخبار', 'The quick brown fox: 42%.',
];

// wasm-bindgen's init() instantiates a single module per page, so one promise serves every caller
// (a wasmUrl passed after the first call is ignored). A failed load is forgotten, so it can be retried.
let loading = null;

// Pack bytes by URL, fetched once per page and shared by every highlighter; a failed fetch is
// forgotten, so it can be retried.
const packs = new Map();

/** The languages whose pack `lang` needs: one, or both for 'auto'. */
export function packLanguages(lang) {
  if (lang === 'auto') return ['ar', 'en'];
  if (lang === 'ar' || lang === 'en') return [lang];
  throw new TypeError(`noor: unknown lang ${JSON.stringify(lang)} (use 'auto', 'ar' or 'en')`);
}

function fetchPack(url) {
  const key = String(url);
  if (!packs.has(key)) {
    const p = fetch(url)
      .then((r) => {
        if (!r.ok) throw new Error(`noor: cannot load language pack ${key}: HTTP ${r.status}`);
        return r.arrayBuffer();
      })
      .then((b) => new Uint8Array(b));
    p.catch(() => packs.delete(key));
    packs.set(key, p);
  }
  return packs.get(key);
}

function defaultPackUrl(lang) {
  return new URL(`./pkg/noor-${lang}.pack`, import.meta.url);
}

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
 * @param {object} [options]
 * @param {'auto'|'ar'|'en'} [options.lang]
 * @param {'spans'|'highlight-api'} [options.renderer] 'highlight-api' falls back to 'spans' where
 *   the browser has no CSS Custom Highlight API (see `highlighter.renderer`)
 * @param {boolean} [options.shadowRoots] also highlight inside open shadow roots (default false)
 * @param {boolean|string|URL} [options.styles] adopt www/styles.css (default true), or the
 *   stylesheet at this URL; false when the page brings its own styles
 * @param {boolean} [options.tooltip] show type, name and ID on hover (default true)
 * @param {string[]} [options.types] only these entity types, e.g. ['PER', 'ORG', 'LOC', 'MISC']
 * @param {boolean} [options.lexiconOnly] skip the learned tagger: only names on lists, patterns and rules
 * @param {string} [options.classPrefix] prefix of class names and highlight names (default 'noor')
 * @param {number} [options.sliceMs] length of a work slice before yielding (default 8)
 * @param {number} [options.batchCost] largest batch of text per wasm call (default BATCH_COST)
 * @param {(err: Error) => void} [options.onError] errors of background (observer) work; default console.error
 * @param {Document} [options.document]
 * @param {string|URL} [options.wasmUrl]
 * @param {(lang: string) => string|URL} [options.packUrl] where a language's pack is (default
 *   pkg/noor-LANG.pack next to this file); 'auto' loads both languages' packs
 * @returns {Promise<Highlighter>}
 */
export async function createHighlighter(options = {}) {
  const {
    lang = 'auto', lexiconOnly = false, types, wasmUrl, packUrl = defaultPackUrl, classPrefix = 'noor',
    renderer = 'spans', shadowRoots = false,
    styles = true, tooltip = true, sliceMs = SLICE_MS, batchCost = BATCH_COST,
    onError = (err) => console.error('noor:', err), document: doc = globalThis.document,
  } = options;
  if (!RENDERERS.includes(renderer)) {
    throw new TypeError(`noor: unknown renderer ${JSON.stringify(renderer)} (use ${RENDERERS.join(' or ')})`);
  }
  if (!/^[A-Za-z][\w-]*$/.test(classPrefix)) throw new TypeError(`noor: bad classPrefix ${JSON.stringify(classPrefix)}`);
  const langs = packLanguages(lang);
  const [pkg, css, ...packBytes] = await Promise.all([
    loadCore(wasmUrl),
    styles === false ? null : loadStyles(styles === true ? undefined : styles),
    ...langs.map((l) => fetchPack(packUrl(l))),
  ]);
  const core = new pkg.Noor(types ? { lang, lexiconOnly, types } : { lang, lexiconOnly });
  for (const bytes of packBytes) core.loadPack(bytes);
  for (let i = 0; i < 3; i++) {
    annotateTexts(core, WARM_UP);
    await yieldToPage();
  }
  const useApi = renderer === 'highlight-api' && highlightApiSupported(doc.defaultView);
  let sheetText = css;
  if (css && !useApi) {
    try {
      sheetText = withoutHighlightRules(css, doc.defaultView.CSSStyleSheet);
    } catch {
      // keep the whole sheet
    }
  }
  return new Highlighter({
    core,
    version: pkg.version(),
    doc,
    renderer: useApi
      ? new HighlightApiRenderer({ doc, prefix: classPrefix })
      : new SpansRenderer({ prefix: classPrefix }),
    requested: renderer,
    prefix: classPrefix,
    css: sheetText,
    shadowRoots,
    tooltip,
    sliceMs,
    batchCost,
    onError,
  });
}

class Highlighter {
  #core;
  #doc;
  #renderer;
  #opts;
  #ownSelector;
  #watcher;
  #styles;
  #tooltip = null;
  #hover = null;
  #observed = new Set(); // roots whose new content is highlighted
  #guarded = new Set(); // roots with spans, watched so that page edits can be repaired
  #jobs = new Set();
  #groups = new Map(); // scope root -> {byId, next}: page-wide group numbers
  #pending = new Set(); // changed nodes waiting for the observer's next pass
  #flush = null;
  #disposed = false;

  constructor({ core, version, doc, renderer, requested, prefix, css, ...opts }) {
    this.#core = core;
    this.#doc = doc;
    this.#renderer = renderer;
    this.#opts = opts;
    this.#ownSelector = `${renderer.selector ?? `span.${CSS.escape(`${prefix}-entity`)}`}, .noor-tooltip-host`;
    this.#styles = new StyleInstaller(css);
    if (this.#styles.active) {
      // Install now rather than in the middle of highlight(): a ::highlight() rule restyles the
      // whole page once, and that is better paid here, up front, than inside a work slice.
      this.#styles.installFor(doc);
      if (renderer.name === 'highlight-api') doc.defaultView.getComputedStyle(doc.documentElement).color;
    }
    this.#watcher = new Watcher(doc.defaultView, (records) => this.#onMutations(records));
    if (opts.tooltip) {
      this.#tooltip = new Tooltip(doc, { mutate: (fn) => this.#watcher.mutate(fn) });
      this.#hover = new HoverWatcher(doc, this.#tooltip, (x, y, target) => this.#renderer.entityAt(x, y, target));
    }
    /** Version string of the wasm core. */
    this.version = version;
    /** The renderer in use: 'spans' or 'highlight-api'. */
    this.renderer = renderer.name;
    /** The renderer asked for (differs from `renderer` after a fallback). */
    this.requestedRenderer = requested;
  }

  /** Entities in a plain string: [{start, end, type, text, score, id?, canonical?, group?, value?}]. */
  annotate(text) {
    this.#alive();
    return annotateText(this.#core, text);
  }

  /** The languages whose data is loaded ('ar', 'en'). */
  get languages() {
    this.#alive();
    return this.#core.languages();
  }

  /**
   * Adds names to watch: `[{text, type, id?, label?}]`. They are matched with the core's
   * Arabic and Latin normalization and proclitic rules, ahead of every other source, from the
   * next highlight on. Returns the number of watched names.
   * @param {{text: string, type: string, id?: string, label?: string}[]} terms
   */
  addTerms(terms) {
    this.#alive();
    return this.#core.addTerms(terms);
  }

  /**
   * Stops watching names, given by text (any spelling) or id. Returns how many were removed.
   * @param {string[]} which
   */
  removeTerms(which) {
    this.#alive();
    return this.#core.removeTerms(which);
  }

  /** The watched names. */
  terms() {
    this.#alive();
    return this.#core.terms();
  }

  /**
   * Highlights every entity under `root`, in slices that yield to the page. Highlighting again
   * first clears the old marks, so twice is the same as once.
   * @param {Element|Document|ShadowRoot} [root]
   * @returns {Promise<{entities: object[], count: number, renderer: string, aborted: boolean}>}
   *   the entities in document order; `group` is numbered across the whole root (same id, same
   *   group). aborted: a later highlight()/clear() of an overlapping root stopped this one.
   */
  async highlight(root = this.#doc.body) {
    this.#alive();
    root = this.#rootOf(root);
    this.#abortOverlapping(root);
    this.#clearMarks(root);
    this.#groups.set(root, { byId: new Map(), byText: new Map(), next: 0 });
    if (this.#renderer.name === 'spans') {
      this.#guarded.add(root);
      this.#watcher.watch(root);
    }
    return this.#run([root], root);
  }

  /**
   * Removes the marks under `root` and stops observing roots inside it. Synchronous: when it
   * returns, `root` isEqualNode a clone taken before highlighting (the spans renderer gives the
   * page's text nodes back their text; the highlight-api renderer never changed the DOM).
   * @returns {number} how many marks were removed
   */
  clear(root = this.#doc.body) {
    this.#alive();
    root = this.#rootOf(root);
    this.#abortOverlapping(root);
    for (const r of [...this.#observed]) {
      if (containsComposed(root, r)) {
        this.#observed.delete(r);
        this.#groups.delete(r);
      }
    }
    for (const node of [...this.#pending]) if (containsComposed(root, node)) this.#pending.delete(node);
    const removed = this.#clearMarks(root);
    for (const g of [...this.#guarded]) {
      if ((containsComposed(root, g) || containsComposed(g, root)) && !this.#renderer.hasMarks(g)) this.#unguard(g);
    }
    return removed;
  }

  /**
   * Highlights `root` now and whenever its content changes (nodes added, text edited), reading
   * again only the changed parts. Resolves with the first pass's result.
   */
  async observe(root = this.#doc.body) {
    this.#alive();
    root = this.#rootOf(root);
    const first = this.highlight(root);
    this.#observed.add(root);
    this.#watcher.watch(root);
    return first;
  }

  /** Stops observing (marks stay; spans stay guarded against the page's own edits). */
  disconnect() {
    for (const r of this.#observed) if (!this.#guarded.has(r)) this.#watcher.unwatch(r);
    this.#observed.clear();
    this.#pending.clear();
  }

  /** Resolves when no highlighting work is running or waiting (for tests and tools). */
  async idle() {
    this.#watcher.deliver(); // changes made just before this call count too
    while (this.#jobs.size || this.#flush || this.#pending.size) {
      await Promise.all([...this.#jobs].map((j) => j.done));
      if (!this.#flush && this.#pending.size) this.#flush = this.#flushPending();
      if (this.#flush) await this.#flush;
    }
  }

  /** The marks under `root` as {entity, node} pairs (spans) or {entity, range} (highlight-api). */
  marks(root = this.#doc.body) {
    root = this.#rootOf(root);
    if (this.#renderer.name === 'highlight-api') {
      const list = [...this.#renderer.entries()].filter((m) => !m.range.collapsed && containsComposed(root, m.range.startContainer));
      return list.sort((a, b) => {
        try {
          return a.range.compareBoundaryPoints(0 /* START_TO_START */, b.range);
        } catch {
          return 0; // ranges in different trees (shadow roots)
        }
      });
    }
    return [...root.querySelectorAll(this.#renderer.selector)].map((node) => ({ entity: this.#renderer.entityOf(node), node }));
  }

  /** Removes every mark and the tooltip, stops observing and frees the wasm-side annotator. */
  dispose() {
    if (this.#disposed) return;
    for (const job of this.#jobs) job.aborted = true;
    this.#clearMarks(this.#doc);
    this.#watcher.disconnect();
    this.#hover?.detach();
    this.#tooltip?.remove();
    this.#renderer.dispose();
    this.#styles.uninstallAll();
    this.#observed.clear();
    this.#guarded.clear();
    this.#pending.clear();
    this.#disposed = true;
    this.#core.free();
  }

  // ---------------------------------------------------------------- internals

  #alive() {
    if (this.#disposed) throw new Error('noor: this highlighter was disposed');
  }

  #rootOf(root) {
    if (!root) throw new TypeError('noor: no root to highlight');
    return root.nodeType === 9 ? root.body ?? root.documentElement : root;
  }

  #abortOverlapping(root) {
    for (const job of this.#jobs) {
      if (job.roots.some((r) => containsComposed(root, r) || containsComposed(r, root))) job.aborted = true;
    }
  }

  #clearMarks(root) {
    const removed = this.#watcher.mutate(() => this.#renderer.clearWithin(root));
    if (!this.#renderer.hasMarks(this.#doc)) {
      this.#hover?.detach();
      this.#tooltip?.remove();
    } else {
      this.#tooltip?.hide(); // it may be showing an entity that is gone
    }
    return removed;
  }

  #unguard(root) {
    this.#guarded.delete(root);
    if (!this.#observed.has(root)) this.#watcher.unwatch(root);
  }

  /**
   * Page-wide group numbers, counted per highlighted root in document order. A page is read in
   * several annotateBatchPacked() calls, whose group numbers are not comparable, so they are mapped:
   * the same id always gets the same group.
   */
  #regroup(entity, local, registry) {
    let group;
    if (entity.id != null && entity.id !== '') {
      group = registry.byId.get(entity.id);
      if (group === undefined) registry.byId.set(entity.id, (group = registry.next++));
    } else if (entity.group != null) {
      // No id: the core's group holds within one annotateBatchPacked() call; across calls, the same
      // type and text is taken to be the same entity.
      group = local.get(entity.group);
      if (group === undefined) {
        const key = `${entity.type}\u0000${entity.text}`;
        group = registry.byText.get(key);
        if (group === undefined) registry.byText.set(key, (group = registry.next++));
        local.set(entity.group, group);
      }
    }
    return group === undefined || group === entity.group ? entity : { ...entity, group };
  }

  /**
   * Reads, annotates and renders `containers`, slice by slice. Blocks whose text nodes the page
   * changed in the meantime are read again (twice at most).
   */
  #run(containers, scope) {
    const job = { roots: containers, aborted: false, done: null };
    job.done = this.#work(job, containers, scope).finally(() => {
      this.#renderer.flush(); // the rest, painted in the frame after highlight() resolves
      this.#jobs.delete(job);
    });
    this.#jobs.add(job);
    return job.done;
  }

  async #work(job, containers, scope) {
    const { sliceMs, batchCost, shadowRoots } = this.#opts;
    const registry = this.#groups.get(scope) ?? { byId: new Map(), byText: new Map(), next: 0 };
    const slice = new Slicer(sliceMs);
    const found = []; // {container, node, entities} per block with marks, in document order
    const watchShadow = (shadow) => {
      if (this.#observed.has(scope) || this.#renderer.name === 'spans') this.#watcher.watch(shadow);
    };
    const result = () => {
      const entities = found.flatMap((f) => f.entities);
      return { entities, count: entities.length, renderer: this.#renderer.name, aborted: job.aborted };
    };
    let todo = containers;
    let reordered = false;
    for (let round = 0; todo.length && round < 3; round++) {
      const blocks = [];
      for (const container of todo) {
        if (!isEligible(container, this.#ownSelector)) continue;
        for (const item of walkBlocks(container, { ownSelector: this.#ownSelector, shadowRoots, onShadowRoot: watchShadow })) {
          if (item !== TICK) blocks.push(item);
          if (slice.expired()) {
            await slice.yield();
            if (job.aborted) return result();
          }
        }
      }
      const retry = new Set();
      let budget = Math.min(FIRST_BATCH_COST, batchCost);
      const changesLayout = this.#renderer.name === 'spans';
      let changed = 0; // blocks with new spans since the last rendered frame
      let lastFrame = slice.lastFrame;
      let lastPaint = performance.now();
      for (let i = 0; i < blocks.length;) {
        const batch = [];
        for (let cost = 0; i < blocks.length && (batch.length === 0 || cost + costOf(blocks[i].text) <= budget); i++) {
          cost += costOf(blocks[i].text);
          batch.push(blocks[i]);
        }
        budget = Math.min(Math.round(budget * BATCH_GROWTH), batchCost);
        // One call across the wasm boundary per batch of blocks, not one per text node.
        const results = annotateTexts(this.#core, batch.map((b) => b.text));
        const local = new Map(); // the core's group numbers in this call -> page-wide ones
        for (let b = 0; b < batch.length; b++) {
          const block = batch[b];
          const entities = (results[b] ?? []).map((e) => this.#regroup(e, local, registry));
          const items = entityRanges(block, entities);
          if (!items.length) continue;
          const done = this.#watcher.mutate(() => this.#renderer.render(items));
          if (done.length < items.length) retry.add(block.container);
          if (done.length) {
            const node = done[0].parts[0].node;
            this.#styles.installFor(node);
            found.push({ container: block.container, node, entities: done.map((item) => item.entity) });
            this.#hover?.attach();
            if (changesLayout) changed++;
          }
          if (slice.expired() || changed >= BLOCKS_PER_FRAME) {
            const paint = performance.now() - lastPaint >= PAINT_EVERY_MS;
            if (paint) {
              this.#renderer.flush();
              lastPaint = performance.now();
            }
            const frame = changed >= BLOCKS_PER_FRAME || paint;
            await slice.yield(frame);
            if (frame || slice.lastFrame > lastFrame) changed = 0;
            lastFrame = slice.lastFrame;
            if (job.aborted) return result();
          }
        }
      }
      // Blocks the page changed under us: read their containers again.
      todo = outermost([...retry].filter((c) => c.isConnected && containsComposed(scope, c)));
      if (todo.length) {
        this.#watcher.mutate(() => todo.forEach((c) => this.#renderer.clearWithin(c)));
        for (let k = found.length - 1; k >= 0; k--) {
          if (todo.some((t) => containsComposed(t, found[k].container))) found.splice(k, 1);
        }
        reordered = true;
      }
    }
    if (reordered) {
      found.sort((a, b) => (a.node === b.node ? 0 : a.node.compareDocumentPosition(b.node) & 4 /* FOLLOWING */ ? -1 : 1));
    }
    return result();
  }

  #onMutations(records) {
    if (this.#disposed) return;
    if (this.#renderer.name === 'spans') this.#watcher.mutate(() => this.#renderer.repair(records));
    if (!this.#observed.size) return;
    for (const { node, self } of changedNodes(records)) {
      if (!node.isConnected) continue;
      for (const root of this.#observed) {
        if (containsComposed(root, node)) {
          this.#pending.add(self ? node : blockContainerOf(node, root) ?? root);
          break;
        }
      }
    }
    if (this.#pending.size && !this.#flush) this.#flush = this.#flushPending();
  }

  /** The observer's pass: waits for running work, then reads the changed containers again. */
  async #flushPending() {
    try {
      await yieldToPage(); // let a burst of mutations arrive first
      while (this.#pending.size && !this.#disposed) {
        while (this.#jobs.size) await Promise.all([...this.#jobs].map((j) => j.done.catch(() => {})));
        const changed = [...this.#pending];
        this.#pending.clear();
        const byScope = new Map();
        for (const c of outermost(changed)) {
          const scope = [...this.#observed].find((r) => containsComposed(r, c));
          if (!scope) continue;
          if (!byScope.has(scope)) byScope.set(scope, []);
          byScope.get(scope).push(c);
        }
        for (const [scope, list] of byScope) {
          this.#watcher.mutate(() => list.forEach((c) => this.#renderer.clearWithin(c)));
          await this.#run(list, scope);
        }
      }
    } catch (err) {
      this.#opts.onError(err);
    } finally {
      this.#flush = null;
    }
  }
}

export { Highlighter };
