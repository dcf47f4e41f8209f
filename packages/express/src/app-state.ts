import type { ResolutionReport } from '@secretref/core';

/** `app.locals` key of the boot state. */
export const LOCALS_KEY = 'secretref';

/** What `secretref()` leaves in `app.locals.secretref`: the report only, never a value (templates see app.locals). */
export interface SecretrefState {
  /** True when every reference resolved: no issue, no optional key left unset. */
  healthy: boolean;
  report: ResolutionReport;
}

/** The structural slice of an Express 4 or 5 application that secretref uses. */
export interface ExpressAppLike {
  locals: Record<string, any>;
  set(setting: string, value: unknown): unknown;
}

export function stateOf(report: ResolutionReport): SecretrefState {
  const healthy = report.ok && report.issues.length === 0 && report.resolvedReferences === report.references;
  return { healthy, report };
}

/** The boot state of an app, or undefined before `secretref()` ran. */
export function getSecretrefState(app: { locals: Record<string, any> }): SecretrefState | undefined {
  const state: unknown = app.locals[LOCALS_KEY];
  return typeof state === 'object' && state !== null && 'report' in state ? (state as SecretrefState) : undefined;
}
