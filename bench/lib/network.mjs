// Wall time and API calls of each contestant per scenario, against the emulator.
import { performance } from 'node:perf_hooks';
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { summarize } from './stats.mjs';
import { expectedValue, plainName } from './workload.mjs';

/** The SDK client config every contestant gets (each builds its own client from it). */
export function benchClientConfig(endpoint, { maxSockets } = {}) {
  return {
    endpoint,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIABENCH', secretAccessKey: 'not-checked' },
    ...(maxSockets ? { requestHandler: { httpAgent: { maxSockets } } } : {}),
  };
}

function callsOf(stats) {
  const by = stats.byOperation;
  return { BatchGetSecretValue: by.BatchGetSecretValue ?? 0, GetSecretValue: by.GetSecretValue ?? 0, total: stats.total };
}

function check(contestant, scenario, out) {
  for (const w of scenario.wants) {
    if (out[w.key] !== expectedValue(w)) {
      throw new Error(`${contestant.id} returned a wrong value for ${w.key} in ${scenario.id}`);
    }
  }
}

/** One timed, checked run: resets the emulator counters first, reads them after. */
async function once(emu, contestant, scenario, clientConfig) {
  await emu.reset();
  const t0 = performance.now();
  const out = await contestant.run(scenario.wants, clientConfig);
  const ms = performance.now() - t0;
  check(contestant, scenario, out);
  return { ms, calls: callsOf(await emu.stats()) };
}

/**
 * For each scenario, `runs` rounds (after one warm-up round); in each round every contestant
 * runs once, in an order rotated per round so no one always goes first.
 */
export async function measureScenarios({ emu, scenarios, contestants, runs, clientConfig, progress = () => {} }) {
  const results = [];
  for (const scenario of scenarios) {
    const entries = contestants
      .filter((c) => scenario.wants.every((w) => c.supports(w)))
      .map((c) => ({ contestant: c, samples: [], calls: [] }));
    for (let round = 0; round <= runs; round++) {
      const order = entries.map((_, i) => entries[(i + round) % entries.length]);
      for (const e of order) {
        const r = await once(emu, e.contestant, scenario, clientConfig);
        if (round === 0) continue; // warm-up
        e.samples.push(r.ms);
        e.calls.push(r.calls);
      }
    }
    const row = { scenario: scenario.id, title: scenario.title, references: scenario.wants.length, contestants: {} };
    for (const c of contestants) {
      const e = entries.find((x) => x.contestant === c);
      if (!e) {
        row.contestants[c.id] = null;
        continue;
      }
      const distinct = new Set(e.calls.map((x) => JSON.stringify(x)));
      row.contestants[c.id] = { wallMs: summarize(e.samples), calls: e.calls[0], callsStable: distinct.size === 1 };
    }
    results.push(row);
    progress(row);
  }
  return results;
}

/** One round trip as a booting service sees it: one GetSecretValue on a fresh client. */
export async function measureRoundTrip({ emu, runs, clientConfig }) {
  const samples = [];
  for (let i = 0; i <= runs; i++) {
    await emu.reset();
    const client = new SecretsManagerClient(clientConfig);
    const t0 = performance.now();
    await client.send(new GetSecretValueCommand({ SecretId: plainName(0) }));
    const ms = performance.now() - t0;
    client.destroy();
    if (i > 0) samples.push(ms);
  }
  return summarize(samples);
}
