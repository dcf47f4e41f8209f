// Cold start: a fresh `node` process per sample that imports one package; wall time of the whole
// process, time of the import itself, and peak RSS.
import { spawnSync } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { round, summarize } from './stats.mjs';

export const COLD_MODULES = [
  { id: 'node', label: 'node only (no import)', specifier: 'none' },
  { id: 'sdk', label: '@aws-sdk/client-secrets-manager', specifier: '@aws-sdk/client-secrets-manager' },
  { id: 'secretref', label: '@secretref/core', specifier: '@secretref/core' },
  { id: 'secretref-own', label: '@secretref/core, timed after the SDK is loaded (its own cost)', specifier: '@secretref/core', preload: '@aws-sdk/client-secrets-manager' },
  { id: 'powertools', label: '@aws-lambda-powertools/parameters/secrets', specifier: '@aws-lambda-powertools/parameters/secrets' },
  { id: 'middy', label: '@middy/secrets-manager', specifier: '@middy/secrets-manager' },
];

const CHILD = fileURLToPath(new URL('./cold-child.mjs', import.meta.url));

function sample({ specifier, preload }) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, [CHILD, specifier, ...(preload ? [preload] : [])], { encoding: 'utf8', env: { ...process.env, NODE_OPTIONS: '' } });
  const processMs = performance.now() - t0;
  if (r.status !== 0) throw new Error(`cold start of ${specifier} failed: ${r.stderr}`);
  const { importMs, maxRssKb } = JSON.parse(r.stdout);
  return { processMs, importMs, maxRssKb };
}

/** `runs` samples per module (after one warm-up each, which fills the OS file cache), interleaved. */
export function measureColdStart({ runs, modules = COLD_MODULES }) {
  for (const m of modules) sample(m);
  const raw = Object.fromEntries(modules.map((m) => [m.id, []]));
  for (let i = 0; i < runs; i++) for (const m of modules) raw[m.id].push(sample(m));
  return modules.map((m) => ({
    id: m.id,
    label: m.label,
    processMs: summarize(raw[m.id].map((s) => s.processMs)),
    importMs: summarize(raw[m.id].map((s) => s.importMs)),
    maxRssMb: summarize(raw[m.id].map((s) => s.maxRssKb / 1024)),
  }));
}

/**
 * secretref's import cost on top of the SDK's, as a share of the SDK's import time: its own import
 * time once the SDK is loaded (the precise figure), and the differences of whole imports and processes.
 */
export function importOverhead(cold) {
  const sdk = cold.find((c) => c.id === 'sdk');
  const ours = cold.find((c) => c.id === 'secretref');
  const own = cold.find((c) => c.id === 'secretref-own');
  return {
    ownMs: own.importMs.median,
    ownPct: round((own.importMs.median / sdk.importMs.median) * 100),
    importPct: round(((ours.importMs.median - sdk.importMs.median) / sdk.importMs.median) * 100),
    processPct: round(((ours.processMs.median - sdk.processMs.median) / sdk.processMs.median) * 100),
    rssPct: round(((ours.maxRssMb.median - sdk.maxRssMb.median) / sdk.maxRssMb.median) * 100),
  };
}
