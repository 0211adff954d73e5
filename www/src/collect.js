// collect.js owns reading text out of the DOM. It walks a root in document order and groups text
// nodes into blocks of running text. Inline markup joins ("<b>Vladimir</b> Putin" is one text);
// block-level elements, <br>, table cells, inline-blocks and skipped elements separate blocks.
// Offsets are UTF-16 code units, the same unit as String.prototype.slice and the wasm core.
//
// The walk is a generator so that the caller can stop between nodes and yield to the page: it
// yields a block whenever one is complete and TICK every few dozen nodes.

export const TICK = Symbol('noor.tick');

/** Elements whose contents are never prose, or not ours to touch (also not descended into). */
export const SKIP_TAGS = new Set([
  'script', 'style', 'noscript', 'template', 'textarea', 'input', 'select', 'option', 'optgroup',
  'datalist', 'code', 'pre', 'kbd', 'samp', 'var', 'svg', 'math', 'iframe', 'frame', 'object',
  'embed', 'canvas', 'video', 'audio', 'img', 'picture', 'head', 'title', 'meta', 'link',
]);

/**
 * The same rule as a selector, for checks from outside (tests, the observer): an element that
 * matches it, or sits inside one that does, is never highlighted. Hidden elements (display:none,
 * visibility:hidden, content-visibility:hidden) are skipped as well; a selector cannot say that.
 */
export const SKIP_SELECTOR = [...SKIP_TAGS, '[contenteditable]', '[aria-hidden="true" i]', '[hidden]'].join(',');

// Used to find block boundaries when an element is not rendered (detached, or in a document
// without a window), so computed styles are not available.
const BLOCK_TAGS = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'caption', 'center', 'dd', 'details',
  'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2',
  'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr', 'legend', 'li', 'main', 'menu', 'nav', 'ol',
  'p', 'search', 'section', 'summary', 'table', 'tbody', 'td', 'tfoot', 'th', 'thead', 'tr', 'ul',
  'button', // an inline-block
]);

/** Blocks longer than this are cut at a line or sentence end (one wasm call stays short). */
export const MAX_BLOCK = 2000;

const TEXT_NODE = 3;
const ELEMENT_NODE = 1;
const DOCUMENT_NODE = 9;
const FRAGMENT_NODE = 11;

/** Computed style when the element is rendered, else null. */
function styleOf(el) {
  const view = el.ownerDocument.defaultView;
  return view && el.isConnected ? view.getComputedStyle(el) : null;
}

/** True when `el` (not its ancestors) rules out its whole subtree. */
export function isSkipped(el, style = styleOf(el), ownSelector = '') {
  if (SKIP_TAGS.has(el.localName)) return true;
  if (el.namespaceURI !== 'http://www.w3.org/1999/xhtml') return true; // stray SVG/MathML parts
  if (el.hasAttribute('hidden') || el.hasAttribute('contenteditable')) return true;
  const ariaHidden = el.getAttribute('aria-hidden');
  if (ariaHidden && ariaHidden.toLowerCase() === 'true') return true;
  if (el.isContentEditable) return true; // designMode, or inside an editable host
  if (style && (style.display === 'none' || style.contentVisibility === 'hidden')) return true;
  return ownSelector ? el.matches(ownSelector) : false;
}

/** True when `el` starts a new block of text (its text never joins the text around it). */
export function isBlock(el, style = styleOf(el)) {
  if (!style) return BLOCK_TAGS.has(el.localName);
  // Only plain inline boxes (and display:contents / ruby) flow with their neighbours. An
  // inline-block is an atomic box: letters never join across its edge, and chips or menu items
  // with no space between them must not run together ("HomeWorldCairo").
  const d = style.display;
  return !(d === 'inline' || d === 'contents' || d.startsWith('ruby'));
}

/**
 * True when text under `node` may be highlighted at all: it is connected and no ancestor (up to
 * the document, across shadow roots) is skipped. Used for roots and observer containers.
 */
export function isEligible(node, ownSelector = '') {
  if (!node || !node.isConnected) return false;
  for (let n = node.nodeType === ELEMENT_NODE ? node : node.parentElement ?? hostOf(node); n; n = n.parentElement ?? hostOf(n)) {
    if (isSkipped(n, styleOf(n), ownSelector)) return false;
  }
  return true;
}

function hostOf(node) {
  const root = node.getRootNode?.();
  return root && root.nodeType === FRAGMENT_NODE && root.host ? root.host : null;
}

/** The element to process again when text under `node` changed: its nearest block ancestor. */
export function blockContainerOf(node, stopAt) {
  let el = node.nodeType === ELEMENT_NODE ? node : node.parentElement ?? hostOf(node);
  while (el && el !== stopAt) {
    if (isBlock(el)) return el;
    el = el.parentElement ?? hostOf(el);
  }
  return stopAt ?? el;
}

/** The index at which an over-long text is cut: after a newline, sentence end or space. */
function cutPoint(text, from, limit) {
  const end = Math.min(from + limit, text.length);
  if (end === text.length) return end;
  const window = text.slice(from, end);
  for (const re of [/\n[^\n]*$/, /[.!?؟。](\s)[^.!?؟。]*$/, /\s[^\s]*$/]) {
    const m = re.exec(window);
    if (m && m.index > limit / 2) return from + m.index + 1;
  }
  return end; // no break at all: cut anyway (never split a surrogate pair)
}

function splitBlock(block, limit) {
  if (block.text.length <= limit) return [block];
  const out = [];
  let from = 0;
  while (from < block.text.length) {
    let to = cutPoint(block.text, from, limit);
    const code = block.text.charCodeAt(to - 1);
    if (to < block.text.length && code >= 0xd800 && code <= 0xdbff) to--;
    const part = { text: block.text.slice(from, to), pieces: [], container: block.container };
    for (const p of block.pieces) {
      const s = Math.max(p.start, from);
      const e = Math.min(p.end, to);
      if (s >= e) continue;
      part.pieces.push({ node: p.node, data: p.data, start: s - from, end: e - from, nodeStart: p.nodeStart + (s - p.start) });
    }
    out.push(part);
    from = to;
  }
  return out;
}

/**
 * Walks `root` and yields its blocks in document order (and TICK now and then).
 * A block is {text, pieces, container}: pieces tile `text` exactly, each
 * {node, data, start, end, nodeStart} with node.data === data at collection time and
 * data.slice(nodeStart, nodeStart + end - start) === text.slice(start, end); `container` is the
 * innermost block-level element (or the root) that holds the whole block.
 * Blocks with only white space are left out.
 * @param {Element|Document|DocumentFragment} root
 * @param {{ownSelector?: string, shadowRoots?: boolean, onShadowRoot?: (r: ShadowRoot) => void,
 *          maxBlock?: number, tickEvery?: number}} [options]
 */
export function* walkBlocks(root, options = {}) {
  const { ownSelector = '', shadowRoots = false, onShadowRoot, maxBlock = MAX_BLOCK, tickEvery = 64 } = options;
  const start = root.nodeType === DOCUMENT_NODE ? root.body : root;
  if (!start) return;
  const rootContainer = start.nodeType === FRAGMENT_NODE ? start.host ?? start : start;

  let block = null;
  const pending = [];
  const endBlock = () => {
    if (block && /\S/.test(block.text)) pending.push(...splitBlock(block, maxBlock));
    block = null;
  };

  // An explicit stack instead of recursion: the walk can pause anywhere (generators cannot
  // yield from nested calls) and deep documents cannot overflow the call stack.
  const frames = [{ next: start.firstChild, separate: true, container: rootContainer, hidden: false }];
  if (shadowRoots && start.shadowRoot) {
    onShadowRoot?.(start.shadowRoot);
    frames.push({ next: start.shadowRoot.firstChild, separate: true, container: rootContainer, hidden: false });
  }
  let steps = 0;
  while (frames.length) {
    const frame = frames[frames.length - 1];
    const node = frame.next;
    if (!node) {
      frames.pop();
      if (frame.separate) endBlock();
    } else {
      frame.next = node.nextSibling;
      if (node.nodeType === TEXT_NODE) {
        if (frame.hidden) {
          endBlock();
        } else if (node.data) {
          block ??= { text: '', pieces: [], container: frame.container };
          const s = block.text.length;
          block.text += node.data;
          block.pieces.push({ node, data: node.data, start: s, end: block.text.length, nodeStart: 0 });
        }
      } else if (node.nodeType === ELEMENT_NODE) {
        const style = styleOf(node);
        // A skipped element still separates the text around it: "Cai<code>x</code>ro" is not Cairo.
        if (node.localName === 'br' || isSkipped(node, style, ownSelector)) {
          endBlock();
        } else {
          const shadow = shadowRoots ? node.shadowRoot : null;
          const separate = !!shadow || isBlock(node, style);
          if (separate) endBlock();
          const hidden = style ? style.visibility !== 'visible' : frame.hidden;
          const container = separate ? node : frame.container;
          frames.push({ next: node.firstChild, separate, container, hidden });
          if (shadow) {
            onShadowRoot?.(shadow);
            // Pushed last, walked first: the shadow tree is what is rendered in place of the host.
            frames.push({ next: shadow.firstChild, separate: true, container, hidden });
          }
        }
      }
      if (++steps % tickEvery === 0) yield TICK;
    }
    while (pending.length) yield pending.shift();
  }
  endBlock();
  while (pending.length) yield pending.shift();
}

/**
 * All blocks under `root` at once (the synchronous form of walkBlocks).
 * @returns {{text: string, pieces: object[], container: Element}[]}
 */
export function collectBlocks(root, options = {}) {
  const blocks = [];
  for (const item of walkBlocks(root, options)) if (item !== TICK) blocks.push(item);
  return blocks;
}
