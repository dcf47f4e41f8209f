#!/usr/bin/env node
// npm run bench [-- --quick] [--latency-ms 20] [--runs 7] [--max-sockets N] [--only network,cold,cpu]
// Writes bench/results.json and bench/RESULTS.md (--quick: bench/quick/, not committed).
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    'latency-ms': { type: 'string' },
    runs: { type: 'string' },
    'max-sockets': { type: 'string' },
    only: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('usage: npm run bench -- [--quick] [--latency-ms 20] [--runs 7] [--max-sockets N] [--only network,cold,cpu]');
  process.exit(0);
}
const int = (v, name, min) => {
  if (v === undefined) return undefined;
  if (!/^\d+$/.test(v) || Number(v) < min) {
    console.error(`bench: --${name} must be an integer ≥ ${min}, got "${v}"`);
    process.exit(2);
  }
  return Number(v);
};

const options = {
  quick: values.quick,
  latencyMs: int(values['latency-ms'], 'latency-ms', 0),
  runs: int(values.runs, 'runs', 1),
  maxSockets: int(values['max-sockets'], 'max-sockets', 1),
  sections: values.only?.split(',').map((s) => s.trim()),
  progress: (what) => console.error(`bench: ${what}`),
};
// The SDK's "node >= 22 from 2027" notice is noise here (and in every cold-start child).
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { runBench } = await import('./lib/harness.mjs');
const { renderResults } = await import('./lib/report.mjs');
const results = await runBench(options);
const dir = new URL(values.quick ? './quick/' : './', import.meta.url);
mkdirSync(dir, { recursive: true });
const command = ['npm run bench', ...(process.argv.length > 2 ? ['--', ...process.argv.slice(2)] : [])].join(' ');
writeFileSync(new URL('results.json', dir), `${JSON.stringify(results, null, 2)}\n`);
writeFileSync(new URL('RESULTS.md', dir), `${renderResults(results, { command })}\n`);
for (const t of results.targets) console.log(`${t.met ? 'met    ' : 'NOT MET'}  ${t.target}: ${t.measured}`);
console.log(`bench: wrote ${new URL('RESULTS.md', dir).pathname}`);
