import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const EXAMPLES = fileURLToPath(new URL('../../examples/', import.meta.url));

function seedValues(): string[] {
  const seed = JSON.parse(readFileSync(`${EXAMPLES}demo-seed.json`, 'utf8')) as { secrets: unknown[] };
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(seed.secrets.map((s) => ({ ...(s as object), name: undefined })));
  return out;
}

/** Runs an example through run-with-emulator.mjs (its `npm start`), calls `path`, then stops it with SIGTERM. */
function boot(example: string, args: string[], path: string): Promise<{ code: number | null; out: string; status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['../run-with-emulator.mjs', ...args], {
      cwd: `${EXAMPLES}${example}`,
      env: { PATH: process.env.PATH, PORT: '0', SECRETREF_VERBOSE: '1', NO_COLOR: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let answer: { status: number; body: string } | undefined;
    const onData = (c: Buffer) => {
      out += c.toString();
      const match = /listening on (http:\/\/\S+)/.exec(out);
      if (match && !answer) {
        answer = { status: 0, body: '' };
        fetch(`${match[1]}${path}`)
          .then(async (res) => {
            answer = { status: res.status, body: await res.text() };
          })
          .catch((e: unknown) => {
            answer = { status: -1, body: String(e) };
          })
          .finally(() => child.kill('SIGTERM'));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out, status: answer?.status ?? 0, body: answer?.body ?? '' }));
  });
}

const KEYS = ['SESSION_SECRET', 'DB_USER', 'DB_PASSWORD', 'DATABASE_URL', 'STRIPE_API_KEY', 'DB_PASSWORD_PREVIOUS'];

describe.each([
  ['express-app', ['src/main.js']],
  ['plain-node', ['--import', '@secretref/env/register', 'src/main.js']],
])('examples/%s on the emulator', (example, args) => {
  it('resolves its .env (whole value, JSON keys, embedded, AWSPREVIOUS), serves masked keys, stops on SIGTERM', async () => {
    const { code, out, status, body } = await boot(example, args, '/keys');
    expect(status).toBe(200);
    expect(out).toContain('secretref: 7 of 7 references resolved · 4 secrets · 1 BatchGetSecretValue + 1 GetSecretValue');
    const keys = (JSON.parse(body) as { keys: Record<string, unknown> }).keys;
    expect(Object.keys(keys).sort()).toEqual([...KEYS].sort());
    expect(body).not.toContain('(unset)');
    for (const value of seedValues()) expect(`${out}${body}`).not.toContain(value);
    expect(code).toBe(0);
  });
});
