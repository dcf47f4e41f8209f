// `node --import @secretref/env/register app.js`: resolves before the app's first module runs.
import { applyChanges, computePreload, firstRegistration, WORKER_FLAG } from './preload.js';

if (process.env[WORKER_FLAG] !== '1' && firstRegistration()) {
  const changes = await computePreload(process.env, { stderr: process.stderr });
  if (!changes) process.exit(1);
  applyChanges(changes, process.env);
}
