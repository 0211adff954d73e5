// styles.js owns getting the entity styles onto a page without touching its DOM. The rules live
// in www/styles.css (the one source: pages may also link it directly). They are fetched once,
// next to this module, parsed into a constructed CSSStyleSheet and adopted by the document and by
// every shadow root that holds marks (document styles do not reach into shadow trees, and neither
// do ::highlight() rules). Without adoptedStyleSheets a <style> element goes into <head>, never
// into <body>.

const DEFAULT_URL = new URL('../styles.css', import.meta.url);

let cssText = null; // one fetch per page, shared by every highlighter

/**
 * Fetches the stylesheet text (once). Resolves to null when it cannot be loaded: highlighting
 * still works, unstyled, and the page may bring its own styles.
 * @param {string|URL} [url]
 */
export function loadStyles(url = DEFAULT_URL) {
  const key = String(url);
  if (cssText && cssText.key === key) return cssText.promise;
  const promise = fetch(key)
    .then((res) => (res.ok ? res.text() : null))
    .catch(() => null);
  cssText = { key, promise };
  return promise;
}

/**
 * The CSS text without its ::highlight() rules (what the spans renderer needs). Adding a
 * ::highlight() rule restyles every element of the page, a cost the spans renderer need not pay.
 */
export function withoutHighlightRules(text, Sheet = globalThis.CSSStyleSheet) {
  const sheet = new Sheet();
  sheet.replaceSync(text);
  const prune = (group) => {
    for (let i = group.cssRules.length - 1; i >= 0; i--) {
      const rule = group.cssRules[i];
      if (rule.selectorText !== undefined) {
        if (rule.selectorText.includes('::highlight')) group.deleteRule(i);
      } else if (rule.cssRules) {
        prune(rule);
        if (rule.cssRules.length === 0) group.deleteRule(i);
      }
    }
  };
  prune(sheet);
  return [...sheet.cssRules].map((r) => r.cssText).join('\n');
}

/** Installs stylesheet text into documents and shadow roots, each once, and takes it out again. */
export class StyleInstaller {
  #text;
  #installed = new Map(); // Document | ShadowRoot -> CSSStyleSheet | HTMLStyleElement

  /** @param {string|null} text CSS text, or null for "no styles" */
  constructor(text) {
    this.#text = text;
  }

  /** True when there is something to install. */
  get active() {
    return !!this.#text;
  }

  /** Makes sure the tree that holds `node` has the styles. */
  installFor(node) {
    if (!this.#text) return;
    const root = node.nodeType === 9 || node.nodeType === 11 ? node : node.getRootNode();
    if (this.#installed.has(root) || !(root.nodeType === 9 || root.host)) return;
    const doc = root.nodeType === 9 ? root : root.ownerDocument;
    const Sheet = doc.defaultView?.CSSStyleSheet;
    if (Sheet && 'adoptedStyleSheets' in root) {
      try {
        const sheet = new Sheet();
        sheet.replaceSync(this.#text);
        root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
        this.#installed.set(root, sheet);
        return;
      } catch {
        // fall back to a <style> element
      }
    }
    const style = doc.createElement('style');
    style.className = 'noor-styles';
    style.textContent = this.#text;
    (root.nodeType === 9 ? doc.head ?? doc.documentElement : root).appendChild(style);
    this.#installed.set(root, style);
  }

  /** Removes the styles from every tree they were added to. */
  uninstallAll() {
    for (const [root, item] of this.#installed) {
      if (item.nodeType === 1) item.remove();
      else root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s !== item);
    }
    this.#installed.clear();
  }
}
