import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { applyChanges, computePreload } from '../src/preload.js';
import { tempFiles } from './helpers/files.js';
import { mockStore } from './helpers/mock-sm.js';

// The hook makes its own clients from the SDK chain, which reads process.env (send is mocked).
const AWS = { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDTEST', AWS_SECRET_ACCESS_KEY: 'x' };

let sm: AwsClientStub<SecretsManagerClient> | undefined;
let cleanup: (() => void) | undefined;
let saved: NodeJS.ProcessEnv;
beforeEach(() => {
  saved = { ...process.env };
  Object.assign(process.env, AWS);
});
afterEach(() => {
  sm?.restore();
  cleanup?.();
  for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
  Object.assign(process.env, saved);
});

function capture() {
  const chunks: string[] = [];
  return { io: { stderr: { write: (c: string) => chunks.push(c) } }, text: () => chunks.join(''), count: () => chunks.length };
}

describe('Function: computePreload (the register hook)', () => {
  it('returns the variables to set and to remove, and prints nothing on a clean success', async () => {
    sm = mockStore({ 'app/api': 'api-canary' });
    const t = tempFiles({ 'a.env': 'API=secretsmanager:app/api\nOPT=secretsmanager:app/none\n' });
    cleanup = t.cleanup;
    const source = { ...AWS, SECRETREF_ENV_FILE: t.path('a.env'), SECRETREF_OPTIONAL: 'OPT,OLD', OLD: 'secretsmanager:app/none-either' };
    const out = capture();
    const changes = await computePreload(source, out.io);
    expect(changes).toEqual({ set: { API: 'api-canary' }, unset: ['OLD'] });
    expect(source.OLD).toBe('secretsmanager:app/none-either');
    const target: Record<string, string | undefined> = { ...source };
    applyChanges(changes!, target);
    expect(target.API).toBe('api-canary');
    expect('OLD' in target).toBe(false);
    // Optional keys that failed are warnings: the report is printed once, without values.
    expect(out.count()).toBe(1);
    expect(out.text()).toMatch(/OPT.*SECRET_NOT_FOUND/);
    expect(out.text()).not.toContain('api-canary');
  });

  it('prints the report to stderr once and returns undefined when a reference fails', async () => {
    sm = mockStore({ 'app/api': 'api-canary', 'app/denied': { denied: true } });
    const t = tempFiles({ '.env': 'API=secretsmanager:app/api\nDENIED=secretsmanager:app/denied\n' });
    cleanup = t.cleanup;
    const out = capture();
    expect(await computePreload({ ...AWS, SECRETREF_ENV_FILE: t.path('.env') }, out.io)).toBeUndefined();
    expect(out.count()).toBe(1);
    expect(out.text()).toMatch(/^secretref: 1 of 2 references resolved/);
    expect(out.text()).toMatch(/DENIED\s+app\/denied\s+SECRET_ACCESS_DENIED/);
    expect(out.text()).not.toContain('api-canary');
  });

  it('skips a missing env file and still resolves the environment', async () => {
    sm = mockStore({ 'app/api': 'api-canary' });
    const out = capture();
    const changes = await computePreload({ ...AWS, SECRETREF_ENV_FILE: '/nonexistent/secretref.env', K: 'secretsmanager:app/api' }, out.io);
    expect(changes).toEqual({ set: { K: 'api-canary' }, unset: [] });
    expect(out.count()).toBe(0);
  });

  it('stops with a message naming a malformed SECRETREF_* variable', async () => {
    const out = capture();
    expect(await computePreload({ SECRETREF_TIMEOUT_MS: 'x' }, out.io)).toBeUndefined();
    expect(out.text()).toBe('secretref: SECRETREF_TIMEOUT_MS must be a positive integer, got "x"\n');
  });

  it('prints every resolved key, without values, with SECRETREF_VERBOSE', async () => {
    sm = mockStore({ 'app/api': 'api-canary' });
    const out = capture();
    await computePreload({ ...AWS, SECRETREF_ENV_FILE: '/nonexistent/.env', SECRETREF_VERBOSE: 'true', K: 'secretsmanager:app/api' }, out.io);
    expect(out.text()).toMatch(/✓ K\s+app\/api\s+BatchGetSecretValue/);
    expect(out.text()).not.toContain('api-canary');
  });
});
