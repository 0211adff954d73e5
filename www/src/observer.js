// observer.js owns watching the page for changes: one MutationObserver per highlighter (childList,
// characterData, subtree) over every root it watches, a way to make DOM changes of our own that
// the observer does not report back, and the translation of mutation records into the elements
// whose text has to be read again.

import { isBlock } from './collect.js';
import { containsComposed } from './ranges.js';

export const OBSERVE_OPTIONS = Object.freeze({ childList: true, characterData: true, subtree: true });

export class Watcher {
  #mo;
  #targets = new Set();
  #onRecords;
  #depth = 0;

  /**
   * @param {Window} win
   * @param {(records: MutationRecord[]) => void} onRecords called with the page's mutations only
   */
  constructor(win, onRecords) {
    this.#onRecords = onRecords;
    this.#mo = new win.MutationObserver((records) => {
      if (records.length) onRecords(records);
    });
  }

  /** The nodes being watched. */
  get targets() {
    return [...this.#targets];
  }

  watch(target) {
    if (this.#targets.has(target)) return;
    this.#targets.add(target);
    this.#mo.observe(target, OBSERVE_OPTIONS);
  }

  unwatch(target) {
    if (!this.#targets.delete(target)) return;
    // A MutationObserver cannot drop one target: take what is queued, start again with the rest.
    const queued = this.#mo.takeRecords();
    this.#mo.disconnect();
    for (const t of this.#targets) this.#mo.observe(t, OBSERVE_OPTIONS);
    if (queued.length) queueMicrotask(() => this.#onRecords(queued));
  }

  /**
   * Runs `fn`, whose DOM changes are ours: the records they cause are dropped. Records the page
   * caused before are kept and delivered as usual.
   */
  mutate(fn) {
    if (this.#depth > 0 || this.#targets.size === 0) {
      this.#depth++;
      try {
        return fn();
      } finally {
        this.#depth--;
      }
    }
    const before = this.#mo.takeRecords();
    this.#depth++;
    try {
      return fn();
    } finally {
      this.#depth--;
      this.#mo.takeRecords();
      if (before.length) queueMicrotask(() => this.#onRecords(before));
    }
  }

  /** Delivers the records queued so far now, instead of in the next microtask. */
  deliver() {
    const queued = this.#mo.takeRecords();
    if (queued.length) this.#onRecords(queued);
  }

  disconnect() {
    this.#mo.disconnect();
    this.#targets.clear();
  }
}

function isInlineContent(node) {
  if (!node) return false;
  if (node.nodeType === 3) return /\S/.test(node.data);
  return node.nodeType === 1 && node.isConnected && !isBlock(node);
}

/**
 * The nodes whose text changed, from the page's mutation records: {node, self}. With self, the
 * node is a block-level element that was added and holds all the new text; otherwise the text
 * around `node` changed and its nearest block container must be read again.
 * @param {MutationRecord[]} records
 * @returns {{node: Node, self: boolean}[]}
 */
export function changedNodes(records) {
  const out = [];
  for (const m of records) {
    if (m.type === 'characterData') {
      out.push({ node: m.target, self: false });
    } else if (m.type === 'childList') {
      let aroundTarget = false;
      for (const node of m.addedNodes) {
        if (node.nodeType === 1 && node.isConnected && isBlock(node)) {
          out.push({ node, self: true });
          // A block dropped into running text splits it: the text on both sides changes.
          if (isInlineContent(node.previousSibling) || isInlineContent(node.nextSibling)) aroundTarget = true;
        } else if (node.nodeType === 1 || node.nodeType === 3) {
          aroundTarget = true;
        }
      }
      for (const node of m.removedNodes) {
        // A removed block only matters when the text on both sides may now run together.
        if (node.nodeType === 3 || (node.nodeType === 1 && !BLOCKISH.has(node.localName))
          || isInlineContent(m.previousSibling) || isInlineContent(m.nextSibling)) {
          aroundTarget = true;
        }
      }
      if (aroundTarget) out.push({ node: m.target, self: false });
    }
  }
  return out;
}

// A detached element has no computed style; these tags are block-level by default.
const BLOCKISH = new Set([
  'address', 'article', 'aside', 'blockquote', 'details', 'dialog', 'div', 'dl', 'fieldset',
  'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main',
  'nav', 'ol', 'p', 'pre', 'section', 'table', 'ul', 'script', 'style', 'template', 'noscript',
]);

/**
 * Keeps only the outermost of `elements` (a container inside another one is covered by it),
 * in document order.
 */
export function outermost(elements) {
  const list = [...new Set(elements)].filter((e) => e && e.isConnected);
  list.sort((a, b) => (a === b ? 0 : a.compareDocumentPosition(b) & 4 /* FOLLOWING */ ? -1 : 1));
  const out = [];
  for (const el of list) {
    if (out.some((o) => containsComposed(o, el))) continue;
    out.push(el);
  }
  return out;
}
