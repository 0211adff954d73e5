// ranges.js owns the mapping from entity offsets in a block's text to positions inside the
// block's text nodes. An entity that crosses element boundaries ("<b>Bei</b>rut") maps to
// several pieces, one per text node it touches.

/**
 * @param {{text: string, pieces: {node: Text, start: number, end: number}[]}} block from collectBlocks
 * @param {{start: number, end: number}[]} entities sorted, non-overlapping, UTF-16 offsets into block.text
 * @returns {{entity: object, parts: {node: Text, startInNode: number, endInNode: number}[]}[]}
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
        startInNode: Math.max(start, piece.start) - piece.start,
        endInNode: Math.min(end, piece.end) - piece.start,
      });
    }
    out.push({ entity, parts });
  }
  return out;
}
