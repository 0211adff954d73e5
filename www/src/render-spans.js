// render-spans.js owns changing the DOM: it wraps pieces of text nodes in <span> elements and
// takes them out again. The page's text is never parsed as HTML; existing text nodes are split
// (splitText) and moved into the spans, so event listeners, selections and references elsewhere
// keep pointing at the same nodes.
//
// unwrap() restores the DOM exactly. It does not call Node.normalize(), which would also merge
// text nodes that were already separate before highlighting; instead it merges back exactly the
// nodes that wrap() split off.

// span -> the text nodes that splitText created while making it. Each of them was cut off the end
// of its previous sibling, so restoring means appending it back to that sibling.
const createdBy = new WeakMap();

/**
 * Wraps node.data[startInNode, endInNode) in `span`. Call in reverse document order when several
 * parts share a node, so that the offsets of the parts not yet wrapped stay valid.
 * @param {{node: Text, startInNode: number, endInNode: number}} part
 * @param {HTMLElement} span an empty element, not yet in the document
 */
export function wrap({ node, startInNode, endInNode }, span) {
  const created = [];
  let target = node;
  if (startInNode > 0) {
    target = node.splitText(startInNode);
    created.push(target);
  }
  if (endInNode - startInNode < target.length) {
    created.push(target.splitText(endInNode - startInNode));
  }
  target.parentNode.insertBefore(span, target);
  span.appendChild(target);
  createdBy.set(span, created);
}

/**
 * Removes every element matching `selector` under `root` (our spans), puts their text back and
 * merges the text nodes that wrap() split.
 * @returns {number} how many spans were removed
 */
export function unwrap(root, selector) {
  const spans = root.querySelectorAll(selector);
  const created = [];
  for (const span of spans) {
    created.push(...(createdBy.get(span) ?? []));
    createdBy.delete(span);
    span.replaceWith(...span.childNodes);
  }
  // Order does not matter: every created node goes back into whatever text node now precedes it,
  // which is the (possibly already re-merged) text it was cut from.
  for (const node of created) {
    const prev = node.previousSibling;
    if (node.parentNode && prev && prev.nodeType === 3 /* TEXT_NODE */) {
      prev.appendData(node.data);
      node.remove();
    }
  }
  return spans.length;
}
