import type { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import type { AwsClientStub } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { main } from '../src/index.js';
import { captureIO, tempDir } from './helpers/io.js';
import { mockStore } from '../../env/test/helpers/mock-sm.js';

let sm: AwsClientStub<SecretsManagerClient> | undefined;
let cleanup: (() => void) | undefined;
afterEach(() => {
  sm?.restore();
  cleanup?.();
});

const STORE = { 'app/db': '{"password":"db-canary-1"}', 'app/api': 'api-canary-2', 'app/denied': { denied: true } as const };

function envFile(text: string): string {
  const t = tempDir({ '.env': text });
  cleanup = t.cleanup;
  return t.path('.env');
}

describe('Command: check', () => {
  it('prints one ✓ row per variable and exits 0 when everything resolved', async () => {
    sm = mockStore(STORE);
    const path = envFile('DB_PASSWORD=secretsmanager:app/db:password\nPLAIN=1\n');
    const io = captureIO({ API_KEY: 'secretsmanager:app/api' });
    expect(await main(['check', '-f', path, '--region', 'us-east-1'], io)).toEqual({ code: 0 });
    const lines = io.out().trimEnd().split('\n');
    expect(lines[0]).toMatch(/^secretref: 2 of 2 references resolved · 2 secrets · 1 BatchGetSecretValue · us-east-1 · \d+ ms$/);
    expect(lines.slice(1).map((l) => l.replace(/\s+/g, ' ').trim())).toEqual([
      '✓ API_KEY app/api BatchGetSecretValue version a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa',
      '✓ DB_PASSWORD app/db:password BatchGetSecretValue version a1b2c3d4-5678-90ab-cdef-EXAMPLEaaaaa',
    ]);
    expect(io.out()).not.toMatch(/canary/);
  });

  it('prints ✗ rows with the fix and exits 1 when a reference fails, without any value', async () => {
    sm = mockStore(STORE);
    const path = envFile('A=secretsmanager:app/api\nB=secretsmanager:app/denied\nC=secretsmanager:app/db:nokey\n');
    const io = captureIO({});
    expect(await main(['check', '-f', path, '--region', 'us-east-1'], io)).toEqual({ code: 1 });
    const out = io.out();
    expect(out).toMatch(/^secretref: 1 of 3 references resolved/);
    expect(out).toMatch(/\n {2}✓ A\s+app\/api\s+BatchGetSecretValue/);
    expect(out).toMatch(/\n {2}✗ B\s+app\/denied\s+SECRET_ACCESS_DENIED\s+AccessDeniedException\n\s+not authorized.*\n\s+allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:\d+:secret:app\/denied-\?{6}/);
    expect(out).toMatch(/\n {2}✗ C\s+app\/db:nokey\s+JSON_KEY_NOT_FOUND/);
    expect(out).not.toMatch(/canary/);
    expect(io.err()).toBe('');
  });

  it('turns failures of --optional variables into ! warnings and exits 0; the rest still fail', async () => {
    sm = mockStore(STORE);
    const path = envFile('A=secretsmanager:app/api\nB=secretsmanager:app/denied\nC=secretsmanager:app/db:nokey\n');
    const io = captureIO({});
    expect(await main(['check', '-f', path, '--region', 'us-east-1', '--optional', 'B,C'], io)).toEqual({ code: 0 });
    expect(io.out()).toMatch(/\n {2}! B\s+app\/denied\s+SECRET_ACCESS_DENIED/);
    expect(io.out()).toMatch(/\n {2}! C\s+app\/db:nokey\s+JSON_KEY_NOT_FOUND/);
    const strict = captureIO({});
    expect(await main(['check', '-f', path, '--region', 'us-east-1', '--optional', 'B'], strict)).toEqual({ code: 1 });
    expect(strict.out()).toMatch(/\n {2}✗ C\s+app\/db:nokey\s+JSON_KEY_NOT_FOUND/);
    const bad = captureIO({});
    expect(await main(['check', '-f', path, '--optional', ' , '], bad)).toEqual({ code: 2 });
    expect(bad.err()).toMatch(/--optional needs at least one variable name/);
  });

  it('prints the report as JSON with --json, without any value', async () => {
    sm = mockStore(STORE);
    const path = envFile('A=secretsmanager:app/api\nB=secretsmanager:app/denied\n');
    const io = captureIO({ D: 'secretsmanager:app/db:password' });
    expect(await main(['check', '--json', '-f', path, '--region', 'us-east-1'], io)).toEqual({ code: 1 });
    const report = JSON.parse(io.out()) as { ok: boolean; references: number; resolved: Array<{ key: string }>; issues: Array<{ code: string; keys: string[] }> };
    expect(report.ok).toBe(false);
    expect(report.references).toBe(3);
    expect(report.resolved.map((r) => r.key).sort()).toEqual(['A', 'D']);
    expect(report.issues.map((i) => [i.code, i.keys])).toEqual([['SECRET_ACCESS_DENIED', ['B']]]);
    expect(io.out()).not.toMatch(/canary/);
  });

  it('says so and exits 0 when there is no reference', async () => {
    const io = captureIO({ HOME: '/x' });
    expect(await main(['check', '-f', envFile('A=1\n')], io)).toEqual({ code: 0 });
    expect(io.out()).toMatch(/0 of 0 references resolved.*\n {2}no references found\n$/);
  });

  it('follows --override like run: the file wins, and its reference is the one checked', async () => {
    sm = mockStore(STORE);
    const path = envFile('A=secretsmanager:app/denied\n');
    const withoutOverride = captureIO({ A: 'secretsmanager:app/api' });
    expect(await main(['check', '-f', path, '--region', 'us-east-1'], withoutOverride)).toEqual({ code: 0 });
    const withOverride = captureIO({ A: 'secretsmanager:app/api' });
    expect(await main(['check', '-f', path, '--region', 'us-east-1', '--override'], withOverride)).toEqual({ code: 1 });
    expect(withOverride.out()).toMatch(/✗ A\s+app\/denied/);
  });
});

describe('Command: check --policy', () => {
  // BatchGetSecretValue alone: every GetSecretValue on a secret is denied.
  const BATCH_ONLY = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' }] });
  const predict = (extra: string[]) => {
    const t = tempDir({ '.env': 'A=secretsmanager:app/a\nB=secretsmanager:app/b\n', 'p.json': BATCH_ONLY });
    cleanup = t.cleanup;
    const io = captureIO({});
    return { io, exit: main(['check', '--policy', t.path('p.json'), '-f', t.path('.env'), '--region', 'us-east-1', '--account', '123456789012', ...extra], io) };
  };

  it('turns predicted failures of --optional variables into ! warnings, as check without --policy does', async () => {
    const all = predict(['--optional', 'A,B']);
    expect(await all.exit).toEqual({ code: 0 });
    expect(all.io.out()).toMatch(/\n {2}! A\s+app\/a\s+SECRET_ACCESS_DENIED/);
    expect(all.io.out()).toMatch(/\n {2}! B\s+app\/b\s+SECRET_ACCESS_DENIED/);
    const some = predict(['--optional', 'B']);
    expect(await some.exit).toEqual({ code: 1 });
    expect(some.io.out()).toMatch(/\n {2}✗ A\s+app\/a\s+SECRET_ACCESS_DENIED/);
    expect(some.io.out()).toMatch(/\n {2}! B\s+app\/b\s+SECRET_ACCESS_DENIED/);
  });

  it('refuses --timeout-ms, which a prediction cannot use, instead of ignoring it', async () => {
    const r = predict(['--timeout-ms', 'soon']);
    expect(await r.exit).toEqual({ code: 2 });
    expect(r.io.err()).toMatch(/--timeout-ms does not apply to --policy/);
  });
});
