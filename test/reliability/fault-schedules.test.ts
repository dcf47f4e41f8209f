import { performance } from 'node:perf_hooks';
import fc from 'fast-check';
import { injectEnv, isSecretResolutionError, resolveEnv, type SecretResolutionError } from '@secretref/core';
import { startEmulator, type EmulatorHandle, type FaultConfig } from '@secretref/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedCodes, CANARY, CATALOGUE, compactFaults, envOf, SEED, type Op, type Ref } from './helpers/fault-world.js';
import { errorOutputs, leak, reportOutputs } from './helpers/outputs.js';
import { trackUnhandledRejections } from './helpers/unhandled.js';

/** FC_SEED=<n> reproduces a run; fast-check prints the seed and path of any counterexample. */
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : Date.now() ^ (Math.random() * 2 ** 31);
const TIMEOUT_MS = 600;
/** The one timing bound here, a correctness bound on the deadline, kept generous for busy machines. */
const DEADLINE_MARGIN_MS = 2000;

const none = fc.constant(undefined);
const trigger = fc.oneof(
  { weight: 4, arbitrary: none },
  { weight: 1, arbitrary: fc.record({ first: fc.integer({ min: 0, max: 2 }), fraction: fc.constantFrom(0, 0.25, 0.5, 1) }) },
);
const spec = fc.oneof(
  { weight: 1, arbitrary: none },
  {
    weight: 2,
    arbitrary: fc.record({
      // 900: a spike past the deadline, rarer than the ordinary latencies
      latencyMs: fc.oneof({ weight: 8, arbitrary: fc.constantFrom(undefined, 0, 5, 20) }, { weight: 1, arbitrary: fc.constant(900) }),
      throttle: trigger,
      internalError: trigger,
      reset: trigger,
      hang: fc.oneof({ weight: 8, arbitrary: none }, { weight: 1, arbitrary: fc.record({ first: fc.constant(1) }) }),
    }),
  },
);
const schedule = fc.record({
  faults: fc.record({ '*': spec, BatchGetSecretValue: spec, GetSecretValue: spec }).map(compactFaults),
  refs: fc.subarray(CATALOGUE, { minLength: 1 }),
  maxAttempts: fc.integer({ min: 1, max: 3 }),
  concurrency: fc.integer({ min: 1, max: 4 }),
});

let emu: EmulatorHandle;
const unhandled = trackUnhandledRejections();
beforeAll(async () => {
  unhandled.install();
  emu = await startEmulator({ seed: SEED });
});
afterAll(async () => {
  await emu?.stop();
  unhandled.uninstall();
});

function clientConfig(maxAttempts: number) {
  return { endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIARELIABILITY', secretAccessKey: 'not-checked' }, maxAttempts };
}

/** Runs one schedule and checks every property; returns a label of the outcome for coverage. */
async function check(faults: FaultConfig, refs: Ref[], maxAttempts: number, concurrency: number): Promise<string> {
  emu.setFaults(faults);
  emu.reset();
  // The env doubles as the target, as process.env does: it must be left exactly as it was on failure.
  const target: Record<string, string> = { ...envOf(refs), UNRELATED: 'kept' };
  const before = structuredClone(target);
  const started = performance.now();
  const outcome = await resolveEnv(target, { clientConfig: clientConfig(maxAttempts), timeoutMs: TIMEOUT_MS, concurrency }).then(
    (r) => ({ ok: true as const, r }),
    (e: unknown) => ({ ok: false as const, e }),
  );
  const elapsed = performance.now() - started;
  expect(elapsed, `resolution took ${elapsed.toFixed(0)} ms`).toBeLessThanOrEqual(TIMEOUT_MS + DEADLINE_MARGIN_MS);
  await unhandled.settle();
  expect(unhandled.seen).toEqual([]);

  if (outcome.ok) {
    const { r } = outcome;
    for (const ref of refs) expect(r.env[ref.key], ref.key).toBe(ref.expected);
    expect(leak(reportOutputs(r.report), CANARY)).toBeUndefined();
    injectEnv(r, target, { override: true });
    expect(target).toEqual({ ...Object.fromEntries(refs.map((x) => [x.key, x.expected])), UNRELATED: 'kept' });
    return 'resolved';
  }

  expect(isSecretResolutionError(outcome.e), String(outcome.e)).toBe(true);
  const e = outcome.e as SecretResolutionError;
  expect(target).toEqual(before);
  expect(leak(errorOutputs(e), CANARY)).toBeUndefined();
  const opsInUse = [...new Set(refs.map((r) => r.op))];
  const calls = (refs.some((r) => r.op === 'BatchGetSecretValue') ? 1 : 0) + refs.filter((r) => r.op === 'GetSecretValue').length;
  const opOf = new Map<string, Op>(refs.map((r) => [r.key, r.op]));
  expect(e.issues.length).toBeGreaterThan(0);
  for (const issue of e.issues) {
    for (const key of issue.keys) {
      const op = opOf.get(key);
      expect(op, `issue for unknown key ${key}`).toBeDefined();
      const allowed = allowedCodes(faults, op!, { opsInUse, maxAttempts, concurrency, calls, timeoutMs: TIMEOUT_MS });
      expect([...allowed], `${key} (${op}) failed with ${issue.code}: ${issue.message}`).toContain(issue.code);
    }
  }
  // Every key is accounted for: resolved, or named by an issue.
  const named = new Set([...e.issues.flatMap((i) => i.keys), ...e.report.resolved.map((x) => x.key)]);
  for (const ref of refs) expect(named.has(ref.key), `${ref.key} is neither resolved nor reported`).toBe(true);
  return [...new Set(e.issues.map((i) => i.code))].sort().join('+');
}

describe('Randomised fault schedules against the emulator', () => {
  it(`returns every value or throws SecretResolutionError whose codes match the faults, within the deadline, writing nothing and leaking nothing (seed ${seed})`, async () => {
    const outcomes = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(schedule, async ({ faults, refs, maxAttempts, concurrency }) => {
        const label = await check(faults, refs, maxAttempts, concurrency);
        outcomes.set(label, (outcomes.get(label) ?? 0) + 1);
      }),
      { numRuns: 40, seed, endOnFailure: true },
    );
    // The schedules must exercise both outcomes, or the property says little.
    expect(outcomes.get('resolved') ?? 0).toBeGreaterThan(0);
    expect([...outcomes.keys()].filter((k) => k !== 'resolved').length).toBeGreaterThan(0);
  }, 120_000);
});
