import type { ParseArgsConfig } from 'node:util';
import { isEnvFileError, readEnvInput, resolveEnvFiles, type EnvFilesResolution, type EnvInput } from '@secretref/env';
import { UsageError } from './usage-error.js';

/** Flags shared by the commands that resolve an environment. */
export const RESOLVE_FLAGS = {
  'env-file': { type: 'string', multiple: true, short: 'f' },
  region: { type: 'string' },
  override: { type: 'boolean' },
  'timeout-ms': { type: 'string' },
  optional: { type: 'string', multiple: true },
  help: { type: 'boolean', short: 'h' },
} as const satisfies NonNullable<ParseArgsConfig['options']>;

export const RESOLVE_FLAGS_HELP = `  -f, --env-file PATH
                    env file to read; repeatable, the first file to define a key wins
                    (default: .env, skipped when absent; a PATH you name must exist).
                    Prefer -f: Node itself exits 9 on "--env-file <missing file>" anywhere
                    in its command line, before secretref runs (nodejs/node#54232)
  --region R        region for references by name (default: the AWS SDK chain, AWS_REGION)
  --override        the files override variables already set in the environment
  --timeout-ms N    one deadline for the whole resolution, in ms (default 10000)
  --optional KEYS   variables whose failure is a warning and that stay unset (comma-separated
                    or repeated); a reference that does not parse is still an error
  -h, --help        show this help`;

export interface ResolveFlagValues {
  'env-file'?: string[];
  region?: string;
  override?: boolean;
  'timeout-ms'?: string;
  optional?: string[];
}

/**
 * Resolves the env files and every reference of `env`, as the register hook does. Writes nothing.
 * A missing env file is a UsageError; a resolution failure throws SecretResolutionError.
 */
export async function resolveFromFlags(values: ResolveFlagValues, env: NodeJS.ProcessEnv): Promise<EnvFilesResolution> {
  const files = values['env-file'];
  const region = values.region?.trim();
  if (values.region !== undefined && !region) throw new UsageError('--region needs a value');
  try {
    return await resolveEnvFiles({
      ...(files?.length ? { path: files } : {}),
      ...(region ? { region } : {}),
      ...(values['timeout-ms'] !== undefined ? { timeoutMs: positiveInteger(values['timeout-ms'], '--timeout-ms') } : {}),
      override: values.override ?? false,
      processEnv: env,
      ...(values.optional?.length ? { optional: optionalKeys(values.optional) } : {}),
    });
  } catch (error) {
    if (isEnvFileError(error)) throw new UsageError(error.message, false);
    throw error;
  }
}

/** `--optional` values, comma-separated or repeated; [] when not given. */
export function optionalKeys(raw: string[] | undefined): string[] {
  if (raw === undefined) return [];
  const keys = raw.flatMap((r) => r.split(',')).map((k) => k.trim()).filter(Boolean);
  if (!keys.length) throw new UsageError('--optional needs at least one variable name');
  return keys;
}

/** Node's timers fire after 1 ms for any delay above this, which would time out every reference at once. */
const MAX_TIMEOUT_MS = 2_147_483_647;

function positiveInteger(raw: string, flag: string): number {
  if (!/^\d+$/.test(raw) || Number(raw) <= 0) throw new UsageError(`${flag} must be a positive integer, got ${JSON.stringify(raw)}`);
  if (Number(raw) > MAX_TIMEOUT_MS) throw new UsageError(`${flag} must be at most ${MAX_TIMEOUT_MS}, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The env files and environment merged as `run`/`check` would resolve them, without resolving (for `policy`, `check --policy`). */
export function readInputFromFlags(values: ResolveFlagValues, env: NodeJS.ProcessEnv): EnvInput {
  const files = values['env-file'];
  try {
    return readEnvInput({ ...(files?.length ? { path: files } : {}), override: values.override ?? false, processEnv: env });
  } catch (error) {
    if (isEnvFileError(error)) throw new UsageError(error.message, false);
    throw error;
  }
}

/** `--region`, else the SDK's environment variables. */
export function regionFrom(values: { region?: string }, env: NodeJS.ProcessEnv): string | undefined {
  if (values.region !== undefined) {
    const r = values.region.trim();
    if (!r) throw new UsageError('--region needs a value');
    return r;
  }
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined;
}

/** `--account`: 12 digits. */
export function accountFrom(values: { account?: string }): string | undefined {
  if (values.account === undefined) return undefined;
  if (!/^\d{12}$/.test(values.account)) throw new UsageError(`--account must be a 12-digit AWS account id, got ${JSON.stringify(values.account)}`);
  return values.account;
}
