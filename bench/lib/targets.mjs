// The targets, judged from measured figures (reported, never asserted as timings).
import { expectedSecretrefCalls, scenarios } from './workload.mjs';

const sign = (x) => (x >= 0 ? `+${x}` : `${x}`);

export function evaluateTargets(results) {
  const targets = [];
  if (results.network) {
    const byId = new Map(scenarios([1, 10, 50, 200, 1000]).map((s) => [s.id, s]));
    const checks = results.network.map((row) => {
      const want = expectedSecretrefCalls(byId.get(row.scenario).wants);
      const got = row.contestants.secretref.calls;
      return { scenario: row.scenario, want, got, ok: got.BatchGetSecretValue === want.BatchGetSecretValue && got.GetSecretValue === want.GetSecretValue };
    });
    targets.push({
      id: 'calls',
      target: 'API calls = ceil(distinct / 20) BatchGetSecretValue per region + 1 GetSecretValue per pinned secret',
      measured: checks.map((c) => `${c.scenario}: ${c.got.BatchGetSecretValue} Batch + ${c.got.GetSecretValue} Get (want ${c.want.BatchGetSecretValue} + ${c.want.GetSecretValue})`).join('; '),
      met: checks.every((c) => c.ok),
    });
    const n50 = results.network.find((r) => r.scenario === 'distinct-50');
    if (n50 && results.roundTrip) {
      const ratio = n50.contestants.secretref.wallMs.median / results.roundTrip.median;
      targets.push({
        id: 'n50-wall',
        target: 'N = 50: wall time within 1.5× one round trip',
        measured: `${n50.contestants.secretref.wallMs.median} ms vs one round trip ${results.roundTrip.median} ms = ${ratio.toFixed(2)}×`,
        met: ratio <= 1.5,
      });
    }
  }
  if (results.importOverhead) {
    const o = results.importOverhead;
    const sdk = results.cold.find((c) => c.id === 'sdk');
    const ours = results.cold.find((c) => c.id === 'secretref');
    targets.push({
      id: 'import-cost',
      target: "secretref's import cost on top of the SDK's under 10%",
      measured: `its own import after the SDK ${o.ownMs} ms = ${o.ownPct}% of the SDK's ${sdk.importMs.median} ms; whole import ${ours.importMs.median} ms (${sign(o.importPct)}% vs the SDK alone); whole process ${sign(o.processPct)}%; peak RSS ${sign(o.rssPct)}%`,
      met: o.ownPct < 10,
    });
  }
  return targets;
}
