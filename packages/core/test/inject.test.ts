import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { injectEnv, ISSUE_CODES, resolveEnv } from '../src/index.js';
import { mockStore } from './helpers/mock-sm.js';

let sm: AwsClientStub<SecretsManagerClient> | undefined;
afterEach(() => sm?.restore());

describe('Function: injectEnv', () => {
  it('writes every resolved key into an empty target and returns what it wrote', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }]);
    const result = await resolveEnv({ A: 'secretsmanager:a', L: 'lit' });
    const target: Record<string, string | undefined> = {};
    expect(injectEnv(result, target)).toEqual({ A: 'A', L: 'lit' });
    expect(target).toEqual({ A: 'A', L: 'lit' });
  });

  it('keeps existing variables unless override, but always replaces a placeholder', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }, { name: 'b', value: 'B' }]);
    const target: Record<string, string | undefined> = { A: 'from-os', B: 'secretsmanager:b', C: 'keep' };
    const result = await resolveEnv({ A: 'secretsmanager:a', B: 'secretsmanager:b' });
    expect(injectEnv(result, target)).toEqual({ B: 'B' });
    expect(target).toEqual({ A: 'from-os', B: 'B', C: 'keep' });
    expect(injectEnv(result, target, { override: true })).toEqual({ A: 'A', B: 'B' });
    expect(target.A).toBe('A');
  });

  it('removes the placeholder of an optional key that failed, so nothing reads the reference as a value', async () => {
    sm = mockStore([]);
    const target: Record<string, string | undefined> = { OPT: 'secretsmanager:missing' };
    const result = await resolveEnv(target, { optional: ['OPT'] });
    injectEnv(result, target);
    expect('OPT' in target).toBe(false);
  });

  it('writes nothing when resolution fails (the caller never reaches injectEnv with a partial result)', async () => {
    sm = mockStore([{ name: 'a', value: 'A' }]);
    const target: Record<string, string | undefined> = { A: 'secretsmanager:a', B: 'secretsmanager:b' };
    const before = { ...target };
    await expect(resolveEnv(target).then((r) => injectEnv(r, target))).rejects.toThrow(/SECRET_NOT_FOUND/);
    expect(target).toEqual(before);
  });

  it('refuses, writing nothing, a value process.env would cut short at a NUL character', () => {
    const key = `SECRETREF_NUL_TEST_${process.pid}`;
    expect(() => injectEnv({ [`${key}_OK`]: 'fine', [key]: 'canary-before\u0000canary-after' })).toThrow(
      new RegExp(`the resolved value of ${key} contains a NUL character.*nothing was written`),
    );
    expect(process.env[`${key}_OK`]).toBeUndefined();
    expect(process.env[key]).toBeUndefined();
  });

  it('accepts a plain record and never calls the __proto__ setter', () => {
    const target = {} as Record<string, string | undefined>;
    const input = JSON.parse('{"__proto__":"x","K":"v"}') as Record<string, string>;
    injectEnv(input, target, {});
    expect(Object.getPrototypeOf(target)).toBe(Object.prototype);
    expect(target.K).toBe('v');
  });
});

describe('Constant: ISSUE_CODES', () => {
  it('is the documented, stable list of issue codes', () => {
    expect(ISSUE_CODES).toEqual([
      'INVALID_REFERENCE', 'SECRET_NOT_FOUND', 'SECRET_ACCESS_DENIED', 'SECRET_DECRYPTION_FAILED', 'SECRET_MARKED_FOR_DELETION',
      'VERSION_NOT_FOUND', 'SECRET_NOT_JSON', 'JSON_KEY_NOT_FOUND', 'SECRET_IS_BINARY', 'BATCH_ACCESS_DENIED', 'THROTTLED',
      'TIMEOUT', 'NO_CREDENTIALS', 'NO_REGION', 'NETWORK_ERROR', 'MISSING_FROM_RESPONSE', 'AWS_ERROR',
    ]);
  });
});
