// browser.mjs owns the browser plumbing of the Chromium benchmark (bench/pages.mjs): where the
// build and the saved pages are, the loopback server (www/, the saved pages and mark.js's dist/),
// Chromium via playwright-core, one fresh context per measurement with every outside request
// refused, and loading a saved page until its own scripts are quiet.
//
// Outside requests are refused differently from tests/browser/harness.mjs, on purpose: the
// harness intercepts every request (context.route), which holds each one, ours included, for a
// round trip to Node. That is fine for tests but it would be timed here: the module graph, the
// wasm and the language packs are fetched during start-up. Instead Chromium gets a proxy that is
// a local sink answering 403 to everything: loopback addresses bypass a proxy in Chromium, every
// other request (IP literals too) goes to the sink, and no DNS lookup is made, because with a
// proxy the proxy resolves names. Nothing leaves the machine either way.

import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { isOurs, requireBuild } from '../tests/browser/harness.mjs';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const WWW = resolve(process.env.NOOR_WWW ?? join(REPO, 'www'));
// As the brief of the benchmark says: NOOR_SHARED, else ../shared, relative to the repo root.
export const SHARED = resolve(REPO, process.env.NOOR_SHARED ?? '../shared');
export const PAGES = join(SHARED, 'pages');
export const PAGES_PREFIX = '/__pages__/';
export const MARKJS_PREFIX = '/__bench__/markjs/';
const MARKJS_DIST = join(REPO, 'node_modules', 'mark.js', 'dist');

// The same flags as the browser tests (harness.mjs keeps its own copy private), plus the sink proxy.
const launchOptions = (sinkPort) => ({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  chromiumSandbox: false, // => --no-sandbox, required when running as root
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage',
    `--proxy-server=http://127.0.0.1:${sinkPort}`],
});

/** The proxy every outside request is sent to: it answers 403 and counts what was asked. */
function startSink() {
  const sink = { refused: 0 };
  const server = createServer((socket) => {
    sink.refused++;
    socket.on('error', () => {});
    socket.once('data', () => socket.end('HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n'));
    socket.setTimeout(2000, () => socket.destroy());
  });
  return new Promise((done, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      sink.port = server.address().port;
      sink.close = () => new Promise((r) => server.close(() => r()));
      done(sink);
    });
  });
}

// Same viewport and CSP bypass as pages.test.mjs: the saved pages' CSP would block our module.
export const CONTEXT_OPTIONS = { bypassCSP: true, viewport: { width: 1280, height: 900 } };

/** Throws one clear message (with the fix) for each thing the benchmark cannot run without. */
export function preflight({ markjs = true } = {}) {
  if (!existsSync(join(WWW, 'pkg'))) throw new Error(`${join(WWW, 'pkg')} is missing: build the wasm package first (make build)`);
  requireBuild(); // the harness knows which files of www/pkg the shim needs
  if (!existsSync(join(PAGES, 'SOURCES.md'))) {
    throw new Error(`${PAGES}/SOURCES.md not found: the saved pages live in ../shared/pages (set NOOR_SHARED to the shared folder)`);
  }
  if (markjs && !existsSync(join(MARKJS_DIST, 'mark.js'))) {
    throw new Error(`${MARKJS_DIST}/mark.js is missing: npm install (mark.js is a devDependency)`);
  }
}

/**
 * Starts the loopback server (www/ at the root, the saved pages, mark.js's dist/ and any
 * `extraMounts` {prefix: folder}), the sink and Chromium; stop() ends all three.
 */
export async function startBench({ extraMounts = {} } = {}) {
  const server = await serve(WWW, 0, { mounts: { [PAGES_PREFIX]: PAGES, [MARKJS_PREFIX]: MARKJS_DIST, ...extraMounts } });
  const sink = await startSink();
  let browser;
  try {
    browser = await chromium.launch(launchOptions(sink.port));
  } catch (err) {
    await server.close();
    await sink.close();
    throw err;
  }
  return {
    browser,
    baseUrl: server.url,
    version: browser.version(),
    /** Connections to the sink so far (outside requests refused). */
    refused: () => sink.refused,
    stop: async () => {
      await browser.close();
      await server.close();
      await sink.close();
    },
  };
}

/**
 * A fresh context and page (its own renderer process, no caches shared with earlier runs).
 * `problems` collects errors that come from our code (noor.js, src/, pkg/) or mark.js; the saved
 * pages' own script errors are theirs and ignored, as in the browser tests.
 */
export async function freshPage(browser, baseUrl) {
  const context = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block', ...CONTEXT_OPTIONS });
  const page = await context.newPage();
  const problems = [];
  const ours = (text) => isOurs(text, baseUrl) || String(text ?? '').includes(MARKJS_PREFIX);
  page.on('pageerror', (err) => {
    if (ours(err.stack) || String(err.message).startsWith('noor:')) problems.push(`page error: ${err.message}`);
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error' && (msg.text().startsWith('noor:') || ours(msg.location()?.url))) problems.push(`console error: ${msg.text()}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400 && ours(res.url())) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  const open = async (path, { waitUntil = 'load' } = {}) => {
    await page.goto(new URL(path.replace(/^\//, ''), baseUrl).href, { waitUntil });
    return page;
  };
  return { context, page, open, problems };
}

/**
 * Runs in the page: resolves once the body saw no node or text change for `quietMs` (`capMs`
 * at most). Some saved pages keep editing their body after load (aktualne removes a teaser).
 */
function settle({ quietMs, capMs }) {
  return new Promise((resolvePromise) => {
    let timer = 0;
    const done = () => {
      mo.disconnect();
      clearTimeout(cap);
      resolvePromise();
    };
    const mo = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(done, quietMs);
    });
    mo.observe(document.body, { childList: true, characterData: true, subtree: true });
    timer = setTimeout(done, quietMs);
    const cap = setTimeout(done, capMs);
  });
}

/** Opens a saved page in `page` and waits until it is loaded and quiet. */
export async function openSaved(open, page, name, { loadMs = 2000, quietMs = 200, capMs = 2000 } = {}) {
  // Some pages never fire "load" (an <img onerror> loop on youm7 that keeps asking for an image
  // that cannot come): give it `loadMs` at most; what matters is that the body has stopped changing.
  await open(`${PAGES_PREFIX}${name}/source.html`, { waitUntil: 'domcontentloaded' });
  await page.waitForLoadState('load', { timeout: loadMs }).catch(() => {});
  await page.evaluate(settle, { quietMs, capMs });
}
