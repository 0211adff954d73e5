// collect.js owns reading text out of the DOM: it walks a root in document order and groups text
// nodes into blocks of running text. Inline markup joins ("<b>Vladimir</b> Putin" is one text);
// block elements, <br>, table cells and skipped elements separate blocks. Offsets are UTF-16 code
// units, the same unit as String.prototype.slice and as the offsets the wasm core returns.

// Elements whose contents are not prose, or not ours to touch.
const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option',
  'code', 'pre', 'kbd', 'samp', 'svg', 'math', 'iframe', 'object', 'embed', 'canvas',
]);

// Used to find block boundaries when the element is not rendered (detached, or in a document
// without a window), so computed styles are not available.
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'dd', 'details', 'dialog',
  'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'nav', 'ol', 'p',
  'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
]);

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;

/** Computed style when the element is rendered, else null. */
function styleOf(el) {
  const view = el.ownerDocument.defaultView;
  return view && el.isConnected ? view.getComputedStyle(el) : null;
}

function isSkipped(el, style, ownSelector) {
  if (SKIP_TAGS.has(el.localName)) return true;
  if (el.hidden || el.getAttribute('aria-hidden') === 'true') return true;
  const editable = el.getAttribute('contenteditable');
  if (editable !== null && editable !== 'false') return true;
  if (style && style.display === 'none') return true;
  return ownSelector ? el.matches(ownSelector) : false;
}

function isBlock(el, style) {
  if (!style) return BLOCK_TAGS.has(el.localName);
  // inline, inline-block, inline-flex, ... and display:contents all flow with their neighbours.
  const d = style.display;
  return !(d.startsWith('inline') || d === 'contents' || d.startsWith('ruby'));
}

/**
 * Collects the text blocks under `root`.
 * @param {Element|Document|DocumentFragment} root
 * @param {{ownSelector?: string}} [options] elements matching ownSelector (our spans) are skipped
 * @returns {{text: string, pieces: {node: Text, start: number, end: number}[]}[]}
 *   pieces tile `text` exactly: pieces[i].node.data === text.slice(pieces[i].start, pieces[i].end)
 */
export function collectBlocks(root, { ownSelector } = {}) {
  const blocks = [];
  let block = null;

  const endBlock = () => {
    if (block) blocks.push(block);
    block = null;
  };

  const visit = (parent) => {
    for (let node = parent.firstChild; node; node = node.nextSibling) {
      if (node.nodeType === TEXT_NODE) {
        if (!node.data) continue;
        block ??= { text: '', pieces: [] };
        const start = block.text.length;
        block.text += node.data;
        block.pieces.push({ node, start, end: block.text.length });
      } else if (node.nodeType === ELEMENT_NODE) {
        const style = styleOf(node);
        // A skipped element still separates the text around it: "Cai<code>x</code>ro" is not Cairo.
        if (node.localName === 'br' || isSkipped(node, style, ownSelector)) {
          endBlock();
          continue;
        }
        const separate = isBlock(node, style);
        if (separate) endBlock();
        visit(node);
        if (separate) endBlock();
      }
    }
  };

  visit(root.nodeType === 9 /* DOCUMENT_NODE */ ? root.body : root);
  endBlock();
  return blocks;
}
