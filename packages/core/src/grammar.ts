import { parseSecretArn } from './arn.js';

/**
 * The reference grammar (see README):
 *
 * 1. Whole value, ECS `valueFrom` order:
 *    `secretsmanager:<secret-id>[:<json-key>[:<version-stage>[:<version-id>]]]`
 * 2. Embedded, CloudFormation dynamic-reference syntax:
 *    `{{resolve:secretsmanager:<secret-id>[:SecretString[:<json-key>[:<version-stage>[:<version-id>]]]]}}`
 */

export const VALUE_PREFIX = 'secretsmanager:';
export const DYNAMIC_PREFIX = '{{resolve:secretsmanager:';
const DYNAMIC_SUFFIX = '}}';

export interface SecretReference {
  /** The reference exactly as written (whole value, or the `{{resolve:…}}` text). */
  raw: string;
  form: 'value' | 'dynamic';
  /** Name, full ARN or partial ARN. */
  secretId: string;
  jsonKey?: string;
  versionStage?: string;
  versionId?: string;
  /** Region of a secret referenced by ARN; undefined for names (the default region applies). */
  region?: string;
  /** Account of a secret referenced by ARN. */
  accountId?: string;
}

export interface ReferenceMatch {
  reference: SecretReference;
  /** Offset of the reference in the value. */
  start: number;
  /** Offset just past the reference. */
  end: number;
}

/** Thrown by the parser; becomes an `INVALID_REFERENCE` issue during resolution. */
export class InvalidReferenceError extends Error {
  readonly code = 'INVALID_REFERENCE' as const;
  /** Which part is wrong: `secret-id`, `json-key`, `version-stage`, `version-id`, `segments`, … */
  readonly segment: string;
  constructor(message: string, segment: string) {
    super(`[INVALID_REFERENCE] ${message}`);
    this.name = 'InvalidReferenceError';
    this.segment = segment;
  }
}

const NAME_RE = /^[A-Za-z0-9/_+=.@-]+$/;
const VERSION_ID_RE = /^[A-Za-z0-9-]+$/;
const MAX_NAME = 512;
const MAX_ARN = 2048;

/** True when the value opens a reference of either form (it must then parse, or it is an issue). */
export function looksLikeReference(value: string): boolean {
  return value.startsWith(VALUE_PREFIX) || value.includes(DYNAMIC_PREFIX);
}

/**
 * Parses a whole-value reference. Returns undefined when the value does not start with
 * `secretsmanager:` (a literal); throws InvalidReferenceError when it does but does not parse.
 */
export function parseReference(value: string): SecretReference | undefined {
  if (typeof value !== 'string' || !value.startsWith(VALUE_PREFIX)) return undefined;
  const body = value.slice(VALUE_PREFIX.length);
  const { secretId, rest } = splitSecretId(body, describe(value));
  if (rest.length > 3) {
    throw new InvalidReferenceError(
      `${describe(value)} has ${rest.length} segments after the secret id; at most 3 are allowed (json-key, version-stage, version-id)`,
      'segments',
    );
  }
  return build(value, 'value', secretId, rest[0], rest[1], rest[2], describe(value));
}

/**
 * Finds every reference in a value: the whole value when it starts with `secretsmanager:`,
 * otherwise each `{{resolve:secretsmanager:…}}`. Throws InvalidReferenceError for the first
 * reference that does not parse.
 */
export function findReferences(value: string): ReferenceMatch[] {
  if (typeof value !== 'string') return [];
  if (value.startsWith(VALUE_PREFIX)) {
    const reference = parseReference(value);
    return reference ? [{ reference, start: 0, end: value.length }] : [];
  }
  const matches: ReferenceMatch[] = [];
  let from = 0;
  for (;;) {
    const start = value.indexOf(DYNAMIC_PREFIX, from);
    if (start < 0) break;
    const close = value.indexOf(DYNAMIC_SUFFIX, start + DYNAMIC_PREFIX.length);
    if (close < 0) {
      throw new InvalidReferenceError(
        `the dynamic reference at offset ${start} is not closed with "}}"`,
        'syntax',
      );
    }
    const end = close + DYNAMIC_SUFFIX.length;
    const raw = value.slice(start, end);
    matches.push({ reference: parseDynamic(raw, start), start, end });
    from = end;
  }
  return matches;
}

function parseDynamic(raw: string, offset: number): SecretReference {
  const where = `the dynamic reference at offset ${offset}`;
  const body = raw.slice(DYNAMIC_PREFIX.length, -DYNAMIC_SUFFIX.length);
  if (body.includes('{{')) {
    throw new InvalidReferenceError(`${where} contains "{{" before its closing "}}"`, 'syntax');
  }
  const { secretId, rest } = splitSecretId(body, where);
  if (rest.length > 4) {
    throw new InvalidReferenceError(
      `${where} has ${rest.length} segments after the secret id; at most 4 are allowed (SecretString, json-key, version-stage, version-id)`,
      'segments',
    );
  }
  const [valueType, jsonKey, stage, versionId] = rest;
  if (valueType !== undefined && valueType !== '' && valueType !== 'SecretString') {
    throw new InvalidReferenceError(
      `${where}: the segment after the secret id must be "SecretString" or empty, got "${clip(valueType)}"`,
      'value-type',
    );
  }
  return build(raw, 'dynamic', secretId, jsonKey, stage, versionId, where);
}

function splitSecretId(body: string, where: string): { secretId: string; rest: string[] } {
  const fields = body.split(':');
  if (fields[0] === 'arn') {
    if (fields.length < 7) {
      throw new InvalidReferenceError(
        `${where}: an ARN secret id needs 7 colon-separated fields (arn:partition:secretsmanager:region:account:secret:name), found ${fields.length}`,
        'secret-id',
      );
    }
    const secretId = fields.slice(0, 7).join(':');
    validateArn(secretId, where);
    return { secretId, rest: fields.slice(7) };
  }
  const secretId = fields[0] ?? '';
  validateName(secretId, where);
  return { secretId, rest: fields.slice(1) };
}

function validateName(name: string, where: string): void {
  if (name === '') throw new InvalidReferenceError(`${where}: the secret id is empty`, 'secret-id');
  if (name.length > MAX_NAME) {
    throw new InvalidReferenceError(`${where}: the secret name is longer than ${MAX_NAME} characters`, 'secret-id');
  }
  if (!NAME_RE.test(name)) {
    const bad = [...name].find((c) => !NAME_RE.test(c)) ?? '';
    throw new InvalidReferenceError(
      `${where}: the secret name "${clip(name)}" contains ${showChar(bad)}; names may contain ASCII letters, digits and /_+=.@-`,
      'secret-id',
    );
  }
}

function validateArn(arn: string, where: string): void {
  if (arn.length > MAX_ARN) {
    throw new InvalidReferenceError(`${where}: the ARN is longer than ${MAX_ARN} characters`, 'secret-id');
  }
  const [, partition, service, region, account, type, name] = arn.split(':') as string[];
  const fail = (what: string) => {
    throw new InvalidReferenceError(`${where}: the ARN "${clip(arn)}" ${what}`, 'secret-id');
  };
  if (!/^aws(-[a-z]+)*$/.test(partition ?? '')) fail(`has an invalid partition "${clip(partition ?? '')}"`);
  if (service !== 'secretsmanager') fail(`is not a Secrets Manager ARN (service "${clip(service ?? '')}")`);
  if (!/^[a-z]{2}(-[a-z]+)+-\d+$/.test(region ?? '')) fail(`has an invalid region "${clip(region ?? '')}"`);
  if (!/^\d{12}$/.test(account ?? '')) fail(`has an invalid account id "${clip(account ?? '')}" (12 digits)`);
  if (type !== 'secret') fail(`has resource type "${clip(type ?? '')}", expected "secret"`);
  validateName(name ?? '', where);
}

function build(
  raw: string,
  form: SecretReference['form'],
  secretId: string,
  jsonKey: string | undefined,
  versionStage: string | undefined,
  versionId: string | undefined,
  where: string,
): SecretReference {
  const ref: SecretReference = { raw, form, secretId };
  if (jsonKey) {
    if (form === 'dynamic' && jsonKey.includes('}')) {
      throw new InvalidReferenceError(`${where}: the json-key contains "}"`, 'json-key');
    }
    ref.jsonKey = jsonKey;
  }
  if (versionStage) {
    if (versionStage.length > 256) {
      throw new InvalidReferenceError(`${where}: the version-stage is longer than 256 characters`, 'version-stage');
    }
    if (/\s/.test(versionStage)) {
      throw new InvalidReferenceError(`${where}: the version-stage "${clip(versionStage)}" contains white space`, 'version-stage');
    }
    ref.versionStage = versionStage;
  }
  if (versionId) {
    if (versionId.length < 32 || versionId.length > 64 || !VERSION_ID_RE.test(versionId)) {
      throw new InvalidReferenceError(
        `${where}: the version-id "${clip(versionId)}" must be 32 to 64 letters, digits or hyphens`,
        'version-id',
      );
    }
    ref.versionId = versionId;
  }
  const arn = parseSecretArn(secretId);
  if (arn) {
    ref.region = arn.region;
    ref.accountId = arn.accountId;
  }
  return ref;
}

function describe(value: string): string {
  return `the reference "${clip(value)}"`;
}

/** Keeps messages short and linear on adversarial input. References never contain secret values. */
function clip(text: string, max = 120): string {
  return text.length > max ? `${text.slice(0, max)}…` : text;
}

function showChar(c: string): string {
  if (c === ' ') return 'a space';
  const code = c.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `the control character U+${code.toString(16).padStart(4, '0').toUpperCase()}`;
  return `"${c}"`;
}
