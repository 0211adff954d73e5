// harness.mjs owns the plumbing shared by the browser tests: serving www/ on a free loopback port,
// launching Debian's Chromium through playwright-core, one fresh context per test, and failing a
// test on any console error, uncaught page error, HTTP status >= 400 or request that leaves the
// local server (the demo must work offline). Tests register with test() and call run() at the end:
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
  const server = await serve(WWW, 0);
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

/**
 * A fresh context and page that records every problem in `problems`.
 * open(path, {html}) navigates to baseUrl + path; with `html`, that path is answered with the
 * given document instead (same origin as www/, so it can import ./noor.js).
 */
export async function newPage(browser, baseUrl, contextOptions = {}) {
  const context = await browser.newContext({ colorScheme: 'light', ...contextOptions });
  const page = await context.newPage();
  const problems = [];
  const fixtures = new Map();

  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (fixtures.has(url)) {
      return route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: fixtures.get(url) });
    }
    if (url.startsWith(baseUrl) || url.startsWith('data:')) return route.continue();
    problems.push(`request outside the local server: ${url}`);
    return route.abort();
  });
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console error: ${msg.text()}`);
  });
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });

  const open = async (path, { html } = {}) => {
    const url = new URL(path.replace(/^\//, ''), baseUrl).href;
    if (html !== undefined) fixtures.set(url, html);
    await page.goto(url);
    return page;
  };
  return { context, page, open, problems };
}

/** Waits until the page sets <html data-noor-state>; throws with the page's message on 'error'. */
export async function waitForNoor(page, timeout = 20_000) {
  await page.waitForFunction(() => document.documentElement.dataset.noorState, null, { timeout });
  const state = await page.evaluate(() => document.documentElement.dataset.noorState);
  if (state !== 'done') {
    const message = await page.evaluate(() => document.getElementById('status')?.textContent ?? '');
    throw new Error(`page reported noorState=${state}: ${message}`);
  }
}

const tests = [];

/** Registers a test: fn({page, open, baseUrl}) runs in a fresh browser context. */
export function test(name, fn) {
  tests.push({ name, fn });
}

/** Runs the registered tests in order, prints one line each, sets the exit code. */
export async function run() {
  const file = process.argv[1] ? process.argv[1].replace(REPO + '/', '') : 'tests';
  let env;
  try {
    env = await startBrowser();
  } catch (err) {
    console.error(`✗ ${file}: could not start: ${err.message}`);
    process.exitCode = 1;
    return;
  }
  let failed = 0;
  for (const { name, fn } of tests) {
    const started = Date.now();
    const { context, page, open, problems } = await newPage(env.browser, env.baseUrl);
    let error = null;
    try {
      await fn({ page, open, baseUrl: env.baseUrl });
      if (problems.length) throw new Error(`the page reported problems:\n    ${problems.join('\n    ')}`);
    } catch (err) {
      error = err;
    }
    await context.close();
    const ms = `${Date.now() - started} ms`;
    if (error) {
      failed++;
      console.log(`  ✗ ${name} (${ms})\n    ${String(error.stack ?? error).split('\n').slice(0, 8).join('\n    ')}`);
    } else {
      console.log(`  ✓ ${name} (${ms})`);
    }
  }
  await env.stop();
  console.log(`${file}: ${tests.length - failed} passed, ${failed} failed`);
  process.exitCode = failed ? 1 : 0;
}
