import type { ResolveOptions } from '@secretref/core';

/** The resolved variables, as `config` receives them. */
export type ResolvedVariables = Readonly<Record<string, string>>;

/** Where the boot report goes: `console`, or anything with these methods (one string argument each). */
export interface BootLogger {
  log(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

export interface SecretrefOptions<C = ResolvedVariables> extends ResolveOptions {
  /**
   * Env file(s) to read with dotenv's parser. Default `.env` in the current directory; missing files
   * are skipped; with several files the first one to define a key wins. `false`: read none.
   */
  envFilePath?: string | string[] | false;
  /** Let env-file values override variables the environment already has. Default false (the real environment wins). */
  override?: boolean;
  /**
   * Builds your config from the resolved variables; the result is what `app.get('config')` returns (a non-enumerable setting: not in dumps of `app.locals`).
   * Default: the variables of the env files plus every variable that held a reference, resolved.
   */
  config?: (env: ResolvedVariables) => C;
  /**
   * On a resolution failure, print the boot report once to `logger.error` and exit the process with
   * code 1 (default true). `false`: reject with SecretResolutionError and print nothing.
   */
  exitOnError?: boolean;
  /** Where the boot report goes. Default `console`. `false`: print nothing on success. */
  logger?: BootLogger | false;
  /** Also list every resolved key (never a value) in the printed report. Default false. */
  showResolved?: boolean;
}
