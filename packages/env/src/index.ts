export { loadEnv, resolveEnvFiles, readEnvInput } from './load.js';
export type { LoadEnvOptions, LoadEnvResult, EnvFilesResolution, EnvInput } from './load.js';
export { readEnvFiles, DEFAULT_ENV_FILE } from './files.js';
export type { ReadEnvFilesOptions, EnvFiles } from './files.js';
export { EnvFileError, isEnvFileError } from './errors.js';
export type { EnvFileErrorCode } from './errors.js';
export { envOptionsFrom, ENV_OPTION_NAMES } from './env-options.js';
export type { EnvOptions } from './env-options.js';
