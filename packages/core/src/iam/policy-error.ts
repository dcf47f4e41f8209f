import type { PolicyIssue } from './types.js';

const BRAND = Symbol.for('secretref.PolicyParseError');

function formatIssues(issues: readonly PolicyIssue[]): string {
  const lines = issues.map((issue) => `  - ${issue.path === '' ? '(document)' : issue.path}: ${issue.message}`);
  const noun = issues.length === 1 ? 'problem' : 'problems';
  return `[MALFORMED_POLICY] The policy document has ${issues.length} ${noun}:\n${lines.join('\n')}`;
}

/** Thrown by `parsePolicy` with every problem found in the document (not just the first). */
export class PolicyParseError extends Error {
  readonly code = 'MALFORMED_POLICY' as const;
  readonly issues: readonly PolicyIssue[];

  constructor(issues: readonly PolicyIssue[]) {
    super(formatIssues(issues));
    this.name = 'PolicyParseError';
    this.issues = issues;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Brand check that survives the ESM/CJS dual-package hazard (unlike `instanceof`). */
  static isInstance(value: unknown): value is PolicyParseError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}
