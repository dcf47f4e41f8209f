import { Logger } from '@nestjs/common';
import { formatReport, type ResolutionReport } from '@secretref/core';
import { loadEnv } from '@secretref/env';
import { asBootError } from './boot-error.js';
import { SECRETREF_LOGGER_CONTEXT } from './secretref.constants.js';
import type { SecretrefConfigModuleOptions, SecretrefModuleOptions } from './secretref-options.interface.js';
import { splitOptions } from './split-options.js';

export interface ProcessEnvResolution {
  report: ResolutionReport;
  /** The options left for ConfigModule. */
  config: SecretrefConfigModuleOptions;
}

/**
 * Reads the env files, resolves every reference they define and every reference already in
 * process.env in one batched resolution, then writes process.env in one step: file values where the
 * environment has none (or all, with `override`), and a resolved value over every placeholder.
 * On failure nothing is written and the SecretResolutionError is rethrown, logged-once-ready.
 */
export async function resolveProcessEnv(options: SecretrefModuleOptions): Promise<ProcessEnvResolution> {
  const { resolve, env, config } = splitOptions(options);
  const override = env.override ?? false;
  const files = env.ignoreEnvFile ? [] : toList(env.envFilePath);
  let report: ResolutionReport;
  try {
    // ConfigModule lets the first file win even with `override` (which only concerns process.env);
    // @secretref/env lets the last one win with `override`: reverse the list to keep Nest's rule.
    ({ report } = await loadEnv({ ...resolve, path: override ? [...files].reverse() : files, ignoreMissing: true, override }));
  } catch (error) {
    throw asBootError(error);
  }
  if (env.logReport !== false) logReport(report, env.showResolved ?? false);
  return { report, config };
}

export function logReport(report: ResolutionReport, showResolved: boolean): void {
  const logger = new Logger(SECRETREF_LOGGER_CONTEXT);
  const text = formatReport(report, { showResolved });
  if (report.warnings.length > 0) logger.warn(text);
  else logger.log(text);
}

function toList(path: string | string[] | undefined): string[] {
  if (path === undefined) return ['.env'];
  return Array.isArray(path) ? path : [path];
}
