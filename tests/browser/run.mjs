#!/usr/bin/env node
// Runs every tests/browser/*.test.mjs in its own Node process, one after another, and exits
// non-zero if any of them failed.   Usage: node tests/browser/run.mjs

import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = dirname(fileURLToPath(import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.test.mjs')).sort();

const results = [];
for (const file of files) {
  console.log(`\n▶ ${file}`);
  const started = Date.now();
  const { status, signal } = spawnSync(process.execPath, [join(dir, file)], { stdio: 'inherit' });
  results.push({ file, ok: status === 0, how: signal ? `killed by ${signal}` : `exit ${status}`, ms: Date.now() - started });
}

console.log('\nSummary');
for (const r of results) console.log(`  ${r.ok ? 'PASS' : 'FAIL'}  ${r.file}  (${(r.ms / 1000).toFixed(1)} s${r.ok ? '' : `, ${r.how}`})`);
const failed = results.filter((r) => !r.ok).length;
console.log(`${results.length - failed}/${results.length} test files passed`);
process.exitCode = failed || !files.length ? 1 : 0;
