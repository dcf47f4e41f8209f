import { inspect } from 'node:util';
import { formatReport, type ResolutionReport, type SecretResolutionError } from '@secretref/core';

/** Every text a SecretResolutionError shows the world: message, stack, inspect, JSON. */
export function errorOutputs(e: SecretResolutionError): string[] {
  return [
    e.message,
    String(e.stack),
    inspect(e, { depth: Infinity, showHidden: true }),
    JSON.stringify(e),
    JSON.stringify(e.report),
    formatReport(e.report, { showResolved: true }),
  ];
}

/** Every text a successful resolution's report shows the world. */
export function reportOutputs(report: ResolutionReport): string[] {
  return [JSON.stringify(report), inspect(report, { depth: Infinity, showHidden: true }), formatReport(report, { showResolved: true })];
}

/** The first output that holds `canary`, or undefined. */
export function leak(outputs: string[], canary: string): string | undefined {
  return outputs.find((o) => o.includes(canary));
}
