import type { InjectionToken, ModuleMetadata, OptionalFactoryDependency } from '@nestjs/common';
import type { ConfigModuleOptions } from '@nestjs/config';
import type { ResolveOptions } from '@secretref/core';

/** What SecretrefModule does itself, before handing over to ConfigModule. */
export interface SecretrefEnvOptions {
  /**
   * Env file(s) to read, as ConfigModule's `envFilePath`. Default `.env` in the current directory.
   * Missing files are skipped; with several files the first one to define a key wins.
   */
  envFilePath?: string | string[];
  /** Read no env file; references already in process.env are still resolved. Default false. */
  ignoreEnvFile?: boolean;
  /** Let env-file values override variables the environment already has. Default false (the real environment wins). */
  override?: boolean;
  /** Log the boot report (header and warnings) through Nest's Logger after a successful resolution. Default true. */
  logReport?: boolean;
  /** Also list every resolved key (never a value) in the logged report. Default false. */
  showResolved?: boolean;
}

/**
 * ConfigModule options passed through unchanged once every reference is resolved, so `validate`
 * and `validationSchema` see secret values, never placeholders. `expandVariables`, `parser` and
 * `ignoreEnvVars` are not supported (SecretrefModule reads the env files itself).
 */
export type SecretrefConfigModuleOptions = Omit<
  ConfigModuleOptions,
  'envFilePath' | 'ignoreEnvFile' | 'override' | 'expandVariables' | 'parser' | 'ignoreEnvVars'
>;

/** Options of `SecretrefModule.forRoot()`: @secretref/core's resolve options, env-file options and ConfigModule options. */
export interface SecretrefModuleOptions extends ResolveOptions, SecretrefEnvOptions, SecretrefConfigModuleOptions {}

/** What the `forRootAsync` factory returns: everything but `isGlobal` and `load`. */
export type SecretrefModuleFactoryOptions = Omit<SecretrefModuleOptions, 'isGlobal' | 'load'>;

export interface SecretrefModuleAsyncOptions extends Pick<ModuleMetadata, 'imports'> {
  /** Providers passed to `useFactory`, in order. */
  inject?: Array<InjectionToken | OptionalFactoryDependency>;
  /** Builds the options inside Nest's container, e.g. from an injected SecretsManagerClient. */
  useFactory: (...args: any[]) => SecretrefModuleFactoryOptions | Promise<SecretrefModuleFactoryOptions>;
  /** Register ConfigService and SecretrefService globally. Default false. */
  isGlobal?: boolean;
}
