const BRAND = Symbol.for('secretref.EnvFileError');

/** Stable codes of {@link EnvFileError}. */
export type EnvFileErrorCode = 'ENV_FILE_NOT_FOUND' | 'ENV_FILE_UNREADABLE';

/**
 * An env file could not be read: a path given explicitly does not exist, or a file exists but
 * cannot be read (a directory, no permission, …). The message starts with the code, as dotenv's do.
 */
export class EnvFileError extends Error {
  readonly code: EnvFileErrorCode;
  /** Absolute path of the file. */
  readonly path: string;

  constructor(code: EnvFileErrorCode, path: string, detail: string) {
    super(`[${code}] secretref: ${detail}`);
    this.name = 'EnvFileError';
    this.code = code;
    this.path = path;
    Object.defineProperty(this, BRAND, { value: true });
  }

  /** Recognises an instance from any copy of this package (ESM and CJS builds). */
  static isInstance(value: unknown): value is EnvFileError {
    return typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[BRAND] === true;
  }
}

/** `instanceof` that survives the ESM/CJS dual-package hazard. */
export function isEnvFileError(value: unknown): value is EnvFileError {
  return EnvFileError.isInstance(value);
}
