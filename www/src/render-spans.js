// render-spans.js owns the "spans" renderer: every entity becomes one
// <span class="noor-entity noor-TYPE" data-entity-type data-entity-id data-entity-group> per text
// node it touches. Page text is never parsed as HTML.
//
// Framework safety. The page's own text node (the "head") never moves: it keeps the text before
// the first entity, and new nodes (spans, and plain text nodes for the text between and after
// them) are inserted right after it. A framework such as React keeps references to its text
// nodes and calls removeChild / insertBefore / nodeValue on them later; all of these keep working,
// because its node is still where it left it. When the page rewrites or removes a head, repair()
// removes the nodes that were cut off it (their text is stale then), so nothing is shown twice.
//
// restore() puts the text back into the head and removes the new nodes, so the DOM is exactly as
// before (isEqualNode); it never calls Node.normalize(), which would also merge text nodes that
// were already separate before highlighting.

import { containsComposed, partIsCurrent, partsByNode } from './ranges.js';

/**
 * True if cutting this text node would change the layout: in a flex or grid container each
 * (or -webkit-box) piece of a direct text child becomes an item of its own, and `innerText`
 * changes with it.
 * Such text is left to the highlight-api renderer.
 * @param {Text} node
 */
function splitsLayout(node) {
  const parent = node.parentElement;
  const view = node.ownerDocument?.defaultView;
  if (!parent || !view) return false;
  const display = view.getComputedStyle(parent).display;
  return /flex|grid|box/.test(display); // box: the legacy -webkit-box of line clamps
}

export class SpansRenderer {
  #prefix;
  #recordOf = new WeakMap(); // created node -> record
  #byHead = new WeakMap(); // page text node -> record
  #entityOf = new WeakMap(); // span -> entity
  #shadowRoots = new Set(); // shadow roots that hold spans (querySelectorAll does not enter them)

  /** @param {{prefix: string}} options */
  constructor({ prefix }) {
    this.name = 'spans';
    this.#prefix = prefix;
    /** Matches the spans of this renderer's prefix. */
    this.selector = `span.${CSS.escape(`${prefix}-entity`)}`;
  }

  /**
   * Wraps the entities of one block. An entity is skipped when any of its text nodes changed
   * since it was read or is already highlighted.
   * @param {{entity: object, parts: object[]}[]} items from ranges.entityRanges
   * @returns {{entity: object, parts: object[]}[]} the items rendered
   */
  render(items) {
    const usable = new Map();
    const ok = (part) => {
      let v = usable.get(part.node);
      if (v === undefined) {
        v = partIsCurrent(part) && !this.#byHead.has(part.node) && !this.#recordOf.has(part.node)
          && !part.node.parentElement?.matches(this.selector) && !splitsLayout(part.node);
        usable.set(part.node, v);
      }
      return v;
    };
    const good = items.filter((item) => item.parts.length > 0 && item.parts.every(ok));
    for (const [node, list] of partsByNode(good)) this.#wrapNode(node, list);
    return good;
  }

  /**
   * Nothing to do: spans are on the page as soon as render() made them (the highlight-api
   * renderer paints later, in batches).
   * @returns {number} how many ranges were painted: none
   */
  flush() {
    return 0;
  }

  #wrapNode(head, list) {
    const data = head.data;
    const doc = head.ownerDocument;
    const frag = doc.createDocumentFragment();
    const created = [];
    let pos = list[0].startInNode;
    for (const { entity, startInNode, endInNode } of list) {
      if (startInNode > pos) created.push(frag.appendChild(doc.createTextNode(data.slice(pos, startInNode))));
      const span = this.#spanFor(doc, entity);
      span.appendChild(doc.createTextNode(data.slice(startInNode, endInNode)));
      this.#entityOf.set(span, entity);
      created.push(frag.appendChild(span));
      pos = endInNode;
    }
    if (pos < data.length) created.push(frag.appendChild(doc.createTextNode(data.slice(pos))));
    const headData = data.slice(0, list[0].startInNode);
    const record = { head, headData, created };
    for (const node of created) this.#recordOf.set(node, record);
    this.#byHead.set(head, record);
    head.parentNode.insertBefore(frag, head.nextSibling);
    head.data = headData;
    const root = head.getRootNode();
    if (root.nodeType === 11 && root.host) this.#shadowRoots.add(root);
  }

  #spanFor(doc, entity) {
    const p = this.#prefix;
    const span = doc.createElement('span');
    span.className = `${p}-entity ${p}-${entity.type}`;
    span.dataset.entityType = entity.type;
    if (entity.id != null && entity.id !== '') span.dataset.entityId = String(entity.id);
    if (entity.group != null) span.dataset.entityGroup = String(entity.group);
    if (entity.canonical != null && entity.canonical !== '') span.dataset.entityCanonical = entity.canonical;
    return span;
  }

  /** The entity shown by a span of ours, or null. */
  entityOf(span) {
    return this.#entityOf.get(span) ?? null;
  }

  /** What the pointer is over: {entity, rect} or null. */
  entityAt(x, y, target) {
    const span = target?.closest?.(this.selector);
    const entity = span && this.#entityOf.get(span);
    return entity ? { entity, rect: span.getBoundingClientRect() } : null;
  }

  /**
   * Removes the spans under `root` (also in shadow roots under it) and merges their text back.
   * @returns {number} the number of spans removed
   */
  clearWithin(root) {
    const records = new Set();
    const scan = (scope) => {
      for (const span of scope.querySelectorAll(this.selector)) {
        const record = this.#recordOf.get(span);
        if (record) records.add(record);
      }
    };
    if (root.querySelectorAll) scan(root);
    for (const shadow of this.#shadowRoots) {
      if (!shadow.host.isConnected) this.#shadowRoots.delete(shadow);
      else if (containsComposed(root, shadow.host) || shadow === root) scan(shadow);
    }
    let removed = 0;
    for (const record of records) removed += this.#restore(record);
    return removed;
  }

  /** True when any span of ours is under `root`. */
  hasMarks(root) {
    if (root.querySelector?.(this.selector)) return true;
    for (const shadow of this.#shadowRoots) {
      if (containsComposed(root, shadow.host) && shadow.querySelector(this.selector)) return true;
    }
    return false;
  }

  #restore(record) {
    const { head, created } = record;
    const parent = head.parentNode;
    let text = head.data;
    let spans = 0;
    for (const node of created) {
      if (node.nodeType === 1) spans++;
      this.#recordOf.delete(node);
      if (!node.parentNode) continue;
      if (parent && node.parentNode === parent) {
        text += node.textContent;
        node.remove();
      } else if (!parent) {
        node.remove(); // the page removed the head: the rest of its text goes too
      } else if (node.nodeType === 1) {
        node.replaceWith(...node.childNodes); // moved elsewhere by the page: unwrap in place
      }
    }
    if (parent && head.data !== text) head.data = text;
    this.#byHead.delete(head);
    return spans;
  }

  /**
   * Keeps the page consistent after the page itself changed nodes we split: when it rewrote or
   * removed a head (what frameworks do with "their" text nodes), the nodes cut off that head
   * are stale and are removed. Call with the page's mutation records (not our own).
   * @returns {number} how many heads were repaired
   */
  repair(mutations) {
    let repaired = 0;
    const drop = (record) => {
      this.#byHead.delete(record.head);
      for (const node of record.created) {
        this.#recordOf.delete(node);
        node.remove();
      }
      repaired++;
    };
    for (const m of mutations) {
      if (m.type === 'characterData') {
        const record = this.#byHead.get(m.target);
        if (record && m.target.data !== record.headData) drop(record);
      } else if (m.type === 'childList') {
        for (const node of m.removedNodes) {
          const record = node.nodeType === 3 ? this.#byHead.get(node) : null;
          if (record && node.parentNode !== m.target && !node.isConnected) drop(record);
        }
      }
    }
    return repaired;
  }

  /** Forgets everything (the DOM is left as it is). */
  dispose() {
    this.#shadowRoots.clear();
  }
}
