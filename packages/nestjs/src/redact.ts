import type { ResolutionReport } from '@secretref/core';

/** The values secretref wrote into process.env (the keys of the report's resolved entries). */
export function resolvedValues(report: ResolutionReport, env: NodeJS.ProcessEnv = process.env): string[] {
  const values = new Set<string>();
  for (const r of report.resolved) {
    const v = env[r.key];
    if (typeof v === 'string' && v !== '') values.add(v);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/**
 * Your validation runs on resolved values, and validators put values in their messages (Joi: `"X"
 * with value "…" fails to match the required pattern`) and in error properties (`details`). Nest
 * logs the whole error object. So an error thrown by validation is replaced by a plain Error of the
 * same name whose message has every resolved value replaced by `[secret]`, and nothing else.
 */
export function withoutSecretValues(error: unknown, values: string[]): Error {
  const text = error instanceof Error ? error.message : String(error);
  const message = values.reduce((t, v) => t.split(v).join('[secret]'), text);
  const clean = new Error(message);
  clean.name = error instanceof Error ? error.name : 'Error';
  return clean;
}
