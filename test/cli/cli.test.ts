import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { EmulatorHandle } from '@secretref/emulator';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { APP_KEY, CANARY, childEnv, CLI, HASH_ENV_SCRIPT, leakedCanaries, PARTIAL_KEY, ROOT, runChild, sha256, startSeededEmulator, workDir } from '../env/support.js';

/** The built `secretref` bin as a child process, real SDK over real HTTP to the emulator. */
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

const node = process.execPath;
const FILES = {
  'app.mjs': `${HASH_ENV_SCRIPT}\nprocess.exitCode = 3;\n`,
  '.env': 'DB_PASSWORD=secretsmanager:app/db:password\nAPI_KEY=secretsmanager:app/shadow\nPLAIN=plain\n',
  'denied.env': 'ALLOWED=secretsmanager:app/allowed\nDENIED_A=secretsmanager:app/denied-a\nDENIED_B=secretsmanager:app/denied-b\n',
};

function dir() {
  const w = workDir(FILES);
  cleanup = w.cleanup;
  return w;
}

function secretref(args: string[], options: { key?: string; env?: Record<string, string>; input?: string } = {}) {
  const w = dir();
  return runChild(node, [CLI, ...args], { cwd: w.dir, env: childEnv(emulator.endpoint, options.key ?? APP_KEY, options.env), input: options.input ?? '' });
}

describe('CLI: secretref run', () => {
  it('runs the command with resolved values, the environment winning over .env, and passes its exit code through', async () => {
    const r = await secretref(['run', '--', node, 'app.mjs', JSON.stringify(['DB_PASSWORD', 'API_KEY', 'PLAIN', 'FROM_ENV'])], {
      env: { API_KEY: 'secretsmanager:app/api', FROM_ENV: 'secretsmanager:app/env-only' },
    });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(3);
    const seen = JSON.parse(r.stdout) as { hashes: Record<string, string>; placeholders: string[] };
    expect(seen.hashes).toEqual({ DB_PASSWORD: sha256(CANARY.db), API_KEY: sha256(CANARY.api), PLAIN: sha256('plain'), FROM_ENV: sha256(CANARY.envOnly) });
    expect(seen.placeholders).toEqual([]);
    expect(leakedCanaries(r.stdout, r.stderr)).toEqual([]);
  });

  it('exits 78 with every failure on stderr and never starts the command', async () => {
    const r = await secretref(['run', '-f', 'denied.env', '--', node, '-e', 'console.log("COMMAND STARTED")'], { key: PARTIAL_KEY });
    expect(r.code).toBe(78);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^secretref: 1 of 3 references resolved/);
    expect(r.stderr).toMatch(/✗ DENIED_A\s+app\/denied-a\s+SECRET_ACCESS_DENIED/);
    expect(r.stderr).toMatch(/✗ DENIED_B\s+app\/denied-b\s+SECRET_ACCESS_DENIED/);
    expect(leakedCanaries(r.stdout, r.stderr)).toEqual([]);
  });

  it('passes stdin through to the command and its stdout back', async () => {
    const r = await secretref(['run', '--', node, '-e', 'process.stdin.pipe(process.stdout)'], { input: 'line one\nline two\n' });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('line one\nline two\n');
  });

  it('dies of the signal the command died of', async () => {
    const r = await secretref(['run', '--', node, '-e', "process.kill(process.pid, 'SIGTERM')"]);
    expect(r.signal).toBe('SIGTERM');
    expect(r.code).toBeNull();
  });

  it.each([
    ['SIGTERM', 0],
    ['SIGINT', 5],
  ] as const)('forwards %s to the command and exits with the code the command chose', async (signal, code) => {
    const w = dir();
    // The command gives up by itself (exit 99) if the signal never reaches it, so a broken forward fails the test instead of hanging it.
    const script = `process.on(${JSON.stringify(signal)}, () => { console.log('child got ${signal}'); process.exit(${code}); }); console.log('ready'); setTimeout(() => process.exit(99), 10000);`;
    const child = spawn(node, [CLI, 'run', '--', node, '-e', script], { cwd: w.dir, env: childEnv(emulator.endpoint, APP_KEY), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    const closed = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('close', (c, s) => resolve({ code: c, signal: s })));
    await new Promise<void>((resolve) => {
      void closed.then(() => resolve());
      child.stdout.on('data', (c: Buffer) => {
        stdout += c.toString();
        if (stdout.includes('ready\n')) resolve();
      });
    });
    // Only secretref gets the signal (not its process group): the command sees it only if forwarded.
    child.kill(signal);
    const exit = await closed;
    expect(stdout).toBe(`ready\nchild got ${signal}\n`);
    expect(exit).toEqual({ code, signal: null });
  });

  it('works as an executable bin (shebang) with a command after the flags and no --', async () => {
    const w = dir();
    const r = await runChild(CLI, ['run', '--region', 'us-east-1', node, '-e', 'console.log(process.env.PLAIN)', '--', 'ignored'], { cwd: w.dir, env: childEnv(emulator.endpoint, APP_KEY) });
    expect(r.code).toBe(0);
    expect(r.stdout).toBe('plain\n');
  });
});

describe('CLI: secretref check', () => {
  it('prints a ✓ row per variable and exits 0 when everything resolves', async () => {
    const r = await secretref(['check'], { env: { FROM_ENV: 'secretsmanager:app/env-only' } });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^secretref: 3 of 3 references resolved/);
    expect(r.stdout).toMatch(/✓ API_KEY\s+app\/shadow\s+BatchGetSecretValue/);
    expect(r.stdout).toMatch(/✓ DB_PASSWORD\s+app\/db:password\s+BatchGetSecretValue/);
    expect(r.stdout).toMatch(/✓ FROM_ENV\s+app\/env-only\s+BatchGetSecretValue/);
    expect(leakedCanaries(r.stdout, r.stderr)).toEqual([]);
  });

  it('prints ✗ rows and exits 1 for the secrets the caller may not read', async () => {
    const r = await secretref(['check', '-f', 'denied.env'], { key: PARTIAL_KEY });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/✓ ALLOWED\s+app\/allowed/);
    expect(r.stdout).toMatch(/✗ DENIED_A\s+app\/denied-a\s+SECRET_ACCESS_DENIED/);
    expect(r.stdout).toMatch(/✗ DENIED_B\s+app\/denied-b\s+SECRET_ACCESS_DENIED/);
    expect(leakedCanaries(r.stdout, r.stderr)).toEqual([]);
  });

  it('prints the report as parseable JSON with --json, without any value', async () => {
    const r = await secretref(['check', '--json', '--env-file', 'denied.env', '-f', '.env'], { key: PARTIAL_KEY });
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout) as { ok: boolean; references: number; resolvedReferences: number; issues: Array<{ code: string; keys: string[] }> };
    expect(report).toMatchObject({ ok: false, references: 5, resolvedReferences: 1 });
    expect(report.issues.map((i) => `${i.keys.join()}:${i.code}`).sort()).toEqual([
      'API_KEY:SECRET_ACCESS_DENIED', 'DB_PASSWORD:SECRET_ACCESS_DENIED', 'DENIED_A:SECRET_ACCESS_DENIED', 'DENIED_B:SECRET_ACCESS_DENIED',
    ]);
    expect(leakedCanaries(r.stdout, r.stderr)).toEqual([]);
  });
});

describe('CLI: usage', () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, 'packages/cli/package.json'), 'utf8')) as { version: string };

  it('prints the version of package.json', async () => {
    const r = await secretref(['--version']);
    expect(r).toMatchObject({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it.each([
    [['run', '--no-such-flag', '--', 'true']],
    [['run']],
    [[]],
    [['check', '-f', 'no-such.env']],
  ])('exits 2 with a message on stderr for %j', async (args) => {
    const r = await secretref(args);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^(secretref|\[ENV_FILE_NOT_FOUND\])/);
  });
});
