import type { DynamicModule, Provider } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';

/**
 * @nestjs/config keeps these tokens private (not exported from its index). Their values have been
 * the same from v1 to v12; `forRootAsync` needs them to share ConfigModule's config host.
 */
export const CONFIGURATION_TOKEN = 'CONFIGURATION_TOKEN';
const VALIDATED_ENV_LOADER = 'VALIDATED_ENV_LOADER';

/**
 * Runs the provider of a `ConfigModule.forRoot()` result that stores the validated env on the
 * config host, so ConfigService.get() returns the validated (coerced, defaulted) values.
 */
export function applyValidatedEnv(configModule: DynamicModule, host: Record<string, unknown>): void {
  const loader = (configModule.providers ?? []).find(
    (p: Provider): p is Provider & { useFactory: (host: unknown) => unknown } =>
      typeof p === 'object' && p !== null && 'provide' in p && p.provide === VALIDATED_ENV_LOADER && 'useFactory' in p,
  );
  loader?.useFactory(host);
}

/** A ConfigService on the shared host, with the flags ConfigModule.forRoot would set. */
export function createConfigService(host: Record<string, unknown>, flags: { cache?: boolean; skipProcessEnv?: boolean }): ConfigService {
  const service = new ConfigService(host);
  const untyped = service as unknown as { isCacheEnabled: boolean; skipProcessEnv: boolean };
  if (flags.cache) untyped.isCacheEnabled = true;
  if (flags.skipProcessEnv) untyped.skipProcessEnv = true;
  return service;
}
