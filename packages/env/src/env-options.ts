import type { EnvMap } from '@secretref/core';
import type { LoadEnvOptions } from './load.js';

/** The `SECRETREF_*` variables the register hook reads, documented in the README. */
export const ENV_OPTION_NAMES = [
  'SECRETREF_ENV_FILE',
  'SECRETREF_OVERRIDE',
  'SECRETREF_OPTIONAL',
  'SECRETREF_REGION',
  'SECRETREF_TIMEOUT_MS',
  'SECRETREF_CONCURRENCY',
  'SECRETREF_FALLBACK',
  'SECRETREF_VERBOSE',
] as const;

export interface EnvOptions {
  load: Omit<LoadEnvOptions, 'processEnv'>;
  /** Print the report (every key with its status) to stderr on success too. */
  verbose: boolean;
}

/**
 * Reads the register hook's options from the environment. Throws a TypeError naming the variable
 * when one is malformed, so a typo stops the boot instead of being ignored.
 */
export function envOptionsFrom(env: EnvMap): EnvOptions {
  // A missing env file is fine for the hook, named or not: the environment may carry everything.
  const load: EnvOptions['load'] = { ignoreMissing: true };
  const files = list(env.SECRETREF_ENV_FILE);
  if (files.length) load.path = files;
  const override = flag(env, 'SECRETREF_OVERRIDE');
  if (override !== undefined) load.override = override;
  const optional = list(env.SECRETREF_OPTIONAL);
  if (optional.length) load.optional = optional;
  const region = env.SECRETREF_REGION?.trim();
  if (region) load.region = region;
  const timeoutMs = integer(env, 'SECRETREF_TIMEOUT_MS', MAX_TIMEOUT_MS);
  if (timeoutMs !== undefined) load.timeoutMs = timeoutMs;
  const concurrency = integer(env, 'SECRETREF_CONCURRENCY');
  if (concurrency !== undefined) load.concurrency = concurrency;
  const fallback = env.SECRETREF_FALLBACK?.trim();
  if (fallback) {
    if (fallback !== 'get-secret-value' && fallback !== 'error') {
      throw new TypeError(`secretref: SECRETREF_FALLBACK must be get-secret-value or error, got ${JSON.stringify(fallback)}`);
    }
    load.fallback = fallback;
  }
  return { load, verbose: flag(env, 'SECRETREF_VERBOSE') ?? false };
}

function list(value: string | undefined): string[] {
  return (value ?? '').split(',').map((s) => s.trim()).filter(Boolean);
}

function flag(env: EnvMap, name: string): boolean | undefined {
  const raw = env[name]?.trim().toLowerCase();
  if (!raw) return undefined;
  if (['1', 'true', 'yes', 'on'].includes(raw)) return true;
  if (['0', 'false', 'no', 'off'].includes(raw)) return false;
  throw new TypeError(`secretref: ${name} must be true or false, got ${JSON.stringify(env[name])}`);
}

/** Node's timers fire after 1 ms for any delay above 2^31 - 1 ms, which would time out every reference at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

function integer(env: EnvMap, name: string, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw new TypeError(`secretref: ${name} must be a positive integer, got ${JSON.stringify(env[name])}`);
  if (Number(raw) > max) throw new TypeError(`secretref: ${name} must be at most ${max}, got ${JSON.stringify(env[name])}`);
  return Number(raw);
}
