#!/usr/bin/env node
// `npm run demo:denied`: the BatchGetSecretValue write-up, played on the NestJS example.
// The emulator holds SecretOne, SecretTwo and SecretThree and evaluates the caller's IAM policy:
//   policy 1: BatchGetSecretValue + ListSecrets on "*" only → the app refuses to start, naming the grants;
//   policy 2: the same plus GetSecretValue on the three secrets → the app starts.
import { join } from 'node:path';
import { startEmulator } from '@secretref/emulator';
import { EXAMPLES_DIR, emulatorEnv, readJson, startApp } from './app-runner.mjs';

const ACCOUNT = '123456789012';
const CALLER = 'AKIAWRITEUPDEMO';
const policies = readJson('writeup-policies.json');

async function play(title, policy) {
  console.log(`\n━━ ${title} ━━\n${JSON.stringify(policy)}\n`);
  const emu = await startEmulator({
    seed: {
      region: 'us-east-1',
      accountId: ACCOUNT,
      secrets: ['SecretOne', 'SecretTwo', 'SecretThree'].map((name) => ({ name, value: `value-of-${name}-${Math.random().toString(36).slice(2, 8)}` })),
      callers: [{ accessKeyId: CALLER, arn: `arn:aws:iam::${ACCOUNT}:role/batch-get-secret-value`, policy }],
    },
  });
  const app = startApp({
    cwd: join(EXAMPLES_DIR, 'nestjs-app'),
    args: ['dist/main.js'],
    env: { ...emulatorEnv(emu.endpoint, CALLER), ENV_FILE: '.env.writeup', PORT: '0' },
    mergeStderr: true,
  });
  const url = await app.ready;
  let code;
  if (url) {
    const res = await fetch(`${url}/keys`);
    console.log(`GET /keys → ${res.status} ${JSON.stringify(await res.json())}`);
    code = await app.stop();
  } else {
    code = await app.exited;
  }
  await emu.stop();
  console.log(`\n→ exit code ${code}${url ? ' (started, served /keys, stopped)' : ' (refused to start)'}`);
  return { started: Boolean(url), code };
}

const denied = await play('Policy 1: BatchGetSecretValue + ListSecrets on "*"', policies.policy1);
const allowed = await play('Policy 2: policy 1 + GetSecretValue on the three secrets', policies.policy2);
// The demo succeeds when it shows both behaviours.
process.exit(!denied.started && denied.code !== 0 && allowed.started && allowed.code === 0 ? 0 : 1);
