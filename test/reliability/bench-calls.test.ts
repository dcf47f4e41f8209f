import { describe, expect, it } from 'vitest';
import { QUICK, runBench } from '../../bench/lib/harness.mjs';
import { distinctSecrets, expectedSecretrefCalls, scenarios } from '../../bench/lib/workload.mjs';

/**
 * The quick benchmark harness, run once against an in-process emulator with no latency. Only the
 * API calls are asserted (exact, from the emulator's counters); its timings are never asserted.
 */
describe('Benchmark harness (npm run bench -- --quick), API calls only', () => {
  it('every contestant returns every value, with exactly the calls its design implies', async () => {
    const results = await runBench({ quick: true, sections: ['network'], runs: 1, latencyMs: 0, separateProcess: false });
    const byId = new Map(scenarios(QUICK.ns).map((s) => [s.id, s]));
    expect(results.network?.map((r) => r.scenario)).toEqual([...byId.keys()]);
    for (const row of results.network ?? []) {
      const wants = byId.get(row.scenario)!.wants;
      const distinct = distinctSecrets(wants).length;
      const calls = Object.fromEntries(
        Object.entries(row.contestants).map(([id, c]) => [id, c && { BatchGetSecretValue: c.calls.BatchGetSecretValue, GetSecretValue: c.calls.GetSecretValue }]),
      );
      expect(calls, row.scenario).toEqual({
        secretref: expectedSecretrefCalls(wants),
        sequential: { BatchGetSecretValue: 0, GetSecretValue: distinct },
        'promise-all': { BatchGetSecretValue: 0, GetSecretValue: distinct },
        // One get per reference, concurrently: its cache fills only after the answers arrive.
        powertools: { BatchGetSecretValue: 0, GetSecretValue: wants.length },
        // fetchData cannot pin a version stage.
        middy: wants.some((w) => w.versionStage) ? null : { BatchGetSecretValue: 0, GetSecretValue: distinct },
      });
    }
    expect(results.targets.find((t) => t.id === 'calls')?.met).toBe(true);
  }, 60_000);
});
