import { inspect } from 'node:util';
import { formatReport, isSecretResolutionError, resolveEnv, type SecretResolutionError } from '@secretref/core';
import { startEmulator, type EmulatorHandle, type SeedCaller } from '@secretref/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { clientFor } from '../fixtures/clients.js';
import { ACCOUNT, BATCH_AND_GET, BATCH_ONLY, SECRETS } from '../fixtures/writeup.js';

/** @secretref/core (built) → the real AWS SDK client → real HTTP → @secretref/emulator. */
const CANARY = 'CANARY-core-e2e-51d0';
const KMS_KEY = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;

const callers: SeedCaller[] = [
  { accessKeyId: 'AKIAPOLICYONE', arn: `arn:aws:iam::${ACCOUNT}:role/policy-one`, policy: BATCH_ONLY },
  { accessKeyId: 'AKIAPOLICYTWO', arn: `arn:aws:iam::${ACCOUNT}:role/policy-two`, policy: BATCH_AND_GET },
  {
    accessKeyId: 'AKIANOBATCH',
    arn: `arn:aws:iam::${ACCOUNT}:role/no-batch`,
    policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: '*' }] },
  },
  { accessKeyId: 'AKIAADMIN', arn: `arn:aws:iam::${ACCOUNT}:role/admin`, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } },
];

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({
    seed: {
      region: 'us-east-1',
      accountId: ACCOUNT,
      callers,
      secrets: [
        ...SECRETS.map((name) => ({ name, value: `${CANARY}-${name}` })),
        ...Array.from({ length: 45 }, (_, i) => ({ name: `bulk/s${i}`, value: `${CANARY}-bulk-${i}` })),
        { name: 'prod/db', value: { user: 'app', password: `${CANARY}-pw` }, previousValue: { user: 'app', password: `${CANARY}-old-pw` } },
        { name: 'prod/kms', value: `${CANARY}-kms`, kmsKeyId: KMS_KEY },
        { name: 'prod/gone', value: `${CANARY}-gone`, deleted: true },
      ],
    },
  });
});
afterAll(async () => emu?.stop());
beforeEach(() => emu.reset());

async function failure(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

function expectNoCanary(...outputs: string[]): void {
  for (const out of outputs) expect(out).not.toContain(CANARY);
}

describe('The write-up scenario, over real HTTP', () => {
  const env = { ONE: 'secretsmanager:SecretOne', TWO: 'secretsmanager:SecretTwo', THREE: 'secretsmanager:SecretThree' };

  it('policy 1 (BatchGetSecretValue on * only): one 200 call, three SECRET_ACCESS_DENIED naming the exact grants', async () => {
    const e = await failure(resolveEnv(env, { client: clientFor(emu.endpoint, 'AKIAPOLICYONE') }));
    expect(emu.stats().byOperation).toEqual({ BatchGetSecretValue: 1 });
    expect(e.issues.map((i) => [i.keys[0], i.code, i.awsErrorCode])).toEqual([
      ['ONE', 'SECRET_ACCESS_DENIED', 'AccessDeniedException'],
      ['TWO', 'SECRET_ACCESS_DENIED', 'AccessDeniedException'],
      ['THREE', 'SECRET_ACCESS_DENIED', 'AccessDeniedException'],
    ]);
    for (const [i, name] of SECRETS.entries()) {
      expect(e.issues[i]?.hint).toBe(
        `allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:${ACCOUNT}:secret:${name}-??????\n(BatchGetSecretValue does not grant access to any secret by itself)`,
      );
    }
    expect(e.message).toMatch(/^secretref: 0 of 3 references resolved · 3 secrets · 1 BatchGetSecretValue · us-east-1/);
    expectNoCanary(e.message, String(e.stack), inspect(e, { depth: Infinity }), JSON.stringify(e));
  });

  it('policy 2 (plus GetSecretValue on each secret): all three values in one call', async () => {
    const { env: out, report } = await resolveEnv(env, { client: clientFor(emu.endpoint, 'AKIAPOLICYTWO') });
    expect(out).toEqual({ ONE: `${CANARY}-SecretOne`, TWO: `${CANARY}-SecretTwo`, THREE: `${CANARY}-SecretThree` });
    expect(emu.stats().byOperation).toEqual({ BatchGetSecretValue: 1 });
    expect(report.resolved.map((r) => r.arn)).toEqual(SECRETS.map((n) => emu.secretArn(n)));
    expectNoCanary(JSON.stringify(report), formatReport(report, { showResolved: true }));
  });
});

describe('Resolution against the emulator', () => {
  it('reads 45 secrets with exactly 3 BatchGetSecretValue calls', async () => {
    const env = Object.fromEntries(Array.from({ length: 45 }, (_, i) => [`S${i}`, `secretsmanager:bulk/s${i}`]));
    const { env: out } = await resolveEnv(env, { client: clientFor(emu.endpoint, 'AKIAADMIN') });
    expect(out.S44).toBe(`${CANARY}-bulk-44`);
    expect(emu.stats().byOperation).toEqual({ BatchGetSecretValue: 3 });
    expect(emu.stats().secretReads).toBe(45);
  });

  it('reads JSON keys once, a pinned AWSPREVIOUS by GetSecretValue, and an embedded URL', async () => {
    const { env } = await resolveEnv(
      {
        PW: 'secretsmanager:prod/db:password',
        USER: 'secretsmanager:prod/db:user',
        OLD: 'secretsmanager:prod/db:password:AWSPREVIOUS',
        URL: 'postgres://{{resolve:secretsmanager:prod/db:SecretString:user}}:{{resolve:secretsmanager:prod/db:SecretString:password}}@db/app',
      },
      { client: clientFor(emu.endpoint, 'AKIAADMIN') },
    );
    expect(env).toEqual({ PW: `${CANARY}-pw`, USER: 'app', OLD: `${CANARY}-old-pw`, URL: `postgres://app:${CANARY}-pw@db/app` });
    expect(emu.stats().byOperation).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 1 });
  });

  it('falls back to GetSecretValue when BatchGetSecretValue is denied, and says which grant is missing', async () => {
    const { env, report } = await resolveEnv(
      { ONE: 'secretsmanager:SecretOne', TWO: 'secretsmanager:SecretTwo' },
      { client: clientFor(emu.endpoint, 'AKIANOBATCH') },
    );
    expect(env).toEqual({ ONE: `${CANARY}-SecretOne`, TWO: `${CANARY}-SecretTwo` });
    expect(emu.stats().byOperation).toEqual({ BatchGetSecretValue: 1, GetSecretValue: 2 });
    expect(report.warnings[0]).toMatchObject({ code: 'BATCH_ACCESS_DENIED', awsErrorCode: 'AccessDeniedException' });
    expect(report.warnings[0]?.hint).toMatch(/^allow secretsmanager:BatchGetSecretValue on "\*"/);
    const strict = await failure(resolveEnv({ ONE: 'secretsmanager:SecretOne' }, { client: clientFor(emu.endpoint, 'AKIANOBATCH'), fallback: 'error' }));
    expect(strict.issues[0]?.code).toBe('BATCH_ACCESS_DENIED');
  });

  it('reports decryption, deletion, not-found and missing-version failures together, with the rest resolved', async () => {
    const e = await failure(resolveEnv(
      {
        OK: 'secretsmanager:SecretOne',
        KMS: 'secretsmanager:prod/kms',
        GONE: 'secretsmanager:prod/gone',
        NONE: 'secretsmanager:prod/none',
        PENDING: 'secretsmanager:SecretOne::AWSPENDING',
      },
      { client: clientFor(emu.endpoint, 'AKIAPOLICYTWO') },
    ));
    const codes = Object.fromEntries(e.issues.map((i) => [i.keys[0], i.code]));
    expect(codes).toEqual({
      KMS: 'SECRET_ACCESS_DENIED', // policy two has no GetSecretValue on prod/kms: denial is checked before KMS
      GONE: 'SECRET_ACCESS_DENIED',
      NONE: 'SECRET_ACCESS_DENIED',
      PENDING: 'VERSION_NOT_FOUND',
    });
    const admin = await failure(resolveEnv(
      { OK: 'secretsmanager:SecretOne', KMS: 'secretsmanager:prod/kms', GONE: 'secretsmanager:prod/gone', NONE: 'secretsmanager:prod/none' },
      { client: clientFor(emu.endpoint, 'AKIAADMIN') },
    ));
    expect(Object.fromEntries(admin.issues.map((i) => [i.keys[0], i.code]))).toEqual({
      GONE: 'SECRET_MARKED_FOR_DELETION',
      NONE: 'SECRET_NOT_FOUND',
    });
    expect(admin.report.resolvedReferences).toBe(2);
    expectNoCanary(e.message, admin.message, JSON.stringify(e.report), JSON.stringify(admin.report));
  });

  it('reports SECRET_DECRYPTION_FAILED when GetSecretValue is allowed but kms:Decrypt is not', async () => {
    const emu2 = await startEmulator({
      seed: {
        accountId: ACCOUNT,
        secrets: [{ name: 'prod/kms', value: `${CANARY}-kms`, kmsKeyId: KMS_KEY }],
        callers: [{ accessKeyId: 'AKIANOKMS', arn: `arn:aws:iam::${ACCOUNT}:role/nokms`, policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:*', Resource: '*' }] } }],
      },
    });
    try {
      const e = await failure(resolveEnv({ KMS: 'secretsmanager:prod/kms' }, { client: clientFor(emu2.endpoint, 'AKIANOKMS') }));
      expect(e.issues[0]).toMatchObject({ code: 'SECRET_DECRYPTION_FAILED', awsErrorCode: 'DecryptionFailure' });
      expect(e.issues[0]?.hint).toMatch(/^allow kms:Decrypt/);
      expectNoCanary(e.message);
    } finally {
      await emu2.stop();
    }
  });

  it('follows NextToken when the emulator pages a SecretIdList answer', async () => {
    const emu3 = await startEmulator({ batchPageSize: 2, seed: { secrets: SECRETS.map((name) => ({ name, value: `v-${name}` })) } });
    try {
      const { env, report } = await resolveEnv(
        { ONE: 'secretsmanager:SecretOne', TWO: 'secretsmanager:SecretTwo', THREE: 'secretsmanager:SecretThree' },
        { client: clientFor(emu3.endpoint) },
      );
      expect(env).toEqual({ ONE: 'v-SecretOne', TWO: 'v-SecretTwo', THREE: 'v-SecretThree' });
      expect(emu3.stats().byOperation).toEqual({ BatchGetSecretValue: 2 });
      expect(report.calls.BatchGetSecretValue).toBe(2);
    } finally {
      await emu3.stop();
    }
  });

  it('retries injected throttling and 5xx through the SDK and resolves', async () => {
    emu.setFaults({ BatchGetSecretValue: { throttle: { first: 1 }, internalError: { first: 1 } } });
    const { env, report } = await resolveEnv({ ONE: 'secretsmanager:SecretOne' }, { client: clientFor(emu.endpoint, 'AKIAADMIN') });
    expect(env.ONE).toBe(`${CANARY}-SecretOne`);
    expect(emu.stats().byOperation.BatchGetSecretValue).toBeGreaterThanOrEqual(2);
    expect(report.calls.BatchGetSecretValue).toBe(1);
    emu.setFaults({});
  });
});
