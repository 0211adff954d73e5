// render-highlight-api.js owns the "highlight-api" renderer: entities are painted through the CSS
// Custom Highlight API (CSS.highlights, styled by ::highlight(noor-LOC) and so on). The DOM is
// never touched. One Highlight per type holds live Range objects, which follow the page's own
// edits (a range whose text is removed collapses and paints nothing).
//
// Hover details come from CSS.highlights.highlightsFromPoint() where the browser has it, else
// from a lookup of the caret position under the pointer in a text node -> ranges index.

import { containsComposed, partIsCurrent } from './ranges.js';

/** True when `win` can paint highlights. */
export function highlightApiSupported(win = globalThis) {
  return !!(win.CSS && win.CSS.highlights && typeof win.Highlight === 'function'
    && typeof win.CSS.highlights.set === 'function');
}

export class HighlightApiRenderer {
  #doc;
  #prefix;
  #registry;
  #Highlight;
  #highlights = new Map(); // type -> Highlight (ours, or shared with another instance)
  #ranges = new Set(); // every live range of ours
  #entityOf = new WeakMap(); // range -> entity
  #byNode = new WeakMap(); // text node -> ranges in it
  #unpainted = []; // ranges made by render() and not yet added to their Highlight (see flush())

  /** @param {{doc: Document, prefix: string}} options */
  constructor({ doc, prefix }) {
    this.name = 'highlight-api';
    this.#doc = doc;
    this.#prefix = prefix;
    const win = doc.defaultView;
    this.#registry = win.CSS.highlights;
    this.#Highlight = win.Highlight;
  }

  /** The registry name of a type's highlight: "noor-LOC". */
  highlightName(type) {
    return `${this.#prefix}-${type}`;
  }

  #highlightFor(type) {
    let hl = this.#highlights.get(type);
    if (!hl) {
      const name = this.highlightName(type);
      hl = this.#registry.get(name);
      if (!hl) {
        hl = new this.#Highlight();
        this.#registry.set(name, hl);
      }
      this.#highlights.set(type, hl);
    }
    return hl;
  }

  #covered(part) {
    const ranges = this.#byNode.get(part.node);
    if (!ranges) return false;
    return ranges.some((r) => !r.collapsed && r.startContainer === part.node
      && r.startOffset < part.endInNode && r.endOffset > part.startInNode);
  }

  /**
   * Adds one range per text-node part of each entity of one block.
   * @param {{entity: object, parts: object[]}[]} items
   * @returns {{entity: object, parts: object[]}[]} the items rendered
   */
  render(items) {
    const good = items.filter((item) => item.parts.length > 0
      && item.parts.every((part) => partIsCurrent(part) && !this.#covered(part)));
    for (const { entity, parts } of good) {
      for (const { node, startInNode, endInNode } of parts) {
        const range = this.#doc.createRange();
        range.setStart(node, startInNode);
        range.setEnd(node, endInNode);
        this.#unpainted.push(range);
        this.#ranges.add(range);
        this.#entityOf.set(range, entity);
        let list = this.#byNode.get(node);
        if (!list) this.#byNode.set(node, (list = []));
        list.push(range);
      }
    }
    return good;
  }

  /**
   * Paints the ranges render() made since the last flush: adds them to their type's Highlight.
   * In each frame in which a registered Highlight changed, the browser paints every highlight
   * on the page again, so the caller flushes seldom (see PAINT_EVERY_MS in noor.js) rather than
   * after every render(). Ranges removed in the meantime are skipped.
   * @returns {number} how many ranges were painted
   */
  flush() {
    let painted = 0;
    for (const range of this.#unpainted) {
      if (!this.#ranges.has(range)) continue;
      this.#highlightFor(this.#entityOf.get(range).type).add(range);
      painted++;
    }
    this.#unpainted = [];
    return painted;
  }

  /** Our ranges, painted or due at the next flush(), with their entities (for tests and tools). */
  *entries() {
    for (const range of this.#ranges) yield { range, entity: this.#entityOf.get(range) };
  }

  /**
   * What the pointer is over: {entity, rect} or null.
   * @param {number} x client coordinates
   * @param {number} y
   */
  entityAt(x, y) {
    let candidates = null;
    if (typeof this.#registry.highlightsFromPoint === 'function') {
      candidates = [];
      for (const hit of this.#registry.highlightsFromPoint(x, y)) {
        for (const range of hit.ranges ?? []) if (this.#entityOf.has(range)) candidates.push(range);
      }
    } else {
      const caret = caretAt(this.#doc, x, y);
      candidates = caret ? (this.#byNode.get(caret.node) ?? []).filter((r) => r.isPointInRange(caret.node, caret.offset)
        || (r.startContainer === caret.node && r.endOffset === caret.offset)) : [];
    }
    for (const range of candidates) {
      // A caret snaps to the nearest character, and the browser's answer may cover a whole
      // line box: only a client rect of the range itself that holds the point counts.
      for (const rect of range.getClientRects()) {
        if (x >= rect.left && x <= rect.right && y >= rect.top && y <= rect.bottom) {
          return { entity: this.#entityOf.get(range), rect };
        }
      }
    }
    return null;
  }

  /**
   * Removes our ranges under `root` (and any range whose text is gone).
   * @returns {number} how many entities were removed
   */
  clearWithin(root) {
    const entities = new Set();
    for (const range of this.#ranges) {
      const gone = range.collapsed || !range.startContainer.isConnected;
      if (gone || containsComposed(root, range.startContainer)) {
        if (!gone) entities.add(this.#entityOf.get(range));
        this.#remove(range);
      }
    }
    this.#prune();
    return entities.size;
  }

  // Empty highlights leave the registry, so that after clear() CSS.highlights is as before.
  #prune() {
    for (const [type, hl] of this.#highlights) {
      if (hl.size > 0) continue;
      const name = this.highlightName(type);
      if (this.#registry.get(name) === hl) this.#registry.delete(name);
      this.#highlights.delete(type);
    }
  }

  #remove(range) {
    this.#ranges.delete(range);
    const entity = this.#entityOf.get(range);
    this.#highlights.get(entity?.type)?.delete(range);
    const list = this.#byNode.get(range.startContainer);
    if (list) {
      const i = list.indexOf(range);
      if (i >= 0) list.splice(i, 1);
    }
  }

  /** True when any range of ours is under `root`. */
  hasMarks(root) {
    for (const range of this.#ranges) {
      if (!range.collapsed && containsComposed(root, range.startContainer)) return true;
    }
    return false;
  }

  /** The page changed: nothing to repair, live ranges follow the DOM. */
  repair() {
    return 0;
  }

  /** Removes every range, and the registry entries this renderer created when left empty. */
  dispose() {
    this.#unpainted = [];
    for (const range of [...this.#ranges]) this.#remove(range);
    this.#prune();
    this.#highlights.clear();
  }
}

/** The text position under a point: {node, offset} in a text node, or null. */
export function caretAt(doc, x, y) {
  if (typeof doc.caretPositionFromPoint === 'function') {
    const pos = doc.caretPositionFromPoint(x, y);
    if (pos && pos.offsetNode?.nodeType === 3) return { node: pos.offsetNode, offset: pos.offset };
  } else if (typeof doc.caretRangeFromPoint === 'function') {
    const r = doc.caretRangeFromPoint(x, y);
    if (r && r.startContainer.nodeType === 3) return { node: r.startContainer, offset: r.startOffset };
  }
  return null;
}
