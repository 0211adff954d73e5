// ranges.js owns the mapping from entity offsets in a block's text to positions inside the
// block's text nodes. An entity that crosses element boundaries ("<b>Bei</b>rut") maps to
// several parts, one per text node it touches. It also says whether those positions still hold:
// the page may have changed a node between collecting the text and rendering it.

/**
 * @param {{text: string, pieces: {node: Text, data: string, start: number, end: number, nodeStart: number}[]}} block
 *   from collect.js
 * @param {{start: number, end: number}[]} entities sorted, non-overlapping, UTF-16 offsets into block.text
 * @returns {{entity: object, parts: {node: Text, data: string, startInNode: number, endInNode: number}[]}[]}
 *   in document order; entities with offsets outside the text are dropped
 */
export function entityRanges(block, entities) {
  const out = [];
  let i = 0; // pieces are sorted, entities too: one forward pass over both
  for (const entity of entities) {
    const { start, end } = entity;
    if (!(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && start < end && end <= block.text.length)) {
      continue;
    }
    while (i < block.pieces.length && block.pieces[i].end <= start) i++;
    const parts = [];
    for (let k = i; k < block.pieces.length && block.pieces[k].start < end; k++) {
      const piece = block.pieces[k];
      parts.push({
        node: piece.node,
        data: piece.data,
        startInNode: piece.nodeStart + Math.max(start, piece.start) - piece.start,
        endInNode: piece.nodeStart + Math.min(end, piece.end) - piece.start,
      });
    }
    out.push({ entity, parts });
  }
  return out;
}

/** True when the part's text node is still in the document with the text it was read with. */
export function partIsCurrent(part) {
  return part.node.isConnected && part.node.data === part.data;
}

/**
 * Groups the parts of several entities by text node, in document order within each node.
 * @param {{entity: object, parts: object[]}[]} items
 * @returns {Map<Text, {entity: object, startInNode: number, endInNode: number}[]>}
 */
export function partsByNode(items) {
  const byNode = new Map();
  for (const { entity, parts } of items) {
    for (const { node, startInNode, endInNode } of parts) {
      let list = byNode.get(node);
      if (!list) byNode.set(node, (list = []));
      list.push({ entity, startInNode, endInNode });
    }
  }
  for (const list of byNode.values()) list.sort((a, b) => a.startInNode - b.startInNode);
  return byNode;
}

/** True when `node` is `root` or inside it, also through shadow roots. */
export function containsComposed(root, node) {
  for (let n = node; n; n = n.parentNode ?? (n.nodeType === 11 ? n.host : null)) {
    if (n === root) return true;
  }
  return false;
}
