#!/usr/bin/env node
// Writes the README screenshots of the demo reader, highlighted by the real wasm core:
//   docs/screenshot.png              the whole demo (spans renderer)
//   docs/arabic-spans.png            the Arabic article, spans renderer, tooltip on موسكو
//   docs/arabic-highlight-api.png    the same with the CSS Custom Highlight API renderer
// Usage: node tests/browser/screenshot.mjs            all three
//        node tests/browser/screenshot.mjs out.png [--dark]   only the whole demo, to out.png

import { join, resolve } from 'node:path';
import { REPO, newPage, startBrowser, waitForNoor } from './harness.mjs';

const args = process.argv.slice(2);
const dark = args.includes('--dark');
const custom = args.find((a) => !a.startsWith('--'));

async function shoot(env, { renderer = 'spans', out, article = null, hover = null }) {
  const { context, page, open, problems } = await newPage(env.browser, env.baseUrl, {
    viewport: { width: 1000, height: 900 },
    colorScheme: dark ? 'dark' : 'light',
  });
  try {
    await open(`/?renderer=${renderer}`);
    await waitForNoor(page);
    await page.evaluate(() => document.fonts.ready);
    const used = await page.evaluate(() => window.noor.renderer);
    if (used !== renderer) throw new Error(`the demo used ${used}, not ${renderer}`);
    if (hover) {
      const point = await page.evaluate(({ article, hover }) => {
        const m = window.noor.marks(document.getElementById(article)).find((x) => x.entity.text === hover);
        const r = (m.node ?? m.range).getBoundingClientRect();
        return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }, { article, hover });
      await page.mouse.move(point.x, point.y);
      await page.waitForFunction(() => {
        const host = document.querySelector('.noor-tooltip-host');
        return host && !host.shadowRoot.querySelector('.noor-tooltip').hidden;
      });
    }
    if (problems.length) throw new Error(`the demo reported problems:\n  ${problems.join('\n  ')}`);
    if (article) {
      await page.locator(`#${article}`).screenshot({ path: out });
    } else {
      await page.screenshot({ path: out, fullPage: true });
    }
    console.log(`wrote ${out}`);
  } finally {
    await context.close();
  }
}

const env = await startBrowser();
try {
  if (custom) {
    await shoot(env, { out: resolve(custom) });
  } else {
    await shoot(env, { out: join(REPO, 'docs', 'screenshot.png') });
    for (const renderer of ['spans', 'highlight-api']) {
      await shoot(env, { renderer, out: join(REPO, 'docs', `arabic-${renderer}.png`), article: 'article-ar', hover: 'موسكو' });
    }
  }
} catch (err) {
  console.error(`screenshot failed: ${err.message}`);
  process.exitCode = 1;
} finally {
  await env.stop();
}
