// The wasm half of the experiment: for each module built by run.sh (baseline, fst, daac,
// daac-char) measures under Node: compile + instantiate, load (copy the serialized structure
// into wasm memory), parse (make it searchable), scan throughput over the dev texts, exact
// lookups of every token. Medians of RUNS interleaved runs. Writes OUT/wasm.json.
// Usage: node wasm.mjs OUT [RUNS]

import { readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { execFileSync } from 'node:child_process';

const OUT = process.argv[2];
const RUNS = Math.max(5, Number(process.argv[3] ?? 7));
const now = () => Number(process.hrtime.bigint()) / 1e6; // ms

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
/** Median ms of `runs` single calls (after one warm-up call). */
function once(fn, runs = RUNS) {
  fn();
  const ts = [];
  for (let i = 0; i < runs; i++) {
    const t = now();
    fn();
    ts.push(now() - t);
  }
  return median(ts);
}

/** gzip -9n size, as in ../shared/TOOLCHAIN.md. */
const gz = (b) => execFileSync('gzip', ['-9nc'], { input: b, maxBuffer: 1 << 28 }).length;

const texts = {
  en: readFileSync(join(OUT, 'text-en.txt'), 'utf8'),
  ar: readFileSync(join(OUT, 'text-ar.txt'), 'utf8'),
};
const blobs = {
  baseline: readFileSync(join(OUT, 'fst.bin')), // the baseline copies the bytes and does nothing with them
  fst: readFileSync(join(OUT, 'fst.bin')),
  daac: readFileSync(join(OUT, 'daac.bin')),
  'daac-char': readFileSync(join(OUT, 'daac-char.bin')),
};

const VARIANTS = ['baseline', 'fst', 'daac', 'daac-char'];
const result = { node: process.version, runs: RUNS, modules: {} };
const mods = {};
for (const v of VARIANTS) {
  const dir = join(OUT, 'wasm', v);
  const wasm = readFileSync(join(dir, 'lexmatch_bg.wasm'));
  const glue = readFileSync(join(dir, 'lexmatch.js'));
  const r = {
    size: {
      rustc: readFileSync(join(dir, 'rustc.wasm')).length,
      bindgen: readFileSync(join(dir, 'bindgen.wasm')).length,
      opt: wasm.length,
      opt_gzip: gz(wasm),
      glue: glue.length,
      glue_gzip: gz(glue),
    },
  };
  r.compile_ms = once(() => new WebAssembly.Module(wasm));
  const m = await import(pathToFileURL(join(dir, 'lexmatch.js')).href);
  let t = now();
  const exports = m.initSync({ module: wasm });
  r.first_instantiate_ms = now() - t;
  // First load: also how much wasm memory it takes (the loaded bytes are kept, as a lexicon would).
  const mem0 = exports.memory.buffer.byteLength;
  t = now();
  m.load(blobs[v]);
  r.first_load_ms = now() - t;
  t = now();
  r.parse_result = m.parse();
  r.first_parse_ms = now() - t;
  r.memory_bytes = { before: mem0, after_first_load: exports.memory.buffer.byteLength };
  mods[v] = m;
  result.modules[v] = r;
}

// Interleaved rounds: every module once per round, so that load changes on the shared machine
// hit all of them alike. load = JS -> wasm copy (wasm-bindgen malloc + set); parse = header check
// or deserialize.
const samples = Object.fromEntries(VARIANTS.map((v) => [v, { load: [], parse: [] }]));
for (let i = 0; i < RUNS; i++) {
  for (const v of VARIANTS) {
    let t = now();
    mods[v].load(blobs[v]);
    samples[v].load.push(now() - t);
    t = now();
    mods[v].parse();
    samples[v].parse.push(now() - t);
  }
}
for (const v of VARIANTS) {
  result.modules[v].load_ms = median(samples[v].load);
  result.modules[v].parse_ms = median(samples[v].parse);
  result.modules[v].scan = {};
}
for (const [lang, text] of Object.entries(texts)) {
  const bytes = Buffer.byteLength(text);
  for (const v of VARIANTS) mods[v].set_text(text);
  for (const [what, call] of [['scan', (m) => m.scan()], ['lookups', (m) => m.lookups()]]) {
    const reps = {};
    const res = {};
    const ts = {};
    for (const v of VARIANTS) {
      const t = now();
      res[v] = call(mods[v]);
      reps[v] = Math.max(1, Math.ceil(100 / Math.max(now() - t, 0.001)));
      ts[v] = [];
    }
    for (let i = 0; i < RUNS; i++) {
      for (const v of VARIANTS) {
        const t = now();
        for (let k = 0; k < reps[v]; k++) call(mods[v]);
        ts[v].push((now() - t) / reps[v]);
      }
    }
    for (const v of VARIANTS) {
      const s = (result.modules[v].scan[lang] ??= { bytes });
      if (what === 'scan') {
        Object.assign(s, { matches: res[v], checksum: mods[v].checksum(), ms: median(ts[v]), samples_ms: ts[v] });
        s.mb_s = bytes / 1e6 / (s.ms / 1e3);
      } else {
        Object.assign(s, { lookup_hits: res[v], lookup_ms: median(ts[v]) });
      }
    }
  }
}
for (const v of VARIANTS) {
  const r = result.modules[v];
  const sc = (l) => `${r.scan[l].mb_s.toFixed(1)} MB/s (${r.scan[l].matches})`;
  console.log(
    `${v.padEnd(10)} ${String(r.size.opt).padStart(8)} B (gz ${r.size.opt_gzip}) compile ${r.compile_ms.toFixed(2)} ms` +
      ` load ${r.load_ms.toFixed(2)} ms parse ${r.parse_ms.toFixed(3)} ms | en ${sc('en')} ar ${sc('ar')}` +
      ` | lookups en ${r.scan.en.lookup_ms.toFixed(2)} ms`,
  );
}
result.loadavg = loadavg();
writeFileSync(join(OUT, 'wasm.json'), JSON.stringify(result, null, 2) + '\n');
