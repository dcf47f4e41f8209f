import { injectEnv, looksLikeReference, resolveConfig, resolveEnv, type ResolveOptions } from '@secretref/core';
import { asBootError } from './boot-error.js';
import { logReport } from './resolve-process-env.js';

export interface SecretrefLoadOptions extends ResolveOptions {
  /** Log the boot report through Nest's Logger after a successful resolution. Default true. */
  logReport?: boolean;
  /** Also list every resolved key (never a value) in the logged report. Default false. */
  showResolved?: boolean;
}

export interface SecretrefLoadConfigOptions<T> extends SecretrefLoadOptions {
  /**
   * A config object (or a function returning one, called when Nest runs the factory) whose string
   * leaves may hold references. The factory returns a resolved deep copy.
   */
  config: T | (() => T | Promise<T>);
}

/**
 * A config factory for your own `ConfigModule.forRoot({ load: [...] })` (or `registerAs`).
 *
 * - `secretrefLoad({ config })` returns the config object with every reference resolved.
 * - `secretrefLoad()` resolves the references in process.env (ConfigModule has already copied the
 *   .env file there), replaces each placeholder in process.env, and returns the resolved variables.
 *
 * The factory rejects with SecretResolutionError (every issue) and writes nothing on failure.
 * ConfigModule runs `validate`/`validationSchema` before load factories, so they see placeholders:
 * use SecretrefModule.forRoot() when validation must see secret values.
 */
export function secretrefLoad<T extends Record<string, any>>(options: SecretrefLoadConfigOptions<T>): () => Promise<T>;
export function secretrefLoad(options?: SecretrefLoadOptions): () => Promise<Record<string, string>>;
export function secretrefLoad<T extends Record<string, any>>(
  options: SecretrefLoadOptions | SecretrefLoadConfigOptions<T> = {},
): () => Promise<T | Record<string, string>> {
  const { logReport: log = true, showResolved = false, ...rest } = options;
  return async () => {
    try {
      if ('config' in rest) {
        const { config, ...resolveOptions } = rest as SecretrefLoadConfigOptions<T>;
        const input = typeof config === 'function' ? await (config as () => T | Promise<T>)() : config;
        const result = await resolveConfig(input, resolveOptions);
        if (log) logReport(result.report, showResolved);
        return result.config;
      }
      const references: Record<string, string> = {};
      for (const [key, value] of Object.entries(process.env)) {
        if (typeof value === 'string' && looksLikeReference(value)) references[key] = value;
      }
      const result = await resolveEnv(references, rest);
      injectEnv(result, process.env);
      if (log) logReport(result.report, showResolved);
      return result.env;
    } catch (error) {
      throw asBootError(error);
    }
  };
}
