import type { SecretIssue, SecretWarning } from './codes.js';
import { findReferences, InvalidReferenceError, looksLikeReference, type ReferenceMatch } from './grammar.js';
import type { Occurrence } from './plan.js';

export interface EntryInput {
  key: string;
  value: string;
}

export interface Collected {
  /** Every reference found, with the key that holds it. */
  occurrences: Occurrence[];
  /** Per key that parsed: its value and where each reference sits in it. */
  perKey: Map<string, { value: string; matches: ReferenceMatch[] }>;
  /** One INVALID_REFERENCE per key whose value looks like a reference but does not parse. */
  issues: SecretIssue[];
  /** Keys whose value held at least one reference (parsed or not). */
  keys: number;
}

const GRAMMAR_HINT =
  'write secretsmanager:<secret-id>[:<json-key>[:<version-stage>[:<version-id>]]] or {{resolve:secretsmanager:<secret-id>[:SecretString[:<json-key>[:<version-stage>[:<version-id>]]]]}}';

/** The collect and parse steps: every reference of every value, and every value that does not parse. */
export function collectReferences(entries: EntryInput[]): Collected {
  const occurrences: Occurrence[] = [];
  const perKey = new Map<string, { value: string; matches: ReferenceMatch[] }>();
  const issues: SecretIssue[] = [];
  for (const { key, value } of entries) {
    if (typeof value !== 'string' || !looksLikeReference(value)) continue;
    try {
      const matches = findReferences(value);
      perKey.set(key, { value, matches });
      for (const m of matches) occurrences.push({ key, reference: m.reference });
    } catch (error) {
      if (!(error instanceof InvalidReferenceError)) throw error;
      issues.push({ code: 'INVALID_REFERENCE', keys: [key], message: error.message.replace(/^\[INVALID_REFERENCE\] /, ''), hint: GRAMMAR_HINT });
    }
  }
  return { occurrences, perKey, issues, keys: perKey.size + issues.length };
}

/**
 * The `optional` rule: the part of an issue that concerns optional keys becomes a warning ("optional,
 * left unset"), the rest stays an issue. INVALID_REFERENCE is never optional: a typo must not
 * silently unset a variable.
 */
export function splitOptional(issues: SecretIssue[], optional: ReadonlySet<string>): { issues: SecretIssue[]; warnings: SecretWarning[] } {
  const required: SecretIssue[] = [];
  const warnings: SecretWarning[] = [];
  for (const issue of issues) {
    const opt = issue.code === 'INVALID_REFERENCE' ? [] : issue.keys.filter((k) => optional.has(k));
    const req = issue.keys.filter((k) => !opt.includes(k));
    if (opt.length) warnings.push({ ...issue, keys: opt, message: `optional, left unset: ${issue.message}` });
    if (req.length) required.push({ ...issue, keys: req });
  }
  return { issues: required, warnings };
}
