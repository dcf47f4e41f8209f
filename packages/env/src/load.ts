import { injectEnv, looksLikeReference, resolveEnv, type EnvMap, type ResolutionReport, type ResolveOptions } from '@secretref/core';
import { define, readEnvFiles, type ReadEnvFilesOptions } from './files.js';

export interface LoadEnvOptions extends ResolveOptions, ReadEnvFilesOptions {
  /**
   * Let the files override variables the environment already has (and later files override earlier
   * ones), as dotenv's `override`. Default false: the existing environment wins. A variable of the
   * environment that holds a reference always gets resolved, whatever this says.
   */
  override?: boolean;
  /** The environment to read and (for loadEnv) write. Default `process.env`. */
  processEnv?: EnvMap;
}

export interface EnvFilesResolution {
  /**
   * The resolved value each key of the files has after loading: the file's value, or the existing
   * environment's (resolved) value where that one wins. Never a reference. Optional keys that failed are absent.
   */
  parsed: Record<string, string>;
  /** What to write into the environment: every key of the files and every reference of the environment, resolved. */
  env: Record<string, string>;
  /** Optional keys that failed: left unset (a placeholder for them is removed from the environment). */
  unset: string[];
  report: ResolutionReport;
  /** Absolute paths of the env files read, in order. */
  files: string[];
}

export interface LoadEnvResult {
  /** See {@link EnvFilesResolution.parsed}. */
  parsed: Record<string, string>;
  report: ResolutionReport;
  unset: string[];
  files: string[];
}

/**
 * Reads the env files and resolves every reference they define and every reference already in
 * `processEnv`, in one batched resolution. Writes nothing: pass the result to core's `injectEnv`
 * (with the same `override`) or use {@link loadEnv}. A reference shadowed by an existing variable
 * is never fetched. Throws SecretResolutionError (every issue) or EnvFileError.
 */
export async function resolveEnvFiles(options: LoadEnvOptions = {}): Promise<EnvFilesResolution> {
  const { path, encoding, override = false, ignoreMissing, processEnv = process.env, ...resolveOptions } = options;
  const { input, fileVars, files } = readEnvInput({ path, encoding, override, ignoreMissing, processEnv });
  const resolved = await resolveEnv(input, resolveOptions);
  const parsed: Record<string, string> = {};
  for (const key of Object.keys(fileVars)) {
    const value = hasOwn(resolved.env, key) ? resolved.env[key] : resolved.unset.includes(key) ? undefined : processEnv[key];
    if (typeof value === 'string') define(parsed, key, value);
  }
  return { parsed, env: resolved.env, unset: resolved.unset, report: resolved.report, files };
}

export interface EnvInput {
  /** What a resolution would resolve: each file key's winning value, plus every reference of the environment. */
  input: Record<string, string>;
  /** The files' variables, merged (first file wins unless override). */
  fileVars: Record<string, string>;
  /** Absolute paths of the env files read, in order. */
  files: string[];
}

/**
 * Reads the env files and returns the map that {@link resolveEnvFiles} would resolve, without
 * resolving anything (for tools that only look at the references, such as `secretref policy`).
 */
export function readEnvInput(options: Omit<LoadEnvOptions, keyof ResolveOptions> = {}): EnvInput {
  const { path, encoding, override = false, ignoreMissing, processEnv = process.env } = options;
  const { parsed: fileVars, files } = readEnvFiles(pick({ path, encoding, override, ignoreMissing }));
  return { input: effectiveInput(fileVars, processEnv, override), fileVars, files };
}

/**
 * dotenv's `config()`, resolving secrets: reads the env files, resolves every reference (from the
 * files and from the existing environment), then writes `processEnv` in one synchronous step.
 * On any failure it throws and writes nothing.
 */
export async function loadEnv(options: LoadEnvOptions = {}): Promise<LoadEnvResult> {
  const result = await resolveEnvFiles(options);
  injectEnv({ env: result.env, report: result.report, unset: result.unset }, options.processEnv ?? process.env, { override: options.override ?? false });
  return { parsed: result.parsed, report: result.report, unset: result.unset, files: result.files };
}

/**
 * The map to resolve: each key of the files with the value that wins (the existing variable's, when
 * it exists and there is no override; then only if it is a reference), plus every other variable
 * of the environment that holds a reference.
 */
function effectiveInput(fileVars: Record<string, string>, processEnv: EnvMap, override: boolean): Record<string, string> {
  const input: Record<string, string> = {};
  for (const key of Object.keys(fileVars)) {
    const current = processEnv[key];
    if (typeof current === 'string' && !override) {
      if (looksLikeReference(current)) define(input, key, current);
      continue;
    }
    define(input, key, fileVars[key] as string);
  }
  for (const key of Object.keys(processEnv)) {
    if (hasOwn(fileVars, key)) continue;
    const value = processEnv[key];
    if (typeof value === 'string' && looksLikeReference(value)) define(input, key, value);
  }
  return input;
}

function hasOwn(obj: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(obj, key);
}

/** Drops undefined fields (readEnvFiles tells "not given" from "given"). */
function pick<T extends object>(obj: T): T {
  for (const k of Object.keys(obj) as Array<keyof T>) if (obj[k] === undefined) delete obj[k];
  return obj;
}
