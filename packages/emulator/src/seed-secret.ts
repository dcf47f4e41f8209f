import { randomUUID } from 'node:crypto';
import { randomArnSuffix } from './arn.js';
import { checkKeys, isPlainObject, typeName, type ConfigIssue } from './config-error.js';
import { CURRENT, PREVIOUS, type SecretValue, type Tag } from './store.js';

/** A JSON value: seeds may give a secret's text as a JSON object/array, stored as its JSON text. */
export type SeedJson = string | number | boolean | null | readonly SeedJson[] | { readonly [key: string]: SeedJson };

/** One version of a seeded secret, for full control over versions and staging labels. */
export interface SeedVersion {
  /** 32–64 characters; default a random UUID. */
  readonly versionId?: string;
  /** SecretString: text, or a JSON object/array stored as its JSON text. */
  readonly value?: string | { readonly [key: string]: SeedJson } | readonly SeedJson[];
  /** SecretBinary, base64. Exactly one of `value` / `binary`. */
  readonly binary?: string;
  /** Staging labels, e.g. ["AWSCURRENT"]. Exactly one version of a secret carries AWSCURRENT. */
  readonly stages: readonly string[];
}

export interface SeedSecret {
  /** Secret name: ASCII letters, digits and /_+=.@- (1–512 characters). */
  readonly name: string;
  /** Current SecretString (text, or a JSON object/array stored as JSON text). */
  readonly value?: SeedVersion['value'];
  /** Current SecretBinary, base64. At most one of `value` / `binary`; neither = a secret with no value. */
  readonly binary?: string;
  /** An AWSPREVIOUS version (needs `value` or `binary`). */
  readonly previousValue?: SeedVersion['value'];
  readonly previousBinary?: string;
  /** Explicit versions instead of value/binary/previous*. */
  readonly versions?: readonly SeedVersion[];
  /** A customer-managed KMS key (ARN, key id or alias): reads then also need kms:Decrypt on it. */
  readonly kmsKeyId?: string;
  readonly description?: string;
  /** Tags as a map (`{ "team": "a" }`) or a list (`[{ "Key": "team", "Value": "a" }]`). */
  readonly tags?: Readonly<Record<string, string>> | readonly Tag[];
  /** Fixed 6-character ARN suffix (letters/digits); default random, kept across `reset({ reseed: true })`. */
  readonly arnSuffix?: string;
  /** Seed the secret as scheduled for deletion (reads answer InvalidRequestException). */
  readonly deleted?: boolean;
}

export interface ResolvedVersion {
  readonly versionId: string;
  readonly value: SecretValue;
  readonly stages: readonly string[];
}

export interface ResolvedSecret {
  readonly name: string;
  readonly arnSuffix: string;
  readonly description?: string;
  readonly kmsKeyId?: string;
  readonly tags: readonly Tag[];
  readonly deleted: boolean;
  readonly versions: readonly ResolvedVersion[];
}

const SECRET_KEYS = ['name', 'value', 'binary', 'previousValue', 'previousBinary', 'versions', 'kmsKeyId', 'description', 'tags', 'arnSuffix', 'deleted'];
export const NAME_PATTERN = /^[A-Za-z0-9/_+=.@-]+$/;
const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
export const MAX_VALUE = 65536;

function readValue(text: unknown, binary: unknown, path: string, issues: ConfigIssue[], names: [string, string]): SecretValue | undefined {
  if (text !== undefined && binary !== undefined) {
    issues.push({ path, message: `must not have both ${names[0]} and ${names[1]}` });
    return undefined;
  }
  if (binary !== undefined) {
    if (typeof binary !== 'string' || binary === '' || !BASE64.test(binary)) {
      issues.push({ path: `${path}.${names[1]}`, message: 'must be non-empty base64 text' });
      return undefined;
    }
    const bytes = Buffer.from(binary, 'base64');
    if (bytes.length > MAX_VALUE) issues.push({ path: `${path}.${names[1]}`, message: `must decode to at most ${MAX_VALUE} bytes` });
    return { binary: bytes };
  }
  if (text === undefined) return undefined;
  if (typeof text !== 'string' && !(typeof text === 'object' && text !== null)) {
    issues.push({ path: `${path}.${names[0]}`, message: `must be a string or a JSON object/array, got ${typeName(text)}` });
    return undefined;
  }
  const string = typeof text === 'string' ? text : JSON.stringify(text);
  if (string.length === 0 || string.length > MAX_VALUE) {
    issues.push({ path: `${path}.${names[0]}`, message: `must be 1 to ${MAX_VALUE} characters` });
  }
  return { string };
}

function readTags(tags: unknown, path: string, issues: ConfigIssue[]): Tag[] {
  const list: Array<[unknown, unknown]> = Array.isArray(tags)
    ? tags.map((t: unknown) => (isPlainObject(t) ? [t['Key'], t['Value']] : [undefined, undefined]))
    : isPlainObject(tags) ? Object.entries(tags) : [];
  if (!Array.isArray(tags) && !isPlainObject(tags)) issues.push({ path, message: 'must be an object of strings or a list of { Key, Value }' });
  const out: Tag[] = [];
  list.forEach(([key, value], i) => {
    if (typeof key !== 'string' || key.length < 1 || key.length > 128 || typeof value !== 'string' || value.length > 256) {
      issues.push({ path: `${path}[${i}]`, message: 'a tag needs a string key of 1–128 characters and a string value of up to 256' });
    } else out.push({ Key: key, Value: value });
  });
  return out;
}

function readVersions(raw: unknown, path: string, issues: ConfigIssue[]): ResolvedVersion[] {
  if (!Array.isArray(raw) || raw.length === 0) {
    issues.push({ path, message: 'must be a non-empty list of versions' });
    return [];
  }
  const out: ResolvedVersion[] = [];
  const stagesSeen = new Set<string>();
  const idsSeen = new Set<string>();
  raw.forEach((v: unknown, i) => {
    const at = `${path}[${i}]`;
    if (!isPlainObject(v)) return void issues.push({ path: at, message: `must be an object, got ${typeName(v)}` });
    checkKeys(v, ['versionId', 'value', 'binary', 'stages'], at, issues);
    const versionId = v['versionId'] ?? randomUUID();
    if (typeof versionId !== 'string' || versionId.length < 32 || versionId.length > 64) {
      issues.push({ path: `${at}.versionId`, message: 'must be a string of 32 to 64 characters' });
    } else if (idsSeen.has(versionId)) {
      issues.push({ path: `${at}.versionId`, message: `duplicate version id ${versionId}` });
    } else idsSeen.add(versionId);
    const value = readValue(v['value'], v['binary'], at, issues, ['value', 'binary']);
    if (value === undefined && v['value'] === undefined && v['binary'] === undefined) issues.push({ path: at, message: 'needs value or binary' });
    const stages = v['stages'];
    if (!Array.isArray(stages) || stages.some((s) => typeof s !== 'string' || s.length < 1 || s.length > 256)) {
      return void issues.push({ path: `${at}.stages`, message: 'must be a list of staging labels (strings of 1–256 characters)' });
    }
    for (const stage of stages as string[]) {
      if (stagesSeen.has(stage)) issues.push({ path: `${at}.stages`, message: `label ${stage} is on more than one version` });
      stagesSeen.add(stage);
    }
    if (value !== undefined && typeof versionId === 'string') out.push({ versionId, value, stages: stages as string[] });
  });
  if (!stagesSeen.has(CURRENT)) issues.push({ path, message: 'one version must carry the AWSCURRENT label' });
  return out;
}

/** Validates one seeded secret and fixes its random parts (ARN suffix, version ids). */
export function resolveSeedSecret(raw: unknown, path: string, issues: ConfigIssue[]): ResolvedSecret | undefined {
  if (!isPlainObject(raw)) {
    issues.push({ path, message: `must be an object, got ${typeName(raw)}` });
    return undefined;
  }
  const before = issues.length;
  checkKeys(raw, SECRET_KEYS, path, issues);
  const name = raw['name'];
  if (typeof name !== 'string' || name.length > 512 || !NAME_PATTERN.test(name)) {
    issues.push({ path: `${path}.name`, message: 'must be 1–512 characters: ASCII letters, digits and /_+=.@-' });
  }
  const suffix = raw['arnSuffix'] ?? randomArnSuffix();
  if (typeof suffix !== 'string' || !/^[A-Za-z0-9]{6}$/.test(suffix)) {
    issues.push({ path: `${path}.arnSuffix`, message: 'must be 6 ASCII letters or digits' });
  }
  for (const key of ['kmsKeyId', 'description'] as const) {
    const value = raw[key];
    if (value !== undefined && (typeof value !== 'string' || value.length > 2048 || (key === 'kmsKeyId' && value === ''))) {
      issues.push({ path: `${path}.${key}`, message: 'must be a non-empty string of at most 2048 characters' });
    }
  }
  if (raw['deleted'] !== undefined && typeof raw['deleted'] !== 'boolean') issues.push({ path: `${path}.deleted`, message: 'must be true or false' });
  const tags = raw['tags'] === undefined ? [] : readTags(raw['tags'], `${path}.tags`, issues);

  let versions: ResolvedVersion[] = [];
  if (raw['versions'] !== undefined) {
    const mixed = ['value', 'binary', 'previousValue', 'previousBinary'].filter((k) => raw[k] !== undefined);
    if (mixed.length > 0) issues.push({ path, message: `use either versions or ${mixed.join('/')}, not both` });
    versions = readVersions(raw['versions'], `${path}.versions`, issues);
  } else {
    const current = readValue(raw['value'], raw['binary'], path, issues, ['value', 'binary']);
    const previous = readValue(raw['previousValue'], raw['previousBinary'], path, issues, ['previousValue', 'previousBinary']);
    if (previous !== undefined && current === undefined) issues.push({ path, message: 'previousValue/previousBinary needs value or binary' });
    if (previous !== undefined) versions.push({ versionId: randomUUID(), value: previous, stages: [PREVIOUS] });
    if (current !== undefined) versions.push({ versionId: randomUUID(), value: current, stages: [CURRENT] });
  }
  if (issues.length > before) return undefined;
  return {
    name: name as string,
    arnSuffix: suffix as string,
    ...(raw['description'] !== undefined ? { description: raw['description'] as string } : {}),
    ...(raw['kmsKeyId'] !== undefined ? { kmsKeyId: raw['kmsKeyId'] as string } : {}),
    tags,
    deleted: raw['deleted'] === true,
    versions,
  };
}
