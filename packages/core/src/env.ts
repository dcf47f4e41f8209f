import { resolveEntries, type ResolveOptions } from './resolve.js';
import type { ResolutionReport } from './report.js';
import { looksLikeReference } from './grammar.js';

export type EnvMap = Record<string, string | undefined>;

export interface ResolvedEnv {
  /** A new map: every reference replaced; optional keys that failed are absent. */
  env: Record<string, string>;
  report: ResolutionReport;
  /** Optional keys that failed and stay unset. */
  unset: string[];
}

/**
 * Resolves every reference (whole-value or embedded) in an env map. Never mutates its input.
 * Throws SecretResolutionError, with every issue, when any required reference fails.
 */
export async function resolveEnv(env: EnvMap, options: ResolveOptions = {}): Promise<ResolvedEnv> {
  if (typeof env !== 'object' || env === null) throw new TypeError('secretref: resolveEnv(env) needs an object of strings');
  const entries = Object.keys(env).flatMap((key) => {
    const value = env[key];
    return typeof value === 'string' ? [{ key, value }] : [];
  });
  const { values, unset, report } = await resolveEntries(entries, options);
  const out: Record<string, string> = {};
  for (const { key, value } of entries) {
    if (unset.includes(key)) continue;
    define(out, key, values.get(key) ?? value);
  }
  return { env: out, report, unset };
}

export interface InjectOptions {
  /** Overwrite variables the target already has. Default false (as dotenv: the real environment wins). */
  override?: boolean;
}

/**
 * Writes a resolved env into `target` (default process.env) in one synchronous step, after
 * everything resolved. Existing variables are kept unless `override`, except those that still hold
 * a reference: a placeholder is always replaced (or removed, for an optional key left unset).
 * Returns what it wrote.
 */
export function injectEnv(
  resolved: ResolvedEnv | Record<string, string>,
  target: EnvMap = process.env,
  options: InjectOptions = {},
): Record<string, string> {
  const isResult = isResolvedEnv(resolved);
  const env = isResult ? resolved.env : resolved;
  const unset = isResult ? resolved.unset : [];
  const writes: Array<[string, string]> = [];
  for (const key of Object.keys(env)) {
    const value = env[key];
    if (typeof value !== 'string') continue;
    const current = own(target, key);
    if (current === undefined || options.override || looksLikeReference(current)) writes.push([key, value]);
  }
  // Node cuts an environment value at its first NUL: refuse before writing anything, naming the keys.
  const truncated = target === process.env ? writes.filter(([, v]) => v.includes('\u0000')).map(([k]) => k) : [];
  if (truncated.length) {
    throw new TypeError(`secretref: the resolved value of ${truncated.join(', ')} contains a NUL character, which process.env cannot hold (Node would cut it short); nothing was written`);
  }
  const removals = unset.filter((k) => looksLikeReference(own(target, k) ?? ''));
  const written: Record<string, string> = {};
  for (const [key, value] of writes) {
    if (key === '__proto__') define(target as Record<string, string>, key, value);
    else target[key] = value;
    define(written, key, value);
  }
  for (const key of removals) delete target[key];
  return written;
}

/** A variable's own string value (never one inherited from a prototype). */
function own(target: EnvMap, key: string): string | undefined {
  if (!Object.prototype.hasOwnProperty.call(target, key)) return undefined;
  const value = target[key];
  return typeof value === 'string' ? value : undefined;
}

function isResolvedEnv(value: unknown): value is ResolvedEnv {
  const v = value as ResolvedEnv;
  return typeof v === 'object' && v !== null && typeof v.env === 'object' && typeof v.report === 'object' && Array.isArray(v.unset);
}

/** Assigns without invoking the `__proto__` setter for a key named `__proto__`. */
function define(obj: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
