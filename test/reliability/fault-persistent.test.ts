import { performance } from 'node:perf_hooks';
import { isSecretResolutionError, resolveEnv, type SecretResolutionError } from '@secretref/core';
import { startEmulator, type EmulatorHandle, type FaultConfig } from '@secretref/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CANARY, CATALOGUE, envOf, SEED } from './helpers/fault-world.js';
import { errorOutputs, leak } from './helpers/outputs.js';
import { trackUnhandledRejections } from './helpers/unhandled.js';

/** One fault that never lets up, per case: the exact issue code for exactly the keys read through the faulted operation. */
const BATCHED = CATALOGUE.filter((r) => r.op === 'BatchGetSecretValue').slice(0, 4);
const PINNED = CATALOGUE.filter((r) => r.op === 'GetSecretValue').slice(0, 2);
const ALL = [...BATCHED, ...PINNED];
const always = { fraction: 1 };

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
beforeEach(() => emu.reset());

async function failWith(faults: FaultConfig, options: { maxAttempts: number; timeoutMs: number }): Promise<{ e: SecretResolutionError; elapsed: number }> {
  emu.setFaults(faults);
  const target = envOf(ALL);
  const before = structuredClone(target);
  const started = performance.now();
  const e = await resolveEnv(target, {
    clientConfig: { endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIARELIABILITY', secretAccessKey: 'x' }, maxAttempts: options.maxAttempts },
    timeoutMs: options.timeoutMs,
  }).then(() => undefined, (x: unknown) => x);
  const elapsed = performance.now() - started;
  expect(isSecretResolutionError(e), String(e)).toBe(true);
  expect(target).toEqual(before);
  expect(leak(errorOutputs(e as SecretResolutionError), CANARY)).toBeUndefined();
  await unhandled.settle();
  expect(unhandled.seen).toEqual([]);
  return { e: e as SecretResolutionError, elapsed };
}

const codesByKey = (e: SecretResolutionError) => Object.fromEntries(e.issues.flatMap((i) => i.keys.map((k) => [k, [i.code, i.awsErrorCode]])));
const keysOf = (refs: typeof ALL, value: unknown[]) => Object.fromEntries(refs.map((r) => [r.key, value]));

describe('Persistent faults against the emulator', () => {
  it('persistent throttling of BatchGetSecretValue: THROTTLED for each batched key after the retries; pinned keys still resolve', async () => {
    const { e } = await failWith({ BatchGetSecretValue: { throttle: always } }, { maxAttempts: 2, timeoutMs: 8000 });
    expect(codesByKey(e)).toEqual(keysOf(BATCHED, ['THROTTLED', 'ThrottlingException']));
    expect(e.issues[0]?.message).toMatch(/after 2 attempts/);
    expect(e.report.resolved.map((r) => r.key).sort()).toEqual(PINNED.map((r) => r.key).sort());
    expect(emu.stats().byOperation.BatchGetSecretValue).toBe(2);
  });

  it('persistent 5xx on every operation: AWS_ERROR naming InternalServiceError for every key', async () => {
    const { e } = await failWith({ '*': { internalError: always } }, { maxAttempts: 2, timeoutMs: 8000 });
    expect(codesByKey(e)).toEqual(keysOf(ALL, ['AWS_ERROR', 'InternalServiceError']));
    expect(e.issues[0]?.hint).toMatch(/HTTP 500; request id [0-9a-f-]{36}/);
  });

  it('persistent connection resets of GetSecretValue: NETWORK_ERROR for the pinned keys only', async () => {
    const { e } = await failWith({ GetSecretValue: { reset: always } }, { maxAttempts: 2, timeoutMs: 8000 });
    expect(codesByKey(e)).toEqual(keysOf(PINNED, ['NETWORK_ERROR', 'ECONNRESET']));
    expect(e.report.resolved.map((r) => r.key).sort()).toEqual(BATCHED.flatMap((r) => [r.key]).sort());
  });

  it('a hang on every operation: TIMEOUT for every key, returned within the deadline', async () => {
    const { e, elapsed } = await failWith({ '*': { hang: always } }, { maxAttempts: 3, timeoutMs: 500 });
    expect(codesByKey(e)).toEqual(keysOf(ALL, ['TIMEOUT', undefined]));
    expect(elapsed).toBeLessThanOrEqual(500 + 2000);
  });

  it('a latency spike past the deadline on BatchGetSecretValue: TIMEOUT for the batched keys; pinned keys resolve', async () => {
    const { e, elapsed } = await failWith({ BatchGetSecretValue: { latencyMs: 5000 } }, { maxAttempts: 1, timeoutMs: 500 });
    expect(codesByKey(e)).toEqual(keysOf(BATCHED, ['TIMEOUT', undefined]));
    expect(e.report.resolved.map((r) => r.key).sort()).toEqual(PINNED.map((r) => r.key).sort());
    expect(elapsed).toBeLessThanOrEqual(500 + 2000);
  });

  it('transient faults within the retry budget: every value, one counted call per operation although the SDK retried', async () => {
    emu.setFaults({ BatchGetSecretValue: { throttle: { first: 1 } }, GetSecretValue: { internalError: { first: 1 } } });
    const { env, report } = await resolveEnv(envOf(ALL), {
      clientConfig: { endpoint: emu.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'AKIARELIABILITY', secretAccessKey: 'x' }, maxAttempts: 3 },
      concurrency: 1,
      timeoutMs: 8000,
    });
    expect(env).toEqual(Object.fromEntries(ALL.map((r) => [r.key, r.expected])));
    expect(report.calls).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 2 });
    expect(emu.stats().byOperation).toEqual({ BatchGetSecretValue: 2, GetSecretValue: 3 });
  });
});
