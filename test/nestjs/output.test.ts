import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorHandle } from '@secretref/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, CANARY, ENV_FILE, RESTRICTED, SEED, writeEnvFile } from './support.js';

const APP = fileURLToPath(new URL('./fixtures/boot-app.mjs', import.meta.url));

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
});
afterAll(async () => emu?.stop());

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

function runApp(envFile: string, accessKeyId: string, args: string[] = []): Promise<Run> {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH,
    TEST_ENV_FILE: envFile,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: emu.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'not-checked',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
    NO_COLOR: '1',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function count(text: string, needle: string): number {
  return text.split(needle).length - 1;
}

const DENIED_ENV = `${ENV_FILE}\nDENIED_ONE=secretsmanager:app/denied-1\nDENIED_TWO=secretsmanager:app/denied-2`;

describe('A NestJS app on the built @secretref/nestjs, as a child process', () => {
  it('boots, serves resolved config and logs a report without values', async () => {
    const run = await runApp(writeEnvFile(ENV_FILE), ADMIN);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('LISTENING http://127.0.0.1:');
    expect(run.stdout).toContain(`KEYS {"healthy":true,"passwordLength":${`${CANARY}-db-pw`.length}}`);
    expect(run.stdout).toMatch(/\[Secretref\] secretref: 6 of 6 references resolved/);
    expect(`${run.stdout}${run.stderr}`).not.toContain(CANARY);
  });

  for (const mode of [[], ['--no-abort']]) {
    it(`refuses to start on denial${mode.length ? ' (abortOnError: false)' : ''}: exit 1, never listens, the report once, no stack, no values`, async () => {
      const run = await runApp(writeEnvFile(DENIED_ENV), RESTRICTED, mode);
      const out = `${run.stdout}${run.stderr}`;
      expect(run.code).toBe(1);
      expect(out).not.toContain('LISTENING');
      expect(count(out, 'references resolved')).toBe(1);
      expect(count(out, 'SECRET_ACCESS_DENIED')).toBe(2);
      expect(count(out, 'DENIED_ONE')).toBe(1);
      expect(count(out, 'DENIED_TWO')).toBe(1);
      expect(out).toContain('allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-1-??????');
      expect(out).toContain('allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-2-??????');
      expect(out).not.toMatch(/^\s+at /m);
      expect(out).not.toContain('issues:');
      expect(out).not.toContain(CANARY);
    });
  }
});
