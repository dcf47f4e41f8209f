import { readFile } from 'node:fs/promises';
import { PolicyParseError, parsePolicy, type ParsedPolicy, type PolicyDocument } from '@secretref/core/iam';
import { EmulatorConfigError, checkKeys, isPlainObject, typeName, type ConfigIssue } from './config-error.js';
import { validateFaults, type FaultConfig } from './faults.js';
import { describeJsonError } from './json-error.js';
import { resolveSeedSecret, type ResolvedSecret, type SeedSecret } from './seed-secret.js';

/** A caller, selected by the access key id of the request's `Authorization` header. */
export interface SeedCaller {
  readonly accessKeyId: string;
  /** The principal ARN named in AccessDenied messages, e.g. `arn:aws:iam::123456789012:role/app`. */
  readonly arn: string;
  /** Identity-based policy (IAM JSON) or a list of them; none = every request denied. */
  readonly policy?: PolicyDocument | readonly PolicyDocument[];
}

/** The seed file: a public contract, documented in the package README. */
export interface EmulatorSeed {
  /** Default `us-east-1`. */
  readonly region?: string;
  /** Default `123456789012`. */
  readonly accountId?: string;
  readonly secrets?: readonly SeedSecret[];
  /** Without callers every request is allowed; with callers, unknown access keys are rejected. */
  readonly callers?: readonly SeedCaller[];
  /** Fault and latency injection; the `faults` start option replaces it. */
  readonly faults?: FaultConfig;
}

export interface ResolvedCaller {
  readonly accessKeyId: string;
  readonly arn: string;
  readonly policies: readonly ParsedPolicy[];
}

/** A validated seed with every random part (ARN suffixes, version ids) fixed. */
export interface ResolvedSeed {
  readonly region: string;
  readonly accountId: string;
  readonly secrets: readonly ResolvedSecret[];
  /** Undefined: IAM off (everyone may do everything). */
  readonly callers: readonly ResolvedCaller[] | undefined;
  readonly faults: FaultConfig | undefined;
}

const SEED_KEYS = ['region', 'accountId', 'secrets', 'callers', 'faults'];
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;

function readPolicies(raw: unknown, path: string, issues: ConfigIssue[]): ParsedPolicy[] {
  if (raw === undefined) return [];
  const list: unknown[] = Array.isArray(raw) ? raw : [raw];
  const out: ParsedPolicy[] = [];
  list.forEach((doc, i) => {
    const at = Array.isArray(raw) ? `${path}[${i}]` : path;
    try {
      out.push(parsePolicy(doc));
    } catch (error) {
      if (!PolicyParseError.isInstance(error)) throw error;
      for (const issue of error.issues) issues.push({ path: issue.path === '' ? at : `${at}.${issue.path}`, message: issue.message });
    }
  });
  return out;
}

function resolveCallers(raw: unknown, issues: ConfigIssue[]): ResolvedCaller[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw)) {
    issues.push({ path: 'callers', message: `must be a list, got ${typeName(raw)}` });
    return undefined;
  }
  const keys = new Set<string>();
  const out: ResolvedCaller[] = [];
  raw.forEach((caller: unknown, i) => {
    const path = `callers[${i}]`;
    if (!isPlainObject(caller)) return void issues.push({ path, message: `must be an object, got ${typeName(caller)}` });
    checkKeys(caller, ['accessKeyId', 'arn', 'policy'], path, issues);
    const { accessKeyId, arn } = caller;
    if (typeof accessKeyId !== 'string' || !/^[A-Za-z0-9]{1,128}$/.test(accessKeyId)) {
      issues.push({ path: `${path}.accessKeyId`, message: 'must be 1–128 ASCII letters or digits' });
    } else if (keys.has(accessKeyId)) {
      issues.push({ path: `${path}.accessKeyId`, message: `duplicate access key id ${accessKeyId}` });
    } else keys.add(accessKeyId);
    if (typeof arn !== 'string' || !arn.startsWith('arn:')) issues.push({ path: `${path}.arn`, message: 'must be a principal ARN (arn:...)' });
    const policies = readPolicies(caller['policy'], `${path}.policy`, issues);
    if (typeof accessKeyId === 'string' && typeof arn === 'string') out.push({ accessKeyId, arn, policies });
  });
  return out;
}

/** Validates a seed (every problem reported at once) and fixes its random parts. */
export function resolveSeed(input: unknown): ResolvedSeed {
  const issues: ConfigIssue[] = [];
  if (!isPlainObject(input)) throw new EmulatorConfigError('seed', [{ path: '', message: `must be a JSON object, got ${typeName(input)}` }]);
  checkKeys(input, SEED_KEYS, '', issues);
  const region = input['region'] ?? 'us-east-1';
  if (typeof region !== 'string' || !REGION.test(region)) issues.push({ path: 'region', message: 'must be a region name like us-east-1' });
  const accountId = input['accountId'] ?? '123456789012';
  if (typeof accountId !== 'string' || !/^\d{1,12}$/.test(accountId)) issues.push({ path: 'accountId', message: 'must be a string of up to 12 digits' });

  const rawSecrets = input['secrets'] ?? [];
  const secrets: ResolvedSecret[] = [];
  if (!Array.isArray(rawSecrets)) issues.push({ path: 'secrets', message: `must be a list, got ${typeName(rawSecrets)}` });
  else {
    const names = new Set<string>();
    rawSecrets.forEach((raw: unknown, i) => {
      const secret = resolveSeedSecret(raw, `secrets[${i}]`, issues);
      if (secret === undefined) return;
      if (names.has(secret.name)) issues.push({ path: `secrets[${i}].name`, message: `duplicate secret name ${secret.name}` });
      names.add(secret.name);
      secrets.push(secret);
    });
  }
  const callers = resolveCallers(input['callers'], issues);
  if (input['faults'] !== undefined) validateFaults(input['faults'], 'faults', issues);
  if (issues.length > 0) throw new EmulatorConfigError('seed', issues);
  return {
    region: region as string,
    accountId: accountId as string,
    secrets,
    callers,
    faults: input['faults'] as FaultConfig | undefined,
  };
}

/** Validates a seed object; throws `EmulatorConfigError` listing every problem. Returns it typed. */
export function validateSeed(input: unknown): EmulatorSeed {
  resolveSeed(input);
  return input as EmulatorSeed;
}

/** Reads and validates a seed file (JSON). */
export async function loadSeedFile(path: string): Promise<EmulatorSeed> {
  const text = await readFile(path, 'utf8');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EmulatorConfigError(`seed file ${path}`, [{ path: '', message: describeJsonError(error, text) }]);
  }
  return validateSeed(parsed);
}
