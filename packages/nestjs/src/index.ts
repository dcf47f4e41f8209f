export { SecretrefModule } from './secretref.module.js';
export { SecretrefService } from './secretref.service.js';
export type { SecretrefHealth } from './secretref.service.js';
export { secretrefLoad } from './secretref.load.js';
export type { SecretrefLoadOptions, SecretrefLoadConfigOptions } from './secretref.load.js';
export { SECRETREF_REPORT, SECRETREF_MODULE_OPTIONS } from './secretref.constants.js';
export type {
  SecretrefModuleOptions,
  SecretrefModuleAsyncOptions,
  SecretrefModuleFactoryOptions,
  SecretrefEnvOptions,
  SecretrefConfigModuleOptions,
} from './secretref-options.interface.js';
export { SecretResolutionError, isSecretResolutionError } from '@secretref/core';
export type { ResolutionReport, SecretIssue } from '@secretref/core';
