import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Every string of the demo seed: none may appear in any output. */
function seedValues(): string[] {
  const seed = JSON.parse(readFileSync(new URL('examples/demo-seed.json', `file://${ROOT}`), 'utf8')) as { secrets: Array<Record<string, unknown>> };
  const out: string[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string') out.push(v);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  for (const s of seed.secrets) {
    walk(s.value);
    walk(s.previousValue);
  }
  return out;
}

function run(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, {
      cwd: ROOT,
      env: { PATH: process.env.PATH, NO_COLOR: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

const KEYS = ['SESSION_SECRET', 'DB_USER', 'DB_PASSWORD', 'DATABASE_URL', 'STRIPE_API_KEY', 'DB_PASSWORD_PREVIOUS'];

describe('scripts/start.mjs (npm start)', () => {
  for (const [name, args, env] of [
    ['--once', ['scripts/start.mjs', '--once'], {}],
    ['CI=true', ['scripts/start.mjs'], { CI: 'true' }],
  ] as const) {
    it(`with ${name}: boots the NestJS example on the emulator, prints the report and the masked keys, exits 0`, async () => {
      const { code, out } = await run([...args], env);
      expect(code).toBe(0);
      expect(out).toContain('secretref: 7 of 7 references resolved · 4 secrets · 1 BatchGetSecretValue + 1 GetSecretValue');
      expect(out).toMatch(/GET http:\/\/127\.0\.0\.1:\d+\/keys → 200/);
      expect(out).toContain('status: ok');
      for (const key of KEYS) expect(out).toMatch(new RegExp(`^  ${key} +\\*{8}  ← `, 'm'));
      expect(out).toMatch(/DB_PASSWORD_PREVIOUS +\*{8}  ← demo\/db:password @AWSPREVIOUS  \(GetSecretValue\)/);
      for (const value of seedValues()) expect(out).not.toContain(value);
    });
  }
});

describe('examples/demo-denied.mjs (npm run demo:denied)', () => {
  it('refuses to start under policy 1 with three SECRET_ACCESS_DENIED naming the grants, starts under policy 2', async () => {
    const { code, out } = await run(['examples/demo-denied.mjs']);
    expect(code).toBe(0);
    const [, first = '', second = ''] = out.split('━━ Policy');
    expect(first).toContain('→ exit code 1 (refused to start)');
    expect(first.split('SECRET_ACCESS_DENIED').length - 1).toBe(3);
    for (const name of ['SecretOne', 'SecretTwo', 'SecretThree']) {
      expect(first).toContain(`allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:${name}-??????`);
    }
    expect(second).toContain('secretref: 3 of 3 references resolved · 3 secrets · 1 BatchGetSecretValue');
    expect(second).toContain('→ exit code 0 (started, served /keys, stopped)');
    expect(out).not.toMatch(/value-of-Secret/);
  });
});
