import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smClient } from './helpers.js';

// The CLI is tested as shipped: the built dist/cli.js (`npm run build` builds it).
const CLI = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
let dir: string;

beforeAll(async () => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run build\` (or \`npx turbo run build --filter=@secretref/emulator\`) first`);
  dir = await mkdtemp(join(tmpdir(), 'secretref-cli-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function run(args: string[]): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Starts the CLI and resolves with its endpoint once it prints the listening line. */
function serve(args: string[]) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  const endpoint = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const match = /^secretref-emulator listening on (http:\/\/127\.0\.0\.1:\d+)\n$/.exec(stdout);
      if (match?.[1] !== undefined) resolve(match[1]);
    });
    child.on('close', () => reject(new Error(`exited early: ${stderr}`)));
  });
  return { child, endpoint, exited, output: () => ({ stdout, stderr }) };
}

describe('CLI: secretref-emulator', () => {
  it('starts with a node shebang', async () => {
    const { readFile } = await import('node:fs/promises');
    expect((await readFile(CLI, 'utf8')).startsWith('#!/usr/bin/env node\n')).toBe(true);
  });

  it('prints usage for --help and exits 0', async () => {
    const result = await run(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^Usage: secretref-emulator/);
    expect(result.stdout).toContain('--latency-ms');
  });

  it.each([[['--bogus']], [['--port', 'abc']], [['--port', '70000']], [['--latency-ms', '-5']], [['extra']]])('rejects %j with usage on stderr and exit 2', async (args) => {
    const result = await run(args);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Usage: secretref-emulator');
    expect(result.stdout).toBe('');
  });

  it('refuses an invalid seed file with exit 1, listing problems without quoting values', async () => {
    const file = join(dir, 'bad.json');
    await writeFile(file, JSON.stringify({ secrets: [{ name: 'bad name', value: 'CANARY-cli-seed' }] }));
    const result = await run(['--seed', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('secrets[0].name');
    expect(result.stderr).not.toContain('CANARY-cli-seed');
    expect((await run(['--seed', join(dir, 'missing.json')])).stderr).toMatch(/cannot read seed file .*ENOENT/);
  });

  it('serves a seed with latency, logs requests with --verbose, and exits 0 on SIGTERM', async () => {
    const file = join(dir, 'seed.json');
    await writeFile(file, JSON.stringify({ secrets: [{ name: 'prod/db', value: 'CANARY-cli-value' }] }));
    const server = serve(['--port', '0', '--seed', file, '--latency-ms', '100', '--verbose']);
    const sm = smClient(await server.endpoint);
    const started = performance.now();
    expect((await sm.send(new GetSecretValueCommand({ SecretId: 'prod/db' }))).SecretString).toBe('CANARY-cli-value');
    expect(performance.now() - started).toBeGreaterThanOrEqual(95);
    sm.destroy();
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const { stderr } = server.output();
    expect(stderr).toMatch(/GetSecretValue arn:aws:iam::123456789012:root 200 \d+ms/);
    expect(stderr).not.toContain('CANARY-cli-value');
  });

  it('exits 0 on SIGINT even with a hung request open', async () => {
    const file = join(dir, 'hang.json');
    await writeFile(file, JSON.stringify({ faults: { '*': { hang: { first: 1 } } } }));
    const server = serve(['--port', '0', '--seed', file]);
    const endpoint = await server.endpoint;
    const hung = fetch(endpoint, { method: 'POST', headers: { 'x-amz-target': 'secretsmanager.ListSecrets' }, body: '{}' }).catch(() => 'failed');
    await new Promise((r) => setTimeout(r, 150));
    server.child.kill('SIGINT');
    expect(await server.exited).toBe(0);
    expect(await hung).toBe('failed');
  });
});
