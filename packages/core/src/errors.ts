import type { SecretIssue } from './codes.js';
import { formatReport, type ResolutionReport } from './report.js';

const BRAND = Symbol.for('secretref.SecretResolutionError');

/**
 * Thrown once, after every reference was tried, when any non-optional reference failed.
 * `message` is the formatted boot report; `issues` and `report` hold the same facts as data.
 * It never holds a secret value, an SDK error object, or a response body.
 */
export class SecretResolutionError extends Error {
  readonly code = 'SECRET_RESOLUTION_FAILED' as const;
  readonly issues: SecretIssue[];
  readonly report: ResolutionReport;

  constructor(report: ResolutionReport) {
    super(formatReport(report));
    this.name = 'SecretResolutionError';
    this.issues = report.issues;
    this.report = report;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Recognises an instance from any copy of this package (ESM and CJS builds, two versions). */
  static isInstance(value: unknown): value is SecretResolutionError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }

  /**
   * `util.inspect` (console.log, Nest's and most loggers' error output): the boot report once, without
   * stack frames or a dump of `issues` and `report`. The stack is still on `error.stack`.
   */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.name}: ${this.message}`;
  }

  toJSON(): { name: string; code: string; message: string; issues: SecretIssue[]; report: ResolutionReport } {
    return { name: this.name, code: this.code, message: this.message, issues: this.issues, report: this.report };
  }
}

/** `instanceof` that survives the ESM/CJS dual-package hazard. */
export function isSecretResolutionError(value: unknown): value is SecretResolutionError {
  return SecretResolutionError.isInstance(value);
}
