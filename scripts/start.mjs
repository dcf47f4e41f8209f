#!/usr/bin/env node
// `npm start` (after `npm run build`): starts the emulator with examples/demo-seed.json, boots the
// NestJS example against it (which prints its boot report), calls GET /keys (which keys resolved,
// values masked), then keeps serving until Ctrl-C stops everything.
//
// --once, CI=true or SECRETREF_ONCE=1: boot, call /keys, shut down, exit 0 (1 if anything failed).
import { join } from 'node:path';
import { startEmulator } from '@secretref/emulator';
import { EXAMPLES_DIR, emulatorEnv, readJson, startApp } from '../examples/app-runner.mjs';

const truthy = (v) => /^(1|true|yes)$/i.test(v ?? '');
const once = process.argv.includes('--once') || truthy(process.env.CI) || truthy(process.env.SECRETREF_ONCE);

const emu = await startEmulator({ seed: readJson('demo-seed.json') });
console.log(`secretref emulator on ${emu.endpoint} · demo seed: demo/db, demo/stripe, demo/session-secret\n`);

const app = startApp({
  cwd: join(EXAMPLES_DIR, 'nestjs-app'),
  args: ['dist/main.js'],
  env: { ...emulatorEnv(emu.endpoint), PORT: once ? '0' : (process.env.PORT ?? '3000') },
});

let stopping = false;
async function shutdown(code) {
  if (stopping) return;
  stopping = true;
  const appCode = await app.stop();
  await emu.stop();
  process.exit(code ?? appCode);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

const url = await app.ready;
if (!url) {
  // The app refused to start: it has printed the boot report. Exit with its code.
  await shutdown();
} else {
  let ok = false;
  try {
    const res = await fetch(`${url}/keys`);
    ok = res.ok;
    console.log(`\nGET ${url}/keys → ${res.status}\n${table(await res.json())}`);
  } catch (error) {
    console.error(`GET ${url}/keys failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (once) {
    const appCode = await app.stop();
    await shutdown(ok && appCode === 0 ? 0 : 1);
  } else {
    console.log(`\nServing on ${url} · try: curl ${url}/keys · curl ${url}/health/secrets · Ctrl-C to stop`);
    app.exited.then((code) => shutdown(code));
  }
}

/** The /keys answer as one line per key: name, masked value, where it came from, how it was read. */
function table(body) {
  if (!Array.isArray(body?.keys)) return JSON.stringify(body, null, 2);
  const w = Math.max(...body.keys.map((k) => k.key.length));
  const rows = body.keys.map((k) => `  ${k.key.padEnd(w)}  ${k.value}  ← ${k.from.join(' + ')}  (${k.via.join(', ')})`);
  return [`status: ${body.status}`, ...rows].join('\n');
}
