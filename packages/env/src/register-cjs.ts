// `node --require @secretref/env/register app.js`. CommonJS cannot wait for a promise, so the
// resolution runs in a short-lived Node process (spawned synchronously) that hands the resolved
// variables back over a private pipe (fd 3), never over stdout. Its stderr is ours: the report is
// printed there once, by the resolver.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { applyChanges, firstRegistration, WORKER_FLAG, type EnvChanges } from './preload.js';

if (process.env[WORKER_FLAG] !== '1' && firstRegistration()) {
  const result = spawnSync(process.execPath, [join(__dirname, 'register-worker.cjs')], {
    env: { ...process.env, [WORKER_FLAG]: '1' },
    stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.error) {
    process.stderr.write(`secretref: could not start the resolver process: ${result.error.message}\n`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(1);
  const changes = JSON.parse(String(result.output[3] ?? '')) as EnvChanges;
  applyChanges(changes, process.env);
}
