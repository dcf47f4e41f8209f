import { isSecretResolutionError, type SecretResolutionError } from '@secretref/core';
import type { EmulatorHandle } from '@secretref/emulator';
import { loadEnv } from '@secretref/env';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { APP_KEY, CANARY, leakedCanaries, PARTIAL_KEY, startSeededEmulator, workDir } from './support.js';

/** loadEnv from the built package, real SDK over real HTTP to the emulator. */
let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startSeededEmulator();
});
afterAll(() => emulator.stop());

let cleanup: (() => void) | undefined;
let savedEnv: NodeJS.ProcessEnv;
beforeEach(() => {
  emulator.reset();
  savedEnv = { ...process.env };
});
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
  for (const key of Object.keys(process.env)) if (!(key in savedEnv)) delete process.env[key];
  Object.assign(process.env, savedEnv);
});

const clientConfig = (accessKeyId: string) => ({ endpoint: emulator.endpoint, region: 'us-east-1', credentials: { accessKeyId, secretAccessKey: 'not-checked' } });

function envFile(text: string): string {
  const w = workDir({ '.env': text });
  cleanup = w.cleanup;
  return w.path('.env');
}

async function rejection(p: Promise<unknown>): Promise<SecretResolutionError> {
  const e = await p.then(() => undefined, (x: unknown) => x);
  expect(isSecretResolutionError(e)).toBe(true);
  return e as SecretResolutionError;
}

describe('Function: loadEnv (built, against the emulator)', () => {
  it('resolves whole-value and embedded references of the file in one BatchGetSecretValue call', async () => {
    const path = envFile('DB_PASSWORD=secretsmanager:app/db:password\nDATABASE_URL=postgres://app:{{resolve:secretsmanager:app/db:SecretString:password}}@db:5432/app\nAPI_KEY=secretsmanager:app/api\nPORT=3000\n');
    const processEnv: Record<string, string> = {};
    const { parsed, report } = await loadEnv({ path, processEnv, clientConfig: clientConfig(APP_KEY) });
    expect(processEnv).toEqual({ DB_PASSWORD: CANARY.db, DATABASE_URL: `postgres://app:${CANARY.db}@db:5432/app`, API_KEY: CANARY.api, PORT: '3000' });
    expect(parsed).toEqual(processEnv);
    expect(report).toMatchObject({ ok: true, references: 3, resolvedReferences: 3, secrets: 2, calls: { BatchGetSecretValue: 1, GetSecretValue: 0 } });
    expect(emulator.stats().byOperation).toEqual({ BatchGetSecretValue: 1 });
    expect(leakedCanaries(JSON.stringify(report))).toEqual([]);
  });

  it('refuses when the caller may not read some secrets, reports every one of them and writes nothing', async () => {
    const path = envFile('ALLOWED=secretsmanager:app/allowed\nDENIED_A=secretsmanager:app/denied-a\nDENIED_B=secretsmanager:app/denied-b\n');
    const processEnv: Record<string, string> = { FROM_ENV: 'secretsmanager:app/api', KEEP: 'k' };
    const error = await rejection(loadEnv({ path, processEnv, clientConfig: clientConfig(PARTIAL_KEY) }));
    expect(processEnv).toEqual({ FROM_ENV: 'secretsmanager:app/api', KEEP: 'k' });
    expect(error.issues.map((i) => [i.keys.join(), i.code, i.awsErrorCode])).toEqual([
      ['DENIED_A', 'SECRET_ACCESS_DENIED', 'AccessDeniedException'],
      ['DENIED_B', 'SECRET_ACCESS_DENIED', 'AccessDeniedException'],
    ]);
    expect(error.message).toContain(`allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-a-??????`);
    expect(error.report.resolvedReferences).toBe(2);
    expect(leakedCanaries(error.message, JSON.stringify(error), JSON.stringify(error.report))).toEqual([]);
  });

  it('keeps an existing literal over the file, resolves an existing reference, and never fetches what is shadowed', async () => {
    const path = envFile('API_KEY=secretsmanager:app/shadow\nFROM_ENV_REF=secretsmanager:app/shadow\nONLY_FILE=secretsmanager:app/api\n');
    const processEnv: Record<string, string> = { API_KEY: 'set-by-operator', FROM_ENV_REF: 'secretsmanager:app/env-only', UNRELATED_REF: 'secretsmanager:app/allowed' };
    const { parsed, report } = await loadEnv({ path, processEnv, clientConfig: clientConfig(APP_KEY) });
    expect(processEnv).toEqual({ API_KEY: 'set-by-operator', FROM_ENV_REF: CANARY.envOnly, ONLY_FILE: CANARY.api, UNRELATED_REF: CANARY.allowed });
    expect(parsed).toEqual({ API_KEY: 'set-by-operator', FROM_ENV_REF: CANARY.envOnly, ONLY_FILE: CANARY.api });
    expect(report.resolved.map((r) => r.secretId).sort()).toEqual(['app/allowed', 'app/api', 'app/env-only']);
    expect(emulator.stats().secretReads).toBe(3);
  });

  it('lets the file win over the environment with override', async () => {
    const path = envFile('API_KEY=secretsmanager:app/shadow\nPLAIN=from-file\n');
    const processEnv: Record<string, string> = { API_KEY: 'secretsmanager:app/env-only', PLAIN: 'from-env' };
    await loadEnv({ path, processEnv, override: true, clientConfig: clientConfig(APP_KEY) });
    expect(processEnv).toEqual({ API_KEY: CANARY.shadow, PLAIN: 'from-file' });
  });

  it('leaves no placeholder in process.env and reads AWS settings from the environment (SDK chain)', async () => {
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_SECRETS_MANAGER: emulator.endpoint, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: APP_KEY, AWS_SECRET_ACCESS_KEY: 'x',
      SECRETREF_IT_EXISTING: 'secretsmanager:app/env-only',
    });
    const path = envFile('SECRETREF_IT_FROM_FILE=secretsmanager:app/db:password\n');
    await loadEnv({ path });
    expect(process.env.SECRETREF_IT_FROM_FILE).toBe(CANARY.db);
    expect(process.env.SECRETREF_IT_EXISTING).toBe(CANARY.envOnly);
    expect(Object.keys(process.env).filter((k) => process.env[k]?.includes('secretsmanager:'))).toEqual([]);
  });
});
