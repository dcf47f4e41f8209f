import { spawn, type SpawnOptions } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorHandle } from '@secretref/emulator';

/** The repository root. Child processes run in a directory under it so `@secretref/*` resolves. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const CLI = join(ROOT, 'packages/cli/dist/cli.js');

/** Unique values per run: a test fails if one of them shows up in any output. */
export const CANARY = {
  db: `db-${randomUUID()}`,
  api: `api-${randomUUID()}`,
  allowed: `allowed-${randomUUID()}`,
  deniedA: `denied-a-${randomUUID()}`,
  deniedB: `denied-b-${randomUUID()}`,
  envOnly: `env-only-${randomUUID()}`,
  shadow: `shadow-${randomUUID()}`,
};
export const CANARIES = Object.values(CANARY);

/** Reads everything (full access). */
export const APP_KEY = 'AKIAAPPFULL';
/** BatchGetSecretValue on "*", but GetSecretValue only on app/* secrets other than app/denied-*. */
export const PARTIAL_KEY = 'AKIAAPPPARTIAL';

export async function startSeededEmulator(): Promise<EmulatorHandle> {
  return startEmulator({
    seed: {
      secrets: [
        { name: 'app/db', value: { password: CANARY.db, user: 'app' } },
        { name: 'app/api', value: CANARY.api },
        { name: 'app/allowed', value: CANARY.allowed },
        { name: 'app/denied-a', value: CANARY.deniedA },
        { name: 'app/denied-b', value: CANARY.deniedB },
        { name: 'app/env-only', value: CANARY.envOnly },
        { name: 'app/shadow', value: CANARY.shadow },
      ],
      callers: [
        {
          accessKeyId: APP_KEY,
          arn: 'arn:aws:iam::123456789012:role/app',
          policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['secretsmanager:BatchGetSecretValue', 'secretsmanager:GetSecretValue'], Resource: '*' }] },
        },
        {
          accessKeyId: PARTIAL_KEY,
          arn: 'arn:aws:iam::123456789012:role/partial',
          policy: {
            Version: '2012-10-17',
            Statement: [
              { Effect: 'Allow', Action: 'secretsmanager:BatchGetSecretValue', Resource: '*' },
              { Effect: 'Allow', Action: 'secretsmanager:GetSecretValue', Resource: ['arn:aws:secretsmanager:us-east-1:123456789012:secret:app/allowed-??????', 'arn:aws:secretsmanager:us-east-1:123456789012:secret:app/api-??????'] },
            ],
          },
        },
      ],
    },
  });
}

/** A child environment with only PATH and the AWS settings that point the SDK at the emulator. */
export function childEnv(endpoint: string, accessKeyId: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: process.env.PATH ?? '',
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'not-checked',
    AWS_CONFIG_FILE: '/nonexistent/aws-config',
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/aws-credentials',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    ...extra,
  };
}

/** A fresh directory under the repository (git-ignored) holding the given files. */
export function workDir(files: Record<string, string>): { dir: string; path(name: string): string; cleanup(): void } {
  mkdirSync(join(ROOT, '.secretref-tmp'), { recursive: true });
  const dir = mkdtempSync(join(ROOT, '.secretref-tmp', 'it-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return { dir, path: (name) => join(dir, name), cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface ChildResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a process to its end, feeding `input` to its stdin. */
export function runChild(file: string, args: string[], options: SpawnOptions & { input?: string } = {}): Promise<ChildResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(file, args, { ...options, stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout?.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolvePromise({ code, signal, stdout, stderr }));
    child.stdin?.end(options.input ?? '');
  });
}

/** A script for the child: prints, for each variable, the sha256 of its value (never the value). */
export const HASH_ENV_SCRIPT = `
import { createHash } from 'node:crypto';
const names = JSON.parse(process.argv[2] ?? '[]');
const hash = (v) => (v === undefined ? null : createHash('sha256').update(v).digest('hex'));
const placeholders = Object.keys(process.env).filter((k) => process.env[k].includes('secretsmanager:'));
console.log(JSON.stringify({ hashes: Object.fromEntries(names.map((n) => [n, hash(process.env[n])])), placeholders }));
`;

export function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}

/** The canaries that appear in any of the texts (expected: none). */
export function leakedCanaries(...texts: string[]): string[] {
  return CANARIES.filter((c) => texts.some((t) => t.includes(c)));
}
