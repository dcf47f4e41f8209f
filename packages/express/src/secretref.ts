import { formatReport, injectEnv, isSecretResolutionError, resolvedValues, withoutSecretValues, type ResolutionReport } from '@secretref/core';
import { isEnvFileError, resolveEnvFiles } from '@secretref/env';
import { LOCALS_KEY, stateOf, type ExpressAppLike } from './app-state.js';
import type { BootLogger, ResolvedVariables, SecretrefOptions } from './options.js';

export interface SecretrefResult<C> {
  /** What `config` returned (also `app.get('config')`). */
  config: C;
  /** The boot report (also `app.locals.secretref.report`). Never holds a value. */
  report: ResolutionReport;
  /** Optional keys that failed and stay unset. */
  unset: string[];
}

/**
 * Resolves every AWS Secrets Manager reference of the env files and of process.env in one batched
 * resolution, before your app serves anything. Then, in one step: writes process.env (a resolved
 * value over every placeholder), `app.set('config', …)` and `app.locals.secretref` (the report).
 * On failure nothing is written; by default the boot report is printed once and the process exits 1.
 */
export async function secretref<C = ResolvedVariables>(app: ExpressAppLike, options: SecretrefOptions<C> = {}): Promise<SecretrefResult<C>> {
  const { envFilePath, override = false, config, exitOnError = true, logger = console, showResolved = false, ...resolveOptions } = options;
  if (typeof app?.set !== 'function' || typeof app.locals !== 'object') throw new TypeError('secretref: secretref(app) needs an Express application');
  const files = envFilePath === false ? [] : envFilePath === undefined ? ['.env'] : ([] as string[]).concat(envFilePath);
  let resolved: Awaited<ReturnType<typeof resolveEnvFiles>>;
  try {
    // First file wins, even with override (which is about process.env): reverse for @secretref/env.
    resolved = await resolveEnvFiles({ ...resolveOptions, path: override ? [...files].reverse() : files, ignoreMissing: true, override });
  } catch (error) {
    if (isSecretResolutionError(error)) app.locals[LOCALS_KEY] = stateOf(error.report);
    if (exitOnError && (isSecretResolutionError(error) || isEnvFileError(error))) exitWith(error.message, logger);
    throw error;
  }
  const { env, report, unset } = resolved;
  // Build the config before writing anything: a throwing `config` leaves process.env untouched.
  const variables = finalVariables(env, resolved.parsed);
  let built: C;
  try {
    built = config ? config(variables) : (variables as C);
  } catch (error) {
    // A validating factory (zod, Joi, …) may quote values in its error: they are replaced by [secret].
    throw withoutSecretValues(error, resolvedValues(report, env));
  }
  injectEnv({ env, report, unset }, process.env, { override });
  storeConfig(app, built);
  app.locals[LOCALS_KEY] = stateOf(report);
  if (logger) {
    const text = formatReport(report, { showResolved });
    if (report.warnings.length > 0) logger.warn(text);
    else logger.log(text);
  }
  return { config: built, report, unset };
}

/**
 * The value each key ends up with: `parsed` has the files' keys as loaded (the environment's value
 * where it wins), `env` every value written, resolved (and wins where both have a key).
 */
function finalVariables(env: Record<string, string>, parsed: Record<string, string>): ResolvedVariables {
  const out: Record<string, string> = {};
  for (const [key, value] of [...Object.entries(parsed), ...Object.entries(env)]) define(out, key, value);
  return Object.freeze(out);
}

/**
 * `app.set('config', …)` without its two leaks: Express's `app.set` logs the value with `debug`
 * (`DEBUG=express:*` would print every secret), and `app.settings` is `app.locals.settings`, which
 * templates see and which a dump of `app.locals` (JSON, util.inspect) would show. A non-enumerable
 * setting is still what `app.get('config')` returns.
 */
function storeConfig(app: ExpressAppLike, value: unknown): void {
  const settings = (app as { settings?: unknown }).settings;
  if (typeof settings !== 'object' || settings === null) {
    app.set('config', value);
    return;
  }
  Object.defineProperty(settings, 'config', { value, enumerable: false, writable: true, configurable: true });
}

function exitWith(message: string, logger: BootLogger | false): never {
  (logger || console).error(message);
  process.exit(1);
}

function define(obj: Record<string, string>, key: string, value: string): void {
  Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
}
