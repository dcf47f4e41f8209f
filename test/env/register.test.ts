import type { EmulatorHandle } from '@secretref/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_KEY, CANARY, childEnv, HASH_ENV_SCRIPT, leakedCanaries, PARTIAL_KEY, runChild, sha256, startSeededEmulator, workDir } from './support.js';

/**
 * `node --import @secretref/env/register app` (and `--require`) as child processes of the built
 * package, with the AWS settings in the child's environment pointing at the emulator.
 */
let emulator: EmulatorHandle;
beforeAll(async () => {
  emulator = await startSeededEmulator();
});
afterAll(() => emulator.stop());

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

const APP_FIRST_LINE = 'APP FIRST LINE RAN';
const FILES = {
  'app.mjs': HASH_ENV_SCRIPT,
  'app.cjs': HASH_ENV_SCRIPT.replace("import { createHash } from 'node:crypto';", "const { createHash } = require('node:crypto');"),
  'first-line.mjs': `console.log(${JSON.stringify(APP_FIRST_LINE)});`,
  '.env': 'DB_PASSWORD=secretsmanager:app/db:password\nDATABASE_URL=postgres://app:{{resolve:secretsmanager:app/db:SecretString:password}}@db/app\nAPI_KEY=secretsmanager:app/shadow\nPLAIN=plain\n',
  'denied.env': 'ALLOWED=secretsmanager:app/allowed\nDENIED_A=secretsmanager:app/denied-a\nDENIED_B=secretsmanager:app/denied-b\n',
  'extra.env': 'EXTRA=secretsmanager:app/api\nPLAIN=from-extra\n',
};
const NAMES = ['DB_PASSWORD', 'DATABASE_URL', 'API_KEY', 'PLAIN', 'EXTRA', 'FROM_ENV'];

function dir() {
  const w = workDir(FILES);
  cleanup = w.cleanup;
  return w;
}

async function hook(flag: '--import' | '--require', app: string, env: Record<string, string>) {
  const w = dir();
  const result = await runChild(process.execPath, [flag, '@secretref/env/register', app, JSON.stringify(NAMES)], { cwd: w.dir, env });
  return { ...result, seen: result.code === 0 ? (JSON.parse(result.stdout) as { hashes: Record<string, string | null>; placeholders: string[] }) : undefined };
}

describe.each([
  ['--import', 'app.mjs'],
  ['--require', 'app.cjs'],
] as const)('Register hook: node %s @secretref/env/register', (flag, app) => {
  it('resolves .env and the environment before the app runs; the real environment wins over the file, resolved', async () => {
    const env = childEnv(emulator.endpoint, APP_KEY, { API_KEY: 'secretsmanager:app/api', FROM_ENV: 'secretsmanager:app/env-only' });
    const r = await hook(flag, app, env);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.seen?.hashes).toEqual({
      DB_PASSWORD: sha256(CANARY.db),
      DATABASE_URL: sha256(`postgres://app:${CANARY.db}@db/app`),
      API_KEY: sha256(CANARY.api),
      PLAIN: sha256('plain'),
      EXTRA: null,
      FROM_ENV: sha256(CANARY.envOnly),
    });
    expect(r.seen?.placeholders).toEqual([]);
    expect(leakedCanaries(r.stdout, r.stderr)).toEqual([]);
  });

  it('reads the comma-separated SECRETREF_ENV_FILE list, the first file winning, and skips a missing one', async () => {
    const env = childEnv(emulator.endpoint, APP_KEY, { SECRETREF_ENV_FILE: '.env, missing.env ,extra.env' });
    const r = await hook(flag, app, env);
    expect(r.code).toBe(0);
    expect(r.seen?.hashes).toMatchObject({ EXTRA: sha256(CANARY.api), PLAIN: sha256('plain'), API_KEY: sha256(CANARY.shadow) });
  });

  it('exits 1 before the app starts, with the report on stderr once, when the caller may not read some secrets', async () => {
    const env = childEnv(emulator.endpoint, PARTIAL_KEY, { SECRETREF_ENV_FILE: 'denied.env' });
    const r = await hook(flag, 'first-line.mjs', env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stdout).not.toContain(APP_FIRST_LINE);
    expect(r.stderr.match(/^secretref: /gm)).toHaveLength(1);
    expect(r.stderr).toMatch(/^secretref: 1 of 3 references resolved/);
    expect(r.stderr).toMatch(/✗ DENIED_A\s+app\/denied-a\s+SECRET_ACCESS_DENIED/);
    expect(r.stderr).toMatch(/✗ DENIED_B\s+app\/denied-b\s+SECRET_ACCESS_DENIED/);
    expect(leakedCanaries(r.stdout, r.stderr)).toEqual([]);
  });

  it('exits 1 before the app starts for a placeholder of the environment that does not resolve', async () => {
    const env = childEnv(emulator.endpoint, APP_KEY, { SECRETREF_ENV_FILE: 'none.env', FROM_ENV: 'secretsmanager:app/no-such-secret' });
    const r = await hook(flag, 'first-line.mjs', env);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/✗ FROM_ENV\s+app\/no-such-secret\s+SECRET_NOT_FOUND/);
  });

  it('exits 1 before the app starts for a malformed SECRETREF_* option', async () => {
    const r = await hook(flag, 'first-line.mjs', childEnv(emulator.endpoint, APP_KEY, { SECRETREF_TIMEOUT_MS: 'soon' }));
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe('secretref: SECRETREF_TIMEOUT_MS must be a positive integer, got "soon"\n');
  });
});
