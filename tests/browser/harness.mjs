// harness.mjs owns the plumbing shared by the browser tests: serving www/ (and, read-only, the
// saved pages of ../shared/pages under /__pages__/) on a free loopback port, launching Debian's
// Chromium through playwright-core, one fresh context per test, and failing a test on problems:
//
// - strict pages (the demo, our fixtures): any console error, uncaught page error, HTTP status
//   >= 400 or request that leaves the local server fails the test (the demo must work offline);
// - offline pages (saved real pages): every request outside 127.0.0.1 is aborted and counted, and
//   only errors that come from our code (noor.js, src/, pkg/, styles.css, or "noor:" messages)
//   fail the test; the pages' own script errors and missing resources do not.
//
//   import { test, run, assert } from './harness.mjs';
//   test('demo loads', async ({ open }) => { const page = await open('/'); ... });
//   await run();

import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { serve } from '../../scripts/serve.mjs';

export { default as assert } from 'node:assert/strict';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// NOOR_WWW lets the same tests run against another copy of the site (e.g. a packaged build).
export const WWW = resolve(process.env.NOOR_WWW ?? join(REPO, 'www'));
// The saved real pages (read-only, never copied into the repository).
export const SHARED_PAGES = resolve(process.env.NOOR_SHARED ?? join(REPO, '..', 'shared'), 'pages');
export const PAGES_PREFIX = '/__pages__/';

const LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  chromiumSandbox: false, // => --no-sandbox, required when running as root
  args: ['--disable-background-networking', '--disable-component-update', '--disable-sync',
    '--no-first-run', '--disable-gpu', '--disable-dev-shm-usage'],
};

/** Fails early, with the fix, when the wasm package has not been built. */
export function requireBuild() {
  const wasm = join(WWW, 'pkg', 'noor_bg.wasm');
  if (!existsSync(wasm)) {
    throw new Error(`${wasm} is missing: build the wasm package first (make build)`);
  }
}

/** Starts the static server and Chromium. Call stop() when done. */
export async function startBrowser() {
  requireBuild();
  const mounts = existsSync(SHARED_PAGES) ? { [PAGES_PREFIX]: SHARED_PAGES } : {};
  const server = await serve(WWW, 0, { mounts });
  let browser;
  try {
    browser = await chromium.launch(LAUNCH_OPTIONS);
  } catch (err) {
    await server.close();
    throw err;
  }
  const stop = async () => {
    await browser.close();
    await server.close();
  };
  return { browser, baseUrl: server.url, stop };
}

/** True when a stack trace or URL points into our own code on the local server. */
export function isOurs(text, baseUrl) {
  if (!text) return false;
  return ['noor.js', 'src/', 'pkg/', 'styles.css'].some((p) => text.includes(baseUrl + p));
}

/**
 * A fresh context and page that records every problem in `problems`.
 * open(path, {html}) navigates to baseUrl + path; with `html`, that path is answered with the
 * given document instead (same origin as www/, so it can import ./noor.js).
 * @param {{offline?: boolean}} [mode] offline: the page is a saved real page (see the top)
 */
export async function newPage(browser, baseUrl, contextOptions = {}, { offline = false } = {}) {
  const context = await browser.newContext({ colorScheme: 'light', serviceWorkers: 'block', ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const blocked = [];
  const fixtures = new Map();

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (fixtures.has(url)) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixtures.get(url) });
    }
    if (url.startsWith(baseUrl) || url.startsWith('data:') || url.startsWith('blob:')) return route.continue();
    if (offline) blocked.push(url);
    else problems.push(`request outside the local server: ${url}`);
    return route.abort('blockedbyclient');
  });
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const where = msg.location()?.url ?? '';
    if (!offline || msg.text().startsWith('noor:') || isOurs(where, baseUrl)) problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => {
    if (!offline || isOurs(err.stack, baseUrl) || String(err.message).startsWith('noor:')) {
      problems.push(`page error: ${err.message}\n      ${String(err.stack ?? '').split('\n').slice(1, 4).join('\n      ')}`);
    }
  });
  page.on('response', (res) => {
    if (res.status() < 400) return;
    const url = res.url();
    if (!offline || isOurs(url, baseUrl)) {
      problems.push(`HTTP ${res.status()} for ${url}`);
    }
  });

  const open = async (path, { html, waitUntil = 'load' } = {}) => {
    const url = new URL(path.replace(/^\//, ''), baseUrl).href;
    if (html !== undefined) fixtures.set(url, html);
    await page.goto(url, { waitUntil });
    return page;
  };
  return { context, page, open, problems, blocked };
}

/** Waits until the page sets <html data-noor-state=done>; throws with the page's message on 'error'. */
export async function waitForNoor(page, timeout = 20_000) {
  await page.waitForFunction(() => ['done', 'error'].includes(document.documentElement.dataset.noorState), null, { timeout });
  const state = await page.evaluate(() => document.documentElement.dataset.noorState);
  if (state !== 'done') {
    const message = await page.evaluate(() => document.getElementById('status')?.textContent ?? '');
    throw new Error(`page reported noorState=${state}: ${message}`);
  }
}

const tests = [];

/**
 * Registers a test: fn({page, open, baseUrl, blocked}) runs in a fresh browser context.
 * @param {{context?: object, offline?: boolean}} [options] context options, offline mode
 */
export function test(name, fn, options = {}) {
  tests.push({ name, fn, options });
}

/** Runs the registered tests in order, prints one line each, sets the exit code. */
export async function run({ before } = {}) {
  const file = process.argv[1] ? process.argv[1].replace(REPO + '/', '') : 'tests';
  let env;
  try {
    env = await startBrowser();
  } catch (err) {
    console.error(`✗ ${file}: could not start: ${err.message}`);
    process.exitCode = 1;
    return;
  }
  await before?.(env);
  let failed = 0;
  for (const { name, fn, options } of tests) {
    const started = Date.now();
    const { context, page, open, problems, blocked } = await newPage(env.browser, env.baseUrl, options.context, options);
    let error = null;
    try {
      await fn({ page, open, baseUrl: env.baseUrl, blocked, context, browser: env.browser });
      if (problems.length) throw new Error(`the page reported problems:\n    ${problems.join('\n    ')}`);
    } catch (err) {
      error = err;
    }
    await context.close();
    const ms = `${Date.now() - started} ms`;
    if (error) {
      failed++;
      console.log(`  ✗ ${name} (${ms})\n    ${String(error.stack ?? error).split('\n').slice(0, 12).join('\n    ')}`);
    } else {
      console.log(`  ✓ ${name} (${ms})`);
    }
  }
  await env.stop();
  console.log(`${file}: ${tests.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
