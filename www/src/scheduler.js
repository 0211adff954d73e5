// scheduler.js owns cooperative scheduling. Work on a large page runs in slices of about 8 ms;
// between slices it yields to the page, so input, rendering and the page's own scripts never
// wait behind a long task (> 50 ms):
//
// - usually with scheduler.yield() where the browser has it (the continuation comes back ahead
//   of other tasks, so the total time stays short), else a setTimeout(0) task;
// - but at least every FRAME_MS it waits for the next animation frame to be rendered, because
//   Chromium runs yield() continuations before rendering: without this, a page being
//   highlighted for 300 ms would not repaint at all in the meantime. FRAME_MS is one frame at
//   60 Hz: the slices that run back to back before a frame, plus the slice that crosses the
//   line, plus the frame's own style and layout (18 ms on the largest saved page once our
//   spans are in) must stay under the 50 ms of a long animation frame, and at 33 ms they did
//   not (a 69 ms frame on readability-wikipedia: 46 ms of our slices, 18 ms of layout).
//
//   const slice = new Slicer();
//   for (const item of work) { doSomething(item); if (slice.expired()) await slice.yield(); }

export const SLICE_MS = 8;
export const FRAME_MS = 16;

/** Lets the browser run other tasks, then resolves. */
export function yieldToPage() {
  const s = globalThis.scheduler;
  // A page may define its own `scheduler` global; only trust a real yield().
  if (s && typeof s.yield === 'function') {
    try {
      return Promise.resolve(s.yield());
    } catch {
      // fall through to setTimeout
    }
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Resolves after the next animation frame has been rendered (at once in a hidden page). */
export function nextFrame(win = globalThis) {
  if (typeof win.requestAnimationFrame !== 'function' || win.document?.hidden) return yieldToPage();
  return new Promise((resolve) => {
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        resolve();
      }
    };
    // rAF callbacks run just before rendering; a task queued from there runs after it.
    win.requestAnimationFrame(() => setTimeout(finish, 0));
    setTimeout(finish, 100); // no frame coming (no compositor): go on anyway
  });
}

/** A time budget that restarts after every yield. */
export class Slicer {
  /**
   * @param {number} [sliceMs] work per slice
   * @param {number} [frameMs] longest stretch of slices without letting a frame render
   */
  constructor(sliceMs = SLICE_MS, frameMs = FRAME_MS) {
    this.sliceMs = sliceMs;
    this.frameMs = frameMs;
    this.deadline = performance.now() + sliceMs;
    this.lastFrame = performance.now();
    /** How many times this slicer has yielded, and how many of those waited for a frame. */
    this.yields = 0;
    this.frames = 0;
  }

  /** True when the current slice is used up. */
  expired() {
    return performance.now() >= this.deadline;
  }

  /**
   * Yields to the page and starts a new slice.
   * @param {boolean} [frame] wait for a rendered frame now (the DOM changes since the last one are
   *   enough for one frame's style and layout work)
   */
  async yield(frame = false) {
    if (frame || performance.now() - this.lastFrame >= this.frameMs) {
      await nextFrame();
      this.lastFrame = performance.now();
      this.frames++;
    } else {
      await yieldToPage();
    }
    this.yields++;
    this.deadline = performance.now() + this.sliceMs;
  }
}
