// Helpers shared by the examples' launchers, scripts/start.mjs and demo-denied.mjs: start the
// emulator, point the AWS SDK at it through the environment, run an example app as a child process.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { fileURLToPath } from 'node:url';

export const EXAMPLES_DIR = fileURLToPath(new URL('.', import.meta.url));

/** A seed file of this folder (demo-seed.json), parsed. */
export function readJson(name) {
  return JSON.parse(readFileSync(new URL(name, import.meta.url), 'utf8'));
}

/**
 * What the AWS SDK needs to talk to the emulator, as environment variables: the SDK reads
 * AWS_ENDPOINT_URL_SECRETS_MANAGER itself, so the apps contain no emulator code at all.
 */
export function emulatorEnv(endpoint, accessKeyId = 'AKIAEXAMPLEDEMO') {
  return {
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_REGION: 'us-east-1',
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'the-emulator-does-not-check-signatures',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
}

/**
 * Starts `node <args>` in `cwd`. Its stdout is echoed; stderr is inherited, or echoed to stdout with
 * `mergeStderr` (one ordered stream, as in a terminal).
 * `ready` resolves with the URL the app prints ("listening on <url>"), or undefined if it exits first.
 * `exited` resolves with its exit code (0 when it ended on a signal we sent).
 */
export function startApp({ cwd, args, env, mergeStderr = false }) {
  const child = spawn(process.execPath, args, { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', mergeStderr ? 'pipe' : 'inherit'] });
  child.stderr?.on('data', (chunk) => process.stdout.write(chunk));
  let stopping = false;
  const exited = new Promise((resolve) => {
    child.on('exit', (code, signal) => resolve(code ?? (stopping ? 0 : 128 + (constants.signals[signal] ?? 0))));
  });
  const ready = new Promise((resolve) => {
    let seen = '';
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      seen += chunk.toString();
      const match = /listening on (https?:\/\/\S+)/.exec(seen);
      if (match) resolve(match[1]);
    });
    exited.then(() => resolve(undefined));
  });
  return {
    child,
    ready,
    exited,
    stop(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) {
        stopping = true;
        child.kill(signal);
      }
      return exited;
    },
  };
}
