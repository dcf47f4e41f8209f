import { existsSync, readFileSync } from 'node:fs';
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

const STORE = { 'app/api': 'api-canary-2', 'app/denied': { denied: true } as const };
const node = process.execPath;

/** A node child that writes the named variables as JSON into `out`. */
const dumpEnv = (out: string, names: string[]) =>
  [node, '-e', `require('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify(Object.fromEntries(${JSON.stringify(names)}.map((k) => [k, process.env[k] ?? null]))))`];

describe('Command: run', () => {
  it('runs the command with the resolved environment, the existing environment winning over the files', async () => {
    sm = mockStore(STORE);
    const t = tempDir({ '.env': 'API=secretsmanager:app/api\nFROM_FILE=file\nSHADOWED=file\n' });
    cleanup = t.cleanup;
    const io = captureIO({ ...process.env, SHADOWED: 'env', ENV_REF: 'secretsmanager:app/api' });
    const exit = await main(['run', '-f', t.path('.env'), '--region', 'us-east-1', '--', ...dumpEnv(t.path('out.json'), ['API', 'FROM_FILE', 'SHADOWED', 'ENV_REF'])], io);
    expect(exit).toEqual({ code: 0 });
    expect(JSON.parse(readFileSync(t.path('out.json'), 'utf8'))).toEqual({ API: 'api-canary-2', FROM_FILE: 'file', SHADOWED: 'env', ENV_REF: 'api-canary-2' });
    expect(io.env.ENV_REF).toBe('secretsmanager:app/api');
    expect(io.err()).toBe('');
  });

  it('lets the files win with --override', async () => {
    sm = mockStore(STORE);
    const t = tempDir({ '.env': 'SHADOWED=file\n' });
    cleanup = t.cleanup;
    const io = captureIO({ ...process.env, SHADOWED: 'env' });
    await main(['run', '--override', '-f', t.path('.env'), '--', ...dumpEnv(t.path('out.json'), ['SHADOWED'])], io);
    expect(JSON.parse(readFileSync(t.path('out.json'), 'utf8'))).toEqual({ SHADOWED: 'file' });
  });

  it('exits with the code of the command', async () => {
    const io = captureIO({ ...process.env });
    expect(await main(['run', '--', node, '-e', 'process.exit(42)'], io)).toEqual({ code: 42 });
  });

  it('returns the signal the command died of', async () => {
    const io = captureIO({ ...process.env });
    expect(await main(['run', '--', node, '-e', "process.kill(process.pid, 'SIGTERM')"], io)).toEqual({ code: 143, signal: 'SIGTERM' });
  });

  it('exits 78 with the report on stderr and never starts the command when a reference fails', async () => {
    sm = mockStore(STORE);
    const t = tempDir({ '.env': 'OK=secretsmanager:app/api\nBAD=secretsmanager:app/denied\n' });
    cleanup = t.cleanup;
    const io = captureIO({ ...process.env, ALSO_BAD: 'secretsmanager:app/missing' });
    const marker = t.path('started');
    const exit = await main(['run', '-f', t.path('.env'), '--region', 'us-east-1', '--', node, '-e', `require('fs').writeFileSync(${JSON.stringify(marker)}, '')`], io);
    expect(exit).toEqual({ code: 78 });
    expect(existsSync(marker)).toBe(false);
    expect(io.err()).toMatch(/^secretref: 1 of 3 references resolved/);
    expect(io.err()).toMatch(/✗ BAD\s+app\/denied\s+SECRET_ACCESS_DENIED/);
    expect(io.err()).toMatch(/✗ ALSO_BAD\s+app\/missing\s+SECRET_NOT_FOUND/);
    expect(io.err()).not.toContain('api-canary-2');
    expect(io.out()).toBe('');
  });

  it('exits 127 when the command does not exist', async () => {
    const io = captureIO({ ...process.env });
    expect(await main(['run', '--', 'secretref-no-such-command-xyz'], io)).toEqual({ code: 127 });
    expect(io.err()).toBe('secretref: command not found: secretref-no-such-command-xyz (ENOENT)\n');
  });

  it('removes its signal handlers once the command exited', async () => {
    const before = process.listenerCount('SIGTERM');
    await main(['run', '--', node, '-e', ''], captureIO({ ...process.env }));
    expect(process.listenerCount('SIGTERM')).toBe(before);
  });
});
