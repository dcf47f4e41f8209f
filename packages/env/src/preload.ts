import { formatReport, type EnvMap } from '@secretref/core';
import { envOptionsFrom } from './env-options.js';
import { loadEnv } from './load.js';

/** Set in the environment of the resolver process the CommonJS hook spawns, so that it does not recurse. */
export const WORKER_FLAG = 'SECRETREF_REGISTER_WORKER';

/** The changes the hook makes to the environment. */
export interface EnvChanges {
  set: Record<string, string>;
  unset: string[];
}

export interface PreloadIO {
  stderr: { write(chunk: string): unknown };
}

/**
 * The register hook's work: options from `SECRETREF_*`, then loadEnv into a copy of `source`.
 * Returns the changes to apply, or undefined after printing the reason (the boot report) to stderr once.
 */
export async function computePreload(source: EnvMap, io: PreloadIO): Promise<EnvChanges | undefined> {
  try {
    const { load, verbose } = envOptionsFrom(source);
    const target: EnvMap = { ...source };
    const { report } = await loadEnv({ ...load, processEnv: target });
    if (verbose || report.warnings.length) io.stderr.write(`${formatReport(report, { showResolved: verbose })}\n`);
    return diff(source, target);
  } catch (error) {
    io.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    return undefined;
  }
}

/** Applies changes in one synchronous step. */
export function applyChanges(changes: EnvChanges, target: EnvMap): void {
  for (const key of Object.keys(changes.set)) target[key] = changes.set[key];
  for (const key of changes.unset) delete target[key];
}

const DONE = Symbol.for('secretref.env.registered');

/** True the first time in a process (the hook may be loaded by both --import and --require). */
export function firstRegistration(): boolean {
  const g = globalThis as Record<symbol, unknown>;
  if (g[DONE]) return false;
  g[DONE] = true;
  return true;
}

function diff(before: EnvMap, after: EnvMap): EnvChanges {
  const set: Record<string, string> = {};
  for (const key of Object.keys(after)) {
    const value = after[key];
    if (typeof value === 'string' && value !== before[key]) Object.defineProperty(set, key, { value, enumerable: true, writable: true, configurable: true });
  }
  const unset = Object.keys(before).filter((key) => !Object.prototype.hasOwnProperty.call(after, key));
  return { set, unset };
}
