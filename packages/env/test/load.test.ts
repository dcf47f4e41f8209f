import { isSecretResolutionError, type SecretResolutionError } from '@secretref/core';
import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { loadEnv, resolveEnvFiles } from '../src/index.js';
import { tempFiles } from './helpers/files.js';
import { mockStore, requestedIds, testClient } from './helpers/mock-sm.js';

let sm: AwsClientStub<SecretsManagerClient> | undefined;
let cleanups: Array<() => void> = [];
afterEach(() => {
  sm?.restore();
  sm = undefined;
  for (const c of cleanups) c();
  cleanups = [];
});

function envFile(text: string): string {
  const t = tempFiles({ '.env': text });
  cleanups.push(t.cleanup);
  return t.path('.env');
}

async function rejection(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

const STORE = { 'app/db': '{"password":"db-canary-1","user":"app"}', 'app/api': 'api-canary-2', 'app/env-only': 'env-canary-3', 'app/shadow': 'shadow-canary-4' };

describe('Function: loadEnv', () => {
  it('resolves the references of the file into processEnv and returns them in parsed', async () => {
    sm = mockStore(STORE);
    const path = envFile('DB_PASSWORD=secretsmanager:app/db:password\nURL=postgres://app:{{resolve:secretsmanager:app/db:SecretString:password}}@db/app\nPLAIN=1\n');
    const processEnv: Record<string, string> = {};
    const { parsed, report, files } = await loadEnv({ path, processEnv, client: testClient() });
    expect(processEnv).toEqual({ DB_PASSWORD: 'db-canary-1', URL: 'postgres://app:db-canary-1@db/app', PLAIN: '1' });
    expect(parsed).toEqual(processEnv);
    expect(files).toEqual([path]);
    expect(report).toMatchObject({ ok: true, references: 2, resolvedReferences: 2, secrets: 1, calls: { BatchGetSecretValue: 1, GetSecretValue: 0 } });
  });

  it('keeps a literal of the existing environment and never fetches the file reference it shadows', async () => {
    sm = mockStore(STORE);
    const path = envFile('API_KEY=secretsmanager:app/shadow\nDB=secretsmanager:app/db:password\n');
    const processEnv: Record<string, string> = { API_KEY: 'set-by-operator' };
    const { parsed } = await loadEnv({ path, processEnv, client: testClient() });
    expect(processEnv).toEqual({ API_KEY: 'set-by-operator', DB: 'db-canary-1' });
    expect(parsed).toEqual({ API_KEY: 'set-by-operator', DB: 'db-canary-1' });
    expect(requestedIds(sm)).toEqual(['app/db']);
  });

  it('resolves a reference of the existing environment that wins over the file', async () => {
    sm = mockStore(STORE);
    const path = envFile('API_KEY=secretsmanager:app/shadow\n');
    const processEnv: Record<string, string> = { API_KEY: 'secretsmanager:app/api' };
    const { parsed } = await loadEnv({ path, processEnv, client: testClient() });
    expect(processEnv).toEqual({ API_KEY: 'api-canary-2' });
    expect(parsed).toEqual({ API_KEY: 'api-canary-2' });
    expect(requestedIds(sm)).toEqual(['app/api']);
  });

  it('resolves references the environment holds for keys no file defines, in the same batch', async () => {
    sm = mockStore(STORE);
    const path = envFile('API_KEY=secretsmanager:app/api\n');
    const processEnv: Record<string, string> = { ONLY_ENV: 'secretsmanager:app/env-only', OTHER: 'x' };
    const { parsed } = await loadEnv({ path, processEnv, client: testClient() });
    expect(processEnv).toEqual({ API_KEY: 'api-canary-2', ONLY_ENV: 'env-canary-3', OTHER: 'x' });
    expect(parsed).toEqual({ API_KEY: 'api-canary-2' });
    expect(sm.calls()).toHaveLength(1);
    expect(requestedIds(sm).sort()).toEqual(['app/api', 'app/env-only']);
  });

  it('with override, the file wins over a literal and over a reference of the environment', async () => {
    sm = mockStore(STORE);
    const path = envFile('A=secretsmanager:app/api\nB=from-file\n');
    const processEnv: Record<string, string> = { A: 'secretsmanager:app/shadow', B: 'from-env' };
    const { parsed } = await loadEnv({ path, processEnv, override: true, client: testClient() });
    expect(processEnv).toEqual({ A: 'api-canary-2', B: 'from-file' });
    expect(parsed).toEqual(processEnv);
    expect(requestedIds(sm)).toEqual(['app/api']);
  });

  it('writes nothing and reports every failure, from the files and the environment, when any fails', async () => {
    sm = mockStore({ ...STORE, 'app/denied': { denied: true } });
    const path = envFile('OK=secretsmanager:app/api\nDENIED=secretsmanager:app/denied\nMISSING=secretsmanager:app/missing\nPLAIN=1\n');
    const processEnv: Record<string, string> = { FROM_ENV: 'secretsmanager:app/gone', KEEP: 'k' };
    const before = { ...processEnv };
    const error = await rejection(loadEnv({ path, processEnv, client: testClient() }));
    expect(processEnv).toEqual(before);
    expect(error.issues.map((i) => [i.keys.join(), i.code]).sort()).toEqual([
      ['DENIED', 'SECRET_ACCESS_DENIED'], ['FROM_ENV', 'SECRET_NOT_FOUND'], ['MISSING', 'SECRET_NOT_FOUND'],
    ]);
    expect(error.message).not.toContain('api-canary-2');
  });

  it('leaves an optional key that failed unset and removes its placeholder from the environment', async () => {
    sm = mockStore(STORE);
    const path = envFile('OPT_FILE=secretsmanager:app/missing\nOK=secretsmanager:app/api\n');
    const processEnv: Record<string, string> = { OPT_ENV: 'secretsmanager:app/missing-too' };
    const { parsed, unset, report } = await loadEnv({ path, processEnv, optional: ['OPT_FILE', 'OPT_ENV'], client: testClient() });
    expect(processEnv).toEqual({ OK: 'api-canary-2' });
    expect(parsed).toEqual({ OK: 'api-canary-2' });
    expect(unset.sort()).toEqual(['OPT_ENV', 'OPT_FILE']);
    expect(report.warnings.flatMap((w) => w.keys).sort()).toEqual(['OPT_ENV', 'OPT_FILE']);
  });

  it('leaves no reference anywhere in processEnv after a success', async () => {
    sm = mockStore(STORE);
    const path = envFile('A=secretsmanager:app/api\nB=x{{resolve:secretsmanager:app/db:SecretString:user}}y\n');
    const processEnv: Record<string, string> = { A: 'secretsmanager:app/env-only', C: 'secretsmanager:app/shadow' };
    await loadEnv({ path, processEnv, client: testClient() });
    expect(Object.values(processEnv).filter((v) => v.includes('secretsmanager:'))).toEqual([]);
    expect(processEnv).toEqual({ A: 'env-canary-3', B: 'xappy', C: 'shadow-canary-4' });
  });

  it('writes process.env by default', async () => {
    sm = mockStore(STORE);
    const path = envFile('SECRETREF_ENV_TEST_DEFAULT_TARGET=secretsmanager:app/api\n');
    try {
      await loadEnv({ path, client: testClient() });
      expect(process.env.SECRETREF_ENV_TEST_DEFAULT_TARGET).toBe('api-canary-2');
    } finally {
      delete process.env.SECRETREF_ENV_TEST_DEFAULT_TARGET;
    }
  });

  it('rejects with ENV_FILE_NOT_FOUND for a missing explicit path, before any API call', async () => {
    sm = mockStore(STORE);
    await expect(loadEnv({ path: '/nonexistent/secretref/.env', processEnv: {}, client: testClient() })).rejects.toMatchObject({ code: 'ENV_FILE_NOT_FOUND' });
    expect(sm.calls()).toHaveLength(0);
  });
});

describe('Function: resolveEnvFiles', () => {
  it('writes nothing and returns what loadEnv would write', async () => {
    sm = mockStore(STORE);
    const path = envFile('A=secretsmanager:app/api\n');
    const processEnv: Record<string, string> = { B: 'secretsmanager:app/env-only' };
    const result = await resolveEnvFiles({ path, processEnv, client: testClient() });
    expect(processEnv).toEqual({ B: 'secretsmanager:app/env-only' });
    expect(result.env).toEqual({ A: 'api-canary-2', B: 'env-canary-3' });
    expect(result.parsed).toEqual({ A: 'api-canary-2' });
  });
});
