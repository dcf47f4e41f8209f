export { secretref } from './secretref.js';
export type { SecretrefResult } from './secretref.js';
export { healthRouter } from './health-router.js';
export type { HealthRouterOptions, SecretrefHealthBody } from './health-router.js';
export { getSecretrefState } from './app-state.js';
export type { SecretrefState, ExpressAppLike } from './app-state.js';
export type { SecretrefOptions, BootLogger, ResolvedVariables } from './options.js';
export { SecretResolutionError, isSecretResolutionError } from '@secretref/core';
export type { ResolutionReport, SecretIssue } from '@secretref/core';
