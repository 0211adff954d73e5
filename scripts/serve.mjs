#!/usr/bin/env node
// Tiny static file server for the demo and the browser tests: node:http only, loopback only,
// explicit MIME map (browsers refuse to stream-compile wasm served without application/wasm).
//
//   node scripts/serve.mjs [root=www]          PORT=8080 by default; PORT=0 picks a free port
//   import { serve } from './scripts/serve.mjs'; const { url, close } = await serve('www', 0);
//
// Extra folders can be mounted read-only under a URL prefix (the browser tests serve the saved
// pages of ../shared/pages this way, without copying them):
//   await serve('www', 0, { mounts: { '/__pages__/': '/work/shared/pages' } });

import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8', // wasm-bindgen's .d.ts files, for reading in the browser
};

/** Maps a request path to a file under `root`, or null if it would leave the root. */
function fileFor(root, pathname) {
  let decoded;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null; // malformed %-escape
  }
  if (decoded.includes('\0')) return null;
  // join() normalizes "..", so the prefix check below sees the real target.
  const file = join(root, decoded);
  return file === root || file.startsWith(root + sep) ? file : null;
}

/**
 * Serves `root` on 127.0.0.1:`port` (0 = any free port).
 * @param {string} [root]
 * @param {number} [port]
 * @param {{mounts?: Record<string, string>}} [options] URL prefix ("/x/") -> folder, served read-only
 * @returns {Promise<{url: string, close: () => Promise<void>}>}
 */
export function serve(root = 'www', port = 8080, { mounts = {} } = {}) {
  const rootDir = resolve(root);
  const mounted = Object.entries(mounts).map(([prefix, dir]) => [`/${prefix.replace(/^\/+|\/+$/g, '')}/`, resolve(dir)]);
  const server = createServer(async (req, res) => {
    const send = (status, body, headers = {}) => {
      res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed\n', { Allow: 'GET, HEAD' });

    const { pathname } = new URL(req.url, 'http://localhost');
    const mount = mounted.find(([prefix]) => pathname.startsWith(prefix));
    let file = mount ? fileFor(mount[1], pathname.slice(mount[0].length - 1)) : fileFor(rootDir, pathname);
    if (!file) return send(403, 'forbidden\n');
    try {
      if ((await stat(file)).isDirectory()) {
        if (!pathname.endsWith('/')) return send(301, '', { Location: pathname + '/' });
        file = join(file, 'index.html');
      }
      const body = await readFile(file);
      send(200, body, {
        'Content-Type': MIME[extname(file).toLowerCase()] ?? 'application/octet-stream',
        'Content-Length': body.length,
        'Cache-Control': 'no-store', // a development server: always serve the latest build
        'X-Content-Type-Options': 'nosniff',
      });
    } catch (err) {
      send(err.code === 'ENOENT' || err.code === 'ENOTDIR' ? 404 : 500, `${err.code ?? 'error'}: ${pathname}\n`);
    }
  });

  return new Promise((resolvePromise, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const url = `http://127.0.0.1:${server.address().port}/`;
      const close = () => new Promise((done) => {
        server.closeAllConnections?.();
        server.close(() => done());
      });
      resolvePromise({ url, close });
    });
  });
}

// Command-line use.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const root = process.argv[2] ?? 'www';
  const port = Number(process.env.PORT ?? 8080);
  const { url } = await serve(root, port);
  console.log(`serving ${resolve(root)} at ${url}`);
}
