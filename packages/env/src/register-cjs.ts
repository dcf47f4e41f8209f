// `node --require @secretref/env/register app.js`. CommonJS cannot wait for a promise, so the
// resolution runs in a short-lived Node process (spawned synchronously) that hands the resolved
// variables back over a private pipe (fd 3), never over stdout. Its stderr is ours: the report is
// printed there once, by the resolver.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { applyChanges, firstRegistration, WORKER_FLAG, type EnvChanges } from './preload.js';

function fail(message: string): never {
  process.stderr.write(`secretref: ${message}\n`);
  process.exit(1);
}

if (process.env[WORKER_FLAG] !== '1' && firstRegistration()) {
  const result = spawnSync(process.execPath, [join(__dirname, 'register-worker.cjs')], {
    env: { ...process.env, [WORKER_FLAG]: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) fail(`could not start the resolver process: ${result.error.message}`);
  if (result.signal) fail(`the resolver process was killed by ${result.signal}`);
  // The resolver printed the reason (the boot report) itself.
  if (result.status !== 0) process.exit(1);
  let changes: EnvChanges;
  try {
    changes = JSON.parse(String(result.output[3] ?? '')) as EnvChanges;
  } catch {
    fail('the resolver process returned no result');
  }
  applyChanges(changes, process.env);
}
