// tooltip.js owns the hover details: a single overlay element that shows an entity's type,
// canonical name and ID. The overlay is a <div class="noor-tooltip-host"> appended to the
// <html> element, outside <body>, with its contents in a shadow root: it is never part of the
// page's text (body.textContent, innerText), the page's CSS cannot reach it, and it exists only
// while something is highlighted (remove() takes it out).
//
// Its look comes from custom properties (--noor-tooltip-bg, --noor-tooltip-fg, ...) set in
// styles.css; they inherit into the shadow root, so pages can theme it.

/** Human-readable names for the entity types. */
export const TYPE_LABELS = {
  PER: 'Person',
  ORG: 'Organization',
  LOC: 'Place',
  MISC: 'Other name',
  DATE: 'Date',
  TIME: 'Time',
  NUM: 'Number',
  MONEY: 'Money',
  PERCENT: 'Percent',
};

/** The lines a tooltip shows for an entity: {type, label, name, id, value}. */
export function describe(entity) {
  return {
    type: entity.type,
    label: TYPE_LABELS[entity.type] ?? entity.type,
    name: entity.canonical || entity.text || '',
    id: entity.id ?? '',
    value: entity.value ?? '',
  };
}

const TOOLTIP_CSS = `
:host { all: initial; position: fixed; left: 0; top: 0; z-index: 2147483647; pointer-events: none; }
.noor-tooltip {
  position: fixed; box-sizing: border-box; max-width: min(22rem, calc(100vw - 16px));
  padding: 6px 10px; border-radius: 6px;
  background: var(--noor-tooltip-bg, #1f2328); color: var(--noor-tooltip-fg, #f6f8fa);
  border: 1px solid var(--noor-tooltip-border, #1f2328);
  box-shadow: 0 4px 14px rgb(0 0 0 / 0.25);
  font: 13px/1.4 system-ui, "Noto Sans", "DejaVu Sans", sans-serif; text-align: start;
  overflow-wrap: anywhere;
}
.noor-tooltip[hidden] { display: none; }
.noor-tooltip-type { display: block; font-size: 11px; font-weight: 600; letter-spacing: .04em;
  text-transform: uppercase; color: var(--noor-tooltip-muted, #c9d1d9); }
.noor-tooltip-name { display: block; font-weight: 600; font-size: 14px; }
.noor-tooltip-id, .noor-tooltip-value { display: block; font-family: "DejaVu Sans Mono", ui-monospace, monospace;
  font-size: 12px; color: var(--noor-tooltip-muted, #c9d1d9); }
@media (prefers-color-scheme: dark) {
  .noor-tooltip { background: var(--noor-tooltip-bg, #f6f8fa); color: var(--noor-tooltip-fg, #1f2328);
    border-color: var(--noor-tooltip-border, #d0d7de); }
  .noor-tooltip-type, .noor-tooltip-id, .noor-tooltip-value { color: var(--noor-tooltip-muted, #424a53); }
}
`;

export class Tooltip {
  #doc;
  #mutate;
  #host = null;
  #box = null;
  #lines = null;
  /** The entity on show, or null. */
  current = null;

  /**
   * @param {Document} doc
   * @param {{mutate?: (fn: () => void) => void}} [options] runs DOM changes outside the page
   *   (so that an observer can tell them apart from the page's own)
   */
  constructor(doc, { mutate = (fn) => fn() } = {}) {
    this.#doc = doc;
    this.#mutate = mutate;
  }

  /** The host element while it is in the document, else null. */
  get host() {
    return this.#host?.isConnected ? this.#host : null;
  }

  #ensure() {
    if (this.#host?.isConnected) return;
    const doc = this.#doc;
    const host = doc.createElement('div');
    host.className = 'noor-tooltip-host';
    const shadow = host.attachShadow({ mode: 'open' });
    const style = doc.createElement('style');
    style.textContent = TOOLTIP_CSS;
    const box = doc.createElement('div');
    box.className = 'noor-tooltip';
    box.setAttribute('role', 'tooltip');
    box.setAttribute('part', 'tooltip');
    box.hidden = true;
    const lines = {};
    for (const key of ['type', 'name', 'id', 'value']) {
      lines[key] = box.appendChild(doc.createElement('span'));
      lines[key].className = `noor-tooltip-${key}`;
    }
    lines.id.dir = 'ltr';
    shadow.append(style, box);
    this.#mutate(() => doc.documentElement.appendChild(host));
    this.#host = host;
    this.#box = box;
    this.#lines = lines;
  }

  /**
   * Shows the details of `entity` next to `rect` (client coordinates).
   * @param {object} entity
   * @param {DOMRect} rect
   */
  show(entity, rect) {
    this.#ensure();
    if (this.current !== entity) {
      const d = describe(entity);
      this.#lines.type.textContent = `${d.label} · ${d.type}`;
      this.#lines.name.textContent = d.name;
      this.#lines.id.textContent = d.id;
      this.#lines.value.textContent = d.value;
      this.#lines.id.hidden = !d.id;
      this.#lines.value.hidden = !d.value;
      this.current = entity;
    }
    const box = this.#box;
    box.hidden = false;
    const view = this.#doc.defaultView;
    const w = box.offsetWidth;
    const h = box.offsetHeight;
    // Above the mark, centred on it (the text under it stays readable), below when there is
    // no room above; always inside the viewport.
    const gap = 6;
    let top = rect.top - gap - h;
    if (top < 0) top = rect.bottom + gap;
    const left = Math.max(8, Math.min(rect.left + rect.width / 2 - w / 2, view.innerWidth - w - 8));
    box.style.left = `${Math.round(left)}px`;
    box.style.top = `${Math.round(top)}px`;
  }

  hide() {
    if (this.#box) this.#box.hidden = true;
    this.current = null;
  }

  /** Takes the overlay out of the document. */
  remove() {
    const host = this.#host;
    this.hide();
    this.#host = null;
    if (host?.parentNode) this.#mutate(() => host.remove());
  }
}

/**
 * Shows the tooltip while the pointer is over an entity. `lookup(x, y, target)` returns
 * {entity, rect} or null. Pointer moves are handled at most once per animation frame.
 */
export class HoverWatcher {
  #doc;
  #tooltip;
  #lookup;
  #frame = 0;
  #last = null;
  #attached = false;

  constructor(doc, tooltip, lookup) {
    this.#doc = doc;
    this.#tooltip = tooltip;
    this.#lookup = lookup;
  }

  #onMove = (event) => {
    this.#last = event;
    if (this.#frame) return;
    this.#frame = this.#doc.defaultView.requestAnimationFrame(() => {
      this.#frame = 0;
      this.check(this.#last.clientX, this.#last.clientY, this.#last.target);
    });
  };

  #onHide = () => this.#tooltip.hide();

  #onKey = (event) => {
    if (event.key === 'Escape') this.#tooltip.hide();
  };

  /** Updates the tooltip for a pointer at (x, y) over `target`. */
  check(x, y, target) {
    let hit = null;
    try {
      hit = this.#lookup(x, y, target);
    } catch {
      hit = null; // a lookup must never break the page's pointer handling
    }
    if (hit) this.#tooltip.show(hit.entity, hit.rect);
    else this.#tooltip.hide();
    return hit;
  }

  attach() {
    if (this.#attached) return;
    this.#attached = true;
    const doc = this.#doc;
    doc.addEventListener('pointermove', this.#onMove, { passive: true, capture: true });
    doc.addEventListener('pointerdown', this.#onHide, { passive: true, capture: true });
    doc.addEventListener('scroll', this.#onHide, { passive: true, capture: true });
    doc.documentElement.addEventListener('pointerleave', this.#onHide, { passive: true });
    doc.addEventListener('keydown', this.#onKey, { passive: true, capture: true });
  }

  detach() {
    if (!this.#attached) return;
    this.#attached = false;
    const doc = this.#doc;
    doc.removeEventListener('pointermove', this.#onMove, { capture: true });
    doc.removeEventListener('pointerdown', this.#onHide, { capture: true });
    doc.removeEventListener('scroll', this.#onHide, { capture: true });
    doc.documentElement.removeEventListener('pointerleave', this.#onHide);
    doc.removeEventListener('keydown', this.#onKey, { capture: true });
    if (this.#frame) this.#doc.defaultView.cancelAnimationFrame(this.#frame);
    this.#frame = 0;
    this.#tooltip.hide();
  }
}
