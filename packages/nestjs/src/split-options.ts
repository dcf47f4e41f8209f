import type { ResolveOptions } from '@secretref/core';
import type { SecretrefConfigModuleOptions, SecretrefEnvOptions, SecretrefModuleOptions } from './secretref-options.interface.js';

const RESOLVE_KEYS = ['client', 'clientConfig', 'region', 'concurrency', 'timeoutMs', 'fallback', 'optional', 'signal'] as const;
const ENV_KEYS = ['envFilePath', 'ignoreEnvFile', 'override', 'logReport', 'showResolved'] as const;
const UNSUPPORTED = ['expandVariables', 'parser', 'ignoreEnvVars'] as const;

export interface SplitOptions {
  resolve: ResolveOptions;
  env: SecretrefEnvOptions;
  config: SecretrefConfigModuleOptions;
}

/** Sorts one options object into what core, the env-file step and ConfigModule each take. */
export function splitOptions(options: SecretrefModuleOptions): SplitOptions {
  if (typeof options !== 'object' || options === null) throw new TypeError('secretref: SecretrefModule options must be an object');
  for (const key of UNSUPPORTED) {
    if ((options as Record<string, unknown>)[key] !== undefined) {
      throw new TypeError(`secretref: SecretrefModule does not support ConfigModule's ${key} (it reads the env files itself)`);
    }
  }
  const rest: Record<string, unknown> = { ...options };
  const take = <K extends string>(keys: readonly K[]): Record<K, unknown> => {
    const out = {} as Record<K, unknown>;
    for (const k of keys) {
      if (rest[k] !== undefined) out[k] = rest[k];
      delete rest[k];
    }
    return out;
  };
  const resolve = take(RESOLVE_KEYS) as ResolveOptions;
  const env = take(ENV_KEYS) as SecretrefEnvOptions;
  return { resolve, env, config: rest as SecretrefConfigModuleOptions };
}
