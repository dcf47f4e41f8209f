import { inspect } from 'node:util';
import { BatchGetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { formatReport, isSecretResolutionError, resolveConfig, resolveEnv, type SecretResolutionError } from '../src/index.js';
import { mockStore, serviceError, type FakeSecret } from './helpers/mock-sm.js';

/** Every secret value in these tests contains CANARY; no output channel may ever contain it. */
const CANARY = 'CANARY-7f3a9c';
const c = (tag: string) => `${CANARY}-${tag}`;

let sm: AwsClientStub<SecretsManagerClient> | undefined;
afterEach(() => sm?.restore());

const store: FakeSecret[] = [
  { name: 'ok/plain', value: c('plain') },
  { name: 'ok/json', value: JSON.stringify({ user: c('user'), password: c('pw'), nested: { deep: c('deep') } }) },
  { name: 'text/not-json', value: `{not json ${c('text')}` },
  { name: 'bin/blob', binary: new TextEncoder().encode(c('binary')) },
  { name: 'denied/one', value: c('denied'), error: { code: 'AccessDeniedException', message: 'User: arn:aws:sts::123456789012:assumed-role/app/s is not authorized' } },
  { name: 'kms/one', value: c('kms'), error: { code: 'DecryptionFailure', message: "Secrets Manager can't decrypt" } },
  { name: 'gone/one', value: c('gone'), error: { code: 'InvalidRequestException', message: 'marked for deletion' } },
  { name: 'pinned', value: c('current') },
];

const env = {
  PLAIN: 'secretsmanager:ok/plain',
  USER: 'secretsmanager:ok/json:user',
  MISSING_KEY: 'secretsmanager:ok/json:nope',
  URL: `postgres://{{resolve:secretsmanager:ok/json:SecretString:user}}:{{resolve:secretsmanager:ok/json:SecretString:password}}@h/db`,
  NOT_JSON: 'secretsmanager:text/not-json:k',
  BINARY_KEY: 'secretsmanager:bin/blob:k',
  DENIED: 'secretsmanager:denied/one',
  KMS: 'secretsmanager:kms/one',
  GONE: 'secretsmanager:gone/one',
  NOT_FOUND: 'secretsmanager:nowhere',
  PREVIOUS: 'secretsmanager:pinned::AWSPREVIOUS',
  BAD: 'secretsmanager:bad name',
};

/** Every channel a failure can reach: message, stack, inspect, JSON of error and report, formatted report. */
function channels(e: SecretResolutionError): string[] {
  return [
    e.message,
    String(e.stack),
    inspect(e, { depth: Infinity, showHidden: true }),
    JSON.stringify(e),
    JSON.stringify(e.report),
    JSON.stringify(e.issues),
    formatReport(e.report),
    formatReport(e.report, { showResolved: true }),
  ];
}

async function failure(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

describe('Canary: no secret value leaves the value channel', () => {
  it('on a mixed failure (per-secret errors, extraction errors, pinned version missing, invalid reference)', async () => {
    sm = mockStore(store);
    const e = await failure(resolveEnv(env));
    expect(new Set(e.issues.map((i) => i.code))).toEqual(new Set([
      'JSON_KEY_NOT_FOUND', 'SECRET_NOT_JSON', 'SECRET_IS_BINARY', 'SECRET_ACCESS_DENIED', 'SECRET_DECRYPTION_FAILED',
      'SECRET_MARKED_FOR_DELETION', 'SECRET_NOT_FOUND', 'VERSION_NOT_FOUND', 'INVALID_REFERENCE',
    ]));
    expect(e.report.resolved.map((r) => r.key).sort()).toEqual(['PLAIN', 'URL', 'URL', 'USER']);
    for (const out of channels(e)) expect(out).not.toContain(CANARY);
  });

  it('on the whole-call fallback path and its per-secret failures', async () => {
    sm = mockStore(store);
    sm.on(BatchGetSecretValueCommand).rejects(serviceError('AccessDeniedException', 'not authorized to perform: secretsmanager:BatchGetSecretValue'));
    const e = await failure(resolveEnv(env));
    expect(e.report.warnings.map((w) => w.code)).toContain('BATCH_ACCESS_DENIED');
    for (const out of channels(e)) expect(out).not.toContain(CANARY);
    const strict = await failure(resolveEnv(env, { fallback: 'error' }));
    for (const out of channels(strict)) expect(out).not.toContain(CANARY);
  });

  it('on throttling, server errors and config paths', async () => {
    sm = mockStore(store);
    sm.on(BatchGetSecretValueCommand).rejects(serviceError('ThrottlingException', 'Rate exceeded'));
    const e = await failure(resolveConfig({ db: { password: 'secretsmanager:ok/json:password' }, list: ['secretsmanager:ok/plain'] }));
    expect(e.issues.every((i) => i.code === 'THROTTLED')).toBe(true);
    for (const out of channels(e)) expect(out).not.toContain(CANARY);
  });

  it('in the report of a successful resolution, however it is printed', async () => {
    sm = mockStore(store);
    const ok = await resolveEnv({ PLAIN: env.PLAIN, USER: env.USER, URL: env.URL }, { optional: [] });
    expect(ok.env.URL).toBe(`postgres://${c('user')}:${c('pw')}@h/db`);
    const outs = [JSON.stringify(ok.report), inspect(ok.report, { depth: Infinity }), formatReport(ok.report, { showResolved: true })];
    for (const out of outs) expect(out).not.toContain(CANARY);
  });

  it('in warnings for optional keys', async () => {
    sm = mockStore(store);
    const ok = await resolveEnv({ K: 'secretsmanager:ok/json:nope', N: 'secretsmanager:text/not-json:x' }, { optional: ['K', 'N'] });
    expect(ok.report.warnings).toHaveLength(2);
    expect(ok.report.warnings[0]?.hint).toBe('keys present: user, password, nested');
    expect(JSON.stringify(ok.report)).not.toContain(CANARY);
    expect(formatReport(ok.report)).not.toContain(CANARY);
  });
});

describe('Class: SecretResolutionError', () => {
  it('inspects as the boot report once, without stack frames or a dump of its fields', async () => {
    sm = mockStore(store);
    const e = await failure(resolveEnv({ DENIED: env.DENIED, PLAIN: env.PLAIN }));
    const shown = inspect(e);
    expect(shown).toBe(`SecretResolutionError: ${e.message}`);
    expect(shown.match(/secretref: \d+ of \d+ references resolved/g)).toHaveLength(1);
    expect(shown).not.toMatch(/\n\s+at /);
    expect(JSON.parse(JSON.stringify(e))).toMatchObject({ name: 'SecretResolutionError', code: 'SECRET_RESOLUTION_FAILED' });
  });
});
