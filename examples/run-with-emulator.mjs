#!/usr/bin/env node
// `node ../run-with-emulator.mjs <app.js>` (each example's `npm start`): starts the emulator with
// demo-seed.json, runs the app against it, and stops both on Ctrl-C. With SECRETREF_TARGET=aws it
// runs the app against real AWS instead (credentials and region from the usual AWS chain).
import { startEmulator } from '@secretref/emulator';
import { emulatorEnv, readJson, startApp } from './app-runner.mjs';

const args = process.argv.slice(2);
if (args.length === 0) {
  console.error('usage: node run-with-emulator.mjs <app.js> [node args...]');
  process.exit(2);
}

const emu = process.env.SECRETREF_TARGET === 'aws' ? undefined : await startEmulator({ seed: readJson('demo-seed.json') });
if (emu) console.log(`secretref emulator on ${emu.endpoint} (demo seed)`);
const app = startApp({ cwd: process.cwd(), args, env: emu ? emulatorEnv(emu.endpoint) : {} });

let stopping = false;
async function stop(code) {
  if (stopping) return;
  stopping = true;
  const appCode = await app.stop();
  await emu?.stop();
  process.exit(code ?? appCode);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
app.exited.then((code) => stop(code));
