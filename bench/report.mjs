#!/usr/bin/env node
// Assembles BENCHMARKS.md at the repository root from the pieces in target/bench: a header (date,
// commit, machine, tool and package versions), one headline table collected from every piece's
// `headline` array, then each piece's markdown section in a fixed order. A missing piece leaves a
// visible "not run" note instead of failing, so a partial run still gives a readable report.
//
//   node bench/report.mjs

import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { arch, cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { OUT_DIR, ROOT, fixed, gitCommit, repoPath, shown, table } from './lib.mjs';
import { buildId } from './load.mjs';

/** The pieces, in report order, with the command that produces each. */
const PIECES = [
  { name: 'sizes', title: 'Sizes', how: 'node bench/sizes.mjs' },
  { name: 'native', title: 'Native', how: 'target/release-native/noor bench' },
  { name: 'node', title: 'Node (wasm)', how: 'node bench/node.mjs' },
  { name: 'peers', title: 'Peers (Node)', how: 'node bench/peers.mjs' },
  { name: 'chromium', title: 'Chromium', how: 'node bench/pages.mjs' },
  { name: 'lexmatch', title: 'Lexicon matching', how: 'bench/lexmatch/run.sh (make bench-lexmatch)' },
];

/** The first line a command prints, or null when it is missing or fails. */
function versionOf(cmd, args = ['--version']) {
  try {
    const out = execFileSync(cmd, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
    return out.trim().split('\n')[0] || null;
  } catch {
    return null;
  }
}

function packageVersion(name) {
  const p = repoPath('node_modules', name, 'package.json');
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')).version : null;
}

function machine() {
  const cpuinfo = existsSync('/proc/cpuinfo') ? readFileSync('/proc/cpuinfo', 'utf8') : '';
  const osRelease = existsSync('/etc/os-release') ? readFileSync('/etc/os-release', 'utf8') : '';
  const cargoToml = readFileSync(repoPath('Cargo.toml'), 'utf8');
  return {
    cpu: cpuinfo.match(/^model name\s*:\s*(.+)$/m)?.[1] ?? cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    ramGiB: totalmem() / 2 ** 30,
    os: `${osRelease.match(/^PRETTY_NAME="?([^"\n]+)"?/m)?.[1] ?? 'unknown'}, Linux ${release()} (${arch()})`,
    noor: cargoToml.match(/^version\s*=\s*"([^"]+)"/m)?.[1] ?? 'unknown',
    rustc: versionOf('rustc'),
    node: process.version,
    wasmBindgen: versionOf('wasm-bindgen'),
    wasmOpt: versionOf(repoPath('node_modules', '.bin', 'wasm-opt')),
    // /usr/bin/chromium is a shell wrapper that may print noise on stderr; only stdout counts.
    chromium: versionOf('chromium'),
    packages: Object.fromEntries(['compromise', 'mark.js', 'playwright-core', 'binaryen'].map((p) => [p, packageVersion(p)])),
  };
}

/** A piece's json and md, or what is missing. */
function readPiece(p) {
  const json = join(OUT_DIR, `${p.name}.json`);
  const md = join(OUT_DIR, `${p.name}.md`);
  const piece = { ...p, json: null, md: null, measuredAt: null };
  if (existsSync(md)) piece.md = readFileSync(md, 'utf8').trim();
  if (existsSync(json)) {
    try {
      piece.json = JSON.parse(readFileSync(json, 'utf8'));
    } catch (e) {
      piece.error = `${shown(json)} is not valid JSON (${e.message})`;
    }
  }
  const stamp = piece.json?.measuredAt ?? piece.json?.measured_at ?? piece.json?.generated;
  piece.measuredAt = stamp ?? (existsSync(json) ? statSync(json).mtime.toISOString() : existsSync(md) ? statSync(md).mtime.toISOString() : null);
  return piece;
}

const resultText = (h) => (h.met === true ? 'met' : h.met === false ? `**missed**${h.shortfall ? `: ${h.shortfall}` : ''}` : '—');

function report() {
  const m = machine();
  const head = gitCommit();
  const subject = versionOf('git', ['log', '-1', '--format=%s']);
  const pieces = PIECES.map(readPiece);
  // The build in www/pkg now, to flag sections measured on another one (null when not built).
  let build = null;
  try {
    build = buildId();
  } catch {}
  const L = ['# Noor benchmarks', ''];
  L.push(
    `Generated ${new Date().toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC')} by \`make bench\` (\`bench/report.mjs\`). ` +
      'Absolute times drift with the machine and its load; the ratios (against the targets, against the peers, between input ' +
      'sizes) are the headline.',
    '',
  );
  L.push(
    table(
      ['', ''],
      [
        ['commit', `\`${head ?? 'not a git checkout'}\`${subject ? ` (${subject})` : ''}`],
        ['build', build ? `\`${build}\` (hash of \`www/pkg\`'s glue, wasm and packs; see Runs)` : 'not built'],
        ['CPU', `${m.cpu}, ${m.cores} cores`],
        ['RAM', `${fixed(m.ramGiB, 1)} GiB`],
        ['OS', m.os],
        ['Noor', m.noor],
        ['rustc', m.rustc ?? 'not found'],
        ['Node', m.node],
        ['wasm-bindgen / wasm-opt', `${m.wasmBindgen ?? 'not found'} / ${m.wasmOpt ?? 'not found'}`],
        ['Chromium', m.chromium ?? 'not found'],
        ['npm packages', Object.entries(m.packages).map(([k, v]) => `${k} ${v ?? 'not installed'}`).join(', ')],
      ],
      ['l', 'l'],
    ),
    '',
  );

  L.push('## Headline', '');
  const rows = pieces.flatMap((p) =>
    (Array.isArray(p.json?.headline) ? p.json.headline : []).map((h) => [p.title, h.metric, h.value, h.target ?? '—', resultText(h)]),
  );
  L.push(rows.length ? table(['from', 'metric', 'value', 'target', 'result'], rows, ['l', 'l', 'r', 'l', 'l']) : '_No piece has run yet._', '');
  const missed = rows.filter((r) => r[4].startsWith('**missed'));
  if (rows.length) L.push(`${rows.length - missed.length} of ${rows.length} headline rows met or without target; ${missed.length} missed.`, '');

  // The hand-written reasons for the misses (bench/why.md), right under the verdicts.
  const why = new URL('./why.md', import.meta.url);
  if (existsSync(why)) L.push(readFileSync(why, 'utf8').trim(), '');
  L.push('### Runs', '');
  L.push(
    table(
      ['piece', 'measured', 'commit', 'build', 'runs', 'note'],
      pieces.map((p) => {
        const ran = p.md || p.json;
        const commit = p.json?.commit ?? null;
        const notes = [];
        if (!ran) notes.push(`not run (\`${p.how}\`)`);
        if (p.error) notes.push(p.error);
        if (ran && !p.md) notes.push(`${p.name}.md missing`);
        // The same build measures the same code, whatever was committed meanwhile.
        const sameBuild = p.json?.buildId && p.json.buildId === build;
        if (commit && head && commit !== head && !sameBuild) notes.push(`measured at another commit than ${head}`);
        if (p.json?.buildId && build && p.json.buildId !== build) notes.push('measured on another build than `www/pkg` now');
        if (p.json && 'buildId' in p.json && !p.json.buildId) notes.push('the build changed during the run');
        const when = p.measuredAt ? p.measuredAt.replace('T', ' ').replace(/\.\d+Z$/, 'Z') : '—';
        const id = p.json?.buildId ? `\`${p.json.buildId}\`` : '—';
        return [p.title, when, commit ? `\`${commit}\`` : '—', id, p.json?.runs ?? '—', notes.join('; ') || 'ok'];
      }),
      ['l', 'l', 'l', 'l', 'r', 'l'],
    ),
    '',
  );

  for (const p of pieces) {
    if (p.md) {
      L.push(p.md, '');
    } else {
      L.push(`## ${p.title}`, '', `_Not run: \`target/bench/${p.name}.md\` is missing. It comes from \`${p.how}\`._`, '');
    }
  }
  writeFileSync(repoPath('BENCHMARKS.md'), L.join('\n').trimEnd() + '\n');
  const present = pieces.filter((p) => p.md).map((p) => p.name);
  console.log(`wrote BENCHMARKS.md (${present.length ? present.join(', ') : 'no pieces'}; ${PIECES.length - present.length} not run)`);
}

report();
