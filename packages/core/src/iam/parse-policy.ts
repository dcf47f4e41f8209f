import { PolicyParseError } from './policy-error.js';
import type { ParsedPolicy, ParsedStatement, PolicyEffect, PolicyIssue } from './types.js';

const DOCUMENT_KEYS = new Set(['Version', 'Id', 'Statement']);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Condition']);
const VERSIONS = new Set(['2012-10-17', '2008-10-17']);
const ACTION_PATTERN = /^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/;
const SID_PATTERN = /^[A-Za-z0-9]*$/;

type Issues = PolicyIssue[];
type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** Reads a string-or-list element; returns undefined (and records issues) when invalid. */
function readList(value: unknown, path: string, issues: Issues): string[] | undefined {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) {
    issues.push({ path, message: `must be a string or a list of strings, got ${describe(value)}` });
    return undefined;
  }
  if (value.length === 0) {
    issues.push({ path, message: 'must not be an empty list' });
    return undefined;
  }
  const out: string[] = [];
  value.forEach((item: unknown, i) => {
    if (typeof item === 'string') out.push(item);
    else issues.push({ path: `${path}[${i}]`, message: `must be a string, got ${describe(item)}` });
  });
  return out.length === value.length ? out : undefined;
}

function checkActions(list: readonly string[], path: string, issues: Issues): void {
  list.forEach((action, i) => {
    if (action !== '*' && !ACTION_PATTERN.test(action)) {
      issues.push({
        path: `${path}[${i}]`,
        message: `"${action}" is not a valid action: use "*" or "<service>:<action>" (e.g. "secretsmanager:GetSecretValue")`,
      });
    }
  });
}

function checkResources(list: readonly string[], path: string, issues: Issues): void {
  list.forEach((resource, i) => {
    if (resource === '*') return;
    if (!resource.startsWith('arn:') || resource.split(':').length < 6) {
      issues.push({
        path: `${path}[${i}]`,
        message: `"${resource}" must be "*" or an ARN (arn:partition:service:region:account:resource)`,
      });
    } else if (/[*?]/.test(resource.split(':')[2] ?? '')) {
      issues.push({ path: `${path}[${i}]`, message: 'the service segment of a resource ARN cannot contain wildcards' });
    }
  });
}

function checkCondition(value: unknown, path: string, issues: Issues): boolean {
  if (!isObject(value)) {
    issues.push({ path, message: `must be an object of condition operators, got ${describe(value)}` });
    return false;
  }
  let ok = true;
  for (const [operator, block] of Object.entries(value)) {
    if (!isObject(block)) {
      issues.push({ path: `${path}.${operator}`, message: `must be an object of condition keys, got ${describe(block)}` });
      ok = false;
    }
  }
  return ok;
}

/** Reads exactly one of `key` / `notKey`, reporting both-or-neither. */
function readPair(raw: Json, key: string, notKey: string, path: string, issues: Issues) {
  const hasKey = raw[key] !== undefined;
  const hasNot = raw[notKey] !== undefined;
  if (hasKey && hasNot) issues.push({ path, message: `must not contain both ${key} and ${notKey}` });
  if (!hasKey && !hasNot) issues.push({ path, message: `must contain ${key} or ${notKey}` });
  return {
    list: hasKey ? readList(raw[key], `${path}.${key}`, issues) : undefined,
    notList: hasNot ? readList(raw[notKey], `${path}.${notKey}`, issues) : undefined,
  };
}

function parseStatement(raw: unknown, index: number, path: string, version: string | undefined, issues: Issues) {
  if (!isObject(raw)) {
    issues.push({ path, message: `must be an object, got ${describe(raw)}` });
    return undefined;
  }
  const before = issues.length;
  for (const key of Object.keys(raw)) {
    if (key === 'Principal' || key === 'NotPrincipal') {
      issues.push({ path: `${path}.${key}`, message: 'identity-based policies must not specify a principal (resource policies are not supported)' });
    } else if (!STATEMENT_KEYS.has(key)) {
      issues.push({ path: `${path}.${key}`, message: `unknown element (allowed: ${[...STATEMENT_KEYS].join(', ')})` });
    }
  }
  const sid = raw['Sid'];
  if (sid !== undefined && (typeof sid !== 'string' || !SID_PATTERN.test(sid))) {
    issues.push({ path: `${path}.Sid`, message: 'must be a string of ASCII letters and digits' });
  }
  const effect = raw['Effect'];
  if (effect !== 'Allow' && effect !== 'Deny') {
    issues.push({ path: `${path}.Effect`, message: `must be "Allow" or "Deny", got ${typeof effect === 'string' ? `"${effect}"` : describe(effect)}` });
  }
  const actions = readPair(raw, 'Action', 'NotAction', path, issues);
  const resources = readPair(raw, 'Resource', 'NotResource', path, issues);
  if (actions.list) checkActions(actions.list, `${path}.Action`, issues);
  if (actions.notList) checkActions(actions.notList, `${path}.NotAction`, issues);
  if (resources.list) checkResources(resources.list, `${path}.Resource`, issues);
  if (resources.notList) checkResources(resources.notList, `${path}.NotResource`, issues);
  const condition = raw['Condition'];
  if (condition !== undefined) checkCondition(condition, `${path}.Condition`, issues);
  if (issues.length > before) return undefined;

  const patterns = resources.list ?? resources.notList ?? [];
  const statement: ParsedStatement = {
    index,
    ...(typeof sid === 'string' ? { sid } : {}),
    effect: effect as PolicyEffect,
    ...(actions.list ? { actions: actions.list } : { notActions: actions.notList ?? [] }),
    ...(resources.list ? { resources: resources.list } : { notResources: resources.notList ?? [] }),
    ...(condition !== undefined ? { condition: condition as ParsedStatement['condition'] } : {}),
    usesPolicyVariables: version === '2012-10-17' && patterns.some((p) => p.includes('${')),
  };
  return statement;
}

function parseDocument(doc: unknown, issues: Issues): ParsedPolicy | undefined {
  if (!isObject(doc)) {
    issues.push({ path: '', message: `a policy document must be a JSON object, got ${describe(doc)}` });
    return undefined;
  }
  for (const key of Object.keys(doc)) {
    if (!DOCUMENT_KEYS.has(key)) issues.push({ path: key, message: 'unknown element (allowed: Version, Id, Statement)' });
  }
  const version = doc['Version'];
  if (version !== undefined && (typeof version !== 'string' || !VERSIONS.has(version))) {
    issues.push({ path: 'Version', message: 'must be "2012-10-17" (or the legacy "2008-10-17")' });
  }
  const id = doc['Id'];
  if (id !== undefined && typeof id !== 'string') issues.push({ path: 'Id', message: 'must be a string' });
  const rawStatements = doc['Statement'];
  if (rawStatements === undefined) {
    issues.push({ path: 'Statement', message: 'is required' });
    return undefined;
  }
  const list: unknown[] = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  if (list.length === 0) issues.push({ path: 'Statement', message: 'must contain at least one statement' });
  const isList = Array.isArray(rawStatements);
  const ver = typeof version === 'string' ? version : undefined;
  const statements = list.map((raw, i) => parseStatement(raw, i, isList ? `Statement[${i}]` : 'Statement', ver, issues));
  const sids = new Set<string>();
  statements.forEach((s, i) => {
    if (s?.sid === undefined || s.sid === '') return;
    if (sids.has(s.sid)) issues.push({ path: `Statement[${i}].Sid`, message: `duplicate Sid "${s.sid}": Sids must be unique in a policy` });
    sids.add(s.sid);
  });
  if (issues.length > 0) return undefined;
  return {
    ...(ver !== undefined ? { version: ver as ParsedPolicy['version'] } : {}),
    ...(typeof id === 'string' ? { id } : {}),
    statements: statements as ParsedStatement[],
  };
}

/**
 * Validates an identity-based IAM policy and returns its normalised form.
 *
 * Accepts the JSON text or an already-parsed value. Throws `PolicyParseError` listing every
 * problem found (invalid JSON, unknown elements, bad Effect, Action/NotAction or
 * Resource/NotResource missing or both present, actions without a service prefix, resources
 * that are neither `*` nor an ARN, Principal in an identity policy, duplicate Sids, …).
 */
export function parsePolicy(input: unknown): ParsedPolicy {
  let doc: unknown = input;
  if (typeof input === 'string') {
    try {
      doc = JSON.parse(input);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new PolicyParseError([{ path: '', message: `not valid JSON (${reason})` }]);
    }
  }
  const issues: Issues = [];
  const policy = parseDocument(doc, issues);
  if (policy === undefined || issues.length > 0) throw new PolicyParseError(issues);
  return policy;
}
