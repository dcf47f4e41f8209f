import type { ResolutionReport } from './report.js';

/**
 * The values of the keys a resolution resolved, looked up in `env` (the resolved map, or the
 * process.env it was written to), longest first: what {@link withoutSecretValues} replaces.
 */
export function resolvedValues(report: ResolutionReport, env: Record<string, string | undefined> = process.env): string[] {
  const values = new Set<string>();
  for (const r of report.resolved) {
    const v = env[r.key];
    if (typeof v === 'string' && v !== '') values.add(v);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * For errors thrown by code that ran on resolved values (a user's validation or config factory):
 * validators put values in their messages (Joi: `"X" with value "…" fails to match`, zod's
 * "received …") and in error properties (`details`), and loggers print the whole error object.
 * Returns a plain Error of the same name whose message has every given value replaced by
 * `[secret]`, and nothing else (no cause, no properties, a new stack).
 */
export function withoutSecretValues(error: unknown, values: string[]): Error {
  const text = error instanceof Error ? error.message : String(error);
  const message = values.reduce((t, v) => t.split(v).join('[secret]'), text);
  const clean = new Error(message);
  clean.name = error instanceof Error ? error.name : 'Error';
  return clean;
}
