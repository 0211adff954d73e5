#!/usr/bin/env node
// Writes a full-page screenshot of the demo reader, highlighted by the real wasm core.
// Usage: node tests/browser/screenshot.mjs [out.png = docs/screenshot.png] [--dark]

import { join, resolve } from 'node:path';
import { REPO, newPage, startBrowser, waitForNoor } from './harness.mjs';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const out = resolve(args.find((a) => !a.startsWith('--')) ?? join(REPO, 'docs', 'screenshot.png'));

const env = await startBrowser();
try {
  const { page, open, problems } = await newPage(env.browser, env.baseUrl, {
    viewport: { width: 1000, height: 900 },
    colorScheme: dark ? 'dark' : 'light',
  });
  await open('/');
  await waitForNoor(page);
  await page.evaluate(() => document.fonts.ready);
  if (problems.length) throw new Error(`the demo reported problems:\n  ${problems.join('\n  ')}`);
  await page.screenshot({ path: out, fullPage: true });
  console.log(`wrote ${out}`);
} catch (err) {
  console.error(`screenshot failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await env.stop();
}
