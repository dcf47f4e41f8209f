import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startEmulator, type EmulatorHandle } from '@secretref/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, CANARY, DENIED_ENV, ENV_FILE, RESTRICTED, SEED, writeEnvFile } from './support.js';

const APP = fileURLToPath(new URL('./fixtures/boot-app.mjs', import.meta.url));

let emu: EmulatorHandle;
beforeAll(async () => {
  emu = await startEmulator({ seed: SEED });
});
afterAll(async () => emu?.stop());

function runApp(expressModule: string, envFile: string, accessKeyId: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; out: string }> {
  const env: NodeJS.ProcessEnv = {
    ...extraEnv,
    PATH: process.env.PATH,
    TEST_ENV_FILE: envFile,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: emu.endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'not-checked',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [APP, expressModule], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (out += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

const count = (text: string, needle: string) => text.split(needle).length - 1;

describe.each(['express', 'express4'])('An app on the built @secretref/express (%s), as a child process', (expressModule) => {
  it('prints the boot report, listens, and serves masked keys and a 200 health check', async () => {
    const { code, out } = await runApp(expressModule, writeEnvFile(ENV_FILE), ADMIN);
    expect(code).toBe(0);
    expect(out).toContain('secretref: 6 of 6 references resolved');
    expect(out).toContain('HEALTH 200');
    expect(out).toContain('"DB_PASSWORD":"***"');
    expect(out).not.toContain(CANARY);
  });

  it('prints no value with DEBUG=express:* (Express logs every app.set value)', async () => {
    const { code, out } = await runApp(expressModule, writeEnvFile(ENV_FILE), ADMIN, { DEBUG: 'express:*' });
    expect(code).toBe(0);
    expect(out).toContain('express:application');
    expect(out).toContain('HEALTH 200');
    expect(out).not.toContain(CANARY);
  });

  it('refuses to start on denial: exit 1, never listens, the report once, no stack, no values', async () => {
    const { code, out } = await runApp(expressModule, writeEnvFile(DENIED_ENV), RESTRICTED);
    expect(code).toBe(1);
    expect(out).not.toContain('LISTENING');
    expect(count(out, 'references resolved')).toBe(1);
    expect(count(out, 'SECRET_ACCESS_DENIED')).toBe(2);
    expect(out).toContain('allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-1-??????');
    expect(out).toContain('allow secretsmanager:GetSecretValue on arn:aws:secretsmanager:us-east-1:123456789012:secret:app/denied-2-??????');
    expect(out).not.toMatch(/^\s+at /m);
    expect(out).not.toContain(CANARY);
  });
});
