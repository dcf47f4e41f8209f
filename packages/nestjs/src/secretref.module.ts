import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { ConfigModule, ConfigService, type ConfigFactory } from '@nestjs/config';
import { resolvedValues, withoutSecretValues, type ResolutionReport } from '@secretref/core';
import { applyValidatedEnv, CONFIGURATION_TOKEN, createConfigService } from './nest-config.internals.js';
import { resolveProcessEnv } from './resolve-process-env.js';
import { SECRETREF_MODULE_OPTIONS, SECRETREF_REPORT } from './secretref.constants.js';
import type { SecretrefModuleAsyncOptions, SecretrefModuleFactoryOptions, SecretrefModuleOptions } from './secretref-options.interface.js';
import { SecretrefService } from './secretref.service.js';

/**
 * ConfigModule with AWS Secrets Manager references resolved first. Import it instead of
 * `ConfigModule.forRoot()`: it exports ConfigService and SecretrefService.
 */
@Module({})
export class SecretrefModule {
  /**
   * Resolves every reference of the env files and of process.env (one batched resolution), writes
   * process.env, then runs `ConfigModule.forRoot()` with your validation. Rejects with
   * SecretResolutionError, before any provider exists, when a required reference fails.
   */
  static forRoot(options: SecretrefModuleOptions = {}): Promise<DynamicModule> {
    const module = SecretrefModule.build(options);
    // Nest awaits this promise while scanning modules, which may come after a fast rejection:
    // this only keeps Node from calling that rejection unhandled. Nest still receives it.
    module.catch(() => undefined);
    return module;
  }

  /**
   * Options from Nest's container (`imports`, `inject`, `useFactory`). Resolution runs while Nest
   * instantiates providers; the exported ConfigService waits for it, so anything injecting it sees
   * resolved values. `load` is not available here: use `SecretrefModule.forFeature()`.
   */
  static forRootAsync(options: SecretrefModuleAsyncOptions): DynamicModule {
    return {
      module: SecretrefModule,
      global: options.isGlobal ?? false,
      imports: [...(options.imports ?? []), ConfigModule],
      providers: [
        { provide: SECRETREF_MODULE_OPTIONS, useFactory: options.useFactory, inject: options.inject ?? [] },
        {
          provide: SECRETREF_REPORT,
          useFactory: (opts: SecretrefModuleFactoryOptions, host: Record<string, unknown>) => resolveInContainer(opts, host),
          inject: [SECRETREF_MODULE_OPTIONS, CONFIGURATION_TOKEN],
        },
        {
          provide: ConfigService,
          useFactory: (_report: ResolutionReport, host: Record<string, unknown>, opts: SecretrefModuleFactoryOptions) =>
            createConfigService(host, opts),
          inject: [SECRETREF_REPORT, CONFIGURATION_TOKEN, SECRETREF_MODULE_OPTIONS],
        },
        SecretrefService,
      ],
      exports: [ConfigService, SecretrefService, SECRETREF_REPORT],
    };
  }

  /**
   * `ConfigModule.forFeature(config)` whose factory runs only after the references are resolved.
   * With `forRootAsync`, resolution runs while Nest creates providers, and Nest runs a plain
   * `ConfigModule.forFeature()` factory (no dependency) alongside it: a factory reading process.env
   * would see placeholders. Needs `SecretrefModule` registered with `isGlobal: true` (Nest says so
   * if it is not); with `forRoot`, `ConfigModule.forFeature()` is already safe.
   */
  static forFeature(config: ConfigFactory): DynamicModule {
    const feature = ConfigModule.forFeature(config);
    let found = false;
    const providers = (feature.providers ?? []).map((p: Provider) => {
      if (typeof p !== 'object' || p === null || !('useFactory' in p) || p.useFactory !== config) return p;
      found = true;
      // The factory keeps its identity (ConfigModule finds its registerAs token on it) and is called
      // with the report, which it ignores: the dependency only makes Nest wait for the resolution.
      return { ...p, inject: [SECRETREF_REPORT] };
    });
    if (!found) throw new Error('secretref: SecretrefModule.forFeature does not recognise this @nestjs/config version\'s forFeature()');
    return { ...feature, providers };
  }

  private static async build(options: SecretrefModuleOptions): Promise<DynamicModule> {
    const { report, config } = await resolveProcessEnv(options);
    const configModule = await validated(report, () => ConfigModule.forRoot({ ...config, ignoreEnvFile: true }));
    return {
      module: SecretrefModule,
      global: options.isGlobal ?? false,
      imports: [configModule],
      providers: [{ provide: SECRETREF_REPORT, useValue: report }, SecretrefService],
      exports: [configModule, SecretrefService, SECRETREF_REPORT],
    };
  }
}

async function resolveInContainer(options: SecretrefModuleFactoryOptions, host: Record<string, unknown>): Promise<ResolutionReport> {
  if ((options as SecretrefModuleOptions).load !== undefined) {
    throw new TypeError('secretref: SecretrefModule.forRootAsync does not support load; use SecretrefModule.forFeature()');
  }
  const { report, config } = await resolveProcessEnv(options);
  // Validation (function or schema, as the installed @nestjs/config supports) on resolved values.
  const configModule = await validated(report, () => ConfigModule.forRoot({ ...config, ignoreEnvFile: true, isGlobal: false }));
  applyValidatedEnv(configModule, host);
  return report;
}

/** Runs ConfigModule (and so the user's validation) on resolved values; its errors lose every value. */
async function validated<T>(report: ResolutionReport, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw withoutSecretValues(error, resolvedValues(report));
  }
}
